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

* **abstention** (abstention accuracy): over unanswerable questions, the share abstained.
* **answer_contains**: over answerable questions that list ``answer_contains`` strings, the
  share whose answer contains *all* of them; ``answer_contains_strings`` is the share of the
  individual strings found. White space and citation markers ``[n]`` are removed from the
  answer first, so a marker between two words does not hide a phrase.
* **citation_precision**: over answerable questions with citations, the share of cited units
  that are relevant, micro-averaged (total relevant citations / total citations).
* **false_abstentions**: the number of answerable questions abstained.
* **latency**: wall time around ``engine.ask`` per question, median and 95th percentile, ms.

A question whose ``ask`` raised is recorded with its error and scores as a failure
(no hits, no answer, not abstained).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Protocol, Sequence

import numpy as np
import yaml

from .text_analysis import SURROGATE as _SURROGATE
from .text_analysis import squash

HIT_KS = (1, 5)
MRR_K = 10
RECALL_K = 10

# Summary metric names, in the order the tables show them; also the names --fail-under takes.
METRICS = ("hit@1", "hit@5", "mrr@10", "recall@10", "abstention", "answer_contains",
           "citation_precision")
METRIC_ALIASES = {"hit1": "hit@1", "hit5": "hit@5", "mrr": "mrr@10", "recall": "recall@10",
                  "r@10": "recall@10", "abstention_accuracy": "abstention",
                  "citations": "citation_precision"}

_MAX_LISTED_PROBLEMS = 20
_MARKER = re.compile(r"\[\d+\]")
_QUESTION_FIELDS = ("id", "question", "gold", "answer_contains", "type")


# --------------------------------------------------------------------------- question sets

@dataclass
class Question:
    id: str
    question: str
    gold: list[str]
    answer_contains: list[str] = field(default_factory=list)
    type: str = ""
    extra: dict[str, Any] = field(default_factory=dict)  # unknown fields, kept and ignored

    @property
    def answerable(self) -> bool:
        return bool(self.gold)


class QuestionSetError(ValueError):
    """A question set that cannot be used; ``str(e)`` is a Chinese message for the user."""

    def __init__(self, path: str | Path, problems: list[str]) -> None:
        self.path = str(path)
        self.problems = problems
        shown = problems[:_MAX_LISTED_PROBLEMS]
        lines = [f"问题集 {self.path} 有 {len(problems)} 处错误:" if len(problems) > 1
                 else f"问题集 {self.path} 有错误:"]
        lines += [f"  {p}" for p in shown]
        if len(problems) > len(shown):
            lines.append(f"  ……另有 {len(problems) - len(shown)} 处错误未列出")
        super().__init__("\n".join(lines))


def _type_name(value: Any) -> str:
    names = {bool: "布尔值", int: "整数", float: "小数", str: "字符串", list: "列表",
             dict: "对象", type(None): "空值(null)"}
    return names.get(type(value), type(value).__name__)


def _string_list(value: Any) -> tuple[list[str], str | None]:
    """The value as a list of non-blank strings, or the problem with it."""
    if not isinstance(value, list):
        return [], f"应为字符串列表,实际是{_type_name(value)}"
    for i, item in enumerate(value, 1):
        if not isinstance(item, str):
            return [], f"第 {i} 个元素应为字符串,实际是{_type_name(item)}"
        if not squash(item):
            return [], f"第 {i} 个元素是空字符串"
    return list(value), None


