"""Paragraphs by their position in a speech: 第三段, 最后一段, 开头第一句, 结尾说了什么.

A report printed in the newspaper is not one speech: its lead says when and where, the leader's
speech follows, other speakers and a line on who else attended close it. The end of the speech
asked for is the end of what its speaker said, not the report's last line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from . import text_analysis as ta
from .answer_types import SURNAMES, holds_office
from .corpus import Speech, Unit
from .enumeration import SIGN_OFF
from .lazy_pattern import LazyPattern
from .planner import QueryPlan, nth
from .question_words import own_subject
from .results import AnswerSentence, Hit
from .speech_refs import opens_with_dateline
from .text_analysis import normalise, split_sentences

if TYPE_CHECKING:   # (annotations only: evidence imports retrieval, which imports this module)
    from .evidence import Citer, Evidence

__all__ = ["closing_run", "digest_speaker", "digest_speakers", "is_attendance", "is_digest", "meeting_sentences", "nth_paragraph", "proposed_in_turns", "report_speakers", "reported_speakers", "silent_attendee", "speaker_paragraphs", "speaker_part", "speaker_run", "speakers_paragraphs", "whole_speech_of", "without_attendance"]

# 温家宝和国务院有关部门负责同志也参加了会议 / 出席座谈会的还有…: a report's closing line.
_ATTENDANCE = LazyPattern(r"(?:出席|参加|陪同|在座)了?(?:会议|座谈会|团拜会|茶话会|大会|全会|开幕式|闭幕式|活动)")
_ATTENDANCE_MAX = 160
_REPORT = LazyPattern(r"报道|新闻|消息")
_SPEECH_OF = LazyPattern(r"讲话|发言|致辞")   # 报道的最后一段: the report's own last paragraph, as printed


def is_attendance(unit: Unit) -> bool:
    """A short line on who attended (…钱其琛出席了会议。), not what anyone said."""
    return len(unit.text) <= _ATTENDANCE_MAX and bool(_ATTENDANCE.search(unit.text)) and not _SAYING.search(unit.text)


_SAYING = LazyPattern(r"说|指出|强调|表示|要求|认为|提出|讲话|回答|答问|介绍|谈到|宣布")


def without_attendance(paragraphs: list[Unit]) -> list[Unit]:
    """A report's paragraphs without the closing lines on who else attended (市领导…出席大会)."""
    while len(paragraphs) > 1 and len(paragraphs[-1].text) <= _ATTENDANCE_MAX \
            and _ATTENDANCE.search(paragraphs[-1].text):
        paragraphs = paragraphs[:-1]
    return paragraphs


def nth_paragraph(plan: QueryPlan, speech: Speech) -> tuple[int, Unit, str] | None:
    """第三段 / 最后一段, 开头第一句, or 开头/结尾说了什么 of a speech without heading lines
    (where the opening is its first paragraph, not its first numbered point): (N, the paragraph,
    the sentence asked for or "" for the whole paragraph)."""
    if plan.nth_item is None or not (plan.nth_is_paragraph or plan.nth_is_sentence
                                     or (plan.nth_is_position and not speech.headings)):
        return _edge_of_headed(plan, speech)
    paragraphs = speech.paragraphs
    if (plan.nth_is_position or plan.nth_is_paragraph) and not _REPORT.search(plan.text):
        # 江泽民这次座谈会讲话最后落在哪儿: the end of what he said, not of the report.
        # (李鹏在团拜会讲话开头…: the one speaker's first words, not the report's dateline lead.)
        paragraphs = speaker_paragraphs(paragraphs, plan.text, alone=bool(_SPEECH_OF.search(plan.text))) or paragraphs
    if plan.nth_item == -1 and not plan.nth_is_sentence and not (plan.nth_is_paragraph and _REPORT.search(plan.text)):
        # 讲话收尾时强调了什么 / 结尾那段: a report ends on who else attended, after the speech has ended.
        paragraphs = without_attendance(paragraphs)
    if plan.nth_is_sentence:
        sentences = [(u, s) for u in paragraphs for s in split_sentences(u.text)]
        found = nth(sentences, plan.nth_item)
        return (found[0], found[1][0], found[1][1]) if found else None
    picked = nth(paragraphs, plan.nth_item)
    return (picked[0], picked[1], "") if picked else None


