"""Broken question sets through `assistant eval` (issue 7): the message names the line and
the field, the exit code is 2, nothing is half-written, and there is never a traceback.
"""

from __future__ import annotations

import json
import os
import re
import signal
import threading
from pathlib import Path
from typing import Any

import pytest

from cli_helpers import run
from test_llm_client import misbehaving  # noqa: F401  (the fake server fixture)

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


@pytest.mark.parametrize("broken", ['{"id": "q2", "question": "塔西佗陷阱?", "gold": ["塔西佗"],}',
                                    '{"id": "q2", "question": "塔西佗陷阱?", "gold": ["塔西佗", ]}'])
def test_trailing_comma_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str], broken: str) -> None:
    err = eval_bad(tmp_path, capsys, line(GOOD) + "\n" + broken + "\n")
    assert "第 2 行" in err and "多了逗号" in err


def test_misspelt_field_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    qs = tmp_path / "set.jsonl"
    qs.write_text(line({**GOOD, "answer_contain": ["塔西佗"], "note": "kept"}) + "\n", encoding="utf-8")
    code, _, err = run(capsys, "eval", str(qs))
    assert code == 0, err
    warnings = [w for w in err.splitlines() if "不认识" in w]
    assert len(warnings) == 1 and "answer_contain" in warnings[0] and "“answer_contains”" in warnings[0]


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
    # (refused with its message, as ask refuses it: the assistant declined, which is right of a
    # question whose speeches hold no answer)
    punct = records["punct"]
    assert punct["error"] is None and punct["abstained"] and CJK.search(punct["answer"]) and "标点" in punct["answer"]
    assert punct["metrics"]["abstained_correctly"]
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


# ---- issue 15: reports, --compare, --llm failures, Ctrl-C, pipes, scale ----------------------

ROOT = Path(__file__).resolve().parent.parent
SET3 = [GOOD, {"id": "q2", "question": "什么是四风问题?", "gold": []},
        {"id": "q3", "question": "作风建设的意义?", "gold": ["作风"]}]


def write_set(tmp_path: Path, objs: list[dict[str, object]] = SET3) -> Path:
    qs = tmp_path / "set.jsonl"
    qs.write_text("".join(line(o) + "\n" for o in objs), encoding="utf-8")
    return qs


@pytest.fixture()
def no_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """The run must not start: loading the engine is a failure of the test."""
    from assistant.cli import eval as eval_command

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the run started")
    monkeypatch.setattr(eval_command, "load_engine", refuse)


def test_a_failed_report_write_keeps_the_earlier_report(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                         isolated_cache: Path) -> None:
    # A nearly full disk, made real: the child may write no file beyond 4 KB (RLIMIT_FSIZE).
    import resource
    import signal
    import subprocess
    import sys

    qs, report = write_set(tmp_path), tmp_path / "run.json"
    code, _, err = run(capsys, "eval", str(qs), "--lexical", "--json", str(report))   # also warms the cache
    assert code == 0, err
    before = report.read_bytes()
    assert len(before) > 4096

    def small_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)        # EFBIG instead of a core dump
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    p = subprocess.run([sys.executable, "-m", "assistant", "eval", str(qs), "--lexical", "--json", str(report)],
                       cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200"},
                       preexec_fn=small_disk, capture_output=True, text=True, timeout=120)
    assert p.returncode == 2 and "无法写入" in p.stderr and "Traceback" not in p.stderr, p.stderr
    assert report.read_bytes() == before                    # whole, still the earlier run
    assert sorted(f.name for f in tmp_path.iterdir()) == ["run.json", "set.jsonl"]   # no temp file left


@pytest.mark.parametrize("content, expected", [
    ("{not json", "不是合法的 JSON(第 1 行:键名要用双引号括起来)"),   # json's message in Chinese
    ('{"overall": []}', "summary"),
    ('{"summary": {"overall": []}, "questions": []}', "summary.overall"),
    ('{"summary": {"overall": {"hit@1": "高"}}, "questions": []}', "hit@1"),
    ('{"summary": {}, "questions": [{"metrics": {}}]}', "id"),
    ('{"summary": {}, "questions": [{"id": "q1", "metrics": []}]}', "metrics"),
    ('{"summary": {}, "questions": [], "meta": []}', "meta"),
    ("[" * 100_000 + "]" * 100_000, "嵌套"),
], ids=["malformed", "no-summary", "overall-list", "metric-text", "no-id", "metrics-list", "meta-list", "deep"])
def test_compare_file_is_checked_before_the_run(tmp_path: Path, capsys: pytest.CaptureFixture[str], no_run: None,
                                                content: str, expected: str) -> None:
    old = tmp_path / "old.json"
    old.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "eval", str(write_set(tmp_path)), "--compare", str(old),
                         "--json", str(tmp_path / "new.json"))
    assert code == 2 and "Traceback" not in out + err
    assert len(err.strip().splitlines()) == 1 and expected in err and str(old) in err
    assert not (tmp_path / "new.json").exists()


