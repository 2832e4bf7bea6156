"""Parse errors in a question set or the config file, said in Chinese that does not mislead."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.config import ConfigError, load_config
from assistant.parser_messages import PARSER_SAYS, toml_detail, yaml_detail
from assistant.question_sets import QuestionSetError, load_questions

GOOD = {"id": "q1", "question": "什么是塔西佗陷阱?", "gold": ["塔西佗陷阱"]}


def problems(tmp_path: Path, name: str, text: str) -> list[str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(QuestionSetError) as e:
        load_questions(path)
    return e.value.problems


def set_with_line_4(line: str) -> str:
    lines = [json.dumps({**GOOD, "id": f"q{i}"}, ensure_ascii=False) for i in range(1, 6)]
    lines[3] = line
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("line", [
    '{"id": "q4", "question": "什么是塔西佗陷阱?", "gold": ["塔西佗陷阱"]',    # no closing }
    '{"id": "q4", "question": "什么是塔西佗陷阱?", "gold": ["塔西佗陷阱"',     # nor ]
    '{"id": "q4", "question": "什么是塔西佗陷阱?",',
])
def test_a_line_missing_its_closing_brace_is_not_said_to_miss_a_comma(tmp_path: Path, line: str) -> None:
    found = problems(tmp_path, "set.jsonl", set_with_line_4(line))
    assert len(found) == 1 and found[0].startswith("第 4 行:不是合法的 JSON"), found
    assert "缺少 } 或 ]" in found[0] and "逗号" not in found[0] and "键名" not in found[0], found


def test_a_comma_missing_inside_a_line_keeps_its_column(tmp_path: Path) -> None:
    found = problems(tmp_path, "set.jsonl", set_with_line_4('{"id": "q4" "question": "问?", "gold": []}'))
    assert found == ["第 4 行:不是合法的 JSON(缺少逗号,第 13 列)"], found


@pytest.mark.parametrize("text, line, says", [
    ("- id: a\n  question: [unclosed\n  gold: [y]\n", 2, "缺少逗号或 ]"),
    ("- id: a\n  question: 好\n\tgold: [x]\n", 3, "制表符"),
    ("- id: a\n  question: 好: 坏\n  gold: [x]\n", 2, "冒号要加引号"),
])
def test_a_yaml_error_is_said_in_chinese_at_its_line(tmp_path: Path, text: str, line: int, says: str) -> None:
    found = problems(tmp_path, "set.yaml", text)
    assert found[0].startswith(f"第 {line} 行:不是合法的 YAML") and says in found[0], found
    assert not any(word in found[0] for word in ("expected", "found", "mapping", "token")), found


@pytest.mark.parametrize("body, at, says", [
    ('[llm]\nbase_url = "http://127.0.0.1:8080/v1\nmodel = "m"\n', "第 2 行第 37 列", "缺少引号"),
    ('[llm]\nmodel = m\n', "第 2 行第 9 列", "字符串要加引号"),
    ('[llm]\nstop = ["a", "b"\n', "文件末尾", "缺少 ]"),
    ('[llm]\nmodel = "m"\nmodel = "n"\n', "第 3 行第 12 列", "同一个键写了两次"),
])
def test_a_toml_error_is_said_in_chinese_at_its_place(tmp_path: Path, body: str, at: str, says: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_config(env={}, path=path)
    message = str(e.value)
    assert f"不是有效的 TOML({at}" in message and says in message, message
    assert not any(word in message for word in ("Illegal", "Invalid", "Unclosed", "Cannot", "(at ")), message


def test_a_message_without_a_translation_is_marked_as_the_parsers() -> None:
    assert toml_detail("Some new complaint") == PARSER_SAYS + "Some new complaint"
    assert yaml_detail("while doing something odd") == PARSER_SAYS + "while doing something odd"
    assert yaml_detail("问题集不支持 YAML 别名(*名称)与锚点") == "问题集不支持 YAML 别名(*名称)与锚点"
