"""The chat column: the question box and one widget per exchange."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import LoadingIndicator, Static, TextArea

from ..limits import MAX_QUESTION_CHARS
from .linebreak import broken
from .messages import CitationClicked, ExchangeSelected, OpenSource, QuestionSubmitted
from .paste import pasted_text

_READ_AS_CHARS = 60   # of the question as a follow-up was read, shown at most (its end)

if TYPE_CHECKING:
    from textual.widgets import Markdown

    from ..conversation import Exchange
    from ..results import Answer
    from .app import SpeechAssistantApp

NEWLINE_KEYS = ("ctrl+j", "shift+enter", "alt+enter")
# Typing needs no index: the question waits for it (ChatScreen.pending).
PLACEHOLDER_LOADING = "输入问题,回车发送(索引加载中,加载完成后回答)"
PLACEHOLDER_READY = "输入问题,回车发送(Ctrl+J 换行,F1 帮助)"
PLACEHOLDER_FAILED = "语料加载失败,按 Ctrl+Q 退出"
COUNT_FROM_CHARS = 1500   # the box shows how long the question is from here on


class ChatInput(TextArea):
    """Multi-line question box: Enter sends, Ctrl+J (or Shift+Enter) starts a new line,
    ↑ on the first line / ↓ on the last line walk through earlier questions."""

    app: "SpeechAssistantApp"

    BINDINGS = [
        Binding("enter", "submit", "发送", priority=False),
        Binding("ctrl+j", "newline", "换行", key_display="^J"),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(soft_wrap=True, show_line_numbers=False, tab_behavior="focus",
                         highlight_cursor_line=False, compact=True, placeholder=PLACEHOLDER_LOADING,
                         **kwargs)  # type: ignore[arg-type]
        self.question_history: list[str] = []
        self._history_pos: int | None = None   # index into history while recalling
        self._draft = ""
        self._refused: str | None = None   # the text Enter refused as too long

    def on_mount(self) -> None:
        self.border_title = "提问"
        # The placeholder says how loading goes; it follows the app's state by itself.
        self.watch(self.app, "index_progress", self._index_progress_changed)
        self.watch(self.app, "engine", self._loaded)
        self.watch(self.app, "load_error", self._loaded)

    def _index_progress_changed(self, progress: tuple[int, int] | None) -> None:
        if progress is not None and self.app.engine is None:
            self.placeholder = f"正在建立索引… {progress[0]}/{progress[1]} 段"

    def _loaded(self, _value: object) -> None:
        if self.app.engine is not None:
            self.placeholder = PLACEHOLDER_READY
        elif self.app.load_error:
            self.placeholder = PLACEHOLDER_FAILED

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.action_submit()
            return
        if event.key in NEWLINE_KEYS:
            event.stop()
            event.prevent_default()
            self.action_newline()
            return
        if event.key == "up" and self._on_first_visual_line() and self._recall(-1):
            event.stop()
            event.prevent_default()
            return
        if event.key == "down" and self._on_last_visual_line() and self._recall(+1):
            event.stop()
            event.prevent_default()
            return
        await super()._on_key(event)

    async def _on_paste(self, event: events.Paste) -> None:
        # Cleaned here: a paste copied from a terminal can hold colour codes or an OSC 52
        # clipboard write, which would be asked, saved and exported as literal text.
        # prevent_default: TextArea's own handler would insert the raw text as well.
        event.stop()
        event.prevent_default()
        await super()._on_paste(events.Paste(pasted_text(event.text)))

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self.show_length()
        # (said of the question sent before; this one is being typed — not the refused one put back)
        if self.text.strip() and self.text != getattr(self, "_put_back", None):
            unsay = getattr(self.app, "unsay", None)
            if unsay is not None:
                unsay("问题是空的", "问题里只有标点")

    def show_length(self) -> None:
        """The count and the over-length state, in the box's border: a long paste says how far
        it is from the limit at once, and Enter on too long a question says so in the same
        place, not in a toast that can queue behind others; the text stays."""
        n = len(self.text)
        over = n > MAX_QUESTION_CHARS
        if n <= COUNT_FROM_CHARS:
            self.border_subtitle = ""
        elif over and self._refused == self.text:   # until it is edited
            self.border_subtitle = (f"{n} / {MAX_QUESTION_CHARS} 字,太长,未发送:"
                                    f"删到 {MAX_QUESTION_CHARS} 字以内或 Ctrl+L 清空")
        else:
            self.border_subtitle = f"{n} / {MAX_QUESTION_CHARS} 字" + (",太长,Ctrl+L 清空" if over else "")
        self.set_class(over, "-too-long")

    def _visual_row(self) -> int:
        return self.wrapped_document.location_to_offset(self.cursor_location).y

    def _on_first_visual_line(self) -> bool:
        return self.cursor_at_first_line and self._visual_row() == 0

    def _on_last_visual_line(self) -> bool:
        return self.cursor_at_last_line and self._visual_row() >= self.wrapped_document.height - 1

    def _recall(self, step: int) -> bool:
        if not self.question_history:
            return False
        if self._history_pos is None:
            if step > 0:
                return False
            self._draft = self.text
            pos = len(self.question_history) - 1
        else:
            pos = self._history_pos + step
        if pos < 0:
            return True  # stay on the oldest question; the key is still ours
        if pos >= len(self.question_history):
            self._history_pos = None
            self._set_text(self._draft)
            return True
        self._history_pos = pos
        self._set_text(self.question_history[pos])
        return True

    def _set_text(self, text: str) -> None:
        self.load_text(text)
        self.move_cursor(self.document.end)

    def use_history(self, questions: list[str]) -> None:
        """Recall ``questions`` from now on: the conversation shown, not the one before it."""
        self.question_history = [q for i, q in enumerate(questions) if i == 0 or questions[i - 1] != q]
        self._history_pos = None
        self._draft = ""

    def remember(self, question: str) -> None:
        if question and (not self.question_history or self.question_history[-1] != question):
            self.question_history.append(question)
        self._history_pos = None
        self._draft = ""

    def action_delete_to_start_of_line(self) -> None:
        """Ctrl+U: back to the start of the question's line, not of the row it wraps to on
        screen (a 3,000-character paste took some 90 presses to clear)."""
        end = self.selection.end
        if end[1] == 0 or self.read_only:
            super().action_delete_to_start_of_line()   # joins with the line before, as usual
            return
        self.delete((end[0], 0), end, maintain_selection_offset=False)

    def action_submit(self) -> None:
        if len(self.text) > MAX_QUESTION_CHARS:
            # Said where the count is. Enter can come before the paste's own Changed message
            # (one burst of input), which must not take the refusal back: it holds for this text.
            self._refused = self.text
            self.app.bell()
            self.show_length()
            return
        # Taken out of the box at once: keys typed before the screen handles the message (a fast
        # typist's next question) start a new one instead of joining this. The screen puts it
        # back if it cannot be asked (restore).
        text = self.text
        self.remember(text.strip())
        self.clear()
        self.post_message(QuestionSubmitted(text))

    def restore(self, text: str) -> None:
        """Put back a question that could not be asked, unless another is being typed."""
        if not self.text.strip():
            self._put_back = text   # (the note on why it was refused stays)
            self._set_text(text)

    def action_newline(self) -> None:
        start, end = self.selection
        self.replace("\n", start, end, maintain_selection_offset=False)


class SourceLink(Static):
    """One line of the compact source list under an answer; click it to read the source."""

    def __init__(self, text: Text, unit_id: str, terms: list[str], cited_text: str | None = None) -> None:
        super().__init__(text, classes="source-link", markup=False)
        self.unit_id = unit_id
        self.terms = terms
        self.cited_text = cited_text
        self.tooltip = "点击在原文中阅读"

    def on_click(self) -> None:
        self.post_message(OpenSource(self.unit_id, self.terms, self.cited_text))


class ExchangeView(Vertical, can_focus=True):
    """A question and its answer. Focusing it (Tab, click) selects it for the sources panel."""

    BINDINGS = [
        Binding("enter", "sources", "看来源"),
        Binding("up", "step(-1)", "上一个", show=False),
        Binding("down", "step(1)", "下一个", show=False),
    ]

    def __init__(self, exchange: Exchange, pending: bool = False) -> None:
        super().__init__(classes="exchange")
        self.exchange = exchange
        self._pending = pending
        self.streaming_started = False
        # Built here, not in compose, so the status can be set before the view is mounted.
        self._meta = Static("", classes="answer-meta", markup=False)
        # Imported here: markdown-it costs ~30 ms of start-up, and no answer is on the first screen.
        from .broken_markdown import BrokenMarkdown

        self._markdown = BrokenMarkdown("", classes="answer", open_links=False)
        self._sources = Vertical(classes="sources")
        if pending:
            self.set_status("正在检索…")

    def compose(self) -> ComposeResult:
        question = Text()
        question.append("问 ", style="bold")
        question.append(self.exchange.question)
        yield Static(broken(question), classes="question", markup=False)
        yield self._meta
        yield self._markdown
        yield LoadingIndicator(classes="thinking")
        yield self._sources

    def on_mount(self) -> None:
        if not self._pending:
            self.show_result()

    @property
    def answer(self) -> Answer | None:
        return self.exchange.answer

    def set_status(self, message: str) -> None:
        """A line above the (not yet) answer: 正在检索… / 正在生成… / 已取消."""
        self._meta.update(broken(Text(message, style="italic")))
        self._meta.display = True
        self.set_class(True, "-pending")

    def stop_pending(self) -> None:
        self.set_class(False, "-pending")
        self.set_class(False, "-streaming")

    def begin_stream(self) -> "Markdown":
        """Show the (empty) answer widget so tokens can be streamed into it."""
        self.streaming_started = False
        self.set_class(True, "-streaming")
        return self._markdown

    def show_result(self) -> None:
        """Render the exchange's final state: answer, notes and source list, or why there is none."""
        self.stop_pending()
        meta, md, sources = self._meta, self._markdown, self._sources
        sources.remove_children()
        ex = self.exchange
        a = ex.answer
        if a is None:
            meta.update(broken(Text(ex.error or "没有回答", style="italic")))
            meta.display = True
            self.set_class(True, "-failed")
            md.update("")
            return
        label = Text()
        if a.plan and a.plan.get("follow_up"):
            # Say how the question was read, and how to undo it (a topic change read as a follow-up).
            # (A chain of follow-ups is read with every question before it: its latest part is shown.)
            read = a.query if len(a.query) <= _READ_AS_CHARS else "…" + a.query[-_READ_AS_CHARS:]
            label.append(f"按追问理解:{read}(Ctrl+R 作为新问题重问)", style="italic")
        if a.partial:
            if label:
                label.append(" · ", style="dim")
            # (An outline of a speech without headings is partial in another way: it has no parts to name.)
            label.append("部分回答:讲话没有分部分的标题,以下按段落列出" if a.reason == "no_headings"
                         else "部分回答:讲话提到了所问的事,但没有给出所问的内容", style="italic")
        if a.mode != "extractive":
            label.append(f"{a.mode.removeprefix('llm:')} 生成", style="italic")
            if a.incomplete:
                label.append(" · 回答不完整", style="bold italic")
            if a.unsupported_sentences:
                label.append(f" · {len(a.unsupported_sentences)} 句未被引用资料支持", style="bold italic")
        elif a.abstained:
            if label:
                label.append(" · ", style="dim")
            label.append("未找到依据", style="italic")
        from ..results import fallback_problem, note_above_answer

        # Notes stand above the answer; the one saying 以下为抽取式回答 (the LLM failed) last.
        for note in sorted(a.notes, key=lambda n: fallback_problem(n) is not None):
            if label:
                label.append(" · ", style="dim")
            label.append(note_above_answer(note), style="italic")
        if ex.error:
            if label:
                label.append(" · ", style="dim")
            label.append(ex.error, style="italic")
        meta.update(broken(label))
        meta.display = bool(label)
        self.set_class(a.abstained, "-abstained")
        # Not imported before the first paint (start-up time).
        from .render import answer_markdown, source_line

        md.update(answer_markdown(a))
        links = [SourceLink(source_line(c), c.unit.id, c.matched, c.unit.text) for c in a.all_citations]
        if links:
            sources.mount_all(links)

    def on_markdown_link_clicked(self, event: "Markdown.LinkClicked") -> None:
        event.stop()
        if event.href.startswith("cite:"):
            try:
                n = int(event.href.removeprefix("cite:"))
            except ValueError:
                return
            self.post_message(CitationClicked(self, n))

    def on_focus(self) -> None:
        self.post_message(ExchangeSelected(self))
        self.scroll_visible(animate=False)

    def action_sources(self) -> None:
        self.post_message(CitationClicked(self, 0))  # 0: the first source, wherever it is

    def action_step(self, step: int) -> None:
        views = list(self.parent.query_children(ExchangeView)) if self.parent else []
        i = views.index(self) + step
        if 0 <= i < len(views):
            views[i].focus()

    def on_click(self) -> None:
        self.post_message(ExchangeSelected(self))


