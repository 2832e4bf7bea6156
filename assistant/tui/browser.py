"""The corpus browser: every speech and its outline, readable without asking anything.

Its search box filters the corpus by text: the engine ranks the paragraphs (``Engine.search``,
what ``assistant search`` prints), the list replaces the outline while the box holds text.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Input, OptionList, Static, Tree
from textual.widgets.option_list import Option

from ..conversation import speech_short_name
from ..corpus import Corpus, Speech, Unit
from ..results import Hit
from .footer import KeysFooter
from .reader import OutlineTree, ReaderScreen, UnitView, build_outline, location
from .render import highlighted, section_path
from .toasts import toasts_in_flow

if TYPE_CHECKING:
    from .app import SpeechAssistantApp

PREVIEW_UNITS = 6
SEARCH_HITS = 20


class CorpusBrowserScreen(Screen[None]):
    CSS_PATH = Path(__file__).with_name("search.tcss")
    BINDINGS = [
        Binding("escape", "back", "返回"),
        Binding("q", "app.pop_screen", "返回", show=False),
        Binding("r", "read", "阅读全文"),
        Binding("slash,ctrl+f", "search", "搜索", key_display="/"),
    ]

    app: "SpeechAssistantApp"

    def __init__(self, corpus: Corpus) -> None:
        super().__init__(classes="browser")
        self.corpus = corpus
        self.hits: list[Hit] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="搜索语料:输入文字后回车(/ 或 Ctrl+F),Esc 清除", id="browser-search")
        with Horizontal(id="browser-body"):
            tree = OutlineTree(Text("语料"), id="corpus-tree")
            tree.show_root = False
            tree.guide_depth = 2
            yield tree
            yield OptionList(id="search-results")
            yield VerticalScroll(id="preview")
        yield KeysFooter()

    def on_mount(self) -> None:
        toasts_in_flow(self)
        self.title = "语料浏览"
        n_par = sum(1 for u in self.corpus.units if u.kind == "paragraph")
        self.sub_title = f"{len(self.corpus.speeches)} 篇讲话 · {n_par} 段"
        tree = self.query_one("#corpus-tree", Tree)
        tree.border_title = "讲话与大纲"
        self.query_one("#preview").border_title = "预览 · 回车阅读全文"
        for i, speech in enumerate(self.corpus.speeches):
            label = Text()
            short = speech_short_name(speech.title)
            label.append(short, style="bold")
            rest = speech.title.replace(short, "").strip("()() ")
            if rest:
                label.append(" " + rest, style="dim")
            first = speech.units[0].id if speech.units else None
            node = tree.root.add(label, data=first, expand=i == 0)
            build_outline(node, speech)
            if not node.children:
                node.allow_expand = False
        results = self.query_one("#search-results", OptionList)
        results.display = False
        tree.focus()
        tree.cursor_line = 0
        self._preview_line(0)

    # ---- search ---------------------------------------------------------------------
    def action_search(self) -> None:
        self.query_one("#browser-search", Input).focus()

    def action_back(self) -> None:
        """Esc: clears a search first (the outline comes back), then leaves the browser."""
        box = self.query_one("#browser-search", Input)
        if box.value or self.query_one("#search-results").display:
            box.value = ""
            self._show_results(None)
            return
        self.app.pop_screen()

    @on(Input.Submitted, "#browser-search")
    def _search(self, event: Input.Submitted) -> None:
        query = event.value.strip()
        if not query:
            self._show_results(None)
        elif self.app.engine is not None:
            self._run_search(query)

    @work(thread=True, exclusive=True, group="browser-search")
    def _run_search(self, query: str) -> None:
        engine = self.app.engine
        assert engine is not None
        try:
            hits, error = engine.search(query, k=SEARCH_HITS), None
        except ValueError as e:   # punctuation only, too long: the engine says what is wrong
            hits, error = [], str(e)
        self.app.call_from_thread(self._show_results, hits, error, query)

    def _show_results(self, hits: list[Hit] | None, error: str | None = None, query: str = "") -> None:
        """``hits`` ranked by the engine; None: back to the outline."""
        results = self.query_one("#search-results", OptionList)
        tree = self.query_one("#corpus-tree", Tree)
        self.hits = hits or []
        results.display = hits is not None
        tree.display = hits is None
        if hits is None:
            tree.focus()
            self._preview_line(tree.cursor_line)
            return
        options = []
        for h in self.hits:
            label = Text()
            label.append(h.unit.id, style="bold")
            label.append(" " + " › ".join([speech_short_name(h.speech_title), *section_path(h.unit)]), style="dim")
            label.append("\n")
            label.append_text(self._excerpt(h))
            options.append(Option(label))
        results.set_options(options)
        results.border_title = f"「{query}」 {len(self.hits)} 段" if self.hits else f"「{query}」"
        if error:
            self.notify(error, severity="warning", markup=False)
        if self.hits:
            results.highlighted = 0
            results.focus()
            self._preview_hit(self.hits[0])
        else:
            self.query_one("#preview", VerticalScroll).remove_children()
            self.query_one("#preview", VerticalScroll).mount(
                Static(Text("没有找到包含这些词的段落。", style="italic"), markup=False))

    def _excerpt(self, hit: Hit, before: int = 8, width: int = 40) -> Text:
        """The words around the hit's first match, the matched words highlighted."""
        engine = self.app.engine
        text = hit.unit.text
        spans = engine.highlight_spans(text, hit.matched) if engine is not None else []
        start = max(0, spans[0][0] - before) if spans else 0
        end = min(len(text), start + width)
        shown = highlighted(text[start:end], [(max(s, start) - start, min(e, end) - start)
                                              for s, e in spans if s < end and e > start])
        return Text("…" if start else "") + shown + Text("…" if end < len(text) else "")

    @on(OptionList.OptionHighlighted, "#search-results")
    def _hit_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if 0 <= event.option_index < len(self.hits):
            self._preview_hit(self.hits[event.option_index])

    @on(OptionList.OptionSelected, "#search-results")
    def _hit_selected(self, event: OptionList.OptionSelected) -> None:
        hit = self.hits[event.option_index]
        self.app.push_screen(ReaderScreen(self.corpus, hit.unit.id, hit.matched))

    def _preview_hit(self, hit: Hit) -> None:
        preview = self.query_one("#preview", VerticalScroll)
        head = Text()
        head.append(speech_short_name(hit.speech_title), style="bold")
        head.append(" › " + location(hit.unit), style="dim")
        with self.app.batch_update():
            preview.remove_children()
            preview.mount(Static(head, classes="preview-head", markup=False))
            preview.mount(UnitView(hit.unit, hit.matched, True, with_id=False))
            preview.scroll_home(animate=False)

    def on_key(self, event: events.Key) -> None:
        box = self.query_one("#browser-search", Input)
        if self.focused is box and event.key == "down":
            event.stop()
            target = self.query_one("#search-results" if self.hits else "#corpus-tree")
            if target.display:
                target.focus()

    def _speech_of(self, node_data: str | None) -> Speech | None:
        u = self.corpus.get(node_data) if node_data else None
        return self.corpus.speech(u.speech_no) if u else None

    @on(Tree.NodeHighlighted, "#corpus-tree")
    def _highlighted(self, event: Tree.NodeHighlighted[str]) -> None:
        self._preview(event.node.data, is_speech=event.node.parent is self.query_one(Tree).root)

    def _preview_line(self, line: int) -> None:
        tree = self.query_one("#corpus-tree", Tree)
        node = tree.get_node_at_line(line)
        if node is not None:
            self._preview(node.data, is_speech=node.parent is tree.root)

    def _preview(self, unit_id: str | None, is_speech: bool) -> None:
        preview = self.query_one("#preview", VerticalScroll)
        unit = self.corpus.get(unit_id) if unit_id else None
        with self.app.batch_update():
            preview.remove_children()
            if unit is None:
                preview.mount(Static(Text("这篇讲话没有正文。", style="italic"), markup=False))
                return
            speech = self.corpus.speech(unit.speech_no)
            head = Text()
            if is_speech:
                head.append(speech.title + "\n", style="bold")
                head.append(f"{len(speech.units)} 段 · 来源 {speech.source}", style="dim")
                units = speech.outline(max_level=1)
            else:
                head.append(speech_short_name(speech.title), style="bold")
                for part in unit.section:
                    head.append(" › ", style="dim")
                    head.append(part)
                units = self._section_units(speech, unit)
            preview.mount(Static(head, classes="preview-head", markup=False))
            preview.mount_all([UnitView(u, [], False, with_id=False) for u in units])
            preview.scroll_home(animate=False)

    @staticmethod
    def _section_units(speech: Speech, unit: Unit) -> list[Unit]:
        start = unit.seq - 1
        return speech.units[start:start + PREVIEW_UNITS]

    @on(Tree.NodeSelected, "#corpus-tree")
    def _selected(self, event: Tree.NodeSelected[str]) -> None:
        # On a speech node, Enter folds/unfolds; on a section it opens the reader.
        if event.node.parent is not self.query_one(Tree).root:
            self._open(event.node.data)

    def action_read(self) -> None:
        results = self.query_one("#search-results", OptionList)
        if results.display and results.highlighted is not None and self.hits:
            hit = self.hits[results.highlighted]
            self.app.push_screen(ReaderScreen(self.corpus, hit.unit.id, hit.matched))
            return
        node = self.query_one("#corpus-tree", Tree).cursor_node
        if node is not None:
            self._open(node.data)

    def _open(self, unit_id: str | None) -> None:
        if unit_id and self.corpus.get(unit_id):
            self.app.push_screen(ReaderScreen(self.corpus, unit_id, mark=False))
