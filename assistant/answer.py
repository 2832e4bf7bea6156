"""Extractive answers: sentences of the top paragraphs, in their own words, each cited.

Three shapes of answer, chosen from the question's plan:

* an outline (第三篇分为哪几个部分): the speech's top-level headings, each cited;
* a list (哪四个专项活动 / 分别): the items of the list the best paragraph belongs to —
  sibling list items, the items after a lead-in line, or an enumeration inside it;
* otherwise the sentences that best cover the question, ordered as they stand in the speech.

When the best paragraphs cover too little of the question's content the answer abstains.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

from . import text_analysis as ta
from .corpus import Unit, heading_style
from .results import Answer, AnswerSentence, Citation, Hit
from .text_analysis import split_sentences

if TYPE_CHECKING:
    from .engine import Engine, QueryPlan, Turn

ABSTAIN_TEXT = "讲话中没有找到能回答这个问题的内容。"
_NON_WORD = re.compile(r"[^\w]+")
NO_MORE_TEXT = "讲话中没有找到更多相关内容。"
MAX_ANSWER_CHARS = 320
_INLINE_ENUM = re.compile(r"(?:^|(?<=[。;;::]))\s*([一二三四五六七八九十]+是[^。;;]*[。;;]?)")
_LEAD_IN = re.compile(r"[::]$|以下|如下")
_DEFINITION = ("是指", "就是", "即", "是")


class _Citer:
    """Numbers cited units in order of first citation."""

    def __init__(self, engine: "Engine", terms: list[str]) -> None:
        self.engine = engine
        self.terms = terms
        self.citations: list[Citation] = []

    def cite(self, unit: Unit) -> int:
        for c in self.citations:
            if c.unit.id == unit.id:
                return c.n
        n = len(self.citations) + 1
        self.citations.append(Citation(n, unit, self.engine.speech_title(unit.speech_no),
                                       self.engine.matched_terms(self.terms, unit)))
        return n


def coverage(engine: "Engine", analysed: ta.Analysed, units: list[Unit]) -> float:
    """IDF-weighted share of the question's character bigrams found in ``units``.

    Bigrams the corpus never uses get the highest IDF, so a question about something the
    speeches never mention scores low even when its other words are common.
    """
    grams = set(analysed.bigrams)
    if not grams:
        return 0.0
    idf = engine.index.bigrams.idf
    n = max(engine.index.bigrams.n_docs, 2)
    unseen = math.log(n + 0.5) - math.log(0.5)
    # Punctuation removed: 治“懒”、治“庸” covers a question about 治懒治庸.
    text = _NON_WORD.sub("", "".join(ta.normalise(u.text) for u in units))
    total = covered = 0.0
    for g in grams:
        w = max(idf.get(g, unseen), 0.05)
        total += w
        if g in text:
            covered += w
    return covered / total if total else 0.0


def unseen_share(engine: "Engine", analysed: ta.Analysed) -> float:
    """IDF-weighted share of the question's words that no unit of the corpus contains."""
    idf = engine.index.words.idf
    n = max(engine.index.words.n_docs, 2)
    unseen = math.log(n + 0.5) - math.log(0.5)
    words = list(dict.fromkeys(analysed.words))
    total = sum(idf.get(w, unseen) for w in words)
    return sum(unseen for w in words if w not in idf) / total if total > 0 else 1.0


def enumerates(unit_text: str, n: int) -> bool:
    """Whether the text lists ``n`` things: 一是…二是…, or n short items joined by 、."""
    if len(_inline_enumeration(unit_text)) == n:
        return True
    for sentence in split_sentences(unit_text):
        for chunk in re.split(r"[::]", sentence):
            items = [x for x in re.split(r"、", chunk) if x.strip()]
            if len(items) == n or (len(items) == n - 1 and "和" in items[-1]):
                return True
    return False


def abstain_reason(engine: "Engine", plan: "QueryPlan", analysed: ta.Analysed, hits: list[Hit]) -> str | None:
    """Why the speeches do not answer the question, or None when they may.

    Lexical evidence only: the best paragraphs cover little of what is asked, or much of
    the question uses words the speeches never use, or a question asks for N things and
    no paragraph near the top lists N things.
    """
    p = engine.params
    cov = coverage(engine, analysed, [h.unit for h in hits[:3]])
    if cov < p.abstain_coverage:
        return f"最相关的段落只覆盖了问题内容的 {cov:.0%}"
    unseen = unseen_share(engine, analysed)
    if unseen >= p.abstain_unseen and cov < p.abstain_unseen_coverage:
        return f"问题中 {unseen:.0%} 的内容在讲话中从未出现"
    n = plan.list_size
    if n and n >= 3 and not any(enumerates(h.unit.text, n) or len(_list_items(engine, h.unit)) == n
                                for h in hits[:5]):
        return f"讲话中没有列出{n}项内容"
    return None


