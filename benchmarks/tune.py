"""Grid search of the BM25 parameters on the dev set only; writes the grid to JSON.

    python benchmarks/tune.py [--out benchmarks/tune.json] [--questions tests/data/questions.jsonl]

Three steps, each scored on the dev set only:

1. BM25 (k1 × b × bigram weight), lexical ranking alone;
2. the fusion weight of the embedding ranking, its floor (the share left when the best
   lexical unit holds the whole question) and the share of sentence vectors in it (semantic.py), with the best BM25 point, on every dev set: the seed's question sets and,
   given ``--pd-dev DIR`` (``python benchmarks/pd_speeches.py --dev DIR``), pd_dev.jsonl on
   the People's Daily articles; the objective is pooled over their answerable questions;
3. the dense-rescue threshold (a question the lexical abstention rules would decline is
   answered when the best unit's embedding similarity reaches it), on the same dev sets: each
   threshold is scored by unanswerable questions declined minus answerable questions declined.

Rankings are scored *as retrieved* (before the answer is composed) over the answerable
questions: MRR@10 first, then Hit@1, then Recall@10. The engine's defaults
(``RetrievalParams``) cite the file this writes. The held-out sets are never read here:
tuning on them would make them measure nothing.
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
FUSION_WEIGHT = (0.0, 0.3, 0.5, 0.7, 0.8, 0.9, 1.0)
FUSION_FLOOR = (0.0, 0.1, 0.2, 0.3, 0.5)    # and the fusion weight itself: a constant share
SENTENCE_WEIGHT = (0.0, 0.5, 1.0)
DEV_SETS = ("questions.jsonl", "dev_everyday.jsonl")   # on the seed speeches
PD_DEV_SET = "pd_dev.jsonl"                             # on benchmarks/pd_speeches.py --dev
RESCUE = (0.0, 0.86, 0.87, 0.875, 0.88, 0.885, 0.89, 0.9, 0.91)


class MemoEmbedder:
    """The engine's embedder with the questions' vectors kept: every grid point asks the same."""

    def __init__(self, inner: Any) -> None:
        self.inner, self.model_id, self.dim = inner, inner.model_id, inner.dim
        self.memo: dict[str, Any] = {}

    def embed_queries(self, texts: list[str]) -> Any:
        import numpy as np

        missing = [t for t in texts if t not in self.memo]
        if missing:
            for t, v in zip(missing, self.inner.embed_queries(missing)):
                self.memo[t] = v
        return np.stack([self.memo[t] for t in texts])

    def embed_passages(self, texts: list[str], progress: Any = None) -> Any:
        return self.inner.embed_passages(texts, progress)


def _objective(summary: dict[str, Any]) -> tuple[float, float, float]:
    r = summary["overall"]["retrieval"]
    return (round(r["mrr@10"], 6), round(r["hit@1"], 6), round(r["recall@10"], 6))


def _pooled(summaries: list[dict[str, Any]]) -> dict[str, float]:
    """Retrieval metrics over the answerable questions of several runs, each weighted by its count."""
    n = [s["overall"]["n_answerable"] for s in summaries]
    return {m: round(sum(s["overall"]["retrieval"][m] * k for s, k in zip(summaries, n)) / sum(n), 4)
            for m in ("hit@1", "mrr@10", "recall@10")} | {"answer_hit@1": round(
                sum(s["overall"]["hit@1"] * k for s, k in zip(summaries, n)) / sum(n), 4)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--questions", type=Path, default=ROOT / "tests" / "data" / "questions.jsonl")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "tune.json")
    ap.add_argument("--pd-dev", type=Path, help="the People's Daily dev articles (pd_speeches.py --dev DIR) for step 2")
    ap.add_argument("--fusion-only", action="store_true", help="skip the BM25 grid: steps 2 and 3 on the current BM25 defaults")
    args = ap.parse_args(argv)
    if args.fusion_only and args.out == ap.get_default("out"):
        args.out = ROOT / "benchmarks" / "tune_fusion.json"   # keep the BM25 grid's file
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
    points = [(k1, b) for k1 in K1 for b in B] if not args.fusion_only else [(base.bm25.k1, base.bm25.b)]
    for k1, b in track(points, description="网格搜索"):
        loaded = Engine.load(params=base.tuned(k1=k1, b=b))
        for w in BIGRAM_WEIGHT if not args.fusion_only else (base.bigram_weight,):
            params = base.tuned(k1=k1, b=b, bigram_weight=w, use_bigrams=w > 0, fusion_weight=0.0)
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
                    (base.bm25.k1, base.bm25.b, base.bigram_weight)), None)

    # 2. fusion weight, on the best BM25 point, with the local embedder
    from assistant.embeddings import make_embedder

    embedder, why = make_embedder()
    fusion: list[dict[str, Any]] = []
    rescue: list[dict[str, Any]] = []
    if embedder is not None:
        memo = MemoEmbedder(embedder)
        bm = base.tuned(k1=best["k1"], b=best["b"], bigram_weight=best["bigram_weight"],
                                 use_bigrams=best["bigram_weight"] > 0)
        loaded = Engine.load(params=bm)
        dev_runs = [(loaded, load_questions(ROOT / "tests" / "data" / name)) for name in DEV_SETS]
        if args.pd_dev:
            dev_runs.append((Engine.load([args.pd_dev], params=bm),
                             load_questions(ROOT / "tests" / "data" / PD_DEV_SET)))
        points = [(fw, fl, sw) for fw in FUSION_WEIGHT
                  for fl in sorted({f for f in FUSION_FLOOR if f < fw} | {fw})
                  for sw in (SENTENCE_WEIGHT if fw > 0 else (0.0,))]
        for fw, fl, sw in track(points, description="融合权重"):
            summaries = []
            for corpus_engine, qs in dev_runs:
                engine = Engine(corpus_engine.corpus, corpus_engine.index,
                                dataclasses.replace(bm, fusion_weight=fw, fusion_floor=fl, sentence_weight=sw))
                engine.attach_embeddings(memo)
                summaries.append(run_eval(engine, qs).summary)
            pooled = _pooled(summaries)
            fusion.append({"fusion_weight": fw, "fusion_floor": fl, "sentence_weight": sw, "pooled": pooled,
                           "by_set": {str(i): {t: round(v["retrieval"]["hit@1"], 4) for t, v in s_["by_type"].items()
                                               if v.get("retrieval")} for i, s_ in enumerate(summaries)},
                           "objective": (pooled["mrr@10"], pooled["hit@1"], pooled["recall@10"])})
        chosen_fusion = max(fusion, key=lambda g: g["objective"])
        best_fw, best_fl, best_sw = (chosen_fusion[k] for k in ("fusion_weight", "fusion_floor", "sentence_weight"))
        # 3. dense rescue threshold, with the chosen fusion weight, on the same dev sets
        for th in track(RESCUE, description="语义兜底阈值"):
            false_abstentions = declined = 0
            for corpus_engine, qs in dev_runs:
                engine = Engine(corpus_engine.corpus, corpus_engine.index,
                                dataclasses.replace(bm, fusion_weight=best_fw, fusion_floor=best_fl,
                                                    sentence_weight=best_sw, dense_rescue=th))
                engine.attach_embeddings(memo)
                o = run_eval(engine, qs).summary["overall"]
                false_abstentions += o["false_abstentions"]
                declined += round((o["abstention"] or 0.0) * o["n_unanswerable"])
            rescue.append({"dense_rescue": th, "false_abstentions": false_abstentions, "declined": declined})
        n_unanswerable = sum(sum(1 for q in qs if not q.gold) for _, qs in dev_runs)
        floor = min(r_["false_abstentions"] for r_ in rescue)
        # Unanswerable questions declined minus answerable ones declined, then the higher threshold.
        chosen = max(rescue, key=lambda r_: (r_["declined"] - r_["false_abstentions"], r_["dense_rescue"]))
        print(f"fusion_weight={best_fw} fusion_floor={best_fl} sentence_weight={best_sw} {chosen_fusion['pooled']}; "
              f"dense_rescue={chosen['dense_rescue']} (false abstentions {chosen['false_abstentions']}, floor {floor}; "
              f"declined {chosen['declined']} of {n_unanswerable} unanswerable)")
    else:
        print(f"no embedder ({why}): fusion and rescue not tuned")
    out = {"questions": str(args.questions.relative_to(ROOT) if args.questions.is_relative_to(ROOT)
                            else args.questions),
           "objective": "retrieval mrr@10, then hit@1, then recall@10 (ranking before composition)",
           "seconds": round(time.perf_counter() - t0, 1),
           "best": best, "current_defaults": default, "fusion": fusion, "dense_rescue": rescue, "grid": grid}
    args.out.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"best: k1={best['k1']} b={best['b']} bigram_weight={best['bigram_weight']} {best['retrieval']}")
    if default:
        print(f"defaults: k1={base.bm25.k1} b={base.bm25.b} bigram_weight={base.bigram_weight} {default['retrieval']}")
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
