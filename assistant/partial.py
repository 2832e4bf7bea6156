"""Partial answers: the speeches speak of the question's subject but do not give what it asks.

* a thing asked for by its content (“X”具体指什么 / 具体举了哪几部) that they only name;
* a quoted term they never use (几篇讲话对形式主义都是怎么说的);
* a thing the question names as asked (…的处分标准是什么 / 编剧是谁) that no near paragraph speaks of;
* an answer type (谁 / 哪一年 / 多少) the cited sentences do not hold, or hold only for
  another year (１９９７年…０．７％ for a question about 1998).

Each returns (the answer's opening line, the reason ``ask --json`` reports, the sentences).
"""

from __future__ import annotations

import re

from . import text_analysis as ta
from .answer_types import (
    HOLDING,
    METADATA_TYPES,
    SURNAMES,
    asked_event,
    counted_noun,
    counted_owner,
    event_variants,
    holds_office,
    named_body,
    names_counted,
    period_agrees,
    places_named,
    relative_years,
    scope_agrees,
    speech_says,
    speech_year,
    split_event,
    tells_origin,
    years,
    years_meant,
)
from .corpus import Unit
from .enumeration import enumerations
from .evidence import Citer, Evidence
from .lazy_pattern import LazyPattern
from .located import AIMED_AT, speaks_of_asked
from .planner import QUOTED, QueryPlan
from .points import point_lists, said_with
from .positions import silent_attendee
from .question_words import is_generic
from .results import AnswerSentence, Hit
from .speech_refs import opens_with_dateline
from .structure import lead_in, list_items, next_unit, section_children
from .sufficiency import DEICTIC_TIME, MISSING_WHAT, defines, fits_type, missing_terms, own_words
from .text_analysis import split_sentences
from .text_helpers import chinese_numeral

__all__ = ["held_where", "partial_answer", "undefined_content", "word_pairs"]

_CJK_PAIR = LazyPattern("[\u4e00-\u9fff]{2}")
# 讲没讲X / 有没有提到X / 提到过X吗: whether the speeches say X at all.
_MENTION_ASKED = LazyPattern(r"(?:讲没讲|提没提|说没说|谈没谈|有没有(?:讲|提|说|谈)|是否(?:讲|提|说|谈))(?:到|过|及)*([\u4e00-\u9fff]{2,6}?)"
                             r"(?:的事|这件事|这事)?[?？。]*$"
                             r"|(?:讲|提|说|谈)(?:到|过|及)+了?([\u4e00-\u9fff]{2,6}?)(?:的事|这件事|这事)?了?吗[?？。]*$"
                             # 火星上有生命吗: whether a thing has something, the thing asked about first.
                             r"|^([\u4e00-\u9fff]{2,4}?)(?:上|里|中)?(?:有没有|是否有|有|存在)[\u4e00-\u9fff]{1,6}?(?:吗|没有)[?？。]*$"
                             # 哪篇讲话提到了元宇宙: which speech says it, the thing named last.
                             r"|^哪(?:一|几)?篇[\u4e00-\u9fff]{0,4}?(?:讲|提|说|谈)(?:到|过|及)+了?([\u4e00-\u9fff]{2,6}?)[?？。]*$")
_ACRONYM = LazyPattern(r"(?<![A-Za-z])[A-Z]{2,6}(?![A-Za-z])")


_WHAT_SAID_BY = LazyPattern(r"(?:他|她)(?:都)?(?:说|讲|谈)了?(?:些)?(?:什么|啥)|(?:他|她)(?:是)?怎么说")


_QUOTES = "“”「」\"'"


def undefined_content(ev: Evidence, plan: QueryPlan, hits: list[Hit],
                       citer: Citer) -> tuple[str, str, list[AnswerSentence]] | None:
    """“X”具体指哪些内容, where the speeches name X near the top but never define or list it."""
    # 是哪一年 asks when, not what a thing consists of: the answer type decides.
    term = _said_tail(ev, plan.asks_content_of) if plan.answer_type not in METADATA_TYPES else ""
    if not term or _WHAT_SAID_BY.search(plan.text):
        return None   # (提到萧伯纳的是哪一篇?他说了什么: what someone said, not what a term holds)
    near = [h.unit for h in hits[:5]]
    texts = [u.text for u in near] + [n.text for u in near if (n := next_unit(ev, u)) is not None]
    if defines(term, texts, [u.heading for u in near]):
        return None
    # (十不承诺 is said “十不”承诺, 我们要更好地…… is 我们要更好地: punctuation aside, throughout.)
    said = ta.squash_punct(term)
    # “三基”是指…,“一创”是指… / “稳”的关键一条是…: its quoted parts are told one by one.
    parts = {m.group(1) for t in texts for m in _PART_TOLD.finditer(ta.normalise(t)) if m.group(1) in said and m.group(1) != said}
    if len(parts) >= 2 and 2 * sum(map(len, parts)) >= len(said):
        return None
    # 巩固、深入、创新、提高: 巩固,就是…;深入,就是… tells the named parts one by one, unquoted.
    named = [x for x in re.split("[、,，和与及]", ta.normalise(term)) if x]
    told = {x for x in named for t in texts
            if re.search(rf"(?:^|[,，;；。、:：]){re.escape(x)}[,，]?(?:就是|是指|指的是|即)", ta.normalise(t))}
    if len(named) >= 2 and len(told) >= 2:
        return None
    # “约法三章”是哪三条: a speech lists it as 一要…二要… right after naming it.
    # (In a speech with headings too: …纽带,主要有三个:一是…;二是…;三是… lists it in the sentence.)
    if any(said in ta.squash_punct(e.lead) for u in near for e in enumerations(u.text)):
        return None
    # 这里讲的创新,一是…二是… / “三个服务”:一是…: the paragraph that names it enumerates after it
    # (as many points as the question counts, when it counts).
    if any(said in ta.squash_punct(u.text[:max(0, u.text.find(e.points[0].text))])
           for u in near for e in enumerations(u.text)
           if len(e.points) >= 2 and (not plan.list_size or len(e.points) == plan.list_size)):
        return None
    # 要在“早”字上下功夫。县防汛指挥部要在4月15日前…: what follows in its paragraph says what it takes.
    bare = re.escape(re.sub(f"[{_QUOTES}]", "", ta.normalise(term)).removesuffix("字"))
    worked_on = rf"在[{_QUOTES}]?{bare}[{_QUOTES}]?字?上(?:下功夫|下足功夫|做文章|用力|发力|着力)[。！!]"
    if any((m := re.search(worked_on, ta.normalise(t))) and len(ta.normalise(t)) - m.end() >= 20 for t in texts):
        return None
    # 有青禾河、柳河两条主要河流: the things named just before it, in apposition, are it.
    # (两条主要河流 after 青禾河和柳河: joined by 和, a count must say they are it; …工作及今年…要点 is two things.)
    named_term = re.escape(ta.normalise(term))
    count = r"[两二三四五六七八九十\d]+[个条座家项种类名位所]"
    listed_before = rf"[\u4e00-\u9fff]{{1,12}}(?:、[\u4e00-\u9fff]{{1,12}})+等?(?:{count})?{named_term}" \
        rf"|[\u4e00-\u9fff]{{1,12}}[和与及][\u4e00-\u9fff]{{1,12}}{count}{named_term}"
    if any(re.search(listed_before, ta.normalise(t)) for t in texts):
        return None
    # …继承和发扬优良传统。then 我们要更好地坚持…×3: paragraphs after it list it.
    if any(said in ta.squash_punct(said_with(ev, option, whole=False)) for u in near for _, option in point_lists(ev, u)):
        return None
    mention = next((u for u in near if said in ta.squash_punct(u.text)), None)
    if mention is None or said in ta.squash_punct(lead_in(ev, mention)) and len(list_items(ev, mention)) >= 2:
        return None   # (…做好以下六个方面的工作: 一、… and its paragraphs, 二、…: the list follows it)
    if (mention.kind == "heading" or mention.heading) and section_children(ev.corpus.speech(mention.speech_no).units, mention):
        return None   # (二)突出效能建设,…: a part's heading; what stands under it says what it holds
    n = citer.cite(mention)
    text = next((s for s in split_sentences(mention.text) if said in ta.squash_punct(s)), mention.text)
    return (f"讲话提到了「{term}」,但没有{MISSING_WHAT['content']}。相关原文:", "content",
            [AnswerSentence(text, [n])])




