"""Reports of evaluation runs: rich tables for the terminal, Markdown for people.

Everything here reads the JSON form of a run (``EvalRun.to_json()``), so a report can be
rebuilt from a saved ``--json`` file and two saved runs can be compared.
"""

from __future__ import annotations

from typing import Any, Sequence

from rich import box
from rich.table import Table
from rich.text import Text

from .evaluation import CONTEXT_K, METRICS, RANKING_METRICS, Comparison, failure_reasons
from .text_analysis import squash

RETRIEVAL_METRICS = (*RANKING_METRICS, f"context_recall@{CONTEXT_K}")
COLUMN_TITLES = {
    "hit@1": "Hit@1", "hit@5": "Hit@5", "mrr@10": "MRR@10", "recall@10": "R@10",
    "abstention": "拒答准确率", "answer_contains": "回答包含率", "citation_precision": "引用精确率",
    f"context_recall@{CONTEXT_K}": f"上下文R@{CONTEXT_K}",
}
# Two-line headers keep the terminal table within 80 columns.
_NARROW_TITLES = {**COLUMN_TITLES, "abstention": "拒答\n准确率", "answer_contains": "回答\n包含率",
                  "citation_precision": "引用\n精确率"}
HIT_PREVIEW_CHARS = 80
HITS_SHOWN = 5


def fmt(value: float | None, signed: bool = False) -> str:
    if value is None:
        return "—"
    return f"{value:+.3f}" if signed else f"{value:.3f}"


def _groups(summary: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [("全部", summary.get("overall", {}))] + list(summary.get("by_type", {}).items())


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f} ms"


def latency_line(summary: dict[str, Any]) -> str:
    lat = summary.get("latency_ms", {})
    o = summary.get("overall", {})
    line = (f"每题耗时:中位数 {_ms(lat.get('median'))},P95 {_ms(lat.get('p95'))};"
            f"误拒答 {o.get('false_abstentions', 0)} 题,可回答却作部分回答 {o.get('partial_answerable', 0)} 题,"
            f"运行出错 {o.get('errors', 0)} 题,"
            f"未通过 {o.get('failed', 0)} / {o.get('n', 0)} 题")
    if o.get("answer_contains_strings") is not None:
        # The table's 包含率 counts questions whose answer holds all their strings; this, each string.
        line += f";应含字符串逐条命中率 {fmt(o['answer_contains_strings'])}(表中包含率按题计:全部命中才算)"
    if o.get("follow_up_accuracy") is not None:
        line += f";追问判断准确率 {fmt(o['follow_up_accuracy'])}"
    return line


def summary_table(summary: dict[str, Any], title: str = "评测结果") -> Table:
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("类型", no_wrap=True)
    table.add_column("n", justify="right")
    for name in METRICS:
        table.add_column(_NARROW_TITLES[name], justify="right")
    for i, (group, s) in enumerate(_groups(summary)):
        table.add_row(Text(group), str(s.get("n", 0)), *(fmt(s.get(m)) for m in METRICS),
                      style="bold" if i == 0 else None, end_section=i == 0)
    return table


def retrieval_table(summary: dict[str, Any], title: str = "检索排名(组成回答之前)") -> Table | None:
    """The ranking as retrieved, before the answer moved the units it cites to the top."""
    groups = [(g, s["retrieval"]) for g, s in _groups(summary) if s.get("retrieval")]
    if not groups:
        return None
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("类型", no_wrap=True)
    for name in RETRIEVAL_METRICS:
        table.add_column(COLUMN_TITLES[name], justify="right")
    for i, (group, r) in enumerate(groups):
        table.add_row(Text(group), *(fmt(r.get(m)) for m in RETRIEVAL_METRICS),
                      style="bold" if i == 0 else None, end_section=i == 0)
    return table


def _changed(d: Any) -> bool:
    return d.group == "overall" or d.delta is None and d.old != d.new or abs(d.delta or 0.0) > 1e-9


