"""Answers about the parts of a speech: a part with what it holds (its items, told apart when
it holds two lists), the run of a speech without headings in order (after a report's lead or an
address's greeting), and the speech's own words for a list (四点意见). Compose calls these;
their answers lead the hits with what they cite (cited_first)."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence

from . import text_analysis as ta
from .answer_types import relative_years, speech_year, years
from .corpus import Speech, Unit, heading_style
from .enumeration import Point, colon_lists, enumerations, longest_points, opening_point, paragraph_enumerations
from .evidence import Citer, Evidence
from .lazy_pattern import LazyPattern
from .located import abbreviated_list
from .openings import alike, opens_a_series, series_of
from .planner import QueryPlan, nth
from .points import ANNOUNCES, as_points, speech_point_lists
from .positions import (
    is_attendance,
    speaker_paragraphs,
    speakers_paragraphs,
    whole_speech_of,
    without_attendance,
)
from .question_grammar import BEFORE_PARTS, ENDED_SPEAKING, ITEMS_DONE
from .question_words import is_generic
from .results import Answer, AnswerSentence, Hit, Turn
from .speech_refs import opens_with_dateline
from .structure import (
    QUOTED_ITEM_CHARS,
    announced_run,
    as_list,
    headless,
    inline_enumeration,
    introduces_list,
    item_label,
    list_items,
    next_unit,
    numbered,
    outline_units,
    part_units,
)
from .text_analysis import first_sentences, split_sentences
from .text_helpers import chinese_numeral

__all__ = ["abbreviation_answer", "after_answer", "before_parts", "cited_first", "colon_list_in_part", "counted_group", "group_lines", "group_named", "in_order", "inline_points", "item_groups", "list_in_part", "list_named_by", "named_section", "no_outline", "part_answer", "said_in_order", "whole_item"]


def cited_first(ev: Evidence, units: list[Unit], hits: list[Hit], terms: list[str]) -> list[Hit]:
    """The answer's list items lead the hits: they are what answers a list question."""
    by_id = {h.unit.id: h for h in hits}
    top = hits[0].score if hits else 1.0
    head = [by_id.get(u.id) or ev.hit(u, top, terms) for u in units]
    ids = {u.id for u in units}
    return head + [h for h in hits if h.unit.id not in ids]


def inline_points(ev: Evidence, part: Unit) -> tuple[Unit, list[str]] | None:
    """A part whose items are points inside one of its paragraphs (二、要突出抓好几项重点任务 →
    一是…。二是…。三是…): that paragraph and its points; None when the part lists paragraphs."""
    if part.kind != "heading" or len(list_items(ev, part)) >= 2:
        return None
    found = [(u, labels) for u in part_units(ev, part)[1:] if u.kind == "paragraph"
             and (labels := longest_points(u.text)) is not None]
    return found[0] if len(found) == 1 else None


def group_lines(items: list[Unit], citer: Citer, lead: str) -> tuple[str, list[AnswerSentence]]:
    """One list of a part, after ``lead``: its paragraphs, or the points (一是…。二是…。三是…)
    of its one paragraph."""
    inline = inline_enumeration(items[0].text) if len(items) == 1 else []
    if len(inline) >= 2:
        n = citer.cite(items[0])
        return numbered(lead, [AnswerSentence(e, [n]) for e in inline])
    return as_list(items, citer, lead)


def part_answer(ev: Evidence, part: Unit, citer: Citer, hits: list[Hit],
                 intro: str, heading_first: bool = False,
                 points_inside: bool = False) -> tuple[str, list[AnswerSentence], list[Unit]] | None:
    """A part of a speech with what it holds: a heading with its items, else its first sentences.

    The heading leads the hits when it names what was asked (第三部分讲了什么, 第三个标题), the
    items when the question asks for them (第三部分提出了哪些举措). ``points_inside``: the
    question asks what a paragraph item holds (第一条里面又讲了哪几个“进一步”), so its own points
    (一是…二是…) answer when it enumerates some, not its first sentences.
    """
    children = list_items(ev, part) if part.kind == "heading" else []
    if part.kind == "heading":
        head = f"{intro}「{item_label(part)}」[{citer.cite(part)}]"
        groups = item_groups(ev, children)
        if len(groups) > 1:
            # 问题表现在三个方面(一是…三是…), 要在四个方面下功夫(一是…四是…): two lists, told apart.
            blocks, sentences = [f"{head},分{len(groups)}组列出:"], []
            for k, (lead, items) in enumerate(groups, 1):
                block, sents = group_lines(items, citer, lead or f"第{k}组:")
                blocks.append(block)
                sentences += sents
            return "\n".join(blocks), sentences, [part, *children] if heading_first else [*children, part]
        inline = inline_points(ev, part)
        if inline is not None:   # 第二部分有哪几项任务, listed inside its one paragraph
            text, sentences, _ = as_points(inline, citer, head + f",共{len(inline[1])}项:")
            return text, sentences, [part, inline[0]] if heading_first else [inline[0], part]
        if children:
            text, sentences = as_list(children, citer, head + f",共{len(children)}项:")
            return text, sentences, [part, *children] if heading_first else [*children, part]
        body = next_unit(ev, part)
        if body is None:
            return None
        # 关于脱贫攻坚工作那一块讲了些什么: a part of one paragraph is that paragraph (as an item
        # is quoted); a longer one, its first paragraph's opening sentences.
        alone = [u for u in part_units(ev, part) if u.kind == "paragraph"] == [body]
        first = first_sentences(body.text, QUOTED_ITEM_CHARS) if alone else "".join(split_sentences(body.text)[:2])
        n = citer.cite(body)
        return f"{head}:{first}[{n}]", [AnswerSentence(first, [n])], [part, body] if heading_first or not alone else [body, part]
    inner = longest_points(part.text) if points_inside else None
    if inner:
        return as_points((part, inner), citer, f"{intro}「{item_label(part)}」下分{len(inner)}点:")
    sents = first_sentences(part.text, QUOTED_ITEM_CHARS)
    n = citer.cite(part)
    prefix = f"{intro}:" if intro else ""
    # 其次,我向大家汇报一下过去一年的工作。… / 一年来,…: a point of a speech carried by its
    # points goes on in paragraphs of its own; what each of them opens with is said too.
    more = [u for u in part_units(ev, part)[1:]][:_MORE_PARAGRAPHS] if part.kind == "paragraph" else []
    if not more:
        return f"{prefix}{sents}[{n}]", [AnswerSentence(sents, [n])], [part]
    listed = [(u, inner) for u in more if (inner := longest_points(u.text)) and len(inner) >= 2]
    if len(listed) == 1 and len(more) == 1:
        # 第二个问题讲了什么 (…问题也不容忽视。第一，…第二，…第三，…): the points the part's one
        # paragraph holds (a part of several paragraphs says what each opens with).
        unit, inner = listed[0]
        text, sentences, _ = as_points((unit, inner), citer, f"{prefix}{sents}[{n}]\n其中列出{len(inner)}点:")
        return text, [AnswerSentence(sents, [n]), *sentences], [part, unit]
    # (第二点下面具体说了哪些: what each paragraph under it says, not only how it opens.)
    lines = [AnswerSentence(first_sentences(u.text, QUOTED_ITEM_CHARS) if points_inside else split_sentences(u.text)[0],
                            [citer.cite(u)]) for u in more]
    text = f"{prefix}{sents}[{n}]\n接着讲:" + "".join(f"{x.text}[{x.citations[0]}]" for x in lines)
    return text, [AnswerSentence(sents, [n]), *lines], [*more, part] if points_inside else [part, *more]