_CLOSING_LINE = 60   # 祝愿世界和平，人类进步！ / 谢谢大家！: a sign-off line, not a paragraph of argument


def closing_run(plan: QueryPlan, paragraphs: list[Unit], last: Unit,
                citer: Citer) -> tuple[str, list[AnswerSentence], list[Unit]] | None:
    """How a speech ends (收尾 / 结尾), when it ends on short exclaimed lines (我衷心祝愿…! 祝愿
    我们伟大的祖国繁荣昌盛! 祝愿世界和平,人类进步!): the whole run of them, each cited; None
    when it ends on one. 最后一段 asks for one paragraph and gets it."""
    if plan.nth_item != -1 or plan.nth_is_paragraph or not plan.nth_is_position or last not in paragraphs:
        return None
    def exclaimed(u: Unit) -> bool:
        return len(text := normalise(u.text)) <= _CLOSING_LINE and text.endswith("!")

    run = [last]
    for u in reversed(paragraphs[:paragraphs.index(last)] if exclaimed(last) else []):
        if not exclaimed(u):
            break
        run.insert(0, u)
    at = paragraphs.index(last)
    if len(run) < 2 and at > 0 and len(normalise(last.text)) <= _CLOSING_LINE and SIGN_OFF.match(normalise(last.text)):
        run.insert(0, paragraphs[at - 1])   # 最后,给大家拜个年: the speech's own last words come before it
    if len(run) < 2:
        return None
    lines = [AnswerSentence(u.text, [citer.cite(u)]) for u in run]
    said = "".join(f"{x.text}[{x.citations[0]}]" for x in lines)
    return f"{citer.ev.speech_title(last.speech_no)}的结尾:{said}", lines, run


def whole_speech_of(paragraphs: list[Unit], spoken: list[Unit]) -> list[Unit]:
    """The named speaker's paragraphs (``spoken``: speaker_paragraphs) with the unattributed
    paragraphs between them, and after the last those that go on in the speaker's voice
    (对老同志的历史功绩…我们要经常讲: a report's own narration says no 我们)."""
    if not spoken:
        return []
    out: list[Unit] = []
    for u in paragraphs[paragraphs.index(spoken[0]):]:
        text = normalise(u.text)
        if u in spoken:
            out.append(u)
        elif u.seq < spoken[-1].seq:
            if not (_SAYS.match(text) or is_attendance(u)):
                out.append(u)
        elif _OWN_VOICE.search(text) and not (_SAYS.match(text) or _HE_SAYS.match(text)):
            out.append(u)
        else:
            break
    return out


_OWN_VOICE = LazyPattern(r"我们|咱们|我国|我省|我市|我县")


# 江泽民最后说 / 李瑞环说 / 江泽民在座谈会上指出: a paragraph that reports what someone said.
# (在谈到人民币汇率时，朱镕基说 / 朱镕基首先阐述了…: the topic may come first, the verb may tell.)
# (远航物流集团董事长许国平说 / 副市长唐雪梅就…: an office, and the body it is of, may come first.)
_SAYS = LazyPattern(r"^(?:在[^，。,]{1,24}?时[，,])?(?:[\u4e00-\u9fff]{0,16}?(?:董事长|总经理|经理|负责人|创始人|主任|书记|[市县区省局厅部处]长|代表|委员))?"
                    r"([\u4e00-\u9fff]{2,3}?)(?:在[^，。,]{1,15}?)?(?:首先|接着|随后|还|又|最后|进一步|特别)?"
                    r"(?:说|指出|强调|表示|要求|认为|提出|阐述|论述|分析|谈到|回顾|介绍|部署|就|祝|希望|号召|勉励)")
_HE_SAYS = LazyPattern(r"^(?:他|她)(?:首先|接着|随后|还|又|最后|进一步|特别)?(?:说|指出|强调|表示|要求|认为|提出|阐述|论述|分析|谈到|回顾)")


