"""Points of speeches without headings: the enumerations a paragraph holds or a run of
paragraphs makes (第一，…第二，… / 一是…二是… / 首先…其次…, and paragraphs after a lead-in that
open alike), which of them a question's words name, and the N-th of them.

A part headed by an unnumbered line (a symposium speaker's) reads like a speech without
headings; a paragraph's own 一是…二是… counts in any speech when the N-th point is asked.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from difflib import SequenceMatcher

from . import text_analysis as ta
from .announced import added_part
from .answer_types import relative_years, speech_year, years
from .corpus import Unit, heading_style
from .enumeration import (
    enumerations,
    longest_points,
    opening_point,
    outer_runs,
    paragraph_enumerations,
)
from .evidence import Citer, Evidence
from .lazy_pattern import LazyPattern
from .openings import directive_runs
from .parallel import ANNOUNCES, MAX_PARALLEL, lead_in_text, parallel_paragraphs
from .planner import QUOTED, QueryPlan, nth
from .positions import speaker_paragraphs
from .question_words import is_generic
from .results import Answer, AnswerSentence, Hit
from .speech_refs import opens_with_dateline
from .structure import (
    QUOTED_ITEM_CHARS,
    announced_run,
    count_intro,
    counted_unit,
    headless,
    item_label,
    lead_in,
    numbered,
    part_units,
    states_count,
)
from .text_analysis import first_sentences, split_sentences
from .text_helpers import chinese_numeral

__all__ = ["ANNOUNCES", "PointList", "as_points", "count_statement", "choose_points", "formula_items", "said_with", "clause_list", "counted_lead_wins", "inline_over", "item_named", "list_named_after", "list_named_before", "points_under_item", "followup_point", "how_many", "nth_point", "own_words", "parallel_paragraphs", "points_in_part", "with_own_words", "words_match",
           "point_count", "point_lists", "speech_points", "too_few_points"]

PointList = list[Unit] | tuple[Unit, list[str]]
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
            out.append((_part_label(units, unit) + _lead_text(units, paragraphs[0]) + labels, paragraphs))
    leads = [u for u in units[: unit.seq] if u.kind == "paragraph"][::-1][:MAX_PARALLEL]
    for lead in leads:
        items = parallel_paragraphs(units, lead)
        if items and (lead is unit or unit in items):
            out.append((lead_in_text(lead) + "".join(item_label(u) for u in items), items))
            break
    return out


def _part_label(units: list[Unit], unit: Unit) -> str:
    """What names the unmarked part a unit is in: its heading and the speaker's line under it
    (沈达人那段分了几条: the points are his though his name is not in them); "" elsewhere."""
    if not _unmarked_part(units, unit):
        return ""
    return "".join(u.text for u in units if u.kind in ("heading", "metadata")
                   and (u.section == unit.section or (u.kind == "heading" and u.heading == unit.section[-1])))


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
            out.append((lead_in_text(lead) + "".join(item_label(u) for u in items), items))
    ev.point_lists_cache[speech_no] = out
    return out


def _match(ev: Evidence, bigrams: Sequence[str], text: str) -> float:
    norm = ta.normalise(text)
    return sum(max(ev.bigram_idf.get(g, 1.0), 0.05) for g in set(bigrams) if g in norm)


def point_count(option: PointList) -> int:
    return len(option) if isinstance(option, list) else len(option[1])


_QUOTED_RUN = LazyPattern(r"[“「]([^”」]{5,60})[”」]")
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
    if plan.list_size:
        # 按照“政治强、业务精、作风正”的要求: a quoted run of as many short things as the question counts
        # (in a sentence that says what the question quotes, if it quotes: “三个服务”指哪些).
        said = [ta.squash_punct(q) for q in QUOTED.findall(plan.text)]
        ranked += [(rank, sentence, (h.unit, items)) for rank, h in enumerate(hits[:ranks])
                   for sentence in split_sentences(h.unit.text) if all(q in ta.squash_punct(sentence) for q in said)
                   for quoted in _QUOTED_RUN.findall(sentence)
                   if len(items := quoted.split("、")) == plan.list_size and all(2 <= len(x) <= 8 for x in items)]
    spoken_by_named: list[Unit] = []
    own_pairs: list[str] = []
    if plan.speech_no is not None and headless(ev, plan.speech_no):
        # The named speech's other lists too, as if ranked last: the one whose lead says what
        # the question asks (今年要重点抓好以下几个方面的工作) may rank below its neighbours.
        # (王建民提了哪几方面工作, of a report: a list whose lead-in is the named speaker's ranks first.)
        speech = ev.corpus.speech(plan.speech_no)
        spoken_by_named = speaker_paragraphs(speech.paragraphs, plan.text, alone=True) if opens_with_dateline(speech) else []
        # (the question's pairs but those every paragraph of his holds, his name, and the meeting's words)
        own_pairs = [g for g in bigrams if not all(g in ta.normalise(u.text) for u in spoken_by_named)
                     and g not in ta.normalise(plan.reference) and not is_generic(g)]
        ranked += [(0 if plan.reference and plan.reference in ta.normalise(text) or option[0] in spoken_by_named else ranks, text, option)
                   for text, option in speech_point_lists(ev, plan.speech_no)]
    # 提到了哪些剧作家: a list only in name (哪些 + a noun that is no item of a speech) is a
    # list of that thing; points about something else (三点看法) are not it.
    named = _WEAK_NOUN.search(plan.text) if plan.weak_list and not plan.wants_list else None
    quoted_term = ta.squash_punct(plan.asks_content_of) if plan.asks_content_of and QUOTED.search(plan.text) else ""
    scored: list[tuple[float, str, PointList]] = []   # (raw word match, text, option)
    when = _asked_years(ev, plan)
    counted_in = counted_unit(plan.text) if plan.speech_no is not None else ""
    for rank, text, option in ranked:
        size = point_count(option)
        if text in seen or size < min_size or (plan.list_size and size != plan.list_size):
            continue
        if named and named.group(1)[-2:] not in ta.normalise(text):
            continue
        if quoted_term and quoted_term not in ta.squash_punct(said_with(ev, option)):
            continue   # (“四好农村路”是哪四好: a list whose lead never names the term is not its content)
        seen.add(text)
        # 在肯定成绩的同时,也要看到存在的问题: what a lead concedes is not what its points are about.
        raw = _match(ev, bigrams, _CONCEDED.sub("", text))
        if when and (dated := _dated(ev, text, option)):
            # 回顾去年成绩…哪几个方面, of a speech of 2024: the list its lead dates 2023 (刚刚过去的2023年…
            # ¶ 这一年，… ×5), not the one dated 2024 (2024年是… ¶ 新的一年，… ×4).
            if not dated & when:
                continue
            raw, rank = raw + ev.answer.point_match_share * asked, 0
        score = raw * (1.0 - ev.answer.rank_decay * rank)
        if spoken_by_named and option[0] in spoken_by_named and _match(ev, own_pairs, text) > 0:
            # 罗建平部署了几项重点工作, of a report: the list the named speaker says is his, when it
            # shares a word of what is asked (工作), beyond his name and the meeting's.
            score = max(score, ev.answer.point_match_share * asked)
        if counted_in and option[0].speech_no == plan.speech_no and states_count(said_with(ev, option, whole=False), counted_in, size):
            # 公务员培训班上提了哪几点要求, of a speech that says …提三点要求。: its list of three answers
            # when no list the words match better does (the words naming the speech aside).
            score = max(score, ev.answer.point_match_share * asked)
        scored.append((raw, text, option))
        if score < ev.answer.point_match_share * asked:
            continue   # the points are about something else than the question
        # (a list of paragraphs over the 一是…二是… inside one of them, when the words match both alike)
        if best is None or score > best[0] or (score == best[0] and isinstance(option, list)
                                               and isinstance(best[1], tuple) and best[1][0] in option):
            best = (score, option)
    unit_word = counted_unit(plan.text) if not plan.list_size else ""
    # 成绩分了几个方面: of lists the words match as well, wherever they rank, the one that counts
    # itself in the unit asked (主要表现在四个方面).
    top = max((raw for raw, _, option in scored if best is not None and option is best[1]), default=0.0)
    stated = [(raw, option) for raw, text, option in scored if top and raw >= top
              and unit_word and states_count(text, unit_word, point_count(option))]
    if stated:
        best = stated[0]
    if best is not None and isinstance(best[1], list):
        kind = _ASKED_NOUN.search(ta.normalise(plan.text))
        return _inner_named(ev, best[1], bigrams, asked, kind.group(1) if kind else "") or best[1]
    return best[1] if best else None


def _lead_of(ev: Evidence, text: str, option: PointList) -> str:
    """A list's text with the whole paragraph before a run of paragraphs (its lead-in)."""
    if isinstance(option, list):
        before = [u for u in ev.corpus.speech(option[0].speech_no).units[:option[0].seq - 1] if u.kind == "paragraph"]
        return text + (before[-1].text if before else "")
    return text + option[0].text


