"""The Textual UI, driven with Pilot: ask, read sources, outline, cancel, export, follow-ups."""

from __future__ import annotations

import html
import re
import threading
from pathlib import Path
from typing import Any, Callable

import pytest
from rich.cells import cell_len

from assistant.engine import Engine, Turn
from assistant.results import Answer
from assistant.tui.app import SpeechAssistantApp
from assistant.tui.chat import PLACEHOLDER_LOADING, ChatInput, ExchangeView, SourceLink
from assistant.tui.browser import CorpusBrowserScreen
from assistant.tui.conversations import ConversationsScreen
from assistant.tui.dialogs import HelpScreen
from assistant.tui.reader import ReaderScreen, UnitView, dom_id
from assistant.tui.sources import SourcesPanel

QUESTION = "什么是塔西佗陷阱?"
CELL_WIDTH = 12.2  # px per terminal cell in Textual's SVG screenshots


# ``engine`` is the session fixture of conftest.py: the real engine on the shipped speeches.


class SpyEngine:
    """The real engine, recording what ``ask`` gets and optionally holding the answer back."""

    def __init__(self, engine: Engine, gate: threading.Event | None = None) -> None:
        self._engine = engine
        self.gate = gate
        self.calls: list[tuple[str, list[Turn] | None]] = []
        self.returned: list[Answer] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self._engine, name)

    def ask(self, question: str, k: int = 10, history: list[Turn] | None = None) -> Answer:
        self.calls.append((question, list(history) if history is not None else None))
        if self.gate is not None:
            self.gate.wait(10)
        answer = self._engine.ask(question, k=k, history=history)
        self.returned.append(answer)
        return answer


def make_app(tmp_path: Path, loader: Callable[[], Any], **kwargs: Any) -> SpeechAssistantApp:
    return SpeechAssistantApp(engine_loader=loader, data_dir=tmp_path, show_timings=False, **kwargs)


def screen_text(app: SpeechAssistantApp) -> str:
    """What the terminal shows, line by line (from the SVG screenshot)."""
    svg = app.export_screenshot()
    rows: dict[float, list[tuple[float, str]]] = {}
    for x, y, t in re.findall(r'<text class="[^"]*" x="([^"]*)" y="([^"]*)"[^>]*>([^<]*)</text>', svg):
        rows.setdefault(float(y), []).append((float(x), html.unescape(t).replace("\xa0", " ").rstrip("\n")))
    lines = []
    for _, runs in sorted(rows.items()):
        line = ""
        for x, t in sorted(runs):
            line += " " * max(0, round(x / CELL_WIDTH) - cell_len(line)) + t
        lines.append(line.rstrip())
    return "\n".join(lines)


async def wait_for(pilot: Any, cond: Callable[[], bool], timeout: float = 10.0) -> None:
    for _ in range(int(timeout / 0.05)):
        if cond():
            await pilot.pause()
            return
        await pilot.pause(0.05)
    raise AssertionError("condition not reached")


async def open_screen(pilot: Any, key: str, screen_type: type) -> Any:
    """Press ``key`` and wait until a screen of ``screen_type`` is on top; returns it."""
    await pilot.press(key)
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, screen_type))
    return pilot.app.screen


async def ready(pilot: Any) -> SpeechAssistantApp:
    app = pilot.app
    await wait_for(pilot, lambda: app.engine is not None)
    return app


async def ask(pilot: Any, question: str) -> ExchangeView:
    app = pilot.app
    box = app.query_one(ChatInput)
    box.focus()
    box.load_text(question)
    await pilot.press("enter")
    await wait_for(pilot, lambda: app.chat_screen.current is None and len(app.chat_screen.conversation.exchanges) > 0
                   and app.chat_screen.conversation.exchanges[-1].question == question.strip())
    return list(app.query(ExchangeView))[-1]


async def test_ask_shows_answer_with_citations(tmp_path: Path, engine: Engine) -> None:
    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=(110, 36)) as pilot:
        await ready(pilot)
        assert app.query_one(ChatInput).placeholder.startswith("输入问题")
        await pilot.press(*"什么是塔西佗陷阱")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.chat_screen.conversation.exchanges and app.chat_screen.current is None)
        view = app.query_one(ExchangeView)
        answer = view.exchange.answer
        assert answer is not None and answer.citations
        assert answer.citations[0].unit.id == "2.21"
        links = list(view.query(SourceLink))
        assert [link.unit_id for link in links] == [c.unit.id for c in answer.citations]
        text = screen_text(app)
        assert "问 什么是塔西佗陷阱" in text
        assert "塔西佗陷阱" in text and "[1]" in text
        assert "[1] 第二篇 › 四,要进一步浓" in text and "› 2.21" in text
        # the sources panel shows the selected answer's citations
        panel = app.query_one(SourcesPanel)
        assert panel.answer is answer
        assert "1 处 · 回车阅读原文" in text
        assert "语料 5 篇讲话" in text and "模式 抽取式" in text
        assert app.query_one(ChatInput).text == ""  # cleared for the next question


