"""The corpus browser: every speech and its outline, readable without asking anything.

Its search box filters the corpus by text as you type (typing anywhere on the screen goes into
it): the engine ranks the paragraphs (``Engine.search``, what ``assistant search`` prints) and
the list, which replaces the outline while the box holds text, shows those that contain the
words searched for. With embeddings attached the engine also ranks paragraphs that only mean
something alike; they are listed apart, under a label, not among the matches.
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
from .reader import OutlineTree, ReaderScreen, UnitView, build_outline, speech_parts
from .render import highlighted, section_path
from .toasts import toasts_in_flow

if TYPE_CHECKING:
    from .app import SpeechAssistantApp

PREVIEW_UNITS = 6
SEARCH_HITS = 20
NEAR_HITS = 5          # semantic neighbours listed under the text matches, at most
NEAR_LABEL = "意思相近、但不含所搜文字的段落(语义检索)"
# Keys the screen binds: typed, they do what the footer says rather than start a search.
BOUND_CHARACTERS = frozenset("qr/?")


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
        yield Input(placeholder="直接输入文字即筛选语料(含这些词的段落),回车进入结果,Esc 清除", id="browser-search",
                    select_on_focus=False)   # typing elsewhere moves here: the text so far stays
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
            build_outline(node, speech, speech_parts(self.app, speech))
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

    @on(Input.Changed, "#browser-search")
    def _typed(self, event: Input.Changed) -> None:
        """Filters as the text changes; the focus stays in the box."""
        query = event.value.strip()
        if not query:
            self._show_results(None, focus=False)
        elif self.app.engine is not None:
            self._run_search(query, focus=False)

    @on(Input.Submitted, "#browser-search")
    def _search(self, event: Input.Submitted) -> None:
        query = event.value.strip()
        if not query:
            self._show_results(None)
        elif self.app.engine is not None:
            self._run_search(query, focus=True)

    @work(thread=True, exclusive=True, group="browser-search")
    def _run_search(self, query: str, focus: bool) -> None:
        engine = self.app.engine
        assert engine is not None
        try:
            hits, error = engine.search(query, k=SEARCH_HITS), None
        except ValueError as e:   # punctuation only, too long: the engine says what is wrong
            hits, error = [], str(e) if focus else None   # said once Enter asks, not per key
        self.app.call_from_thread(self._show_results, hits, error, query, focus)

    def _show_results(self, hits: list[Hit] | None, error: str | None = None, query: str = "",
                      focus: bool = True) -> None:
        """``hits`` ranked by the engine; None: back to the outline. The paragraphs that contain
        none of the words searched for (semantic neighbours) are listed apart, under a label."""
        results = self.query_one("#search-results", OptionList)
        tree = self.query_one("#corpus-tree", Tree)
        if query and query != self.query_one("#browser-search", Input).value.strip():
            return   # a search for text the box no longer holds
        matches = [h for h in hits or [] if h.matched]
        near = [h for h in hits or [] if not h.matched][:NEAR_HITS]
        self.hits = matches + near
        results.display = hits is not None
        tree.display = hits is None
        if hits is None:
            if focus:
                tree.focus()
            self._preview_line(tree.cursor_line)
            return
        options: list[Option] = [self._hit_option(h, i) for i, h in enumerate(matches)]
        if near:
            options.append(Option(Text(NEAR_LABEL, style="italic dim"), disabled=True))
            options.extend(self._hit_option(h, i) for i, h in enumerate(near, len(matches)))
        results.set_options(options)
        results.border_title = f"「{query}」 {len(matches)} 段" + (f" · 另有 {len(near)} 段意思相近" if near else "")
        if error:
            self.notify(error, severity="warning", markup=False)
        if matches or near:
            results.highlighted = 0 if matches else 1
            if focus:
                results.focus()
            self._preview_hit(self.hits[0])
        if not matches:
            self.query_one("#preview", VerticalScroll).remove_children()
            self.query_one("#preview", VerticalScroll).mount(
                Static(Text("没有找到包含这些词的段落。", style="italic"), markup=False))

    def _hit_option(self, hit: Hit, index: int) -> Option:
        label = Text()
        label.append(hit.unit.id, style="bold")
        label.append(" " + " › ".join([speech_short_name(hit.speech_title), *section_path(hit.unit)]), style="dim")
        label.append("\n")
        label.append_text(self._excerpt(hit))
        return Option(label, id=str(index))

    def _hit_at(self, option_index: int | None) -> Hit | None:
        """The hit an option of the results shows (the label between the lists is none)."""
        results = self.query_one("#search-results", OptionList)
        if option_index is None or not 0 <= option_index < results.option_count:
            return None
        option_id = results.get_option_at_index(option_index).id
        return self.hits[int(option_id)] if option_id is not None else None

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
        if (hit := self._hit_at(event.option_index)) is not None:
            self._preview_hit(hit)

    @on(OptionList.OptionSelected, "#search-results")
    def _hit_selected(self, event: OptionList.OptionSelected) -> None:
        if (hit := self._hit_at(event.option_index)) is not None:
            self.app.push_screen(ReaderScreen(self.corpus, hit.unit.id, hit.matched))

    def _preview_hit(self, hit: Hit) -> None:
        preview = self.query_one("#preview", VerticalScroll)
        head = Text()
        head.append(speech_short_name(hit.speech_title), style="bold")
        head.append(" › " + self.corpus.where(hit.unit), style="dim")
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
        elif (self.focused is not box and event.is_printable and event.character
              and event.character not in BOUND_CHARACTERS and not event.character.isspace()):
            # Typing searches, wherever the focus is (as in F4 and the chat's question box).
            event.stop()
            event.prevent_default()
            box.focus()
            box.insert_text_at_cursor(event.character)

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
        if results.display and (hit := self._hit_at(results.highlighted)) is not None:
            self.app.push_screen(ReaderScreen(self.corpus, hit.unit.id, hit.matched))
            return
        node = self.query_one("#corpus-tree", Tree).cursor_node
        if node is not None:
            self._open(node.data)

    def _open(self, unit_id: str | None) -> None:
        if unit_id and self.corpus.get(unit_id):
            self.app.push_screen(ReaderScreen(self.corpus, unit_id, mark=False))
