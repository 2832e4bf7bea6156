"""The TUI's second round (issue 16): copy and save, re-ask, clearing and counting the question
box, toasts in their own rows, the weak-model fallback, and F1 listing every key."""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path
from typing import Any

import httpx
import pytest
from textual import events
from test_tui import QUESTION, SpyEngine, ask, llm_app, make_app, ready, screen_text, wait_for

from assistant.engine import MAX_QUESTION_CHARS, Engine
from assistant.results import FALLBACK_LABEL
from assistant.tui.chat import ChatInput
from assistant.tui.chat_screen import ChatScreen
from assistant.tui.copying import CopyScreen
from assistant.tui.dialogs import HELP
from assistant.tui.sources import SourcesPanel

OUTLINE = "第三篇讲话分为哪几个部分?"


async def copy(pilot: Any, key: str) -> str:
    app = pilot.app
    await pilot.press("f6")
    await wait_for(pilot, lambda: isinstance(app.screen, CopyScreen))
    await pilot.press(key)
    await wait_for(pilot, lambda: not isinstance(app.screen, CopyScreen))
    return str(app._clipboard)


async def test_copy_keys_put_answer_citation_and_paragraph_on_the_clipboard(tmp_path: Path,
                                                                           engine: Engine) -> None:
    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await ready(pilot)
        view = await ask(pilot, OUTLINE)
        answer = view.exchange.answer
        assert answer is not None and len(answer.citations) == 4
        plain = await copy(pilot, "a")
        assert plain.startswith(answer.text.strip()) and "来源:" in plain
        assert "[2] 《在全市作风建设工作推进会上的讲话(第三篇)》 › 3.14" in plain
        assert "已复制回答(纯文本)" in screen_text(app)    # the toast names what was copied
        md = await copy(pilot, "m")
        assert md.startswith(f"## {OUTLINE}") and "二、作风建设要升华认识[^2]" in md
        assert "[^2]: 《在全市作风建设工作推进会上的讲话(第三篇)》 › 3.14:“二、作风建设要升华认识”" in md
        assert "已复制回答(Markdown" in screen_text(app)
        # the citation and the paragraph are the one under the sources panel's cursor
        panel = app.query_one(SourcesPanel)
        options = panel.query_one("#source-list")
        options.highlighted = options.get_option_index("cite-3")  # type: ignore[attr-defined]
        assert await copy(pilot, "c") == "[3] 《在全市作风建设工作推进会上的讲话(第三篇)》 › 3.21"
        assert "已复制引文出处 [3]" in screen_text(app)
        view2 = await ask(pilot, QUESTION)
        assert view2.exchange.answer is not None
        paragraph = await copy(pilot, "p")
        assert paragraph == view2.exchange.answer.citations[0].unit.text and "塔西佗陷阱" in paragraph
        assert "已复制原文段落 2.21" in screen_text(app)
        # Esc closes the menu and copies nothing
        app._clipboard = ""
        await pilot.press("f6")
        await wait_for(pilot, lambda: isinstance(app.screen, CopyScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, CopyScreen))
        assert app._clipboard == "" and isinstance(app.screen, ChatScreen)


async def test_a_toast_shows_once_under_the_copy_menu(tmp_path: Path, engine: Engine) -> None:
    """F6 while the last copy's toast was up showed it twice: in the menu's rack and, dimmed,
    in the chat screen's below it (every screen's rack shows all of the app's toasts)."""
    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await ready(pilot)
        await ask(pilot, QUESTION)
        await copy(pilot, "a")
        assert screen_text(app).count("已复制回答(纯文本)") == 1
        await pilot.press("f6")
        await wait_for(pilot, lambda: isinstance(app.screen, CopyScreen))
        await pilot.pause(0.1)
        assert screen_text(app).count("已复制回答(纯文本)") == 1
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ChatScreen))
        await pilot.pause(0.1)
        assert screen_text(app).count("已复制回答(纯文本)") == 1   # the chat screen shows it again


async def test_copy_without_an_answer_says_so(tmp_path: Path, engine: Engine) -> None:
    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("f6")
        await pilot.pause()
        assert not isinstance(app.screen, CopyScreen) and "还没有可以复制的回答" in screen_text(app)