def _sentence_score(sentence: str, analysed: ta.Analysed, idf: dict[str, float]) -> float:
    norm = ta.normalise(sentence)
    score = sum(max(idf.get(g, 1.0), 0.05) for g in set(analysed.bigrams) if g in norm)
    for run in analysed.runs:
        if len(run) >= 2 and run in norm:
            score *= 1.15
            idx = norm.find(run) + len(run)
            if norm[idx: idx + 2].startswith(_DEFINITION):  # "X是…" / "X是指…" defines X
                score *= 1.5
    return score


def _extract(engine: "Engine", hits: list[Hit], analysed: ta.Analysed, citer: _Citer) -> list[AnswerSentence]:
    paragraphs = [h for h in hits if h.unit.kind == "paragraph"][:3]
    if not paragraphs:
        paragraphs = hits[:1]
    top = paragraphs[0].score
    paragraphs = [h for h in paragraphs if h.score >= 0.45 * top]
    idf = engine.index.bigrams.idf
    scored: list[tuple[float, int, int, str, Unit]] = []
    for rank, h in enumerate(paragraphs):
        sents = split_sentences(h.unit.text)
        for pos, s in enumerate(sents):
            sc = _sentence_score(s, analysed, idf) * (1.0 - 0.15 * rank)
            if s.rstrip("”」").endswith(("?", "?")) and pos + 1 < len(sents):
                # A rhetorical question (何谓…?) is answered by the sentence after it.
                s, pos = sents[pos + 1], pos + 1
            scored.append((sc, rank, pos, s, h.unit))
    if not scored:
        return []
    scored.sort(key=lambda t: -t[0])
    unique: dict[tuple[str, int], tuple[float, int, int, str, Unit]] = {}
    for t in scored:
        unique.setdefault((t[4].id, t[2]), t)
    scored = list(unique.values())
    best = scored[0][0]
    chosen = [scored[0]]
    length = len(scored[0][3])
    for cand in scored[1:]:
        if len(chosen) >= 3 or cand[0] < 0.5 * best:
            break
        if length + len(cand[3]) > MAX_ANSWER_CHARS:
            continue
        chosen.append(cand)
        length += len(cand[3])
    # A short best sentence (a heading sentence, a definition's first half) is usually
    # finished by the next one.
    first = chosen[0]
    sents = split_sentences(first[4].text)
    nxt = first[2] + 1
    if (len(first[3]) <= 60 and nxt < len(sents) and not any(c[4] is first[4] and c[2] == nxt for c in chosen)
            and length + len(sents[nxt]) <= MAX_ANSWER_CHARS + 80):
        chosen.append((0.0, first[1], nxt, sents[nxt], first[4]))
    chosen.sort(key=lambda t: (t[4].speech_no, t[4].seq, t[2]))
    return [AnswerSentence(s, [citer.cite(u)]) for _, _, _, s, u in chosen]


def _cited_first(engine: "Engine", units: list[Unit], hits: list[Hit], terms: list[str]) -> list[Hit]:
    """The answer's list items lead the hits: they are what answers a list question."""
    by_id = {h.unit.id: h for h in hits}
    top = hits[0].score if hits else 1.0
    head = [by_id.get(u.id) or Hit(u, top, engine.speech_title(u.speech_no), engine.matched_terms(terms, u))
            for u in units]
    ids = {u.id for u in units}
    return head + [h for h in hits if h.unit.id not in ids]


_FIRST_MARKER = re.compile(r"^(?:一|1|[((]一[))]|第一)")


def _introduces(engine: "Engine", unit: Unit) -> bool:
    """A heading, a line ending in a colon (以下/如下), or a paragraph right before a list's first item."""
    if unit.kind == "heading" or _LEAD_IN.search(unit.text):
        return True
    nxt = _next_unit(engine, unit)
    return nxt is not None and nxt.kind == "paragraph" and bool(nxt.heading) and bool(_FIRST_MARKER.match(nxt.text))


def _next_unit(engine: "Engine", unit: Unit) -> Unit | None:
    following = engine.corpus.speech(unit.speech_no).units[unit.seq:unit.seq + 1]
    return following[0] if following else None


def _children(units: list[Unit], unit: Unit) -> list[Unit]:
    """The units after ``unit`` inside the section it heads (or opens inline)."""
    path = unit.section + (unit.heading,)
    return [u for u in units[unit.seq:] if u.section[: len(path)] == path]


