"""Paragraphs that open alike after a lead-in: the points of a newspaper speech that marks them
with no numerals (要加强… 要健全… 要强化… / ———结合金融改革… / a counted lead-in, 以下三个方面:,
and as many paragraphs that each open with a short sentence of their own)."""

from __future__ import annotations

import re

from .announced import ANNOUNCES, STATED, announced_after, topic_sentence
from .corpus import Unit
from .enumeration import paragraph_enumerations
from .lazy_pattern import LazyPattern
from .openings import alike, opens_a_series
from .text_analysis import split_sentences
from .text_helpers import chinese_numeral

__all__ = ["ANNOUNCES", "MAX_PARALLEL", "lead_in_text", "parallel_paragraphs"]

_DASH = LazyPattern("^[—–－―-]{2,}")
MAX_PARALLEL = 8   # a parallel paragraph is at most this many paragraphs after its lead-in
_SHORT_OPENING = 16


def lead_in_text(lead: Unit) -> str:
    """What a parallel run's lead paragraph says of the points after it: all of it when it leads
    in (…以下几个方面: / …讲三点意见。); else its last sentence, the one that turns to them
    (…要继承和发扬优良传统。), not what the paragraph said before (…还有不少困难和问题。…
    一件一件抓落实。 ¶ 新的一年，… ×3)."""
    last = split_sentences(lead.text)[-1] if lead.text.strip() else ""
    return lead.text if re.search("[:\uff1a]$", lead.text.rstrip()) or ANNOUNCES.search(last) else last


def parallel_paragraphs(units: list[Unit], lead: Unit) -> list[Unit]:
    """The paragraphs after a lead-in line (…以下几个方面的工作:) that open alike: each with a
    dash (———结合金融改革…) or with the first one's first character (要加强… 要健全… 要强化…);
    after any paragraph, three or more that open with the same words (我们要更好地坚持… ×3):
    the parallel openings of a speech's points."""
    colon = bool(re.search("[:\uff1a]$", lead.text.rstrip()))
    numbered = next((run for _, run in paragraph_enumerations(units) if run[0].seq == lead.seq + 1), None)
    if numbered is not None and (colon or ANNOUNCES.search(split_sentences(lead.text)[-1])):
        # …提几点希望。 ¶ 第一，… ¶ 第二，… ¶ 最后，…: the points as numbered (最后 too).
        return numbered
    if colon and (stated := STATED.search(split_sentences(lead.text)[-1])):
        # 当前应在以下三方面下功夫: then as many paragraphs, each opening with its own short
        # sentence (充分发挥教育的功能。), however they open.
        run = units[lead.seq:lead.seq + chinese_numeral(stated.group(1))]
        if len(run) >= 2 and len(run) == chinese_numeral(stated.group(1)) and all(
                u.kind == "paragraph" and len(split_sentences(u.text)[0]) <= _SHORT_OPENING for u in run):
            return run
    if colon and _SOME_ITEMS.search(split_sentences(lead.text)[-1]) and (run := _short_openings(units, lead)):
        # 着重抓好以下几方面工作: paragraphs whose short first sentences are of one length
        # (深化改革，创新机制。 / 调整结构，提高素质。), however they open.
        return run
    if not colon and not ANNOUNCES.search(split_sentences(lead.text)[-1]):
        return _same_openings(units, lead) or _topic_sentences(units, lead)
    items: list[Unit] = []
    for u in units[lead.seq:]:
        if u.kind != "paragraph" or (not colon and len(split_sentences(u.text)[0]) > _SHORT_OPENING):
            break
        if items and not (_DASH.match(u.text) if _DASH.match(items[0].text) else u.text[:1] == items[0].text[:1]):
            break
        items.append(u)
    # (…讲几点意见。 then 在立法工作方面,… ×3: paragraphs framed alike, however long.)
    return items if len(items) >= 2 else [] if colon else _same_openings(units, lead) or announced_after(units, lead)




_SOME_ITEMS = LazyPattern(r"(?:以下|如下|下列|下面)(?:几|[一二三四五六七八九十两\d]+)?(?:项|个|条|点|方面|件)")
_OPENING_SPREAD = 2   # characters the first sentences of parallel points differ by at most


def _short_openings(units: list[Unit], lead: Unit) -> list[Unit]:
    run: list[Unit] = []
    for u in units[lead.seq:lead.seq + MAX_PARALLEL]:
        first = split_sentences(u.text)[0] if u.kind == "paragraph" else ""
        if not first or len(first) > _SHORT_OPENING or len(first) == len(u.text) \
                or (run and abs(len(first) - len(split_sentences(run[0].text)[0])) > _OPENING_SPREAD):
            break
        run.append(u)
    return run if len(run) >= 2 else []


def _topic_sentences(units: list[Unit], lead: Unit) -> list[Unit]:
    """Three or more paragraphs in a row after the lead that each open with a topic sentence
    (the lead itself opening otherwise: else it is the first of them)."""
    if topic_sentence(lead) or lead.seq < len(units) and alike(units[lead.seq], lead):
        return []   # (…希望学院始终… ¶ 希望学院在…: the lead is the first of a series, not what leads into one)
    run: list[Unit] = []
    for u in units[lead.seq:lead.seq + MAX_PARALLEL]:
        if not topic_sentence(u):
            break
        run.append(u)
    return run if len(run) >= 3 else []


def _same_openings(units: list[Unit], lead: Unit) -> list[Unit]:
    items: list[Unit] = []
    for u in units[lead.seq:]:
        if u.kind != "paragraph" or (items and not alike(u, items[0])):
            break
        items.append(u)
    if items and alike(lead, items[0]):
        return []   # the lead opens alike: it is the first of the series, not what announces it
    return items if opens_a_series(items) else []
