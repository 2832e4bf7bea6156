"""String helpers every stage shares: sentence splitting (as answers quote and as citations are
checked), white space, lone surrogates, highlight spans. No jieba, no corpus: cheap to import.
"""

from __future__ import annotations

import re

from .lazy_pattern import LazyPattern

__all__ = ["SURROGATE", "chinese_numeral", "highlight_spans", "printable", "split_cited_sentences", "split_sentences", "squash",
           "unfinished_escape", "without_invisible", "without_terminal_control"]

# Terminal control: C0 (but tab and line feed), DEL, C1 — ESC among them. Printed raw, a text
# holding ESC [2J clears the screen, OSC 52 writes the clipboard, OSC 8 hides a link.
_TERMINAL_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


# Whole terminal escape sequences (ECMA-48): CSI (ESC [ … final byte), OSC (ESC ] … BEL or
# ESC \\) and two-byte escapes. Removing only the ESC would leave their bodies ([2J, ]52;c;…) in
# a question or a corpus line.
_TERMINAL_SEQUENCE = re.compile("\x1b\\[[0-?]*[ -/]*[@-~]|\x9b[0-?]*[ -/]*[@-~]"
                                "|\x1b\\][^\x07\x1b\x9c]*(?:\x07|\x1b\\\\|\x9c)?|\x1b[ -/]*[0-~]")


def without_terminal_control(text: str) -> str:
    """``text`` without terminal escape sequences and control characters (tab and line feed kept)."""
    return _TERMINAL_CONTROL.sub("", _TERMINAL_SEQUENCE.sub("", text))


# Zero-width characters, direction marks and a BOM: invisible, and no part of what was asked.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def without_invisible(text: str) -> str:
    return _INVISIBLE.sub("", text)


# 😀 / 🔥 / ✅ and the joiners and selectors that build them: decoration, no part of what was asked.
_EMOJI = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0E\uFE0F\u20E3]")


def without_emoji(text: str) -> str:
    return _EMOJI.sub("", text)


# [bold]…[/] / [red] / [/i]: console markup pasted with a question, which says nothing about what
# is asked (the question is still shown and saved as typed).
# ([@click=app.quit]: an action tag, which Textual reads as markup too.)
_MARKUP_TAG = re.compile(r"\[/?(?:@?[a-zA-Z][a-zA-Z0-9 _#=.()'\"-]{0,40})?\]")


def without_markup(text: str) -> str:
    return _MARKUP_TAG.sub("", text)


def unfinished_escape(text: str, window: int = 256) -> int:
    """How many characters at the end of ``text`` (at most ``window``) may be an escape sequence
    that the next piece of a stream completes: held back, it is removed whole, not as ESC alone."""
    i = max(text.rfind("\x1b", max(0, len(text) - window)), text.rfind("\x9b", max(0, len(text) - window)))
    if i < 0:
        return 0
    rest = text[i:]
    if rest.startswith(("\x1b[", "\x9b")):
        # (ESC [ 3 | 1m: a colour split between pieces; ESC [ alone reads as a whole two-byte escape.)
        return len(rest) if _UNFINISHED_CSI.fullmatch(rest) else 0
    if rest.startswith("\x1b]"):
        return 0 if _FINISHED_OSC.match(rest) else len(rest)
    m = _TERMINAL_SEQUENCE.match(text, i)
    return len(text) - i if m is None or m.end() == len(text) else 0


_UNFINISHED_CSI = re.compile("(?:\x1b\\[|\x9b)[0-?]*[ -/]*")
_FINISHED_OSC = re.compile("\x1b\\][^\x07\x1b\x9c]*(?:\x07|\x1b\\\\|\x9c)")


def printable(text: str) -> str:
    """``text`` without terminal control characters (each becomes U+FFFD, so lengths and spans hold)."""
    return _TERMINAL_CONTROL.sub("\ufffd", text)


