"""The sentences an extractive answer quotes: those of the top paragraphs that best answer the
question, by the words they share with it and, with embeddings, by what they mean.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import numpy as np

from . import text_analysis as ta
from .answer_types import SURNAMES
from .corpus import Unit
from .evidence import Citer, Evidence
from .lazy_pattern import LazyPattern
from .params import AnswerParams
from .question_grammar import ASKS_WHY
from .results import AnswerSentence, Hit
from .semantic import SentenceSimilarity
from .text_analysis import split_sentences

__all__ = ["asks_why", "by_speech", "extract_sentences"]

_DEFINITION = ("是指", "就是", "即", "是")
# 想说明啥道理 / 寓意是什么 / 为什么: the question asks for the lesson a story or a saying
# draws, which its own sentences state (这个理论告诉我们…, 也就是说…), after the story.
# (讲这个故事是想提醒在座的干部啥 / 想告诉干部什么: what a story is told for.)
_PART_OF_BEFORE = LazyPattern(r"^\s*其中[，,]")
_ANSWERS_BEFORE = LazyPattern(r"^\s*(?:就是|即|也就是|这就是)")
_CONCLUDES = LazyPattern(r"^(?:所以|因此|因而|可见|由此可见)")
_EXPLAINS = LazyPattern(r"告诉我们|告诉人们|说明|也就是说|就是说|意思是|寓意|道理|启示|可见|由此|这就是|所以|之所以|教训|吸取")


def _sentence_score(sentence: str, analysed: ta.Analysed, idf: dict[str, float], ap: AnswerParams) -> float:
    norm = ta.normalise(sentence)
    score = sum(max(idf.get(g, 1.0), 0.05) for g in dict.fromkeys(analysed.bigrams) if g in norm)
    for run in analysed.runs:
        if len(run) >= 2 and run in norm:
            score *= ap.run_boost
            idx = norm.find(run) + len(run)
            if norm[idx: idx + 2].startswith(_DEFINITION):  # "X是…" / "X是指…" defines X
                score *= ap.definition_boost
    return score


def _sentence_scores(ev: Evidence, paragraphs: list[Hit], sentences: list[list[str]], analysed: ta.Analysed,
                     similarity: SentenceSimilarity | None) -> list[list[float]]:
    """Each sentence's score, per paragraph: the question's words it holds (IDF-weighted) and,
    with embeddings, its nearness to the question, mixed by the question's fusion weight: a
    paraphrase is answered by the sentence that means what it asks, whatever its words."""
    ap = ev.answer
    lexical = [[_sentence_score(s, analysed, ev.bigram_idf, ap) for s in sents] for sents in sentences]
    cosines = [similarity.of(h.unit) if similarity else None for h in paragraphs]
    if similarity is None or similarity.weight <= 0 or any(c is None or len(c) != len(lx)
                                                           for c, lx in zip(cosines, lexical)):
        return [[sc * (1.0 - ap.rank_decay * rank) for sc in lx] for rank, lx in enumerate(lexical)]
    top = max((sc for lx in lexical for sc in lx), default=0.0) or 1.0
    every = np.concatenate([c for c in cosines if c is not None and len(c)]) if lexical else np.empty(0)
    lo, hi = (float(every.min()), float(every.max())) if len(every) else (0.0, 0.0)
    w = similarity.weight
    return [[((1 - w) * sc / top + w * ((float(c) - lo) / (hi - lo) if hi > lo else 0.0)) * (1.0 - ap.rank_decay * rank)
             for sc, c in zip(lx, cs)] for rank, (lx, cs) in enumerate(zip(lexical, cosines))]  # type: ignore[arg-type]


def asks_why(question: str) -> bool:
    """Whether a question asks for the lesson or reason a passage states (为什么 / 寓意 / 道理)."""
    return bool(ASKS_WHY.search(question))


_ASKS_THEN_TELLS = LazyPattern(r"何谓|何为|什么是|什么叫|是什么|为什么|为何|怎么办|怎样|怎么样|如何|原因何在|在哪里")
# …还有不少困难和问题。 / 存在一些薄弱环节。: there are some, told in the sentences after.
_SOME_OF = LazyPattern(r"(?:不少|一些|许多|很多|诸多|若干)[\u4e00-\u9fff]{1,8}[。；;:：]$")


_PRONOUN_OPENS = LazyPattern(r"^[他她](?![国乡人])")


def extract_sentences(ev: Evidence, hits: list[Hit], analysed: ta.Analysed, citer: Citer,
                      metadata: bool = False, similarity: SentenceSimilarity | None = None,
                      explain: bool = False, fits: Callable[[str], bool] | None = None,
                      listing: bool = False, question: str = "") -> list[AnswerSentence]:
    """The best-covering sentences of the top paragraphs (and metadata lines, when asked who/when;
    the sentences that state a lesson or reason first when ``explain``: asks_why; those that hold
    the kind of thing asked for rank higher when ``fits`` says so of them; the best sentence's
    paragraph read on from it when ``listing``: a list asked that no list of the speech answers;
    of a person the ``question`` names, no 他… / 她… said of another)."""
    kinds = ("paragraph", "metadata") if metadata else ("paragraph",)
    paragraphs = [h for h in hits if h.unit.kind in kinds][:3]
    if not paragraphs:
        paragraphs = hits[:1]
    ap = ev.answer
    top = paragraphs[0].score
    paragraphs = [h for h in paragraphs if h.score >= ap.paragraph_share * top]
    split = {h.unit.id: split_sentences(h.unit.text) for h in paragraphs}   # each paragraph split once
    sentences = [split[h.unit.id] for h in paragraphs]
    scored: list[tuple[float, int, int, str, Unit]] = []
    for rank, (h, sents, scores) in enumerate(zip(paragraphs, sentences,
                                                  _sentence_scores(ev, paragraphs, sentences, analysed, similarity))):
        for pos, (s, sc) in enumerate(zip(sents, scores)):
            if s.rstrip("”」").endswith(("?", "\uff1f")) and pos + 1 < len(sents) and _ASKS_THEN_TELLS.search(s):
                # A question the speaker asks (何谓…? / 怎么样才能避免?) is answered by the sentence
                # after it; one that asserts (老看到工作人员在打游戏…,你哪来的公信力?) says it itself.
                s, pos = sents[pos + 1], pos + 1
            scored.append((sc, rank, pos, s, h.unit))
    if not scored:
        return []
    if fits is not None:
        # (茶话会由统战部、总政治部、北京市委共同举办 names who held it; 我把上述现象叫做“…” names
        # the thing, sharing no word with the question: it still takes part.)
        floor = max(t[0] for t in scored) * ap.sentence_share
        scored = [(max(t[0] * ap.type_boost, floor), *t[1:]) if fits(t[3]) else t for t in scored]
    scored.sort(key=lambda t: -t[0])
    unique: dict[tuple[str, int], tuple[float, int, int, str, Unit]] = {}
    for t in scored:
        unique.setdefault((t[4].id, t[2]), t)
    scored = list(unique.values())
    best = scored[0][0]
    chosen = [scored[0]]
    length = len(scored[0][3])
    for cand in scored[1:]:
        if len(chosen) >= ap.max_sentences or cand[0] < ap.sentence_share * best:
            break
        if length + len(cand[3]) > ap.max_chars:
            continue
        chosen.append(cand)
        length += len(cand[3])
    # 郑丽君提了什么建议: 他建议… of another paragraph is another person's (陆一鸣说，…。他建议…),
    # not hers; a sentence that opens on a pronoun is kept only where the person asked about is named.
    # (A name opens on a surname, whether or not the tokenizer keeps it whole: 郑丽 / 君; 陆一鸣,
    # whom no office names, is one a quoted paragraph holds.)
    asked = ta.normalise(question)
    people = [w for at, ch in enumerate(asked) if ch in SURNAMES for w in (asked[at:at + 3], asked[at:at + 2])
              if len(w) >= 2 and any(w in c[4].text for c in chosen) and (len(w) == 3 or ev.named_person(w))]
    if people and any(p in c[4].text for c in chosen for p in people):
        chosen = [c for c in chosen if not _PRONOUN_OPENS.match(c[3]) or any(p in c[4].text for p in people)]
    # A short best sentence (a heading sentence, a definition's first half) is usually
    # finished by the next one.
    first = chosen[0]
    sents = split[first[4].id]
    nxt = first[2] + 1
    if (len(first[3]) <= ap.short_first and nxt < len(sents)
            and not any(c[4] is first[4] and c[2] == nxt for c in chosen)
            and length + len(sents[nxt]) <= ap.max_chars + ap.short_first_slack):
        chosen.append((0.0, first[1], nxt, sents[nxt], first[4]))
        length += len(sents[nxt])
    # 寓意是什么 / 想说明啥道理: the story's own lesson (所以,思想多碰撞是会产生智慧火花的 /
    # 大家要吸取农夫的教训), which shares few of the question's words, follows what it tells.
    # (Of each paragraph quoted: the story may be the second-best paragraph, 托尔斯泰写过这样一个故事.)
    if explain:
        for told in list({c[4].id: c for c in reversed(chosen)}.values())[::-1]:
            sents = split[told[4].id]
            lesson = next((pos for pos in range(told[2] + 1, len(sents)) if _EXPLAINS.search(sents[pos])), None)
            if lesson is not None and not any(c[4] is told[4] and c[2] == lesson for c in chosen):
                chosen.append((0.0, told[1], lesson, sents[lesson], told[4]))
                length += len(sents[lesson])
        # 为什么…: a conclusion (所以,作风是最大的投资环境) is answered by the reason before it.
        reason = first[2] - 1
        if _CONCLUDES.match(first[3]) and reason >= 0 and not any(c[4] is first[4] and c[2] == reason for c in chosen):
            chosen.append((0.0, first[1], reason, sents[reason], first[4]))
            length += len(sents[reason])
    # 作者给这毛病起了个啥名: 我给上述现象命名为“…” follows what it names, sharing none of the
    # question's words; the best sentence's neighbours that hold the kind asked are read.
    if fits is not None and not any(fits(c[3]) for c in chosen):
        for told in sorted({c[4].id: c for c in reversed(chosen)}.values(), key=lambda c: c[1]):
            sents = split[told[4].id]
            near = [pos for pos in (told[2] + 1, told[2] - 1, told[2] + 2) if 0 <= pos < len(sents) and fits(sents[pos])]
            if near:
                chosen.append((0.0, told[1], near[0], sents[near[0]], told[4]))
                length += len(sents[near[0]])
                break
    # 回顾1997年的那段列举了哪几件大事: the things are told sentence by sentence after the one
    # the words find, sharing none of the question's words; the paragraph is read on in order.
    # (发展中还有不少困难和问题。实体经济…; 招工难…: a sentence that says there are some, quoted
    # below the best one, is read on too.)
    told_after = [first] + [c for c in chosen[1:] if _SOME_OF.search(c[3])] if listing else []
    for start in told_after:
        sents = split[start[4].id]
        for pos in range(start[2] + 1, len(sents)):
            if any(c[4] is start[4] and c[2] == pos for c in chosen):
                continue
            if length + len(sents[pos]) > ap.max_chars + ap.short_first_slack:
                break
            chosen.append((0.0, start[1], pos, sents[pos], start[4]))
            length += len(sents[pos])
    # One sentence left out between two quoted ones of a paragraph is usually what they are
    # about (还有些表现,也是伪工作。[比如,…等等。]这些表现都是伪工作。): quote the run whole.
    for unit in dict.fromkeys(c[4] for c in chosen):
        taken = {c[2] for c in chosen if c[4] is unit}
        sents = split[unit.id]
        for pos in sorted(taken):
            gap = pos + 1
            if gap not in taken and gap + 1 in taken and length + len(sents[gap]) <= ap.max_chars + ap.short_first_slack:
                chosen.append((0.0, 0, gap, sents[gap], unit))
                length += len(sents[gap])
    # 其中，改造老旧小区210个…: a part of the total the sentence before gives (今年…项目126个), which
    # is quoted with it, or 其中 reads as a part of whatever is quoted before it.
    for c in list(chosen):
        # (什么是水八仙?就是茭白、莲藕…: 就是 answers the question the sentence before asks.)
        before = split[c[4].id][c[2] - 1] if c[2] > 0 else ""
        answers = _ANSWERS_BEFORE.match(c[3]) and before.rstrip().endswith(("？", "?"))
        if (_PART_OF_BEFORE.match(c[3]) or answers) and c[2] > 0 and not any(x[4] is c[4] and x[2] == c[2] - 1 for x in chosen):
            chosen.append((0.0, c[1], c[2] - 1, split[c[4].id][c[2] - 1], c[4]))
            length += len(split[c[4].id][c[2] - 1])
    # An answer names its subject: a quoted paragraph that opens with its own heading sentence
    # (1、要警惕塔西佗陷阱。) is quoted with it, or 古罗马历史学家…提出了这样一个理论 says which theory
    # to nobody.
    for unit in dict.fromkeys(c[4] for c in chosen):
        sents = split[unit.id]
        if unit.heading and len(sents) > 1 and len(sents[0]) <= ap.subject_heading_chars \
                and not any(c[4] is unit and c[2] == 0 for c in chosen):
            chosen.append((0.0, 0, 0, sents[0], unit))
    chosen.sort(key=lambda t: (t[4].speech_no, t[4].seq, t[2]))
    return [AnswerSentence(s, [citer.cite(u)]) for _, _, _, s, u in chosen]


def speaking(ev: Evidence, hits: list[Hit]) -> dict[int, list[Hit]]:
    """The speeches that speak to a question, each with its paragraphs among ``hits``: those whose
    best paragraph scores at least ``speech_share`` of the best one."""
    paragraphs = [h for h in hits if h.unit.kind == "paragraph"]
    floor = ev.answer.speech_share * paragraphs[0].score if paragraphs else 0.0
    best: dict[int, list[Hit]] = {}
    for h in paragraphs:
        if h.score >= floor:
            best.setdefault(h.unit.speech_no, []).append(h)
    return best


def by_speech(ev: Evidence, hits: list[Hit], analysed: ta.Analysed, citer: Citer,
               order: tuple[int, ...] = (), fits: Callable[[str], bool] | None = None) -> list[AnswerSentence]:
    """各篇讲话是怎么说的: one cited line per speech that speaks to it, best speech first (the
    speeches the question numbers, 第一篇和第三篇, in its ``order``).

    A speech takes part when its best paragraph scores at least ``speech_share`` of the best
    one; with fewer than two such speeches the usual answer is given.
    """
    ap = ev.answer
    best = speaking(ev, hits)
    if len(best) < 2:
        return []
    lines: list[AnswerSentence] = []
    ranked = sorted(best.items(), key=lambda item: order.index(item[0]) if item[0] in order else len(order))
    for no, hs in ranked[: ap.max_speeches]:
        # The best sentences of this speech's best paragraph, cited, after the speech's name.
        one = dataclasses.replace(ap, max_sentences=2, max_chars=ap.max_chars // 2)
        sents = extract_sentences(dataclasses.replace(ev, answer=one), hs, analysed, citer, fits=fits)
        if sents:
            text = "".join(x.text for x in sents if x.citations == sents[0].citations)
            lines.append(AnswerSentence(f"{ev.speech_title(no)}:{text}", sents[0].citations))
    if fits is not None:
        # 这几篇讲话引用过哪些名言: the speeches whose line holds what is asked, not their nearest words.
        lines = [x for x in lines if fits(x.text)] if sum(fits(x.text) for x in lines) >= 2 else lines
    return lines if len(lines) >= 2 else []


MAX_MENTIONS = 8   # mentions of a name quoted at most; the count says how many there are


def mentions(ev: Evidence, name: str, citer: Citer) -> tuple[str, list[AnswerSentence], list[Unit]] | None:
    """哪几篇提到了罗明远 / 他在这几篇里出现过几回: each sentence that says the name, its own
    lines (a byline, an editor's note) included, under its speech's title; None when fewer than
    two speeches say it (the usual answer serves)."""
    said = [(u, x) for s in ev.corpus.speeches for u in s.units for x in split_sentences(u.text)
            if name in ta.normalise(x)]
    speeches = list(dict.fromkeys(u.speech_no for u, _ in said))
    if len(speeches) < 2:
        return None
    lines = [AnswerSentence(f"{ev.speech_title(u.speech_no)}:{x}", [citer.cite(u)]) for u, x in said[:MAX_MENTIONS]]
    intro = f"「{name}」在{len(speeches)}篇中出现{len(said)}次:"
    return intro + "\n" + "\n".join(f"{x.text}[{x.citations[0]}]" for x in lines), lines, [u for u, _ in said[:MAX_MENTIONS]]


def speeches_saying(ev: Evidence, words: list[str], hits: list[Hit],
                    citer: Citer) -> tuple[str, list[AnswerSentence], list[Unit]] | None:
    """哪些讲话谈到了青年: each speech with a sentence that says all of ``words``, one line per
    speech, the best-ranked first; None when no speech says them all."""
    if not words:
        return None
    said = [(u, x) for s in ev.corpus.speeches for u in s.units if u.kind == "paragraph"
            for x in split_sentences(u.text) if all(w in ta.normalise(x) for w in words)]
    if not said:
        return None
    rank = {h.unit.id: i for i, h in enumerate(hits)}
    best: dict[int, tuple[Unit, str]] = {}
    for u, x in sorted(said, key=lambda ux: rank.get(ux[0].id, len(rank))):
        best.setdefault(u.speech_no, (u, x))
    order = sorted(best, key=lambda no: rank.get(best[no][0].id, len(rank)))[:MAX_MENTIONS]
    lines = [AnswerSentence(f"{ev.speech_title(no)}:{best[no][1]}" if len(best) > 1 else best[no][1],
                            [citer.cite(best[no][0])]) for no in order]
    named = "、".join(f"「{w}」" for w in words)
    intro = f"只有{ev.speech_title(order[0])}讲到{named}:" if len(best) == 1 \
        else f"讲到{named}的共{len(best)}篇" + (f"(列出前{len(order)}篇)" if len(order) < len(best) else "") + ":"
    return intro + "\n" + "\n".join(f"{x.text}[{x.citations[0]}]" for x in lines), lines, [best[no][0] for no in order]


def join_cited(sentences: list[AnswerSentence]) -> str:
    """Sentences in order; a run of sentences from one source carries its marker once, at its end."""
    parts = []
    for i, s in enumerate(sentences):
        parts.append(s.text)
        if i + 1 == len(sentences) or sentences[i + 1].citations != s.citations:
            parts.append("".join(f"[{n}]" for n in s.citations))
    return "".join(parts)

