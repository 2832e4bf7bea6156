"""Answering with the model: retrieval → prompt → model → citation check, extractive fallback.

The one entry point the CLI, the TUI and eval use. Any model failure falls back to the
extractive answer (with the one-line error in ``notes``); a stream that broke off keeps its
partial text, checked like a full reply and marked ``incomplete``. A context-length error is
retried once with a smaller prompt.
"""

from __future__ import annotations

import asyncio
import re
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import httpx

from ..config import LLMConfig, not_configured_hint
from ..results import (
    CITATION_MARKER,
    EXTRACTIVE_INSTEAD,
    Answer,
    Citation,
    Hit,
    fallback_note,
)
from ..text_helpers import printable, without_terminal_control
from ..verify import check_citations
from .client import AsyncLLMClient, LLMClient
from .prompting import BuiltPrompt, PromptError, build_prompt
from .protocol import (
    ChatProtocol,
    ChatResult,
    LLMError,
    LLMErrorKind,
    RedactedTokens,
    TokenCallback,
)

if TYPE_CHECKING:
    from ..engine import Engine, Turn

_CTX_NUMBERS = re.compile(r"(?:context length|context window|n_ctx)\D{0,40}?(\d{3,7}).*?(\d{3,7})\s*tokens",
                          re.IGNORECASE | re.DOTALL)
MIN_RETRY_BUDGET = 600


@dataclass
class _Prepared:
    fallback: Answer                    # the extractive answer
    hits: list[Hit]                     # sources offered to the model, best first
    early: Answer | None = None         # an answer to return without calling the model


def _prepare(engine: Engine, question: str, config: LLMConfig, history: list[Turn] | None,
             k: int) -> _Prepared:
    # engine.ask plans the question (named speech, outline, follow-up) before searching, so
    # its hits are the engine's best ranking; its citations are the units it chose as
    # evidence (e.g. the headings for an outline question), which lead the sources.
    fallback = engine.ask(question, k=k, history=history)
    if not config.is_configured():
        fallback.notes.append(not_configured_hint(consequence=EXTRACTIVE_INSTEAD))
        return _Prepared(fallback, [], early=fallback)
    if fallback.abstained or not fallback.hits:
        fallback.notes.append("检索到的段落不足以回答这个问题,未调用大模型。")
        return _Prepared(fallback, [], early=fallback)
    scores = {h.unit.id: h for h in fallback.hits}
    ordered: list[Hit] = []
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


def _retry_budget(built: BuiltPrompt, error: LLMError, config: LLMConfig) -> int:
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


# A misquote is the model's text: shown in a note, it is cut short and cannot drive the terminal.
MAX_NOTED_MISQUOTES = 5
MAX_MISQUOTE_CHARS = 80


def _shown_quote(quote: str) -> str:
    quote = printable(" ".join(without_terminal_control(quote).split()))
    return quote if len(quote) <= MAX_MISQUOTE_CHARS else quote[: MAX_MISQUOTE_CHARS - 1] + "…"


def _is_context_error(e: LLMError) -> bool:
    return e.kind is LLMErrorKind.CONTEXT_TOO_LONG and not e.partial


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


class _Attempt:
    """One model answer in progress: all the blocking and the asyncio path share but the calls."""

    def __init__(self, prep: _Prepared, question: str, config: LLMConfig, history: list[Turn] | None,
                 on_token: TokenCallback | None, env: Mapping[str, str] | None, t0: float) -> None:
        self.prep = prep
        self.question = question
        self.config = config
        self.history = history
        self.env = env
        self.t0 = t0
        self.received = _Received(on_token)
        self.notes: list[str] = []
        self.built: BuiltPrompt | None = None

    def prompt(self) -> BuiltPrompt:
        self.built = build_prompt(self.question, self.prep.hits, self.config, history=self.history)
        return self.built

    def smaller_prompt(self, built: BuiltPrompt, e: LLMError) -> BuiltPrompt:
        """The prompt rebuilt for a retry after a context-length error, with a note saying so."""
        self.built = build_prompt(self.question, self.prep.hits, self.config, history=self.history,
                                  budget=_retry_budget(built, e, self.config))
        self.notes.append(f"{e};已将资料缩减到 {self.built.budget} 字后重试。")
        return self.built

    def answer(self, built: BuiltPrompt, result: ChatResult) -> Answer:
        truncation = [f"回答达到 max_tokens 上限({self.config.max_tokens}),可能不完整。"] if result.truncated else []
        return self._checked(built, result.text, self.notes + truncation, incomplete=result.truncated)

    def failed(self, error: Exception, partial: str) -> Answer:
        """After a failed call: the partial model answer (checked, marked incomplete) if any, else extractive."""
        if self.built is not None and partial.strip():
            return self._checked(self.built, partial, self.notes + [str(error)], incomplete=True)
        return self.fallback(error)

    def fallback(self, error: Exception) -> Answer:
        answer = self.prep.fallback
        answer.notes.append(fallback_note(str(error)))
        answer.elapsed_ms = (time.perf_counter() - self.t0) * 1000
        return answer

    def _checked(self, built: BuiltPrompt, text: str, notes: list[str], *, incomplete: bool) -> Answer:
        # A hostile or broken server could echo the key into the reply; keep it out of the
        # answer that gets saved, exported and printed as JSON.
        # Nor may it carry terminal escapes into the TUI, the CLI or an export (ESC [2J clears a screen).
        text = without_terminal_control(ChatProtocol(self.config, self.env).redact(text))
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
            notes.append("以下引文与所引资料原文不符:" + "、".join(f"“{_shown_quote(q)}”" for q in report.misquotes[:MAX_NOTED_MISQUOTES])
                         + (f" 等 {len(report.misquotes)} 处" if len(report.misquotes) > MAX_NOTED_MISQUOTES else ""))
        fallback = self.prep.fallback
        return Answer(
            question=self.question, text=report.text, abstained=report.abstained, mode=f"llm:{self.config.model}",
            citations=citations, hits=fallback.hits, sentences=report.answer_sentences(), notes=notes,
            query=fallback.query or self.question, elapsed_ms=(time.perf_counter() - self.t0) * 1000,
            incomplete=incomplete, unsupported_sentences=report.unsupported_sentences,
            removed_markers=report.removed_markers, misquotes=report.misquotes,
            fallback=None if any(c.supported for c in citations) else _renumbered(fallback, citations),
        )