@pytest.mark.parametrize("keys", [("ctrl+s",), ("f6", "s")])
async def test_save_answer_to_a_file(tmp_path: Path, engine: Engine, keys: tuple[str, ...]) -> None:
    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=(160, 40)) as pilot:
        await ready(pilot)
        await ask(pilot, QUESTION)
        await pilot.press(*keys)
        saved = tmp_path / "exports" / f"回答-{app.chat_screen.conversation.id}-1.md"
        await wait_for(pilot, saved.exists)
        text = saved.read_text(encoding="utf-8")
        assert text.startswith(f"## {QUESTION}") and "[^1]:" in text and "要警惕塔西佗陷阱" in text
        assert "已保存回答(Markdown)到" in screen_text(app) and saved.name in screen_text(app)


async def test_up_on_an_empty_box_brings_the_last_question_back_to_edit(tmp_path: Path, engine: Engine) -> None:
    spy = SpyEngine(engine)
    app = make_app(tmp_path, lambda: spy)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await ask(pilot, "什么是塔西佗陷")
        box = app.query_one(ChatInput)
        assert box.text == ""
        await pilot.press("up")
        assert box.text == "什么是塔西佗陷" and box.cursor_location == box.document.end
        await pilot.press(*"阱?", "enter")
        await wait_for(pilot, lambda: len(spy.returned) == 2)
        assert spy.calls[-1][0] == QUESTION


async def test_ctrl_t_re_asks_the_selected_question_in_its_context(tmp_path: Path, engine: Engine) -> None:
    spy = SpyEngine(engine)
    app = make_app(tmp_path, lambda: spy)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await ask(pilot, "第一篇讲话提出要开展哪四个专项活动?")
        await ask(pilot, "那第二点呢?")
        await ask(pilot, QUESTION)
        await pilot.press(*"草稿")
        await pilot.press("ctrl+up")                 # select 那第二点呢?
        await pilot.press("ctrl+t")
        await wait_for(pilot, lambda: len(spy.returned) == 4)
        question, history = spy.calls[-1]
        # asked again after the turns it followed, not after the later question
        assert question == "那第二点呢?"
        assert [t.question for t in history or []] == ["第一篇讲话提出要开展哪四个专项活动?"]
        assert spy.returned[-1].plan is not None and spy.returned[-1].plan["follow_up"] is True
        await pilot.press("ctrl+up", "ctrl+up")      # the selection is now the newest answer
        await pilot.press("ctrl+r")                  # as a new question: no history
        await wait_for(pilot, lambda: len(spy.returned) == 5)
        assert spy.calls[-1] == ("那第二点呢?", [])
        assert app.chat_screen.box.text == "草稿"     # what is typed stays


async def test_a_long_paste_shows_its_count_and_enter_refuses_it_in_the_box(tmp_path: Path, engine: Engine) -> None:
    """A 5,000-character paste while the index loads and five toasts are up: the count and the
    over-length state are in the box's border after one refresh, Enter refuses it there (no
    toast queued behind the others), and the text stays in the box."""
    loaded = threading.Event()
    app = make_app(tmp_path, lambda: loaded.wait(10) and engine)
    async with app.run_test(notifications=True, size=(80, 24)) as pilot:
        for i in range(5):
            app.say(f"提示 {i}", timeout=30)
        await pilot.pause()
        box = app.query_one(ChatInput)
        assert app.focused is box and app.engine is None
        text = ("作风建设是党的建设的重要内容" * 400)[:5000]
        box.post_message(events.Paste(text))
        await pilot.pause()
        assert box.text == text and box.has_class("-too-long")
        assert box.border_subtitle == f"5000 / {MAX_QUESTION_CHARS} 字,太长,Ctrl+L 清空"
        assert "5000 / 2000 字,太长,Ctrl+L 清空" in screen_text(app)
        await pilot.press("enter")
        refusal = "5000 / 2000 字,太长,未发送:删到 2000 字以内或 Ctrl+L 清空"
        assert box.border_subtitle == refusal and refusal in screen_text(app)
        assert not any("太长" in n.message for n in app._notifications)
        assert box.text == text and app.chat_screen.pending is None and app.chat_screen.current is None
        loaded.set()
        await ready(pilot)
        await pilot.press("enter")                  # the same with the engine loaded
        assert box.border_subtitle == refusal and not any("太长" in n.message for n in app._notifications)
        assert not app.chat_screen.conversation.exchanges
        await pilot.press("backspace")              # an edit: the counter again
        assert box.border_subtitle == f"4999 / {MAX_QUESTION_CHARS} 字,太长,Ctrl+L 清空"
        await pilot.press("ctrl+l")
        assert box.text == ""
        await pilot.press("ctrl+z")                 # undone: nothing lost
        assert box.text[:4999] == text[:4999]
        await pilot.press("ctrl+l")
        box.post_message(events.Paste(text))        # paste and Enter in one burst
        await pilot.press("enter")
        await pilot.pause()
        assert box.border_subtitle == refusal and box.text == text