def _said_by(paragraphs: list[Unit]) -> list[str | None]:
    """Who speaks in each paragraph of a report (None: the report's own narration)."""
    said_by: list[str | None] = []
    whole = "".join(u.text for u in paragraphs)
    for u in paragraphs:
        text = normalise(u.text)
        if _HE_SAYS.match(text):   # 他最后强调: the one who spoke before
            name = next((n for n in reversed(said_by) if n), None)
        else:
            m = _SAYS.match(text)
            # (会议要求 / 大家认为: a body or a crowd, not a speaker; a name opens with a common
            # surname, or the report gives the person an office: 中央纪委书记尉健行.)
            name = m.group(1) if m and (m.group(1)[0] in SURNAMES or holds_office(m.group(1), whole, gap=0)) else None
        said_by.append(name)
    return said_by


def speakers_paragraphs(paragraphs: list[Unit]) -> list[Unit]:
    """领导讲话之后, of a report naming no one: the paragraphs in which any of its speakers speaks."""
    return [u for u, name in zip(paragraphs, _said_by(paragraphs)) if name]


# 会上，…作了交流发言 / 会议期间，与会代表分组讨论了… / 会议还表彰了… / 会前，…参观了…: what a
# report tells the meeting did, apart from its speeches. (会后… / 会议结束后…: after it.)
_MEETING_DID = LazyPattern(r"^(?:会上|会议期间|会议还|会议并|会议同时|大会还|大会上|会前|与会(?:代表|人员|同志)?还?(?:分组)?(?:讨论|参观|观看|考察|听取))")
_AFTER_MEETING = LazyPattern(r"^(?:会后|会议结束后|散会后)")


def meeting_sentences(speech: Speech, after: bool = False) -> list[tuple[Unit, str]]:
    """The sentences of a report telling what its meeting did besides the speeches (``after``:
    after the meeting), in order; [] for a text that is no report."""
    if not opens_with_dateline(speech):
        return []
    spoken = set(speakers_paragraphs(speech.paragraphs))
    pattern = _AFTER_MEETING if after else _MEETING_DID
    return [(u, x) for u in speech.paragraphs if u not in spoken for x in split_sentences(u.text)
            if pattern.match(normalise(x))]


def speaker_paragraphs(paragraphs: list[Unit], question: str, alone: bool = False) -> list[Unit]:
    """In a report, the paragraphs of the speech of the speaker the question names (江泽民这次
    座谈会讲话): those that open with the name and a verb of saying, and 他说… after them;
    [] when the question names none of the report's speakers or (unless ``alone``: 王兆国讲完
    以后) only one person speaks."""
    said_by = _said_by(paragraphs)
    speakers = {n for n in said_by if n}
    if len(speakers) < (1 if alone else 2):
        return []
    asked = [n for n in speakers if n in normalise(question)]
    if len(asked) != 1:
        return []
    for i in range(1, len(paragraphs)):
        # 国务院总理李鹏出席团拜会并讲话。… / 他说，在过去的一年里…: 他 is the one just named.
        if said_by[i] is None and _HE_SAYS.match(normalise(paragraphs[i].text)) \
                and asked[0] in normalise(paragraphs[i - 1].text):
            said_by[i] = asked[0]
    own = [i for i, n in enumerate(said_by) if n == asked[0]]
    before = normalise(paragraphs[own[0] - 1].text) if own and own[0] > 0 else ""
    if asked[0] in re.split(r"[,，。;；]", before)[0] and _SAYING.search(before) and not _SAYS.match(before):
        # 国务院总理李鹏出席团拜会并讲话。他向…: his speech begins in the paragraph that opens
        # with him (not in 会议由罗干主持，钱其琛在讲话中指出…, which tells the meeting).
        own.insert(0, own[0] - 1)
    return [paragraphs[i] for i in own]


def _edge_of_headed(plan: QueryPlan, speech: Speech) -> tuple[int, Unit, str] | None:
    """结尾是怎么收的 / 开场先讲了些什么 of a speech with headings: its words before the first
    heading or after the last part's points (同志们,风清则气正…), when it has such; None to
    answer with the first or last part."""
    if not (plan.nth_is_edge and speech.headings and speech.paragraphs and not plan.section) or plan.nth_item not in (1, -1):
        return None
    first_heading = min(u.seq for u in speech.units if u.kind == "heading")
    if plan.nth_item == 1:
        opening = speech.paragraphs[0]
        return (1, opening, "") if opening.seq < first_heading and not opening.heading else None
    closing = speech.paragraphs[-1]
    # The last point of the last part (3、要注意墨菲定律) is not the speech's closing words.
    return (len(speech.paragraphs), closing, "") if not closing.heading and closing.seq > first_heading else None


