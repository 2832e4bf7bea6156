"""Retrieval: rank the corpus's units for a planned question.

Lexical ranking is BM25 over two fields (words and character bigrams) in two passes: the
first is rank-bm25's BM25Okapi over the whole corpus (bit for bit); it picks the question's
*neighbourhood* (the speeches that match it throughout), and the second scores every unit
with IDFs counted over that neighbourhood and lengths measured against each file's own
average. A speech-level match density then scales each score.

Semantic ranking (unit and sentence embeddings, semantic.py, when an embedder is available)
is fused with it: both score vectors are min-max normalised and mixed with ``fusion_weight`` (chosen on the dev set
by benchmarks/tune.py). Questions about a speech's structure (outline, list, N-th item) are
ranked lexically alone: they ask for headings and list items, whose wording the embedding of
"分为哪几个部分" says nothing about. A named speech (第三篇) finally puts its units first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from . import text_analysis as ta
from .answer_types import METADATA_TYPES, fits_type, holds_asked
from .corpus import Corpus, Unit
from .index import Index
from .lazy_pattern import LazyPattern
from .params import RetrievalParams
from .planner import QueryPlan, nth
from .positions import nth_paragraph
from .question_words import is_generic
from .results import Hit
from .semantic import SemanticRanker, SentenceSimilarity, top_k
from .speech_refs import strip_speech_reference

# 我把上述现象叫做… / 这种现象…: a sentence that opens by pointing back at what was just said.
_BACK_REFERENCE = LazyPattern(r"^.{0,6}?(?:上述|上面|以上|这种|这类|这一|此种|此类|这些|此)")

__all__ = ["LexicalRanker", "Retrieved", "Retriever", "matched_terms", "query_terms", "top_k"]

# A neighbourhood smaller than this takes in the next best speeches: IDFs counted over a
# handful of paragraphs say little.
MIN_NEIGHBOURHOOD_UNITS = 20


def query_terms(a: ta.Analysed) -> list[str]:
    """Surface strings worth highlighting: whole content runs and the words inside them."""
    # dict.fromkeys, not set: the order of equally long terms must not depend on the hash seed.
    terms = dict.fromkeys(a.runs + sorted(dict.fromkeys(a.words), key=len, reverse=True))
    return [t for t in terms if t]


def matched_terms(terms: list[str], unit: Unit) -> list[str]:
    """The terms found in the unit's text, longest first, none inside another found one."""
    text = ta.normalise(unit.text)
    found: list[str] = []
    for t in sorted(terms, key=len, reverse=True):
        if t in text and not any(t in f for f in found):
            found.append(t)
    return found