def dated_heading(speech: Speech, question: str) -> Unit | None:
    """回顾去年政协工作, of a 1998 speech: the one heading naming 1997 (一、一九九七年的主要工作)."""
    year = speech_year(speech) if (relative := relative_years(question)) else None
    dated = [u for u in speech.headings if year is not None and years(u.text) & {year + d for d in relative}]
    return dated[0] if len(dated) == 1 else None


def before_parts(ev: Evidence, no: int, citer: Citer, question: str) -> tuple[str, list[AnswerSentence], list[Unit]] | None:
    """在正式讲几点意见之前讲了什么: the paragraphs before a speech's first part or point (or
    before a report's list of points; in a report, of the speaker the question names), each by
    its first sentences; 在写郑凯讲话之前: before the named speaker's paragraphs. None when the
    speech has no such parts or opens with them."""
    paragraphs = ev.corpus.speech(no).paragraphs
    spoken = speaker_paragraphs(paragraphs, question, alone=True) if opens_with_dateline(ev.corpus.speech(no)) else []
    parts = outline_units(ev, no)
    if len(parts) < 2 and (not spoken or _COUNTED.search(question)):
        # A report's points: its longest list (——推动… after …五个方面的工作:), after its lead-in.
        lists = [p for _, p in speech_point_lists(ev, no) if isinstance(p, list) and len(p) >= 3]
        longest = max(lists, key=len, default=[])
        lead = [u for u in paragraphs if longest and u.seq < longest[0].seq][-1:]
        parts = lead + longest if lead and _LEAD_IN.search(lead[0].text) else longest
    anchor = spoken[0] if spoken and not (_COUNTED.search(question) and len(parts) >= 2) else \
        parts[0] if len(parts) >= 2 else None
    if anchor is not None and spoken and anchor is spoken[0] and not _OF_SPEECH.search(question):
        # 郑国华在布置具体任务之前,先对形势作了什么判断: before the speaker's list (一要…四要 inside
        # his second paragraph), not before all he said.
        anchor = next((p[0] for _, p in speech_point_lists(ev, no) if p[0] in spoken[1:]), anchor)
    before = [u for u in paragraphs if anchor is not None and u.seq < anchor.seq
              and (not spoken or anchor is spoken[0] or u in spoken)]
    if (dated := dated_heading(ev.corpus.speech(no), question)) is not None and len(items := list_items(ev, dated)) >= 2:
        # 一条条布置今年任务之前,先讲了个什么总的要求: what the part named by its year says before its items.
        anchor, before = items[0], [u for u in part_units(ev, dated) if u.kind == "paragraph" and u.seq < items[0].seq]
    if not before:
        return None
    told = _told_before(ev, question, before)
    lines = [AnswerSentence(first_sentences(u.text, QUOTED_ITEM_CHARS), [citer.cite(u)]) for u in told or before]
    how = f"讲到这些的是{len(told)}段:" if told else f"先讲了{len(before)}段:"
    text, sentences = numbered(f"{ev.speech_title(no)}在「{first_sentences(anchor.text, _ANCHOR_CHARS)}」之前,{how}", lines)
    return text, sentences, told or before


def _told_before(ev: Evidence, question: str, before: list[Unit]) -> list[Unit]:
    """在提希望之前,交代了新一年有什么打算: of the paragraphs before the parts, those that say
    most of what the question goes on to ask, when fewer than half of them do; [] when it asks
    nothing more (在正式讲几点意见之前讲了什么) or every paragraph says it alike."""
    asked = BEFORE_PARTS.search(ta.normalise(question))
    if asked is None or len(before) < 3:
        return []
    pairs = [g for g in ev.analyse(ta.normalise(question)[asked.end():]).bigrams if not is_generic(g)]
    scores = [sum(g in ta.normalise(u.text) for g in pairs) for u in before]
    best = max(scores, default=0)
    told = [u for u, score in zip(before, scores) if best and score == best]
    return told if 2 * len(told) < len(before) else []


