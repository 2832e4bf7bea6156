"""The TUI's start-up order (issue 16): the engine loads after the first paint, and the cycle
collector is off from the command line's start until the engine is ready or has failed."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest
from test_tui import make_app, ready, screen_text, wait_for

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


def _uncompile_patterns() -> int:
    """Every lazy pattern of the engine's modules back to uncompiled, as in a new process."""
    from assistant import (
        corpus,
        enumeration,
        planner,
        speech_refs,
        structure,
        sufficiency,
        text_helpers,
    )
    from assistant.lazy_pattern import lazy_patterns

    patterns = list(lazy_patterns(corpus, enumeration, planner, speech_refs, structure, sufficiency, text_helpers))
    for pattern in patterns:
        pattern.forget()
    return len(patterns)


async def test_a_question_sent_the_moment_the_engine_is_loaded_is_answered(
        tmp_path: Path, engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    """The engine mark is honest: when it is marked, the engine answers a question at once,
    though the patterns questions use are still being compiled in the loading thread."""
    from test_tui import QUESTION

    from assistant.tui.chat import PLACEHOLDER_READY, ChatInput, ExchangeView

    expected = engine.ask(QUESTION).text
    assert _uncompile_patterns() > 50
    app = make_app(tmp_path, lambda: engine)
    mark_ready = app._engine_ready
    at_ready: list[tuple[bool, str]] = []

    def ready_and_ask(eng: Engine, warnings: list[str]) -> None:
        mark_ready(eng, warnings)
        box = app.query_one(ChatInput)
        at_ready.append((app.timings.engine is not None, box.placeholder))
        box.load_text(QUESTION)
        box.action_submit()   # as Enter does

    monkeypatch.setattr(app, "_engine_ready", ready_and_ask)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: bool(app.chat_screen.conversation.exchanges)
                       and app.chat_screen.current is None)
        assert at_ready == [(True, PLACEHOLDER_READY)]
        assert app.chat_screen.pending is None                 # asked at once, not kept for later
        exchange = app.chat_screen.conversation.exchanges[-1]
        assert exchange.question == QUESTION and exchange.answer is not None
        assert exchange.answer.text == expected and exchange.answer.citations
        assert list(app.query(ExchangeView))[-1].exchange is exchange


async def test_the_reopen_setting_is_read_after_ready(tmp_path: Path, engine: Engine,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading the config file (the config module, tomllib) is not on the way to the first
    paint or to ready: the setting is read when the last conversation would be reopened."""
    read_at: list[tuple[bool, bool]] = []

    def setting() -> bool:
        read_at.append((app.timings.first_paint is not None, app.timings.engine is not None))
        return False

    monkeypatch.setattr(tui_app, "_reopen_last_setting", setting)
    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await wait_for(pilot, lambda: bool(read_at))
        assert read_at == [(True, True)]
        assert app.reopen_last is False and read_at == [(True, True)]   # read once


@pytest.mark.parametrize("own", [False, True])
async def test_the_welcome_examples_fit_the_corpus_loaded(tmp_path: Path, engine: Engine, own: bool) -> None:
    # A user's own corpus has no 塔西佗陷阱: its welcome shows questions any speeches answer.
    app = make_app(tmp_path, lambda: engine, corpus_paths=[tmp_path] if own else None)
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        text = screen_text(app)
        assert ("塔西佗陷阱" in text) is not own
        assert ("第二篇讲话的第二点是什么" in text) is own
