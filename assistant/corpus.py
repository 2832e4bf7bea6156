"""Corpus: text files → speeches → sections (heading paths) → units with stable ids.

A *unit* is what retrieval ranks and what citations point at: a body paragraph, a heading,
or a metadata line (the speaker, the date, a photo caption, an editor's note), which ranks
below paragraphs unless a question asks for it. Ids are ``<speech>.<n>`` where ``n`` counts the units of the speech in reading
order (headings and paragraphs share the count), so ``2.21`` stays the same as long as the
speech's text does.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Literal

from .enumeration import first_point_inside, next_point_inside, unlinked
from .lazy_pattern import LazyPattern
from .text_helpers import without_terminal_control

UnitKind = Literal["paragraph", "heading", "metadata"]

CORPUS_SUFFIXES = (".txt", ".md")
# Part of the cache key: a change to how files are parsed must not be served a stale corpus.
PARSER_VERSION = 26

_CN_NUM = "一二三四五六七八九十百零〇两"

# A speech starts at a line holding 【第N篇】 (N in Chinese or Arabic numerals).
_SPEECH_MARKER = LazyPattern(rf"【第([{_CN_NUM}\d]+)篇】")

# Heading styles, in no fixed order of depth: the nesting is learnt per speech from the
# order in which the styles appear (see _Outline), because speeches mix them freely.
_HEADING_STYLES: tuple[tuple[str, LazyPattern], ...] = (
    ("cn-dun", LazyPattern(rf"^[{_CN_NUM}]{{1,3}}[、,,]\s*")),            # 一、 四,
    ("cn-paren", LazyPattern(rf"^[((][{_CN_NUM}]{{1,3}}[))]\s*")),       # (一) （一）
    ("arabic", LazyPattern(r"^\d{1,2}\s*[、.．](?!\d)\s*")),                 # 1、 1.
    ("cn-ordinal", LazyPattern(rf"^第[{_CN_NUM}]{{1,3}}[,,、:：]\s*")),     # 第一,
    ("cn-enum", LazyPattern(rf"^[{_CN_NUM}]{{1,3}}(?:是|要|抓|靠|看|在)(?=\S)")),  # 一是 一要
    ("cn-bare", LazyPattern(rf"^[{_CN_NUM}]{{1,3}}$")),                       # 一 (a numeral alone on its line)
)
# Styles whose inline headings (heading sentence + body in one paragraph) open a section for
# the paragraphs that follow; list-item styles only label their own paragraph, because the
# paragraph after a list is usually the speaker's summary of the whole list.
_SECTION_OPENING_INLINE = {"cn-dun", "cn-paren"}

_MAX_HEADING_CHARS = 60
_SENTENCE_END = "。!?\uff01\uff1f;\uff1b"   # full-width ！？； as escapes: they must survive any normalisation of this file
# Address lines (同志们: / 同志们、朋友们: / 各位常委、各位同志:), matched on the NFKC form.
# An address line: 同志们: / 各位领导、同志们: / 各位青年朋友: / 亲爱的同学们: (a few words of who).
_SALUTATION = LazyPattern(r"^(?:(?:各位|亲爱的|尊敬的)?[\u4e00-\u9fff]{0,4}?(?:同志们|同事们|朋友们|朋友|同胞们|女士们|先生们|"
                         r"领导|同志|常委|委员|来宾|嘉宾|代表|同学们|老师们|各位领导|大家(?:上午|下午|晚上|早上)?好|"
                         # 全市各族人民,同志们,朋友们: / 父老乡亲们:
                         r"人民|乡亲们|父老乡亲们?|战友们|各界人士|老师|家长|校友|同学|职工|员工|干部|战士)[们]?[、,]?\s*)+[,:!]?$")
# An address of any listed hearers, each named as 各位… / 尊敬的… / …们 (各位侨胞、各位朋友,女士们、先生们:),
# ending with its colon.
_ADDRESS_ITEM = r"(?:(?:各位|尊敬的|亲爱的)[\u4e00-\u9fff]{1,8}|[\u4e00-\u9fff]{1,6}们)"
_ADDRESS_LIST = LazyPattern(rf"^{_ADDRESS_ITEM}(?:[、,]\s*{_ADDRESS_ITEM})*[:!]$")
# Metadata lines, matched on the NFKC form: a date in parentheses, a photo caption, a news
# agency's dateline, an editor's note; and, just after the title, a short line without
# sentence punctuation (the speaker).
_META_DATE = LazyPattern(r"^\(?[一二三四五六七八九〇零十\d]{2,4}年[一二三四五六七八九十\d]{1,2}月[一二三四五六七八九十\d]{1,3}日\)?"
                        r"(?:\(附图片.*\))?$")
# The date a speaker line ends with, in parentheses, maybe with the place: (一九九八年六月十八日,北京).
_SPEECH_DATE = LazyPattern(r"\s*\([一二三四五六七八九〇零十\d]{2,4}年[一二三四五六七八九十\d]{1,2}月[一二三四五六七八九十\d]{1,3}日"
                           r"(?:,[\u4e00-\u9fff]{1,8})?\)$")
# (来源:东岭大学新闻网 / 责任编辑:王芳: a web page's source and editor lines.)
_EDITOR_NOTE = LazyPattern(r"编者按|\(编者按|按语|\(本文")
_META_NOTE = LazyPattern(r"摄\)$|摄\)\s*$|记者\s*[\u4e00-\u9fff]{2,4}(?:、[\u4e00-\u9fff]{2,4})*\s*摄$|\(新华社[^)]{0,20}电\)$|^\(本文[^)]*\)$|^编者按|^\(附图片|^\((?:原载|原刊|载于|转载自|选自|摘自)[^)]{1,40}\)$|^(?:来源|责任编辑|编辑|时间|日期|地点)\s*:|^\((?:本文)?根据[^)]{1,20}整理[^)]{0,10}\)$|^\(作者(?:为|系|是|单位)?[^)]{1,60}\)$"
                        r"|^\([A-Z](?:[、,][A-Z])*\)$")   # the page a report continues on: (A、C)
# A dateline line that only announces the text below it (…在《两岸关系》杂志上发表新年祝辞。
# 题为:一年春事早耕耘。): the paper's note, not the text's first paragraph.
# A news dateline opening a line (本报北京１月５日讯 / 据新华社北京１月７日电), on the NFKC form.
DATELINE = r"^(?:据)?(?:本报|新华社|中新社)[^,。]{0,24}?(?:讯|电)"
_ANNOUNCING = LazyPattern(DATELINE + r".{0,80}?(?:题为|全文如下|发表了?[^,。]{0,8}(?:祝辞|献辞|贺词|致辞|署名文章))")
_SUBTITLE = LazyPattern(r"^[—-]{2,}")
# A paper's deck (●重申人民币将保持稳定…, a summary sentence) stands between the title and the
# lead: at most this many paragraphs before a dateline.
_DECK_MAX = 3
_SPEAKER_MAX = 24
_PLAIN_HEADING_MIN = 4
_ANNOUNCING_MAX = 120
_TITLE_MAX = 50

# Site chrome that web pages wrap around the text: breadcrumbs, counters, slogans, prompts
# to download. Matching lines are dropped anywhere in a file.
_CHROME = (
    LazyPattern(r"^[\d\s.,:/-]+$"),
    LazyPattern(r"\S\s+>\s+\S.*>"),
    LazyPattern(r"\S\s+[·|]\s+\S"),
    LazyPattern(r"范文网|题库|发表时间|参阅指引|复制下载|免费下载|版权所有|上一篇|下一篇|本文地址"),
)


@dataclass(frozen=True)
class Unit:
    """A paragraph or heading of a speech: the thing that is ranked and cited."""

    id: str
    speech_no: int
    seq: int
    kind: UnitKind
    text: str
    section: tuple[str, ...]
    heading: str | None = None   # a heading's own text, or the heading sentence opening a paragraph
    level: int = 0               # depth of a heading (1 = top); 0 for paragraphs


@dataclass
class Speech:
    no: int
    title: str
    source: str
    units: list[Unit] = field(default_factory=list)

    @property
    def headings(self) -> list[Unit]:
        return [u for u in self.units if u.kind == "heading"]

    @property
    def paragraphs(self) -> list[Unit]:
        return [u for u in self.units if u.kind == "paragraph"]

    @property
    def lead(self) -> Unit | None:
        """Its first paragraph (a report's lead: 本报北京１月５日讯…)."""
        return next((u for u in self.units if u.kind == "paragraph"), None)

    def parts(self, limit: int | None = None) -> list[Unit]:
        """The speech's top-level parts: its level-1 headings, else (a speech without heading
        lines) the paragraphs that open with an inline heading, at most ``limit`` of them."""
        top = [u for u in self.units if u.kind == "heading" and u.level == 1]
        if len(top) >= 2:
            return top
        return [u for u in self.units if u.kind == "paragraph" and u.heading and not u.section][:limit]

    def outline(self, max_level: int | None = None) -> list[Unit]:
        """Headings, plus paragraphs that open with an inline heading, in reading order."""
        out = []
        for u in self.units:
            if u.kind == "heading" or (u.kind == "paragraph" and u.heading):
                lvl = u.level if u.kind == "heading" else len(u.section) + 1
                if max_level is None or lvl <= max_level:
                    out.append(u)
        return out


@dataclass
class Corpus:
    speeches: list[Speech]
    fingerprint: str
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)

    def __post_init__(self) -> None:
        self._by_id = {u.id: u for s in self.speeches for u in s.units}

    @property
    def units(self) -> list[Unit]:
        return [u for s in self.speeches for u in s.units]

    def unit(self, unit_id: str) -> Unit:
        return self._by_id[unit_id]

    def get(self, unit_id: str) -> Unit | None:
        return self._by_id.get(unit_id)

    def where(self, unit: Unit) -> str:
        """Where a unit stands: its heading path (for a heading, ending with itself); before the
        first heading, the opening; in a speech without heading lines, just the text."""
        parts = [*unit.section, *([unit.heading] if unit.kind == "heading" and unit.heading else [])]
        if parts:
            return " › ".join(parts)
        headed = any(u.kind == "heading" and u.seq > unit.seq for u in self.speech(unit.speech_no).units)
        return "(开篇)" if headed else "(正文)"

    def speech(self, no: int) -> Speech:
        for s in self.speeches:
            if s.no == no:
                return s
        raise KeyError(no)

    def neighbours(self, unit_id: str, before: int = 2, after: int = 2) -> list[Unit]:
        u = self.unit(unit_id)
        units = self.speech(u.speech_no).units
        i = u.seq - 1
        return units[max(0, i - before): i + after + 1]