def said_with(ev: Evidence, option: PointList, whole: bool = True) -> str:
    """A list's own words: the unit right before a run of paragraphs and the run (``whole``: the
    paragraphs whole, else their names), or the paragraph an inline list is in (else its lead and
    points' names)."""
    if isinstance(option, tuple):
        unit, labels = option
        return unit.text if whole else next((e.lead for e in enumerations(unit.text) if e.labels == labels), "") + "".join(labels)
    units = ev.corpus.speech(option[0].speech_no).units
    before = units[option[0].seq - 2].text if option[0].seq >= 2 else ""
    return before + "".join(u.text if whole else item_label(u) for u in option)


def _asked_years(ev: Evidence, plan: QueryPlan) -> set[int]:
    """The years a question asks about by 去年 / 今年 / 明年, of the speech it names (its own year
    known); empty when it names none so."""
    this_year = speech_year(ev.corpus.speech(plan.speech_no)) if plan.speech_no is not None else None
    return {this_year + d for d in relative_years(plan.text)} if this_year else set()


def _dated(ev: Evidence, text: str, option: PointList) -> set[int]:
    """The years a list's lead names: its text's, or the whole paragraph's before a run of paragraphs."""
    return years(_lead_of(ev, text, option))


_CONCEDED = LazyPattern(r"在[^，,。；;]{1,20}?的同时[，,]?")
_OPENS_ON_COLON = LazyPattern(r"^[\u4e00-\u9fff]{1,6}[：:]")
_LEAD_BEFORE_COLON = LazyPattern(r"^[^；;：:]{2,40}[：:]")
_GOES_ON = LazyPattern(r"(?:还|也|并|则)?(?:要|将|必须|应当|应该|需要)")


