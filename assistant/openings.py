"""How the paragraphs of a series open alike: with the same first words (新的一年，… ×5), with a
first clause framed alike (在政治协商方面， / 在民主监督方面，), or with one that names one of a
kind (危险化学品领域， / 道路交通领域，)."""

from __future__ import annotations

from collections.abc import Sequence

from .corpus import Unit
from .lazy_pattern import LazyPattern
from .text_analysis import split_sentences

__all__ = ["SAME_OPENING", "alike", "alike_run", "directive_run", "directive_runs", "directives", "opens_a_series", "series_of", "topic_run"]

SAME_OPENING = 5   # characters two paragraphs of a series share at their start

# 在政治协商方面, / 在民主监督方面,: a short first clause framed alike (its first character and
# its last two), not a speaker's 他说, / 陈启明指出,.
_FRAME_CLAUSE = LazyPattern(r"^([\u4e00-\u9fff])[\u4e00-\u9fff]{2,9}([\u4e00-\u9fff]{2})[，,]")
_REPORTED = LazyPattern(r"说|指出|强调|表示|认为|提出")
# 危险化学品领域， / 道路交通领域，: a short first clause that names one of a kind, ending alike.
# (过去的一年， / 新的一年，: a phrase with 的 tells when, and names no kind.)
_NAMED_KIND = LazyPattern(r"^(?:(?!的)[\u4e00-\u9fff]){2,9}((?:(?!的)[\u4e00-\u9fff]){2})[，,]")
_CJK_RUN = LazyPattern("[\u4e00-\u9fff]+")
# (这一年，我们把… ×5: three characters and the comma.)
_PHRASE_AND_COMMA = LazyPattern(r"[\u4e00-\u9fff]{3,}[，,]")


def _opening(u: Unit) -> str:
    """What a paragraph of a parallel series shares: its first words, or its first clause's frame."""
    m = _FRAME_CLAUSE.match(u.text)
    if m and not _REPORTED.search(m.group(0)):
        return m.group(1) + "…" + m.group(2)
    return u.text[:SAME_OPENING]


def _kind_named(u: Unit) -> str:
    m = _NAMED_KIND.match(u.text)
    return "…" + m.group(1) if m and not _REPORTED.search(m.group(0)) else ""


# 站在新的起点上，希望学院… ¶ 希望学院在… ¶ 希望学院向…: hopes said to one addressee, each
# opening a paragraph (the first may be framed by a short clause before it).
_WISH = LazyPattern(r"^(?:[\u4e00-\u9fff]{2,10}[，,])?(希望[\u4e00-\u9fff]{2})")


def _wish(u: Unit) -> str:
    m = _WISH.match(u.text)
    return m.group(1) if m else ""


def _ways(u: Unit, first: Unit) -> set[str]:
    """The ways a paragraph opens as the first of a series does."""
    ways = set()
    if u.text[:SAME_OPENING] == first.text[:SAME_OPENING]:
        ways.add("words")
    if _opening(u) == _opening(first):
        ways.add("frame")
    if _kind_named(u) and _kind_named(u) == _kind_named(first):
        ways.add("kind")
    if _wish(u) and _wish(u) == _wish(first):
        ways.add("wish")
    return ways


def alike(u: Unit, first: Unit) -> bool:
    """Whether a paragraph opens as the first of a series does."""
    return bool(_ways(u, first))


def opens_a_series(items: Sequence[Unit]) -> bool:
    """Three or more paragraphs that open alike in words that make a series: a shared phrase
    (and its comma), not a shared first character alone."""
    shared = items[0].text[:SAME_OPENING] if items else ""
    # (希望大家坚定理想信念， ¶ 坚定理想信念，不是… ¶ 希望大家勇于担当作为，: alike two ways by turns is no series.)
    one_way = len(items) >= 3 and bool(set.intersection(*(_ways(u, items[0]) for u in items[1:])))
    return one_way and (bool(_CJK_RUN.fullmatch(shared)) or bool(_PHRASE_AND_COMMA.match(shared))
                                or all(_kind_named(u) for u in items) or all(_framed(u) for u in items)
                                or bool(_wish(items[0])) and all(_wish(u) == _wish(items[0]) for u in items))


def _framed(u: Unit) -> bool:
    m = _FRAME_CLAUSE.match(u.text)
    return bool(m) and not _REPORTED.search(m.group(0))


