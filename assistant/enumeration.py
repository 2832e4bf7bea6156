"""Points a speech enumerates without headings: 第一，…第二，… / 一是…二是… / 一要…二要… /
（一）…（二）… / 首先…其次…再次(最后) / 其一…其二… / 有的…有的…, inside one paragraph or as paragraphs that
open with the markers.

Newspaper speeches and reports carry their structure this way instead of heading lines; the
recognition works on the raw text (full-width and ASCII punctuation alike) so that every point
quotes the source as it stands.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .lazy_pattern import LazyPattern
from .text_helpers import chinese_numeral

if TYPE_CHECKING:   # (a type only: corpus reads enumeration's markers when it parses)
    from .corpus import Unit

__all__ = ["Enumeration", "Point", "colon_lists", "enumerations", "longest_points", "opening_point", "outer_runs", "paragraph_enumerations"]

_NUM = "一二三四五六七八九十"
# A marker stands at the start of the text or right after a sentence or clause break.
_BREAK = "(?:^|(?<=[。；;：:，,！!？?]))\\s*"
_CLAUSE_END = "，,、：:"
# Each family: its markers with the number each stands for (首先 is 1, 其次 2, 再次 3; 最后 is
# read as the point after the previous one).
_FAMILIES: tuple[tuple[str, LazyPattern], ...] = (
    # 第一，/ 第一点，/ 第一条，/ 第一个问题，/ 第一方面，
    ("ordinal", LazyPattern(rf"{_BREAK}(第([{_NUM}]{{1,2}})(?:点|条|问|招|步|个?问题|个?方面|个?部分)?[{_CLAUSE_END}])")),
    # (其一是约束。…二是激励。: a writer may open the run with 其一是 and go on with 二是)
    ("shi", LazyPattern(rf"{_BREAK}(其?([{_NUM}]{{1,2}})是)(?=\S)")),
    ("yao", LazyPattern(rf"{_BREAK}(([{_NUM}]{{1,2}})要)(?=\S)")),
    ("paren", LazyPattern(rf"{_BREAK}([(（]([{_NUM}]{{1,2}})[)）])")),
    # 规模经济大致可分为四种类型:(1)生产的规模经济。…(2)… / …划分为四种类型:1.单项业务企业,…;2.…:
    # figures inside a paragraph (a paragraph opening with one is an item of a list of paragraphs).
    ("digit_paren", LazyPattern(rf"{_BREAK}([(（]([1-9１-９][0-9０-９]?)[)）])(?=[\u4e00-\u9fff])")),
    ("digit_dot", LazyPattern(rf"{_BREAK}(([1-9１-９][0-9０-９]?)[．.、])(?=[\u4e00-\u9fff])")),
    # 首先 opens a 首先/其次/再次 run first (其一/其二 runs may open with 首先 too).
    # 首先是…其次是…第三是…: a speaker may go on counting after 其次.
    ("sequence", LazyPattern(rf"{_BREAK}((首先|其次|再次|最后|第[三四五六七八九](?=是|[，,]))[{_CLAUSE_END}]?)")),
    ("qi", LazyPattern(rf"{_BREAK}((?:其([{_NUM}]{{1,2}})|(首先))[{_CLAUSE_END}]?)")),
    # A talk's topics: 先说从哪里起步。…再说怎样干事。…最后说如何做人。(再 / 接着 / 然后: the next).
    # 有的热衷于…;有的…;还有的…: the kinds of a thing a speech criticises, one by one.
    ("some", LazyPattern(rf"{_BREAK}((?:还|也|另)?有的)(?=[\u4e00-\u9fff])")),
    ("spoken", LazyPattern(rf"{_BREAK}((先|再|接着|然后|最后)(?:来)?(?:说说|讲讲|谈谈|说|讲|谈)(?:一下)?)(?=[\u4e00-\u9fff])")),
)
_INLINE_ONLY = ("digit_paren", "digit_dot")
_PART_NAMED = LazyPattern("问题|方面|部分")
# The number of a marker that says only "the next point" (再说…).
_NEXT = -2
_SPOKEN_NO = {"先": 1, "最后": 0}
_SEQUENCE_NO = {"首先": 1, "其次": 2, "再次": 3}
_SENTENCE = LazyPattern("[^。；;！!？?]*[。；;！!？?]?")
# 最后,给大家拜个年 / 谢谢大家: a greeting that closes the speech after its last words (on the NFKC form).
# (最后，我提议：为…干杯: a toast closes a reception's speech the same way.)
# (最后，衷心祝愿各位老同志…: a wish said warmly is a sign-off too.)
SIGN_OFF = LazyPattern(r"^(?:最后|在此|借此机会)?[,，]?(?:(?:我)?(?:衷心|真诚|诚挚|真心)(?:地)?)?(?:祝|恭祝|预祝|谢谢|给大家拜|向大家拜|提前给大家|我提议|请允许我提议)")
# A point's name: its first sentence, or its first clauses up to this many characters.
LABEL_CHARS = 40
# Paragraph points may be this many units apart (a photo caption, a page mark between them)...
MAX_GAP = 2
# ...or this many within one section: a speech's 首先，…/其次，… (第一，…/第二，…) points each
# run on over paragraphs of their own.
MAX_SECTION_GAP = 8


def first_clauses(sentence: str, limit: int = LABEL_CHARS) -> str:
    """A sentence, or its first clauses up to ``limit`` characters when it is longer."""
    if len(sentence) <= limit:
        return sentence
    clauses = re.split("([，,])", sentence)
    kept = clauses[0]
    for sep, clause in zip(clauses[1::2], clauses[2::2]):
        if len(kept) + 1 + len(clause) > limit:
            break
        kept += sep + clause
    return kept


@dataclass(frozen=True)
class Point:
    marker: str   # 第二， / 二要 / 其次，
    text: str     # from its marker to the next point's marker (the last: to the paragraph's end)

    @property
    def label(self) -> str:
        """The point's name: the marker and its first sentence, shortened to its first clauses."""
        body = self.text[len(self.marker):]
        first = _SENTENCE.match(body)
        return self.marker + first_clauses((first.group(0) if first else body).rstrip("。；;！!？?，,、：: "))

    def sentences(self, n: int = 2) -> str:
        """The point's first ``n`` sentences (a short first sentence says little alone)."""
        return "".join(s for s in _SENTENCE.findall(self.text)[:n] if s)


