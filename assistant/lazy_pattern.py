"""Regular expressions compiled when first used, not when their module is imported.

Python compiles a character class such as ``[\\u4e00-\\u9fff]`` by visiting each of its 21,000
code points, about a millisecond per class: the engine's ~100 module-level patterns took ~45 ms
at import, on the TUI's path to ready, though a question uses a few of them and the corpus
parser's are not used at all when the index comes from the cache. A ``LazyPattern`` stands
where the compiled pattern stood (same methods) and compiles on its first call.
"""

from __future__ import annotations

import re
import sys
from types import ModuleType
from typing import Callable, Iterator

__all__ = ["LazyPattern", "compile_patterns", "lazy_patterns"]


class LazyPattern:
    """``re.compile(pattern, flags)``, compiled on the first search, match, sub, …

    Two threads using it at once may both compile it; both get the same pattern."""

    __slots__ = ("pattern", "flags", "_compiled")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def is_compiled(self) -> bool:
        return self._compiled is not None

    def forget(self) -> None:
        """Back to uncompiled (tests: as in a new process)."""
        self._compiled = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.match(string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.fullmatch(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list:  # type: ignore[type-arg]
        return self.compiled.findall(string, pos, endpos)

    def split(self, string: str, maxsplit: int = 0) -> list[str | None]:
        return self.compiled.split(string, maxsplit)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        return self.compiled.sub(repl, string, count)

    def subn(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> tuple[str, int]:
        return self.compiled.subn(repl, string, count)

    @property
    def groups(self) -> int:
        return self.compiled.groups

    @property
    def groupindex(self) -> dict[str, int]:
        return dict(self.compiled.groupindex)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r})"


def lazy_patterns(*modules: ModuleType) -> Iterator[LazyPattern]:
    """The modules' top-level lazy patterns, also those in tuples and lists (the
    ``(name, pattern)`` tables)."""
    for module in modules:
        for value in list(vars(module).values()):
            for item in value if isinstance(value, (tuple, list)) else (value,):
                for pattern in item if isinstance(item, tuple) else (item,):
                    if isinstance(pattern, LazyPattern):
                        yield pattern


def compile_patterns(*modules: ModuleType) -> int:
    """Compile the modules' lazy patterns not compiled yet; returns how many."""
    todo = [p for p in lazy_patterns(*modules) if not p.is_compiled]
    for pattern in todo:
        pattern.compiled  # noqa: B018 (compiles it)
    return len(todo)