async def test_select_source_opens_reader_scrolled_to_it(tmp_path: Path, engine: Engine) -> None:
    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=(110, 36)) as pilot:
        await ready(pilot)
        await ask(pilot, QUESTION)
        app.query_one("#source-list").focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen))
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        await pilot.pause(0.2)
        target = reader.query_one(f"#{dom_id('2.21')}", UnitView)
        scroll = reader.query_one("#reader-text")
        assert target.has_class("-target")
        assert scroll.scroll_y > 0, "2.21 is far down the speech: the reader must scroll to it"
        visible = scroll.content_region
        assert target.region.y >= visible.y and target.region.y < visible.bottom
        text = screen_text(app)
        assert "2.21" in text and "要警惕塔西佗陷阱" in text
        assert "第二篇" in text  # the header names the speech
        # only the target paragraph is marked
        assert [v.unit.id for v in reader.query(UnitView) if v.has_class("-target")] == ["2.21"]
        # Hiding and showing the outline re-wraps the text; the paragraph stays in view.
        for _ in range(2):
            await pilot.press("o")
            await pilot.pause(0.3)
            visible = scroll.content_region
            assert visible.y <= target.region.y < visible.bottom
        await pilot.press("escape")
        assert not isinstance(app.screen, ReaderScreen)


async def test_source_link_click_opens_reader(tmp_path: Path, engine: Engine) -> None:
    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=(110, 36)) as pilot:
        await ready(pilot)
        view = await ask(pilot, QUESTION)
        link = view.query_one(SourceLink)
        await pilot.click(link)
        await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen))
        assert app.screen.target.id == link.unit_id  # type: ignore[attr-defined]


async def test_citation_marker_click_highlights_its_source(tmp_path: Path, engine: Engine) -> None:
    from textual.widgets import Markdown, OptionList

    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=(110, 36)) as pilot:
        await ready(pilot)
        view = await ask(pilot, "第三篇讲话分为哪几个部分?")
        answer = view.exchange.answer
        assert answer is not None and len(answer.citations) >= 3
        markdown = view.query_one(Markdown)
        # What a click on the link [3] in the answer posts.
        markdown.post_message(Markdown.LinkClicked(markdown, "cite:3"))
        options = app.query_one("#source-list", OptionList)
        await wait_for(pilot, lambda: options.highlighted == options.get_option_index("cite-3"))
        assert app.focused is options
        markdown.post_message(Markdown.LinkClicked(markdown, "https://example.com"))  # not a citation
        await pilot.pause(0.1)
        assert options.highlighted == options.get_option_index("cite-3")


async def test_outline_jumps_to_section(tmp_path: Path, engine: Engine) -> None:
    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=(110, 36)) as pilot:
        await ready(pilot)
        app.open_source("2.21", ["塔西佗陷阱"])
        await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen))
        reader = app.screen
        await pilot.pause(0.2)
        from textual.widgets import Tree

        tree = reader.query_one("#outline", Tree)
        scroll = reader.query_one("#reader-text")
        before = scroll.scroll_y
        # the outline cursor starts on the target's section
        assert tree.cursor_node is not None and tree.cursor_node.data == "2.21"
        first = next(n for n in tree.root.children if n.data == "2.4")
        tree.focus()
        tree.cursor_line = first.line
        await pilot.press("enter")
        await pilot.pause(0.2)
        unit = reader.query_one(f"#{dom_id('2.4')}")
        assert scroll.scroll_y < before
        assert unit.region.y == scroll.content_region.y, "the section's heading is at the top"


async def test_escape_cancels_a_slow_answer(tmp_path: Path, engine: Engine) -> None:
    gate = threading.Event()
    spy = SpyEngine(engine, gate)
    app = make_app(tmp_path, lambda: spy)
    async with app.run_test(notifications=True, size=(110, 36)) as pilot:
        await ready(pilot)
        box = app.query_one(ChatInput)
        box.load_text(QUESTION)
        await pilot.press("enter")
        await wait_for(pilot, lambda: spy.calls)
        view = app.query_one(ExchangeView)
        assert view.has_class("-pending")
        assert "正在检索" in screen_text(app)
        assert "esc 取消" in screen_text(app).lower()
        await pilot.press(*"新的")   # the UI stays responsive while the engine works
        assert box.text == "新的"
        await pilot.press("escape")
        await pilot.pause()
        assert view.exchange.status == "cancelled"
        assert not view.has_class("-pending")
        gate.set()                   # the engine finishes after the cancel: its answer is dropped
        await wait_for(pilot, lambda: spy.returned)
        await pilot.pause(0.2)
        assert view.exchange.answer is None
        assert "已取消" in screen_text(app)
        saved = (tmp_path / "conversations" / f"{app.chat_screen.conversation.id}.json").read_text(encoding="utf-8")
        assert '"cancelled"' in saved
        # the next question is answered normally, and the cancelled one is not history
        box.clear()
        await ask(pilot, "塔西佗陷阱")
        assert spy.calls[-1][1] == []


async def test_followup_passes_history(tmp_path: Path, engine: Engine) -> None:
    spy = SpyEngine(engine)
    app = make_app(tmp_path, lambda: spy)
    async with app.run_test(notifications=True, size=(110, 36)) as pilot:
        await ready(pilot)
        await ask(pilot, "第二篇讲话营造了哪些氛围?")
        await ask(pilot, "那第二点呢?")
        assert spy.calls[0][1] == []
        history = spy.calls[1][1]
        assert history is not None and len(history) == 1
        assert history[0].question == "第二篇讲话营造了哪些氛围?"
        assert history[0].answer is spy.returned[0]
        await ask(pilot, "还有别的例子吗?")
        assert [t.question for t in spy.calls[2][1] or []] == ["第二篇讲话营造了哪些氛围?", "那第二点呢?"]
        # a new conversation starts without history
        await pilot.press("ctrl+n")
        await ask(pilot, QUESTION)
        assert spy.calls[-1][1] == []


