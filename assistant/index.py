"""Index: BM25 over the corpus units, one field per term stream, cached on disk.

Scoring reproduces rank-bm25's ``BM25Okapi`` exactly (same IDF with its epsilon floor,
same term-frequency saturation, query terms summed in order), but from an inverted index:
each term's contribution to each document is precomputed as an *impact*, so a query only
touches the documents that contain its terms instead of looping over the whole corpus.
``tests/test_index.py`` proves the scores equal rank-bm25's.

The analysed corpus and the impacts are cached in the platform cache directory, keyed by
corpus content, analysis version and BM25 parameters; a corrupt cache is rebuilt.
"""

from __future__ import annotations

import hashlib
import math
import os
import pickle
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

import numpy as np

from . import text_analysis as ta

CACHE_FORMAT = 2


@dataclass(frozen=True)
class BM25Params:
    k1: float = 1.5
    b: float = 0.75
    epsilon: float = 0.25


@dataclass
class FieldIndex:
    """BM25Okapi for one field: postings of (doc ids, impacts) per term."""

    postings: dict[str, tuple[np.ndarray, np.ndarray]]
    n_docs: int
    idf: dict[str, float]
    doc_len: np.ndarray

    @classmethod
    def build(cls, docs: Sequence[Sequence[str]], params: BM25Params) -> "FieldIndex":
        n = len(docs)
        doc_len = np.array([len(d) for d in docs], dtype=np.float64)
        avgdl = float(doc_len.sum()) / n if n else 0.0
        df: Counter[str] = Counter()
        tfs: list[Counter[str]] = []
        for d in docs:
            c = Counter(d)
            tfs.append(c)
            df.update(c.keys())
        # rank_bm25.BM25Okapi._calc_idf, term for term (insertion order matters for the sum).
        nd: dict[str, int] = {}
        for c in tfs:
            for w in c:
                nd[w] = nd.get(w, 0) + 1
        idf: dict[str, float] = {}
        idf_sum = 0.0
        negative = []
        for w, freq in nd.items():
            v = math.log(n - freq + 0.5) - math.log(freq + 0.5)
            idf[w] = v
            idf_sum += v
            if v < 0:
                negative.append(w)
        average_idf = idf_sum / len(idf) if idf else 0.0
        eps = params.epsilon * average_idf
        for w in negative:
            idf[w] = eps
        rows: dict[str, list[int]] = {}
        tf_rows: dict[str, list[int]] = {}
        for i, c in enumerate(tfs):
            for w, tf in c.items():
                rows.setdefault(w, []).append(i)
                tf_rows.setdefault(w, []).append(tf)
        k1, b = params.k1, params.b
        postings = {}
        for w, ids in rows.items():
            ids_a = np.array(ids, dtype=np.int32)
            tf = np.array(tf_rows[w], dtype=np.float64)
            dl = doc_len[ids_a]
            # Same expression, same operation order as BM25Okapi.get_scores.
            impact = idf[w] * (tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / avgdl)))
            postings[w] = (ids_a, impact)
        return cls(postings, n, idf, doc_len)

    def scores(self, terms: Iterable[str]) -> np.ndarray:
        out = np.zeros(self.n_docs)
        for t in terms:
            p = self.postings.get(t)
            if p is not None:
                out[p[0]] += p[1]
        return out


@dataclass
class Index:
    """Both fields over the same list of unit ids."""

    unit_ids: list[str]
    words: FieldIndex
    bigrams: FieldIndex
    analysed_runs: list[list[str]] = field(default_factory=list)
    key: str = ""

    def term_in_doc(self, term: str, doc: int) -> bool:
        p = self.words.postings.get(term)
        return p is not None and bool(np.any(p[0] == doc))


def cache_dir() -> Path:
    override = os.environ.get("ASSISTANT_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("speech-assistant", appauthor=False))


def cache_key(corpus_fingerprint: str, params: BM25Params, doc_fields: str) -> str:
    raw = f"{CACHE_FORMAT}|{corpus_fingerprint}|{ta.analysis_fingerprint()}|{params}|{doc_fields}"
    return hashlib.sha256(raw.encode()).hexdigest()[:20]


def build_index(unit_ids: list[str], texts: list[str], params: BM25Params, key: str = "",
                progress: Callable[[int, int], None] | None = None) -> Index:
    words: list[list[str]] = []
    bigrams: list[list[str]] = []
    runs: list[list[str]] = []
    for i, text in enumerate(texts):
        a = ta.analyse(text)
        words.append(a.words)
        bigrams.append(a.bigrams)
        runs.append(a.runs)
        if progress and (i % 200 == 0 or i == len(texts) - 1):
            progress(i + 1, len(texts))
    return Index(unit_ids, FieldIndex.build(words, params), FieldIndex.build(bigrams, params), runs, key)


def load_cached(key: str, warn: Callable[[str], None]) -> Index | None:
    path = cache_dir() / f"index-{key}.pkl"
    if not path.exists():
        return None
    try:
        with path.open("rb") as f:
            idx = pickle.load(f)
        if not isinstance(idx, Index) or idx.key != key:
            raise ValueError("不是本版本的索引")
        return idx
    except Exception as e:  # any failure to read means the file is unusable: rebuild
        warn(f"索引缓存损坏,已重建({path.name}:{type(e).__name__})")
        try:
            path.unlink()
        except OSError:
            pass
        return None


def save_cached(idx: Index, warn: Callable[[str], None]) -> None:
    directory = cache_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=".index-", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(idx, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, directory / f"index-{idx.key}.pkl")
    except OSError as e:
        warn(f"无法写入索引缓存({directory}):{e.strerror or e};本次不使用缓存")