_COUNTED = LazyPattern(r"(?:几|[一二三四五六七八九十两\d])(?:个)?(?:方面|点|条|项|问题|部分)")
_LEAD_IN = LazyPattern(r"[:：]$")
_OF_SPEECH = LazyPattern(r"(?:讲话|发言|正文)(?:之前|以前)")
_ANCHOR_CHARS = 24


_MORE_PARAGRAPHS = 4   # a point's own paragraphs after its first, said by their first sentences


def whole_item(ev: Evidence, item: Unit, citer: Citer) -> tuple[str, list[AnswerSentence], list[Unit]]:
    """An item quoted from its start, sentence by sentence while they fit in QUOTED_ITEM_CHARS."""
    kept = first_sentences(item.text, QUOTED_ITEM_CHARS)
    n = citer.cite(item)
    return f"{ev.speech_title(item.speech_no)}中「{item_label(item)}」这一条:{kept}[{n}]", [AnswerSentence(kept, [n])], [item]


_MARKER_NUMBER = LazyPattern(r"[一二三四五六七八九十]+|\d+")


def item_groups(ev: Evidence, items: list[Unit]) -> list[tuple[str, list[Unit]]]:
    """A part's items as the lists they belong to: a new list starts where the numbering starts
    again (一是… after 三是…), each with the sentence that introduced it ("" if none)."""
    groups: list[tuple[str, list[Unit]]] = []
    for u in items:
        style = heading_style(u.text)
        marker = _MARKER_NUMBER.search(u.text[:style[1]]) if style else None
        first = marker is not None and chinese_numeral(marker.group(0)) == 1
        if not groups or (first and groups[-1][1]):
            before = ev.corpus.speech(u.speech_no).units[u.seq - 2] if u.seq >= 2 else None
            lead = split_sentences(before.text)[-1] if before is not None and before.kind == "paragraph" \
                and before not in items and introduces_list(ev, before) else ""
            groups.append((lead, []))
        groups[-1][1].append(u)
    return groups


_STATED_COUNT = LazyPattern(r"([一二三四五六七八九十两\d]+)(?:个|条|项|点)?(?:方面|条|项|点|件事)")


def counted_group(ev: Evidence, question: str, items: list[Unit]) -> list[Unit]:
    """A part's items, or the one list among them of the size the question states (在四个方面下功夫,
    第三个方面 of a part listing three problems, then four remedies: the four)."""
    groups = item_groups(ev, items)
    sizes = {chinese_numeral(m.group(1)) for m in _STATED_COUNT.finditer(question)}
    sized = [g for _, g in groups if len(g) in sizes]
    return sized[0] if len(groups) > 1 and len(sized) == 1 else items


def group_named(ev: Evidence, words: Sequence[str], items: list[Unit]) -> tuple[str, list[Unit]] | None:
    """存在的问题主要表现在哪几个方面, of a part listing three problems (…问题,主要表现在以下三个
    方面:) and then four remedies (…要在四个方面下功夫:): the one list whose lead says words of the
    question that no other lead says; None when no one list is named so."""
    groups = item_groups(ev, items)
    if len(groups) < 2:
        return None
    leads = [ta.normalise(lead) for lead, _ in groups]
    own = [{w for w in words if w in lead and not any(w in other for other in leads if other is not lead)} for lead in leads]
    named = [g for g, mine in zip(groups, own) if mine]
    return named[0] if len(named) == 1 else None


def list_named_by(ev: Evidence, plan: QueryPlan) -> tuple[str, list[Unit]] | None:
    """The list of the named speech that the question's words name: the items after a paragraph
    holding all the words that introduces them (重点要开展好以下四个专项活动:), or the points
    under an item whose own heading holds them ((二)突出效能建设 → 一是细…四是实): (what
    introduces them, the items)."""
    if plan.speech_no is None or not plan.section:
        return None
    words = plan.section.split()
    units = ev.corpus.speech(plan.speech_no).units
    paragraphs = [u for u in units if u.kind == "paragraph"]
    for u in paragraphs:   # an item whose own heading holds the words, with points under it
        if u.heading and all(w in ta.normalise(u.heading) for w in words):
            path = u.section + (u.heading,)
            items = [x for x in units[u.seq:] if x.section[:len(path)] == path and x.kind == "paragraph" and x.heading]
            if len(items) >= 2:
                return u.heading.rstrip(":：。"), items
    for u in paragraphs:   # the paragraph that introduces a list holds the words (干部作风: 干部, 作风)
        lead = re.split("[,，;；]", split_sentences(u.text)[-1])[-1]   # 简要归纳为以下几个方面
        if not u.heading and all(w in ta.normalise(u.text) or (len(w) >= 4 and w[:2] in ta.normalise(u.text)
                                                               and w[2:] in ta.normalise(u.text)) for w in words) \
                and introduces_list(ev, u):
            items = list_items(ev, u)
            if len(items) >= 2:
                return lead.rstrip(":：。"), items
    return None


def list_in_part(ev: Evidence, plan: QueryPlan, part: Unit) -> tuple[Unit, list[str]] | None:
    """第一部分引了江泽民关于…纽带的话,一共几条: the enumeration inside a part (一是…二是…) in
    the paragraph that holds most of the question's own words (two thirds of them at least)."""
    words = plan.section.split()
    own = ta.normalise(item_label(part) + "".join(item_label(u) for u in list_items(ev, part)))
    if (named := colon_list_in_part(ev, plan, part)) is not None:
        return named
    if not words or 3 * sum(w in own for w in words) >= 2 * len(words):
        return None   # 最后一块讲拿什么来检验作风: the part's own items say it
    best: tuple[int, Unit, list[str]] | None = None
    for u in part_units(ev, part):
        found = longest_points(u.text)
        held = sum(w in ta.normalise(u.text) for w in words)
        if 3 * held >= 2 * len(words) and introduces_list(ev, u) and len(list_items(ev, u)) >= 2:
            return None   # 重点要开展好以下四个专项活动: the part's own list, which a line introduces
        if found and 3 * held >= 2 * len(words) and (best is None or held > best[0]):
            best = (held, u, found)
    return (best[1], best[2]) if best else None


