"""Points a speaker announces and then takes up without numbering them: 下面，我讲三点意见。
followed by as many paragraphs that each open with a topic sentence of their own (要…。 要…。),
that each say they bring one more (另一个启示… / 还要学习…), or that each settle the one before
(明确了形势，更要明确干什么。), with paragraphs going on with each between them."""

from __future__ import annotations

from collections.abc import Sequence

from .corpus import Unit
from .enumeration import SIGN_OFF
from .lazy_pattern import LazyPattern
from .text_analysis import split_sentences
from .text_helpers import chinese_numeral

__all__ = ["ADDS_PART", "ANNOUNCES", "EARLY", "SPEAKER_ANNOUNCES", "STATED", "added_part", "announced_after", "announced_early", "announced_topics", "topic_sentence"]

# …有几项工作需要着力加以推进。 / 我讲三点意见。: a lead-in that announces a count of items
# without a colon; its items are paragraphs that open alike with a short sentence of their own.
# (我想讲三点体会，同大家一起交流。: a short clause may follow.)
ANNOUNCES = LazyPattern(r"(?:几|[一二三四五六七八九十两\d]+)(?:项|个|条|点|方面|件)[^。，,]{0,12}(?:[，,][^。，,]{0,12})?[。]$")
STATED = LazyPattern(r"([二三四五六七八两]|\d)(?:项|个|条|点|方面|件)")

# 下面，我讲三个问题。 / 我讲两点意见: a speaker announcing his speech's parts and their number.
# (要着重抓好三个方面 / 做好三件事: what is to be done, counted, announces as well; 我和大家谈几点想法:
# the count is left to the run that follows.)
SPEAKER_ANNOUNCES = LazyPattern(r"(?:讲|谈|说|抓好|抓|做好|突出|把握|注意|强调)(?:一下|一讲|一谈)?([两三四五六七八九几])"
                         r"(?:个问题|点意见|个方面|方面|点看法|点建议|点要求|项工作|件事|点)")
# 我向青年朋友们提三点希望 / 对大家提三点要求: points announced (hopes and requirements are one part
# of a speech, not its parts, unless they come first: announced_early).
_POINTS_ANNOUNCED = LazyPattern(r"(?:讲|谈|说|强调|提出|提)(?:一下)?([两三四五六七八九])(?:点|条|个方面)")
# 农业夺得了好收成。 / 对外开放进一步扩大。: a short sentence of one clause, saying the topic its
# paragraph goes on to tell (a year's review, field by field).
_TOPIC_SENTENCE = 20
_CLAUSE_BREAK = LazyPattern("[，,；;：:]")
_SUMS_UP = LazyPattern("这|那|以上|上述|总之|总的|综上")


def topic_sentence(u: Unit) -> bool:
    first = split_sentences(u.text)[0] if u.kind == "paragraph" else ""
    return bool(first) and len(first) <= _TOPIC_SENTENCE and len(first) < len(u.text) and not _CLAUSE_BREAK.search(first) \
        and not _SUMS_UP.match(first)   # (这些成绩来之不易。 sums the run up; it is none of it)


def announced_after(units: Sequence[Unit], lead: Unit) -> list[Unit]:
    """…我讲三点意见。 then as many paragraphs, up to the speech's close, that each open with a
    topic sentence of their own (要把发展作为第一要务。), paragraphs that go on with each between
    them: the points, however far apart. [] unless the count is exactly the one announced."""
    stated = STATED.search(split_sentences(lead.text)[-1]) if lead.text.strip() else None
    count = chinese_numeral(stated.group(1)) if stated else 0
    if count < 2:
        return []
    after: list[Unit] = []
    for u in units[lead.seq:]:
        if u.kind != "paragraph":
            continue
        if _CLOSE.match(u.text) or SIGN_OFF.match(u.text):
            break   # (同志们，… / 最后，祝…: the speaker turns to close)
        after.append(u)
    if not after:
        return []
    # (…我想讲三点体会。 ¶ 最根本的是要学习… ¶ … ¶ 另一个启示，是… ¶ … ¶ 我们…还要学习…: the first
    # point comes first; each later one says in its first sentence that it is one more.)
    # (Each speaks of what the first does, 骆秋田同志: a 还要… on another subject is no point of it.)
    first = split_sentences(after[0].text)[0]
    subject = {first[i:i + 3] for i in range(len(first) - 2) if _CJK_RUN.fullmatch(first[i:i + 3])}
    more = [u for u in after[1:] if _ONE_MORE.search(opening := split_sentences(u.text)[0])
            and any(opening[i:i + 3] in subject for i in range(len(opening) - 2))]
    if len(more) == count - 1 and len([u for u in after[1:] if _ONE_MORE.search(split_sentences(u.text)[0])]) == count - 1:
        return [after[0], *more]
    # (…我讲三个方面的意见。 ¶ 正确看待…形势… ¶ 明确了形势，更要明确干什么。 ¶ 任务明确之后，关键在落实。:
    # each later part opens by saying the last one is settled.)
    turns = [u for u in after[1:] if _TURNS.match(u.text)]
    if len(turns) == count - 1:
        return [after[0], *turns]
    topics = [u for u in after if topic_sentence(u)]
    if topics and topics[0] is after[0]:
        # (优先发展不是一句口号。 goes on with the first point: the points open alike, 要… 要… 要….)
        alike = [u for u in topics if u.text[:1] == topics[0].text[:1]]
        if len(topics) == count or len(alike) == count:
            return topics if len(topics) == count else alike
    # (…我讲三点意见，同大家交流。 ¶ 我们要进一步坚持… ¶ 为了…，省委决定… ¶ 希望大家继续… ¶ 经过…
    # 协商，… ¶ 各民主党派…还要进一步加强…: each point opens with a short sentence that asks for
    # something, 要 / 希望, in its first clause; a paragraph going on with one opens on a clause of
    # purpose or means, 为了… / 经过….)
    directed = [u for u in after if _DIRECTS.match(first := split_sentences(u.text)[0]) and len(first) <= _DIRECTIVE_CHARS]
    if len(directed) == count and directed[0] is after[0] and len(after) > count:
        return directed
    # (…我讲三点意见。 ¶ 安全生产事关… ¶ … ¶ 安全生产重在防范… ¶ … ¶ 安全生产关键在责任落实。:
    # each point opens with the word the first opens with, the speech's subject; paragraphs going
    # on with a point open otherwise. 李鹏说… 李鹏指出…: a word every paragraph opens with is none.)
    opening = after[0].text[:2]
    alike = [u for u in after if u.text.startswith(opening)] if _CJK_RUN.fullmatch(opening) else []
    return alike if len(alike) == count < len(after) and _POINTS_ANNOUNCED.search(lead.text) else []


