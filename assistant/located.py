"""The units a plan points at beyond ranking: a paragraph or sentence by position, the run of
paragraphs that each say a counted term, what cited paragraphs go on to say, an item of the
last list for a follow-up, a speech's own date or speaker line; and whether the best paragraphs
speak of the thing a question names as asked."""

from __future__ import annotations

import re
from collections.abc import Callable

from . import text_analysis as ta
from .answer_types import AIMED_AT, SHARE_NOUNS, TARGET_NOUNS, fits_type, speech_says
from .corpus import Unit
from .evidence import Citer, Evidence
from .extract import join_cited
from .lazy_pattern import LazyPattern
from .planner import QUOTED, QueryPlan, nth
from .positions import closing_run, meeting_sentences, nth_paragraph, report_speakers
from .question_grammar import MEETING_BESIDES, MEETING_ENDED, ORDINAL
from .results import Answer, AnswerSentence, Hit, Turn
from .speech_refs import byline, opens_with_dateline
from .structure import item_label, numbered, outline_units, part_units
from .text_analysis import first_sentences, split_sentences

__all__ = ["AIMED_AT", "meeting_answer", "opened_with", "part_holding", "books_answer", "metadata_lines", "terms_defined", "source_named", "abbreviated_list", "asks_for_books", "books_named", "followup_unit", "listed_units", "metadata_answer", "paragraphs_repeating", "says_term",
           "position_name", "speaks_of_asked", "unsaid_sentences"]


def speaks_of_asked(ev: Evidence, plan: QueryPlan, hits: list[Hit]) -> bool:
    """Whether the best paragraphs hold a word of the thing the question names as asked for
    (…的处分标准是什么): a paraphrase rewords what it asks about, a question about something the
    speeches never give names that thing, and the nearest paragraphs only share its topic.
    Their speeches' titles and metadata lines count (南川省…生产总值: 中共南川省委… in the lead,
    全省 in the paragraph)."""
    if not plan.asked_words:
        return True
    speeches = [ev.corpus.speech(no) for no in dict.fromkeys(h.unit.speech_no for h in hits[:3])]
    lead = [s.paragraphs[0].text for s in speeches if opens_with_dateline(s)]   # (本报讯…中共南川省委…)
    near = "".join(ta.normalise(x) for x in [*(h.unit.text for h in hits[:3]), *(s.title for s in speeches), *lead,
                                             *(u.text for s in speeches for u in s.units if u.kind == "metadata")])
    # Each of its words, by a character pair: 前提条件 is asked, 先决条件 answers; 纪律处分标准
    # is not answered by paragraphs on 纪律 that never speak of 处分. A target is said as one is
    # aimed at (产量的目标: 总产量力争达到四十三万吨).
    # (A share is said by any share: 同意率达到三分之二.)
    return all(any(w[i:i + 2] in near for i in range(len(w) - 1)) or w in TARGET_NOUNS and AIMED_AT.search(near)
               or w in SHARE_NOUNS and fits_type("number", "%", [near]) for w in plan.asked_words)



_EACH_POSITION_CHARS = 120   # of each speech's paragraph at the position asked, its first sentences


_EVERY_AT_MOST = 8   # speeches whose edge is quoted side by side when the question names none


