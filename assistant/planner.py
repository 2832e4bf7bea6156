"""The planner: what a question asks for, beyond its words.

``plan_question`` is pure: question, history, the speeches and an analysis function in, a
``QueryPlan`` out, read with a small grammar over word classes, not a list of phrasings:

* **speech reference**: 第N篇 (matched against the 【第N篇】 in titles first, then the
  position in the corpus), or a name: 宁乡那篇 / 南通市政府办公室的讲话 / 关于X的讲话
  (the speeches whose title, then whose text, holds the name; several → all of them);
* **shape**: QUANT (哪/几/多少 + numeral + classifier) or STRUCTURE verbs (分为/分成/包括/
  由…组成/结构) over PART nouns (部分/方面/板块/层次) with nothing else asked → the outline;
  QUANT over anything else, 哪些 + an ITEM noun (要求/措施/任务…), 分别/列举 → a list;
  ORDINAL (第二点/第2条/最后一点) → the N-th item; several speeches (各篇/几篇) → compare;
* **follow-up**: the question leans on the previous turn — it opens with 那/那么/还有, ends
  with 呢, refers with 它/这/其/上面, or has no subject of its own (every content word is a
  discourse word: 例子/具体/怎么做/展开说说). A question with its own subject is new.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from . import text_analysis as ta
from .answer_types import FIGURE_KINDS, HOLDING, METADATA_TYPES, YEAR, asked_event, speech_says
from .asked_kinds import ASKS_OCCASION, BOUNDED, CLOCK, FROM_WHERE, SAYING_ASKED, SESSION_ASKED, asked_type
from .corpus import Speech
from .lazy_pattern import LazyPattern
from .question_grammar import (
    ABOUT_SPEECH,
    AFTER,
    ALL_SPEECHES,
    ASKS_WHAT,
    BEFORE_PARTS,
    BESIDES,
    CLASSIFIER,
    COUNT,
    COUNTED_NOUN,
    COUNTS_ITEMS,
    EDGE,
    EDGE_SPAN,
    ENDED_SPEAKING,
    FOLLOWUP_LEAN,
    IN_ORDER,
    ITEM_NAMED,
    ITEMS_DONE,
    JOINED_TERMS,
    LIST,
    MEETING_ENDED,
    MENTIONED_WHERE,
    MORE,
    MULTI_SPEECH,
    NEXT_ITEM,
    NUMBERED,
    OCCASION,
    ORDINAL,
    PART_NOUN,
    PART_ONLY,
    PROBLEMS_FOUND,
    QUANT,
    QUOTED,
    QUOTED_SECTION,
    SECTION_REF,
    SECTION_TOPIC,
    SPEECH_DESCRIBED,
    STRUCTURE,
    THEME_ASKED,
    THINGS_ASKED,
    UNDER_IT,
    WEAK_LIST,
    WHAT_SAID,
    WHICH_ONE,
    WROTE_IT,
    asked_term,
    ordinal_value,
    sibling_ordinals,
    span_ordinals,
    stated_size,
)
from .question_words import META_WORDS as _META_WORDS
from .question_words import (
    SPEECH_ITSELF,
    WHOLE_SPEECH,
    names_cut,
    only_meta_words,
    said_in,
    title_of,
    trimmed_runs,
)
from .question_words import is_generic as _is_generic
from .question_words import own_subject as _own_subject
from .question_words import whole_words as _whole_words
from .results import Answer, Turn
from .speech_refs import (
    EACH_OF,
    REPORTER_ASKS,
    each_clause_named,
    is_interview,
    named_reporters,
    named_speeches,
    naming_label,
    numbered_speech,
    numbered_speeches,
    speech_marked,
    strip_speech_reference,
)
from .text_helpers import chinese_numeral

__all__ = ["QUOTED", "QueryPlan", "nth", "plan_question", "strip_speech_reference"]

_NUM = r"[一二三四五六七八九十两\d]"
T = TypeVar("T")



_WHAT_THING_LAST = LazyPattern(r"(?:获得|得到|得过|获过|荣获|受到|拿过|拿到|得了)过?了?(?:什么|啥|哪些)([\u4e00-\u9fff]{2,4})[?？。!！\s]*$")
_COUNTED_TERM = LazyPattern(r"[一二三四五六七八九十两]+(?:个|大|项|条|点|种)?[\u4e00-\u9fff]")
_COMPARED_COUNT = LazyPattern(r"比[^，,。？?]{1,12}?(?:多|少|增加|减少|增长|下降)了?(?:几|多少)")
# 提到了哪些书 / 推荐了什么书: a thing asked for in one character (not 哪些话 / 哪几点, which ask
# what was said).
_ONE_CHAR_THING = LazyPattern(r"(?:哪些|哪几[本部首篇个]|什么|啥)([书诗歌戏剧画曲词])(?=[?？。,，!！\s]|$)")
# 一是二是三是 / 一是…二是…: a list's own markers, spelled out in the question.
# 一是二是三是 / “一要、二要、三要”: markers of one verb spelled out, quoted or not.
_SPELLED_MARKERS = LazyPattern(r"[一二三四五六七八九十]([是要抓靠])(?:[、,，…“”\"「」\s]*[一二三四五六七八九十]\1)+")

def _each_names_one(reference: str, named: Sequence[int], speeches: Sequence[Speech]) -> bool:
    """清源县去年…和溪南区去年…: references apart in the question (joined by spaces) that each
    name one speech of their own, as 石塘县和临川区 would."""
    pieces = reference.split()
    if len(pieces) < 2 or len(pieces) != len(named):
        return False
    each = [named_speeches(piece, speeches)[0] for piece in pieces]
    return all(len(found) == 1 for found in each) and sorted(found[0] for found in each) == sorted(named)

def nth(items: Sequence[T], n: int | None) -> tuple[int, T] | None:
    """The plan's N-th of ``items`` (N counts from 1; -1 is the last, -2 the one before): (its
    number, it), or None."""
    k = len(items) + 1 + n if n is not None and n < 0 else n or 0
    return (k, items[k - 1]) if 1 <= k <= len(items) else None


@dataclass
class QueryPlan:
    """What a question asks for, beyond its words."""

    text: str                         # the text to search
    speech_no: int | None = None      # 第三篇 / 宁乡那篇 → 3 (one speech)
    speech_candidates: tuple[int, ...] = ()   # a reference several speeches fit: answer from all
    outline: bool = False             # 分为哪几个部分 / 讲了哪几个方面
    in_order: bool = False            # 脉络 / 先讲什么后讲什么: the outline as the text runs
    wants_list: bool = False          # 哪四个 / 分别 / 哪些要求
    weak_list: bool = False           # 哪些 (a list only when the best hit introduces one)
    multi_speech: bool = False        # 各篇讲话 / 几篇讲话: gathers across speeches
    list_size: int | None = None      # 哪四个 → 4
    markers: str = ""                 # 一要、二要、三要分别说的什么 → 要: the items these markers mark
    nth_item: int | None = None       # 第二点 → 2; 最后一点 → -1
    more_nth: tuple[int, ...] = ()    # 第三部分和第四部分 → (4,): further ordinals of the same kind, each answered
    items_of_nth: bool = False        # 第三部分提出了哪些举措: the part's items answer, not its heading
    nth_is_item: bool = False         # 第三个小点 / 第二条: an item inside a part, never a part itself
    nth_is_part: bool = False         # 第二部分 / 最后一个方面: a part of the speech, not an item of a list
    within_part: int | None = None    # 第二部分第三点 → 2: the part the N-th item is counted in
    needs_history: bool = False       # 那第三个呢? with no turn before it
    nth_is_paragraph: bool = False    # 第三段 / 最后一段 / 倒数第二段: a paragraph, counted in reading order
    nth_is_sentence: bool = False     # 开头第一句 / 最后一句话: a sentence of the speech's paragraphs
    nth_is_position: bool = False     # 开头说了什么 / 结尾讲了什么: a part, or a paragraph where there are no parts
    before_parts: bool = False        # 正式讲几点意见之前讲了什么: the paragraphs before the first part
    nth_is_edge: bool = False         # 结尾是怎么收的 / 开场白: the speech's own first or last words, not a part
    followup_item: int | None = None  # 那第二点呢 → 2, 最后一点 → -1, 还有呢 → 0 (the next): of the last list
    focus: str = ""                   # a follow-up's own words: they choose the sentences
    after: bool = False               # 讲完X以后紧接着讲的是: the paragraph after the one the words find
    exclude: set[str] = field(default_factory=set)  # 还有别的吗: units the last answer already cited
    follow_up: bool = False           # read as leaning on the previous turn
    # What kind of thing answers it (谁 → person, 哪一年 → date, 多少公里 → number, 哪里 → place),
    # and the unit a number must carry (公里); the evidence must hold such a thing.
    answer_type: str | None = None
    answer_unit: str = ""
    asks_content_of: str = ""         # “X”具体指哪些内容 / X包括什么: what X consists of or means
    counts_term: bool = False          # 哪几个“继续”: how many times (and where) X is said
    # 处分标准是什么 → (处分, 标准): the words of the thing asked for (discourse words left out);
    # a paraphrase found by meaning alone must still speak of it.
    asked_words: tuple[str, ...] = ()
    asked_thing: str = ""             # 处分标准: as the question names it
    # 这篇讲话是哪天讲的 / 春节团拜会上的讲话是谁讲的: asks about the speech itself (its speaker,
    # date), not about something said in it.
    about_speech: bool = False
    missing_speech: bool = False      # 第六篇 in a corpus of five: said, not answered from another speech
    reference: str = ""               # the words that named the speech (宁乡那篇): not searched for
    mentioned: str = ""               # 哪几篇提到了罗明远: a name asked for where it is said
    # 在加强领导方面 / 关于X的那一部分 / 第二篇讲担当作为,第三个小点: the words naming a section
    # (space-separated when they are the question's own content words)
    section: str = ""
    notes: list[str] = field(default_factory=list)  # how a reference was resolved, for the user

    @property
    def intent(self) -> str:
        if self.before_parts:
            return "section"
        if self.followup_item is not None or self.nth_item is not None:
            return "nth_point"
        if self.outline:
            return "compare" if len(self.speech_candidates) > 1 else "outline"
        if self.multi_speech:   # 几篇讲话分别…: one line per speech, not one list
            return "compare"
        if self.wants_list:
            return "list"
        return "lookup"

    def to_json(self) -> dict[str, object]:
        d: dict[str, object] = {"intent": self.intent, "speech": self.speech_no, "follow_up": self.follow_up}
        if self.speech_candidates:
            d["speech_candidates"] = list(self.speech_candidates)
        return d


_THIS_SPEECH = LazyPattern(r"(?:这|该|此)(?:篇|个|份)")
# A figure, a time, a person or a body asked of what the last answer said (具体安排了多少钱 after
# …县财政今年安排防火专项资金260万元…): a detail of it, in its own words.
_DETAIL_TYPES = ("number", "date", "person", "organization", "agent", "place")
# (要读 / 投了 / 会延长: a verb's modal before it and aspect after it are not what it says.)
_VERB_FRAME = LazyPattern(r"^(?:要|会|能|得|应|该|将|已)+|[了过着]$")


def _asks_detail_of(plan: QueryPlan, words: Sequence[str], answer: Answer, analyse: Callable[[str], ta.Analysed]) -> bool:
    """延长到几点 / 每学期要读几本 / 由谁负责, after an answer that says 延长到晚上11点 / 每学期至少读完
    两本 / …负责: every word of the question's own is one the last answer said (or its pieces
    are: 具体安排 → 安排), so it asks about that answer's thing, not a new one."""
    if plan.answer_type not in _DETAIL_TYPES or answer.abstained or not answer.text:
        return False
    said = ta.normalise(answer.text)

    def in_answer(word: str) -> bool:
        core = _VERB_FRAME.sub("", word) or word
        pieces = [p for p in analyse(word).words if p != word and not _is_generic(p)]
        return core in said or bool(pieces) and all(p in said for p in pieces)

    content = [w for w in _whole_words(words) if not _is_generic(w) and not re.search("[几哪谁啥]|多少|什么", w)]
    return bool(content) and all(in_answer(w) for w in content)


