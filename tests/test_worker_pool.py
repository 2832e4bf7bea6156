"""Index-building workers do not outlive a killed parent (issue 15, item 10)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from assistant import index as index_module
from assistant.worker_pool import PARENT_POLL_SECONDS, worker_pool

ROOT = Path(__file__).resolve().parent.parent

PARENT = """
import sys, time
from assistant.worker_pool import worker_pool
pool = worker_pool(2)
for f in [pool.submit(time.sleep, 0.3) for _ in range(4)]:
    f.result()
print(" ".join(str(pid) for pid in pool._processes), flush=True)
time.sleep(120)   # the workers now wait, idle, for work that never comes
"""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"   # a zombie has exited; only its exit status waits for a reaper


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
def test_workers_exit_when_the_parent_is_killed() -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    parent = subprocess.Popen([sys.executable, "-c", PARENT], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    try:
        workers = [int(p) for p in parent.stdout.readline().split()]   # type: ignore[union-attr]
        assert len(workers) == 2 and all(_alive(p) for p in workers)
        parent.send_signal(signal.SIGKILL)
        parent.wait(timeout=10)
        deadline = time.monotonic() + 10 * PARENT_POLL_SECONDS + 5
        while any(_alive(p) for p in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        left = [p for p in workers if _alive(p)]
        for p in left:   # leave nothing behind, even when the test fails
            os.kill(p, signal.SIGKILL)
        assert left == []
    finally:
        if parent.poll() is None:
            parent.kill()


def test_index_building_uses_that_pool(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    made: list[int] = []

    def recording_pool(workers: int) -> Any:
        made.append(workers)
        return worker_pool(workers)

    monkeypatch.setattr(index_module, "worker_pool", recording_pool)
    groups = [("a" * 20, ["各级河长要亲自巡河。"] * 600), ("b" * 20, ["防汛工作要立足于防大汛。"] * 600)]
    terms = index_module.analyse_groups(groups, workers=2, use_cache=False)
    assert made == [2] and [t.n_docs for t in terms] == [600, 600]
