"""Rich markup in corpus or user text is printed literally by the CLI (issue 7): ask, search,
show and eval. ``[/]`` alone would make Rich raise a MarkupError, ``[@click=app.quit]`` is a
Textual action link; both must come out as the characters they are. (The TUI side is in
tests/test_tui.py.)
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from cli_helpers import run

PARAGRAPH = "要落实[bold]红线意识[/],不能[@click=app.quit]推卸[/]安全责任。"
HEADING = "一、[red]压实[/red]安全责任"
TITLE_MARKUP = "[italic]安全[/italic]"
SPEECH = (
    f"【第一篇】在{TITLE_MARKUP}生产会议上的讲话\n\n"
    f"{HEADING}\n\n"
    f"{PARAGRAPH}\n\n"
    "二、加强隐患排查\n\n"
    "企业要定期开展隐患排查,做到[/]闭环管理[link=http://127.0.0.1]。\n"
)
MARKUP_BITS = ["[bold]红线意识[/]", "[@click=app.quit]推卸[/]", "[red]压实[/red]", "[/]闭环管理[link=http://127.0.0.1]"]


@pytest.fixture()
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("COLUMNS", "400")
    d = tmp_path / "markup"
    d.mkdir()
    (d / "安全.txt").write_text(SPEECH, encoding="utf-8")
    return d




def test_ask_prints_corpus_markup_literally(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for extra in ([], ["--full"]):
        code, out, err = run(capsys, "ask", "红线意识和安全责任怎么落实?", "--corpus", str(folder), *extra)
        assert code == 0 and "Traceback" not in out + err, err
        assert "[bold]红线意识[/]" in out and "[@click=app.quit]推卸[/]" in out
        assert TITLE_MARKUP in out                    # the speech title in the sources
        assert "\x1b]8;" not in out                   # no hyperlink escape was produced


def test_search_prints_corpus_markup_literally(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "search", "安全责任 闭环管理 红线意识", "--corpus", str(folder), "-k", "5")
    assert code == 0 and "Traceback" not in out + err, err
    flat = re.sub(r"[│┃|\s]+", "", out)              # the table may wrap a cell over lines
    for bit in MARKUP_BITS:
        assert re.sub(r"\s+", "", bit) in flat, bit


def test_show_prints_corpus_markup_literally(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "show", "1.2", "-c", "3", "--corpus", str(folder))
    assert code == 0 and "Traceback" not in out + err, err
    for bit in MARKUP_BITS:
        assert bit in out, bit
    assert TITLE_MARKUP in out


@pytest.mark.parametrize("question", ["[/]", "[@click=app.quit]红线意识[/]", "[bold]安全责任", "红线意识[/bold]?"])
def test_question_markup_is_text(folder: Path, capsys: pytest.CaptureFixture[str], question: str) -> None:
    for cmd in (["ask"], ["ask", "--json"], ["search"], ["search", "--json"]):
        code, out, err = run(capsys, *cmd, question, "--corpus", str(folder))
        assert "Traceback" not in out + err and "MarkupError" not in out + err
        assert code in (0, 3), (cmd, err)
        if "--json" in cmd and code == 0:
            data = json.loads(out)
            if cmd[0] == "ask":
                assert data["question"] == question.strip()


def test_show_with_a_markup_id(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "show", "[/]", "--corpus", str(folder))
    assert code == 3 and "[/]" in err and "Traceback" not in err


def test_eval_prints_markup_in_ids_types_and_gold_literally(folder: Path, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    qs = tmp_path / "set.jsonl"
    qs.write_text("\n".join(json.dumps(q, ensure_ascii=False) for q in [
        {"id": "[bold]q1[/]", "question": "红线意识[/]", "gold": ["红线意识"], "type": "[@click=app.quit]类型[/]"},
        {"id": "q2", "question": "闭环管理", "gold": ["[red]不存在[/red]"], "type": "[/]"},
    ]) + "\n", encoding="utf-8")
    code, out, err = run(capsys, "eval", str(qs), "--corpus", str(folder), "--markdown", str(tmp_path / "r.md"))
    assert code == 0 and "Traceback" not in out + err, err
    assert "[@click=app.quit]类型[/]" in out
    assert "[red]不存在[/red]" in err                # the unmatched-gold warning


def test_terminal_control_in_a_corpus_file_is_never_printed(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    from cli_helpers import run

    text = ("乡村振兴讲话\n"
            "要发展特色产业\x1b[2J,培育\x1b]52;c;ZXZpbA==\x07新型农民,\x1b]8;;http://x\x1b\\\\链接\x1b]8;;\x1b\\\\带动增收。\n"
            "第二段讲基层组织建设。\n")
    (tmp_path / "s.txt").write_text(text, encoding="utf-8")
    for argv in (["ask", "怎样发展特色产业?", "--lexical"], ["search", "特色产业", "--lexical"], ["show", "1.2"],
                 ["ask", "特色产业", "--json", "--lexical"]):
        code, out, err = run(capsys, *argv, "--corpus", str(tmp_path), "--no-cache")
        assert code == 0, (argv, err)
        assert "\x1b" not in out + err and "\x07" not in out + err, argv
        assert "特色产业" in out


def test_question_markup_does_not_change_the_answer(capsys: pytest.CaptureFixture[str]) -> None:
    # ([bold]塔西佗[/]陷阱: the tags cut the term in two; they say nothing about what is asked.)
    answers = []
    for question in ("[bold]塔西佗[/]陷阱是什么意思", "塔西佗陷阱是什么意思"):
        code, out, _ = run(capsys, "ask", "--json", "--lexical", question)
        assert code == 0
        d = json.loads(out)
        answers.append(d["answer"])
        assert d["question"] == question   # shown and saved as typed
    assert answers[0] == answers[1]
