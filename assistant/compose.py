"""Extractive answers: sentences of the top paragraphs, in their own words, each cited.

Shapes of answer, from the question's plan: an outline (第三篇分为哪几个部分: the top headings,
each cited); a list (哪四个专项活动 / 分别); otherwise the sentences that best cover the question,
in the speech's order. When the best paragraphs cover too little of the question, it abstains."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from . import text_analysis as ta
from .answer_types import METADATA_TYPES, SURNAMES, fits_type, holds_asked, years
from .corpus import Unit
from .enumeration import enumerations, opening_point
from .evidence import Citer, Evidence
from .extract import asks_why, by_speech, extract_sentences, join_cited, mentions, speaking, speeches_saying
from .followups import followup_answer
from .lazy_pattern import LazyPattern
from .located import (
    asks_for_books,
    books_answer,
    meeting_answer,
    metadata_answer,
    metadata_lines,
    opened_with,
    paragraphs_repeating,
    part_holding,
    position_name,
    positions_of_several,
    says_term,
    source_named,
    speaks_of_asked,
    terms_defined,
    unsaid_sentences,
)
from .overview import nth_of_each, nth_of_several, nth_said, outline_answer, speaker_in_order, unreported_words
from .partial import asks_besides, held_where, partial_answer, role_named, undefined_content, word_pairs
from .parts import (
    abbreviation_answer,
    after_answer,
    before_parts,
    cited_first,
    colon_list_in_part,
    counted_group,
    group_lines,
    group_named,
    inline_points,
    list_in_part,
    list_named_by,
    named_section,
    part_answer,
    whole_item,
)
from .planner import QueryPlan, nth
from .points import (
    as_points,
    choose_points,
    clause_list,
    count_statement,
    counted_lead_wins,
    formula_items,
    how_many,
    inline_over,
    item_asked,
    item_named,
    list_named_after,
    list_named_before,
    list_of_markers,
    nth_point,
    point_count,
    points_in_part,
    points_under_item,
    speech_points,
    too_few_points,
    with_own_words,
    words_match,
)
from .positions import closing_run, digest_speakers, nth_paragraph, proposed_in_turns, reported_speakers
from .question_grammar import COUNT_ONLY, MENTIONED_WHERE, QUOTED, WHAT_SAID
from .question_words import is_generic, own_subject
from .results import Answer, AnswerSentence, Hit, Turn
from .retrieval import query_terms
from .semantic import SentenceSimilarity
from .speech_refs import is_interview, named_reporters
from .structure import (
    COUNTED_IN,
    QUOTED_ITEM_CHARS,
    answered_instead,
    answered_turns,
    as_list,
    choose_list,
    count_intro,
    counted_items,
    headless,
    introduces_list,
    item_label,
    list_items,
    numbered,
    outline_units,
    part_units,
    who_answered,
)
from .sufficiency import abstain_reason, coverage, dense_rescues, never_said, own_words, unnamed_kind, unsaid_words
from .text_analysis import first_sentences, split_sentences
from .text_helpers import chinese_numeral

ABSTAIN_TEXT = "讲话中没有找到能回答这个问题的内容。"
NO_MORE_TEXT = "讲话中没有找到更多相关内容。"
def compose(ev: Evidence, question: str, plan: QueryPlan, hits: list[Hit],
            analysed: ta.Analysed, history: list[Turn] | None, dense_top: float | None = None,
            similarity: SentenceSimilarity | None = None) -> Answer:
    """The extractive answer; ``dense_top`` (the best embedding similarity, when the tuned model
    ranked) is the second signal that keeps a paraphrase with few shared words from being declined;
    ``similarity`` (each sentence's embedding similarity) helps choose the sentences quoted."""
    citer = Citer(ev, query_terms(analysed))

    lead = ""   # what the answer says first, before its own text (which speech alone spoke)

    def done(text: str, sentences: list[AnswerSentence], abstained: bool = False,
             hits_out: list[Hit] | None = None) -> Answer:
        text = lead + text if lead and not abstained else text
        return Answer(question, text, abstained, "extractive", citer.citations, hits_out or hits, sentences)

    plan = _part_holder(ev, plan)
    # 那第二点呢? / 最后一点呢? / 还有呢? — an item of the last list the conversation gave.
    found = followup_answer(ev, plan, history, hits, citer) if history else None
    if found is not None:
        text, sentences, cited = found
        return done(text, sentences, hits_out=cited_first(ev, cited, hits, citer.terms))

    if plan.needs_history:
        return _with_note(done(ABSTAIN_TEXT, [], abstained=True),
                          "这像是接着上一个问题的追问(如「那第三个呢」),但没有上一轮对话:请说明是哪篇讲话的哪一部分,或在界面中接着上一个问题问")
    abbreviation = abbreviation_answer(ev, plan, question, hits, citer)
    if abbreviation is not None:   # 细准优实是什么 / “优”具体要干什么 / 细准优实的第五个字
        text, sentences, cited = abbreviation
        if not sentences:   # (细准优实的第五个字: a note says how many it has)
            return _with_note(done(ABSTAIN_TEXT, [], abstained=True), text)
        return done(text, sentences, hits_out=cited_first(ev, cited, hits, citer.terms))

    preamble = before_parts(ev, plan.speech_no if plan.speech_no is not None else hits[0].unit.speech_no, citer, question) \
        if plan.before_parts and (plan.speech_no is not None or hits) else None
    if preamble is not None:
        return done(preamble[0], preamble[1], hits_out=cited_first(ev, preamble[2], hits, citer.terms))
    if (meeting := meeting_answer(ev, plan, question, hits, citer)) is not None:
        return done(meeting[0], meeting[1], hits_out=cited_first(ev, meeting[2], hits, citer.terms))
    named = (plan.speech_no,) if plan.speech_no is not None else plan.speech_candidates
    # 第三篇分为哪几个部分 / 五篇讲话各自的主题: the outline of each speech named.
    outlined = outline_answer(ev, plan, question, named, hits, citer, done)
    if outlined is not None:
        return outlined

    def nth_of(items: list[Unit], intro: Callable[[int], str]) -> Answer | None:
        """The plan's N-th of ``items`` (-1: the last), with what it holds."""
        picked = nth(items, plan.nth_item)
        answer = part_answer(ev, picked[1], citer, hits, how_many(ev, question, plan, items) + intro(picked[0]), not plan.items_of_nth,
                             points_inside=plan.items_of_nth) if picked else None
        if answer is None:
            return None
        text, sentences, cited = answer
        # 第三部分…几个专项活动: the speech's own word for the list (即讲话所说的四个专项活动).
        text = with_own_words(ev, text, [u for u in cited if u is not picked[1]])
        return done(text, sentences, hits_out=cited_first(ev, cited, hits, citer.terms))

    # 谁第一个发言 / 节水要放在首位是谁讲的, in a symposium digest: the speaker's line under the part.
    speech_no = plan.speech_no if plan.speech_no is not None else hits[0].unit.speech_no if hits else None
    spoke = digest_speakers(ev, plan, question, analysed, hits, speech_no)
    proposed = proposed_in_turns(plan, ev.corpus.speech(speech_no)) if speech_no is not None and not spoke else []
    if proposed:   # 企业家们提了哪几条建议: each speaker's, in turn
        lines = [AnswerSentence(f"{name}:{said}", [citer.cite(u)]) for u, name, said in proposed]
        text, lines = numbered(count_intro(question, len(lines)), lines)
        return done(text, lines, hits_out=cited_first(ev, [u for u, _, _ in proposed], hits, citer.terms))
    turns = reported_speakers(plan, ev.corpus.speech(speech_no)) if speech_no is not None and not spoke else []
    if turns:   # 座谈会上第二位发言的是谁, of a report: the paragraphs its speakers speak in, in turn
        # (第二位发言的企业家提了什么建议 asks what was said: the whole turn, not its opening)
        said = len(turns) == 1 and plan.answer_type != "person"
        lines = [AnswerSentence(f"{name}:{clause or (u.text if said else split_sentences(u.text)[0])}", [citer.cite(u)])
                 for u, name, clause in turns]
        text = f"{lines[0].text}[{lines[0].citations[0]}]" if len(lines) == 1 else numbered(f"共{len(lines)}位:", lines)[0]
        return done(text, lines, hits_out=cited_first(ev, [u for u, _, _ in turns], hits, citer.terms))
    if spoke:
        lines = [AnswerSentence(f"{byline.text}(「{part.heading}」)", [citer.cite(byline)]) for part, byline in spoke]
        text = f"{lines[0].text}[{lines[0].citations[0]}]" if len(lines) == 1 else numbered(f"共{len(lines)}位:", lines)[0]
        return done(text, lines, hits_out=cited_first(ev, [b for _, b in spoke], hits, citer.terms))

    # 两篇的结尾各是怎么说的: each speech's paragraph at that position.
    if (placed := positions_of_several(ev, plan, citer)) is not None:
        return done(placed[0], placed[1], hits_out=cited_first(ev, placed[2], hits, citer.terms))
    each = nth_of_several(ev, plan, question, hits, citer, done)
    if each is not None:   # 第一篇和第五篇最后一部分各有几条 / 每篇的第三部分都讲的啥
        return each
    # …这一条放在哪个部分下 / 用“希望”开头的那几段: a passage's part, the paragraphs opening alike.
    if (holding := part_holding(ev, plan, question, hits, citer) or opened_with(ev, plan, hits, citer)) is not None:
        return done(holding[0], holding[1], hits_out=cited_first(ev, holding[2], hits, citer.terms))

    # 第二篇讲担当作为,第三个小点说的是啥 / 第二部分第三点: the N-th item of the part named.
    heading = named_section(ev, plan)
    if heading is None and plan.within_part is not None and plan.speech_no is not None:
        picked_part = nth(outline_units(ev, plan.speech_no), plan.within_part)
        heading = picked_part[1] if picked_part else None
    if heading is not None and plan.nth_item is not None and plan.followup_item is None \
            and not _is_nth_part(ev, plan, heading):
        label = f"{ev.speech_title(heading.speech_no)}中「{item_label(heading)}」"
        item_answer = nth_of(counted_group(ev, question, list_items(ev, heading) or points_in_part(ev, heading)),
                             lambda k: f"{label}的第{k}项是")
        if item_answer is not None:
            return item_answer
        inline = inline_points(ev, heading)   # 第二部分的第三项任务, inside its one paragraph
        point = nth(inline[1], plan.nth_item) if inline is not None else None
        if point is not None:
            n = citer.cite(inline[0])
            return done(f"{label}的第{point[0]}项是:{point[1]}[{n}]", [AnswerSentence(point[1], [n])],
                        hits_out=cited_first(ev, [inline[0]], hits, citer.terms))

    # 第二篇讲话第三段 / 元旦献辞的结尾说了什么: a paragraph by its position (供暖会议开头第一句: in the best hit's speech).
    position_of = plan.speech_no
    if position_of is None and (plan.nth_is_paragraph or plan.nth_is_sentence) and hits and not plan.speech_candidates:
        position_of = hits[0].unit.speech_no
    if plan.followup_item is None and position_of is not None:
        paragraph = nth_paragraph(plan, ev.corpus.speech(position_of))
        guessed = "" if plan.speech_no is not None else f"(问题没有指明讲话,按最相关的内容理解为「{ev.speech_title(position_of)}」)"
        if paragraph is not None and paragraph[2]:   # 开头第一句 / 最后一句话
            k, unit, sentence = paragraph
            where = position_name(plan.nth_item, k, "句")
            n = citer.cite(unit)
            return done(f"{ev.speech_title(position_of)}的{where}是:{sentence}[{n}]{guessed}",
                        [AnswerSentence(sentence, [n])], hits_out=cited_first(ev, [unit], hits, citer.terms))
        if paragraph is not None:
            k, unit, _ = paragraph
            where = position_name(plan.nth_item, k, "段")
            if (run := closing_run(plan, ev.corpus.speech(position_of).paragraphs, unit, citer)) is not None:
                return done(run[0] + guessed, run[1], hits_out=cited_first(ev, run[2], hits, citer.terms))
            answer = part_answer(ev, unit, citer, hits, f"{ev.speech_title(position_of)}的{where}")
            if answer is not None:
                text, sentences, cited = answer
                return done(text + guessed, sentences, hits_out=cited_first(ev, cited, hits, citer.terms))

    # 宁乡那篇开头用哪几句话概括作风的作用: a position and words of its own, looked for in that part.
    if plan.nth_item is not None and plan.section and plan.followup_item is None and plan.speech_no is not None \
            and (plan.nth_is_position or headless(ev, plan.speech_no) and not plan.nth_is_item):
        picked = nth(outline_units(ev, plan.speech_no), plan.nth_item)
        part = picked[1] if picked else None
        # The part's own opening (its heading, a point's first paragraph) names it; what the
        # words ask is looked for in what follows, the opening only when nothing else has them.
        body = [u.id for u in part_units(ev, part)[1:]] if part else []
        in_body = any(h.unit.id in body and h.matched for h in hits)
        # A point whose own paragraph alone has the words is answered as the N-th point below.
        inside = set(body) if in_body or part is None else {part.id, *body} if plan.nth_is_position else set()
        in_part = [h for h in hits if h.unit.id in inside and h.unit.kind == "paragraph"
                   and h.matched and coverage(ev, ev.analyse(plan.section), [h.unit]) > 0]
        sentences = extract_sentences(ev, in_part, analysed, citer) if in_part else []
        if sentences:
            return done(join_cited(sentences), sentences, hits_out=in_part + [h for h in hits if h not in in_part])

    def nth_point_answer() -> Answer | None:
        """第二点是什么 / 最后一点: the N-th of the points the words name (in the speech named)."""
        found = nth_point(ev, plan, [h for h in hits if not named or h.unit.speech_no in named], analysed.bigrams)
        if found is None:
            return None
        k, unit, point, points = found
        n = citer.cite(unit)
        return done(f"{how_many(ev, question, plan, points)}{ev.speech_title(unit.speech_no)}列举的第{k}点是:{point}[{n}]", [AnswerSentence(point, [n])],
                    hits_out=cited_first(ev, [unit], hits, citer.terms))

    # 四个专项活动中最后一个 / 效能建设的第二点: a list the words name, introduced by a paragraph
    # (…以下四个专项活动:) or under an item's own heading ((二)突出效能建设 → 一是细…四是实).
    named_list = list_named_by(ev, plan) if plan.nth_item is not None and plan.followup_item is None and not plan.nth_is_part and heading is None else None
    if named_list is not None:
        # (not ``lead``: done() puts that before every answer)
        introduced_by, items = named_list
        item_answer = nth_of(items, lambda k: f"{ev.speech_title(items[0].speech_no)}中「{introduced_by}」的第{k}项是")
        if item_answer is not None:
            return item_answer

    # 讲加强法制建设时列了首先、第二、第三,第3点: the points the words name; else the N-th part.
    points_first = plan.nth_item is not None and plan.followup_item is None and bool(plan.section) and not plan.nth_is_part
    if points_first:
        point_answer = nth_point_answer()
        if point_answer is not None:
            return point_answer

    # 第二篇讲话的第三部分讲了什么: the N-th part; a list in it its words name (…纽带的话,一共几条).
    if plan.nth_item is not None and plan.followup_item is None and plan.speech_no is not None:
        title = ev.speech_title(plan.speech_no)
        picked = nth(outline_units(ev, plan.speech_no), plan.nth_item) if plan.items_of_nth and plan.section else None
        inner = list_in_part(ev, plan, picked[1]) if picked else None
        if inner is not None:
            unit, labels = inner
            n = citer.cite(unit)
            text, sentences = numbered(f"{title}第{picked[0]}部分中列出{len(labels)}点:",
                                       [AnswerSentence(x, [n]) for x in labels])
            return done(text, sentences, hits_out=cited_first(ev, [unit], hits, citer.terms))
        parts = outline_units(ev, plan.speech_no)
        last_items = list_items(ev, parts[-1]) if plan.nth_item == -1 and plan.nth_is_item and parts \
            and parts[-1].kind == "heading" and not headless(ev, plan.speech_no) else []
        if len(last_items) >= 2 and all(u.heading or opening_point(u.text) is not None for u in last_items):
            # 第五篇讲话最后一条: the last of the points its last part numbers (第一，… 第三，…);
            # 最后一部分 asks for the part, and so does 最后一条 of parts that number nothing.
            _, sentences, cited = whole_item(ev, last_items[-1], citer)
            return done(f"{title}最后一部分「{item_label(parts[-1])}」的最后一条:{join_cited(sentences)}", sentences,
                        hits_out=cited_first(ev, cited, hits, citer.terms))
        nth_answer = nth_of(parts, lambda k: f"{title}的第{k}部分是")
        if nth_answer is not None:
            return nth_answer

    # 第二点是什么 / 最后一点, in a speech without headings: the N-th of the points the words name.
    if plan.nth_item is not None and plan.followup_item is None:
        point_answer = None if points_first else nth_point_answer()   # (tried above already)
        if point_answer is not None:
            return point_answer
        # 第四条 of three points (in a speech without headings): there is none.
        have = too_few_points(ev, plan, [h for h in hits if not named or h.unit.speech_no in named], analysed.bigrams) \
            if heading is None and plan.speech_no is not None and headless(ev, plan.speech_no) else None
        if have is not None:
            ans = done(ABSTAIN_TEXT, [], abstained=True)
            ans.notes.append(f"相关的内容列出了{have}点,没有第{plan.nth_item}点")
            return ans
        # 第五种氛围 of a speech in four parts, with no list of five its words name: there is none.
        parts = outline_units(ev, plan.speech_no) if plan.speech_no is not None and heading is None else []
        if parts and plan.nth_item > len(parts):
            ans = done(ABSTAIN_TEXT, [], abstained=True)
            ans.notes.append(f"「{ev.speech_title(plan.speech_no)}」分{len(parts)}个部分,没有第{plan.nth_item}个;"
                             "问的若是某一部分里的第几点,请说明是哪一部分")
            return ans
        if not parts and heading is None and (said := nth_said(ev, plan, question, citer)) is not None:
            return done(said[0], said[1], hits_out=cited_first(ev, said[2], hits, citer.terms))
        # 第3条要求是什么, naming no speech and nothing else: the N-th of each speech.
        each = nth_of_each(ev, plan, hits, citer, done) if plan.speech_no is None and not plan.speech_candidates \
            and not plan.missing_speech and not own_subject(analysed.words, set()) else None
        if each is not None:
            return each

    def counted_answer(unit: Unit, things: list[str]) -> Answer:
        text, sentences, cited = as_points((unit, things), citer, count_intro(question, len(things), unit, plan.asks_content_of))
        return done(text, sentences, hits_out=cited_first(ev, cited, hits, citer.terms))

    # 第五篇讲话在加强领导方面提出了几条要求: the heading the words name, with what it holds —
    # unless a sentence in it counts what the question counts (“比学赶超”那块…三大追赶目标是哪三个).
    if heading is not None:
        inside = {u.id for u in part_units(ev, heading)}
        counted = counted_items(ta.normalise(question), plan.list_size, [h for h in hits if h.unit.id in inside], plan.asks_content_of)
        if counted is not None:
            return counted_answer(*counted)
        own = points_in_part(ev, heading) if plan.wants_list and not plan.outline and headless(ev, heading.speech_no) else []
        if len(own) >= 2 and (not plan.list_size or len(own) == plan.list_size):
            # 教师节讲话对老师提了几点希望: the points the part named lists (一是…四是…), under its name.
            intro = f"{ev.speech_title(heading.speech_no)}中「{item_label(heading)}」" + count_intro(question, len(own))
            text, sentences, cited = as_points(own, citer, intro)
            return done(text, sentences, hits_out=cited_first(ev, cited, hits, citer.terms))
        words = [w for w in analysed.words if len(w) >= 2 and not is_generic(w)]
        group = group_named(ev, words, list_items(ev, heading)) if plan.wants_list and heading.kind == "heading" else None
        if group is not None:   # (存在的问题主要表现在哪几个方面: that list of the part's two)
            told, items = group
            text, sentences = group_lines(items, citer, f"{ev.speech_title(heading.speech_no)}「{item_label(heading)}」中说:{told}")
            return done(text, sentences, hits_out=cited_first(ev, items, hits, citer.terms))
        said = colon_list_in_part(ev, plan, heading) if plan.wants_list else None
        if said is not None:   # (2026年的主要预期目标有哪些: the sentence that lists them, not the part's items)
            unit, labels = said
            text, sentences, cited = as_points((unit, labels), citer, count_intro(question, len(labels)))
            return done(text, sentences, hits_out=cited_first(ev, cited, hits, citer.terms))
        answer = part_answer(ev, heading, citer, hits, f"{ev.speech_title(heading.speech_no)}中")
        if answer is not None:
            text, sentences, cited = answer
            return done(text, sentences, hits_out=cited_first(ev, cited, hits, citer.terms))

    # 提出“两条腿走路”,下一段接着说了什么: the paragraph after the one the words find.
    if plan.after and speech_no is not None and plan.followup_item is None:
        following = after_answer(ev, plan, question, ev.corpus.speech(speech_no), hits, citer)
        if following is not None:
            text, sentences, cited = following
            return done(text, sentences, hits_out=cited_first(ev, cited, hits, citer.terms))

    if plan.missing_speech:   # 第六篇 of five: say so rather than answer from another speech
        return done(ABSTAIN_TEXT, [], abstained=True)

    if (turns := _reporter_turns(ev, question, speech_no, citer, hits, done)) is not None:
        return turns
    if plan.answer_type == "person" and _ANSWERED_BY.search(question) and history and not plan.asked_words \
            and (turn := who_answered(ev, history[-1].answer.hits)) is not None:
        # 东江电视台记者问了什么,谁答的: the reporter's question the answer before quoted.
        return _answered_by(ev, turn, citer, hits, done)

    # 这篇讲话是哪天讲的 / 春节团拜会上的讲话是谁讲的: the speech's own date or speaker line.
    meta = metadata_answer(ev, plan)
    if meta:
        text, lines = metadata_lines(ev, meta, citer)
        return done(text, lines, hits_out=cited_first(ev, [u for u, _ in meta], hits, citer.terms))
    if plan.speech_no is not None and plan.answer_type is None and _SPEAKER_SAID.search(question):
        # (主持会议的省长高建民讲了些什么 / 何静讲话的重点是什么, of a report: what he said;
        # 李红梅强调了什么: the paragraph that says she stressed it.)
        said = said_with_verb(ev, plan.speech_no, question, citer)
        if said is not None:
            return done(*said, hits_out=cited_first(ev, [c.unit for c in citer.citations], hits, citer.terms))
        if (spoken := speaker_in_order(ev, plan.speech_no, question, citer, hits, done)) is not None:
            return spoken
    if plan.about_speech and plan.answer_type == "date" and plan.speech_no is not None \
            and (dated := _years_said(ev, plan.speech_no)):
        # 第二篇讲话是哪一年的, of a speech with no date line: the latest year it speaks of, for
        # what it is worth (根据2020年的工作思路…).
        year, unit, sentence = dated
        n = citer.cite(unit)
        ans = done(f"讲话文本中没有注明时间。文中提到的最晚年份是{year}年(仅供参考):\n{sentence}[{n}]",
                   [AnswerSentence(sentence, [n])], hits_out=cited_first(ev, [unit], hits, citer.terms))
        ans.partial, ans.reason = True, "no_date_line"
        return ans
    if plan.about_speech and (plan.speech_no is not None or plan.speech_candidates):
        ans = done(ABSTAIN_TEXT, [], abstained=True)
        ans.notes.append("讲话文本中没有注明讲话人或时间。" if plan.answer_type in ("person", "date") else "讲话文本中没有这项信息。")
        return ans

    # 一要、二要、三要分别说的什么: the markers spelled out are the evidence (their words find
    # little else); the items they mark answer.
    if plan.markers and (marked_by := list_of_markers(ev, plan, [h for h in hits if not named or h.unit.speech_no in named])):
        text, sentences, cited = as_points(marked_by, citer, count_intro(question, point_count(marked_by), marked_by[0]))
        return done(text, sentences, hits_out=cited_first(ev, cited, hits, citer.terms))
    one_character = len(ta.squash_punct(question)) <= 1   # (县: a character found everywhere asks nothing)
    if one_character or not hits and not (named and not plan.asked_words and (plan.wants_list and plan.speech_no is not None
                                                                              or plan.answer_type == "term")):
        # (谈“勤”那篇批评了哪几种做法 / 第二篇解释了哪个概念: no word found, but the named speech's
        # own list, or the term it defines, may answer below.)
        text, reason = never_said(ev, question, analysed)
        ans = _with_reason(done(text or ABSTAIN_TEXT, [], abstained=True), reason)
        if one_character:   # 塔: one character says too little to search for
            ans.notes.append("问题只有一个字,说得太少,请多写几个字(如「塔西佗陷阱」)。")
        elif not text and (unsaid := unsaid_words(ev, analysed)):
            ans.notes.append(unsaid)   # (哪几篇讲话提到了读书学习: what no speech says)
        return ans

    # 这几篇讲话推荐或引用了哪些书: the books they name, each once (那本书是哪一年出版的 asks a date).
    books = books_answer(ev, question, named, citer) if asks_for_books(question) and plan.nth_item is None \
        and plan.answer_type in (None, "person") else None
    if books is not None:
        return done(books[0], books[1], hits_out=cited_first(ev, books[2], hits, citer.terms))

    reason = abstain_reason(ev, plan, analysed, hits)
    if reason and reason.startswith("讲话中没有列出") and paragraphs_repeating(ev, plan, hits) is not None:
        reason = None   # 讲了3个“继续”: the paragraphs that each say it are the three
    # (a named speech's list asked in words that find none: its own points, however close the meaning;
    # not a list of a kind it never names, 对公车改革提了哪些要求, declined below)
    thin = reason if not (plan.wants_list and unnamed_kind(question, analysed.words, ev.corpus_key)) else None
    if reason and dense_rescues(ev, plan, hits, dense_top) \
            and not reason.startswith("讲话中没有列出") and speaks_of_asked(ev, plan, hits):
        reason = None   # few shared words, but the meaning matches closely: a paraphrase
    if thin and plan.wants_list and (plan.speech_no is not None or plan.section) and not plan.asked_words \
            and not thin.startswith("讲话中没有列出"):
        # 要从根子上防腐治腐,公报说今年重点抓哪几个方面: words the speeches never use, but the
        # named speech's best paragraph introduces the list asked for; it is answered below.
        # (在讲为农民技术员搞服务那一部分,他们碰到的难处列了哪几条: the part the question names,
        # when the best paragraph says most of its words, names where the list is.)
        in_speech = [h for h in hits[:3] if h.unit.speech_no == plan.speech_no] if plan.speech_no is not None \
            else [h for h in hits[:1] if _says_most(ev, plan.section, h.unit)]
        if in_speech and (introduces_list(ev, in_speech[0].unit) or list_items(ev, in_speech[0].unit)
                          or plan.speech_no is None and any(len(e.points) >= 2 for e in enumerations(in_speech[0].unit.text))):
            reason = thin = None
    if thin and plan.wants_list and plan.speech_no is not None and not plan.asked_words \
            and not (plan.asks_content_of and QUOTED.search(question)):
        # 公报那篇,98年反腐工作分成哪几块任务: the words miss, but the named speech makes one list.
        # (“四好农村路”是哪四好: the content of a term it quotes, which a list of the speech's is not.)
        # (元旦献辞那几段排比…要坚持或发扬什么: the points of the named speech its words name come first.)
        if (spoken := speaker_in_order(ev, plan.speech_no, question, citer, hits, done)) is not None:
            return spoken   # (郑凯提的要求是怎么一条条写的: a report's speaker, paragraph by paragraph)
        points = choose_points(ev, plan, [h for h in hits if h.unit.speech_no == plan.speech_no], analysed.bigrams) \
            or speech_points(ev, plan.speech_no, plan.list_size)
        if points is not None:
            # (一共讲了几个方面: counted in the question's own unit, 共四个方面.)
            intro = count_intro(question, point_count(points)) if COUNTED_IN.search(question) \
                else f"{ev.speech_title(plan.speech_no)}依次列出{point_count(points)}点:"
            text, sentences, cited = as_points(points, citer, intro)
            return done(text, sentences, hits_out=cited_first(ev, cited, hits, citer.terms))
    if reason and plan.answer_type == "term" and named and (defined := terms_defined(ev, named, citer)):
        # 第二篇解释了哪个概念: words that miss, but the named speeches define a term each.
        return done("\n".join(join_cited([x]) for x in defined), defined,
                    hits_out=cited_first(ev, [c.unit for c in citer.citations], hits, citer.terms))
    repeated = paragraphs_repeating(ev, plan, hits)   # (a quoted word said again and again is the list asked)
    if reason and not repeated:   # (naming the term the speeches never use, when one is asked about)
        text, missing = never_said(ev, question, analysed, kinds=True)
        return _with_note(_with_reason(done(text or ABSTAIN_TEXT, [], abstained=True), missing), reason)

    if repeated is not None:   # 讲了哪几个“继续”: the run of paragraphs that each say it
        says = says_term(ta.normalise(plan.asks_content_of))
        lines = [AnswerSentence(next((x for x in split_sentences(u.text) if says(ta.normalise(x))), u.text),
                                [citer.cite(u)]) for u in repeated]
        text, sentences = numbered(count_intro(question, len(lines)), lines)
        return done(text, sentences, hits_out=cited_first(ev, repeated, hits, citer.terms))

    content = undefined_content(ev, plan, hits, citer)
    if content is not None:
        intro, reason, sentences = content
        ans = done(intro + "\n" + join_cited(sentences), sentences)
        ans.partial, ans.reason = True, reason
        return ans

    # (两名干部叫什么名字,分别受了啥处分 asks for names: no list of the speech answers it.)
    # (几篇讲话都提到了哪些专项活动, when one speech alone speaks of them: its list.)
    if (plan.wants_list or plan.weak_list) and not asks_besides(question) \
            and (not plan.multi_speech or len(alone := speaking(ev, hits)) == 1) \
            and plan.answer_type not in ("person", "date", "organization") \
            and not (plan.answer_type == "place" and plan.answer_unit == "地名"):   # (哪几个省: places, not points)
        lead = f"只有{ev.speech_title(next(iter(alone)))}讲到:\n" if plan.multi_speech else ""
        if (unreported := unreported_words(ev, named, question, citer, done)) is not None:
            return unreported   # 何建平局长的工作报告提了哪几点: his report is only named
        if unnamed_kind(question, analysed.words, ev.corpus_key):   # 对公车改革提了哪些要求: no list is of it
            text, missing = never_said(ev, question, analysed, kinds=True)
            return _with_reason(done(text, [], abstained=True), missing)
        # The list of the speech the question names, never one of another speech.
        hits_named = [h for h in hits if not named or h.unit.speech_no in named]
        counted = counted_items(ta.normalise(question), plan.list_size, hits_named, plan.asks_content_of)
        listed = choose_list(ev, plan, hits_named)
        if counted is not None and isinstance(listed, list) and len(listed) == len(counted[1]) \
                and all(thing in u.text for thing, u in zip(counted[1], listed)):
            counted = None   # the things the sentence counts are items of a list: quote the items
        if counted is not None:
            # 规模经济大致分成哪几种类型: another paragraph's inline list whose lead says the
            # question's words better than the sentence that counts answers instead.
            inline = choose_points(ev, plan, hits_named, analysed.bigrams, inline_anywhere=True)
            counted = inline if isinstance(inline, tuple) and inline[0] is not counted[0] \
                and words_match(ev, analysed.bigrams, inline) > words_match(ev, analysed.bigrams, counted) else counted
            return counted_answer(*counted)
        # 项目攻坚破难活动下面又分了几条: the points inside the item the words name.
        marked = choose_points(ev, plan, hits_named, analysed.bigrams)
        marked = None if counted_lead_wins(ev, plan, listed, marked) else marked
        under = points_under_item(ev, plan, hits_named)
        own = item_asked(ev, plan, next((x for x in (marked, listed) if isinstance(x, list)), []))
        if own is not None and under is None:
            text, sentences, cited = whole_item(ev, own, citer)   # (碧水保卫战有哪些措施: what its item holds)
            return done(text, sentences, hits_out=cited_first(ev, cited, hits, citer.terms))
        points = formula_items(plan, hits_named) or under or list_named_after(ev, plan, hits_named) \
            or list_named_before(plan, hits_named) \
            or (clause_list(ev, plan, hits_named, analysed.bigrams, marked) if listed is None else None) or marked \
            or (listed if isinstance(listed, tuple) else inline_over(ev, plan, hits_named, analysed.bigrams, listed)
                if listed else None)   # (一是…二是… inside the list's paragraph, or one the words name better)
        if points is not None:
            text, sentences, cited = as_points(points, citer, count_intro(question, point_count(points), points[0], plan.asks_content_of))
            text = with_own_words(ev, text, points) if isinstance(points, list) else text
            return done(text, sentences, hits_out=cited_first(ev, cited, hits, citer.terms))
        if isinstance(listed, list):
            text, sentences = as_list(listed, citer, count_intro(question, len(listed), listed[0], plan.asks_content_of))
            text = with_own_words(ev, text, listed)
            return done(text, sentences, hits_out=cited_first(ev, listed, hits, citer.terms))
        item = item_named(ev, plan, hits_named)
        if item is not None:   # “要做好最后1%”那条举了哪些例子: what the item holds, from its start
            text, sentences, cited = whole_item(ev, item, citer)
            return done(text, sentences, hits_out=cited_first(ev, cited, hits, citer.terms))
        lead = ""

    focus = analysed
    if plan.focus:
        own = ev.analyse(plan.focus)
        focus = own if own.bigrams else analysed
    pool = [h for h in hits if h.unit.id not in plan.exclude] or hits
    if named and not plan.multi_speech and not any(w in question for w in ("分别", "各自", "两篇", "几篇")):
        pool = [h for h in pool if h.unit.speech_no in named] or pool   # (元旦献辞回顾了哪几件大事: its own)
    last = history[-1].answer if history else None
    if plan.follow_up and not plan.exclude and last is not None and last.citations \
            and (last.plan or {}).get("intent") == "nth_point" and plan.text != question:
        # 那最后一条呢 → 它是什么意思? / 具体怎么做?: about the item just given, first — only
        # it, when the follow-up has no words of its own.
        pool = cited_first(ev, [last.citations[0].unit], pool, citer.terms)
        pool = pool if own_subject(ev.analyse(plan.focus).words, set()) else pool[:1]
    if plan.exclude and history:
        # 还有别的例子吗: what the paragraphs already cited go on to say, before other paragraphs.
        unsaid = unsaid_sentences(history[-1].answer, [s.text for t in history for s in t.answer.sentences])
        if unsaid:
            lines = [AnswerSentence(text, [citer.cite(u)]) for u, text in unsaid[:ev.answer.max_sentences]]
            return done(join_cited(lines), lines, hits_out=cited_first(ev, [u for u, _ in unsaid], hits, citer.terms))
        topic = ev.analyse(history[-1].answer.query or history[-1].question)
        if coverage(ev, topic, [h.unit for h in pool[:3]]) < 0.5:
            ans = done(NO_MORE_TEXT, [], abstained=True)
            ans.notes.append("其余段落与上一个问题的主题关系不大")
            return ans
    if plan.answer_type == "person" and _ANSWERED_BY.search(question) and (turn := who_answered(ev, pool)) is not None:
        return _answered_by(ev, turn, citer, hits, done)
    if not _ASKS_QUESTION.search(question) or _ANSWERED_BY.search(question):
        pool = answered_instead(ev, pool)   # (市民发现险情应该打什么电话: the answer, not 记者：…请问…?)
    # 哪几家单位办的 / 管这种情况叫啥: the sentences that hold what is asked come first.
    typed = holds_asked(plan.answer_type, plan.answer_unit, question)
    # 几篇讲话对形式主义都是怎么说的: a term none of them uses is said first, not grouped over.
    said = mentions(ev, plan.mentioned, citer) if plan.mentioned else None
    if said is not None:
        return done(said[0], said[1], hits_out=cited_first(ev, said[2], hits, citer.terms))
    if plan.multi_speech and not never_said(ev, question, analysed)[0]:
        # (各讲了一个人的故事,分别是谁: of each speech, the sentence that names a person.)
        # (这些讲话里哪些到2025年的目标: of each speech, the line that names the year asked.)
        dated = years(question)
        grouped = by_speech(ev, pool, focus, citer, plan.speech_candidates, fits=typed or (
            (lambda t: fits_type(plan.answer_type, plan.answer_unit, [t])) if plan.answer_type in ("person", "date", "number")
            else (lambda t: dated <= years(t)) if dated else None))
        if grouped:
            return done("\n".join(f"{s.text}[{s.citations[0]}]" for s in grouped), grouped)
        if plan.speech_no is None and not plan.speech_candidates and (where := MENTIONED_WHERE.search(ta.normalise(question))):
            # 哪些讲话谈到了青年, when one speech's paragraphs rank far above the others': every
            # speech that says it, one line each (or that only one does).
            norm = ta.normalise(question)
            words = own_words(ev.analyse(norm[:where.start()] + " " + norm[where.end():]).words)
            saying = speeches_saying(ev, words, pool, citer) \
                if words and all(ta.squash_punct(w) in ev.corpus_key for w in words) else None
            if saying is not None:
                return done(saying[0], saying[1], hits_out=cited_first(ev, saying[2], hits, citer.terms))
    sentences = extract_sentences(ev, pool, focus, citer, metadata=plan.answer_type in METADATA_TYPES,
                                  similarity=similarity if focus is analysed else None, explain=asks_why(question),
                                  fits=typed, listing=(plan.wants_list or plan.weak_list) and not plan.multi_speech
                                  and plan.answer_type is None,   # (哪些单位: a sentence read on is no evidence of one)
                                  question=question)
    if not sentences:
        return done(ABSTAIN_TEXT, [], abstained=True)
    partial = partial_answer(ev, plan, question, analysed, pool, sentences, citer,
                             paraphrase=dense_rescues(ev, plan, hits, dense_top))
    if partial is not None:
        intro, reason, sentences = partial
        ans = done(intro + "\n" + join_cited(sentences), sentences)
        ans.partial, ans.reason = True, reason
        return ans
    if (plan.answer_type in ("person", "date", "number", "title", "term", "agent", "quote") or plan.answer_type == "place" and held_where(question)
            and fits_type("place", plan.answer_unit, [sentences[0].text])) and sentences[0].citations:
        # Who / when / how many / what name: the sentence that gives it (its unit leads the sources).
        if plan.answer_type != "place":   # (where: the sentence that tells the event leads already)
            # (主持人是谁: a transcript's label that names its holder, before that role's other turns)
            sentences.sort(key=lambda s: (not fits_type(plan.answer_type, plan.answer_unit, [s.text]),
                                          plan.answer_type == "person" and not role_named(ev, question, s.text)))
            if len(given := _given_first(plan, analysed, sentences)) < len(sentences):
                sentences = given
                citer.keep_only(sentences)
        sentences = _totals_before_parts(citer, sentences)
        citer.renumber(sentences)
        first = next(c.unit for c in citer.citations if c.n == sentences[0].citations[0])
        return done(join_cited(sentences), sentences, hits_out=cited_first(ev, [first], hits, citer.terms))
    # 哪篇说… / 是谁写的: the best-ranked text quoted is named, and only its sentences are quoted.
    source = next((h.unit for h in pool if any(c.unit.id == h.unit.id for c in citer.citations)), None)
    named_source = source_named(ev, question, source) if source is not None else ""
    if named_source:
        of_speech = {c.n for c in citer.citations if c.unit.speech_no == source.speech_no}
        sentences = [s for s in sentences if set(s.citations) <= of_speech] or sentences
        citer.keep_only(sentences)
    return done(named_source + join_cited(sentences), sentences)


def _says_most(ev: Evidence, words: str, unit: Unit) -> bool:
    """Whether ``unit`` holds most (two thirds) of the character pairs of ``words``."""
    pairs = [g for g in ev.analyse(words).bigrams if not is_generic(g)]
    return bool(pairs) and 3 * sum(g in ta.normalise(unit.text) for g in pairs) >= 2 * len(pairs)


def _reporter_turns(ev: Evidence, question: str, speech_no: int | None, citer: Citer, hits: list[Hit],
                    done: Callable[..., Answer]) -> Answer | None:
    """新华社记者提了什么问题 / 郑思远回答了哪些记者的提问, of a transcript: the turns of the
    reporters the question names by their outlet, or the questions its named speaker answered;
    None when it names neither."""
    if not _ASKS_QUESTION.search(question):
        return None
    norm = ta.normalise(question)
    nos = [speech_no] if speech_no is not None else [s.no for s in ev.corpus.speeches]
    for no in nos:
        if not is_interview(speech := ev.corpus.speech(no)):
            continue
        turns = answered_turns(ev, no)
        named = named_reporters(norm, speech)
        if named and _ANSWERED_BY.search(norm):
            turn = next((t for t in turns if t[0] is named[0]), None)
            return _answered_by(ev, turn, citer, hits, done) if turn is not None else None
        if named:
            lines = [AnswerSentence(u.text, [citer.cite(u)]) for u in named]
            return done(join_cited(lines), lines, hits_out=cited_first(ev, named, hits, citer.terms))
        speakers = list(dict.fromkeys(name for _, _, name in turns if name in norm))
        if speakers and _ANSWERED_BY.search(norm):
            picked = [(asked, answer) for asked, answer, name in turns if name in speakers]
            lines = [AnswerSentence(item_label(asked), [citer.cite(asked)]) for asked, _ in picked]
            text, sentences = numbered(f"{'、'.join(speakers)}回答了{len(picked)}个问题:", lines)
            return done(text, sentences, hits_out=cited_first(ev, [u for pair in picked for u in pair], hits, citer.terms))
    return None


def _answered_by(ev: Evidence, turn: tuple[Unit, Unit, str], citer: Citer, hits: list[Hit],
                 done: Callable[..., Answer]) -> Answer:
    """改造资金的问题是谁回答的: the speaker of the turn after that reporter's question."""
    asked, answer, speaker = turn
    said = AnswerSentence(first_sentences(answer.text, QUOTED_ITEM_CHARS), [citer.cite(answer)])
    return done(f"回答这个问题的是{speaker}:{said.text}[{said.citations[0]}]", [said],
                hits_out=cited_first(ev, [answer, asked], hits, citer.terms))


def _years_said(ev: Evidence, speech_no: int) -> tuple[int, Unit, str] | None:
    """The latest year a speech's paragraphs name, with the first sentence that names it."""
    said = [(y, u, x) for u in ev.corpus.speech(speech_no).paragraphs for x in split_sentences(u.text) for y in years(x)]
    if not said:
        return None
    latest = max(y for y, _, _ in said)
    return next(t for t in said if t[0] == latest)


# 记者问了什么 / 提了什么问题: the reporter's question is what is asked.
_ASKS_QUESTION = LazyPattern(r"记者|问了|提问|问题是|什么问题|哪些问题|几个问题|问的")
# (改造资金的问题是谁回答的: who answered it, in the turn after it.)
_ANSWERED_BY = LazyPattern(r"回答|答复|作答|谁答")
# 讲了些什么 / 讲话的重点是什么 / 强调了什么: what a person said, asked as a whole.
_SPEAKER_SAID = LazyPattern(rf"{WHAT_SAID.pattern}|讲话的?(?:重点|要点|主要内容|核心)|(?:强调|指出|表示|要求)了?(?:些)?(?:什么|啥|哪些)")


_ASKED_VERB = LazyPattern(r"(强调|指出|表示|要求)了?(?:些)?(?:什么|啥|哪些)")


def said_with_verb(ev: Evidence, no: int, question: str, citer: Citer) -> tuple[str, list[AnswerSentence]] | None:
    """李红梅强调了什么 / 他指出了什么, of a text whose paragraphs open 李红梅强调，…: those
    paragraphs (the person named in the question, said with the asked verb); None when none opens so."""
    verb = _ASKED_VERB.search(question)
    if verb is None:
        return None
    norm = ta.normalise(question)
    people = [m.group(0) for m in re.finditer(rf"[{SURNAMES}][\u4e00-\u9fff]{{1,2}}", norm[:verb.start()])]
    # (孟广川说，… ¶ 他要求，… ¶ 他还要求，…: a paragraph opening 他 goes on with the one before.)
    said: list[Unit] = []
    speaker = ""
    for u in ev.corpus.speech(no).paragraphs:
        text = ta.normalise(u.text)
        opener = next((p for p in people if text.startswith(p)), "") or (speaker if re.match("[他她]", text) else "")
        if opener and re.match(rf"(?:{re.escape(opener)}|[他她])[^，,。]{{0,12}}?{verb.group(1)}", text):
            said.append(u)
        speaker = opener or ("" if re.match(rf"[{SURNAMES}][\u4e00-\u9fff]{{1,2}}", text) else speaker)
    if not said:
        return None
    lines = [AnswerSentence(u.text, [citer.cite(u)]) for u in said[:2]]
    return join_cited(lines), lines


# 一共讲了几条 / 讲了几点: a count of the speech's items, naming no noun.
_BARE_COUNT = LazyPattern(r"(?:一共|总共|共)?(?:讲|说|提|谈)了?(?:几|多少)(?:条|点)()(?=[?？。!！\s]*$)")


def count_said_first(ev: Evidence, question: str, answer: Answer) -> list[Hit]:
    """一共讲了几点意见, of a speech that says 下面，我讲四点意见 before the points the answer
    lists: the paragraph that says how many answers the question, so it leads the hits (the
    points follow). The hits as they were for any other question (the whole question is read:
    讲了几点看法?每一点是什么意思 asks for the points too)."""
    norm = ta.normalise(question)
    counted = COUNT_ONLY.search(norm) or _BARE_COUNT.search(norm)
    if counted is None or answer.abstained or len(answer.citations) < 2:
        return answer.hits
    said = count_statement(ev, [c.unit for c in answer.citations])
    if said is None or (counted.group(1) or "") not in ta.normalise(said[0].text):
        return answer.hits
    terms = list(dict.fromkeys(t for h in answer.hits[:3] for t in h.matched))
    return cited_first(ev, [said[0]], answer.hits, terms)


def _totals_before_parts(citer: Citer, sentences: list[AnswerSentence]) -> list[AnswerSentence]:
    """其中，改造老旧小区210个… moved first is read as a part of whatever comes before it: the
    sentence of its paragraph it follows (今年…项目126个) goes just before it again."""
    out = list(sentences)
    for s in sentences:
        if not re.match(r"\s*其中[，,]", s.text) or not s.citations:
            continue
        unit = next((c.unit for c in citer.citations if c.n == s.citations[0]), None)
        whole = unit.text if unit is not None else ""
        before = next((t for t in out if t is not s and t.citations == s.citations
                       and whole.find(t.text) >= 0 and whole.find(t.text) + len(t.text) <= whole.find(s.text) <= whole.find(t.text) + len(t.text) + 1), None)
        if before is not None:
            out.remove(before)
            out.insert(out.index(s), before)
    return out


def _part_holder(ev: Evidence, plan: QueryPlan) -> QueryPlan:
    """第三部分的第二项是什么, naming no speech: of the one speech whose third part has a second
    item, when only one has; 第二个问题讲了什么, of a speech whose parts are its 第N个问题 (a
    第二个问题 elsewhere is a second problem): that part. The plan as it was otherwise."""
    if plan.nth_item is not None and not plan.nth_is_part and plan.within_part is None \
            and (asked := _PART_BY_QUESTION.search(plan.text)):
        holding = [s.no for s in ev.corpus.speeches if (plan.speech_no is None or s.no == plan.speech_no)
                   and (parts := outline_units(ev, s.no)) and all(_PART_BY_QUESTION.match(u.text) for u in parts)
                   and nth(parts, plan.nth_item)]
        if len(holding) == 1 and chinese_numeral(asked.group(1)) == plan.nth_item:
            return replace(plan, speech_no=holding[0], nth_is_part=True)
    if plan.within_part is None or plan.nth_item is None or plan.speech_no is not None or plan.speech_candidates:
        return plan
    holding = [s.no for s in ev.corpus.speeches if (part := nth(outline_units(ev, s.no), plan.within_part))
               and nth(list_items(ev, part[1]) or points_in_part(ev, part[1]), plan.nth_item)]
    return replace(plan, speech_no=holding[0]) if len(holding) == 1 else plan


_PART_BY_QUESTION = LazyPattern(r"第([一二三四五六七八九十\d]{1,2})个问题")


def _given_first(plan: QueryPlan, analysed: ta.Analysed, sentences: list[AnswerSentence]) -> list[AnswerSentence]:
    """招聘多少新教师 → 招聘新教师二百名。, without 要深化“双减”工作…: once a sentence gives the
    figure or date asked, a sentence read on after it that neither gives one nor shares a word of
    the question is padding. (Not for who / what name: whether a sentence gives a person or a
    term is read too loosely to call the next one padding.)"""
    pairs = word_pairs(analysed)
    if plan.answer_type not in ("number", "date") or not sentences \
            or not fits_type(plan.answer_type, plan.answer_unit, [sentences[0].text]):
        return sentences
    return sentences[:1] + [s for s in sentences[1:] if fits_type(plan.answer_type, plan.answer_unit, [s.text])
                            or any(g in ta.normalise(s.text) for g in pairs)]



def _with_reason(ans: Answer, reason: str) -> Answer:
    ans.reason = reason or ans.reason
    return ans


def _with_note(ans: Answer, note: str) -> Answer:
    ans.notes.append(note)
    return ans


_ORDINAL_SAYS = LazyPattern(r"(?:最后|第[一二三四五六七八九十\d]{1,2})一?(?:条|点|项)(?:里|中)?(?:说|讲|是|提|谈|强调)")


def _is_nth_part(ev: Evidence, plan: QueryPlan, heading: Unit) -> bool:
    """第三篇第二部分“升华认识”: the ordinal and the words name the same part of the speech."""
    # 升华认识里的第2点 / 担当作为那块,第三点: a point counts inside the part the words name,
    # even when that part is itself the N-th; only 第二部分 (a part noun) counts parts — or an
    # ordinal the words go on to describe (最后一条说大企业要强化自身建设: the part is the 条).
    said = _ORDINAL_SAYS.search(plan.text) if plan.nth_is_item else None
    clause = re.split("[,，。;；?？!！]", plan.text[said.end():])[0] if said else ""
    if said and not any(w in clause and w in heading.text for w in plan.section.split()):
        said = None   # (教师队伍建设的那部分,第三条说的是什么: the words name the part before it)
    if plan.speech_no is None or plan.nth_item is None or not (plan.nth_is_part or said):
        return False
    picked = nth(outline_units(ev, plan.speech_no), plan.nth_item)
    return picked is not None and picked[1].id == heading.id

