"""The footer is rebuilt when the keys it shows change, and only then (start-up time, issue 16)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_tui import make_app, ready, screen_text, wait_for

from assistant.engine import Engine
from assistant.tui.chat import ChatInput
from assistant.tui.footer import KeysFooter


async def test_footer_recomposes_only_when_its_keys_change(tmp_path: Path, engine: Engine,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    composed: list[int] = []
    compose = KeysFooter.compose

    def counting_compose(self: KeysFooter) -> Any:
        composed.append(1)
        return compose(self)

    monkeypatch.setattr(KeysFooter, "compose", counting_compose)
    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.pause(0.2)
        footer = app.chat_screen.query_one(KeysFooter)
        assert "⏎ 发送" in screen_text(app).splitlines()[-1]   # the question box's keys
        # Textual's footer composed five times by now (empty, then once per signal at start).
        assert len(composed) <= 3, composed
        before = len(composed)
        for _ in range(5):   # signals with the same bindings: nothing to rebuild
            app.chat_screen.refresh_bindings()
        await pilot.pause(0.1)
        assert len(composed) == before
        # A real change: away from the question box its keys go, and come back with it.
        app.chat_screen.set_focus(None)
        await wait_for(pilot, lambda: "发送" not in screen_text(app).splitlines()[-1])
        assert len(composed) == before + 1
        app.chat_screen.set_focus(app.query_one(ChatInput))
        await wait_for(pilot, lambda: "⏎ 发送" in screen_text(app).splitlines()[-1])
        assert len(composed) == before + 2
        assert footer.is_attached


@pytest.mark.parametrize("fails", [False, True])
async def test_footer_keys_wait_for_the_engine(tmp_path: Path, engine: Engine, fails: bool) -> None:
    """While the engine loads the footer's keys are not composed (~40 ms of the main thread
    beside the loading thread); they are once it is ready, or once it has failed."""
    import threading

    from textual.widgets._footer import FooterKey

    gate = threading.Event()

    def loader() -> Engine:
        gate.wait(10)
        if fails:
            raise RuntimeError("语料坏了")
        return engine

    app = make_app(tmp_path, loader)
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.timings.first_paint is not None)
        await pilot.pause(0.2)
        footer = app.chat_screen.query_one(KeysFooter)
        assert not footer.query(FooterKey)
        gate.set()
        await wait_for(pilot, lambda: app.engine is not None or app.load_error is not None)
        await wait_for(pilot, lambda: bool(footer.query(FooterKey)))
        assert "f1 帮助" in screen_text(app).splitlines()[-1]
        if not fails:
            assert "⏎ 发送" in screen_text(app).splitlines()[-1]
