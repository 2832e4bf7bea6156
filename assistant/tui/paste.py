"""Pasted text: read whole from the terminal, cleaned before it reaches the question box.

Textual's own parser (``textual._xterm_parser.XTermParser``, Textual 8.2) mishandles an ESC
inside a bracketed paste: it starts reading an escape sequence whose characters it does not
keep in the paste, and when the next ESC comes (or after 32 characters) it replays them as key
presses, ESC shown as ``^``. Coloured text (``\\x1b[31m墨菲\\x1b[0m``) thus arrived as the keys
``^ [ 3 1 m 墨 菲 …``, a pasted line break as Enter (which sent the question), and only the text
before the first ESC as the paste. ``PasteSafeParser`` takes the paste out of the input before
Textual's parser sees it and hands it on as one ``Paste`` event, so no part of a paste is ever
a key press.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Iterable

from textual import events
from textual._xterm_parser import XTermParser
from textual.message import Message

from ..text_helpers import without_terminal_control

PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"
_LINE_BREAK = re.compile(r"\r\n?")
_CONTROL = re.compile(r"([\x00-\x1f\x7f])")


def pasted_text(text: str) -> str:
    """``text`` as it goes into the question box: no escape sequences, no control characters
    (a colour code or an OSC 52 clipboard write copied along with the text), line breaks kept."""
    return without_terminal_control(_LINE_BREAK.sub("\n", text))


def _held_back(text: str, marker: str) -> int:
    """How many characters at the end of ``text`` may be the start of ``marker``."""
    for n in range(min(len(marker) - 1, len(text)), 0, -1):
        if marker.startswith(text[-n:]):
            return n
    return 0


class PasteSafeParser(XTermParser):
    """Textual's terminal parser, with bracketed pastes read here: whatever a paste holds
    (ESC, line breaks) becomes one ``Paste`` event, never keys.

    A read that ends in what may be the first characters of a paste marker is held back
    until the next read; outside a paste, for ``HOLD_SECONDS`` at most (a lone Esc key).
    """

    HOLD_SECONDS = 0.05
    # Input read this soon after the driver starts was typed while the program started, before
    # the terminal was told to mark pastes: a paste then arrives as keys, one TextArea insert
    # each (5,000 characters took ~10 s of the main thread). Its runs of printable characters
    # are read as one Paste each; Enter and escape sequences stay keys.
    EARLY_SECONDS = 0.5

    def __init__(self, debug: bool = False) -> None:
        super().__init__(debug)
        self._paste: list[str] | None = None   # the paste being read, None outside one
        self._tail = ""                        # may be the first characters of a marker
        self._held_since = 0.0
        self._early_until = time.monotonic() + self.EARLY_SECONDS

    def _keys(self, data: str) -> Iterable[Message]:
        """``data`` outside a paste: to Textual's parser, except early runs of printable text."""
        if "\x1b" in data or time.monotonic() >= self._early_until:
            yield from super().feed(data)
            return
        for piece in _CONTROL.split(data):
            if len(piece) > 1:
                yield events.Paste(piece)
            elif piece:
                yield from super().feed(piece)

    def feed(self, data: str) -> Iterable[Message]:
        if not data:   # end of input
            tail, self._tail = self._tail, ""
            if tail and self._paste is None:
                yield from self._keys(tail)
            yield from super().feed(data)
            return
        data, self._tail = self._tail + data, ""
        while data:
            if self._paste is None:
                start = data.find(PASTE_START)
                if start < 0:
                    keep = _held_back(data, PASTE_START)
                    if len(data) > keep:
                        yield from self._keys(data[:len(data) - keep])
                    self._tail, self._held_since = data[len(data) - keep:], time.monotonic()
                    return
                if start:
                    yield from self._keys(data[:start])
                self._paste, data = [], data[start + len(PASTE_START):]
                continue
            end = data.find(PASTE_END)
            if end < 0:
                keep = _held_back(data, PASTE_END)
                self._paste.append(data[:len(data) - keep])
                self._tail = data[len(data) - keep:]
                return
            text = "".join(self._paste) + data[:end]
            self._paste, data = None, data[end + len(PASTE_END):]
            yield events.Paste(text.replace("\x00", ""))

    def tick(self) -> Iterable[Message]:
        if self._tail and self._paste is None and time.monotonic() - self._held_since >= self.HOLD_SECONDS:
            tail, self._tail = self._tail, ""
            yield from super().feed(tail)
        yield from super().tick()


def use_paste_safe_parser(driver_class: type) -> None:
    """Make ``driver_class`` (a Textual driver reading a terminal) read pastes with
    ``PasteSafeParser``. The drivers build their parser from their module's ``XTermParser``."""
    module = sys.modules.get(driver_class.__module__)
    if module is not None and getattr(module, "XTermParser", None) is XTermParser:
        module.XTermParser = PasteSafeParser  # type: ignore[attr-defined]
