"""The structure of a speech as answers use it: outlines, lists and their items.

A list is sibling list items, the items after a lead-in line (以下/如下/…:), the headings under
a heading, or an enumeration 一是…二是… inside a paragraph. In a speech without headings, the
points it enumerates (enumeration.py: 第一，…第二，… / 一要… / 首先…其次…, inside a paragraph or
opening paragraphs) and the paragraphs after a lead-in that open alike are its lists and parts.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise

from .announced import ADDS_PART, SPEAKER_ANNOUNCES, added_part, announced_early
from .corpus import Speech, Unit, heading_style
from .enumeration import (
    SIGN_OFF,
    enumerations,
    first_clauses,
    longest_points,
    opening_point,
    outer_runs,
    paragraph_enumerations,
)
from .evidence import Citer, Evidence
from .lazy_pattern import LazyPattern
from .openings import SAME_OPENING, alike_run, directive_run, directive_runs, directives, series_of, topic_run
from .params import AnswerParams
from .planner import QueryPlan
from .question_grammar import asked_kind
from .results import AnswerSentence, Hit
from .speech_refs import REPORTER_TURN
from .text_analysis import normalise, split_sentences, squash_punct
from .text_helpers import chinese_numeral

__all__ = [
    "COUNTED_IN",
    "QUOTED_ITEM_CHARS",
    "addressed_directives",
    "announced_run",
    "answered_instead",
    "answered_turns",
    "as_list",
    "choose_list",
    "count_intro",
    "enumerates",
    "headless",
    "inline_enumeration",
    "item_label",
    "lead_in",
    "list_items",
    "next_unit",
    "numbered",
    "outline_units",
]

# 一是…;二是… or, within one sentence, 一是…,二是…,三是…: each item runs to the next item's 是.
_INLINE_ENUM = LazyPattern("(?:^|(?<=[。;:,\uff1b\uff1a\uff0c]))\\s*([一二三四五六七八九十]+是"
                          "(?:(?![,\uff0c]\\s*[一二三四五六七八九十]+是)[^。;\uff1b])*[。;\uff1b]?)")
_LEAD_IN = LazyPattern("[:\uff1a]$|以下|如下")
# 说几句心里话 / 我讲三点意见，同大家交流: a speaker counting what he is about to say.
_ANNOUNCES_ITEMS = LazyPattern("(?:讲|谈|说|提|交流)(?:一下)?[两三四五六七八九几](?:句|点|条|个)")

# A part, item or point asked about is quoted from its start up to this long: what it holds
# (its examples, its closing call) follows its opening sentence.
QUOTED_ITEM_CHARS = 600


def enumerates(unit_text: str, n: int) -> bool:
    """Whether the text lists ``n`` things: 一是…二是…, n short items joined by 、, or a sentence
    of n clauses between semicolons (我们要坚持依法行政…；要坚持廉洁从政…；要坚持实干担当…)."""
    if len(inline_enumeration(unit_text)) == n:
        return True
    for sentence in split_sentences(unit_text):
        if len([x for x in re.split("[；;]", sentence.rstrip("。")) if x.strip()]) == n:
            return True
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
    """The units after ``unit`` inside the section it heads (or opens inline). The last section
    ends where the speaker turns to the audience to close (同志们,…): that is the speech's."""
    path = unit.section + (unit.heading,)
    inside = [u for u in units[unit.seq:] if u.section[: len(path)] == path]
    if inside and (unit.kind == "heading" or unit.heading) and all(u.kind == "metadata" for u in units[inside[-1].seq:]):
        closing = next((i for i, u in enumerate(inside) if i and u.kind == "paragraph" and _CLOSING.match(u.text)), None)
        inside = inside[:closing] if closing is not None else inside
    return inside