def said_before(unit: Unit, sentence: str) -> str:
    """What a paragraph says before one of its sentences, after the headings it stands under
    (二、2025年主要目标 ¶ 地区生产总值增长6%左右: the heading says what year it speaks of, when
    nothing nearer does)."""
    if sentence not in unit.text:
        return ""
    return "".join(f"{h}。" for h in unit.section) + unit.text[:unit.text.find(sentence)]


# 那50多件…的法律具体都是哪些: things the question counts (a count too large to list in passing),
# asked one by one.
_COUNT_ASKED = LazyPattern(r"(\d{2,}|[5-9])(多)?(件|个|项|家|所|名|位|座|条|部|本|篇|户|处)")
_ASKS_WHICH = LazyPattern(r"(?:具体|都|分别|一一|各)[^?？。]{0,3}?(?:是|有|叫)?(?:哪些|哪几|什么)")
_LISTED = LazyPattern(r"[\u4e00-\u9fff]{1,12}(?:、[\u4e00-\u9fff]{1,12}){2,}|[一二三四五]是|第[一二三四五][,，、]|[:：]")


def counted_only(question: str, sentences: list[AnswerSentence],
                 citer: Citer) -> tuple[str, str, list[AnswerSentence]] | None:
    """受表彰的18个市县具体都是哪些: the speeches count them (共有18个市县受到表彰) and list none;
    None when the sentence that counts them, or what follows it in its paragraph, lists them."""
    norm = ta.normalise(question)
    which = _ASKS_WHICH.search(norm)
    if which is None:
        return None
    for m in _COUNT_ASKED.finditer(norm[:which.start()]):
        count = m.group(0)
        for s in sentences[:3]:
            unit = next((c.unit for c in citer.citations if s.citations and c.n == s.citations[0]), None)
            text = ta.normalise(unit.text if unit is not None else s.text)
            at = text.find(count)
            if at >= 0 and not _LISTED.search(text[max(0, at - 40):]):
                return (f"讲话只提到了「{count}」,没有一一列出。相关原文:", "content", [s])
    return None


_PART_TOLD = LazyPattern(r"[“「\"]([^”」\"]{1,8})[”」\"][^,，。;；]{0,8}?(?:是指|指的是|是|指|包括)")


def _said_tail(ev: Evidence, term: str) -> str:
    """The longest end of ``term`` the speeches use, of two words or more characters: 古今中外
    经典剧目 is asked, 古今中外的优秀、经典剧目 is said, and 经典剧目 is what they name."""
    key = ta.squash_punct(term)
    for start in range(len(key) - 1):
        if key[start:] in ev.corpus_key and (start == 0 or len(key) - start >= 4):
            return term if start == 0 else key[start:]
    return ""


_SESSION = LazyPattern(r"[一二三四五六七八九十\d]+届[一二三四五六七八九十\d]+次")
_ASKED_WHAT = {"person": "由谁", "organization": "由哪个单位", "date": "何时", "place": "在哪里"}
_ASKS_WHEN = LazyPattern(r"(?:打算|计划|准备|预计|将|要)?(?:在)?(?:什么时候|什么时间|何时|哪一?天|哪一?年|几月)")
# Of the question's words about what is asked, those nearly as rare as the rarest (by IDF) must
# be said with the event: 石化 / 二期 / 骆秋田, not 项目.
_SPECIFIC_SHARE = 0.6
# 在哪个城市举行的 / 出生在什么地方: where the event was, which a place name alone does not tell.
_HELD_WHERE = LazyPattern(r"(?:哪个城市|哪座城市|哪个地方|什么地方|哪里|哪儿|何地)(举行|召开|开|举办)")
_DONE_WHERE = LazyPattern(r"([\u4e00-\u9fff]{2})(?<!是)在(?:哪个城市|哪座城市|哪个地方|什么地方|哪里|哪儿|何地)")
# 讲话人在哪个城市工作: the verb after the place asked, when there is one (讲话人 is who, not what).
_DONE_AFTER = LazyPattern(r"在(?:哪个城市|哪座城市|哪个地方|什么地方|哪里|哪儿|何地)([\u4e00-\u9fff]{2})")


def _place_event(question: str) -> str:
    """What a where-question asks the place of: a meeting held (在哪个城市举行的 → 召开) or what
    was done there (出生在什么地方 → 出生); "" when it names no event."""
    norm = ta.normalise(question)
    if _HELD_WHERE.search(norm):
        return HOLDING[0]
    done = _DONE_AFTER.search(norm) or _DONE_WHERE.search(norm)
    return done.group(1) if done else ""


def held_where(question: str) -> bool:
    """在哪儿开的 / 在哪个城市举行的: the place of a meeting held."""
    return _place_event(question) == HOLDING[0]


# 德强同志 / 刘振华: the person a question about an office names.
_PEOPLE = LazyPattern(rf"[\u4e00-\u9fff]{{2}}(?=同志|先生|女士)|[{SURNAMES}][\u4e00-\u9fff]{{1,2}}(?=是|担任|当时|任)")
_MEETING = LazyPattern(r"座谈会|茶话会|团拜会|联谊会|招待会|研讨会|报告会|全会|大会|会议")


