"""BM25 scoring: the constants and the named scoring variants, and one field's inverted index.

``FieldIndex.scores`` reproduces rank-bm25's ``BM25Okapi`` exactly (same IDF with its epsilon
floor, same term-frequency saturation, query terms summed in order), but from an inverted index:
each term's contribution to each document is precomputed as an *impact*, so a query only
touches the documents that contain its terms instead of looping over the whole corpus.
``tests/test_index.py`` proves the scores equal rank-bm25's.

``FieldIndex.scoped_scores`` scores with the same formula but with the collection statistics
of a *scope*, a subset of the documents (the question's neighbourhood, chosen by retrieval),
and each document's length measured against the average of its own source file.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import chain
from typing import Sequence

import numpy as np

from . import cache_files as cf

__all__ = ["SCORINGS", "BM25Params", "FieldIndex", "TermStream"]


SCORINGS = ("okapi", "scoped")


@dataclass(frozen=True)
class BM25Params:
    """BM25's constants and its scoring variant, chosen by name (as bm25s chooses its method).

    - ``okapi``: rank-bm25's ``BM25Okapi`` over the whole corpus, bit for bit (``FieldIndex.scores``).
    - ``scoped``: the same formula with the collection statistics of the question's
      neighbourhood, the speeches whose match density is at least ``scope_share`` of the best
      speech's, and each length against its own file's average (``FieldIndex.scoped_scores``,
      the scope chosen by ``retrieval.LexicalRanker.neighbourhood``).

    k1 and b are the best point of a grid on the dev set only (``python benchmarks/tune.py``
    writes benchmarks/tune.json); rank-bm25's own defaults are 1.5 and 0.75. scope_share 0.1
    was chosen on the dev set, speeches alone and with the 1998 distractors (README, "Quality
    with distractors").
    """

    k1: float = 0.9
    b: float = 0.5
    epsilon: float = 0.25
    scoring: str = "scoped"
    scope_share: float = 0.1

    def __post_init__(self) -> None:
        if self.scoring not in SCORINGS:
            raise ValueError(f"unknown BM25 scoring {self.scoring!r}: one of {', '.join(SCORINGS)}")

    def index_constants(self) -> dict[str, float]:
        """What the index arrays depend on (the scoring variant is chosen per question)."""
        return {"k1": self.k1, "b": self.b, "epsilon": self.epsilon}


@dataclass
class TermStream:
    """One field's terms for a run of documents, compactly: what a FieldIndex is built from.

    Distinct terms are stored once; the documents are one array of positions in ``vocab``.
    Cached per file and passed between processes in this form, because lists of millions of
    short strings are slow to pickle, unpickle and hash again.
    """

    vocab: list[str]       # distinct terms, in order of first occurrence
    ids: np.ndarray        # int32 positions in vocab, the documents' terms one after another
    lengths: np.ndarray    # int64, number of terms of each document

    @property
    def n_docs(self) -> int:
        return len(self.lengths)

    @classmethod
    def encode(cls, docs: Sequence[Sequence[str]]) -> "TermStream":
        lengths = np.fromiter((len(d) for d in docs), dtype=np.int64, count=len(docs))
        flat = list(chain.from_iterable(docs))
        positions = {w: i for i, w in enumerate(dict.fromkeys(flat))}
        ids = np.fromiter(map(positions.__getitem__, flat), dtype=np.int32, count=len(flat))
        return cls(list(positions), ids, lengths)

    @classmethod
    def concat(cls, streams: Sequence["TermStream"]) -> "TermStream":
        """The streams' documents one after another; first-occurrence order is kept."""
        if len(streams) == 1:
            return streams[0]
        # Chaining the vocabularies in order lists every term at its first occurrence overall.
        positions = {w: i for i, w in enumerate(dict.fromkeys(chain.from_iterable(s.vocab for s in streams)))}
        parts = []
        for s in streams:
            remap = np.fromiter(map(positions.__getitem__, s.vocab), dtype=np.int32, count=len(s.vocab))
            parts.append(remap[s.ids])
        ids = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int32)
        lengths = np.concatenate([s.lengths for s in streams]) if streams else np.zeros(0, dtype=np.int64)
        return cls(list(positions), ids, lengths)

    def to_arrays(self, prefix: str) -> dict[str, np.ndarray]:
        return {prefix + "vocab": cf.pack_strings(self.vocab), prefix + "ids": self.ids, prefix + "lengths": self.lengths}

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray], prefix: str) -> "TermStream":
        """Inverse of ``to_arrays``; a CacheFormatError for arrays that do not fit together."""
        vocab = cf.unpack_strings(cf.array(arrays, prefix + "vocab", np.uint8))
        ids = cf.array(arrays, prefix + "ids", np.int32)
        lengths = cf.array(arrays, prefix + "lengths", np.int64)
        if (len(ids) and (ids.min() < 0 or ids.max() >= len(vocab))) or (lengths < 0).any() \
                or int(lengths.sum()) != len(ids):
            raise cf.CacheFormatError("term ids or lengths out of range")
        return cls(vocab, ids, lengths)

    def docs(self) -> list[list[str]]:
        """The documents as lists of terms again (for reference scorers and tests)."""
        flat = [self.vocab[i] for i in self.ids.tolist()]
        out: list[list[str]] = []
        pos = 0
        for n in self.lengths.tolist():
            out.append(flat[pos:pos + n])
            pos += n
        return out