def comparison_table(cmp: Comparison) -> Table:
    table = Table(title="与上次运行比较", title_justify="left")
    for name, justify in (("分组", "left"), ("指标", "left"), ("上次", "right"), ("本次", "right"),
                          ("变化", "right")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for d in filter(_changed, cmp.deltas):
        delta = d.delta
        style = "green" if delta and delta > 1e-9 else "red" if delta and delta < -1e-9 else "dim"
        table.add_row(Text("全部" if d.group == "overall" else d.group), COLUMN_TITLES[d.metric],
                      fmt(d.old), fmt(d.new), Text(fmt(delta, signed=True), style=style))
    return table


FAILED_IDS_SHOWN = 30


def failed_ids_line(records: Sequence[dict[str, Any]]) -> str | None:
    """The ids of the failed questions, each with its reasons, for the terminal (None: all passed).

    The Markdown report has the details; this line tells a run without reports which ones to look at.
    """
    failed = [(preview(str(r.get("id", "?"))), reasons) for r in records if (reasons := failure_reasons(r))]
    if not failed:
        return None
    shown = [f"{qid}({'、'.join(reasons)})" for qid, reasons in failed[:FAILED_IDS_SHOWN]]
    more = f";另有 {len(failed) - FAILED_IDS_SHOWN} 题" if len(failed) > FAILED_IDS_SHOWN else ""
    return f"未通过的题:{';'.join(shown)}{more}(详见 --markdown 报告)"


def comparison_lines(cmp: Comparison) -> list[str]:
    lines = [f"新失败 {len(cmp.newly_failing)} 题:" + ("、".join(cmp.newly_failing) or "无"),
             f"新通过 {len(cmp.newly_passing)} 题:" + ("、".join(cmp.newly_passing) or "无")]
    if cmp.only_new:
        lines.append("本次新增的问题:" + "、".join(cmp.only_new))
    if cmp.only_old:
        lines.append("本次缺少的问题:" + "、".join(cmp.only_old))
    return lines


# --------------------------------------------------------------------------- Markdown

def _cell(text: Any) -> str:
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def preview(text: str, n: int = HIT_PREVIEW_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n] + "…"


def _md_table(header: Sequence[str], rows: Sequence[Sequence[Any]], right: Sequence[int] = ()) -> list[str]:
    """A GitHub-flavoured Markdown table; columns at the indices in ``right`` align right."""
    align = ["--:" if i in right else ":--" for i in range(len(header))]
    out = ["| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |"]
    out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return out


def _md_summary(summary: dict[str, Any]) -> list[str]:
    rows = [[g, s.get("n", 0), *(fmt(s.get(m)) for m in METRICS)] for g, s in _groups(summary)]
    header = ["类型", "n", *(COLUMN_TITLES[m] for m in METRICS)]
    out = ["回答(组成回答之后的排名与回答指标):", ""] + _md_table(header, rows, right=range(1, len(header)))
    retrieval = [[g, *(fmt(s["retrieval"].get(m)) for m in RETRIEVAL_METRICS)]
                 for g, s in _groups(summary) if s.get("retrieval")]
    if retrieval:
        rheader = ["类型", *(COLUMN_TITLES[m] for m in RETRIEVAL_METRICS)]
        out += ["", "检索排名(组成回答之前):", ""] + _md_table(rheader, retrieval, right=range(1, len(rheader)))
    return out + ["", latency_line(summary)]


def _md_comparison(cmp: Comparison) -> list[str]:
    rows = [["全部" if d.group == "overall" else d.group, COLUMN_TITLES[d.metric], fmt(d.old), fmt(d.new),
             fmt(d.delta, signed=True)] for d in filter(_changed, cmp.deltas)]
    old_date = cmp.old_meta.get("date", "?")
    return ([f"## 与上次运行比较(上次:{old_date})", ""] + _md_table(["分组", "指标", "上次", "本次", "变化"], rows, right=(2, 3, 4))
            + [""] + [f"- {line}" for line in comparison_lines(cmp)])


def _md_failed(record: dict[str, Any], reasons: list[str]) -> list[str]:
    out = [f"### {record['id']} · {record.get('type') or '(未分类)'} — {'、'.join(reasons)}", "",
           f"**问题:** {record['question']}", ""]
    if record.get("error"):
        out += [f"**错误:** {record['error']}", ""]
    gold = record.get("gold", [])
    m = record.get("metrics", {})
    if gold:
        missing = set(m.get("gold_missing", []))
        out.append("**期望(gold):**")
        out += [f"- 「{g}」" + (" ← 前 10 名中未找到" if squash(g) in missing else "") for g in gold]
        out.append("")
    else:
        out += ["**期望:** 语料中没有答案,应当拒答", ""]
    if record.get("answer_contains"):
        lacking = set(m.get("answer_contains_missing", []))
        out += ["**回答应包含:** " + "、".join(f"「{s}」" + ("✗" if s in lacking else "✓")
                                              for s in record["answer_contains"]), ""]
    ranks = record.get("relevant_ranks", [])
    out += ["**相关段落排名:** " + ("、".join(map(str, ranks)) if ranks else "无"), ""]
    hits = record.get("hits", [])
    if hits:
        rows = [[r, ("✓ " if r in ranks else "") + h.get("id", ""), h.get("speech", ""),
                 " › ".join(h.get("section", [])), preview(h.get("text", ""))]
                for r, h in enumerate(hits[:HITS_SHOWN], 1)]
        out += _md_table(["#", "编号", "讲话", "位置", f"内容(前 {HIT_PREVIEW_CHARS} 字)"], rows, right=(0,))
    else:
        out.append("(没有检索结果)")
    answer = record.get("answer") or "(无回答)"
    out += ["", "**回答**" + ("(拒答)" if record.get("abstained") else "") + ":", ""]
    out += ["> " + line if line else ">" for line in answer.splitlines()] + [""]
    return out


def _retrieval_line(r: Any) -> str:
    if not isinstance(r, dict):
        return "?"
    if r.get("mode") == "hybrid":
        return f"BM25 + 语义向量({r.get('embeddings')})"
    return "仅 BM25" + (f"({r['reason']})" if r.get("reason") else "")


def markdown_report(run: dict[str, Any], comparison: Comparison | None = None) -> str:
    """The report a person reads: the summary table, the comparison, then every failed question."""
    meta = run.get("meta", {})
    params = "、".join(f"{k}={v}" for k, v in meta.get("params", {}).items()) or "默认"
    # run["questions"] may be a one-pass iterator (records streamed from disk): no len() of it.
    n = meta["n_questions"] if "n_questions" in meta else len(run.get("questions", []))
    out = ["# 评测报告", "",
           f"- 问题集:{meta.get('questions_file', '?')}({n} 题)",
           f"- 时间:{meta.get('date', '?')}",
           f"- 语料指纹:{meta.get('corpus_fingerprint') or '?'}",
           f"- 模式:{meta.get('mode', '?')};k = {meta.get('k', '?')};检索参数:{params}",
           f"- 检索:{_retrieval_line(meta.get('retrieval'))}", ""]
    if meta.get("incomplete"):
        done, planned = meta.get("n_questions", "?"), meta.get("n_planned", "?")
        out += [f"**未完成:** 运行被中断,只评测了 {done} / {planned} 题,以下数字只代表这些题。", ""]
    out += ["## 总览", ""] + _md_summary(run.get("summary", {})) + [""]
    if meta.get("unmatched_gold"):
        out += ["**警告:** 以下 gold 片段在语料中找不到,这些片段无法命中,相关问题仍计入各项指标:", ""]
        out += [f"- {preview(qid)}:「{preview(g)}」" for qid, g in meta["unmatched_gold"]] + [""]
    if comparison is not None:
        out += _md_comparison(comparison) + [""]
    # One record at a time: the records may be streamed from disk, and only the lines of the
    # failed ones are kept.
    failed: list[str] = []
    n_failed = 0
    for record in run.get("questions", []):
        reasons = failure_reasons(record)
        if reasons:
            n_failed += 1
            failed += _md_failed(record, reasons)
    out += [f"## 未通过的问题({n_failed})", ""] + (failed or ["全部通过。", ""])
    return "\n".join(out).rstrip() + "\n"