# 谁第一个发言 / 最后发言的是谁 / 第二个发言的是谁: the order in which a digest's speakers spoke.
_SPOKE = LazyPattern(r"发言|讲话|讲|说")
# 节水要放在首位是谁讲的 / 谁说的: who said a passage (not 这个说法出自谁, a person it names).
_WHO_ALL = LazyPattern(r"哪(?:几|些)位|哪些人|都有谁|有谁|哪几个人|(?:几|多少)(?:位|个人|人)")
# 李德明之后是谁发言 / 马成林前面是谁: the speaker next to one the question names.
_WHO = LazyPattern(r"谁|哪位")
# 第二位发言的企业家提了什么建议: a speaker counted by turn, whatever is asked of them.
_NTH_SPEAKER = LazyPattern(r"第[一二三四五六七八九十\d]+(?:位|个|名)[^，。？?]{0,4}?(?:发言|讲话)")
_NEXT_TO = LazyPattern(r"(?P<after>之后|以后|后面|接着|下一位)|(?P<before>之前|以前|前面|上一位)")
_SPOKEN_BY = LazyPattern(r"谁(?:讲|说|发言|提)的|(?:是|由)谁(?:讲|说|发言|提出)")


def is_digest(speech: Speech) -> bool:
    """Whether a text is a symposium digest: two parts or more, each with a speaker's line."""
    return sum(1 for u, b in zip(speech.units, speech.units[1:])
               if u.kind == "heading" and b.kind == "metadata" and b.section[-1:] == (u.heading,)) >= 2


def digest_speaker(plan: QueryPlan, speech: Speech, asked_unit: Unit | None,
                   words: Sequence[str] = (), names: Sequence[str] = ()) -> list[tuple[Unit, Unit]]:
    """Who gave the parts of a symposium digest (parts headed by a line, the speaker's line under
    it): all of them (座谈会上有哪几位发言), the N-th when the question counts them (谁第一个发言),
    else the speaker of the part the best hit is in (节水要放在首位是谁讲的). [(heading, byline)]."""
    parts = [(u, b) for u, b in zip(speech.units, speech.units[1:])
             if u.kind == "heading" and b.kind == "metadata" and b.section[-1:] == (u.heading,)]
    if len(parts) < 2:
        return []
    if _WHO_ALL.search(plan.text) and _SPOKE.search(plan.text):
        # 哪几位发言人都讲了培养人才: the question's words that some parts hold and others do
        # not say which speakers; 座谈会上有哪几位发言 names none of them.
        said = {u.heading: "".join(x.text for x in speech.units if x.section[:1] == (u.heading,)) for u, _ in parts}
        named = "".join(u.text for u in speech.units if u.kind == "metadata" and not u.section)   # title, deck
        telling = [w for w in words if w not in named and 0 < sum(w in t for t in said.values()) < len(said)]
        return [(u, b) for u, b in parts if any(w in said[u.heading] for w in telling)] if telling else parts
    if plan.answer_type != "person":
        return []
    if plan.nth_item is not None and _SPOKE.search(plan.text):
        picked = nth(parts, plan.nth_item)
        return [picked[1]] if picked else []
    near = _NEXT_TO.search(plan.text)
    # (names: the question's words, those naming the speech too: 甘肃的发言人 names both.)
    holding = [[k for k, (_, b) in enumerate(parts) if w in b.text] for w in names or words if len(w) >= 2]
    named = sorted({h[0] for h in holding if len(h) == 1})   # (文化 in two lines names neither)
    if near and len(named) == 1:
        k = named[0] + (1 if near.group("after") else -1)
        return [parts[k]] if 0 <= k < len(parts) else []
    if len(named) == 1 and _WHO.search(plan.text):
        return [parts[named[0]]]   # 甘肃的发言人是谁: the one speaker's line that holds 甘肃
    if asked_unit is None or not _SPOKEN_BY.search(plan.text):
        return []
    return [(u, b) for u, b in parts if asked_unit.section[:1] == (u.heading,) or asked_unit is u][:1]


