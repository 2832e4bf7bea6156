"""Hostile and odd questions (issue 7): through ``Engine.ask``, ``assistant ask`` in-process
and a few real processes. Every question either gets an answer (where the speeches have
one) or a one-line Chinese message with a non-zero exit; never a traceback.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.cli import EXIT_INPUT
from assistant.engine import Engine, QuestionError
from assistant.text_helpers import without_emoji, without_invisible, without_terminal_control
from cli_helpers import run

ROOT = Path(__file__).resolve().parent.parent
CJK = re.compile(r"[\u4e00-\u9fff]")
TACITUS = "2.21"

# Questions no search can serve: each must be refused with a Chinese message.
REFUSED = {
    "empty": "",
    "spaces": "   ",
    "ideographic-space-and-tabs": "\u3000\t\n\u3000",
    "punctuation": "?!。,…——",
    "brackets": "【】《》「」",
    "emoji-only": "😀🎉👍",
    "rtl-marks-only": "\u200f\u202e\u200e\u2067",
    "control-only": "\x00\x07\x1b\x7f",
    "100k-characters": "塔西佗陷阱" + "作" * 99_995,
    "100k-mixed": ("Tacitus 塔西佗 😀 ｗｈａｔ " * 5_000)[:100_000],
    # Bytes that are not UTF-8 reach Python as lone surrogates (surrogateescape).
    "not-utf8-surrogates": "\udcff\udcfe塔西佗陷阱",
}

# Questions that look odd but ask something the speeches answer: 2.21 is the paragraph on
# the Tacitus trap (塔西佗陷阱).
ANSWERED = {
    "traditional": "什麼是塔西佗陷阱?",
    "traditional-full-width-punct": "什麼是塔西佗陷阱？",
    "full-width-latin": "ｗｈａｔ　是塔西佗陷阱？",
    "full-width-digits": "塔西佗陷阱１２３",
    "mixed-scripts": "What is 塔西佗陷阱 — ловушка Тацита, η παγίδα;",
    "emoji": "😀塔西佗陷阱是什么🤔",
    "control-characters": "塔西\x00佗\x07陷阱\x1b[31m是什么\x7f",
    "rtl-marks": "\u200f塔西佗陷阱\u202e是什么\u200e",
    "zero-width": "塔\u200b西\u200d佗\ufeff陷阱",
    "stray-spaces": "  什么是 塔西佗 陷阱  ",
}


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "400")




# ---- the engine ---------------------------------------------------------------------------
@pytest.mark.parametrize("case", sorted(REFUSED))
def test_engine_refuses_with_chinese_message(engine: Engine, case: str) -> None:
    for call in (engine.ask, engine.search):
        with pytest.raises(QuestionError) as e:
            call(REFUSED[case])
        message = str(e.value)
        assert CJK.search(message), message
        assert "\n" not in message and len(message) < 120   # one short line, not a dump


def test_engine_messages_say_what_is_wrong(engine: Engine) -> None:
    def message(q: str) -> str:
        with pytest.raises(QuestionError) as e:
            engine.ask(q)
        return str(e.value)

    assert "空" in message("   ")
    assert "标点" in message("😀🎉")
    assert "标点" in message("[red]") and "标点" in message("[bold][/]")   # markup alone asks nothing
    assert "太长" in message(REFUSED["100k-characters"]) and "100000" in message(REFUSED["100k-characters"])
    assert "编码" in message(REFUSED["not-utf8-surrogates"])


@pytest.mark.parametrize("case", sorted(ANSWERED))
def test_engine_answers_odd_forms(engine: Engine, case: str) -> None:
    a = engine.ask(ANSWERED[case])
    assert not a.abstained
    assert a.hits[0].unit.id == TACITUS
    assert a.citations and a.citations[0].unit.id == TACITUS
    # escapes, invisible marks and emoji are not what was asked
    assert a.question == without_emoji(without_invisible(without_terminal_control(ANSWERED[case]))).strip()


def test_emoji_and_padding_do_not_change_the_answer(engine: Engine) -> None:
    plain = engine.ask("什么是伪工作")
    for odd in ("😀😀😀什么是伪工作🔥", "什么是伪工作" + " " * 3000):
        a = engine.ask(odd)
        assert a.question == "什么是伪工作" and a.text == plain.text


def test_full_width_digits_name_a_speech(engine: Engine) -> None:
    a = engine.ask("第３篇讲话分为哪几个部分？")
    b = engine.ask("第3篇讲话分为哪几个部分?")
    assert [c.unit.id for c in a.citations] == [c.unit.id for c in b.citations]
    assert a.citations and all(c.unit.speech_no == 3 for c in a.citations)


@pytest.mark.parametrize("question", ["塔", "作", "我", "的", "a", "Ｘ", "1", "?塔", "😀作"])
def test_single_character(engine: Engine, question: str) -> None:
    """One character is a legal question, never a crash; it says too little, so it is declined
    with a note asking for more, even when the character is found everywhere (作)."""
    a = engine.ask(question)
    assert a.abstained and a.citations == [] and a.text
    assert any("只有一个字" in n for n in a.notes), a.notes
    json.dumps(a.to_json(), ensure_ascii=False).encode("utf-8")


def test_just_under_the_length_limit_is_answered(engine: Engine) -> None:
    from assistant.engine import MAX_QUESTION_CHARS

    q = "什么是塔西佗陷阱?" + " " * (MAX_QUESTION_CHARS - 20) + "x"
    assert len(q) <= MAX_QUESTION_CHARS
    a = engine.ask(q)
    assert a.hits[0].unit.id == TACITUS


# ---- assistant ask / search in-process ------------------------------------------------------
@pytest.mark.parametrize("case", sorted(REFUSED))
@pytest.mark.parametrize("json_flag", [False, True])
def test_cli_refuses_with_message_and_exit_code(capsys: pytest.CaptureFixture[str], case: str,
                                                json_flag: bool) -> None:
    argv = ["ask", *(["--json"] if json_flag else []), REFUSED[case]]
    code, out, err = run(capsys, *argv)
    assert code == EXIT_INPUT
    if json_flag:   # one object saying why (not the question again: it may be 100k characters)
        assert json.loads(out) == {"error": err.replace("\n", "").removeprefix("错误:")}
    else:
        assert out == ""
    assert "错误" in err and CJK.search(err)
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("case", ["empty", "emoji-only", "not-utf8-surrogates", "100k-characters"])
def test_cli_search_refuses_too(capsys: pytest.CaptureFixture[str], case: str) -> None:
    code, out, err = run(capsys, "search", REFUSED[case])
    assert code == EXIT_INPUT and out == "" and "错误" in err and "Traceback" not in err


@pytest.mark.parametrize("case", sorted(ANSWERED))
def test_cli_answers_odd_forms(capsys: pytest.CaptureFixture[str], case: str) -> None:
    code, out, err = run(capsys, "ask", "--json", ANSWERED[case])
    assert code == 0, err
    d = json.loads(out)
    assert d["question"] == without_emoji(without_invisible(without_terminal_control(ANSWERED[case]))).strip()
    assert not d["abstained"] and d["citations"][0]["id"] == TACITUS
    code, out, err = run(capsys, "ask", ANSWERED[case])
    assert code == 0 and "塔西佗陷阱" in out and "Traceback" not in out + err
    assert "\x1b" not in out and "\x00" not in out   # nothing of the question drives the terminal


def test_cli_question_from_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("ｗｈａｔ　是塔西佗陷阱？\n"))
    code, out, err = run(capsys, "ask", "--json", "-")
    assert code == 0, err
    assert json.loads(out)["citations"][0]["id"] == TACITUS
    monkeypatch.setattr(sys, "stdin", io.StringIO("   \n"))
    code, out, err = run(capsys, "ask", "-")
    assert code == EXIT_INPUT and "空" in err and "Traceback" not in err


# ---- real processes -------------------------------------------------------------------------
def _assistant(*argv: str | bytes, cache: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, ASSISTANT_CACHE_DIR=str(cache), PYTHONPATH=str(ROOT), COLUMNS="200",
               PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "assistant.cli", *argv], cwd=ROOT, env=env, input=stdin,
                          capture_output=True, timeout=120)


def test_subprocess_odd_questions_answer(isolated_cache: Path) -> None:
    p = _assistant("ask", "--json", ANSWERED["full-width-latin"], cache=isolated_cache)
    assert p.returncode == 0, p.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in p.stderr
    assert json.loads(p.stdout)["citations"][0]["id"] == TACITUS
    p = _assistant("ask", "😀什麼是\u200f塔西佗陷阱\x07?", cache=isolated_cache)
    assert p.returncode == 0 and b"Traceback" not in p.stdout + p.stderr
    assert "塔西佗陷阱" in p.stdout.decode("utf-8")


def test_subprocess_bytes_that_are_not_utf8(isolated_cache: Path) -> None:
    """A GBK terminal sends bytes that are not UTF-8: as an argument and on stdin."""
    gbk = "塔西佗陷阱".encode("gbk")
    for p in (_assistant(b"ask", b"\xff\xfe" + gbk, cache=isolated_cache),
              _assistant("ask", "--json", "-", cache=isolated_cache, stdin=b"\xff\xfe" + gbk)):
        err = p.stderr.decode("utf-8", "replace")
        assert p.returncode == EXIT_INPUT, err
        assert "Traceback" not in err and p.stdout == b""
        assert "编码" in err


def test_subprocess_empty_and_huge(isolated_cache: Path) -> None:
    # 100,000 characters are 300 kB of UTF-8, over Linux's 128 kB limit for one argument:
    # a user pipes such a question in.
    for p in (_assistant("ask", "", cache=isolated_cache),
              _assistant("ask", "-", cache=isolated_cache, stdin=("作" * 100_000).encode("utf-8"))):
        err = p.stderr.decode("utf-8")
        assert p.returncode == EXIT_INPUT and "错误" in err and "Traceback" not in err
    assert "太长" in err


@pytest.mark.parametrize("wrapped", [
    "\x1b[2J\x1b]52;c;aGVsbG8=\x07什么是\x1b[31m墨菲定律\x07?",      # clear screen, clipboard write, colour
    "\x1b[1;31m什么是墨菲定律\x1b[0m?",
    "什么是\x1b]8;;http://example.invalid\x1b\\墨菲定律\x1b]8;;\x1b\\?",  # a hidden link
])
def test_escape_sequences_leave_nothing_of_themselves(engine: Engine, wrapped: str) -> None:
    plain = engine.ask("什么是墨菲定律?")
    a = engine.ask(wrapped)
    assert a.question == "什么是墨菲定律?"
    assert [c.unit.id for c in a.citations] == [c.unit.id for c in plain.citations]


def test_a_corpus_line_keeps_no_part_of_an_escape_sequence(tmp_path: Path) -> None:
    (tmp_path / "s.txt").write_text("作风建设讲话\n同志们\x1b[2J要\x1b]52;c;aGk=\x07抓落实。\n", encoding="utf-8")
    eng = Engine.load([tmp_path], use_cache=False)
    texts = [u.text for u in eng.corpus.units]
    assert "同志们要抓落实。" in texts and not any("[2J" in t or "52;c" in t for t in texts)


@pytest.mark.parametrize("case", ["zero-width", "rtl-marks", "control-characters"])
def test_the_question_is_kept_without_invisible_characters(engine: Engine, case: str) -> None:
    asked = engine.ask(ANSWERED[case]).question
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]", asked), repr(asked)
    assert "陷阱" in asked
