"""The Textual app: chat with the speeches, read the cited sources in context.

Start-up paints at once; the engine (corpus, index, jieba) loads in a worker thread and the
question box says when it is ready. Answers run in workers too, so the UI never blocks: the
extractive engine in a thread, the LLM as an asyncio task that Esc cancels.

``ASSISTANT_TIMING=1`` reports time to first paint and time until a question can be
answered on stderr when the app exits (``ASSISTANT_TIMING=exit`` quits as soon as the engine
is ready, for scripted measurement); ``ASSISTANT_TIMING_FILE=path`` also appends them to a file.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from rich.text import Text
from textual import events, on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static
from textual.worker import WorkerState, get_current_worker

from .. import conversation as conv_store
from ..conversation import Conversation, ConversationError, Exchange
from ..results import Answer
from .chat import ChatInput, ExchangeView, SourceLink
from .sources import SourcesPanel

if TYPE_CHECKING:
    from ..config import LLMConfig
    from ..engine import Engine, Turn

log = logging.getLogger(__name__)

PLACEHOLDER_LOADING = "正在加载索引…"
PLACEHOLDER_READY = "输入问题,回车发送(Ctrl+J 换行,F1 帮助)"
TIMING_ENV = "ASSISTANT_TIMING"
TIMING_FILE_ENV = "ASSISTANT_TIMING_FILE"


def _process_start() -> float | None:
    """When this process started, on the ``time.time()`` clock (Linux only, else None)."""
    try:
        with open("/proc/self/stat", "rb") as fh:
            fields = fh.read().rsplit(b")", 1)[1].split()
        start_ticks = int(fields[19])
        with open("/proc/uptime", "rb") as fh:
            uptime = float(fh.read().split()[0])
        return time.time() - uptime + start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


@dataclass
class Timings:
    """Start-up measurements, in seconds since ``start`` (the app object's creation)."""

    start: float
    process_start: float | None
    first_paint: float | None = None
    ready: float | None = None

    def line(self, name: str) -> str | None:
        value = getattr(self, name)
        if value is None:
            return None
        offset = (self.start - self.process_start) if self.process_start else None
        since_proc = f" ({value + offset:.3f} s since process start)" if offset is not None else ""
        return f"assistant timing: {name} {value:.3f} s after app start{since_proc}"

    def lines(self) -> list[str]:
        return [line for name in ("first_paint", "ready") if (line := self.line(name))]


class SpeechAssistantApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "讲话助手"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (96, "-wide")]

    BINDINGS = [
        Binding("escape", "cancel", "取消"),
        Binding("f1", "help", "帮助"),
        Binding("question_mark", "help", "帮助", show=False),
        Binding("f2", "toggle_sources", "来源"),
        Binding("f3", "browse", "语料"),
        Binding("f4", "conversations", "对话", show=False),
        Binding("f5", "export", "导出"),
        Binding("f8", "toggle_llm", "大模型", show=False),
        Binding("ctrl+n", "new_conversation", "新对话", show=False),
        Binding("ctrl+up", "select_exchange(-1)", "上一回答", show=False),
        Binding("ctrl+down", "select_exchange(1)", "下一回答", show=False),
        Binding("ctrl+p", "command_palette", "命令", key_display="^P", priority=True, show=False),
        Binding("ctrl+q", "quit", "退出", key_display="^Q", priority=True),
    ]

    def __init__(self, corpus_paths: list[Path] | None = None, *,
                 engine_loader: Callable[[], "Engine"] | None = None,
                 data_dir: Path | None = None, show_timings: bool = True,
                 llm_config: "LLMConfig | None" = None) -> None:
        super().__init__()
        self.timings = Timings(time.time(), _process_start())
        self.corpus_paths = corpus_paths
        self._engine_loader = engine_loader
        self.engine: Engine | None = None
        self.load_error: str | None = None
        self.show_timings = show_timings   # off in snapshot tests: no varying numbers on screen
        base = data_dir
        self.conversations_dir = conv_store.conversations_dir(base)
        self.exports_dir = conv_store.exports_dir(base)
        self.conversation = Conversation()
        self.selected: ExchangeView | None = None
        self.current: ExchangeView | None = None   # the exchange being answered
        self.pending: str | None = None            # a question typed while the engine loads
        self._llm_config = llm_config
        self._llm_cancel: asyncio.Event | None = None  # set by Esc once the model streams
        self.use_llm = False
        self.last_answer_ms: float | None = None
        self._save_warned = False
        self.last_export: Path | None = None

    # ---- layout ---------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            chat = VerticalScroll(Static(self._welcome(), id="welcome", markup=False), id="chat")
            chat.can_focus = False  # Tab goes from the question box straight to the exchanges
            yield chat
            yield SourcesPanel(id="sources-panel")
        yield ChatInput(id="question", placeholder=PLACEHOLDER_LOADING)
        yield Static("", id="status", markup=False)
        yield Footer()

    @staticmethod
    def _welcome() -> Text:
        t = Text()
        t.append("向讲话提问,回答引用原文并标明出处。\n", style="bold")
        t.append("例如:什么是塔西佗陷阱? · 第三篇讲话分为哪几个部分? · 怎样转变机关作风?\n", style="dim")
        t.append("F3 浏览全部讲话 · F1 查看按键", style="dim")
        return t

    def on_key(self, event: events.Key) -> None:
        # Typing while the sources list or an answer has focus goes to the question box,
        # as in a chat app: nobody should have to find the input first.
        if (event.is_printable and event.character and self.screen is self.screen_stack[0]
                and not isinstance(self.focused, ChatInput)):
            box = self.query_one("#question", ChatInput)
            box.focus()
            box.insert(event.character)
            event.stop()

    def on_mount(self) -> None:
        self.query_one("#question", ChatInput).border_title = "提问"
        self.query_one("#question", ChatInput).focus()
        self._update_status()
        self.call_after_refresh(self._mark_first_paint)
        self._load_engine()

    def _mark_first_paint(self) -> None:
        self.timings.first_paint = time.time() - self.timings.start
        self._write_timing("first_paint")

    # ---- engine ---------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="load", name="load-engine")
    def _load_engine(self) -> None:
        warnings: list[str] = []
        try:
            if self._engine_loader is not None:
                engine = self._engine_loader()
            else:
                from ..engine import Engine

                engine = Engine.load(self.corpus_paths, warn=warnings.append, progress=self._index_progress)
            # The first question would otherwise pay for jieba's dictionary: do it now.
            try:
                engine.search("作风建设", k=1)
            except ValueError:
                pass
        except Exception as e:  # CorpusError and anything else: the UI must say, not die
            from ..corpus import CorpusError

            msg = str(e) if isinstance(e, CorpusError) else f"加载失败:{type(e).__name__}: {e}"
            log.exception("engine load failed")
            self.call_from_thread(self._engine_failed, msg)
            return
        self.call_from_thread(self._engine_ready, engine, warnings)

    def _index_progress(self, done: int, total: int) -> None:
        """Called from the loading thread while a corpus is analysed (not on a cache hit)."""
        if total >= 500:
            self.call_from_thread(self._show_index_progress, done, total)

    def _show_index_progress(self, done: int, total: int) -> None:
        self.query_one("#question", ChatInput).placeholder = f"正在建立索引… {done}/{total} 段"

    def _engine_ready(self, engine: "Engine", warnings: list[str]) -> None:
        self.engine = engine
        self.timings.ready = time.time() - self.timings.start
        self._write_timing("ready")
        box = self.query_one("#question", ChatInput)
        box.placeholder = PLACEHOLDER_READY
        for w in warnings:
            self.say(w, "warning")
        self._update_status()
        if os.environ.get(TIMING_ENV) == "exit":
            self.exit()
            return
        if self.pending is not None:
            question, self.pending = self.pending, None
            view = self.current
            self.current = None
            if view is not None:
                view.remove()
            self.ask(question)

    def _engine_failed(self, message: str) -> None:
        self.load_error = message
        self.query_one("#question", ChatInput).placeholder = "语料加载失败,按 Ctrl+Q 退出"
        self.say(message, "error", timeout=30)
        if self.current is not None and self.pending is not None:
            self.current.exchange.status = "error"
            self.current.exchange.error = message
            self.current.show_result()
            self.current = None
            self.pending = None
        self._update_status()

    def _write_timing(self, name: str) -> None:
        line = self.timings.line(name)
        if not line or not os.environ.get(TIMING_ENV) or not os.environ.get(TIMING_FILE_ENV):
            return
        log.info(line)
        try:
            with open(os.environ[TIMING_FILE_ENV], "a", encoding="utf-8") as fh:
                fh.write(line + "\n")
        except OSError:
            pass

    # ---- status line ----------------------------------------------------------------
    def mode_label(self) -> str:
        if self.use_llm and self._llm_config is not None:
            return f"大模型 {self._llm_config.model}"
        return "抽取式"

    def _update_status(self) -> None:
        t = Text()
        if self.engine is not None:
            corpus = self.engine.corpus
            n_par = sum(1 for u in corpus.units if u.kind == "paragraph")
            t.append(f"语料 {len(corpus.speeches)} 篇讲话 · {n_par} 段")
        elif self.load_error:
            t.append("语料加载失败", style="bold")
        else:
            t.append("正在加载索引…")
        t.append("  │  ", style="dim")
        t.append(f"模式 {self.mode_label()}")
        if self.last_answer_ms is not None:
            t.append("  │  ", style="dim")
            if self.show_timings:
                t.append(f"上次回答 {_fmt_ms(self.last_answer_ms)}")
            else:
                t.append("上次回答 已完成")
        self.query_one("#status", Static).update(t)

    # ---- notifications --------------------------------------------------------------
    def say(self, message: str, severity: str = "information", timeout: float | None = None) -> None:
        """A notification whose text is shown literally (it may quote the user or the corpus)."""
        self.notify(message, severity=severity, markup=False,  # type: ignore[arg-type]
                    timeout=timeout if timeout is not None else (8 if severity != "information" else 4))

    # ---- asking ---------------------------------------------------------------------
    @property
    def answering(self) -> bool:
        return self.current is not None

    @on(ChatInput.Submitted)
    def _submitted(self, event: ChatInput.Submitted) -> None:
        self.submit(event.text)

    def submit(self, text: str) -> None:
        if not text.strip():
            self.say("问题是空的:请输入要查询的内容。", "warning")
            return
        if self.answering:
            self.say("正在回答上一个问题:请稍候,或按 Esc 取消。", "warning")
            return
        if self.load_error:
            self.say(self.load_error, "error")
            return
        if self.engine is None:
            # Keep the question; it is asked as soon as the index is ready.
            try:
                from ..engine import Engine

                Engine.check_question(text)
            except ValueError as e:
                self.say(str(e), "warning")
                return
            self.pending = text
            view = self._add_exchange(Exchange(text))
            view.set_status("正在加载索引,加载完成后自动回答…")
            self.current = view
            self._clear_input(text)
            return
        self.ask(text)

    def ask(self, text: str) -> None:
        assert self.engine is not None
        try:
            question = self.engine.check_question(text)
        except ValueError as e:  # QuestionError: empty, punctuation only, too long
            self.say(str(e), "warning")
            return
        history = self.conversation.turns()
        view = self._add_exchange(Exchange(question))
        self.current = view
        self._clear_input(text)
        self.refresh_bindings()
        if self.use_llm and self._llm_config is not None:
            view.set_status(f"正在由 {self._llm_config.model} 生成…(Esc 取消)")
            self.run_worker(self._answer_llm(view, question, history), group="answer",
                            exclusive=True, name="answer-llm")
        else:
            view.set_status("正在检索…")
            self._answer_extractive(view, question, history)

    def _clear_input(self, text: str) -> None:
        box = self.query_one("#question", ChatInput)
        box.remember(text.strip())
        box.clear()

    def _add_exchange(self, exchange: Exchange) -> ExchangeView:
        chat = self.query_one("#chat", VerticalScroll)
        for w in chat.query("#welcome"):
            w.remove()
        view = ExchangeView(exchange, pending=True)
        chat.mount(view)
        chat.call_after_refresh(chat.scroll_end, animate=False)
        return view

    @work(thread=True, exclusive=True, group="answer", name="answer")
    def _answer_extractive(self, view: ExchangeView, question: str, history: list["Turn"]) -> None:
        worker = get_current_worker()
        engine = self.engine
        assert engine is not None
        answer: Answer | None = None
        error: str | None = None
        try:
            answer = engine.ask(question, history=history)
        except ValueError as e:
            error = str(e)
        except Exception as e:
            log.exception("ask failed")
            error = f"回答时出错:{type(e).__name__}: {e}"
        if worker.is_cancelled:
            return
        self.call_from_thread(self._finish, view, answer, error)

    async def _answer_llm(self, view: ExchangeView, question: str, history: list["Turn"]) -> None:
        from .llm_bridge import stream_llm_answer

        assert self.engine is not None and self._llm_config is not None
        self._llm_cancel = asyncio.Event()
        try:
            answer, error = await stream_llm_answer(self.engine, self._llm_config, question, history, view,
                                                    cancel=self._llm_cancel)
        finally:
            self._llm_cancel = None
        self._finish(view, answer, error)

    def _finish(self, view: ExchangeView, answer: Answer | None, error: str | None) -> None:
        if view is not self.current:
            return  # cancelled, or the conversation was replaced meanwhile
        ex = view.exchange
        ex.answer = answer
        if answer is None:
            ex.status = "error"
            ex.error = error or "没有回答"
        else:
            ex.status = "answered"
            ex.error = error  # e.g. the LLM failed and this is the extractive fallback
            self.last_answer_ms = answer.elapsed_ms
        self.current = None
        self.conversation.add(ex)
        self.sub_title = self.conversation.title
        view.show_result()
        self._select(view)
        chat = self.query_one("#chat", VerticalScroll)
        chat.call_after_refresh(chat.scroll_to_widget, view, animate=False, top=True)
        self._update_status()
        self.refresh_bindings()
        self._save()

    def action_cancel(self) -> None:
        view = self.current
        if view is None:
            return
        if self._llm_cancel is not None and view.streaming_started:
            # The model has started: stop it and keep what arrived, checked and marked incomplete.
            self._llm_cancel.set()
            self.say("已停止大模型的回答,保留已收到的部分。")
            return
        for w in self.workers:
            if w.group == "answer" and w.state in (WorkerState.PENDING, WorkerState.RUNNING):
                w.cancel()
        self.current = None
        self.pending = None
        ex = view.exchange
        ex.status = "cancelled"
        ex.error = "已取消"
        self.conversation.add(ex)
        view.show_result()
        self.say("已取消回答。")
        self.refresh_bindings()
        self._save()

    _MAIN_ONLY = frozenset({"cancel", "toggle_sources", "export", "select_exchange", "browse",
                            "conversations", "new_conversation", "toggle_llm"})

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The chat's keys are hidden (and inert) while a reader or dialog is on top.
        if action in self._MAIN_ONLY and len(self.screen_stack) > 1:
            return False
        if action == "cancel":
            return self.answering  # Esc shows in the footer only while something can be cancelled
        return True

    def _save(self) -> None:
        try:
            conv_store.save_conversation(self.conversation, self.conversations_dir)
        except ConversationError as e:
            if not self._save_warned:
                self._save_warned = True
                self.say(str(e), "warning")

    # ---- selection and sources ------------------------------------------------------
    def _select(self, view: ExchangeView | None) -> None:
        if self.selected is not None and self.selected is not view:
            self.selected.remove_class("-selected")
        self.selected = view
        panel = self.query_one(SourcesPanel)
        if view is None:
            panel.show(None)
            return
        view.add_class("-selected")
        panel.show(view.exchange.answer)

    @on(ExchangeView.Selected)
    def _exchange_selected(self, event: ExchangeView.Selected) -> None:
        if event.view.exchange.answer is not None:
            self._select(event.view)

    @on(ExchangeView.CitationClicked)
    def _citation_clicked(self, event: ExchangeView.CitationClicked) -> None:
        """A click on a marker [n] in an answer (n = 0: Enter on the exchange, its first source)."""
        answer = event.view.exchange.answer
        if answer is None or not answer.citations:
            return
        self._select(event.view)
        if event.n == 0:
            event.n = answer.citations[0].n
        if self._sources_visible():
            self.query_one(SourcesPanel).highlight_citation(event.n)
        else:
            for c in answer.citations:
                if c.n == event.n:
                    self.open_source(c.unit.id, c.matched)

    @on(SourceLink.Open)
    @on(SourcesPanel.Open)
    def _open_source(self, event: SourceLink.Open | SourcesPanel.Open) -> None:
        self.open_source(event.unit_id, event.terms)

    def open_source(self, unit_id: str, terms: list[str]) -> None:
        if self.engine is None:
            self.say("索引正在加载,请稍候再打开原文。", "warning")
            return
        corpus = self.engine.corpus
        if corpus.get(unit_id) is None:
            self.say(f"当前语料中没有段落 {unit_id}(语料可能已更换)。", "warning")
            return
        from .reader import ReaderScreen

        self.push_screen(ReaderScreen(corpus, unit_id, terms))

    def action_select_exchange(self, step: int) -> None:
        views = [v for v in self.query(ExchangeView) if v.exchange.answer is not None]
        if not views:
            return
        i = views.index(self.selected) + step if self.selected in views else len(views) - 1
        i = max(0, min(len(views) - 1, i))
        self._select(views[i])
        self.query_one("#chat", VerticalScroll).scroll_to_widget(views[i], animate=False, top=True)

    def _sources_visible(self) -> bool:
        return bool(self.query_one(SourcesPanel).display) and self.query_one(SourcesPanel).region.width > 0

    def action_toggle_sources(self) -> None:
        main = self.query_one("#main")
        if self.screen.has_class("-narrow"):
            main.toggle_class("-sources-shown")
            if main.has_class("-sources-shown"):
                self.query_one("#source-list").focus()
            else:
                self.query_one("#question").focus()
        else:
            main.toggle_class("-sources-hidden")

    # ---- screens --------------------------------------------------------------------
    # Each screen's module is imported when it is first opened: the help screen alone pulls in
    # markdown-it, and none of them is on the first screen (start-up time, issue 6).
    def action_help(self) -> None:
        from .dialogs import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_browse(self) -> None:
        if self.engine is None:
            self.say("索引正在加载,请稍候。" if not self.load_error else self.load_error, "warning")
            return
        from .browser import CorpusBrowserScreen

        if not isinstance(self.screen, CorpusBrowserScreen):
            self.push_screen(CorpusBrowserScreen(self.engine.corpus))

    def action_conversations(self) -> None:
        saved, problems = conv_store.list_conversations(self.conversations_dir)
        for p in problems[:3]:
            self.say(p, "warning")
        from .dialogs import ConversationsScreen

        self.push_screen(ConversationsScreen(saved, self.conversations_dir), self._reopen)

    def _reopen(self, path: Path | None) -> None:
        if path is None:
            return
        try:
            conv = conv_store.load_conversation(path)
        except ConversationError as e:
            self.say(str(e), "error")
            return
        self._replace_conversation(conv)
        self.say(f"已打开对话:{conv.title}")

    def action_new_conversation(self) -> None:
        if not self.conversation.exchanges and self.current is None:
            self.say("已经是新对话。")
            return
        self._replace_conversation(Conversation())
        self.say("已开始新对话。")

    def _replace_conversation(self, conv: Conversation) -> None:
        if self.current is not None:
            self.action_cancel()
        self.conversation = conv
        chat = self.query_one("#chat", VerticalScroll)
        chat.remove_children()
        self._select(None)
        if not conv.exchanges:
            chat.mount(Static(self._welcome(), id="welcome", markup=False))
        views = [ExchangeView(ex) for ex in conv.exchanges]
        if views:
            chat.mount_all(views)
            chat.call_after_refresh(chat.scroll_end, animate=False)
            answered = [v for v in views if v.exchange.answer is not None]
            if answered:
                self.call_after_refresh(self._select, answered[-1])
        self.sub_title = conv.title if conv.exchanges else ""
        self.query_one("#question").focus()

    def action_export(self) -> None:
        if not self.conversation.exchanges:
            self.say("对话还是空的,没有可导出的内容。", "warning")
            return
        try:
            path = conv_store.export_conversation(self.conversation, self.exports_dir)
        except ConversationError as e:
            self.say(str(e), "error")
            return
        self.last_export = path
        self.say(f"已导出到 {path}", timeout=10)

    def action_settings(self) -> None:
        from .dialogs import SettingsScreen

        lines, hint = self._settings_lines()
        self.push_screen(SettingsScreen(lines, hint))

    def _settings_lines(self) -> tuple[list[tuple[str, str]], str]:
        lines: list[tuple[str, str]] = []
        if self.engine is not None:
            sources = sorted({s.source for s in self.engine.corpus.speeches})
            lines.append(("语料", "、".join(sources)))
        lines.append(("回答方式", self.mode_label() + "(F8 切换)"))
        hint = ""
        config, problem = self._load_llm_config()
        if config is not None and config.is_configured():
            from ..llm import display_url

            lines.append(("大模型接口", display_url(config.base_url)))
            lines.append(("模型", config.model))
            lines.append(("密钥", "已设置" if config.api_key() else "未设置"))
        else:
            lines.append(("大模型接口", "未配置"))
            hint = problem or _not_configured_hint()
        lines.append(("对话保存位置", str(self.conversations_dir)))
        lines.append(("导出位置", str(self.exports_dir)))
        return lines, hint

    def _load_llm_config(self) -> tuple["LLMConfig | None", str | None]:
        if self._llm_config is not None:
            return self._llm_config, None
        try:
            from ..config import ConfigError, load_config
        except ImportError:
            return None, None
        try:
            return load_config(), None
        except ConfigError as e:
            return None, str(e)

    def action_toggle_llm(self) -> None:
        if self.use_llm:
            self.use_llm = False
            self.say("已切换为抽取式回答(不联网)。")
            self._update_status()
            return
        config, problem = self._load_llm_config()
        if config is None or not config.is_configured():
            self.say(problem or _not_configured_hint(), "warning", timeout=15)
            return
        if not _llm_bridge_available():
            self.say("大模型回答模块尚不可用,继续使用抽取式回答。", "warning")
            return
        self._llm_config = config
        self.use_llm = True
        self.say(f"已切换为大模型回答:{config.model}")
        self._update_status()

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(id="--command-palette", placeholder="搜索命令…"))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield SystemCommand("新对话", "清空当前对话,开始新话题(Ctrl+N)", self.action_new_conversation)
        yield SystemCommand("导出", "把对话导出为 Markdown,引文作脚注(F5)", self.action_export)
        yield SystemCommand("切换 LLM", "在抽取式回答与大模型回答之间切换(F8)", self.action_toggle_llm)
        yield SystemCommand("设置", "查看语料、大模型接口与保存位置", self.action_settings)
        yield SystemCommand("打开保存的对话", "重新打开以前的对话(F4)", self.action_conversations)
        yield SystemCommand("浏览语料", "全部讲话及其大纲(F3)", self.action_browse)
        yield SystemCommand("来源面板", "显示或隐藏来源面板(F2)", self.action_toggle_sources)
        yield SystemCommand("帮助", "按键与用法(F1)", self.action_help)
        yield SystemCommand("主题", "更换配色主题", self.action_change_theme)
        yield SystemCommand("退出", "退出讲话助手(Ctrl+Q)", self.action_quit)


def _fmt_ms(ms: float) -> str:
    return f"{ms:.0f} ms" if ms < 1000 else f"{ms / 1000:.1f} s"


def _not_configured_hint() -> str:
    try:
        from ..config import not_configured_hint
    except ImportError:
        return "未配置大模型接口。"
    return not_configured_hint().replace("以下为抽取式回答。", "")


def _llm_bridge_available() -> bool:
    try:
        from . import llm_bridge  # noqa: F401
    except ImportError:
        return False
    return True


def run(corpus_paths: list[Path] | None = None) -> None:
    """Open the TUI (``assistant`` with no arguments)."""
    app = SpeechAssistantApp(corpus_paths)
    app.run()
    if os.environ.get(TIMING_ENV):
        for line in app.timings.lines():
            print(line, file=sys.stderr)
