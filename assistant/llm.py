"""Client for OpenAI-compatible ``/v1/chat/completions`` endpoints, sync and async.

Every failure becomes one exception type, ``LLMError(kind, message)``, whose message is one
Chinese line naming the endpoint (userinfo and query stripped) and never the key or any
header. A streamed reply that breaks off keeps the text that arrived in ``LLMError.partial``.

At the end, ``answer_with_llm`` / ``answer_with_llm_async``: the one entry point the CLI, the
TUI and eval use (retrieval → prompt → model → citation check, extractive fallback).
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import threading
import time
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


# --- URLs -------------------------------------------------------------------------------

def api_url(base_url: str, route: str) -> str:
    """``{base}/v1/{route}`` for a base URL given with or without ``/v1`` (or with the route)."""
    base = base_url.strip().rstrip("/")
    if base.endswith("/" + route):
        return base
    if not re.search(r"/v\d+[a-z]*$", base):   # /v1, /v1beta ... are kept as given
        base += "/v1"
    return f"{base}/{route}"


def chat_url(base_url: str) -> str:
    """``{base}/v1/chat/completions`` for a base URL given with or without ``/v1``."""
    return api_url(base_url, "chat/completions")


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


class Endpoint:
    """URL, credentials and proxy policy of one OpenAI-compatible endpoint.

    Shared by the chat client below and the embeddings client (assistant.embeddings): the
    key goes only into this endpoint's Authorization header, userinfo becomes basic auth,
    and every message shown to the user passes through ``redact``.
    """

    def __init__(self, url: str, key: str | None, timeout: float) -> None:
        parsed = httpx.URL(url)
        # userinfo travels as basic auth, never inside the URL httpx logs
        self.auth: tuple[str, str] | None = None
        if parsed.username or parsed.password:
            self.auth = (parsed.username, parsed.password)
            parsed = parsed.copy_with(username=None, password=None)
        self.url = parsed
        self.shown = display_url(str(parsed))
        # A local server is never reached through a proxy from HTTP(S)_PROXY.
        self.trust_env = parsed.host not in ("127.0.0.1", "localhost", "::1", "[::1]")
        self._key = key
        self.headers = {"Accept": "application/json, text/event-stream"}
        if key:
            self.headers["Authorization"] = f"Bearer {key}"
        self.timeout_seconds = timeout
        self.timeout = httpx.Timeout(timeout, connect=min(timeout, 15.0))

    def redact(self, text: str) -> str:
        """Servers sometimes echo the key they rejected; make sure it never reaches the user."""
        if self._key and len(self._key) >= 4:
            text = text.replace(self._key, "***")
        if self.auth and self.auth[1]:
            text = text.replace(self.auth[1], "***")
        return text

    @staticmethod
    def connect_failure(exc: Exception) -> str:
        """Why a connection failed, in Chinese, from the transport error's text."""
        reason = str(exc).lower()
        if "refused" in reason:
            return "无法连接(连接被拒绝,服务是否已启动?)"
        if "name or service" in reason or "nodename" in reason or "getaddrinfo" in reason:
            return "无法连接(主机名无法解析)"
        return "无法连接(网络错误)"


class _Protocol(Endpoint):
    """What the sync and async clients share: request body, headers, error mapping, parsing."""

    def __init__(self, config: LLMConfig, env: Mapping[str, str] | None) -> None:
        super().__init__(chat_url(config.base_url), config.api_key(env), config.timeout)
        self.config = config

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

    def http_error(self, status: int | None, body: bytes, partial: str = "") -> LLMError:
        """An error reply; ``status`` None for an error object inside a 200 body or stream."""
        detail = self.redact(_server_message(body)) if body else ""
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


