"""Broken question sets through `assistant eval` (issue 7): the message names the line and
the field, the exit code is 2, nothing is half-written, and there is never a traceback.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from cli_helpers import run

CJK = re.compile(r"[\u4e00-\u9fff]")
GOOD = {"id": "q1", "question": "什么是塔西佗陷阱?", "gold": ["塔西佗陷阱"]}


def line(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False)




@pytest.fixture(autouse=True)
def wide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "400")


def eval_bad(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, *extra: str) -> str:
    qs = tmp_path / "set.jsonl"
    qs.write_text(text, encoding="utf-8")
    out_json = tmp_path / "out.json"
    code, out, err = run(capsys, "eval", str(qs), "--json", str(out_json), *extra)
    assert code == 2, (out, err)
    assert "Traceback" not in out + err
    assert "错误" in err and str(qs) in err.replace("\n", "")
    assert not out_json.exists()          # nothing written from a set that was refused
    return err.replace("\n", " ")


@pytest.mark.parametrize("n", [1, 2, 7])
def test_malformed_json_names_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], n: int) -> None:
    lines = [line({**GOOD, "id": f"q{i}"}) for i in range(1, 8)]
    lines[n - 1] = '{"id": "broken", "question": "少了引号, "gold": []}'
    err = eval_bad(tmp_path, capsys, "\n".join(lines) + "\n")
    assert f"第 {n} 行" in err and "JSON" in err
    assert len(re.findall(r"第 \d+ 行", err)) == 1   # only the broken line is blamed


def test_truncated_last_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = line(GOOD) + "\n" + line({**GOOD, "id": "q2"})[:20]    # an editor crash mid-save
    assert "第 2 行" in eval_bad(tmp_path, capsys, text)


@pytest.mark.parametrize("obj, expected", [
    ({"question": "作风建设?", "gold": []}, "缺少必填字段“id”"),
    ({"id": "a", "gold": []}, "缺少必填字段“question”"),
    ({"id": "a", "question": "作风建设?"}, "缺少必填字段“gold”"),
    ({"id": 7, "question": "作风建设?", "gold": []}, "“id”"),
    ({"id": "a", "question": "", "gold": []}, "不能为空"),
    ({"id": "a", "question": "作风建设?", "gold": "作风"}, "字符串列表"),
    ({"id": "a", "question": "作风建设?", "gold": [""]}, "空字符串"),
    (["a", "b"], "应为一个对象"),
])
def test_missing_or_wrong_fields(tmp_path: Path, capsys: pytest.CaptureFixture[str], obj: object,
                                 expected: str) -> None:
    err = eval_bad(tmp_path, capsys, line(GOOD) + "\n" + line(obj) + "\n")
    assert "第 2 行" in err and expected in err


def test_duplicate_ids_name_both_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "\n".join([line(GOOD), line({**GOOD, "id": "q2"}), "", line({**GOOD, "question": "又一个问题?"})])
    err = eval_bad(tmp_path, capsys, text)
    assert "q1" in err and "重复" in err and "第 4 行" in err and "第 1 行" in err


def test_lone_surrogate_escape(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Valid JSON, but "\ud800" is no character: the set must be refused, not crash the report.
    text = line(GOOD) + "\n" + '{"id": "s", "question": "\\ud800塔西佗陷阱", "gold": ["塔西佗"]}\n'
    err = eval_bad(tmp_path, capsys, text)
    assert "第 2 行" in err and "Unicode" in err


@pytest.mark.parametrize("text, expected", [("", "没有任何问题"), ("# 只有注释\n\n", "没有任何问题")])
def test_empty_sets(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, expected: str) -> None:
    assert expected in eval_bad(tmp_path, capsys, text)


def test_set_that_is_not_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    qs = tmp_path / "set.jsonl"
    qs.write_bytes(line(GOOD).encode("gbk"))
    code, out, err = run(capsys, "eval", str(qs))
    assert code == 2 and "UTF-8" in err and "Traceback" not in err


def test_many_problems_are_listed_with_a_cap(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = eval_bad(tmp_path, capsys, "".join("{bad\n" for _ in range(50)))
    assert "50 处错误" in err and "第 1 行" in err and "另有 30 处" in err


def test_gold_that_matches_nothing_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    qs = tmp_path / "set.jsonl"
    qs.write_text("\n".join([
        line(GOOD),
        line({"id": "broken-gold", "question": "墨子号卫星?", "gold": ["墨子号量子卫星", "塔西佗 陷阱"]}),
        line({"id": "typo", "question": "塔西佗陷阱?", "gold": ["塔西陀陷井"]}),
    ]) + "\n", encoding="utf-8")
    out_json, out_md = tmp_path / "run.json", tmp_path / "run.md"
    code, out, err = run(capsys, "eval", str(qs), "--json", str(out_json), "--markdown", str(out_md))
    assert code == 0, err
    warnings = [w for w in err.splitlines() if "gold 片段" in w]
    assert len(warnings) == 2, err
    assert "broken-gold" in warnings[0] and "墨子号量子卫星" in warnings[0]
    assert "typo" in warnings[1] and "塔西陀陷井" in warnings[1]
    assert "塔西佗 陷阱" not in err          # white space is ignored: this gold does match
    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert data["meta"]["unmatched_gold"] == [["broken-gold", "墨子号量子卫星"], ["typo", "塔西陀陷井"]]
    md = out_md.read_text(encoding="utf-8")
    assert "墨子号量子卫星" in md and "找不到" in md


def test_unsearchable_question_is_recorded_not_fatal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    qs = tmp_path / "set.jsonl"
    qs.write_text("\n".join([line({"id": "punct", "question": "???", "gold": []}), line(GOOD)]) + "\n",
                  encoding="utf-8")
    out_json = tmp_path / "run.json"
    code, out, err = run(capsys, "eval", str(qs), "--json", str(out_json))
    assert code == 0 and "Traceback" not in out + err
    records = {r["id"]: r for r in json.loads(out_json.read_text(encoding="utf-8"))["questions"]}
    assert CJK.search(records["punct"]["error"]) and "标点" in records["punct"]["error"]
    assert records["q1"]["error"] is None and records["q1"]["citations"]


def test_eval_llm_with_a_broken_config_file(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[llm]\nbase_url = 5\n", encoding="utf-8")
    monkeypatch.setenv("ASSISTANT_CONFIG", str(config))
    qs = tmp_path / "set.jsonl"
    qs.write_text(line(GOOD) + "\n", encoding="utf-8")
    for extra in ([], ["--base-url", "ftp://127.0.0.1/v1", "--model", "m"]):
        if extra:
            config.unlink(missing_ok=True)
        code, out, err = run(capsys, "eval", str(qs), "--llm", *extra)
        assert code == 2 and "Traceback" not in out + err, err
        assert "错误" in err and CJK.search(err)
    assert "http://" in err