async def test_export_writes_markdown_with_footnotes(tmp_path: Path, engine: Engine) -> None:
    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=(110, 36)) as pilot:
        await ready(pilot)
        await pilot.press("f5")
        await pilot.pause(0.1)
        assert "对话还是空的" in screen_text(app)
        await ask(pilot, QUESTION)
        await pilot.press("f5")
        await pilot.pause(0.1)
        path = app.chat_screen.last_export
        assert path is not None and path.parent == tmp_path / "exports"
        md = path.read_text(encoding="utf-8")
        assert f"## 问题 1:{QUESTION}" in md
        assert "[^1-1]" in md and re.search(r"^\[\^1-1\]: 《.*第二篇.*》 › .* › 2\.21:“", md, re.M)
        assert "已导出到" in screen_text(app)


async def test_markup_in_corpus_and_question_is_literal(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "markup.txt").write_text(
        "【第1篇】关于[bold]标记[/]的讲话\n"
        "一、要防范[@click=app.quit]点击[/]风险\n"
        "塔西佗陷阱[bold]粗体[/]说明文字。要防止[@click=app.quit]退出[/]这样的标记被解释。\n"
        "其他段落讲的是作风建设和工作落实。\n",
        encoding="utf-8",
    )
    eng = Engine.load([corpus], use_cache=False)
    app = make_app(tmp_path, lambda: eng)
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await ready(pilot)
        view = await ask(pilot, "[bold]塔西佗陷阱[/]说明文字是什么?[@click=app.quit]")
        assert view.exchange.answer is not None and view.exchange.answer.citations
        text = screen_text(app)
        assert "[bold]塔西佗陷阱[/]说明文字是什么?[@click=app.quit]" in text
        assert "[bold]粗体[/]" in text
        assert "[@click=app.quit]退出[/]" in text
        link = view.query_one(SourceLink)
        await pilot.click(link)
        await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen))
        await pilot.pause(0.2)
        text = screen_text(app)
        assert "关于[bold]标记[/]的讲话" in text
        assert "一、要防范[@click=app.quit]点击[/]风险" in text
        assert app.is_running


@pytest.mark.parametrize("question, message", [
    ("", "问题是空的"),
    ("   \n  ", "问题是空的"),
    ("??!!。。,,", "只有标点"),
    ("塔" * 100_000, "100000 / 2000 字,太长,未发送"),   # said in the box's border, not in a toast
], ids=["empty", "blank", "punctuation", "100k-chars"])
async def test_bad_questions_get_a_message(tmp_path: Path, engine: Engine, question: str, message: str) -> None:
    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=(110, 36)) as pilot:
        await ready(pilot)
        box = app.query_one(ChatInput)
        box.load_text(question)
        await pilot.press("enter")
        await pilot.pause(0.1)
        assert message in screen_text(app)
        assert not app.query(ExchangeView)
        assert app.is_running


async def test_history_recall_and_newline(tmp_path: Path, engine: Engine) -> None:
    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=(110, 36)) as pilot:
        await ready(pilot)
        await ask(pilot, QUESTION)
        await ask(pilot, "作风建设")
        box = app.query_one(ChatInput)
        await pilot.press(*"草稿")
        await pilot.press("up")
        assert box.text == "作风建设"
        await pilot.press("up")
        assert box.text == QUESTION
        await pilot.press("down", "down")
        assert box.text == "草稿"      # the draft comes back
        await pilot.press("ctrl+j", *"第二行")
        assert box.text == "草稿\n第二行"
        await pilot.press("up")        # not on the first line: moves the cursor
        assert box.text == "草稿\n第二行"


async def test_question_typed_while_loading_is_answered_when_ready(tmp_path: Path, engine: Engine) -> None:
    gate = threading.Event()

    def slow_loader() -> Engine:
        gate.wait(10)
        return engine

    app = make_app(tmp_path, slow_loader)
    async with app.run_test(notifications=True, size=(110, 36)) as pilot:
        await pilot.pause()
        box = app.query_one(ChatInput)
        assert box.placeholder == PLACEHOLDER_LOADING
        assert "正在加载索引" in screen_text(app)
        # Ready to type is marked with the first paint, before the engine is loaded.
        assert app.timings.ready is not None and app.timings.engine is None
        assert app.focused is box
        box.load_text(QUESTION)
        await pilot.press("enter")
        await pilot.pause()
        assert "加载完成后自动回答" in screen_text(app)
        gate.set()
        await wait_for(pilot, lambda: bool(app.chat_screen.conversation.exchanges))
        assert app.chat_screen.conversation.exchanges[0].answer is not None
        assert len(app.query(ExchangeView)) == 1
        assert app.timings.first_paint is not None and app.timings.ready is not None
        assert app.timings.engine is not None
        assert app.timings.engine >= app.timings.ready >= app.timings.first_paint