@dataclass(frozen=True)
class Enumeration:
    family: str
    lead: str                 # the sentence that announces the points (before the first marker)
    points: tuple[Point, ...]

    @property
    def labels(self) -> list[str]:
        return [p.label for p in self.points]


def _marker(m: re.Match[str], family: str) -> tuple[int, int, str]:
    """(start, number, marker) of one match of the family's pattern; 最后 is number 0."""
    if family == "sequence":
        word = m.group(2)
        number = _SEQUENCE_NO.get(word) or (chinese_numeral(word[1:]) if word.startswith("第") else 0)
    elif family == "spoken":
        number = _SPOKEN_NO.get(m.group(2), _NEXT)
    elif family == "some":
        number = 1 if m.group(1) == "有的" else _NEXT   # (every 有的 after the first is the next: see _markers)
    elif family == "qi" and m.group(3):
        number = 1
    else:
        number = chinese_numeral(m.group(2)) or -1
    return m.start(1), number, m.group(1)


# 全市教育工作一要坚持立德树人…；二要深化教育改革…: the first point may follow its subject with
# no break; it counts only when the second and third follow breaks (统一要求 says no 一要).
_UNBROKEN_FIRST = {"shi": LazyPattern("(?<=[\u4e00-\u9fff])(一是)(?=\\S)"), "yao": LazyPattern("(?<=[\u4e00-\u9fff])(一要)(?=\\S)"),
                   # 首先，…第二，…第三，…: a speaker opens with 首先 and goes on counting.
                   "ordinal": LazyPattern("(首先)(?=[，,])")}


def _markers(text: str, family: str, pattern: LazyPattern) -> list[tuple[int, int, str]]:
    """(start, number, marker) of the family's markers in reading order."""
    found = [_marker(m, family) for m in pattern.finditer(text)]
    if family == "some":
        found = [(start, 1 if i == 0 else _NEXT, marker) for i, (start, _, marker) in enumerate(found)]
    first = _UNBROKEN_FIRST.get(family)
    numbers = {n for _, n, _ in found}
    if first is not None and 1 not in numbers and {2, 3} <= numbers:   # 二 and 三 after breaks
        second = next(start for start, n, _ in found if n == 2)
        extra = [(m.start(1), 1, m.group(1)) for m in first.finditer(text) if m.start(1) < second]
        found = sorted(found + extra[-1:])
    return found


