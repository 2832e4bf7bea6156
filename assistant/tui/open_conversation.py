"""The conversation open in the chat screen: made when first used, saved after each answer,
reopened (F4, or the last one at start), replaced by a new one (Ctrl+N) and exported (F5).

Mixed into ``ChatScreen``, so it loads before the first paint: the conversation store is
imported only when first used (``conv_store``).
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .chat import ChatInput, ChatLog, ExchangeView

if TYPE_CHECKING:
    from types import ModuleType

    from ..conversation import Conversation
    from .app import SpeechAssistantApp


def conv_store() -> ModuleType:
    """The conversation store (``assistant.conversation``), imported when first used: it and the
    corpus and result types it brings (~20 ms) are not needed to draw the first screen."""
    from .. import conversation

    return conversation


class OpenConversation:
    """The chat screen's conversation and its keys (Ctrl+N, F5); ``ChatScreen`` holds the state
    set in its ``__init__`` and gives the question box, ``_select`` and ``action_cancel``."""

    app: SpeechAssistantApp
    sub_title: str
    current: ExchangeView | None
    last_export: Path | None
    box: ChatInput
    _data_dir: Path | None
    _conversation: Conversation | None
    _save_warned: bool

    @property
    def conversation(self) -> Conversation:
        if self._conversation is None:
            self._conversation = conv_store().Conversation()
        return self._conversation

    @conversation.setter
    def conversation(self, conv: Conversation) -> None:
        self._conversation = conv

    @cached_property
    def conversations_dir(self) -> Path:
        return conv_store().conversations_dir(self._data_dir)

    @cached_property
    def exports_dir(self) -> Path:
        return conv_store().exports_dir(self._data_dir)

    def _save(self) -> None:
        if not self.conversation.corpus:
            self.conversation.corpus = conv_store().corpus_identity(self.app.corpus_paths)
        try:
            conv_store().save_conversation(self.conversation, self.conversations_dir)
        except conv_store().ConversationError as e:
            if not self._save_warned:
                self._save_warned = True
                self.app.say(str(e), "warning")

    def _conversation_changed(self, conv_id: str, name: str | None) -> None:
        """The list renamed (``name``) or deleted (None) a conversation; it may be this one."""
        if conv_id != self.conversation.id:
            return
        if name is None:
            self._replace_conversation(conv_store().Conversation())
        else:
            self.conversation.name = name
            self.sub_title = self.conversation.title

    def _reopen(self, path: Path | None, quiet: bool = False) -> None:
        if path is None:
            return
        try:
            conv = conv_store().load_conversation(path)
        except conv_store().ConversationError as e:
            self.app.say(str(e), "error")
            return
        self._show_reopened(conv, quiet)

    def _show_reopened(self, conv: Conversation, quiet: bool) -> None:
        self._replace_conversation(conv)
        if not quiet:
            self.app.say(f"已打开对话:{conv.title}")
        self._note_stale()

    def _reopen_last(self) -> None:
        """At start (a setting, on by default): the conversation saved last, as it was left."""
        if not self.app.reopen_last or self.conversation.exchanges or self.current is not None:
            return   # a question typed while the index loaded started a new conversation
        skipped: list[str] = []
        conv = conv_store().load_latest_conversation(self.conversations_dir, skipped,   # (read once)
                                                     conv_store().corpus_identity(self.app.corpus_paths))
        if conv is not None:
            self._show_reopened(conv, quiet=True)
        if skipped:
            self.app.say(f"无法读取保存的对话 {'、'.join(skipped)},已跳过", "warning", timeout=10)

    def _note_stale(self) -> None:
        engine = self.app.engine
        if engine is None or not self.conversation.exchanges:
            return   # checked again when the engine is ready
        from .conversations import stale_citations, stale_note

        stale = stale_citations(self.conversation, engine.corpus)
        if stale:
            self.app.say(stale_note(stale), "warning", timeout=20)

    def action_new_conversation(self) -> None:
        if not self.conversation.exchanges and self.current is None:
            self.app.say("已经是新对话。")
            return
        self._replace_conversation(conv_store().Conversation())
        self.app.say("已开始新对话。")

    def _replace_conversation(self, conv: Conversation) -> None:
        if self.current is not None:
            self.action_cancel()  # type: ignore[attr-defined]
        self.app.clear_notifications()   # (a note on the conversation left, such as its stale sources)
        self.conversation = conv
        self.box.use_history([ex.question for ex in conv.exchanges])   # ↑ recalls this one's questions
        self._select(None)  # type: ignore[attr-defined]
        chat = self.query_one(ChatLog)  # type: ignore[attr-defined]
        answered = [v for v in chat.replace(conv.exchanges) if v.exchange.answer is not None]
        if answered:
            self.call_after_refresh(self._select, answered[-1])  # type: ignore[attr-defined]
        # The answer whose sources the panel shows is the last one: keep the chat at its end
        # while the exchanges are laid out (a scroll made before that stops short of it).
        chat.anchor()
        self.sub_title = conv.title if conv.exchanges else ""
        self.set_focus(self.box)  # type: ignore[attr-defined]

    def action_export(self) -> None:
        if not self.conversation.exchanges:
            self.app.say("对话还是空的,没有可导出的内容。", "warning")
            return
        try:
            path = conv_store().export_conversation(self.conversation, self.exports_dir)
        except conv_store().ConversationError as e:
            self.app.say(str(e), "error")
            return
        self.last_export = path
        self.app.say(f"已导出到 {path}", timeout=10)