def _person_before(text: str, unit: Unit | None) -> bool:
    """Whether the sentence, or the one before it in its paragraph, names a person."""
    if fits_type("person", "", [text]):
        return True
    said = split_sentences(unit.text) if unit is not None else []
    at = said.index(text) if text in said else 0
    return at > 0 and fits_type("person", "", [said[at - 1]])


def _event_told(ev: Evidence, plan: QueryPlan, question: str, analysed: ta.Analysed, hits: list[Hit],
                sentences: list[AnswerSentence], citer: Citer) -> tuple[str, str, list[AnswerSentence]] | tuple[()] | None:
    """谁主持 / 哪一天会见: the person or date must be the asked event's. () when a sentence
    telling the event gives it (that sentence now leads the answer); a partial answer when the
    texts tell the event but never its date; None when they never tell it (other checks decide).
    (在哪个城市举行的: where it was held, which a place name alone does not tell.)"""
    event = _place_event(question) if plan.answer_type == "place" else asked_event(question)
    if not event:
        return None
    variants = event_variants(event)
    quoted = [(s.text, next((c.unit for c in citer.citations if s.citations and c.n == s.citations[0]), None))
              for s in sentences]
    near = [(text, h.unit) for h in hits[:5] for text in split_sentences(h.unit.text)
            if plan.speech_no is None or h.unit.speech_no == plan.speech_no]   # never another speech's
    # A report tells who chaired its meeting once, often below the paragraphs the words rank
    # first: the rest of the speech the question names (or the best hit is in) is read too.
    speech_no = plan.speech_no if plan.speech_no is not None else hits[0].unit.speech_no if hits else None
    rest = [] if speech_no is None else [(text, u) for u in ev.corpus.speech(speech_no).units
                                         if u.kind == "paragraph" for text in split_sentences(u.text)]
    # 哪一年升成国家级的: 升级为 tells it, in a sentence naming what was (经开区…2011年升级为国家级).
    # (Not the words naming the speech: 党建会讲话里说的…教育馆 is about the 教育馆.)
    subject = [w for w in ev.analyse(question).words if len(w) >= 2 and w not in variants and w != event
               and w not in plan.reference]
    # (郑怀山哪年生的: a name the tokenizer does not know comes apart into characters.)
    subject += [m.group(0) for m in re.finditer(f"[{SURNAMES}][\u4e00-\u9fff]{{2}}", ta.normalise(question))
                if not any(v in m.group(0) for v in variants)]
    said = {t: ta.normalise(t) for t, _ in rest + near}   # (each sentence normalised once)
    # (老校长哪一年建校的: 建起了这所学校 says it, the verb and its object apart.)
    loose = [t for t in said if (any(v in said[t] for v in event_variants(event, loose=True)) or split_event(event, said[t]))
             and any(w in said[t] for w in subject) and fits_type(plan.answer_type, plan.answer_unit, [t])]
    if loose and not any(v in n for n in said.values() for v in variants):
        variants = event_variants(event, loose=True) + tuple(x for t in loose if (x := split_event(event, said[t])))
    if rest and not any(v in n for n in said.values() for v in variants):
        # 会议是谁主持的, of a report that never says 主持: the speech named (or the one the best
        # paragraph is in, 钱教授是哪一年出生的) does not tell it.
        intro = f"「{ev.speech_title(speech_no)}」中没有提到{_ASKED_WHAT[plan.answer_type]}{event}。最接近的内容(仅供参考):"
        return intro, f"event_absent:{event}", sentences
    # The sentence must tell this event: the event's word and another of the question's
    # (塔西陀提出了这样一个理论 does not say who 提出 损失厌恶).
    # (The whole question's words: the analysis searched may have left out the speech's name.)
    named = _MEETING.findall(question)
    # 那个座谈会,谁主持的: a report says 会议由…主持 of the meeting the question names otherwise;
    # 那个座谈会在哪儿开的 is not told by 在贵州举办了…培训班, nor by 即将召开的…会议 beside 举行座谈会.
    meetings = named if any(m in n and any(v in n for v in variants) for m in named for n in said.values()) \
        else named + ["会议"] if named else []
    subject += meetings

    sessions = set(_SESSION.findall(ta.normalise(question)))

    # 华海石化一体化项目二期什么时候开工: the sentence must name what is asked about by its most
    # telling words, not a word any project shares (华程…项目去年10月开工 tells another's start).
    idf = ev.word_idf
    known = [w for w in subject if not is_generic(w) and w in idf and w not in plan.reference]
    top = max((idf[w] for w in known), default=0.0)
    specific = [w for w in known if idf[w] >= _SPECIFIC_SHARE * top]

    def tells(text: str, unit: Unit | None = None, loose: bool = False) -> bool:
        norm = ta.normalise(text)
        # (七届五次会议是哪天开的: 八届一次会议定于…召开 tells of another session.)
        other = sessions and (said := set(_SESSION.findall(norm))) and not said & sessions
        held = not (meetings and event in HOLDING) or any(m in norm for m in meetings)
        # (…重点实施青龙水库除险加固工程。各项工程务必在明年4月底前完工: named in the sentence before.)
        before = split_sentences(unit.text[:unit.text.find(text)])[-1:] if unit is not None and text in unit.text else []
        # (座谈会由…李瑞环主持, in the report titled …举行迎春座谈会: its title names what it is about.)
        title = ta.normalise(ev.speech_title(unit.speech_no)) if unit is not None else ""
        # (这里，我还要特别强调一下清欠工作。全市…要在今年6月底前全面完成…: the sentence before
        # may name what the event is of.)
        near = [norm, *(ta.normalise(x) for x in before)]
        named = any(w in ta.normalise(x) for x in [text, *before, title] for w in specific) and any(w in x for x in near for w in subject) \
            if specific and not meetings and not loose else any(w in x for x in near for w in subject)
        return any(v in norm for v in variants) and named and not other and held

    # (A sentence that tells the event of the question's thing by a commoner word of it — 骆秋田…
    # 出版作品, not 《七十年间》 — still says the event is told, though not that it answers.)
    with_event, telling = [], []
    for pool in (quoted + near, rest):
        with_event = with_event or [(t, u) for t, u in pool if tells(t, u)] or [(t, u) for t, u in pool if tells(t, u, loose=True)]
        # (…担任…县团委副书记，1965年任梅溪公社党委书记: a date tells the event only in its clause.)
        telling = [(t, u) for t, u in pool if tells(t, u) and fits_type(
            plan.answer_type, plan.answer_unit, [_event_clause(t, event, set(analysed.bigrams)) if plan.answer_type == "date" else t])]
        if telling:
            break
    if not with_event:
        # (东盟首脑会晤在哪个城市举行的: a text that never says it was held somewhere says nowhere.)
        if plan.answer_type == "place" and event in HOLDING:
            return "讲话中没有说明在哪里举行。最接近的内容(仅供参考):", "answer_type:place", sentences
        # 新年茶话会是谁主持的, of texts that tell the 茶话会 and who chaired a 团拜会: the event is
        # told of another meeting, never of the one asked.
        seen = [m for m in named if any(m in n for n in said.values())]
        if seen and plan.answer_type in _ASKED_WHAT and any(v in n for n in said.values() for v in variants):
            return (f"讲话提到了「{seen[0]}」,但没有提到{_ASKED_WHAT[plan.answer_type]}{event}。最接近的内容(仅供参考):",
                    f"event_absent:{event}", sentences)
        if specific and plan.answer_type == "date" and any(
                any(v in n for v in variants) and fits_type("date", plan.answer_unit, [t]) for t, n in said.items()):
            # (…项目二期什么时候开工: the texts tell when other things start, never when this one does.)
            asked = re.sub("[是的在将要]+$", "", _ASKS_WHEN.split(ta.normalise(question))[0].strip(" ,，")) or specific[0]
            return (f"讲话中没有提到「{asked}」{_ASKED_WHAT['date']}{event}。最接近的内容(仅供参考):",
                    f"event_absent:{event}", sentences)
        return None
    if telling:
        pairs = set(analysed.bigrams)

        def density(item: tuple[str, object]) -> float:
            norm = ta.normalise(item[0])
            # (IDF-weighted: 水库、堤防 say which thing's deadline better than 会议、要求 do.)
            return sum(max(ev.bigram_idf.get(g, 1.0), 0.05) for g in pairs if g in norm) / max(len(norm), 1) ** 0.5

        text, unit = max(telling, key=density)
        at = next((i for i, s in enumerate(sentences) if s.text == text), None)
        if at is not None:
            sentences.insert(0, sentences.pop(at))
        elif unit is not None:
            sentences.insert(0, AnswerSentence(text, [citer.cite(unit)]))
        # The sentence that tells it answers; others of another paragraph that neither tell the
        # event nor name its subject are padding (三要开展优化审批服务活动… for 谁宣读了意见).
        lead = sentences[0].citations
        sentences[1:] = [x for x in sentences[1:] if x.citations == lead or tells(x.text)]
        citer.keep_only(sentences)   # (the sentence moved first is cited [1]; the padding's sources go)
        return ()
    # 代表发言表示…: the texts tell the event but name nobody who did it (not even in the sentence
    # before, whose subject 他主持… may refer to); or they tell it but never its date.
    nobody = plan.answer_type == "person" and not any(_person_before(t, u) for t, u in with_event)
    if plan.answer_type != "date" and not nobody:
        return None   # 他主持…: the person may be the sentence before's subject, which no check here reads
    text, unit = with_event[0]
    lead = next((s for s in sentences if s.text == text), None) \
        or AnswerSentence(text, [citer.cite(unit)] if unit is not None else [])
    rest = [s for s in sentences if s is not lead]
    citer.renumber([lead, *rest])
    kind = "person" if nobody else "date"
    return (f"讲话提到了「{event}」,但没有{MISSING_WHAT[kind]}。相关原文:", f"answer_type:{kind}", [lead, *rest])


