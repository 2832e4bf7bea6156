"""The TUI against a hostile new user: coloured pastes, a stalled model, 80 columns."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from assistant.engine import Engine
from assistant.tui.chat import ChatInput, ExchangeView
from fake_llm import fake_llm
from test_tui import QUESTION, ask_with_llm, llm_app, make_app, ready, screen_text, wait_for


@pytest.mark.parametrize("delay, stall_after", [(0.0, 1), (1.0, None)], ids=["stalled", "token-per-second"])
async def test_escape_stops_a_slow_model_within_a_second(tmp_path: Path, engine: Engine,
                                                         delay: float, stall_after: int | None) -> None:
    reply = ["塔西佗陷阱是指", "公权力失去公信力", "时", "无论", "说什么", "做什么", "。"]
    with fake_llm(reply, delay=delay, stall_after=stall_after) as server:
        app = llm_app(tmp_path, engine, base_url=server.base_url)
        async with app.run_test(notifications=True, size=(110, 36)) as pilot:
            await ask_with_llm(pilot, app)
            await wait_for(pilot, lambda: "塔西佗陷阱是指" in screen_text(app))
            view = app.query_one(ExchangeView)
            await pilot.press("escape")
            t0 = time.monotonic()
            await wait_for(pilot, lambda: app.chat_screen.current is None, timeout=5)
            assert time.monotonic() - t0 < 1.0
            assert not view.has_class("-pending") and not view.has_class("-streaming")
            answer = view.exchange.answer
            assert answer is not None and answer.incomplete and "塔西佗陷阱是指" in answer.text
