"""The structure of a speech as answers use it: outlines, lists and their items.

A list is sibling list items, the items after a lead-in line (以下/如下/…:), the headings under
a heading, or an enumeration 一是…二是… inside a paragraph. In a speech without headings, the
points it enumerates (enumeration.py: 第一，…第二，… / 一要… / 首先…其次…, inside a paragraph or
opening paragraphs) and the paragraphs after a lead-in that open alike are its lists and parts.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Sequence

from . import text_analysis as ta
from .corpus import Unit, chinese_numeral, heading_style
from .enumeration import enumerations, opening_point, paragraph_enumerations
from .evidence import Citer, Evidence
from .lazy_pattern import LazyPattern
from .params import AnswerParams
from .planner import QueryPlan, nth
from .results import Answer, AnswerSentence, Hit
from .text_analysis import split_sentences

__all__ = ["PointList", "as_list", "as_points", "choose_list", "choose_points", "count_intro", "enumerates", "followup_point", "headless",
           "inline_enumeration", "item_label", "list_items", "next_unit", "nth_point", "numbered", "outline_units",
           "point_count", "point_lists", "speech_points"]

# 一是…;二是… or, within one sentence, 一是…,二是…,三是…: each item runs to the next item's 是.
_INLINE_ENUM = LazyPattern("(?:^|(?<=[。;:,\uff1b\uff1a\uff0c]))\\s*([一二三四五六七八九十]+是"
                          "(?:(?![,\uff0c]\\s*[一二三四五六七八九十]+是)[^。;\uff1b])*[。;\uff1b]?)")
_LEAD_IN = LazyPattern("[:\uff1a]$|以下|如下")


def enumerates(unit_text: str, n: int) -> bool:
    """Whether the text lists ``n`` things: 一是…二是…, or n short items joined by 、."""
    if len(inline_enumeration(unit_text)) == n:
        return True
    for sentence in split_sentences(unit_text):
        for chunk in re.split("[:\uff1a]", sentence):
            items = [x for x in re.split(r"、", chunk) if x.strip()]
            if len(items) == n or (len(items) == n - 1 and "和" in items[-1]):
                return True
    return False


_FIRST_MARKER = LazyPattern("^(?:一|1|[(\uff08]一[)\uff09]|第一)")


def introduces_list(ev: Evidence, unit: Unit) -> bool:
    """A heading, a line ending in a colon (以下/如下), or a paragraph right before a list's first item."""
    if unit.kind == "heading" or _LEAD_IN.search(unit.text):
        return True
    nxt = next_unit(ev, unit)
    return nxt is not None and nxt.kind == "paragraph" and bool(nxt.heading) and bool(_FIRST_MARKER.match(nxt.text))


def next_unit(ev: Evidence, unit: Unit) -> Unit | None:
    following = ev.corpus.speech(unit.speech_no).units[unit.seq:unit.seq + 1]
    return following[0] if following else None


def section_children(units: list[Unit], unit: Unit) -> list[Unit]:
    """The units after ``unit`` inside the section it heads (or opens inline)."""
    path = unit.section + (unit.heading,)
    return [u for u in units[unit.seq:] if u.section[: len(path)] == path]


def list_items(ev: Evidence, unit: Unit) -> list[Unit]:
    """The list a unit belongs to or introduces, in reading order; [] if none."""
    speech = ev.corpus.speech(unit.speech_no)
    units = speech.units
    i = unit.seq - 1
    if unit.kind == "paragraph" and unit.heading:
        child_items = [u for u in section_children(units, unit) if u.kind == "paragraph" and u.heading]
        if len(child_items) >= 2:
            return child_items
        style = style_name(unit)
        items = [u for u in units if u.kind == "paragraph" and u.heading and u.section == unit.section
                 and style is not None and style_name(u) == style]
        return items if len(items) >= 2 else []
    if unit.kind == "paragraph" and introduces_list(ev, unit):
        if i + 1 < len(units) and units[i + 1].kind == "heading":
            level = units[i + 1].level
            heads = [u for u in units[i + 1:] if u.kind == "heading" and u.level == level]
            return heads if len(heads) >= 2 else []
        items = []
        for u in units[i + 1:]:
            if u.kind == "paragraph" and u.heading:
                items.append(u)
            else:
                break
        return items if len(items) >= 2 else []
    if unit.kind == "heading":
        children = section_children(units, unit)
        sub = [u for u in children if u.kind == "heading" and len(u.section) == len(unit.section) + 1]
        if len(sub) >= 2:
            return sub
        direct = [u for u in children if u.kind == "paragraph" and len(u.section) == len(unit.section) + 1]
        items = [u for u in direct if u.heading]
        if len(items) >= 2:
            return items
        alike = _shared_opening(direct)
        if alike:
            return alike
        # Paragraphs under a heading that each open with a short topic sentence (作风是形象。…).
        return direct if 2 <= len(direct) <= 8 else []
    return []