# 全县 / 我市 / 本省: the speaker's own place.
# (山西全省 is 山西's: 全 only where no name stands before it.)
# (力争全县 / 推动全市: 全 after a verb or a break is the speech's own; 健全县级 / 安全区 are other
# words, and 山西全省 is 山西's.)
_OWN_PLACE = LazyPattern(r"(?:我|本|(?:^|(?<=[,，。;；:：、年月日来前争在把使让动进对为与和及将自从]))全)(?:省|市|县|区|州|镇|乡)")


# 除了柳河、桃源,还有哪几个: the others of a list the question has already named some of.
# (另外六个是哪些: the count of the others and a verb may come before the question word.)
_BESIDES = LazyPattern(r"除了?([\u4e00-\u9fff、和及与]{2,30}?)(?:以外|之外|外)?[,，]?(?:还有|另外|其他|其余|别的)(?:的)?"
                       r"(?:[一二三四五六七八九十两几\d]+[个家项位条种所座])?(?:是|有|分别是)?(?:哪|什么|啥|谁)")
# 后来…了没有 / 后来怎么样了: what came after the speech; a text that narrates on (此后,…) may tell it.
_LATER = LazyPattern(r"后来[^?？。]{0,16}(?:了没有|了吗|没有[?？]?$|怎么样|如何|结果|哪里|什么)"
                     # (年底最终进入全省前三了吗: whether what was aimed at came true.)
                     r"|(?:最终|到底|究竟)[^?？。]{0,16}(?:了没有|了吗|没有[?？]?$)")
# 项目负责人后来受到了什么处理: how someone was dealt with after what a text tells.
_DEALT_WITH = LazyPattern(r"后来[^?？。]{0,12}(?:处理|处分|处罚|追责|问责|判|下场|结局)")
_TOLD_LATER = LazyPattern(r"后来|此后|从此|之后|以后|已经|已被|[^，。,]{1,6}后[，,]")
# (…到２０００年要力争达到１．５％: a target the question asks whether it was met.)
_TARGET = LazyPattern(rf"要|将|{AIMED_AT.pattern}")
_ET_CETERA = LazyPattern(r"((?:[\u4e00-\u9fff]{1,10}、)+[\u4e00-\u9fff]{1,10})等")


def asks_besides(question: str) -> bool:
    """除了柳河、桃源,还有哪几个: the others of things the question names, not a list of points."""
    return bool(_BESIDES.search(ta.normalise(question)))


def beyond_named(question: str, sentences: list[AnswerSentence]) -> tuple[str, str, list[AnswerSentence]] | None:
    """A partial answer when the only list naming what the question names (柳河县、桃源县等十六个县)
    names nothing else: the others it counts are not given."""
    m = _BESIDES.search(ta.normalise(question))
    if m is None:
        return None
    named = [re.sub("[省市县区镇乡村]$", "", x) for x in re.split("[、和及与]", m.group(1)) if x]
    for s in sentences:
        for listed in _ET_CETERA.finditer(ta.normalise(s.text)):
            items = listed.group(1).split("、")
            if all(any(n in i for i in items) for n in named) and all(any(n in i for n in named) for i in items):
                # (组建了江岭钢铁、江岭化工等: the list from the first thing named, not the verb before it)
                said = listed.group(1)[max(0, min(listed.group(1).find(n) for n in named if n in listed.group(1))):]
                return (f"讲话只列出了「{said}」等,没有说明其余的是哪些。相关原文:", "content",
                        [s, *(x for x in sentences if x is not s)])
    return None