class CorpusError(Exception):
    """A corpus path that cannot be used; the message is for the user."""


def heading_style(line: str) -> tuple[str, int] | None:
    """The heading style a line opens with and the length of its marker, if any."""
    for name, pattern in _HEADING_STYLES:
        m = pattern.match(line)
        if m:
            return name, m.end()
    return None


def _first_sentence(text: str) -> tuple[str, bool]:
    """The text up to the first sentence end, and whether that end is a hard stop (。!?)."""
    for i, ch in enumerate(text):
        if ch in _SENTENCE_END:
            return text[: i + 1], True
        if ch in ":\uff1a" and i + 1 < len(text) and text[i + 1] in "“\"":
            # 1、要多碰撞。… vs 萧伯纳曾经说过:“… — a colon before a quote is not a heading end
            continue
    return text, False


def _strip_heading_punct(text: str) -> str:
    return text.rstrip("。,,;;::!!?? ")


def _is_chrome(line: str) -> bool:
    return any(p.search(line) for p in _CHROME)


class _Outline:
    """The stack of open headings while a speech is read; styles nest in order of first use."""

    def __init__(self) -> None:
        self.stack: list[tuple[str, str]] = []  # (style, heading text)

    def path(self) -> tuple[str, ...]:
        return tuple(text for _, text in self.stack)

    def enter(self, style: str, text: str) -> int:
        for i, (s, _) in enumerate(self.stack):
            if s == style:
                del self.stack[i:]
                break
        self.stack.append((style, text))
        return len(self.stack)

    def path_for_item(self, style: str) -> tuple[str, ...]:
        """The path a list item of ``style`` hangs under (its own style's peers are closed)."""
        for i, (s, _) in enumerate(self.stack):
            if s == style:
                return tuple(t for _, t in self.stack[:i])
        return self.path()


