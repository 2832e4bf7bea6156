"""The embedding side of ranking: what is embedded for each unit, and how a question scores it.

A paragraph is embedded whole and, when it has more than one sentence, sentence by sentence.
One vector for a long paragraph averages what it says; a question in everyday words usually
paraphrases one sentence of it (丢一千块要赚两千五才找补回来 → the sentence on 损失厌恶), and
that sentence's vector is much nearer the question than the paragraph's. A unit's dense score
mixes its own cosine with its best one (its own or a sentence's), with
``RetrievalParams.sentence_weight``: on the dev sets sentence vectors alone lost look-ups that
the whole paragraph answers, the mix lost none (benchmarks/tune.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .text_helpers import split_sentences

if TYPE_CHECKING:
    from .corpus import Unit
    from .embeddings import Embedder

__all__ = ["DenseScores", "Passages", "SemanticRanker", "SentenceSimilarity", "passages", "top_k"]


def top_k(scores: np.ndarray, k: int) -> np.ndarray:
    """Indices of the k best scores, best first; ties keep corpus order (like a stable sort)."""
    if len(scores) > 4 * k:
        part = np.argpartition(-scores, k)[:k]
        threshold = scores[part].min()
        cand = np.flatnonzero(scores >= threshold)
    else:
        cand = np.arange(len(scores))
    return cand[np.argsort(-scores[cand], kind="stable")][:k]


@dataclass
class Passages:
    """The texts embedded for ``units``: first every unit's, then its sentences'."""

    texts: list[str]
    n_units: int
    owner: np.ndarray      # for each sentence (after the units), the index of its unit; ascending


def passages(units: list[Unit]) -> Passages:
    texts = [u.text for u in units]
    owner: list[int] = []
    for i, u in enumerate(units):
        sentences = split_sentences(u.text)
        if len(sentences) > 1:
            texts.extend(sentences)
            owner.extend([i] * len(sentences))
    return Passages(texts, len(units), np.asarray(owner, dtype=np.intp))


@dataclass
class DenseScores:
    scores: np.ndarray     # per unit, what fusion mixes with BM25
    top_unit: float        # the best whole-unit cosine: the scale the dense rescue was chosen on
    # What was scored, for composition: unit rows and sentence rows (both ascending) with their
    # cosines; a large corpus scores only its candidates, so these are not full-size arrays.
    rows: np.ndarray
    own: np.ndarray
    sentence_rows: np.ndarray
    sentence_cos: np.ndarray
    owner: np.ndarray      # per sentence row of the whole matrix, its unit

    def of_sentences(self, unit_index: int) -> np.ndarray | None:
        """The question's cosine with each sentence of a unit, in order (a one-sentence unit:
        its own), or None when the unit was not scored."""
        lo, hi = np.searchsorted(self.owner, [unit_index, unit_index + 1])
        if hi > lo:
            at = np.searchsorted(self.sentence_rows, np.arange(lo, hi))
            if at[-1] >= len(self.sentence_rows) or (self.sentence_rows[at] != np.arange(lo, hi)).any():
                return None
            return self.sentence_cos[at]
        at = int(np.searchsorted(self.rows, unit_index))
        return self.own[at:at + 1] if at < len(self.rows) and self.rows[at] == unit_index else None


@dataclass
class SentenceSimilarity:
    """What composition takes from the embeddings: how near each sentence of a unit is to the
    question, and how far to trust that against the words it shares (the question's fusion
    weight: high for a paraphrase, low when the best paragraph holds the question's words)."""

    dense: DenseScores
    position: dict[str, int]   # unit id → row
    weight: float

    def of(self, unit: Unit) -> np.ndarray | None:
        row = self.position.get(unit.id)
        return None if row is None else self.dense.of_sentences(row)


class SemanticRanker:
    """Cosine similarity of the question's embedding with every unit's and its sentences'."""

    # Above this many units only the lexical ranking's best candidates are scored: a full
    # product reads the whole matrix (~20 ms at 170k units, measured in benchmarks/run.py),
    # 2,000 rows take under 1 ms with einsum (one thread; BLAS wakes its threads for nothing).
    FULL_SCAN_UNITS = 20_000
    CANDIDATES = 2_000
    # ...and of those, the sentences of the units nearest the question only: converting float16
    # rows costs ~1 ms per 1,000 (benchmarks/semantic.py), and a unit far from the question as a
    # whole rarely rises by one sentence.
    SENTENCE_UNITS = 400

    def __init__(self, embedder: Embedder, matrix: np.ndarray, sentences: np.ndarray | None = None,
                 owner: np.ndarray | None = None, sentence_weight: float = 0.0) -> None:
        self.embedder = embedder
        self.matrix = np.ascontiguousarray(matrix, dtype=np.float32)
        dim = self.matrix.shape[1] if self.matrix.ndim == 2 else 0
        # Sentences outnumber units about five to one: a large corpus, which scores only its
        # candidates' sentences, keeps them as float16 (half the memory) and converts the few
        # rows it reads; a small one scores them all through BLAS, which wants float32.
        large = len(self.matrix) > self.FULL_SCAN_UNITS
        self.sentences = np.ascontiguousarray(sentences if sentences is not None else np.empty((0, dim)),
                                              dtype=np.float16 if large else np.float32)
        self.owner = np.asarray(owner if owner is not None else [], dtype=np.intp)
        self.sentence_weight = sentence_weight

    @property
    def model_id(self) -> str:
        return self.embedder.model_id

    def _sentence_rows(self, units: np.ndarray) -> np.ndarray:
        """Rows of ``self.sentences`` that belong to ``units`` (owner is ascending)."""
        starts = np.searchsorted(self.owner, units, "left")
        ends = np.searchsorted(self.owner, units, "right")
        spans = [np.arange(s, e) for s, e in zip(starts, ends) if e > s]
        return np.concatenate(spans) if spans else np.empty(0, np.intp)

    def scores(self, question: str, lexical: np.ndarray | None = None) -> DenseScores:
        """Every unit's dense score (or ``lexical``'s best candidates'; the rest get the lowest).

        Raises EmbeddingsError when the embedder fails (the caller falls back to BM25).
        """
        from .embeddings import dense_scores

        q = self.embedder.embed_queries([question])[0].astype(np.float32)
        n = len(self.matrix)
        if lexical is None or n <= self.FULL_SCAN_UNITS:
            rows = np.arange(n)
            own = dense_scores(self.matrix, q)
        else:
            rows = np.sort(top_k(lexical, self.CANDIDATES))
            own = np.einsum("ij,j->i", self.matrix[rows], q)
        top_unit = float(own.max()) if len(own) else 0.0
        srows = np.empty(0, np.intp)
        sentence_cos = np.empty(0, np.float32)
        part = own
        if len(self.owner):
            srows = np.arange(len(self.owner)) if len(rows) == n \
                else self._sentence_rows(np.sort(rows[top_k(own, self.SENTENCE_UNITS)]))
            if len(srows):
                sentence_cos = dense_scores(self.sentences, q) if len(srows) == len(self.owner) \
                    else np.einsum("ij,j->i", self.sentences[srows].astype(np.float32), q)
            if self.sentence_weight > 0:
                best = own.copy()
                # rows is ascending, so a sentence's unit is found among the rows by bisection
                np.maximum.at(best, np.searchsorted(rows, self.owner[srows]), sentence_cos)
                w = self.sentence_weight
                part = (1 - w) * own + w * best
        out = np.full(n, float(part.min()) if len(part) else 0.0, dtype=np.float32)
        out[rows] = part
        return DenseScores(out, top_unit, rows, own, srows, sentence_cos, self.owner)