# 鑫达化工的法定代表人叫什么名字 / 调查组组长是谁: the role whose holder is asked.
_ROLE_ASKED = LazyPattern(r"([\u4e00-\u9fff]{2,6})(?:到底|究竟)?(?:是谁|叫什么|叫啥|姓什么|是哪位)")
_NOT_ROLE = LazyPattern(r"[他她它这那们]|讲话|发言|作者")


def role_named(ev: Evidence, question: str, text: str) -> bool:
    """主持人（省政府新闻办公室副主任　宋佳）, for 主持人是谁: the role asked, with its holder's
    office or name in brackets right after it (a transcript's label)."""
    role = _asked_role(ev, question)
    return bool(role) and re.search(rf"{re.escape(role)}\s*\([^()]*[{SURNAMES}][\u4e00-\u9fff]{{1,2}}\)", ta.normalise(text)) is not None


def _asked_role(ev: Evidence, question: str) -> str:
    """The role a who-question asks the holder of, as the speeches say it; "" when it asks none."""
    m = _ROLE_ASKED.search(ta.normalise(question))
    if m is None or asked_event(question):
        return ""
    role = re.split("的|里|中|上|说|讲|提到", m.group(1))[-1]
    # (企业第一责任人是谁: the longest tail the speeches say, 第一责任人, when the whole is not theirs.)
    role = next((role[i:] for i in range(len(role) - 1) if role[i:] in ev.corpus_key), "")
    return role if len(role) >= 2 and not _NOT_ROLE.search(role) else ""


def _holder_named(role: str, text: str) -> bool:
    """企业法定代表人是第一责任人, for 第一责任人是谁: the holder of the role asked, named by office."""
    return bool(role) and bool(re.search(rf"[\u4e00-\u9fff]{{2,}}(?:人|长|书记|主任|领导|同志)(?:是|为|担任)[\u4e00-\u9fff]{{0,4}}"
                                         rf"{re.escape(role)}", ta.normalise(text)))


def word_pairs(analysed: ta.Analysed) -> set[str]:
    """The question's character pairs that are Chinese on both sides: what a sentence shares with it."""
    return {g for g in analysed.bigrams if _CJK_PAIR.fullmatch(g)}


def _widened(term: str, question: str, text: str) -> str:
    """``term`` grown by the question's characters around it while the text says the whole
    (德顺 → 王德顺: jieba cut the name)."""
    at = question.find(term)
    if at < 0:
        return term
    start, end = at, at + len(term)
    while start > 0 and question[start - 1:end] in text and "\u4e00" <= question[start - 1] <= "\u9fff" \
            and question[start - 1] not in _NOT_A_NAME_EDGE:
        start -= 1
    while end < len(question) and question[start:end + 1] in text and "\u4e00" <= question[end] <= "\u9fff" \
            and question[end] not in _NOT_A_NAME_EDGE:
        end += 1
    return question[start:end]


# (对发生重大事故的乡镇: a preposition or particle the question and the text share is no part of
# the term; 「对发生」 was quoted.)
_NOT_A_NAME_EDGE = frozenset("对比在把从向给的了和与及被将要就也都")


# 第二届文化节 / 第三次会议: one edition of a recurring thing (首届 is the first).
_EDITION = LazyPattern(r"(首|第[一二三四五六七八九十\d]+)(届|次|期)")


_TOPIC_CHARS = 12   # a paragraph's first sentence this short states its subject (抓好安全生产。)


def _topic(unit: Unit, text: str) -> str:
    """What a paragraph is about besides ``text``, one of its sentences: the heading it stands
    under and its first sentence when that is a short statement of its subject."""
    first = split_sentences(unit.text)[0] if unit.text else ""
    own = first if first.strip() != text.strip() and len(ta.normalise(first)) <= _TOPIC_CHARS else ""
    return "".join(unit.section[-1:]) + (unit.heading or "") + own


# 被保送到哪所学校 / 调到哪个单位: the verb right before the question word says what the body asked did.
_DONE_AT = LazyPattern(r"([\u4e00-\u9fff]{2})(?:到|去|进|入)了?哪(?:一|几)?(?:所|家|个)")


def _clauses_about(text: str, pairs: set[str], plan: QueryPlan) -> list[str]:
    """A sentence's ；-clauses that share a word pair with the question, for a figure: 陈楚南又捐资
    一千二百万元…；黄淑仪女士捐建了门诊大楼 gives no figure of 黄淑仪's gift. The sentence whole
    for other kinds, or when none of its clauses does."""
    if plan.answer_type == "organization" and (done := _DONE_AT.search(ta.normalise(plan.text))):
        # (化学学院的李云舒同学…,并被保送到外校攻读博士学位: the body must stand where she was 保送.)
        return [c for c in re.split("[，,；;。]", text) if done.group(1) in ta.normalise(c)]
    if plan.answer_type == "date" and (event := asked_event(plan.text)):
        return [_event_clause(text, event, pairs)]
    clauses = re.split("[；;]", text)
    if plan.answer_type != "number" or len(clauses) < 2 or re.search("[:：]", clauses[0]):
        return [text]   # (领导人有：A；B；…等２６人: after a colon, ；parts one list, counted at its end)
    about = [c for c in clauses if any(g in ta.normalise(c) for g in pairs)]
    return about or [text]


_DATE_ONLY = LazyPattern(r"\s*(?:[\d〇零一二三四五六七八九十]{2,4}年|去年|今年|明年|前年|当年|同年)?(?:年初|年底|年中|年末|上半年|下半年)?(?:[\d一二三四五六七八九十]{1,2}月)?(?:[\d一二三四五六七八九十]{1,3}[日号])?(?:上旬|中旬|下旬|初|底|以来)?\s*")


_WHEN_WHERE = LazyPattern(r"\s*在[^，,；;。]{2,30}?(?:上|时|期间|之际|中)\s*")


def _event_clause(text: str, event: str, pairs: set[str]) -> str:
    """他先后担任…县团委副书记，1965年任梅溪公社党委书记: of a sentence's clauses, the one that
    tells the event asked (its word, or its verb and object apart) and shares most of the
    question's words, with a clause before it that only says when (1995年，他荣获…); the
    sentence whole when no clause tells the event (a year elsewhere in it is another event's)."""
    clauses = re.split("[，,；;]", text)
    variants = event_variants(event)
    told = [k for k, c in enumerate(clauses) if any(v in c for v in variants) or split_event(event, c)]
    if len(clauses) < 2 or not told:
        return text
    best = max(told, key=lambda k: sum(g in ta.normalise(clauses[k]) for g in pairs))
    # (在今年3月19日县委扩大会上，我倡议…: a clause that only says when and where leads it too.)
    before = clauses[best - 1] if best and (_DATE_ONLY.fullmatch(clauses[best - 1])
                                            or _WHEN_WHERE.fullmatch(clauses[best - 1])) else ""
    return "，".join(x for x in (before, clauses[best]) if x)


