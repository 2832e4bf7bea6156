"""The corpus browser: every speech and its outline, readable without asking anything."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, Tree

from ..conversation import speech_short_name
from ..corpus import Corpus, Speech, Unit
from .reader import OutlineTree, ReaderScreen, UnitView, build_outline

PREVIEW_UNITS = 6


class CorpusBrowserScreen(Screen[None]):
    BINDINGS = [
        Binding("escape,q", "app.pop_screen", "返回"),
        Binding("r", "read", "阅读全文"),
    ]

    def __init__(self, corpus: Corpus) -> None:
        super().__init__(classes="browser")
        self.corpus = corpus

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="browser-body"):
            tree = OutlineTree(Text("语料"), id="corpus-tree")
            tree.show_root = False
            tree.guide_depth = 2
            yield tree
            yield VerticalScroll(id="preview")
        yield Footer()

    def on_mount(self) -> None:
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
        tree.focus()
        tree.cursor_line = 0
        self._preview_line(0)

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
        node = self.query_one("#corpus-tree", Tree).cursor_node
        if node is not None:
            self._open(node.data)

    def _open(self, unit_id: str | None) -> None:
        if unit_id and self.corpus.get(unit_id):
            self.app.push_screen(ReaderScreen(self.corpus, unit_id, mark=False))
