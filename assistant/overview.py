"""Answers about whole speeches: the outline of one speech, or of several side by side.

第三篇分为哪几个部分 gives the speech's top-level headings; a speech without headings gives the
points it lists, else what each paragraph opens with. 五篇讲话各自的主题 / 第一篇和第三篇有什么
不同 give each speech's outline in turn, one block per speech, so that they can be compared
from the speeches' own words (the answer quotes; it does not judge the difference).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from . import text_analysis as ta
from .answer_types import SURNAMES
from .corpus import Unit
from .evidence import Citer, Evidence
from .lazy_pattern import LazyPattern
from .parts import cited_first, in_order, no_outline, part_answer, said_in_order
from .planner import QUOTED, QueryPlan, nth
from .points import as_points, count_statement, point_count, speech_points, with_own_words
from .positions import silent_attendee, speaker_paragraphs, whole_speech_of
from .question_grammar import asked_kind
from .results import Answer, AnswerSentence, Hit
from .speech_refs import opens_with_dateline
from .structure import addressed_directives, announced_parts, as_list, counted_items, headless, outline_units
from .text_analysis import split_sentences

__all__ = ["MAX_SPEECHES", "nth_of_each", "nth_of_several", "nth_said", "outline_answer", "speaker_in_order", "unreported_words"]

MAX_SPEECHES = 8   # speeches outlined side by side at most; a longer corpus is named by title


# 整体结构 / 主要内容 / 主要讲了…: the speech as a whole is asked about, not only the points it counts.
_AS_A_WHOLE = re.compile(r"结构|主要内容|内容主要|主要讲|主要谈|主要说|大致内容|框架|脉络|整篇|全篇|通篇")
# 讲了些什么 / 说了什么, of a speech printed whole: all it said, in order (of a report, what the
# person it reports said: his points).
_SAID_WHAT = re.compile(r"[讲说谈]了(?:一?些)?(?:什么|啥|哪些内容)")
_COUNTED_POINTS = re.compile(r"几点|几条|哪些点|哪几项|几项")


_LAYERS = LazyPattern(r"几层|哪几层|层意思|层次|一层层|怎么展开|怎样展开|如何展开")
_PART_WORDS = ("问题", "方面", "部分", "内容", "层次", "板块", "要求", "意见")   # (提出了哪几条要求: its points)


def outline_answer(ev: Evidence, plan: QueryPlan, question: str, named: Sequence[int], hits: list[Hit],
                   citer: Citer, done: Callable[..., Answer]) -> Answer | None:
    """The outline the plan asks for, of the speeches ``named`` (of the best hit's speech when
    the question names none but asks about 讲话/这篇); None when the plan asks no outline."""
    if not plan.outline:
        return None
    unreported = unreported_words(ev, named, question, citer, done)
    if unreported is not None:
        return unreported
    if plan.list_size and len(named) <= 1 and hits:
        # 乡风文明的四条分别是什么, of 论乡风文明 in three parts: the four things a sentence of it
        # counts and lists are asked, not its parts.
        no = named[0] if named else hits[0].unit.speech_no
        own = [h for h in hits if h.unit.speech_no == no]
        if len(outline_units(ev, no)) != plan.list_size \
                and counted_items(ta.normalise(question), plan.list_size, own, plan.asks_content_of) is not None:
            return None
    of_speech = bool(re.search("讲话|发言|贺词|祝辞|致辞|报告|导语之后|正文|的话", question))   # 李鹏的讲话分几层: not the report's own lead
    if plan.in_order and len(named) == 1 and headless(ev, named[0]):
        # 那篇祝辞的脉络,先讲什么再讲什么: without headings, the order is its paragraphs' (a run of
        # points is only the middle of it) — unless the points carry the whole speech
        # (首先,…其次,…再次,…最后,… from its second paragraph to its last few: its layers).
        announced = announced_parts(ev, named[0])
        points = announced or speech_points(ev, named[0])
        if isinstance(points, list) and (bool(announced) or _spans(ev, named[0], points)):
            # (下面我讲三个问题 / an interview's questions: the parts it announced, or was asked by, in order)
            text, sentences, cited = as_points(points, citer, f"{ev.speech_title(named[0])}没有分部分的标题,"
                                                              f"依次分{len(points)}层来讲:")
            return done(text, sentences, hits_out=cited_first(ev, cited, hits, citer.terms))
        return in_order(ev, named[0], citer, hits, done, of_speech, question=question)
    if len(named) > 1:
        return _side_by_side(ev, named, hits, citer, done, question)
    if not named and not (hits and re.search(r"讲话|这篇|该篇|文章|报告", question)):
        return None
    no = named[0] if named else hits[0].unit.speech_no
    spoken = speaker_in_order(ev, no, question, citer, hits, done)
    if spoken is not None:
        return spoken
    items = outline_units(ev, no)
    kind = asked_kind(question)
    if kind and (said := count_statement(ev, items)) is not None and said[2] and kind in said[1]:
        items = items[:-1]   # 提了哪几点希望: the four it announced, not the problem stressed after them
    # (一共讲了几个问题 / 哪几个方面: words for a speech's own parts ask for its outline.)
    headed = [u for u in items if kind and kind not in _PART_WORDS and kind in u.text and u.kind == "heading"]
    if len(headed) == 1 and kind not in ev.speech_title(no):
        # 图书室那篇提了哪几条建议, of a report with a part headed 几点建议: that part's points.
        answer = part_answer(ev, headed[0], citer, hits, f"{ev.speech_title(no)}中")
        if answer is not None:
            return done(answer[0], answer[1], hits_out=cited_first(ev, answer[2], hits, citer.terms))
    if items and _only_part_of(ev, no, items, question):
        return no_outline(ev, no, citer, hits, done, of_speech)
    if items:
        text, sentences = as_list(items, citer, f"{ev.speech_title(no)}分为{len(items)}个部分:")
        return done(with_own_words(ev, text, items), sentences, hits_out=cited_first(ev, items, hits, citer.terms))
    if not named:
        return None
    # (慰问信对职工提出了哪些要求, of a text without headings: what it directs those named to do.)
    points = addressed_directives(ev, plan, [h for h in hits[:3] if h.unit.speech_no == no]) \
        or speech_points(ev, no, kind=kind if kind not in _PART_WORDS else "")
    if points is not None and not (isinstance(points, list) and _only_part_of(ev, no, points, question)):
        text, sentences, cited = as_points(points, citer, f"{ev.speech_title(no)}没有分部分的标题,"
                                                         f"文中依次列出{point_count(points)}点:")
        return done(text, sentences, hits_out=cited_first(ev, cited, hits, citer.terms))
    return no_outline(ev, no, citer, hits, done, of_speech)


def unreported_words(ev: Evidence, named: Sequence[int], question: str, citer: Citer,
                     done: Callable[..., Answer]) -> Answer | None:
    """何建平局长的工作报告分了几个部分: a person whose speech or report the text names (he
    holds an office in it) but never gives; a partial answer citing the mention, else None."""
    silent = silent_attendee(ev.corpus.speech(named[0]), question, SURNAMES, ev.analyse(question).words) if len(named) == 1 else ""
    if not silent:
        return None
    said = [(u, x) for u in ev.corpus.speech(named[0]).paragraphs for x in split_sentences(u.text) if silent in x][:1]
    lines = [AnswerSentence(x, [citer.cite(u)]) for u, x in said]
    ans = done(f"「{ev.speech_title(named[0])}」只提到了{silent},没有{silent}讲话或报告的内容。相关原文:\n"
               + "".join(f"{x.text}[{x.citations[0]}]" for x in lines), lines)
    ans.partial, ans.reason = True, f"not_reported:{silent}"
    return ans


def speaker_in_order(ev: Evidence, no: int, question: str, citer: Citer, hits: list[Hit],
                     done: Callable[..., Answer]) -> Answer | None:
    """郑凯提了哪些要求, of a report: what the named speaker says, paragraph by paragraph
    (郑凯强调… / 他要求…), when no list of points is his; None otherwise."""
    speech = ev.corpus.speech(no)
    spoken = speaker_paragraphs(speech.paragraphs, question, alone=True) if opens_with_dateline(speech) else []
    spoken = whole_speech_of(speech.paragraphs, spoken)
    points = speech_points(ev, no) if spoken else None
    held = points if isinstance(points, list) else [points[0]] if points else []
    # (高建华的讲话分几层意思: his paragraphs in order, the list in one of them among them.)
    if not spoken or any(u in spoken for u in held) and not _LAYERS.search(question):
        return None
    if len(spoken) == 1:
        # 何静讲了什么, of a report whose chair speaks one paragraph (何静就…提出要求。她说，…):
        # that paragraph, not the main speaker's points.
        said = AnswerSentence(spoken[0].text, [citer.cite(spoken[0])])
        return done(f"{said.text}[{said.citations[0]}]", [said], hits_out=cited_first(ev, spoken, hits, citer.terms))
    return in_order(ev, no, citer, hits, done, True, question=question)


# A run of points carries a speech when it starts within its first paragraphs, its last point
# stands among its last ones (after it, only the closing wishes), and its points run on over
# paragraphs of their own (three points in three paragraphs of a communiqué are only its middle).
_SPAN_EDGE = 3


def _only_part_of(ev: Evidence, no: int, points: list[Unit], question: str) -> bool:
    """校庆讲话整体结构是怎样的, of a speech whose 第一…最后 points are only its hopes near the end
    (or whose review runs field by field in its middle): asked about as a whole, the speech runs
    paragraph by paragraph, its points among them. (讲了哪几点 / 分成哪几个部分 count its points:
    those are what is asked.) Parts it announced, or an interview's questions, carry it whole."""
    whole = _AS_A_WHOLE.search(question) or _SAID_WHAT.search(question) and not opens_with_dateline(ev.corpus.speech(no))
    return bool(whole) and not _COUNTED_POINTS.search(question) and headless(ev, no) \
        and not announced_parts(ev, no) and not _spans(ev, no, points) \
        and len(ev.corpus.speech(no).paragraphs) > len(points) + _SPAN_EDGE


