"""The optional LLM answer: an OpenAI-compatible client and the answering built on it.

* ``endpoint`` — one endpoint's URLs, credentials, proxy policy and key redaction (also
  used by the embeddings client);
* ``protocol`` — errors, request/response mapping, SSE events, key redaction (no I/O);
* ``client`` — ``LLMClient`` (blocking) and ``AsyncLLMClient`` (asyncio) over that protocol;
* ``prompting`` — the chat messages from ``prompts/`` templates within a character budget;
* ``answering`` — retrieval → prompt → model → citation check (``assistant.verify``), with
  the retry on a smaller context and the fallback to the extractive answer.

Printing to a terminal is the CLI's business (``assistant.cli.ask``), not this package's.
"""

from .answering import answer_with_llm, answer_with_llm_async
from .client import AsyncLLMClient, LLMClient
from .endpoint import Endpoint, api_url, chat_url, display_url, server_message
from .protocol import ChatResult, LLMError, LLMErrorKind, Message

__all__ = [
    "AsyncLLMClient", "ChatResult", "Endpoint", "LLMClient", "LLMError", "LLMErrorKind", "Message",
    "answer_with_llm", "answer_with_llm_async", "api_url", "chat_url", "display_url", "server_message",
]
