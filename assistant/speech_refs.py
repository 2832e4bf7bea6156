"""Speech references in a question: 第N篇 (by the 【第N篇】 in a title, else corpus order), a
name (宁乡那篇, 南通市政府办公室的讲话: the speeches whose title, else text, holds it), words
of a title no other title has (《忌辰的思念》, 元旦献辞里); and the words that made the reference.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence

from . import text_analysis as ta
from .answer_types import SURNAMES, holds_office
from .corpus import DATELINE, Speech, Unit
from .lazy_pattern import LazyPattern
from .question_grammar import SPEECH_NUMBER
from .text_helpers import chinese_numeral

__all__ = ["EACH_OF", "REPORTER_ASKS", "REPORTER_TURN", "is_interview", "named_reporters", "each_clause_named", "speech_marked", "byline", "named_speeches", "naming_label", "numbered_speech", "opens_with_dateline", "numbered_speeches", "speech_label",
           "strip_speech_reference", "swapped_speech"]


_SPEECH_NO = LazyPattern(rf"第\s*({SPEECH_NUMBER})\s*篇")
_LAST_SPEECH = LazyPattern(r"最后一篇|最末一篇|末一篇")
# What a speech is called besides 讲话: a user's corpus holds addresses, editorials, letters,
# communiqués, reports. (A meeting's name is not one: 座谈会上讲了什么 is about what was said there.)
_SPECIFIC_GENRE = r"一文|工作总结|文章|社论|评论|书评|述评|调研报告|调查报告|献辞|致辞|祝辞|贺辞|公报|慰问信|贺信|贺词|稿子|报道|讲座|讲课稿|讲课|党课|访谈|专访|采访"
# (尉健行在中纪委二次全会上的工作报告: a report given at a meeting is named as a speech is.)
_GENRE = rf"(篇|个讲话|次讲话|讲话|发言|工作报告|{_SPECIFIC_GENRE})"
# (A name may be a quoted word of the title: 谈民族区域自治“必由之路”那篇文章.)
_SPEECH_NAMED = LazyPattern(rf"([“「『][\u4e00-\u9fff]{{2,12}}[”」』]|[\u4e00-\u9fffA-Za-z0-9]{{2,16}}?)(的|那|这|那一|这一|那个|这个|那番|这番|那堂|这堂)?{_GENRE}")
_QUOTE_MARKS = LazyPattern("[“”「」『』]")
# (五四座谈会和科技创新大会的讲话: two names before one genre word, each naming its own.)
_PAIR_NAMED = LazyPattern(r"([\u4e00-\u9fff]{2,10}?)(?:和|与|跟|及|、)([\u4e00-\u9fff]{2,10}?)"
                          r"(?:(?:这|那)?(?:两|二)(?:篇|个讲话|份)|上?的(?:讲话|发言|报告))")
_OCCASION_OR_KIND = r"(?:大会|会议|座谈会|茶话会|团拜会|推进会|工作会|表彰会|动员会|部署会|报告会|发布会|追悼会|典礼|致辞|党课|讲课|讲座|报告)"
_PAIR_IN = LazyPattern(r"在([\u4e00-\u9fff]{2,12}?)(?:里|中|上)(?:和|与|跟|及|、)(?:在)?([\u4e00-\u9fff]{2,12}?)(?:里|中|上)")
_PAIR_OF_MEETINGS = LazyPattern(rf"([\u4e00-\u9fff]{{0,10}}?{_OCCASION_OR_KIND})(?:上)?(?:和|与|跟|及|、)"
                                rf"([\u4e00-\u9fff]{{0,10}}?{_OCCASION_OR_KIND})")
_SPECIFIC = LazyPattern(_SPECIFIC_GENRE)
# 那篇报道 / 这份公报, or a question (or its clause) that opens with the kind (公报分为哪几部分).
# (讲课稿 / 致辞: a subtitle line may say the kind: ——在…培训班上的讲课.)
# (报告第三部分 / 这份报告: the one text titled a report, 政府工作报告.)
_KIND_ONLY = LazyPattern(r"(?:那|这|该)(?:篇|份|则|堂|次|场|个)(报道|公报|社论|慰问信|献辞|祝辞|致辞|贺信|贺词|讲课|党课|讲座|调研报告|调查报告|述职报告|工作报告|报告|专访|访谈|采访|新闻发布会|发布会|纪要|实录)稿?"
                        r"|(?:^|(?<=[,，;；:：]))(公报|社论|慰问信|献辞|祝辞|致辞|贺信|贺词|讲课|党课|讲座|调研报告|调查报告|述职报告|工作报告|报告|专访|访谈)稿?(?=的|里|中|上|说|讲|提|分|对|怎|是|有|主要|第|最|开头|结尾|前|后|那|这)")
_NEWS_LEAD = LazyPattern(DATELINE)
_INTERVIEW_TITLE = r"——访|专访|访谈|答记者问"
REPORTER_ASKS = LazyPattern(r"记者(?:一共|总共|共|都|先后)?(?:问|提)")
_OCCASION_NAMED = LazyPattern(r"([\u4e00-\u9fff]{2,6}?)(?:那次|这次|那个会|这个会|那场会)")
# (为什么会炸: 会 says "will"; a meeting is 大会 / 会议, or 会 before 上 / 里.)
_MEETING_AFTER = LazyPattern(r"[^\W\d为什怎哪谁啥是]{0,6}?(?:大会|会议|讲话|报告|致辞|会(?=上|里|中))")
_MEETING_NAMED = LazyPattern(r"(?:那个|这个|那次|这次|那场|这场)([\u4e00-\u9fff]{2,12}?)(?:座谈会|茶话会|团拜会|全会|大会|会议|发布会|推进会|交流会|表彰会|招待会|联谊会)")
# 新年讲话 / 春节讲话: a holiday names the one speech that speaks of it, short as it is.
_HOLIDAY = LazyPattern(r"新年|元旦|春节|新春|国庆|除夕|中秋")
# A name one speech says this many times as often as any other names that speech (办公室那篇).
_DOMINANCE = 5
_SPEAKER_LINE = 16                                   # a speaker line: 中国文联副主席李默然
# A photo caption (…欢聚一堂。(新华社记者刘少山摄)) tells what the picture shows, not which text it is.
_CAPTION = LazyPattern(r"摄\)\s*$")
_NOT_SPEAKER = LazyPattern(r"会|讲话|年|月|日|摄|[（(]")   # occasion, date and caption lines
_TITLE_OPENER = LazyPattern(r"^([\u4e00-\u9fff]{2,4})在")   # 汪道涵在《两岸关系》杂志发表…
# A question word, whole (哪天 / 什么时候): what came before it may be a name, never what follows.
_ASKING = LazyPattern(r"谁|什么时候|什么|哪一?[天年月位个里儿些]?|几|多少|怎么|怎样|如何|是否|吗|呢")
# (各篇文章 / 这几篇讲话 say where to look as much as 第三篇 does: which speeches, not what.)
_SPEECH_REF_WORDS = LazyPattern(rf"(?:第\s*{SPEECH_NUMBER}\s*|最后一|最末一|末一)篇(讲话|发言|文章)?|(这|该|那)篇(讲话|文章)?|(这|该|本|此|一)文|全文"
                                r"|(?:各|这几|那几|几|每)篇(?:讲话|发言|文章)")
# 那篇讲宁乡的讲话 / 关于作风的讲话: the name comes after these.
# (这份政府工作报告 / 这次发布会 / 那场座谈会: a pointer before the name, as 这篇 is.)
_NAME_PREFIX = LazyPattern(r"^(?:(?:这|那|该)一?[篇份次场])?(?:关于|有关|在|讲|谈|提到|讲到|谈到|说到|提及)?")
# (一篇讲话里提到了托尔斯泰 / 有一篇: one of them, not the first: 一篇 names none.)
_NOT_A_NAME = LazyPattern(r"^(这|那|各|几|每|哪|该|本|此|多|两|三|四|五)|^(?:有|某)?一篇$")
# (刘武生他们那篇 / 张立平等人写的那篇: his and his co-author's.)
_NAME_SUFFIX = LazyPattern(r"(?:(?:他|她)们|等人?)?(?:(?:写|撰写|发表)?的|(?:会议|会)?上)$|(?:(?:他|她)们|等人?)$")


def strip_speech_reference(text: str) -> str:
    """"第三篇讲话" says where to look, not what to look for: the text without it."""
    return _SPEECH_REF_WORDS.sub(" ", text)


def numbered_speech(text: str, speeches: Sequence[Speech]) -> tuple[int | None, str]:
    """第N篇 → the speech whose title carries 第N篇 (【第N篇】), else the N-th speech."""
    m = _SPEECH_NO.search(text)
    if not m:
        if _LAST_SPEECH.search(text) and speeches:
            # 最后一篇: the highest 【第N篇】 a title carries, else the last in the corpus.
            marked = [chinese_numeral(mt.group(1)) for s in speeches if (mt := _SPEECH_NO.search(ta.normalise(s.title)))]
            return _speech_numbered(max((n for n in marked if n), default=len(speeches)), speeches)
        return None, ""
    return _speech_numbered(chinese_numeral(m.group(1)), speeches)


# 那第一篇呢 / 第二篇的呢 / 宁乡那篇呢?: nothing but a speech named again, leaning on the turn before.
_ONLY_LEANING = LazyPattern(r"^[那这还再]?(?:讲话|文章)?(?:的|里|中)?(?:呢|吗|咧|嘞)?[?？。!！,，\s]*$")


def swapped_speech(question: str, previous: str, speeches: Sequence[Speech]) -> str:
    """那第一篇呢, after 第三篇讲话的最后一点是什么: the question before, asked of the speech this one
    names instead (第一篇讲话的最后一点是什么); "" when this one asks anything more, or names no
    speech, or the same one."""
    def reference(text: str) -> tuple[int | None, str]:
        m = _SPEECH_NO.search(text)
        if m:
            return numbered_speech(text, speeches)[0], m.group(0)
        found, said = named_speeches(text, speeches)
        return (found[0], said) if len(found) == 1 else (None, "")

    norm, before = ta.normalise(question), ta.normalise(previous)
    no, said = reference(norm)
    rest = norm.replace(said, "", 1).lstrip("那这还再") if said else norm
    if no is None or not said or not _ONLY_LEANING.match(rest):
        return ""
    was, was_said = reference(before)
    if was == no:
        return ""
    if was is not None and was_said and was_said in before:
        return before.replace(was_said, said, 1)
    return f"{said}{before}" if was is None else ""


def numbered_speeches(text: str, speeches: Sequence[Speech]) -> tuple[tuple[int, ...], list[str]]:
    """第一篇和第三篇: every speech the question numbers (none missing), and what was said of them."""
    found: list[int] = []
    said: list[str] = []
    for m in _SPEECH_NO.finditer(text):
        no, how = _speech_numbered(chinese_numeral(m.group(1)), speeches)
        if no is None:
            return (), []
        if no not in found:
            found.append(no)
            said += [how] if how else []
    return tuple(found), said


def _speech_numbered(n: int | None, speeches: Sequence[Speech]) -> tuple[int | None, str]:
    if n is None:
        return None, ""
    for s in speeches:
        mt = _SPEECH_NO.search(ta.normalise(s.title))
        if mt and chinese_numeral(mt.group(1)) == n:
            return s.no, ""
    if 1 <= n <= len(speeches):
        return speeches[n - 1].no, f"按语料中的顺序,第{n}篇是「{speeches[n - 1].title}」"
    return None, f"语料中只有 {len(speeches)} 篇讲话,没有第{n}篇"


_SPOKE_AS_VERB = LazyPattern(r"(?:代表|作|做|上台|带头|先后|相继|分别|踊跃|即席)$")
_SPEAKER_AFTER = LazyPattern(r"的(?:劳模|代表|同志|领导|专家|委员|干部|嘉宾|工人|农民|学生|老师)")
_DOERS_AFTER = LazyPattern(r"的(?:都|又|分别)?(?:是|有)(?:谁|哪)|的(?:那|这)?(?:几|些)?(?:位|个人|人)")


def named_speeches(text: str, speeches: Sequence[Speech]) -> tuple[tuple[int, ...], str]:
    """宁乡那篇 / 南通市政府办公室的讲话 / 马凯文章 / 中纪委二次全会公报: the speeches whose
    title or speaker and date lines (else whose text) hold the name; and the reference's words
    (they say where to look, not what to look for)."""
    labels = {s.no: speech_label(s) for s in speeches}
    titles = {s.no: s.title for s in speeches}
    by_no = {s.no: s for s in speeches}
    pair = _PAIR_NAMED.search(text)
    if pair:
        # 茶话会和常委会两篇: each name as if it stood alone before 那篇.
        each = [named_speeches(name + "那篇", speeches)[0] for name in pair.group(1, 2)]
        if all(len(found) == 1 for found in each) and each[0] != each[1]:
            return (each[0][0], each[1][0]), pair.group(0)
    people = _PAIR_OF_OFFICES.search(text)
    if people:
        # 周市长和韩书记在各自讲话里…: each the speaker of a speech, by surname and office.
        each = [_by_surname_office(name, speeches) for name in people.group(1, 2)]
        if None not in each and each[0] != each[1]:
            return (each[0], each[1]), people.group(0)   # type: ignore[return-value]
    meetings = _PAIR_OF_MEETINGS.search(text)
    if meetings:
        # 营商环境大会和河长制会议都…: two meetings' names joined, each naming the speech given there.
        each = [named_speeches(name + "那篇", speeches)[0] for name in meetings.group(1, 2)]
        if all(len(found) == 1 for found in each) and each[0] != each[1]:
            return (each[0][0], each[1][0]), meetings.group(0)
    places = _PAIR_IN.search(text)
    if places:
        # 在贺词里和在农村工作会议上分别…: two texts, each named where something was said.
        each = [named_speeches(name + "那篇", speeches)[0] for name in places.group(1, 2)]
        if all(len(found) == 1 for found in each) and each[0] != each[1]:
            return (each[0][0], each[1][0]), places.group(0)
    kind = _KIND_ONLY.search(text)
    if kind:
        # 那篇报道 / 这篇公报: the one text of that kind (a report opens with a dateline).
        genre = kind.group(1) or kind.group(2)
        # (这篇专访, of ——访青禾县副县长周敏: an interview's title says 访.)
        of_kind = tuple(s.no for s in speeches if genre in labels[s.no]
                        or (genre == "报道" and opens_with_dateline(s))
                        or (genre in ("专访", "访谈", "采访") and re.search(_INTERVIEW_TITLE, labels[s.no]))
                        or (genre in _GREETINGS and greets_new_year(s, labels[s.no])))
        if len(of_kind) == 1:
            return of_kind, kind.group(0)
    if REPORTER_ASKS.search(text):
        # 记者一共问了几个问题: the one interview (——访…) is the text a reporter asked questions in.
        interviews = tuple(s.no for s in speeches if is_interview(s))
        if len(interviews) == 1:
            return interviews, ""
    for m in _SPEECH_NAMED.finditer(text):
        name = _NAME_SUFFIX.sub("", _NAME_PREFIX.sub("", _QUOTE_MARKS.sub("", m.group(1))))
        # 会议是谁作的讲话: a question word ends whatever came before it as a name.
        name = _ASKING.split(name)[-1]
        if _NOT_A_NAME.match(name) or len(name) < 2:
            continue
        if m.group(3) == "报道" and not m.group(2):
            continue   # 领导说报道贪腐问题要注意什么: a verb; 座谈会的报道 names a text
        if m.group(3) in ("发言", "讲话") and (not m.group(2) and (_SPOKE_AS_VERB.search(name)
                                                                    or _DOERS_AFTER.match(text, m.end()))
                                             or _SPEAKER_AFTER.match(text, m.end())):
            continue   # 联谊会上代表发言的那几位 / 先后讲话 / 座谈会上发言的是谁 / 那个发言的劳模: someone spoke
        said = m.group(0)[m.group(0).find(name):] if name in m.group(0) else m.group(0)
        if _SURNAME_OFFICE.fullmatch(name):
            # 罗副总理那篇文章: the text a person so named wrote, not one that says his office.
            found = _by_surname_office(name, speeches)
            if found is not None:
                return (found,), _same_references(text, (found,), speeches, said)
        # 胡可在话剧发展研讨会上的发言: the speaker the name opens with says whose it is.
        speaker, who = _by_own_name(name, speeches) or ((), "")
        if not speaker and (opener := _TITLE_OPENER.match(name)):
            # (仝立华在工会全会上的工作报告: a name of no common surname, known by the deck line that
            # opens with it or the office a report gives it.)
            who = opener.group(1)
            speaker = tuple(sp.no for sp in speeches if any(ta.normalise(u.text).startswith(who) for u in _leading_metadata(sp))
                            or holds_office(who, "".join(u.text for u in sp.paragraphs[:3]), gap=0))
        if len(speaker) == 1 and name.startswith(who):
            return speaker, _same_references(text, speaker, speeches, said)
        pool = list(speeches)
        if _SPECIFIC.fullmatch(m.group(3)):
            # 公报 / 慰问信: when some titles say what kind of text they are, the kind narrows.
            # (——一九九八年新年贺词: a subtitle line may say the kind.)
            kind = [s for s in speeches if m.group(3) in naming_label(s)]
            if len(kind) == 1:
                return (kind[0].no,), _same_references(text, (kind[0].no,), speeches, said)
            pool = kind or pool
        if "报道" in m.group(0) and (reports := [s for s in pool if opens_with_dateline(s)]):
            # 报道银行会议那篇 / 科技大会的报道: of the texts that report (a dateline lead), the
            # one the rest of the name fits.
            pool, name = reports, name.replace("报道", "") or name
        # 南通办公室那篇 / 南通办公室讲话: most of the name's character pairs in one speech alone name it
        # before a tail (办公室) that several speeches hold.
        if len(name) >= 4:
            found = _most_of(name, pool, labels, share=0.75)
            if found is not None:
                return (found,), _same_references(text, (found,), speeches, said)
        if len(name) >= 4 and _MEETING_NAME.search(name) and len(pool) > 1:
            # 科技大会讲话: a meeting's name shortened names the one speech given at it, before a
            # tail of the name (大会) that several titles hold.
            meeting = _title_owner(name, *_naming_titles(pool))
            if meeting is not None:
                return (meeting,), _same_references(text, (meeting,), speeches, said)
        # (白沙区会议: the place it opens with names the speech, before any tail of it, 区会议, does.)
        placed = _by_place(name, pool)
        if len(placed[0]) == 1:
            return placed[0], _same_references(text, placed[0], speeches, said)
        # Try the whole name, then shorter tails (南通市政府办公室 → 政府办公室 …): a reader
        # names a speech by the words that stick, not by its exact title.
        for start in range(0, max(1, len(name) - 1)):
            part = name[start:]
            if len(part) < 2:
                break
            by_title = tuple(s.no for s in pool if _holds_name(part, labels[s.no]))
            # 朱镕基那次讲话: the title that opens with the name, not a deck line that lists it.
            by_title = tuple(no for no in by_title if part in ta.normalise(titles[no])) or tuple(
                no for no in by_title if any(ta.normalise(u.text).startswith(part) for u in _leading_metadata(
                    by_no[no]))) or by_title   # (尉健行强调…, a deck line that opens with him; not 江泽民李鹏…尉健行…等会见)
            if by_title and (len(by_title) < len(pool) or len(pool) == 1):
                return by_title, _same_references(text, by_title, speeches, said)
            by_text = tuple(s.no for s in pool if any(part in ta.normalise(u.text) for u in s.units))
            if not m.group(2) and m.group(3) != "篇" and not (len(by_text) == 1 and (len(part) >= 3 or _HOLIDAY.fullmatch(part))
                                                             and part == name):
                # 春耕讲话: without 的/那篇 (or 宁乡篇) only a title can say which speech is meant,
                # or a name of its own that one speech alone holds (市中区讲话).
                continue
            if len(by_text) > 1:
                # 办公室那篇: the one speech that says the name far more often than any other.
                counts = sorted(((sum(ta.normalise(u.text).count(part) for u in s.units), s.no)
                                 for s in pool if s.no in by_text), reverse=True)
                if counts[0][0] >= _DOMINANCE * max(1, counts[1][0]):
                    by_text = (counts[0][1],)
            if by_text and (len(by_text) < len(pool) or len(pool) == 1):
                return by_text, _same_references(text, by_text, speeches, said)
        if m.group(2) or _SPECIFIC.fullmatch(m.group(3)):
            found = _most_of(name, pool, labels)
            if found is not None:
                return (found,), _same_references(text, (found,), speeches, said)
    for m in _OCCASION_NAMED.finditer(text):
        # 宁乡那次作风大会: the place or person before 那次 says which, as before 那篇.
        name = _NAME_PREFIX.sub("", m.group(1))
        if len(name) < 2:
            continue   # (checked before any text is read)
        found = tuple(s.no for s in speeches if name in labels[s.no])
        if len(found) == 1:
            return found, m.group(0)
        if not found:
            found = tuple(s.no for s in speeches if any(name in ta.normalise(u.text) for u in s.units))
            if len(found) == 1:
                # 鑫达化工那次为什么会炸: a name in the speech's text, with no meeting after 那次, is
                # what the question is about (an event): only 那次 points, and the name stays a
                # word to look for. (宁乡那次作风大会: the meeting the place names.)
                if not _MEETING_AFTER.match(text, m.end()):
                    return found, m.group(0)[m.group(0).find(name) + len(name):]
                return found, m.group(0)
    for m in _MEETING_NAMED.finditer(text):
        # 那个新闻工作座谈会: a meeting pointed at names the text about it.
        meeting = m.group(0)[2:]   # (那个迎春座谈会: 迎春 alone is also a 迎春茶话会's)
        by_label = tuple(s.no for s in speeches if meeting in labels[s.no]) \
            or tuple(s.no for s in speeches if m.group(1) in labels[s.no])
        if not by_label:   # 那个全县干部作风建设工作推进大会: the speech that names its own meeting
            by_label = tuple(s.no for s in speeches if any(m.group(1) in ta.normalise(u.text) for u in s.units))
        if len(by_label) == 1:
            return by_label, m.group(0)
    titled = _titled_speech(text, speeches)
    if titled[0]:
        return titled
    own = _by_own_name(text, speeches)
    return own if own[0] else _by_place(text, speeches)


# 青屿区今年考大学的情况 / 石塘县人均预期寿命: a city, county or district only one speech speaks of
# says which speech is asked about. (青屿最美教师 / 桐溪暴动: a name that holds the place is no
# place; 老城区 / 全市: no place of its own; 江岭省和海川市: every place asked must name one.)
_PLACE_IN = LazyPattern(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]{2})[省市县区]|(?=([\u4e00-\u9fff]{2})[省市县区])")
_NO_PLACE = LazyPattern(r"[全本各该此两城新老省市县区镇乡村]")


_OWN_PLACE_SHARE = 0.25   # of a speech's paragraphs that name the place it is about


def _own_place(sp: Speech, place: str, name: str) -> bool:
    """Whether a speech is about the place: its title, speaker or source lines name it, or a
    quarter of its paragraphs do (青石县“6·27”事故, told once in a city's speech: not its own)."""
    if not any(place in u.text for u in sp.units):
        return False
    paragraphs = sp.paragraphs
    return any(place in u.text for u in sp.units if u.kind == "metadata") \
        or sum(name in u.text for u in paragraphs) >= max(2, _OWN_PLACE_SHARE * len(paragraphs))


def _by_place(text: str, speeches: Sequence[Speech]) -> tuple[tuple[int, ...], str]:
    """The speeches the places a question names are about, and the words naming them; none
    unless every place asked names one."""
    if len(speeches) < 2:
        return (), ""
    found: dict[int, str] = {}
    asked = 0
    for m in _PLACE_IN.finditer(text):
        name = m.group(1) or m.group(2)
        if _NO_PLACE.search(name) or _ASKING.search(name):
            continue
        asked += 1
        place = text[text.find(name):text.find(name) + 3]
        owners = [sp.no for sp in speeches if _own_place(sp, place, name)]
        if len(owners) == 1 and not any(name in u.text for sp in speeches if sp.no != owners[0] for u in sp.units):
            found.setdefault(owners[0], place)
    if not asked:
        # 江州的防汛会议: a place its title names (江州市召开…), said without 市, that no other speech
        # says. (青屿最美教师 / 澜江港二期: a name that holds the place is no place.)
        found = {sp.no: stem for sp in speeches
                 for m in _PLACE_IN.finditer(sp.title) if re.search(rf"{(stem := m.group(1) or m.group(2))}(?:[的那这]|$|[^\u4e00-\u9fff])", text)
                 and not _NO_PLACE.search(stem) and not any(stem in x.text for other in speeches if other.no != sp.no
                                                             for x in other.units)}
        asked = len(found)
    if not found or len(found) < asked:
        return (), ""
    said = list(found.values())
    start, end = text.find(said[0]), text.find(said[-1]) + len(said[-1])
    between = text[start:end]
    return tuple(found), between if len(said) == 1 or _JOINED.fullmatch(between[len(said[0]):-len(said[-1])] or "、") \
        else " ".join(said)


# 周海涛在讲话中 / 张建国强调 / 陈志远最后说: a name (a surname first, after a title or a break) and a
# verb of speaking (全会强调 / 群众要求 name no speaker).
_SPEAKING = LazyPattern(r"(?:^|(?<=[，,。；;：:])|(?<=书记|市长|省长|县长|主席|总理|部长|主任|委员))"
                        rf"([{SURNAMES}][\u4e00-\u9fff]{{1,2}}?)(?:在(?:讲话|会上|大会上|座谈会上|主持会议)[中时]?|最后|首先|还|又|进一步)?"
                        # (何静就贯彻落实会议精神提出要求: what the speaker spoke on, then the verb.)
                        r"(?:说|指出|强调|要求|表示|讲话|就[^，,。]{2,16}?(?:提出|作出|讲|谈))")
_SPEAKING_PARAGRAPHS = 12   # a report's speaker speaks near its top
_OFFICE = (r"(?:书记|市长|省长|县长|区长|校长|董事长|总经理|主任|部长|局长|厅长|主席|院长|行长|总理|司令|政委|会长|社长|"
           r"元帅|将军|教授|研究员|院士|主编|总编)")
_SURNAME_OFFICE = LazyPattern(rf"([{SURNAMES}])((?:副)?{_OFFICE})")
_PAIR_OF_OFFICES = LazyPattern(rf"([{SURNAMES}](?:副)?{_OFFICE})(?:和|与|跟|及|、)([{SURNAMES}](?:副)?{_OFFICE})")

_ASKED_SPEAKER = LazyPattern(rf"[{SURNAMES}][\u4e00-\u9fff]{{1,2}}(?:讲|说|提|在|的|对|那|这|认为|觉得|强调|指出|要求|谈|怎|如何|看|和|与|同|跟|会见|接见|部署|布置|安排|交代)")


# What an office's first characters say of it (副, its level: 县委 / 市 / 厅): an office asked
# is never found by its words after them.
_OFFICE_LEVELS = frozenset("副省市县区乡镇村委部厅局校院")
# What comes before a name on a speaker line: an office (…行长, …导演, …研究员).
_OFFICE_END = LazyPattern(r"(?:长|员|书记|主席|主任|总理|导演|编辑|记者|总监|总裁|教授|代表|专家|作家|经理|秘书)$")


# 记者：… / 问：…: a reporter's turn in a transcript.
# (记者（临川日报）：: the paper may follow in brackets)
# (海川日报记者：/ 新华社记者：: the outlet may stand before 记者.)
REPORTER_TURN = LazyPattern(r"^(?:(?:[\u4e00-\u9fff]{2,12}?)?记者|问)(?:[（(][^）)]{1,16}[）)])?\s*[：:]")


def is_interview(s: Speech) -> bool:
    """An interview: its title says so (——访青禾县副县长周敏 / 专访 / 答记者问), or a transcript
    gives reporters two turns or more (a press conference: 记者：…请问…? ¶ 邓国栋：…)."""
    turns = (u for u in s.paragraphs if REPORTER_TURN.match(u.text))
    return re.search(_INTERVIEW_TITLE, speech_label(s)) is not None \
        or next(turns, None) is not None and next(turns, None) is not None   # (read up to the second)


def named_reporters(question: str, s: Speech) -> list[Unit]:
    """东江电视台记者问了什么: the reporter turns of a transcript the question names by their
    outlet (words before 记者 that some of its reporter turns hold and others not); [] when it
    names none so (记者一共问了几个问题 asks of them all)."""
    turns = [(u, m.group(0)) for u in s.paragraphs if (m := REPORTER_TURN.match(u.text))]
    for m in re.finditer(r"([\u4e00-\u9fff]{2,12})记者", question):
        before = m.group(1)
        for k in range(len(before) - 1):
            told = [u for u, t in turns if before[k:] in t]
            if 0 < len(told) < len(turns):
                return told
    return []


# 贺词 / 献辞 / 新年致辞: a New Year address, whether or not its title says which kind it is.
_GREETINGS = ("贺词", "献辞", "祝辞", "贺辞", "致辞")
_NEW_YEAR = LazyPattern(r"新年|新春|元旦|迎新")
_GREETED = LazyPattern(r"致以[^。！!]{0,30}(?:祝贺|祝愿|问候|祝福)")


def greets_new_year(s: Speech, label: str) -> bool:
    """A New Year address (同心同德迎新年…): its title or date lines say the New Year, and it opens
    by sending its greetings (向全省各族人民…致以新年的祝贺)."""
    return _NEW_YEAR.search(label) is not None and any(_GREETED.search(u.text) for u in s.paragraphs[:3])


def _holds_name(part: str, label: str) -> bool:
    """Whether a title or speaker line holds the name; an office never as a deputy's (县长 is no
    副县长: 访青禾县副县长周敏 is not the 县长's speech)."""
    if re.fullmatch(rf"[\u4e00-\u9fff]{{0,3}}{_OFFICE}", part):
        return re.search(rf"(?<!副){re.escape(part)}", label) is not None
    return part in label


def _ends_with_name(lines: str, piece: str) -> bool:
    """Whether a speaker line ends with ``piece`` as a name: the line is the name (马凯, 汪道涵) or
    an office before it (中国人民银行行长戴相龙 / 县委书记　刘德顺, spaced); a deck line
    (…促进祖国和平统一) ends with none."""
    for line in lines.split("|"):
        if line.endswith(piece) and (len(line) <= 5 or "·" in line or _OFFICE_END.search(line[:-len(piece)].rstrip())):
            return True
    return False


def _speaker_names(speeches: Sequence[Speech]) -> dict[int, str]:
    """Each speech's speaker lines (and the name its title opens with, before 在), "|"-joined."""
    return {s.no: "|".join([_speaker_text(u) for u in _leading_metadata(s) if _is_byline(u, s)]
                           + _TITLE_OPENER.findall(s.title)) + "|" for s in speeches}


def _by_surname_office(said: str, speeches: Sequence[Speech], names: dict[int, str] | None = None) -> int | None:
    """韩市长 / 罗副总理 / 钟元帅: the one speech of the person of that surname and office."""
    m = _SURNAME_OFFICE.fullmatch(said)
    if m is None:
        return None
    names = names if names is not None else _speaker_names(speeches)
    surname, office = m.group(1), m.group(2)
    given = r"[\u4e00-\u9fff]{1,2}"
    # 韩市长讲了哪三个问题: the speaker line holds a name of that surname and that office
    # (江州市市长　韩立军).
    owners = [no for no, lines in names.items()
              if any(office in line and re.search(rf"(?:^|[^\u4e00-\u9fff]|{office}){surname}{given}", line)
                     for line in lines.split("|"))]
    if not owners:
        # 罗副总理那篇, of a text signed 罗明远 alone while another says 副总理罗明远: the
        # person's own text, found by the whole name some text gives with the office.
        full = {f for s in speeches for u in s.units
                for f in re.findall(rf"(?<={office})({surname}[\u4e00-\u9fff]{{2}})", ta.normalise(u.text))}
        full |= {f[:2] for f in full}
        owners = list(dict.fromkeys(no for no, lines in names.items() for f in full if _ends_with_name(lines, f)))
    if not owners:
        # 陈省长提了几点要求, of a report: the one text whose paragraphs (or editor's note:
        # 国家教委主任唐绍文在会上作了讲话 / 为纪念钟铭山元帅…) name 省长陈国栋.
        held = rf"{office}{surname}{given}|{surname}{given}{office}"
        owners = [s.no for s in speeches if any(re.search(held, ta.normalise(u.text)) for u in
                                                [*_leading_metadata(s), *itertools.islice(s.paragraphs, _SPEAKING_PARAGRAPHS)])]
    if not owners:
        # 罗总理说…, of a speech signed 罗振华 alone: the one speaker of that surname.
        owners = [no for no, lines in names.items()
                  if any(re.fullmatch(rf"(?:.*\s)?{surname}{given}", line) for line in lines.split("|"))]
    return owners[0] if len(owners) == 1 else None


_JOINED = LazyPattern(r"\s*(?:和|与|跟|及|、|同)\s*")


def _by_own_name(text: str, speeches: Sequence[Speech]) -> tuple[tuple[int, ...], str]:
    """汪道涵觉得… / 照李默然的说法…: a name (two to four characters) that one speech's speaker
    lines (or the words its title opens with, before 在: 汪道涵在…) hold and no other speech
    mentions at all names that speech."""
    if len(speeches) < 2:
        return (), ""
    # A speaker line ends with the name (中国人民银行行长戴相龙); "|" keeps names apart.
    names = _speaker_names(speeches)
    for m in _SURNAME_OFFICE.finditer(text):
        found = _by_surname_office(m.group(0), speeches, names)
        if found is not None:
            return (found,), m.group(0)
    if _ASKED_SPEAKER.search(text):
        # …and a report names its speaker where he speaks (周海涛在讲话中… / 张建国最后强调…):
        # read only when the question holds what may be a name before 讲/说/提…
        for s in speeches:
            top = list(itertools.islice((u for u in s.units if u.kind == "paragraph"), _SPEAKING_PARAGRAPHS))
            names[s.no] += "|".join(m.group(1) for u in top for m in _SPEAKING.finditer(ta.normalise(u.text))) + "|"
    found: list[tuple[int, str]] = []
    for run in _CJK_ONLY.findall(text):
        for size in (4, 3, 2):
            for i in range(len(run) - size + 1):
                piece = run[i:i + size]
                owners = [no for no, line in names.items() if piece + "|" in line]
                if len(owners) != 1 or _ASKING.search(piece) or not _ends_with_name(names[owners[0]], piece):
                    continue
                # The whole corpus is read only for a piece that is some speaker's name.
                mentioning = [s for s in speeches if s.no != owners[0] and any(piece in u.text for u in s.units)]
                if mentioning:
                    # 朱镕基在行长会议上怎么说 / 李岚清讲了哪几方面工作: others report the name (in a
                    # list of who attended); the speech is the speaker's own unless the question's
                    # other words name another's title better.
                    rest = {text[k:k + 2] for k in range(len(text) - 1)} - {piece[k:k + 2] for k in range(len(piece) - 1)}
                    # (Only the owner's and the mentioning speeches' labels are read.)
                    overlap = {s.no: sum(g in speech_label(s) for g in rest)
                               for s in speeches if s.no == owners[0] or s in mentioning}
                    if overlap[owners[0]] <= max(0, *(overlap[s.no] for s in mentioning)):
                        continue
                if not found or _JOINED.fullmatch(text[text.find(found[-1][1]) + len(found[-1][1]):text.find(piece)]):
                    found.append((owners[0], piece))   # 查明哲和李默然都…: each speaker's text
                if len(found) == 1 and not _JOINED.match(text[text.find(piece) + len(piece):]):
                    return (owners[0],), piece
    if found:
        owners_found = tuple(dict.fromkeys(no for no, _ in found))
        return owners_found, text[text.find(found[0][1]):text.find(found[-1][1]) + len(found[-1][1])]
    # (邱市长 / 韩市长: a surname with the office asks for that person, whom _by_surname_office
    # did not find alone; the office without him names no one.)
    for m in [] if _SURNAME_OFFICE.search(text) else re.finditer(rf"[\u4e00-\u9fff]{{0,3}}?副?{_OFFICE}", text):
        # 市长讲了什么 / 副书记那篇: the one speech whose speaker line holds the office before the
        # speaker's name (市长　林晓峰); 市长 is not 副市长.
        office = m.group(0)
        for start in range(len(office) - 1):
            piece = office[start:]
            if start and office[start - 1] in _OFFICE_LEVELS:
                break   # (副市长 asks for no 市长; 县委书记 for no 市委书记, 委书记 being no office)
            owners = [no for no, lines in names.items()
                      if re.search(rf"(?<!副){re.escape(piece)}\s*[{SURNAMES}][\u4e00-\u9fff]{{1,3}}\|", lines)]
            # (As a name: not when other texts speak of that office too, 总理 in a report of a meeting.)
            # (县长 is not the 副县长 another text names.)
            if len(owners) == 1 and not any(s.no != owners[0] and any(re.search(rf"(?<!副){re.escape(piece)}", u.text) for u in s.units)
                                            for s in speeches):
                return (owners[0],), piece
    return (), ""


def _leading_metadata(s: Speech) -> list[Unit]:
    """The title, speaker and date lines a speech opens with (not captions further down)."""
    out = []
    for u in s.units:
        if u.kind != "metadata":
            break
        out.append(u)
    return out


def opens_with_dateline(s: Speech) -> bool:
    lead = s.lead
    return lead is not None and bool(_NEWS_LEAD.match(ta.normalise(lead.text)))


# （这是李岚清在全国语言文字工作会议上的书面讲话）: a line saying where the speech was given.
_OCCASION_LINE = LazyPattern(r"讲话|会议|发言|致辞|报告|座谈会|大会")


def naming_label(s: Speech) -> str:
    """The lines that name a speech when a question names it: its title, its short speaker and
    date lines and a line on its occasion, not a deck that sums up what it says (…必须建设一支…
    执纪执法队伍) or a photo caption."""
    lines = [u.text for u in _leading_metadata(s) if u.text != s.title and not _CAPTION.search(ta.normalise(u.text))
             and (len(_DATE_AFTER.sub("", u.text)) <= _SPEAKER_LINE or _OCCASION_LINE.search(u.text))]
    return ta.normalise(" ".join([s.title, *lines]))


# 国家科学技术委员会主任　唐慕远: an office and a name apart, though the office says 会.
_OFFICE_THEN_NAME = LazyPattern(r"\S*(?:长|员|书记|主席|主任|总理|部长|委员)\s+[\u4e00-\u9fff·]{2,4}")


# 副市长　林晓岚（2024年3月18日）: a speaker line with its date after the name.
_DATE_AFTER = LazyPattern(r"\s*[(（][^()（）]*(?:\d|[〇零一二三四五六七八九十]年)[^()（）]*[)）]\s*$")


def _speaker_text(u: Unit) -> str:
    return _DATE_AFTER.sub("", ta.normalise(u.text))


def _is_byline(u: Unit, s: Speech) -> bool:
    text = _speaker_text(u)
    return u.text != s.title and (len(text) <= _SPEAKER_LINE and not _NOT_SPEAKER.search(text)
                                  or bool(_OFFICE_THEN_NAME.fullmatch(text)))


def byline(s: Speech) -> Unit | None:
    """The line under the title that says who speaks or wrote (中国文联副主席李默然), if any."""
    return next((u for u in _leading_metadata(s) if _is_byline(u, s)), None)


def speech_label(s: Speech) -> str:
    """What names a speech: its title, its speaker, date and occasion lines."""
    return ta.normalise(" ".join([s.title] + [u.text for u in _leading_metadata(s)]))


def _most_of(name: str, pool: Sequence[Speech], labels: dict[int, str], share: float = 0.6) -> int | None:
    """戴相龙给人民日报财税金融版写的那篇: the one speech whose title, lines and text hold most of
    the name's character pairs (``share`` of them at least, and more than any other speech)."""
    pairs = {name[i:i + 2] for i in range(len(name) - 1) if _CJK_ONLY.fullmatch(name[i:i + 2])}
    if len(pairs) < 2:
        return None
    held = sorted(((sum(1 for g in pairs if g in labels[s.no] or any(g in u.text for u in s.units)), s.no)
                   for s in pool), reverse=True)
    if not held or held[0][0] < share * len(pairs) or (len(held) > 1 and held[1][0] == held[0][0]):
        return None
    return held[0][1]


# Words after which a phrase names where something is said: 元旦献辞里 / 茶话会上 / 《忌辰的思念》说 /
# 政协常委会讲的.
# (标记测试第一点: an ordinal after the title says where too; 李鹏接见海关关长会议代表的时候: the
# occasion the title tells, and when.)
_WHERE_CUE = LazyPattern(r"(?<=代表|会议|大会|座谈)(?:的)?时(?:候)?|里|中|上|讲(?=的|了|过)|[提谈写](?=的)|那篇|这篇|一文|的讲话|讲话|说|提到|指出|强调|提出|谈到|讲到|的|作者|第(?=[一二三四五六七八九十\d])")
_TITLE_PARTS = LazyPattern(r"——|—|－|:|\uff1a|\s+|（[^）]*）|\([^)]*\)")
_BOOK_TITLE = LazyPattern(r"《([^》]{2,40})》")
_CJK_ONLY = LazyPattern(r"[\u4e00-\u9fff]+")


_SUBTITLE = 30   # a subtitle line (——在…会议上的讲话), not an editor's note
_ASIDE = LazyPattern(r"[(（][^)）]{1,8}[)）]")


_OPENING_TITLE = 4   # (a shorter one, 讲话, is a word any question may open with)
_CJK_CHARS = LazyPattern("[\u4e00-\u9fff]")


def _naming_titles(speeches: Sequence[Speech]) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """Each speech's title with its occasion subtitle, and its title alone, as a reader names them."""
    # 行长（经理）会议: a reader says 行长会议; the aside in brackets is not part of the name.
    # (——在全国政协新年茶话会上的讲话: a subtitle on the occasion names the speech as its title does.)
    # 说“实”那篇: a reader quotes a title as it is printed; quote marks are no part of the name.
    titles = [(s.no, _QUOTE_MARKS.sub("", _ASIDE.sub("", ta.normalise(" ".join([s.title, *(
        u.text for u in _leading_metadata(s) if u.text != s.title and len(u.text) <= _SUBTITLE
        and _OCCASION_LINE.search(u.text) and not _CAPTION.search(ta.normalise(u.text)))]))))) for s in speeches]
    own_titles = [(s.no, _QUOTE_MARKS.sub("", _ASIDE.sub("", ta.normalise(s.title)))) for s in speeches]
    return titles, own_titles


# 科技大会 of …科技创新大会暨…奖励大会上的讲话: a meeting's name shortened, read in a subtitle too.
# (生态环境会上: a reader says 会 for the 会议 a title names, after two characters of its name.)
_MEETING_NAME = LazyPattern(r"(?:大会|会议|座谈会|茶话会|团拜会|报告会|论坛|(?<=[\u4e00-\u9fff]{2})(?<![会大开])会)$")


def _meeting_shortened(piece: str, title: str) -> bool:
    """人才大会 of 在全市人才工作暨创新创业表彰大会上的讲话: a meeting's first words, then the
    word for the meeting its name ends with, in one phrase of the title."""
    m = _MEETING_NAME.search(piece)
    head = piece[:m.start()] if m else ""
    at = title.find(head) if len(head) >= 2 else -1
    past = at + len(head)
    if at < 0 and len(head) >= 2 and (span := _abbreviated_span(head, title)):
        at, past = span   # (劳模会 of …劳动模范表彰大会: the name before the meeting shortened too)
    end = title.find(m.group(0), past) if m and at >= 0 else -1
    if end < 0 and m and at >= 0 and m.group(0) in _ANY_MEETING:
        # 乡村振兴会议 of 在全区乡村振兴工作推进会上的讲话: 会议 / 大会 is any meeting a title names.
        found = _A_MEETING.search(title, past)
        end = found.start() if found else -1
    return end >= 0 and not re.search(r"上|讲话|\s", title[at:end])


_ANY_MEETING = ("会议", "大会", "会")
_A_MEETING = LazyPattern(r"会(?=上|议|暨|$)")


def _title_owner(piece: str, titles: list[tuple[int, str]], own_titles: list[tuple[int, str]]) -> int | None:
    """The one speech whose title (or occasion subtitle) holds ``piece`` or shortens to it."""
    found = [no for no, t in titles if piece in t]
    if not found and len(piece) >= 3:
        # 环保会议 / 科技会: an abbreviation keeps the title's characters in order, close together.
        # (Of the title itself: 今年教育 is no shortening of a subtitle's …年全国教育工作会议; a
        # meeting's name, 科技大会, is of the meeting a subtitle names.)
        found = [no for no, t in (titles if _MEETING_NAME.search(piece) else own_titles) if _abbreviates(piece, t)] \
            or [no for no, t in titles if _meeting_shortened(piece, t)] \
            or [no for no, t in titles if _MEETING_NAME.search(piece) and _abbreviates(piece, t, 3.5)]
        # (粮改会议 of 粮食流通体制改革工作会议: a meeting's long name shortened to its first words.)
    elif not found and len(piece) == 2:
        # 校庆 of 建校70周年庆祝大会: two characters, side by side once its count is read past.
        found = [no for no, t in own_titles if _abbreviates(piece, _ANNIVERSARY.sub("", t), 1.0)]
    return found[0] if len(found) == 1 else None


def _titled_speech(text: str, speeches: Sequence[Speech]) -> tuple[tuple[int, ...], str]:
    """A speech named by words of its own title that no other title has: 《忌辰的思念》, or a
    phrase right before 里/上/说… (元旦献辞里, 春节团拜会上). The longest such phrase wins."""
    if len(speeches) < 2:
        return (), ""
    titles, own_titles = _naming_titles(speeches)

    def owner(piece: str) -> int | None:
        return _title_owner(piece, titles, own_titles)

    for m in _BOOK_TITLE.finditer(text):
        no = owner(m.group(1))
        if no is not None:
            return (no,), m.group(0)
    # A whole title, or a whole part of one (元旦献辞 of …——元旦献辞), names its speech before
    # 的 too: 元旦献辞的结尾; a phrase that only occurs in a title (深化改革的意义) does not.
    whole = {seg for _, t in titles for seg in _TITLE_PARTS.split(t) if len(seg) >= 3}
    # 论讲礼貌引用《荀子》…: a whole title opening the question, or a clause of it, names its
    # speech whatever verb follows — when a question of its own follows (社会主义能够消除贫穷吗
    # asks about the title's words).
    for seg in sorted(whole, key=len, reverse=True):
        at = re.search(f"(?:^|[,，。;；?？!！]){re.escape(seg)}", text) if len(seg) >= _OPENING_TITLE else None
        if at and len(_CJK_CHARS.findall(text[at.end():])) >= _OPENING_TITLE and (no := owner(seg)) is not None:
            return (no,), seg
    best: tuple[int, str, str] | None = None   # (the speech, the phrase read, the words naming it)
    for cue in _WHERE_CUE.finditer(text):
        end = cue.start()
        for start in range(max(0, end - 20), end - 1):   # longest first, two characters at least
            piece = text[start:end]
            if best is not None and len(piece) <= len(best[1]):
                break
            bare = _QUOTE_MARKS.sub("", piece)
            if len(piece) == 2 and any(bare in t for _, t in titles):
                continue   # (two characters name a speech only as an abbreviation, 校庆; 会上 names none)
            if cue.group(0) == "的" and bare not in whole:
                continue
            no = owner(bare) if _CJK_ONLY.fullmatch(bare) and len(bare) >= 2 else None
            # (白沙区会议上: the place it opens with names it, though 区会议 abbreviates another title.)
            placed, place = _by_place(bare, speeches) if no is None and len(bare) >= 4 else ((), "")
            no = placed[0] if len(placed) == 1 else no
            # (澜溪县财政每年…用在城市更新上: the place is the reference; the rest is asked.)
            # (清江省的农村工作讲话: a piece that ends naming a speech or meeting is all reference.)
            said = place if len(placed) == 1 and not re.search(r"(?:讲话|发言|报告|会议|大会|会)$", bare) \
                and not re.match(r"的?(?:讲话|发言|报告|那篇|这篇|一文)", cue.group(0)) else piece
            # 在拒腐防变、反腐倡廉中: words of one title that other texts use too are a topic,
            # unless they are a whole part of the title (元旦献辞). Read only for an owned piece.
            if no is not None and bare not in whole and any(
                    bare in u.text for s in speeches if s.no != no for u in s.units):
                no = None
            if no is not None:
                best = (no, piece, said)
                break
    return ((best[0],), best[2]) if best else ((), "")


_ANNIVERSARY = LazyPattern(r"[\d０-９一二三四五六七八九十百]+(?:周年|年)")


def _abbreviates(piece: str, title: str, spread: float = 2.5) -> bool:
    """Whether ``piece`` (环保会议) is the title's words (环境保护工作会议) shortened: each of its
    characters in order, within ``spread`` times its length."""
    return _abbreviated_span(piece, title, spread) is not None


def _abbreviated_span(piece: str, title: str, spread: float = 2.5) -> tuple[int, int] | None:
    """Where in ``title`` the words ``piece`` shortens stand (start, end past them), if it does."""
    for start in (i for i, c in enumerate(title) if c == piece[0]):
        end = start
        for c in piece[1:]:
            end = title.find(c, end + 1)
            if end < 0:
                return None
        if end - start + 1 <= spread * len(piece):
            return start, end + 1
    return None


def _same_references(text: str, found: tuple[int, ...], speeches: Sequence[Speech], first: str) -> str:
    """``first`` and every further reference in ``text`` that fits the speeches ``found``
    (宁乡那篇县委书记的讲话: 县委书记 is in that speech too), joined by spaces: the words that say
    where to look."""
    refs = [first]
    chosen = [s for s in speeches if s.no in found]
    if REPORTER_ASKS.search(text):
        # 记者一共问了几个问题: the one interview (——访…) is the text a reporter asked questions in.
        interviews = tuple(s.no for s in speeches if is_interview(s))
        if len(interviews) == 1:
            return interviews, ""
    for m in _SPEECH_NAMED.finditer(text):
        name = _NAME_SUFFIX.sub("", _NAME_PREFIX.sub("", _QUOTE_MARKS.sub("", m.group(1))))
        if m.group(0) in refs or first in m.group(0) or _NOT_A_NAME.match(name) or len(name) < 2:
            continue
        if all(name in ta.normalise(s.title) or any(name in ta.normalise(u.text) for u in s.units) for s in chosen):
            refs.append(m.group(0))
    return " ".join(refs)


def speech_marked(marker: str, speeches: Sequence[Speech]) -> int | None:
    """第二个问题 with no speech named: the one speech with a paragraph that opens with those words."""
    key = ta.normalise(marker)
    found = [s.no for s in speeches if any(ta.normalise(u.text).startswith(key) for u in s.paragraphs)]
    return found[0] if len(found) == 1 else None


# 姜春云讲农业、李鹏讲石油,两人各…: a question that asks of each of what its clauses name.
EACH_OF = LazyPattern(r"分别|各自|各是|两人|两位|二人|两篇|都")


def each_clause_named(norm: str, speeches: Sequence[Speech],
                      content_words: Callable[[str], list[str]]) -> tuple[tuple[int, ...], str] | None:
    """李鹏在石油会上、江泽民在宣传部长会上,分别…: the speech each clause before the question's
    own names (by its speaker, its occasion; the clause's other words choosing among a speaker's
    speeches), and the words that named them (space-separated; a clause's topic, 讲石油, is left
    to be searched); None unless two clauses or more name one each."""
    clauses = [c for c in re.split(r"[、，,]", norm) if c.strip()]
    found: list[tuple[int, str]] = []
    for clause in clauses[:-1] if len(clauses) > 2 else clauses[:1]:
        named, said = named_speeches(clause, speeches)
        said = said if len(named) == 1 else ""   # (the words that named it; a clause's topic stays searched)
        if len(named) != 1:
            # (李鹏讲石油: of his speeches, or of all, the one whose title and lines hold most of
            # the clause's words, two at least.)
            words = [w for w in content_words(clause) if len(w) >= 2]
            scored = sorted(((sum(w in speech_label(sp) for w in words), sp.no) for sp in speeches
                             if not named or sp.no in named), reverse=True)
            named = (scored[0][1],) if scored and scored[0][0] >= 2 and (len(scored) == 1 or scored[1][0] < scored[0][0]) else ()
        if len(named) == 1 and named[0] not in (no for no, _ in found):
            found.append((named[0], said))
    if len(found) < 2:
        return None
    return tuple(no for no, _ in found), " ".join(said for _, said in found if said)