def _plain_headings(lines: list[str]) -> tuple[set[int], set[int]]:
    """Unnumbered heading lines, and the bylines right under them. A paper prints an article's
    parts, or each speaker's contribution to a symposium, as a short line without punctuation
    between paragraphs (培养人才是根本 / 中国京剧院副院长刘长瑜 / 京剧是…). One such line
    alone is no pattern: at least two are needed."""
    norm = [unicodedata.normalize("NFKC", line) for line in lines]

    def short(k: int) -> bool:
        line = norm[k]
        # (历史的结论,现实的要求 / 坚持发展生产力不动摇,确保国有资产不断增值: a heading of two
        # clauses; more than that, or a clause of a word or two, is a sentence broken off.)
        clauses = line.split(",")
        return _PLAIN_HEADING_MIN <= len(line) <= _SPEAKER_MAX and not any(c in line for c in _SENTENCE_END + ":") \
            and len(clauses) <= 2 and min(map(len, clauses)) >= 3 \
            and heading_style(line) is None and not _is_metadata(line, before_body=False)

    def body(k: int) -> bool:
        return 0 <= k < len(norm) and len(norm[k]) > _SPEAKER_MAX and any(c in norm[k] for c in _SENTENCE_END)

    def ended(k: int) -> bool:   # a paragraph's last line may be short (再次，要…格局。)
        return body(k) or (0 <= k < len(norm) and len(norm[k]) > 2 * _PLAIN_HEADING_MIN
                           and norm[k][-1] in _SENTENCE_END)

    heads: set[int] = set()
    bylines: set[int] = set()
    for k in range(1, len(norm) - 1):
        if not (short(k) and ended(k - 1)):
            continue
        if body(k + 1):
            heads.add(k)
        elif short(k + 1) and ended(k + 2):
            heads.add(k)
            bylines.add(k + 1)
    first_body = next((k for k in range(len(norm)) if ended(k)), len(norm))
    if bylines and first_body >= 3 and short(first_body - 2) and short(first_body - 1) \
            and not _SUBTITLE.match(norm[first_body - 2]) and not re.match(DATELINE, norm[first_body]):
        # A digest that opens with its first speaker: title and deck, then a heading and a byline
        # straight away, laid out as the later parts are.
        heads.add(first_body - 2)
        bylines.add(first_body - 1)
    return (heads, bylines) if len(heads) >= 2 else (set(), set())