class StatusLine(Widget):
    """The line under the question box: corpus size, answer mode, the last answer's time.
    It repaints itself when the app's ``engine`` / ``load_error`` / ``use_llm`` or its own
    ``last_answer_ms`` (bound to the chat screen's) change; nobody refreshes it by hand."""

    last_answer_ms: reactive[float | None] = reactive(None)
    app: "SpeechAssistantApp"

    def on_mount(self) -> None:
        for name in ("engine", "load_error", "use_llm", "retrieval"):
            self.watch(self.app, name, lambda _value: self.refresh(), init=False)

    def render(self) -> Text:
        app = self.app
        t = Text()
        if app.engine is not None:
            corpus = app.engine.corpus
            n_par = sum(1 for u in corpus.units if u.kind == "paragraph")
            t.append(f"语料 {len(corpus.speeches)} 篇讲话 · {n_par} 段")
        elif app.load_error:
            t.append("语料加载失败", style="bold")
        else:
            t.append("正在加载索引…")
        t.append("  │  ", style="dim")
        t.append(f"模式 {app.mode_label()}")
        if app.semantic:
            t.append("  │  ", style="dim")
            t.append(f"检索 {app.retrieval}")
        if self.last_answer_ms is not None:
            t.append("  │  ", style="dim")
            shown = _fmt_ms(self.last_answer_ms) if app.show_timings else "已完成"
            t.append(f"上次回答 {shown}")
        return t


