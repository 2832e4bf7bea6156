"""Does the evidence give what the question asks for? Checks that turn an answer into a partial one.

Word overlap says the speeches talk about the question's subject; it does not say they give
what is asked. Three checks look at the evidence itself:

* **answer type**: 谁 needs a person, 哪一年 a date, 多少公里 a number with that unit, 哪里 a
  place in the cited sentences;
* **content of a named thing**: “X”具体指哪些内容 needs a sentence that defines or lists X
  (X是/是指/包括/…, or an enumeration after it), not a passing mention;
* **missing key terms**: a quoted term, or a long word, that the corpus never uses.
"""

from __future__ import annotations

import math
import re
from typing import Iterable, Sequence

from . import text_analysis as ta
from .answer_types import fits_type
from .corpus import Unit
from .evidence import Evidence
from .lazy_pattern import LazyPattern
from .planner import QUOTED, QueryPlan
from .points import point_count, point_lists
from .question_words import GENERIC, META_WORDS, WHOLE_SPEECH, is_generic, joined_singles, meeting_shortened
from .results import Hit
from .structure import counted_items, enumerates, list_items

__all__ = ["MISSING_WHAT", "own_words", "unsaid_words", "abstain_reason", "coverage", "dense_rescues", "defines", "fits_type", "missing_terms", 
           "unseen_share"]

_NON_WORD = LazyPattern(r"[^\w]+")
_CJK_WORD = LazyPattern(r"[\u4e00-\u9fff]")

# What the partial answer says the speeches leave out, by answer type.
MISSING_WHAT = {"person": "说明是谁", "date": "给出具体时间", "number": "给出具体数字", "place": "说明具体地点", "occasion": "说明是在什么会上",
                "source": "说明出处", "organization": "说明是哪个单位", "agent": "说明由谁负责", "office": "说明担任什么职务", "title": "给出名称", "term": "给出它的名称", "quote": "引用原话",
                "note": "附编者按", "caption": "附照片说明", "content": "具体说明它包括哪些内容或指什么"}

# After a term: it is being defined or listed.
_DEFINES_AFTER = LazyPattern(r"^[”」』》\"]?\s*[,,]?\s*(?:是指|指的是|就是|即|是|指|包括|包含|分别是|:|:|——|一是|主要有|有以下)")
# Right after a term (within a few characters): an enumeration of its items.
_ENUMERATION = LazyPattern(r"^.{0,12}?(?:一是.{1,40}二是|一要.{1,40}二要|1[、.].{1,60}2[、.]|[^,。]{1,8}、[^,。]{1,8}、)")
_QUOTES = LazyPattern(r"[“”\"「」『』‘’]")
# 眼界宽、思路宽、胸襟宽的三宽型干部队伍要求: the items named right before the term.
_ENUMERATED_BEFORE = LazyPattern(r"[^,，。]{1,8}、[^,，。]{1,8}、[^,，。]{1,8}的$")
# Before a term: a rhetorical definition (什么是水八仙? / 何谓… / 所谓…).
# (…拍卖小水库经营权的做法,大家叫它“青山模式”: named after what it is, which was just said.)
_DEFINES_BEFORE = LazyPattern(r"(?:什么是|什么叫|何谓|所谓|何为|叫(?:它|这|做|作)?|称(?:它|之)?为|称作|命名为)[“「\"]?$|(?:[^,。、]{1,8}、){2,}[^,。、]{1,8}[”」\"]?的[“「\"]?$")
# Words that ask (and those that say what kind of answer is wanted: 全名, 名字): never key terms.
_QUESTION_WORD = LazyPattern(r"哪|什么|啥|咋|怎么|怎样|多少|多长|多久|多大|几|谁|如何|为何|为什么|^第[一二三四五六七八九十\d]|全名|名字|姓名"
                            r"|讲话|发言|文章|这篇|那篇|部分$|^[这那]?[句段]话$"   # 在讲话中 / 那一部分 / 那句话 point, they are no term
                            r"|^[\d一二三四五六七八九十两]{1,2}(?:个|项|条|点|种|件)?$")   # 哪3个 counts, it is no term