def positions_of_several(ev: Evidence, plan: QueryPlan, citer: Citer) -> tuple[str, list[AnswerSentence], list[Unit]] | None:
    """运动会致辞和交通局党课的结尾各是怎么说的: the paragraph (or sentence) at the position asked of
    each speech named, one block each; None unless two speeches or more are named."""
    # (三篇讲话的结尾各是怎么说的 / 各篇讲话的开头: every speech, when the question names none.)
    # (讲话最后是怎么收尾的, of several speeches and naming none: the edge of each, not one guessed.)
    every = plan.multi_speech or plan.nth_is_edge and plan.speech_no is None and not plan.follow_up
    nos = plan.speech_candidates or (tuple(s.no for s in ev.corpus.speeches[:_EVERY_AT_MOST]) if every else ())
    if plan.followup_item is not None or plan.speech_no is not None or len(nos) < 2 \
            or not (plan.nth_is_position or plan.nth_is_paragraph or plan.nth_is_sentence):
        return None
    blocks: list[str] = []
    lines: list[AnswerSentence] = []
    cited: list[Unit] = []
    for no in nos:
        speech = ev.corpus.speech(no)
        found = nth_paragraph(plan, speech)
        if found is None:
            continue
        k, unit, sentence = found
        run = None if sentence else closing_run(plan, speech.paragraphs, unit, citer)
        if run is not None:
            blocks.append(run[0])
            lines += run[1]
            cited += run[2]
            continue
        said = AnswerSentence(sentence or first_sentences(unit.text, _EACH_POSITION_CHARS), [citer.cite(unit)])
        where = position_name(plan.nth_item, k, "句" if sentence else "段")
        blocks.append(f"{ev.speech_title(no)}的{where}:{said.text}[{said.citations[0]}]")
        lines.append(said)
        cited.append(unit)
    return ("\n".join(blocks), lines, cited) if len(blocks) >= 2 else None


def position_name(asked: int | None, k: int, noun: str) -> str:
    """最后一段 / 倒数第二段(第4段) / 第三句: the position as the answer names it."""
    def number(n: int) -> str:
        return "一二三四五六七八九十"[n - 1] if 1 <= n <= 10 else str(n)

    if asked == -1:
        return f"最后一{noun}"
    if asked is not None and asked < 0:
        return f"倒数第{number(-asked)}{noun}(第{number(k)}{noun})"
    return f"第{number(k)}{noun}"


def listed_units(answer: Answer) -> list[Unit]:
    """The units an answer lists, in its order: each sentence's first citation (a part's answer
    cites its heading in the lead-in, which is not one of the items)."""
    by_n = {c.n: c.unit for c in answer.citations}
    units = [by_n[s.citations[0]] for s in answer.sentences if s.citations and s.citations[0] in by_n]
    return list({u.id: u for u in units}.values())


def followup_unit(item: int, history: list[Turn], part: bool = False,
                  siblings: Callable[[Unit], list[Unit]] | None = None) -> Unit | None:
    """The unit a 第N点 / 最后一点 / 还有呢 follow-up means, in the last list the conversation gave.

    ``item``: N, -1 for the last, 0 for the one after the item the previous turn answered.
    ``part``: 那第二部分呢 asks for a part of the speech: the last outline given, if any.
    """
    lists = [(t.answer, units) for t in reversed(history) if len(units := listed_units(t.answer)) >= 2]
    last = history[-1].answer
    plan = last.plan or {}
    if siblings is not None and plan.get("intent") == "nth_point" and not plan.get("follow_up") and last.citations:
        # 第二部分第三点 → 那第二点呢: the second of the list the point answered belongs to.
        own = last.citations[0].unit
        mates = siblings(own)
        if own in mates:
            lists.insert(0, (last, mates))
    if part:
        lists = [x for x in lists if (x[0].plan or {}).get("intent") == "outline"] or lists
    if not lists:
        return None
    units = lists[0][1]
    if item == 0:
        said = [c.unit.id for c in history[-1].answer.citations]
        at = next((i for i, u in enumerate(units) if u.id in said), None)
        return units[at + 1] if at is not None and at + 1 < len(units) else None
    picked = nth(units, item)
    return picked[1] if picked else None


_WHO_SPOKE = LazyPattern(r"(?:都|有|是)?(?:谁|哪几位|哪些人|哪些领导|哪位)[^?？。]{0,6}(?:讲话|讲了话|发言|致辞)|(?:讲话|发言|致辞)的(?:都|有|是)(?:谁|哪几位|哪些人)")
# 除了韩振声，还有哪位领导讲了话: the others.
_BESIDES_NAMED = LazyPattern(r"除了?([^,，。?？]{2,12}?)(?:以外|之外)?[,，]?(?=还|又|另外)")