def announced_run(speech: Speech, unit: Unit) -> list[Unit]:
    """The paragraphs a paragraph that ends announcing some (说几句心里话 / 提三点希望) introduces:
    a run that directs, a series that opens alike, else a run of topic sentences; [] when none."""
    units = speech.units
    if unit.seq >= len(units) or not _ANNOUNCES_ITEMS.search(split_sentences(unit.text)[-1]):
        return []
    following = units[unit.seq]
    run = directive_run(speech.paragraphs, following) or series_of(speech.paragraphs, following) \
        or topic_run(speech.paragraphs, following)
    return run if run and run[0] is following else []


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
    if unit.kind == "paragraph" and not speech.headings and (run := announced_run(speech, unit)):
        return run   # 我想和大家说几句心里话。 ¶ 第一句话是，… ×3: the run it announces
    if unit.kind == "paragraph" and introduces_list(ev, unit):
        if i + 1 < len(units) and units[i + 1].kind == "heading":
            level = units[i + 1].level
            heads = [u for u in units[i + 1:] if u.kind == "heading" and u.level == level]
            return heads if len(heads) >= 2 else []
        if not speech.headings and i + 1 < len(units) and (run := directive_run(speech.paragraphs, units[i + 1])) \
                and run[0] is units[i + 1]:
            return run   # 今年要重点抓好以下几个方面的工作。 then paragraphs that state a point and direct
        items = []
        for u in units[i + 1:]:
            if u.kind == "paragraph" and u.heading:
                items.append(u)
            else:
                break
        if len(items) == 1:
            # 需要着力做好以下六个方面的工作: 一、… with paragraphs of its own, then 二、…: the items
            # are the first one's siblings that follow.
            items = [u for u in list_items(ev, items[0]) if u.seq > unit.seq]
        # 第一，…第四，… then 最后，要…: the run of points as numbered, its closing point too.
        numbered = next((run for _, run in paragraph_enumerations(units) if run[0].seq == unit.seq + 1), [])
        items = numbered if len(numbered) > len(items) and set(items) <= set(numbered) else items
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
        # (在经济和社会发展方面，… ×4 among ten paragraphs: a run framed alike is the part's items.)
        if len(direct) > 8 and (run := alike_run(direct)):
            return run
        # Paragraphs under a heading that each open with a short topic sentence (作风是形象。…);
        # an introduction before them or a summing-up after them that opens otherwise is not one.
        # (几点建议: 一是…三是… inside one paragraph and a closing line after it: the part's points
        # are that paragraph's, read by inline_points.)
        framed = framed_alike(direct)
        listing = [u for u in direct if len(longest_points(u.text) or []) >= 3]
        # (具体要抓好三项工作：（一）…（二）…（三）…: a paragraph that announces as many points as it
        # gives holds the part's items, however many paragraphs stand around it.)
        if not framed and len(listing) == 1 and (len(direct) <= 3 or _announces_its_points(listing[0].text)):
            return []
        return framed or (direct if 2 <= len(direct) <= 8 else [])
    if unit.kind == "paragraph" and not speech.headings:
        # (企业是科技创新的主体，要…。要… ×8: measures that state a point and direct, unmarked;
        # 希望劳动模范们… ×3: a series that opens alike.)
        return directive_run(speech.paragraphs, unit) or series_of(speech.paragraphs, unit)
    return []


def _announces_its_points(text: str) -> bool:
    """Whether a paragraph says how many points it gives before giving that many (具体要抓好三项工作：
    （一）…（二）…（三）…)."""
    e = max(enumerations(text), key=lambda x: len(x.points), default=None)
    counts = re.findall(r"([一二三四五六七八九十两]|\d{1,2})(?:项|条|个|点|方面)", e.lead) if e is not None else []
    return bool(counts) and any((int(c) if c.isdigit() else chinese_numeral(c)) == len(e.points) for c in counts)


_DIRECTED = frozenset({"措施", "举措", "办法", "任务", "部署"})   # kinds of items a speech directs
# 对工会提了哪些要求 / 给毕业生提了哪些建议: those the things asked for are said to.
_ADDRESSEE = LazyPattern(r"(?:对|给|向)([\u4e00-\u9fff]{2,8}?)(?:都|还|又|一共|总共)?(?:提|有|讲|说|布置|部署)")
_DIRECTIVE_ITEMS = 3   # directives a paragraph gives, at least, to be the list asked for
# kinds of things a speaker says to the audience, one after another
_SAID_TO = frozenset({"建议", "希望", "要求", "叮嘱", "嘱托", "嘱咐", "寄语", "忠告", "心里话", "期望", "期待"})
_ITEMS_NEAR_TOP = 3   # of the five best hits, a list's items that say the question asks for it


