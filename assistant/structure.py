"""The structure of a speech as answers use it: outlines, lists and their items.

A list is sibling list items, the items after a lead-in line (以下/如下/…:), the headings under
a heading, or an enumeration 一是…二是… inside a paragraph.
"""

from __future__ import annotations

import re

from .corpus import Unit, heading_style
from .evidence import Citer, Evidence
from .params import AnswerParams
from .planner import QueryPlan
from .results import AnswerSentence, Hit
from .text_analysis import split_sentences

__all__ = ["as_list", "choose_list", "enumerates", "inline_enumeration", "item_label", "list_items",
           "next_unit", "numbered", "outline_units"]

# 一是…;二是… or, within one sentence, 一是…,二是…,三是…: each item runs to the next item's 是.
_INLINE_ENUM = re.compile("(?:^|(?<=[。;:,\uff1b\uff1a\uff0c]))\\s*([一二三四五六七八九十]+是"
                          "(?:(?![,\uff0c]\\s*[一二三四五六七八九十]+是)[^。;\uff1b])*[。;\uff1b]?)")
_LEAD_IN = re.compile("[:\uff1a]$|以下|如下")


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


_FIRST_MARKER = re.compile("^(?:一|1|[(\uff08]一[)\uff09]|第一)")


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

    for rank, h in enumerate(hits[:3]):
        u = h.unit
        introduces = introduces_list(ev, u)
        options: list[list[Unit] | tuple[Unit, list[str]]] = []
        items = list_items(ev, u)
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
            if not n and rank == 0 and (plan.wants_list or introduces):
                if isinstance(opt, list) and not introduces and u in opt:
                    # The best hit is one item of a list: answer with the whole list only when
                    # other items rank near it, i.e. the question is about the list, not the item.
                    near = {h2.unit.id for h2 in hits[1:5] if h2.score >= 0.5 * h.score}
                    if not near & {x.id for x in opt}:
                        continue
                return opt

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
        return split_sentences(u.text)[0]
    if len(u.heading) <= short_heading:
        # 二是准 says little alone; its first body sentence says what it means.
        body = split_sentences(u.text)[1:2]
        if body:
            return f"{u.heading}:{body[0]}"
    return u.heading


def outline_units(ev: Evidence, speech_no: int) -> list[Unit]:
    return ev.corpus.speech(speech_no).parts(ev.answer.outline_max_items)


def as_list(items: list[Unit], citer: Citer, intro: str) -> tuple[str, list[AnswerSentence]]:
    return numbered(intro, [AnswerSentence(item_label(u), [citer.cite(u)]) for u in items])


def numbered(intro: str, sentences: list[AnswerSentence]) -> tuple[str, list[AnswerSentence]]:
    lines = [intro] + [f"{k}. {s.text}[{s.citations[0]}]" for k, s in enumerate(sentences, 1)]
    return "\n".join(lines), sentences
