"""The TUI marks each sentence of a model's answer that the citation check did not support,
where it stands, however the check recorded the sentence (with or without its end mark)."""

from __future__ import annotations

import pytest

from assistant.results import Answer, AnswerSentence
from assistant.tui.render import _mark_unverified


def _answer(text: str, sentences: list[AnswerSentence]) -> Answer:
    return Answer(question="q", text=text, abstained=False, mode="llm:test", citations=[], hits=[], sentences=sentences)


@pytest.mark.parametrize("checked", ["月球是奶酪做的。", "月球是奶酪做的", "月球是奶酪做的[2]。"])
def test_an_unsupported_sentence_is_marked_after_its_markers(checked: str) -> None:
    answer = _answer("作风建设很重要[1]。月球是奶酪做的[2]。", [
        AnswerSentence("作风建设很重要。", [1], True), AnswerSentence(checked, [2], False)])
    marked = _mark_unverified(answer)
    assert "月球是奶酪做的[2]。(**⚠所引资料不支持**)" in marked, marked
    assert marked.count("⚠") == 1, marked


def test_an_uncited_sentence_is_marked_as_unverified() -> None:
    answer = _answer("要抓好落实。这是我自己的看法。", [AnswerSentence("这是我自己的看法。", [], False)])
    assert "这是我自己的看法。(**⚠无引用,未经核实**)" in _mark_unverified(answer)