def _list_items(engine: "Engine", unit: Unit) -> list[Unit]:
    """The list a unit belongs to or introduces, in reading order; [] if none."""
    speech = engine.corpus.speech(unit.speech_no)
    units = speech.units
    i = unit.seq - 1
    if unit.kind == "paragraph" and unit.heading:
        child_items = [u for u in _children(units, unit) if u.kind == "paragraph" and u.heading]
        if len(child_items) >= 2:
            return child_items
        style = _style_name(unit)
        items = [u for u in units if u.kind == "paragraph" and u.heading and u.section == unit.section
                 and style is not None and _style_name(u) == style]
        return items if len(items) >= 2 else []
    if unit.kind == "paragraph" and _introduces(engine, unit):
        if i + 1 < len(units) and units[i + 1].kind == "heading":
            level = units[i + 1].level
            heads = [u for u in units[i + 1:] if u.kind == "heading" and u.level == level]
            return heads if len(heads) >= 2 else []
        items = []
        for u in units[i + 1:]:
            if u.kind == "paragraph" and u.heading:
                items.append(u)
            else:
                break
        return items if len(items) >= 2 else []
    if unit.kind == "heading":
        children = _children(units, unit)
        sub = [u for u in children if u.kind == "heading" and len(u.section) == len(unit.section) + 1]
        if len(sub) >= 2:
            return sub
        direct = [u for u in children if u.kind == "paragraph" and len(u.section) == len(unit.section) + 1]
        items = [u for u in direct if u.heading]
        if len(items) >= 2:
            return items
        # Paragraphs under a heading that each open with a short topic sentence (作风是形象。…).
        return direct if 2 <= len(direct) <= 8 else []
    return []


def _choose_list(engine: "Engine", plan: "QueryPlan", hits: list[Hit]) -> list[Unit] | tuple[Unit, list[str]] | None:
    """The list that answers a list question: units, or (unit, items) for an inline one.

    A list near the top is trusted when it is as long as the question says (哪四个 → 4) or
    when it belongs to the best hit; when the best hit already names N things in one
    sentence (产业布局、区位优势、优惠政策、人文环境等四大要素), that sentence is the answer.
    """
    n = plan.list_size
    if n and hits and enumerates(hits[0].unit.text, n) and not _inline_enumeration(hits[0].unit.text):
        return None

    for rank, h in enumerate(hits[:3]):
        u = h.unit
        introduces = _introduces(engine, u)
        options: list[list[Unit] | tuple[Unit, list[str]]] = []
        items = _list_items(engine, u)
        if items:
            options.append(items)
        enum = _inline_enumeration(u.text)
        if enum:
            options.append((u, enum))
        nxt = _next_unit(engine, u) if u.kind == "paragraph" and introduces else None
        if nxt is not None and _inline_enumeration(nxt.text):
            options.append((nxt, _inline_enumeration(nxt.text)))
        for opt in options:
            size = len(opt) if isinstance(opt, list) else len(opt[1])
            if n and size == n:
                return opt
            if not n and rank == 0 and (plan.wants_list or introduces):
                if isinstance(opt, list) and not introduces and u in opt:
                    # The best hit is one item of a list: answer with the whole list only when
                    # other items rank near it, i.e. the question is about the list, not the item.
                    near = {h2.unit.id for h2 in hits[1:5] if h2.score >= 0.5 * h.score}
                    if not near & {x.id for x in opt}:
                        continue
                return opt

    return None


def _inline_enumeration(text: str) -> list[str]:
    """The items of 一是…二是…三是… inside a paragraph (two or more), each named by its first clause."""
    items = []
    for m in _INLINE_ENUM.finditer(text):
        item = m.group(1).strip()
        head = re.split(r"[,,;;]", item, maxsplit=1)[0]
        # 一是势头好,近几年来…: the item's name is its first clause when that is short.
        items.append(head if len(head) <= 24 and len(head) < len(item) else item.rstrip(";;"))
    return items if len(items) >= 2 else []


def _style_name(u: Unit) -> str | None:
    style = heading_style(u.text)
    return style[0] if style else None


def _item_label(u: Unit) -> str:
    if not u.heading:
        return split_sentences(u.text)[0]
    if len(u.heading) <= 8:
        # 二是准 says little alone; its first body sentence says what it means.
        body = split_sentences(u.text)[1:2]
        if body:
            return f"{u.heading}:{body[0]}"
    return u.heading


