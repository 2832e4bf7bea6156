"""The reader: a whole speech, scrolled to a paragraph, with an outline to jump between sections."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Header, Static, Tree
from textual.widgets.tree import TreeNode

from ..conversation import speech_short_name
from ..corpus import Corpus, Speech, Unit
from ..text_analysis import split_sentences
from .find import CURRENT_STYLE, FIND_STYLE, FindBar, FindState
from .footer import KeysFooter
from .linebreak import broken
from .render import highlighted
from .toasts import toasts_in_flow

if TYPE_CHECKING:
    from .app import SpeechAssistantApp




def dom_id(unit_id: str) -> str:
    return "u-" + unit_id.replace(".", "-")


def outline_label(unit: Unit) -> Text:
    return Text(unit.heading or unit.text, no_wrap=True)


class OutlineTree(Tree[str]):
    """A tree of headings whose labels end in "…" where they are cut (Tree crops them bare)."""

    def render_label(self, node: TreeNode[str], base_style: Style, style: Style) -> Text:
        label = super().render_label(node, base_style, style)
        depth, parent = 0, node.parent
        while parent is not None and (self.show_root or parent is not self.root):
            depth += 1
            parent = parent.parent
        room = self.scrollable_content_region.width - depth * self.guide_depth
        if room > 1 and label.cell_len > room:  # room is 0 before the first layout
            label.truncate(room - 1)
            label.rstrip()  # the pad where half a wide character would have been
            label.append("…")
        return label


def build_outline(node: TreeNode[str], speech: Speech, parts: Sequence[Unit] = ()) -> None:
    """Nest the speech's outline under ``node`` by heading depth; a speech without headings shows
    the ``parts`` the engine reads it in (我讲三点意见 taken up unnumbered), each by its first sentence."""
    stack: list[tuple[int, TreeNode[str]]] = [(0, node)]
    outline = speech.outline()
    for u in outline:
        level = u.level if u.kind == "heading" else len(u.section) + 1
        while stack[-1][0] >= level:
            stack.pop()
        child = stack[-1][1].add(outline_label(u), data=u.id, expand=True)
        stack.append((level, child))
    if not outline:
        for u in parts:
            node.add(Text(u.heading or split_sentences(u.text)[0], no_wrap=True), data=u.id, expand=True)
    _leafify(node)


def speech_parts(app: object, speech: Speech) -> list[Unit]:
    """The engine's parts of a speech, when the app has an engine (else none)."""
    engine = getattr(app, "engine", None)
    return engine.speech_parts(speech.no) if engine is not None else []


def _leafify(node: TreeNode[str]) -> None:
    # Nodes without children show no expand arrow.
    for child in node.children:
        if not child.children:
            child.allow_expand = False
        else:
            _leafify(child)


class UnitView(Horizontal):
    """One paragraph or heading: its id in the margin, its text beside it."""

    app: "SpeechAssistantApp"

    def __init__(self, unit: Unit, terms: list[str], target: bool, with_id: bool = True) -> None:
        classes = "unit -heading" if unit.kind == "heading" else "unit"
        if target:
            classes += " -target"
        super().__init__(id=dom_id(unit.id) if with_id else None, classes=classes)
        self.unit = unit
        self.terms = terms if target else []
        self.found: list[tuple[int, int, bool]] = []   # the reader's find: (start, end, current)

    def compose(self) -> ComposeResult:
        yield Static(Text(self.unit.id), classes="unit-id", markup=False)
        yield Static(broken(self._text([])), classes="unit-text", markup=False)

    def _text(self, found: list[tuple[int, int, bool]]) -> Text:
        engine = self.app.engine
        spans = engine.highlight_spans(self.unit.text, self.terms) if self.terms and engine is not None else []
        text = highlighted(self.unit.text, spans)
        for start, end, current in found:
            text.stylize(CURRENT_STYLE if current else FIND_STYLE, start, end)
        return text

    def show_found(self, found: list[tuple[int, int, bool]]) -> None:
        """Mark the matches of the reader's find (the current one stronger)."""
        self.found = found
        self.query_one(".unit-text", Static).update(broken(self._text(found)))


