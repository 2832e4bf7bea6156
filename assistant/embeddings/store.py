"""Unit vectors on disk, so each text is embedded once per model.

A vector is keyed by sha256(model id, text); the store keeps them per model as numpy
``.npz`` segments (``keys``: (n, 32) uint8 digests, ``vectors``: (n, dim) float16, ``model``:
the model id) read with ``allow_pickle=False``, written atomically. Each call that embeds
new texts adds one segment (a changed file re-embeds only its changed units); many small
segments are merged into one. The vectors shipped in the package for the seed speeches are
read first and never written.

Every vector goes through float16 (stored or fresh), so a question ranks the same whether
its units came from the cache or were embedded just now.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np

from ..atomic_file import atomic_write_bytes
from .base import Embedder, Progress

Warn = Callable[[str], None]
STORE_FORMAT = 1
MAX_SEGMENTS = 16       # merged into one beyond this
SHIPPED_DIR = Path(__file__).resolve().parent.parent / "data" / "vectors"


def text_key(model_id: str, text: str) -> bytes:
    return hashlib.sha256(f"{model_id}\n{text}".encode("utf-8")).digest()


def model_slug(model_id: str) -> str:
    """A file name for a model id ("local:multilingual-e5-small-q4" → "local-multilingual-e5-small-q4")."""
    readable = re.sub(r"[^A-Za-z0-9._-]+", "-", model_id).strip("-.")[:60]
    return f"{readable}-{hashlib.sha256(model_id.encode()).hexdigest()[:8]}"


def shipped_path(model_id: str) -> Path:
    return SHIPPED_DIR / f"{model_slug(model_id)}.npz"


def to_bytes(model_id: str, keys: np.ndarray, vectors: np.ndarray) -> bytes:
    buf = io.BytesIO()
    np.savez_compressed(buf, keys=np.ascontiguousarray(keys, dtype=np.uint8),
                        vectors=np.asarray(vectors, dtype=np.float16),
                        model=np.array(model_id), format=np.array(STORE_FORMAT))
    return buf.getvalue()


def read_segment(path: Path, model_id: str) -> tuple[np.ndarray, np.ndarray]:
    """(keys, float16 vectors) of a segment; ValueError/OSError when it is not a sound one."""
    with np.load(path, allow_pickle=False) as z:
        if int(z["format"]) != STORE_FORMAT or str(z["model"]) != model_id:
            raise ValueError("other format or model")
        keys, vectors = z["keys"], z["vectors"]
    if keys.dtype != np.uint8 or keys.ndim != 2 or keys.shape[1] != 32:
        raise ValueError("bad keys")
    if vectors.dtype != np.float16 or vectors.ndim != 2 or len(vectors) != len(keys) or not vectors.shape[1]:
        raise ValueError("bad vectors")
    if not np.isfinite(vectors).all():
        raise ValueError("non-finite vectors")
    return keys, vectors


def _unit(matrix: np.ndarray) -> np.ndarray:
    m = matrix.astype(np.float32)
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return m / np.where(norms == 0, 1, norms)


class _Table:
    """The vectors of one model: shipped + on-disk segments, with a key → (segment, row) map."""

    def __init__(self, model_id: str, directory: Path, shipped: Path | None, warn: Warn) -> None:
        self.model_id = model_id
        self.directory = directory
        self.segments: list[np.ndarray] = []
        self.rows: dict[bytes, tuple[int, int]] = {}
        self.files: list[Path] = []
        bad: list[str] = []
        if shipped is not None and shipped.is_file():
            self._load(shipped, bad, removable=False)
        for path in sorted(directory.glob("seg-*.npz")):
            if self._load(path, bad, removable=True):
                self.files.append(path)
        if bad:
            warn(f"向量缓存文件损坏,将重新计算({'、'.join(bad)})")

    def _load(self, path: Path, bad: list[str], removable: bool) -> bool:
        try:
            keys, vectors = read_segment(path, self.model_id)
        except Exception as e:  # any failure to read means the file is unusable: re-embed
            bad.append(f"{path.name}:{type(e).__name__}")
            if removable:
                path.unlink(missing_ok=True)
            return False
        self.add(keys, vectors)
        return True

    def add(self, keys: np.ndarray, vectors: np.ndarray) -> None:
        seg = len(self.segments)
        self.segments.append(vectors)
        for row, key in enumerate(keys):
            self.rows[key.tobytes()] = (seg, row)

    def write(self, keys: np.ndarray, vectors: np.ndarray, warn: Warn) -> None:
        name = f"seg-{hashlib.sha256(keys.tobytes()).hexdigest()[:20]}.npz"
        try:
            path = self.directory / name
            atomic_write_bytes(path, to_bytes(self.model_id, keys, vectors))
            self.files.append(path)
            if len(self.files) > MAX_SEGMENTS:
                self._merge()
        except (OSError, ValueError) as e:
            warn(f"无法写入向量缓存({self.directory}):{getattr(e, 'strerror', None) or e};本次不缓存")

    def _merge(self) -> None:
        parts = [read_segment(p, self.model_id) for p in self.files]
        keys = np.concatenate([k for k, _ in parts])
        vectors = np.concatenate([v for _, v in parts]) if len({v.shape[1] for _, v in parts}) == 1 else None
        if vectors is None:   # vectors of another size (the endpoint's model changed): start over
            keys, vectors = parts[-1]
        merged = self.directory / f"seg-{hashlib.sha256(keys.tobytes()).hexdigest()[:20]}.npz"
        atomic_write_bytes(merged, to_bytes(self.model_id, keys, vectors))
        for p in self.files:
            if p != merged:
                p.unlink(missing_ok=True)
        self.files = [merged]


class VectorStore:
    """``vectors(texts, embedder)``: stored vectors where there are, the embedder for the rest."""

    def __init__(self, root: Path | None = None, *, shipped_dir: Path | None = SHIPPED_DIR,
                 warn: Warn | None = None) -> None:
        if root is None:
            from ..index import cache_dir

            root = cache_dir() / "vectors"
        self.root = root
        self.shipped_dir = shipped_dir
        self.warn: Warn = warn or (lambda _msg: None)
        self._tables: dict[str, _Table] = {}

    def _table(self, model_id: str) -> _Table:
        table = self._tables.get(model_id)
        if table is None:
            shipped = self.shipped_dir / f"{model_slug(model_id)}.npz" if self.shipped_dir else None
            table = _Table(model_id, self.root / model_slug(model_id), shipped, self.warn)
            self._tables[model_id] = table
        return table

    def vectors(self, texts: list[str], embedder: Embedder, progress: Progress | None = None) -> np.ndarray:
        """An (n, dim) float32 matrix of unit rows, one per text, embedding only unseen texts."""
        table = self._table(embedder.model_id)
        keys = [text_key(embedder.model_id, t) for t in texts]
        where = [table.rows.get(k) for k in keys]
        dim = embedder.dim
        if dim is None:   # an endpoint that has not answered yet: the newest stored size
            used = [w[0] for w in where if w]
            dim = table.segments[max(used)].shape[1] if used else None
        if dim is not None:   # vectors of another size (the model behind a name changed) are stale
            where = [w if w and table.segments[w[0]].shape[1] == dim else None for w in where]
        unique: dict[bytes, int] = {}
        for i, (k, w) in enumerate(zip(keys, where)):
            if w is None:
                unique.setdefault(k, i)
        if unique:
            fresh = embedder.embed_passages([texts[i] for i in unique.values()], progress).astype(np.float16)
            new_keys = np.frombuffer(b"".join(unique), dtype=np.uint8).reshape(-1, 32)
            table.add(new_keys, fresh)
            table.write(new_keys, fresh, self.warn)
            where = [table.rows[k] for k in keys]
            dim = fresh.shape[1]
        elif progress:
            progress(len(texts), len(texts))
        out = np.empty((len(texts), dim or 0), np.float16)
        if texts:
            seg = np.fromiter((w[0] for w in where), np.int64, len(where))  # type: ignore[index]
            row = np.fromiter((w[1] for w in where), np.int64, len(where))  # type: ignore[index]
            # Not np.unique: it imports numpy.ma (~10 ms of every hybrid start-up).
            for s in set(seg.tolist()):
                mask = seg == s
                out[mask] = table.segments[s][row[mask]]
        return _unit(out)

    def stored(self, model_id: str, texts: Iterable[str]) -> int:
        """How many of ``texts`` already have a vector for ``model_id``."""
        table = self._table(model_id)
        return sum(text_key(model_id, t) in table.rows for t in texts)