DEICTIC_TIME = LazyPattern(r"今年|去年|明年|前年|今天|昨天|明天|当前|目前|眼下|如今|时下|近年|今后|本月|上月|下月")
_LIST_SEPARATORS = LazyPattern(r"[、,,;;/]")


def defines(term: str, texts: Iterable[str], headings: Iterable[str] = ()) -> bool:
    """Whether a text defines or lists ``term`` rather than only naming it.

    A unit whose heading is mostly the term (3、要做好最后1%。…) is explained by its own body;
    a heading that only mentions it (一要开展“六种意识”讨论活动) is about something else.
    """
    key = ta.normalise(term)
    tk = ta.squash_punct(term)
    if any(tk in (hk := ta.squash_punct(h)) and len(tk) >= 0.5 * len(hk) for h in headings if h):
        return True
    for text in texts:
        norm, k = ta.normalise(text), key
        if k not in norm:
            # “十不”承诺 for 十不承诺: read without the quotes.
            norm, k = _QUOTES.sub("", norm), _QUOTES.sub("", key)
        start = norm.find(k)
        while start != -1:
            after = norm[start + len(k): start + len(k) + 80]
            if _DEFINES_AFTER.match(after) or _ENUMERATION.match(after) or \
                    _DEFINES_BEFORE.search(norm[max(0, start - 40): start]) or \
                    _ENUMERATED_BEFORE.search(norm[max(0, start - 40): start]):
                return True
            start = norm.find(k, start + 1)
    return False


# 那本书 / 这个问题: a word that points at something said, not a term of the question's own.
# (它们 / 他们 / 咱们: a pronoun points at something, as 这个 does; no term of the question's.)
_POINTING = LazyPattern(r"^(?:这|那|该|此)(?:一|几|两|三|四|五|些)?[本个篇位条项件种部份段句点者]?$|^(?:这|那|该|此)(?:一|几|两|三|四|五)?[本个篇位条项件种部份段句点]"
                        r"|^(?:它|他|她|我|你|咱|您)们?$|^(?:它|他|她)们")


_FIELD_HEADS = frozenset({"工作", "问题", "情况"})