class ReaderScreen(Screen[None]):
    """The whole speech that holds ``unit_id``, scrolled to it."""

    CSS_PATH = Path(__file__).with_name("search.tcss")
    BINDINGS = [
        Binding("escape,q", "back", "返回"),
        Binding("o", "toggle_outline", "大纲"),
        Binding("left_square_bracket", "speech(-1)", "上一篇", key_display="["),
        Binding("right_square_bracket", "speech(1)", "下一篇", key_display="]"),
        Binding("t", "to_target", "回到引文", show=False),
        Binding("slash,ctrl+f", "find", "查找", key_display="/"),
        Binding("n", "find_step(1)", "下一处", show=False),
        Binding("N", "find_step(-1)", "上一处", show=False),
    ]

    at: reactive[str | None] = reactive(None)   # the unit last jumped to: the header names it

    def __init__(self, corpus: Corpus, unit_id: str, terms: list[str] | None = None,
                 mark: bool = True, citation: tuple[str, list[str]] | None = None) -> None:
        super().__init__(classes="reader")
        self.corpus = corpus
        self.target = corpus.unit(unit_id)
        self.terms = list(terms or [])
        self.mark = mark  # highlight the target (a citation), or just scroll to it (browsing)
        self.speech = corpus.speech(self.target.speech_no)
        # The citation this reading started from: t returns to it from any other speech.
        self.citation = (unit_id, self.terms) if mark else citation

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="reader-body"):
            tree = OutlineTree(Text(self.speech.title), id="outline")
            tree.show_root = False
            tree.guide_depth = 2
            tree.auto_expand = False  # Enter jumps to the section; it must not fold it too
            yield tree
            with VerticalScroll(id="reader-text"):
                yield Static(Text(self.speech.title, style="bold"), classes="speech-title", markup=False)
                for u in self.speech.units:
                    yield UnitView(u, self.terms, self.mark and u.id == self.target.id)
        yield FindBar(placeholder="查找本篇讲话中的文字,回车查找,Esc 关闭", id="find-bar")
        yield KeysFooter()

    def on_mount(self) -> None:
        toasts_in_flow(self)
        self.title = speech_short_name(self.speech.title)
        self.sub_title = f"{len(self.speech.units)} 段"
        if self.mark:
            self.at = self.target.id
        tree = self.query_one("#outline", Tree)
        build_outline(tree.root, self.speech, speech_parts(self.app, self.speech))
        tree.root.expand_all()
        tree.border_title = "大纲"
        self.query_one("#reader-text").border_title = "原文"
        self._select_outline_for(self.target)
        self.query_one("#reader-text").focus()
        self.query_one("#find-bar").display = False
        self.find = FindState()
        self.call_after_refresh(self._scroll_to_target)

    def _select_outline_for(self, unit: Unit) -> None:
        """Move the outline cursor to the section that contains ``unit``."""
        tree = self.query_one("#outline", Tree)
        best = None
        for line in range(tree.last_line + 1):
            node = tree.get_node_at_line(line)
            if node is None or node.data is None:
                continue
            u = self.corpus.get(node.data)
            if u is not None and u.seq <= unit.seq:
                best = line
        if best is not None:
            tree.cursor_line = best

    def watch_at(self, unit_id: str | None) -> None:
        if unit_id is not None:
            unit = self.corpus.unit(unit_id)
            self.sub_title = f"{unit.id} · {self.corpus.where(unit)}"

    def action_to_target(self) -> None:
        if self.citation is not None and self.corpus.unit(self.citation[0]).speech_no != self.speech.no:
            # Read on into other speeches with [ / ]: t still returns to the citation.
            self.app.switch_screen(ReaderScreen(self.corpus, *self.citation))
        else:
            self._scroll_to_target()

    def _scroll_to_target(self) -> None:
        if not self.mark:
            self.scroll_to_unit(self.target.id)
            return
        target = self.query_one(f"#{dom_id(self.target.id)}")
        self.query_one("#reader-text", VerticalScroll).scroll_to_center(target, animate=False)
        self.at = self.target.id

    def scroll_to_unit(self, unit_id: str) -> None:
        view = self.query_one(f"#{dom_id(unit_id)}")
        self.query_one("#reader-text", VerticalScroll).scroll_to_widget(view, animate=False, top=True)

    @on(Tree.NodeSelected, "#outline")
    def _jump(self, event: Tree.NodeSelected[str]) -> None:
        if event.node.data:
            self.scroll_to_unit(event.node.data)
            self.at = event.node.data

    # ---- find ---------------------------------------------------------------------
    def action_find(self) -> None:
        bar = self.query_one("#find-bar", FindBar)
        bar.display = True
        bar.focus()

    @on(FindBar.Submitted, "#find-bar")
    def _find(self, event: FindBar.Submitted) -> None:
        previous = {m.unit_id for m in self.find.matches}
        engine = self.app.engine
        spans = engine.highlight_spans if engine is not None else (lambda text, terms: [])
        self.find = FindState.search(self.speech.units, event.value, spans)
        self._show_find(previous | {m.unit_id for m in self.find.matches})
        self.query_one("#reader-text").focus()
        if not self.find.matches and self.find.query:
            self.notify(self.find.label(), severity="warning", timeout=3, markup=False)

    def action_find_step(self, by: int) -> None:
        if not self.find.query:
            self.action_find()
            return
        before = self.find.at()
        if self.find.step(by) is not None:
            self._show_find({before.unit_id} if before else set())

    def _show_find(self, refresh: set[str]) -> None:
        """Redraw the units whose marks changed, scroll to the current match, say where it is."""
        now = self.find.at()
        for unit_id in refresh | ({now.unit_id} if now is not None else set()):
            self.query_one(f"#{dom_id(unit_id)}", UnitView).show_found(self.find.spans_in(unit_id))
        if now is not None:
            view = self.query_one(f"#{dom_id(now.unit_id)}")
            self.query_one("#reader-text", VerticalScroll).scroll_to_center(view, animate=False)
            self.at = now.unit_id
        if self.find.query:
            self.sub_title = self.find.label()

    def close_find_bar(self) -> None:
        self.query_one("#find-bar").display = False
        self.query_one("#reader-text").focus()

    def action_back(self) -> None:
        """Esc: first clears the marks of a find and closes its bar, then goes back."""
        if self.find.query:
            gone = {m.unit_id for m in self.find.matches}
            self.find = FindState()
            self._show_find(gone)
            # A bar left open would take Tab and Enter, and Enter there finds the old text again.
            self.close_find_bar()
            if self.at is not None:
                self.watch_at(self.at)
            else:
                self.sub_title = f"{len(self.speech.units)} 段"
            return
        self.app.pop_screen()

    def action_toggle_outline(self) -> None:
        tree = self.query_one("#outline", Tree)
        tree.display = not tree.display
        # Opened to be used: the arrow keys go to it, and back to the text when it closes.
        self.set_focus(tree if tree.display else self.query_one("#reader-text"))
        # The text re-wraps to the new width; keep the paragraph being read in view.
        if self.at is not None:
            self.call_after_refresh(self.scroll_to_unit, self.at)

    def action_speech(self, step: int) -> None:
        nos = [s.no for s in self.corpus.speeches]
        i = nos.index(self.speech.no) + step
        if 0 <= i < len(nos):
            units = self.corpus.speech(nos[i]).units
            if units:
                self.app.switch_screen(ReaderScreen(self.corpus, units[0].id, mark=False, citation=self.citation))
        else:
            self.notify("已经是" + ("第一篇" if step < 0 else "最后一篇"), timeout=2, markup=False)
