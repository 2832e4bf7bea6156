"""The chat-completions protocol, without I/O: what the blocking and the asyncio client share.

Every failure becomes one exception type, ``LLMError(kind, message)``, whose message is one
Chinese line naming the endpoint (userinfo and query stripped) and never the key or any
header. A streamed reply that breaks off keeps the text that arrived in ``LLMError.partial``.

``ChatProtocol`` holds one endpoint's settings (URL, auth, headers, timeouts) and maps
replies and transport failures to results and errors; ``Exchange`` is one request in
progress (SSE events in, tokens out, cancellation); the clients in ``client.py`` only move
bytes. ``RedactedTokens`` masks the key in streamed text.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

import httpx
from httpx_sse import SSEError

from ..config import LLMConfig
from .endpoint import Endpoint, chat_url, server_message

log = logging.getLogger("assistant.llm")

Message = dict[str, str]
TokenCallback = Callable[[str], None]


class Flag(Protocol):
    """A cancel signal: ``threading.Event`` for the blocking client, ``asyncio.Event`` for the other."""

    def is_set(self) -> bool: ...


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
                 status: int | None = None, before_first_event: bool = False) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.partial = partial      # text streamed before the failure
        self.status = status
        # A stream that closed before its first event: llama-cpp-python does this when the
        # prompt overflows its context (the error only goes to its log).
        self.before_first_event = before_first_event

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


_CONTEXT_PATTERN = re.compile(
    r"context|n_ctx|too long|too many tokens|token limit|exceeds?\b.*\btokens", re.IGNORECASE)


class ChatProtocol(Endpoint):
    """What the sync and async clients share: request body, headers, error mapping, parsing."""

    def __init__(self, config: LLMConfig, env: Mapping[str, str] | None) -> None:
        super().__init__(chat_url(config.base_url), config.api_key(env), config.timeout)
        self.config = config

    def payload(self, messages: list[Message], stream: bool) -> dict[str, object]:
        return {
            "model": self.config.model,
            "messages": messages,
            "temperature": self.config.temperature,
            "max_tokens": self.config.max_tokens,
            "stream": stream,
        }

    def error(self, kind: LLMErrorKind, what: str, *, partial: str = "", status: int | None = None) -> LLMError:
        return LLMError(kind, self.redact(f"大模型接口 {self.shown} {what}"), partial=partial, status=status)

    def http_error(self, status: int | None, body: bytes, partial: str = "") -> LLMError:
        """An error reply; ``status`` None for an error object inside a 200 body or stream."""
        detail = self.redact(server_message(body)) if body else ""
        suffix = f":{detail}" if detail else ""
        if status in (None, 400, 413, 422) and _CONTEXT_PATTERN.search(detail):
            where = f"(HTTP {status})" if status else ""
            return self.error(LLMErrorKind.CONTEXT_TOO_LONG, f"报告上下文过长{where}{suffix}",
                              partial=partial, status=status)
        if status is None:
            return self.error(LLMErrorKind.HTTP, f"返回错误{suffix}", partial=partial)
        hint = ""
        if status in (401, 403):
            hint = f";请检查环境变量 {self.config.api_key_env} 中的 API 密钥"
        elif status == 404:
            hint = ";请检查接口地址与模型名"
        return self.error(LLMErrorKind.HTTP, f"返回错误 HTTP {status}{suffix}{hint}",
                          partial=partial, status=status)

    def transport_error(self, exc: Exception, partial: str, streaming: bool, events: int = 0) -> LLMError:
        if isinstance(exc, httpx.TimeoutException):
            what = f"在 {self.config.timeout:g} 秒内没有响应(超时)"
            if partial:
                what = f"在输出中途超过 {self.config.timeout:g} 秒没有响应(超时)"
            return self.error(LLMErrorKind.TIMEOUT, what, partial=partial)
        if isinstance(exc, (httpx.RemoteProtocolError, httpx.ReadError)) and streaming:
            e = self.error(LLMErrorKind.STREAM_CUT, "的流式输出中途断开", partial=partial)
            e.before_first_event = events == 0
            return e
        if isinstance(exc, (httpx.UnsupportedProtocol, httpx.InvalidURL)):
            return self.error(LLMErrorKind.CONNECTION, "的地址无效", partial=partial)
        if isinstance(exc, httpx.DecodingError):
            return self.error(LLMErrorKind.INVALID_JSON, "的响应无法解码", partial=partial)
        return self.error(LLMErrorKind.CONNECTION, self.connect_failure(exc), partial=partial)

    def parse_completion(self, body: bytes) -> ChatResult:
        try:
            data = json.loads(body)
        except ValueError:
            raise self.error(LLMErrorKind.INVALID_JSON, "返回的不是有效的 JSON") from None
        if isinstance(data, dict) and "error" in data and "choices" not in data:
            raise self.http_error(None, body)
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
            raise self.http_error(None, data.encode(), partial=partial)
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

    def finish(self, parts: list[str], finish: str | None, done: bool, events: int) -> ChatResult:
        text = "".join(parts)
        if not done and finish is None:
            if events == 0:
                e = self.error(LLMErrorKind.STREAM_CUT, "的流式输出在第一条数据前就断开了")
                e.before_first_event = True
                raise e
            raise self.error(LLMErrorKind.STREAM_CUT, "的流式输出中途中断(未收到结束标记)", partial=text)
        if not text.strip():
            raise self.error(LLMErrorKind.EMPTY, "返回了空回答")
        return ChatResult(text, finish)

    def sse_error(self, partial: str) -> LLMError:
        return self.error(LLMErrorKind.INVALID_JSON, "的流式响应格式不对(不是 SSE)", partial=partial)


class Exchange:
    """One chat request in progress, fed by either client's I/O loop."""

    def __init__(self, p: ChatProtocol, messages: list[Message], stream: bool | None,
                 on_token: TokenCallback | None, cancel: Flag | None) -> None:
        self.p = p
        self.stream = p.config.stream if stream is None else stream
        self.body = p.payload(messages, self.stream)
        self.on_token = on_token
        self.cancel = cancel
        self.parts: list[str] = []
        self.events = 0
        self.finish: str | None = None
        self.done = False
        log.debug("POST %s stream=%s messages=%d", p.shown, self.stream, len(messages))

    @property
    def partial(self) -> str:
        return "".join(self.parts)

    @staticmethod
    def read_whole(resp: httpx.Response) -> bool:
        """Whether a streamed response is to be read as one body: an error status, or a server
        that ignored stream=true and answered in one JSON body."""
        return resp.status_code >= 300 or "text/event-stream" not in resp.headers.get("content-type", "")

    def whole(self, status: int, body: bytes) -> ChatResult:
        """A reply in one body (raises for an error status)."""
        self.p.check_status(status, body)
        result = self.p.parse_completion(body)
        if self.on_token:
            self.on_token(result.text)
        return result

    def event(self, data: str) -> bool:
        """One SSE ``data`` payload; True once the stream has said it is done."""
        if self.cancel is not None and self.cancel.is_set():
            raise self.p.cancelled(self.partial)
        self.events += 1
        token, fin, self.done = self.p.parse_event(data, self.partial)
        if self.done:
            return True
        self.finish = fin or self.finish
        if token:
            self.parts.append(token)
            if self.on_token:
                self.on_token(token)
        return False

    def end(self) -> ChatResult:
        """The result once the event stream has ended (or the error why it is incomplete)."""
        if self.cancel is not None and self.cancel.is_set() and not self.done and self.finish is None:
            raise self.p.cancelled(self.partial)
        return self.p.finish(self.parts, self.finish, self.done, self.events)

    def failure(self, exc: SSEError | httpx.HTTPError) -> LLMError:
        """The LLMError for a failure of the transport or of the SSE framing."""
        if isinstance(exc, SSEError):
            return self.p.sse_error(self.partial)
        return self.p.transport_error(exc, self.partial, self.stream, self.events)


class RedactedTokens:
    """Streamed tokens passed on with the key masked, before anyone sees them.

    A server that echoes the key streams it in pieces, so masking each token alone is not
    enough: a tail that could be the start of a secret is held back until the next token
    shows whether it is one (``flush`` sends what is left at the end).
    """

    def __init__(self, config: LLMConfig, env: Mapping[str, str] | None, on_token: TokenCallback) -> None:
        secrets = [config.api_key(env) or ""]
        try:
            secrets.append(httpx.URL(chat_url(config.base_url)).password or "")
        except (httpx.InvalidURL, TypeError, ValueError):
            pass
        self._secrets = [x for x in secrets if len(x) >= 4]
        self._on_token = on_token
        self._pending = ""

    def __call__(self, token: str) -> None:
        text = self._pending + token
        for secret in self._secrets:
            text = text.replace(secret, "***")
        hold = max((n for x in self._secrets for n in range(len(x) - 1, 0, -1) if text.endswith(x[:n])),
                   default=0)
        self._pending = text[len(text) - hold:] if hold else ""
        if len(text) > hold:
            self._on_token(text[:len(text) - hold])

    def flush(self) -> None:
        if self._pending:
            text, self._pending = self._pending, ""
            self._on_token(text)
