"""SVG snapshots of the main screens at 100×30 (pytest-textual-snapshot).

Update after an intended change of the layout with ``pytest tests/test_tui_snapshots.py
--snapshot-update`` and look at the SVGs in tests/__snapshots__/ before committing them.
Nothing on these screens varies between runs: no clock, timings are hidden
(``show_timings=False``), notifications are off in ``run_test`` and the cursor does not blink.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assistant.tui.app import SpeechAssistantApp
from assistant.tui.browser import CorpusBrowserScreen
from assistant.tui.chat import ChatInput
from assistant.tui.reader import ReaderScreen

SIZE = (100, 30)
QUESTION = "什么是塔西佗陷阱?"


def make_app(tmp_path: Path, engine: Any) -> SpeechAssistantApp:
    return SpeechAssistantApp(engine_loader=lambda: engine, data_dir=tmp_path, show_timings=False)


async def _ready(pilot: Any) -> SpeechAssistantApp:
    app: SpeechAssistantApp = pilot.app
    for _ in range(400):
        if app.engine is not None:
            break
        await pilot.pause(0.025)
    assert app.engine is not None
    box = app.query_one(ChatInput)
    box.cursor_blink = False
    return app


async def _wait(pilot: Any, cond: Any) -> None:
    for _ in range(400):
        if cond():
            break
        await pilot.pause(0.025)
    assert cond()
    await pilot.pause(0.1)


def test_main_screen_after_answer(snap_compare: Any, tmp_path: Path, engine: Any) -> None:
    async def run_before(pilot: Any) -> None:
        app = await _ready(pilot)
        app.query_one(ChatInput).load_text(QUESTION)
        await pilot.press("enter")
        await _wait(pilot, lambda: app.chat_screen.current is None and bool(app.chat_screen.conversation.exchanges))

    assert snap_compare(make_app(tmp_path, engine), terminal_size=SIZE, run_before=run_before)


def test_reader(snap_compare: Any, tmp_path: Path, engine: Any) -> None:
    async def run_before(pilot: Any) -> None:
        app = await _ready(pilot)
        app.open_source("2.21", ["塔西佗陷阱"])
        await _wait(pilot, lambda: isinstance(app.screen, ReaderScreen))

    assert snap_compare(make_app(tmp_path, engine), terminal_size=SIZE, run_before=run_before)


def test_corpus_browser(snap_compare: Any, tmp_path: Path, engine: Any) -> None:
    async def run_before(pilot: Any) -> None:
        app = await _ready(pilot)
        await pilot.press("f3")
        await _wait(pilot, lambda: isinstance(app.screen, CorpusBrowserScreen))
        await pilot.press("down", "down")

    assert snap_compare(make_app(tmp_path, engine), terminal_size=SIZE, run_before=run_before)


def test_copy_menu(snap_compare: Any, tmp_path: Path, engine: Any) -> None:
    from assistant.tui.copying import CopyScreen

    async def run_before(pilot: Any) -> None:
        app = await _ready(pilot)
        app.query_one(ChatInput).load_text("第三篇讲话分为哪几个部分?")
        await pilot.press("enter")
        await _wait(pilot, lambda: app.chat_screen.current is None and bool(app.chat_screen.conversation.exchanges))
        await pilot.press("f6")
        await _wait(pilot, lambda: isinstance(app.screen, CopyScreen))

    assert snap_compare(make_app(tmp_path, engine), terminal_size=SIZE, run_before=run_before)