def _lead(text: str, start: int) -> str:
    """The sentence before ``start`` (or the clause it opens with, when the marker is mid-sentence)."""
    before = text[:start].rstrip()
    if before.endswith(("。", "；", ";", "！", "!")):
        before = before[:-1]
    cut = max(before.rfind(c) for c in "。；;！!？?")
    return before[cut + 1:].strip()


def enumerations(text: str) -> list[Enumeration]:
    """Every run of two or more consecutive points in ``text`` (1, 2, 3… of one family, in order).

    A family's run starts at its point 1 and takes the next number after it each time; 最后
    closes a 首先/其次 run. Runs of different families may nest (一要…二要… inside 第二，…).
    """
    found: list[Enumeration] = []
    for family, pattern in _FAMILIES:
        if family == "some" and not text.lstrip().startswith("有的"):
            continue   # (…产生了疑虑。有的担心…有的甚至…: opinions told, not the points of a speech)
        markers = _markers(text, family, pattern)
        i = 0
        while i < len(markers):
            start, number, _ = markers[i]
            if number != 1:
                i += 1
                continue
            run = [markers[i]]
            j = i + 1
            while j < len(markers):
                want = len(run) + 1
                nxt = next((k for k in range(j, len(markers)) if markers[k][1] in (want, 0, _NEXT)), None)
                if nxt is None:
                    break
                run.append(markers[nxt])
                j = nxt + 1
                if markers[nxt][1] == 0:
                    break
            if len(run) >= 2:
                ends = [m[0] for m in run[1:]] + [len(text)]
                points = tuple(Point(m[2], text[m[0]:end].rstrip()) for m, end in zip(run, ends))
                found.append(Enumeration(family, _lead(text, start), points))
            i = j if len(run) >= 2 else i + 1
    # (一是…首先…二是…三是…: a 首先 inside the first point does not open a run of the others.)
    taken = {text.find(p.text) for e in found for p in e.points}
    found += [e for e in _mixed_runs(text) if not taken & {text.find(p.text) for p in e.points}]
    taken = {text.find(p.text) for e in found for p in e.points}
    found += [e for e in _announced_runs(text) if not taken & {text.find(p.text) for p in e.points}]
    found.sort(key=lambda e: text.find(e.points[0].text))
    return found


# Families whose markers count (1, 2, 3…), which a writer may mix in one run.
_COUNTING = ("ordinal", "shi", "yao", "sequence", "qi")


def _mixed_runs(text: str) -> list[Enumeration]:
    """首先，…二是…第三是…四要…: a run of three or more points whose markers change family
    as they go. Every counting marker between its first and last must be one of its points, in
    order, so that a run nested in another (第一，…一是…二是…第二，…) never mixes with it."""
    by_start: dict[int, tuple[int, str, str]] = {}
    for family, pattern in _FAMILIES:
        if family in _COUNTING:
            for start, number, marker in _markers(text, family, pattern):
                by_start.setdefault(start, (number, marker, family))
    markers = sorted(by_start.items())
    found: list[Enumeration] = []
    i = 0
    while i < len(markers):
        if markers[i][1][0] != 1:
            i += 1
            continue
        j = i + 1
        while j < len(markers) and markers[j][1][0] in (j - i + 1, 0):
            j += 1
            if markers[j - 1][1][0] == 0:
                break
        run = markers[i:j]
        if len(run) >= 3 and len({family for _, (_, _, family) in run}) > 1:
            ends = [start for start, _ in run[1:]] + [len(text)]
            points = tuple(Point(marker, text[start:end].rstrip()) for (start, (_, marker, _)), end in zip(run, ends))
            found.append(Enumeration("mixed", _lead(text, run[0][0]), points))
        i = max(j, i + 1)
    return found