def speaker_part(speech: Speech, byline: Unit) -> tuple[Unit, Unit] | None:
    """那第二位呢, after a list of a digest's speakers: (the part's heading, its first paragraph)
    for a speaker's line; None for any other unit."""
    if byline.kind != "metadata" or not byline.section:
        return None
    heading = next((u for u in speech.headings if u.heading == byline.section[-1]), None)
    first = next((u for u in speech.paragraphs if u.section[:len(byline.section)] == byline.section), None)
    return (heading, first) if heading is not None and first is not None else None


# 朱镕基也讲了话,他那段讲话分几层意思: the question asks about someone's own words.
_ASKS_WORDS_OF = LazyPattern(r"讲话|发言|讲了|说了|谈了|致辞|讲的|说的|的(?:工作)?报告")
_NAME = LazyPattern(r"[\u4e00-\u9fff]{2,3}")


def silent_attendee(speech: Speech, question: str, surnames: str, words: Sequence[str] = ()) -> str:
    """In a report, a person the question asks the words of whom the report names (as attending)
    but never reports saying anything (no 朱镕基说 / 朱镕基…讲话 in any paragraph); "" if none."""
    if not _ASKS_WORDS_OF.search(question):
        return ""
    paragraphs = [normalise(u.text) for u in speech.paragraphs]
    text = "".join(paragraphs)
    asked = normalise(question)
    people = list(re.finditer(rf"[{surnames}][\u4e00-\u9fff]{{1,2}}", asked))
    for m in people:
        for name in dict.fromkeys((m.group(0), m.group(0)[:2])):
            # (东阳金融工作会议: 金融工 is no one; a person the report names has an office or a list.)
            # (规范化: 范化 inside a word of the question, ``words``, is no name.)
            if len(name) < 2 or name not in text or any(name in w and not w.startswith(name) for w in words) \
                    or not (holds_office(name, text, gap=0) or f"{name}、" in text or f"、{name}" in text):
                continue
            spoke = re.compile(re.escape(name) + r"[^，。,;；]{0,12}?(?:" + _SAYING.pattern + ")"
                               # (郭东坡今天通过新闻媒介,向…发表新年贺词: the 贺词说… paragraphs are his)
                               + "|" + re.escape(name) + r"[^。]{0,40}?发表[^。]{0,12}?(?:讲话|贺词|祝辞|献辞|致辞|贺信|文章|谈话)")
            if any(spoke.search(p) or p.startswith((f"{name}:", f"{name}：")) for p in paragraphs):
                break   # (李瑞环的座谈会上,赵朴初会长发言讲了些什么: the speaker names the occasion;
                # 郭长林：… — an interview gives his answers under his name)
            # (…of one of several people named: the one whose words are asked, 赵朴初会长发言.)
            if len(people) == 1 or _ASKS_WORDS_OF.match(asked, m.start() + len(name)) \
                    or re.match(rf"[\u4e00-\u9fff]{{0,4}}?(?:{_ASKS_WORDS_OF.pattern})", asked[m.start() + len(name):]):
                return name
    return ""


_SPEAKER_RUN = 3   # speakers' paragraphs in a row, at least, to be the meeting's speakers in turn


# 林场护林员赵德明同志，在云雾山林场守林三十二年… / 王德厚同志1984年参加工作…: a paragraph that
# opens on a person it tells of.
# (特殊教育学校校长康雨桐同志: a name of a rarer surname, after the office that names its holder.)
_OPENS_ON_PERSON = LazyPattern(rf"^[^，。,；;]{{0,24}}?(?:(?<=[长员师者任记警工生家])([\u4e00-\u9fff]{{2,3}}?)|([{SURNAMES}][\u4e00-\u9fff]{{1,2}}))同志(?!们)")


def _longest_run(paragraphs: list[Unit], names: list[str | None]) -> list[tuple[Unit, str]]:
    """The longest run of paragraphs in a row, each with a name of its own (none twice)."""
    best: list[tuple[Unit, str]] = []
    run: list[tuple[Unit, str]] = []
    for u, name in zip(paragraphs, names):
        if name and all(name != n for _, n in run):
            run.append((u, name))
        else:
            run = [(u, name)] if name else []
        best = run if len(run) > len(best) else best
    return list(best) if len(best) >= _SPEAKER_RUN else []


