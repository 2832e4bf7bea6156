"""Follow-ups that point at one item of an earlier answer: 那第二点呢 / 最后一点呢 / 还有呢.

The item is looked for in the last answer first — the points of the one paragraph it listed,
the groups of a part with two lists — then in the last list the conversation gave (its units);
after a digest's speakers, 那第二位呢 is that speaker's part. 第二个活动里头又分了几条 asks for
the points inside the item rather than the item.
"""

from __future__ import annotations

from collections.abc import Sequence

from .corpus import Unit
from .enumeration import paragraph_enumerations
from .evidence import Citer, Evidence
from .located import followup_unit
from .parts import nth_in_groups, part_answer
from .planner import QueryPlan
from .points import followup_point, speech_point_lists
from .positions import speaker_part
from .results import AnswerSentence, Hit, Turn
from .structure import list_items
from .text_analysis import split_sentences

__all__ = ["followup_answer"]


def _mates(ev: Evidence, unit: Unit) -> list[Unit]:
    """The list a unit is an item of: its siblings, or the run of paragraph points it opens
    (再次,… → 首先 / 其次 / 再次 / 最后: 第三点讲了什么?第四点呢)."""
    items = list_items(ev, unit)
    if unit in items:
        return items
    run = next((run for _, run in paragraph_enumerations(ev.corpus.speech(unit.speech_no).units) if unit in run), None)
    if run is not None:
        return run
    # (希望大家… ×3 announced with 提三点希望: 第二点希望是什么?那第三点呢 — the points of the list it is in.)
    return next((option for _, option in speech_point_lists(ev, unit.speech_no)
                 if isinstance(option, list) and unit in option), items)


def followup_answer(ev: Evidence, plan: QueryPlan, history: Sequence[Turn], hits: list[Hit],
                    citer: Citer) -> tuple[str, list[AnswerSentence], list[Unit]] | None:
    """(text, sentences, cited units) for a follow-up item (``plan.followup_item``), or None."""
    item = plan.followup_item
    if item is None or not history:
        return None
    grouped = nth_in_groups(ev, history, item, citer) if item else None
    if grouped is not None:
        return grouped
    # The points of the one paragraph the last answer listed come before any older list.
    point = followup_point(history[-1].answer, item) if item else None
    unit = None if point is not None else followup_unit(item, list(history), plan.nth_is_part, lambda u: _mates(ev, u))
    spoke = speaker_part(ev.corpus.speech(unit.speech_no), unit) if unit is not None else None
    if unit is not None and spoke is not None:   # 那第二位呢, after the speakers of a digest
        heading, first = spoke
        said = "".join(split_sentences(first.text)[:2])
        lines = [AnswerSentence(f"{unit.text}(「{heading.heading}」)", [citer.cite(unit)]),
                 AnswerSentence(said, [citer.cite(first)])]
        return f"{lines[0].text}[{lines[0].citations[0]}]:{said}[{lines[1].citations[0]}]", lines, [unit, first]
    if unit is not None:   # 第二个活动里头又分了几条: the points inside it
        return part_answer(ev, unit, citer, hits, "", not plan.items_of_nth, points_inside=plan.items_of_nth)
    if point is not None:   # the N-th of the points one paragraph enumerates
        k, unit, said = point
        n = citer.cite(unit)
        return f"第{k}点是:{said}[{n}]", [AnswerSentence(said, [n])], [unit]
    return None
