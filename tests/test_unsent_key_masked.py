"""A key the endpoint was never sent (OPENAI_API_KEY, withheld from an unconfigured address) is
masked in what a server's error message says, as a sent one is (a README-only tester's finding)."""

from __future__ import annotations

import pytest

from assistant.llm.endpoint import Endpoint


def test_a_withheld_key_echoed_by_a_server_is_masked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-withheld-123456")
    ep = Endpoint("http://127.0.0.1:9/v1/chat/completions", None, 5.0)
    assert "sk-withheld-123456" not in ep.redact("HTTP 401: bad key sk-withheld-123456")
    assert "***" in ep.redact("HTTP 401: bad key sk-withheld-123456")


def test_ordinary_words_are_not_masked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MY_TOKEN", "short")   # (too short to be taken for a secret)
    ep = Endpoint("http://127.0.0.1:9/v1/chat/completions", None, 5.0)
    assert ep.redact("a short message") == "a short message"
