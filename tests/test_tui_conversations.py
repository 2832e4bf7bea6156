"""The conversation list (F4) and reopening the last conversation at start, driven with Pilot."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from test_tui import ask, make_app, open_screen, ready, screen_text, wait_for

from assistant import conversation as conv_store
from assistant.conversation import Conversation, Exchange
from assistant.engine import Engine
from assistant.tui.chat import ExchangeView
from assistant.tui.conversations import ConfirmScreen, ConversationsScreen, RenameScreen
from assistant.tui.sources import SourcesPanel

QUESTIONS = ["什么是塔西佗陷阱?", "墨菲定律是什么?", "第一篇讲话提出要开展哪四个专项活动?", "那第二点呢?"]


def save(engine: Engine, directory: Path, questions: list[str], created: str, mtime: float,
         name: str = "", corpus: str = "") -> Conversation:
    conv = Conversation(created=created, name=name, corpus=corpus)
    history: list = []
    for q in questions:
        answer = engine.ask(q, history=history)
        conv.add(Exchange(q, answer))
        history = conv.turns()
    path = conv_store.save_conversation(conv, directory)
    os.utime(path, (mtime, mtime))
    return conv


def save_two(engine: Engine, tmp_path: Path) -> tuple[Conversation, Conversation]:
    """Two saved conversations of one question each, the older first."""
    conv_dir = conv_store.conversations_dir(tmp_path)
    return (save(engine, conv_dir, QUESTIONS[:1], "2026-11-30T09:00:00+00:00", 1000),
            save(engine, conv_dir, QUESTIONS[1:2], "2026-11-30T10:00:00+00:00", 1001))


def test_labels_are_distinct_and_search_matches_questions(tmp_path: Path, engine: Engine) -> None:
    a = save(engine, tmp_path, QUESTIONS[:1], "2026-11-30T09:00:00+00:00", 1000)
    b = save(engine, tmp_path, QUESTIONS[:1], "2026-11-30T09:00:00+00:00", 1001)
    c = save(engine, tmp_path, QUESTIONS[:1], "2026-12-01T10:30:00+00:00", 1002)
    saved, problems = conv_store.list_conversations(tmp_path)
    assert not problems and {s.id for s in saved} == {a.id, b.id, c.id}
    labels = conv_store.distinct_labels(saved)
    assert len(set(labels)) == 3
    assert any("2026-12-01 10:30" in label for label in labels)
    assert all(label.startswith("什么是塔西佗陷阱?") for label in labels)
    d = save(engine, tmp_path, QUESTIONS[2:4], "2026-12-01T11:00:00+00:00", 1003)
    found = conv_store.list_conversations(tmp_path)[0]
    # a later question counts, full-width and traditional forms too
    assert [s.id for s in found if s.matches("第二點")] == [d.id]
    assert [s.id for s in found if s.matches("专项 活动")] == [d.id]
    assert conv_store.latest_conversation(tmp_path) == d.path
    # A damaged file saved after it is passed over: the last conversation that reads is reopened.
    broken = tmp_path / "20991231-000000-broken.json"
    broken.write_text('{"id": "broken", "turns": [', encoding="utf-8")
    os.utime(broken, (2000, 2000))
    assert conv_store.latest_conversation(tmp_path) == d.path


async def test_list_filters_renames_and_deletes(tmp_path: Path, engine: Engine) -> None:
    first, second = save_two(engine, tmp_path)
    app = make_app(tmp_path, lambda: engine, reopen_last=False)
    async with app.run_test(notifications=True, size=(110, 36)) as pilot:
        await ready(pilot)
        screen = await open_screen(pilot, "f4", ConversationsScreen)
        text = screen_text(app)
        assert "什么是塔西佗陷阱? · 2026-11-30" in text and "墨菲定律是什么?" in text
        await pilot.press(*"墨菲")
        await pilot.pause(0.1)
        assert [s.id for s in screen.shown] == [second.id]
        await pilot.press("f2")
        await wait_for(pilot, lambda: isinstance(app.screen, RenameScreen))
        await pilot.press(*"定律讨论", "enter")
        await wait_for(pilot, lambda: app.screen is screen)
        assert json.loads(second.path.read_text(encoding="utf-8"))["name"] == "定律讨论"
        assert "定律讨论 · 2026-11-30 10:00" in screen_text(app)
        # clear the search: both again; delete the first, after confirming
        screen.query_one("#conversation-filter").value = ""
        await pilot.pause(0.1)
        assert len(screen.shown) == 2
        await pilot.press("down")      # into the list
        for _ in range(3):
            if screen.shown[screen.query_one("#conversation-list").highlighted].id == first.id:
                break
            await pilot.press("down")
        await pilot.press("delete")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("n")                       # no: nothing happens
        await wait_for(pilot, lambda: app.screen is screen)
        assert first.path.exists()
        await pilot.press("delete")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_for(pilot, lambda: app.screen is screen)
        assert not first.path.exists() and [s.id for s in screen.shown] == [second.id]
        await pilot.press("enter")
        await wait_for(pilot, lambda: bool(app.query(ExchangeView)))
        assert app.chat_screen.conversation.id == second.id
        assert app.chat_screen.sub_title == "定律讨论"


async def test_renaming_the_open_conversation_survives_its_next_save(tmp_path: Path, engine: Engine) -> None:
    conv_dir = conv_store.conversations_dir(tmp_path)
    conv = save(engine, conv_dir, QUESTIONS[:1], "2026-11-30T09:00:00+00:00", 1000)
    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=(110, 36)) as pilot:
        await ready(pilot)
        await wait_for(pilot, lambda: app.chat_screen.conversation.id == conv.id)   # reopened at start
        await open_screen(pilot, "f4", ConversationsScreen)
        await pilot.press("f2")
        await wait_for(pilot, lambda: isinstance(app.screen, RenameScreen))
        await pilot.press(*"我的标题", "enter")
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is app.chat_screen)


        await ask(pilot, "那有什么例子?")
        assert json.loads(conv.path.read_text(encoding="utf-8"))["name"] == "我的标题"
        # deleting the open conversation starts a new one, and the file stays deleted
        await open_screen(pilot, "f4", ConversationsScreen)
        await pilot.press("down", "delete")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is app.chat_screen)
        assert not conv.path.exists() and not app.chat_screen.conversation.exchanges


async def test_last_conversation_reopens_at_start_with_matching_sources(tmp_path: Path, engine: Engine) -> None:
    conv_dir = conv_store.conversations_dir(tmp_path)
    save(engine, conv_dir, QUESTIONS[:1], "2026-11-30T09:00:00+00:00", 1000)
    last = save(engine, conv_dir, QUESTIONS * 2, "2026-11-30T10:00:00+00:00", 2000)
    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=(100, 30)) as pilot:
        await ready(pilot)
        chat = app.chat_screen
        await wait_for(pilot, lambda: chat.conversation.id == last.id and chat.selected is not None)
        await pilot.pause(0.3)
        views = list(app.query(ExchangeView))
        assert len(views) == len(QUESTIONS) * 2
        panel = app.query_one(SourcesPanel)
        assert panel.answer is views[-1].exchange.answer and chat.selected is views[-1]
        # the answer the sources belong to is the one on screen
        log = app.query_one("#chat")
        assert views[-1].region.overlaps(log.region)
        assert "那第二点呢?" in screen_text(app)


async def test_reopen_at_start_can_be_turned_off(tmp_path: Path, engine: Engine,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    save(engine, conv_store.conversations_dir(tmp_path), QUESTIONS[:1], "2026-11-30T09:00:00+00:00", 1000)
    config = tmp_path / "config.toml"
    config.write_text("[tui]\nreopen_last = false\n", encoding="utf-8")
    monkeypatch.setenv("ASSISTANT_CONFIG", str(config))
    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.pause(0.3)   # as long as a reopening would take
        assert not app.chat_screen.conversation.exchanges and not app.query(ExchangeView)


async def test_conversation_from_another_corpus_says_which_citations_are_gone(tmp_path: Path, engine: Engine) -> None:
    conv_dir = conv_store.conversations_dir(tmp_path)
    conv = save(engine, conv_dir, QUESTIONS[:1], "2026-11-30T09:00:00+00:00", 1000)
    data = json.loads(conv.path.read_text(encoding="utf-8"))
    cited = data["exchanges"][0]["answer"]["citations"][0]["unit"]
    cited["id"] = "9.99"     # a unit this corpus does not have
    conv.path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=(120, 36)) as pilot:
        await ready(pilot)
        await wait_for(pilot, lambda: any("9.99" in n.message for n in app._notifications))
        note = next(n.message for n in app._notifications if "9.99" in n.message)
        assert "在当前语料中已不存在或已改动" in note
        # the saved text is still shown in the sources panel
        assert app.query_one(SourcesPanel).answer.citations[0].unit.id == "9.99"


async def test_the_last_conversation_of_this_corpus_is_reopened_not_one_of_another(
        tmp_path: Path, engine: Engine) -> None:
    """Started on another corpus, the conversation saved last over it is reopened, not the
    newer one about other speeches; a question asked is kept as asked over this corpus."""
    conv_dir = conv_store.conversations_dir(tmp_path)
    here = conv_store.corpus_identity(None)
    mine = save(engine, conv_dir, QUESTIONS[:1], "2026-11-30T09:00:00+00:00", 1000, corpus=here)
    save(engine, conv_dir, QUESTIONS[1:2], "2026-11-30T10:00:00+00:00", 1001,
         corpus=conv_store.corpus_identity([tmp_path / "其他讲话"]))
    app = make_app(tmp_path, lambda: engine, reopen_last=True)
    async with app.run_test(notifications=True, size=(110, 36)) as pilot:
        await ready(pilot)
        chat = app.chat_screen
        await wait_for(pilot, lambda: chat.conversation.id == mine.id)
        await pilot.press("ctrl+n")
        await ask(pilot, QUESTIONS[2])
        await wait_for(pilot, lambda: chat.conversation.path is not None)
        saved = json.loads(chat.conversation.path.read_text(encoding="utf-8"))
        assert saved["corpus"] == here
    # None of this corpus: a new conversation, not the other corpus's
    other = make_app(tmp_path, lambda: engine, reopen_last=True)
    other.corpus_paths = [tmp_path / "第三个语料"]
    async with other.run_test(notifications=True, size=(110, 36)) as pilot:
        await ready(pilot)
        await pilot.pause(0.3)   # as long as a reopening would take
        assert not other.chat_screen.conversation.exchanges


async def test_last_conversation_reopens_even_when_the_corpus_fails_to_load(tmp_path: Path, engine: Engine) -> None:
    from assistant.corpus import CorpusError

    conv = save(engine, conv_store.conversations_dir(tmp_path), QUESTIONS[:1], "2026-11-30T09:00:00+00:00", 1000)

    def broken() -> Engine:
        raise CorpusError("语料路径不存在:/nowhere")

    app = make_app(tmp_path, broken)
    async with app.run_test(notifications=True, size=(110, 36)) as pilot:
        await wait_for(pilot, lambda: app.chat_screen.conversation.id == conv.id)
        assert app.load_error is not None
        # its sources were saved with it
        assert app.query_one(SourcesPanel).answer.citations[0].unit.id == "2.21"


async def test_up_recalls_the_questions_of_the_conversation_shown(tmp_path: Path, engine: Engine) -> None:
    """↑ on an empty box walks through this conversation's questions, not the one open before."""
    conv_dir = conv_store.conversations_dir(tmp_path)
    older = save(engine, conv_dir, QUESTIONS[:2], "2026-11-30T09:00:00+00:00", 1000)
    app = make_app(tmp_path, lambda: engine, reopen_last=True)
    async with app.run_test(notifications=True, size=(110, 36)) as pilot:
        await ready(pilot)
        chat = app.chat_screen
        await wait_for(pilot, lambda: chat.conversation.id == older.id)
        box = chat.box
        await pilot.press("up")            # reopened at start: its questions are there at once
        assert box.text == QUESTIONS[1]
        await pilot.press("ctrl+l", "ctrl+n")
        await pilot.press("up")            # a new conversation has none yet
        assert box.text == ""
        await ask(pilot, "损失厌恶是什么?")
        screen = await open_screen(pilot, "f4", ConversationsScreen)
        await pilot.press(*"墨菲")
        await wait_for(pilot, lambda: [s.id for s in screen.shown] == [older.id])
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is chat and chat.conversation.id == older.id)
        await pilot.press("up")
        assert box.text == QUESTIONS[1]    # not 损失厌恶是什么?, asked in the other conversation
        await pilot.press("up", "up")
        assert box.text == QUESTIONS[0]
        await pilot.press("down", "down")
        assert box.text == ""
        await ask(pilot, QUESTIONS[2])     # asked here: recalled first from now on
        await pilot.press("up")
        assert box.text == QUESTIONS[2]