def _series(paragraphs: Sequence[Unit]) -> list[list[Unit]]:
    """Every run of consecutive paragraphs that open alike as a series, in reading order."""
    runs: list[list[Unit]] = []
    i = 0
    while i < len(paragraphs):
        run = [paragraphs[i]]
        while i + len(run) < len(paragraphs) and alike(paragraphs[i + len(run)], run[0]):
            run.append(paragraphs[i + len(run)])
        if opens_a_series(run):
            runs.append(run)
        i += len(run)
    return runs


def series_of(paragraphs: Sequence[Unit], unit: Unit) -> list[Unit]:
    """The series of paragraphs opening alike (希望劳动模范们… ×3) that ``unit`` is one of; []."""
    return next((run for run in _series(paragraphs) if unit in run), [])


def alike_run(paragraphs: Sequence[Unit]) -> list[Unit]:
    """The longest run of consecutive paragraphs that open alike as a series (在经济和社会发展方面，
    … ×4 inside a part of ten paragraphs); [] when none."""
    return max(_series(paragraphs), key=len, default=[])


# 企业是科技创新的主体，要让企业…。要…。 ¶ 关键核心技术是…。要聚焦…。要…: paragraphs that each
# state a point and then direct what to do in sentences of their own (要… / 必须…), one after
# another, are a speech's measures though nothing numbers or frames them.
_DIRECTS = LazyPattern(r"(?:要|必须|务必)")
_DIRECTIVES = 2      # sentences of a paragraph past its first that direct, at least
_DIRECTIVE_RUN = 3   # such paragraphs in a row, at least
_MAX_DIRECTIVE_RUN = 8


def directives(u: Unit) -> list[str]:
    """The sentences of a paragraph past its first that direct (要… / 必须…)."""
    return [x for x in split_sentences(u.text)[1:] if _DIRECTS.match(x.strip())]


def _directs(u: Unit) -> bool:
    return len(directives(u)) >= _DIRECTIVES


def directive_run(paragraphs: Sequence[Unit], unit: Unit) -> list[Unit]:
    """The run of consecutive paragraphs that each go on in directives, when ``unit`` is one of
    three to eight such; [] otherwise."""
    if unit not in paragraphs or not _directs(unit):
        return []
    at = list(paragraphs).index(unit)
    start, end = at, at
    while start > 0 and _directs(paragraphs[start - 1]) and paragraphs[start - 1].seq == paragraphs[start].seq - 1:
        start -= 1
    while end + 1 < len(paragraphs) and _directs(paragraphs[end + 1]) and paragraphs[end + 1].seq == paragraphs[end].seq + 1:
        end += 1
    run = list(paragraphs[start:end + 1])
    return run if _DIRECTIVE_RUN <= len(run) <= _MAX_DIRECTIVE_RUN else []


def directive_runs(paragraphs: Sequence[Unit]) -> list[list[Unit]]:
    """Every run of three to eight paragraphs in a row that each go on in directives."""
    runs: list[list[Unit]] = []
    for u in paragraphs:
        if not any(u in run for run in runs) and (run := directive_run(paragraphs, u)):
            runs.append(run)
    return runs


# 愿你们永远保持好奇心。走出校门，… ¶ 要学会与失败相处。… ¶ 最后，请常回家看看。…: after words
# that announce some (我想跟大家说几句心里话), paragraphs that each open with a short sentence of
# their own and go on to explain it are the things announced, though they open differently.
_TOPIC_CHARS = 24   # a topic sentence this long at most
# 同学们，山高水长… / 同志们，: the speaker turns to the audience again: the things said are done.
_ADDRESSED = LazyPattern(r"^[\u4e00-\u9fff]{1,6}们[，,！!]")
_LAST = LazyPattern(r"^最后[，,]")


def topic_run(paragraphs: Sequence[Unit], first: Unit) -> list[Unit]:
    """From ``first`` on, the paragraphs that each open with a short sentence and go on after it,
    up to one that opens with 最后, or before one that turns to the audience; [] when fewer than two."""
    if first not in paragraphs:
        return []
    run: list[Unit] = []
    for u in paragraphs[list(paragraphs).index(first):]:
        sentences = split_sentences(u.text)
        if len(sentences) < 2 or len(sentences[0]) > _TOPIC_CHARS or (run and _ADDRESSED.match(u.text)) \
                or (run and u.seq != run[-1].seq + 1):
            break
        run.append(u)
        if _LAST.match(u.text):
            break
    return run if len(run) >= 2 else []