def missing_terms(quoted: Iterable[str], words: Sequence[str], corpus_key: str, min_len: int = 3,
                  key_share: float = 0.5, question: str = "") -> list[str]:
    """Terms the question is about that the corpus never uses (``corpus_key``: squash_punct of the corpus).

    A quoted term is always a key term. Unquoted words (``min_len`` characters or more, not
    question words) count only when they are at least ``key_share`` of the question's own
    words: 几篇讲话对形式主义都是怎么说的 is about 形式主义, while a paraphrase that happens
    to use an everyday word the speeches don't (出岔子) is about more than that word.
    """
    # A quoted list (“细、准、优、实”) is the asker's summary: present when each item is; a
    # phrase with a gap (“坚持……不动摇”), when each of its pieces is.
    # (反驳“人民币贬值引发东南亚危机”的说法: a claim the asker sums up in quotes is theirs, not
    # the speech's words; it is there when most of its words are.)
    norm = ta.normalise(question)
    quoted = [t for t in quoted if not (len(t) >= 6 and re.search(
        rf"{re.escape(t)}[”\"」』]\s*(?:的|这种|这个|这一)?(?:说法|观点|看法|论调|论点|论断)", norm)
        and _mostly_said(t, corpus_key))]
    out = [t for t in dict.fromkeys(quoted) if ta.squash_punct(t)
           and not all(ta.squash_punct(piece) in corpus_key for item in _LIST_SEPARATORS.split(t)
                       for piece in ta.gap_pieces(item) if ta.squash_punct(piece))]
    # Chinese words only: a Latin word in a Chinese question (ｗｈａｔ是…) is noise, not a term.
    # (计划生育工作怎么抓 is about 计划生育: 工作 after a field's name says no more.)
    own = own_words(words)

    # 今年春节 says when, relative to the asker: the speeches say 春节 (形式主义 stays a term).
    unseen = [w for w in own if len(w) >= min_len and ta.squash_punct(w) not in corpus_key
              and not DEICTIC_TIME.match(w) and not _said_apart(ta.squash_punct(w), corpus_key)
              and not _said_modified(w, corpus_key) and not _place_said(w, corpus_key)
              and not meeting_shortened(w, corpus_key)]
    # (窗口单位对老百姓爱答不理、高高在上: several words of the asker's own, none a term the
    # question is about; 计划生育 / 形式主义 is one, 治理空气污染、保护环境 a list of topics.)
    listed = len(unseen) >= 2 and any(re.search(f"{re.escape(a)}[^,，。?？]{{0,4}}[、和与及][^,，。?？]{{0,4}}{re.escape(b)}",
                                                norm) for a in unseen for b in unseen if a != b)
    # 农村合作医疗: words that stand together in the question name one thing; it is as many
    # of the question's own things as there are such runs, and unknown when a word of it is.
    # (A run names its thing by its last word, as 农村合作医疗 does by 合作医疗; 老干部座谈会 is a
    # 座谈会 the speeches hold. 粮食总产量, where they say 粮食总产, is their word put another way:
    # the head is unknown only when they never say it without its last character either.)
    runs = _runs(own, norm) if question else [[w] for w in own]
    unknown = [run for run in runs if run[-1] in unseen and _unsaid(run[-1], corpus_key)]
    # 货币化分房是怎么规定的: the thing whose rule or meaning is asked, never said (the words
    # before it, 在高校住房改革中, only say where to look).
    if question and (asked := _DEFINED_ASKED.search(norm)):
        subject = next((run for run in runs if question.find("".join(run)) + len("".join(run)) == asked.start()), None)
        if subject and _unsaid(subject[-1], corpus_key) and "".join(subject) not in corpus_key:
            out += [w for w in subject if _unsaid(w, corpus_key) and w not in out]
    if own and (len(unseen) >= key_share * len(own) or len(unknown) >= key_share * len(runs)) \
            and (len(unseen) == 1 or listed):
        out += [w for w in unseen if w not in out]
    return out


def _mostly_said(text: str, corpus_key: str) -> bool:
    """Whether at least half of a phrase's words of two characters or more are the speeches' words."""
    words = [w for w in ta.analyse(text).words if len(w) >= 2]
    return bool(words) and sum(ta.squash_punct(w) in corpus_key for w in words) * 2 >= len(words)


_DEFINED_ASKED = LazyPattern(r"(?:又|具体)?(?:是)?(?:怎么|如何|怎样)规定的?|有(?:什么|哪些|啥)规定|(?:是|指)(?:什么|啥)意思"
                             r"|(?:具体)?(?:是指|指的是)(?:什么|啥|哪些)|是怎么回事|包括哪些内容")


def _runs(words: Sequence[str], question: str) -> list[list[str]]:
    """``words`` grouped by where they stand in ``question``: those that touch form one run."""
    placed = sorted((question.find(w), w) for w in words if w in question)
    runs: list[list[str]] = []
    end = -1
    for at, w in placed:
        if runs and at == end:
            runs[-1].append(w)
        else:
            runs.append([w])
        end = at + len(w)
    return runs + [[w] for w in words if w not in question]


def _unsaid(word: str, corpus_key: str) -> bool:
    """Whether the speeches never say ``word``, nor (a word of three or more) all of it but its
    last character, nor all of it with one character put in: 总产量 is said as 总产, 问卷调查 as
    问卷大调查, 合作医疗 is not said at all."""
    return word not in corpus_key and (len(word) < 3 or word[:-1] not in corpus_key and not _said_apart(word, corpus_key))