def highlight_spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) spans of ``terms`` in ``text``, longest terms first."""
    lowered = text.lower()
    taken = [False] * len(text)
    spans = []
    for t in sorted(set(terms), key=len, reverse=True):
        start = lowered.find(t)
        while start != -1:
            end = start + len(t)
            if not any(taken[start:end]):
                spans.append((start, end))
                for j in range(start, end):
                    taken[j] = True
            start = lowered.find(t, end)
    return sorted(spans)

# Lone surrogates: bytes that were not UTF-8 (a GBK terminal, a mis-encoded file, a JSON
# "\ud800" escape) decoded with surrogateescape; no analysis or output can encode them.
SURROGATE = LazyPattern("[\ud800-\udfff]")


def squash(text: str) -> str:
    """Text with all white space removed (full-width spaces included)."""
    return "".join(text.split())


# Sentence ends. Only 。 among the Chinese marks: ！？；： in corpus text are not sentence ends
# for these rules (they never were: the patterns hold the ASCII forms).
_ENDS = "。!?\uff01\uff1f"   # full-width ！？ written as escapes: they must survive any normalisation of this file
_CLAUSE_ENDS = _ENDS + ";\uff1b"
_SENTENCE = LazyPattern(rf"[^{_ENDS}]+[{_ENDS}]*[”」』)]?")
_CLAUSE = LazyPattern(rf"[^{_CLAUSE_ENDS}\n]+(?:[{_CLAUSE_ENDS}]+[”」’』\")]?|\n|$)|[{_CLAUSE_ENDS}\n]+")


def split_sentences(text: str, *, clauses: bool = False) -> list[str]:
    """Sentences of corpus text, stripped, blank ones dropped: what answers quote.

    ``clauses`` also breaks at semicolons and line ends (the finer pieces a long paragraph
    is trimmed by when it must fit a prompt).
    """
    pattern = _CLAUSE if clauses else _SENTENCE
    return [s.strip() for s in pattern.findall(text) if s.strip()]


_OPEN_QUOTES = "“「『"
_CLOSE_QUOTES = "”」』"
_TRAILING_MARKERS = LazyPattern(r"(?:\s*\[\d+\])+")
_MARKER_AHEAD = LazyPattern(r"\s*\[\d+\]")
_COLONS = ":\uff1a"


def split_cited_sentences(text: str) -> list[str]:
    """Sentences of text that carries ``[n]`` citation markers (an answer, a model's reply).

    Quote-aware: a 。 inside “…” does not end the sentence; markers right after the 。 and
    closing quotes stay with the sentence before; a line end always ends one. Ends are the
    clause ends (semicolons too), and a colon that a marker follows, so each claim is checked
    against its own citations.
    """
    out: list[str] = []
    buf: list[str] = []
    depth = 0
    i = 0
    n = len(text)

    def flush() -> None:
        s = "".join(buf).strip()
        if s:
            out.append(s)
        buf.clear()

    while i < n:
        ch = text[i]
        if ch == "\n":
            flush()
            depth = 0
            i += 1
            continue
        buf.append(ch)
        i += 1
        if ch in _OPEN_QUOTES:
            depth += 1
            continue
        if ch in _CLOSE_QUOTES:
            depth = max(0, depth - 1)
            ends = depth == 0 and len(buf) >= 2 and buf[-2] in _CLAUSE_ENDS
        else:
            # A colon ends a claim when a marker follows it: the extractive answer cites a
            # paragraph that ends in a lead-in (…四种氛围:[1]) and goes on with the next one.
            ends = depth == 0 and (ch in _CLAUSE_ENDS or ch in _COLONS and bool(_MARKER_AHEAD.match(text, i)))
        if not ends:
            continue
        while i < n and (text[i] in _CLAUSE_ENDS or text[i] in _CLOSE_QUOTES):
            buf.append(text[i])
            i += 1
        m = _TRAILING_MARKERS.match(text, i)
        if m:
            buf.append(m.group())
            i = m.end()
        flush()
    flush()
    return out


_CN_VALUE = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}


_CN_UNIT = {"十": 10, "百": 100, "千": 1000}


def chinese_numeral(text: str) -> int | None:
    """二十一 → 21, 一百零五 → 105, 两百 → 200, 5 → 5; 一九九八 → 1998 (digit by digit); None
    for anything else."""
    if text.isdigit():
        return int(text)
    if not text or any(c not in _CN_VALUE and c not in _CN_UNIT for c in text):
        return None
    if not any(c in _CN_UNIT for c in text):
        value = 0
        for c in text:
            value = value * 10 + _CN_VALUE[c]
        return value
    total, digit, last_unit = 0, None, 10_000
    for c in text:
        if c in _CN_VALUE:
            if digit is not None and _CN_VALUE[c]:
                return None   # 二三百: two digits in a row is no one number
            digit = _CN_VALUE[c] or None
        else:
            unit = _CN_UNIT[c]
            if unit >= last_unit:
                return None   # 十百: units must fall
            total += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
    if digit is not None:
        # 一百五 / 两千三: a digit after 百/千 with no unit of its own counts in the next unit down.
        total += digit * (last_unit // 10 if text[-2] in _CN_UNIT and last_unit > 10 else 1)
    return total
