"""Reading a file the user named: regular files only, and never more than a cap.

A FIFO named ``x.txt`` blocks ``open`` until someone writes to it, a link to ``/dev/zero``
never ends: every file read on the user's behalf (corpus, config, question set, saved
conversation, prompt template) comes through here. The refusals are ``OSError``s whose
``strerror`` is a Chinese reason, so callers that already report ``e.strerror`` for an
unreadable file say why without change.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

__all__ = ["MAX_FILE_BYTES", "FileTooLarge", "NotRegularFile", "file_kind", "os_reason", "read_regular_file"]

# One file's cap. A 50 MB corpus file loads (README: about 1.2 GB of memory while indexing);
# far more than that in one file is a mistake or an attack, not a speech collection.
MAX_FILE_BYTES = 64 * 1024 * 1024


# The system's reasons are English ("Too many levels of symbolic links"); the messages around
# them are Chinese. Common ones in Chinese, the rest as the system says them.
_REASONS = {
    errno.ENOENT: "文件或文件夹不存在", errno.EACCES: "没有权限", errno.EPERM: "不允许的操作",
    errno.ENOSPC: "磁盘已满", errno.EDQUOT: "超出磁盘配额", errno.EISDIR: "这是一个文件夹",
    errno.ENOTDIR: "路径中有一段不是文件夹", errno.ELOOP: "符号链接层数过多(可能成环)",
    errno.EROFS: "只读的文件系统", errno.EEXIST: "已经存在", errno.ENAMETOOLONG: "文件名太长",
    errno.EMFILE: "打开的文件太多", errno.EIO: "读写出错", errno.EBUSY: "正被占用",
}


def os_reason(e: BaseException) -> str:
    """Why an operating-system call failed, in Chinese where the reason is a common one."""
    if isinstance(e, OSError):
        if isinstance(e, (NotRegularFile, FileTooLarge)) and e.strerror:
            return e.strerror
        if e.errno in _REASONS:
            return _REASONS[e.errno]
        if e.strerror:
            return e.strerror
    return str(e)


class NotRegularFile(OSError):
    """A FIFO, device or socket where a file was expected."""

    def __init__(self, path: Path, kind: str) -> None:
        super().__init__(errno.EINVAL, f"不是普通文件,而是{kind}", str(path))


class FileTooLarge(OSError):
    def __init__(self, path: Path, size: int | None, limit: int) -> None:
        shown = f"{size / 2**20:.0f} MB" if size is not None else f"超过 {limit // 2**20} MB"
        super().__init__(errno.EFBIG, f"文件过大({shown},单个文件上限 {limit // 2**20} MB)", str(path))


def file_kind(mode: int) -> str:
    """What a non-regular file is, in Chinese."""
    if stat.S_ISFIFO(mode):
        return "命名管道(FIFO)"
    if stat.S_ISCHR(mode):
        return "字符设备"
    if stat.S_ISBLK(mode):
        return "块设备"
    if stat.S_ISSOCK(mode):
        return "套接字"
    return "特殊文件"


def read_regular_file(path: str | Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of ``path`` (links followed) when it is a regular file of at most ``limit`` bytes.

    Raises FileNotFoundError, IsADirectoryError and other OSErrors as ``open`` would, and
    NotRegularFile / FileTooLarge (OSErrors too) without reading anything.
    """
    path = Path(path)
    mode = os.stat(path).st_mode   # before open: opening a device may itself do something
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "这是一个目录", str(path))
    if not stat.S_ISREG(mode):
        raise NotRegularFile(path, file_kind(mode))
    # O_NONBLOCK: should the file have been swapped for a FIFO since the stat, open returns at once.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise NotRegularFile(path, file_kind(st.st_mode))
        if st.st_size > limit:
            raise FileTooLarge(path, st.st_size, limit)
        data = fh.read(limit + 1)   # a file that grows while read is still capped
    if len(data) > limit:
        raise FileTooLarge(path, None, limit)
    return data