def choose_list(ev: Evidence, plan: QueryPlan, hits: list[Hit]) -> list[Unit] | tuple[Unit, list[str]] | None:
    """The list that answers a list question: units, or (unit, items) for an inline one.

    A list near the top is trusted when it is as long as the question says (哪四个 → 4) or
    when it belongs to the best hit; when the best hit already names N things in one
    sentence (产业布局、区位优势、优惠政策、人文环境等四大要素), that sentence is the answer.
    """
    n = plan.list_size
    if n and hits and enumerates(hits[0].unit.text, n) and not inline_enumeration(hits[0].unit.text):
        return None

    for h in hits[:3]:
        # 今年植树造林的主要任务有哪几项: a heading the question names whole answers with what it
        # heads (its items, or the 一是…二是… of its one paragraph), wherever the lead ranks.
        if h.unit.kind == "heading" and _names_heading(plan.text, h.unit):
            if len(items := list_items(ev, h.unit)) >= 2 and (not n or len(items) == n):
                return items
            children = section_children(ev.corpus.speech(h.unit.speech_no).units, h.unit)
            if len(children) == 1 and len(enum := inline_enumeration(children[0].text)) >= 2 and (not n or len(enum) == n):
                return children[0], enum
    # Each top hit's lists, read once: (hit, its lists, whether it introduces one).
    read = [(h, *_list_options(ev, h.unit, introduces_list(ev, h.unit))) for h in hits[:5]]
    unit_word = counted_unit(plan.text)
    if unit_word:
        # 成绩分了几个方面说: a paragraph that counts its own list in the question's unit (主要表现在
        # 四个方面:一是…) answers before a better-ranked list that counts in none (of the size
        # asked, when the question gives one: 这三个方面分别是什么).
        for h, options, _ in read:
            for opt in options:
                size = len(opt) if isinstance(opt, list) else len(opt[1])
                if (not n or size == n) and states_count(h.unit.text, unit_word, size):
                    return opt
    # 作风建设有哪几个方面的问题: the list a paragraph introduces as of the kind asked (还存在着一些问题,
    # 主要表现在以下三个方面:) before a better-ranked list whose own words name another kind.
    kind = asked_kind(plan.text)
    if kind and kind != unit_word and read and kind not in _lead_words(ev, read[0][0].unit):
        for h, options, _ in read[1:]:
            lead = lead_in(ev, h.unit)
            if options and kind in lead and (not unit_word or unit_word in lead):
                return options[0]
    # 部署了哪些具体措施: measures asked for, and a run of paragraphs that each state a point and
    # direct (要…。要…) among the best hits: that run, wherever its items rank.
    if kind in _DIRECTED and plan.wants_list and not n:
        for h, _, _ in read:
            speech = ev.corpus.speech(h.unit.speech_no)
            if not speech.headings and (run := directive_run(speech.paragraphs, h.unit)):
                return run
        # (范承志在人才大会上讲了哪些举措: of a named speech, the one run it directs in, though the
        # speech's own subject, taken as its name, leaves the items unranked.)
        named = ev.corpus.speech(plan.speech_no) if plan.speech_no is not None else None
        runs = directive_runs(named.paragraphs) if named is not None and not named.headings else []
        if len(runs) == 1:
            return runs[0]
    if (said := addressed_directives(ev, plan, [h for h, _, _ in read[:3]])) is not None:
        return said
    addressed = _ADDRESSEE.search(normalise(plan.text))
    # 校长在毕业典礼上提了哪些建议: words said to the audience asked for, and a named speech without
    # headings that announces the one run of them it says (说几句心里话。 ¶ 愿你们… ¶ 要学会…), to
    # those the question names, if it names any.
    if kind in _SAID_TO and plan.wants_list and plan.speech_no is not None:
        named = ev.corpus.speech(plan.speech_no)
        runs = [] if named.headings else [run for u in named.paragraphs if (run := announced_run(named, u))]
        # (给毕业生: those the speech is given to, in its title or greeting, or those its lead names.)
        heard = [named.title, *(u.text for u in named.paragraphs[:1])] + [u.text for u in [named.units[runs[0][0].seq - 2], *runs[0]]] \
            if len(runs) == 1 else []
        if len(runs) == 1 and (not n or len(runs[0]) == n) and (not addressed or any(
                addressed.group(1) in normalise(text) for text in heard)):
            return runs[0]
    # 问题主要有哪几方面: a paragraph a little lower that introduces a list in the question's
    # unit (主要表现在以下三个方面:) is a candidate too.
    for rank, (h, options, introduces) in enumerate(read):
        u = h.unit
        if rank >= 3 and not (introduces and unit_word and unit_word in u.text):
            continue
        for opt in options:
            size = len(opt) if isinstance(opt, list) else len(opt[1])
            if n and size == n:
                return opt
            if not n and rank >= 3:
                return opt   # introduces a list in the question's unit (filtered above)
            if not n and rank > 0 and plan.wants_list and isinstance(opt, list) and u in opt \
                    and sum(h2.unit in opt for h2 in hits[:5]) >= _ITEMS_NEAR_TOP:
                return opt   # (several of the best hits are its items: the question is about the list)
            if not n and rank == 0 and (plan.wants_list or introduces):
                if isinstance(opt, list) and not introduces and u in opt:
                    # The best hit is one item of a list: answer with the whole list only when
                    # other items rank near it, i.e. the question is about the list, not the item.
                    near = {h2.unit.id for h2 in hits[1:5] if h2.score >= 0.5 * h.score}
                    if not near & {x.id for x in opt}:
                        continue
                return opt

    return None


def addressed_directives(ev: Evidence, plan: QueryPlan, hits: Sequence[Hit]) -> tuple[Unit, list[str]] | None:
    """对工会提了哪些要求: of ``hits``, the paragraph that names those the question names before it
    goes on in directives (各级工会组织是…。要…。要…。要… / 慰问信说,…。广大职工要以…。要…。要…。
    要…): its directives."""
    kind = asked_kind(plan.text)
    addressed = _ADDRESSEE.search(normalise(plan.text))
    if not ((kind in _DIRECTED or kind in _SAID_TO) and (plan.wants_list or plan.outline) and addressed):
        return None
    for h in hits:
        said = directives(h.unit)
        # (对广大职工: its head noun, 职工, names them as well as 全市职工 does)
        if len(said) >= _DIRECTIVE_ITEMS and addressed.group(1)[-2:] in normalise(h.unit.text[:h.unit.text.find(said[0])]):
            return h.unit, said
    return None


def lead_in(ev: Evidence, u: Unit) -> str:
    """The sentence that announces the list a unit holds or starts (还存在着一些问题,主要表现在
    以下三个方面:): its own last sentence, or the paragraph's before it; "" when none does."""
    units = ev.corpus.speech(u.speech_no).units
    for text in (u.text, units[u.seq - 2].text if u.seq >= 2 else ""):
        last = split_sentences(text)[-1] if text else ""
        if _LEAD_IN.search(last):
            return last
    return ""


def _lead_words(ev: Evidence, u: Unit) -> str:
    """What a unit may say its list is of: its first sentence, the headings it stands under and
    the sentence that announces its list."""
    return split_sentences(u.text)[0] + (u.heading or "") + "".join(u.section) + lead_in(ev, u)