# 我想给大家提三点希望 / 讲两个方面的意见: a count of points the sentences after it give.
_ANNOUNCED = LazyPattern(rf"([两{_NUM}]{{1,2}}|[2-9]|几)(?:点|个|条|项)(?:方面)?(?:的)?(?:[\u4e00-\u9fff]{{0,2}}?)"
                         r"(?:希望|要求|意见|建议|体会|想法|看法|期望|期待|嘱托|寄语|认识|思考)(?=[。：:，,]|$)")
# How far sentences must open alike to be read as points: 希望大家… ×3, 我们要… ×2.
_ALIKE = (4, 3, 2)


def _announced_runs(text: str) -> list[Enumeration]:
    """我想给大家提三点希望。希望大家做有温度的老师…。希望大家做会学习的老师…。希望大家…:
    points with no marker of their own, said as the sentences after the count that open with
    the same words, as many as the count says."""
    found: list[Enumeration] = []
    for m in _ANNOUNCED.finditer(text):
        # (我想给同学们提几点希望: 几 says there are several; the sentences say how many.)
        count = None if m.group(1) == "几" else chinese_numeral(m.group(1).replace("两", "二"))
        stop = re.search("[。：:！!]", text[m.end():])
        if count is not None and count < 2 or stop is None:
            continue
        run = _alike_run(text, m.end() + stop.end(), count)
        if run is not None:
            found.append(run)
    # (希望受表彰的同志…。希望各街道…。希望全社会…: a paragraph of hopes alone, perhaps after a
    # word that says where it stands: 最后，希望大家…。希望大家…。)
    linked = _OPENING_LINK.match(text)
    if not found and (run := _alike_run(text, linked.end() if linked else 0, None, whole=True)) is not None:
        found.append(run)
    return found


_OPENING_LINK = LazyPattern(r"\s*(?:最后|同时|此外|另外|总之|同志们)[，,]\s*")


def _alike_run(text: str, start: int, count: int | None, whole: bool = False) -> Enumeration | None:
    """The sentences from ``start`` on that open with the same words, as many as ``count`` (two
    or more when it is None); ``whole``: every sentence of the text, three or more."""
    starts = [s.start() for s in _SENTENCE.finditer(text, start) if s.group(0).strip()]
    if len(starts) < (count or (3 if whole else 2)):
        return None
    for size in _ALIKE:
        opening = text[starts[0]:starts[0] + size]
        if not re.fullmatch(r"[\u4e00-\u9fff]+", opening):
            continue
        alike = [at for at in starts if text.startswith(opening, at)]
        if (len(alike) == count if count else len(alike) >= 2) and (not whole or alike == starts):
            ends = alike[1:] + [len(text)]
            points = tuple(Point(opening, text[at:end].rstrip()) for at, end in zip(alike, ends))
            return Enumeration("announced", _lead(text, alike[0]), points)
    return None


def opening_point(text: str) -> tuple[str, int, Point] | None:
    """(family, number, the point) when a paragraph opens with a marker; 最后 is number 0."""
    return next(iter(_opening_points(text)), None)


# (同时，第四，要…: a linking word may stand before a point's marker.)
_LINKING = r"(?:同时|另外|此外|还有|再有|再者)"
_LINKED = LazyPattern(rf"\s*(?:{_LINKING}[，,]\s*)?")


def unlinked(text: str) -> str:
    """A paragraph without the linking word before its opening marker (同时，第四，要… →
    第四，要…); the paragraph as it is when none stands there."""
    lead = _LINKED.match(text)
    return text[lead.end():] if lead.end() and _opening_points(text[lead.end():]) else text


def _opening_points(text: str, some: bool = False) -> list[tuple[str, int, Point]]:
    """Every family's reading of a paragraph's opening marker (第三, is an ordinal and the third
    of 首先/其次/…). ``some``: 有的… too, which opens a kind only among paragraphs that do alike."""
    out = []
    for family, pattern in _FAMILIES:
        if (family == "some" and not some) or family in _INLINE_ONLY:
            continue
        lead = _LINKED.match(text)
        m = pattern.match(text, lead.end()) or pattern.match(text)
        if m and m.start(1) in (len(text) - len(text.lstrip()), lead.end()):
            start, number, marker = _marker(m, family)
            out.append((family, number, Point(marker, text[start:].rstrip())))
    return out


