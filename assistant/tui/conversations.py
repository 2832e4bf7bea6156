"""The list of saved conversations (F4): distinct titles, search, reopen, rename, delete.

The screen works on the files; the chat screen is told through ``on_change`` when the
conversation it shows was renamed or deleted, so its next save neither undoes the new name
nor brings a deleted file back.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from .. import conversation as conv_store
from ..conversation import Conversation, ConversationError, SavedConversation, is_stale
from .hint_box import HintBox

if TYPE_CHECKING:
    from ..corpus import Corpus

CSS_FILE = Path(__file__).with_name("manage.tcss")

# (conversation id, its new name; None when it was deleted)
ChangeCallback = Callable[[str, "str | None"], None]


def stale_citations(conv: Conversation, corpus: "Corpus") -> list[str]:
    """Ids of cited paragraphs that the loaded corpus no longer holds as they were cited
    (another corpus, or a changed speech): the saved text is what the sources panel shows."""
    stale: list[str] = []
    for ex in conv.exchanges:
        for c in ex.answer.citations if ex.answer is not None else []:
            if is_stale(c.unit.id, c.unit.text, corpus) and c.unit.id not in stale:
                stale.append(c.unit.id)
    return stale


def stale_note(stale: list[str]) -> str:
    shown = "、".join(stale[:5]) + ("等" if len(stale) > 5 else "")
    return (f"注意:此对话引用的 {len(stale)} 段原文({shown})在当前语料中已不存在或已改动;"
            "来源面板显示保存时的原文,无法在当前语料中打开。")


MAX_NAMED_PROBLEMS = 8   # damaged files named in the toast; the rest are counted
LIST_HINTS = ("回车打开", "F2 重命名", "Delete 删除", "输入文字搜索", "Esc 关闭")


class ConversationsScreen(ModalScreen[Path | None]):
    """Saved conversations, newest first. Typing filters by title and questions; Enter opens."""

    CSS_PATH = CSS_FILE
    BINDINGS = [
        Binding("escape", "dismiss_none", "关闭"),
        Binding("f2", "rename", "重命名"),
        Binding("delete", "delete", "删除"),
        Binding("slash", "focus_filter", "搜索", show=False),
    ]

    def __init__(self, directory: Path, on_change: ChangeCallback | None = None) -> None:
        super().__init__()
        self.directory = directory
        self.on_change = on_change
        self.saved: list[SavedConversation] = []
        self.shown: list[SavedConversation] = []

    def compose(self) -> ComposeResult:
        with HintBox(id="conversations-box", classes="dialog", hints=LIST_HINTS):
            yield Input(placeholder="搜索标题和问题…", id="conversation-filter")
            yield OptionList(id="conversation-list")
            yield Static("", id="conversation-empty", markup=False)
            yield Static(Text(f"保存位置:{self.directory}", style="dim"), classes="dialog-note", markup=False)

    def on_mount(self) -> None:
        box = self.query_one("#conversations-box")
        box.border_title = "保存的对话"
        self.reload()
        self.query_one("#conversation-filter", Input).focus()

    def reload(self) -> None:
        self.saved, problems = conv_store.list_conversations(self.directory)
        if problems:
            # One toast naming every damaged file: separate toasts crowd each other out of a
            # small terminal, and a file missing from the list must be said to be missing.
            shown = problems[:MAX_NAMED_PROBLEMS]
            more = len(problems) - len(shown)
            self.notify("\n".join(shown) + (f"\n另有 {more} 个文件无法读取" if more else ""),
                        title=f"{len(problems)} 个对话文件无法读取" if len(problems) > 1 else "",
                        severity="warning", timeout=15, markup=False)
        self._fill()

    def _fill(self) -> None:
        query = self.query_one("#conversation-filter", Input).value.strip()
        labels = dict(zip((s.id for s in self.saved), conv_store.distinct_labels(self.saved)))
        self.shown = [s for s in self.saved if not query or s.matches(query)]
        options = []
        for s in self.shown:
            label = Text()
            label.append(labels[s.id])
            label.append(f"  {s.questions} 问", style="dim")
            options.append(Option(label, id=s.id))
        listing = self.query_one("#conversation-list", OptionList)
        listing.set_options(options)
        if options:
            listing.highlighted = 0
        empty = self.query_one("#conversation-empty", Static)
        empty.display = not options
        empty.update(Text("没有与搜索匹配的对话。" if self.saved else "还没有保存的对话。", style="italic"))

    @on(Input.Changed, "#conversation-filter")
    def _filter(self) -> None:
        self._fill()

    def on_key(self, event: events.Key) -> None:
        listing = self.query_one("#conversation-list", OptionList)
        box = self.query_one("#conversation-filter", Input)
        if self.focused is box and event.key in ("down", "up") and self.shown:
            event.stop()
            listing.focus()
        elif self.focused is box and event.key == "delete" and box.cursor_position >= len(box.value):
            # The search box has the focus when the list opens, and Delete there would delete
            # nothing: it deletes the highlighted conversation, as the footer says.
            event.stop()
            event.prevent_default()
            self.action_delete()
        elif self.focused is listing and event.is_printable and event.character:
            # Typing always searches, wherever the focus is (as in the chat's question box).
            event.stop()
            box.focus()
            box.insert_text_at_cursor(event.character)

    def _current(self) -> SavedConversation | None:
        i = self.query_one("#conversation-list", OptionList).highlighted
        return self.shown[i] if i is not None and 0 <= i < len(self.shown) else None

    @on(Input.Submitted, "#conversation-filter")
    def _submitted(self) -> None:
        self._open(self._current())

    @on(OptionList.OptionSelected, "#conversation-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._open(self.shown[event.option_index])

    def _open(self, saved: SavedConversation | None) -> None:
        if saved is not None:
            self.dismiss(saved.path)

    def action_focus_filter(self) -> None:
        self.query_one("#conversation-filter", Input).focus()

    def action_dismiss_none(self) -> None:
        self.dismiss(None)

    def action_rename(self) -> None:
        saved = self._current()
        if saved is None:
            return

        def done(name: str | None) -> None:
            if name is None:
                return
            try:
                conv = conv_store.rename_conversation(saved.path, name)
            except ConversationError as e:
                self.notify(str(e), severity="error", markup=False)
                return
            if self.on_change is not None:
                self.on_change(saved.id, conv.name)
            self.notify(f"已重命名为:{conv.title}", markup=False)
            self.reload()

        self.app.push_screen(RenameScreen(saved.title), done)

    def action_delete(self) -> None:
        saved = self._current()
        if saved is None:
            return

        def done(yes: bool | None) -> None:
            if not yes:
                return
            try:
                conv_store.delete_conversation(saved.path)
            except ConversationError as e:
                self.notify(str(e), severity="error", markup=False)
                return
            if self.on_change is not None:
                self.on_change(saved.id, None)
            self.notify(f"已删除对话:{saved.title}", markup=False)
            self.reload()
            self.query_one("#conversation-list" if self.shown else "#conversation-filter").focus()

        self.app.push_screen(ConfirmScreen(f"删除对话“{saved.title}”?删除后无法恢复。", "删除"), done)


class RenameScreen(ModalScreen[str | None]):
    """A new title; empty gives the conversation its first question as title again."""

    CSS_PATH = CSS_FILE
    BINDINGS = [Binding("escape", "cancel", "取消")]

    def __init__(self, current: str) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="rename-box", classes="dialog small-dialog"):
            yield Input(self.current, placeholder="新标题(留空则用第一个问题)", id="rename-input")
            yield Static(Text("直接输入即替换原名,按 → 在原名上修改 · 回车保存 · Esc 取消", style="dim"),
                         classes="dialog-note", markup=False)

    def on_mount(self) -> None:
        self.query_one("#rename-box").border_title = "重命名对话"
        self.query_one("#rename-input").focus()

    @on(Input.Submitted, "#rename-input")
    def _save(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    """Yes or no to something that cannot be undone; the safe answer has the focus."""

    CSS_PATH = CSS_FILE
    BINDINGS = [Binding("escape,n", "answer(False)", "取消"), Binding("y", "answer(True)", "确定")]

    def __init__(self, question: str, verb: str) -> None:
        super().__init__()
        self.question = question
        self.verb = verb

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box", classes="dialog small-dialog"):
            yield Static(Text(self.question), markup=False)
            with Horizontal(classes="buttons"):
                yield Button(f"{self.verb}(Y)", id="yes", variant="error")
                yield Button("取消(N)", id="no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#confirm-box").border_title = "确认"
        self.query_one("#no").focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