def _names_heading(question: str, heading: Unit) -> bool:
    """Whether the question says (nearly) every character pair of the heading's words (its
    marker, 二、, aside)."""
    style = heading_style(heading.text)
    words = squash_punct(heading.text[style[1]:] if style else heading.text)
    pairs = {words[i:i + 2] for i in range(len(words) - 1)}
    asked = squash_punct(question)
    return len(pairs) >= 3 and sum(g in asked for g in pairs) >= 0.8 * len(pairs)


def counted_unit(question: str) -> str:
    """The unit a question counts a list in (分了几个方面 → 方面), or ""."""
    return m.group(1).lstrip("个") if (m := COUNTED_IN.search(question)) else ""


def states_count(text: str, unit_word: str, size: int) -> bool:
    """Whether a text counts ``size`` things in ``unit_word`` (主要表现在四个方面)."""
    return any(chinese_numeral(c) == size for c in re.findall(rf"([一二三四五六七八九十两\d]+)个?{unit_word}", squash_punct(text)))


def _list_options(ev: Evidence, u: Unit, introduces: bool) -> tuple[list[list[Unit] | tuple[Unit, list[str]]], bool]:
    """The lists a hit may answer with (the items it heads, the 一是…二是… inside it, or those of
    the paragraph after it when it introduces a list), and whether it introduces one."""
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
    return options, introduces


# 哪三大特色产业 / 哪几个领域: the noun the question counts.
_COUNTED_NOUN = LazyPattern("(?:哪|(?<=[了有出过]))(?:几|[一二三四五六七八九十两\\d]+)(?:个|大|项|类|种|条|件|方面的?)?([\u4e00-\u9fff]{2,8}?)(?=[?？,，。]|$|呢|吗|是|有|分别)")
# 三大追赶目标是哪三个: the noun before the question word (when none follows it).
_COUNTED_BEFORE = LazyPattern("([\u4e00-\u9fff]{2,4})(?:分别)?(?:是|有)哪(?:几|[一二三四五六七八九十两\\d]+)(?:个|大|项|类|种|条|件)")
_SEP = "、，,。；;：:（）()“”"
_FRAMING = LazyPattern("^(?:在|到|再|经过|从|随着|通过|为了|按照|根据)|(?:年代|时候|以后|之后|以前|基础上)$")
_COUNT_TOLD = LazyPattern("(?<![第哪几])(?:[一二三四五六七八九十两]|\\d{1,2})(?:个|大|项|类|种|条|件)([\u4e00-\u9fff]{2,8}?)"
                          "(?=[,，]?(?:分别|各|都|具体)?(?:是|指|有|包括)(?:什么|啥|哪些|哪几))")


_WHOLE_CLAUSE = 30
_PARTS_COUNTED = LazyPattern("等?([二三四五六七八九两\\d])个?(?:方面|点|项|条)")
_VERB_BEFORE = "放在|集中在|有|是|聚焦|包括|抓好|围绕|在"


# How many paragraphs of the hits a sentence that counts its own things is looked for in, when the
# question counts them too (周海峰说乡风文明包括哪四条: a part's heading may rank above the
# paragraph that lists them); else the best one only.
_SELF_COUNTED_HITS = 3


_POINTS_BACK = LazyPattern(r"(?:这|那|此|上述|以上|前述)$")


def _self_counted(question: str, n: int | None, hits: list[Hit]) -> tuple[Unit, list[str]] | None:
    """改革的重点应该放在建房资金多元化,建房方式多样化,住房管理社会化３个方面 for 重点放在哪几块: a
    sentence of the best paragraph (of the best three, when the question counts them too) that
    names and counts its things in parts, when what leads into them says the question's words
    (two character pairs at least)."""
    asked = {question[i:i + 2] for i in range(len(question) - 1)}
    for h in [h for h in hits if h.unit.kind == "paragraph"][:_SELF_COUNTED_HITS if n else 1]:
        for sentence in split_sentences(h.unit.text):
            for found in _PARTS_COUNTED.finditer(sentence):
                count = chinese_numeral(found.group(1))
                if _POINTS_BACK.search(sentence[:found.start()]):
                    continue   # 各级党委、政府要把这两项工作…: 这 counts what was said before, not what stands here
                shared = {sentence[i:i + 2] for i in range(found.start() - 1)} & asked
                if n == count and sentence[found.end():found.end() + 1] in ":：" and len(shared) >= 2 \
                        and (listed := _listed_after(sentence[found.end() + 1:], count)):
                    # 社会主义本质,就是…作为一个整体的五条:解放生产力,发展生产力,…最终达到共同富裕。
                    return h.unit, listed
                segments = re.split("([，,、])", sentence[:found.start()])
                separators, segments = set(segments[1::2][-(count or 1) + 1:]), segments[::2]
                # (主要看两条:一是… announces its points; 积极、健康、向上的态势,形成了 are no three things)
                if not count or count < 2 or len(segments) <= count or (n and n != count) or len(separators) > 1 \
                        or sentence[found.end():found.end() + 1] in ":：":
                    continue
                items = segments[-count:]
                verb = re.split(_VERB_BEFORE, items[0])
                lead = "".join(segments[:-count]) + items[0][:len(items[0]) - len(verb[-1])]
                items[0] = verb[-1]
                shared = {lead[i:i + 2] for i in range(len(lead) - 1)} & asked
                if all(2 <= len(x) <= 14 for x in items) and len(shared) >= 2:
                    return h.unit, items
    return None