def person_run(speech: Speech) -> list[tuple[Unit, str]]:
    """赵德明同志，… ¶ 孙晓梅同志，… ¶ 钱卫东同志，…: the people a speech tells of one paragraph each
    (those it commends, mourns or holds up), in its order, with their names."""
    return _longest_run(speech.paragraphs, [m.group(1) or m.group(2) if (m := _OPENS_ON_PERSON.match(normalise(u.text))) else None
                                            for u in speech.paragraphs])


# 龙潭镇党委书记刘振华，…；白沙村村医吴小梅，…；退役军人张大勇，…: a clause opening on who
# someone is and the name, then a comma (on the NFKC form).
_CLAUSE_ON_PERSON = LazyPattern(rf"^[^,。;]{{1,16}}?(?<=[长员师者任记警工生家医人])([{SURNAMES}][\u4e00-\u9fff]{{1,2}}),")


def person_clauses(speech: Speech) -> list[tuple[Unit, str, str]]:
    """The people one paragraph tells of clause by clause (…刘振华，…；…吴小梅，…；…), with the
    clause that tells each: the paragraph of the speech that names the most (two at least)."""
    best: list[tuple[Unit, str, str]] = []
    for u in speech.paragraphs:
        found = [(u, m.group(1), clause.rstrip("；;。")) for clause in re.split(r"(?<=[；;。])", u.text)
                 if (m := _CLAUSE_ON_PERSON.match(normalise(clause)))]
        if len({name for _, name, _ in found}) == len(found) >= 2 and len(found) > len(best):
            best = found
    return best


def speaker_run(speech: Speech) -> list[tuple[Unit, str]]:
    """会上，六位企业家代表先后发言。 ¶ …董事长许国平说，… ¶ …总经理郑丽君说，… ¶ …: the longest run
    of paragraphs in a row of a report in which a different person speaks each, with the name."""
    return _longest_run(speech.paragraphs, _said_by(speech.paragraphs))


# 企业家们提了哪几条建议 / 与会代表都反映了哪些问题: what the speakers, taken together, said.
# (座谈会上企业家提了什么建议: the speakers by the word the report calls them, 六位企业家代表先后发言.)
_ALL_PROPOSED = LazyPattern(r"都?(?:提|提出|反映|说|讲)了?(?:哪几|哪些|什么|几)[条个项点]?(建议|意见|问题|诉求|困难|希望)")
_TOGETHER = LazyPattern(r"(?:们|大家|各位|与会[\u4e00-\u9fff]{0,4}|发言[\u4e00-\u9fff]{0,4})$")
# (…他建议… / 她希望… / 他提出…: the sentence of a turn that says what was proposed.)
_PROPOSED = {"建议": "建议|希望|提出|呼吁|请求", "意见": "建议|希望|提出|意见", "希望": "希望|建议|期待",
             "问题": "问题|难|反映|制约|突出", "困难": "难|困难|问题|制约", "诉求": "希望|建议|诉求|请求|呼吁"}


def proposed_in_turns(plan: QueryPlan, speech: Speech) -> list[tuple[Unit, str, str]]:
    """企业家们提了哪几条建议, of a report that gives its speakers a paragraph each in turn: each
    speaker with the sentence of their turn that proposes (…他建议…); [] when the question asks
    no such thing of them together, or no turn says it."""
    asked = _ALL_PROPOSED.search(plan.text)
    if asked is None or not (run := speaker_run(speech)):
        return []
    who = re.sub("代表$", "", plan.text[:asked.start()])
    # (the paragraph before the run says who they are: 会上，六位企业家代表先后发言)
    lead = next((p.text for p, after in zip(speech.paragraphs, speech.paragraphs[1:]) if after is run[0][0]), "")
    if not _TOGETHER.search(who) and not any(who[-k:] in lead for k in (2, 3, 4) if len(who) >= k):
        return []
    verbs = _PROPOSED[asked.group(1)]
    out = [(u, name, said) for u, name in run
           if (said := next((x for x in ta.split_sentences(u.text) if re.search(verbs, x)), ""))]
    return out if len(out) >= 2 else []