def _first_points_apart(lines: list[str]) -> list[str]:
    """A paragraph that ends by opening a list its next paragraphs go on with (…提几点希望。
    第一，要坚持… ¶ 第二，要…) is two: its lead-in, and its first point, a paragraph like the
    others (so the list has all its points, each a paragraph of its own)."""
    out: list[str] = []
    for i, line in enumerate(lines):
        at = first_point_inside(line, lines[i + 1:])
        at = at or next_point_inside(line, out)   # (…。同时，第四，要…: a later point opened inside)
        out += [line[:at].rstrip(), line[at:]] if at else [line]
    return out


def _speech_units(no: int, lines: Iterable[str], title_first: bool = False) -> list[Unit]:
    units: list[Unit] = []
    outline = _Outline()
    lines = _first_points_apart(list(lines))
    plain, bylines = _plain_headings(lines)
    for i, raw in enumerate(lines):
        seq = len(units) + 1
        uid = f"{no}.{seq}"
        # Structure is read on the NFKC form (full-width ,:;!?() of typeset text become the
        # ASCII forms the patterns use); the unit keeps the line as it stands.
        line = unicodedata.normalize("NFKC", raw)
        if _SALUTATION.match(line) or _ADDRESS_LIST.match(line):
            continue  # 同志们: is address, not material; skipping it keeps ids dense
        if (title_first and i == 0) or (i not in plain and i not in bylines and _is_metadata(
                line, before_body=not any(u.kind != "metadata" for u in units))):
            units.append(Unit(uid, no, seq, "metadata", raw, ()))
            continue
        if i in plain:
            text = _strip_heading_punct(line)
            level = outline.enter("plain", text)
            units.append(Unit(uid, no, seq, "heading", raw, outline.path()[:-1], text, level))
            continue
        if i in bylines:   # who gave the part: said of the part, ranked as a speaker line
            units.append(Unit(uid, no, seq, "metadata", raw, outline.path()))
            continue
        line = unlinked(line)   # (同时，第四，要…: a point's heading after a linking word)
        style = heading_style(line)
        if style is None:
            units.append(Unit(uid, no, seq, "paragraph", raw, outline.path()))
            continue
        name, _ = style
        first, hard_stop = _first_sentence(line)
        if first == line and len(line) <= _MAX_HEADING_CHARS and not line.endswith(("。", "!", "?")):
            # A line that is only a heading.
            text = _strip_heading_punct(line)
            level = outline.enter(name, text)
            units.append(Unit(uid, no, seq, "heading", raw, outline.path()[:-1], text, level))
            continue
        heading = _strip_heading_punct(first) if hard_stop and len(first) <= _MAX_HEADING_CHARS else None
        if heading and name in _SECTION_OPENING_INLINE:
            outline.enter(name, heading)
            section = outline.path()[:-1]
        else:
            section = outline.path_for_item(name)
        units.append(Unit(uid, no, seq, "paragraph", raw, section, heading))
    return _label_bare_headings(_deck_as_metadata(units))


