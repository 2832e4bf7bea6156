"""The LLM client and the answer entry point under every failure the issue lists.

Fault cases a real server can't produce on demand use httpx.MockTransport, respx, or a
raw socket server on 127.0.0.1 that misbehaves at the TCP level (never answers, or closes
the connection in the middle of a stream), so httpx's own timeout and protocol errors are
the ones exercised. Nothing here reaches any address but 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
import respx

from assistant.config import LLMConfig
from assistant.llm import (
    AsyncLLMClient,
    LLMClient,
    LLMError,
    LLMErrorKind,
    answer_with_llm,
    answer_with_llm_async,
    chat_url,
    display_url,
)

KEY = "sk-test-SECRET-123"
BASE = "http://127.0.0.1:9"
URL = BASE + "/v1/chat/completions"
MESSAGES = [{"role": "system", "content": "s"}, {"role": "user", "content": "u"}]
VERBATIM = "古罗马历史学家塔西陀提出了这样一个理论,当公权力失去公信力时,无论发表什么言论、做什么事,社会都会给予负面评价。"


def config(**kw: Any) -> LLMConfig:
    base = dict(base_url=BASE, model="test-model", timeout=5.0)
    base.update(kw)
    return LLMConfig(**base)  # type: ignore[arg-type]


def completion(text: str | None, finish: str = "stop") -> dict[str, Any]:
    return {"id": "x", "object": "chat.completion", "model": "test-model",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": finish}]}


def sse(*pieces: str, done: bool = True, finish: str | None = "stop") -> bytes:
    events = [{"choices": [{"index": 0, "delta": {"role": "assistant"}, "finish_reason": None}]}]
    events += [{"choices": [{"index": 0, "delta": {"content": p}, "finish_reason": None}]} for p in pieces]
    if finish:
        events.append({"choices": [{"index": 0, "delta": {}, "finish_reason": finish}]})
    body = "".join(f"data: {json.dumps(e, ensure_ascii=False)}\n\n" for e in events)
    if done:
        body += "data: [DONE]\n\n"
    return body.encode()


def sse_response(body: bytes | Iterator[bytes], status: int = 200) -> httpx.Response:
    return httpx.Response(status, headers={"content-type": "text/event-stream"}, content=body)


class Recorder:
    """A MockTransport handler that answers from a list and keeps every request."""

    def __init__(self, *responses: httpx.Response | Callable[[httpx.Request], httpx.Response] | Exception) -> None:
        self.responses = list(responses)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        item = self.responses.pop(0) if len(self.responses) > 1 else self.responses[0]
        if isinstance(item, Exception):
            raise item
        if callable(item) and not isinstance(item, httpx.Response):
            return item(request)
        return item

    def bodies(self) -> list[dict[str, Any]]:
        return [json.loads(r.content) for r in self.requests]

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self)


def chat(handler: Recorder, cfg: LLMConfig | None = None, **kw: Any) -> Any:
    with LLMClient(cfg or config(), transport=handler.transport(), env={"OPENAI_API_KEY": KEY}) as c:
        return c.chat(MESSAGES, **kw)


def raises(handler: Recorder, cfg: LLMConfig | None = None, **kw: Any) -> LLMError:
    with pytest.raises(LLMError) as e:
        chat(handler, cfg, **kw)
    err = e.value
    assert "\n" not in str(err) and str(err).startswith("大模型接口 http://127.0.0.1")
    assert KEY not in str(err) and KEY not in repr(err)
    return err


# --- URLs -------------------------------------------------------------------------------

@pytest.mark.parametrize("base, url", [
    ("http://h:8080", "http://h:8080/v1/chat/completions"),
    ("http://h:8080/", "http://h:8080/v1/chat/completions"),
    ("http://h:8080/v1", "http://h:8080/v1/chat/completions"),
    ("http://h:8080/v1/", "http://h:8080/v1/chat/completions"),
    ("https://api.example.com/openai/v1", "https://api.example.com/openai/v1/chat/completions"),
    ("http://h/v1/chat/completions", "http://h/v1/chat/completions"),
])
def test_chat_url_with_or_without_v1(base: str, url: str) -> None:
    assert chat_url(base) == url


def test_display_url_hides_userinfo_and_query() -> None:
    shown = display_url("https://user:pw-SECRET@h.example/v1/chat/completions?api-key=SECRET2")
    assert "SECRET" not in shown and shown == "https://h.example/v1/chat/completions"


# --- success --------------------------------------------------------------------------

def test_non_streamed_reply_and_request_shape() -> None:
    h = Recorder(httpx.Response(200, json=completion("答案[1]。")))
    result = chat(h, config(stream=False, temperature=0.1, max_tokens=33))
    assert result.text == "答案[1]。" and result.finish_reason == "stop"
    req = h.requests[0]
    assert str(req.url) == URL
    assert req.headers["authorization"] == f"Bearer {KEY}"
    body = h.bodies()[0]
    assert body == {"model": "test-model", "messages": MESSAGES, "temperature": 0.1, "max_tokens": 33,
                    "stream": False}


def test_streamed_reply_calls_on_token_per_piece() -> None:
    h = Recorder(sse_response(sse("作风", "建设", "[1]。")))
    got: list[str] = []
    result = chat(h, on_token=got.append)
    assert got == ["作风", "建设", "[1]。"] and result.text == "作风建设[1]。"
    assert h.bodies()[0]["stream"] is True


def test_stream_with_finish_reason_but_no_done_marker_is_complete() -> None:
    result = chat(Recorder(sse_response(sse("好", done=False, finish="length"))))
    assert result.text == "好" and result.truncated


def test_server_ignoring_stream_flag_is_understood() -> None:
    got: list[str] = []
    result = chat(Recorder(httpx.Response(200, json=completion("整段回答"))), on_token=got.append)
    assert result.text == "整段回答" and got == ["整段回答"]


def test_no_key_no_authorization_header() -> None:
    h = Recorder(httpx.Response(200, json=completion("x")))
    with LLMClient(config(stream=False), transport=h.transport(), env={}) as c:
        c.chat(MESSAGES)
    assert "authorization" not in h.requests[0].headers


# --- failures ---------------------------------------------------------------------------

def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_connection_refused_real_socket() -> None:
    cfg = config(base_url=f"http://127.0.0.1:{closed_port()}/v1")
    with LLMClient(cfg, env={"OPENAI_API_KEY": KEY}) as c, pytest.raises(LLMError) as e:
        c.chat(MESSAGES)
    assert e.value.kind is LLMErrorKind.CONNECTION
    assert "连接被拒绝" in str(e.value) and f"http://127.0.0.1:{cfg.base_url.split(':')[2]}" in str(e.value)


def test_connection_error_from_transport() -> None:
    err = raises(Recorder(httpx.ConnectError("[Errno 111] Connection refused")))
    assert err.kind is LLMErrorKind.CONNECTION


class MisbehavingServer:
    """A TCP server on 127.0.0.1 that reads a request and then plays ``script``.

    Each step is bytes to send, a float to sleep, or None to close the socket abruptly.
    """

    def __init__(self, script: list[bytes | float | None]) -> None:
        self.script = script
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(4)
        self.port = self.sock.getsockname()[1]
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _serve(self) -> None:
        self.sock.settimeout(0.2)
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(2)
                try:
                    data = b""
                    while b"\r\n\r\n" not in data:
                        data += conn.recv(65536)
                    head, _, rest = data.partition(b"\r\n\r\n")
                    length = int(next((ln.split(b":")[1] for ln in head.split(b"\r\n")
                                       if ln.lower().startswith(b"content-length")), b"0"))
                    while len(rest) < length:
                        rest += conn.recv(65536)
                    for step in self.script:
                        if step is None:
                            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                            break
                        if isinstance(step, float):
                            if self.stop.wait(step):
                                break
                        else:
                            conn.sendall(step)
                except OSError:
                    pass

    def close(self) -> None:
        self.stop.set()
        self.sock.close()
        self.thread.join(timeout=5)


@pytest.fixture
def misbehaving() -> Iterator[Callable[[list[bytes | float | None]], MisbehavingServer]]:
    servers: list[MisbehavingServer] = []

    def start(script: list[bytes | float | None]) -> MisbehavingServer:
        servers.append(MisbehavingServer(script))
        return servers[-1]

    yield start
    for s in servers:
        s.close()


def chunk(data: bytes) -> bytes:
    return f"{len(data):x}\r\n".encode() + data + b"\r\n"


SSE_HEAD = (b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n"
            b"connection: close\r\n\r\n")


def test_timeout_on_a_server_that_never_answers(misbehaving: Any) -> None:
    server = misbehaving([5.0])
    t0 = time.monotonic()
    with LLMClient(config(base_url=server.base_url, timeout=0.4)) as c, pytest.raises(LLMError) as e:
        c.chat(MESSAGES)
    assert time.monotonic() - t0 < 3
    assert e.value.kind is LLMErrorKind.TIMEOUT and "0.4 秒" in str(e.value)


def test_timeout_mid_stream_keeps_partial_text(misbehaving: Any) -> None:
    server = misbehaving([SSE_HEAD, chunk(sse("前半句", done=False, finish=None)), 5.0])
    got: list[str] = []
    with LLMClient(config(base_url=server.base_url, timeout=0.5)) as c, pytest.raises(LLMError) as e:
        c.chat(MESSAGES, on_token=got.append)
    assert e.value.kind is LLMErrorKind.TIMEOUT and e.value.partial == "前半句" and got == ["前半句"]


def test_connection_dropped_mid_stream_is_a_cut_stream(misbehaving: Any) -> None:
    server = misbehaving([SSE_HEAD, chunk(sse("作风建设", "很重要", done=False, finish=None)), None])
    with LLMClient(config(base_url=server.base_url)) as c, pytest.raises(LLMError) as e:
        c.chat(MESSAGES)
    assert e.value.kind is LLMErrorKind.STREAM_CUT
    assert e.value.partial == "作风建设很重要" and not e.value.before_first_event


def test_stream_ending_without_done_is_cut() -> None:
    err = raises(Recorder(sse_response(sse("一半", done=False, finish=None))))
    assert err.kind is LLMErrorKind.STREAM_CUT and err.partial == "一半"


def test_stream_closing_before_any_event_is_flagged() -> None:
    err = raises(Recorder(sse_response(b"")))
    assert err.kind is LLMErrorKind.STREAM_CUT and err.before_first_event


def test_read_error_inside_stream_keeps_partial() -> None:
    def body() -> Iterator[bytes]:
        yield sse("已经", "收到", done=False, finish=None)
        raise httpx.ReadError("connection reset")

    err = raises(Recorder(lambda r: sse_response(body())))
    assert err.kind is LLMErrorKind.STREAM_CUT and err.partial == "已经收到"


@pytest.mark.parametrize("stream", [False, True])
def test_http_500_with_html_page(stream: bool) -> None:
    page = b"<html><body><h1>500 Internal Server Error</h1>\n<p>boom</p></body></html>"
    err = raises(Recorder(httpx.Response(500, content=page, headers={"content-type": "text/html"})),
                 config(stream=stream))
    assert err.kind is LLMErrorKind.HTTP and err.status == 500
    assert "HTTP 500" in str(err) and "500 Internal Server Error boom" in str(err)


def test_http_4xx_json_error_message_is_shown_trimmed() -> None:
    long = "The model `nope` does not exist or you do not have access to it. " * 10
    err = raises(Recorder(httpx.Response(404, json={"error": {"message": long, "type": "invalid_request_error"}})))
    assert err.kind is LLMErrorKind.HTTP and "HTTP 404" in str(err) and "does not exist" in str(err)
    assert len(str(err)) < 320 and "…" in str(err) and "模型名" in str(err)


def test_http_401_names_the_variable_not_the_key() -> None:
    body = {"error": {"message": f"Incorrect API key provided: {KEY}.", "code": "invalid_api_key"}}
    err = raises(Recorder(httpx.Response(401, json=body)))
    assert "OPENAI_API_KEY" in str(err) and "***" in str(err)


def test_fastapi_validation_detail() -> None:
    err = raises(Recorder(httpx.Response(422, json={"detail": [{"msg": "field required"}]})))
    assert "field required" in str(err)


def test_redirect_is_an_error_not_a_silent_get() -> None:
    err = raises(Recorder(httpx.Response(307, headers={"location": "http://127.0.0.1:9/elsewhere"})))
    assert err.kind is LLMErrorKind.HTTP and "重定向" in str(err)


@pytest.mark.parametrize("stream", [False, True])
def test_invalid_json_body(stream: bool) -> None:
    err = raises(Recorder(httpx.Response(200, content=b"<html>not json", headers={"content-type": "text/html"})),
                 config(stream=stream))
    assert err.kind is LLMErrorKind.INVALID_JSON


def test_json_without_choices() -> None:
    err = raises(Recorder(httpx.Response(200, json={"object": "list"})), config(stream=False))
    assert err.kind is LLMErrorKind.INVALID_JSON and "choices" in str(err)


def test_invalid_json_chunk_in_stream_keeps_partial() -> None:
    body = sse("好的", done=False, finish=None) + b"data: {broken\n\n"
    err = raises(Recorder(sse_response(body)))
    assert err.kind is LLMErrorKind.INVALID_JSON and err.partial == "好的"


def test_error_event_inside_stream() -> None:
    body = sse("开", done=False, finish=None) + b'data: {"error": {"message": "server overloaded"}}\n\n'
    err = raises(Recorder(sse_response(body)))
    assert "server overloaded" in str(err) and err.partial == "开"


@pytest.mark.parametrize("response", [
    httpx.Response(200, json=completion("")),
    httpx.Response(200, json=completion(None)),
    httpx.Response(200, json=completion("  \n ")),
])
def test_empty_reply(response: httpx.Response) -> None:
    err = raises(Recorder(response), config(stream=False))
    assert err.kind is LLMErrorKind.EMPTY and "空回答" in str(err)


def test_empty_streamed_reply() -> None:
    err = raises(Recorder(sse_response(sse())))
    assert err.kind is LLMErrorKind.EMPTY


@pytest.mark.parametrize("status, message", [
    (400, "This model's maximum context length is 2048 tokens. However, you requested 4277 tokens "
          "(4213 in the messages, 64 in the completion). Please reduce the length of the messages."),
    (400, "request (4476 tokens) exceeds the available context size (4096 tokens)"),
    (400, "the request exceeds the available n_ctx"),
    (413, "Input is too long"),
])
def test_context_length_errors(status: int, message: str) -> None:
    err = raises(Recorder(httpx.Response(status, json={"error": {"message": message}})))
    assert err.kind is LLMErrorKind.CONTEXT_TOO_LONG and "上下文过长" in str(err)


def test_other_400_is_plain_http_error() -> None:
    err = raises(Recorder(httpx.Response(400, json={"error": {"message": "temperature must be <= 2"}})))
    assert err.kind is LLMErrorKind.HTTP


def test_cancel_event_stops_stream_and_keeps_partial() -> None:
    cancel = threading.Event()

    def on_token(t: str) -> None:
        if t == "二":
            cancel.set()

    err = raises(Recorder(sse_response(sse("一", "二", "三", "四"))), on_token=on_token, cancel=cancel)
    assert err.kind is LLMErrorKind.CANCELLED and err.partial == "一二"


def test_userinfo_in_base_url_goes_to_basic_auth_not_messages() -> None:
    h = Recorder(httpx.Response(500, text="fail"))
    cfg = config(base_url="http://bob:pw-SECRET-9@127.0.0.1:9/v1")
    with LLMClient(cfg, transport=h.transport(), env={}) as c, pytest.raises(LLMError) as e:
        c.chat(MESSAGES)
    assert "pw-SECRET-9" not in str(e.value) and "bob" not in str(e.value)
    assert h.requests[0].headers["authorization"].startswith("Basic ")
    assert "pw-SECRET-9" not in str(h.requests[0].url)


# --- async ------------------------------------------------------------------------------

def test_async_stream_and_errors() -> None:
    async def run() -> None:
        got: list[str] = []
        h = Recorder(sse_response(sse("异", "步")))
        async with AsyncLLMClient(config(), transport=h.transport(), env={}) as c:
            result = await c.chat(MESSAGES, on_token=got.append)
        assert result.text == "异步" and got == ["异", "步"]

        h = Recorder(sse_response(sse("半", done=False, finish=None)))
        async with AsyncLLMClient(config(), transport=h.transport(), env={}) as c:
            with pytest.raises(LLMError) as e:
                await c.chat(MESSAGES)
        assert e.value.kind is LLMErrorKind.STREAM_CUT and e.value.partial == "半"

        h = Recorder(httpx.Response(503, text="busy"))
        async with AsyncLLMClient(config(), transport=h.transport(), env={}) as c:
            with pytest.raises(LLMError) as e:
                await c.chat(MESSAGES)
        assert e.value.kind is LLMErrorKind.HTTP and "busy" in str(e.value)

    asyncio.run(run())


def test_async_task_cancellation_aborts_request(misbehaving: Any) -> None:
    server = misbehaving([SSE_HEAD, chunk(sse("开始", done=False, finish=None)), 10.0])

    async def run() -> None:
        got: list[str] = []
        started = asyncio.Event()

        def on_token(t: str) -> None:
            got.append(t)
            started.set()

        async with AsyncLLMClient(config(base_url=server.base_url, timeout=30)) as c:
            task = asyncio.create_task(c.chat(MESSAGES, on_token=on_token))
            await asyncio.wait_for(started.wait(), 5)
            task.cancel()
            t0 = time.monotonic()
            with pytest.raises(asyncio.CancelledError):
                await task
            assert time.monotonic() - t0 < 2
        assert got == ["开始"]

    asyncio.run(run())


# --- the entry point: retrieval → model → check, with fallbacks --------------------------

QUESTION = "什么是塔西佗陷阱?"


def test_answer_with_llm_checks_citations(engine: Any) -> None:
    reply = f"塔西佗陷阱是说{VERBATIM}[1]这句话来自“美国总统”[1]。月球上有很多干部[7]。"
    h = Recorder(sse_response(sse(reply)))
    got: list[str] = []
    a = answer_with_llm(engine, QUESTION, config(), on_token=got.append, transport=h.transport(), env={})
    assert "".join(got) == reply
    assert a.mode == "llm:test-model" and not a.incomplete and not a.abstained
    assert "[7]" not in a.text and a.removed_markers == [7]
    assert a.misquotes == ["美国总统"]
    first, second, third = a.sentences
    assert first.supported is True and first.citations == [1]
    assert second.supported is False           # carries a misquote
    assert third.supported is False and third.citations == []
    assert [c.n for c in a.citations] == [1] and a.citations[0].unit.id == "2.21"
    assert a.citations[0].supported is False   # one of the sentences citing it is not supported
    assert any("[7]" in n for n in a.notes) and any("美国总统" in n for n in a.notes)
    j = a.to_json()
    assert j["mode"] == "llm:test-model" and j["citations"][0]["supported"] is False
    assert j["unsupported_sentences"] == [second.text, third.text]
    # the prompt went out with the paragraph fenced as source 1
    user = h.bodies()[0]["messages"][1]["content"]
    assert "<<<资料 1>>>" in user and "编号:2.21" in user and "<<<资料 1 结束>>>" in user


def test_answer_falls_back_to_extractive_on_500(engine: Any) -> None:
    h = Recorder(httpx.Response(500, json={"error": {"message": "model crashed"}}))
    a = answer_with_llm(engine, QUESTION, config(), transport=h.transport(), env={})
    extractive = engine.ask(QUESTION)
    assert a.mode == "extractive" and a.text == extractive.text
    assert len(a.notes) >= 1 and "model crashed" in a.notes[-1] and "抽取式" in a.notes[-1]
    assert "\n" not in a.notes[-1]


def test_cut_stream_keeps_partial_answer_marked_incomplete(engine: Any) -> None:
    def body() -> Iterator[bytes]:
        yield sse(VERBATIM[:30], "[1]", done=False, finish=None)
        raise httpx.RemoteProtocolError("peer closed connection")

    a = answer_with_llm(engine, QUESTION, config(), transport=Recorder(lambda r: sse_response(body())).transport(),
                        env={})
    assert a.mode == "llm:test-model" and a.incomplete
    assert a.text.startswith(VERBATIM[:30])
    assert any("中途断开" in n for n in a.notes)
    assert a.to_json()["incomplete"] is True


def test_truncated_at_max_tokens_is_incomplete(engine: Any) -> None:
    h = Recorder(sse_response(sse(VERBATIM + "[1]", finish="length")))
    a = answer_with_llm(engine, QUESTION, config(), transport=h.transport(), env={})
    assert a.incomplete and any("max_tokens" in n for n in a.notes)


def test_context_too_long_retries_once_with_smaller_prompt(engine: Any) -> None:
    ctx = httpx.Response(400, json={"error": {"message": "This model's maximum context length is 2048 tokens. "
                                                         "However, you requested 9000 tokens (8900 in the messages,"
                                                         " 100 in the completion).",
                                              "code": "context_length_exceeded"}})
    h = Recorder(ctx, sse_response(sse(VERBATIM + "[1]")))
    a = answer_with_llm(engine, "干部作风存在哪些问题?", config(context_budget=6000), transport=h.transport(), env={})
    assert len(h.requests) == 2
    first, second = (sum(len(m["content"]) for m in b["messages"]) for b in h.bodies())
    assert second <= 3000 and second < first
    assert a.mode == "llm:test-model"
    assert any("上下文过长" in n and "重试" in n for n in a.notes)


def test_context_too_long_twice_falls_back(engine: Any) -> None:
    ctx = httpx.Response(400, json={"error": {"message": "context length exceeded"}})
    h = Recorder(ctx)
    a = answer_with_llm(engine, QUESTION, config(), transport=h.transport(), env={})
    assert len(h.requests) == 2 and a.mode == "extractive" and "上下文过长" in a.notes[-1]


def test_empty_stream_is_retried_without_streaming(engine: Any) -> None:
    # llama-cpp-python closes a stream without a word when the prompt overflows; asking again
    # without streaming gets the real error, and the context retry follows.
    ctx = httpx.Response(400, json={"error": {"message": "maximum context length is 2048 tokens"}})
    h = Recorder(sse_response(b""), ctx, sse_response(sse(VERBATIM + "[1]")))
    a = answer_with_llm(engine, QUESTION, config(), transport=h.transport(), env={})
    assert [b["stream"] for b in h.bodies()] == [True, False, True]
    assert a.mode == "llm:test-model" and a.sentences[0].supported is True


def test_empty_reply_falls_back(engine: Any) -> None:
    h = Recorder(httpx.Response(200, json=completion("")))
    a = answer_with_llm(engine, QUESTION, config(stream=False), transport=h.transport(), env={})
    assert a.mode == "extractive" and "空回答" in a.notes[-1]


def test_not_configured_answers_extractively_with_hint(engine: Any) -> None:
    a = answer_with_llm(engine, QUESTION, LLMConfig(), env={})
    assert a.mode == "extractive" and any("未配置" in n for n in a.notes)


def test_unanswerable_question_does_not_call_the_model(engine: Any) -> None:
    h = Recorder(httpx.Response(200, json=completion("编造的回答")))
    a = answer_with_llm(engine, "火星探测器的推进剂是什么?", config(), transport=h.transport(), env={})
    assert a.abstained and a.mode == "extractive" and h.requests == []


def test_ctrl_c_during_stream_keeps_what_arrived(engine: Any) -> None:
    def on_token(t: str) -> None:
        if t == "STOP":
            raise KeyboardInterrupt

    h = Recorder(sse_response(sse(VERBATIM, "[1]", "STOP", "后面的")))
    a = answer_with_llm(engine, QUESTION, config(), on_token=on_token, transport=h.transport(), env={})
    assert a.incomplete and "后面的" not in a.text and a.text.startswith(VERBATIM)
    assert any("中断" in n for n in a.notes)


def test_async_entry_point(engine: Any) -> None:
    async def run() -> None:
        h = Recorder(sse_response(sse(VERBATIM, "[1]")))
        got: list[str] = []
        a = await answer_with_llm_async(engine, QUESTION, config(), on_token=got.append,
                                        transport=h.transport(), env={})
        assert a.mode == "llm:test-model" and a.sentences[0].supported is True and got

        cancel = asyncio.Event()

        def stop_after_first(t: str) -> None:
            cancel.set()

        h = Recorder(sse_response(sse("第一段", "第二段", "第三段")))
        a = await answer_with_llm_async(engine, QUESTION, config(), on_token=stop_after_first, cancel=cancel,
                                        transport=h.transport(), env={})
        assert a.incomplete and a.text == "第一段" and any("取消" in n for n in a.notes)

        h = Recorder(httpx.Response(502, text="bad gateway"))
        a = await answer_with_llm_async(engine, QUESTION, config(), transport=h.transport(), env={})
        assert a.mode == "extractive" and "502" in a.notes[-1]

    asyncio.run(run())


# --- secrets ----------------------------------------------------------------------------

def test_key_never_leaks(engine: Any, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    caplog.set_level(logging.DEBUG)   # httpx and httpcore log every request at DEBUG
    seen: list[str] = []
    scenarios = [
        httpx.Response(401, json={"error": {"message": f"Incorrect API key provided: {KEY}"}}),
        httpx.Response(500, text=f"internal error while checking {KEY}"),
        httpx.ConnectError("refused"),
        httpx.ReadTimeout("slow"),
        httpx.Response(200, content=KEY.encode()),
        lambda r: sse_response(sse(f"回答 {KEY}", done=False, finish=None)),
        sse_response(sse(VERBATIM + "[1]")),
    ]
    for scenario in scenarios:
        h = Recorder(scenario)
        a = answer_with_llm(engine, QUESTION, config(), transport=h.transport())
        assert h.requests[0].headers["authorization"] == f"Bearer {KEY}"   # it was sent...
        seen += a.notes + [json.dumps(a.to_json(), ensure_ascii=False), repr(a)]
    with LLMClient(config()) as c:
        seen.append(repr(c.__dict__))
    seen += [repr(config()), caplog.text]
    for text in seen:
        assert KEY not in text   # ...and never shown
    assert caplog.text   # the logs were actually captured


# --- the CLI ----------------------------------------------------------------------------

@pytest.fixture
def router() -> Iterator[respx.MockRouter]:
    """respx intercepts every httpx client, including the one the CLI builds itself."""
    with respx.mock(assert_all_mocked=True, assert_all_called=True) as r:
        yield r


def run_cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    from assistant.cli import main

    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_ask_llm_streams_and_prints_verdicts(router: respx.MockRouter,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    reply = f"{VERBATIM}[1]月球上有很多干部。"
    route = router.post(URL).mock(return_value=sse_response(sse(reply)))
    code, out, err = run_cli(["ask", "--llm", "--base-url", BASE, "--model", "test-model", QUESTION], capsys)
    assert code == 0 and route.called
    assert reply in out
    assert f"✓ [1] {VERBATIM}" in out and "✗ 无引用 月球上有很多干部。" in out
    assert "引用核对" in out and "2.21" in out


def test_cli_ask_llm_json_has_verdicts_and_no_key(router: respx.MockRouter, capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    router.post(URL).mock(return_value=sse_response(sse(f"{VERBATIM}[1][99]")))
    code, out, err = run_cli(["ask", "--llm", "--json", "--base-url", BASE, "--model", "m", QUESTION], capsys)
    data = json.loads(out)
    assert data["mode"] == "llm:m" and data["removed_markers"] == [99]
    assert data["citations"][0]["supported"] is True and data["unsupported_sentences"] == []
    assert KEY not in out and KEY not in err


def test_cli_ask_llm_failure_shows_error_and_extractive(router: respx.MockRouter,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    router.post(URL).mock(side_effect=httpx.ConnectError("[Errno 111] Connection refused"))
    code, out, err = run_cli(["ask", "--llm", "--base-url", BASE, "--model", "m", QUESTION], capsys)
    assert code == 0 and "连接被拒绝" in out and "塔西佗" in out and "Traceback" not in out + err


def test_cli_ask_llm_without_endpoint_prints_hint(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(["ask", "--llm", QUESTION], capsys)
    assert code == 0 and "未配置大模型接口" in err and "OPENAI_BASE_URL" in err
    assert "塔西佗" in out


def test_cli_markup_and_escape_sequences_in_reply_are_inert(router: respx.MockRouter,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    reply = f"[bold red]假[/bold red]\x1b[2J{VERBATIM}[1]"
    router.post(URL).mock(return_value=sse_response(sse(reply)))
    code, out, err = run_cli(["ask", "--llm", "--base-url", BASE, "--model", "m", QUESTION], capsys)
    assert "[bold red]假[/bold red]" in out and "\x1b[2J" not in out


# --- a weak model: no supported citation → the extractive answer below it ------------------

def test_unsupported_llm_answer_carries_the_extractive_answer(engine: Any) -> None:
    from assistant.conversation import answer_from_json, answer_to_json
    from assistant.results import FALLBACK_LABEL

    h = Recorder(sse_response(sse("月球上有很多干部[1]。塔西佗陷阱就是宇宙的尽头[1]。")))
    a = answer_with_llm(engine, QUESTION, config(), transport=h.transport(), env={})
    extractive = engine.ask(QUESTION)
    assert a.mode == "llm:test-model" and [c.supported for c in a.citations] == [False]
    fb = a.fallback
    assert fb is not None and fb.mode == "extractive"
    # numbered after the model's [1], so one list of sources serves both
    assert [c.n for c in fb.citations] == [c.n + 1 for c in extractive.citations]
    assert fb.text == extractive.text.replace("[1]", "[2]") and "[2]" in fb.text
    assert [c.n for c in a.all_citations] == [1] + [c.n for c in fb.citations]
    j = a.to_json()
    assert j["fallback"]["label"] == FALLBACK_LABEL and j["fallback"]["answer"] == fb.text
    assert j["fallback"]["citations"][0]["id"] == "2.21" and j["fallback"]["citations"][0]["n"] == 2
    # the model's own fields are as before
    assert j["answer"] == a.text and [c["n"] for c in j["citations"]] == [1] and j["mode"] == "llm:test-model"
    # saved conversations keep it
    saved = answer_from_json(answer_to_json(a)).fallback
    assert saved is not None and saved.text == fb.text and saved.citations == fb.citations


def test_llm_answer_with_a_supported_citation_has_no_fallback(engine: Any) -> None:
    h = Recorder(sse_response(sse(f"{VERBATIM}[1]月球上有很多干部。")))
    a = answer_with_llm(engine, QUESTION, config(), transport=h.transport(), env={})
    assert a.citations[0].supported is True and a.fallback is None
    assert "fallback" not in a.to_json()


def test_uncited_llm_answer_carries_the_extractive_answer(engine: Any) -> None:
    h = Recorder(sse_response(sse("这是一个很好的问题,需要综合来看。")))
    a = answer_with_llm(engine, QUESTION, config(), transport=h.transport(), env={})
    assert a.citations == [] and a.fallback is not None
    assert a.fallback.text == engine.ask(QUESTION).text   # nothing to number after


def test_cli_ask_llm_unsupported_answer_prints_the_speeches_below(router: respx.MockRouter,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    from assistant.results import FALLBACK_LABEL

    router.post(URL).mock(return_value=sse_response(sse("月球上有很多干部[1]。")))
    code, out, err = run_cli(["ask", "--llm", "--base-url", BASE, "--model", "m", QUESTION], capsys)
    assert code == 0 and FALLBACK_LABEL in out
    below = out[out.index(FALLBACK_LABEL):]
    assert "要警惕塔西佗陷阱" in below and "[2]" in below
    assert "[2] " in out and "2.21" in out   # the fallback's source is listed


def test_cli_ask_llm_json_fallback_field(router: respx.MockRouter, capsys: pytest.CaptureFixture[str]) -> None:
    from assistant.results import FALLBACK_LABEL

    router.post(URL).mock(return_value=sse_response(sse("月球上有很多干部[1]。")))
    code, out, err = run_cli(["ask", "--llm", "--json", "--base-url", BASE, "--model", "m", QUESTION], capsys)
    data = json.loads(out)
    assert data["answer"] == "月球上有很多干部[1]。" and data["citations"][0]["supported"] is False
    assert data["fallback"]["label"] == FALLBACK_LABEL and "塔西佗" in data["fallback"]["answer"]
    assert {"question", "answer", "abstained", "mode", "citations", "hits"} <= set(data)


def test_a_refused_connection_reads_alike_from_the_blocking_and_the_asyncio_client() -> None:
    """The TUI asks through the asyncio client, whose refusal reads "All connection attempts
    failed"; F8 said 网络错误 where ``ask --llm`` said 连接被拒绝 for the same down endpoint."""
    import asyncio

    from assistant.llm import AsyncLLMClient

    cfg = config(base_url=f"http://localhost:{closed_port()}/v1")
    with LLMClient(cfg, env={}) as c, pytest.raises(LLMError) as blocking:
        c.chat(MESSAGES)

    async def chat() -> None:
        async with AsyncLLMClient(cfg, env={}) as c:
            await c.chat(MESSAGES)

    with pytest.raises(LLMError) as asyncio_error:
        asyncio.run(chat())
    assert str(asyncio_error.value) == str(blocking.value)
    assert "连接被拒绝" in str(blocking.value)