class LLMClient:
    """Blocking client. ``cancel`` (a threading.Event) is checked between streamed chunks."""

    def __init__(self, config: LLMConfig, *, transport: httpx.BaseTransport | None = None,
                 env: Mapping[str, str] | None = None) -> None:
        self._p = _Protocol(config, env)
        self._transport = transport
        self._client = self._new_client()

    def _new_client(self) -> httpx.Client:
        return httpx.Client(timeout=self._p.timeout, transport=self._transport, auth=self._p.auth,
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
        events = 0
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
                    events += 1
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
                return self._p.finish(parts, finish, done, events)
        except LLMError as e:
            if e.kind is LLMErrorKind.STREAM_CUT:
                # The server may have closed the connection the pool would reuse next.
                self._client.close()
                self._client = self._new_client()
            raise
        except SSEError:
            raise self._p.sse_error("".join(parts)) from None
        except httpx.HTTPError as exc:
            raise self._p.transport_error(exc, "".join(parts), stream, events) from None


class AsyncLLMClient:
    """asyncio client for the TUI: task cancellation aborts the request at once."""

    def __init__(self, config: LLMConfig, *, transport: httpx.AsyncBaseTransport | None = None,
                 env: Mapping[str, str] | None = None) -> None:
        self._p = _Protocol(config, env)
        self._transport = transport
        self._client = self._new_client()

    def _new_client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(timeout=self._p.timeout, transport=self._transport,
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
        events = 0
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
                    events += 1
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
                return self._p.finish(parts, finish, done, events)
        except LLMError as e:
            if e.kind is LLMErrorKind.STREAM_CUT:
                await self._client.aclose()
                self._client = self._new_client()
            raise
        except SSEError:
            raise self._p.sse_error("".join(parts)) from None
        except httpx.HTTPError as exc:
            raise self._p.transport_error(exc, "".join(parts), stream, events) from None


__all__ = [
    "AsyncLLMClient", "ChatResult", "LLMClient", "LLMError", "LLMErrorKind", "Message",
    "answer_with_llm", "answer_with_llm_async", "chat_url", "display_url",
]


# --- answering: retrieval → prompt → model → citation check -----------------------------
# The one entry point the CLI, the TUI and eval use. Any model failure falls back to the
# extractive answer (with the one-line error in ``notes``); a stream that broke off keeps
# its partial text, checked like a full reply and marked ``incomplete``.

_CTX_NUMBERS = re.compile(r"(?:context length|context window|n_ctx)\D{0,40}?(\d{3,7}).*?(\d{3,7})\s*tokens",
                          re.IGNORECASE | re.DOTALL)
MIN_RETRY_BUDGET = 600


@dataclass
class _Prepared:
    fallback: Any                       # the extractive Answer
    hits: list[Any]                     # sources offered to the model, best first
    early: Any | None = None            # an Answer to return without calling the model


def _prepare(engine: Any, question: str, config: LLMConfig, history: list[Any] | None, k: int) -> _Prepared:
    from .config import not_configured_hint
    from .results import Hit

    # engine.ask plans the question (named speech, outline, follow-up) before searching, so
    # its hits are the engine's best ranking; its citations are the units it chose as
    # evidence (e.g. the headings for an outline question), which lead the sources.
    fallback = engine.ask(question, k=k, history=history)
    if not config.is_configured():
        fallback.notes.append(not_configured_hint())
        return _Prepared(fallback, [], early=fallback)
    if fallback.abstained or not fallback.hits:
        fallback.notes.append("检索到的段落不足以回答这个问题,未调用大模型。")
        return _Prepared(fallback, [], early=fallback)
    scores = {h.unit.id: h for h in fallback.hits}
    ordered: list[Any] = []
    seen: set[str] = set()
    for c in fallback.citations:
        if c.unit.id not in seen:
            seen.add(c.unit.id)
            h = scores.get(c.unit.id)
            ordered.append(h or Hit(c.unit, 0.0, c.speech_title, list(c.matched)))
    for h in fallback.hits:
        if h.unit.id not in seen:
            seen.add(h.unit.id)
            ordered.append(h)
    return _Prepared(fallback, ordered)


def _retry_budget(built: Any, error: LLMError, config: LLMConfig) -> int:
    """Half the budget, or less when the server said by how much the prompt overflowed."""
    half = built.budget // 2
    m = _CTX_NUMBERS.search(error.message)
    if m:
        limit, requested = int(m.group(1)), int(m.group(2))
        prompt_tokens = max(1, requested - config.max_tokens)
        room = limit - config.max_tokens
        if 0 < room < prompt_tokens:
            half = min(half, int(built.chars * room / prompt_tokens * 0.9))
    return max(MIN_RETRY_BUDGET, half)


def _fallback_with(prep: _Prepared, error: LLMError | Exception, t0: float) -> Any:
    answer = prep.fallback
    answer.notes.append(f"{error};以下为抽取式回答。")
    answer.elapsed_ms = (time.perf_counter() - t0) * 1000
    return answer


def _llm_answer(prep: _Prepared, question: str, config: LLMConfig, built: Any, text: str, *,
                notes: list[str], incomplete: bool, t0: float, env: Mapping[str, str] | None) -> Any:
    from .citation_check import check_citations
    from .results import Answer, Citation

    # A hostile or broken server could echo the key into the reply; keep it out of the answer
    # that gets saved, exported and printed as JSON.
    text = _Protocol(config, env).redact(text)

    sources = {s.n: s.hit.unit.text for s in built.sources}
    context = {s.n: s.hit.speech_title + "\n" + " ".join(s.hit.unit.section) for s in built.sources}
    report = check_citations(text, sources, context=context)
    citations = []
    for n in report.cited:
        s = built.source(n)
        if s is not None:
            citations.append(Citation(n, s.hit.unit, s.hit.speech_title, list(s.hit.matched),
                                      supported=report.citation_supported.get(n, False)))
    notes = list(notes) + built.notes()
    claims = [s for s in report.sentences if s.supported is not None]
    if claims and not any(s.citations for s in claims):
        notes.append("大模型的回答没有引用任何资料,内容未经核实。")
    if report.removed_markers:
        notes.append("已删除指向不存在资料的引用:" + "、".join(f"[{n}]" for n in report.removed_markers))
    if report.misquotes:
        notes.append("以下引文与所引资料原文不符:" + "、".join(f"“{q}”" for q in report.misquotes))
    return Answer(
        question=question, text=report.text, abstained=report.abstained, mode=f"llm:{config.model}",
        citations=citations, hits=prep.fallback.hits, sentences=report.answer_sentences(), notes=notes,
        query=prep.fallback.query or question, elapsed_ms=(time.perf_counter() - t0) * 1000,
        incomplete=incomplete, unsupported_sentences=report.unsupported_sentences,
        removed_markers=report.removed_markers, misquotes=report.misquotes,
    )


def _truncation_note(result: ChatResult, config: LLMConfig) -> list[str]:
    if result.truncated:
        return [f"回答达到 max_tokens 上限({config.max_tokens}),可能不完整。"]
    return []


def _is_context_error(e: LLMError) -> bool:
    return e.kind is LLMErrorKind.CONTEXT_TOO_LONG and not e.partial


def _partial_or_fallback(prep: Any, question: str, config: LLMConfig, built: Any, partial: str,
                         notes: list[str], error: Exception, t0: float, env: Mapping[str, str] | None) -> Any:
    """After a failed call: the partial model answer (checked, marked incomplete) if any, else extractive."""
    if built is not None and partial.strip():
        return _llm_answer(prep, question, config, built, partial, notes=notes + [str(error)],
                           incomplete=True, t0=t0, env=env)
    return _fallback_with(prep, error, t0)


class _Received:
    """Collects streamed tokens (for a partial answer) and passes them on."""

    def __init__(self, on_token: TokenCallback | None) -> None:
        self._parts: list[str] = []
        self._on_token = on_token

    def __call__(self, token: str) -> None:
        self._parts.append(token)
        if self._on_token:
            self._on_token(token)

    @property
    def text(self) -> str:
        return "".join(self._parts)


def _smaller_prompt(question: str, prep: Any, config: LLMConfig, history: list[Any] | None, built: Any,
                    e: LLMError, notes: list[str]) -> Any:
    """The prompt rebuilt for a retry after a context-length error, with a note saying so."""
    from .prompting import build_prompt

    smaller = build_prompt(question, prep.hits, config, history=history, budget=_retry_budget(built, e, config))
    notes.append(f"{e};已将资料缩减到 {smaller.budget} 字后重试。")
    return smaller


def _answer_with_llm(engine: Any, question: str, config: LLMConfig, *, history: list[Any] | None = None,
                     on_token: TokenCallback | None = None, cancel: threading.Event | None = None,
                     k: int = 10, transport: httpx.BaseTransport | None = None,
                     env: Mapping[str, str] | None = None) -> Any:
    """``answer_with_llm`` (below), which masks the key in the tokens before they get here."""
    from .prompting import PromptError, build_prompt

    t0 = time.perf_counter()
    prep = _prepare(engine, question, config, history, k)
    if prep.early is not None:
        return prep.early
    received = _Received(on_token)
    notes: list[str] = []
    built = None
    try:
        built = build_prompt(question, prep.hits, config, history=history)
        with LLMClient(config, transport=transport, env=env) as client:

            def call(messages: list[Message]) -> ChatResult:
                try:
                    return client.chat(messages, on_token=received, cancel=cancel)
                except LLMError as e:
                    if not e.before_first_event:
                        raise
                    return client.chat(messages, on_token=received, cancel=cancel, stream=False)

            try:
                result = call(built.messages)
            except LLMError as e:
                if not _is_context_error(e):
                    raise
                built = _smaller_prompt(question, prep, config, history, built, e, notes)
                result = call(built.messages)
    except PromptError as e:
        return _fallback_with(prep, e, t0)
    except LLMError as e:
        return _partial_or_fallback(prep, question, config, built, e.partial or received.text,
                                    notes, e, t0, env)
    except KeyboardInterrupt:
        return _partial_or_fallback(prep, question, config, built, received.text, notes,
                                    Exception("已中断大模型的回答。"), t0, env)
    return _llm_answer(prep, question, config, built, result.text, notes=notes + _truncation_note(result, config),
                       incomplete=result.truncated, t0=t0, env=env)


async def _answer_with_llm_async(engine: Any, question: str, config: LLMConfig, *,
                                 history: list[Any] | None = None, on_token: TokenCallback | None = None,
                                 cancel: asyncio.Event | None = None, k: int = 10,
                                 transport: httpx.AsyncBaseTransport | None = None,
                                 env: Mapping[str, str] | None = None) -> Any:
    """``answer_with_llm_async`` (below), which masks the key in the tokens before they get here."""
    from .prompting import PromptError, build_prompt

    t0 = time.perf_counter()
    prep = await asyncio.to_thread(_prepare, engine, question, config, history, k)
    if prep.early is not None:
        return prep.early
    received = _Received(on_token)
    notes: list[str] = []
    built = None
    try:
        built = build_prompt(question, prep.hits, config, history=history)
        async with AsyncLLMClient(config, transport=transport, env=env) as client:

            async def call(messages: list[Message]) -> ChatResult:
                try:
                    return await client.chat(messages, on_token=received, cancel=cancel)
                except LLMError as e:
                    if not e.before_first_event:
                        raise
                    return await client.chat(messages, on_token=received, cancel=cancel, stream=False)

            try:
                result = await call(built.messages)
            except LLMError as e:
                if not _is_context_error(e):
                    raise
                built = _smaller_prompt(question, prep, config, history, built, e, notes)
                result = await call(built.messages)
    except PromptError as e:
        return _fallback_with(prep, e, t0)
    except LLMError as e:
        return _partial_or_fallback(prep, question, config, built, e.partial or received.text,
                                    notes, e, t0, env)
    return _llm_answer(prep, question, config, built, result.text, notes=notes + _truncation_note(result, config),
                       incomplete=result.truncated, t0=t0, env=env)


class _RedactedTokens:
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


def answer_with_llm(engine: Any, question: str, config: LLMConfig, *, history: list[Any] | None = None,
                    on_token: TokenCallback | None = None, cancel: threading.Event | None = None,
                    k: int = 10, transport: httpx.BaseTransport | None = None,
                    env: Mapping[str, str] | None = None) -> Any:
    """Answer with the model, every citation checked; falls back to the extractive answer.

    Raises only ``engine.QuestionError`` (a question that can't be searched). Ctrl-C during
    the model call stops the request and keeps what arrived, like ``cancel.set()``.
    Retries: a stream that closes before its first event is asked again without streaming
    (to learn the real error); a context-length error is retried once with a smaller prompt.
    ``on_token`` sees the streamed text with the API key masked.
    """
    tokens = _RedactedTokens(config, env, on_token) if on_token else None
    try:
        return _answer_with_llm(engine, question, config, history=history, on_token=tokens, cancel=cancel,
                                k=k, transport=transport, env=env)
    finally:
        if tokens:
            tokens.flush()


async def answer_with_llm_async(engine: Any, question: str, config: LLMConfig, *,
                                history: list[Any] | None = None, on_token: TokenCallback | None = None,
                                cancel: asyncio.Event | None = None, k: int = 10,
                                transport: httpx.AsyncBaseTransport | None = None,
                                env: Mapping[str, str] | None = None) -> Any:
    """``answer_with_llm`` for asyncio (the TUI).

    ``cancel.set()`` stops the request and returns the partial answer marked incomplete;
    cancelling the task itself aborts the request and propagates ``CancelledError``.
    """
    tokens = _RedactedTokens(config, env, on_token) if on_token else None
    try:
        return await _answer_with_llm_async(engine, question, config, history=history, on_token=tokens,
                                            cancel=cancel, k=k, transport=transport, env=env)
    finally:
        if tokens:
            tokens.flush()


# --- command line ------------------------------------------------------------------------
# `assistant ask --llm`: cli.cmd_ask calls this (registered by config.add_llm_arguments as
# the parser default ``llm_handler``), then prints the notes and the sources itself.

_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def _terminal_safe(text: str) -> str:
    """Model output may carry escape sequences; a reply must not drive the terminal."""
    return _UNPRINTABLE.sub("", text)


def verdict_lines(answer: Any) -> list[Any]:
    """Rich ``Text`` lines with the citation verdict of each sentence (✓ / ✗)."""
    from rich.text import Text

    lines: list[Any] = []
    for s in answer.sentences:
        marks = "".join(f"[{n}]" for n in s.citations)
        body = Text(_terminal_safe(s.text))
        if s.supported is True:
            lines.append(Text("✓ ", style="green") + Text(marks + " ", style="cyan") + body)
        elif s.supported is False and not s.citations:
            lines.append(Text("✗ 无引用 ", style="red") + body)
        elif s.supported is False:
            lines.append(Text("✗ ", style="red") + Text(marks + " ", style="cyan") + body
                         + Text("(所引资料不支持)", style="red"))
        else:
            lines.append(Text("· ", style="dim") + Text(_terminal_safe(s.text), style="dim"))
    return lines


def cli_ask(engine: Any, question: str, args: Any) -> Any:
    """Answer for ``assistant ask --llm``: stream tokens to stdout, then the verdicts."""
    import sys

    from rich.console import Console
    from rich.text import Text

    from .config import ConfigError, load_config

    json_mode = bool(getattr(args, "json", False))
    out = Console(highlight=False, soft_wrap=True)
    err = Console(stderr=True, highlight=False)
    k = int(getattr(args, "k", 10) or 10)
    config_problem: str | None = None
    try:
        config = load_config(args)
    except ConfigError as e:
        config_problem = f"{e};以下为抽取式回答。"
        config = LLMConfig()
    hint = config_problem or _not_configured()
    if not config.is_configured() and not json_mode:
        err.print(Text("提示:", style="yellow") + Text(hint))
    streamed: list[str] = []

    def show(token: str) -> None:
        streamed.append(token)
        sys.stdout.write(_terminal_safe(token))
        sys.stdout.flush()

    answer = answer_with_llm(engine, question, config, on_token=None if json_mode else show, k=k)
    if not config.is_configured():
        answer.notes = [n for n in answer.notes if n != _not_configured()]
        if json_mode:
            answer.notes.append(hint)
    if json_mode:
        return answer
    if streamed:
        sys.stdout.write("\n")
        sys.stdout.flush()
    if answer.mode == "extractive":
        if streamed:
            out.print(Text("(大模型的回答不可用,以下为抽取式回答)", style="yellow"))
        out.print(Text(answer.text))
        return answer
    if not streamed:   # non-streamed reply
        out.print(Text(_terminal_safe(answer.text)))
    out.print(Text("\n引用核对" + ("(回答不完整)" if answer.incomplete else ""), style="bold"))
    for line in verdict_lines(answer):
        out.print(line)
    return answer


def _not_configured() -> str:
    from .config import not_configured_hint

    return not_configured_hint()