def _spans(ev: Evidence, no: int, points: list[Unit]) -> bool:
    paragraphs = ev.corpus.speech(no).paragraphs
    at = {u.id: i for i, u in enumerate(paragraphs)}
    first, last = at.get(points[0].id), at.get(points[-1].id)
    return len(points) >= 3 and first is not None and last is not None and last - first + 1 > len(points) \
        and first < _SPAN_EDGE and last >= len(paragraphs) - 1 - _SPAN_EDGE


_HOW_MANY_SPEECHES = re.compile(r"(?<![这那各每哪])(?:几|多少)篇")
_COMPARES = re.compile(r"不同|区别|差别|差异|异同|相同|共同|比较|对比|相比")


def _side_by_side(ev: Evidence, named: Sequence[int], hits: list[Hit], citer: Citer,
                  done: Callable[..., Answer], question: str) -> Answer:
    """Each speech's parts (or listed points, or its opening sentence) in turn, one block each."""
    blocks: list[str] = []
    sentences: list[AnswerSentence] = []
    cited: list[Unit] = []
    for no in named[:MAX_SPEECHES]:
        title = ev.speech_title(no)
        items = outline_units(ev, no)
        points = None if items else speech_points(ev, no)
        if items:
            text, sents = as_list(items, citer, f"{title}分为{len(items)}个部分:")
            text, units = with_own_words(ev, text, items), items
        elif points is not None:
            text, sents, units = as_points(points, citer, f"{title}没有分部分的标题,文中依次列出{point_count(points)}点:")
        else:
            opening = ev.corpus.speech(no).paragraphs[:1]
            if not opening:
                continue
            said = split_sentences(opening[0].text)[0]
            sents = [AnswerSentence(said, [citer.cite(opening[0])])]
            text, units = f"{title}没有分部分的标题,开头一句是:{said}[{sents[0].citations[0]}]", opening
        blocks.append(text)
        sentences += sents
        cited += units
    # 一共有几篇讲话: how many there are, said first, when every speech is outlined.
    counted = f"共{len(named)}篇讲话:\n\n" if _HOW_MANY_SPEECHES.search(question) and len(named) == len(ev.corpus.speeches) else ""
    answer = done(counted + "\n\n".join(blocks), sentences, hits_out=cited_first(ev, cited, hits, citer.terms))
    if _COMPARES.search(question):
        answer.notes.append("上面分别列出了各篇讲话的结构,供比较;回答只摘录原文,不评判异同。")
    if len(named) > MAX_SPEECHES:
        answer.notes.append(f"共 {len(named)} 篇讲话,这里只列出前 {MAX_SPEECHES} 篇;请指明要看哪几篇")
    return answer