def _said_apart(word: str, corpus_key: str) -> bool:
    """Whether the speeches say ``word`` (three characters or more) with one character put in
    between its halves: 问卷调查 as 问卷大调查, 受表彰 as 受到表彰; or a word of four with one
    put in before each character of its second half (公款吃喝 as 公款大吃大喝), or up to three
    between its halves (农民收入 as 农民人均纯收入)."""
    # (受表彰 said 受到表彰: of three characters, the one put in after the first.)
    return len(word) >= 3 and (any(word[:i] + c + word[i:] in corpus_key for i in range(2 if len(word) > 3 else 1, len(word) - 1)
                                   for c in _inserted(word[:i], word[i:], corpus_key))
                               or len(word) == 4 and (_said_turned(word[:2], word[2:], corpus_key)
                                                      or _said_spread(word, corpus_key)))


def _said_spread(word: str, corpus_key: str) -> bool:
    # (农民收入 said 农民人均纯收入: what says which may stand between the halves, no joining word;
    # 区委书记 is not said by 区委、区纪委书记, whose 区纪委 names another body of the same kind.)
    head, a, b = re.escape(word[:2]), re.escape(word[2]), re.escape(word[3])
    between = "[^" + "".join(_JOINS) + "\\W]"
    return any(not set(m.group(1)) & set(word) for m in re.finditer(rf"{head}({between}{{0,3}}){a}[\u4e00-\u9fff]?{b}", corpus_key))


def _said_modified(word: str, corpus_key: str) -> bool:
    """具体安排, of speeches that say 安排: a word the speeches say, with a modifier that only
    says how the asker means it (具体 / 主要) before it."""
    return any(word.endswith(piece) and is_generic(word[:-len(piece)]) and ta.squash_punct(piece) in corpus_key
               for piece in ta.analyse(word).words if len(piece) >= 2 and piece != word)


# 危房改造 said 改造农村危房: a verb-object word of two halves said the other way round, a few
# characters apart at most (改造农村薄弱学校危房).
_TURNED_GAP = 6


# (官僚主义和形式上的东西 is no 形式主义: words joined by 和 or 的 are two things, not one said turned.)
_JOINS = frozenset("和与及或同跟的是")


def _said_turned(head: str, tail: str, corpus_key: str) -> bool:
    at = corpus_key.find(tail)
    while at >= 0:
        after = at + len(tail)
        found = corpus_key.find(head, after, after + _TURNED_GAP + len(head))
        if found >= 0 and not _JOINS & set(corpus_key[after:found]):
            return True
        at = corpus_key.find(tail, at + 1)
    return False


def _inserted(head: str, tail: str, corpus_key: str) -> set[str]:
    """The characters that stand between ``head`` and ``tail`` somewhere in the speeches."""
    found, at = set(), corpus_key.find(head)
    while at >= 0:
        if corpus_key.startswith(tail, at + len(head) + 1):
            found.add(corpus_key[at + len(head)])
        at = corpus_key.find(head, at + 1)
    return found


def own_words(words: Sequence[str]) -> list[str]:
    """The question's own Chinese words: not question words, pointers or discourse, whole."""
    return [w for w in dict.fromkeys(words)
            if len(w) >= 2 and _CJK_WORD.search(w) and not _QUESTION_WORD.search(w) and not _POINTING.match(w)
            and not is_generic(w) and not any(w != o and w in o for o in words) and w not in _FIELD_HEADS]


def unnamed_kind(question: str, words: Sequence[str], corpus_key: str) -> str:
    """公车改革, of 对公车改革提了哪些要求: the one thing a question asks about (after 对 / 关于), when the speeches
    know its head (改革) but never the word that says which (公车), nor the two together; ""
    otherwise. (A time word before it, 眼下作风, says when, not which.)"""
    norm = ta.normalise(question)
    runs = _runs(own_words(words), norm)
    if len(runs) != 1 or len(runs[0]) < 2 or runs[0][-1] not in corpus_key or "".join(runs[0][-2:]) in corpus_key:
        return ""
    if not re.search(rf"(?:对|关于|针对|就){re.escape(''.join(runs[0]))}", norm):
        return ""   # (the topic a question names after 对 / 关于; 纪念时会想到 is no such phrase)
    which, head = runs[0][-2], runs[0][-1]   # (the word right before the head says which)
    if not _unsaid(which, corpus_key) or DEICTIC_TIME.match(which):
        return ""
    return which + head


