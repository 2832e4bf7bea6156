"""Command line: ``assistant`` (TUI), ``assistant ask|search|show|eval``.

Every command goes through ``Engine``; this module only parses arguments and prints.
Output built from corpus or user text goes through ``rich.text.Text`` so markup characters
in it (``[bold]``, ``[/]``) are printed literally.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Callable, NoReturn

EXIT_USAGE = 2
EXIT_INPUT = 3


def _console(stderr: bool = False):  # type: ignore[no-untyped-def]
    from rich.console import Console

    # soft_wrap: long Chinese lines are left to the terminal to wrap, so copied text has no
    # line breaks inside sentences.
    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def fail(message: str, code: int = EXIT_INPUT) -> NoReturn:
    from rich.text import Text

    _console(stderr=True).print(Text("错误:", style="bold red") + Text(message))
    raise SystemExit(code)


def warn(message: str) -> None:
    from rich.text import Text

    _console(stderr=True).print(Text("提示:", style="yellow") + Text(message))


def add_corpus_arguments(p: argparse.ArgumentParser) -> None:
    # SUPPRESS: the option may come before or after the subcommand without one erasing the other.
    p.add_argument("--corpus", type=Path, action="append", metavar="PATH", default=argparse.SUPPRESS,
                   help="讲话语料:文件夹或 .txt/.md 文件(可重复);默认使用随附的讲话")
    p.add_argument("--no-cache", action="store_true", default=argparse.SUPPRESS, help="不读写磁盘上的索引缓存")


def add_retrieval_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--k1", type=float, help="BM25 k1(默认 1.2)")
    p.add_argument("--b", type=float, help="BM25 b(默认 0.5)")
    p.add_argument("--no-bigrams", action="store_true", help="不使用字二元组字段")
    p.add_argument("--bigram-weight", type=float, help="字二元组字段的权重(默认 0.6)")
    p.add_argument("--heading-weight", type=float, help="标题单元的得分权重(默认 0.8)")
    p.add_argument("--speech-prior", type=float, help="整篇讲话与问题相关程度的权重(默认 1.0;0 为关闭)")
    p.add_argument("--neighbourhood", type=float,
                   help="按问题的邻近讲话(匹配密度不低于最佳讲话的这一比例)计算词的权重(默认 0.1;0 为按全部语料)")
    p.add_argument("--abstain-coverage", type=float, help="拒答阈值:问题内容被最相关段落覆盖的最低比例")


def retrieval_params(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from .params import RetrievalParams

    params = RetrievalParams()
    changes: dict[str, Any] = {}
    for name in ("k1", "b", "bigram_weight", "heading_weight", "speech_prior", "neighbourhood", "abstain_coverage"):
        value = getattr(args, name, None)
        if value is not None:
            changes[name] = value
    if getattr(args, "no_bigrams", False):
        changes["use_bigrams"] = False
    return replace(params, **changes)


def load_engine(args: argparse.Namespace, quiet: bool = False):  # type: ignore[no-untyped-def]
    from .corpus import CorpusError
    from .engine import Engine

    with IndexProgress() as progress:
        try:
            return Engine.load(getattr(args, "corpus", None), retrieval_params(args),
                               warn=(lambda m: None) if quiet else warn,
                               use_cache=not getattr(args, "no_cache", False), progress=progress)
        except CorpusError as e:
            fail(str(e))


class IndexProgress:
    """A progress bar on stderr while a corpus is analysed; silent for small corpora and cache hits."""

    MIN_UNITS = 2000

    def __init__(self) -> None:
        self._bar = None
        self._task = None

    def __enter__(self) -> "IndexProgress":
        return self

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            if total < self.MIN_UNITS or done >= total:
                return
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self._bar = Progress(TextColumn("正在建立索引"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                                 console=_console(stderr=True), transient=True)
            self._bar.start()
            self._task = self._bar.add_task("index", total=total)
        self._bar.update(self._task, completed=done, total=total)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()


def _read_question(parts: list[str]) -> str:
    question = " ".join(parts)
    if question == "-":
        try:
            question = sys.stdin.read()
        except UnicodeDecodeError:
            fail("标准输入不是 UTF-8 编码的文字:请检查终端或文件的编码。")
    return question


# ---- ask ---------------------------------------------------------------------------
def _highlighted(text: str, terms: list[str], style: str = "bold yellow"):  # type: ignore[no-untyped-def]
    from rich.text import Text

    from .engine import Engine

    t = Text(text)
    for start, end in Engine.highlight_spans(text, terms):
        t.stylize(style, start, end)
    return t


def excerpt(text: str, terms: list[str], width: int = 240) -> str:
    """A window of ``text`` around its first matched term, so long paragraphs stay readable."""
    if len(text) <= width:
        return text
    from .engine import Engine

    spans = Engine.highlight_spans(text, terms)
    start = max(0, (spans[0][0] if spans else 0) - width // 4)
    end = min(len(text), start + width)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def print_sources(console, citations, label: str = "来源", full: bool = False) -> None:  # type: ignore[no-untyped-def]
    from rich.text import Text

    if not citations:
        return
    console.print(Text(f"\n{label}", style="bold"))
    for c in citations:
        head = Text(f"[{c.n}] ", style="bold cyan") + Text(c.speech_title, style="cyan")
        if c.unit.section:
            head += Text(" › " + " › ".join(c.unit.section), style="cyan")
        head += Text(f" · {c.unit.id}", style="dim")
        if c.supported is False:
            head += Text(" ✗ 未被支持", style="red")
        console.print(head)
        body = c.unit.text if full else excerpt(c.unit.text, c.matched)
        console.print(Text("    ") + _highlighted(body, c.matched))


def cmd_ask(args: argparse.Namespace) -> int:
    from rich.text import Text

    from .engine import QuestionError

    question = _read_question(args.question)
    engine = load_engine(args, quiet=args.json)
    llm_answer: Callable[..., Any] | None = getattr(args, "llm_handler", None)
    try:
        if getattr(args, "llm", False) and llm_answer is not None:
            answer = llm_answer(engine, question, args)
        else:
            answer = engine.ask(question, k=args.k)
    except QuestionError as e:
        fail(str(e))
    if args.json:
        sys.stdout.write(json.dumps(answer.to_json(), ensure_ascii=False, indent=2) + "\n")
        return 0
    console = _console()
    if not (getattr(args, "llm", False) and llm_answer is not None):
        console.print(Text(answer.text))
    for note in answer.notes:
        console.print(Text(note, style="dim"))
    print_sources(console, answer.citations, full=args.full)
    if not args.full and any(len(c.unit.text) > 240 for c in answer.citations):
        console.print(Text("(来源只显示匹配处附近;--full 显示全文,assistant show 编号 查看上下文)", style="dim"))
    return 0


# ---- search ------------------------------------------------------------------------
def cmd_search(args: argparse.Namespace) -> int:
    from rich.table import Table
    from rich.text import Text

    from .engine import QuestionError

    engine = load_engine(args, quiet=args.json)
    try:
        hits = engine.search(_read_question(args.query), k=args.k)
    except QuestionError as e:
        fail(str(e))
    if args.json:
        sys.stdout.write(json.dumps([h.to_json() for h in hits], ensure_ascii=False, indent=2) + "\n")
        return 0
    console = _console()
    if not hits:
        console.print("没有找到相关段落。")
        return 0
    table = Table(show_lines=True)
    table.add_column("#", justify="right")
    table.add_column("得分", justify="right")
    table.add_column("位置", max_width=36)
    table.add_column("段落", overflow="fold", ratio=1)
    for rank, h in enumerate(hits, 1):
        where = Text(f"{h.unit.id} · 第{h.unit.speech_no}篇\n{h.unit.where}")
        text = h.unit.text if len(h.unit.text) <= 160 else h.unit.text[:160] + "…"
        table.add_row(str(rank), f"{h.score:.2f}", where, _highlighted(text, h.matched))
    console.print(table)
    return 0


# ---- show --------------------------------------------------------------------------
def cmd_show(args: argparse.Namespace) -> int:
    from rich.text import Text

    engine = load_engine(args)
    unit = engine.corpus.get(args.id.strip())
    if unit is None:
        known = ", ".join(f"{s.no}.1–{s.no}.{len(s.units)}" for s in engine.corpus.speeches)
        fail(f"没有编号为 {args.id} 的段落(可用编号:{known})")
    if args.json:
        near = engine.corpus.neighbours(unit.id, args.context, args.context)
        sys.stdout.write(json.dumps({
            "id": unit.id, "speech": engine.speech_title(unit.speech_no), "section": list(unit.section),
            "text": unit.text, "context": [{"id": u.id, "kind": u.kind, "text": u.text} for u in near],
        }, ensure_ascii=False, indent=2) + "\n")
        return 0
    console = _console()
    console.print(Text(engine.speech_title(unit.speech_no), style="bold"))
    for depth, heading in enumerate(unit.section):
        console.print(Text("  " * depth + heading, style="cyan"))
    for u in engine.corpus.neighbours(unit.id, args.context, args.context):
        mark = "▶ " if u.id == unit.id else "  "
        style = "bold" if u.id == unit.id else "dim"
        label = Text(f"{mark}{u.id} ", style="bold magenta" if u.id == unit.id else "dim")
        body = Text(u.text, style=("cyan " if u.kind == "heading" else "") + style)
        console.print(label + body)
    return 0


# ---- parser ------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="assistant",
        description="讲话语料问答助手:不带参数运行打开终端界面;子命令用于脚本。")
    add_corpus_arguments(parser)
    sub = parser.add_subparsers(dest="command")

    p = sub.add_parser("ask", help="提问并输出带引用的回答")
    p.add_argument("question", nargs="+", help="问题(用 - 从标准输入读取)")
    p.add_argument("-k", type=int, default=10, help="返回的检索结果数(默认 10)")
    p.add_argument("--json", action="store_true", help="输出 JSON(见 DESIGN.md 的约定)")
    p.add_argument("--full", action="store_true", help="来源显示整段原文")
    add_corpus_arguments(p)
    add_retrieval_arguments(p)
    _register_llm(p)
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("search", help="列出排名靠前的段落及得分")
    p.add_argument("query", nargs="+")
    p.add_argument("-k", type=int, default=10)
    p.add_argument("--json", action="store_true")
    add_corpus_arguments(p)
    add_retrieval_arguments(p)
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("show", help="显示某段落及其所在讲话的上下文,如 assistant show 2.21")
    p.add_argument("id")
    p.add_argument("-c", "--context", type=int, default=2, help="前后各显示几段(默认 2)")
    p.add_argument("--json", action="store_true")
    add_corpus_arguments(p)
    p.set_defaults(func=cmd_show)

    _register_eval(sub)
    return parser


def _register_llm(p: argparse.ArgumentParser) -> None:
    try:
        from .config import add_llm_arguments
    except ImportError:
        return
    add_llm_arguments(p)


def _register_eval(sub: Any) -> None:
    try:
        from .evaluation import add_eval_parser
    except ImportError:
        return
    add_eval_parser(sub)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        try:
            from .tui.app import run
        except ImportError as e:  # the TUI is optional for scripted use
            fail(f"无法启动终端界面:{e}")
        run(getattr(args, "corpus", None))
        return 0
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        warn("已取消。")
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