def test_unwritable_report_path_fails_before_the_run(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                     no_run: None) -> None:
    # /proc takes no new files, even for root (a chmod'ed folder would not stop root).
    if not Path("/proc/self").is_dir():
        pytest.skip("needs Linux /proc")
    for flag in ("--json", "--markdown"):
        code, out, err = run(capsys, "eval", str(write_set(tmp_path)), flag, "/proc/assistant-report.out")
        assert code == 2 and "无法写入" in err and flag in err and "Traceback" not in err
    code, out, err = run(capsys, "eval", str(write_set(tmp_path)), "--json", str(tmp_path))
    assert code == 2 and "目录" in err


def test_huge_gold_snippet_is_not_echoed_whole(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    huge = "不存在的句子" * (10_000_000 // 6)         # 10 million characters
    qs = write_set(tmp_path, [GOOD, {"id": "huge", "question": "作风建设?", "gold": [huge]}])
    code, out, err = run(capsys, "eval", str(qs), "--lexical")
    warning = next(w for w in err.splitlines() if "huge" in w)
    assert code == 0 and "…" in warning and len(warning) < 300


@pytest.mark.parametrize("argv", [["ask", "什么是塔西佗陷阱?"], ["ask", "--json", "什么是塔西佗陷阱?"],
                                  ["show", "2.21"], ["eval", "SET", "--lexical"],
                                  ["eval", "SET", "--lexical", "--json", "OUT"]])
def test_closed_pipe_exits_quietly(tmp_path: Path, isolated_cache: Path, argv: list[str]) -> None:
    """`assistant … | head -1`: the reader is gone before anything is printed."""
    import subprocess
    import sys

    out = tmp_path / "run.json"
    argv = [str(write_set(tmp_path)) if a == "SET" else str(out) if a == "OUT" else a for a in argv]
    p = subprocess.Popen([sys.executable, "-m", "assistant", *argv], cwd=ROOT, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert p.stdout is not None and p.stderr is not None
    p.stdout.close()
    err = p.stderr.read().decode("utf-8", "replace")
    assert p.wait(timeout=120) == 0, err
    assert "Error" not in err and "Traceback" not in err
    if argv[0] == "eval" and "--json" in argv:
        assert len(json.loads(out.read_text(encoding="utf-8"))["questions"]) == 3   # still written


def _refused_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])      # closed again: nothing listens there


@pytest.mark.parametrize("endpoint", ["refused", "http-500"])
def test_eval_llm_against_a_dead_endpoint_is_an_error_run(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                          misbehaving: Any, endpoint: str) -> None:
    if endpoint == "refused":
        base = f"http://127.0.0.1:{_refused_port()}/v1"
    else:
        body = b'{"error": {"message": "model crashed"}}'
        base = misbehaving([b"HTTP/1.1 500 Internal Server Error\r\ncontent-type: application/json\r\n"
                            + f"content-length: {len(body)}\r\nconnection: close\r\n\r\n".encode() + body]).base_url
    report = tmp_path / "run.json"
    code, out, err = run(capsys, "eval", str(write_set(tmp_path)), "--lexical", "--llm", "--base-url", base,
                         "--model", "m", "--json", str(report), "--fail-under", "hit@1=0")
    data = json.loads(report.read_text(encoding="utf-8"))
    records = {r["id"]: r for r in data["questions"]}
    # q1 and q3 needed the model; q2 is unanswerable, rightly abstained without it.
    assert records["q1"]["error"].startswith("大模型未作答") and records["q3"]["error"]
    # The record's note comes after nothing it could introduce: no 以下为抽取式回答.
    assert records["q1"]["error"].endswith(";已改用抽取式回答。") and "以下" not in json.dumps(records, ensure_ascii=False)
    assert records["q2"]["error"] is None and records["q2"]["abstained"]
    assert data["meta"]["llm_failures"] == 2 and data["summary"]["overall"]["errors"] == 2
    assert "运行出错 2 题" in out
    assert "不是大模型给出的" in err and code == 1            # hit@1 ≥ 0 holds, the gate still fails
    code, out, err = run(capsys, "eval", str(write_set(tmp_path)), "--lexical", "--llm", "--base-url", base,
                         "--model", "m")
    assert code == 0 and "不是大模型给出的" in err             # no gate: a warning, not a failure


def _completion_reply(text: str) -> bytes:
    body = json.dumps({"choices": [{"index": 0, "finish_reason": "stop",
                                    "message": {"role": "assistant", "content": text}}]},
                      ensure_ascii=False).encode()
    return (b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
            + f"content-length: {len(body)}\r\nconnection: close\r\n\r\n".encode() + body)


class _CtrlCOnRequest(threading.Event):
    """Stands in for the fake server's stop event: its first wait (the server stalling a reply)
    first presses Ctrl-C in this process, as a user would while the model is slow."""

    def __init__(self, after: int) -> None:
        super().__init__()
        self.waits = after

    def wait(self, timeout: float | None = None) -> bool:
        self.waits -= 1
        if self.waits == 0:
            os.kill(os.getpid(), signal.SIGINT)
        return super().wait(timeout)


@pytest.mark.parametrize("llm", [True, False])
def test_ctrl_c_stops_eval_and_writes_a_partial_report(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch, misbehaving: Any,
                                                       llm: bool) -> None:
    """q1 is answered, Ctrl-C comes while q3 is being asked: exit 130, the report holds q1 and q2."""
    report, md = tmp_path / "run.json", tmp_path / "run.md"
    report.write_text("earlier report", encoding="utf-8")
    extra: list[str] = []
    if llm:
        # Each request sleeps 0.01 s before its reply; the second request (q3's) is where Ctrl-C comes.
        server = misbehaving([0.01, _completion_reply("古罗马历史学家塔西陀提出了这样一个理论。[1]")])
        server.stop = _CtrlCOnRequest(after=2)
        extra = ["--llm", "--base-url", server.base_url, "--model", "m", "--timeout", "30"]
    else:
        from assistant.engine import Engine

        real = Engine.ask

        def ask(self: Any, question: str, **kw: Any) -> Any:
            if question == SET3[2]["question"]:
                os.kill(os.getpid(), signal.SIGINT)     # handled at once, inside this call
            return real(self, question, **kw)
        monkeypatch.setattr(Engine, "ask", ask)
    code, out, err = run(capsys, "eval", str(write_set(tmp_path)), "--lexical", *extra,
                         "--json", str(report), "--markdown", str(md))
    assert code == 130, err
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["meta"]["incomplete"] is True
    assert data["meta"]["n_questions"] == 2 and data["meta"]["n_planned"] == 3
    assert [r["id"] for r in data["questions"]] == ["q1", "q2"]
    assert data["questions"][0]["error"] is None
    if llm:
        assert data["questions"][0]["mode"] == "llm:m"
    assert "未完成" in md.read_text(encoding="utf-8") and "2 / 3" in err


def test_ctrl_c_before_any_question_keeps_the_earlier_report(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.engine import Engine

    def ask(self: Any, question: str, **kw: Any) -> Any:
        raise KeyboardInterrupt
    monkeypatch.setattr(Engine, "ask", ask)
    report = tmp_path / "run.json"
    report.write_text("earlier report", encoding="utf-8")
    code, out, err = run(capsys, "eval", str(write_set(tmp_path)), "--lexical", "--json", str(report))
    assert code == 130 and "Traceback" not in err
    assert report.read_text(encoding="utf-8") == "earlier report"


def test_json_report_is_streamed_not_built_in_memory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Writing --json costs little memory beside the run itself: the report is never one string."""
    import tracemalloc

    qs = tmp_path / "set.jsonl"
    qs.write_text("".join(line({**SET3[i % 3], "id": f"q{i}"}) + "\n" for i in range(150)), encoding="utf-8")
    run(capsys, "eval", str(qs), "--lexical")           # warm: caches filled before measuring
    peaks = []
    for extra in ([], ["--json", str(tmp_path / "run.json")]):
        tracemalloc.start()
        code, _, err = run(capsys, "eval", str(qs), "--lexical", *extra)
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        assert code == 0, err
    size = (tmp_path / "run.json").stat().st_size
    assert size > 1_000_000
    assert peaks[1] - peaks[0] < size / 4, (peaks, size)


def test_record_spool_keeps_records_in_memory_when_the_disk_fills(monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.cli.eval_files import RecordSpool

    spool = RecordSpool()
    records = [{"id": f"q{i}", "hits": [{"text": "作风" * 50}], "metrics": {"hit@1": 1.0}} for i in range(5)]
    slim = [spool.keep(r) for r in records[:2]]
    real = spool._file

    class FullDisk:
        """The spool's file once the temporary folder is full: one partial write, then ENOSPC."""
        writes = 0
        truncate, fileno, close = real.truncate, real.fileno, real.close

        def write(self, data: bytes) -> int:
            self.writes += 1
            if self.writes == 1:
                return real.write(bytes(data)[:7])
            raise OSError(28, "No space left on device")
    monkeypatch.setattr(spool, "_file", FullDisk())
    slim += [spool.keep(r) for r in records[2:]]
    assert slim[3] == {"id": "q3", "metrics": {"hit@1": 1.0}}          # only what the summary reads
    assert list(spool) == records and list(spool) == records           # in order, whole, twice
    spool.close()


def test_json_report_to_dev_stdout_is_written_in_place(tmp_path: Path, isolated_cache: Path) -> None:
    """A device is no file to rename over: `--json /dev/stdout` writes into the pipe, as before."""
    import subprocess
    import sys

    if not Path("/dev/stdout").exists():
        pytest.skip("needs /dev/stdout")
    p = subprocess.run([sys.executable, "-m", "assistant", "eval", str(write_set(tmp_path)), "--lexical",
                        "--json", "/dev/stdout"], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                       capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert p.returncode == 0, p.stderr
    report = json.loads(p.stdout[p.stdout.index('{\n  "meta"'):])
    assert [r["id"] for r in report["questions"]] == ["q1", "q2", "q3"]
