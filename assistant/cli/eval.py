"""``assistant eval``: run a question set, print the summary, write and compare reports.

The run and its metrics are ``evaluation``'s, the tables and the Markdown ``eval_report``'s;
this module parses the options, shows progress and decides the exit status.
"""

from __future__ import annotations

import argparse
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
    failed_ids_line,
    latency_line,
    markdown_report,
    preview,
    retrieval_table,
    summary_table,
)
from ..evaluation import (
    METRICS,
    Comparison,
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
    summary_fields,
)
from ..file_reading import os_reason
from ..question_sets import misspelt_fields
from ..text_helpers import printable
from .common import (
    EVAL_HELP,
    add_corpus_arguments,
    add_llm_arguments,
    add_retrieval_arguments,
    fail,
    load_engine,
    new_console,
    positive_int,
    stdout_to_devnull,
    warn,
)
from .eval_files import RecordSpool, json_report, write_report

if TYPE_CHECKING:
    from ..engine import Engine
    from ..results import Answer, Turn

EXIT_FAIL_UNDER = 1
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "eval", help=EVAL_HELP,
        description="逐题运行问题集(JSONL 或 YAML,格式见 README 的 Evaluation 一节),打印总览表;"
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
                       llm: LLMAnswerer | None, source: Path,
                       keep: Callable[[dict[str, Any]], dict[str, Any]]) -> EvalRun:
    console = Console(stderr=True)
    with Progress(TextColumn("评测中"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  TextColumn("{task.description}"), console=console, transient=True) as bar:
        task = bar.add_task("", total=n_asks(questions))

        def step(done: int, total: int, record: dict[str, object]) -> None:
            bar.update(task, completed=done, description=printable(str(record["id"])))
        return run_eval(engine, questions, k=k, llm=llm, progress=step, source=source, keep=keep)


@contextmanager
def _ctrl_c_noticed(pressed: threading.Event) -> Iterator[None]:
    """Ctrl-C sets ``pressed``, then interrupts as usual.

    The ``--llm`` answerer turns Ctrl-C into a partial answer (right for ``ask``); the event
    is how eval learns the user meant to stop the run.
    """
    def handler(signum: int, frame: object) -> None:
        pressed.set()
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGINT, handler)
    except ValueError:        # not the main thread: Ctrl-C can't reach this run anyway
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _llm_answerer(args: argparse.Namespace, pressed: threading.Event) -> LLMAnswerer:
    # Imported here, not at the top: httpx is loaded only when the LLM is used.
    from ..llm import answer_with_llm

    try:
        config = load_config(args)
    except ConfigError as e:
        fail(str(e), EXIT_BAD_INPUT)
    for notice in config.notices:   # e.g. a key in a config file others can read
        warn(notice)
    # A base URL without a model: the server's only model, when it serves one (as ask --llm).
    from ..llm.models import resolve_model

    config, why = resolve_model(config)
    if why:
        fail(why.rstrip("。") + "。评测需要大模型作答:请用 --model 指定模型,或不加 --llm 评测抽取式回答。", EXIT_BAD_INPUT)
    if not config.is_configured():
        fail(not_configured_hint(consequence="无法用 --llm 评测。"), EXIT_BAD_INPUT)
    # No token callback: the progress bar owns the terminal during an eval.
    def answer(engine: Engine, question: str, k: int, history: list[Turn]) -> Answer:
        result = answer_with_llm(engine, question, config, k=k, history=history)
        if pressed.is_set():
            raise KeyboardInterrupt
        return result
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
        if out.exists() and not out.is_file():
            continue       # /dev/stdout, a FIFO: written in place
        try:              # found out now, not after the whole run: the report is written beside it
            with tempfile.TemporaryFile(dir=where.parent):
                pass
        except OSError as e:
            fail(f"{flag} {out} 无法写入:{os_reason(e)}", EXIT_BAD_INPUT)


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
    pressed = threading.Event()
    llm = _llm_answerer(args, pressed) if getattr(args, "llm", False) else None

    engine = load_engine(args)
    flat = [t.question for c in questions if isinstance(c, Conversation) for t in c.turns] + \
        [q for q in questions if isinstance(q, Question)]
    unmatched = find_unmatched_gold(flat, engine.corpus)
    for qid, snippet in unmatched[:10]:
        warn(f"问题 {preview(qid)} 的 gold 片段「{preview(snippet)}」在语料中找不到:它无法命中,该题仍计入各项指标")
    if len(unmatched) > 10:
        warn(f"……另有 {len(unmatched) - 10} 个 gold 片段在语料中找不到")
    for qid, name, meant in misspelt_fields(flat):
        warn(f"问题 {preview(qid)} 的字段“{preview(name)}”不认识,已忽略:是不是“{meant}”?")

    # Full records are kept on disk only when a report will show them.
    spool = RecordSpool() if args.json_out or args.markdown_out else None
    try:
        with _ctrl_c_noticed(pressed):
            run = _run_with_progress(engine, questions, args.k, llm, args.questions,
                                     spool.keep if spool else summary_fields)
        return _finish(args, run, engine, unmatched, old, thresholds, spool)
    finally:
        if spool is not None:
            spool.close()