def meeting_answer(ev: Evidence, plan: QueryPlan, question: str, hits: list[Hit],
                   citer: Citer) -> tuple[str, list[AnswerSentence], list[Unit]] | None:
    """What reports tell their meetings did besides the speeches (那次交流会上除了领导讲话,还干了
    哪些事: of the report named, or the best hit's), or after them (会开完之后参会的人还去做了什么:
    of the report named, or of every report when none is); None for any other question, or
    reports that tell nothing so."""
    if MEETING_ENDED.search(question):
        nos = (plan.speech_no,) if plan.speech_no is not None else plan.speech_candidates or tuple(s.no for s in ev.corpus.speeches)
        said = [(u, x) for no in nos for u, x in meeting_sentences(ev.corpus.speech(no), after=True)]
        if not said:
            return None
        one = len({u.speech_no for u, _ in said}) == 1
        lines = [AnswerSentence(x if one else f"{ev.speech_title(u.speech_no)}:{x}", [citer.cite(u)]) for u, x in said]
        return "\n".join(join_cited([x]) for x in lines), lines, list(dict.fromkeys(u for u, _ in said))
    if not MEETING_BESIDES.search(question) or (plan.speech_no is None and not hits):
        return None
    did = meeting_sentences(ev.corpus.speech(plan.speech_no if plan.speech_no is not None else hits[0].unit.speech_no))
    if not did:
        return None
    text, lines = numbered(f"除了讲话,报道还写到{len(did)}项:", [AnswerSentence(x, [citer.cite(u)]) for u, x in did])
    return text, lines, list(dict.fromkeys(u for u, _ in did))


def metadata_answer(ev: Evidence, plan: QueryPlan) -> list[tuple[Unit, str]]:
    """The metadata lines (speaker, date) of the speech a who/when question names, that fit it;
    without one, for 哪天, the sentence of its first paragraph that holds a date (a report's lead:
    据新华社北京１月７日电… / １月２２日，江泽民出席…), which says when for the whole text."""
    if not plan.about_speech:
        return []
    named = (plan.speech_no,) if plan.speech_no is not None else plan.speech_candidates
    if not named and (len(ev.corpus.speeches) == 1 or plan.answer_type in ("note", "caption")):
        # (照片拍的是什么: a caption is a line of its own; the texts that print one answer.)
        named = tuple(s.no for s in ev.corpus.speeches)
    out: list[tuple[Unit, str]] = []
    if plan.answer_type == "person" and len(named) == 1 and opens_with_dateline(ev.corpus.speech(named[0])) \
            and _WHO_SPOKE.search(plan.text):
        # 团拜会上都有谁讲了话,谁先谁后: the people the report tells spoke, in its order.
        besides = _BESIDES_NAMED.search(plan.text)
        spoke = report_speakers(ev.corpus.speech(named[0]), besides.group(1) if besides else "")
        if len(spoke) >= (1 if besides else 2):
            return spoke
    for no in named:
        said = speech_says(ev.corpus.speech(no), plan.answer_type, plan.answer_unit, plan.text)
        by = byline(ev.corpus.speech(no)) if not said and plan.answer_type == "person" \
            and _ASKS_WHO_GAVE.search(plan.text) else None
        # (导演查明哲: a name of any surname.) At most two lines of each speech (这几篇分别是谁讲的: each's).
        out += (said or ([(by, by.text)] if by is not None else []))[:2]
    return out


def metadata_lines(ev: Evidence, meta: list[tuple[Unit, str]], citer: Citer) -> tuple[str, list[AnswerSentence]]:
    """The answer of a speech's own lines: several of one text numbered under its title (谁先谁后
    in its order); else each under its text's title, one line per text (两篇各是哪天的)."""
    one = len(meta) > 2 and len({u.speech_no for u, _ in meta}) == 1
    lines = [AnswerSentence(said if one else f"{ev.speech_title(u.speech_no)}:{said}", [citer.cite(u)]) for u, said in meta]
    if one:
        return numbered(f"「{ev.speech_title(meta[0][0].speech_no)}」中依次是:", lines)[0], lines
    if len({u.speech_no for u, _ in meta}) == 1:
        return join_cited(lines), lines
    return "\n".join(join_cited([x]) for x in lines), lines