def colon_list_in_part(ev: Evidence, plan: QueryPlan, part: Unit) -> tuple[Unit, list[str]] | None:
    """2026年的主要预期目标有哪些, of a part headed 2026年主要目标任务: a sentence inside it that
    says all the question's words (more than the part's labels do) before a colon and lists three
    things or more after it (2026年…的主要预期目标是：…，…，…)."""
    words = plan.section.split()
    own = ta.normalise(item_label(part) + "".join(item_label(u) for u in list_items(ev, part)))
    if not words or all(w in own for w in words):
        return None
    return next(((u, items) for u in part_units(ev, part) for lead, items in colon_lists(u.text)
                 if all(w in ta.normalise(lead) for w in words)), None)


def nth_in_groups(ev: Evidence, history: Sequence[Turn], item: int,
                  citer: Citer) -> tuple[str, list[AnswerSentence], list[Unit]] | None:
    """那第二点呢 after a part that lists two things (问题表现在三个方面… / 要在四个方面下功夫…):
    the N-th of each list, told apart, not the N-th counted across both. The part is the one the
    last question of its own gave (later follow-ups ask about the same lists)."""
    own = next((t.answer for t in reversed(history) if not (t.answer.plan or {}).get("follow_up")), None)
    heading = next((c.unit for c in own.citations if c.unit.kind == "heading"), None) if own else None
    if heading is None:
        return None
    groups = item_groups(ev, list_items(ev, heading))
    if len(groups) < 2:
        return None
    lines: list[str] = []
    sentences: list[AnswerSentence] = []
    cited: list[Unit] = []
    for k, (lead, items) in enumerate(groups, 1):
        inline = inline_enumeration(items[0].text) if len(items) == 1 else []
        picked = nth(inline, item) if len(inline) >= 2 else None
        unit: Unit | None = items[0] if picked else None
        said = picked[1] if picked else ""
        if picked is None and (chosen := nth(items, item)) is not None:
            unit, said = chosen[1], "".join(split_sentences(chosen[1].text)[:2])
        if unit is None:
            continue
        n = citer.cite(unit)
        lines.append(f"{lead or f'第{k}组'}——{'最后一点' if item < 0 else f'第{item}点'}:{said}[{n}]")
        sentences.append(AnswerSentence(said, [n]))
        cited.append(unit)
    return ("\n".join(lines), sentences, cited) if len(lines) >= 2 else None


# An address's opening that greets (谨代表…致以…祝贺, 值此…之际) or sets the scene with a date.
_OPENER = LazyPattern(r"致以|谨代表|谨向|值此|之际|即将来临|辞旧迎新|欢聚一堂|拜年|^(?:同志们|朋友们|各位)"
                      r"|^\d{1,2}月\d{1,2}日")


# 刘慧在讲话中就春耕工作作了具体部署 / 郑凯还谈到社会信用建设: a sentence that only says what comes.
_LEAD_ONLY = LazyPattern(r"就[^。，,]{1,30}?(?:作了|作出|进行了)[^。，,]{0,8}?(?:部署|阐述|说明|论述)|谈到[^。，,]{1,20}[。.]?$")


def said_in_order(ev: Evidence, no: int, of_speech: bool, question: str) -> tuple[list[Unit], list[Unit], str]:
    """The paragraphs of a speech without headings that carry what it says, in order; the named
    speaker's own among them; and how they were chosen ("reported", "after_lead",
    "after_opening" or ""). A report's dateline lead says where and when, not what was said:
    asked about the speech it reports (``of_speech``), its paragraphs start after it."""
    speech = ev.corpus.speech(no)
    paragraphs = speech.paragraphs
    own = [u for u in whole_speech_of(paragraphs, speaker_paragraphs(paragraphs, question, alone=True))
           if u is not paragraphs[0]] if of_speech and opens_with_dateline(speech) else []   # (not the lead)
    if len(own) >= 2:
        # 钱其琛的讲话是怎么一层层展开的: what the named speaker said, in the report's order.
        return own, own, "reported"
    if of_speech and len(paragraphs) > 1 and opens_with_dateline(speech):
        # …and ends before the closing line on who else attended; a line on who attended
        # before the speech is no part of it either.
        return [u for u in without_attendance(paragraphs[1:]) if not is_attendance(u)] or paragraphs[1:], own, "after_lead"
    if len(paragraphs) >= 4 and not opens_with_dateline(speech) and _OPENER.search(ta.normalise(paragraphs[0].text)):
        # 我谨代表…致以新年的祝贺 / １月６日晚,江泽民同志观看…: the opening greets or sets the
        # scene; the run of what is said starts after it.
        return paragraphs[1:], own, "after_opening"
    return paragraphs, own, ""


