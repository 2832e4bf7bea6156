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


# The tester's reply: a supported sentence, a misquote, a made-up citation, and a screen clear
# (here also split over two tokens, as a stream may cut it).
MURPHY = ["墨菲定律", "是说如果事情有变坏的可能，", "它总会发生。[1]", "讲话还说", "「侥幸是最好的办法」。[1]",
          "这是编造的内容。[9]", "\x1b[2J清屏了吗", "\x1b[", "31m。"]


def test_terminal_escapes_in_the_reply_are_removed_from_tokens_and_answer(engine: Any) -> None:
    from assistant.llm import answer_with_llm

    with fake_llm(MURPHY) as server:
        tokens: list[str] = []
        answer = answer_with_llm(engine, "什么是墨菲定律?", LLMConfig(base_url=server.base_url, model="fake-model"),
                                 on_token=tokens.append)
    streamed = "".join(tokens)
    for text in (streamed, answer.text):
        assert "\x1b" not in text and "[2J" not in text and "31m" not in text
        assert "清屏了吗" in text
    assert answer.mode == "llm:fake-model" and [c.n for c in answer.citations][:1] == [1]
    assert "[1]" in answer.text


def test_cli_ask_llm_prints_no_escape_remnants(capsys: pytest.CaptureFixture[str]) -> None:
    from cli_helpers import run

    with fake_llm(MURPHY) as server:
        code, out, _ = run(capsys, "ask", "--llm", "--base-url", server.base_url, "--model", "fake-model",
                           "什么是墨菲定律?")
    assert code == 0 and "清屏了吗" in out
    assert "\x1b" not in out and "[2J" not in out and "31m" not in out
