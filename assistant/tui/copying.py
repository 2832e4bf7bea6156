"""Copying an answer, a citation or a source paragraph, and saving an answer to a file.

The clipboard is Textual's ``App.copy_to_clipboard``: an OSC 52 sequence the terminal turns
into a clipboard write. Whether the terminal did is not reported back (macOS Terminal and
some multiplexers ignore it), so every toast names what was copied and how to save it to a
file instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from .chat import ChatLog, ExchangeView
from .sources import SourcesPanel

if TYPE_CHECKING:
    from ..conversation import Conversation
    from ..results import Answer, Citation
    from .app import SpeechAssistantApp


@dataclass(frozen=True)
class CopyChoice:
    key: str        # the key that picks it in the copy menu
    action: str     # what the chat screen does: answer / markdown / citation / paragraph / save
    label: str


CHOICES = [
    CopyChoice("a", "answer", "回答(纯文本,附来源)"),
    CopyChoice("m", "markdown", "回答(Markdown,引文作脚注)"),
    CopyChoice("c", "citation", "引文出处(来源面板中选中的一条)"),
    CopyChoice("p", "paragraph", "原文段落(来源面板中选中的一条)"),
    CopyChoice("s", "save", "保存回答到文件(终端不支持复制时)"),
]


def citation_text(c: Citation) -> str:
    """``[1] 《讲话》 › 一、… › 2.21`` — where a quotation stands."""
    return " › ".join([f"[{c.n}] 《{c.speech_title}》", *c.unit.section, c.unit.id])


def answer_plain_text(answer: Answer) -> str:
    """The answer as it reads on screen, the fallback below it, then one line per source."""
    # The results' and conversations' modules: not at start-up.
    from ..results import FALLBACK_LABEL

    parts = [answer.text.strip()]
    if answer.fallback is not None:
        parts.append(f"{FALLBACK_LABEL}:\n{answer.fallback.text.strip()}")
    if answer.all_citations:
        parts.append("来源:\n" + "\n".join(citation_text(c) for c in answer.all_citations))
    return "\n\n".join(parts) + "\n"


def answer_markdown_document(question: str, answer: Answer) -> str:
    """The question as a heading, the answer with its citations as footnotes."""
    from ..conversation import answer_markdown_parts, escape_markdown

    head = [f"## {escape_markdown(' '.join(question.split()))}", ""]
    return "\n".join(head + answer_markdown_parts(answer)).rstrip() + "\n"


def save_answer(question: str, answer: Answer, directory: Path, name: str) -> Path:
    """Write the answer as Markdown to ``directory/name.md`` (atomically); OSError on failure."""
    from ..atomic_file import atomic_write_text

    path = directory / f"{name}.md"
    atomic_write_text(path, answer_markdown_document(question, answer))
    return path


def copied_message(what: str, text: str) -> str:
    return f"已复制{what}({len(text)} 字)到剪贴板。终端不支持复制(OSC 52)时,按 F6 再按 s 保存到文件。"


class CopyScreen(ModalScreen[str | None]):
    """What to copy: one key each (the menu takes letters: no text box is open here)."""

    BINDINGS = [Binding("escape,q,f6", "dismiss_none", "关闭")] + [
        Binding(c.key, f"choose('{c.action}')", c.label, show=False) for c in CHOICES]

    def __init__(self, citation: Citation | None) -> None:
        super().__init__()
        self.citation = citation

    def compose(self) -> ComposeResult:
        with Vertical(id="copy-box", classes="dialog"):
            options = []
            for c in CHOICES:
                label = Text()
                label.append(f"{c.key}  ", style="bold")
                label.append(c.label)
                disabled = c.action in ("citation", "paragraph") and self.citation is None
                options.append(Option(label, id=c.action, disabled=disabled))
            yield OptionList(*options, id="copy-list")
            note = (f"选中的来源:{citation_text(self.citation)}" if self.citation is not None
                    else "这个回答没有引用原文。")
            yield Static(Text(note, style="dim"), classes="dialog-note", markup=False)

    def on_mount(self) -> None:
        box = self.query_one("#copy-box")
        box.border_title = "复制"
        box.border_subtitle = "字母键或回车选择 · Esc 关闭"

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_id)

    def action_choose(self, action: str) -> None:
        if action in ("citation", "paragraph") and self.citation is None:
            return
        self.dismiss(action)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


class CopyKeys:
    """The chat screen's copy (F6) and save (Ctrl+S) keys; mixed into ``ChatScreen``, whose
    ``query_one`` and ``_select`` (selecting an answer for the sources panel) it uses."""

    app: "SpeechAssistantApp"
    selected: ExchangeView | None
    conversation: "Conversation"
    exports_dir: Path

    def _answer_view(self) -> ExchangeView | None:
        """The answer the copy keys act on: the selected one, else the newest."""
        views = self.query_one(ChatLog).answered()  # type: ignore[attr-defined]
        return self.selected if self.selected in views else views[-1] if views else None

    def action_copy_menu(self) -> None:
        view = self._answer_view()
        if view is None or view.exchange.answer is None:
            self.app.say("还没有可以复制的回答。", "warning")
            return
        if self.selected is not view:
            self._select(view)  # type: ignore[attr-defined]
        citation = self.query_one(SourcesPanel).highlighted_citation()  # type: ignore[attr-defined]
        self.app.push_screen(CopyScreen(citation), lambda choice: self._copy(view, citation, choice))

    def _copy(self, view: ExchangeView, citation: Citation | None, choice: str | None) -> None:
        answer = view.exchange.answer
        if choice is None or answer is None:
            return
        if choice == "save":
            self._save_answer(view)
            return
        if choice == "markdown":
            what, text = "回答(Markdown,引文作脚注)", answer_markdown_document(view.exchange.question, answer)
        elif choice == "citation" and citation is not None:
            what, text = f"引文出处 [{citation.n}]", citation_text(citation)
        elif choice == "paragraph" and citation is not None:
            what, text = f"原文段落 {citation.unit.id}", citation.unit.text
        else:
            what, text = "回答(纯文本)", answer_plain_text(answer)
        self.app.copy_to_clipboard(text)
        self.app.say(copied_message(what, text), timeout=6)

    def action_save_answer(self) -> None:
        view = self._answer_view()
        if view is None:
            self.app.say("还没有可以保存的回答。", "warning")
            return
        self._save_answer(view)

    def _save_answer(self, view: ExchangeView) -> None:
        answer, exchanges = view.exchange.answer, self.conversation.exchanges
        assert answer is not None
        n = next((i for i, ex in enumerate(exchanges, 1) if ex is view.exchange), len(exchanges))
        try:
            path = save_answer(view.exchange.question, answer, self.exports_dir, f"回答-{self.conversation.id}-{n}")
        except OSError as e:
            from ..file_reading import os_reason

            self.app.say(f"无法保存回答到 {self.exports_dir}:{os_reason(e)}", "error")
            return
        self.app.say(f"已保存回答(Markdown)到 {path}", timeout=10)