def nth_of_each(ev: Evidence, plan: QueryPlan, hits: list[Hit], citer: Citer, done: Callable[..., Answer],
                nos: Sequence[int] = ()) -> Answer | None:
    """The N-th part of each of the speeches ``nos`` (第一篇和第五篇最后一部分各有几条 / 每篇的第三
    部分都讲的啥), or, when the question names none (第3条要求是什么), of every speech, with a
    note that it named none; one line per speech, or a block with its items when they are asked."""
    pool = list(nos) or [s.no for s in ev.corpus.speeches]
    picked = [(no, got) for no in pool[:MAX_SPEECHES] if (got := nth(outline_units(ev, no), plan.nth_item))]
    if len(picked) < 2:
        return None
    blocks: list[str] = []
    sentences: list[AnswerSentence] = []
    cited: list[Unit] = []
    for no, (k, u) in picked:
        intro = f"{ev.speech_title(no)}的第{k}部分是"
        part = part_answer(ev, u, citer, hits, intro) if plan.items_of_nth else None
        if part is None:
            line = AnswerSentence(f"{intro}「{u.heading or u.text}」", [citer.cite(u)])
            part = (f"{line.text}[{line.citations[0]}]", [line], [u])
        blocks.append(part[0])
        sentences += part[1]
        cited += part[2]
    answer = done(("\n\n" if plan.items_of_nth else "\n").join(blocks), sentences,
                  hits_out=cited_first(ev, cited, hits, citer.terms))
    lacking = [no for no in pool[:MAX_SPEECHES] if no not in {n for n, _ in picked}]
    if lacking:
        answer.notes.append("、".join(f"「{ev.speech_title(no)}」" for no in lacking)
                            + f"没有第{plan.nth_item}部分" if plan.nth_item > 0 else "没有分部分")
    if not nos:
        answer.notes.append("问题没有指明是哪篇讲话,这里列出各篇的相应部分;请指明讲话(如「第二篇」)再问")
    return answer


