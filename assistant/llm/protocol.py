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
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

import httpx
from httpx_sse import SSEError

from ..config import LLMConfig
from ..text_helpers import unfinished_escape, without_terminal_control
from .endpoint import Endpoint, chat_url, server_message

log = logging.getLogger("assistant.llm")

# Caps on what a server may send, so that a broken or hostile one costs neither minutes nor
# gigabytes: the reply's text, one SSE line (a token's JSON is a few hundred bytes), and an error
# body (the user sees its first 200 characters).
REPLY_CHARS_PER_TOKEN = 16          # the reply is cut at 16 × max_tokens characters
MAX_SSE_LINE_BYTES = 1 << 20
MAX_ERROR_BODY_BYTES = 64 << 10
_EOL = re.compile(rb"\r\n|\r|\n")   # SSE line ends

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
    TOO_LARGE = "too_large"          # reply or line over its cap; the text up to the cap is kept


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
        if status in (401, 403) and self.config.api_key_env:
            hint = f";请检查环境变量 {self.config.api_key_env} 中的 API 密钥"
        elif status in (401, 403) and self._key:
            # (a key was sent, from OPENAI_API_KEY or the config file's api_key: it is the one to check)
            hint = ";接口拒绝了所发送的 API 密钥,请检查 OPENAI_API_KEY 或配置文件中的 api_key"
        elif status in (401, 403):
            hint = (";未向此接口发送密钥:OPENAI_API_KEY 只发给 api.openai.com 或 OPENAI_BASE_URL 所指的接口,"
                    "其他接口请用 --api-key-env 或配置文件中的 api_key_env 指明")
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

    @property
    def max_reply_chars(self) -> int:
        return REPLY_CHARS_PER_TOKEN * self.config.max_tokens

    @property
    def max_body_bytes(self) -> int:
        """A whole JSON reply: the capped text, each character perhaps escaped as \\uXXXX, plus room."""
        return MAX_SSE_LINE_BYTES + 6 * self.max_reply_chars

    def past_deadline(self, partial: str) -> LLMError:
        return self.error(LLMErrorKind.TIMEOUT, f"超过一次调用的总时限 {self.config.overall_deadline:g} 秒(超时)",
                          partial=partial)

    def idle(self, partial: str) -> LLMError:
        return self.error(LLMErrorKind.TIMEOUT, f"超过 {self.config.timeout:g} 秒没有发送数据,只有保活注释(超时)",
                          partial=partial)

    def too_large(self, what: str, partial: str = "") -> LLMError:
        return self.error(LLMErrorKind.TOO_LARGE, what, partial=partial)

    def sse_error(self, partial: str) -> LLMError:
        return self.error(LLMErrorKind.INVALID_JSON, "的流式响应格式不对(不是 SSE)", partial=partial)