# 一 / 二 / (三) alone on a line: a speech printed in numbered sections without titles.
_BARE_NUMERAL = LazyPattern(r"[(（]?(?:[一二三四五六七八九十]{1,3}|\d{1,2})[)）、.．]?")
# A bare section is named by its first sentence, or its first clause of 8 to 30 characters.
_BARE_LABEL_CHARS, _BARE_LABEL_MIN = 30, 8


def _label_bare_headings(units: list[Unit]) -> list[Unit]:
    """A heading that is only a numeral is named by the opening of its first paragraph (二 →
    二、今年水利工作的主要任务是加快重点工程建设), in the heading and in its units' section paths,
    so outlines and citations say what the part is about."""
    out = list(units)
    for i, u in enumerate(out):
        if u.kind != "heading" or not u.heading or not _BARE_NUMERAL.fullmatch(u.heading) \
                or i + 1 >= len(out) or out[i + 1].kind != "paragraph":
            continue
        first, _ = _first_sentence(out[i + 1].text)
        first = _strip_heading_punct(first).rstrip("，；：！？")
        if len(first) > _BARE_LABEL_CHARS:   # its first clause of some length, else its first characters
            cut = min((k for k, c in enumerate(first) if c in ",;:，；：" and k >= _BARE_LABEL_MIN), default=0)
            first = first[:cut] if 0 < cut <= _BARE_LABEL_CHARS else first[:_BARE_LABEL_CHARS]
        label = f"{u.heading.rstrip('、.．')}、{first}"
        old, new = u.section + (u.heading,), u.section + (label,)
        out[i] = replace(u, heading=label)
        for j in range(i + 1, len(out)):
            if out[j].section[:len(old)] == old:
                out[j] = replace(out[j], section=new + out[j].section[len(old):])
    return out


