"""Where ``assistant eval`` puts its records and reports.

The full record of every question (hits, citations, answer) goes to an unlinked temporary
file as it is made; the run keeps only what the summary and the comparison read. Reports are
then streamed from that file into a temporary file beside the target, fsynced and renamed:
a run of 100k questions is never held whole in memory, and a full disk or Ctrl-C while
writing leaves the earlier report intact.
"""

from __future__ import annotations

import io
import json
import os
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from ..atomic_file import atomic_write
from ..evaluation import summary_fields
from ..file_reading import os_reason
from .common import EXIT_USAGE, fail


class RecordSpool:
    """Question records on disk (JSON Lines in an unlinked temporary file), read back in order.

    When the temporary folder fills up, the records from then on are kept in memory: the run
    goes on, as it did before records were spooled.
    """

    def __init__(self) -> None:
        # Unbuffered: a failed write is known at once, and the file ends at the last whole record.
        self._file = tempfile.TemporaryFile("w+b", buffering=0)  # noqa: SIM115  (open for the whole run)
        self._end = 0
        self._in_memory: list[dict[str, Any]] | None = None

    def keep(self, record: dict[str, Any]) -> dict[str, Any]:
        """Spool ``record``; what the run keeps of it in memory."""
        if self._in_memory is None:
            data = memoryview(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")
            try:
                while data:
                    data = data[self._file.write(data):]
            except OSError:
                self._in_memory = []
                try:
                    self._file.truncate(self._end)
                except OSError:
                    pass
            else:
                self._end += len(data.obj)
                return summary_fields(record)
        self._in_memory.append(record)
        return summary_fields(record)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        with open(self._file.fileno(), "rb", closefd=False) as fh:
            fh.seek(0)
            done = 0
            for line in fh:
                done += len(line)
                if done > self._end:
                    break
                yield json.loads(line)
        yield from self._in_memory or []

    def close(self) -> None:
        self._file.close()


def json_report(meta: dict[str, Any], summary: dict[str, Any],
                records: Iterable[dict[str, Any]]) -> Callable[[TextIO], None]:
    """``{"meta", "summary", "questions"}`` as ``json.dump(indent=2)`` lays it out, one record at a time."""
    def write(fh: TextIO) -> None:
        head = json.dumps({"meta": meta, "summary": summary}, ensure_ascii=False, indent=2)
        fh.write(head[:-2] + ',\n  "questions": [')        # head ends "\n}"
        sep = ""
        for record in records:
            # JSON text holds no raw newline inside strings: indenting by lines is safe.
            fh.write(sep + "\n    " + json.dumps(record, ensure_ascii=False, indent=2).replace("\n", "\n    "))
            sep = ","
        fh.write(("\n  " if sep else "") + "]\n}\n")
    return write


def write_report(path: Path, write: Callable[[TextIO], object]) -> None:
    """A report written as UTF-8 through ``write``: temp file, fsync, rename. A path that is no
    regular file (``/dev/stdout``, a FIFO) is written in place: renaming over it would replace
    the device."""
    try:
        if path.exists() and not path.is_file():
            with open(path, "w", encoding="utf-8") as fh:
                write(fh)
            return
        target = path.resolve()      # a symlinked report is replaced where it points, the link kept
        mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else 0o666 & ~_umask()

        def write_bytes(raw: BinaryIO) -> None:
            os.fchmod(raw.fileno(), mode)     # mkstemp makes it 0600; keep what a plain write gives
            text = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
            write(text)
            text.flush()
            text.detach()        # leave ``raw`` open for atomic_write's fsync
        atomic_write(target, write_bytes, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as e:
        fail(f"无法写入 {path}:{os_reason(e)}", EXIT_USAGE)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
