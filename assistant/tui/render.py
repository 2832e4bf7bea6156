"""Turning answers and units into things widgets show.

Corpus and user text only ever enters a widget as a ``rich.text.Text`` (styled by spans) or
as escaped Markdown, never as a markup string: a paragraph containing ``[bold]`` or
``[@click=app.quit]`` must be shown as those characters.
"""

from __future__ import annotations

import re
from typing import Iterable

from rich.cells import cell_len
from rich.text import Text

from ..conversation import escape_markdown, speech_short_name
from ..corpus import Unit
from ..lazy_pattern import LazyPattern
from ..results import FALLBACK_LABEL, Answer, Citation

MARKER = LazyPattern(r"\[(\d+)\]")
# After a run of markers, a new paragraph, unless punctuation follows (「…」[1],共3项: goes on).
_MARKER_RUN_END = LazyPattern("(?<=\\])(?<=\\[\\d\\])(?![\\[,.;:!?\uff0c\u3002\uff1b\uff1a\uff01\uff1f\u3001])"
                             "|(?<=\\])(?<=\\[\\d\\d\\])(?![\\[,.;:!?\uff0c\u3002\uff1b\uff1a\uff01\uff1f\u3001])")
_LIST_ITEM = LazyPattern(r"^(\d+)\. ")

HIGHLIGHT_STYLE = "bold reverse"
SECTION_PART_CELLS = 14


def highlighted(text: str, spans: Iterable[tuple[int, int]], style: str = HIGHLIGHT_STYLE, base: str = "") -> Text:
    """``text`` with ``spans`` styled; the spans come from the engine (``Engine.highlight_spans``),
    which owns what counts as a match: this module does not import it."""
    out = Text(text, style=base)
    for start, end in spans:
        out.stylize(style, start, end)
    return out


def _clip(text: str, cells: int) -> str:
    """``text`` cut to ``cells`` terminal cells, with an ellipsis when cut (CJK is 2 cells)."""
    if cell_len(text) <= cells:
        return text
    out, used = [], 0
    for ch in text:
        w = cell_len(ch)
        if used + w > cells - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def section_path(unit: Unit, cells: int = SECTION_PART_CELLS) -> list[str]:
    """The heading path, clipped: long paths keep the first and last level, and the last
    level (the one that says most about the unit) gets more room than the first."""
    parts = list(unit.section)
    if unit.kind == "heading" and unit.heading:
        parts.append(unit.heading)
    if len(parts) > 2:
        parts = [parts[0], "…", parts[-1]]
    if not parts:
        return []
    clipped = [_clip(p, cells) if p != "…" else p for p in parts[:-1]]
    return clipped + [_clip(parts[-1], cells + 10)]


def source_line(c: Citation) -> Text:
    """``[1] 第二篇 › 一、要进一步浓厚… › 2.21``"""
    line = Text()
    line.append(f"[{c.n}]", style="bold")
    line.append(" ")
    line.append(speech_short_name(c.speech_title))
    for part in section_path(c.unit):
        line.append(" › ", style="dim")
        line.append(part)
    line.append(" › ", style="dim")
    line.append(c.unit.id, style="bold")
    if c.supported is False:
        line.append("  未能核实", style="italic")
    return line


def citing_sentences(answer: Answer, n: int) -> list[str]:
    sentences = answer.sentences + (answer.fallback.sentences if answer.fallback is not None else [])
    return [s.text for s in sentences if n in s.citations]


def source_detail(answer: Answer, c: Citation, spans: Iterable[tuple[int, int]]) -> Text:
    """One entry of the sources panel: number, id and speech; the full heading path; the
    paragraph with the matched words (``spans``) highlighted; the answer sentences that cite it."""
    out = Text()
    out.append(f"[{c.n}] ", style="bold")
    out.append(c.unit.id, style="bold")
    out.append(" · ", style="dim")
    out.append(speech_short_name(c.speech_title))
    if c.supported is False:
        out.append("  未能核实", style="italic")
    path = list(c.unit.section)
    if path:
        out.append("\n")
        out.append(" › ".join(path), style="dim")
    out.append("\n")
    out.append_text(highlighted(c.unit.text, spans))
    # A sentence that is the whole paragraph would only repeat it.
    cited_by = [s for s in citing_sentences(answer, c.n) if s.strip() != c.unit.text.strip()]
    if cited_by:
        out.append("\n")
        out.append("引用它的句子:", style="dim italic")
        for s in cited_by:
            out.append("\n")
            out.append("▸", style="dim")  # no space: it would let the line break right after ▸
            out.append(s, style="italic")
    return out