class LexicalRanker:
    """Two-pass BM25 over words and character bigrams, with the speech prior."""

    def __init__(self, corpus: Corpus, index: Index, units: list[Unit], params: RetrievalParams) -> None:
        self.index = index
        self.params = params
        self._is_heading = np.array([u.kind == "heading" for u in units])
        self.is_metadata = np.array([u.kind == "metadata" for u in units])
        self.speech_of = np.array([u.speech_no for u in units])
        _, self._speech_idx, sizes = np.unique(self.speech_of, return_inverse=True, return_counts=True)
        self._speech_sizes = sizes.astype(np.float64)
        # Each unit's source file, numbered: per speech first (units are many, speeches few).
        source_no: dict[str, int] = {}
        speech_source = {s.no: source_no.setdefault(s.source, len(source_no)) for s in corpus.speeches}
        self._source_idx = np.array([speech_source[no] for no in self.speech_of.tolist()], dtype=np.int64)
        self._norms: tuple[np.ndarray, np.ndarray] | None = None  # per-source length norms, on first use

    def combined(self, a: ta.Analysed, scope: np.ndarray | None = None) -> np.ndarray:
        """Words + weighted bigrams, headings weighed; with a scope, its statistics (second pass)."""
        fields = [(self.index.words, a.words, 1.0)]
        if self.params.use_bigrams and self.params.bigram_weight:
            fields.append((self.index.bigrams, a.bigrams, self.params.bigram_weight))
        if scope is not None and self._norms is None:
            self._norms = (self.index.words.length_norms(self._source_idx),
                           self.index.bigrams.length_norms(self._source_idx))
        scores: np.ndarray | None = None
        for i, (fld, terms, weight) in enumerate(fields):
            part = fld.scores(terms) if scope is None else fld.scoped_scores(terms, scope, self._norms[i])  # type: ignore[index]
            scores = part if scores is None else scores + weight * part
        assert scores is not None
        return np.where(self._is_heading, scores * self.params.heading_weight, scores)

    def _speech_density(self, scores: np.ndarray) -> np.ndarray:
        """Each speech's mean unit score."""
        per_speech = np.bincount(self._speech_idx, weights=scores, minlength=len(self._speech_sizes))
        return per_speech / self._speech_sizes

    def neighbourhood(self, scores: np.ndarray) -> np.ndarray | None:
        """The units of the speeches that match the question throughout (None: nothing matches).

        Collection statistics decide what a word is worth: over the speeches on 作风建设,
        干部 is in 40 % of the paragraphs and says little; over a corpus that also holds a
        year of newspaper text it is rare, and a question's topic words outweigh the words
        that single out one paragraph. Counting IDFs over the speeches that match the question
        (mean unit score at least ``bm25.scope_share`` × the best speech's) ranks their paragraphs
        as they would be ranked among themselves, whatever else is in the corpus.
        """
        density = self._speech_density(scores)
        top = density.max()
        if top <= 0:
            return None
        order = np.argsort(-density, kind="stable")
        k = int(np.count_nonzero(density >= self.params.bm25.scope_share * top))
        k = max(k, int(np.searchsorted(np.cumsum(self._speech_sizes[order]), MIN_NEIGHBOURHOOD_UNITS)) + 1)
        chosen = np.zeros(len(order), dtype=bool)
        chosen[order[:k]] = True
        scope = chosen[self._speech_idx]
        # Two units have no IDF statistics to speak of (BM25Okapi gives nothing a positive IDF).
        return scope if np.count_nonzero(scope) >= 3 else None

    def with_speech_prior(self, scores: np.ndarray) -> np.ndarray:
        """Scale each unit's score by how densely its speech as a whole matches the question.

        A speech about the question's topic matches in many of its paragraphs; a long file of
        unrelated text (news, other subjects) matches in a few. The density is the mean unit
        score of the speech, relative to the best speech's.
        """
        density = self._speech_density(scores)
        top = density.max()
        if top <= 0:
            return scores
        return scores * (1.0 + self.params.speech_prior * density[self._speech_idx] / top)

    def scores(self, a: ta.Analysed) -> np.ndarray:
        scores = self.combined(a)
        several = len(self._speech_sizes) > 1
        if self.params.bm25.scoring == "scoped" and several:
            scope = self.neighbourhood(scores)
            if scope is not None:
                scores = self.combined(a, scope)
        if self.params.speech_prior and several:
            scores = self.with_speech_prior(scores)
        return scores


def min_max(scores: np.ndarray) -> np.ndarray:
    lo, hi = float(scores.min()), float(scores.max())
    if hi > lo:
        return (scores - lo) / (hi - lo)
    # (A corpus of one paragraph, or units all matched alike: each matches as well as the best.)
    return np.ones_like(scores) if hi > 0 else np.zeros_like(scores)


STRUCTURAL_INTENTS = frozenset({"outline", "list", "nth_point"})


@dataclass
class Retrieved:
    hits: list[Hit]
    analysed: ta.Analysed       # the searched text's terms (speech reference removed)
    scores: np.ndarray          # every unit's final score (for evidence checks)
    mode: str = "lexical"       # "hybrid" when embeddings took part
    dense_top: float | None = None   # the best cosine similarity (a second signal of evidence)
    notes: list[str] = field(default_factory=list)   # e.g. the embeddings endpoint failed
    similarity: SentenceSimilarity | None = None     # each sentence's cosine, for composition


# A word in at most this many units of a speech (its byline among them) names a part's speaker.
_NAMING_UNITS = 3


