"""Command line: ``assistant`` (TUI), ``assistant ask|search|show|eval``.

Every command goes through ``Engine``; the modules here only parse arguments and print:
``common`` (console, errors, shared options, loading the engine), ``ask``, ``search_show``,
``eval``. No library module imports this package.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from .common import (
    ASK_HELP,
    EVAL_HELP,
    EXIT_INPUT,
    EXIT_USAGE,
    SEARCH_HELP,
    SHOW_HELP,
    add_corpus_arguments,
    add_tui_llm_arguments,
    fail,
    stdout_to_devnull,
    warn,
)

if TYPE_CHECKING:
    from ..config import LLMConfig

__all__ = ["EXIT_INPUT", "EXIT_USAGE", "build_parser", "main"]


def tui_llm_config(args: argparse.Namespace) -> "LLMConfig | None":
    """The LLM settings given on the command line for the TUI (None: the TUI reads its own)."""
    if not any(getattr(args, name, None) for name in ("llm_base_url", "llm_model", "llm_api_key_env")):
        return None
    from ..config import ConfigError, load_config

    try:
        return load_config(args)
    except ConfigError as e:
        fail(str(e), EXIT_USAGE)


def keep_early_input() -> Callable[[], None]:
    """Take the terminal out of line mode while the TUI is imported (~0.3 s before Textual's
    driver takes it): in line mode the kernel keeps at most 4,095 bytes of a line and drops the
    rest until a newline, so a paste typed then (issue 16: keys before the first paint) lost all
    but its first ~1,300 Chinese characters, and every key was echoed. Returns what restores the
    mode, called before the driver starts: it saves the mode it finds and restores it on exit
    and on suspend, which must be the user's."""
    try:
        import termios
    except ImportError:   # Windows
        return lambda: None
    try:
        fd = sys.stdin.fileno()
        saved = termios.tcgetattr(fd)
        raw = termios.tcgetattr(fd)
        raw[3] &= ~(termios.ICANON | termios.ECHO)
        raw[6][termios.VMIN], raw[6][termios.VTIME] = 1, 0
        termios.tcsetattr(fd, termios.TCSANOW, raw)
    except (AttributeError, ValueError, OSError, termios.error):   # not a terminal
        return lambda: None
    return lambda: termios.tcsetattr(fd, termios.TCSANOW, saved)


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The whole command line; given the arguments, only the commands they name are built, and
    only their modules (and what their options need) imported. The others are named in the usage,
    never run: ``assistant`` alone starts the TUI without numpy and the index code (~60 ms
    before its first paint), ``ask`` without eval's question sets, YAML and reports (~0.1 s)."""
    parser = argparse.ArgumentParser(
        prog="assistant",
        description="讲话语料问答助手:不带参数运行打开终端界面;子命令用于脚本。")
    add_corpus_arguments(parser, before_subcommand=True)
    add_tui_llm_arguments(parser)
    sub = parser.add_subparsers(dest="command")

    def named(*commands: str) -> bool:
        return argv is None or any(c in argv for c in commands)

    if named("ask"):
        from . import ask

        ask.add_parser(sub)
    else:
        sub.add_parser("ask", help=ASK_HELP, add_help=False)
    if named("search", "show"):
        from . import search_show

        search_show.add_parsers(sub)
    else:
        sub.add_parser("search", help=SEARCH_HELP, add_help=False)
        sub.add_parser("show", help=SHOW_HELP, add_help=False)
    if named("eval"):
        from . import eval as eval_command

        eval_command.add_parser(sub)
    else:
        sub.add_parser("eval", help=EVAL_HELP, add_help=False)
    return parser


def main(argv: list[str] | None = None) -> int:
    # Ctrl+C at any moment (numpy's import while the parser is built takes a second) ends
    # with the same short note, never a traceback.
    try:
        return _main(sys.argv[1:] if argv is None else argv)
    except KeyboardInterrupt:
        warn("已取消。")
        return 130


def _main(argv: list[str]) -> int:
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    if hasattr(args, "corpus_before"):   # --corpus before the subcommand, and after it too
        args.corpus = args.corpus_before + getattr(args, "corpus", [])
        del args.corpus_before
    if args.command is None:
        # Start-up (Textual, numpy, the engine) keeps nearly every object it creates: the
        # cycle collector's ~170 passes over them took ~55 ms before the TUI could answer,
        # to find ~16,000 objects of garbage. The app turns it back on when the engine is
        # loaded (or fails to), and on exit.
        gc.disable()
        restore_terminal = keep_early_input()
        try:
            try:
                from ..tui.app import (
                    run,  # the TUI (and Textual) only when it is started
                )
            except ImportError as e:  # the TUI is optional for scripted use
                fail(f"无法启动终端界面:{e}")
            finally:
                restore_terminal()
            run(getattr(args, "corpus", None), tui_llm_config(args))
        finally:
            gc.enable()
        return 0
    try:
        return int(args.func(args) or 0)
    except BrokenPipeError:      # the reader went away (`| head -1`): no error
        stdout_to_devnull()
        return 0