def choose_list(ev: Evidence, plan: QueryPlan, hits: list[Hit]) -> list[Unit] | tuple[Unit, list[str]] | None:
    """The list that answers a list question: units, or (unit, items) for an inline one.

    A list near the top is trusted when it is as long as the question says (哪四个 → 4) or
    when it belongs to the best hit; when the best hit already names N things in one
    sentence (产业布局、区位优势、优惠政策、人文环境等四大要素), that sentence is the answer.
    """
    n = plan.list_size
    if n and hits and enumerates(hits[0].unit.text, n) and not inline_enumeration(hits[0].unit.text):
        return None

    # 问题主要有哪几方面: a paragraph a little lower that introduces a list in the question's
    # unit (主要表现在以下三个方面:) is a candidate too.
    unit_word = m.group(1).lstrip("个") if (m := _COUNTED_IN.search(plan.text)) else ""
    for rank, h in enumerate(hits[:5]):
        u = h.unit
        introduces = introduces_list(ev, u)
        if rank >= 3 and not (introduces and unit_word and unit_word in u.text):
            continue
        options: list[list[Unit] | tuple[Unit, list[str]]] = []
        items = list_items(ev, u)
        before = ev.corpus.speech(u.speech_no).units[u.seq - 2] if u.seq >= 2 else None
        if not items and u.kind == "paragraph" and not u.heading and before is not None and before.kind == "heading" \
                and _restates(u, before):
            # The paragraph that opens a part and restates its heading (…提出了必须遵循的原则。)
            # introduces the part's list.
            items = [x for x in list_items(ev, before) if x is not u]
            introduces = introduces or len(items) >= 2
        if items:
            options.append(items)
        enum = inline_enumeration(u.text)
        if enum:
            options.append((u, enum))
        nxt = next_unit(ev, u) if u.kind == "paragraph" and introduces else None
        if nxt is not None and inline_enumeration(nxt.text):
            options.append((nxt, inline_enumeration(nxt.text)))
        for opt in options:
            size = len(opt) if isinstance(opt, list) else len(opt[1])
            if n and size == n:
                return opt
            if not n and rank >= 3:
                return opt   # introduces a list in the question's unit (filtered above)
            if not n and rank == 0 and (plan.wants_list or introduces):
                if isinstance(opt, list) and not introduces and u in opt:
                    # The best hit is one item of a list: answer with the whole list only when
                    # other items rank near it, i.e. the question is about the list, not the item.
                    near = {h2.unit.id for h2 in hits[1:5] if h2.score >= 0.5 * h.score}
                    if not near & {x.id for x in opt}:
                        continue
                return opt

    return None


# 哪三大特色产业 / 哪几个领域: the noun the question counts.
_COUNTED_NOUN = LazyPattern("哪(?:几|[一二三四五六七八九十两\\d]+)(?:个|大|项|类|种|条|件|方面的?)?([\u4e00-\u9fff]{2,8}?)(?=[?？,，。]|$|呢|吗|是|有|分别)")
_SEP = "、，,。；;：:（）()“”"


