"""The TUI against a hostile new user: coloured pastes, a stalled model, 80 columns."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from fake_llm import fake_llm
from test_tui import (
    QUESTION,
    ask,
    ask_with_llm,
    llm_app,
    make_app,
    open_screen,
    ready,
    screen_text,
    wait_for,
)

from assistant.engine import Engine
from assistant.tui.app import SpeechAssistantApp
from assistant.tui.chat import ChatInput, ExchangeView


@pytest.mark.parametrize("delay, stall_after", [(0.0, 1), (1.0, None)], ids=["stalled", "token-per-second"])
async def test_escape_stops_a_slow_model_within_a_second(tmp_path: Path, engine: Engine,
                                                         delay: float, stall_after: int | None) -> None:
    reply = ["塔西佗陷阱是指", "公权力失去公信力", "时", "无论", "说什么", "做什么", "。"]
    with fake_llm(reply, delay=delay, stall_after=stall_after) as server:
        app = llm_app(tmp_path, engine, base_url=server.base_url)
        async with app.run_test(notifications=True, size=(110, 36)) as pilot:
            await ask_with_llm(pilot, app)
            await wait_for(pilot, lambda: "塔西佗陷阱是指" in screen_text(app))
            view = app.query_one(ExchangeView)
            await pilot.press("escape")
            t0 = time.monotonic()
            await wait_for(pilot, lambda: app.chat_screen.current is None, timeout=5)
            assert time.monotonic() - t0 < 1.0
            assert not view.has_class("-pending") and not view.has_class("-streaming")
            answer = view.exchange.answer
            assert answer is not None and answer.incomplete and "塔西佗陷阱是指" in answer.text


# ---- pastes -------------------------------------------------------------------------------
# What tmux's `paste-buffer -p` sends for `printf '什么是\033[31m墨菲\033[0m定律\n第二行'`:
# the paste bracketed, its line feed turned into a carriage return.
COLOURED = "什么是\x1b[31m墨菲\x1b[0m定律\r第二行"
OSC52 = "\x01\x1b]52;c;aGVsbG8=\x07什么是\x1b[31m墨菲\x1b[0m定律"


def terminal_events(raw: str, step: int) -> list[Any]:
    """The events the app's terminal parser makes of ``raw`` read ``step`` characters at a time."""
    from assistant.tui.paste import PasteSafeParser

    parser = PasteSafeParser()
    got: list[Any] = []
    for i in range(0, len(raw), step):
        got.extend(parser.feed(raw[i:i + step]))
    return got


@pytest.mark.parametrize("step", [1, 3, 4096])
def test_a_bracketed_paste_with_escapes_is_one_paste_event(step: int) -> None:
    from textual import events

    got = terminal_events("a\x1b[200~" + COLOURED + "\x1b[201~b", step)
    assert [type(e) for e in got] == [events.Key, events.Paste, events.Key]
    assert got[1].text == COLOURED and [got[0].key, got[2].key] == ["a", "b"]


def test_a_lone_escape_is_still_the_escape_key() -> None:
    import time

    from assistant.tui.paste import PasteSafeParser

    parser = PasteSafeParser()
    keys = [e.key for e in parser.feed("\x1b")]
    for _ in range(50):
        keys += [e.key for e in parser.tick()]
        if keys:
            break
        time.sleep(0.02)
    assert keys == ["escape"]


def test_text_read_while_the_program_starts_is_one_paste_per_run() -> None:
    """Typed (or pasted: the terminal does not mark pastes yet) before the app took the terminal,
    5,000 characters made 5,000 key presses, one TextArea insert each (~10 s); now each run of
    printable characters is one Paste, Enter and escape sequences stay keys; later, keys."""
    from textual import events

    from assistant.tui.paste import PasteSafeParser

    parser = PasteSafeParser()
    text = "作风" * 2500
    got = list(parser.feed(text + "\r")) + list(parser.feed("?\x1b[A"))
    assert [type(e) for e in got] == [events.Paste, events.Key, events.Key, events.Key]
    assert got[0].text == text and [e.key for e in got[1:]] == ["enter", "question_mark", "up"]
    parser._early_until = 0.0                  # past the start: typing as usual
    assert [e.key for e in parser.feed("ab")] == ["a", "b"]