TF_MAX = np.iinfo(np.uint16).max  # term frequencies are stored clipped to this (saturated long before)


def _hapax_idf(n: int) -> float:
    """BM25Okapi's IDF of a term found in one of n documents."""
    return math.log(n - 1 + 0.5) - math.log(1 + 0.5)


@dataclass
class FieldIndex:
    """BM25Okapi for one field. Postings are flat arrays: term t owns [offsets[i], offsets[i+1])."""

    terms: dict[str, int]
    offsets: np.ndarray      # int64, len(terms) + 1
    doc_ids: np.ndarray      # int32
    impacts: np.ndarray      # float64
    idf: dict[str, float]
    n_docs: int
    tfs: np.ndarray          # uint16, each posting's term frequency (for scoped_scores)
    doc_len: np.ndarray      # int64, terms per document
    params: BM25Params

    @classmethod
    def build(cls, docs: Sequence[Sequence[str]] | TermStream, params: BM25Params) -> "FieldIndex":
        stream = docs if isinstance(docs, TermStream) else TermStream.encode(docs)
        n = stream.n_docs
        lengths = stream.lengths
        # Term ids are in order of first occurrence: the order in which BM25Okapi fills its
        # document-frequency dict, which fixes the order of its IDF sum (and so its epsilon).
        n_terms = len(stream.vocab)
        doc_of = np.repeat(np.arange(n, dtype=np.int64), lengths)
        # One sort of (term, doc) pairs gives the postings grouped by term, docs ascending,
        # with each pair's count as the term frequency.
        stride = max(n, 1)
        pairs, tf_count = np.unique(stream.ids.astype(np.int64) * stride + doc_of, return_counts=True)
        post_term = pairs // stride
        doc_ids = (pairs - post_term * stride).astype(np.int32)
        df = np.bincount(post_term, minlength=n_terms)
        offsets = np.zeros(n_terms + 1, dtype=np.int64)
        np.cumsum(df, out=offsets[1:])
        # rank_bm25.BM25Okapi._calc_idf, term for term: math.log and a sequential sum, as there.
        idf_list = [math.log(n - f + 0.5) - math.log(f + 0.5) for f in df.tolist()]
        idf_sum = 0.0
        for v in idf_list:
            idf_sum += v
        eps = params.epsilon * (idf_sum / len(idf_list) if idf_list else 0.0)
        # eps ≤ 0 only in tiny corpora (1–2 units), where no IDF is > 0: there Lucene's IDF stands in.
        idf_list = [eps if v < 0 else v for v in idf_list] if eps > 0 else \
            [v if v > 0 else math.log1p((n - f + 0.5) / (f + 0.5)) for v, f in zip(idf_list, df.tolist())]
        terms = dict(zip(stream.vocab, range(n_terms)))
        idf = dict(zip(stream.vocab, idf_list))
        doc_len = lengths.astype(np.float64)
        avgdl = float(lengths.sum()) / n if n else 0.0
        idf_arr = np.repeat(np.array(idf_list, dtype=np.float64), df)
        tf = tf_count.astype(np.float64)
        k1, b = params.k1, params.b
        dl = doc_len[doc_ids]
        # Same expression, same operation order as BM25Okapi.get_scores, so equal bit for bit.
        impacts = idf_arr * (tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / avgdl)))
        tfs = np.minimum(tf_count, TF_MAX).astype(np.uint16)
        return cls(terms, offsets, doc_ids, impacts, idf, n, tfs, lengths.astype(np.int64), params)

    def to_arrays(self, prefix: str) -> dict[str, np.ndarray]:
        # terms and idf were both filled in term-id order, so their values line up with vocab.
        return {prefix + "vocab": cf.pack_strings(list(self.terms)), prefix + "offsets": self.offsets,
                prefix + "doc_ids": self.doc_ids, prefix + "impacts": self.impacts,
                prefix + "idf": np.fromiter(self.idf.values(), dtype=np.float64, count=len(self.idf)),
                prefix + "tfs": self.tfs, prefix + "doc_len": self.doc_len}

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray], prefix: str, params: BM25Params,
                    n_docs: int) -> "FieldIndex":
        """Inverse of ``to_arrays``, checked so that no posting points outside the documents."""
        vocab = cf.unpack_strings(cf.array(arrays, prefix + "vocab", np.uint8))
        offsets = cf.array(arrays, prefix + "offsets", np.int64)
        doc_ids = cf.array(arrays, prefix + "doc_ids", np.int32)
        impacts = cf.array(arrays, prefix + "impacts", np.float64)
        idf = cf.array(arrays, prefix + "idf", np.float64)
        tfs = cf.array(arrays, prefix + "tfs", np.uint16)
        doc_len = cf.array(arrays, prefix + "doc_len", np.int64)
        if len(offsets) != len(vocab) + 1 or len(idf) != len(vocab) or len(doc_len) != n_docs \
                or len(impacts) != len(doc_ids) or len(tfs) != len(doc_ids):
            raise cf.CacheFormatError("index arrays of different lengths")
        cf.check_offsets(offsets, len(doc_ids))
        if len(doc_ids) and (doc_ids.min() < 0 or doc_ids.max() >= n_docs):
            raise cf.CacheFormatError("postings outside the documents")
        terms = dict(zip(vocab, range(len(vocab))))
        if len(terms) != len(vocab):
            raise cf.CacheFormatError("a term listed twice")
        return cls(terms, offsets, doc_ids, impacts, dict(zip(vocab, idf.tolist())), n_docs, tfs, doc_len, params)

    def postings(self, term: str) -> tuple[np.ndarray, np.ndarray] | None:
        i = self.terms.get(term)
        if i is None:
            return None
        lo, hi = self.offsets[i], self.offsets[i + 1]
        return self.doc_ids[lo:hi], self.impacts[lo:hi]

    def scores(self, terms: Sequence[str]) -> np.ndarray:
        out = np.zeros(self.n_docs)
        for t in terms:
            p = self.postings(t)
            if p is not None:
                out[p[0]] += p[1]
        return out

    def length_norms(self, source_of: np.ndarray) -> np.ndarray:
        """k1·(1 − b + b·|d| / avgdl) of each document, avgdl taken over the document's own source.

        ``source_of`` numbers each document's source 0..S-1. Sources differ in how they
        paragraph (a news line is a third of a speech paragraph); against its own source's
        average, a paragraph's length does not change when other sources join the corpus.
        """
        k1, b = self.params.k1, self.params.b
        counts = np.bincount(source_of)
        sums = np.bincount(source_of, weights=self.doc_len)
        avgdl = (sums / np.maximum(counts, 1))[source_of]
        return k1 * (1 - b + b * self.doc_len.astype(np.float64) / avgdl)

    def scoped_scores(self, terms: Sequence[str], in_scope: np.ndarray, norms: np.ndarray) -> np.ndarray:
        """BM25Okapi of every document, with IDFs counted over the documents of a scope.

        ``in_scope`` marks the scope's documents; ``norms`` is ``length_norms`` of the
        documents. A term's IDF is rank-bm25's formula over the scope (n = scope size,
        df = scope documents holding the term). A negative IDF (a term in more than half the
        scope) is floored at epsilon × the IDF of a term found once in the scope. rank-bm25
        floors at epsilon × the mean IDF of the vocabulary, which is close (0.92–0.95 of it on
        the speeches, since most terms are rare) but would depend on every other document's
        words; this floor depends on the scope alone. Terms above the floor score exactly as
        BM25Okapi over the scope's documents would score them (``tests/test_index.py``).
        """
        n = int(np.count_nonzero(in_scope))
        if n < 3:
            raise ValueError(f"a scope of {n} documents has no usable statistics")
        floor = self.params.epsilon * _hapax_idf(n)
        k1 = self.params.k1
        out = np.zeros(self.n_docs)
        for t in terms:
            i = self.terms.get(t)
            if i is None:
                continue
            lo, hi = self.offsets[i], self.offsets[i + 1]
            ids = self.doc_ids[lo:hi]
            df = int(np.count_nonzero(in_scope[ids]))
            idf = math.log(n - df + 0.5) - math.log(df + 0.5)
            if idf < 0:
                idf = floor
            tf = self.tfs[lo:hi].astype(np.float64)
            out[ids] += idf * (tf * (k1 + 1) / (tf + norms[ids]))
        return out


