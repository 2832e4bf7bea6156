"""Evaluation of question sets: loading, relevance, metrics, running, comparing runs.

A question set (DESIGN.md, **Contract**) is JSONL or YAML; each question names *gold*
snippets of source text. A unit (paragraph or heading) is **relevant** to a question when its
text contains one of the question's gold snippets, white space removed from both. A question
with no gold snippet is *unanswerable*: the assistant should abstain.

Ranking metrics follow the definitions of trec_eval / BEIR (cross-checked against ``ranx``
in ``tests/test_metrics.py``) and are computed over answerable questions only:

* **Hit@k** (k = 1, 5): 1 when at least one of the top k hits is relevant, else 0
  (ranx ``hit_rate@k``, trec_eval ``success_k``).
* **MRR@10**: 1 / rank of the first relevant hit when it is within the top 10, else 0
  (ranx ``mrr@10``, trec_eval ``recip_rank`` cut at 10).
* **Recall@10**: the share of the question's distinct gold snippets contained in at least one
  of the top 10 hits. A snippet, not a unit, is the thing recalled: the question set names
  what must be found, and a snippet may legitimately occur in more than one unit.

Answer metrics:

* **abstention** (abstention accuracy): over unanswerable questions, the share declined or answered
  partially (the answer says the speeches mention what is asked but do not give it).
* **answer_contains**: over answerable questions that list ``answer_contains`` strings, the
  share whose answer contains *all* of them; ``answer_contains_strings`` is the share of the
  individual strings found. White space and citation markers ``[n]`` are removed from the
  answer first, so a marker between two words does not hide a phrase.
* **citation_precision**: over answerable questions with citations, the share of cited units
  that are relevant, micro-averaged (total relevant citations / total citations).
* **false_abstentions**: the number of answerable questions abstained.
* **latency**: wall time around ``engine.ask`` per question, median and 95th percentile, ms.

A question whose ``ask`` raised is recorded with its error and scores as a failure
(no hits, no answer, not abstained). Under ``--llm``, an answer that fell back to extraction
because the endpoint failed keeps its extractive hits and answer but carries an error too.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

import numpy as np

from .question_sets import (
    Conversation,
    ConversationTurn,
    Question,
    QuestionSetError,
    find_unmatched_gold,
    load_questions,
    load_set,
    relevance_key,
)
from .saved_runs import load_run_json

__all__ = ["Conversation", "ConversationTurn", "Question", "QuestionSetError", "find_unmatched_gold",
           "load_questions", "load_run_json", "load_set", "relevance_key", "run_eval", "score_question", "summarise"]

HIT_KS = (1, 5)
MRR_K = 10
RECALL_K = 10
# The LLM is given the top hits as context; a gold paragraph outside them cannot be cited.
CONTEXT_K = 6

# Summary metric names, in the order the tables show them; also the names --fail-under takes.
METRICS = ("hit@1", "hit@5", "mrr@10", "recall@10", "abstention", "answer_contains",
           "citation_precision")
RANKING_METRICS = METRICS[:4]
METRIC_ALIASES = {"hit1": "hit@1", "hit5": "hit@5", "mrr": "mrr@10", "recall": "recall@10",
                  "r@10": "recall@10", "abstention_accuracy": "abstention",
                  "citations": "citation_precision"}

_MARKER = re.compile(r"\[\d+\]")


# --------------------------------------------------------------------------- relevance and metrics

def matched_gold(text: str, gold: Sequence[str]) -> list[int]:
    """Indices of the gold snippets that ``text`` contains (NFKC, white space ignored)."""
    return _matched_keys(text, [relevance_key(g) for g in gold])


def _matched_keys(text: str, keys: Sequence[str]) -> list[int]:
    # ``keys`` already in relevance_key form: a long snippet is normalised once, not per hit.
    t = relevance_key(text)
    return [i for i, k in enumerate(keys) if k in t]


def _distinct_gold(gold: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(relevance_key(g) for g in gold))


def _answer_text(answer: str) -> str:
    return relevance_key(_MARKER.sub("", answer))


def ranking_metrics(snippets: Sequence[str], hits: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Hit@k, MRR@10, Recall@10 and context recall of one ranking against distinct gold snippets."""
    ranks = [r for r, h in enumerate(hits, 1) if _matched_keys(str(h.get("text", "")), snippets)]
    first = ranks[0] if ranks else None
    m: dict[str, Any] = {"relevant_ranks": ranks}
    for k in HIT_KS:
        m[f"hit@{k}"] = 1.0 if first is not None and first <= k else 0.0
    m[f"mrr@{MRR_K}"] = 1.0 / first if first is not None and first <= MRR_K else 0.0
    for name, k in ((f"recall@{RECALL_K}", RECALL_K), (f"context_recall@{CONTEXT_K}", CONTEXT_K)):
        found = {i for h in hits[:k] for i in _matched_keys(str(h.get("text", "")), snippets)}
        m[name] = len(found) / len(snippets)
        if k == RECALL_K:
            m["gold_missing"] = [s for i, s in enumerate(snippets) if i not in found]
    return m


