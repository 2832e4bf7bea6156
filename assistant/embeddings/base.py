"""What every embedder shares: the protocol, the one error type, checking vectors, scoring."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, runtime_checkable

import numpy as np

Progress = Callable[[int, int], None]


class EmbeddingsError(Exception):
    """A failed embedding call; ``str(e)`` is one Chinese line naming the endpoint, no key."""

    def __init__(self, message: str, endpoint: str) -> None:
        super().__init__(message)
        self.message = message
        self.endpoint = endpoint


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised float32 rows; queries and passages are embedded apart
    because e5-style models are trained with a different prefix for each."""

    model_id: str        # "local:<model>" or "http:<model>"; part of every cache key

    @property
    def dim(self) -> int | None: ...   # None while an HTTP endpoint has not answered yet

    def embed_queries(self, texts: list[str]) -> np.ndarray: ...

    def embed_passages(self, texts: list[str], progress: Progress | None = None) -> np.ndarray: ...


def unit_rows(data: Any, count: int, dim: int | None, fail: Callable[[str], EmbeddingsError]) -> np.ndarray:
    """``data`` as a (count, dim) float32 matrix of unit rows, or ``fail(what went wrong)``.

    Whatever an embedder returns passes through here, so a broken model or server can never
    put NaN, a zero vector or a row of the wrong size into the index.
    """
    try:
        matrix = np.asarray(data, dtype=np.float32)
    except (ValueError, TypeError):
        raise fail("返回的向量长度不一致或含有非数字") from None
    if matrix.ndim != 2:
        raise fail("返回的向量格式不对")
    if matrix.shape[0] != count:
        raise fail(f"返回了 {matrix.shape[0]} 个向量,应为 {count} 个")
    if dim is not None and matrix.shape[1] != dim:
        raise fail(f"返回的向量维度为 {matrix.shape[1]},应为 {dim}")
    if count and matrix.shape[1] == 0:
        raise fail("返回了空向量")
    if not np.isfinite(matrix).all():
        raise fail("返回的向量含有 NaN 或无穷大")
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    if (norms == 0).any():
        raise fail("返回了全零向量")
    return np.ascontiguousarray(matrix / norms, dtype=np.float32)


def dense_scores(matrix: np.ndarray, qvec: np.ndarray, rows: np.ndarray | None = None) -> np.ndarray:
    """Cosine similarity of the unit vector ``qvec`` with every row of ``matrix`` (unit rows),
    or only with ``rows`` (indices, e.g. the lexical candidates) when given.

    A matrix-vector product, bound by memory bandwidth: at 170,000 × 384 float32 rows (261 MB)
    it reads the whole matrix per question (20–45 ms measured on this shared 2-core machine), so score
    a candidate subset via ``rows`` when the corpus is large. Keep the matrix float32 in
    memory: numpy has no BLAS kernel for float16 (a float16 matrix is converted here, ~10× slower).
    """
    q = np.asarray(qvec, dtype=np.float32).reshape(-1)
    if rows is not None:
        matrix = matrix[np.asarray(rows, dtype=np.intp)]
    if matrix.dtype != np.float32:
        matrix = matrix.astype(np.float32)
    return matrix @ q