async def test_engine_load_failure_is_reported(tmp_path: Path) -> None:
    from assistant.corpus import CorpusError

    def broken() -> Engine:
        raise CorpusError("语料路径不存在:/nowhere")

    app = make_app(tmp_path, broken)
    async with app.run_test(notifications=True, size=(110, 36)) as pilot:
        await wait_for(pilot, lambda: app.load_error is not None)
        assert "语料路径不存在" in screen_text(app)
        app.query_one(ChatInput).load_text(QUESTION)
        await pilot.press("enter")
        assert app.is_running and not app.query(ExchangeView)


async def test_reopen_saved_conversation(tmp_path: Path, engine: Engine) -> None:
    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=(110, 36)) as pilot:
        await ready(pilot)
        await ask(pilot, QUESTION)
        first_id = app.chat_screen.conversation.id
        await pilot.press("ctrl+n")
        assert not app.query(ExchangeView)
        await pilot.press("f4")
        await wait_for(pilot, lambda: isinstance(app.screen, ConversationsScreen))
        assert QUESTION in screen_text(app)
        await pilot.press("enter")
        await wait_for(pilot, lambda: bool(app.query(ExchangeView)))
        await pilot.pause(0.2)
        assert app.chat_screen.conversation.id == first_id
        view = app.query_one(ExchangeView)
        assert view.exchange.answer is not None
        assert app.query_one(SourcesPanel).answer is view.exchange.answer
        # a follow-up in the reopened conversation carries its history
        spy_calls = app.chat_screen.conversation.turns()
        assert [t.question for t in spy_calls] == [QUESTION]


async def test_corpus_browser_opens_reader(tmp_path: Path, engine: Engine) -> None:
    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=(110, 36)) as pilot:
        await ready(pilot)
        await pilot.press("f3")
        await wait_for(pilot, lambda: isinstance(app.screen, CorpusBrowserScreen))
        text = screen_text(app)
        assert "5 篇讲话" in text and "第一篇" in text and "第五篇" in text
        await pilot.press("down", "down", "down", "up", "up")   # the preview follows the cursor
        await pilot.pause()
        assert "1.2" in screen_text(app) and "一、要切实增强推进机关作风建设的政治自觉" in screen_text(app)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen))
        reader = app.screen
        assert isinstance(reader, ReaderScreen) and reader.target.id == "1.2" and not reader.mark
        await pilot.press("right_square_bracket")
        await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen) and app.screen.speech.no == 2)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, CorpusBrowserScreen))


async def test_help_and_command_palette(tmp_path: Path, engine: Engine) -> None:
    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=(110, 36)) as pilot:
        await ready(pilot)
        await pilot.press("f1")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        assert "Ctrl+J" in screen_text(app)
        await pilot.press("escape")
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for wanted in ("新对话", "导出", "切换 LLM", "设置", "退出"):
            assert wanted in titles
        await pilot.press("ctrl+p")
        await pilot.pause(0.2)
        await pilot.press(*"导出")
        await pilot.pause(0.5)
        assert "导出" in screen_text(app)
        await pilot.press("escape")


async def test_llm_toggle_without_endpoint_explains_once(tmp_path: Path, engine: Engine,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("OPENAI_BASE_URL", "OPENAI_MODEL", "ASSISTANT_LLM_BASE_URL", "ASSISTANT_LLM_MODEL"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("ASSISTANT_CONFIG", str(tmp_path / "none.toml"))
    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=(110, 36)) as pilot:
        await ready(pilot)
        await pilot.press("f8")
        await pilot.pause(0.1)
        assert "未配置大模型接口" in screen_text(app)
        assert not app.use_llm and "模式 抽取式" in screen_text(app)
        # F8 again while the hint is still shown: one toast, not a second one below it.
        await pilot.press("f8")
        await pilot.pause(0.3)
        assert [n.message[:8] for n in app._notifications] == ["未配置大模型接口"]
        assert screen_text(app).count("未配置大模型接口") == 1, screen_text(app)
        assert "也可在设置" in screen_text(app)   # the whole hint, not its first line
        app.say("另一条消息")
        await pilot.pause(0.1)
        assert len(app._notifications) == 2   # different messages still stack


async def test_narrow_terminal_swaps_sources_in(tmp_path: Path, engine: Engine) -> None:
    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=(80, 24)) as pilot:
        await ready(pilot)
        await ask(pilot, QUESTION)
        panel = app.query_one(SourcesPanel)
        assert panel.region.width == 0  # hidden on narrow terminals
        await pilot.press("f2")
        await pilot.pause()
        assert panel.region.width == 80 and app.query_one("#chat").region.width == 0
        assert "要警惕塔西佗陷阱" in screen_text(app)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen))


async def test_timing_file(tmp_path: Path, engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "timing.txt"
    monkeypatch.setenv("ASSISTANT_TIMING", "1")
    monkeypatch.setenv("ASSISTANT_TIMING_FILE", str(out))
    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=(110, 36)) as pilot:
        await ready(pilot)
        await pilot.pause(0.2)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert any(line.startswith("assistant timing: first_paint ") for line in lines)
    assert any(line.startswith("assistant timing: ready ") for line in lines)


# ---- LLM answers ------------------------------------------------------------------------

