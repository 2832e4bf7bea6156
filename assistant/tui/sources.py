"""The sources panel: the cited paragraphs of the selected answer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from .linebreak import broken
from .messages import OpenSource

if TYPE_CHECKING:
    from ..results import Answer, Citation
    from .app import SpeechAssistantApp


class SourcesPanel(Vertical):
    """For the selected answer: each citation with speech, heading path, id, the matched words
    highlighted and the answer sentences that cite it. Enter or a click opens the reader."""

    app: "SpeechAssistantApp"

    def __init__(self, **kwargs: str) -> None:
        super().__init__(**kwargs)
        self.answer: Answer | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text("提问后,这里列出回答引用的原文段落。", style="italic"), classes="sources-empty")
        yield OptionList(id="source-list")

    def on_mount(self) -> None:
        self.border_title = "来源"
        self.query_one(OptionList).display = False

    def show(self, answer: Answer | None) -> None:
        self.answer = answer
        options = self.query_one(OptionList)
        empty = self.query_one(".sources-empty", Static)
        options.clear_options()
        if answer is None or not answer.all_citations:
            options.display = False
            empty.display = True
            msg = "提问后,这里列出回答引用的原文段落。" if answer is None else "这个回答没有引用原文。"
            empty.update(Text(msg, style="italic"))
            self.border_subtitle = ""
            return
        from .render import source_detail  # not before the first paint (start-up time)

        empty.display = False
        options.display = True
        engine = self.app.engine   # None: a conversation reopened while the corpus failed to load
        find_spans = engine.highlight_spans if engine is not None else (lambda text, terms: [])
        items: list[Option | None] = []
        for c in answer.all_citations:
            if items:
                items.append(None)  # a separator line between sources
            detail = source_detail(answer, c, find_spans(c.unit.text, c.matched))
            items.append(Option(broken(detail), id=f"cite-{c.n}"))
        options.add_options(items)
        options.highlighted = 0
        self.border_subtitle = f"{len(answer.all_citations)} 处 · 回车阅读原文"

    def highlighted_citation(self) -> Citation | None:
        """The source under the list's cursor (the first when none is)."""
        if self.answer is None or not self.answer.all_citations:
            return None
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            option_id = options.get_option_at_index(options.highlighted).id or ""
            for c in self.answer.all_citations:
                if option_id == f"cite-{c.n}":
                    return c
        return self.answer.all_citations[0]

    def highlight_citation(self, n: int) -> None:
        options = self.query_one(OptionList)
        try:
            options.highlighted = options.get_option_index(f"cite-{n}")
        except Exception:  # an unknown marker: nothing to highlight
            return
        options.focus()

    @on(OptionList.OptionSelected, "#source-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.answer is None or event.option_id is None:
            return
        n = int(event.option_id.removeprefix("cite-"))
        for c in self.answer.all_citations:
            if c.n == n:
                self.post_message(OpenSource(c.unit.id, c.matched, c.unit.text))
                return
