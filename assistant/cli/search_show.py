"""``assistant search`` (ranked paragraphs with scores) and ``assistant show`` (a paragraph in its speech)."""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata

from .common import (
    SEARCH_HELP,
    SHOW_HELP,
    add_corpus_arguments,
    add_retrieval_arguments,
    fail,
    highlighted,
    load_engine,
    new_console,
    non_negative_int,
    positive_int,
    read_question,
)


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("search", help=SEARCH_HELP)
    p.add_argument("query", nargs="+")
    p.add_argument("-k", type=positive_int, default=10)
    p.add_argument("--json", action="store_true")
    add_corpus_arguments(p)
    add_retrieval_arguments(p)
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("show", help=SHOW_HELP)
    p.add_argument("id")
    p.add_argument("-c", "--context", type=non_negative_int, default=2, help="前后各显示几段(默认 2)")
    p.add_argument("--json", action="store_true")
    add_corpus_arguments(p)
    p.set_defaults(func=cmd_show)


def cmd_search(args: argparse.Namespace) -> int:
    from ..engine import QuestionError  # lazy: start-up, see cli/common.py

    engine = load_engine(args, quiet=args.json)
    try:
        hits = engine.search(read_question(args.query), k=args.k)
    except QuestionError as e:
        fail(str(e))
    if args.json:
        sys.stdout.write(json.dumps([h.to_json() for h in hits], ensure_ascii=False, indent=2) + "\n")
        return 0
    # lazy: --json needs no rich (start-up, see cli/common.py)
    from rich.table import Table
    from rich.text import Text

    console = new_console()
    if not hits:
        console.print("没有找到相关段落。")
        return 0
    table = Table(show_lines=True)
    table.add_column("#", justify="right")
    table.add_column("得分", justify="right")
    table.add_column("位置", max_width=36)
    table.add_column("段落", overflow="fold", ratio=1)
    for rank, h in enumerate(hits, 1):
        where = Text(f"{h.unit.id} · 第{h.unit.speech_no}篇\n{engine.corpus.where(h.unit)}")
        text = h.unit.text if len(h.unit.text) <= 160 else h.unit.text[:160] + "…"
        table.add_row(str(rank), f"{h.score:.2f}", where, highlighted(text, h.matched))
    console.print(table)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    engine = load_engine(args)
    if not args.id.strip():
        fail("段落编号是空的:请给出编号,如 assistant show 2.21")
    # (１.２ / 1。2 typed on a Chinese keyboard: the same id.)
    unit = engine.corpus.get(unicodedata.normalize("NFKC", args.id.strip()).replace("。", "."))
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
    from rich.text import Text  # lazy: --json needs no rich (start-up)

    console = new_console()
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