def llm_app(tmp_path: Path, engine: Engine, base_url: str = "http://127.0.0.1:9/v1") -> SpeechAssistantApp:
    from assistant.config import LLMConfig

    return make_app(tmp_path, lambda: engine, llm_config=LLMConfig(base_url=base_url, model="fake-model"))


async def test_llm_answer_streams_tokens(tmp_path: Path, engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    import asyncio

    from assistant import llm

    release = asyncio.Event()
    seen_history: list[Any] = []

    async def fake(engine_: Any, question: str, config: Any, *, history: Any = None, on_token: Any = None,
                   **_: Any) -> Answer:
        seen_history.append(history)
        for token in ["塔西佗", "陷阱是指", "公权力失去公信力[1]"]:
            on_token(token)
            await asyncio.sleep(0.01)
        await release.wait()
        answer = engine_.ask(question, history=history)
        answer.mode = f"llm:{config.model}"
        answer.text = "塔西佗陷阱是指公权力失去公信力[1]"
        return answer

    monkeypatch.setattr(llm, "answer_with_llm_async", fake)
    app = llm_app(tmp_path, engine)
    async with app.run_test(notifications=True, size=(110, 36)) as pilot:
        await ready(pilot)
        await pilot.press("f8")
        await pilot.pause()
        assert app.use_llm and "模式 大模型 fake-model" in screen_text(app)
        app.query_one(ChatInput).load_text(QUESTION)
        await pilot.press("enter")
        await wait_for(pilot, lambda: "公权力失去公信力[1]" in screen_text(app))
        view = app.query_one(ExchangeView)
        assert view.has_class("-pending"), "still generating: the text so far is already on screen"
        assert "fake-model 正在回答" in screen_text(app)
        release.set()
        await wait_for(pilot, lambda: app.chat_screen.current is None)
        answer = view.exchange.answer
        assert answer is not None and answer.mode == "llm:fake-model"
        assert "fake-model 生成" in screen_text(app)
        assert seen_history == [[]]


async def ask_with_llm(pilot: Any, app: SpeechAssistantApp) -> None:
    """Switch to LLM answers and send QUESTION."""
    await ready(pilot)
    app.action_toggle_llm()
    app.query_one(ChatInput).load_text(QUESTION)
    await pilot.press("enter")


async def test_escape_stops_llm_stream_and_keeps_partial_text(tmp_path: Path, engine: Engine,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:

    from assistant import llm

    async def streaming(engine_: Any, question: str, config: Any, *, on_token: Any = None,
                        cancel: Any = None, history: Any = None, **_: Any) -> Answer:
        on_token("塔西佗陷阱是指")
        await cancel.wait()            # a server that keeps streaming until stopped
        answer = engine_.ask(question, history=history)
        answer.mode, answer.text, answer.incomplete = f"llm:{config.model}", "塔西佗陷阱是指", True
        answer.notes.append("已中断大模型的回答。")
        return answer

    monkeypatch.setattr(llm, "answer_with_llm_async", streaming)
    app = llm_app(tmp_path, engine)
    async with app.run_test(notifications=True, size=(110, 36)) as pilot:
        await ask_with_llm(pilot, app)
        await wait_for(pilot, lambda: "塔西佗陷阱是指" in screen_text(app) and app.chat_screen.current is not None)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.chat_screen.current is None)
        view = app.query_one(ExchangeView)
        answer = view.exchange.answer
        assert view.exchange.status == "answered" and answer is not None and answer.incomplete
        assert "塔西佗陷阱是指" in screen_text(app)


async def test_escape_before_first_token_cancels_llm_request(tmp_path: Path, engine: Engine,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import asyncio

    from assistant import llm

    state: dict[str, bool] = {}

    async def hanging(engine_: Any, question: str, config: Any, **_: Any) -> Answer:
        try:
            await asyncio.Event().wait()   # a server that never answers
        except asyncio.CancelledError:
            state["cancelled"] = True      # the request task itself is cancelled, not left running
            raise
        raise AssertionError("unreachable")

    monkeypatch.setattr(llm, "answer_with_llm_async", hanging)
    app = llm_app(tmp_path, engine)
    async with app.run_test(notifications=True, size=(110, 36)) as pilot:
        await ask_with_llm(pilot, app)
        await wait_for(pilot, lambda: app.chat_screen.current is not None)
        await pilot.press("escape")
        await wait_for(pilot, lambda: state.get("cancelled", False))
        view = app.query_one(ExchangeView)
        assert view.exchange.status == "cancelled" and app.chat_screen.current is None
        assert "已取消" in screen_text(app)


async def test_llm_endpoint_down_falls_back_to_extractive(tmp_path: Path, engine: Engine) -> None:
    """The real client against a closed port on 127.0.0.1: a note, and the extractive answer."""
    app = llm_app(tmp_path, engine, base_url="http://127.0.0.1:9/v1")
    async with app.run_test(notifications=True, size=(110, 36)) as pilot:
        await ready(pilot)
        app.action_toggle_llm()
        view = await ask(pilot, QUESTION)
        answer = view.exchange.answer
        assert answer is not None and answer.mode == "extractive" and answer.citations
        assert any(n.endswith(";已改用抽取式回答。") for n in answer.notes), answer.notes
        # The CLI's wording for the same down endpoint (the asyncio client's error said 网络错误)
        assert any("连接被拒绝" in n for n in answer.notes), answer.notes
        # The notes stand above the answer: there the note says what follows.
        text = screen_text(app).replace("\n", "")
        assert "以下为抽取式回答" in text and "要警惕塔西佗陷阱" in text
        assert text.index("以下为抽取式回答") < text.index("要警惕塔西佗陷阱") and "已改用" not in text


# ---- input is never lost ----------------------------------------------------------------

def key_event(ch: str) -> Any:
    """The Key event a terminal's driver posts for the character ``ch``."""
    from textual import events

    return events.Key({"?": "question_mark", " ": "space"}.get(ch, ch), ch)


@pytest.mark.parametrize("focus", ["#source-list", "exchange", "box"])
async def test_paste_with_sources_or_answer_focused_goes_to_question_box(tmp_path: Path, engine: Engine,
                                                                        focus: str) -> None:
    from textual import events

    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=(110, 36)) as pilot:
        await ready(pilot)
        view = await ask(pilot, QUESTION)
        target = view if focus == "exchange" else app.query_one(ChatInput) if focus == "box" else app.query_one(focus)
        target.focus()
        await pilot.pause()
        assert app.focused is target
        # As the driver posts a bracketed paste: to the focused widget, bubbling up from there
        # (a paste into the box itself must be inserted once, not twice).
        target.post_message(events.Paste("损失厌恶是什么?"))
        await pilot.pause()
        box = app.query_one(ChatInput)
        assert box.text == "损失厌恶是什么?"
        assert app.focused is box
        assert not isinstance(app.screen, ReaderScreen)


async def test_burst_of_keys_ending_in_question_mark_stays_in_the_box(tmp_path: Path, engine: Engine) -> None:
    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=(110, 36)) as pilot:
        await ready(pilot)
        view = await ask(pilot, QUESTION)
        view.focus()
        await pilot.pause()
        assert app.focused is view
        # An IME commits a whole phrase at once: every key is queued before any is handled.
        for ch in "损失厌恶是什么?":
            app.post_message(key_event(ch))
        await pilot.pause(0.1)
        assert not isinstance(app.screen, HelpScreen), "? went to the box, it must not open help"
        box = app.query_one(ChatInput)
        assert box.text == "损失厌恶是什么?" and app.focused is box
        await pilot.press("enter")     # not swallowed by a help screen
        await wait_for(pilot, lambda: len(app.chat_screen.conversation.exchanges) == 2)
        assert app.chat_screen.conversation.exchanges[-1].question == "损失厌恶是什么?"