def _listed_after(rest: str, count: int) -> list[str] | None:
    """The clauses after a counted colon when there are as many as it counts (not 一是…, whose
    points are the items), each short enough to be one thing."""
    if opening_point(rest) is not None:
        return None
    items = [x.strip() for x in re.split("[，,、]", rest.rstrip("。;；!！?？")) if x.strip()]
    return items if len(items) == count and all(2 <= len(x) <= 14 for x in items) else None


def counted_items(question: str, n: int | None, hits: list[Hit], term: str = "") -> tuple[Unit, list[str]] | None:
    """有茶叶、竹笋、高山蔬菜三大特色产业 (or 三大特色产业:茶叶,竹笋,高山蔬菜) for 哪三大特色产业: the
    things a sentence names and counts with the noun the question counts (their number, when the
    question gives one, must agree)."""
    m = _COUNTED_NOUN.search(question) or _COUNTED_BEFORE.search(question)
    told = None if m else _COUNT_TOLD.search(question)
    if told:
        # 十四大提出了近期和长远三个奋斗目标,分别是什么: the question tells the count itself, as the
        # text does before a colon (a count after things named, 我要和大家强调两个概念, is no list).
        m, n = told, n or chinese_numeral(re.sub("[个大项类种条件].*", "", told.group(0)))
    if not m and not term:
        return _self_counted(question, n, hits)
    # (存在的问题和不足,具体列了哪几条: the term asked about names the list after its colon.)
    # (哪几件大事做了大量工作: the noun right after the count, when the clause goes on.)
    nouns = {m.group(1), m.group(1)[-2:], m.group(1)[:2]} if m else set()
    for h in hits[:5]:
        text = h.unit.text
        for name in sorted(nouns | ({term} if term else set())):
            # (围绕香港回归、召开党的十五大以及开创外交工作新局面等几件大事: 几 counts them too.)
            pattern = (f"((?:[^{_SEP}]{{1,12}}?(?:、|以及|和|及))+[^{_SEP}]{{1,12}}?)(?:等)?"
                       f"([一二三四五六七八九十两\\d]+|几)(?:个|大|项|类|种|条|件)?{re.escape(name)}")
            for found in re.finditer(pattern, text) if not told else ():
                if _POINTS_BACK.search(found.group(1)):
                    continue   # (要把这两项工作…: what 这 counts was said before)
                items = [x for x in re.split("、|以及|和|及", found.group(1)) if x]
                # the first item starts after the verb (有/是/聚焦/包括…): keep what follows it
                after_verb = re.split("有|是|聚焦|包括|抓好|围绕|形成|发展|涉及|考虑|在", items[0])[-1] or items[0]
                # ...else, items of one list being alike in length, the sentence's opening is not
                # one (重点抓好危险化学品、消防、燃气: after its verb, an item may be long).
                longest = max(len(x) for x in items[1:])
                items[0] = after_verb if after_verb != items[0] or len(items[0]) <= longest + 1 else items[0][-longest:]
                count = len(items) if found.group(2) == "几" else \
                    chinese_numeral(found.group(2)) if not found.group(2).isdigit() else int(found.group(2))
                if len(items) >= 2 and count == len(items) and (not n or n == count):
                    return h.unit, items
            # 提出了三大追赶目标:全面发展学江阴,产业发展学吴江,城乡发展学宜兴。— the count first.
            after = f"([一二三四五六七八九十两\\d]+)(?:个|大|项|类|种|条|件)?{re.escape(name)}[”」』]?[:：]([^。；;！!？?]+)"
            for found in re.finditer(after, text):
                if opening_point(found.group(2)) is not None or text[found.end():found.end() + 1] in "；;":
                    # 三件事:一是…,到2000年,…;二是…: its points are the items, not its clauses;
                    # 三个奋斗目标:A,…;B,…;C…: its ；-parts are (read below).
                    continue
                items = [x.strip() for x in re.split("[，,、]", found.group(2)) if x.strip()]
                count = chinese_numeral(found.group(1))
                if len(items) >= 2 and count == len(items) and (not n or n == count):
                    return h.unit, items
            # 存在的问题:产业结构不优,…;财政收支矛盾突出,…;…。— uncounted, one clause each.
            for found in re.finditer(f"{re.escape(name)}[”」』]?[:：]([^。！!？?]+[；;][^。！!？?]+)", text):   # (“四个带头”:)
                if opening_point(found.group(1)) is not None:
                    continue
                # (a short clause whole: 多渠道筹集资金,加快教师住房建设 says what the money is for)
                # (…;再经过20年的努力,到建党100周年的时候,…: a clause that only says when or on
                # what ground names no item; the part is kept whole.)
                items = [x if len(x) <= _WHOLE_CLAUSE or _FRAMING.search(re.split("[，,]", x)[0]) else re.split("[，,]", x)[0]
                         for x in (y.strip() for y in re.split("[；;]", found.group(1))) if x]
                if len(items) >= 3 and (not n or n == len(items)):
                    return h.unit, items
    return _self_counted(question, n, hits)