def _deck_as_metadata(units: list[Unit]) -> list[Unit]:
    """The paragraphs before a report's dateline lead are its deck: the paper's summary."""
    body = [u for u in units if u.kind != "metadata"][: _DECK_MAX + 1]
    lead = next((i for i, u in enumerate(body) if re.match(DATELINE, unicodedata.normalize("NFKC", u.text))), 0)
    deck = {u.id for u in body[:lead] if u.kind == "paragraph" and not u.heading}
    return [Unit(u.id, u.speech_no, u.seq, "metadata", u.text, ()) if u.id in deck else u for u in units]


def _is_metadata(line: str, before_body: bool) -> bool:
    """A date, caption, dateline or editor's note; a short unpunctuated line before the body."""
    if _META_DATE.match(line) or _META_NOTE.search(line):
        return True
    # A subtitle (———学习十五大报告…的体会) belongs to the title, not the body.
    if before_body and (_ANNOUNCING.match(line) and len(line) <= _ANNOUNCING_MAX or _SUBTITLE.match(line)):
        return True
    # A subtitle may carry the paper's picture note: 江泽民发表讲话李瑞环主持(附图片1张).
    core = _strip_attachment_note(line)
    # A speaker line may end with the date it was given (国家计委副主任　某某(一九九八年三月十日)):
    # the date is no part of the name's length, however long the office.
    core = _SPEECH_DATE.sub("", core) or core
    return before_body and len(core) <= _SPEAKER_MAX and not any(c in core for c in _SENTENCE_END + ",:") \
        and heading_style(line) is None


def _title_line(lines: list[str]) -> str | None:
    """The first line of a file without markers, when it is a title rather than text."""
    if not lines:
        return None
    first = unicodedata.normalize("NFKC", lines[0])
    if len(first) > _TITLE_MAX or first.endswith(("。", "!", "?", ":", ";", ",")) or heading_style(first):
        return None
    return lines[0] if len(lines) > 1 else None


def _strip_attachment_note(title: str) -> str:
    """迈向充满希望的新世纪(附图片1张) → 迈向充满希望的新世纪."""
    return re.sub(r"\s*[(\uff08]附图片[^)\uff09]*[)\uff09]\s*$", "", title) or title


# A transcript's speaker label on a line of its own (新华社记者： / 孙建平： / 主持人（…王蕾）： / 问：),
# on the NFKC form: a few words of who, no words of a lead-in (以下几点: / 具体要求如下:).
_SPEAKER_LABEL = LazyPattern(r"^([\u4e00-\u9fff·]{1,10})(?:\([^()]{1,30}\))?:$")
_NOT_A_LABEL = LazyPattern(r"以下|如下|下面|几|这样|如此|方面|问题|工作|要求|情况|意见|我|主要|具体|体会|做法|经验|措施|同志们|朋友们"
                          r"|[们是有为括]$")


def _speaker_label(line: str) -> bool:
    m = _SPEAKER_LABEL.match(unicodedata.normalize("NFKC", line))
    return m is not None and not _NOT_A_LABEL.search(m.group(1)) and not _SALUTATION.match(unicodedata.normalize("NFKC", line))


def _clean_lines(text: str) -> list[str]:
    out: list[str] = []
    for raw in text.splitlines():
        # Terminal control characters in a file (ESC [2J, OSC 52 …) never reach a unit, so no
        # front end can print them.
        line = without_terminal_control(raw).strip().strip("\u3000\ufeff")
        if not line or _is_chrome(line):
            continue
        if out and _speaker_label(out[-1]) and not _speaker_label(line) and heading_style(unicodedata.normalize("NFKC", line)) is None:
            # 新华社记者： ¶ 请问…: the label and what was said are one turn, as when printed on one line.
            out[-1] += line
        else:
            out.append(line)
    return out


