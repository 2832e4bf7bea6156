"""Notifications in the layout, never floating over widgets (issue 16, item 10).

Textual draws its toasts in an overlay layer and cuts every overlay line wherever a widget
beneath it starts or ends; a wide (CJK) character across such a cut is replaced by blanks
("未配置大    接口"). So toasts take rows of their own on every screen (app.tcss): docked at the
bottom on the dialogs, and on screens with a footer moved into the flow above it, as a dock
there would share the footer's row and hide the last toast line.

Their text is broken as the chat's is (linebreak.py): Textual wraps at spaces, so a message
with a space before a long Chinese run ("此对话引用的 4 段原文(…)在当前语料中…", shown after
``assistant --corpus DIR`` reopened a conversation) broke after the "4" and left most of
the first row empty.
"""

from __future__ import annotations

from textual.content import Content
from textual.screen import Screen
from textual.widgets import _toast

from .linebreak import LineBroken, broken


class LineBrokenToast(_toast.Toast):
    """Textual's toast with its title and message broken by the Chinese rules."""

    def render(self) -> LineBroken:   # type: ignore[override]
        content = super().render()
        return broken(content if isinstance(content, Content) else str(content))


def use_line_broken_toasts() -> None:
    """Make every toast rack show ``LineBrokenToast``: the rack builds its toasts from its
    module's ``Toast`` and offers no hook (as paste.py does for the driver's parser)."""
    _toast.Toast = LineBrokenToast  # type: ignore[misc]


def toasts_in_flow(screen: Screen) -> None:
    """Put ``screen``'s toast rack after its last widget (above the docked footer)."""
    for rack in screen.query_children("#textual-toastrack"):   # Textual's id for a screen's rack
        rack.add_class("-in-flow")
        screen.move_child(rack, after=screen.children[-1])
