"""The benchmark's report: rich tables of the figures and the targets, and the JSON form."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any
from collections.abc import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np
from benchmarks.bench_core import (
    N_QUESTIONS,
    QUALITY_MARGIN,
    QUALITY_SETS,
    RANKING,
    Results,
    Stat,
    out,
)
from rich.markup import escape
from rich.table import Table


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
    row("TUI ready to type (since process start)", "tui_ready_s")
    row("TUI ready to answer: engine loaded (since process start)", "tui_engine_s")
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
    check("TUI ready to type < 0.54 s", "A.tui_ready_s", 0.54, "s")
    check("TUI ready to answer < 1 s", "A.tui_engine_s", 1.0, "s")
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


