"""SVG snapshots of the main screens at 100×30 (pytest-textual-snapshot).

Update after an intended change of the layout with ``pytest tests/test_tui_snapshots.py
--snapshot-update`` and look at the SVGs in tests/__snapshots__/ before committing them.
Nothing on these screens varies between runs: no clock, timings are hidden
(``show_timings=False``), notifications are off in ``run_test`` and the cursor does not blink.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

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


# ---- conversation list, settings, find in the reader (issue 16) -------------------------
# Paths on these screens are relative to a temporary working directory, so they are the
# same on every run: data/conversations, config.toml.

def _relative_app(tmp_path: Path, engine: Any, monkeypatch: Any) -> SpeechAssistantApp:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ASSISTANT_CONFIG", "config.toml")
    return SpeechAssistantApp(engine_loader=lambda: engine, data_dir=Path("data"), show_timings=False,
                              reopen_last=False)


def test_conversation_list(snap_compare: Any, tmp_path: Path, engine: Any, monkeypatch: Any) -> None:
    from assistant import conversation as conv_store
    from assistant.conversation import Conversation, Exchange

    directory = tmp_path / "data" / "conversations"
    for i, (created, questions, name) in enumerate((("2026-11-30T09:00:00+08:00", [QUESTION], ""),
                                     ("2026-11-30T09:00:00+08:00", [QUESTION], ""),
                                     ("2026-12-01T10:30:00+08:00", [QUESTION, "那有什么例子?"], ""),
                                     ("2026-12-01T11:00:00+08:00", ["第一篇讲话提出要开展哪四个专项活动?"], "专项活动"))):
        conv = Conversation(id=f"c{i}", created=created, name=name)
        for q in questions:
            conv.add(Exchange(q, engine.ask(q, history=conv.turns()), asked_at=created))
        conv_store.save_conversation(conv, directory)
        conv.updated = created[:-6] + f".{i}+08:00"   # a fixed order: by start time, then as written
        conv_store._write(conv, directory / f"{conv.id}.json")

    async def run_before(pilot: Any) -> None:
        app = await _ready(pilot)
        await pilot.press("f4")
        await _wait(pilot, lambda: type(app.screen).__name__ == "ConversationsScreen")

    assert snap_compare(_relative_app(tmp_path, engine, monkeypatch), terminal_size=SIZE, run_before=run_before)


@pytest.mark.parametrize("size", [SIZE, (80, 24)], ids=["100x30", "80x24"])
def test_settings_screen(snap_compare: Any, tmp_path: Path, engine: Any, monkeypatch: Any,
                         size: tuple[int, int]) -> None:
    """At 80×24 too: the form down to its buttons, and the key hints whole (compact widgets)."""
    from assistant.tui import settings

    # The corpus's file is named by its absolute path, which differs between checkouts.
    real_info = settings.info_lines
    monkeypatch.setattr(settings, "info_lines", lambda sources, *rest: real_info(["seeds/讲话.txt"], *rest))
    (tmp_path / "config.toml").write_text('[llm]\nbase_url = "http://127.0.0.1:8080/v1"\nmodel = "llama3.1-8b"\n',
                                          encoding="utf-8")

    async def run_before(pilot: Any) -> None:
        app = await _ready(pilot)
        await pilot.press("f9")
        await _wait(pilot, lambda: type(app.screen).__name__ == "SettingsScreen")
        for box in app.screen.query("Input"):
            box.cursor_blink = False
        app.screen._fetched(["qwen2.5-7b-instruct", "llama3.1-8b", "smollm2-135m"], None)   # as /v1/models lists them

    assert snap_compare(_relative_app(tmp_path, engine, monkeypatch), terminal_size=size, run_before=run_before)


def test_reader_find(snap_compare: Any, tmp_path: Path, engine: Any) -> None:
    async def run_before(pilot: Any) -> None:
        app = await _ready(pilot)
        app.open_source("2.1", [])
        await _wait(pilot, lambda: isinstance(app.screen, ReaderScreen))
        await pilot.press("slash", *"塔西佗", "enter", "n")
        await pilot.pause(0.1)

    assert snap_compare(make_app(tmp_path, engine), terminal_size=SIZE, run_before=run_before)
