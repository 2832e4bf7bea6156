"""Index: BM25 over the corpus units, one field per term stream (``bm25.FieldIndex``), cached on disk.

The parsed corpus (JSON) and the index arrays are cached together in one ``.npz`` in the
platform cache directory, keyed by corpus content, analysis (dictionaries included) and BM25
parameters; each file's analysis is cached too, keyed by its content, so a changed corpus
re-analyses only the files that changed. Data only, never pickles (see cache_files); a file
that fails to load or does not fit together is rebuilt with a warning.
"""

from __future__ import annotations

import hashlib
import os
import time
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from . import cache_files as cf
from . import text_analysis as ta
from .bm25 import SCORINGS, BM25Params, FieldIndex, TermStream
from .corpus import PARSER_VERSION, Corpus
from .corpus_data import corpus_from_data, corpus_to_data
from .worker_pool import worker_pool

CACHE_FORMAT = 9           # the bundle (corpus + index) archive
ANALYSIS_CACHE_FORMAT = 6  # the per-file analysis archives; changes only with GroupTerms
Warn = Callable[[str], None]
Progress = Callable[[int, int], None]

__all__ = ["SCORINGS", "BM25Params", "FieldIndex", "GroupTerms", "Index", "TermStream", "analyse_groups",
           "build_index", "bundle_path", "cache_dir", "cache_key", "load_bundle", "prune", "save_bundle"]


@dataclass
class Index:
    """Both fields over the same list of unit ids."""

    unit_ids: list[str]
    words: FieldIndex
    bigrams: FieldIndex
    key: str = ""


# ---- building ------------------------------------------------------------------------
@dataclass
class GroupTerms:
    """Both fields' terms of a run of units: one file's (the unit of caching) or a chunk of it."""

    words: TermStream
    bigrams: TermStream

    @property
    def n_docs(self) -> int:
        return self.words.n_docs

    @classmethod
    def of(cls, analysed: Sequence[ta.Analysed]) -> "GroupTerms":
        return cls(TermStream.encode([a.words for a in analysed]), TermStream.encode([a.bigrams for a in analysed]))

    @classmethod
    def concat(cls, parts: Sequence["GroupTerms"]) -> "GroupTerms":
        return cls(TermStream.concat([p.words for p in parts]), TermStream.concat([p.bigrams for p in parts]))


_CHUNK = 500  # units per task: keeps the progress bar moving and both cores busy


def _analyse_chunk(texts: list[str], dictionary_dir: Path | None) -> GroupTerms:
    tok = ta.tokenizer(dictionary_dir)
    return GroupTerms.of([ta.analyse(t, tok) for t in texts])


def analyse_groups(groups: list[tuple[str, list[str]]], progress: Progress | None = None,
                   workers: int | None = None, warn: Warn | None = None,
                   use_cache: bool = True) -> list[GroupTerms]:
    """The terms of each group (a file's unit texts), reusing cached analyses of unchanged files.

    ``use_cache`` is True only for a cache directory that ``cache_files.usable_cache_dir`` accepted.

    Large corpora use a process pool (jieba is pure Python, so threads would not help).
    """
    results: list[GroupTerms | None] = []
    todo: list[int] = []
    for i, (digest, texts) in enumerate(groups):
        cached = _load_analysis(digest, len(texts), warn) if use_cache else None
        if cached is not None:
            results.append(cached)
        else:
            results.append(None)
            todo.append(i)
    total = sum(len(t) for _, t in groups)
    n_todo = sum(len(groups[i][1]) for i in todo)
    done = total - n_todo
    if progress:
        progress(done, total)
    chunks = [(i, groups[i][1][s:s + _CHUNK]) for i in todo for s in range(0, len(groups[i][1]), _CHUNK)]
    parts: dict[int, list[GroupTerms]] = {i: [] for i in todo}
    workers = workers if workers is not None else (min(os.cpu_count() or 1, 4) if n_todo > 4000 else 1)
    # The jieba dictionary is read from (or first written to) the project's cache, or built
    # from jieba's own files without any cache; never from jieba's cache in the temp directory.
    dictionary_dir = cache_dir() if use_cache else None
    if workers > 1 and len(chunks) > 1:
        with worker_pool(workers) as pool:   # its workers exit when this process dies
            texts_of = [c[1] for c in chunks]
            for (i, texts), out in zip(chunks, pool.map(_analyse_chunk, texts_of, [dictionary_dir] * len(chunks))):
                parts[i].append(out)
                done += len(texts)
                if progress:
                    progress(done, total)
    else:
        for i, texts in chunks:
            parts[i].append(_analyse_chunk(texts, dictionary_dir))
            done += len(texts)
            if progress:
                progress(done, total)
    for i in todo:
        results[i] = GroupTerms.concat(parts[i])
        if use_cache:
            _save_analysis(groups[i][0], results[i], warn)
    if progress:
        progress(total, total)
    return [r for r in results if r is not None]