def inline_enumeration(text: str, label_chars: int = AnswerParams.enum_label_chars) -> list[str]:
    """The items of 一是…二是…三是… inside a paragraph (two or more), each named by its first
    clauses (一是科技与经济结合得不够紧密，全省科技成果转化率不到25%: what it says of itself)."""
    items = []
    for m in _INLINE_ENUM.finditer(text):
        item = m.group(1).strip().rstrip("。;\uff1b")
        # (一是加快发展…的一长句: an item whose first clause is long is named whole.)
        short = len(re.split("[,\uff0c;\uff1b]", item, maxsplit=1)[0]) <= label_chars
        items.append(first_clauses(item) if short else item)
    return items if len(items) >= 2 else []


def style_name(u: Unit) -> str | None:
    style = heading_style(u.text)
    return style[0] if style else None


# 记者：…您认为原因是什么？ / 问：…: the interviewer's turn in an interview printed whole.
_INTERVIEWER = REPORTER_TURN


def answered_instead(ev: Evidence, hits: list[Hit]) -> list[Hit]:
    """The hits with a reporter's question (记者：…请问…?) replaced by the paragraph that answers
    it (邓国栋：…): the question shares every word with the user's, the answer says what is asked."""
    out: list[Hit] = []
    seen: set[str] = set()
    for h in hits:
        u = h.unit
        if u.kind == "paragraph" and _INTERVIEWER.match(u.text):
            after = [x for x in ev.corpus.speech(u.speech_no).units[u.seq:] if x.kind == "paragraph"][:1]
            if after and not _INTERVIEWER.match(after[0].text):
                # (记者：据了解，…亏损面达１５％。您认为原因是什么？: what the reporter states is
                # evidence too; his paragraph stays, after the answer.)
                states = [x for x in split_sentences(_INTERVIEWER.sub("", u.text))
                          if not x.rstrip().endswith(("？", "?")) and not _SELF_INTRODUCED.match(x)]
                answer = replace(h, unit=after[0])
                for x in ([answer, h] if states else [answer]):
                    if x.unit.id not in seen:
                        seen.add(x.unit.id)
                        out.append(x)
                continue
        if h.unit.id not in seen:
            seen.add(h.unit.id)
            out.append(h)
    return out


# 韩立新：… / 温婉：这个问题我来回答。/ 副厅长李敏：…: a turn of a transcript, by who speaks it
# (the name after an office said before it).
_TURN_SPEAKER = LazyPattern(r"^(?:[\u4e00-\u9fff]{0,8}?(?:长|主任|书记|发言人|委员))?([\u4e00-\u9fff]{2,4})\s*[：:]")


def who_answered(ev: Evidence, hits: list[Hit]) -> tuple[Unit, Unit, str] | None:
    """谁回答了改造资金的问题: the reporter's question among the best hits, the turn that answers it
    and who speaks that turn; None when no hit is a reporter's question answered so."""
    for h in hits[:3]:
        u = h.unit
        if u.kind != "paragraph" or not _INTERVIEWER.match(u.text):
            continue
        after = [x for x in ev.corpus.speech(u.speech_no).units[u.seq:] if x.kind == "paragraph"][:1]
        m = _TURN_SPEAKER.match(after[0].text) if after and not _INTERVIEWER.match(after[0].text) else None
        if m is not None:
            return u, after[0], m.group(1)
    return None


def answered_turns(ev: Evidence, speech_no: int) -> list[tuple[Unit, Unit, str]]:
    """Each reporter's question of a transcript with the turn that answers it and who speaks
    that turn, in order."""
    paragraphs = ev.corpus.speech(speech_no).paragraphs
    out: list[tuple[Unit, Unit, str]] = []
    for u, after in pairwise(paragraphs):
        if _INTERVIEWER.match(u.text) and not _INTERVIEWER.match(after.text) \
                and (m := _TURN_SPEAKER.match(after.text)) is not None:
            out.append((u, after, m.group(1)))
    return out


_SELF_INTRODUCED = LazyPattern(r"^\s*我是[^。，,]{0,20}(?:记者|主持人|编辑)[。，,]?\s*$")


def item_label(u: Unit, short_heading: int = AnswerParams.short_heading_chars) -> str:
    if not u.heading and _INTERVIEWER.match(u.text):
        # (记者：据了解，…亏损面达１５％。您认为原因是什么？: the question it asks, not its preamble)
        asked = [x for x in split_sentences(u.text) if x.rstrip().endswith(("？", "?"))]
        # (请问今年汛期的降雨形势怎么样？会不会比去年更严重？: every question it asks)
        # (海川日报记者: / 记者（新华社）:: who asked, when the transcript says more than 记者)
        who = _INTERVIEWER.match(u.text).group(0).strip().rstrip("：:").strip()   # type: ignore[union-attr]
        return f"{who if who not in ('记者', '问') else '问'}:" + _INTERVIEWER.sub("", ("".join(asked) if asked else split_sentences(u.text)[0]).strip())
    if not u.heading:
        # 第一，…: a paragraph opening with a point (its first sentence too long to be a heading)
        # is named like the point.
        # 有的热衷于开会发文…还有的在统计数字上弄虚作假: each kind the paragraph goes on to name.
        kinds = next((e for e in enumerations(u.text) if e.family == "some"), None)
        if kinds is not None:
            return "；".join(kinds.labels)
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
    if not headless(ev, speech_no):
        return parts
    units = ev.corpus.speech(speech_no).units
    found = _headless_parts(ev, speech_no, parts)
    # (…三点意见 第一… 第二… 第三… ¶ 此外，我再强调一下组织领导问题。: one more part.)
    added = added_part(units, found)
    return [*found, added] if added is not None else found