def in_order(ev: Evidence, no: int, citer: Citer, hits: list[Hit],
              done: Callable[..., Answer], of_speech: bool, intro: str = "", question: str = "") -> Answer:
    """What each paragraph of a speech without headings opens with, in order (the first
    ``outline_max_items`` of them; said_in_order chooses them)."""
    paragraphs, own, how = said_in_order(ev, no, of_speech, question)
    title = ev.speech_title(no)
    if how == "reported":
        intro = intro or f"{title}所报道的讲话共{len(own)}段,依次是:"
    elif how == "after_lead":
        intro = (intro or f"{title}全文{len(paragraphs)}段,依次是:") + "(报道导语之后)"
    elif how == "after_opening":
        intro = (intro or f"{title}全文{len(paragraphs) + 1}段,依次是:") + "(开场白之后)"
    # 这一年，… ×5: paragraphs that open alike as a series are one layer of the speech, shown once.
    groups = _series(paragraphs)[:ev.answer.outline_max_items]
    shown = [u for g in groups for u in g]
    intro = intro or f"{ev.speech_title(no)}全文{len(paragraphs)}段,依次是:"

    def opening(u: Unit) -> str:
        # (刘慧在讲话中就…作了具体部署。她说,…: a speaker's short lead goes on into what was said.)
        said = split_sentences(u.text)
        if u in own and _LEAD_ONLY.search(said[0]):
            return "".join(said[:2])
        # 下面,我就一年来的工作和今年的工作讲几点意见。: the sentence that lays out what follows.
        # (A few layers are each told by more than their first sentence.)
        first = first_sentences(u.text, max(_LAYER_CHARS, _LAYERS_CHARS // len(groups))) if len(groups) <= _FEW_LAYERS else said[0]
        plan_of = next((x for x in said[1:] if ANNOUNCES.search(x) and x not in first), None)
        return first + ("……" + plan_of if plan_of else "")

    def layer(g: list[Unit]) -> AnswerSentence:
        if len(g) == 1:
            return AnswerSentence(opening(g[0]), [citer.cite(g[0])])
        shared = os.path.commonprefix([u.text for u in g])
        how = f"以「{shared}」开头" if len(shared) >= 2 else "以同样的句式开头"
        return AnswerSentence(f"{split_sentences(g[0].text)[0]}(连同以下{len(g) - 1}段,都{how})", [citer.cite(u) for u in g])

    text, sentences = numbered(intro, [layer(g) for g in groups])
    return done(text, sentences, hits_out=cited_first(ev, shown, hits, citer.terms))


def _series(paragraphs: Sequence[Unit]) -> list[list[Unit]]:
    """The paragraphs in order, a run of three or more that open alike as a series kept together."""
    groups: list[list[Unit]] = []
    i = 0
    while i < len(paragraphs):
        run = [paragraphs[i]]
        while i + len(run) < len(paragraphs) and paragraphs[i + len(run)].seq == run[-1].seq + 1 \
                and alike(paragraphs[i + len(run)], run[0]):
            run.append(paragraphs[i + len(run)])
        groups += [run] if opens_a_series(run) else [[u] for u in run]
        i += len(run)
    return groups


_TURN = LazyPattern(r"话锋一转|笔锋一转|转而|一转")
_CONTRAST = LazyPattern(r"(?:但是|但|然而|不过|可是|同时(?:也)?(?:要|应当|必须)?(?:清醒地)?看到)[，,]?")
_TURN_WITHIN = 8   # paragraphs after the passage where its turn is looked for
_SHORT_PARAGRAPH = 60   # a paragraph this short after a passage leads into the next one
_FEW_LAYERS = 6     # an outline of this many paragraphs at most…
_LAYER_CHARS = 100  # …gives each one's first sentences up to this many characters
_LAYERS_CHARS = 600  # …or an even share of this many, when fewer share more


def no_outline(ev: Evidence, no: int, citer: Citer, hits: list[Hit],
                done: Callable[..., Answer], of_speech: bool) -> Answer:
    """分成几个部分, of a speech without headings: say so, and give what each paragraph opens
    with (a partial answer: the speech has no parts to name)."""
    intro = f"{ev.speech_title(no)}没有分部分的标题,全文{len(ev.corpus.speech(no).paragraphs)}段,各段开头是:"
    ans = in_order(ev, no, citer, hits, done, of_speech, intro)
    ans.partial, ans.reason = True, "no_headings"
    return ans


# 讲完香港那段 / 说完成绩之后 / 夸完“低通胀”之后: the words that name the passage something follows.
_ENDED_PASSAGE = LazyPattern(r"(?:[\u4e00-\u9fff]完|讲过|说过|谈过)([\u4e00-\u9fff“”]{2,12}?)(?:的?那段|的?那部分|的?那块|的?这段|之后|以后)")


def _passage_named(ev: Evidence, speech: Speech, question: str) -> Unit | None:
    """The paragraph of the speech that says the words 讲完…那段 names most often (the first of
    those that say them as often), or None when no paragraph says them all."""
    norm = ta.normalise(question)
    m = _ENDED_PASSAGE.search(norm)
    words = [w for w in ev.analyse(m.group(1)).words if not is_generic(w)] if m else []
    if m and not words and m.group(0)[1] == "完" and m.start() >= 1:
        # (感谢完大家以后: what was done names the passage, 感谢, when what it was done to names none.)
        verb = norm[m.start() - 1:m.start() + 1]
        words = [verb] if not is_generic(verb) and not re.match("[讲说谈写报介]", verb[-1]) else []
    quoted = re.fullmatch(r"“([^”]{2,12})”", m.group(1)) if m else None
    if quoted and any(quoted.group(1) in ta.normalise(u.text) for u in speech.units):
        # (解释完“何谓精品”之后: the words quoted as the speech says them, not each word alone.)
        words = [quoted.group(1)]
    # (讲完“升华认识”以后: a part, by its heading; 讲完思想建设以后: an item, by the heading it opens with.)
    for units, text in ((speech.headings, lambda u: u.text), ([u for u in speech.paragraphs if u.heading], lambda u: u.heading),
                        (speech.paragraphs, lambda u: u.text)):
        said = [(sum(text(u).count(w) for w in words), -u.seq, u) for u in units
                if words and all(w in ta.normalise(text(u)) for w in words)]
        if said:
            return max(said, key=lambda t: t[:2])[2]
    return None


# 讲完李晓川的故事以后 / 讲完那个例子之后: a story or an example, told inside a paragraph.
_TOLD = LazyPattern(r"故事|例子|事例|典故|经历")
# 韩东讲的洪水的故事之后说了什么: the story named without a verb of finishing.
_STORY_DONE = LazyPattern(r"([\u4e00-\u9fff“”]{2,12}?(?:故事|例子|事例|典故))(?:讲完)?(?:之后|以后)")


def _story_goes_on(question: str, anchor: Unit, citer: Citer) -> tuple[str, list[AnswerSentence], list[Unit]] | None:
    """讲完李晓川驻村的故事以后,紧接着说了什么, of a paragraph that tells the story and then what
    it teaches (这个故事告诉我们…): the sentences after the last one that names what the story
    is about, in the same paragraph; None when the story ends its paragraph, or no story is asked."""
    m = _ENDED_PASSAGE.search(ta.normalise(question)) or _STORY_DONE.search(ta.normalise(question))
    if m is None or anchor.kind != "paragraph" or not _TOLD.search(m.group(1)):
        return None
    # (the full analysis: a name the query dictionary lacks, 李晓川, is one word there)
    words = [w for w in ta.analyse(_TOLD.sub(" ", m.group(1))).words if len(w) >= 2 and not is_generic(w)]
    sentences = split_sentences(anchor.text)
    last = max((i for i, s in enumerate(sentences) if any(w in ta.normalise(s) for w in words)), default=None)
    if last is None or last + 1 >= len(sentences):
        return None
    n = citer.cite(anchor)
    after = [AnswerSentence(s, [n]) for s in sentences[last + 1:last + 3]]
    return (f"「{sentences[last]}」之后,接着讲的是:" + "".join(x.text for x in after) + f"[{n}]", after, [anchor])


def _items_at(speech: Speech, anchor: Unit) -> list[Unit]:
    """The run of item paragraphs the anchor is one of, or that its lead-in opens (within two
    units after it): 其一…其四 paragraphs of a speech without headings, or the numbered items
    (1、…5、) under one heading."""
    runs = [run for _, run in paragraph_enumerations(speech.units) if anchor in run or 0 < run[0].seq - anchor.seq <= 2]
    if runs:
        return runs[0]
    if anchor.kind == "paragraph" and (announced := announced_run(speech, anchor) or series_of(speech.paragraphs, anchor)):
        return announced   # (我向…提三点希望。 ¶ 希望你们… ×3: the series it announces, or is one of)
    following = next((u for u in speech.units[anchor.seq:anchor.seq + 1] if u.kind == "paragraph"), None)
    if anchor.kind == "paragraph" and not enumerations(anchor.text) and following is not None and enumerations(following.text):
        return [following]   # (…主要表现在以下三个方面: ¶ 一是…。二是…。三是…。: the items, in the next paragraph)
    run: list[Unit] = []
    for u in speech.units[max(anchor.seq - 1, 0):]:
        if u.kind != "paragraph" or (run and not u.heading):
            break
        if u.heading:
            run.append(u)
        elif u.seq - anchor.seq >= 2:
            break
    if anchor.heading:   # (the anchor an item itself: the items before it belong to the run too)
        for u in reversed(speech.units[:anchor.seq - 1]):
            if u.kind != "paragraph" or not u.heading:
                break
            run.insert(0, u)
    return run if len(run) >= 2 else []


def _singled_out(ev: Evidence, question: str, anchor: Unit, series: Sequence[Unit]) -> bool:
    """Whether the question's words find ``anchor`` more than any other paragraph of its series."""
    words = [w for w in ev.analyse(question).words if not is_generic(w)]

    def found(u: Unit) -> int:
        text = ta.normalise(u.text)
        return sum(w in text for w in words)
    return found(anchor) > max(found(u) for u in series if u is not anchor)


def _inline_next(speech: Speech, words: Sequence[str], citer: Citer) -> tuple[str, list[AnswerSentence], list[Unit]] | None:
    """讲完“强化要素保障”之后: the point inside one paragraph（（二）强化要素保障。…（三）…）that
    the most of the question's ``words`` name (two at least, or a quoted phrase), alone, is followed
    by the paragraph's next point."""
    found: list[tuple[int, Unit, int, tuple[Point, ...]]] = []
    for u in speech.paragraphs:
        for e in enumerations(u.text):
            for i, p in enumerate(e.points):
                label = ta.normalise(p.label)
                found.append((sum(w in label for w in words), u, i, e.points))
    found.sort(key=lambda f: -f[0])
    if not found or found[0][0] < min(2, len(words)) or (len(found) > 1 and found[1][0] == found[0][0]):
        return None
    _, u, i, points = found[0]
    if i + 1 >= len(points):
        return None
    line = AnswerSentence(points[i + 1].sentences(), [citer.cite(u)])
    return f"「{points[i].label}」之后,接着讲的是:{line.text}[{line.citations[0]}]", [line], [u]


def _count_said(speech: Speech, question: str) -> Unit | None:
    """讲完四点意见以后, of a speech that says 我讲四点意见: the paragraph that announces the items
    by the count the question gives them (the run they lead into follows it)."""
    m = ITEMS_DONE.search(ta.normalise(question))
    number = re.search(r"[两三四五六七八九十]", m.group(0)) if m is not None else None
    if number is None:
        return None
    counted = re.sub(r"(?:以后|之后|后面|接着|然后)$", "", m.group(0)[number.start():])
    said = next((u for u in speech.paragraphs if len(counted) >= 3 and counted in ta.normalise(u.text)), None)
    if said is not None:
        return said
    n = chinese_numeral(number.group(0).replace("两", "二"))
    of = [w for w in ta.analyse(m.group(0)[:number.start()]).words if len(w) >= 2 and not is_generic(w)]
    if not of:
        return None
    # 讲完存在的三个问题之后, of …还存在着一些问题,主要表现在以下三个方面: the paragraph that says
    # as many, about what the question says they are of; or (讲完春耕的四项工作之后, of 做好今年的春
    # 耕工作，一要…四要…) the one whose run of that many points is.
    about = [u for u in speech.paragraphs if any(w in ta.normalise(u.text) for w in of)]
    return next((u for u in about if any(chinese_numeral(c.group(1)) == n for c in _STATED_COUNT.finditer(ta.normalise(u.text)))), None) \
        or next((u for u in about for e in enumerations(u.text) if len(e.points) == n), None)


def _series_named(speech: Speech, words: Sequence[str]) -> Unit | None:
    """讲完对劳模的希望以后: the first paragraph of the series whose shared opening (希望你们…)
    holds a word of the question's; None when no series' opening does."""
    for u in speech.paragraphs:
        series = series_of(speech.paragraphs, u)
        if series and series[0] is u:
            shared = os.path.commonprefix([ta.normalise(x.text) for x in series])
            if any(len(w) >= 2 and w in shared for w in words):
                return u
    return None


def after_answer(ev: Evidence, plan: QueryPlan, question: str, speech: Speech, hits: list[Hit],
           citer: Citer) -> tuple[str, list[AnswerSentence], list[Unit]] | None:
    """What follows a passage (the top hit), a part the question names by a quoted word of its
    heading (讲完“担当作为”之后: the next part), or the named speaker's last words in a report
    (王兆国讲完以后: the next paragraph, or all of them when a list is asked for)."""
    quoted = plan.asks_content_of
    named_part = [u for u in speech.headings if quoted and quoted in ta.normalise(u.text)]
    # (营商环境讲话里讲完…: the words naming the speech name none of its parts.)
    own = [w for w in ev.analyse(question).words if not is_generic(w) and w not in plan.reference]
    counted = _count_said(speech, question) if not named_part else None
    if not named_part and counted is None:
        inline = _inline_next(speech, [quoted] if quoted else own, citer)
        if inline is not None:
            return inline
        # 讲完担当作为之后是什么: a heading that holds a longer word of the question's own.
        named_part = [u for u in speech.headings if any(w in ta.normalise(u.text) for w in own if len(w) >= 3)]
    # (The words of 王兆国讲完以后… may find nothing: the speaker's paragraphs are read; 报道在领导
    # 讲话之后, naming no one, after all its speakers'.)
    spoken = (whole_speech_of(speech.paragraphs, speaker_paragraphs(speech.paragraphs, question, alone=True))
              or (speakers_paragraphs(speech.paragraphs) if opens_with_dateline(speech) else [])) \
        if ENDED_SPEAKING.search(question) else []
    anchor = named_part[0] if len(named_part) == 1 else spoken[-1] if spoken \
        else counted or _passage_named(ev, speech, question) or _series_named(speech, own) \
        or (hits[0].unit if hits else None)
    if anchor is None:
        return None
    last_item = None
    series = series_of(speech.paragraphs, anchor) if anchor.kind == "paragraph" and not named_part and not spoken else []
    if series and not _singled_out(ev, question, anchor, series):
        # 讲完对劳模的希望以后: words every paragraph of a series shares (希望你们… ×3) name the
        # series, and what follows is what follows its last paragraph.
        last_item = anchor = series[-1]
    elif anchor.kind == "paragraph" and not named_part and not spoken and ITEMS_DONE.search(question):
        # 讲完那几条原因以后: after the items the passage leads into (or holds), not after the one found.
        run = _items_at(speech, anchor)
        if run:
            last_item = run[-1]
            # (A numbered point of a speech without headings runs on over paragraphs; one of a series is one.)
            marked = any(last_item in r for _, r in paragraph_enumerations(speech.units))
            anchor = part_units(ev, last_item)[-1] if headless(ev, speech.no) and marked else last_item
    told = _story_goes_on(question, anchor, citer) if last_item is None and not named_part and not spoken else None
    if told is not None:
        return told
    rest = ev.corpus.speech(anchor.speech_no).units[anchor.seq:]
    said = split_sentences((last_item or anchor).text)[0]   # (the last item's own words, not its paragraph's)
    if last_item is not None and rest and rest[0].kind == "heading":
        # 宁乡那篇讲完五项治理以后: the items closed their part; the next part follows.
        return part_answer(ev, rest[0], citer, hits, f"「{said}」之后,接着讲的是", heading_first=True)
    after = [u for u in rest if u.kind == "paragraph"][:ev.answer.outline_max_items]
    if spoken and (plan.wants_list or plan.weak_list) and anchor is spoken[-1] and len(after) >= 2:
        text, sentences = numbered(f"「{said}」之后,依次是:",
                                   [AnswerSentence(first_sentences(u.text, QUOTED_ITEM_CHARS), [citer.cite(u)]) for u in after])
        return text, sentences, after
    # After a part's heading (讲完“打好三大攻坚战”之后) comes the next part, after an item headed in
    # its paragraph (（四）突出和谐建设…) what follows its own paragraphs.
    own = {u.id for u in part_units(ev, anchor)} if anchor.kind == "paragraph" and anchor.heading else {anchor.id}
    following = next((u for u in rest if u.kind == "heading" and u.level <= anchor.level), None) \
        if anchor.kind == "heading" else next((u for u in rest if u.kind == "paragraph" and u.id not in own), None) \
        or next((u for u in rest if u.kind == "paragraph"), None)   # (the last item runs to the end)
    if _TURN.search(question) and following is not None and not _CONTRAST.match(following.text):
        # 话锋一转: the paragraph that turns (但是,… / 然而,…), though others run on before it.
        following = next((u for u in rest[:_TURN_WITHIN] if u.kind == "paragraph" and _CONTRAST.match(u.text)), following)
    if following is None:
        return None
    then = next_unit(ev, following) if following.kind == "paragraph" and not following.heading \
        and len(following.text) < _SHORT_PARAGRAPH else None
    if then is not None and then.kind == "paragraph":
        # 但是,…遇见一些新问题或困难。 alone in its paragraph leads into the next, which says them.
        lines = [AnswerSentence(following.text, [citer.cite(following)]),
                 AnswerSentence(first_sentences(then.text, _LAYER_CHARS * 2), [citer.cite(then)])]
        return f"「{said}」之后,接着讲的是:" + "".join(f"{x.text}[{x.citations[0]}]" for x in lines), lines, [following, then]
    # The next part is named by its heading, which leads the sources.
    return part_answer(ev, following, citer, hits, f"「{said}」之后,接着讲的是", heading_first=True)


def named_section(ev: Evidence, plan: QueryPlan) -> Unit | None:
    """The heading (of the named speech, else of any) that most of the section's words appear in."""
    if not plan.section:
        return None
    named = (plan.speech_no,) if plan.speech_no is not None else plan.speech_candidates
    speeches = [ev.corpus.speech(no) for no in named] if named else ev.corpus.speeches
    if len(named) == 1 and headless(ev, named[0]):
        # “其次”那一部分: a speech carried by its points is parted by their markers.
        marked = [u for _, run in paragraph_enumerations(speeches[0].units) for u in run
                  if (p := opening_point(u.text)) is not None and p[2].marker.rstrip("，,、：: ") == plan.section]
        if len(marked) == 1:
            return marked[0]
    want = {w[i:i + 2] for w in plan.section.split() for i in range(len(w) - 1)}
    if not want:
        return None
    if len(named) == 1 and (dated := dated_heading(speeches[0], plan.text)) is not None:
        return dated
    if len(named) == 1 and headless(ev, named[0]):
        # “怎样干事”这个话题: the one layer whose point (再说怎样干事) holds each of the words.
        points = [(u, p[2].label) for _, run in paragraph_enumerations(speeches[0].units) for u in run
                  if (p := opening_point(u.text)) is not None]
        # (此外，我再强调一下组织领导问题 / 安全生产重在防范: a part announced or added unnumbered.)
        points += [(u, re.split("[。！？!?]", u.text)[0]) for u in outline_units(ev, named[0])
                   if u.kind == "paragraph" and all(u is not x for x, _ in points)]
        # (县长关于资金管理讲了哪几个方面: the speaker's office on its speaker line names no part.)
        said_of = " ".join(u.text for u in speeches[0].units if u.kind == "metadata")
        words = [w for w in plan.section.split() if w not in said_of] or plan.section.split()
        layers = [u for u, label in points if all(any(w[i:i + 2] in ta.normalise(label) for i in range(len(w) - 1))
                                                  for w in words)]   # (第三个问题：…深化科技体制改革:
        if len(layers) != 1:   # else the point's first sentence holds the words)
            layers = [u for u, _ in points if all(w in ta.normalise(re.split("[。！？!?]", u.text)[0]) for w in words)]
        if len(layers) == 1:
            return layers[0]
    shares = [(sum(1 for g in want if g in ta.normalise(u.text)) / len(want), u)
              for sp in speeches for u in sp.units if u.kind == "heading"]
    top = max((sh for sh, _ in shares), default=0.0)
    best = [u for sh, u in shares if sh == top]
    if len(best) > 1:
        # 讲推进素质教育那一部分,下面列了哪几项重点工作: of the headings the words name alike, the
        # one that alone holds more of the question's other words (突出重点).
        asked = ta.normalise(plan.text)
        rest = {g for i in range(len(asked) - 1) if (g := asked[i:i + 2]) not in want and re.fullmatch("[\u4e00-\u9fff]{2}", g)}
        held = sorted(((sum(g in ta.normalise(u.text) for g in rest), i) for i, u in enumerate(best)), reverse=True)
        best = [best[held[0][1]]] if held[0][0] > held[1][0] else best
    if top < ev.answer.section_share:
        # 广西探索的几条做法: a part named by its heading and the paragraph that opens it (在实践中
        # 探索消除贫穷的路子 / 广西是农业省…): a word of the name in the heading, each of the others
        # in one or the other, when that names one part alone.
        # (营造…氛围, of parts headed 浓厚X的氛围 alike: words every heading holds name none.)
        words = plan.section.split()
        heads = [u for sp in speeches for u in sp.units if u.kind == "heading"]
        own = {w for w in words if sum(w in ta.normalise(u.text) for u in heads) == 1}
        opened = [u for u in heads if any(w in ta.normalise(u.text) for w in own)
                  and all(w in ta.normalise(u.text + _opening_paragraph(ev, u)) for w in words)]
        top, best = (ev.answer.section_share, opened) if len(opened) == 1 else (top, best)
    # Words several headings hold alike (浓厚…氛围 in each of 要进一步浓厚X的氛围) name what they share.
    if top < ev.answer.section_share or len(best) != 1:
        return None
    # 哪三个方面的问题 under a part that lists five things: the three are elsewhere (in a paragraph).
    if plan.list_size and plan.nth_item is None and len(list_items(ev, best[0])) not in (0, plan.list_size):
        return None
    return best[0]


def _opening_paragraph(ev: Evidence, heading: Unit) -> str:
    inside = part_units(ev, heading)[1:]
    return inside[0].text if inside and inside[0].kind == "paragraph" else ""


def abbreviation_answer(ev: Evidence, plan: QueryPlan, question: str, hits: list[Hit],
                        citer: Citer) -> tuple[str, list[AnswerSentence], list[Unit]] | None:
    """细准优实是什么 / “优”具体要干什么: the items an abbreviation names, or the one quoted or
    counted (细准优实的第二个字); (a note, [], []) when it has no such item; None when the
    question names no abbreviation."""
    abbreviated = abbreviated_list(ev, question)
    if abbreviated is None or plan.followup_item is not None:
        return None
    key, items = abbreviated
    title = ev.speech_title(items[0].speech_no)
    if plan.nth_item is not None and len(items) > 1:
        picked = nth(items, plan.nth_item)
        if not picked:
            return f"「{key}」共{len(items)}项,没有第{plan.nth_item}项", [], []
        items = [picked[1]]
    if len(items) == 1:
        one = part_answer(ev, items[0], citer, hits, f"{title}中{key}的「{items[0].heading}」")
        if one is not None:
            return one
    text, sentences = as_list(items, citer, f"{key}指{title}列出的{len(items)}项:")
    return text, sentences, items