def _other_edition(ev: Evidence, plan: QueryPlan, question: str, sentences: list[AnswerSentence],
                   citer: Citer) -> tuple[str, str, list[AnswerSentence]] | None:
    """第二届侨乡文化节什么时候办, when what the answer quotes is of another edition (首届): the
    speeches' words on the edition asked, said to lack what is asked, or that none is told of;
    None when the answer's sentences are of the edition asked, or none is asked."""
    asked = _EDITION.search(ta.normalise(question))
    if asked is None:
        return None

    def editions(text: str) -> set[int | None]:
        return {1 if m.group(1) == "首" else chinese_numeral(m.group(1)[1:])
                for m in _EDITION.finditer(ta.normalise(text)) if m.group(2) == asked.group(2)}

    number = next(iter(editions(asked.group(0))))
    told = [x for x in sentences if editions(x.text)]
    if not told or all(number in editions(x.text) for x in told):
        return None
    same = [x for x in told if number in editions(x.text)]
    if same:
        # (一是…；三是办好第二届文化节: the clause on the edition asked must give what is asked.)
        clauses = [c for x in same for c in re.split("[；;]", x.text) if number in editions(c)]
        if not plan.answer_type or fits_type(plan.answer_type, plan.answer_unit, clauses, question):
            return None
        what = MISSING_WHAT[plan.answer_type]
        named = next((m.group(0) for c in clauses for m in re.finditer(re.escape(asked.group(0)) + "[\u4e00-\u9fff]{0,12}",
                                                                        ta.normalise(c))), asked.group(0))
        return (f"讲话提到了「{named}」,但没有{what}。相关原文:", f"answer_type:{plan.answer_type}",
                [same[0], *(x for x in sentences if x is not same[0] and x not in told)])
    thing = re.sub(r"[^\u4e00-\u9fff]", "", question[asked.end():])[:4]   # (海川侨…: what the edition is of)
    mention = [(u, x) for u in ev.corpus.units if u.kind == "paragraph" for x in split_sentences(u.text)
               if number in editions(x) and thing[:2] in ta.normalise(x)][:1]
    if not mention:
        return (f"讲话中没有讲到{asked.group(0)}的情况。最接近的内容(仅供参考):", f"other_edition:{asked.group(0)}",
                [told[0], *(x for x in sentences if x is not told[0])])
    unit, said = mention[0]
    lead = AnswerSentence(said, [citer.cite(unit)])
    what = MISSING_WHAT.get(plan.answer_type or "content", MISSING_WHAT["content"])
    return (f"讲话提到了{asked.group(0)},但没有{what}。相关原文:", f"answer_type:{plan.answer_type or 'content'}",
            [lead, *(x for x in sentences if x is not told[0])][:2])


_UNDATED_YEAR = 3000   # the year taken for a speech that names none, to tell 今年 from 明年 in it