def score_question(gold: Sequence[str], answer_contains: Sequence[str], hits: Sequence[dict[str, Any]],
                   answer: str, abstained: bool, citations: Sequence[dict[str, Any]],
                   retrieved: Sequence[dict[str, Any]] | None = None, partial: bool = False) -> dict[str, Any]:
    """Per-question metrics (see the module docstring) from the ``ask --json`` shaped parts.

    ``hits`` are the answer's hits (composition may move the units it cites to the top);
    ``retrieved`` is the ranking as retrieved, before the answer was composed: its metrics go
    under ``retrieval``. A *partial* answer (the speeches mention what is asked but do not give
    it) counts as declining an unanswerable question. Ranking and answer metrics are ``None`` where they do not apply
    (ranking metrics for an unanswerable question, abstention for an answerable one, ...), so
    averages skip them.
    """
    snippets = _distinct_gold(gold)
    answerable = bool(snippets)
    m: dict[str, Any]
    if answerable:
        m = ranking_metrics(snippets, hits)
        m.pop(f"context_recall@{CONTEXT_K}")
        m["abstained_correctly"] = None
        m["false_abstention"] = bool(abstained)
        if retrieved is not None:
            m["retrieval"] = ranking_metrics(snippets, retrieved)
    else:
        m = {"relevant_ranks": [], "gold_missing": []}
        for name in RANKING_METRICS:
            m[name] = None
        m["abstained_correctly"] = bool(abstained or partial)
        m["false_abstention"] = False
    m["partial"] = bool(partial)
    said = _answer_text(answer)
    missing = [s for s in answer_contains if _answer_text(s) not in said]
    m["answer_contains"] = (not missing) if answerable and answer_contains else None
    m["answer_contains_missing"] = missing
    relevant_cited = sum(1 for c in citations if _matched_keys(str(c.get("text", "")), snippets))
    m["citations"] = len(citations)
    m["citations_relevant"] = relevant_cited
    m["citation_precision"] = relevant_cited / len(citations) if answerable and citations else None
    return m


def failure_reasons(record: dict[str, Any]) -> list[str]:
    """Why a question record counts as failed (empty when it passed), in Chinese."""
    m = record.get("metrics", {})
    reasons: list[str] = []
    if record.get("error"):
        reasons.append("运行出错")
    if record.get("answerable", bool(record.get("gold"))):
        if record.get("abstained"):
            reasons.append("误拒答(可回答却拒答)")
        elif record.get("partial"):
            # (It quotes the passage, so Hit@1 and answer_contains may pass; its first line says the
            # speeches do not give what they give.)
            reasons.append("误作部分回答(可回答却说讲话没有给出)")
        if m.get("hit@1") == 0:
            reasons.append("第 1 名不相关")
        if m.get("answer_contains") is False:
            reasons.append("回答缺少应含内容")
    elif not (record.get("abstained") or record.get("partial")):
        reasons.append("未拒答(语料无答案)")
    return reasons


def _mean(values: Iterable[float | None]) -> float | None:
    vals = [v for v in values if v is not None]
    return sum(vals) / len(vals) if vals else None