def _fmt_ms(ms: float) -> str:
    return f"{ms:.0f} ms" if ms < 1000 else f"{ms / 1000:.1f} s"


def welcome(shipped: bool = True) -> Static:
    """The first screen's hint; its examples are the shipped speeches' only when those are loaded
    (a user's own corpus has no 塔西佗陷阱)."""
    t = Text()
    t.append("向讲话提问,回答引用原文并标明出处。\n", style="bold")
    examples = ("什么是塔西佗陷阱? · 第三篇讲话分为哪几个部分? · 怎样转变机关作风?" if shipped
                else "第一篇讲话分为哪几个部分? · 第二篇讲话的第二点是什么? · 各篇讲话的主题是什么?")
    t.append(f"例如:{examples}\n", style="dim")
    t.append("F3 浏览全部讲话 · F1 查看按键", style="dim")
    return Static(t, id="welcome", markup=False)


class ChatLog(VerticalScroll, can_focus=False):
    """The conversation's exchanges, oldest first (a welcome text while there are none).
    Not focusable itself: Tab goes from the question box straight to the exchanges."""

    def compose(self) -> ComposeResult:
        yield welcome(not getattr(self.app, "corpus_paths", None))

    def add(self, exchange: Exchange) -> ExchangeView:
        """A new exchange being answered, at the bottom."""
        self.query("#welcome").remove()
        view = ExchangeView(exchange, pending=True)
        self.mount(view)
        self.call_after_refresh(self.scroll_end, animate=False)
        return view

    def replace(self, exchanges: list[Exchange]) -> list[ExchangeView]:
        """Show another conversation's exchanges (none: the welcome text)."""
        self.remove_children()
        views = [ExchangeView(ex) for ex in exchanges]
        if views:
            self.mount_all(views)
            self.call_after_refresh(self.scroll_end, animate=False)
        else:
            self.mount(welcome(not getattr(self.app, "corpus_paths", None)))
        return views

    def answered(self) -> list[ExchangeView]:
        return [v for v in self.query_children(ExchangeView) if v.exchange.answer is not None]
