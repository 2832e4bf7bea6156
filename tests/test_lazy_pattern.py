"""Patterns compiled on first use (assistant/lazy_pattern.py): they answer as re.compile's do,
and importing the engine compiles none of them (the TUI's start-up time, issue 16)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from assistant.lazy_pattern import LazyPattern, compile_patterns, lazy_patterns

ROOT = Path(__file__).resolve().parents[1]


def test_a_lazy_pattern_answers_as_the_compiled_one() -> None:
    source, text = r"(第([一二三四五六七八九十]+)篇)(讲话)?", "第三篇讲话和第十二篇,第五篇讲话"
    lazy, compiled = LazyPattern(source), re.compile(source)
    assert not lazy.is_compiled and lazy.pattern == source
    assert lazy.search(text).group(2) == compiled.search(text).group(2) == "三"  # type: ignore[union-attr]
    assert lazy.is_compiled
    assert lazy.search(text, 5).span() == compiled.search(text, 5).span()  # type: ignore[union-attr]
    assert lazy.match(text) is not None and lazy.match(text, 1) is None and lazy.fullmatch("第三篇讲话") is not None
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert lazy.findall(text) == compiled.findall(text)
    assert lazy.sub(r"<\2>", text) == compiled.sub(r"<\2>", text) == "<三>和<十二>,<五>"
    assert lazy.sub(lambda m: m.group(2), text, 1) == "三和第十二篇,第五篇讲话"
    assert lazy.subn("", text) == compiled.subn("", text)
    assert lazy.split(text) == compiled.split(text) and lazy.split(text, 1) == compiled.split(text, 1)
    assert lazy.groups == 3 and LazyPattern(r"(?P<n>\d)").groupindex == {"n": 1}
    assert LazyPattern("abc", re.IGNORECASE).search("xABC") is not None


def test_compile_patterns_finds_them_in_tables_too() -> None:
    import types

    module = types.ModuleType("m")
    module.ONE = LazyPattern("a")                                          # type: ignore[attr-defined]
    module.TABLE = (("b", LazyPattern("b")), ("c", LazyPattern("c")))      # type: ignore[attr-defined]
    module.LIST = [LazyPattern("d")]                                       # type: ignore[attr-defined]
    module.OTHER = re.compile("e")                                         # type: ignore[attr-defined]
    assert len(list(lazy_patterns(module))) == 4
    assert compile_patterns(module) == 4 and compile_patterns(module) == 0
    assert all(p.is_compiled for p in lazy_patterns(module))


def test_importing_the_engine_and_the_tui_compiles_no_lazy_pattern() -> None:
    code = """
import sys
import assistant.engine, assistant.tui.app
from assistant import corpus, enumeration, planner, speech_refs, structure, sufficiency, text_helpers, conversation
from assistant.lazy_pattern import lazy_patterns
mods = (corpus, enumeration, planner, speech_refs, structure, sufficiency, text_helpers, conversation)
patterns = list(lazy_patterns(*mods))
print(len(patterns), sum(p.is_compiled for p in patterns))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    total, compiled = map(int, out.stdout.split())
    assert total > 80 and compiled == 0