def aggregate(records: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Summary metrics over question records (averages skip questions a metric does not apply to)."""
    ms = [r["metrics"] for r in records]
    answerable = [r["metrics"] for r in records if r["answerable"]]
    out: dict[str, Any] = {
        "n": len(records),
        "n_answerable": len(answerable),
        "n_unanswerable": len(records) - len(answerable),
    }
    for name in METRICS[:4]:
        out[name] = _mean(m[name] for m in answerable)
    out["abstention"] = _mean(None if m["abstained_correctly"] is None else float(m["abstained_correctly"])
                              for m in ms)
    with_contains = [(r["metrics"], r.get("answer_contains", [])) for r in records
                     if r["answerable"] and r.get("answer_contains")]
    out["answer_contains"] = _mean(float(bool(m["answer_contains"])) for m, _ in with_contains)
    n_strings = sum(len(c) for _, c in with_contains)
    n_missing = sum(len(m["answer_contains_missing"]) for m, _ in with_contains)
    out["answer_contains_strings"] = (n_strings - n_missing) / n_strings if n_strings else None
    cited = sum(m["citations"] for m in answerable)
    out["citation_precision"] = sum(m["citations_relevant"] for m in answerable) / cited if cited else None
    retrieved = [m["retrieval"] for m in answerable if "retrieval" in m]
    if retrieved:
        out["retrieval"] = {name: _mean(m[name] for m in retrieved)
                            for name in (*RANKING_METRICS, f"context_recall@{CONTEXT_K}")}
    turns = [r for r in records if r.get("follow_up") is not None]
    if turns:
        out["follow_up_accuracy"] = _mean(float(r["follow_up"] == r.get("follow_up_read")) for r in turns)
    out["false_abstentions"] = sum(1 for m in answerable if m["false_abstention"])
    out["partial_answerable"] = sum(1 for m in answerable if m.get("partial"))
    out["errors"] = sum(1 for r in records if r.get("error"))
    out["failed"] = sum(1 for r in records if failure_reasons(r))
    return out


def latency_summary(latencies_ms: Sequence[float]) -> dict[str, float | None]:
    if not latencies_ms:
        return {"median": None, "p95": None, "max": None}
    arr = np.asarray(latencies_ms, dtype=float)
    return {"median": round(float(np.median(arr)), 2), "p95": round(float(np.percentile(arr, 95)), 2),
            "max": round(float(arr.max()), 2)}


def summarise(records: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """``{"overall": …, "by_type": {type: …}, "latency_ms": {median, p95, max}}``."""
    types = sorted({r.get("type") or "" for r in records})
    return {
        "overall": aggregate(records),
        "by_type": {t or "(未分类)": aggregate([r for r in records if (r.get("type") or "") == t])
                    for t in types},
        "latency_ms": latency_summary([r["latency_ms"] for r in records if r.get("latency_ms") is not None]),
    }


# --------------------------------------------------------------------------- running

@dataclass
class EvalRun:
    meta: dict[str, Any]
    questions: list[dict[str, Any]]
    summary: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {"meta": self.meta, "summary": self.summary, "questions": self.questions}


ProgressCallback = Callable[[int, int, dict[str, Any]], None]


def _params_json(engine: Any) -> dict[str, Any]:
    # Only plain retrieval numbers and flags: never dump config objects (they may hold keys).
    params = getattr(engine, "params", None)
    if params is None or not dataclasses.is_dataclass(params):
        return {}
    flat: dict[str, Any] = {}
    for k, v in dataclasses.asdict(params).items():
        # Nested parameter groups (RetrievalParams.bm25) are flattened: users' scripts read meta.params.k1.
        for name, value in (v.items() if isinstance(v, dict) else [(k, v)]):
            if isinstance(value, (int, float, str, bool)) or value is None:
                flat[name] = value
    return flat


def question_record(q: Question, answer: Any, latency_ms: float | None, error: str | None,
                    turn: tuple[str, int, bool] | None = None) -> dict[str, Any]:
    """One question's record of the eval JSON, from the Answer of its ask (None when it raised).

    ``turn`` is (conversation id, turn number, expected follow-up) for a conversation's turn.
    """
    a = answer.to_json() if answer is not None else {}
    hits, citations = a.get("hits", []), a.get("citations", [])
    text, abstained = a.get("answer", ""), bool(a.get("abstained", False))
    retrieved = None
    if answer is not None and getattr(answer, "retrieved", None) is not None:
        retrieved = [h.to_json() for h in answer.retrieved]
    partial = bool(a.get("partial", False))
    metrics = score_question(q.gold, q.answer_contains, hits, text, abstained, citations, retrieved, partial)
    record: dict[str, Any] = {
        "id": q.id, "question": q.question, "type": q.type, "answerable": q.answerable,
        "gold": q.gold, "answer_contains": q.answer_contains,
        "hits": hits, "answer": text, "abstained": abstained, "partial": partial, "mode": a.get("mode"),
        "citations": citations, "relevant_ranks": metrics.pop("relevant_ranks"),
        "metrics": metrics, "latency_ms": None if latency_ms is None else round(latency_ms, 2),
        "error": error,
    }
    if "plan" in a:
        record["plan"] = a["plan"]
    if "retrieval" in metrics:
        record["retrieved_ids"] = [h["id"] for h in retrieved or []]
    if turn is not None:
        record["conversation"], record["turn"], record["follow_up"] = turn
        record["follow_up_read"] = bool(a.get("plan", {}).get("follow_up")) if a else None
    return record


# What summarise, compare and failure_reasons read of a question record.
SUMMARY_FIELDS = ("id", "type", "answerable", "answer_contains", "abstained", "partial", "mode", "metrics",
                  "latency_ms", "error", "conversation", "turn", "follow_up", "follow_up_read")


def summary_fields(record: dict[str, Any]) -> dict[str, Any]:
    return {name: record[name] for name in SUMMARY_FIELDS if name in record}


# (engine, question, k, history) -> Answer
LLMAnswerer = Callable[[Any, str, int, list[Any]], Any]


def _run_mode(records: Sequence[dict[str, Any]], default: str) -> str:
    modes = Counter(r["mode"] for r in records if r.get("mode"))
    return modes.most_common(1)[0][0] if modes else default


LLM_FAILURE = "大模型未作答"   # starts the error of a question whose --llm answer is the fallback


def llm_failure(answer: Any) -> str | None:
    """Why an ``--llm`` answer is the extractive fallback (the endpoint failed), else None.

    An abstention, or a question with no hits, is answered without the model by design.
    """
    if str(getattr(answer, "mode", "")).startswith("llm") or answer.abstained or not answer.hits:
        return None
    return LLM_FAILURE + ":" + ";".join(getattr(answer, "notes", []) or ["原因不明"])


def _ask(engine: Any, question: str, k: int, llm: LLMAnswerer | None, history: list[Any]) -> tuple[Any, float, str | None]:
    """(answer or None, latency ms, error or None): one question must not end the run."""
    start = time.perf_counter()
    try:
        if llm is None:
            answer = engine.ask(question, k=k, history=history) if history else engine.ask(question, k=k)
            return answer, (time.perf_counter() - start) * 1000, None
        answer = llm(engine, question, k, history)
        return answer, (time.perf_counter() - start) * 1000, llm_failure(answer)
    except Exception as e:  # noqa: BLE001
        if type(e).__name__ == "QuestionError":
            # (???, an empty question: refused with a message, as ask refuses it; it declined.)
            return Refused(str(e)), (time.perf_counter() - start) * 1000, None
        error = str(e) if isinstance(e, ValueError) and str(e) else f"{type(e).__name__}: {e}"
        return None, (time.perf_counter() - start) * 1000, error


@dataclass
class Refused:
    """A question the engine refused to ask (empty, only punctuation): declined, with why."""
    message: str

    def to_json(self) -> dict[str, Any]:
        return {"answer": self.message, "abstained": True, "hits": [], "citations": [], "refused": True}


def n_asks(items: Sequence[Question | Conversation]) -> int:
    return sum(len(i.turns) if isinstance(i, Conversation) else 1 for i in items)


def run_eval(engine: Any, items: Sequence[Question | Conversation], k: int = 10, llm: LLMAnswerer | None = None,
             progress: ProgressCallback | None = None, source: str | Path | None = None,
             keep: Callable[[dict[str, Any]], dict[str, Any]] | None = None) -> EvalRun:
    """Ask every question through ``engine.ask`` (as ``assistant ask`` does) and score it.

    A conversation's turns are asked in order, each with the turns before it as history (as
    the TUI asks them); each turn is scored like a question, and whether it was read as a
    follow-up is compared with its ``follow_up``. ``llm``, when given, answers instead (the
    ``--llm`` path of ``ask``); an answer that fell back to extraction because the endpoint
    failed is recorded with an ``error`` (``meta.llm_failures`` counts them). An exception
    from one question is recorded in its ``error`` and the run goes on. Ctrl-C stops the run:
    the questions finished so far make the run, marked ``meta.incomplete``.
    ``progress(done, total, record)`` is called after each ask; ``source`` (the question-set
    file) is named in the meta block. ``keep(record)``, when given, is what the run holds of
    each record (the CLI spools records to disk and keeps their ``summary_fields``).
    """
    from .engine import (
        Turn,  # the engine's history type; imported here to keep eval light to import
    )

    records: list[dict[str, Any]] = []
    total = n_asks(items)
    interrupted = False

    def add(record: dict[str, Any]) -> None:
        records.append(record if keep is None else keep(record))
        if progress is not None:
            progress(len(records), total, records[-1])

    try:
        for item in items:
            if isinstance(item, Conversation):
                history: list[Any] = []
                for no, t in enumerate(item.turns, 1):
                    answer, latency, error = _ask(engine, t.question.question, k, llm, history)
                    add(question_record(t.question, answer, latency, error, (item.id, no, t.follow_up)))
                    if answer is not None and not isinstance(answer, Refused):
                        history.append(Turn(t.question.question, answer))
            else:
                answer, latency, error = _ask(engine, item.question, k, llm, [])
                add(question_record(item, answer, latency, error))
    except KeyboardInterrupt:
        interrupted = True     # the question being asked is dropped; the finished ones are kept
    corpus = getattr(engine, "corpus", None)
    meta: dict[str, Any] = {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "k": k,
        "mode": _run_mode(records, "extractive" if llm is None else "llm"),
        "params": _params_json(engine),
        "corpus_fingerprint": getattr(corpus, "fingerprint", None),
        "n_questions": len(records),
        "n_planned": total,
        "incomplete": interrupted,
    }
    if llm is not None:
        meta["llm_failures"] = sum(1 for r in records if str(r.get("error") or "").startswith(LLM_FAILURE))
    if any(isinstance(i, Conversation) for i in items):
        meta["n_conversations"] = sum(1 for i in items if isinstance(i, Conversation))
    if source is not None:
        p = Path(source)
        meta["questions_file"] = str(p)
        if p.is_file():
            meta["questions_sha256"] = hashlib.sha256(p.read_bytes()).hexdigest()
    return EvalRun(meta, records, summarise(records))


# --------------------------------------------------------------------------- comparing and thresholds

@dataclass
class MetricDelta:
    group: str            # "overall" or a question type
    metric: str
    old: float | None
    new: float | None

    @property
    def delta(self) -> float | None:
        return None if self.old is None or self.new is None else self.new - self.old


@dataclass
class Comparison:
    deltas: list[MetricDelta]
    newly_failing: list[str]
    newly_passing: list[str]
    only_old: list[str]
    only_new: list[str]
    old_meta: dict[str, Any] = field(default_factory=dict)
    new_meta: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "deltas": [{"group": d.group, "metric": d.metric, "old": d.old, "new": d.new,
                        "delta": d.delta} for d in self.deltas],
            "newly_failing": self.newly_failing, "newly_passing": self.newly_passing,
            "only_old": self.only_old, "only_new": self.only_new,
        }


def compare(old: dict[str, Any], new: dict[str, Any]) -> Comparison:
    """What changed from run ``old`` to run ``new`` (both ``EvalRun.to_json()`` dicts)."""
    def groups(run: dict[str, Any]) -> dict[str, dict[str, Any]]:
        s = run.get("summary", {})
        return {"overall": s.get("overall", {}), **s.get("by_type", {})}

    og, ng = groups(old), groups(new)
    names = ["overall"] + sorted((set(og) | set(ng)) - {"overall"})
    deltas = [MetricDelta(g, m, og.get(g, {}).get(m), ng.get(g, {}).get(m))
              for g in names for m in METRICS]
    o = {r["id"]: r for r in old.get("questions", [])}
    n = {r["id"]: r for r in new.get("questions", [])}
    both = [i for i in n if i in o]
    return Comparison(
        deltas=deltas,
        newly_failing=[i for i in both if failure_reasons(n[i]) and not failure_reasons(o[i])],
        newly_passing=[i for i in both if not failure_reasons(n[i]) and failure_reasons(o[i])],
        only_old=[i for i in o if i not in n], only_new=[i for i in n if i not in o],
        old_meta=old.get("meta", {}), new_meta=new.get("meta", {}),
    )


def parse_fail_under(specs: Sequence[str]) -> dict[str, float]:
    """``["hit@1=0.9", ...]`` → ``{"hit@1": 0.9}``; ValueError (Chinese) for a bad spec."""
    out: dict[str, float] = {}
    for spec in specs:
        name, sep, value = spec.partition("=")
        key = name.strip().lower()
        key = METRIC_ALIASES.get(key, key)
        if not sep or key not in METRICS:
            raise ValueError(f"--fail-under 的写法应为 指标=数值,指标可为 {'、'.join(METRICS)};收到“{spec}”")
        try:
            threshold = float(value)
        except ValueError:
            raise ValueError(f"--fail-under {spec}:“{value.strip()}”不是数字") from None
        if not 0.0 <= threshold <= 1.0:
            raise ValueError(f"--fail-under {spec}:阈值应在 0 到 1 之间")
        out[key] = threshold
    return out


def check_fail_under(summary: dict[str, Any], thresholds: dict[str, float]) -> list[str]:
    """Violations (Chinese, one per metric) of the overall summary against the thresholds."""
    overall = summary.get("overall", {})
    violations: list[str] = []
    for name, threshold in thresholds.items():
        value = overall.get(name)
        if value is None:
            violations.append(f"{name} 无法计算(问题集中没有适用的问题),要求 ≥ {threshold:g}")
        elif value + 1e-9 < threshold:
            violations.append(f"{name} = {value:.3f},低于要求的 {threshold:g}")
    return violations