def test_the_terminal_leaves_line_mode_while_the_tui_is_imported(monkeypatch: pytest.MonkeyPatch) -> None:
    """In line mode the kernel keeps 4,095 bytes of a line typed before the app takes the
    terminal (a 5,000-character paste kept ~1,300 characters): off while the TUI is imported,
    and the user's mode back before Textual's driver saves it."""
    import os
    import pty
    import select
    import termios
    import threading

    from assistant.cli import keep_early_input

    master, slave = pty.openpty()
    try:
        with os.fdopen(slave, "r", closefd=False) as tty_in:
            monkeypatch.setattr("sys.stdin", tty_in)
            before = termios.tcgetattr(slave)
            assert before[3] & termios.ICANON and before[3] & termios.ECHO
            restore = keep_early_input()
            during = termios.tcgetattr(slave)
            assert not during[3] & (termios.ICANON | termios.ECHO) and during[6][termios.VMIN] == 1
            data = ("作风" * 2500).encode()
            writer = threading.Thread(target=os.write, args=(master, data), daemon=True)
            writer.start()                          # blocks while the 4 KiB buffer is full
            got = b""
            deadline = time.monotonic() + 10
            while len(got) < len(data) and time.monotonic() < deadline:
                if select.select([slave], [], [], 0.2)[0]:
                    got += os.read(slave, 65536)
            writer.join(5)
            assert got == data                      # not cut to one 4 KiB line
            restore()
            assert termios.tcgetattr(slave) == before
    finally:
        os.close(master)
        os.close(slave)


async def test_a_paste_sent_to_the_screen_goes_into_the_focused_box(tmp_path: Path, engine: Engine) -> None:
    """A paste read while the program started reaches the chat screen before the box has
    focus and is handled after it took it: it is inserted, not taken as already inserted."""
    from textual import events

    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=(80, 24)) as pilot:
        await ready(pilot)
        box = app.query_one(ChatInput)
        assert app.focused is box
        app.screen.post_message(events.Paste("作风建设"))
        await pilot.pause()
        assert box.text == "作风建设"


def test_the_app_reads_the_terminal_with_the_paste_safe_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    from textual.drivers import linux_driver

    from assistant.tui.paste import PasteSafeParser

    monkeypatch.setattr(linux_driver, "XTermParser", linux_driver.XTermParser)   # restored afterwards
    app = SpeechAssistantApp(engine_loader=lambda: None)
    if app.get_driver_class() is linux_driver.LinuxDriver:
        assert linux_driver.XTermParser is PasteSafeParser


@pytest.mark.parametrize("raw, expected", [(COLOURED, "什么是墨菲定律\n第二行"), (OSC52, "什么是墨菲定律")],
                         ids=["colours", "osc52"])
async def test_a_coloured_paste_is_cleaned_and_not_sent(tmp_path: Path, engine: Engine, raw: str,
                                                        expected: str) -> None:
    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=(80, 24)) as pilot:
        await ready(pilot)
        for event in terminal_events("\x1b[200~" + raw + "\x1b[201~", 4096):
            app.post_message(event)
        await pilot.pause()
        box = app.query_one(ChatInput)
        assert box.text == expected
        assert not app.chat_screen.conversation.exchanges and app.chat_screen.current is None
        await pilot.press("enter")
        await wait_for(pilot, lambda: bool(app.chat_screen.conversation.exchanges))
        question = app.chat_screen.conversation.exchanges[0].question
        assert "\x1b" not in question and "[31m" not in question and "52;c" not in question
        assert "什么是墨菲定律" in question


async def test_a_paste_while_the_box_has_no_focus_is_cleaned(tmp_path: Path, engine: Engine) -> None:
    from textual import events

    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=(80, 24)) as pilot:
        await ready(pilot)
        app.set_focus(None)
        app.post_message(events.Paste(COLOURED))
        await pilot.pause()
        assert app.query_one(ChatInput).text == "什么是墨菲定律\n第二行"


# ---- 80 columns ---------------------------------------------------------------------------
async def test_help_keys_are_readable_at_80_columns(tmp_path: Path, engine: Engine) -> None:
    from assistant.tui.dialogs import HELP, HelpScreen

    app = make_app(tmp_path, lambda: engine)
    # 80 columns as a small terminal has; tall enough to show the whole text at once.
    async with app.run_test(notifications=True, size=(80, 160)) as pilot:
        await ready(pilot)
        await open_screen(pilot, "f1", HelpScreen)
        text = screen_text(app)
        assert "Ctrl…" not in text
        assert text.count("…") == HELP.count("…"), "a description is cut short"
        for key in ("Ctrl+J", "Ctrl+L", "Ctrl+U", "Ctrl+S", "Ctrl+N", "Ctrl+T", "Ctrl+R", "Ctrl+P", "Ctrl+Q",
                    "Ctrl+↑ / Ctrl+↓", "Tab / Shift+Tab"):
            assert key in text, key


async def test_tab_from_the_box_reaches_the_sources_shown_in_place_of_the_chat(tmp_path: Path, engine: Engine) -> None:
    from test_tui import ask
    from textual.widgets import OptionList

    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=(80, 24)) as pilot:
        await ready(pilot)
        await ask(pilot, QUESTION)
        await pilot.press("f2")
        await pilot.pause()
        screen = app.chat_screen
        screen.set_focus(screen.box)
        await pilot.press("tab")
        await pilot.pause()
        assert isinstance(app.focused, OptionList) and app.focused.id == "source-list"
        assert app.focused.region.width > 0   # visible, not a hidden answer
        screen.set_focus(screen.box)
        await pilot.press("enter")   # an empty box sends nothing
        await pilot.pause()
        assert len(screen.conversation.exchanges) == 1 and screen.current is None
        assert not any(n.severity == "error" for n in app._notifications)
        await pilot.press("f2")      # the chat is back: Tab goes to the answer again
        await pilot.pause()
        screen.set_focus(screen.box)
        await pilot.press("tab")
        await pilot.pause()
        assert isinstance(app.focused, ExchangeView)


