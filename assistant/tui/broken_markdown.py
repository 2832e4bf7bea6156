"""A Markdown widget (answers, help) with its paragraphs broken by Chinese rules (``linebreak.py``).

Imported when the first answer or the help is shown: markdown-it costs ~30 ms of start-up.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Markdown

from .linebreak import LineBroken

# Textual's paragraph block, reached through the public mapping (its module is private).
_Paragraph = Markdown.BLOCKS["paragraph_open"]


class BrokenParagraph(_Paragraph):  # type: ignore[misc, valid-type]
    """A paragraph (also inside a list item) drawn through ``LineBroken``; its links still work."""

    def set_content(self, content: Content) -> None:
        self._content = content
        self.update(LineBroken(content))


class BrokenMarkdown(Markdown):
    BLOCKS = {**Markdown.BLOCKS, "paragraph_open": BrokenParagraph}
