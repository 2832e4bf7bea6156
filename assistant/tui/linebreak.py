"""Chinese line breaking for the TUI's text (the usual 禁则 rules), where Textual lets us.

Textual wraps text at spaces and folds a longer run at the exact width, so a Chinese
paragraph (one run without spaces) breaks anywhere: lines start with ，、。？, a number is cut
in two ("从2 / 006年"). ``LineBroken`` wraps any of Textual's ``Content`` in a ``Visual``
that breaks it for the width it is given when it is measured and drawn (so resizing
re-breaks it), with these rules:

* no line starts with closing punctuation (，、。？！；：”」）… and their ASCII forms): the
  mark goes down with the character before it;
* no line ends with opening punctuation (“「（《…): it goes down with the character after it;
* a number or a Latin word (2006, 12.5%, OPENAI_BASE_URL) is not split, unless it alone is
  longer than the line.

Every line it makes fits the width, so Textual's own wrapping leaves it alone.
"""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.text import Text
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

NO_LINE_START = frozenset("，、。．？！；：”’」』）》〉】〕〗…—·%‰,.?!;:)]}>")
NO_LINE_END = frozenset("“‘「『（《〈【〔〖([{<")
# Kept whole: numbers with their decimal point, thousands separators, ratios and percent;
# Latin words, identifiers and URLs.
_UNBREAKABLE = re.compile(r"[0-9A-Za-z_]+(?:[.,:/%\-][0-9A-Za-z_]+)*")


def _atoms(text: str) -> list[tuple[int, int]]:
    """``text`` cut into (start, end) pieces that a line break may not enter."""
    pieces: list[list[int]] = []
    pos = 0
    glue_next = False
    while pos < len(text):
        m = _UNBREAKABLE.match(text, pos)
        end = m.end() if m else pos + 1
        ch = text[pos]
        if pieces and (glue_next or ch in NO_LINE_START):
            pieces[-1][1] = end        # a closing mark stays with what it closes
        else:
            pieces.append([pos, end])
        glue_next = text[end - 1] in NO_LINE_END   # an opening mark stays with what it opens
        pos = end
    return [(a, b) for a, b in pieces]


def break_offsets(text: str, width: int) -> list[int]:
    """Offsets at which to break ``text`` (one line, no ``\\n``) into lines of ``width`` cells."""
    if width <= 0 or cell_len(text) <= width:
        return []
    offsets: list[int] = []
    used = 0
    for start, end in _atoms(text):
        w = cell_len(text[start:end])
        if used and used + w > width and w <= width:
            offsets.append(start)
            used = 0
        if w > width:
            # Longer than a line by itself: fold it by characters, as Textual would.
            for i in range(start, end):
                cw = cell_len(text[i])
                if used and used + cw > width:
                    offsets.append(i)
                    used = 0
                used += cw
        else:
            used += w
    return offsets


def break_lines(text: str, width: int) -> list[str]:
    """``text`` as the lines ``LineBroken`` shows at ``width`` (for tests and plain text)."""
    out: list[str] = []
    for line in text.split("\n"):
        cuts = [0, *break_offsets(line, width), len(line)]
        out.extend(line[a:b] for a, b in zip(cuts, cuts[1:]))
    return out


class LineBroken(Visual):
    """``content`` broken into lines by the rules above for whatever width it is drawn at."""

    def __init__(self, content: Content) -> None:
        self.content = content
        self._cache: tuple[int, Content] | None = None

    @property
    def plain(self) -> str:
        """The text without styles, as ``Content.plain`` (what tests and copies read)."""
        return self.content.plain

    def _at(self, width: int) -> Content:
        if self._cache is not None and self._cache[0] == width:
            return self._cache[1]
        lines: list[Content] = []
        for line in self.content.split("\n", allow_blank=True):
            offsets = break_offsets(line.plain, width)
            lines.extend(line.divide(offsets) if offsets else [line])
        broken = Content("\n").join(lines)
        self._cache = (width, broken)
        return broken

    def render_strips(self, width: int, height: int | None, style: Style,
                      options: RenderOptions) -> list[Strip]:
        return self._at(width).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.content.get_optimal_width(rules, container_width)

    def get_minimal_width(self, rules: RulesMap) -> int:
        return self.content.get_minimal_width(rules)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self._at(width).get_height(rules, width)


def broken(text: Text | Content | str) -> LineBroken:
    """A widget's text (a rich ``Text`` keeps its styles, a ``str`` is literal, never markup)."""
    if isinstance(text, Text):
        text = Content.from_rich_text(text)
    elif isinstance(text, str):
        text = Content(text)
    return LineBroken(text)