def _renumbered(answer: Answer, before: list[Citation]) -> Answer:
    """``answer`` (extractive) with its markers and citations numbered after ``before``'s."""
    offset = max((c.n for c in before), default=0)
    if not offset:
        return answer
    text = CITATION_MARKER.sub(lambda m: f"[{int(m.group(1)) + offset}]", answer.text)
    return replace(answer, text=text,
                   citations=[replace(c, n=c.n + offset) for c in answer.citations],
                   sentences=[replace(s, citations=[n + offset for n in s.citations]) for s in answer.sentences])


def _answer_with_llm(engine: Engine, question: str, config: LLMConfig, *, history: list[Turn] | None,
                     on_token: TokenCallback | None, cancel: threading.Event | None, k: int,
                     transport: httpx.BaseTransport | None, env: Mapping[str, str] | None) -> Answer:
    """``answer_with_llm`` (below), which masks the key in the tokens before they get here."""
    t0 = time.perf_counter()
    prep = _prepare(engine, question, config, history, k)
    if prep.early is not None:
        return prep.early
    attempt = _Attempt(prep, question, config, history, on_token, env, t0)
    try:
        built = attempt.prompt()
        with LLMClient(config, transport=transport, env=env) as client:
            try:
                result = client.chat_with_retry(built.messages, on_token=attempt.received, cancel=cancel)
            except LLMError as e:
                if not _is_context_error(e):
                    raise
                built = attempt.smaller_prompt(built, e)
                result = client.chat_with_retry(built.messages, on_token=attempt.received, cancel=cancel)
    except PromptError as e:
        return attempt.fallback(e)
    except LLMError as e:
        return attempt.failed(e, e.partial or attempt.received.text)
    except KeyboardInterrupt:
        return attempt.failed(Exception("已中断大模型的回答。"), attempt.received.text)
    return attempt.answer(built, result)


async def _answer_with_llm_async(engine: Engine, question: str, config: LLMConfig, *,
                                 history: list[Turn] | None, on_token: TokenCallback | None,
                                 cancel: asyncio.Event | None, k: int,
                                 transport: httpx.AsyncBaseTransport | None,
                                 env: Mapping[str, str] | None) -> Answer:
    """``answer_with_llm_async`` (below), which masks the key in the tokens before they get here."""
    t0 = time.perf_counter()
    prep = await asyncio.to_thread(_prepare, engine, question, config, history, k)
    if prep.early is not None:
        return prep.early
    attempt = _Attempt(prep, question, config, history, on_token, env, t0)
    try:
        built = attempt.prompt()
        async with AsyncLLMClient(config, transport=transport, env=env) as client:
            try:
                result = await client.chat_with_retry(built.messages, on_token=attempt.received, cancel=cancel)
            except LLMError as e:
                if not _is_context_error(e):
                    raise
                built = attempt.smaller_prompt(built, e)
                result = await client.chat_with_retry(built.messages, on_token=attempt.received, cancel=cancel)
    except PromptError as e:
        return attempt.fallback(e)
    except LLMError as e:
        return attempt.failed(e, e.partial or attempt.received.text)
    return attempt.answer(built, result)


def answer_with_llm(engine: Engine, question: str, config: LLMConfig, *, history: list[Turn] | None = None,
                    on_token: TokenCallback | None = None, cancel: threading.Event | None = None,
                    k: int = 10, transport: httpx.BaseTransport | None = None,
                    env: Mapping[str, str] | None = None) -> Answer:
    """Answer with the model, every citation checked; falls back to the extractive answer.

    Raises only ``engine.QuestionError`` (a question that can't be searched). Ctrl-C during
    the model call stops the request and keeps what arrived, like ``cancel.set()``.
    Retries: a stream that closes before its first event is asked again without streaming
    (to learn the real error); a context-length error is retried once with a smaller prompt.
    ``on_token`` sees the streamed text with the API key masked.
    """
    tokens = RedactedTokens(config, env, on_token) if on_token else None
    try:
        return _answer_with_llm(engine, question, config, history=history, on_token=tokens, cancel=cancel,
                                k=k, transport=transport, env=env)
    finally:
        if tokens:
            tokens.flush()


async def answer_with_llm_async(engine: Engine, question: str, config: LLMConfig, *,
                                history: list[Turn] | None = None, on_token: TokenCallback | None = None,
                                cancel: asyncio.Event | None = None, k: int = 10,
                                transport: httpx.AsyncBaseTransport | None = None,
                                env: Mapping[str, str] | None = None) -> Answer:
    """``answer_with_llm`` for asyncio (the TUI).

    ``cancel.set()`` stops the request and returns the partial answer marked incomplete;
    cancelling the task itself aborts the request and propagates ``CancelledError``.
    """
    tokens = RedactedTokens(config, env, on_token) if on_token else None
    try:
        return await _answer_with_llm_async(engine, question, config, history=history, on_token=tokens,
                                            cancel=cancel, k=k, transport=transport, env=env)
    finally:
        if tokens:
            tokens.flush()
