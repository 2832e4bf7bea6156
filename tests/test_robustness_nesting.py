"""Input built to exhaust the parser (issue 15, item 5): deeply nested JSON and YAML, YAML
alias bombs ("billion laughs"), an endless stdin. Each gets one message, fast, and never a
traceback.
"""

from __future__ import annotations

import io
import json
import sys
import time
from pathlib import Path

import pytest

from assistant.cli import EXIT_INPUT
from assistant.conversation import ConversationError, list_conversations, load_conversation
from assistant.question_sets import QuestionSetError, load_conversations, load_questions
from cli_helpers import run

GOOD = '{"id": "q1", "question": "什么是塔西佗陷阱?", "gold": ["塔西佗陷阱"]}'
DEEP_JSON = "[" * 100_000 + "]" * 100_000
# 457 bytes that stand for 9^9 strings once the aliases are expanded.
LAUGHS = ('a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
          + "".join(f"{n}: &{n} [{','.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi"))
          + 'questions: [{id: x, question: "塔西佗陷阱?", gold: *i}]\n')


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("COLUMNS", "400")


def problems(path: Path, loader=load_questions) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(QuestionSetError) as e:
        loader(path)
    return str(e.value)


@pytest.mark.parametrize("line", [DEEP_JSON, '{"id": "x", "question": "q", "gold": [], "extra": ' + "[" * 40 + "]" * 40 + "}"],
                         ids=["100k-brackets", "40-deep-field"])
def test_deeply_nested_json_line(tmp_path: Path, line: str) -> None:
    path = tmp_path / "q.jsonl"
    path.write_text(GOOD + "\n" + line + "\n", encoding="utf-8")
    said = problems(path)
    assert "第 2 行" in said and "嵌套层数过深" in said
    assert "第 2 行" in problems(path, load_conversations)


def test_deeply_nested_yaml(tmp_path: Path) -> None:
    path = tmp_path / "q.yaml"
    path.write_text("- " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    assert "嵌套层数过深" in problems(path)


def test_billion_laughs_is_refused_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "*i" in LAUGHS and len(LAUGHS.encode()) < 600
    path = tmp_path / "laughs.yaml"
    path.write_text(LAUGHS, encoding="utf-8")
    t0 = time.monotonic()
    said = problems(path)
    assert time.monotonic() - t0 < 2 and "别名" in said
    code, out, err = run(capsys, "eval", str(path))
    assert code == 2 and "别名" in err and "Traceback" not in err


def test_anchor_free_yaml_still_loads(tmp_path: Path) -> None:
    path = tmp_path / "q.yaml"
    path.write_text("questions:\n  - id: q1\n    question: 什么是塔西佗陷阱?\n    gold: [塔西佗陷阱]\n", encoding="utf-8")
    assert [q.id for q in load_questions(path)] == ["q1"]


def test_deeply_nested_conversation_file(tmp_path: Path) -> None:
    for name, text in [("deep.json", DEEP_JSON),
                       ("exchanges.json", '{"id": "c", "exchanges": [' + DEEP_JSON + "]}")]:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ConversationError):
            load_conversation(path)
    found, said = list_conversations(tmp_path)
    assert found == [] and sorted(said) == ["无法读取 deep.json,已跳过", "无法读取 exchanges.json,已跳过"]


class EndlessStdin(io.TextIOBase):
    """A pipe that never ends: reading it whole is what the fix must not do."""

    def read(self, n: int | None = -1) -> str:
        if n is None or n < 0:
            raise MemoryError("read all of an endless stdin")
        return "作" * n

    def readable(self) -> bool:
        return True


def test_endless_stdin_is_refused_as_too_long(capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", EndlessStdin())
    code, out, err = run(capsys, "ask", "-")
    assert code == EXIT_INPUT and out == "" and "太长" in err and "2000" in err and "Traceback" not in err
    monkeypatch.setattr(sys, "stdin", io.StringIO("塔" * 1999 + "?"))   # exactly at the limit: accepted
    code, out, err = run(capsys, "ask", "--json", "--lexical", "-")
    assert code == 0, err
    assert json.loads(out)["question"].endswith("?")
