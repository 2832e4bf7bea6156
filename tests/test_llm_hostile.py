"""The LLM path against a fake server on 127.0.0.1 that misbehaves the way a tester's did:
a model that stalls mid-answer, terminal escapes in the reply, a --base-url without --model."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest

from assistant.config import LLMConfig
from assistant.llm import AsyncLLMClient, LLMError, LLMErrorKind
from fake_llm import fake_llm

MESSAGES = [{"role": "system", "content": "s"}, {"role": "user", "content": "u"}]


def test_cancel_stops_a_stalled_stream_at_once() -> None:
    """One token, then nothing for a minute: setting the cancel event must end the call now,
    keeping the token, not when the next token (or the read timeout) comes."""
    with fake_llm(["开始", "永远不来"], stall_after=1) as server:
        async def run() -> tuple[LLMError, float]:
            cancel = asyncio.Event()
            got: list[str] = []

            def on_token(t: str) -> None:
                got.append(t)
                asyncio.get_running_loop().call_later(0.2, cancel.set)

            async with AsyncLLMClient(LLMConfig(base_url=server.base_url, model="fake-model", timeout=30)) as c:
                t0 = 0.0
                try:
                    task = asyncio.ensure_future(c.chat(MESSAGES, on_token=on_token, cancel=cancel))
                    await cancel.wait()
                    t0 = time.monotonic()
                    await task
                except LLMError as e:
                    assert got == ["开始"]
                    return e, time.monotonic() - t0
            raise AssertionError("not cancelled")

        err, waited = asyncio.run(run())
    assert err.kind is LLMErrorKind.CANCELLED and err.partial == "开始"
    assert waited < 1.0