def reported_speakers(plan: QueryPlan, speech: Speech) -> list[tuple[Unit, str, str]]:
    """座谈会上第二位发言的是谁 / 发言的企业家都有谁, of a report that gives its speakers a paragraph
    each in turn (no digest's parts): the one counted, or all of them, each with the clause that
    tells of them when one paragraph tells of several ("" when each has a paragraph)."""
    every = bool(_WHO_ALL.search(plan.text))
    # (what the question asks is read before the speech is: most questions ask neither)
    counted = plan.nth_item is not None and (plan.answer_type == "person" or bool(_NTH_SPEAKER.search(plan.text)))
    if not (every or counted):
        return []
    # (讲话里表扬了哪些人 / 特别提到的几位先进个人中第三位是谁: the people it tells of in turn.)
    paragraphs = speaker_run(speech) if _SPOKE.search(plan.text) else []
    paragraphs = paragraphs or (person_run(speech) if plan.answer_type == "person" or every else [])
    run = [(u, name, "") for u, name in paragraphs] \
        or (person_clauses(speech) if plan.answer_type == "person" or every else [])
    if not run:
        return []
    if every and not counted:   # (几位先进个人中,第三位是谁: the one counted)
        return run
    picked = nth(run, plan.nth_item)   # type: ignore[arg-type]
    return [picked[1]] if picked else []


def digest_speakers(ev: Evidence, plan: QueryPlan, question: str, analysed: ta.Analysed, hits: list[Hit],
                    speech_no: int | None) -> list[tuple[Unit, Unit]]:
    """The digest speakers the question asks for, of the speech it is about; naming no text
    (第二位发言的是谁 / 钱丽华之后是谁发言), of the corpus's one digest when the question names
    nothing else or names one of its speakers."""
    words = [w for w in analysed.words if len(w) >= 2]
    full = ev.analyse(question)
    names = [w for w in [*full.words, *full.bigrams] if len(w) >= 2]
    asked_unit = hits[0].unit if hits else None
    spoke = digest_speaker(plan, ev.corpus.speech(speech_no), asked_unit, words, names) if speech_no is not None else []
    digests = [s for s in ev.corpus.speeches if is_digest(s)] if plan.speech_no is None else []
    if spoke or len(digests) != 1 or digests[0].no == speech_no or not re.search("发言|讲话", question):
        return spoke
    bylines = [u.text for u in digests[0].units if u.kind == "metadata" and u.section]
    elsewhere = "".join(u.text for s in ev.corpus.speeches if s is not digests[0] for u in s.units)
    if own_subject(analysed.words, set()) and not any(sum(n in b for b in bylines) == 1 and n not in elsewhere
                                                      for n in names):
        return []   # 联谊会上代表发言的那几位: another text's speakers, unless it names one of the digest's
    return digest_speaker(plan, digests[0], asked_unit, words, names)


# 周启明在团拜会上发表讲话 / 赵国强在团拜会上发言 / 团拜会由韦正廷主持: who spoke at a reported meeting.
# (吴启明在会上通报了… / 陈家骏在会议结束时作了总结 / 陈家骏主持会议: they spoke too.)
_SPOKE_AT = LazyPattern(rf"([{SURNAMES}][\u4e00-\u9fff]{{1,2}}?)(?:同志)?(?:在[^，。；,;]{{1,15}}?[上时])?(?:发表了?|作了?)?"
                        r"(?:重要|工作|主旨)?(?:讲话|发言|致辞|致词|报告|通报了|总结|主持会议)|由([" + SURNAMES + r"][\u4e00-\u9fff]{1,2}?)主持")


def report_speakers(speech: Speech, besides: str = "") -> list[tuple[Unit, str]]:
    """The people a report tells spoke (or chaired, and so spoke first), each once, in the
    report's order, with the sentence that says so; not those named in ``besides`` (除了韩振声)."""
    out: list[tuple[Unit, str]] = []
    seen: set[str] = set()
    for u in speech.paragraphs:
        for sentence in ta.split_sentences(u.text):
            for m in _SPOKE_AT.finditer(ta.normalise(sentence)):
                name = m.group(1) or m.group(2)
                if name not in seen and name not in besides:
                    seen.add(name)
                    out.append((u, sentence))
    return out
