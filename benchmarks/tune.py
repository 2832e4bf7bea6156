"""Grid search of the BM25 parameters on the dev set only; writes the grid to JSON.

    python benchmarks/tune.py [--out benchmarks/tune.json] [--questions tests/data/questions.jsonl]

Each point of the grid (k1 × b × bigram weight) is scored by the ranking *as retrieved*
(before the answer is composed) over the dev set's answerable questions: MRR@10 first, then
Hit@1, then Recall@10. The engine's defaults (``RetrievalParams``) cite the file this writes.
The held-out set is never read here: tuning on it would make it measure nothing.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

K1 = (0.6, 0.9, 1.2, 1.5, 1.8)
B = (0.3, 0.5, 0.75, 0.9)
BIGRAM_WEIGHT = (0.0, 0.3, 0.6, 1.0)


def _objective(summary: dict[str, Any]) -> tuple[float, float, float]:
    r = summary["overall"]["retrieval"]
    return (round(r["mrr@10"], 6), round(r["hit@1"], 6), round(r["recall@10"], 6))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--questions", type=Path, default=ROOT / "tests" / "data" / "questions.jsonl")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "tune.json")
    args = ap.parse_args(argv)
    if "holdout" in args.questions.name:
        ap.error("the held-out set is measured on, never tuned on")
    # A private cache: one bundle per (k1, b) must not push the user's bundles out.
    os.environ.setdefault("ASSISTANT_CACHE_DIR", tempfile.mkdtemp(prefix="assistant-tune-"))

    from rich.progress import track

    from assistant.engine import Engine, RetrievalParams
    from assistant.evaluation import load_questions, run_eval

    questions = load_questions(args.questions)
    base = RetrievalParams()
    grid: list[dict[str, Any]] = []
    t0 = time.perf_counter()
    points = [(k1, b) for k1 in K1 for b in B]
    for k1, b in track(points, description="网格搜索"):
        loaded = Engine.load(params=dataclasses.replace(base, k1=k1, b=b))
        for w in BIGRAM_WEIGHT:
            params = dataclasses.replace(base, k1=k1, b=b, bigram_weight=w, use_bigrams=w > 0)
            engine = Engine(loaded.corpus, loaded.index, params)
            summary = run_eval(engine, questions).summary
            r = summary["overall"]["retrieval"]
            grid.append({"k1": k1, "b": b, "bigram_weight": w,
                         "retrieval": {m: round(r[m], 4) for m in ("hit@1", "hit@5", "mrr@10", "recall@10")},
                         "answer_hit@1": round(summary["overall"]["hit@1"], 4),
                         "objective": _objective(summary)})
    grid.sort(key=lambda g: g["objective"], reverse=True)
    best = grid[0]
    default = next((g for g in grid if (g["k1"], g["b"], g["bigram_weight"]) ==
                    (base.k1, base.b, base.bigram_weight)), None)
    out = {"questions": str(args.questions.relative_to(ROOT) if args.questions.is_relative_to(ROOT)
                            else args.questions),
           "objective": "retrieval mrr@10, then hit@1, then recall@10 (ranking before composition)",
           "seconds": round(time.perf_counter() - t0, 1),
           "best": best, "current_defaults": default, "grid": grid}
    args.out.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"best: k1={best['k1']} b={best['b']} bigram_weight={best['bigram_weight']} {best['retrieval']}")
    if default:
        print(f"defaults: k1={base.k1} b={base.b} bigram_weight={base.bigram_weight} {default['retrieval']}")
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
