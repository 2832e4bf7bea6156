"""Atomic file writes: readers see the old file or the new one, never half of one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import BinaryIO, Callable


def atomic_write(path: Path, write: Callable[[BinaryIO], object], prefix: str, suffix: str) -> None:
    """Write through ``write`` into a temporary file beside ``path``, fsync it, rename it over ``path``.

    A crash, Ctrl-C or kill before the rename leaves the previous file intact; an exception
    removes the temporary file (only a kill -9 or power loss can leave one behind).
    """
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=suffix)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    fsync_dir(path.parent)


def fsync_dir(directory: Path) -> None:
    # Makes the rename itself durable; not possible on every platform, and not fatal there.
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def private_dirs(directory: Path) -> None:
    """``directory`` and any missing parents, each private (0700): ``mkdir(parents=True)`` gives
    the parents the default mode (vectors/ of vectors/<model>/ was 0755)."""
    missing = []
    while not directory.exists() and directory != directory.parent:
        missing.append(directory)
        directory = directory.parent
    for d in reversed(missing):
        d.mkdir(mode=0o700, exist_ok=True)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """``data`` written atomically to ``path`` (its folder made when missing)."""
    private_dirs(path.parent)   # caches, conversations: private
    atomic_write(path, lambda fh: fh.write(data), prefix=f".{path.name}.", suffix=".tmp")


def atomic_write_text(path: Path, text: str) -> None:
    """UTF-8 text, line ends as given, written as ``atomic_write_bytes`` does."""
    atomic_write_bytes(path, text.encode("utf-8"))