def partial_answer(ev: Evidence, plan: QueryPlan, question: str, analysed: ta.Analysed, hits: list[Hit],
                   sentences: list[AnswerSentence], citer: Citer,
                   paraphrase: bool = False) -> tuple[str, str, list[AnswerSentence]] | None:
    """(intro, reason, sentences) when the evidence does not give what is asked; None when it does.
    ``paraphrase``: the meaning matches closely though the words do not (dense_rescues), so a
    quoted sentence need not share the question's words to be about what it asks."""
    if (besides := beyond_named(question, sentences)) is not None:
        return besides
    if (other := _other_edition(ev, plan, question, sentences, citer)) is not None:
        return other
    if _LATER.search(question) and (any(_TARGET.search(x.text) for x in sentences[:3]) or _DEALT_WITH.search(question)) \
            and not any(_TOLD_LATER.search(x.text) for x in sentences):
        # 后来到底达到了没有: a speech tells what was, and what is to be; not what came of it.
        return "讲话中没有说到后来的情况。最接近的内容(仅供参考):", "later", sentences
    speech = ev.corpus.speech(plan.speech_no) if plan.speech_no is not None else None
    silent = silent_attendee(speech, question, SURNAMES, ev.analyse(question).words) if speech is not None and opens_with_dateline(speech) else ""
    if silent:
        # 团拜会上朱镕基也讲了话,他那段讲话…: the report names him, but reports no words of his.
        return (f"「{speech.title}」只提到了{silent},没有报道{silent}讲话的内容。最接近的内容(仅供参考):",
                f"not_reported:{silent}", sentences)
    # An acronym typed in capitals (GDP, CPI) is a key term, as a quoted one is.
    # (讲没讲登月计划 / 提到过登月计划吗: the thing a yes-no question asks about is a key term too.)
    key_terms = QUOTED.findall(ta.normalise(question)) + [ta.normalise(a) for a in _ACRONYM.findall(question)] \
        + [m.group(1) or m.group(2) or m.group(3) or m.group(4) for m in _MENTION_ASKED.finditer(ta.normalise(question))]
    missing = missing_terms(key_terms, analysed.words, ev.corpus_key, question=question)
    if plan.answer_type in ("quote", "term") and any(fits_type(plan.answer_type, "", [x.text]) for x in sentences):
        # 引用过哪些老一辈领导人的话: the quotes are there; the asker's own words for whose need not be.
        missing = [t for t in missing if t in key_terms]
    if missing:
        typed = {ta.normalise(a): a for a in _ACRONYM.findall(question)}   # GDP, as typed
        names = "、".join(f"「{typed.get(t, t)}」" for t in missing)
        return f"讲话中没有出现{names}。最接近的内容(仅供参考):", f"missing_terms:{'、'.join(missing)}", sentences
    content = undefined_content(ev, plan, hits, citer) or counted_only(question, sentences, citer)
    if content is not None:
        return content
    if not speaks_of_asked(ev, plan, hits):
        # 违反作风纪律的处分标准是什么 / 编剧是谁: the paragraphs are on the topic, but none
        # speaks of the thing asked for (a person or a figure they give is another's).
        return (f"讲话中没有谈到「{plan.asked_thing}」。最接近的内容(仅供参考):", f"asked_absent:{plan.asked_thing}",
                sentences)
    if plan.answer_type in ("person", "date", "organization") or plan.answer_type == "place" and _place_event(question):
        told = _event_told(ev, plan, question, analysed, hits, sentences, citer)
        # (哪个单位负责延长末班车: 市公交集团要把末班车延长… names the doer without the asked
        # verb; a body is said to do a thing more often than to 负责 it, so a missing verb is no evidence.)
        if told is not None and (told == () or plan.answer_type != "organization"):
            return told or None
    if plan.answer_type == "occasion" and sentences and sentences[0].citations:
        # 在哪个会上提出…的, of a report of one meeting: its opening names the meeting it all was said at.
        first = next(c.unit for c in citer.citations if c.n == sentences[0].citations[0])
        named = any(fits_type("occasion", "", [x.text]) for x in sentences)
        said = [] if named else speech_says(ev.corpus.speech(first.speech_no), "occasion")
        if said:
            sentences.insert(0, AnswerSentence(said[0][1], [citer.cite(said[0][0])]))
        if named or said:
            return None
    if plan.answer_type:
        # 1998年…是多少: a figure given for another year does not answer.
        asked_years = years(question) if plan.answer_type == "number" else set()
        undated = False
        if plan.answer_type == "number" and not asked_years and hits and (relative := relative_years(question)):
            # 今年烧碱产量的目标: this year, of the speech asked about (its title's or date line's year).
            year = speech_year(ev.corpus.speech(plan.speech_no if plan.speech_no is not None else hits[0].unit.speech_no))
            # (明年…增加多少, of a report that names no year: 今年…144亿元 is still another year's,
            # each counted from a year taken for the speech's own.)
            undated = year is None
            asked_years = {(year or _UNDATED_YEAR) + d for d in relative}
        # A date or figure in a sentence that shares no word with the question is another
        # thing's (…研究部署１９９８年的工作任务 for 中央文明委是哪一年成立的).
        pairs = word_pairs(analysed)

        # 女委员有多少位: a figure for 委员 does not count 女委员.
        noun = counted_noun(question) if plan.answer_type == "number" else ""
        # 青岚港二期工程,总投资是多少: a 总投资 of all the year's projects is not its; the sentence
        # (or the one before it) must name what the figure is of, when the speeches name it.
        owner = counted_owner(question, noun) or (named_body(question) if plan.answer_type == "number" else "")
        owner = owner if ta.squash_punct(owner) in ev.corpus_key else ""

        def of_owner(text: str, unit: Unit | None) -> bool:
            if not owner or unit is not None and owner in ta.normalise(ev.speech_title(unit.speech_no)):
                return True   # (在东方化工集团…会议上的讲话: its 集团 is the one its title names)
            said = split_sentences(unit.text) if unit is not None else [text]
            at = said.index(text) if text in said else 0
            # (远航物流集团董事长许国平说，…。他建议…。集团去年营业收入12.6亿元: or the first, which
            # says whom the paragraph is about.)
            return any(owner in ta.normalise(x) for x in said[max(0, at - 1):at + 1] + [text] + said[:1])

        # 宁乡县去年招商引资完成了多少: a figure for 山西 is another place's.
        # (写稻花村: a verb before a work's name is no place; a place asked about is one the texts name.)
        places = [p for p in places_named(question) if any(p in ta.normalise(u.text) for u in ev.corpus.units)]
        # 德强同志是什么职务: the title must stand by his name (作为县委书记 is the speaker's).
        people = [n for n in _PEOPLE.findall(ta.normalise(question)) if n in ev.corpus_key] \
            if plan.answer_type == "office" else []
        # (法定代表人叫什么: a name in a sentence that never says 法定代表人 is another's.)
        role = _asked_role(ev, question) if plan.answer_type == "person" else ""

        def in_place(norm: str, unit: Unit | None) -> bool:
            # A sentence that names no place speaks of its text's place (政协临江市…闭幕会上的讲话:
            # 大会共收到委员提案４１２件 is 临江's); one that names another does not.
            if not places or any(p in norm for p in places):
                return True
            # (力争全县茶叶综合产值…, a sentence that names 白云镇 too: 全县 says it is the speech's own.)
            if unit is None or places_named(norm) and not _OWN_PLACE.search(norm):
                return False
            speech = ev.corpus.speech(unit.speech_no)
            # (力争全年新开工…, of a speech whose speaker line says 青山区区长: its place's.)
            if any(p in ta.normalise(u.text) for u in speech.units if u.kind == "metadata" for p in places) \
                    and not places_named(norm):
                return True
            # 全县粮食总产达到３１．６万吨, in a speech that says 我们青河县是一个农业大县: its own county.
            return bool(_OWN_PLACE.search(norm)) and any(p in ta.normalise(u.text) for u in speech.units for p in places)

        # 王光明今年多大年纪: an age is of whom the question names (我目标今年比明年大一岁 is no one's).
        aged = [w for w in own_words(analysed.words) if w in ev.corpus_key and not DEICTIC_TIME.match(w)] \
            if plan.answer_unit == "岁" else []

        def of_aged(norm: str) -> bool:
            return not aged or any(w in norm for w in aged)

        def about(text: str, unit: Unit | None = None, loose: bool = False) -> bool:
            norm = ta.normalise(text)
            if not of_aged(norm):
                return False
            if people:
                return any(holds_office(n, text) for n in people)
            if role:
                return role in norm
            return plan.answer_type not in ("date", "number") or (any(g in norm for g in pairs) or _told_before(text, unit)
                                                                   or loose) \
                and counted_here(text, unit) and in_place(norm, unit) and of_owner(text, unit)

        def counted_here(text: str, unit: Unit | None) -> bool:
            # (抓好安全生产。今年镇里安排专项资金800万元…, for 安全生产专项资金: what the paragraph
            # opens on, or the heading it stands under, says whose the figure is.)
            return names_counted(noun, text, plan.answer_unit) or unit is not None \
                and names_counted(noun, _topic(unit, text) + text, plan.answer_unit)

        def _told_before(text: str, unit: Unit | None) -> bool:
            # (通报了今年1至5月全区安全生产情况。全区共发生…死亡2人: a figure in the unit asked, 几个人,
            # in the sentence after the one the question's words find.)
            if unit is None or not plan.answer_unit or text not in unit.text:
                return False
            said = split_sentences(unit.text[:unit.text.find(text)])
            return bool(said) and any(g in ta.normalise(said[-1]) for g in pairs)

        def unit_of(sentence: AnswerSentence) -> Unit | None:
            return next((c.unit for c in citer.citations if sentence.citations and c.n == sentence.citations[0]), None)

        def before(sentence: AnswerSentence) -> str:
            unit = unit_of(sentence)
            return said_before(unit, sentence.text) if unit is not None else ""

        def agrees(text: str, said_before: str, unit: Unit | None, loose: bool = False) -> bool:
            # (Of a speech that names no year, a sentence that names one, 一九九七年…, may be of the
            # year asked as 去年: only 今年 against 明年 is told apart. Not for a sentence that shares
            # no word with the question: a year is then all that ties it to what is asked.)
            named = years_meant(asked_years, text, said_before, this_year(unit))
            if plan.answer_type == "number" and not (period_agrees(
                    question, text, said_before, ev.speech_title(unit.speech_no) if unit is not None else "")
                                                     and (bool(places) or scope_agrees(question, text, said_before))):
                return False   # (上半年全省…增长多少: not the first quarter's figure, the year's, or the county's)
            return not named or bool(named & asked_years) \
                or undated and not loose and any(y < _UNDATED_YEAR - 100 for y in named)

        def this_year(unit: Unit | None) -> int | None:
            if unit is None or not asked_years:
                return None
            return speech_year(ev.corpus.speech(unit.speech_no)) or (_UNDATED_YEAR if undated else None)

        def fitting_sentences(loose: bool = False) -> list[int]:
            return [i for i, s in enumerate(sentences)
                    if agrees(s.text, before(s), unit_of(s), loose) and about(s.text, unit_of(s), loose)
                    and (fits_type(plan.answer_type, plan.answer_unit, _clauses_about(s.text, pairs, plan), question)
                         or _holder_named(role, s.text))]

        fitting = fitting_sentences()
        loose = fitting_sentences(loose=True) if not fitting and paraphrase and plan.answer_type == "number" else []
        if fitting:
            # 由谁主持 / 谁负责: the sentence that names the person comes first (罗干主持团拜会). Not for
            # 在哪里, which 在食堂吃 may answer as well as a place name: no sentence is surer.
            origin = plan.answer_type == "place" and any(tells_origin(question, sentences[i].text) for i in fitting)
            if plan.answer_type in ("person", "agent", "date", "number") or origin:
                # Of several, the one densest in the question's words: 座谈会由…袁纯清主持, not a
                # long lead that names the meeting and another person.
                pairs = set(analysed.bigrams)

                def density(i: int) -> float:
                    text = ta.normalise(sentences[i].text)
                    return sum(g in text for g in pairs) / max(len(text), 1) ** 0.5

                # (谁负责: the sentence that says 负责, of a person or body, before one that only names a body.)
                event = asked_event(question) if plan.answer_type in ("person", "agent") else ""
                # (去年水利投资多少: the sentence said of last year, 过去一年…全年共完成…, before a plan that names no year.)
                dated = {i for i in fitting if years_meant(asked_years, sentences[i].text, before(sentences[i]),
                                                           this_year(unit_of(sentences[i])))}
                # (全军去年立案查处了多少起违纪案件: the figure said of 全军, before one of 全国金融系统.)
                # (上半年，全省就业形势总体稳定。城镇新增就业38.6万人…: or in the sentence before it.)
                scope = re.search(r"全(?:军|国|省|市|县|区|党)", ta.normalise(question))

                def in_scope(i: int) -> bool:
                    said = split_sentences(before(sentences[i]))[-1:] + [sentences[i].text]
                    return not scope or scope.group(0) in ta.normalise("".join(said))

                best = max(fitting, key=lambda i: (origin and tells_origin(question, sentences[i].text), i in dated, in_scope(i),
                                                   bool(event) and event in ta.normalise(sentences[i].text),
                                                   density(i), -i))
                sentences.insert(0, sentences.pop(best))
            return None
        subject = max(hits[0].matched, key=len, default="") if hits else ""
        # The fitting sentence may be in a top paragraph the answer did not quote; it must
        # still be about the question's subject (or, for a figure in the unit asked for, which
        # few sentences hold: 多少位 → ２０００多名, hold another long word of the question).
        # (成名作是哪部: a work's name in 《》 is rare too; 他发表了成名作《石桥镇》 names not its author.)
        near = [(h.unit, {t for t in h.matched if len(t) >= 3}
                 if plan.answer_unit and plan.answer_type == "number" or plan.answer_type == "title" else set())
                for h in hits[:3]]
        # A figure in the unit asked for (几年 → 四年多) is rare enough to be looked for in the
        # whole speech the question names, about the same subject.
        named = [] if plan.speech_no is None or plan.answer_type != "number" or not plan.answer_unit else \
            [(u, {subject[i:i + 2] for i in range(len(subject) - 1)}) for u in ev.corpus.speech(plan.speech_no).paragraphs
             if all(u is not n for n, _ in near)]
        for unit, words in near + named:
            # (青禾县去年地区生产总值是多少: the best hit's longest word may be the place; a sentence
            # that counts the noun asked, 全县地区生产总值完成…, is about it too.)
            topic = {subject} | words | ({noun} if len(noun) >= 4 else set())
            for s in split_sentences(unit.text):
                # (李云舒的导师是谁: 她的导师周启明教授, in the paragraph about her, names the role asked.)
                if subject and (any(t in ta.normalise(s) for t in topic)
                                or role and role in ta.normalise(s) and subject in ta.normalise(unit.text)) \
                        and counted_here(s, unit) and of_owner(s, unit) \
                        and (not people or any(holds_office(n, s) for n in people)) \
                        and (not role or role in ta.normalise(s)) and of_aged(ta.normalise(s)) \
                        and fits_type(plan.answer_type, plan.answer_unit, _clauses_about(s, pairs, plan), question) \
                        and agrees(s, said_before(unit, s), unit) \
                        and (plan.answer_type not in ("date", "number") or in_place(ta.normalise(s), unit)):
                    # (A sentence already quoted moves to the front; it is not quoted twice.)
                    at = next((i for i, x in enumerate(sentences) if x.text == s), None)
                    sentences.insert(0, sentences.pop(at) if at is not None else AnswerSentence(s, [citer.cite(unit)]))
                    return None
        if loose:
            # (九七年…乡下种地的人平均每人一年净挣多少钱: a paraphrase sharing no word with 农民人均纯
            # 收入达到2056元, quoted for its meaning, gives the figure when no sentence sharing words does.)
            # (Of several, one that names the year asked before one that names none.)
            best = next((i for i in loose if years_meant(asked_years, sentences[i].text, before(sentences[i]),
                                                         this_year(unit_of(sentences[i])))), loose[0])
            sentences.insert(0, sentences.pop(best))
            return None
        if noun and any(noun in ta.normalise(h.unit.text) for h in hits[:3]):
            subject = noun   # 汇率具体是多少: what is counted is what the texts mention
        # (青岚港二期工程,总投资是多少: what the figure would be of; 德顺 → 王德顺, as the question says it)
        subject = owner or role or (_widened(aged[0], ta.normalise(question), ev.corpus_key) if aged else "") \
            or (_widened(subject, ta.normalise(question), ta.normalise(hits[0].unit.text)) if subject else "")
        subject = subject if len(subject) >= 2 else ""   # (「比」: one character names nothing)
        intro = f"讲话提到了「{subject}」,但没有{MISSING_WHAT[plan.answer_type]}。相关原文:" if subject and (subject in (noun, owner) or not noun) \
            else f"讲话中没有给出「{noun}」的具体数字。相关原文:" if noun \
            else f"讲话中没有{MISSING_WHAT[plan.answer_type]}。相关原文:"
        return intro, f"answer_type:{plan.answer_type}", sentences
    return None