async def test_delete_from_the_search_box_deletes_the_highlighted_conversation(tmp_path: Path, engine: Engine) -> None:
    """The list opens with the focus in its search box: Delete there (nothing right of the
    cursor) asks to delete the highlighted conversation; inside the text it deletes a character."""
    older, newer = save_two(engine, tmp_path)
    app = make_app(tmp_path, lambda: engine, reopen_last=False)
    async with app.run_test(notifications=True, size=(110, 36)) as pilot:
        await ready(pilot)
        screen = await open_screen(pilot, "f4", ConversationsScreen)
        box = screen.query_one("#conversation-filter")
        await pilot.press(*"墨菲", "left", "delete")     # a character right of the cursor: edits the search
        assert box.value == "墨" and not isinstance(app.screen, ConfirmScreen)
        await pilot.press("backspace", *"塔西佗")
        await wait_for(pilot, lambda: [s.id for s in screen.shown] == [older.id])
        await pilot.press("delete")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert QUESTIONS[0] in screen_text(app)
        await pilot.press("y")
        await wait_for(pilot, lambda: app.screen is screen)
        assert not older.path.exists() and newer.path.exists()


@pytest.mark.parametrize("read", [False, True])
async def test_f4_opens_the_list_from_the_corpus_browser_and_its_reader(tmp_path: Path, engine: Engine,
                                                                         read: bool) -> None:
    """F4 was the chat screen's key only: on the corpus browser (F3), and on a speech opened
    there, whose Esc leads back to the browser rather than the chat, it did nothing."""
    from assistant.tui.browser import CorpusBrowserScreen
    from assistant.tui.reader import ReaderScreen

    older, _newer = save_two(engine, tmp_path)
    app = make_app(tmp_path, lambda: engine, reopen_last=False)
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await ready(pilot)
        browser = await open_screen(pilot, "f3", CorpusBrowserScreen)
        if read:
            await open_screen(pilot, "r", ReaderScreen)
        here = app.screen
        await open_screen(pilot, "f4", ConversationsScreen)
        await pilot.press("escape")                       # closing the list returns where F4 was pressed
        await wait_for(pilot, lambda: app.screen is here)
        listing = await open_screen(pilot, "f4", ConversationsScreen)
        await pilot.press(*"塔西佗")                       # the older one: opened in the chat, shown
        await wait_for(pilot, lambda: [s.id for s in listing.shown] == [older.id])
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is app.chat_screen)
        assert app.chat_screen.conversation.id == older.id
        assert browser not in app.screen_stack



