"""Textual's footer, rebuilt only when the keys it shows change.

Textual's ``Footer`` queues a full recompose (every key widget created and styled again) for
each ``bindings_updated`` signal, changed or not. At start the screen sends five (focus, twice;
the screen's resume; the focus changes' deferred refreshes), and the five recomposes took
~0.25 s of the main thread right after the first paint, beside the engine's loading thread
(start-up time, issue 16). Here one queued recompose serves every signal until it runs, and it
is skipped when the bindings it would show are those already shown. While the TUI starts (the
app's engine loading, none loaded or failed yet) the keys wait until it is ready: composing
them took ~40 ms of the main thread beside the loading thread, and the footer is the one
thing on the first screen that is no use before a question can be answered.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class KeysFooter(Footer):
    _recompose_queued = False
    _shown: Any = None   # the bindings the keys were composed from (None: none yet)
    _held = False        # the app's engine is loading: keys composed once it is ready

    def on_mount(self) -> None:
        super().on_mount()
        app = self.app
        if getattr(app, "engine", True) is None and not getattr(app, "load_error", None):
            self._held = True
            for name in ("engine", "load_error"):
                self.watch(app, name, self._loaded, init=False)

    def _loaded(self, _value: object) -> None:
        if self._held:
            self._held = False
            if self._bindings_ready and self.is_attached:
                self.bindings_changed(self.screen)

    def _bindings_shown(self) -> Any:
        """Everything ``Footer.compose`` reads: equal values compose equal keys."""
        return (self.compact, self.show_command_palette, self.combine_groups,
                tuple((binding, enabled, tooltip)
                      for _node, binding, enabled, tooltip in self.screen.active_bindings.values()))

    def compose(self) -> ComposeResult:
        self._shown = self._bindings_shown() if self._bindings_ready else None
        for widget in super().compose():
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                # A FooterKey starts compact and the footer's data_bind makes it not: each
                # change recomputes its styles, twice a key, ~80 ms for the chat screen's keys
                # right after the first paint (beside the engine's loading thread). Starting
                # with the footer's value changes nothing, so nothing is recomputed.
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if self._held or not screen.app.app_focus or self._recompose_queued:
            return
        if self.is_attached and screen is self.screen:
            self._recompose_queued = True
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        # Cleared first: a change that arrives while this recompose runs queues the next one.
        self._recompose_queued = False
        if self.is_attached and self._bindings_shown() != self._shown:
            await self.recompose()
