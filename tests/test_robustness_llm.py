"""A model endpoint that will not stop, or says too much (issue 15, items 6, 7 and 15).

Servers on 127.0.0.1 (``MisbehavingServer`` from test_llm_client) and MockTransport bodies
generated lazily, so the tests see how much the client read before it gave up. Timeouts are
fractions of a second, so the module stays fast.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from assistant.config import load_config
from assistant.llm import LLMClient, LLMError, LLMErrorKind, answer_with_llm
from assistant.llm.protocol import MAX_SSE_LINE_BYTES
from cli_helpers import run
from test_llm_client import (  # noqa: F401 (misbehaving is a fixture)
    KEY,
    MESSAGES,
    QUESTION,
    SSE_HEAD,
    VERBATIM,
    Recorder,
    chunk,
    completion,
    config,
    misbehaving,
    raises,
    sse,
    sse_response,
)

PIECE = 64 * 1024


def event(text: str) -> bytes:
    return f"data: {json.dumps({'choices': [{'index': 0, 'delta': {'content': text}}]}, ensure_ascii=False)}\n\n".encode()


# ---- item 7: time ---------------------------------------------------------------------------
def test_keep_alive_comments_count_toward_the_timeout(misbehaving: Any) -> None:
    # Before: each comment reset the read timeout, and the non-streamed retry doubled the run.
    server = misbehaving([SSE_HEAD] + [chunk(b": keep-alive\n\n"), 0.1] * 100)
    t0 = time.monotonic()
    with LLMClient(config(base_url=server.base_url, timeout=0.5)) as c, pytest.raises(LLMError) as e:
        c.chat_with_retry(MESSAGES)
    assert time.monotonic() - t0 < 3
    assert e.value.kind is LLMErrorKind.TIMEOUT and "保活" in str(e.value)


def test_overall_deadline_stops_a_trickling_server_and_keeps_the_text(misbehaving: Any) -> None:
    server = misbehaving([SSE_HEAD] + [chunk(event("字")), 0.1] * 100)   # a token every 0.1 s, for 10 s
    got: list[str] = []
    t0 = time.monotonic()
    with LLMClient(config(base_url=server.base_url, timeout=0.5, deadline=1.0)) as c, pytest.raises(LLMError) as e:
        c.chat_with_retry(MESSAGES, on_token=got.append)
    assert time.monotonic() - t0 < 2.5
    assert e.value.kind is LLMErrorKind.TIMEOUT and "总时限 1 秒" in str(e.value)
    assert e.value.partial and set(e.value.partial) == {"字"} and "".join(got) == e.value.partial


def test_deadline_default_and_setting() -> None:
    assert config(timeout=5.0).overall_deadline == 300 and config(timeout=120.0).overall_deadline == 600
    assert load_config(env={}, path=Path("/nonexistent.toml"), deadline=30.0).overall_deadline == 30


# ---- item 7: size ---------------------------------------------------------------------------
def test_reply_capped_at_16_times_max_tokens() -> None:
    sent: list[int] = []

    def body() -> Iterator[bytes]:
        for i in range(100_000):
            sent.append(i)
            yield event("一二三四五六七八九十")

    err = raises(Recorder(sse_response(body())), config(max_tokens=8))
    assert err.kind is LLMErrorKind.TOO_LARGE and "128 字" in str(err)
    assert err.partial == ("一二三四五六七八九十" * 13)[:128] and len(sent) < 20


def test_a_20_mb_sse_line_is_refused_without_buffering_it() -> None:
    sent: list[int] = []

    def body() -> Iterator[bytes]:
        yield event("开头")
        yield b'data: {"choices": [{"delta": {"content": "'
        for i in range(320):   # 20 MB, no line end
            sent.append(i)
            yield b"x" * PIECE

    err = raises(Recorder(sse_response(body())))
    assert err.kind is LLMErrorKind.TOO_LARGE and "1 MB" in str(err) and err.partial == "开头"
    assert len(sent) <= MAX_SSE_LINE_BYTES // PIECE + 1


def test_an_endless_json_body_is_refused() -> None:
    sent: list[int] = []

    def body() -> Iterator[bytes]:
        yield b'{"choices": [{"message": {"content": "'
        for i in range(1000):
            sent.append(i)
            yield "字".encode() * (PIECE // 3)

    h = Recorder(httpx.Response(200, headers={"content-type": "application/json"}, content=body()))
    err = raises(h, stream=False)
    assert err.kind is LLMErrorKind.TOO_LARGE and len(sent) < 40


def test_a_whole_reply_over_the_cap_keeps_its_beginning() -> None:
    err = raises(Recorder(httpx.Response(200, json=completion("长" * 1000))), config(max_tokens=4), stream=False)
    assert err.kind is LLMErrorKind.TOO_LARGE and err.partial == "长" * 64


def test_answer_keeps_the_capped_text_with_a_note(engine: Any) -> None:
    reply = f"{VERBATIM}[1]" + "重复的话。" * 2000
    h = Recorder(sse_response(sse(*[reply[i:i + 20] for i in range(0, len(reply), 20)])))
    a = answer_with_llm(engine, QUESTION, config(max_tokens=64), transport=h.transport(), env={})
    assert a.mode == "llm:test-model" and a.incomplete and a.text.startswith(VERBATIM)
    assert len(a.text) <= 16 * 64 and any("1024 字" in n for n in a.notes)


# ---- item 6: what a server says is printed inert and short -------------------------------------
ESCAPES = "\x1b[2J\x1b]52;c;SGVsbG8=\x07\x1b]8;;http://evil.example\x1b\\点这里\x1b]8;;\x1b\\\x9b31m"


@pytest.mark.parametrize("stream", [True, False])
def test_error_body_is_printed_without_control_characters_and_cut(stream: bool) -> None:
    sent: list[int] = []

    def body() -> Iterator[bytes]:   # a plain-text error page that never ends
        yield (ESCAPES + "服务器出错").encode()
        for i in range(200):   # 12 MB
            sent.append(i)
            yield b"A" * PIECE

    for response in (httpx.Response(500, content=body()),
                     httpx.Response(400, json={"error": {"message": ESCAPES + "请求无效" + "B" * 5000}})):
        text = str(raises(Recorder(response), stream=stream))
        assert not any(ch in text for ch in "\x1b\x07\x9b") and ("服务器出错" in text or "请求无效" in text)
        assert len(text) < 400
    assert len(sent) <= 2


def test_misquote_note_is_inert_and_short(engine: Any) -> None:
    quote = ESCAPES + "编造" * 200
    reply = f"讲话说“{quote}”[1]。{VERBATIM}[1]"
    h = Recorder(sse_response(sse(reply)))
    a = answer_with_llm(engine, QUESTION, config(), transport=h.transport(), env={})
    note = next(n for n in a.notes if "引文" in n)
    assert a.misquotes and not any(ch in note for ch in "\x1b\x07\x9b")
    assert len(note) < 200 and note.rstrip("”").endswith("…")


# ---- item 15: the key goes only where it is meant to --------------------------------------------
def _headers_sent(cfg: Any, env: dict[str, str]) -> httpx.Headers:
    h = Recorder(httpx.Response(200, json=completion("好")))
    with LLMClient(cfg, transport=h.transport(), env=env) as c:
        c.chat(MESSAGES, stream=False)
    return h.requests[0].headers


@pytest.mark.parametrize("where, sent", [
    ({"base_url": "http://127.0.0.1:8080/v1"}, False),                      # a keyless local server
    ({"base_url": "https://llm.example.org/v1"}, False),                    # any URL from flags or file
    ({"base_url": "https://api.openai.com/v1"}, True),                      # OpenAI's own
    ({"base_url": "http://127.0.0.1:8080/v1", "api_key_env": "OPENAI_API_KEY"}, True),   # named for it
    ({"env_url": "https://llm.example.org/v1"}, True),                      # OPENAI_BASE_URL travels with it
])
def test_openai_api_key_only_goes_to_its_endpoint(tmp_path: Path, where: dict[str, str], sent: bool) -> None:
    env = {"OPENAI_API_KEY": KEY}
    overrides = {k: v for k, v in where.items() if k != "env_url"}
    if "env_url" in where:
        env["OPENAI_BASE_URL"] = where["env_url"]
    cfg = load_config(env=env, path=tmp_path / "none.toml", model="m", **overrides)
    headers = _headers_sent(cfg, env)
    assert (headers.get("authorization") == f"Bearer {KEY}") is sent
    if not sent:
        assert "authorization" not in headers


def test_file_key_is_still_sent_to_the_files_endpoint(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(f'[llm]\nbase_url = "http://127.0.0.1:8080/v1"\nmodel = "m"\napi_key = "{KEY}"\n', encoding="utf-8")
    os.chmod(path, 0o600)
    cfg = load_config(env={}, path=path)
    assert _headers_sent(cfg, {})["authorization"] == f"Bearer {KEY}" and cfg.notices == ()


def test_config_file_with_a_key_readable_by_others_is_warned_about(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "config.toml"
    path.write_text(f'[llm]\napi_key = "{KEY}"\n', encoding="utf-8")
    for mode in (0o644, 0o640):
        os.chmod(path, mode)
        notices = load_config(env={}, path=path).notices
        assert len(notices) == 1 and str(path) in notices[0] and "chmod 600" in notices[0] and KEY not in notices[0]
    path.write_text('[llm]\nmodel = "m"\n', encoding="utf-8")   # no key: nothing to protect
    assert load_config(env={}, path=path).notices == ()
    path.write_text(f'[llm]\napi_key = "{KEY}"\n', encoding="utf-8")
    monkeypatch.setenv("ASSISTANT_CONFIG", str(path))
    monkeypatch.setenv("ASSISTANT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("COLUMNS", "400")
    code, out, err = run(capsys, "ask", "--llm", "--lexical", QUESTION)
    assert code == 0 and "chmod 600" in err and KEY not in out + err