def _outline(engine: "Engine", speech_no: int) -> list[Unit]:
    speech = engine.corpus.speech(speech_no)
    top = [u for u in speech.units if u.kind == "heading" and u.level == 1]
    if len(top) >= 2:
        return top
    return [u for u in speech.units if u.kind == "paragraph" and u.heading and not u.section][:12]


def _as_list(items: list[Unit], citer: _Citer, intro: str) -> tuple[str, list[AnswerSentence]]:
    return _numbered(intro, [AnswerSentence(_item_label(u), [citer.cite(u)]) for u in items])


def _numbered(intro: str, sentences: list[AnswerSentence]) -> tuple[str, list[AnswerSentence]]:
    lines = [intro] + [f"{k}. {s.text}[{s.citations[0]}]" for k, s in enumerate(sentences, 1)]
    return "\n".join(lines), sentences


def compose(engine: "Engine", question: str, plan: "QueryPlan", hits: list[Hit],
            analysed: ta.Analysed, history: list["Turn"] | None) -> Answer:
    citer = _Citer(engine, engine.query_terms(analysed))

    def done(text: str, sentences: list[AnswerSentence], abstained: bool = False,
             hits_out: list[Hit] | None = None) -> Answer:
        return Answer(question, text, abstained, "extractive", citer.citations, hits_out or hits, sentences,
                      list(plan.notes))

    # 那第二点呢? — an item of the list the previous answer gave.
    if plan.followup_item and history:
        prev = history[-1].answer
        if 1 <= plan.followup_item <= len(prev.citations):
            unit = prev.citations[plan.followup_item - 1].unit
            sents = split_sentences(unit.text)[:3]
            n = citer.cite(unit)
            hits_out = [Hit(unit, hits[0].score + 1 if hits else 1.0, engine.speech_title(unit.speech_no),
                            engine.matched_terms(citer.terms, unit))] + [h for h in hits if h.unit.id != unit.id]
            return done("".join(sents) + f"[{n}]", [AnswerSentence("".join(sents), [n])], hits_out=hits_out)

    # Outline of a named speech (or of the speech the best hit is in, when the question is about 讲话).
    if plan.outline and (plan.speech_no or (hits and re.search(r"讲话|这篇|该篇|文章|报告", question))):
        no = plan.speech_no or hits[0].unit.speech_no
        items = _outline(engine, no)
        if items:
            title = engine.speech_title(no)
            text, sentences = _as_list(items, citer, f"{title}分为{len(items)}个部分:")
            return done(text, sentences, hits_out=_cited_first(engine, items, hits, citer.terms))

    if not hits:
        return done(ABSTAIN_TEXT, [], abstained=True)

    reason = abstain_reason(engine, plan, analysed, hits)
    if reason:
        ans = done(ABSTAIN_TEXT, [], abstained=True)
        ans.notes.append(reason)
        return ans

    if (plan.wants_list or plan.weak_list) and not plan.multi_speech:
        listed = _choose_list(engine, plan, hits)
        if isinstance(listed, list):
            text, sentences = _as_list(listed, citer, f"共{len(listed)}项:")
            return done(text, sentences, hits_out=_cited_first(engine, listed, hits, citer.terms))
        if isinstance(listed, tuple):
            unit, enum = listed
            n = citer.cite(unit)
            text, sentences = _numbered(f"共{len(enum)}项:", [AnswerSentence(e, [n]) for e in enum])
            return done(text, sentences, hits_out=_cited_first(engine, [unit], hits, citer.terms))

    focus = analysed
    if plan.focus:
        own = engine.analyse_query(plan.focus)
        focus = own if own.bigrams else analysed
    pool = [h for h in hits if h.unit.id not in plan.exclude] or hits
    if plan.exclude and history:
        topic = engine.analyse_query(history[-1].answer.query or history[-1].question)
        if coverage(engine, topic, [h.unit for h in pool[:3]]) < 0.5:
            ans = done(NO_MORE_TEXT, [], abstained=True)
            ans.notes.append("其余段落与上一个问题的主题关系不大")
            return ans
    sentences = _extract(engine, pool, focus, citer)
    if not sentences:
        return done(ABSTAIN_TEXT, [], abstained=True)
    return done(_join_cited(sentences), sentences)


def _join_cited(sentences: list[AnswerSentence]) -> str:
    """Sentences in order; a run of sentences from one source carries its marker once, at its end."""
    parts = []
    for i, s in enumerate(sentences):
        parts.append(s.text)
        if i + 1 == len(sentences) or sentences[i + 1].citations != s.citations:
            parts.append("".join(f"[{n}]" for n in s.citations))
    return "".join(parts)