async def test_question_mark_opens_help_where_nothing_takes_text(tmp_path: Path, engine: Engine) -> None:
    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=(110, 36)) as pilot:
        await ready(pilot)
        app.open_source("2.21", ["塔西佗陷阱"])
        await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen))
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))


@pytest.mark.parametrize("enter", [("enter", "\r"), ("ctrl+j", "\n")], ids=["cr", "line-feed"])
async def test_keys_typed_before_first_paint_are_kept(tmp_path: Path, engine: Engine, enter: tuple[str, str]) -> None:
    """Keys typed while the program starts; Enter typed before the terminal left line mode
    arrives as a line feed (Ctrl+J), as a real terminal sends it (seen in tmux)."""
    gate = threading.Event()

    def slow_loader() -> Engine:
        gate.wait(10)
        return engine

    from textual import events

    class EarlyTyping(SpeechAssistantApp):
        def on_load(self) -> None:
            # Keys the driver reads from the terminal before anything is painted are queued
            # before the screen is mounted, as these are.
            for ch in QUESTION:
                self.post_message(key_event(ch))
            self.post_message(events.Key(*enter))

    app = EarlyTyping(engine_loader=slow_loader, data_dir=tmp_path, show_timings=False)
    async with app.run_test(notifications=True, size=(110, 36)) as pilot:
        await pilot.pause(0.1)
        assert not isinstance(app.screen, HelpScreen)
        assert app.chat_screen.pending == QUESTION, "the question and its Enter were both kept"
        gate.set()
        await wait_for(pilot, lambda: bool(app.chat_screen.conversation.exchanges))
        assert app.chat_screen.conversation.exchanges[0].question == QUESTION
        assert app.chat_screen.conversation.exchanges[0].answer is not None


async def test_tab_from_question_box_goes_to_newest_answer(tmp_path: Path, engine: Engine) -> None:
    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=(110, 36)) as pilot:
        await ready(pilot)
        await ask(pilot, QUESTION)
        newest = await ask(pilot, "第三篇讲话分为哪几个部分?")
        app.query_one(ChatInput).focus()
        await pilot.pause()
        await pilot.press("tab")
        assert app.focused is newest


# ---- the reader ---------------------------------------------------------------------------

async def open_reader(pilot: Any, unit_id: str) -> ReaderScreen:
    app = pilot.app
    await ready(pilot)
    app.open_source(unit_id, ["塔西佗陷阱"])
    await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen))
    await pilot.pause(0.2)
    assert isinstance(app.screen, ReaderScreen)
    return app.screen


async def outline_enter_on(pilot: Any, reader: ReaderScreen, unit_id: str) -> Any:
    """Enter on the top-level outline node of ``unit_id``; that node."""
    from textual.widgets import Tree

    tree = reader.query_one("#outline", Tree)
    node = next(n for n in tree.root.children if n.data == unit_id)
    tree.focus()
    tree.cursor_line = node.line
    await pilot.press("enter")
    await pilot.pause(0.2)
    return node


