"""The LLM path against a fake server on 127.0.0.1 that misbehaves the way a tester's did:
a model that stalls mid-answer, terminal escapes in the reply, a --base-url without --model."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import pytest
from fake_llm import fake_llm

from assistant.config import LLMConfig
from assistant.llm import AsyncLLMClient, LLMError, LLMErrorKind

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
          "这是编造的内容。[9]", "\x1b[2J清屏了吗", "\x1b[", "31m。", "红\x1b[3", "1m色", "剪\x1b]52;c;" + "QUJD" * 12,
          "RA==\x07贴板"]


def test_terminal_escapes_in_the_reply_are_removed_from_tokens_and_answer(engine: Any) -> None:
    from assistant.llm import answer_with_llm

    with fake_llm(MURPHY) as server:
        tokens: list[str] = []
        answer = answer_with_llm(engine, "什么是墨菲定律?", LLMConfig(base_url=server.base_url, model="fake-model"),
                                 on_token=tokens.append)
    streamed = "".join(tokens)
    for text in (streamed, answer.text):
        assert "\x1b" not in text and "[2J" not in text and "31m" not in text and "1m色" not in text
        assert "QUJD" not in text and "RA==" not in text
        assert "清屏了吗" in text and "红色" in text and "剪贴板" in text
    assert answer.mode == "llm:fake-model" and [c.n for c in answer.citations][:1] == [1]
    assert "[1]" in answer.text


def test_cli_ask_llm_prints_no_escape_remnants(capsys: pytest.CaptureFixture[str]) -> None:
    from cli_helpers import run

    with fake_llm(MURPHY) as server:
        code, out, _ = run(capsys, "ask", "--llm", "--base-url", server.base_url, "--model", "fake-model",
                           "什么是墨菲定律?")
    assert code == 0 and "清屏了吗" in out
    assert "\x1b" not in out and "[2J" not in out and "31m" not in out and "1m色" not in out and "QUJD" not in out


# ---- --base-url without --model -------------------------------------------------------------
@pytest.fixture()
def config_for_another_server(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = tmp_path / "config.toml"
    cfg.write_text('[llm]\nbase_url = "http://127.0.0.1:9/v1"\nmodel = "other-server-model"\n', encoding="utf-8")
    monkeypatch.setenv("ASSISTANT_CONFIG", str(cfg))


def test_cli_base_url_without_model_asks_the_server_not_the_config(config_for_another_server: None,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    from cli_helpers import run

    with fake_llm(["塔西佗陷阱。"]) as server:
        code, out, err = run(capsys, "ask", "--llm", "--base-url", server.base_url, "什么是塔西佗陷阱?")
        assert code == 0 and [r["model"] for r in server.requests] == ["fake-model"]
        assert "other-server-model" not in out + err


def test_the_config_model_still_applies_without_base_url_on_the_command_line(config_for_another_server: None) -> None:
    import argparse

    from assistant.config import load_config

    assert load_config(argparse.Namespace(llm_model=None, llm_base_url=None)).model == "other-server-model"
    given = load_config(argparse.Namespace(llm_base_url="http://127.0.0.1:1/v1", llm_model="m"))
    assert given.model == "m"


def test_tui_and_eval_base_url_without_model_leave_the_model_to_the_server(config_for_another_server: None,
                                                                           capsys: pytest.CaptureFixture[str],
                                                                           tmp_path: Any) -> None:
    from cli_helpers import run

    from assistant.cli import build_parser, tui_llm_config

    args = build_parser(["--base-url", "http://127.0.0.1:1/v1"]).parse_args(["--base-url", "http://127.0.0.1:1/v1"])
    config = tui_llm_config(args)
    assert config is not None and config.model == ""   # F8 resolves it from the server's list

    questions = tmp_path / "q.jsonl"
    questions.write_text('{"id": "q1", "question": "什么是塔西佗陷阱?", "gold": ["当公权力失去公信力时"], "type": "lookup"}\n', encoding="utf-8")
    with fake_llm(["塔西佗陷阱。"]) as server:
        code, out, err = run(capsys, "eval", str(questions), "--llm", "--base-url", server.base_url)
        assert code == 0, err
        assert server.requests and {r["model"] for r in server.requests} == {"fake-model"}


def test_a_misquote_makes_its_citation_unsupported_so_the_extractive_answer_follows(engine: Any) -> None:
    """README: a citation is supported only when every sentence citing it is; the tester's reply
    has a ✓ sentence and a misquote citing the same source, so the extractive answer follows."""
    from assistant.llm import answer_with_llm

    with fake_llm(MURPHY) as server:
        answer = answer_with_llm(engine, "什么是墨菲定律?", LLMConfig(base_url=server.base_url, model="fake-model"))
    assert [s.supported for s in answer.sentences if s.citations == [1]] == [True, False]
    assert answer.misquotes and not any(c.supported for c in answer.citations)
    assert answer.fallback is not None
    with fake_llm(MURPHY[:3] + ["。"]) as server:   # the ✓ sentence alone
        answer = answer_with_llm(engine, "什么是墨菲定律?", LLMConfig(base_url=server.base_url, model="fake-model"))
    assert answer.fallback is None and all(c.supported for c in answer.citations)


# ---- the embeddings endpoint down ---------------------------------------------------------------
def test_embeddings_endpoint_down_is_said_once_in_text_mode(tmp_path: Any, monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    from cli_helpers import run

    cfg = tmp_path / "config.toml"
    cfg.write_text('[embeddings]\nbase_url = "http://127.0.0.1:9/v1"\nmodel = "e5"\n', encoding="utf-8")
    monkeypatch.setenv("ASSISTANT_CONFIG", str(cfg))
    code, out, err = run(capsys, "ask", "什么是塔西佗陷阱?")
    assert code == 0 and "公信力" in out
    assert (out + err).count("127.0.0.1:9/v1/embeddings") == 1
    code, out, _ = run(capsys, "ask", "--json", "什么是塔西佗陷阱?")
    notes = json.loads(out)["notes"]
    assert any("127.0.0.1:9/v1/embeddings" in n for n in notes)   # --json keeps it in the answer


def test_a_server_error_message_keeps_no_escape_remnants() -> None:
    from assistant.llm.endpoint import server_message

    said = server_message(b'{"error": {"message": "bad \\u001b[2J\\u001b]52;c;aGVsbG8=\\u0007 request"}}')
    assert said == "bad request", said