async def test_o_in_the_reader_focuses_the_outline_and_gives_focus_back(tmp_path: Path, engine: Engine) -> None:
    from textual.widgets import Tree

    from assistant.tui.reader import ReaderScreen

    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=(80, 24)) as pilot:
        await ready(pilot)
        app.open_source("2.21", [])
        await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen))
        reader = app.screen
        outline = reader.query_one("#outline", Tree)
        for _ in range(2):   # shown at first: o hides it, o shows it again
            await pilot.press("o")
            await pilot.pause()
            if outline.display:
                assert app.focused is outline
                line = outline.cursor_line
                await pilot.press("down")
                await pilot.pause()
                assert outline.cursor_line == line + 1   # the arrows move in the outline
            else:
                assert app.focused is reader.query_one("#reader-text")
        await pilot.press("o")
        await pilot.pause()
        assert not outline.display and app.focused is reader.query_one("#reader-text")


async def test_every_damaged_conversation_file_is_named(tmp_path: Path, engine: Engine) -> None:
    from assistant import conversation as conv_store
    from assistant.tui.conversations import ConversationsScreen

    folder = conv_store.conversations_dir(tmp_path)
    folder.mkdir(parents=True)
    (folder / "damaged-one.json").write_text('{"id": "x", "exchanges": [', encoding="utf-8")
    (folder / "damaged-two.json").write_bytes(b"\xff\xfe not json")
    app = make_app(tmp_path, lambda: engine, reopen_last=False)
    async with app.run_test(notifications=True, size=(80, 24)) as pilot:
        await ready(pilot)
        await open_screen(pilot, "f4", ConversationsScreen)
        said = [n for n in app._notifications if "damaged" in n.message]
        assert len(said) == 1, "one toast names them all: several crowd each other out"
        assert "damaged-one.json" in said[0].message and "damaged-two.json" in said[0].message
        text = screen_text(app)
        assert "damaged-one.json" in text and "damaged-two.json" in text


async def test_the_empty_question_note_goes_once_a_question_is_typed(tmp_path: Path, engine: Engine) -> None:
    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=(110, 36)) as pilot:
        await ready(pilot)
        box = app.query_one(ChatInput)
        box.focus()
        await pilot.press("enter")   # nothing typed
        await wait_for(pilot, lambda: any(str(n.message).startswith("问题是空的") for n in app._notifications))
        await pilot.press("塔")   # (the note would stay 8 seconds: gone at once here)
        await wait_for(pilot, lambda: not any(str(n.message).startswith("问题是空的") for n in app._notifications), timeout=1.5)
        # …from the screen too, not only from the app's list of notes.
        await wait_for(pilot, lambda: not any(str(t._notification.message).startswith("问题是空的")
                                              for t in app.screen.query("Toast")), timeout=1.5)


async def test_a_new_conversation_drops_the_notes_on_the_one_left(tmp_path: Path, engine: Engine) -> None:
    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=(110, 36)) as pilot:
        await ready(pilot)
        await ask(pilot, QUESTION)
        app.say("注意:此对话引用的 1 段原文(1.1)在当前语料中已不存在或已改动", "warning", timeout=20)
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: not any("已不存在" in str(n.message) for n in app._notifications))


# ---- typing faster than the screen handles Enter ---------------------------------------------
async def test_each_enter_sends_only_what_was_typed_since_the_last(tmp_path: Path, engine: Engine) -> None:
    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=(110, 36)) as pilot:
        await ready(pilot)
        box = app.query_one(ChatInput)
        box.focus()
        # Enter, then the next question's keys, before the screen has handled the first Enter.
        box.load_text("第一篇讲话讲了什么?")
        box.action_submit()
        box.insert("第二篇讲话讲了什么?")
        box.action_submit()
        box.insert("第三篇讲话讲了什么?")
        box.action_submit()
        await wait_for(pilot, lambda: app.chat_screen.current is None and app.chat_screen.queued is None
                       and len(app.chat_screen.conversation.exchanges) >= 2, timeout=30)
        asked = [e.question for e in app.chat_screen.conversation.exchanges]
        assert asked[:2] == ["第一篇讲话讲了什么?", "第二篇讲话讲了什么?"], asked
        # The third is asked too, or (a question already waiting) kept in the box, never lost.
        assert "第三篇讲话讲了什么?" in asked or box.text == "第三篇讲话讲了什么?", (asked, box.text)
