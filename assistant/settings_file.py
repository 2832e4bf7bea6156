"""The settings file read as TOML, with one-line Chinese messages (the line and column where
the parser names them) for a file that can't be read, isn't UTF-8 or isn't valid TOML.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from .file_reading import os_reason, read_regular_file
from .parser_messages import toml_detail

__all__ = ["MAX_CONFIG_BYTES", "ConfigError", "read_toml"]


class ConfigError(ValueError):
    """A setting that can't be used; ``str(e)`` is a one-line Chinese message for the user."""


MAX_CONFIG_BYTES = 1024 * 1024   # a settings file, not a data file


def read_toml(path: Path) -> dict[str, Any]:
    try:
        raw = read_regular_file(path, MAX_CONFIG_BYTES)
    except FileNotFoundError:
        return {}
    except OSError as e:
        raise ConfigError(f"无法读取配置文件 {path}:{os_reason(e)}") from None
    try:
        return tomllib.loads(raw.decode("utf-8-sig"))   # (a BOM, as Windows editors save it)
    except UnicodeDecodeError as e:
        line = raw[:e.start].count(b"\n") + 1
        raise ConfigError(f"配置文件 {path} 不是 UTF-8 编码(第 {line} 行)") from None
    except tomllib.TOMLDecodeError as e:
        # The decoder's message names line and column; it never echoes values wholesale.
        # Python 3.11 has no lineno attribute yet: the position is read off the message.
        where = _TOML_POSITION.search(str(e))
        if where is None:
            raise ConfigError(f"配置文件 {path} 不是有效的 TOML:{toml_detail(str(e))}") from None
        at = "文件末尾" if where[1] is None else f"第 {where[1]} 行第 {where[2]} 列"
        detail = toml_detail(str(e)[:where.start()])
        raise ConfigError(f"配置文件 {path} 不是有效的 TOML({at}):{detail}") from None


def line_of(path: Path, table: str, key: str) -> int | None:
    """The line of ``key = …`` inside ``[table]`` of a config file (for a message that names it),
    or None when it cannot be found (a dotted or inline-table key, an unreadable file)."""
    try:
        text = read_regular_file(path, MAX_CONFIG_BYTES).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    current = ""
    for n, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if header := re.match(r"\[\s*([^\]]+?)\s*\]", stripped):
            current = header.group(1).strip('"')
        elif current == table and re.match(rf"[\"']?{re.escape(key)}[\"']?\s*=", stripped):
            return n
    return None


_TOML_POSITION = re.compile(r"\((?:at line (\d+), column (\d+)|at end of document)\)$")