def never_said(ev: Evidence, question: str, analysed: ta.Analysed, kinds: bool = False) -> tuple[str, str]:
    """(讲话中没有出现「合作医疗」。, missing_terms:合作医疗) when the question's key terms are
    none of the speeches' words (``kinds``: or the kind of thing it asks about, unnamed_kind);
    ("", "") otherwise."""
    missing = missing_terms(QUOTED.findall(ta.normalise(question)), analysed.words, ev.corpus_key, question=question)
    if not missing and kinds and (kind := unnamed_kind(question, analysed.words, ev.corpus_key)):
        missing = [kind]
    if not missing:
        return "", ""
    return "讲话中没有出现" + "、".join(f"「{t}」" for t in missing) + "。", f"missing_terms:{'、'.join(missing)}"


# ---- declining: the lexical evidence is too thin -------------------------------------------

def coverage(ev: Evidence, analysed: ta.Analysed, units: list[Unit]) -> float:
    """IDF-weighted share of the question's character bigrams found in ``units``.

    Bigrams the corpus never uses get the highest IDF, so a question about something the
    speeches never mention scores low even when its other words are common.
    """
    if not analysed.bigrams:
        return 0.0
    # The units' speeches' titles and metadata lines count too: 李岚清回顾说… names the speaker
    # of the paragraphs that answer, which their text need not repeat.
    speeches = {u.speech_no: ev.corpus.speech(u.speech_no) for u in units}
    context = [sp.title for sp in speeches.values()] + [u.text for sp in speeches.values()
                                                        for u in sp.units if u.kind == "metadata"]
    # Punctuation removed: 治“懒”、治“庸” covers a question about 治懒治庸.
    text = _NON_WORD.sub("", "".join(ta.normalise(t) for t in [*(u.text for u in units), *context]))
    return ta.idf_share(analysed.bigrams, ev.bigram_idf, ev.bigram_docs, text)


def unseen_share(ev: Evidence, analysed: ta.Analysed, skip: frozenset[str] = frozenset()) -> float:
    """IDF-weighted share of the question's words that no unit of the corpus contains (``skip``:
    words that only say what kind of thing is asked, 单位 / 职务)."""
    idf = ev.word_idf
    n = max(ev.word_docs, 2)
    unseen = math.log(n + 0.5) - math.log(0.5)
    words = list(dict.fromkeys(analysed.words))
    total = sum(idf.get(w, unseen) for w in words)
    # 钱丽华: a name jieba cuts into characters is seen where its character pairs stand together.
    seen_pairs = [g for g in analysed.bigrams if g in ev.corpus_key]

    def never(w: str) -> bool:
        # (列 / 先: a character of one's own that the speeches use inside their words is no
        # unknown term; a question says 先提了 where a speech says 首先. 温婉, a name the texts give
        # an office, is said there though the tokenizer cuts it apart.)
        return w not in idf and not (len(w) == 1 and (any(w in g for g in seen_pairs) or w in ev.corpus_key)) \
            and not (2 <= len(w) <= 3 and ev.named_person(w))

    # Question words (几条, 哪些) ask and discourse words (之前, 具体) say how; the speeches need not contain them,
    # nor the words that compare or sum up speeches (有什么不同, 主题).
    return sum(unseen for w in words if never(w) and not _QUESTION_WORD.search(w) and w not in GENERIC
               and w not in WHOLE_SPEECH and w not in skip) / total \
        if total > 0 else 1.0


def _place_said(word: str, corpus_key: str) -> bool:
    """宁乡县, of speeches that say 宁乡: the place, without the word for what kind it is."""
    return bool(re.fullmatch(r"[\u4e00-\u9fff]{2,4}[省市县区镇乡]", word)) and ta.squash_punct(word[:-1]) in corpus_key


