"""An engine over speeches written for a test, without a cache."""

from __future__ import annotations

from pathlib import Path


def engine_of(root: Path, texts: dict[str, str]):
    """The engine of a folder holding ``texts`` (file name → content), written into ``root``."""
    from assistant.engine import Engine

    root.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (root / name).write_text(text, encoding="utf-8")
    return Engine.load([root], use_cache=False)