def counted_items(question: str, n: int | None, hits: list[Hit]) -> tuple[Unit, list[str]] | None:
    """有茶叶、竹笋、高山蔬菜三大特色产业 for 哪三大特色产业: the things a sentence names and counts
    with the noun the question counts (their number, when the question gives one, must agree)."""
    m = _COUNTED_NOUN.search(question)
    if not m:
        return None
    noun = m.group(1)
    nouns = {noun, noun[-2:]}
    for h in hits[:5]:
        text = h.unit.text
        for name in nouns:
            pattern = (f"((?:[^{_SEP}]{{1,12}}?(?:、|和|及))+[^{_SEP}]{{1,12}}?)(?:等)?"
                       f"([一二三四五六七八九十两\\d]+)(?:个|大|项|类|种|条|件)?{re.escape(name)}")
            for found in re.finditer(pattern, text):
                items = [x for x in re.split("、|和|及", found.group(1)) if x]
                # the first item starts after the verb (有/是/聚焦/包括…): keep what follows it
                items[0] = re.split("有|是|聚焦|包括|抓好|围绕|形成|发展|涉及|考虑|在", items[0])[-1] or items[0]
                # ...and items of one list are alike in length: the sentence's opening is not one
                longest = max(len(x) for x in items[1:])
                items[0] = items[0][-longest:] if len(items[0]) > longest + 1 else items[0]
                count = chinese_numeral(found.group(2)) if not found.group(2).isdigit() else int(found.group(2))
                if len(items) >= 2 and count == len(items) and (not n or n == count):
                    return h.unit, items
    return None


def inline_enumeration(text: str, label_chars: int = AnswerParams.enum_label_chars) -> list[str]:
    """The items of 一是…二是…三是… inside a paragraph (two or more), each named by its first clause."""
    items = []
    for m in _INLINE_ENUM.finditer(text):
        item = m.group(1).strip()
        head = re.split("[,\uff0c;\uff1b]", item, maxsplit=1)[0]
        # 一是势头好,近几年来…: the item's name is its first clause when that is short.
        items.append(head if len(head) <= label_chars and len(head) < len(item) else item.rstrip("。;\uff1b"))
    return items if len(items) >= 2 else []


def style_name(u: Unit) -> str | None:
    style = heading_style(u.text)
    return style[0] if style else None


def item_label(u: Unit, short_heading: int = AnswerParams.short_heading_chars) -> str:
    if not u.heading:
        # 第一，…: a paragraph opening with a point (its first sentence too long to be a heading)
        # is named like the point.
        opening = opening_point(u.text)
        return opening[2].label if opening else split_sentences(u.text)[0]
    if len(u.heading) <= short_heading:
        # 二是准 says little alone; its first body sentence says what it means.
        body = split_sentences(u.text)[1:2]
        if body:
            return f"{u.heading}:{body[0]}"
    return u.heading


def outline_units(ev: Evidence, speech_no: int) -> list[Unit]:
    """The speech's parts; in a speech without headings, paragraphs that open with 第一，/第二，…
    are its parts even when their first sentence is too long to be an inline heading."""
    parts = ev.corpus.speech(speech_no).parts(ev.answer.outline_max_items)
    if headless(ev, speech_no):
        runs = [paragraphs for _, paragraphs in paragraph_enumerations(ev.corpus.speech(speech_no).units)]
        longest = max(runs, key=len, default=[])
        if len(longest) >= len(parts):
            return longest
    return parts


def part_units(ev: Evidence, part: Unit) -> list[Unit]:
    """The units a part of a speech is made of: a heading's section; in a speech without
    headings, a point paragraph (第二点，…) and the paragraphs that go on with it up to the next
    point (the last point runs as long as the longest one before it)."""
    units = ev.corpus.speech(part.speech_no).units
    if part.kind == "heading" or not headless(ev, part.speech_no):
        return [part, *section_children(units, part)]
    run = next((paras for _, paras in paragraph_enumerations(units) if part in paras), None)
    if run is None:
        return [part]
    starts = [u.seq for u in run]
    longest = max((b - a for a, b in zip(starts, starts[1:])), default=1)
    k = run.index(part)
    end = starts[k + 1] if k + 1 < len(run) else part.seq + longest
    return [u for u in units[part.seq - 1:end - 1] if u.kind == "paragraph" and (u is part or opening_point(u.text) is None)]


# 几点意见 / 哪几条 / 几个方面: the unit the question counts in, said back in the answer.
_COUNTED_IN = LazyPattern(r"(?:几|哪几|多少)(点|条|项|个方面|方面|个问题|件|部分|个部分|层)")


def count_intro(question: str, n: int) -> str:
    """共3项: / 共三点: — the count of a list answer, in the question's own unit when it names one."""
    m = _COUNTED_IN.search(question)
    if not m or not 1 <= n <= 10:
        return f"共{n}项:"
    return f"共{'一二三四五六七八九十'[n - 1]}{m.group(1)}:"