def build_index(unit_ids: list[str], analysed: Sequence[GroupTerms] | Sequence[ta.Analysed], params: BM25Params,
                key: str = "") -> Index:
    """The index of the units, from their groups' terms (or, for small callers, their analyses)."""
    if all(isinstance(a, GroupTerms) for a in analysed):
        terms = GroupTerms.concat(analysed)  # type: ignore[arg-type]
    else:
        terms = GroupTerms.of(analysed)  # type: ignore[arg-type]
    if terms.n_docs != len(unit_ids):
        raise ValueError(f"{terms.n_docs} analysed units for {len(unit_ids)} unit ids")
    words = FieldIndex.build(terms.words, params)
    bigrams = FieldIndex.build(terms.bigrams, params)
    return Index(unit_ids, words, bigrams, key)


# ---- cache ----------------------------------------------------------------------------
def cache_dir() -> Path:
    override = os.environ.get("ASSISTANT_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("speech-assistant", appauthor=False))


def cache_key(corpus_fingerprint: str, params: BM25Params) -> str:
    constants = ",".join(f"{k}={v!r}" for k, v in params.index_constants().items())
    raw = f"{CACHE_FORMAT}|{PARSER_VERSION}|{corpus_fingerprint}|{ta.analysis_fingerprint()}|{constants}"
    return hashlib.sha256(raw.encode()).hexdigest()[:20]


def _analysis_name(digest: str) -> str:
    return f"{digest}-{ta.analysis_fingerprint()}-f{ANALYSIS_CACHE_FORMAT}.npz"


def _rebuilt(path: Path, e: Exception, warn: Warn | None) -> None:
    if warn:
        warn(f"缓存文件损坏,已重建({path.name}:{type(e).__name__})")
    with suppress(OSError):
        path.unlink()


def _load_analysis(digest: str, n_docs: int, warn: Warn | None) -> GroupTerms | None:
    path = cache_dir() / "analysis" / _analysis_name(digest)
    if not path.exists():
        return None
    try:
        arrays = cf.load_arrays(path)
        terms = GroupTerms(TermStream.from_arrays(arrays, "words_"), TermStream.from_arrays(arrays, "bigrams_"))
        if terms.n_docs != n_docs or terms.bigrams.n_docs != n_docs:
            raise cf.CacheFormatError("another number of units")
        return terms
    except Exception as e:  # any failure to read means the file is unusable: rebuild it
        _rebuilt(path, e, warn)
        return None


def _save_analysis(digest: str, terms: GroupTerms, warn: Warn | None) -> None:
    cf.save_arrays(cache_dir() / "analysis" / _analysis_name(digest),
                   lambda: {**terms.words.to_arrays("words_"), **terms.bigrams.to_arrays("bigrams_")}, warn)


def bundle_path(key: str) -> Path:
    return cache_dir() / f"bundle-{key}.npz"


def load_bundle(key: str, warn: Warn) -> tuple[Corpus, Index] | None:
    """The cached (corpus, index) for ``key``, or None."""
    path = bundle_path(key)
    if not path.exists():
        return None
    try:
        arrays = cf.load_arrays(path)
        meta = cf.from_json_array(cf.array(arrays, "meta", np.uint8))
        if meta.get("format") != CACHE_FORMAT or meta.get("key") != key:
            warn(f"缓存文件不是本版本的格式,已重建({path.name})")
            return None
        corpus = corpus_from_data(cf.from_json_array(cf.array(arrays, "corpus", np.uint8)))
        unit_ids = [u.id for u in corpus.units]
        params = BM25Params(**meta["params"])
        words = FieldIndex.from_arrays(arrays, "words_", params, len(unit_ids))
        bigrams = FieldIndex.from_arrays(arrays, "bigrams_", params, len(unit_ids))
    except Exception as e:  # any failure to read means the file is unusable: rebuild it
        _rebuilt(path, e, warn)
        return None
    with suppress(OSError):
        os.utime(path)  # recently used: kept by prune
    return corpus, Index(unit_ids, words, bigrams, key)


KEEP_BUNDLES = 4


def save_bundle(corpus: Corpus, index: Index, analyses: list[str], warn: Warn) -> None:
    """Store corpus + index; ``analyses`` (the files' digests) keep their analyses from pruning."""
    meta = {"format": CACHE_FORMAT, "key": index.key, "params": index.words.params.index_constants()}

    def arrays() -> dict[str, np.ndarray]:
        return {"meta": cf.json_array(meta), "corpus": cf.json_array(corpus_to_data(corpus)),
                "analyses": cf.pack_strings([_analysis_name(d) for d in analyses]),
                **index.words.to_arrays("words_"), **index.bigrams.to_arrays("bigrams_")}

    if cf.save_arrays(bundle_path(index.key), arrays, warn):
        prune(index.key)


def prune(current_key: str, keep: int = KEEP_BUNDLES, grace: float | None = None) -> None:
    """Keep the cache bounded: the ``keep`` most recently used bundles, and only their analyses.

    Each corpus change makes a new bundle; older ones go, least recently used first. An
    analysis (one file's terms, reused when only other files change) stays while one of the
    kept bundles lists it, so analysis/ never holds more than the files of ``keep`` corpora.
    Unlisted analyses (and temporary files) younger than ``grace`` (default: the age of a
    stale temporary file) may belong to a build running in another process: left for later.
    """
    grace = cf.STALE_TMP_SECONDS if grace is None else grace
    try:
        bundles = sorted(cache_dir().glob("bundle-*.npz"), key=lambda p: p.stat().st_mtime, reverse=True)
        kept = [p for p in bundles if p.name == bundle_path(current_key).name]
        kept += [p for p in bundles if p not in kept][: keep - len(kept)]
        for old in bundles:
            if old not in kept:
                old.unlink()
        for old in cache_dir().glob("jieba-shards-*"):  # dictionaries that changed since
            if old.name != ta.shards_path(cache_dir()).name and old.stat().st_mtime < time.time() - grace:
                old.unlink()
    except OSError:
        return  # a cache we cannot tidy is still a working cache
    wanted: set[str] = set()
    for p in kept:
        try:
            wanted.update(cf.unpack_strings(cf.array(cf.load_arrays(p, ("analyses",)), "analyses", np.uint8)))
        except Exception:
            return  # cannot tell what is still used: delete nothing
    cutoff = time.time() - grace
    try:
        entries = list(os.scandir(cache_dir() / "analysis"))
    except OSError:
        return
    for entry in entries:
        with suppress(OSError):
            if entry.name not in wanted and entry.stat(follow_symlinks=False).st_mtime < cutoff:
                os.unlink(entry.path)
