"""The files of a corpus: which files under the paths given are speeches, read how.

Folders are walked (symlinked folders followed, loops refused), hidden files and files that are
not ``.txt`` / ``.md`` left out, and every file that could have been text but is not usable is
named with its reason, so a corpus never shrinks silently.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path
from typing import Iterable

from .corpus import CORPUS_SUFFIXES, Corpus, CorpusError, parse_corpus
from .file_reading import file_kind, os_reason, read_regular_file

__all__ = ["LONG_LINE_CHARS", "load_corpus", "long_line_warnings", "read_corpus_files"]


def _walk_folder(root: Path, files: list[Path], skipped: list[tuple[str, str]]) -> None:
    """The corpus files under ``root``, symlinked folders followed; whatever is left out and
    could have been text is named in ``skipped``, so the corpus never shrinks silently."""
    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            st = folder.stat()
            if (st.st_dev, st.st_ino) in seen:
                # A link back to a folder above it (a loop), or a second link to one already read.
                skipped.append((str(folder), "指向已读取的文件夹(符号链接循环或重复链接)"))
                continue
            seen.add((st.st_dev, st.st_ino))
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as e:
            skipped.append((str(folder), f"无法读取文件夹:{os_reason(e)}"))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue   # hidden files and folders (.git, editors' backups) are not speeches
            path = Path(entry.path)
            try:
                if entry.is_dir():
                    stack.append(path)
                    continue
                is_file = entry.is_file()
                mode = None if is_file else os.stat(path).st_mode
            except FileNotFoundError:
                skipped.append((str(path), "符号链接指向不存在的目标"))
                continue
            except OSError as e:
                skipped.append((str(path), f"无法读取:{os_reason(e)}"))
                continue
            if path.suffix.lower() not in CORPUS_SUFFIXES:
                continue
            if mode is not None:
                skipped.append((str(path), f"不是普通文件,而是{file_kind(mode)}"))
            else:
                files.append(path)


def _corpus_files(paths: Iterable[Path], skipped: list[tuple[str, str]]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        if not p.exists():
            raise CorpusError(f"语料路径不存在:{p}")
        if p.is_dir():
            found: list[Path] = []
            _walk_folder(p, found, skipped)
            files.extend(sorted(found))
        else:
            files.append(p)
    return files


# A line this long is one unit: retrieval and citations can only point at all of it.
LONG_LINE_CHARS = 100_000


def read_corpus_files(paths: Iterable[Path]) -> tuple[list[tuple[Path, str]], list[tuple[str, str]]]:
    """Read every corpus file as UTF-8; files that can't be used are reported and skipped.

    Only regular files are read (a FIFO or a device named ``x.txt`` is skipped), each up to
    ``file_reading.MAX_FILE_BYTES``.
    """
    texts: list[tuple[Path, str]] = []
    skipped: list[tuple[str, str]] = []
    for f in _corpus_files(paths, skipped):
        try:
            data = read_regular_file(f)
        except OSError as e:
            skipped.append((str(f), f"无法读取:{os_reason(e)}"))
            continue
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            skipped.append((str(f), f"不是 UTF-8 编码(第 {e.start} 字节){_encoding_hint(data)}"))
            continue
        if "\x00" in text:
            skipped.append((str(f), "含有 NUL 字符,不是文本文件"))
            continue
        if not text.strip():
            skipped.append((str(f), "文件是空的"))   # (named, as other files not read are)
            continue
        texts.append((f, unicodedata.normalize("NFC", text)))
    return texts, skipped


def long_line_warnings(texts: list[tuple[Path, str]], limit: int = LONG_LINE_CHARS) -> list[str]:
    """One warning per file holding a line longer than ``limit`` characters."""
    out = []
    for f, text in texts:
        longest = max(map(len, text.splitlines()), default=0)
        if longest > limit:
            out.append(f"{f} 中有一行长达 {longest} 字(超过 {limit} 字):整行只是一个段落,"
                       "检索与引用都只能指向整行;请按段落换行后再用")
    return out


def load_corpus(paths: Iterable[Path]) -> Corpus:
    paths = [Path(p) for p in paths]
    texts, skipped = read_corpus_files(paths)
    return parse_corpus(texts, skipped, paths)


def _encoding_hint(data: bytes) -> str:
    """What to do with a file in another encoding: GBK (GB18030) and UTF-16, as Chinese
    websites and Windows editors save text, are named with the command that converts them."""
    for name, codec in (("UTF-16", "utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ("", ""),
                        ("GBK", "gb18030")):
        if not codec:
            continue
        try:
            data.decode(codec)
        except UnicodeDecodeError:
            continue
        return f";看起来是 {name} 编码,请先转成 UTF-8,如 iconv -f {name} -t UTF-8 原文件 > 新文件"
    return ""