def as_list(items: list[Unit], citer: Citer, intro: str) -> tuple[str, list[AnswerSentence]]:
    return numbered(intro, [AnswerSentence(item_label(u), [citer.cite(u)]) for u in items])


def numbered(intro: str, sentences: list[AnswerSentence]) -> tuple[str, list[AnswerSentence]]:
    lines = [intro] + [f"{k}. {s.text}[{s.citations[0]}]" for k, s in enumerate(sentences, 1)]
    return "\n".join(lines), sentences


# Speeches without headings: their points are enumerated (第一，…第二，… / 一要…二要… / 首先…其次…)
# inside paragraphs or by paragraphs that open with the markers; see enumeration.py.

PointList = list[Unit] | tuple[Unit, list[str]]
_DASH = LazyPattern("^[—–－―-]{2,}")
MAX_PARALLEL = 8   # a parallel paragraph is at most this many paragraphs after its lead-in


def headless(ev: Evidence, speech_no: int) -> bool:
    return not ev.corpus.speech(speech_no).headings


def parallel_paragraphs(units: list[Unit], lead: Unit) -> list[Unit]:
    """The paragraphs after a lead-in line (…以下几个方面的工作:) that open alike: each with a
    dash (———结合金融改革…) or with the first one's first character (要加强… 要健全… 要强化…);
    after any paragraph, three or more that open with the same words (我们要更好地坚持… ×3):
    the parallel openings of a speech's points."""
    if not re.search("[:\uff1a]$", lead.text.rstrip()):
        return _same_openings(units, lead)
    items: list[Unit] = []
    for u in units[lead.seq:]:
        if u.kind != "paragraph":
            break
        if items and not (_DASH.match(u.text) if _DASH.match(items[0].text) else u.text[:1] == items[0].text[:1]):
            break
        items.append(u)
    return items if len(items) >= 2 else []


# Shared openings shorter than this are common words (我们要, 要加强), not a parallel series.
SAME_OPENING = 5


def _same_openings(units: list[Unit], lead: Unit) -> list[Unit]:
    items: list[Unit] = []
    for u in units[lead.seq:]:
        if u.kind != "paragraph" or (items and u.text[:SAME_OPENING] != items[0].text[:SAME_OPENING]):
            break
        items.append(u)
    if lead.text[:SAME_OPENING] == (items[0].text[:SAME_OPENING] if items else None):
        return []   # the lead opens alike: it is the first of the series, not what announces it
    return items if len(items) >= 3 and _CJK_RUN.fullmatch(items[0].text[:SAME_OPENING]) else []


_CJK_RUN = LazyPattern("[\u4e00-\u9fff]+")


def _restates(paragraph: Unit, heading: Unit) -> bool:
    """Whether a paragraph holds most of a heading's character pairs."""
    pairs = {heading.text[i:i + 2] for i in range(len(heading.text) - 1)}
    return bool(pairs) and sum(g in paragraph.text for g in pairs) >= 0.5 * len(pairs)


def _shared_opening(paragraphs: list[Unit]) -> list[Unit]:
    """The paragraphs of a part that open with the same words (坚持和完善…制度,必须… ×6): its
    points, though paragraphs that elaborate one stand between them."""
    openings = Counter(u.text[:SAME_OPENING] for u in paragraphs if _CJK_RUN.fullmatch(u.text[:SAME_OPENING]))
    if not openings:
        return []
    opening, n = openings.most_common(1)[0]
    return [u for u in paragraphs if u.text[:SAME_OPENING] == opening] if n >= 3 else []


def _lead_text(units: list[Unit], first: Unit) -> str:
    """The paragraph before a run of points: it announces what they are."""
    before = [u for u in units[: first.seq - 1] if u.kind == "paragraph"]
    return before[-1].text if before else ""