def _has_surrogates(value: Any) -> bool:
    """Whether a parsed value holds lone surrogates (JSON ``"\\ud800"`` escapes): such text
    can't be searched or written to a UTF-8 report."""
    if isinstance(value, str):
        return bool(_SURROGATE.search(value))
    if isinstance(value, dict):
        return any(_has_surrogates(k) or _has_surrogates(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_surrogates(v) for v in value)
    return False


# A raw question object with the function that names its place ("第 3 行,字段“gold”").
_Item = tuple[Any, Callable[[str | None], str]]


def _parse_question(obj: Any, where: Callable[[str | None], str]) -> tuple[Question | None, list[str]]:
    """Validate one question object; ``where(field)`` names its place for messages."""
    if not isinstance(obj, dict):
        return None, [f"{where(None)}:应为一个对象(包含 id、question、gold),实际是{_type_name(obj)}"]
    problems: list[str] = []

    def bad(name: str | None, message: str) -> None:
        problems.append(f"{where(name)}:{message}")

    for name in ("id", "question", "gold"):
        if name not in obj:
            bad(None, f"缺少必填字段“{name}”")
    qid, text = obj.get("id"), obj.get("question")
    for name, value in (("id", qid), ("question", text)):
        if name not in obj:
            continue
        if not isinstance(value, str):
            hint = f" {value!r}(请加引号写成字符串)" if isinstance(value, (int, float)) and name == "id" else ""
            bad(name, f"应为字符串,实际是{_type_name(value)}{hint}")
        elif not value.strip():
            bad(name, "不能为空")
    gold: list[str] = []
    if "gold" in obj:
        gold, err = _string_list(obj["gold"])
        if err:
            bad("gold", err)
    contains: list[str] = []
    if obj.get("answer_contains") is not None:
        contains, err = _string_list(obj["answer_contains"])
        if err:
            bad("answer_contains", err)
    qtype = obj.get("type")
    if qtype is not None and not isinstance(qtype, str):
        bad("type", f"应为字符串,实际是{_type_name(qtype)}")
    if problems:
        return None, problems
    extra = {k: v for k, v in obj.items() if k not in _QUESTION_FIELDS}
    return Question(qid.strip(), text, gold, contains, (qtype or "").strip(), extra), []


def _jsonl_items(text: str) -> list[_Item | str]:
    """The objects of a JSONL text, in file order; a line that is no JSON gives its message."""
    items: list[_Item | str] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        try:
            obj = json.loads(stripped)
        except json.JSONDecodeError as e:
            items.append(f"第 {lineno} 行:不是合法的 JSON({e.msg},第 {e.colno} 列)")
            continue

        def where(name: str | None, lineno: int = lineno) -> str:
            return f"第 {lineno} 行" + (f",字段“{name}”" if name else "")
        items.append((obj, where))
    return items


def _yaml_items(text: str) -> list[_Item | str]:
    # Compose first, then construct: the node tree keeps the line of every item and key.
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        at = f"第 {mark.line + 1} 行:" if mark is not None else ""
        problem = getattr(e, "problem", None) or str(e)
        return [f"{at}不是合法的 YAML({problem})"]
    finally:
        loader.dispose()
    if isinstance(data, dict) and "questions" in data:
        data = data["questions"]
        root = next((v for k, v in root.value if getattr(k, "value", None) == "questions"), None)
    if not isinstance(data, list):
        return ["YAML 问题集应为一个问题列表,或包含 questions: 列表的对象"]
    nodes = list(root.value) if isinstance(root, yaml.SequenceNode) else [None] * len(data)
    items: list[_Item | str] = []
    for index, (obj, node) in enumerate(zip(data, nodes), 1):
        def where(name: str | None, index: int = index, node: Any = node) -> str:
            line = node.start_mark.line + 1 if node is not None else None
            if name and isinstance(node, yaml.MappingNode):
                line = next((k.start_mark.line + 1 for k, _ in node.value
                             if getattr(k, "value", None) == name), line)
            place = f"第 {index} 项" + (f"(第 {line} 行)" if line else "")
            return place + (f",字段“{name}”" if name else "")
        items.append((obj, where))
    return items


def load_questions(path: str | Path) -> list[Question]:
    """Read a question set: ``.jsonl``/``.json`` (one object a line) or ``.yaml``/``.yml``.

    Raises QuestionSetError naming file, line (or item) and field for anything malformed.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".jsonl", ".json", ".yaml", ".yml"):
        raise QuestionSetError(path, [f"不支持的文件类型“{suffix or '(无扩展名)'}”;请使用 .jsonl 或 .yaml"])
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise QuestionSetError(path, ["文件不存在"]) from None
    except IsADirectoryError:
        raise QuestionSetError(path, ["这是一个目录,不是问题集文件"]) from None
    except UnicodeDecodeError:
        raise QuestionSetError(path, ["不是 UTF-8 编码的文本文件"]) from None
    except OSError as e:
        raise QuestionSetError(path, [f"无法读取({e.strerror})"]) from None
    # A .json file holding one array (not JSON Lines) is read as YAML, which JSON is a subset of.
    as_yaml = suffix in (".yaml", ".yml") or (suffix == ".json" and text.lstrip().startswith("["))
    reader = _yaml_items if as_yaml else _jsonl_items
    problems: list[str] = []
    questions: list[Question] = []
    first_seen: dict[str, str] = {}
    for item in reader(text):
        if isinstance(item, str):
            problems.append(item)
            continue
        obj, where = item
        if _has_surrogates(obj):
            problems.append(f"{where(None)}:含有无效的 Unicode 字符(孤立的代理项,如 \\ud800),无法作为 UTF-8 文本写出")
            continue
        q, errs = _parse_question(obj, where)
        problems += errs
        if q is None:
            continue
        if q.id in first_seen:
            problems.append(f"{where('id')}:id “{q.id}” 重复(首次出现在{first_seen[q.id]})")
            continue
        first_seen[q.id] = where(None)
        questions.append(q)
    if not problems and not questions:
        problems.append("没有任何问题")
    if problems:
        raise QuestionSetError(path, problems)
    return questions


class _HasUnits(Protocol):
    @property
    def units(self) -> Sequence[Any]: ...


def find_unmatched_gold(questions: Iterable[Question], corpus: _HasUnits) -> list[tuple[str, str]]:
    """(question id, snippet) for every gold snippet no unit of the corpus contains.

    Such a question can never score: its set is out of step with the corpus.
    """
    texts = [squash(u.text) for u in corpus.units]
    return [(q.id, g) for q in questions for g in q.gold
            if not any(squash(g) in t for t in texts)]


# --------------------------------------------------------------------------- relevance and metrics

def matched_gold(text: str, gold: Sequence[str]) -> list[int]:
    """Indices of the gold snippets that ``text`` contains, white space ignored."""
    t = squash(text)
    return [i for i, g in enumerate(gold) if squash(g) in t]


def _distinct_gold(gold: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(squash(g) for g in gold))


def _answer_text(answer: str) -> str:
    return squash(_MARKER.sub("", answer))


def score_question(gold: Sequence[str], answer_contains: Sequence[str], hits: Sequence[dict[str, Any]],
                   answer: str, abstained: bool, citations: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Per-question metrics (see the module docstring) from the ``ask --json`` shaped parts.

    Ranking and answer metrics are ``None`` where they do not apply (ranking metrics for an
    unanswerable question, abstention for an answerable one, ...), so averages skip them.
    """
    snippets = _distinct_gold(gold)
    answerable = bool(snippets)
    ranks = [r for r, h in enumerate(hits, 1) if matched_gold(str(h.get("text", "")), snippets)]
    m: dict[str, Any] = {"relevant_ranks": ranks}
    if answerable:
        first = ranks[0] if ranks else None
        for k in HIT_KS:
            m[f"hit@{k}"] = 1.0 if first is not None and first <= k else 0.0
        m[f"mrr@{MRR_K}"] = 1.0 / first if first is not None and first <= MRR_K else 0.0
        found = {i for h in hits[:RECALL_K] for i in matched_gold(str(h.get("text", "")), snippets)}
        m[f"recall@{RECALL_K}"] = len(found) / len(snippets)
        m["gold_missing"] = [s for i, s in enumerate(snippets) if i not in found]
        m["abstained_correctly"] = None
        m["false_abstention"] = bool(abstained)
    else:
        for name in (*(f"hit@{k}" for k in HIT_KS), f"mrr@{MRR_K}", f"recall@{RECALL_K}"):
            m[name] = None
        m["gold_missing"] = []
        m["abstained_correctly"] = bool(abstained)
        m["false_abstention"] = False
    said = _answer_text(answer)
    missing = [s for s in answer_contains if _answer_text(s) not in said]
    m["answer_contains"] = (not missing) if answerable and answer_contains else None
    m["answer_contains_missing"] = missing
    relevant_cited = sum(1 for c in citations if matched_gold(str(c.get("text", "")), snippets))
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
        if m.get("hit@1") == 0:
            reasons.append("第 1 名不相关")
        if m.get("answer_contains") is False:
            reasons.append("回答缺少应含内容")
    elif not record.get("abstained"):
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
    out["false_abstentions"] = sum(1 for m in answerable if m["false_abstention"])
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
    return {k: v for k, v in dataclasses.asdict(params).items()
            if isinstance(v, (int, float, str, bool)) or v is None}


def question_record(q: Question, answer_json: dict[str, Any] | None, latency_ms: float | None,
                    error: str | None) -> dict[str, Any]:
    """One question's record of the eval JSON, from the ``Answer.to_json()`` of its ask."""
    a = answer_json or {}
    hits, citations = a.get("hits", []), a.get("citations", [])
    answer, abstained = a.get("answer", ""), bool(a.get("abstained", False))
    metrics = score_question(q.gold, q.answer_contains, hits, answer, abstained, citations)
    return {
        "id": q.id, "question": q.question, "type": q.type, "answerable": q.answerable,
        "gold": q.gold, "answer_contains": q.answer_contains,
        "hits": hits, "answer": answer, "abstained": abstained, "mode": a.get("mode"),
        "citations": citations, "relevant_ranks": metrics.pop("relevant_ranks"),
        "metrics": metrics, "latency_ms": None if latency_ms is None else round(latency_ms, 2),
        "error": error,
    }


LLMAnswerer = Callable[[Any, str, int], Any]  # (engine, question, k) -> Answer


def _run_mode(records: Sequence[dict[str, Any]], default: str) -> str:
    modes = Counter(r["mode"] for r in records if r.get("mode"))
    return modes.most_common(1)[0][0] if modes else default


def run_eval(engine: Any, questions: Sequence[Question], k: int = 10, llm: LLMAnswerer | None = None,
             progress: ProgressCallback | None = None, source: str | Path | None = None) -> EvalRun:
    """Ask every question through ``engine.ask(question, k=k)`` (as ``assistant ask`` does) and score it.

    ``llm``, when given, answers instead: ``llm(engine, question, k)`` returning an Answer (the
    ``--llm`` path of ``ask``). An exception from one question is recorded in its ``error`` and
    the run goes on. ``progress(done, total, record)`` is called after each question;
    ``source`` (the question-set file) is named in the meta block.
    """
    records: list[dict[str, Any]] = []
    for done, q in enumerate(questions, 1):
        start = time.perf_counter()
        answer_json: dict[str, Any] | None = None
        error: str | None = None
        try:
            answer = engine.ask(q.question, k=k) if llm is None else llm(engine, q.question, k)
            latency = (time.perf_counter() - start) * 1000
            answer_json = answer.to_json()
        except Exception as e:  # noqa: BLE001 - one bad question must not end the run
            latency = (time.perf_counter() - start) * 1000
            error = str(e) if isinstance(e, ValueError) and str(e) else f"{type(e).__name__}: {e}"
        records.append(question_record(q, answer_json, latency, error))
        if progress is not None:
            progress(done, len(questions), records[-1])
    corpus = getattr(engine, "corpus", None)
    meta: dict[str, Any] = {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "k": k,
        "mode": _run_mode(records, "extractive" if llm is None else "llm"),
        "params": _params_json(engine),
        "corpus_fingerprint": getattr(corpus, "fingerprint", None),
        "n_questions": len(questions),
    }
    if source is not None:
        p = Path(source)
        meta["questions_file"] = str(p)
        if p.is_file():
            meta["questions_sha256"] = hashlib.sha256(p.read_bytes()).hexdigest()[:16]
    return EvalRun(meta, records, summarise(records))


# --------------------------------------------------------------------------- comparing and thresholds

def load_run_json(path: str | Path) -> dict[str, Any]:
    """Read an earlier ``--json`` report; ValueError with a Chinese message when unusable."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValueError(f"找不到用于比较的评测结果文件 {p}") from None
    except (OSError, UnicodeDecodeError) as e:
        raise ValueError(f"无法读取评测结果文件 {p}:{e}") from None
    except json.JSONDecodeError as e:
        raise ValueError(f"评测结果文件 {p} 不是合法的 JSON(第 {e.lineno} 行:{e.msg})") from None
    if not (isinstance(data, dict) and isinstance(data.get("summary"), dict)
            and isinstance(data.get("questions"), list)):
        raise ValueError(f"{p} 不是 assistant eval --json 生成的结果(缺少 summary 或 questions)")
    return data


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

