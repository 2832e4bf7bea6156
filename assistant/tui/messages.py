"""Messages the TUI's widgets send up to their screen and the app (one place, as dataclasses)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from .chat import ExchangeView


@dataclass
class QuestionSubmitted(Message):
    """Enter in the question box."""

    text: str


@dataclass
class OpenSource(Message):
    """Read a cited paragraph in its speech (a source link, the sources panel, a citation)."""

    unit_id: str
    terms: list[str] = field(default_factory=list)
    # The text as cited (a saved conversation keeps it): the reader opens the paragraph only
    # while the corpus holds that text, not another corpus's paragraph with the same id.
    text: str | None = None


@dataclass
class ExchangeSelected(Message):
    """An exchange got focus or a click: the sources panel follows it."""

    view: "ExchangeView"


@dataclass
class CitationClicked(Message):
    """A marker [n] in an answer was clicked (n = 0: Enter on the exchange, its first source)."""

    view: "ExchangeView"
    n: int
