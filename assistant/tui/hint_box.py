"""A dialog's box whose bottom border lists its keys, as many whole hints as fit its width.

Textual crops a border subtitle that does not fit cell by cell and ends it with "…"; a wide
(CJK) character cut at the edge left a blank cell before it ("删除 ·  …" when F4 shrank).
Dropping whole hints from the end never cuts one.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from textual import events
from textual.containers import Vertical, VerticalScroll

SEPARATOR = " · "
# Cells of the bottom border the subtitle cannot use: the two corners, and the rule and space
# Textual keeps on each side of a label.
BORDER_CELLS = 6


def fit_hints(hints: Sequence[str], width: int) -> str:
    """The longest run of ``hints`` from the first, joined, that fits ``width`` cells."""
    shown: list[str] = []
    for hint in hints:
        if cell_len(SEPARATOR.join([*shown, hint])) > width:
            break
        shown.append(hint)
    return SEPARATOR.join(shown)


class FittedHints:
    """Mixed into a container: its ``border_subtitle`` is ``hints``, fitted again at every resize."""

    border_subtitle: str

    def __init__(self, *children: object, hints: Sequence[str], **kwargs: object) -> None:
        super().__init__(*children, **kwargs)  # type: ignore[call-arg]
        self.hints = list(hints)

    def on_resize(self, event: events.Resize) -> None:
        self.border_subtitle = fit_hints(self.hints, event.size.width - BORDER_CELLS)


class HintBox(FittedHints, Vertical):
    """The F4 list's box."""


class HintScrollBox(FittedHints, VerticalScroll):
    """The settings form's box, which scrolls when the terminal is short."""