class Exchange:
    """One chat request in progress, fed by either client's I/O loop.

    Every piece of the response passes through ``feed`` (SSE) or ``body_chunk`` (one body),
    which enforce the caps and the time limits: the call's overall ``deadline`` (monotonic
    seconds, shared with a retry), and ``timeout`` seconds at most between two data events,
    so a server sending only ``: keep-alive`` comments times out like a silent one.
    """

    def __init__(self, p: ChatProtocol, messages: list[Message], stream: bool | None,
                 on_token: TokenCallback | None, cancel: Flag | None, deadline: float | None = None) -> None:
        self.p = p
        self.stream = p.config.stream if stream is None else stream
        self.body = p.payload(messages, self.stream)
        self.on_token = on_token
        self.cancel = cancel
        self.deadline = deadline if deadline is not None else time.monotonic() + p.config.overall_deadline
        self.parts: list[str] = []
        self.chars = 0
        self.events = 0
        self.finish: str | None = None
        self.done = False
        self._pending = b""          # an SSE line not yet ended
        self._after_cr = False       # the last chunk ended in \r: a \n opening the next one ends nothing
        self._data: list[str] = []   # data lines of the event being read
        self._data_bytes = 0
        self._last_data = time.monotonic()
        self._whole = bytearray()
        log.debug("POST %s stream=%s messages=%d", p.shown, self.stream, len(messages))

    @property
    def partial(self) -> str:
        return "".join(self.parts)

    def request_timeout(self) -> httpx.Timeout:
        """The endpoint's timeouts, none reaching past the deadline."""
        left = max(0.01, self.deadline - time.monotonic())
        t = self.p.timeout_seconds
        return httpx.Timeout(min(t, left), connect=min(t, 15.0, left))

    def _check(self, idle: bool) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise self.p.cancelled(self.partial)
        now = time.monotonic()
        if now >= self.deadline:
            raise self.p.past_deadline(self.partial)
        if idle and now - self._last_data > self.p.timeout_seconds:
            raise self.p.idle(self.partial)

    def read_whole(self, resp: httpx.Response) -> bool:
        """Whether the response is to be read as one body: no streaming asked, an error status,
        or a server that ignored stream=true and answered in one JSON body."""
        return (not self.stream or resp.status_code >= 300
                or "text/event-stream" not in resp.headers.get("content-type", ""))

    def body_chunk(self, chunk: bytes, status: int) -> bool:
        """A piece of a body read whole; False once enough is read (an error body long enough to show)."""
        self._check(idle=False)
        self._whole += chunk
        limit = MAX_ERROR_BODY_BYTES if status >= 300 else self.p.max_body_bytes
        if len(self._whole) <= limit:
            return True
        if status >= 300:
            del self._whole[limit:]
            return False
        raise self.p.too_large(f"的响应超过 {limit / 2**20:.1f} MB,已停止接收")

    def whole(self, status: int, body: bytes | None = None) -> ChatResult:
        """A reply in one body (raises for an error status); the text is cut at the reply cap."""
        body = bytes(self._whole) if body is None else body
        self.p.check_status(status, body)
        result = self.p.parse_completion(body)
        if len(result.text) > self.p.max_reply_chars:
            raise self.p.too_large(self._too_long(), partial=result.text[: self.p.max_reply_chars])
        if self.on_token:
            self.on_token(result.text)
        return result

    def _too_long(self) -> str:
        return (f"的回答超过 {self.p.max_reply_chars} 字(max_tokens {self.p.config.max_tokens} 的 "
                f"{REPLY_CHARS_PER_TOKEN} 倍),已停止接收")

    def feed(self, chunk: bytes) -> bool:
        """Bytes of an SSE stream; True once the stream has said it is done."""
        self._check(idle=True)
        if self._after_cr and chunk.startswith(b"\n"):
            chunk = chunk[1:]
        self._after_cr = chunk.endswith(b"\r")
        *lines, self._pending = _EOL.split(self._pending + chunk)
        for line in [*lines, self._pending]:
            if len(line) > MAX_SSE_LINE_BYTES:
                raise self.p.too_large(f"的流式输出中有一行超过 {MAX_SSE_LINE_BYTES >> 20} MB,已停止接收",
                                       partial=self.partial)
        return any(self._line(line.decode("utf-8", "replace")) for line in lines)

    def _line(self, line: str) -> bool:
        """One SSE line (https://html.spec.whatwg.org/multipage/server-sent-events.html)."""
        if self.done:
            return True
        if not line:   # a blank line ends an event
            if not self._data:
                return False
            data, self._data, self._data_bytes = "\n".join(self._data), [], 0
            self._last_data = time.monotonic()
            return self.event(data)
        name, _, value = line.partition(":")   # a line opening with ":" is a comment (keep-alive)
        if name == "data":
            value = value[1:] if value.startswith(" ") else value
            self._data_bytes += len(value)
            if self._data_bytes > MAX_SSE_LINE_BYTES:
                raise self.p.too_large(f"的流式输出中有一条数据超过 {MAX_SSE_LINE_BYTES >> 20} MB,已停止接收",
                                       partial=self.partial)
            self._data.append(value)
        return False

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
            room = self.p.max_reply_chars - self.chars
            if len(token) > room:
                self._take(token[:room])
                raise self.p.too_large(self._too_long(), partial=self.partial)
            self._take(token)
        return False

    def _take(self, token: str) -> None:
        if token:
            self.parts.append(token)
            self.chars += len(token)
            if self.on_token:
                self.on_token(token)

    def end(self) -> ChatResult:
        """The result once the event stream has ended (or the error why it is incomplete)."""
        if self.cancel is not None and self.cancel.is_set() and not self.done and self.finish is None:
            raise self.p.cancelled(self.partial)
        return self.p.finish(self.parts, self.finish, self.done, self.events)

    def failure(self, exc: SSEError | httpx.HTTPError) -> LLMError:
        """The LLMError for a failure of the transport or of the SSE framing."""
        if isinstance(exc, SSEError):
            return self.p.sse_error(self.partial)
        if isinstance(exc, httpx.TimeoutException) and time.monotonic() >= self.deadline - 0.05:
            return self.p.past_deadline(self.partial)
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
        hold = max(hold, unfinished_escape(text))
        self._pending = text[len(text) - hold:] if hold else ""
        if len(text) > hold:
            self._send(text[:len(text) - hold])

    def flush(self) -> None:
        if self._pending:
            text, self._pending = self._pending, ""
            self._send(text)

    def _send(self, text: str) -> None:
        # A reply printed raw could clear the screen (ESC [2J) or write the clipboard (OSC 52).
        text = without_terminal_control(text)
        if text:
            self._on_token(text)