def paragraph_enumerations(units: Sequence[Unit]) -> list[tuple[str, list[Unit]]]:
    """Runs of paragraphs that open with 第一，/第二，… (or 一是, 首先…): (family, paragraphs).

    The paragraphs follow each other, at most ``MAX_GAP`` units apart, numbered 1, 2, 3…
    """
    runs: list[tuple[str, list[Unit]]] = []
    open_runs: dict[str, tuple[list[Unit], int]] = {}  # family → (paragraphs, index of the last)
    for i, u in enumerate(units):
        if u.kind != "paragraph":
            continue
        marks = _opening_points(u.text, some=True)
        if SIGN_OFF.match(unicodedata.normalize("NFKC", u.text.lstrip())):
            marks = [m for m in marks if m[1] != 0]   # 最后，祝大家… / 最后，我提议…: the sign-off, no point
        if not marks:
            continue
        if (closing := _closes_run(u, i, marks, open_runs)) is not None:
            # 第一，…第四，… ¶ 最后，要加强…: the last point of the run before it (not 最后，祝…).
            closing[0].append(u)
            continue
        # (第一个问题 … 第二个问题 [第一，…第四，] 第三个问题: parts counted by name are a run of their
        # own, apart from the bare ordinals of the points inside them.)
        marks = [(f"{f}:{named.group(0)}" if f == "ordinal" and (named := _PART_NAMED.search(p.marker)) else f, n, p)
                 for f, n, p in marks]
        # (首先…其次…第三…最后: 第三 goes on with the run it continues, not an ordinal run of its own.)
        family, number, _ = next((m for m in marks if (run := open_runs.get(m[0])) and run[0]
                                  and m[1] in (len(run[0]) + 1, 0, _NEXT)), marks[0])
        current = open_runs.get(family)
        if family == "some" and current and current[0]:
            number = _NEXT   # 有的… ¶ 有的…: the next kind
        near = current and (i - current[1] <= MAX_GAP + 1 or bool(current[0]) and current[0][-1].section == u.section
                            and i - current[1] <= MAX_SECTION_GAP + 1)
        if current and near and number in (len(current[0]) + 1, 0, _NEXT):
            current[0].append(u)
            open_runs[family] = (current[0], i)
        else:
            if current and len(current[0]) >= 2:
                runs.append((family.split(":")[0], current[0]))
            open_runs[family] = ([u], i) if number == 1 else ([], i)
    runs += [(family.split(":")[0], paras) for family, (paras, _) in open_runs.items() if len(paras) >= 2]
    runs.sort(key=lambda r: r[1][0].seq)
    return runs


def _closes_run(u: Unit, i: int, marks: list[tuple[str, int, Point]],
                open_runs: dict[str, tuple[list[Unit], int]]) -> tuple[list[Unit], int] | None:
    """The open run of another family (第N / N是 / N要) that a 最后，… paragraph closes, if any:
    only when no 首先… run is open for it and it is no sign-off (最后，祝大家…)."""
    if not any(f == "sequence" and n == 0 for f, n, _ in marks) or open_runs.get("sequence", ([], 0))[0]:
        return None
    return next(((paras, j) for f, (paras, j) in open_runs.items()
                 if f.split(":")[0] in ("ordinal", "shi", "yao", "qi") and len(paras) >= 2 and i - j <= MAX_GAP + 1), None)


def outer_runs(runs: list[list[Unit]]) -> list[list[Unit]]:
    """The runs that are no other run's sub-points: 一要…四要 between 第二个问题 and 第三个问题
    are points of the second question, not the speech's own; 首先…最后 after 第三个问题 are the
    third's (a run of parts by name, 第N个问题 / 第N个方面, runs on to the speech's end)."""
    def inside(r: list[Unit], o: list[Unit]) -> bool:
        spans = list(zip(o, o[1:]))
        if (first := opening_point(o[0].text)) is not None and _PART_MARKER.search(first[2].marker):
            spans.append((o[-1], None))
        # (第三，希望…提几点希望。 ¶ 一是… ¶ … ¶ 四是…: a run the last point opens within the
        # length of the longest point before it is the last point's own, as part_units reads it.)
        longest = max((b.seq - a.seq for a, b in spans if b is not None), default=0)
        return any(a.seq < r[0].seq and (b is None or r[-1].seq < b.seq) for a, b in spans) \
            or o[-1].seq < r[0].seq <= o[-1].seq + longest

    return [r for r in runs if not any(o is not r and len(o) >= 2 and inside(r, o) for o in runs)]