def unsaid_words(ev: Evidence, analysed: ta.Analysed) -> str:
    """讲话中从未出现「读书」: the question's own words the speeches never use, said for a
    decline; "" when they use them all."""
    never = "、".join(f"「{w}」" for w in own_words(analysed.words)
                     if ta.squash_punct(w) not in ev.corpus_key and not DEICTIC_TIME.match(w)
                     and not _place_said(w, ev.corpus_key))
    return f"讲话中从未出现{never}" if never else ""


def abstain_reason(ev: Evidence, plan: QueryPlan, analysed: ta.Analysed, hits: list[Hit]) -> str | None:
    """Why the speeches do not answer the question, or None when they may.

    Lexical evidence only: the best paragraphs cover little of what is asked, or much of
    the question uses words the speeches never use, or a question asks for N things and
    no paragraph near the top lists N things.
    """
    p = ev.params
    cov = coverage(ev, analysed, [h.unit for h in hits[:3]])
    # (读书学习: 学习 is said, 读书 never; the share alone does not say what is missing.)
    never = unsaid_words(ev, analysed)
    never = f";{never}" if never else ""
    if cov < p.abstain_coverage:
        return f"最相关的段落只覆盖了问题内容的 {cov:.0%}{never}"
    kinds = META_WORDS if plan.answer_type in ("office", "organization", "person") else frozenset()
    unseen = unseen_share(ev, analysed, kinds)
    if unseen >= p.abstain_unseen and cov < p.abstain_unseen_coverage:
        return f"问题中 {unseen:.0%} 的内容在讲话中从未出现{never}"
    own = own_words(analysed.words)
    alone = [w for w in analysed.words if len(w) == 1 and _CJK_WORD.search(w) and w not in GENERIC
             and not _QUESTION_WORD.search(w)]
    # (危房改造 said 改造农村危房: its pieces are said; 1997 is said.)
    seen = [w for w in analysed.words if len(w) >= 2 and (not _CJK_WORD.search(w) or not is_generic(w)
                                                           and not _QUESTION_WORD.search(w) and ta.squash_punct(w) in ev.corpus_key)]
    if not own and not seen and len(alone) >= 3 and len(set(alone)) == 1:
        # 作作作作作作: one character typed over and over names nothing to look for.
        return "问题中没有可以检索的词语"
    # (沈雅琴是什么职务: a name cut into characters is said, when the texts give it an office; the
    # kind of thing asked, 职务 / 单位, need not be.)
    seen += [w for w in joined_singles(analysed.words) if len(w) >= 2 and ev.named_person(w)]
    own = [w for w in own if w not in kinds]
    if own and never and alone and not seen:
        # 火星上有水吗: every word of the question's own the speeches never say; what they share is
        # single characters (水 in 有水平), which find other words, not what is asked.
        return never.lstrip(";")
    # (哪四个乡镇 counts places, people or bodies, which a sentence names, not a speech's items.)
    n = plan.list_size if plan.answer_type not in ("place", "person", "organization") else None
    if n and n >= 3 and not any(enumerates(h.unit.text, n) or len(list_items(ev, h.unit)) == n
                                or any(point_count(option) == n for _, option in point_lists(ev, h.unit))
                                for h in hits[:5]) \
            and not counted_items(ta.normalise(plan.text), n, hits[:5], plan.asks_content_of):   # (“三个带头”:A;B;C)
        return f"讲话中没有列出{n}项内容"
    return None




def dense_rescues(ev: Evidence, plan: QueryPlan, hits: list[Hit], dense_top: float | None) -> bool:
    """Whether the meaning matches closely enough to answer a question whose words the speeches
    barely share (a paraphrase): the best embedding similarity reaches ``dense_rescue``, or comes
    near it (within 0.02) while the best paragraph holds a thing of the asked type in the asked
    unit (拿到地皮到动工要多少天 → 从拿地到开工…30天): two signals, each short of sure alone."""
    floor = ev.params.dense_rescue
    if dense_top is None or not floor or not hits:
        return False
    if dense_top >= floor:
        return True
    return dense_top >= floor - 0.02 and bool(plan.answer_type and plan.answer_unit) \
        and fits_type(plan.answer_type, plan.answer_unit, ta.split_sentences(hits[0].unit.text))