def _headless_parts(ev: Evidence, speech_no: int, parts: list[Unit]) -> list[Unit]:
    """Parts of a speech without headings: the ones it announced, else its outermost longest run
    of numbered paragraphs, else its inline headings."""
    units = ev.corpus.speech(speech_no).units
    runs = [paragraphs for _, paragraphs in paragraph_enumerations(units)]
    announced = announced_parts(ev, speech_no)   # (an interview runs by the reporter's questions)
    if announced:
        return announced
    # (一要…四要 between 第二个问题 and 第三个问题 are the second question's points.)
    # (第一…第三 with 一是…四是 under the third: the inline headings of both runs are no list.)
    in_runs = {u.id for run in runs for u in run}
    if parts and all(u.id in in_runs for u in parts) and len(runs) >= 2:
        parts = []
    top = outer_runs([*runs, parts] if parts else runs)
    longest = max(top, key=len, default=[])
    if len(longest) >= len(parts) or not any(r is parts for r in top):
        return longest
    return parts


# 关于下岗职工基本生活保障和再就业工作，我着重讲……: a paragraph opening on the topic it turns to.
_TOPIC_OPENING = LazyPattern(r"^关于[^，,。]{2,30}[，,]")


def _announced_parts(units: Sequence[Unit], runs: list[list[Unit]]) -> list[Unit]:
    """The parts a speaker announced (下面，我讲三个问题) and then took up with markers
    (首先，… 其次，…), the markers' run right after the announcement; a last part he opens
    without a marker (关于…工作，…) completes a run one short. Other runs between are the
    parts' own points. [] when no run follows such an announcement."""
    for run in runs:
        before = [u for u in units[max(run[0].seq - 3, 0):run[0].seq - 1] if u.kind == "paragraph"]
        said = next((m for u in before[-1:] for m in SPEAKER_ANNOUNCES.finditer(u.text)), None)
        if said is None or len(run) < 2:
            continue
        count = chinese_numeral(said.group(1)) or 0
        if said.group(1) == "几":   # (谈几点想法。 ¶ 首先，… ¶ 最后，…: as many as the markers that follow)
            return run
        if len(run) == count - 1:
            topic = next((u for u in units[run[-1].seq:] if u.kind == "paragraph" and _TOPIC_OPENING.match(u.text)), None)
            run = [*run, topic] if topic is not None else run
        # (…三个方面。首先… 其次… 再次… 最后，我再强调一点: one more, said last, is a part too.)
        if len(run) == count or len(run) == count + 1 and re.match(r"最后", run[-1].text):
            return run
    return []


def announced_parts(ev: Evidence, speech_no: int) -> list[Unit]:
    """The parts a speech without headings announced and took up (下面，我讲三个问题。首先…; or
    unmarked, near its opening: announced_early), or the questions an interview was asked: parts
    that carry the whole text, however far apart."""
    units = ev.corpus.speech(speech_no).units
    if not headless(ev, speech_no):
        return []
    asked = [u for u in units if u.kind == "paragraph" and _INTERVIEWER.match(u.text)]
    return _announced_parts(units, [run for _, run in paragraph_enumerations(units)]) or (asked if len(asked) >= 2 else []) \
        or announced_early(units)   # (下面，我讲三点意见。 ¶ 要…。 ¶ … ¶ 要…。: taken up unmarked)


def part_units(ev: Evidence, part: Unit) -> list[Unit]:
    """The units a part of a speech is made of: a heading's section; in a speech without
    headings, a point paragraph (第二点，…) and the paragraphs that go on with it up to the next
    point (the last point runs as long as the longest one before it)."""
    units = ev.corpus.speech(part.speech_no).units
    if part.kind == "heading" or not headless(ev, part.speech_no):
        return [part, *section_children(units, part)]
    run = next((paras for _, paras in paragraph_enumerations(units) if part in paras), None)
    announced = outline_units(ev, part.speech_no) if run is None else []
    if run is None and (ADDS_PART.match(part.text) or any(u is part for u in announced)):
        # (此外，我再强调一下组织领导问题。 ¶ 要建强… ¶ 要改进…: the part added runs on to the close;
        # a part announced unnumbered, 任务明确之后，关键在落实。 ¶ 要强化… ¶ 要维护…, up to the next.)
        after = [u for u in units[part.seq:] if u.kind == "paragraph"]
        closing = next((i for i, u in enumerate(after) if _CLOSING.match(u.text) or SIGN_OFF.match(u.text)
                        or any(u is x for x in announced)), len(after))
        return [part, *after[:closing]]
    if run is None:
        # 二、坚持和完善…制度。 as a paragraph of its own: the paragraphs of the section it opens.
        return [part, *section_children(units, part)] if part.heading else [part]
    starts = [u.seq for u in run]
    longest = max((b - a for a, b in zip(starts, starts[1:])), default=1)
    k = run.index(part)
    end = starts[k + 1] if k + 1 < len(run) else part.seq + longest
    others = [paras for _, paras in paragraph_enumerations(units) if paras is not run]
    if k + 1 == len(run):   # (首先…最后 begun inside the last point run on to their end)
        end = max([end, *(paras[-1].seq + 1 for paras in others if part.seq < paras[0].seq < end)])
    # Points of a list inside the part (一要…四要 under 第二个问题) are its own; another list's are not.
    inner = {u.id for paras in others if part.seq < paras[0].seq and paras[-1].seq < end for u in paras}
    own = [u for u in units[part.seq - 1:end - 1] if u.kind == "paragraph"
           and (u is part or opening_point(u.text) is None or u.id in inner)]
    if k + 1 == len(run):
        # The last point ends where the speaker turns to the audience to close (同志们,…).
        closing = next((i for i, u in enumerate(own) if i and _CLOSING.match(u.text)), None)
        own = own[:closing] if closing is not None else own
    return own