_PART_MARKER = LazyPattern(r"个?问题|个?方面|个?部分")


def longest_points(text: str) -> list[str] | None:
    """The names of the points of the longest enumeration of two or more in ``text`` (一是…二是…
    inside one paragraph), or None when it enumerates none."""
    found = [e for e in enumerations(text) if len(e.points) >= 2]
    return max(found, key=lambda e: len(e.points)).labels if found else None


# 主要预期目标是：a，b，c，d。/ …：a；b；c。: a short lead, a colon, and what it names.
_COLON_LIST = LazyPattern(r"([^。；;：:！!？?]{2,24})[：:]([^。！!？?：:]+)")
_COLON_ITEMS = 3


def colon_lists(text: str) -> list[tuple[str, list[str]]]:
    """主要预期目标是：地区生产总值增长6%左右，一般公共预算收入增长5%，…: each sentence of
    ``text`` that names a thing before a colon and lists three or more after it, split at its
    semicolons (at its commas when it has none), with the words before the colon."""
    found: list[tuple[str, list[str]]] = []
    for m in _COLON_LIST.finditer(text):
        body = m.group(2)
        items = [x.strip() for x in re.split("[；;]" if re.search("[；;]", body) else "[，,]", body) if x.strip()]
        if len(items) >= _COLON_ITEMS:
            found.append((m.group(1).strip(), items))
    return found


_SENTENCE_END = ("。", "！", "!", "：", ":", "？", "?")


def first_point_inside(text: str, next_texts: Sequence[str]) -> int | None:
    """Where a paragraph's last sentences open the points its next paragraphs go on with
    (…提几点希望。第一，要坚持… ¶ 第二，要…): the offset of the first point's marker, else None.
    The paragraph holds no second point of its own (一是…二是… inside it are its own list).
    The second point may come after paragraphs that go on with the first (…讲四点意见。第一，
    要抓好粮食生产。 ¶ 抓粮食生产，关键是… ¶ 第二，…), as many as ``_FIRST_POINT_REACH``."""
    for next_text in next_texts[:_FIRST_POINT_REACH]:
        openings = _opening_points(next_text)
        for family, number, _ in openings:
            if number != 2:
                continue
            found = _markers(text, family, dict(_FAMILIES)[family])
            ones = [start for start, n, _ in found if n == 1 and start > 0]
            if ones and not any(n == 2 for _, n, _ in found) and text[:ones[-1]].rstrip().endswith(_SENTENCE_END):
                return ones[-1]
        if openings:
            return None   # (another list's paragraph comes first)
    return None


_FIRST_POINT_REACH = 3


def next_point_inside(text: str, earlier: Sequence[str]) -> int | None:
    """Where a paragraph that opens with no marker goes on, after a sentence of its own, to the
    next point of the list the paragraphs before it run (第三，… ¶ …。同时，第四，要…): the
    offset of the sentence that opens it, else None. The list's last point is looked for at
    most ``_FIRST_POINT_REACH`` paragraphs back."""
    if _opening_points(text):
        return None
    for before in reversed(earlier[-_FIRST_POINT_REACH:]):
        openings = _opening_points(before)
        for family, number, point in openings:
            if family == "some":
                continue
            found = _markers(text, family, dict(_FAMILIES)[family])
            # (第三个问题，… ¶ 今年…重点抓好四件事。第一，…第三，…。第四，…: a 第四 of the paragraph's own
            # list, after its own 第一, and of no part named as the one before was, goes on in it.)
            named = _PART_NAMED.search(point.marker)
            nexts = [start for start, n, marker in found if n == number + 1
                     and not any(m == 1 and at < start for at, m, _ in found)
                     and (named.group(0) if named else "") == ((m := _PART_NAMED.search(marker)) and m.group(0) or "")]
            for start in nexts:
                # (…约谈党委书记。同时，第四，: a linking word may stand between the sentence and the marker.)
                cut = max(text.rfind(c, 0, start) for c in _SENTENCE_END)
                if cut > 0 and re.fullmatch(rf"{_LINKING}?[，,]?\s*", text[cut + 1:start]):
                    return cut + 1
        if openings:
            return None
    return None

