"""Evaluation metrics on hand-made runs with known answers, cross-checked against ranx."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pytest

from assistant.evaluation import (
    aggregate,
    failure_reasons,
    latency_summary,
    matched_gold,
    score_question,
    relevance_key,
    summarise,
)

# A tiny corpus: unit id → text. Each gold snippet below occurs in exactly one unit unless
# a case says otherwise, so recall over snippets equals recall over units (what ranx counts).
UNITS = {
    "1.1": "当公权力失去公信力时,无论发表什么言论,社会都会给予负面评价。",
    "1.2": "损失厌恶是指人们面对同样数量的收益和损失时,认为损失更加难以忍受。",
    "1.3": "全面发展学江阴,产业发展学吴江,城乡发展学宜兴。",
    "1.4": "如果事情有变坏的可能,不管这种可能性有多小,它总会发生。",
    "2.1": "一要讲政治。",
    "2.2": "二要讲规矩。",
    "2.3": "三要讲担当。",
    "2.4": "同志们,今天我们召开会议。",
    "2.5": "要狠抓落实,  一抓到底。",
    "2.6": "基层减负不是减责任。",
    "2.7": "会议要开短会,讲短话。",
    "2.8": "文件要精简。",
    "2.9": "调研要深入。",
    "2.10": "督查要统筹。",
    "2.11": "考核要科学。",
    "2.12": "作风建设永远在路上。",
}


def hits(*ids: str) -> list[dict[str, Any]]:
    return [{"id": i, "score": 100.0 - r, "text": UNITS[i]} for r, i in enumerate(ids)]


def cites(*ids: str) -> list[dict[str, Any]]:
    return [{"n": n, "id": i, "text": UNITS[i]} for n, i in enumerate(ids, 1)]


# (name, gold, ranked hit ids) for the answerable questions of the hand-made run.
RANKING_CASES: list[tuple[str, list[str], list[str]]] = [
    ("no_hits", ["公信力"], []),
    ("first", ["公信力"], ["1.1", "1.2", "1.3"]),
    ("several_relevant", ["讲政治", "讲规矩"], ["2.1", "2.2", "2.4"]),
    ("rank3", ["损失厌恶"], ["1.3", "1.4", "1.2", "2.1"]),
    ("rank7", ["作风建设"], ["2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.12", "2.7"]),
    ("rank11_only", ["作风建设"], ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "2.5",
                                  "2.6", "2.12"]),
    ("recall_2_of_3", ["讲政治", "讲规矩", "讲担当"], ["2.4", "2.1", "2.2", "2.5"]),
    ("none_relevant", ["总会发生"], ["2.1", "2.2"]),
]
EXPECTED = {  # hit@1, hit@5, mrr@10, recall@10, relevant ranks
    "no_hits": (0.0, 0.0, 0.0, 0.0, []),
    "first": (1.0, 1.0, 1.0, 1.0, [1]),
    "several_relevant": (1.0, 1.0, 1.0, 1.0, [1, 2]),
    "rank3": (0.0, 1.0, 1 / 3, 1.0, [3]),
    "rank7": (0.0, 0.0, 1 / 7, 1.0, [7]),
    "rank11_only": (0.0, 0.0, 0.0, 0.0, [11]),
    "recall_2_of_3": (0.0, 1.0, 0.5, 2 / 3, [2, 3]),
    "none_relevant": (0.0, 0.0, 0.0, 0.0, []),
}


def scored(gold: list[str], hit_ids: list[str], **kw: Any) -> dict[str, Any]:
    return score_question(gold, kw.get("answer_contains", []), hits(*hit_ids), kw.get("answer", ""),
                          kw.get("abstained", False), kw.get("citations", []))


@pytest.mark.parametrize("name,gold,hit_ids", RANKING_CASES, ids=[c[0] for c in RANKING_CASES])
def test_ranking_metrics_known_answers(name: str, gold: list[str], hit_ids: list[str]) -> None:
    m = scored(gold, hit_ids)
    h1, h5, mrr, recall, ranks = EXPECTED[name]
    assert m["hit@1"] == h1
    assert m["hit@5"] == h5
    assert m["mrr@10"] == pytest.approx(mrr)
    assert m["recall@10"] == pytest.approx(recall)
    assert m["relevant_ranks"] == ranks
    assert m["abstained_correctly"] is None


def test_recall_counts_snippets_not_units() -> None:
    # Two snippets in one unit: one hit recalls both; a snippet repeated in gold counts once.
    m = scored(["江阴", "吴江", "江阴", "火星"], ["1.3"])
    assert m["recall@10"] == pytest.approx(2 / 3)
    assert m["gold_missing"] == ["火星"]


def test_relevance_ignores_white_space_on_both_sides() -> None:
    assert matched_gold("要狠抓落实,  一抓到底。", ["狠抓落实,一抓\n到底"]) == [0]
    assert matched_gold("公 信\u3000力", ["公信力", "公权力"]) == [0]
    assert relevance_key(" a\tb\nc\u3000d ") == "abcd"


def test_relevance_is_width_insensitive_both_ways() -> None:
    # A gold snippet typed with full-width punctuation or digits matches the ASCII text, and back.
    full = "治庸\uff0c治懒\uff0c\uff12\uff10\uff10\uff16年"   # 治庸,治懒,2006年 typed full-width
    ascii_ = "治庸,治懒,2006年"
    assert matched_gold(ascii_, [full]) == [0]
    assert matched_gold(full, [ascii_]) == [0]
    assert relevance_key(full) == ascii_


def test_unanswerable_abstained_and_not_abstained() -> None:
    yes = scored([], ["1.1"], abstained=True)
    no = scored([], ["1.1"], abstained=False)
    assert yes["abstained_correctly"] is True and no["abstained_correctly"] is False
    for m in (yes, no):
        assert m["hit@1"] is None and m["mrr@10"] is None and m["recall@10"] is None
        assert m["false_abstention"] is False and m["citation_precision"] is None


def test_false_abstention_and_answer_contains() -> None:
    m = scored(["公信力"], ["1.1"], abstained=True, answer="语料中没有找到答案。",
               answer_contains=["公信力"])
    assert m["false_abstention"] is True
    assert m["answer_contains"] is False and m["answer_contains_missing"] == ["公信力"]
    # Citation markers and white space inside the answer do not hide a phrase.
    m = scored(["公信力"], ["1.1"], answer="当公权力[1]失去 公信力时[2]。", answer_contains=["公权力失去公信力", "失去"])
    assert m["answer_contains"] is True
    m = scored(["公信力"], ["1.1"], answer="只提到公信力[1]", answer_contains=["公信力", "塔西佗"])
    assert m["answer_contains"] is False and m["answer_contains_missing"] == ["塔西佗"]
    assert scored(["公信力"], ["1.1"], answer="x")["answer_contains"] is None  # nothing asked


def test_citation_precision_per_question() -> None:
    m = scored(["讲政治", "讲规矩"], ["2.1"], citations=cites("2.1", "2.4", "2.2"))
    assert (m["citations"], m["citations_relevant"]) == (3, 2)
    assert m["citation_precision"] == pytest.approx(2 / 3)
    assert scored(["讲政治"], ["2.1"])["citation_precision"] is None


def record(qid: str, gold: list[str], hit_ids: list[str], qtype: str = "t", latency: float = 1.0,
           **kw: Any) -> dict[str, Any]:
    m = scored(gold, hit_ids, **kw)
    return {"id": qid, "type": qtype, "answerable": bool(gold), "gold": gold, "hits": hits(*hit_ids),
            "answer_contains": kw.get("answer_contains", []), "abstained": kw.get("abstained", False),
            "relevant_ranks": m.pop("relevant_ranks"), "metrics": m, "latency_ms": latency, "error": None}


def hand_made_run() -> list[dict[str, Any]]:
    recs = [record(name, gold, ids, qtype="lookup" if i % 2 else "multi", latency=float(i + 1))
            for i, (name, gold, ids) in enumerate(RANKING_CASES)]
    recs.append(record("u_yes", [], ["1.1"], qtype="unanswerable", abstained=True, latency=9.0))
    recs.append(record("u_no", [], ["1.1"], qtype="unanswerable", latency=10.0))
    return recs


def test_aggregate_over_answerable_only() -> None:
    recs = hand_made_run()
    s = aggregate(recs)
    n = len(RANKING_CASES)
    assert (s["n"], s["n_answerable"], s["n_unanswerable"]) == (n + 2, n, 2)
    for i, metric in enumerate(("hit@1", "hit@5", "mrr@10", "recall@10")):
        assert s[metric] == pytest.approx(sum(e[i] for e in EXPECTED.values()) / n)  # type: ignore[misc]
    assert s["abstention"] == 0.5
    assert s["answer_contains"] is None and s["citation_precision"] is None
    assert s["false_abstentions"] == 0 and s["errors"] == 0


def test_citation_precision_is_micro_averaged_and_contains_rates() -> None:
    recs = [record("a", ["讲政治"], ["2.1"], citations=cites("2.1", "2.4"), answer="讲政治[1]",
                   answer_contains=["讲政治", "讲担当"]),
            record("b", ["讲规矩"], ["2.2"], citations=cites("2.2"), answer="讲规矩[1]",
                   answer_contains=["讲规矩"]),
            record("c", ["讲担当"], ["2.3"], answer="", abstained=True),
            record("u", [], ["2.3"], citations=cites("2.3"), answer="讲担当[1]")]  # unanswerable: ignored
    s = aggregate(recs)
    assert s["citation_precision"] == pytest.approx(2 / 3)    # (1 + 1) / (2 + 1), not (0.5 + 1) / 2
    assert s["answer_contains"] == pytest.approx(1 / 2)        # a lacks 讲担当; c lists no strings
    assert s["answer_contains_strings"] == pytest.approx(2 / 3)
    assert s["false_abstentions"] == 1
    assert s["abstention"] == 0.0


def test_summary_groups_by_type_and_latency() -> None:
    recs = hand_made_run()
    s = summarise(recs)
    assert set(s["by_type"]) == {"lookup", "multi", "unanswerable"}
    assert s["by_type"]["unanswerable"]["hit@1"] is None
    assert s["by_type"]["unanswerable"]["abstention"] == 0.5
    lat = [r["latency_ms"] for r in recs]
    assert s["latency_ms"]["median"] == pytest.approx(float(np.median(lat)))
    assert s["latency_ms"]["p95"] == pytest.approx(float(np.percentile(lat, 95)), abs=0.01)
    assert latency_summary([])["median"] is None


def test_failure_reasons() -> None:
    assert failure_reasons(record("ok", ["公信力"], ["1.1"])) == []
    assert failure_reasons(record("miss", ["公信力"], ["1.2", "1.1"]))
    assert failure_reasons(record("u", [], ["1.1"]))
    assert failure_reasons(record("u", [], ["1.1"], abstained=True)) == []
    assert any("拒答" in r for r in failure_reasons(record("fa", ["公信力"], ["1.1"], abstained=True)))
    # An answerable question answered "the speeches do not give it" fails, though it quotes the passage.
    partial = {**record("fp", ["公信力"], ["1.1"]), "partial": True}
    assert any("部分回答" in r for r in failure_reasons(partial))
    assert failure_reasons({**record("up", [], ["1.1"]), "partial": True}) == []
    broken = record("err", ["公信力"], [])
    broken["error"] = "boom"
    assert "运行出错" in failure_reasons(broken)


# --------------------------------------------------------------------------- peer implementation

@pytest.fixture(scope="module")
def ranx_scores() -> dict[str, dict[str, float]]:
    ranx = pytest.importorskip("ranx")
    qrels_dict: dict[str, dict[str, int]] = {}
    run_dict: dict[str, dict[str, float]] = {}
    for name, gold, ids in RANKING_CASES:
        relevant = {u: 1 for u, text in UNITS.items() if matched_gold(text, gold)}
        assert relevant, name
        qrels_dict[name] = relevant
        run_dict[name] = {h["id"]: h["score"] for h in hits(*ids)}
    run = ranx.Run(run_dict)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # numba's type-safety chatter
        ranx.evaluate(ranx.Qrels(qrels_dict), run, ["hit_rate@1", "hit_rate@5", "mrr@10", "recall@10"],
                      threads=1)
    return {m: dict(scores) for m, scores in run.scores.items()}


@pytest.mark.parametrize("ours,theirs", [("hit@1", "hit_rate@1"), ("hit@5", "hit_rate@5"),
                                         ("mrr@10", "mrr@10"), ("recall@10", "recall@10")])
def test_metrics_match_ranx(ranx_scores: dict[str, dict[str, float]], ours: str, theirs: str) -> None:
    for name, gold, ids in RANKING_CASES:
        assert scored(gold, ids)[ours] == pytest.approx(ranx_scores[theirs][name]), name
    mean = sum(scored(g, i)[ours] for _, g, i in RANKING_CASES) / len(RANKING_CASES)
    assert mean == pytest.approx(np.mean(list(ranx_scores[theirs].values())))