class Retriever:
    """Plans in, ranked hits out: the one place that ranks units for every front end."""

    def __init__(self, corpus: Corpus, index: Index, params: RetrievalParams,
                 analyse: Callable[[str], ta.Analysed]) -> None:
        self.corpus = corpus
        self.params = params
        self.units = [corpus.unit(i) for i in index.unit_ids]
        self._position = {u.id: i for i, u in enumerate(self.units)}
        # A part's byline (a symposium speaker's line under the part's heading) and the part's
        # paragraphs: a question may name the part by its speaker.
        # (Only the byline's own speech is read: a corpus of many texts is not scanned per byline.)
        self._bylines = [(i, np.array([self._position[p.id] for p in corpus.speech(u.speech_no).units
                                       if p.kind == "paragraph" and p.section[:len(u.section)] == u.section
                                       and p.id in self._position], dtype=np.int64))
                         for i, u in enumerate(self.units) if u.kind == "metadata" and u.section]
        self.lexical = LexicalRanker(corpus, index, self.units, params)
        self.semantic: SemanticRanker | None = None
        self.analyse = analyse

    def _metadata_aside(self, plan: QueryPlan, scores: np.ndarray) -> np.ndarray:
        """The metadata lines that rank below paragraphs: all of them, unless the question asks
        who, when or where; then all but those that hold such a thing (a date line for 哪天,
        the speaker's line for 谁; not the title, which only shares the question's words)."""
        aside = self.lexical.is_metadata
        if plan.answer_type not in METADATA_TYPES:
            return aside
        aside = aside.copy()
        for i in np.flatnonzero(aside & (scores > 0)):
            if fits_type(plan.answer_type, plan.answer_unit, [self.units[i].text]):
                aside[i] = False
        return aside

    def _typed_lifted(self, plan: QueryPlan, scores: np.ndarray, lexical: np.ndarray, pool: int = 30) -> np.ndarray:
        """Of the best units, those that hold what the question asks for rise: for 给这毛病起了个啥名
        / 管这种情况叫啥, a unit that names a thing (a term coined, defined or quoted as a name),
        and the one right after a best unit when it names what that one described (我把上述现象
        叫做…); for 哪几家单位办的 / 谁主持的, a unit that says the asked event and holds a thing of
        the asked type. The question's words say what the thing is like; the answering sentence
        shares few of them. Only units that share a word with the question (``lexical`` > 0) rise:
        another speech's coined term says nothing of the thing asked about."""
        asked = holds_asked(plan.answer_type, plan.answer_unit, plan.text)
        if asked is None:
            return scores

        def holds(i: int) -> bool:
            return asked(self.units[i].text)

        out = scores.copy()
        lift = 1.0 + self.params.type_lift
        for i in top_k(scores, pool):
            if scores[i] <= 0:
                break
            if lexical[i] > 0 and holds(i):
                out[i] = max(out[i], scores[i] * lift)
            after = i + 1
            if plan.answer_type == "term" and lexical[i] > 0 and after < len(self.units) \
                    and self.units[after].speech_no == self.units[i].speech_no \
                    and self.units[after].kind == "paragraph" and _BACK_REFERENCE.match(self.units[after].text) \
                    and holds(after):
                out[after] = max(out[after], scores[i] * lift)
        return out

    def _parts_of_named_speakers(self, scores: np.ndarray, words: Sequence[str]) -> np.ndarray:
        """天津艺术研究所那位副所长认为…: the question names a part by who gave it. The byline's
        score lifts the part's paragraphs. It must hold a word (or character pair: jieba may
        cut an unknown name into characters) of the question that few units of its speech hold
        (天津, 周传家): 京剧 in every byline of a symposium on 京剧 names none of its speakers."""
        out = scores
        for byline, members in self._bylines:
            if scores[byline] <= 0 or not len(members):
                continue
            unit = self.units[byline]
            speech = self.corpus.speech(unit.speech_no)
            if not any(len(w) >= 2 and w in unit.text and sum(w in u.text for u in speech.units) <= _NAMING_UNITS
                       for w in words):
                continue
            out = out.copy() if out is scores else out
            # (All of them: 周国强讲了什么 shares no word with what he said.)
            out[members] += scores[byline] * self.params.byline_lift
        return out

    def _parts_first(self, plan: QueryPlan, scores: np.ndarray) -> np.ndarray:
        """A named speech's outline (or its N-th part) ranks first: the question asks for its
        structure, which its headings are, whatever words they share with the question."""
        if plan.speech_no is None or plan.followup_item is not None or plan.section \
                or plan.intent not in ("outline", "nth_point"):
            return scores
        speech = self.corpus.speech(plan.speech_no)
        parts = speech.parts()
        if plan.intent == "nth_point":
            picked = nth_paragraph(plan, speech) or nth(parts, plan.nth_item)
            parts = [picked[1]] if picked else []
        if not parts:
            return scores
        out = scores.copy()
        top = float(scores.max()) if len(scores) else 0.0
        for rank, u in enumerate(parts):
            out[self._position[u.id]] = top + 1.0 + (len(parts) - rank)
        return out

    def fusion_weight(self, a: ta.Analysed, lexical: np.ndarray) -> float:
        """The embeddings' share for this question: ``fusion_weight``, lowered towards
        ``fusion_floor`` as the best lexical unit holds more of the question (IDF-weighted
        character pairs). A quote or a question in the speeches' own words is found by its words,
        which a paraphrase shares few of; there the embeddings carry the ranking."""
        p = self.params
        w = p.fusion_weight
        if p.fusion_floor >= w or not len(lexical) or not a.bigrams:
            return w
        top = self.units[int(np.argmax(lexical))]
        held = ta.idf_share(a.bigrams, self.lexical.index.bigrams.idf, self.lexical.index.bigrams.n_docs,
                            ta.squash_punct(top.text))
        return w - (w - p.fusion_floor) * held


    def _taking_turns(self, scores: np.ndarray, named: np.ndarray) -> np.ndarray:
        """第一篇和第三篇: the named speeches' units in turns (each one's best, then each one's
        second…), so that every speech the question names is among the hits."""
        out = scores.copy()
        idx = np.flatnonzero(named)
        turn = np.empty(len(idx), dtype=np.int64)
        for no in np.unique(self.lexical.speech_of[idx]):
            mine = idx[self.lexical.speech_of[idx] == no]
            order = np.argsort(-scores[mine], kind="stable")
            turn[np.searchsorted(idx, mine[order])] = np.arange(len(mine))
        top = float(scores.max()) + 1.0
        out[idx] = top * (len(idx) + 1 - turn) + scores[idx] / top
        return out

    def retrieve(self, plan: QueryPlan, k: int) -> Retrieved:
        query = ta.normalise(plan.text)
        if plan.speech_no is not None or plan.speech_candidates:
            # The words that named the speech say where to look, not what to look for (they
            # would rank its title line first). Removed before 那篇 is: they may end with it.
            for words in plan.reference.split():
                query = query.replace(words, " ")
        query = strip_speech_reference(query)
        a = self.analyse(query)
        scores = self.lexical.scores(a)
        lexical = scores
        mode, dense_top, notes = "lexical", None, []
        similarity: SentenceSimilarity | None = None
        # A question that shares not one word or character pair with the corpus is not ranked by
        # embeddings alone: the nearest paragraphs of an unrelated question are noise. (Unless it
        # names a speech: 新年贺词是通过哪几家台播出去的 asks about that one, in other words.)
        named = (plan.speech_no,) if plan.speech_no is not None else plan.speech_candidates
        # A structure question is ranked by its words, unless none of them occurs in the speech
        # it names (李鹏在团拜会讲话开头回顾去年时点了哪几件大事): then meaning ranks within it.
        words_miss = bool(named) and not (scores[np.isin(self.lexical.speech_of, named)] > 0).any()
        if self.semantic is not None and self.params.fusion_weight > 0 \
                and (plan.intent not in STRUCTURAL_INTENTS or words_miss) \
                and (scores.max() > 0 or words_miss and any(len(w) >= 2 and not is_generic(w) for w in a.words)):
            from .embeddings import EmbeddingsError

            try:
                dense = self.semantic.scores(query, scores)   # without the words naming the speech, as ranked
            except EmbeddingsError as e:
                notes.append(f"{e};本次仅用 BM25 检索")
            else:
                dense_top = dense.top_unit
                asked = strip_speech_reference(ta.normalise(plan.text))
                if asked != query:
                    # The dense rescue's threshold was chosen on the question as asked, words
                    # naming the speech included: its closeness is measured the same way.
                    dense_top = self.semantic.scores(asked, scores).top_unit
                w = self.fusion_weight(a, scores)
                similarity = SentenceSimilarity(dense, self._position, w)
                scores = (1 - w) * min_max(scores) + w * min_max(dense.scores)
                mode = "hybrid"
        if self.lexical.is_metadata.any():
            scores = self._parts_of_named_speakers(scores, [*a.words, *a.bigrams])
            scores = np.where(self._metadata_aside(plan, scores), scores * self.params.metadata_weight, scores)
        if plan.answer_type is not None:
            scores = self._typed_lifted(plan, scores, lexical)
        if named:
            # Named speech: its units first, others keep their order after them.
            in_speech = np.isin(self.lexical.speech_of, named)
            scores = np.where(in_speech & (scores > 0), scores + scores.max() + 1.0, scores)
            if len(named) > 1 and plan.multi_speech:
                scores = self._taking_turns(scores, in_speech & (scores > 0))
        scores = self._parts_first(plan, scores)
        terms = query_terms(a)
        hits = []
        for i in top_k(scores, k):
            if scores[i] <= 0:
                break
            u = self.units[i]
            hits.append(Hit(u, float(scores[i]), self.corpus.speech(u.speech_no).title, matched_terms(terms, u)))
        return Retrieved(hits, a, scores, mode, dense_top, notes, similarity)