async def test_ctrl_l_clears_the_box_and_a_counter_shows_long_text(tmp_path: Path, engine: Engine) -> None:
    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await ready(pilot)
        box = app.query_one(ChatInput)
        box.insert("作" * 1500)
        await pilot.pause()
        assert box.border_subtitle == "" and "/ 2000 字" not in screen_text(app)
        box.insert("风" * 100)
        await pilot.pause()
        assert box.border_subtitle == f"1600 / {MAX_QUESTION_CHARS} 字" and not box.has_class("-too-long")
        assert "1600 / 2000 字" in screen_text(app)
        box.insert("建" * 1400)     # a 3,000-character paste
        await pilot.pause()
        assert "3000 / 2000 字,太长,Ctrl+L 清空" in screen_text(app) and box.has_class("-too-long")
        app.query_one(SourcesPanel).query_one("#source-list").focus()
        await pilot.press("ctrl+l")  # from anywhere on the chat screen
        await pilot.pause()
        assert box.text == "" and box.border_subtitle == "" and app.focused is box
        assert "已清空输入框" in screen_text(app)
        await pilot.press("ctrl+z")  # undoable
        assert len(box.text) == 3000
        await pilot.press("ctrl+u")  # the whole line before the cursor, not one wrapped row of it
        assert box.text == ""
        await pilot.press("ctrl+z")
        assert len(box.text) == 3000
        box.load_text("第一行\n第二行第二行")
        box.move_cursor((1, 3))
        await pilot.press("ctrl+u")
        assert box.text == "第一行\n第二行" and box.cursor_location == (1, 0)
        await pilot.press("ctrl+u")  # at the start of a line: joins it to the one before
        assert box.text == "第一行第二行"


# Each screen a toast can appear over: the keys that open it from the chat after an answer.
TOAST_SCREENS = {
    "chat": ("f2",),   # at 80 columns: sources instead of the chat, so both layouts are seen
    "palette": ("ctrl+p",),
    "help": ("f1",),
    "conversations": ("f4",),
    "settings": ("f9",),
    "reader": ("tab", "enter", "enter"),   # answer → sources → the reader, outline shown
    "reader-no-outline": ("tab", "enter", "enter", "o"),
    "browser": ("f3",),
}


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
@pytest.mark.parametrize("screen", list(TOAST_SCREENS))
async def test_toasts_keep_every_character_on_every_screen(tmp_path: Path, engine: Engine, size: tuple[int, int],
                                                           screen: str) -> None:
    """A toast floating over widgets loses the wide characters where their edges cut it
    ("未配置大    接口"): on every screen toasts take rows of their own, starting at column 0."""
    messages = ["未配置大模型接口。请设置 OPENAI_BASE_URL 与 OPENAI_MODEL,或在配置文件中填写接口地址与模型名称",
                "已复制回答(纯文本)一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十"]
    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=size) as pilot:
        await ready(pilot)
        await ask(pilot, QUESTION)
        for key in TOAST_SCREENS[screen]:
            await pilot.press(key)
            await pilot.pause(0.1)
        assert app.screen is not app.chat_screen or screen == "chat"
        for m in messages:
            app.say(m, "warning")
        await pilot.pause(0.3)
        rows = screen_text(app).splitlines()
        toast_rows = [i for i, r in enumerate(rows) if r.startswith("▌ ")]
        assert toast_rows, "no toast in rows of its own"
        assert toast_rows == list(range(toast_rows[0], toast_rows[0] + len(toast_rows)))   # one block
        shown = "".join(rows[i][2:] for i in toast_rows).replace(" ", "")
        for m in messages:
            assert m.replace(" ", "") in shown
        if screen == "chat":   # under the status line, above the footer
            status = next(i for i, r in enumerate(rows) if r.startswith(" 语料 5 篇讲话"))
            assert toast_rows[0] == status + 1


