"""Textual's footer, rebuilt once per burst of binding changes instead of once per change.

Textual's ``Footer`` queues a full recompose (every key widget created and styled again) for
each ``bindings_updated`` signal. At start the screen sends five in a row (focus, the app's and
the screen's reactives), and the five recomposes took ~0.25 s of the main thread right after
the first paint, beside the engine's loading thread (start-up time, issue 16). One recompose
after the last signal shows the same keys: ``compose`` reads the screen's bindings as they are
when it runs.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class KeysFooter(Footer):
    _recompose_queued = False

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or self._recompose_queued:
            return
        if self.is_attached and screen is self.screen:
            self._recompose_queued = True
            self.call_after_refresh(self._recompose_once)

    async def _recompose_once(self) -> None:
        # Cleared first: a change that arrives while this recompose runs queues the next one.
        self._recompose_queued = False
        await self.recompose()
