"""Notifications in the layout, never floating over widgets (issue 16, item 10).

Textual draws its toasts in an overlay layer and cuts every overlay line wherever a widget
beneath it starts or ends; a wide (CJK) character across such a cut is replaced by blanks
("未配置大    接口"). So toasts take rows of their own on every screen (app.tcss): docked at the
bottom on the dialogs, and on screens with a footer moved into the flow above it, as a dock
there would share the footer's row and hide the last toast line.
"""

from __future__ import annotations

from textual.screen import Screen


def toasts_in_flow(screen: Screen) -> None:
    """Put ``screen``'s toast rack after its last widget (above the docked footer)."""
    for rack in screen.query_children("#textual-toastrack"):   # Textual's id for a screen's rack
        rack.add_class("-in-flow")
        screen.move_child(rack, after=screen.children[-1])