def unsaid_sentences(answer: Answer, quoted: list[str]) -> list[tuple[Unit, str]]:
    """The sentences of the paragraphs an extractive answer quoted from that the conversation has
    not quoted yet (``quoted``: every sentence its answers gave)."""
    if answer.abstained or not answer.sentences:
        return []
    out: list[tuple[Unit, str]] = []
    for c in answer.citations:
        if c.unit.kind != "paragraph":
            continue
        # A short rhetorical question (什么是伪工作?) introduces what follows; it adds nothing alone.
        out += [(c.unit, x) for x in split_sentences(c.unit.text) if not any(x in q or q in x for q in quoted)
                and not (len(x) <= 12 and x.rstrip().endswith(("?", "\uff1f")))]
    return out


_OPENED_WITH = LazyPattern(r"“([\u4e00-\u9fff]{1,8})”(?:一词|二字|两个字|这个词)?(?:开头|打头|起头)"
                           r"|(?:以|用|拿)([\u4e00-\u9fff]{1,6}?)(?:一词|二字|两个字|这个词)?(?:开头|打头|起头)")


def opened_with(ev: Evidence, plan: QueryPlan, hits: list[Hit],
                citer: Citer) -> tuple[str, list[AnswerSentence], list[Unit]] | None:
    """用“希望”开头的那几段,各自讲了啥: the paragraphs of the named speech (else the best hit's)
    that open with the word, each by its first sentence."""
    opened = _OPENED_WITH.search(ta.normalise(plan.text))
    no = plan.speech_no if plan.speech_no is not None else hits[0].unit.speech_no if hits else None
    if opened is None or no is None:
        return None
    said = opened.group(1) or opened.group(2)
    paras = [u for u in ev.corpus.speech(no).paragraphs if ta.squash_punct(u.text).startswith(said)]
    if len(paras) < 2:
        # 用“我们要”开头的一共几条: sentences of one paragraph that open with the words (我们要…。
        # 我们要…。), when no paragraphs do; the N-th of them when one is asked.
        inside = [(u, [x for x in split_sentences(u.text) if ta.squash_punct(x).startswith(said)])
                  for u in ev.corpus.speech(no).paragraphs]
        unit, said_so = max(inside, key=lambda item: len(item[1]), default=(None, []))
        if unit is None or len(said_so) < 2:
            return None
        n = citer.cite(unit)
        # (以我们要开头的有哪几句: 开头 there says how they open, and asks for no first one.)
        norm = ta.normalise(plan.text)
        asked = ORDINAL.search(norm[:opened.start()] + " " + norm[opened.end():])
        picked = nth(said_so, plan.nth_item) if plan.nth_item is not None and asked else None
        if picked is not None:
            line = AnswerSentence(picked[1], [n])
            return (f"「{ev.speech_title(no)}」中以「{said}」开头的共{len(said_so)}句,第{picked[0]}句是:{line.text}[{n}]",
                    [line], [unit])
        text, sentences = numbered(f"「{ev.speech_title(no)}」中以「{said}」开头的共{len(said_so)}句:",
                                   [AnswerSentence(x, [n]) for x in said_so])
        return text, sentences, [unit]
    lines = [AnswerSentence(split_sentences(u.text)[0], [citer.cite(u)]) for u in paras]
    text, sentences = numbered(f"「{ev.speech_title(no)}」中以「{said}」开头的共{len(paras)}段:", lines)
    return text, sentences, paras


