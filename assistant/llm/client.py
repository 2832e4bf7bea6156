"""Clients for OpenAI-compatible ``/v1/chat/completions`` endpoints, blocking and asyncio.

Both run the same ``Exchange`` (protocol.py) and differ only in how they move bytes, so a
reply, an error or a cut stream means the same thing to either.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Mapping

import httpx
from httpx_sse import SSEError

from ..config import LLMConfig
from .protocol import (
    ChatProtocol,
    ChatResult,
    Exchange,
    LLMError,
    LLMErrorKind,
    Message,
    TokenCallback,
)


def _ask_again(e: LLMError) -> bool:
    """A stream that closed before its first event is asked again without streaming, to
    learn the real error (llama-cpp-python closes it when the prompt overflows its context)."""
    return e.before_first_event


class _Endpoint:
    """What both clients hold: the endpoint's protocol settings."""

    def __init__(self, config: LLMConfig, env: Mapping[str, str] | None) -> None:
        self._p = ChatProtocol(config, env)

    @property
    def endpoint(self) -> str:
        return self._p.shown


class LLMClient(_Endpoint):
    """Blocking client. ``cancel`` (a threading.Event) is checked between streamed chunks."""

    def __init__(self, config: LLMConfig, *, transport: httpx.BaseTransport | None = None,
                 env: Mapping[str, str] | None = None) -> None:
        super().__init__(config, env)
        self._transport = transport
        self._client = self._new_client()

    def _new_client(self) -> httpx.Client:
        return httpx.Client(timeout=self._p.timeout, transport=self._transport, auth=self._p.auth,
                            trust_env=self._p.trust_env)

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> LLMClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def chat(self, messages: list[Message], *, on_token: TokenCallback | None = None,
             cancel: threading.Event | None = None, stream: bool | None = None,
             deadline: float | None = None) -> ChatResult:
        """One request; ``deadline`` (monotonic seconds) defaults to the config's overall deadline from now."""
        x = Exchange(self._p, messages, stream, on_token, cancel, deadline)
        try:
            with self._client.stream("POST", self._p.url, json=x.body, headers=self._p.headers,
                                     timeout=x.request_timeout()) as resp:
                if x.read_whole(resp):
                    for piece in resp.iter_bytes():
                        if not x.body_chunk(piece, resp.status_code):
                            break
                    return x.whole(resp.status_code)
                for piece in resp.iter_bytes():
                    if x.feed(piece):
                        break
                return x.end()
        except LLMError as e:
            if e.kind is LLMErrorKind.STREAM_CUT:
                # The server may have closed the connection the pool would reuse next.
                self._client.close()
                self._client = self._new_client()
            raise
        except (SSEError, httpx.HTTPError) as exc:
            raise x.failure(exc) from None

    def chat_with_retry(self, messages: list[Message], *, on_token: TokenCallback | None = None,
                        cancel: threading.Event | None = None) -> ChatResult:
        """``chat``, asked once more without streaming when the stream closed before its first event;
        both share one deadline."""
        deadline = time.monotonic() + self._p.config.overall_deadline
        try:
            return self.chat(messages, on_token=on_token, cancel=cancel, deadline=deadline)
        except LLMError as e:
            if not _ask_again(e):
                raise
            return self.chat(messages, on_token=on_token, cancel=cancel, stream=False, deadline=deadline)


class AsyncLLMClient(_Endpoint):
    """asyncio client for the TUI: task cancellation aborts the request at once."""

    def __init__(self, config: LLMConfig, *, transport: httpx.AsyncBaseTransport | None = None,
                 env: Mapping[str, str] | None = None) -> None:
        super().__init__(config, env)
        self._transport = transport
        self._client = self._new_client()

    def _new_client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(timeout=self._p.timeout, transport=self._transport,
                                 auth=self._p.auth, trust_env=self._p.trust_env)

    async def aclose(self) -> None:
        await self._client.aclose()

    async def __aenter__(self) -> AsyncLLMClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def chat(self, messages: list[Message], *, on_token: TokenCallback | None = None,
                   cancel: asyncio.Event | None = None, stream: bool | None = None,
                   deadline: float | None = None) -> ChatResult:
        """Like ``LLMClient.chat``; besides ``cancel``, cancelling the task aborts the request.

        ``cancel`` is also watched while a read waits: a model that stalls mid-answer must not
        hold the stop until its next token (or the read timeout) arrives.
        """
        x = Exchange(self._p, messages, stream, on_token, cancel, deadline)
        if cancel is None:
            return await self._exchange(x)
        reading = asyncio.ensure_future(self._exchange(x))
        stopped = asyncio.ensure_future(cancel.wait())
        try:
            await asyncio.wait({reading, stopped}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            stopped.cancel()
            if not reading.done():
                reading.cancel()   # leaving the stream's context closes the response
                await asyncio.wait({reading})
        if reading.cancelled():
            raise x.p.cancelled(x.partial)
        return reading.result()

    async def _exchange(self, x: Exchange) -> ChatResult:
        try:
            async with self._client.stream("POST", self._p.url, json=x.body, headers=self._p.headers,
                                           timeout=x.request_timeout()) as resp:
                if x.read_whole(resp):
                    async for piece in resp.aiter_bytes():
                        if not x.body_chunk(piece, resp.status_code):
                            break
                    return x.whole(resp.status_code)
                async for piece in resp.aiter_bytes():
                    if x.feed(piece):
                        break
                return x.end()
        except LLMError as e:
            if e.kind is LLMErrorKind.STREAM_CUT:
                await self._client.aclose()
                self._client = self._new_client()
            raise
        except (SSEError, httpx.HTTPError) as exc:
            raise x.failure(exc) from None

    async def chat_with_retry(self, messages: list[Message], *, on_token: TokenCallback | None = None,
                              cancel: asyncio.Event | None = None) -> ChatResult:
        """``chat``, asked once more without streaming when the stream closed before its first event."""
        deadline = time.monotonic() + self._p.config.overall_deadline
        try:
            return await self.chat(messages, on_token=on_token, cancel=cancel, deadline=deadline)
        except LLMError as e:
            if not _ask_again(e):
                raise
            return await self.chat(messages, on_token=on_token, cancel=cancel, stream=False, deadline=deadline)
