"""The note on an LLM that could not answer reads right where it stands.

Above the extractive answer (``ask --llm``, the TUI, Markdown exports) it ends with
以下为抽取式回答。 on a line of its own after the problem; after the answer (``--json``
notes, an eval record) it says 已改用抽取式回答。 and never 以下.
"""

from __future__ import annotations

import json
import socket

import pytest
from cli_helpers import run

from assistant.results import fallback_note, fallback_problem, note_above_answer

QUESTION = "什么是塔西佗陷阱?"
ANSWER_START = "要警惕塔西佗陷阱"


def refused_base_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])   # closed again: nothing listens there
    return f"http://127.0.0.1:{port}/v1"


def test_ask_llm_down_says_the_problem_then_what_follows_then_the_answer(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "ask", QUESTION, "--llm", "--base-url", refused_base_url(), "--model", "x")
    assert code == 0, err
    lines = [line.strip() for line in out.splitlines()]
    problem = next(i for i, line in enumerate(lines) if "连接被拒绝" in line)
    follows = lines.index("以下为抽取式回答。")
    answer = next(i for i, line in enumerate(lines) if ANSWER_START in line)
    assert problem < follows < answer, out
    assert not lines[problem].endswith("以下为抽取式回答。"), out
    assert out.count("以下为抽取式回答") == 1, out


@pytest.mark.parametrize("model", [True, False])
def test_ask_llm_json_notes_come_after_the_answer_and_say_no_以下(capsys: pytest.CaptureFixture[str],
                                                                  model: bool) -> None:
    # With a model the chat call fails; without one the model list cannot be read.
    argv = ["ask", QUESTION, "--llm", "--base-url", refused_base_url(), "--json"] + (["--model", "x"] if model else [])
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    notes = json.loads(out)["notes"]
    assert any("连接被拒绝" in n and n.endswith(";已改用抽取式回答。") for n in notes), notes
    assert not any("以下" in n for n in notes), notes


def test_ask_llm_json_without_an_endpoint_says_no_以下(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "ask", QUESTION, "--llm", "--json")
    notes = json.loads(out)["notes"]
    assert code == 0 and any(n.startswith("未配置大模型接口,已改用抽取式回答。") for n in notes), notes
    assert not any("以下" in n for n in notes), notes


def test_ask_llm_without_an_endpoint_puts_what_follows_on_a_line_of_its_own(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "ask", QUESTION, "--llm")
    lines = [line.strip() for line in err.splitlines()]
    assert code == 0 and lines[0].startswith("提示:未配置大模型接口。") and lines[-1] == "以下为抽取式回答。", err
    assert ANSWER_START in out


def test_a_fallback_note_is_worded_for_where_it_stands() -> None:
    note = fallback_note("大模型接口 http://127.0.0.1:9/v1 无法连接(连接被拒绝,服务是否已启动?)")
    assert note.endswith(")" + ";已改用抽取式回答。") and fallback_problem(note) is not None
    assert note_above_answer(note).endswith(");以下为抽取式回答。")
    # A conversation saved with the older wording is still recognised.
    old = "接口出错;以下为抽取式回答。"
    assert fallback_problem(old) == "接口出错" and note_above_answer(old) == old
    assert fallback_problem("示例注释") is None and note_above_answer("示例注释") == "示例注释"
    assert fallback_note("问题。").endswith("问题;已改用抽取式回答。")