# 我们要进一步坚持… / 希望大家继续… / 各民主党派…还要进一步加强…: a first clause that asks for something,
# not one of purpose, means or time before it (为了… / 经过… / 在…中).
_DIRECTS = LazyPattern(r"(?!为了|经过|通过|在|随着|对于|根据|按照|针对)[^，,。；;：:]{0,20}?(?:要|希望|应当|应该|必须)")
_DIRECTIVE_CHARS = 40
# 明确了形势，更要… / 任务明确之后， / 形势讲清楚了，: a part that opens by settling the one before.
_TURNS = LazyPattern(r"[^，,。；;]{0,10}(?:明确|清楚|清晰|认清|看清|讲清|弄清|确定)(?:了|之后|以后)[^，,。；;]{0,8}[，,]")
# 另一个启示 / 还要学习 / 此外: a paragraph that says it brings one more point.
_ONE_MORE = LazyPattern(r"另一|还要|还应|此外|再者|再一个|再一点|还有一")


def announced_topics(units: Sequence[Unit]) -> list[Unit]:
    """The points a speech announced (我讲三点意见。) and took up unmarked, each a paragraph that
    opens with a topic sentence (announced_after); [] when it announced none so."""
    return next((found for lead in units if lead.kind == "paragraph" and lead.text.strip()
                 and ANNOUNCES.search(split_sentences(lead.text)[-1]) and (found := announced_after(units, lead))), [])


_CLOSE = LazyPattern(r"(?:同志们|各位(?:[\u4e00-\u9fff]{2})?|朋友们|同学们)[，,！!]")


_CJK_RUN = LazyPattern("[\u4e00-\u9fff]+")

# 此外，我再强调一下组织领导问题。 / 另外，我还想讲一点: after the parts he announced, the speaker
# adds one more of his own.
ADDS_PART = LazyPattern(r"(?:此外|另外|最后)[，,]?(?:我|这里|在这里)?[^，,。]{0,3}(?:再|还)[^，,。]{0,2}(?:强调|讲|说|提|谈)")


def added_part(units: Sequence[Unit], parts: Sequence[Unit]) -> Unit | None:
    """The paragraph after the last of a speech's ``parts`` in which the speaker adds one more
    (ADDS_PART), before he turns to close; None when he adds none."""
    if not parts or parts[-1].kind != "paragraph":
        return None
    for u in units[parts[-1].seq:]:
        if u.kind != "paragraph":
            continue
        if _CLOSE.match(u.text) or SIGN_OFF.match(u.text):
            return None
        if ADDS_PART.match(u.text):
            return u
    return None
EARLY = 3   # paragraphs of account a speech may give before points that still carry it


def announced_early(units: Sequence[Unit]) -> list[Unit]:
    """announced_topics when they start within the speech's first ``EARLY`` + 1 paragraphs, so
    that they carry it (下面，我讲三点意见 after a paragraph or two of opening); announced after
    a long account (…我想讲三点体会), they are one part of it: []."""
    topics = announced_topics(units)
    paragraphs = [u for u in units if u.kind == "paragraph"]
    return topics if topics and topics[0] in paragraphs and paragraphs.index(topics[0]) <= EARLY else []