def point_lists(ev: Evidence, unit: Unit, inline_anywhere: bool = False) -> list[tuple[str, PointList]]:
    """The enumerations a unit of a speech without headings holds, belongs to or introduces,
    each with the text that says what it lists (its lead sentence and its points' names).
    ``inline_anywhere``: a paragraph's own 一是…二是… in a speech with headings too (the N-th
    point of a list its words name: 项目攻坚破难活动…第3条)."""
    units = ev.corpus.speech(unit.speech_no).units
    if not headless(ev, unit.speech_no) and not _unmarked_part(units, unit):
        return [(e.lead + "".join(e.labels), (unit, e.labels)) for e in enumerations(unit.text)] \
            if inline_anywhere and unit.kind == "paragraph" else []
    out: list[tuple[str, PointList]] = [(e.lead + "".join(e.labels), (unit, e.labels))
                                        for e in enumerations(unit.text)]
    for _, paragraphs in paragraph_enumerations(units):
        if paragraphs[0].section != unit.section:
            continue   # another part's points
        if unit in paragraphs or unit.seq == paragraphs[0].seq - 1:
            labels = "".join(item_label(u) for u in paragraphs)
            out.append((_lead_text(units, paragraphs[0]) + labels, paragraphs))
    leads = [u for u in units[: unit.seq] if u.kind == "paragraph"][::-1][:MAX_PARALLEL]
    for lead in leads:
        items = parallel_paragraphs(units, lead)
        if items and (lead is unit or unit in items):
            out.append((lead.text + "".join(item_label(u) for u in items), items))
            break
    return out


def _unmarked_part(units: list[Unit], unit: Unit) -> bool:
    """Whether a unit is in a part headed by an unnumbered line, with no headings below it (a
    symposium speaker's contribution): the part reads like a speech without headings."""
    if not unit.section:
        return False
    head = next((u for u in units if u.kind == "heading" and u.heading == unit.section[-1]
                 and u.section == unit.section[:-1]), None)
    return head is not None and heading_style(head.text) is None and not any(
        u.kind == "heading" and len(u.section) > len(unit.section) and u.section[:len(unit.section)] == unit.section
        for u in units)


def speech_point_lists(ev: Evidence, speech_no: int) -> list[tuple[str, PointList]]:
    """Every enumeration of a speech without headings (what point_lists gives for each of its
    paragraphs), read in one pass and kept in the evidence's cache: a long speech is not read
    once per paragraph."""
    cached = ev.point_lists_cache.get(speech_no)
    if cached is not None:
        return cached
    units = ev.corpus.speech(speech_no).units
    paragraphs = [u for u in units if u.kind == "paragraph"]
    out: list[tuple[str, PointList]] = [(e.lead + "".join(e.labels), (u, e.labels))
                                        for u in paragraphs for e in enumerations(u.text)]
    for _, run in paragraph_enumerations(units):
        out.append((_lead_text(units, run[0]) + "".join(item_label(u) for u in run), run))
    for lead in paragraphs:
        items = parallel_paragraphs(units, lead)
        if items:
            out.append((lead.text + "".join(item_label(u) for u in items), items))
    ev.point_lists_cache[speech_no] = out
    return out


def _match(ev: Evidence, bigrams: Sequence[str], text: str) -> float:
    norm = ta.normalise(text)
    return sum(max(ev.bigram_idf.get(g, 1.0), 0.05) for g in set(bigrams) if g in norm)


def point_count(option: PointList) -> int:
    return len(option) if isinstance(option, list) else len(option[1])


_WEAK_NOUN = LazyPattern(r"哪些([\u4e00-\u9fff]{2,4}?)(?:[,，。?？!！呢吗]|$)")


def choose_points(ev: Evidence, plan: QueryPlan, hits: list[Hit], bigrams: Sequence[str],
                  min_size: int = 2, inline_anywhere: bool = False) -> PointList | None:
    """The enumeration in the top paragraphs of speeches without headings that the question's
    words match best (its lead sentence and its points' names), as long as the question says.

    It must hold ``point_match_share`` of the question's (IDF-weighted) character pairs."""
    best: tuple[float, PointList] | None = None
    seen: set[str] = set()
    # 哪些/什么 asks for a list only when the best paragraph holds one (as choose_list reads it).
    ranks = 3 if plan.wants_list or plan.nth_item is not None else 1
    asked = _match(ev, bigrams, "".join(bigrams))
    ranked = [(rank, text, option) for rank, h in enumerate(hits[:ranks])
              for text, option in point_lists(ev, h.unit, inline_anywhere)]
    if plan.speech_no is not None and headless(ev, plan.speech_no):
        # The named speech's other lists too, as if ranked last: the one whose lead says what
        # the question asks (今年要重点抓好以下几个方面的工作) may rank below its neighbours.
        ranked += [(ranks, text, option) for text, option in speech_point_lists(ev, plan.speech_no)]
    # 提到了哪些剧作家: a list only in name (哪些 + a noun that is no item of a speech) is a
    # list of that thing; points about something else (三点看法) are not it.
    named = _WEAK_NOUN.search(plan.text) if plan.weak_list and not plan.wants_list else None
    for rank, text, option in ranked:
        size = point_count(option)
        if text in seen or size < min_size or (plan.list_size and size != plan.list_size):
            continue
        if named and named.group(1)[-2:] not in ta.normalise(text):
            continue
        seen.add(text)
        score = _match(ev, bigrams, text) * (1.0 - ev.answer.rank_decay * rank)
        if score < ev.answer.point_match_share * asked:
            continue   # the points are about something else than the question
        if best is None or score > best[0]:
            best = (score, option)
    return best[1] if best else None