def paragraphs_repeating(ev: Evidence, plan: QueryPlan, hits: list[Hit]) -> list[Unit] | None:
    """哪几个“继续”,分别是什么: consecutive paragraphs that each say the term (我们要继续加强学习 /
    我们要继续群策群力 …) are the list: the longest such run among the top hits."""
    term = ta.normalise(plan.asks_content_of)
    if not term or not plan.wants_list or not plan.counts_term:
        return None
    says = says_term(term)
    if any(ta.normalise(h.unit.text).count(term) >= 2 for h in hits[:3] if h.unit.kind == "paragraph"):
        return None   # 加大…力度；加大…力度: one paragraph says it again and again, its clauses are the list
    # The runs in the speeches the top hits are in (a report's lead may rank first, its run of
    # 我们要继续… paragraphs lower): the longest, or the one as long as the question counts.
    best: list[Unit] = []
    for speech_no in dict.fromkeys(h.unit.speech_no for h in hits[:5]):
        # 围绕哪三个“坚持……不动摇”来写的: the headings that say it are the parts asked for.
        heads = [u for u in ev.corpus.speech(speech_no).headings if says(ta.normalise(u.text))]
        if len(heads) >= 2 and (not plan.list_size or len(heads) == plan.list_size):
            return heads
        run: list[Unit] = []
        for p in [*ev.corpus.speech(speech_no).paragraphs, None]:
            if p is not None and says(ta.normalise(p.text)):
                run.append(p)
                continue
            fits = not plan.list_size or len(run) == plan.list_size
            if fits and len(run) > len(best):
                best = run
            run = []
    return best if len(best) >= 2 else None


# “坚持……不动摇”: what a quoted term leaves out (on the NFKC form, where … is ...).
_TEMPLATE_SPAN = 30   # how far apart the pieces of one phrase may stand


def says_term(term: str) -> Callable[[str], bool]:
    """Whether a text says a quoted term: the term itself, or for one with a gap in it (坚持……
    不动摇) its pieces in order within one phrase (坚持发展生产力不动摇)."""
    pieces = ta.gap_pieces(term)
    if len(pieces) < 2:
        whole = "".join(pieces) or term
        return lambda text: whole in text
    phrase = re.compile(f".{{0,{_TEMPLATE_SPAN}}}?".join(map(re.escape, pieces)))
    return lambda text: phrase.search(text) is not None


# 推荐或引用了哪些书 / 推荐了哪两本书 / 引用了什么著作: works named in 《》.
_ASKS_BOOKS = LazyPattern(r"(?:哪些|哪几本|哪[一两二三四五六七八九十]本|哪本|什么|啥|那本|这本|那部|这部)(?:书|书籍|著作|名著|作品)")
_BOOKS_COUNTED = LazyPattern(r"哪几本|哪些本|哪[一两二三四五六七八九十]本")
_WORK = LazyPattern(r"《([^》]{2,30})》")
# 《关于…的意见》 / …通知 / …规定: a document, not a book.
_DOCUMENT = LazyPattern(r"^关于|(?:意见|通知|规定|决定|办法|条例|纲要|方案|报告|讲话)$")
_READ = LazyPattern(r"书|读|推荐|著作|写过|写了|作品|寓言|名著|中说|中提出|中有")


def asks_for_books(question: str) -> bool:
    # (推荐了书,分别是哪几本: the books named earlier in the question are counted.)
    return bool(_ASKS_BOOKS.search(question) or ("书" in question and _BOOKS_COUNTED.search(question)))


def books_named(ev: Evidence, speech_nos: tuple[int, ...]) -> list[tuple[str, Unit, str]]:
    """The books the speeches (``speech_nos``, or all) name, each once, in reading order: (its
    title, the paragraph, the sentence that names it as something read, recommended or quoted)."""
    out: list[tuple[str, Unit, str]] = []
    seen: set[str] = set()
    for speech in ev.corpus.speeches:
        if speech_nos and speech.no not in speech_nos:
            continue
        for u in speech.paragraphs:
            if "《" not in u.text:
                continue   # most paragraphs name no work: not split into sentences
            for sentence in split_sentences(u.text):
                for m in _WORK.finditer(sentence):
                    title = m.group(1)
                    if title in seen or _DOCUMENT.search(title) or not _READ.search(sentence):
                        continue
                    seen.add(title)
                    out.append((title, u, sentence))
    return out


