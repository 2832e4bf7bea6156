"""Textual's footer, rebuilt only when the keys it shows change.

Textual's ``Footer`` queues a full recompose (every key widget created and styled again) for
each ``bindings_updated`` signal, changed or not. At start the screen sends five (focus, twice;
the screen's resume; the focus changes' deferred refreshes), and the five recomposes took
~0.25 s of the main thread right after the first paint, beside the engine's loading thread
(start-up time, issue 16). Here one queued recompose serves every signal until it runs, and it
is skipped when the bindings it would show are those already shown.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer


class KeysFooter(Footer):
    _recompose_queued = False
    _shown: Any = None   # the bindings the keys were composed from (None: none yet)

    def _bindings_shown(self) -> Any:
        """Everything ``Footer.compose`` reads: equal values compose equal keys."""
        return (self.compact, self.show_command_palette, self.combine_groups,
                tuple((binding, enabled, tooltip)
                      for _node, binding, enabled, tooltip in self.screen.active_bindings.values()))

    def compose(self) -> ComposeResult:
        self._shown = self._bindings_shown() if self._bindings_ready else None
        yield from super().compose()

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or self._recompose_queued:
            return
        if self.is_attached and screen is self.screen:
            self._recompose_queued = True
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        # Cleared first: a change that arrives while this recompose runs queues the next one.
        self._recompose_queued = False
        if self.is_attached and self._bindings_shown() != self._shown:
            await self.recompose()