def nth_point(ev: Evidence, plan: QueryPlan, hits: list[Hit],
              bigrams: Sequence[str]) -> tuple[int, Unit, str] | None:
    """第二点是什么 / 最后一点 in a speech without headings: (N, the unit holding it, its text)."""
    need = plan.nth_item if plan.nth_item and plan.nth_item > 0 else 2
    option = choose_points(ev, dataclasses.replace(plan, list_size=None), hits, bigrams, need,
                           inline_anywhere=not plan.nth_is_part)   # 第二部分 is no paragraph's point
    if option is None and plan.speech_no is not None:
        # 公款送礼那篇提的治理办法里第三条: no list the words name, so the one the named speech makes.
        option = speech_points(ev, plan.speech_no)
    if option is None:
        return None
    if isinstance(option, list):
        picked = nth(option, plan.nth_item)
        if picked is None:
            return None
        k, unit = picked
        opening = opening_point(unit.text)
        text = opening[2].sentences() if opening else "".join(split_sentences(unit.text)[:2])
        return k, unit, text
    unit, _ = option
    points = next((e.points for e in enumerations(unit.text) if e.labels == option[1]), ())
    chosen = nth(points, plan.nth_item)
    return (chosen[0], unit, chosen[1].sentences()) if chosen else None


def followup_point(answer: Answer, item: int) -> tuple[int, Unit, str] | None:
    """那第二点呢 after an answer that listed the points of one paragraph: (N, the paragraph, the
    point's text). Lists of units are followed up by their units (compose._followup_unit)."""
    by_n = {c.n: c.unit for c in answer.citations}
    cited = {s.citations[0] for s in answer.sentences if s.citations}
    if len(cited) != 1 or len(answer.sentences) < 2 or (unit := by_n.get(cited.pop())) is None:
        return None
    said = [s.text for s in answer.sentences]
    points = next((e.points for e in enumerations(unit.text) if e.labels == said), ())
    chosen = nth(points, item)
    return (chosen[0], unit, chosen[1].sentences()) if chosen else None


def speech_points(ev: Evidence, speech_no: int) -> PointList | None:
    """The points a speech without headings lists, for its outline: paragraphs that open with
    第一，/第二，… (the longest run), else the longest 第一…第二… enumeration inside a paragraph,
    else the longest enumeration of any kind (three points at least)."""
    if not headless(ev, speech_no):
        return None
    units = ev.corpus.speech(speech_no).units
    runs = [paragraphs for _, paragraphs in paragraph_enumerations(units)]
    if runs:
        return max(runs, key=len)
    inline = [(u, e) for u in units if u.kind == "paragraph" for e in enumerations(u.text)]
    ordinal = [(u, e) for u, e in inline if e.family == "ordinal"]
    pool = ordinal or [(u, e) for u, e in inline if len(e.points) >= 3]
    if not pool:
        return None
    unit, enum = max(pool, key=lambda x: len(x[1].points))
    return unit, enum.labels


def as_points(points: PointList, citer: Citer, intro: str) -> tuple[str, list[AnswerSentence], list[Unit]]:
    """Numbered points, each cited: paragraphs by their opening point, or the points of one paragraph."""
    if isinstance(points, list):
        text, sentences = numbered(intro, [AnswerSentence(item_label(u), [citer.cite(u)]) for u in points])
        return text, sentences, points
    unit, labels = points
    n = citer.cite(unit)
    text, sentences = numbered(intro, [AnswerSentence(label, [n]) for label in labels])
    return text, sentences, [unit]
