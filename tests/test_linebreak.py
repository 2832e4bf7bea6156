"""Chinese line breaking in the TUI (issue 16, item 10): the rules, and the widgets that use them."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from rich.cells import cell_len
from test_tui import QUESTION, ask, make_app, ready, screen_text, wait_for

from assistant.engine import Engine
from assistant.tui.linebreak import NO_LINE_END, NO_LINE_START, break_lines
from assistant.tui.reader import ReaderScreen

SAMPLE = "群众反映诉求,我们老是推诿扯皮,你怎么让群众相信政府?从2006年7月起,全面加强“干部队伍”建设,增长12.5%。"
CLOSING = "，、。？！；：”」）,.?!;:"


def test_no_line_starts_with_closing_punctuation_and_no_number_is_split() -> None:
    for width in range(8, 40):
        lines = break_lines(SAMPLE, width)
        assert "".join(lines) == SAMPLE
        assert all(cell_len(line) <= width for line in lines)
        assert not any(line[0] in CLOSING for line in lines), (width, lines)
        assert not any(line[-1] in "“「（" for line in lines), (width, lines)
        for a, b in zip(lines, lines[1:]):
            assert not (a[-1].isdigit() and b[0].isdigit()), (width, lines)   # 2006 / 12.5 stay whole
            assert not (a[-1] == "." and b[0].isdigit())


def test_the_rules_only_change_where_textual_would_break_badly() -> None:
    # Textual folds at the exact width: 10 cells → "群众反映诉" / "求,我们老" …; ours is the same
    # until a line would start with a mark.
    assert break_lines("群众反映诉求我们老是推", 10) == ["群众反映诉", "求我们老是", "推"]
    assert break_lines("群众反映诉,我们", 10) == ["群众反映", "诉,我们"]
    assert break_lines("短句。", 10) == ["短句。"]
    assert break_lines("第一行\n第二行", 4) == ["第一", "行", "第二", "行"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("政府群众作风建设2006年7.%ABC “”「」,、。?!;:()")), max_size=80),
       st.integers(min_value=4, max_value=30))
def test_breaking_keeps_every_character_and_fits(text: str, width: int) -> None:
    lines = break_lines(text, width)
    assert "".join(lines) == text
    assert all(cell_len(line) <= width for line in lines)
    for a, b in zip(lines, lines[1:]):
        # A mark starts a line only when the piece it closes is longer than a line by itself.
        if b and b[0] in NO_LINE_START:
            assert cell_len(a) > width - 2 or re.search(r"[0-9A-Za-z]$", a)
        if a and a[-1] in NO_LINE_END:
            assert cell_len(a) >= width - 1


def _column(text: str, sep: str, i: int) -> list[str]:
    """The ``i``-th of the columns that ``sep`` (a border) parts on each screen line."""
    cells = [line.split(sep) for line in text.splitlines()]
    return [re.sub(r"^[█▌ ]*(\d+\.\d+)?\s*", "", c[i]).strip(" │▇▃") for c in cells if len(c) > i]


async def test_answer_sources_and_reader_break_chinese_lines(tmp_path: Path, engine: Engine) -> None:
    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await ask(pilot, QUESTION)
        text = screen_text(app)
        chat, sources = _column(text, "│", 0), _column(text, "│", 1)
        # before: "?古罗马历史学家…" started a line of the sources panel at this width
        assert "古罗马历史学家塔西陀提出了这样一个理论," in "".join(sources)
        assert any("要警惕塔西佗陷阱" in line for line in chat)
        for lines in (chat, sources):
            assert not [line for line in lines if line and line[0] in CLOSING]
        app.open_source("2.21", ["塔西佗陷阱"])
        # the reader scrolls to the paragraph once laid out (slowly on a loaded machine: the
        # outline column may be drawn before the text column)
        await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen)
                       and any("1、要警惕塔西佗陷阱" in line for line in _column(screen_text(app), "││", 1)), timeout=30)
        reader = _column(screen_text(app), "││", 1)
        assert any("1、要警惕塔西佗陷阱" in line for line in reader)
        assert not [line for line in reader if line and line[0] in CLOSING]


def test_a_marker_followed_by_punctuation_does_not_end_the_paragraph(engine) -> None:  # type: ignore[no-untyped-def]
    from assistant.tui.render import answer_markdown

    a = engine.ask("第二篇讲话第四部分讲了什么?")
    md = answer_markdown(a)
    first = md.split("\n\n")[0]
    # 「四,要进一步浓厚风清气正的氛围」[1],共3项: stays one paragraph: no line starts with ","
    assert "共3项" in first and not any(p.startswith((",", "\uff0c")) for p in md.split("\n\n"))


def test_an_unverified_llm_sentence_is_marked_where_it_stands() -> None:
    # ask --llm lists them under 引用核对; the TUI marks each in the answer itself.
    from assistant.results import Answer, AnswerSentence
    from assistant.tui.render import answer_markdown

    a = Answer(question="q", text="塔西佗陷阱是一种信任危机。[1]它由古罗马人提出。这是常识。", abstained=False,
               mode="llm:m", citations=[], hits=[])
    a.sentences = [AnswerSentence("塔西佗陷阱是一种信任危机。", [1], True),
                   AnswerSentence("它由古罗马人提出。", [], False), AnswerSentence("这是常识。", [2], False)]
    md = answer_markdown(a)
    assert "它由古罗马人提出。(**⚠无引用,未经核实**)" in md
    assert "这是常识。(**⚠所引资料不支持**)" in md
    assert "信任危机。(**" not in md   # a supported sentence is not marked
    html = MarkdownIt().render(md)
    assert html.count("<strong>") == 2 and "*" not in html   # bold, wherever the mark stands


def test_a_models_bold_around_quoted_chinese_is_bold() -> None:
    # CommonMark opens no emphasis between a letter and “: 要**“三严三实”**教育 would show its asterisks.
    from assistant.results import Answer
    from assistant.tui.render import answer_markdown

    a = Answer(question="q", text="讲话要求开展**“三严三实”**专题教育,强调**《准则》**和**纪律**。", abstained=False,
               mode="llm:m", citations=[], hits=[])
    html = MarkdownIt().render(answer_markdown(a))
    assert html.count("<strong>") == 3 and "*" not in html, html
    assert "“<strong>三严三实</strong>”" in html