def answer_markdown(answer: Answer) -> str:
    """The answer as Markdown for the ``Markdown`` widget: the text escaped (it quotes the
    speeches, whose characters are not Markdown), ``[n]`` turned into links the panel follows,
    the engine's numbered lines kept as a list, other lines as paragraphs."""
    known = {c.n for c in answer.citations}
    if answer.mode != "extractive":
        text = _linkify(_emphasis_inside_punctuation(_mark_unverified(answer)), known, escape=False)
        if answer.fallback is not None:
            # The model's text is unverified: the speeches' own words follow, marked.
            text += f"\n\n**{FALLBACK_LABEL}:**\n\n" + answer_markdown(answer.fallback)
        return text
    lines = []
    for line in answer.text.split("\n"):
        m = _LIST_ITEM.match(line)
        if m:
            lines.append(m.group(0) + _linkify(line[m.end():], known, escape=True))
            continue
        # Sentences from different sources read better as separate paragraphs.
        for part in _MARKER_RUN_END.split(line):
            if part.strip():
                lines.append(_linkify(part, known, escape=True))
    out: list[str] = []
    for i, line in enumerate(lines):
        is_item = bool(_LIST_ITEM.match(line))
        if i and (not is_item or not _LIST_ITEM.match(lines[i - 1])):
            out.append("")
        out.append(line)
    return "\n".join(out)


# **…** (or *…*) on one line, its content not starting with a space.
_EMPHASIS = LazyPattern(r"(\*\*?)(?!\s)([^*\n]+?)\1")
_PUNCTUATION = "\u201c\u201d\u2018\u2019\u300c\u300d\u300e\u300f\u300a\u300b\uff08\uff09()\u3010\u3011\"'"


def _emphasis_inside_punctuation(text: str) -> str:
    """要**“三严三实”**教育 → 要“**三严三实**”教育: CommonMark opens no emphasis between a
    letter and a quotation mark, so a model's bold around quoted Chinese would show its asterisks;
    the marks move inside the quotation marks, which say the same."""
    def inside(m: re.Match[str]) -> str:
        mark, body = m.group(1), m.group(2)
        core = body.strip(_PUNCTUATION)
        if not core:
            return m.group(0)
        start = body.index(core)
        return f"{body[:start]}{mark}{core}{mark}{body[start + len(core):]}"
    return _EMPHASIS.sub(inside, text)


def _mark_unverified(answer: Answer) -> str:
    """The model's text with each sentence the citation check did not support marked where it
    stands, as ``ask --llm`` lists them under 引用核对: uncited, or its source does not say it."""
    text = answer.text
    for s in answer.sentences:
        # (月球是奶酪做的。 checked, 月球是奶酪做的[2]。 printed: found without its markers and end
        # mark, and marked after the markers and the end mark that follow it.)
        core = MARKER.sub("", s.text).rstrip("。！？!?；;，,、 ") if s.text else ""
        if s.supported is not False or not core or core not in text:
            continue
        tag = "⚠无引用,未经核实" if not s.citations else "⚠所引资料不支持"
        at = text.index(core) + len(core)
        while (m := MARKER.match(text, at)) is not None or text[at:at + 1] and text[at] in "。！？!?；;":
            at = m.end() if m is not None else at + 1
        text = f"{text[:at]}(**{tag}**){text[at:]}"
    return text


def _linkify(text: str, known: set[int], escape: bool) -> str:
    pieces = []
    pos = 0
    for m in MARKER.finditer(text):
        before = text[pos:m.start()]
        pieces.append(escape_markdown(before) if escape else before)
        n = int(m.group(1))
        pieces.append(f"[\\[{n}\\]](cite:{n})" if n in known else escape_markdown(m.group(0)))
        pos = m.end()
    rest = text[pos:]
    pieces.append(escape_markdown(rest) if escape else rest)
    return "".join(pieces)
