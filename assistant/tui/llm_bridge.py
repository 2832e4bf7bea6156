"""Streaming an LLM answer into an exchange view.

The model call is ``assistant.llm.answer_with_llm_async`` (retrieval, prompt, model, citation
check, extractive fallback on failure). It runs as an asyncio task on the UI's event loop, so
cancelling the worker (Esc) aborts the HTTP request at once; tokens go into the answer's
``Markdown`` widget through a ``MarkdownStream``, which batches them when they arrive faster
than the widget can render.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from textual.widgets import Markdown

from ..results import Answer

if TYPE_CHECKING:
    from ..config import LLMConfig
    from ..engine import Engine, Turn
    from .chat import ExchangeView


async def stream_llm_answer(engine: "Engine", config: "LLMConfig", question: str,
                            history: list["Turn"], view: "ExchangeView",
                            cancel: asyncio.Event | None = None) -> tuple[Answer | None, str | None]:
    """The checked answer (or the extractive fallback the call returns), or an error message."""
    from .. import llm

    stream = Markdown.get_stream(view.begin_stream())
    loop = asyncio.get_running_loop()
    pending: set[asyncio.Task[Any]] = set()

    def on_token(token: str) -> None:
        if not view.streaming_started:
            view.set_status(f"{config.model} 正在回答…(Esc 取消)")
            view.streaming_started = True
        # write() appends synchronously before its first await, so tokens keep their order.
        task = loop.create_task(stream.write(token))
        pending.add(task)
        task.add_done_callback(pending.discard)

    try:
        answer = await llm.answer_with_llm_async(engine, question, config, history=history, on_token=on_token,
                                                 cancel=cancel)
    except ValueError as e:  # QuestionError
        return None, str(e)
    except Exception as e:  # the call promises to fall back, but the UI must survive anything
        return None, f"大模型回答失败:{type(e).__name__}: {e}"
    finally:
        if pending:
            await asyncio.gather(*pending, return_exceptions=True)
        await stream.stop()
    return answer, None