def clause_list(ev: Evidence, plan: QueryPlan, hits: list[Hit], bigrams: Sequence[str],
                rival: PointList | None = None) -> tuple[Unit, list[str]] | None:
    """统战部新一年打算做哪几件事, of a sentence that lists them unmarked (…将…,努力为…;还将…;仍将
    …): its clauses between semicolons, three or more, when no marked list (``rival``) answers as
    well; the sentence of the top paragraphs whose words the question's match best (as a marked
    list must). (在规模和组成上做了哪些调整: 规模…扩大;…;界别名称作适当调整, over the (一)…(四) of
    what the list of members shows.)"""
    if not plan.wants_list or plan.answer_type is not None:
        return None
    asked = _match(ev, bigrams, "".join(bigrams))
    floor = _match(ev, bigrams, _option_text(ev, rival)) if rival is not None else -1.0
    best: tuple[float, Unit, list[str]] | None = None
    for h in hits[:5]:
        before = previous = ""
        for sentence in split_sentences(h.unit.text):
            # 一九九八年,…新的一年里,我们要…。要…;要…;要…: a list that opens with its verb goes on
            # from the sentences before, which say who, when and what.
            # (…还存在不少短板。主要是：…；…；…: a sentence that opens on a colon lists what the
            # one before names.)
            said = before + sentence if _GOES_ON.match(sentence) else \
                previous + sentence if _OPENS_ON_COLON.match(sentence) else sentence
            # (三、加强政府自身建设 ¶ 新的一年，我们要坚持…；要坚持…；要坚持…: the heading it stands
            # under says what the list is of.)
            said = "".join(h.unit.section[-1:]) + said
            before += sentence
            previous = sentence
            # (…还存在一些困难和问题：一是…；二是…；三是…: the clauses after the words that lead in)
            listed = _LEAD_BEFORE_COLON.sub("", sentence) if re.search("[；;]", sentence) else sentence
            clauses = [c.strip() for c in re.split("[；;]", _OPENS_ON_COLON.sub("", listed).rstrip("。！!")) if c.strip()]
            if len(clauses) < 3 or (plan.list_size and len(clauses) != plan.list_size):
                continue
            score = _match(ev, bigrams, said)
            if score >= ev.answer.point_match_share * asked and score > floor and (best is None or score > best[0]):
                best = (score, h.unit, [_whole_clause(c) for c in clauses])
    return (best[1], best[2]) if best else None


