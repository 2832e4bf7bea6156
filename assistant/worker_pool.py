"""A process pool whose workers do not outlive the process that started them.

``ProcessPoolExecutor`` workers block on their call queue; when the parent is killed (kill -9
during a cold index build) nothing tells them, and each stays with its memory (about 130 MB
with the jieba dictionary). Each worker watches its parent instead and exits once it is gone.
"""

from __future__ import annotations

import os
import threading
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

__all__ = ["PARENT_POLL_SECONDS", "worker_pool"]

PARENT_POLL_SECONDS = 0.5


def _watch_parent(parent_pid: int) -> None:
    # Once the parent dies the worker is re-parented (to init or a subreaper): getppid changes.
    while os.getppid() == parent_pid:
        time.sleep(PARENT_POLL_SECONDS)
    os._exit(1)   # no cleanup: nothing is left to report to


def _exit_with_parent(parent_pid: int) -> None:
    """Pool initializer. A thread rather than prctl(PR_SET_PDEATHSIG): that signal follows the
    parent *thread* that forked the worker, which may end while the parent process lives on."""
    threading.Thread(target=_watch_parent, args=(parent_pid,), name="watch-parent", daemon=True).start()


def worker_pool(workers: int) -> "ProcessPoolExecutor":
    from concurrent.futures import (
        ProcessPoolExecutor,  # lazy: most runs never start a pool
    )

    return ProcessPoolExecutor(max_workers=workers, initializer=_exit_with_parent, initargs=(os.getpid(),))
