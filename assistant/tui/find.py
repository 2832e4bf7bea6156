"""Find in the reader: every occurrence of a text in the speech, stepped through with n / N.

What counts as an occurrence is the engine's business (``Engine.highlight_spans``, the same
matching that highlights the words of a question); this module only keeps the list and the
position in it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

from textual.binding import Binding
from textual.widgets import Input

from ..corpus import Unit

FIND_STYLE = "black on yellow"
CURRENT_STYLE = "bold black on dark_orange"

SpanFinder = Callable[[str, list[str]], list[tuple[int, int]]]


@dataclass(frozen=True)
class Match:
    unit_id: str
    start: int
    end: int


@dataclass
class FindState:
    query: str = ""
    matches: list[Match] = field(default_factory=list)
    current: int = -1

    @classmethod
    def search(cls, units: Iterable[Unit], query: str, spans: SpanFinder) -> "FindState":
        needle = query.strip().lower()
        found = [Match(u.id, s, e) for u in units for s, e in spans(u.text, [needle])] if needle else []
        return cls(query.strip(), found, 0 if found else -1)

    def step(self, by: int) -> Match | None:
        """The next (``by`` = 1) or previous (-1) match, wrapping around the speech."""
        if not self.matches:
            return None
        self.current = (self.current + by) % len(self.matches)
        return self.matches[self.current]

    def at(self) -> Match | None:
        return self.matches[self.current] if self.matches else None

    def spans_in(self, unit_id: str) -> list[tuple[int, int, bool]]:
        """The matches inside one unit, each with whether it is the current one."""
        now = self.at()
        return [(m.start, m.end, m == now) for m in self.matches if m.unit_id == unit_id]

    def label(self) -> str:
        if not self.query:
            return ""
        if not self.matches:
            return f"找不到「{self.query}」"
        return f"「{self.query}」 第 {self.current + 1}/{len(self.matches)} 处 · n 下一处 · N 上一处"


class FindBar(Input):
    """The text to find, at the bottom of the reader: Enter finds, Esc closes."""

    BINDINGS = [Binding("escape", "close", "关闭查找", show=False)]

    def action_close(self) -> None:
        # The reader keeps the matches highlighted (n / N still step); a second Esc clears them.
        closer = getattr(self.screen, "close_find_bar", None)
        if closer is not None:
            closer()
