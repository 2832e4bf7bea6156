"""The chat screen: it owns the conversation, asks the engine and shows the sources.

Keeping the conversation (saving, reopening, replacing, exporting) is ``open_conversation``'s;
the copy keys are ``copying``'s.

The app loads the engine. This screen watches the app's ``engine`` and ``load_error`` (for a
question kept while loading); the question box (its placeholder) and the status line watch
them too, the status line also ``last_answer_ms`` (bound to this screen's), and ``current``
(the exchange being answered) refreshes the footer's keys.

Input is never lost here: printable keys and pastes that nothing else takes go to the question
box, whatever had focus (the sources list, an answer, nothing yet before the first paint).
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Header
from textual.worker import WorkerState, get_current_worker

from .chat import ChatInput, ChatLog, ExchangeView, StatusLine
from .copying import CopyKeys
from .footer import KeysFooter
from .messages import CitationClicked, ExchangeSelected, OpenSource, QuestionSubmitted
from .open_conversation import OpenConversation, conv_store
from .paste import pasted_text
from .sources import SourcesPanel
from .toasts import toasts_in_flow

if TYPE_CHECKING:
    from ..conversation import Conversation
    from ..engine import Engine, Turn
    from ..results import Answer
    from .app import SpeechAssistantApp

log = logging.getLogger(__name__)

EARLY_INPUT_SECONDS = 0.5   # keys typed before the start are all read well within this


class ChatScreen(CopyKeys, OpenConversation, Screen[None]):
    BINDINGS = [
        Binding("escape", "cancel", "取消"),
        Binding("f1", "app.help", "帮助"),   # also the app's; here to keep its place in the footer
        Binding("f2", "toggle_sources", "来源"),
        Binding("f3", "app.browse", "语料"),
        Binding("f5", "export", "导出"),
        # Priority: the question box's TextArea binds F6 to "select line", which nobody here needs.
        Binding("f6", "copy_menu", "复制", priority=True),
        Binding("ctrl+s", "save_answer", "保存回答", show=False),
        Binding("f8", "app.toggle_llm", "大模型", show=False),
        Binding("f9", "app.settings", "设置", show=False),
        Binding("ctrl+n", "new_conversation", "新对话", show=False),
        Binding("ctrl+r", "ask_anew", "作为新问题重问", show=False),
        Binding("ctrl+t", "retry", "重问", show=False),
        Binding("ctrl+l", "clear_input", "清空输入", show=False),
        Binding("ctrl+up", "select_exchange(-1)", "上一回答", show=False),
        Binding("ctrl+down", "select_exchange(1)", "下一回答", show=False),
    ]

    current: reactive[ExchangeView | None] = reactive(None, bindings=True)   # being answered
    last_answer_ms: reactive[float | None] = reactive(None)

    app: "SpeechAssistantApp"

    def __init__(self, data_dir: Path | None = None) -> None:
        super().__init__()
        self._data_dir = data_dir
        self._conversation: Conversation | None = None   # made when first used (conv_store)
        self.selected: ExchangeView | None = None
        self.pending: str | None = None            # a question typed while the engine loads
        self.queued: str | None = None             # a question sent while another is answered
        self._llm_cancel: asyncio.Event | None = None  # set by Esc once the model streams
        self._save_warned = False
        self.last_export: Path | None = None
        self._starting = True   # keys typed before the start are still arriving
        self._reopened = False  # the last conversation is reopened once, at start

    # ---- layout and state -----------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield ChatLog(id="chat")
            yield SourcesPanel(id="sources-panel")
        yield ChatInput(id="question")
        yield StatusLine(id="status").data_bind(ChatScreen.last_answer_ms)
        yield KeysFooter()

    @property
    def box(self) -> ChatInput:
        return self.query_one("#question", ChatInput)

    def on_mount(self) -> None:
        # set_focus, not focus(): focus() is deferred, and keys already queued would miss the box.
        self.set_focus(self.box)
        self.set_timer(EARLY_INPUT_SECONDS, self._started)
        toasts_in_flow(self)   # under the status line
        self.watch(self.app, "engine", self._engine_changed)
        self.watch(self.app, "load_error", self._load_error_changed)

    def _engine_changed(self, engine: "Engine | None") -> None:
        if engine is not None and not self._reopened:
            # Once the index is ready and after the next paint: first paint and ready-to-type
            # are not delayed by drawing it (nor by reading the setting), and its citations
            # can be checked against the corpus.
            self._reopened = True
            self.call_after_refresh(self._reopen_last)
        if engine is not None and self.pending is not None:
            question, self.pending = self.pending, None
            view, self.current = self.current, None
            if view is not None:
                view.remove()
            self.ask(question)

    def _load_error_changed(self, message: str | None) -> None:
        if message is not None and not self._reopened and self.current is None:
            self._reopened = True   # readable without the corpus: its sources are saved with it
            self.call_after_refresh(self._reopen_last)
        if message is not None and self.current is not None and self.pending is not None:
            self.current.exchange.status = "error"
            self.current.exchange.error = message
            self.current.show_result()
            self.current = self.pending = None

    @property
    def answering(self) -> bool:
        return self.current is not None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel":
            return self.answering  # Esc shows in the footer only while something can be cancelled
        return True

    # ---- input is never lost --------------------------------------------------------
    # The app hands each key to whatever has focus when it takes the key from its queue, so
    # every key of a burst (an IME committing a phrase, typing before the first paint) can be
    # on its way to the sources list, an answer or the bare screen before the first of them
    # moves the focus. Whatever bubbles up to here was taken by nobody: the box gets it, and
    # stopping it also keeps it from the app's bindings (? is help only where nothing takes text).
    def on_key(self, event: events.Key) -> None:
        if event.key == "tab" and self.focused is self.box:
            # Forward from the box is the answer in view (selected, else the newest), not the
            # oldest one that the DOM order would give; with the sources panel in the chat's
            # place (F2 on a narrow screen), the sources list.
            chat = self.query_one(ChatLog)
            views = list(chat.query_children(ExchangeView)) if chat.display else []
            if not chat.display:
                event.stop()
                event.prevent_default()
                self.set_focus(self.query_one("#source-list"))
            elif views:
                event.stop()
                event.prevent_default()
                self.set_focus(self.selected if self.selected in views else views[-1])
        elif event.is_printable and event.character:
            event.stop()
            event.prevent_default()
            self.set_focus(self.box)
            self.box.insert(event.character)
        elif event.key in ("enter", "ctrl+j") and self.focused in (None, self.box):
            # Sent on before the box had focus, after keys that went to the box. Enter typed
            # before the start, with the terminal still in line mode, arrives as a line feed,
            # which reads as Ctrl+J: nobody has seen the box yet, so it means Enter.
            event.stop()
            event.prevent_default()
            self.set_focus(self.box)
            if event.key == "enter" or self._starting:
                self.box.action_submit()
            else:
                self.box.action_newline()

    def _started(self) -> None:
        self._starting = False

    def on_paste(self, event: events.Paste) -> None:
        # A paste anywhere but the box goes into the box (the box stops its own). So does one
        # read while the program started (paste.py), sent here before the box had focus and
        # handled after it took it: "the box has focus" does not mean it was inserted.
        event.stop()
        event.prevent_default()
        self.set_focus(self.box)
        self.box.insert(pasted_text(event.text))

    # ---- asking ---------------------------------------------------------------------
    @on(QuestionSubmitted)
    def _submitted(self, event: QuestionSubmitted) -> None:
        self.submit(event.text)

    def submit(self, text: str) -> None:
        app = self.app
        if not text.strip():
            app.say("问题是空的:请输入要查询的内容。", "warning")
        elif self.answering:
            if self.queued is not None:
                app.say("已有一个问题在等待:请稍候,或按 Esc 取消当前回答。", "warning")
                self.box.restore(text)   # (kept, to be sent again)
                return
            # Asked as soon as the current answer is done; the box is free for the next one.
            self.queued = text
            self._clear_input(text)
            app.say("已记下,回答完上一个问题后接着回答。")
        elif app.load_error:
            app.say(app.load_error, "error")
            self.box.restore(text)
        elif app.engine is not None:
            self.ask(text)
        else:
            # Keep the question; it is asked as soon as the index is ready.
            try:
                from ..engine import Engine

                Engine.check_question(text)
            except ValueError as e:
                app.say(str(e), "warning")
                self.box.restore(text)
                return
            self.pending = text
            view = self.query_one(ChatLog).add(conv_store().Exchange(text))
            view.set_status("正在加载索引,加载完成后自动回答…")
            self.current = view
            self._clear_input(text)

    def ask(self, text: str, fresh: bool = False, from_box: bool = True,
            history: list["Turn"] | None = None) -> None:
        """Ask ``text`` with ``history``, by default the conversation (``fresh``: none, a new question).

        ``from_box``: the text is the box's, cleared once asked; a re-ask or a queued question
        leaves whatever is being typed in the box alone.
        """
        engine, config = self.app.engine, self.app.llm_config
        assert engine is not None
        try:
            question = engine.check_question(text)
        except ValueError as e:  # QuestionError: empty, punctuation only, too long
            self.app.say(str(e), "warning")
            if from_box:
                self.box.restore(text)
            return
        history = [] if fresh else history if history is not None else self.conversation.turns(engine.corpus)
        view = self.query_one(ChatLog).add(conv_store().Exchange(question))
        self.current = view
        if from_box:
            self._clear_input(text)
        if self.app.use_llm and config is not None:
            view.set_status(f"正在由 {config.model} 生成…(Esc 取消)")
            self.run_worker(self._answer_llm(view, question, history), group="answer",
                            exclusive=True, name="answer-llm")
        else:
            view.set_status("正在检索…")
            self._answer_extractive(view, question, history)

    def action_ask_anew(self) -> None:
        """Ask the selected (else the last) question again as a new question, not as a follow-up."""
        self._reask(fresh=True)

    def action_retry(self) -> None:
        """Ask the selected (else the last) question again, with the turns it was asked after."""
        self._reask(fresh=False)

    def _reask(self, fresh: bool) -> None:
        exchanges = self.conversation.exchanges
        target = self.selected.exchange if self.selected is not None else exchanges[-1] if exchanges else None
        if self.answering or self.app.engine is None or target is None:
            self.app.say("没有可以重问的问题。" if target is None or self.app.engine is None
                         else "正在回答:请稍候,或按 Esc 取消。", "warning")
            return
        before = next((exchanges[:i] for i, ex in enumerate(exchanges) if ex is target), exchanges)
        history = conv_store().Conversation(exchanges=before).turns(self.app.engine.corpus)
        self.ask(target.question, fresh=fresh, from_box=False, history=history)

    def action_clear_input(self) -> None:
        if self.box.text:
            self.box.clear()
            self.app.say("已清空输入框(Ctrl+Z 可恢复)。")
        self.set_focus(self.box)

    def _clear_input(self, text: str) -> None:
        # (The box gave the text up when Enter was pressed; what it holds now is being typed.)
        self.box.remember(text.strip())

    @work(thread=True, exclusive=True, group="answer", name="answer")
    def _answer_extractive(self, view: ExchangeView, question: str, history: list["Turn"]) -> None:
        worker = get_current_worker()
        engine = self.app.engine
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
        if not worker.is_cancelled:
            self.app.call_from_thread(self._finish, view, answer, error)

    async def _answer_llm(self, view: ExchangeView, question: str, history: list["Turn"]) -> None:
        from .llm_bridge import stream_llm_answer

        engine, config = self.app.engine, self.app.llm_config
        assert engine is not None and config is not None
        self._llm_cancel = asyncio.Event()
        try:
            answer, error = await stream_llm_answer(engine, config, question, history, view,
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
        chat = self.query_one(ChatLog)
        chat.call_after_refresh(chat.scroll_to_widget, view, animate=False, top=True)
        self._save()
        self._ask_queued()

    def _ask_queued(self) -> None:
        if self.queued is not None and self.app.engine is not None:
            queued, self.queued = self.queued, None
            self.ask(queued, from_box=False)

    def action_cancel(self) -> None:
        view = self.current
        if view is None:
            return
        if self._llm_cancel is not None and view.streaming_started:
            # The model has started: stop it and keep what arrived, checked and marked incomplete.
            self._llm_cancel.set()
            self.app.say("已停止大模型的回答,保留已收到的部分。")
            return
        for w in self.workers:
            if w.group == "answer" and w.state in (WorkerState.PENDING, WorkerState.RUNNING):
                w.cancel()
        self.current = self.pending = None
        ex = view.exchange
        ex.status = "cancelled"
        ex.error = "已取消"
        self.conversation.add(ex)
        view.show_result()
        self.app.say("已取消回答。")
        self._save()
        self._ask_queued()

    # ---- selection and sources ------------------------------------------------------
    def _select(self, view: ExchangeView | None) -> None:
        if self.selected is not None and self.selected is not view:
            self.selected.remove_class("-selected")
        self.selected = view
        if view is not None:
            view.add_class("-selected")
        self.query_one(SourcesPanel).show(view.exchange.answer if view is not None else None)

    @on(ExchangeSelected)
    def _exchange_selected(self, event: ExchangeSelected) -> None:
        if event.view.exchange.answer is not None:
            self._select(event.view)

    @on(CitationClicked)
    def _citation_clicked(self, event: CitationClicked) -> None:
        answer = event.view.exchange.answer
        if answer is None or not answer.all_citations:
            return
        self._select(event.view)
        n = event.n or answer.all_citations[0].n
        panel = self.query_one(SourcesPanel)
        if panel.display and panel.region.width > 0:
            panel.highlight_citation(n)
            return
        for c in answer.all_citations:
            if c.n == n:
                self.post_message(OpenSource(c.unit.id, c.matched, c.unit.text))

    def action_select_exchange(self, step: int) -> None:
        chat = self.query_one(ChatLog)
        views = chat.answered()
        if not views:
            return
        i = views.index(self.selected) + step if self.selected in views else len(views) - 1
        i = max(0, min(len(views) - 1, i))
        self._select(views[i])
        chat.scroll_to_widget(views[i], animate=False, top=True)

    def action_toggle_sources(self) -> None:
        main = self.query_one("#main")
        sources = self.query_one("#source-list")
        if self.has_class("-narrow"):
            main.toggle_class("-sources-shown")
            self.set_focus(sources if main.has_class("-sources-shown") else self.box)
        elif main.has_class("-sources-hidden"):
            main.remove_class("-sources-hidden")
            self.set_focus(sources)
        elif sources.has_focus:
            main.add_class("-sources-hidden")   # the second press from the list hides it
            self.set_focus(self.box)
        else:
            # Beside the chat, the panel is shown already: F2 goes into it (↑↓, Enter to read),
            # instead of hiding what the user wants to reach.
            self.set_focus(sources)