# 两个确保 / 三个代表 / 四个服从: a formula that counts its items by the word each opens with.
_FORMULA = LazyPattern(r"([两二三四五六七八九十])个([\u4e00-\u9fff]{1,4})")
_FORMULA_LEAD = LazyPattern(r"^[”」』\"]?(?:[:：,，]|[,，]?即|[,，]?就是)?")


def formula_items(plan: QueryPlan, hits: list[Hit]) -> tuple[Unit, list[str]] | None:
    """“两个确保”具体指哪两条, of 做到“两个确保”：确保…，确保…: the clauses after the formula in the
    top paragraphs, as many as it counts, each opening with its word; None when none follow it."""
    m = _FORMULA.fullmatch(plan.asks_content_of) if plan.asks_content_of else None
    if m is None:
        return None
    count, word = chinese_numeral(m.group(1)) or 0, m.group(2)
    for h in hits[:5]:
        at = h.unit.text.find(m.group(0))
        while at >= 0:
            rest = h.unit.text[at + len(m.group(0)):]
            rest = rest[_FORMULA_LEAD.match(rest).end():]
            clauses = [c.strip() for c in re.split("[，,；;。]", rest)][:count]
            if len(clauses) == count and all(c.startswith(word) for c in clauses):
                return h.unit, clauses
            at = h.unit.text.find(m.group(0), at + 1)
    return None


def _option_text(ev: Evidence, option: PointList) -> str:
    """What a list's lead and its points' names say."""
    if isinstance(option, tuple):
        unit, labels = option
        return next((e.lead for e in enumerations(unit.text) if e.labels == labels), "") + "".join(labels)
    return _lead_text(ev.corpus.speech(option[0].speech_no).units, option[0]) + "".join(item_label(u) for u in option)


def words_match(ev: Evidence, bigrams: Sequence[str], option: PointList) -> float:
    """How much of the question's words (IDF-weighted pairs) a list's lead and its points' names
    hold; of an inline list, the sentence its points open after."""
    if isinstance(option, tuple) and not any(e.labels == option[1] for e in enumerations(option[0].text)):
        unit, labels = option
        at = unit.text.find(labels[0][:2]) if labels else -1
        return _match(ev, bigrams, (split_sentences(unit.text[:at])[-1] if at > 0 else "") + "".join(labels))
    return _match(ev, bigrams, _option_text(ev, option))


def inline_over(ev: Evidence, plan: QueryPlan, hits: list[Hit], bigrams: Sequence[str],
                listed: list[Unit]) -> PointList | None:
    """俞正声…提出思考的几个问题都是什么: an enumeration inside a top paragraph (…提出了他最近思考的五个
    问题,一是…五是…) whose lead and points the question's words match better than the list the
    best paragraph belongs to (第一,深化作风建设…); None when that list matches as well."""
    inline = choose_points(ev, plan, hits, bigrams, inline_anywhere=True)
    if not isinstance(inline, tuple):
        return None
    unit, labels = inline
    lead = next((e.lead for e in enumerations(unit.text) if e.labels == labels), "")
    # (The list's own lead-in counts for it as the enumeration's lead does: 需要做好以下三个方面的工作:)
    own = lead_in(ev, listed[0]) + "".join(item_label(u) for u in listed)
    return inline if _match(ev, bigrams, lead + "".join(labels)) > _match(ev, bigrams, own) else None


def counted_lead_wins(ev: Evidence, plan: QueryPlan, listed: object, marked: PointList | None) -> bool:
    """Whether a list of paragraphs whose lead-in counts them in the question's unit (做好以下三个
    方面的工作:) answers before the 一要…三要 inside one of its items, which counts in none."""
    unit_word = counted_unit(plan.text)
    return bool(unit_word) and isinstance(listed, list) and isinstance(marked, tuple) and bool(listed) \
        and states_count(lead_in(ev, listed[0]), unit_word, len(listed)) \
        and not states_count(marked[0].text, unit_word, len(marked[1]))


