"""The TUI's start-up order (issue 16): the engine loads after the first paint, and the cycle
collector is off from the command line's start until the engine is ready or has failed."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest
from test_tui import make_app, ready, wait_for

import assistant.tui.app as tui_app
from assistant.cli import main
from assistant.engine import Engine


@pytest.fixture
def collector_restored() -> Any:
    yield
    gc.enable()


def test_assistant_alone_runs_the_tui_with_the_collector_off(monkeypatch: pytest.MonkeyPatch,
                                                             collector_restored: None) -> None:
    seen: list[bool] = []
    monkeypatch.setattr(tui_app, "run", lambda *a: seen.append(gc.isenabled()))
    assert main([]) == 0
    assert seen == [False]
    assert gc.isenabled()


def test_collector_back_on_after_the_tui_fails(monkeypatch: pytest.MonkeyPatch, collector_restored: None) -> None:
    def broken(*a: Any) -> None:
        raise RuntimeError("terminal gone")

    monkeypatch.setattr(tui_app, "run", broken)
    with pytest.raises(RuntimeError):
        main([])
    assert gc.isenabled()


async def test_engine_loads_after_the_first_paint_and_turns_the_collector_on(
        tmp_path: Path, engine: Engine, collector_restored: None) -> None:
    painted: list[bool] = []

    def loader() -> Engine:
        painted.append(app.timings.first_paint is not None)
        return engine

    app = make_app(tmp_path, loader)
    gc.disable()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert painted == [True]
        assert gc.isenabled()


async def test_collector_back_on_when_the_engine_fails(tmp_path: Path, collector_restored: None) -> None:
    def loader() -> Engine:
        raise OSError("disk gone")

    app = make_app(tmp_path, loader)
    gc.disable()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.load_error is not None)
        assert gc.isenabled()