def books_answer(ev: Evidence, question: str, speech_nos: tuple[int, ...],
                 citer: Citer) -> tuple[str, list[AnswerSentence], list[Unit]] | None:
    """The books the speeches name, numbered and cited (with the speech when several do); for
    推荐了哪两本书, those recommended in each speech that says it recommends some."""
    books = books_named(ev, speech_nos)
    if not books:
        return None
    several = len({u.speech_no for _, u, _ in books}) > 1

    def lines_of(chosen: list[tuple[str, Unit, str]]) -> list[AnswerSentence]:
        return [AnswerSentence(f"《{title}》" + (f"({ev.speech_title(u.speech_no)})" if several else "")
                               + f":{sentence}", [citer.cite(u)]) for title, u, sentence in chosen]

    if "推荐" in question and not re.search("引用|提到|提及|讲到", question):
        # 推荐了哪些书: those a sentence recommends; a book only quoted (古希腊《伊索寓言》中有这么
        # 一句话) is told apart, after them.
        recommended = [b for b in books if _RECOMMENDS.search(b[2])]
        others = [b for b in books if b not in recommended]
        if recommended:
            text, sentences = numbered(f"讲话中推荐的书共{len(recommended)}本:", lines_of(recommended))
            if others:
                more, more_sentences = numbered("另外引用或提到的书:", lines_of(others))
                text, sentences = f"{text}\n{more}", sentences + more_sentences
            return text, sentences, [u for _, u, _ in recommended + others]
        text, sentences = numbered(f"讲话中没有明说推荐哪些书;提到的书共{len(books)}本:", lines_of(books))
        return text, sentences, [u for _, u, _ in books]
    text, sentences = numbered(f"讲话中提到的书共{len(books)}本:", lines_of(books))
    return text, sentences, [u for _, u, _ in books]


# 我推荐大家看两本书 / 建议大家读一读: a book recommended, not only quoted.
_RECOMMENDS = LazyPattern(r"推荐|荐读|建议[^。;；]{0,6}[读看]|值得一读|读一读|看一看")


# “优”: one quoted word (QUOTED takes two characters or more).
_QUOTED_WORD = LazyPattern(r"[“\"「]([\u4e00-\u9fff]{1,2})[”\"」]")


def abbreviated_list(ev: Evidence, question: str) -> tuple[str, list[Unit]] | None:
    """(the abbreviation, its items) when the question holds one (细准优实 / “细、准、优、实”);
    only the item its quoted word names when it quotes one (“优”具体要干什么)."""
    key = ta.squash_punct(question)
    for abbreviation, items in ev.abbreviated_lists.items():
        if abbreviation not in key:
            continue
        one = [u for u in items if any(ta.squash_punct(u.heading or "").endswith(w)
                                       for w in _QUOTED_WORD.findall(question))]
        return abbreviation, one[:1] or items
    return None


# 作者是谁 / 是谁讲的: the byline under the title answers, whatever surname it holds.
_ASKS_WHO_GAVE = LazyPattern(r"作者|谁写|写的|谁讲|谁说|讲话人|发言人|谁的讲话|谁的文章")
# 哪篇说… / 是谁写的 / 出自哪: the question asks which text (and whose) says it.
_ASKS_WHICH_TEXT = LazyPattern(r"哪篇|哪一篇|哪个讲话|哪次讲话|哪份|谁写的|是谁写|作者是谁|谁的文章|谁的讲话|出自哪")


def source_named(ev: Evidence, question: str, first: Unit) -> str:
    """For 哪篇说… / 是谁写的, the text the answer quotes first and, when it has one, its speaker
    or author line: 出自「…」(中国剧协副主席李默然):; "" for other questions."""
    if not _ASKS_WHICH_TEXT.search(question):
        return ""
    speech = ev.corpus.speech(first.speech_no)
    by = byline(speech)
    return f"出自「{speech.title}」" + (f"({by.text})" if by else "") + ":"


def terms_defined(ev: Evidence, named: tuple[int, ...], citer: Citer) -> list[AnswerSentence]:
    """第一篇和第六篇各解释了一个说法: the first sentence of each named speech that gives a term
    and what it means (所谓“吨粮田”,就是…), under the speech's title when there are several."""
    lines = []
    for no in named:
        found = next(((u, s) for u in ev.corpus.speech(no).paragraphs for s in split_sentences(u.text)
                      if fits_type("term", "", [s])), None)
        if found is not None:
            u, said = found
            lines.append(AnswerSentence(f"{ev.speech_title(no)}:{said}" if len(named) > 1 else said, [citer.cite(u)]))
    return lines


