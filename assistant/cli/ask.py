"""``assistant ask``: the answer with its [n] markers, then the cited sources.

With ``--llm`` the model's tokens stream to stdout, then each sentence's citation verdict.
rich is imported only where terminal output is printed: ``--json`` does without it (start-up,
see cli/common.py).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..config import ConfigError, LLMConfig, load_config, not_configured_hint
from ..results import (
    EXTRACTIVE_FOLLOWS,
    EXTRACTIVE_INSTEAD,
    FALLBACK_LABEL,
    Answer,
    Citation,
    fallback_note,
    fallback_problem,
)
from ..text_helpers import without_terminal_control
from .common import (
    ASK_HELP,
    add_corpus_arguments,
    add_llm_arguments,
    add_retrieval_arguments,
    fail,
    highlighted,
    load_engine,
    new_console,
    positive_int,
    read_question,
    warn,
)

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from ..engine import Engine

EXCERPT_CHARS = 240


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("ask", help=ASK_HELP)
    p.add_argument("question", nargs="+", help="问题(用 - 从标准输入读取)")
    p.add_argument("-k", type=positive_int, default=10, help="返回的检索结果数(默认 10)")
    p.add_argument("--json", action="store_true", help="输出 JSON(字段见 README)")
    p.add_argument("--full", action="store_true", help="来源显示整段原文")
    add_corpus_arguments(p)
    add_retrieval_arguments(p)
    add_llm_arguments(p)
    p.set_defaults(func=cmd_ask)


def excerpt(text: str, terms: list[str], width: int = EXCERPT_CHARS) -> str:
    """A window of ``text`` around its first matched term, so long paragraphs stay readable."""
    if len(text) <= width:
        return text
    from ..engine import Engine  # lazy: start-up, see cli/common.py

    spans = Engine.highlight_spans(text, terms)
    start = max(0, (spans[0][0] if spans else 0) - width // 4)
    end = min(len(text), start + width)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def print_sources(console: Console, citations: Sequence[Citation], label: str = "来源", full: bool = False) -> None:
    from rich.text import Text  # lazy: start-up (module docstring)

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
        console.print(Text("    ") + highlighted(body, c.matched))


def cmd_ask(args: argparse.Namespace) -> int:
    from ..engine import QuestionError  # lazy: start-up, see cli/common.py

    question = read_question(args.question)
    engine = load_engine(args, quiet=args.json)
    use_llm = bool(getattr(args, "llm", False))
    try:
        answer = ask_with_llm(engine, question, args) if use_llm else engine.ask(question, k=args.k)
    except QuestionError as e:
        if args.json:   # a script reading stdout gets an object that says why, not nothing
            sys.stdout.write(json.dumps({"error": str(e)}, ensure_ascii=False) + "\n")
        fail(str(e))
    if args.json:
        sys.stdout.write(json.dumps(answer.to_json(), ensure_ascii=False, indent=2) + "\n")
        return 0
    from rich.text import Text  # lazy: start-up (module docstring)

    console = new_console()
    if not use_llm:
        console.print(Text(answer.text))
    for note in answer.notes:
        # said on stderr already, as the engine loaded; or above the answer (the LLM failed)
        if (note != engine.embeddings_reason and note not in engine.embeddings_notices
                and (not use_llm or fallback_problem(note) is None)):
            console.print(Text(note, style="dim"))
    print_sources(console, answer.all_citations, full=args.full)
    if not args.full and any(len(c.unit.text) > EXCERPT_CHARS for c in answer.all_citations):
        console.print(Text("(来源只显示匹配处附近;--full 显示全文,assistant show 编号 查看上下文)", style="dim"))
    return 0


# ---- --llm ---------------------------------------------------------------------------

_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def _terminal_safe(text: str) -> str:
    """Model output may carry escape sequences; a reply must not drive the terminal."""
    return _UNPRINTABLE.sub("", without_terminal_control(text))


def verdict_lines(answer: Answer) -> list[Text]:
    """Rich ``Text`` lines with the citation verdict of each sentence (✓ / ✗)."""
    from rich.text import Text  # lazy: start-up (module docstring)

    lines: list[Text] = []
    for s in answer.sentences:
        marks = "".join(f"[{n}]" for n in s.citations)
        body = Text(_terminal_safe(s.text))
        if s.supported is True:
            lines.append(Text("✓ ", style="green") + Text(marks + " ", style="cyan") + body)
        elif s.supported is False and not s.citations:
            lines.append(Text("✗ 无引用 ", style="red") + body)
        elif s.supported is False:
            lines.append(Text("✗ ", style="red") + Text(marks + " ", style="cyan") + body
                         + Text("(所引资料不支持)", style="red"))
        else:
            lines.append(Text("· ", style="dim") + Text(_terminal_safe(s.text), style="dim"))
    return lines


def ask_with_llm(engine: Engine, question: str, args: argparse.Namespace) -> Answer:
    """Answer for ``assistant ask --llm``: stream tokens to stdout, then the verdicts."""
    # Imported here, not at the top: httpx is loaded only when the LLM is used.
    from rich.text import Text

    from ..llm import answer_with_llm

    json_mode = bool(getattr(args, "json", False))
    out = new_console()
    err = new_console(stderr=True)   # (soft-wrapped: a long message is not broken mid-sentence)
    k = int(getattr(args, "k", 10) or 10)
    problem = ""
    try:
        config = load_config(args)
        for notice in config.notices:
            warn(notice)
    except ConfigError as e:
        problem = str(e)
        if any(n.startswith(problem) for n in engine.embeddings_notices):
            problem = "该配置文件中的大模型设置也未生效"   # the file's problem was said once already
        config = LLMConfig()
    # A base URL without a model: the server's only model, when it serves one.
    from ..llm.models import resolve_model

    config, why = resolve_model(config)
    if why:
        problem = why
    if not config.is_configured() and not json_mode:
        # The problem, then on a line of its own what follows (README, Limits).
        err.print(Text("提示:", style="yellow") + Text(problem or not_configured_hint()))
        err.print(Text(EXTRACTIVE_FOLLOWS))
    streamed: list[str] = []

    def show(token: str) -> None:
        streamed.append(token)
        sys.stdout.write(_terminal_safe(token))
        sys.stdout.flush()

    answer = answer_with_llm(engine, question, config, on_token=None if json_mode else show, k=k)
    if not config.is_configured():
        hint = not_configured_hint(consequence=EXTRACTIVE_INSTEAD)
        answer.notes = [n for n in answer.notes if n != hint]
        if json_mode:   # after the answer: no 以下
            answer.notes.append(fallback_note(problem) if problem else hint)
    if json_mode:
        return answer
    if streamed:
        sys.stdout.write("\n")
        sys.stdout.flush()
    if answer.mode == "extractive":
        # The LLM failed: the problem, then on a line of its own what follows (README, Limits).
        problems = [p for n in answer.notes if (p := fallback_problem(n)) is not None]
        for p in problems:
            out.print(Text(p, style="dim"))
        if problems:
            out.print(Text(EXTRACTIVE_FOLLOWS))
        elif streamed:
            out.print(Text("(大模型的回答不可用,以下为抽取式回答)", style="yellow"))
        out.print(Text(answer.text))
        return answer
    if not streamed:   # non-streamed reply
        out.print(Text(_terminal_safe(answer.text)))
    out.print(Text("\n引用核对" + ("(回答不完整)" if answer.incomplete else ""), style="bold"))
    for line in verdict_lines(answer):
        out.print(line)
    if answer.fallback is not None:
        out.print(Text(f"\n{FALLBACK_LABEL}:", style="bold yellow"))
        out.print(Text(answer.fallback.text))
    return answer