async def test_the_key_hints_fit_the_dialog_when_it_shrinks(tmp_path: Path, engine: Engine) -> None:
    """The list's bottom border shows whole key hints at every width: Textual cropped the long
    subtitle cell by cell, and a wide character cut at the edge was left blank before the "…"
    (tmux at 50 columns: "Delete 删除 ·  …")."""
    from assistant.tui.conversations import LIST_HINTS

    save_two(engine, tmp_path)
    app = make_app(tmp_path, lambda: engine, reopen_last=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await open_screen(pilot, "f4", ConversationsScreen)
        seen = []
        for width in (120, 70, 60, 50, 44):
            await pilot.resize_terminal(width, 36)
            await pilot.pause(0.2)
            bottom = next(line for line in screen_text(app).splitlines() if "╰" in line and "回车打开" in line)
            hints = bottom.split("╰", 1)[1].split("╯", 1)[0].strip("─ ").split(" · ")
            assert "…" not in bottom, (width, bottom)
            assert hints == list(LIST_HINTS[:len(hints)]), (width, bottom)
            seen.append(len(hints))
        assert seen[0] == len(LIST_HINTS) and seen[-1] < seen[1] < len(LIST_HINTS), seen


async def test_the_stale_citation_toast_fills_its_rows(tmp_path: Path, engine: Engine) -> None:
    """The note shown after ``assistant --corpus DIR`` reopened a conversation wrapped after
    "引用的 4" (Textual wraps at the space) and left the rest of the row empty; it is broken
    by the Chinese rules now, its first row filled."""
    from assistant.tui.conversations import stale_note

    note = stale_note(["1.8", "1.16", "4.26", "2.21"])
    app = make_app(tmp_path, lambda: engine, reopen_last=False)
    async with app.run_test(notifications=True, size=(120, 36)) as pilot:
        await ready(pilot)
        app.say(note, "warning")
        await pilot.pause(0.2)
        first = next(line for line in screen_text(app).splitlines() if "注意" in line)
        assert "段原文(1.8、1.16、4.26、2.21)在当前语料中" in first, first


async def test_a_stale_source_is_not_opened_in_the_reader(tmp_path: Path, engine: Engine) -> None:
    """A conversation saved against another corpus: its source [1] has an id the loaded corpus
    also has, with another text. Enter in the sources panel (and a click on the source line)
    must not open the loaded corpus's paragraph under that id."""
    from assistant.tui.chat import SourceLink
    from assistant.tui.messages import OpenSource
    from assistant.tui.reader import ReaderScreen

    conv_dir = conv_store.conversations_dir(tmp_path)
    conv = save(engine, conv_dir, QUESTIONS[:1], "2026-11-30T09:00:00+00:00", 1000)
    data = json.loads(conv.path.read_text(encoding="utf-8"))
    cited = data["exchanges"][0]["answer"]["citations"][0]["unit"]
    stale_id = cited["id"]
    cited["text"] = "另一套语料里同一编号的另一段话。"
    conv.path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=(110, 36)) as pilot:
        await ready(pilot)
        chat = app.chat_screen
        await wait_for(pilot, lambda: chat.conversation.id == conv.id and chat.selected is not None)
        await wait_for(pilot, lambda: any("已不存在或已改动" in n.message for n in app._notifications))
        app.query_one("#source-list").focus()
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert not isinstance(app.screen, ReaderScreen)
        assert any(f"段落 {stale_id} 在当前语料中已改动,无法打开" in n.message for n in app._notifications)
        link = next(s for s in app.query(SourceLink) if s.unit_id == stale_id)
        app.post_message(OpenSource(link.unit_id, link.terms, link.cited_text))
        await pilot.pause(0.3)
        assert not isinstance(app.screen, ReaderScreen)