_EVERY = re.compile(r"每篇|各篇|每一篇|这几篇|那几篇|所有")


def nth_of_several(ev: Evidence, plan: QueryPlan, question: str, hits: list[Hit], citer: Citer,
                   done: Callable[..., Answer]) -> Answer | None:
    """第一篇和第五篇最后一部分各有几条 (the speeches named) / 每篇的第三部分都讲的啥 (every
    speech): the N-th part of each; None when the question asks about one speech."""
    if plan.nth_item is None or plan.followup_item is not None or plan.speech_no is not None or plan.nth_is_item \
            or not (len(plan.speech_candidates) > 1 or plan.multi_speech):
        return None
    every = bool(_EVERY.search(question)) or not plan.speech_candidates
    answer = nth_of_each(ev, plan, hits, citer, done, () if every else plan.speech_candidates)
    if answer is not None and every:   # (each was asked for: no note that none was named)
        answer.notes = [n for n in answer.notes if not n.startswith("问题没有指明")]
    return answer


def nth_said(ev: Evidence, plan: QueryPlan, question: str,
             citer: Citer) -> tuple[str, list[AnswerSentence], list[Unit]] | None:
    """李瑞环座谈时讲的最后一个问题, of a report (or a speech) without headings or points: the N-th
    paragraph of what the speech says, as its outline lists them (the lead and who attended left
    out); None when the question asks the N-th of a thing it names (“多宣传一些”里第3条 / 八项主张的
    第一项), of a sentence, or of no one speech."""
    no = plan.speech_no
    if no is None or plan.nth_item is None or plan.nth_is_sentence or not headless(ev, no) \
            or QUOTED.search(question) or plan.asks_content_of:
        return None
    said, _, how = said_in_order(ev, no, True, question)
    picked = nth(said, plan.nth_item) if len(said) >= 2 else None
    if picked is None:
        return None
    k, unit = picked
    n = citer.cite(unit)
    whose = "所报道的讲话" if how == "reported" else ""
    return (f"{ev.speech_title(no)}{whose}没有分部分或列点,按段落顺序,共{len(said)}段,第{k}段是:{unit.text}[{n}]",
            [AnswerSentence(unit.text, [n])], [unit])
