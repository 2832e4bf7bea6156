"""Start-up measurements of the TUI: time to first paint, until a question can be typed and sent
(``ready``: the question box has focus; a question sent before the engine is loaded waits for
it) and until one is answered (``engine``: corpus, index and jieba loaded).

``ASSISTANT_TIMING=1`` reports them on stderr when the app exits (``ASSISTANT_TIMING=exit``
quits as soon as the engine is loaded, for scripted measurement); ``ASSISTANT_TIMING_FILE=path``
also appends them to a file.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass

log = logging.getLogger(__name__)

TIMING_ENV = "ASSISTANT_TIMING"
TIMING_FILE_ENV = "ASSISTANT_TIMING_FILE"


def _process_start() -> float | None:
    """When this process started, on the ``time.time()`` clock (Linux only, else None)."""
    try:
        with open("/proc/self/stat", "rb") as fh:
            fields = fh.read().rsplit(b")", 1)[1].split()
        start_ticks = int(fields[19])
        with open("/proc/uptime", "rb") as fh:
            uptime = float(fh.read().split()[0])
        return time.time() - uptime + start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


@dataclass
class Timings:
    """Start-up measurements, in seconds since ``start`` (the app object's creation)."""

    start: float
    process_start: float | None
    first_paint: float | None = None
    ready: float | None = None
    engine: float | None = None

    @classmethod
    def now(cls) -> "Timings":
        return cls(time.time(), _process_start())

    def mark(self, name: str) -> None:
        """Record ``name`` (first_paint, ready or engine) as now, and append it to the timing file."""
        setattr(self, name, time.time() - self.start)
        line = self.line(name)
        if not line or not os.environ.get(TIMING_ENV) or not os.environ.get(TIMING_FILE_ENV):
            return
        log.info(line)
        try:
            with open(os.environ[TIMING_FILE_ENV], "a", encoding="utf-8") as fh:
                fh.write(line + "\n")
        except OSError:
            pass

    def line(self, name: str) -> str | None:
        value = getattr(self, name)
        if value is None:
            return None
        offset = (self.start - self.process_start) if self.process_start else None
        since_proc = f" ({value + offset:.3f} s since process start)" if offset is not None else ""
        return f"assistant timing: {name} {value:.3f} s after app start{since_proc}"

    def lines(self) -> list[str]:
        return [line for name in ("first_paint", "ready", "engine") if (line := self.line(name))]


def exit_when_ready() -> bool:
    return os.environ.get(TIMING_ENV) == "exit"


def report_requested() -> bool:
    return bool(os.environ.get(TIMING_ENV))