def _whole_clause(clause: str, limit: int = 120) -> str:
    """A clause of an unmarked list, whole: its opening words may only lead into it (在新的一年
    里,统战部将…,努力为…); past ``limit`` characters, cut at a comma."""
    if len(clause) <= limit:
        return clause
    cut = max(clause.rfind(c, 0, limit) for c in "，,")
    return clause[:cut] if cut > 0 else clause[:limit]


# 一共讲了哪几种责任: the thing a list question ends on, as the question names it.
_ASKED_NOUN = LazyPattern(r"(?:哪|几)[几些]?(?:种|类|个|项|条|点|方面的?)?([\u4e00-\u9fff]{2})(?=[?？。!！呢]|$)")


def _inner_named(ev: Evidence, run: list[Unit], bigrams: Sequence[str], asked: float, kind: str = "") -> PointList | None:
    """讲今年重点工作的时候,要抓哪几个方面: the run of points inside the one item of ``run`` whose
    name the question's words match (一要…四要 under 第二个问题,突出抓好今年的几项重点工作), else
    the points one of its paragraphs makes (第二点,关于防范…金融风险。…抓好四件事:一是…四是…).
    ``kind``: what the question asks a list of (哪几种责任), which one item's name alone may say
    (先说形势 / 再说任务 / 最后说责任)."""
    scores = [_match(ev, bigrams, item_label(u)) for u in run]
    top = max(scores)
    of_kind = [i for i, u in enumerate(run) if kind and kind in ta.normalise(item_label(u))]
    if len(of_kind) == 1 and len(run) > 1:
        at = of_kind[0]
    elif top < ev.answer.point_match_share * asked or scores.count(top) > 1:
        return None
    else:
        at = scores.index(top)
    part = part_units(ev, run[at])
    own = {u.id for u in part}
    inner = [paras for _, paras in paragraph_enumerations(ev.corpus.speech(run[0].speech_no).units)
             if paras is not run and all(u.id in own for u in paras)]
    if inner:
        return max(inner, key=len)
    inline = [(u, found) for u in part if len(found := longest_points(u.text) or []) >= 2]
    if inline:
        return inline[0]
    # (讲作风建设的时候提了哪些要求: without numbers, the item's own paragraphs are its points.)
    return part[1:] if len(part) > 2 else None


_QUOTE_MARKS = LazyPattern("[“”\"'‘’「」]")


def item_named(ev: Evidence, plan: QueryPlan, hits: list[Hit]) -> Unit | None:
    """The one list item among the best hits whose own heading holds every word the question
    names the section by (“要做好最后1%”那条), when none of its siblings does."""
    words = plan.section.split()
    if not words:
        return None
    def names(heading: str | None) -> bool:   # (治懒治庸 names 要着力治“懒”、治“庸”)
        bare = ta.squash_punct(_QUOTE_MARKS.sub("", ta.normalise(heading or "")))
        return bool(heading) and all(ta.squash_punct(w) in bare for w in words)

    for h in hits[:3]:
        u = h.unit
        if u.kind != "paragraph" or not names(u.heading):
            continue
        siblings = [x for x in ev.corpus.speech(u.speech_no).paragraphs if x.heading and x.section == u.section]
        return u if sum(names(x.heading) for x in siblings) == 1 else None
    return None


_COUNTS = LazyPattern(r"哪几|几[个项条点大]")
_SAID_ELSEWHERE = 2   # other units of the speech that may say the words an item is asked by
_OWN_WORDS = 4      # characters a question shares with one item's opening at least
_CLEAR_LEAD = 2     # more than it shares with any other item's


def item_asked(ev: Evidence, plan: QueryPlan, items: Sequence[Unit]) -> Unit | None:
    """碧水保卫战具体有哪些措施 / 打好蓝天保卫战要做哪些工作: the one item of a list whose own
    opening sentence shares clearly more of the question's words than any other item's does; the
    question asks what that item holds, not for the list it is one of (三大保卫战分别是什么
    shares only what every item says)."""
    if plan.list_size or plan.nth_item is not None or plan.multi_speech or len(items) < 2 or _COUNTS.search(plan.text):
        return None   # (重点抓好哪几个方面: a question that counts asks for the list)
    asked = ta.squash_punct(ta.normalise(plan.text.replace(plan.reference, " ") if plan.reference else plan.text))
    shared: list[str] = []   # the longest run of the question's characters each item's opening says
    for u in items:
        opening = ta.squash_punct(ta.normalise((split_sentences(u.text) or [""])[0]))
        m = SequenceMatcher(None, asked, opening, autojunk=False).find_longest_match(0, len(asked), 0, len(opening))
        shared.append(opening[m.b:m.b + m.size])
    best = max(range(len(items)), key=lambda i: len(shared[i]))
    if len(shared[best]) < _OWN_WORDS or any(len(shared[best]) < len(x) + _CLEAR_LEAD for i, x in enumerate(shared) if i != best):
        return None
    # (九届全国政协…做了哪些调整: words the whole speech says name its subject, not one item.)
    elsewhere = sum(shared[best] in ta.squash_punct(ta.normalise(u.text)) for u in ev.corpus.speech(items[best].speech_no).units
                    if u is not items[best])
    return items[best] if elsewhere <= _SAID_ELSEWHERE else None


