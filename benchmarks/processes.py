"""Whole-process measurements: `assistant ask`, a bare jieba process, the TUI's first paint.

Each child runs under a small launcher so its own peak RSS is measured."""

from __future__ import annotations

import json
import os
import pty
import struct
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_core import PROCESS_QUESTION

# ---- processes --------------------------------------------------------------------------
# Runs a command and records its wall time and its own peak RSS. A child forked straight from
# this (large) benchmark process would report this process's RSS as its peak, because Linux
# keeps the high-water mark across exec; forked from this small launcher it reports its own.
LAUNCHER = """
import json, os, subprocess, sys, time
t = time.perf_counter()
p = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(p.pid, 0)
wall = time.perf_counter() - t
code = os.waitstatus_to_exitcode(status)
with open(sys.argv[1], "w") as f:
    json.dump({"wall": wall, "maxrss_mib": usage.ru_maxrss / 1024, "code": code}, f)
sys.exit(code)
"""


@dataclass
class ProcessRun:
    wall: float        # seconds from fork to exit
    rss_mib: float     # the process's peak resident set size


def launch(cmd: list[str], env: dict[str, str], timeout: float, **popen: Any) -> ProcessRun:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as tmp:
        report_file = Path(tmp.name)
    try:
        proc = subprocess.Popen([sys.executable, "-c", LAUNCHER, str(report_file), *cmd], env=env, cwd=ROOT, **popen)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9) if popen.get("start_new_session") else proc.kill()
            proc.wait()
            raise TimeoutError(f"{' '.join(cmd[:4])} … timed out after {timeout:.0f} s") from None
        data = json.loads(report_file.read_text() or "{}")
    finally:
        report_file.unlink(missing_ok=True)
    if data.get("code") != 0:
        raise RuntimeError(f"{' '.join(cmd[:4])} … exited with {data.get('code')}")
    return ProcessRun(data["wall"], data["maxrss_mib"])


def child_env(cache: Path, **extra: str) -> dict[str, str]:
    """The environment of a measured ``assistant`` process: this checkout first on the path, the
    corpus's cache, and bytecode cached as an installed package has it. An environment with
    ``PYTHONDONTWRITEBYTECODE`` (some shells and tools set it) would otherwise compile every
    module of the package from source in every run (~60 ms), while the bare jieba process it
    is compared with loads its bytecode; ``PYTHONPYCACHEPREFIX`` keeps it out of the repository."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env["ASSISTANT_CACHE_DIR"] = str(cache)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(cache.parent / "pycache")
    env.update(extra)
    return env


def ask_process(corpus: Path | None, cache: Path, lexical: bool = False) -> ProcessRun:
    """One ``assistant ask … --json`` process (``python -m assistant.cli``), its answer checked:
    hits, ranked the way asked (hybrid, the default, or ``--lexical``)."""
    cmd = [sys.executable, "-m", "assistant.cli", "ask", PROCESS_QUESTION, "--json"]
    if corpus is not None:
        cmd += ["--corpus", str(corpus)]
    if lexical:
        cmd.append("--lexical")
    with tempfile.TemporaryFile() as so, tempfile.TemporaryFile() as se:
        try:
            run = launch(cmd, child_env(cache), 600, stdout=so, stderr=se)
        except RuntimeError as e:
            se.seek(0)
            raise RuntimeError(f"{e}: {se.read().decode(errors='replace')[-500:]}") from None
        so.seek(0)
        answer = json.loads(so.read().decode())
        if not answer.get("hits"):
            raise RuntimeError("ask returned no hits")
        mode = (answer.get("retrieval") or {}).get("mode")
        if mode != ("lexical" if lexical else "hybrid"):
            raise RuntimeError(f"ask ranked {mode!r}, not {'lexical' if lexical else 'hybrid'}: {answer.get('notes')}")
    return run


def jieba_process() -> ProcessRun:
    """A bare ``python -c "import jieba; jieba.initialize()"`` (jieba's own dictionary cache warm)."""
    return launch([sys.executable, "-c", "import jieba; jieba.initialize()"], dict(os.environ), 120,
                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def tui_process(cache: Path, timing_file: Path) -> tuple[float, float, float, float]:
    """First paint, ready to type and engine loaded (ready to answer; s since process start) and
    peak RSS (MiB) of the TUI in a pty."""
    import fcntl
    import termios

    timing_file.unlink(missing_ok=True)
    # A data folder of its own: the TUI reopens the conversation saved last, and whatever the
    # user's folder holds would be part of the measurement (an empty one: a first start).
    env = child_env(cache, ASSISTANT_TIMING="exit", ASSISTANT_TIMING_FILE=str(timing_file),
                    ASSISTANT_DATA_DIR=str(cache.parent / "tui-data"),
                    TERM="xterm-256color", COLUMNS="120", LINES="40")
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))

    def drain() -> None:  # a full pty buffer would block the app's writes
        try:
            while os.read(master, 65536):
                pass
        except OSError:
            pass

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        run = launch([sys.executable, "-m", "assistant.cli"], env, 60, stdin=slave, stdout=slave, stderr=slave,
                     start_new_session=True)
    finally:
        os.close(slave)
        os.close(master)
    found: dict[str, float] = {}
    for line in timing_file.read_text(encoding="utf-8").splitlines():
        # "assistant timing: ready 0.512 s after app start (0.801 s since process start)"
        parts = line.split()
        if len(parts) > 3 and "since process start" in line:
            found[parts[2]] = float(line.rsplit("(", 1)[1].split()[0])
    if not {"first_paint", "ready", "engine"} <= found.keys():
        raise RuntimeError(f"no timing lines in {timing_file}")
    return found["first_paint"], found["ready"], found["engine"], run.rss_mib