def parse_text(text: str, source: str, first_no: int = 1) -> list[Speech]:
    """Split one file's text into speeches. Text before the first marker is site header."""
    markers = list(_SPEECH_MARKER.finditer(text))
    if not markers:
        # A file name that is not UTF-8 (GBK names from a Windows zip) holds lone surrogates,
        # which no output can encode: show its undecodable bytes as U+FFFD instead.
        title = os.fsencode(Path(source).stem).decode("utf-8", "replace")
        lines = _clean_lines(text)
        if len(lines) > 2 and _EDITOR_NOTE.match(unicodedata.normalize("NFKC", lines[0])) and _title_line(lines[1:]):
            # 编者按:… above the title: the title still names the speech; the note stays metadata.
            lines = [lines[1], lines[0], *lines[2:]]
        # A first line that is a title names the speech. It stays a unit, as metadata (it can
        # be cited when asked about: 在什么场合讲的), so it does not compete with paragraphs.
        heading = _title_line(lines)
        if heading is not None:
            title = _strip_attachment_note(heading)
        units = _speech_units(first_no, lines, title_first=heading is not None)
        return [Speech(first_no, title, source, units)] if units else []
    speeches = []
    for i, m in enumerate(markers):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end == -1 else line_end
        body_end = markers[i + 1].start() if i + 1 < len(markers) else len(text)
        body_end = text.rfind("\n", 0, body_end) + 1 if i + 1 < len(markers) else body_end
        title_line = text[line_start:line_end].strip()
        no = first_no + len(speeches)
        title = _SPEECH_MARKER.sub(lambda mm: f"(第{mm.group(1)}篇)", title_line).strip() or f"第{no}篇"
        lines = _clean_lines(text[line_end:body_end])
        heading = _title_line(lines) if not _SPEECH_MARKER.sub("", title_line).strip() else None
        if heading is not None:
            # 【第1篇】 alone on its line, the title on the next: that line names the speech.
            title = _strip_attachment_note(heading)
        units = _speech_units(no, lines, title_first=heading is not None)
        speeches.append(Speech(no, title, source, units))
    return speeches


def corpus_fingerprint(texts: list[tuple[Path, str]]) -> str:
    digest = hashlib.sha256()
    for f, text in texts:
        digest.update(os.fsencode(f.name) + b"\0" + text.encode() + b"\0")
    return digest.hexdigest()[:16]


def file_digest(path: Path, text: str) -> str:
    """A file's identity for its cached analysis: its name, its text and how it was parsed (a
    parser change can change a unit's text while keeping the number of units)."""
    head = os.fsencode(path.name) + f"\0{PARSER_VERSION}\0".encode()
    return hashlib.sha256(head + text.encode()).hexdigest()[:20]


def parse_corpus(texts: list[tuple[Path, str]], skipped: list[tuple[str, str]],
                 paths: list[Path]) -> Corpus:
    speeches: list[Speech] = []
    for f, text in texts:
        speeches.extend(parse_text(text, str(f), first_no=len(speeches) + 1))
    if not speeches:
        where = "、".join(str(p) for p in paths)
        reason = ";".join(f"{p}:{r}" for p, r in skipped)
        raise CorpusError(f"在 {where} 中没有找到可用的讲话文本(.txt/.md,UTF-8)" + (f"。跳过:{reason}" if reason else ""))
    return Corpus(speeches, corpus_fingerprint(texts), skipped)


def shipped_corpus_dir() -> Path:
    """The speeches shipped with the package (wheel) or beside it (source checkout)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_shipped" / "seeds", here.parent / "seeds"):
        if candidate.is_dir():
            return candidate
    raise CorpusError("找不到随附的讲话语料(seeds/)")