async def test_outline_enter_jumps_without_folding(tmp_path: Path, engine: Engine) -> None:
    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=(110, 36)) as pilot:
        reader = await open_reader(pilot, "2.21")
        node = await outline_enter_on(pilot, reader, "2.4")
        assert node.children and node.is_expanded, "Enter jumps to the section; it must not fold it"
        scroll = reader.query_one("#reader-text")
        assert reader.query_one(f"#{dom_id('2.4')}").region.y == scroll.content_region.y


async def test_header_names_the_section_jumped_to(tmp_path: Path, engine: Engine) -> None:
    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=(110, 36)) as pilot:
        reader = await open_reader(pilot, "2.21")
        assert reader.sub_title.startswith("2.21 · ")
        await outline_enter_on(pilot, reader, "2.4")
        assert reader.sub_title.startswith("2.4 · 一、"), "the header names where the reader now is"
        assert "2.4 · 一、" in screen_text(app)
        await pilot.press("t")
        await pilot.pause(0.1)
        assert reader.sub_title.startswith("2.21 · ")


async def test_cut_outline_labels_end_in_ellipsis(tmp_path: Path, engine: Engine) -> None:
    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=(80, 24)) as pilot:
        reader = await open_reader(pilot, "1.2")
        from textual.widgets import Tree

        tree = reader.query_one("#outline", Tree)
        width = tree.scrollable_content_region.width
        lines = ["".join(seg.text for seg in tree.render_line(y)).rstrip() for y in range(tree.size.height)]
        heading = next(line for line in lines if "一、要切实增强" in line)
        assert heading.endswith("…"), heading
        assert all(cell_len(line) <= width for line in lines)
        assert "├ 一要领导带头示范" in lines, "a label that fits is left whole"


async def test_t_returns_to_the_citation_after_reading_other_speeches(tmp_path: Path, engine: Engine) -> None:
    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=(110, 36)) as pilot:
        await open_reader(pilot, "2.21")
        await pilot.press("right_square_bracket")
        await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen) and app.screen.speech.no == 3)
        await pilot.press("right_square_bracket")
        await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen) and app.screen.speech.no == 4)
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen) and app.screen.speech.no == 2)
        reader = app.screen
        assert isinstance(reader, ReaderScreen) and reader.mark and reader.target.id == "2.21"
        await pilot.pause(0.2)
        assert [v.unit.id for v in reader.query(UnitView) if v.has_class("-target")] == ["2.21"]
        assert reader.terms == ["塔西佗陷阱"]
        await pilot.press("escape")      # back to the chat, not through every speech read
        await wait_for(pilot, lambda: app.screen is app.chat_screen)


class SlowEmbeddings(SpyEngine):
    """An engine whose embeddings take a while to attach (or fail), to watch the status line."""

    def __init__(self, engine: Engine, ok: bool, gate: threading.Event) -> None:
        super().__init__(engine)
        self.ok, self.attach_gate = ok, gate
        self.embeddings_reason: str | None = None
        self.asked_while_waiting = False

    def attach_embeddings(self) -> bool:
        self.attach_gate.wait(10)
        if not self.ok:
            self.embeddings_reason = "向量接口 http://127.0.0.1:9/v1 无法连接;仅用 BM25 检索"
        return self.ok


@pytest.mark.parametrize("ok", [True, False])
async def test_status_line_says_bm25_until_the_vectors_are_ready(tmp_path: Path, engine: Engine, ok: bool) -> None:
    gate = threading.Event()
    spy = SlowEmbeddings(engine, ok, gate)
    app = make_app(tmp_path, lambda: spy, semantic=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.engine is not None)
        assert "检索 BM25(语义向量准备中)" in screen_text(app)
        # Questions are answered with BM25 meanwhile.
        await pilot.press(*"什么是塔西佗陷阱?", "enter")
        await wait_for(pilot, lambda: bool(spy.returned))
        gate.set()
        await wait_for(pilot, lambda: "准备中" not in app.retrieval)
        text = screen_text(app)
        assert ("检索 BM25+语义" in text) is ok
        if not ok:
            assert "检索 BM25" in text
            assert any("127.0.0.1:9" in n.message for n in app._notifications)   # the toast says why


class BrokenConfigEmbeddings(SpyEngine):
    """Embeddings attached with the defaults because the config file can't be read."""

    NOTICE = ("配置文件 /home/u/.config/speech-assistant/config.toml 不是有效的 TOML(第 3 行第 7 列):"
              "Expected '=' after a key in a key/value pair;已忽略该文件中的设置,语义检索使用内置的本地模型")

    def __init__(self, engine: Engine) -> None:
        super().__init__(engine)
        self.embeddings_reason: str | None = None
        self.embeddings_notices: tuple[str, ...] = ()

    def attach_embeddings(self) -> bool:
        self.embeddings_notices = (self.NOTICE,)
        return True


async def test_an_unreadable_config_file_is_one_toast_and_ranking_stays_hybrid(tmp_path: Path, engine: Engine) -> None:
    spy = BrokenConfigEmbeddings(engine)
    app = make_app(tmp_path, lambda: spy, semantic=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.retrieval == "BM25+语义")
        assert "检索 BM25+语义" in screen_text(app)
        toasts = [n.message for n in app._notifications if "config.toml" in n.message]
        assert toasts == [BrokenConfigEmbeddings.NOTICE]


