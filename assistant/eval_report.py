"""Reports of evaluation runs (rich tables, Markdown) and the ``assistant eval`` command.

Everything here reads the JSON form of a run (``EvalRun.to_json()``), so a report can be
rebuilt from a saved ``--json`` file and two saved runs can be compared.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, Sequence

from rich import box
from rich.table import Table
from rich.text import Text

from .evaluation import (
    CONTEXT_K,
    METRICS,
    RANKING_METRICS,
    Comparison,
    Conversation,
    QuestionSetError,
    check_fail_under,
    compare,
    failure_reasons,
    find_unmatched_gold,
    load_run_json,
    load_set,
    n_asks,
    parse_fail_under,
    run_eval,
)

EXIT_FAIL_UNDER = 1
EXIT_BAD_INPUT = 2

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
            f"误拒答 {o.get('false_abstentions', 0)} 题,运行出错 {o.get('errors', 0)} 题,"
            f"未通过 {o.get('failed', 0)} / {o.get('n', 0)} 题")
    if o.get("answer_contains_strings") is not None:
        line += f";应含字符串命中率 {fmt(o['answer_contains_strings'])}"
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


def _preview(text: str, n: int = HIT_PREVIEW_CHARS) -> str:
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
        out += [f"- 「{g}」" + (" ← 前 10 名中未找到" if "".join(g.split()) in missing else "") for g in gold]
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
                 " › ".join(h.get("section", [])), _preview(h.get("text", ""))]
                for r, h in enumerate(hits[:HITS_SHOWN], 1)]
        out += _md_table(["#", "编号", "讲话", "位置", f"内容(前 {HIT_PREVIEW_CHARS} 字)"], rows, right=(0,))
    else:
        out.append("(没有检索结果)")
    answer = record.get("answer") or "(无回答)"
    out += ["", "**回答**" + ("(拒答)" if record.get("abstained") else "") + ":", ""]
    out += ["> " + line if line else ">" for line in answer.splitlines()] + [""]
    return out


def markdown_report(run: dict[str, Any], comparison: Comparison | None = None) -> str:
    """The report a person reads: the summary table, the comparison, then every failed question."""
    meta = run.get("meta", {})
    params = "、".join(f"{k}={v}" for k, v in meta.get("params", {}).items()) or "默认"
    out = ["# 评测报告", "",
           f"- 问题集:{meta.get('questions_file', '?')}({meta.get('n_questions', len(run.get('questions', [])))} 题)",
           f"- 时间:{meta.get('date', '?')}",
           f"- 语料指纹:{meta.get('corpus_fingerprint') or '?'}",
           f"- 模式:{meta.get('mode', '?')};k = {meta.get('k', '?')};检索参数:{params}", "",
           "## 总览", ""] + _md_summary(run.get("summary", {})) + [""]
    if meta.get("unmatched_gold"):
        out += ["**警告:** 以下 gold 片段在语料中找不到,相关问题无法得分:", ""]
        out += [f"- {qid}:「{g}」" for qid, g in meta["unmatched_gold"]] + [""]
    if comparison is not None:
        out += _md_comparison(comparison) + [""]
    failed = [(r, failure_reasons(r)) for r in run.get("questions", [])]
    failed = [(r, why) for r, why in failed if why]
    out += [f"## 未通过的问题({len(failed)})", ""]
    if not failed:
        out += ["全部通过。", ""]
    for record, reasons in failed:
        out += _md_failed(record, reasons)
    return "\n".join(out).rstrip() + "\n"


# --------------------------------------------------------------------------- command line

def add_eval_parser(subparsers: Any) -> argparse.ArgumentParser:
    from .cli import _register_llm, add_corpus_arguments, add_retrieval_arguments

    p = subparsers.add_parser(
        "eval", help="用问题集评测检索与回答,输出指标表和报告",
        description="逐题运行问题集(JSONL 或 YAML,格式见 DESIGN.md),打印总览表;"
                    "可写出 JSON/Markdown 报告、与上次结果比较、在指标低于阈值时以非零状态退出。")
    p.add_argument("questions", type=Path, metavar="QUESTIONS", help="问题集文件(.jsonl / .yaml)")
    p.add_argument("--json", type=Path, metavar="OUT", dest="json_out", help="写出 JSON 结果")
    p.add_argument("--markdown", type=Path, metavar="OUT", dest="markdown_out", help="写出 Markdown 报告")
    p.add_argument("--compare", type=Path, metavar="OLD", help="与之前 --json 写出的结果比较")
    p.add_argument("--fail-under", action="append", default=[], metavar="METRIC=VALUE",
                   help=f"指标低于阈值时退出码为 1(可重复);指标:{'、'.join(METRICS)}")
    p.add_argument("-k", type=int, default=10, help="每题取的检索结果数(默认 10)")
    add_corpus_arguments(p)
    add_retrieval_arguments(p)
    _register_llm(p)
    p.set_defaults(func=cmd_eval)
    return p


def _run_with_progress(engine: Any, questions: list[Any], k: int, llm: Any, source: Path) -> Any:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    with Progress(TextColumn("评测中"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  TextColumn("{task.description}"), console=console, transient=True) as bar:
        task = bar.add_task("", total=n_asks(questions))

        def step(done: int, total: int, record: dict[str, Any]) -> None:
            bar.update(task, completed=done, description=record["id"])
        return run_eval(engine, questions, k=k, llm=llm, progress=step, source=source)


def _write(path: Path, text: str) -> None:
    from .cli import fail

    try:
        path.write_text(text, encoding="utf-8")
    except OSError as e:
        fail(f"无法写入 {path}:{e.strerror or e}", EXIT_BAD_INPUT)


def cmd_eval(args: argparse.Namespace) -> int:
    from .cli import _console, fail, load_engine, warn

    if args.k < 1:
        fail("-k 应为正整数", EXIT_BAD_INPUT)
    try:
        thresholds = parse_fail_under(args.fail_under)
        questions = load_set(args.questions)
        old = load_run_json(args.compare) if args.compare else None
    except (QuestionSetError, ValueError) as e:
        fail(str(e), EXIT_BAD_INPUT)
    for out in (args.json_out, args.markdown_out):
        if out is not None and not out.parent.is_dir():
            fail(f"无法写入 {out}:目录 {out.parent} 不存在", EXIT_BAD_INPUT)
    llm = None
    if getattr(args, "llm", False):
        from .config import ConfigError, load_config, not_configured_hint
        from .llm import answer_with_llm

        try:
            config = load_config(args)
        except ConfigError as e:
            fail(str(e), EXIT_BAD_INPUT)
        if not config.is_configured():
            fail(not_configured_hint(), EXIT_BAD_INPUT)
        # No token callback: the progress bar owns the terminal during an eval.
        def llm(engine: Any, question: str, k: int, history: list[Any]) -> Any:
            return answer_with_llm(engine, question, config, k=k, history=history)

    engine = load_engine(args)
    flat = [t.question for c in questions for t in c.turns] if questions and isinstance(questions[0], Conversation) \
        else questions
    unmatched = find_unmatched_gold(flat, engine.corpus)
    for qid, snippet in unmatched[:10]:
        warn(f"问题 {qid} 的 gold 片段「{snippet}」在语料中找不到,该题无法得分")
    if len(unmatched) > 10:
        warn(f"……另有 {len(unmatched) - 10} 个 gold 片段在语料中找不到")

    run = _run_with_progress(engine, questions, args.k, llm, args.questions)
    run.meta["unmatched_gold"] = [list(pair) for pair in unmatched]
    data = run.to_json()
    comparison = compare(old, data) if old is not None else None

    console = _console()
    console.print(summary_table(run.summary))
    retrieval = retrieval_table(run.summary)
    if retrieval is not None:
        console.print(retrieval)
    console.print(Text(latency_line(run.summary)))
    if comparison is not None:
        console.print(comparison_table(comparison))
        for line in comparison_lines(comparison):
            console.print(Text(line))
    if args.json_out:
        _write(args.json_out, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        warn(f"已写入 {args.json_out}")
    if args.markdown_out:
        _write(args.markdown_out, markdown_report(data, comparison))
        warn(f"已写入 {args.markdown_out}")
    violations = check_fail_under(run.summary, thresholds)
    for v in violations:
        _console(stderr=True).print(Text("未达标:", style="bold red") + Text(v))
    return EXIT_FAIL_UNDER if violations else 0