_SIDE_BY_SIDE = 8   # more speeches than this are not outlined side by side for an unclear 这篇


_TOPIC_FIRST = LazyPattern(r"(?:关于|对于|围绕|就)[^,，。?？]{2,30}[,，]")


_ENDED_AFTER = LazyPattern(r"(?:讲|说|谈|写|介绍|回顾|交代)完[^,，。?？]{2,16}?(?:之后|以后)")
_THE_TEXT = LazyPattern(r"讲话|这篇|全文|致辞|报告|文章|发言")


def plan_question(question: str, history: list[Turn] | None, speeches: Sequence[Speech],
                  analyse: Callable[[str], ta.Analysed], default_speech: int | None = None,
                  corpus_text: Callable[[], str] | None = None) -> QueryPlan:
    """Read a question (``speeches``: the corpus's speeches; ``analyse``: the query analysis;
    ``default_speech``: the speech a question naming none is about — a later clause of a
    question stays with the speech its first clause named; ``corpus_text``: the whole corpus's
    normalised text, kept by the caller, for a word looked for in no speech in particular)."""
    norm = ta.normalise(question)
    plan = QueryPlan(question)
    no, how = numbered_speech(norm, speeches)
    several, said = numbered_speeches(norm, speeches)
    reference, by_clauses = "", False
    if len(several) > 1:
        # 第二篇和第三篇讲话分别讲了什么 / 比较第一篇和第三篇: each of them, one after the other.
        plan.speech_candidates = several
        plan.notes += said
    plan.notes += [how] if how and len(several) <= 1 else []
    if len(several) > 1:
        pass
    elif no is None and how:
        plan.missing_speech = True
    elif no is not None:
        plan.speech_no = no
        # 第四篇,就是市政府办公室那篇: a second reference to the same speech names it too.
        also, reference = named_speeches(NUMBERED.sub(" ", norm), speeches)
        if len(also) == 1 and also != (no,) and reference and (
                re.search(rf"篇\s*(?:和|与|跟|及|、)\s*{re.escape(reference.lstrip('和与跟及、 '))}", norm)
                or re.search(rf"{re.escape(reference)}\s*(?:讲话)?\s*(?:和|与|跟|及|、)\s*第", norm)):   # (宁乡那篇和第二篇)
            # 第二篇和办公室那篇都…: two speeches, one by number and one by name.
            plan.speech_no, plan.speech_candidates, several = None, (no, also[0]), (no, also[0])
        reference = reference if also == (no,) or len(several) > 1 else ""
        plan.reference = reference
    else:
        named, reference = named_speeches(norm, speeches)
        plan.reference = reference
        if len(named) > 1:
            # 李岚清那篇讲语言文字工作的讲话: the candidate whose title holds the question's other words.
            rest_of = analyse(norm.replace(reference, " ") if reference else norm)
            words = [w for w in rest_of.words if len(w) >= 2 and not _is_generic(w)]
            titled = [n for n in named if any(w in ta.normalise(s.title) for s in speeches if s.no == n for w in words)]
            # (报道银行会议的那篇,郑凯提的要求: else the one whose text holds more of them, if the reference narrowed.)
            pairs = {g for g in rest_of.bigrams if not _is_generic(g)}   # (郑凯: a name jieba splits)
            held = sorted(((sum(any(w in ta.normalise(u.text) for u in s.units) for w in pairs), s.no)
                           for s in speeches if s.no in named), reverse=True)
            two_named = bool(re.search("[和与跟及、]", reference)) or _each_names_one(reference, named, speeches)
            named = named if two_named else tuple(titled) if len(titled) == 1 else (held[0][1],) \
                if held[0][0] > held[1][0] and 2 * len(named) <= len(speeches) else named
        if len(named) == 1 and reference:
            # 乡村振兴那篇讲话和科技创新那篇讲话…: a second reference joined to the first.
            tail = norm[norm.find(reference) + len(reference):]
            joined = re.match(r"\s*(?:讲话|文章|报告|稿子)?\s*(?:和|与|跟|及|、)", tail)
            also, second = named_speeches(tail[joined.end():], speeches) if joined else ((), "")
            owner = re.match(r"\s*([\u4e00-\u9fff]{2,8}?)的", tail[joined.end():]) if joined and len(also) != 1 else None
            if owner:
                # 清江省的农村工作讲话和西岭省的扶贫会议: after 和, what owns the second (西岭省的…)
                # names it as 西岭省那篇 would.
                also, second = named_speeches(owner.group(1) + "那篇", speeches)
                second = owner.group(1) if len(also) == 1 else second
            if len(also) == 1 and also != named and tail[joined.end():].lstrip().startswith(second.lstrip("和与跟及、 ")[:2]):
                named, reference = (named[0], also[0]), f"{reference}和{second}"
                plan.reference = reference
        if len(named) <= 1 and EACH_OF.search(norm):
            # 姜春云讲农业、李鹏讲石油,两人各…: clauses that each name their own speech (whole: what
            # the rest of the question says is its own, though their titles hold its words).
            each = each_clause_named(norm, speeches, lambda c: [w for w in analyse(c).words if not _is_generic(w)])
            if each:
                named, reference = each
                plan.reference, by_clauses = reference, True
        if len(named) == 1:
            plan.speech_no = named[0]
        elif named:
            plan.speech_candidates = named
            if not re.search("[和与跟及、]", reference) and not by_clauses \
                    and not _each_names_one(reference, named, speeches):   # (查明哲和李默然都…: each named, not unsure)
                plan.notes.append("这个说法可能指几篇讲话:" + "、".join(
                    next(s.title for s in speeches if s.no == n) for n in named))
    plan.multi_speech = bool(MULTI_SPEECH.search(norm)) or len(several) > 1 or by_clauses \
        or (len(plan.speech_candidates) > 1 and (bool(re.search("[和与跟及、]", reference))
                                                 or _each_names_one(reference, plan.speech_candidates, speeches)))
    if plan.speech_no is not None and plan.reference and MENTIONED_WHERE.search(norm) and sum(
            any(plan.reference in ta.normalise(u.text) for u in s.units) for s in speeches) > 1:
        # 哪几篇提到了罗明远 / 罗明远在这几篇里出现过几回: where a name is said, not his own text.
        name, at = plan.reference, norm.find(plan.reference)
        while at > 0 and len(name) < 4 and any(norm[at - 1] + name in ta.normalise(u.text) for s in speeches for u in s.units):
            name, at = norm[at - 1] + name, at - 1   # (明远, the part of 罗明远 that named his speech)
        plan.speech_no, plan.mentioned, plan.reference, plan.multi_speech = None, name, "", True
        reference = ""   # (the name is what the question is about: its own subject)
    defaulted = default_speech is not None and plan.speech_no is None and not plan.speech_candidates \
        and not plan.missing_speech and not plan.multi_speech
    if defaulted:
        plan.speech_no = default_speech

    body = norm
    for ref in reference.split():
        body = body.replace(ref, " ")
    body = strip_speech_reference(body)
    names_speech = plan.speech_no is not None or bool(plan.speech_candidates)
    # Words of the named speech's own title and speaker lines only name it again: no subject of the question.
    named_nos = (plan.speech_no,) if plan.speech_no is not None else plan.speech_candidates
    naming = " ".join(naming_label(s) for s in speeches if s.no in named_nos) if not (defaulted or by_clauses) else ""
    # Whole words only: jieba's search mode also yields pieces (闻报 of 新闻报道).
    rest = [w for w in _whole_words(analyse(QUANT.sub(" ", STRUCTURE.sub(" ", FROM_WHERE.sub(" ", body)))).words)
            if not (naming and w in naming)]
    # 几点体会 / 哪几条经验: what the question counts names the items, not a subject of its own.
    counted = {m.group(1) for m in COUNTED_NOUN.finditer(body)}
    rest = [w for w in rest if w not in counted] + names_cut(rest, body, speeches, named_nos, corpus_text)
    bare_body = QUOTED.sub(" ", body)   # “四个方面都要抓”: quoted words are not the question's grammar
    asks_parts = bool(QUANT.search(bare_body) or STRUCTURE.search(bare_body)) and bool(PART_ONLY.search(bare_body))
    # The question's own grammar is read outside quotes (“战术有千百条,头一条就是肯打” asks no first item).
    unquoted = QUOTED.sub(lambda m: "\u3000" * len(m.group(0)), body)
    if saying := SAYING_ASKED.search(unquoted):   # (校训是哪八个字: the saying's words, no list)
        unquoted = unquoted[:saying.start(1)] + "\u3000" * len(saying.group(1)) + unquoted[saying.end(1):]
    # (列了一是二是三是四是,都是啥: the markers spelled out ask for the items they mark.)
    wants_list = bool(LIST.search(unquoted) or _SPELLED_MARKERS.search(body))
    # The outline: the question asks for the parts (第一篇讲话提出了哪几条要求) and names nothing else to list.
    # A quoted term (“细、准、优、实”分别是什么) names a list inside the speech, not its outline.
    found = list(ORDINAL.finditer(unquoted))

    def bare(m: re.Match[str]) -> bool:
        return any(m.group(g) is not None for g in ("last_said", "first_said", "last_bare", "first_bare"))

    # 开头第一句 / 最后落在哪儿,结尾那段: the ordinal, else the noun, says which.
    mo = next((m for m in found if m.group(2)), None) or next((m for m in found if not bare(m)), None) \
        or (found[0] if found else None)
    said = mo is not None and bare(mo)
    if said and IN_ORDER.search(unquoted):
        mo = None   # 思路是怎么走的,从哪说起…最后落到哪: the whole run, not its end
    # 海协会长给《两岸关系》杂志写的那篇新年祝辞,结尾…: words up to the speech's reference
    # describe the speech; after it they are the question's own.
    ends = [norm.find(ref) + len(ref) for ref in reference.split() if ref in norm]
    if ends and (that := re.search("(?:那|这|该)篇", norm)):
        ends.append(that.end())   # 外交部发言人唐国强答记者问那篇: all of it names the speech
    # 铁木尔那篇学习十五大报告体会的长文,…: a description of the speech running on to its noun.
    more = SPEECH_DESCRIBED.match(norm, max(ends)) if ends else None
    # (关于下岗职工再就业，方启明提出了哪些措施: a topic set before the reference is asked about.)
    topic = _TOPIC_FIRST.match(norm)
    described = set(analyse(norm[topic.end() if topic else 0:more.end() if more else max(ends)]).words) if ends else set()
    # (座谈会上最后发言的是谁: who spoke last; the occasion's words do not make it a passage.)
    besides = {w for m in BESIDES.finditer(unquoted) for w in analyse(m.group(1)).words}
    # (开头就给这项活动下了什么定位: 这项活动 points back at what the speech is about; it is
    # said nowhere in particular.)
    pointed = {w for w in rest if re.search(rf"(?:这|那|该|此)一?[项次个场篇位件条类种门]{re.escape(w)}", unquoted)}
    own = [w for w in rest if not (_is_generic(w) or w in described or w in besides or w in pointed
                                   or any(w in m.group(0) for m in found))]
    if mo and said and own and "谁" not in unquoted and said_in(own, speeches, named_nos, corpus_text):
        # 结尾说为区委加快推进“四大定位”作贡献: where it is said, not which part is asked for.
        # (开场白是怎么给这次会定性的: words the speech never uses say how it is asked.)
        mo = None
    if mo and (spelled := _SPELLED_MARKERS.search(unquoted)) and spelled.start() >= mo.end():
        # 报道最后那个会议要求,一是二是三是分别是什么: the markers spelled out ask for the list;
        # the ordinal before them only says where it stands.
        mo = None
    counted = [m for m in found if m.group(2) or not bare(m)]
    inner = PART_NOUN.search(counted[1].group(0)) if len(counted) == 2 else None
    if len(counted) == 2 and PART_NOUN.search(counted[0].group(0)) \
            and (inner is None or ("部分" in counted[0].group(0) and inner.group(0) != "部分")):
        # 第二部分第三点 / 最后一部分…倒数第二条 / 第二部分…第三个方面: the second ordinal counts
        # inside the part the first names.
        first = counted[0]
        plan.within_part = chinese_numeral(first.group(2)) if first.group(2) else -1 if not first.group("first") else 1
        mo = counted[1]
    if mo:
        plan.nth_item = ordinal_value(mo)
        if plan.within_part is None:
            # 第三部分和第四部分各讲了什么 / 打头的是谁,压轴的又是谁: ordinals of one kind, each asked.
            plan.more_nth = tuple(dict.fromkeys(
                v for m in sibling_ordinals(unquoted, found, mo) if (v := ordinal_value(m)) != plan.nth_item))
        # 第三部分提出了哪些举措 / 最后一部分先讲什么再讲什么: what the part holds, in order.
        # (第二点下面具体说了哪些: what stands under the point, not its heading alone.)
        plan.items_of_nth = bool(LIST.search(unquoted[mo.end():]) or IN_ORDER.search(unquoted[mo.end():])
                                 or UNDER_IT.match(unquoted, mo.end()))
        plan.nth_is_item = bool(re.search(r"小点|小项|条|项|句|种", mo.group(0)))   # (第三种: of a list of kinds)
        # (第二个问题讲了哪几条要求: a 问题 that holds items is a part of the speech, of the one that has it.)
        asked = mo.group(0) + ("问题" if unquoted[mo.end():].startswith("问题") else "")
        plan.nth_is_part = bool(PART_NOUN.search(asked)) or "问题" in asked and plan.items_of_nth
        if plan.nth_is_part and plan.speech_no is None and not plan.speech_candidates and not defaulted:
            plan.speech_no = speech_marked(asked, speeches)
        plan.nth_is_paragraph = "段" in mo.group(0)
        plan.nth_is_sentence = "句" in mo.group(0)
        if plan.nth_is_sentence and unquoted[mo.end():mo.end() + 1] == "话" \
                and said_in([mo.group(0) + "话"], speeches, named_nos, corpus_text):
            # 第三句话是什么, of a speech that says 第三句话是，…: its third remark, not its third sentence.
            plan.nth_is_sentence, plan.nth_is_item = False, True
        plan.nth_is_position = said
        # 最后是怎么收尾的: 收尾 says the edge, though 最后 came first.
        plan.nth_is_edge = said and any(EDGE.search(m.group(0)) for m in found)
    # An ordinal (第三个标题) asks for one part, not for the outline.
    # 第五篇讲话(主要)讲了什么: a named speech and nothing else asked about it: its outline.
    # (她讲了什么, after 文化站的发言人是谁: what she said, not the speech the first clause named.)
    # (讲话主要讲了什么, of a corpus of one speech: the only one there is.)
    theme = THEME_ASKED.search(unquoted)
    whole_speech = (names_speech and not defaulted or len(speeches) == 1 and bool(_THE_TEXT.search(unquoted))) \
        and bool(WHAT_SAID.search(unquoted) or theme)
    if theme and whole_speech:   # (主题 names what is asked of the speech, no subject of its own)
        rest = [w for w in rest if w not in theme.group(0)]
    joined = [c for m in JOINED_TERMS.finditer(unquoted) for c in trimmed_runs(m.group(0))]
    inner_list = QUOTED.search(body) or _SPELLED_MARKERS.search(body) or bool(said_in(joined, speeches, named_nos, corpus_text))
    # (都提到了哪些书: a thing of one character asked for is no part of the speech's outline.)
    thing = _ONE_CHAR_THING.search(unquoted)
    plan.outline = (asks_parts or whole_speech or (wants_list and names_speech and not inner_list)) \
        and all(_is_generic(w) or w in described for w in rest) and plan.nth_item is None and not thing
    if REPORTER_ASKS.search(unquoted) and plan.speech_no is not None \
            and is_interview(speech := next(s for s in speeches if s.no == plan.speech_no)) \
            and not named_reporters(unquoted, speech):
        # 记者一共问了几个问题 / 记者问的第二个问题: the reporter's questions are the interview's parts.
        plan.nth_is_part, plan.outline = plan.nth_item is not None, plan.nth_item is None
    if plan.multi_speech and plan.nth_item is None and plan.answer_type is None and not thing \
            and not QUOTED.search(body) and not PROBLEMS_FOUND.search(unquoted) and all(_is_generic(w) or w in described or w in WHOLE_SPEECH for w in rest):
        # 五篇讲话各自的主题是什么 / 第一篇和第三篇有什么不同: each speech's outline, side by side.
        plan.outline = True
        if plan.speech_no is None and not plan.speech_candidates:
            plan.speech_candidates = tuple(s.no for s in speeches)
    if (span := EDGE_SPAN.search(unquoted)) is not None:   # 倒数两段分别说了啥: each position asked
        plan.nth_item, *more = span_ordinals(span)
        plan.more_nth, plan.outline, plan.nth_is_paragraph = tuple(more), False, span.group("noun") == "段"
        plan.nth_is_sentence, plan.nth_is_part = span.group("noun") == "句", span.group("noun") in ("部分", "层")
    # 在正式讲几点意见之前,前面铺垫了什么: the words before the parts, not the parts.
    plan.before_parts = bool(BEFORE_PARTS.search(unquoted))
    if plan.before_parts:
        plan.outline, plan.nth_item, plan.more_nth = False, None, ()
    # 说完这四条原因之后接着谈了什么: the items counted are done; what follows them is asked.
    items_done = ITEMS_DONE.search(unquoted)
    if items_done and plan.nth_item is None and not LIST.search(unquoted[items_done.end():]):
        plan.outline, wants_list = False, False
    # 报道在领导讲话之后还写了哪些内容 / 会开完之后还去做了什么: what the report tells after them.
    ended = plan.nth_item is None and not plan.before_parts \
        and bool(ENDED_SPEAKING.search(norm) or MEETING_ENDED.search(norm))
    if ended:
        plan.outline = False
    plan.in_order = plan.outline and bool(IN_ORDER.search(unquoted))
    plan.wants_list = plan.outline or wants_list
    if spelled_out := _SPELLED_MARKERS.search(body):
        plan.markers = spelled_out.group(1)
    plan.weak_list = not plan.wants_list and bool(WEAK_LIST.search(body))
    plan.list_size = stated_size(unquoted)
    # (分了哪几部分 asks for parts, naming none; 最后一部分 / 第二部分 are ordinals, not a part's words.)
    ms = QUOTED_SECTION.search(body) or \
        next((m for pattern in (SECTION_TOPIC, SECTION_REF) for m in pattern.finditer(body)
              if not re.search("哪|几|什么|多少|谁|怎|最后|倒数|第", m.group(1))), None)
    item = ITEM_NAMED.search(body) if ms is None and plan.nth_item is None else None
    if item and not re.search("哪|几|什么|多少|谁|怎|最后|倒数|第", item.group(1)) \
            and not all(len(w) >= 2 and _is_generic(w) for w in analyse(item.group(1)).words):
        ms, plan.outline = item, False   # 第三篇治懒治庸那一条里…: that item, not the speech's outline
    if ms and (plan.wants_list or plan.weak_list or plan.nth_item is not None or re.search("讲|说|谈|提|写", body)):
        plan.section = " ".join(re.sub("[“”]", " ", ms.group(1)).split())   # (the quote marks name no word)
    elif names_speech and not plan.outline and (wants_list or plan.nth_item is not None):
        # 第四篇总结今年以来的成效,分了哪几条: a part named by the question's own words; compose
        # takes it only when one heading of the speech holds most of them.
        words = analyse(ORDINAL.sub(" ", QUANT.sub(" ", STRUCTURE.sub(" ", FROM_WHERE.sub(" ", re.sub("一共|总共", " ", body)))))).words
        whole = _whole_words(words)
        # (列的几项工作里,第二项: 工作 is what the list counts, not words to look for in the item.)
        items = {m.group(1) for m in COUNTED_NOUN.finditer(body)} if plan.nth_item is not None else set()
        plan.section = " ".join(dict.fromkeys(w for w in whole if not _is_generic(w) and w not in described
                                              and w not in items and w not in besides))
        quoted = QUOTED.findall(body)
        if plan.nth_is_item and len(quoted) == 1:
            plan.section = quoted[0]   # “五项治理”,排第三的那项: the item counts in the list the quote names
        if plan.nth_is_position:
            # (开场白是怎么给这次会定性的: 定性, which the speech never says, names no part of it.)
            plan.section = " ".join(said_in(plan.section.split(), speeches, named_nos, corpus_text))
    plan.answer_type, plan.answer_unit = asked_type(body, COUNT)
    if plan.answer_type is None and _COMPARED_COUNT.search(unquoted):
        plan.answer_type = "number"   # (今年新签约项目比去年多几个: a difference of two figures, not a list)
    if plan.answer_type == "number" and (BOUNDED.search(unquoted) or _COMPARED_COUNT.search(unquoted)):
        plan.wants_list = plan.outline = False   # (博士后工作站至少要新建几个: a figure, not a list)
    if plan.answer_type in (None, "place") and ASKS_OCCASION.search(norm) \
            or plan.answer_type == "number" and plan.answer_unit.startswith("第") and SESSION_ASKED.search(norm):
        # (哪次会议上讲话的: 会议上 read as the reference; 第几次人代会上: the session is the occasion)
        plan.answer_type, plan.answer_unit = "occasion", ""
    if plan.answer_type in ("person", "date", "note", "caption") and not asks_parts:
        # 发言的是哪几位 / 两篇各是哪天的 / 最前面的编者按, of named speeches: people, dates or a
        # line of their own, not their parts.
        plan.outline = False
    if plan.answer_type == "number" and (COUNTS_ITEMS.search(unquoted) or THINGS_ASKED.search(unquoted)):
        # 提了几个要注意的问题 / 几件事都有啥: the items are asked for, and their number with them, not a figure.
        plan.answer_type, plan.answer_unit = None, ""
        plan.wants_list = True
    # (团拜会几点钟开始的: a time of day, which no date line gives; the text tells it.)
    if plan.answer_type in METADATA_TYPES and plan.answer_unit != CLOCK \
            and (names_speech or ABOUT_SPEECH.search(norm) or plan.answer_type in ("note", "caption")):
        # (座谈会上发言的是哪几位: the reference takes 发言 along; the event is read from the whole question.)
        # (编者按写了什么 / 照片拍的谁: the line of its own the kind names, whatever else is said.)
        event = asked_event(norm)
        if event and named_nos and all(event in s.title for s in speeches if s.no in named_nos):
            event = SPEECH_ITSELF[0]   # (政府工作报告是谁作的报告: giving what its title says it is)
        plan.about_speech = plan.answer_type in ("note", "caption") \
            or only_meta_words(BESIDES.sub("", body), analyse, naming, event, held=plan.answer_type == "date")   # (除了韩振声,还有谁…)
    if plan.answer_type in ("person", "date", "office") and plan.answer_unit != CLOCK and (not names_speech or defaulted) \
            and not plan.about_speech and OCCASION.search(body):
        # 安全生产会议是哪天开的: the words that are not who/when all stand in one speech's
        # title, so the question asks when (or by whom) that speech was given.
        titled = title_of(body, speeches, analyse)
        if titled is not None:
            # Its speaker or date line answers; without one, its text is searched (a dateline).
            plan.speech_no = titled
            # (谁主持的 asks about an event the speaker line does not tell.)
            plan.about_speech = bool(speech_says(next(s for s in speeches if s.no == titled), plan.answer_type)) \
                and (asked_event(body) in ("", *HOLDING, *SPEECH_ITSELF) or only_meta_words(body, analyse))   # ("": 谁讲的话)
    if plan.answer_type == "person" and not names_speech and not plan.about_speech and WROTE_IT.search(body):
        # 有篇文章批评…,是谁写的: whoever wrote the text that says it (its byline names them).
        plan.answer_type = None
    if plan.nth_item is not None and not names_speech and not plan.missing_speech \
            and (plan.nth_is_paragraph or plan.nth_is_sentence or plan.nth_is_position):
        # 供暖会议开头第一句: a position in the one speech whose title holds the question's words.
        titled = title_of(ORDINAL.sub(" ", body), speeches, analyse)
        if titled is not None:
            plan.speech_no = titled
    plan.asks_content_of = asked_term(body, analyse)
    if plan.markers and all(c in ta.squash_punct(spelled_out.group(0)) for c in ta.squash_punct(plan.asks_content_of)):
        plan.asks_content_of = ""   # (一要、二要、三要 are markers, no term whose meaning is asked)
    if plan.asks_content_of and not plan.wants_list and _COUNTED_TERM.match(plan.asks_content_of) \
            and QUOTED.search(body) and plan.nth_item is None:
        plan.weak_list = True   # (“三个好”是指什么: a term that counts its parts is a list of them)
    # 讲了哪几个“继续” / 讲了4个“继续”: the term is counted, so its instances are the list (not what it means).
    plan.counts_term = bool(plan.asks_content_of) and bool(re.search(
        rf"(?:哪|几|(?<!第){_NUM})(?:{_NUM}+)?{CLASSIFIER}?\s*[“\"「]?{re.escape(plan.asks_content_of)}", body))
    if mo is not None and plan.nth_is_part and AFTER.search(unquoted) and _ENDED_AFTER.search(unquoted, mo.end()):
        # 第一部分,讲完过去一年的成效之后接着讲的是什么: the part says where; what follows the
        # passage done is asked, not the part.
        plan.nth_item, plan.more_nth, plan.items_of_nth, plan.nth_is_part = None, (), False, False
    plan.after = ended or bool(AFTER.search(unquoted)) and plan.nth_item is None and not plan.outline \
        and (bool(items_done) or not all(_is_generic(w) for w in rest))
    what = ASKS_WHAT.search(body)
    # 最在乎的是什么 asks for whatever they care about (a 的-phrase names no thing); …的工人是什么态度
    # asks for an attitude (是什么 + a noun), not what 工人 are.
    focus = asked_term(body, analyse, ASKS_WHAT) if what and not body[: what.start()].endswith("的") \
        and not re.match(r"[\u4e00-\u9fff](?<![呢吗啊呀的])", body[what.end():]) else ""
    if not focus and (which := WHICH_ONE.search(unquoted)):
        focus = which.group(1).split("的")[-1]   # 担任过哪个系的系主任 / 在哪个礼堂开的: the one thing asked for
    if not focus and (thing := _WHAT_THING_LAST.search(unquoted)):
        focus = thing.group(1)   # 赵德明获得过什么省级荣誉: the thing asked for ends the question
    # (2003年/九七年/去年粮食总产量: the year says which, not what. 那位妻子 / 那场话剧: pointing words
    # name nothing; 这种现象叫什么 asks the name of the thing the question describes, naming none.)
    plan.asked_words = tuple(w for w in _whole_words(analyse(re.sub(f"{YEAR}|[今去明前本来]年", " ", focus)).words) if not _is_generic(w)
                             and not re.fullmatch(r"[\d.]+年?|(?:这|那)(?:种|个|位|些|样|类|场|次|件)?", w)
                             and not (plan.answer_type == "number" and w in FIGURE_KINDS)) \
        if focus and plan.answer_type not in ("term", "quote", "title") else ()
    plan.asked_thing = focus if plan.asked_words else ""

    if not history and plan.nth_item is not None and not names_speech and FOLLOWUP_LEAN.search(norm) \
            and not _own_subject(analyse(ORDINAL.sub(" ", body)).words, set()):
        plan.needs_history = True   # 那第三个呢? asked first: third of what
    if history:
        prev = history[-1]
        # An ordinal (第三点) or a speech reference (第二篇) points back; neither is a subject.
        words = analyse(ORDINAL.sub(" ", body)).words
        if plan.answer_type in METADATA_TYPES:
            # 哪几家单位办的: the kind of thing asked for (单位, 领导) is no subject of its own.
            words = [w for w in words if w not in _META_WORDS]
        # (讲这个故事想让大家咋做: a thing after 这个 / 那段 points back at the last turn's, no subject of its own.)
        words = [w for w in words if not re.search(rf"[这那](?:个|种|段|件|位|条|次|些|一)?{re.escape(w)}", norm)]
        prev_words = set(analyse(prev.answer.query or prev.question).words)
        # Naming a speech (第三篇讲话分为哪几个部分) is a subject too, unless the question is
        # elliptical (第二篇呢?), which the lean markers catch.
        # Read without the words naming a speech: 那篇讲宁乡的讲话讲了什么 opens with 那 but leans on nothing.
        # (A speech the question's first clause named is no subject of this one.)
        named_here = names_speech and not defaulted
        detail = not named_here and _asks_detail_of(plan, words, prev.answer, analyse)
        leans = bool(FOLLOWUP_LEAN.search(body.strip() if named_here else norm)) or detail \
            or not (named_here or plan.mentioned or _own_subject(words, prev_words))
        if leans and ALL_SPEECHES.match(norm) and _own_subject(words, prev_words):
            leans = False   # 这几篇讲话推荐了哪些书: 这几篇 points at the speeches, not at the last answer
        # (收尾呢 / 结尾又说了什么: the speech's end, not the last item of the last list.)
        if plan.nth_item is not None and prev.answer.citations and leans and not plan.nth_is_position:
            plan.followup_item = plan.nth_item
        elif NEXT_ITEM.match(norm) and (prev.answer.plan or {}).get("intent") == "nth_point":
            plan.followup_item = 0
        if leans:
            plan.follow_up = True
            # A follow-up is searched together with what it follows up on, unless it names its
            # own subject (那损失厌恶又是什么意思?): then its own words say what to look for.
            own = _own_subject(words, prev_words) and not detail
            plan.text = question if own else f"{prev.answer.query or prev.question} {question}"
            if MORE.search(norm):
                # 还有别的吗: more on the same topic, from other paragraphs.
                plan.exclude = {c.unit.id for c in prev.answer.citations}
            else:
                plan.focus = question
            if plan.speech_no is None and not plan.speech_candidates:
                # The speech the previous turn was about (第二篇 / 乡村振兴那篇 / its own follow-up's).
                prev_no = (prev.answer.plan or {}).get("speech")
                if not isinstance(prev_no, int):
                    prev_no, _ = numbered_speech(ta.normalise(prev.question), speeches)
                plan.speech_no = prev_no
            # 是谁讲的? / 它是哪一天讲的? after a question about one speech: that speech's speaker or date.
            if plan.answer_type in METADATA_TYPES and plan.speech_no is not None:
                plan.about_speech = plan.about_speech or only_meta_words(body, analyse)
    if len(speeches) == 1 and plan.speech_no is None and not plan.missing_speech and plan.followup_item is None \
            and (plan.outline or (plan.nth_item is not None and not plan.section)):
        # A corpus of one speech: 这篇讲话分为哪几个部分 / 第二点是什么 can mean only it.
        plan.speech_no = speeches[0].no
    if plan.mentioned:   # (哪几篇提到了罗明远: where he is named, not each speech's outline)
        plan.outline, plan.speech_candidates = False, ()
    if plan.outline and plan.speech_no is None and not plan.speech_candidates and not history \
            and 1 < len(speeches) <= _SIDE_BY_SIDE and _THIS_SPEECH.search(plan.text):
        # 这篇讲话分几块, asked first, of several speeches: which one is not said; each is outlined.
        plan.speech_candidates = tuple(s.no for s in speeches)
        plan.notes.append("问题说「这篇」,但没有指明是哪篇讲话:下面列出各篇的结构,请说明是哪一篇。")
    return plan