def _print_summary(run: EvalRun, comparison: Comparison | None) -> None:
    console = new_console()
    console.print(summary_table(run.summary))
    retrieval = retrieval_table(run.summary)
    if retrieval is not None:
        console.print(retrieval)
    console.print(Text(latency_line(run.summary)))
    failed = failed_ids_line(run.questions)
    if failed is not None:
        console.print(Text(failed))
    if comparison is not None:
        console.print(comparison_table(comparison))
        for line in comparison_lines(comparison):
            console.print(Text(line))


def _finish(args: argparse.Namespace, run: EvalRun, engine: Engine, unmatched: list[tuple[str, str]],
            old: dict[str, Any] | None, thresholds: dict[str, float], spool: RecordSpool | None) -> int:
    """Summary, reports and exit status of a finished (or interrupted) run."""
    if run.meta["incomplete"] and not run.questions:
        warn("已取消:没有评测完任何问题,未写出报告。")
        return EXIT_INTERRUPTED
    run.meta["unmatched_gold"] = [list(pair) for pair in unmatched]
    # Which ranking produced the figures: a run that fell back to BM25 must not pass for hybrid.
    embeddings = getattr(engine, "embeddings_id", None)
    run.meta["retrieval"] = {"mode": "hybrid" if embeddings else "lexical", "embeddings": embeddings,
                             "reason": getattr(engine, "embeddings_reason", None)}
    data = run.to_json()
    comparison = compare(old, data) if old is not None else None

    try:
        _print_summary(run, comparison)
    except BrokenPipeError:     # `eval … --json out | head -1`: the reports are still written
        stdout_to_devnull()
    failures = run.meta.get("llm_failures", 0)
    if failures:
        first = next(r["error"] for r in run.questions if r.get("error"))
        warn(f"{failures} / {len(run.questions)} 题的回答不是大模型给出的(已改用抽取式回答),按运行出错计。"
             f"首个原因:{preview(first, 200)}")
    if args.json_out and spool is not None:
        write_report(args.json_out, json_report(run.meta, run.summary, spool))
        warn(f"已写入 {args.json_out}")
    if args.markdown_out and spool is not None:
        report = markdown_report({**data, "questions": iter(spool)}, comparison)
        write_report(args.markdown_out, lambda fh: fh.write(report))
        warn(f"已写入 {args.markdown_out}")
    if run.meta["incomplete"]:
        warn(f"已取消:只评测了 {len(run.questions)} / {run.meta['n_planned']} 题"
             + (",报告已标记为未完成(meta.incomplete)。" if args.json_out or args.markdown_out else "。"))
        return EXIT_INTERRUPTED
    violations = check_fail_under(run.summary, thresholds)
    if thresholds and failures:
        # The gate is about the model: a run it did not answer must not pass for one it did.
        violations.append(f"{failures} 题的回答不是大模型给出的,本次结果不能代表大模型")
    for v in violations:
        new_console(stderr=True).print(Text("未达标:", style="bold red") + Text(v))
    return EXIT_FAIL_UNDER if violations else 0
