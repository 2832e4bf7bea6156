"""``assistant eval``: run a question set, print the summary, write and compare reports.

The run and its metrics are ``evaluation``'s, the tables and the Markdown ``eval_report``'s;
this module parses the options, shows progress and decides the exit status.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from ..config import ConfigError, load_config, not_configured_hint
from ..eval_report import (
    comparison_lines,
    comparison_table,
    latency_line,
    markdown_report,
    retrieval_table,
    summary_table,
)
from ..evaluation import (
    METRICS,
    Conversation,
    EvalRun,
    LLMAnswerer,
    Question,
    QuestionSetError,
    check_fail_under,
    compare,
    find_unmatched_gold,
    load_run_json,
    load_set,
    n_asks,
    parse_fail_under,
    run_eval,
)
from ..text_helpers import printable
from .common import (
    add_corpus_arguments,
    add_llm_arguments,
    add_retrieval_arguments,
    fail,
    load_engine,
    new_console,
    positive_int,
    warn,
)

if TYPE_CHECKING:
    from ..engine import Engine
    from ..results import Answer, Turn

EXIT_FAIL_UNDER = 1
EXIT_BAD_INPUT = 2


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "eval", help="用问题集评测检索与回答,输出指标表和报告",
        description="逐题运行问题集(JSONL 或 YAML,格式见 DESIGN.md),打印总览表;"
                    "可写出 JSON/Markdown 报告、与上次结果比较、在指标低于阈值时以非零状态退出。")
    p.add_argument("questions", type=Path, metavar="QUESTIONS",
                   help="问题集或多轮对话集文件(.jsonl / .yaml;对话集每行含 turns)")
    p.add_argument("--json", type=Path, metavar="OUT", dest="json_out", help="写出 JSON 结果")
    p.add_argument("--markdown", type=Path, metavar="OUT", dest="markdown_out", help="写出 Markdown 报告")
    p.add_argument("--compare", type=Path, metavar="OLD", help="与之前 --json 写出的结果比较")
    p.add_argument("--fail-under", action="append", default=[], metavar="METRIC=VALUE",
                   help=f"指标低于阈值时退出码为 1(可重复);指标:{'、'.join(METRICS)}")
    p.add_argument("-k", type=positive_int, default=10, help="每题取的检索结果数(默认 10)")
    add_corpus_arguments(p)
    add_retrieval_arguments(p)
    add_llm_arguments(p)
    p.set_defaults(func=cmd_eval)
    return p


def _run_with_progress(engine: Engine, questions: list[Question] | list[Conversation], k: int,
                       llm: LLMAnswerer | None, source: Path) -> EvalRun:
    console = Console(stderr=True)
    with Progress(TextColumn("评测中"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  TextColumn("{task.description}"), console=console, transient=True) as bar:
        task = bar.add_task("", total=n_asks(questions))

        def step(done: int, total: int, record: dict[str, object]) -> None:
            bar.update(task, completed=done, description=printable(str(record["id"])))
        return run_eval(engine, questions, k=k, llm=llm, progress=step, source=source)


def _write(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as e:
        fail(f"无法写入 {path}:{e.strerror or e}", EXIT_BAD_INPUT)


def _llm_answerer(args: argparse.Namespace) -> LLMAnswerer:
    # Imported here, not at the top: httpx is loaded only when the LLM is used.
    from ..llm import answer_with_llm

    try:
        config = load_config(args)
    except ConfigError as e:
        fail(str(e), EXIT_BAD_INPUT)
    if not config.is_configured():
        fail(not_configured_hint(), EXIT_BAD_INPUT)
    # No token callback: the progress bar owns the terminal during an eval.
    def answer(engine: Engine, question: str, k: int, history: list[Turn]) -> Answer:
        return answer_with_llm(engine, question, config, k=k, history=history)
    return answer


def _check_outputs(args: argparse.Namespace) -> None:
    """A report must never overwrite the question set, the run it is compared with, or the other report."""
    inputs = {"问题集": args.questions, "--compare 的文件": args.compare}
    seen: dict[Path, str] = {p.resolve(): name for name, p in inputs.items() if p is not None}
    for flag, out in (("--json", args.json_out), ("--markdown", args.markdown_out)):
        if out is None:
            continue
        where = out.resolve()
        if where in seen:
            fail(f"{flag} {out} 与{seen[where]}是同一个文件:报告会把它覆盖,请换一个文件名", EXIT_BAD_INPUT)
        if where.is_dir():
            fail(f"{flag} {out} 是一个目录,请给出文件名", EXIT_BAD_INPUT)
        seen[where] = f" {flag} 的输出"


def cmd_eval(args: argparse.Namespace) -> int:
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
    _check_outputs(args)
    llm = _llm_answerer(args) if getattr(args, "llm", False) else None

    engine = load_engine(args)
    flat = [t.question for c in questions if isinstance(c, Conversation) for t in c.turns] + \
        [q for q in questions if isinstance(q, Question)]
    unmatched = find_unmatched_gold(flat, engine.corpus)
    for qid, snippet in unmatched[:10]:
        warn(f"问题 {qid} 的 gold 片段「{snippet}」在语料中找不到,该题无法得分")
    if len(unmatched) > 10:
        warn(f"……另有 {len(unmatched) - 10} 个 gold 片段在语料中找不到")

    run = _run_with_progress(engine, questions, args.k, llm, args.questions)
    run.meta["unmatched_gold"] = [list(pair) for pair in unmatched]
    # Which ranking produced the figures: a run that fell back to BM25 must not pass for hybrid.
    embeddings = getattr(engine, "embeddings_id", None)
    run.meta["retrieval"] = {"mode": "hybrid" if embeddings else "lexical", "embeddings": embeddings,
                             "reason": getattr(engine, "embeddings_reason", None)}
    data = run.to_json()
    comparison = compare(old, data) if old is not None else None

    console = new_console()
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
        new_console(stderr=True).print(Text("未达标:", style="bold red") + Text(v))
    return EXIT_FAIL_UNDER if violations else 0