async def test_unsupported_llm_answer_shows_the_speeches_below(tmp_path: Path, engine: Engine,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """The real answering code and citation check, with the model's reply served by a mock transport."""
    from assistant import llm

    real = llm.answer_with_llm_async
    reply = {"choices": [{"index": 0, "message": {"role": "assistant", "content": "月球上有很多干部[1]。"},
                          "finish_reason": "stop"}]}

    async def weak_model(*args: Any, **kw: Any) -> Any:
        transport = httpx.MockTransport(lambda request: httpx.Response(200, json=reply))
        return await real(*args, **kw, transport=transport, env={})

    monkeypatch.setattr(llm, "answer_with_llm_async", weak_model)
    app = llm_app(tmp_path, engine)
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await ready(pilot)
        app.action_toggle_llm()
        view = await ask(pilot, QUESTION)
        answer = view.exchange.answer
        assert answer is not None and answer.mode == "llm:fake-model" and answer.fallback is not None
        text = screen_text(app)
        assert "月球上有很多干部" in text and FALLBACK_LABEL in text
        chat = "\n".join(line[:66] for line in text.splitlines())   # the chat column, left of the sources
        assert chat.index("月球上有很多干部") < chat.index(FALLBACK_LABEL) < chat.index("要警惕塔西佗陷阱")
        # one list of sources: the model's [1], then the speeches' [2]
        assert "[2] 2.21 · 第二篇" in text and "2 处 · 回车阅读原文" in text
        md = await copy(pilot, "m")
        assert FALLBACK_LABEL in md and "[^2]: 《" in md
        saved = json.loads(next((tmp_path / "conversations").glob("*.json")).read_text(encoding="utf-8"))
        assert saved["exchanges"][0]["answer"]["fallback"]["text"] == answer.fallback.text


_KEY_NAMES = {"escape": "Esc", "enter": "回车", "question_mark": "?", "up": "↑", "down": "↓", "slash": "/",
              "left_square_bracket": "[", "right_square_bracket": "]", "delete": "Delete"}


def _help_name(key: str) -> str:
    parts = key.split("+")
    names = [_KEY_NAMES.get(p, (p.upper() if len(parts) > 1 else p) if len(p) == 1   # Ctrl+S, but o
                            else p.upper() if p.startswith("f") else p.capitalize())
             for p in parts]
    return "+".join(names)


def _help_section(title: str) -> str:
    """The paragraph of the F1 help that starts with **title**."""
    return next(p for p in HELP.split("\n\n") if p.startswith(f"**{title}**"))


def test_f1_help_lists_every_key_of_every_screen() -> None:
    from assistant.tui.app import SpeechAssistantApp
    from assistant.tui.browser import CorpusBrowserScreen
    from assistant.tui.chat import ChatInput as Box
    from assistant.tui.chat import ExchangeView
    from assistant.tui.conversations import ConfirmScreen, ConversationsScreen, RenameScreen
    from assistant.tui.find import FindBar
    from assistant.tui.reader import ReaderScreen
    from assistant.tui.settings import SettingsScreen

    table = HELP[HELP.index("| 按键 |"):HELP.index("**阅读原文时**")]
    where = {   # each screen's keys and the part of the help that must name them
        "table": (table, [ChatScreen, SpeechAssistantApp, Box, ExchangeView, CopyScreen]),
        "阅读原文时": (_help_section("阅读原文时"), [ReaderScreen, FindBar]),
        "浏览语料时": (_help_section("浏览语料时"), [CorpusBrowserScreen]),
        "保存的对话": (_help_section("保存的对话"), [ConversationsScreen, RenameScreen, ConfirmScreen]),
        "设置": (_help_section("设置"), [SettingsScreen]),
    }
    missing = []
    for part, (text, screens) in where.items():
        for screen in screens:
            for b in screen.BINDINGS:
                for k in b.key.split(","):  # type: ignore[union-attr]
                    name = re.escape(_help_name(k))
                    # a letter key stands alone ("o 大纲"), not inside a word such as "Markdown"
                    if not re.search(rf"(?<![A-Za-z+]){name}(?![A-Za-z])", text):
                        missing.append(f"{screen.__name__}: {k} ({part})")
    assert not missing, f"keys not in the F1 help: {missing}"
    assert re.search(r"\| F6 \|.*Markdown", HELP) and "Ctrl+L" in HELP and "Ctrl+T" in HELP
