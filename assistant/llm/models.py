"""The models an OpenAI-compatible endpoint serves (``GET /v1/models``).

Used by the TUI's settings screen (pick a model from a list) and by ``resolve_model``: a base
URL without a model is completed with the model the server serves when it serves exactly one,
as most local servers (llama.cpp, a one-model vLLM) do.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import httpx

from ..config import LLMConfig
from .endpoint import Endpoint, api_url, server_message
from .protocol import LLMError, LLMErrorKind

MODELS_TIMEOUT = 5.0   # seconds: a settings screen or a start-up must not hang on a dead server


def list_models(base_url: str, api_key: str | None = None, *, timeout: float = MODELS_TIMEOUT,
                transport: httpx.BaseTransport | None = None) -> list[str]:
    """The ids of the served models, in the server's order. Raises LLMError (one Chinese line
    naming the endpoint, never the key) when the server is down, slow or not compatible."""
    endpoint = Endpoint(api_url(base_url, "models"), api_key, timeout)
    where = f"大模型接口 {endpoint.shown}"
    try:
        with httpx.Client(timeout=endpoint.timeout, auth=endpoint.auth, trust_env=endpoint.trust_env,
                          transport=transport) as client:
            resp = client.get(endpoint.url, headers=endpoint.headers)
    except httpx.TimeoutException:
        raise LLMError(LLMErrorKind.TIMEOUT, f"{where} 在 {timeout:g} 秒内没有响应(超时)") from None
    except httpx.HTTPError as e:
        raise LLMError(LLMErrorKind.CONNECTION, f"{where} {Endpoint.connect_failure(e)}") from None
    if resp.status_code >= 400:
        detail = endpoint.redact(server_message(resp.content))
        raise LLMError(LLMErrorKind.HTTP, f"{where} 返回 HTTP {resp.status_code}:{detail}",
                       status=resp.status_code)
    try:
        data = resp.json()
        # (a server may echo the key in what it lists: it is masked here as in any reply)
        ids = [endpoint.redact(str(m["id"])) for m in data["data"]]
    except (ValueError, KeyError, TypeError):
        raise LLMError(LLMErrorKind.INVALID_JSON,
                       f"{where} 的 /models 回复不是 OpenAI 兼容的模型列表") from None
    return list(dict.fromkeys(i for i in ids if i.strip()))


def resolve_model(config: LLMConfig, env: Mapping[str, str] | None = None, *,
                  transport: httpx.BaseTransport | None = None) -> tuple[LLMConfig, str | None]:
    """``config`` with its model filled in when only the base URL is set and the server
    serves exactly one model; else ``config`` unchanged and why (None: nothing to say)."""
    if not config.base_url.strip() or config.model.strip():
        return config, None
    try:
        models = list_models(config.base_url, config.api_key(env),
                             timeout=min(config.timeout, MODELS_TIMEOUT), transport=transport)
    except LLMError as e:
        return config, f"未设置模型,且无法获取模型列表:{e}"
    if len(models) == 1:
        return replace(config, model=models[0]), None
    if not models:
        return config, "未设置模型,接口没有列出任何模型。"
    shown = "、".join(models[:5]) + ("等" if len(models) > 5 else "")
    return config, f"未设置模型,接口提供 {len(models)} 个模型({shown}):请用 --model 或设置指定一个。"