_NAMES_IT = LazyPattern(r"(?:叫做|叫作|称为|称之为|概括为|简称为?|归纳为)")


def list_named_after(ev: Evidence, plan: QueryPlan, hits: list[Hit]) -> tuple[Unit, list[str]] | None:
    """“三问复盘法”是哪三问: a list the speech names after giving it (第一问…第三问…。我们把这叫做
    “三问复盘法”): the enumeration whose last point runs on into the sentence that names it."""
    term = ta.squash_punct(plan.asks_content_of)
    if len(term) < 2:
        return None
    for h in hits[:3]:
        for e in enumerations(h.unit.text):
            said = split_sentences(e.points[-1].text)[1:3]
            if len(e.points) >= 2 and (not plan.list_size or len(e.points) == plan.list_size) \
                    and any(term in ta.squash_punct(x) and _NAMES_IT.search(x) for x in said):
                return h.unit, e.labels
    return None


def list_of_markers(ev: Evidence, plan: QueryPlan, hits: list[Hit]) -> tuple[Unit, list[str]] | None:
    """一要、二要、三要分别说的什么: the points these markers mark, in the best-ranked paragraph
    that holds them, or in the named speech's one paragraph that does."""
    if not plan.markers:
        return None

    def marked(u: Unit) -> list[str] | None:
        return next((e.labels for e in enumerations(u.text) if len(e.points) >= 2
                     and all(p.marker.startswith(n) and p.marker.endswith(plan.markers) for n, p in zip("一二三四五六七八九", e.points))
                     and (not plan.list_size or len(e.points) == plan.list_size)), None)

    for h in hits[:3]:
        if (labels := marked(h.unit)) is not None:
            return h.unit, labels
    # (else the one paragraph of the named speech, or of all of them, that holds such markers)
    speeches = [ev.corpus.speech(plan.speech_no)] if plan.speech_no is not None else ev.corpus.speeches
    found = [(u, labels) for sp in speeches for u in sp.paragraphs if (labels := marked(u)) is not None]
    return found[0] if len(found) == 1 else None


def list_named_before(plan: QueryPlan, hits: list[Hit]) -> tuple[Unit, list[str]] | None:
    """“三个好”是指什么: a list the speech names just before giving it (概括起来讲是“三个好”:一是
    势头好…二是…三是…): the enumeration whose lead ends on the quoted term."""
    term = ta.squash_punct(plan.asks_content_of)
    if len(term) < 2 or not QUOTED.search(plan.text):
        return None
    for h in hits[:3]:
        for e in enumerations(h.unit.text):
            if len(e.points) >= 2 and term in ta.squash_punct(e.lead[-len(term) - 12:]) \
                    and (not plan.list_size or len(e.points) == plan.list_size):
                return h.unit, e.labels
    return None


def points_under_item(ev: Evidence, plan: QueryPlan, hits: list[Hit]) -> tuple[Unit, list[str]] | None:
    """项目攻坚破难活动下面又分了几条: the points (一是…二是…) inside the item the words name."""
    u = item_named(ev, plan, hits)
    labels = longest_points(u.text) if u is not None else None
    return (u, labels) if u is not None and labels else None