async def test_an_outline_by_paragraphs_says_the_speech_has_no_headings(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "talk.txt").write_text("在春耕动员会上的讲话\n同志们，今天开会部署春耕。\n去年全县粮食再获丰收。\n"
                                     "今年要稳定播种面积。\n希望大家抓好落实。\n", encoding="utf-8")
    app = make_app(tmp_path, lambda: Engine.load([corpus], use_cache=False))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.engine is not None)
        await pilot.press(*"这篇讲话分几个部分?", "enter")
        await wait_for(pilot, lambda: "以下按段落列出" in screen_text(app))
        assert "讲话提到了所问的事" not in screen_text(app)


async def test_a_follow_up_says_so_and_ctrl_r_asks_it_anew(tmp_path: Path, engine: Engine) -> None:
    spy = SpyEngine(engine)
    app = make_app(tmp_path, lambda: spy)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.engine is not None)
        await pilot.press(*"第一篇讲话提出要开展哪四个专项活动?", "enter")
        await wait_for(pilot, lambda: len(spy.returned) == 1)
        await pilot.press(*"那第二点呢?", "enter")
        await wait_for(pilot, lambda: len(spy.returned) == 2)
        assert "按追问理解" in screen_text(app)
        await pilot.press(*"草稿")            # typed but not sent: a re-ask must leave it
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: len(spy.returned) == 3)
        question, history = spy.calls[-1]
        assert question == "那第二点呢?" and history == []
        assert app.chat_screen.box.text == "草稿"


async def test_a_question_sent_while_answering_is_queued_not_merged(tmp_path: Path, engine: Engine) -> None:
    gate = threading.Event()
    spy = SpyEngine(engine, gate)
    app = make_app(tmp_path, lambda: spy)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.engine is not None)
        await pilot.press(*"什么是塔西佗陷阱?", "enter")
        await wait_for(pilot, lambda: len(spy.calls) == 1)
        await pilot.press(*"损失厌恶是什么?", "enter")      # while the first is answered
        await pilot.pause()
        assert app.chat_screen.box.text == ""               # taken, not left to be merged
        await pilot.press(*"草稿")
        gate.set()
        await wait_for(pilot, lambda: len(spy.returned) == 2)
        assert [q for q, _ in spy.calls] == ["什么是塔西佗陷阱?", "损失厌恶是什么?"]
        assert app.chat_screen.box.text == "草稿"           # what is typed meanwhile stays


async def test_f2_goes_into_the_sources_beside_the_chat(tmp_path: Path, engine: Engine) -> None:
    # The panel is shown beside the chat: F2 moves into it (not hiding it), Enter reads; F2
    # again from the list hides it and the question box takes keys again; F2 shows it again.
    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=(120, 40)) as pilot:
        await ready(pilot)
        await ask(pilot, QUESTION)
        panel = app.query_one(SourcesPanel)
        await pilot.press("f2")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "source-list" and panel.region.width > 0
        await pilot.press("f2")
        await pilot.pause()
        assert panel.region.width == 0 and app.focused is app.chat_screen.box
        await pilot.press("f2")
        await pilot.pause()
        assert panel.region.width > 0 and app.focused.id == "source-list"
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen))


async def test_ctrl_c_says_how_to_quit_in_chinese(tmp_path: Path, engine: Engine) -> None:
    """Textual's own note for Ctrl+C was English ("Do you want to quit?")."""
    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=(110, 36)) as pilot:
        await ready(pilot)
        app.query_one("#source-list").focus()
        await pilot.press("ctrl+c")
        await pilot.pause(0.2)
        messages = [n.title + n.message for n in app._notifications]
        assert any("按 Ctrl+Q 退出" in m for m in messages), messages
        assert not any("quit" in m for m in messages), messages
        assert app.is_running


async def test_the_reader_outlines_a_speech_without_headings_by_its_parts(tmp_path: Path) -> None:
    # 下面，我讲三点意见。 taken up unnumbered: the reader's outline shows the parts an outline answer lists.
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "flood.txt").write_text(
        "在全市防汛工作会议上的讲话\n副市长　韩文斌\n同志们：\n去年汛期，全市没有发生人员伤亡。下面，我讲三点意见。\n"
        "防汛工作事关人民群众生命财产安全，各级干部要放在心上。\n今年汛期降雨偏多，大家要有准备。\n"
        "防汛工作重在提前准备，五月底前完成汛前检查。\n防汛工作贵在责任落实，要严格执行防汛责任制。\n"
        "同志们，防汛工作责任重于泰山。\n", encoding="utf-8")
    local = Engine.load([folder], use_cache=False)
    app = make_app(tmp_path, lambda: local)
    async with app.run_test(notifications=True, size=(110, 36)) as pilot:
        await ready(pilot)
        app.open_source("1.4", [])
        await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen))
        await pilot.pause(0.2)
        from textual.widgets import Tree

        tree = app.screen.query_one("#outline", Tree)
        labels = [str(n.label) for n in tree.root.children]
        assert len(labels) == 3 and "事关" in labels[0] and "提前准备" in labels[1] and "责任落实" in labels[2], labels
