"""Cache files as data, never code, in a directory only the current user can write.

Every cache (the corpus + index bundle, the per-file analyses, the sharded query
dictionary) is a NumPy ``.npz`` archive read with ``allow_pickle=False``: numbers, bytes and
UTF-8 text (JSON or NUL-terminated strings). A file planted or damaged in the cache can
at worst fail to load, which means a rebuild; it cannot run code, as a pickle could.
Each member of an ``.npz`` carries a CRC-32 that is checked as it is read, so flipped bits
are caught too.

A cache directory owned by someone else, or writable by group or others, is refused: whoever
can write there could choose what the assistant reads.
"""

from __future__ import annotations

import json
import os
import stat
import time
from pathlib import Path
from typing import Any, BinaryIO, Callable, Mapping

import numpy as np

from . import atomic_file
from .atomic_file import private_dirs
from .file_reading import os_reason

Warn = Callable[[str], None]

TMP_PREFIX = ".tmp-"
# A temporary file older than this is left over from a write that died (kill -9, full
# disk); younger ones may belong to another process writing right now.
STALE_TMP_SECONDS = 15 * 60


class CacheFormatError(ValueError):
    """A cache file whose content does not have the expected shape."""


# ---- the directory -------------------------------------------------------------------
def usable_cache_dir(directory: Path, warn: Warn) -> bool:
    """Create ``directory`` (private) if missing; False, with one line said, when it can't be used.

    Refused: a directory that another user owns or that group or others may write. Also
    tidies what earlier runs may have left behind (see ``remove_leftovers``).
    """
    try:
        private_dirs(directory)
        st = directory.stat()
    except OSError as e:
        warn(f"无法写入缓存({directory}):{os_reason(e)};本次不使用缓存")
        return False
    if os.name != "posix":  # owner and mode bits mean this only on POSIX systems
        remove_leftovers(directory)
        return True
    if st.st_uid != os.getuid():
        warn(f"缓存目录 {directory} 不属于当前用户(属主 uid {st.st_uid}),本次不使用缓存;请改用自己的目录(ASSISTANT_CACHE_DIR)")
        return False
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        warn(f"缓存目录 {directory} 可被其他用户写入(权限 {stat.S_IMODE(st.st_mode):o}),本次不使用缓存;"
             f"可执行 chmod 700 {directory}")
        return False
    remove_leftovers(directory)
    return True


def private_subdir(directory: Path) -> Path:
    directory.mkdir(mode=0o700, exist_ok=True)
    return directory


LEGACY_PICKLES = ("bundle-", "jieba-shards-")  # names of older releases' caches (pickles, never read now)


def remove_leftovers(directory: Path, max_age: float = STALE_TMP_SECONDS) -> None:
    """Delete temporary files of writes that died, and pickles of older releases."""
    cutoff = time.time() - max_age
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return
    for entry in entries:
        try:
            if entry.name.endswith(".pkl") and entry.name.startswith(LEGACY_PICKLES):
                os.unlink(entry.path)
            elif entry.name.startswith(TMP_PREFIX) and entry.stat(follow_symlinks=False).st_mtime < cutoff:
                os.unlink(entry.path)
        except OSError:
            pass  # gone already, or not ours to delete: a cache we cannot tidy still works


# ---- writing and reading -------------------------------------------------------------
def atomic_write(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """``atomic_file.atomic_write`` with the cache's temporary names, which ``remove_leftovers`` knows."""
    atomic_file.atomic_write(path, write, TMP_PREFIX, path.suffix)


def save_arrays(path: Path, arrays: Callable[[], Mapping[str, np.ndarray]], warn: Warn | None) -> bool:
    """Store the ``arrays()`` as an uncompressed ``.npz`` (fast to read); False when it could not be.

    A value that cannot be stored (a ValueError from the encoders) skips the cache like a full disk.
    """
    try:
        private_dirs(path.parent)
        members = arrays()
        atomic_write(path, lambda f: np.savez(f, **members))
        return True
    except (OSError, ValueError) as e:
        if warn:
            warn(f"无法写入缓存({path.parent}):{os_reason(e)};本次不使用缓存")
        return False


def load_arrays(path: Path, names: tuple[str, ...] | None = None) -> dict[str, np.ndarray]:
    """The members (all, or ``names``) of an ``.npz``, each read in full, so its CRC is checked.

    ``allow_pickle=False``: an object array (the one kind of member that would unpickle) is
    refused, and so is a pickle file under the archive's name.
    """
    npz = np.load(path, allow_pickle=False)
    if not isinstance(npz, np.lib.npyio.NpzFile):
        raise CacheFormatError("not an archive of arrays")
    with npz:
        return {name: npz[name] for name in (npz.files if names is None else names) if name in npz.files}


def array(arrays: Mapping[str, np.ndarray], name: str, dtype: type, ndim: int = 1) -> np.ndarray:
    """``arrays[name]``, checked to be of ``dtype`` and ``ndim`` dimensions."""
    a = arrays.get(name)
    if a is None or a.dtype != np.dtype(dtype) or a.ndim != ndim:
        raise CacheFormatError(f"member {name!r} missing or of the wrong type")
    return a


def check_offsets(offsets: np.ndarray, end: int) -> None:
    """``offsets`` starts at 0, never decreases and ends at ``end`` (bounds of runs in a flat array)."""
    if len(offsets) == 0 or offsets[0] != 0 or offsets[-1] != end or (np.diff(offsets) < 0).any():
        raise CacheFormatError("inconsistent offsets")


# ---- text as arrays ------------------------------------------------------------------
def pack_strings(strings: list[str]) -> np.ndarray:
    """Strings as UTF-8 bytes, each followed by NUL (which the analysed text never contains)."""
    data = "".join(s + "\0" for s in strings).encode("utf-8")
    if data.count(b"\0") != len(strings):
        raise ValueError("a string to store contains NUL")
    return np.frombuffer(data, dtype=np.uint8)


def unpack_strings(packed: np.ndarray) -> list[str]:
    data = packed.tobytes().decode("utf-8")
    if data and not data.endswith("\0"):
        raise CacheFormatError("unterminated string list")
    return data.split("\0")[:-1]


# surrogatepass: file names that are not UTF-8 reach the corpus as lone surrogates
# (os.fsdecode); they are kept as they are, so that the cached corpus equals the parsed one.
def json_array(obj: Any) -> np.ndarray:
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return np.frombuffer(text.encode("utf-8", "surrogatepass"), dtype=np.uint8)


def from_json_array(packed: np.ndarray) -> Any:
    return json.loads(packed.tobytes().decode("utf-8", "surrogatepass"))
