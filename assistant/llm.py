"""Client for OpenAI-compatible ``/v1/chat/completions`` endpoints, sync and async.

Every failure becomes one exception type, ``LLMError(kind, message)``, whose message is one
Chinese line naming the endpoint (userinfo and query stripped) and never the key or any
header. A streamed reply that breaks off keeps the text that arrived in ``LLMError.partial``.

The answering entry points that combine retrieval, prompt, model and citation check live in
``assistant.llm_answer``; this module only speaks the protocol.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Mapping

import httpx
from httpx_sse import EventSource, SSEError

from .config import LLMConfig

log = logging.getLogger(__name__)

Message = dict[str, str]
TokenCallback = Callable[[str], None]


class LLMErrorKind(StrEnum):
    CONNECTION = "connection"        # refused, unreachable, bad address
    TIMEOUT = "timeout"
    HTTP = "http"                    # 4xx/5xx other than context length
    CONTEXT_TOO_LONG = "context_too_long"
    INVALID_JSON = "invalid_json"    # body or stream chunk that is not the expected JSON
    STREAM_CUT = "stream_cut"        # stream ended before [DONE] / finish_reason
    EMPTY = "empty"                  # the model said nothing
    CANCELLED = "cancelled"          # the user stopped it (cancel event, Ctrl-C)


class LLMError(Exception):
    """A failed model call; ``str(e)`` is one Chinese line for the user."""

    def __init__(self, kind: LLMErrorKind, message: str, *, partial: str = "",
                 status: int | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.partial = partial      # text streamed before the failure
        self.status = status

    def __repr__(self) -> str:
        return f"LLMError({self.kind.value!r}, {self.message!r}, partial_chars={len(self.partial)})"


@dataclass
class ChatResult:
    text: str
    finish_reason: str | None
    model: str | None = None

    @property
    def truncated(self) -> bool:
        """The model stopped at max_tokens, so the answer may end mid-sentence."""
        return self.finish_reason == "length"


# --- URLs -------------------------------------------------------------------------------

def chat_url(base_url: str) -> str:
    """``{base}/v1/chat/completions`` for a base URL given with or without ``/v1``."""
    base = base_url.strip().rstrip("/")
    if base.endswith("/chat/completions"):
        return base
    if not re.search(r"/v\d+[a-z]*$", base):   # /v1, /v1beta ... are kept as given
        base += "/v1"
    return base + "/chat/completions"


def display_url(url: str) -> str:
    """The URL as shown to users: no ``user:password@``, no query string (keys hide there)."""
    try:
        u = httpx.URL(url)
        return str(u.copy_with(username=None, password=None, query=None, fragment=None))
    except (httpx.InvalidURL, TypeError, ValueError):
        return re.sub(r"//[^/@]*@", "//", url.split("?", 1)[0])


_CONTEXT_PATTERN = re.compile(
    r"context|n_ctx|too long|too many tokens|token limit|exceeds?\b.*\btokens", re.IGNORECASE)
_MAX_SERVER_MESSAGE = 200


def _one_line(text: str, limit: int = _MAX_SERVER_MESSAGE) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _server_message(body: bytes | str | Any) -> str:
    """The human part of an error body: OpenAI's {"error": {"message"}}, FastAPI's detail …"""
    data: Any = body
    if isinstance(body, (bytes, str)):
        raw = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
        try:
            data = json.loads(raw)
        except ValueError:
            return _one_line(re.sub(r"<[^>]+>", " ", raw))   # plain text or an HTML error page
    if isinstance(data, dict):
        for key in ("error", "detail", "message"):
            if key in data:
                inner = data[key]
                if isinstance(inner, dict):
                    inner = inner.get("message") or inner.get("msg") or json.dumps(inner, ensure_ascii=False)
                elif isinstance(inner, list):   # FastAPI validation errors
                    inner = "; ".join(str(i.get("msg", i)) if isinstance(i, dict) else str(i) for i in inner)
                return _one_line(str(inner))
    return _one_line(json.dumps(data, ensure_ascii=False) if not isinstance(data, str) else data)


class _Protocol:
    """What the sync and async clients share: request body, headers, error mapping, parsing."""

    def __init__(self, config: LLMConfig, env: Mapping[str, str] | None) -> None:
        self.config = config
        url = httpx.URL(chat_url(config.base_url))
        # userinfo travels as basic auth, never inside the URL httpx logs
        self.auth: tuple[str, str] | None = None
        if url.username or url.password:
            self.auth = (url.username, url.password)
            url = url.copy_with(username=None, password=None)
        self.url = url
        self.shown = display_url(str(url))
        # A local server is never reached through a proxy from HTTP(S)_PROXY.
        self.trust_env = url.host not in ("127.0.0.1", "localhost", "::1", "[::1]")
        self._key = config.api_key(env)
        self.headers = {"Accept": "application/json, text/event-stream"}
        if self._key:
            self.headers["Authorization"] = f"Bearer {self._key}"
        t = config.timeout
        self.timeout = httpx.Timeout(t, connect=min(t, 15.0))

    def redact(self, text: str) -> str:
        """Servers sometimes echo the key they rejected; make sure it never reaches the user."""
        if self._key and len(self._key) >= 4:
            text = text.replace(self._key, "***")
        if self.auth and self.auth[1]:
            text = text.replace(self.auth[1], "***")
        return text

    def payload(self, messages: list[Message], stream: bool) -> dict[str, Any]:
        return {
            "model": self.config.model,
            "messages": messages,
            "temperature": self.config.temperature,
            "max_tokens": self.config.max_tokens,
            "stream": stream,
        }

    def error(self, kind: LLMErrorKind, what: str, *, partial: str = "", status: int | None = None) -> LLMError:
        return LLMError(kind, self.redact(f"大模型接口 {self.shown} {what}"), partial=partial, status=status)

    def http_error(self, status: int, body: bytes, partial: str = "") -> LLMError:
        detail = self.redact(_server_message(body)) if body else ""
        suffix = f":{detail}" if detail else ""
        if status in (400, 413, 422) and _CONTEXT_PATTERN.search(detail):
            return self.error(LLMErrorKind.CONTEXT_TOO_LONG, f"报告上下文过长(HTTP {status}){suffix}",
                              partial=partial, status=status)
        hint = ""
        if status in (401, 403):
            hint = f";请检查环境变量 {self.config.api_key_env} 中的 API 密钥"
        elif status == 404:
            hint = ";请检查接口地址与模型名"
        return self.error(LLMErrorKind.HTTP, f"返回错误 HTTP {status}{suffix}{hint}",
                          partial=partial, status=status)

    def transport_error(self, exc: Exception, partial: str, streaming: bool) -> LLMError:
        if isinstance(exc, httpx.TimeoutException):
            what = f"在 {self.config.timeout:g} 秒内没有响应(超时)"
            if partial:
                what = f"在输出中途超过 {self.config.timeout:g} 秒没有响应(超时)"
            return self.error(LLMErrorKind.TIMEOUT, what, partial=partial)
        if isinstance(exc, (httpx.RemoteProtocolError, httpx.ReadError)) and streaming:
            return self.error(LLMErrorKind.STREAM_CUT, "的流式输出中途断开", partial=partial)
        if isinstance(exc, (httpx.UnsupportedProtocol, httpx.InvalidURL)):
            return self.error(LLMErrorKind.CONNECTION, "的地址无效", partial=partial)
        if isinstance(exc, httpx.DecodingError):
            return self.error(LLMErrorKind.INVALID_JSON, "的响应无法解码", partial=partial)
        reason = str(exc).lower()
        if "refused" in reason:
            what = "无法连接(连接被拒绝,服务是否已启动?)"
        elif "name or service" in reason or "nodename" in reason or "getaddrinfo" in reason:
            what = "无法连接(主机名无法解析)"
        else:
            what = "无法连接(网络错误)"
        return self.error(LLMErrorKind.CONNECTION, what, partial=partial)

    def parse_completion(self, body: bytes) -> ChatResult:
        try:
            data = json.loads(body)
        except ValueError:
            raise self.error(LLMErrorKind.INVALID_JSON, "返回的不是有效的 JSON") from None
        if isinstance(data, dict) and "error" in data and "choices" not in data:
            raise self.http_error(200, body)
        try:
            choice = data["choices"][0]
            message = choice.get("message") or {}
            text = message.get("content") or choice.get("text") or ""
            if not isinstance(text, str):
                raise TypeError
        except (KeyError, IndexError, TypeError, AttributeError):
            raise self.error(LLMErrorKind.INVALID_JSON, "的响应缺少 choices[0].message.content") from None
        if not text.strip():
            raise self.error(LLMErrorKind.EMPTY, "返回了空回答")
        return ChatResult(text, choice.get("finish_reason"), data.get("model"))

    def parse_event(self, data: str, partial: str) -> tuple[str, str | None, bool]:
        """One SSE ``data`` payload → (token, finish_reason, done)."""
        if data.strip() == "[DONE]":
            return "", None, True
        try:
            chunk = json.loads(data)
        except ValueError:
            raise self.error(LLMErrorKind.INVALID_JSON, "的流式输出中有无效的 JSON", partial=partial) from None
        if not isinstance(chunk, dict):
            raise self.error(LLMErrorKind.INVALID_JSON, "的流式输出格式不对", partial=partial)
        if "error" in chunk:
            raise self.http_error(400, data.encode(), partial=partial)
        choices = chunk.get("choices") or []
        if not choices:   # usage-only or keep-alive chunks
            return "", None, False
        choice = choices[0] if isinstance(choices[0], dict) else {}
        delta = choice.get("delta") or {}
        token = delta.get("content") if isinstance(delta, dict) else None
        if token is None:
            token = choice.get("text") or ""
        return (token if isinstance(token, str) else ""), choice.get("finish_reason"), False

    def check_status(self, status: int, body: bytes) -> None:
        if status >= 400:
            raise self.http_error(status, body)
        if status >= 300:   # redirects are not followed: a POST must not silently become a GET
            raise self.error(LLMErrorKind.HTTP, f"返回重定向 HTTP {status},请检查接口地址", status=status)

    def cancelled(self, partial: str) -> LLMError:
        return self.error(LLMErrorKind.CANCELLED, "的请求已取消", partial=partial)

    def finish(self, parts: list[str], finish: str | None, done: bool) -> ChatResult:
        text = "".join(parts)
        if not done and finish is None:
            raise self.error(LLMErrorKind.STREAM_CUT, "的流式输出中途中断(未收到结束标记)", partial=text)
        if not text.strip():
            raise self.error(LLMErrorKind.EMPTY, "返回了空回答")
        return ChatResult(text, finish)

    def sse_error(self, partial: str) -> LLMError:
        return self.error(LLMErrorKind.INVALID_JSON, "的流式响应格式不对(不是 SSE)", partial=partial)


class LLMClient:
    """Blocking client. ``cancel`` (a threading.Event) is checked between streamed chunks."""

    def __init__(self, config: LLMConfig, *, transport: httpx.BaseTransport | None = None,
                 env: Mapping[str, str] | None = None) -> None:
        self._p = _Protocol(config, env)
        self._client = httpx.Client(timeout=self._p.timeout, transport=transport, auth=self._p.auth,
                                    trust_env=self._p.trust_env)

    @property
    def endpoint(self) -> str:
        return self._p.shown

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> LLMClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def chat(self, messages: list[Message], *, on_token: TokenCallback | None = None,
             cancel: threading.Event | None = None, stream: bool | None = None) -> ChatResult:
        stream = self._p.config.stream if stream is None else stream
        parts: list[str] = []
        log.debug("POST %s stream=%s messages=%d", self._p.shown, stream, len(messages))
        try:
            if not stream:
                resp = self._client.post(self._p.url, json=self._p.payload(messages, False),
                                         headers=self._p.headers)
                self._p.check_status(resp.status_code, resp.content)
                result = self._p.parse_completion(resp.content)
                if on_token:
                    on_token(result.text)
                return result
            with self._client.stream("POST", self._p.url, json=self._p.payload(messages, True),
                                     headers=self._p.headers) as resp:
                if resp.status_code >= 300:
                    resp.read()
                    self._p.check_status(resp.status_code, resp.content)
                if "text/event-stream" not in resp.headers.get("content-type", ""):
                    # Some servers ignore stream=true and answer in one JSON body.
                    resp.read()
                    result = self._p.parse_completion(resp.content)
                    if on_token:
                        on_token(result.text)
                    return result
                finish: str | None = None
                done = False
                for sse in EventSource(resp).iter_sse():
                    if cancel is not None and cancel.is_set():
                        raise self._p.cancelled("".join(parts))
                    token, fin, done = self._p.parse_event(sse.data, "".join(parts))
                    if done:
                        break
                    finish = fin or finish
                    if token:
                        parts.append(token)
                        if on_token:
                            on_token(token)
                if cancel is not None and cancel.is_set() and not done and finish is None:
                    raise self._p.cancelled("".join(parts))
                return self._p.finish(parts, finish, done)
        except LLMError:
            raise
        except SSEError:
            raise self._p.sse_error("".join(parts)) from None
        except httpx.HTTPError as exc:
            raise self._p.transport_error(exc, "".join(parts), stream) from None


class AsyncLLMClient:
    """asyncio client for the TUI: task cancellation aborts the request at once."""

    def __init__(self, config: LLMConfig, *, transport: httpx.AsyncBaseTransport | None = None,
                 env: Mapping[str, str] | None = None) -> None:
        self._p = _Protocol(config, env)
        self._client = httpx.AsyncClient(timeout=self._p.timeout, transport=transport,
                                         auth=self._p.auth, trust_env=self._p.trust_env)

    @property
    def endpoint(self) -> str:
        return self._p.shown

    async def aclose(self) -> None:
        await self._client.aclose()

    async def __aenter__(self) -> AsyncLLMClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def chat(self, messages: list[Message], *, on_token: TokenCallback | None = None,
                   cancel: asyncio.Event | None = None, stream: bool | None = None) -> ChatResult:
        """Like ``LLMClient.chat``; besides ``cancel``, cancelling the task aborts the request."""
        stream = self._p.config.stream if stream is None else stream
        parts: list[str] = []
        log.debug("POST %s stream=%s messages=%d", self._p.shown, stream, len(messages))
        try:
            if not stream:
                resp = await self._client.post(self._p.url, json=self._p.payload(messages, False),
                                               headers=self._p.headers)
                self._p.check_status(resp.status_code, resp.content)
                result = self._p.parse_completion(resp.content)
                if on_token:
                    on_token(result.text)
                return result
            async with self._client.stream("POST", self._p.url, json=self._p.payload(messages, True),
                                           headers=self._p.headers) as resp:
                if resp.status_code >= 300:
                    await resp.aread()
                    self._p.check_status(resp.status_code, resp.content)
                if "text/event-stream" not in resp.headers.get("content-type", ""):
                    await resp.aread()
                    result = self._p.parse_completion(resp.content)
                    if on_token:
                        on_token(result.text)
                    return result
                finish: str | None = None
                done = False
                async for sse in EventSource(resp).aiter_sse():
                    if cancel is not None and cancel.is_set():
                        raise self._p.cancelled("".join(parts))
                    token, fin, done = self._p.parse_event(sse.data, "".join(parts))
                    if done:
                        break
                    finish = fin or finish
                    if token:
                        parts.append(token)
                        if on_token:
                            on_token(token)
                if cancel is not None and cancel.is_set() and not done and finish is None:
                    raise self._p.cancelled("".join(parts))
                return self._p.finish(parts, finish, done)
        except LLMError:
            raise
        except SSEError:
            raise self._p.sse_error("".join(parts)) from None
        except httpx.HTTPError as exc:
            raise self._p.transport_error(exc, "".join(parts), stream) from None


__all__ = [
    "AsyncLLMClient", "ChatResult", "LLMClient", "LLMError", "LLMErrorKind", "Message",
    "chat_url", "display_url",
]