# “机遇大于挑战”这一条是放在哪个部分下面的 / 属于第几部分: the part that holds a passage.
_PART_OF = LazyPattern(r"(?:放|列|写|安排|排|归)?(?:在|于)(?:哪个|哪一个?|第几个?)(?:部分|板块|大块|块|方面|层次|大标题|标题|大?问题)"
                       r"|属于(?:哪个|哪一个?|第几个?)(?:部分|板块|大块|块|方面|层次|条|点|项)"
                       # (在哪一条里讲的 / 放在哪一点下面: where it stands; 最后落在哪一条上 asks the last item)
                       r"|在(?:哪个|哪一个?|第几个?)(?:条|点|项)(?:里|下|中)"
                       # (林海燕的例子是用来说明哪一点意见的: the point a story is told for)
                       r"|(?:说明|证明|印证|佐证|支撑)(?:的是)?(?:哪个|哪一个?|第几个?)(?:部分|方面|条|点|项|观点)")
# 故事是放在哪一条里讲的: the item (a numbered paragraph of a part) the passage stands under.
_ITEM_OF = LazyPattern(r"(?:哪个|哪一个?|第几个?)(?:条|点|项)")


def part_holding(ev: Evidence, plan: QueryPlan, question: str, hits: list[Hit],
                 citer: Citer) -> tuple[str, list[AnswerSentence], list[Unit]] | None:
    """The top-level part a passage the question quotes (or its words find first) stands in,
    named and numbered, then the passage; None when the question asks no such thing."""
    if plan.after or not _PART_OF.search(ta.normalise(question)):
        return None   # (讲完“担当作为”之后,接着讲的是哪一块: the part after it)
    quoted = [ta.squash_punct(q) for q in QUOTED.findall(question)]
    pool = [h.unit for h in hits if plan.speech_no is None or h.unit.speech_no == plan.speech_no]
    unit = next((u for u in pool if all(q in ta.squash_punct(u.text) for q in quoted)), None)
    if unit is None:
        return None
    parts = outline_units(ev, unit.speech_no)
    k, part = next(((k, p) for k, p in enumerate(parts, 1) if unit.id in {u.id for u in part_units(ev, p)}), (0, None))
    if part is None:
        return None
    title = ev.speech_title(unit.speech_no)
    if part is unit:
        whole = AnswerSentence(f"这是「{title}」的第{k}部分:{item_label(part)}", [citer.cite(part)])
        return f"{whole.text}[{whole.citations[0]}]", [whole], [part]
    units = ev.corpus.speech(unit.speech_no).units
    # (the item after the part's start: a part may be a paragraph opening with its heading, 第二个问题，关于…)
    item = next((u for u in reversed(units[part.seq: unit.seq]) if u.heading and u.kind == "paragraph"
                 and u.section == unit.section), None) if _ITEM_OF.search(question) else None
    if item is not None:
        # (在第2部分「二、…」的「2、对名利要有平和心态」这一条下)
        lead = AnswerSentence(f"在「{title}」第{k}部分「{item_label(part)}」的「{item.heading}」这一条下",
                              [] if item is unit else [citer.cite(item)])
        part = item
    else:
        lead = AnswerSentence(f"在「{title}」的第{k}部分「{item_label(part)}」下", [citer.cite(part)])
    asked = ta.normalise(question)
    said = max(split_sentences(unit.text), key=lambda x: sum(asked[i:i + 2] in ta.normalise(x) for i in range(len(asked) - 1)))
    quote = AnswerSentence(said, [citer.cite(unit)])
    if part is unit:   # (the item's own paragraph tells it: one source, cited once)
        return f"{lead.text.removesuffix('下')}:\n{quote.text}[{quote.citations[0]}]", [quote], [unit]
    return f"{lead.text}[{lead.citations[0]}]:\n{quote.text}[{quote.citations[0]}]", [lead, quote], [part, unit]