def nth_point(ev: Evidence, plan: QueryPlan, hits: list[Hit],
              bigrams: Sequence[str]) -> tuple[int, Unit, str, list[Unit] | int] | None:
    """第二点是什么 / 最后一点 in a speech without headings: (N, the unit holding it, its text,
    the points' paragraphs or, inside one paragraph, their number)."""
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
        text = first_sentences(opening[2].text if opening else unit.text, QUOTED_ITEM_CHARS)
        return k, unit, text, option
    unit, _ = option
    points = next((e.points for e in enumerations(unit.text) if e.labels == option[1]), ())
    chosen = nth(points, plan.nth_item)
    # (最后一条讲的是什么?要建立哪些机制: what the point goes on to list is asked too, all of it.)
    return (chosen[0], unit, first_sentences(chosen[1].text, QUOTED_ITEM_CHARS) if plan.items_of_nth else chosen[1].sentences(),
            len(points)) if chosen else None


def too_few_points(ev: Evidence, plan: QueryPlan, hits: list[Hit], bigrams: Sequence[str]) -> int | None:
    """第四条是什么 when the points the words name (or the named speech's, without headings) are
    fewer than that: how many there are; None when there are enough, or none to count."""
    if not plan.nth_item or plan.nth_item < 2:
        return None
    option = choose_points(ev, dataclasses.replace(plan, list_size=None), hits, bigrams, 2,
                           inline_anywhere=not plan.nth_is_part)
    if option is None and plan.speech_no is not None:
        option = speech_points(ev, plan.speech_no)
    return point_count(option) if option is not None and point_count(option) < plan.nth_item else None


def followup_point(answer: Answer, item: int) -> tuple[int, Unit, str] | None:
    """那第二点呢 after an answer that listed the points of one paragraph: (N, the paragraph, the
    point's text). Lists of units are followed up by their units (compose._followup_unit)."""
    by_n = {c.n: c.unit for c in answer.citations}
    cited = {s.citations[0] for s in answer.sentences if s.citations}
    if len(cited) != 1 or len(answer.sentences) < 2 or (unit := by_n.get(cited.pop())) is None:
        return None
    said = [s.text for s in answer.sentences]
    # (一是规划先行 for 一是规划先行，我们聘请…: an answer may shorten each point to its first clause.)
    points = next((e.points for e in enumerations(unit.text) if len(e.labels) == len(said)
                   and all(label.startswith(x) for label, x in zip(e.labels, said))), ())
    if not points:
        # (刘振华:…；吴小梅:…, the people one paragraph tells of: the N-th as the answer gave it)
        listed = nth(said, item)
        return (listed[0], unit, listed[1]) if listed else None
    chosen = nth(points, item)
    return (chosen[0], unit, chosen[1].sentences()) if chosen else None


def speech_points(ev: Evidence, speech_no: int, size: int | None = None, kind: str = "") -> PointList | None:
    """The points a speech without headings lists, for its outline: paragraphs that open with
    第一，/第二，… (the longest run), else the longest 第一…第二… enumeration inside a paragraph,
    else the longest enumeration of any kind (three points at least). With ``size`` (哪两个方面):
    the one list of that many points, if the speech makes exactly one. With ``kind`` (希望, of
    提了几点希望): the one list said to be of that kind, if the speech makes exactly one (我讲三点
    意见 leads another)."""
    if not headless(ev, speech_no):
        return None
    units = ev.corpus.speech(speech_no).units
    if kind:
        of_kind: list[PointList] = [(u, e.labels) for u in units if u.kind == "paragraph" for e in enumerations(u.text)
                                    if kind in e.lead or all(kind in label for label in e.labels)]
        of_kind += [run for _, run in paragraph_enumerations(units)
                    if any(kind in split_sentences(u.text)[-1] for u in units[max(run[0].seq - 2, 0):run[0].seq - 1]
                           if u.kind == "paragraph")]
        if len(of_kind) == 1:
            return of_kind[0]
    if size:
        sized: list[PointList] = [p for _, p in paragraph_enumerations(units) if len(p) == size]
        sized += [(u, e.labels) for u in units if u.kind == "paragraph" for e in enumerations(u.text)
                  if len(e.points) == size]
        return sized[0] if len(sized) == 1 else None
    runs = outer_runs([paragraphs for _, paragraphs in paragraph_enumerations(units)])
    if runs:
        return max(runs, key=len)
    inline = [(u, e) for u in units if u.kind == "paragraph" for e in enumerations(u.text)]
    ordinal = [(u, e) for u, e in inline if e.family == "ordinal"]
    if not ordinal:
        # 我想跟大家说几句心里话。 ¶ 愿你们… ¶ 要学会… ¶ 最后，请…: what a speech announces it will say.
        speech = ev.corpus.speech(speech_no)
        announced = [run for lead in speech.paragraphs if (run := announced_run(speech, lead))]
        if len(announced) == 1:
            return announced[0]
        # 我们要学习他… ×5: paragraphs that open alike are the points of a speech that numbers none.
        parallel = [items for lead in units if lead.kind == "paragraph" if (items := parallel_paragraphs(units, lead))]
        if parallel:
            return max(parallel, key=len)
        # 产业兴旺是…的基础。要…。要… ×4: one run of measures stated and directed, unnumbered.
        directed = directive_runs(ev.corpus.speech(speech_no).paragraphs)
        if len(directed) == 1:
            return directed[0]
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