_CLOSING = LazyPattern(r"(?:同志们|各位(?:[\u4e00-\u9fff]{2})?|朋友们|同学们)[，,！!]")   # (各位委员,各位朋友!)


# 几点意见 / 哪几条 / 几个方面: the unit the question counts in, said back in the answer.
COUNTED_IN = LazyPattern(r"(?:几|哪几|多少)(点|条|项|个方面|方面|个问题|件|部分|个部分|层)")


def count_intro(question: str, n: int, unit: Unit | None = None, term: str = "") -> str:
    """共3项: / 共三点: / 「三问复盘法」共3项: — the count of a list answer, in the question's own
    unit when it names one, after the quoted term asked about when the unit says it (“三问复盘法”是哪三问)."""
    m = COUNTED_IN.search(question)
    count = f"{'一两三四五六七八九十'[n - 1]}{m.group(1)}" if m and 1 <= n <= 10 else f"{n}项"   # (共两条, not 共二条)
    # (Only a term quoted, by the question or the speech: 概括起来是哪几个方面 names none.)
    if unit is not None and len(squash_punct(term)) >= 2 and squash_punct(term) in squash_punct(unit.text) \
            and any(re.search(f"[“「『]{re.escape(term)}[”」』]", text) for text in (question, unit.text)):
        return f"「{term}」共{count}:"
    return f"共{count}:"


def as_list(items: list[Unit], citer: Citer, intro: str) -> tuple[str, list[AnswerSentence]]:
    return numbered(intro, [AnswerSentence(item_label(u), [citer.cite(u)]) for u in items])


def numbered(intro: str, sentences: list[AnswerSentence]) -> tuple[str, list[AnswerSentence]]:
    lines = [intro] + [f"{k}. {s.text}" + "".join(f"[{c}]" for c in s.citations) for k, s in enumerate(sentences, 1)]
    return "\n".join(lines), sentences


# Speeches without headings: their points are enumerated (第一，…第二，… / 一要…二要… / 首先…其次…)
# inside paragraphs or by paragraphs that open with the markers; see enumeration.py.


def headless(ev: Evidence, speech_no: int) -> bool:
    return not ev.corpus.speech(speech_no).headings


# Shared openings shorter than this are common words (我们要, 要加强), not a parallel series.


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


_TOPIC_MAX = 24          # a topic sentence as short as a heading line
_SHARED_TOPIC_MAX = 40   # a longer one, when each repeats the same words
_SHARED_WORDS = 3


def _opens_alike(firsts: list[str]) -> bool:
    """Whether opening sentences are built alike: each quotes (“礼貌不过是形式…” ×3), each is as
    short as a heading (实行改管并举,转变经济增长方式。), or each repeats the same words
    (…把农业开发作为消除贫穷的着力点。 / …拓宽消除贫穷的路子。)."""
    if all(f[:1] in "“「\"" for f in firsts):
        return True
    if all(len(f) <= _TOPIC_MAX for f in firsts):
        return True
    if any(len(f) > _SHARED_TOPIC_MAX for f in firsts):
        return False
    shared = {firsts[0][i:i + _SHARED_WORDS] for i in range(len(firsts[0]) - _SHARED_WORDS + 1)}
    shared = {w for w in shared if _CJK_RUN.fullmatch(w)}
    for f in firsts[1:]:
        shared = {w for w in shared if w in f}
    return bool(shared)


def framed_alike(paragraphs: list[Unit]) -> list[Unit]:
    """The points of a part whose paragraphs open with topic sentences built alike, without the
    paragraph that introduces them or the one that sums them up (a part of four to eight
    paragraphs: a run of three or more that leaves out only its first and/or last)."""
    if not 4 <= len(paragraphs) <= 8:
        return []
    firsts = [split_sentences(u.text)[0].strip() for u in paragraphs]
    n = len(paragraphs)
    for i, j in ((1, n), (0, n - 1), (1, n - 1)):
        if j - i >= 3 and _opens_alike(firsts[i:j]) and not any(
                _opens_alike(firsts[i:j] + [firsts[k]]) for k in (0, n - 1) if not i <= k < j):
            return paragraphs[i:j]
    return []