def points_in_part(ev: Evidence, part: Unit) -> list[Unit]:
    """首先…其次…最后 under a point that parts the speech (第三个问题：…): the first run of
    marked paragraphs that lies wholly inside the part, after its own paragraph."""
    inside = {u.id for u in part_units(ev, part)[1:]}
    speech = ev.corpus.speech(part.speech_no)
    return next((run for _, run in paragraph_enumerations(speech.units) if all(u.id in inside for u in run)), [])


# 下面,我再强调四点意见 / 重点开展四个专项活动: a count and what is counted, as a speech says it.
# What is counted is a speech's items (四点意见, 两个问题), not any four things (4个单位).
_OWN_COUNT = LazyPattern(r"([一二三四五六七八九十两]|\d{1,2})(?:点|条|项|个方面|方面|(?:个|大|种|件|项)(?:(?!的)[\u4e00-\u9fff]){0,4}?"
                         r"(?:问题|意见|要求|措施|任务|活动|氛围|方面|工作|原则|建议|举措|重点|目标))[\u4e00-\u9fff]{0,4}")
_CUT = LazyPattern(r"[的和与及是要有在等,，。:：;；、!！?？]")


def with_own_words(ev: Evidence, text: str, items: Sequence[Unit]) -> str:
    """A list answer's first line with the speech's own words for the list added before its
    colon (分为4个部分(即讲话所说的四点意见):)."""
    said = own_words(ev, items)
    first, sep, rest = text.partition("\n")
    return (first[:-1] + said + first[-1:] if said and first.endswith(":") else first) + sep + rest


def count_statement(ev: Evidence, items: Sequence[Unit]) -> tuple[Unit, str, bool] | None:
    """The unit just before a list's first item that says how many ``items`` there are (下面，我讲
    四点意见), the count as it says it (四点意见), and whether the list has one item more than it
    says (a problem stressed after them); None when no such unit says it."""
    if not items:
        return None
    units = ev.corpus.speech(items[0].speech_no).units
    before = [u for u in units[: items[0].seq - 1] if u.kind in ("paragraph", "heading")][-1:]
    added = len(items) > 2 and added_part(units, items[:-1]) is items[-1]
    for u in before:
        # (…信中就饮水工程提了三条具体建议。字迹虽已颤抖…: a count told in passing, not the last
        # sentence, leads in to nothing.)
        for m in _OWN_COUNT.finditer(ta.normalise(split_sentences(u.text)[-1])):
            if chinese_numeral(m.group(1)) == len(items) - added:
                return u, _CUT.split(m.group(0))[0], added
    return None


def own_words(ev: Evidence, items: Sequence[Unit]) -> str:
    """The speech's own words for a list of ``items`` (四点意见) in the text just before its first
    item, when their number is the list's: (即讲话所说的四点意见); "" when it says none."""
    found = count_statement(ev, items)
    if found is None:
        return ""
    # Not quoted as 「…」: a quote would need a citation of its own before the items'.
    _, said, added = found
    return f"(讲话所说的{said},再加上另外强调的一个问题)" if added else f"(即讲话所说的{said})"


def how_many(ev: Evidence, question: str, plan: QueryPlan, items: list[Unit] | int) -> str:
    """一共分几点,最后一点讲的啥: how many, said before the one asked (共四点(即讲话所说的四点),);
    "" when the question asks for no count or for the items of the one it names."""
    if not plan.wants_list or plan.items_of_nth:
        return ""
    n, own = (len(items), own_words(ev, items)) if isinstance(items, list) else (items, "")
    return f"{count_intro(question, n).rstrip(':')}{own},"
