"""The API key never appears anywhere (issue 7): stdout, stderr, `--json`, eval reports,
saved conversations and exports, logs — even when the server echoes it back, refuses the
connection, or the key sits in the config file or the URL.

Every test sets a unique fake key and greps every artefact it produced for it.
"""

from __future__ import annotations

import itertools
import json
import logging
import os
import socket
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import respx

from assistant.config import LLMConfig
from cli_helpers import run

ROOT = Path(__file__).resolve().parent.parent
KEY = f"sk-fake-{uuid.uuid4().hex}"
QUESTION = "什么是塔西佗陷阱?"
VERBATIM = "古罗马历史学家塔西陀提出了这样一个理论,当公权力失去公信力时,无论发表什么言论、做什么事,社会都会给予负面评价。"
BASE = "http://127.0.0.1:9/v1"
URL = "http://127.0.0.1:9/v1/chat/completions"


@pytest.fixture(autouse=True)
def secret_env(monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    monkeypatch.setenv("COLUMNS", "400")
    caplog.set_level(logging.DEBUG)     # httpx and httpcore log every request at DEBUG
    yield
    assert KEY not in caplog.text       # ...in no test of this module


def refused_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])   # closed again: nothing listens there




def assert_clean(*texts: str) -> None:
    for text in texts:
        assert KEY not in text
        assert KEY[8:] not in text      # not even the random part alone


def completion(text: str) -> httpx.Response:
    return httpx.Response(200, json={"choices": [{"index": 0, "finish_reason": "stop",
                                                  "message": {"role": "assistant", "content": text}}]})


def sse(text: str) -> httpx.Response:
    events = [{"choices": [{"index": 0, "delta": {"content": text}, "finish_reason": None}]},
              {"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}]
    body = "".join(f"data: {json.dumps(e, ensure_ascii=False)}\n\n" for e in events) + "data: [DONE]\n\n"
    return httpx.Response(200, headers={"content-type": "text/event-stream"}, content=body.encode())


# Servers that misbehave with the key: echo it in the reply, in an error, in a stream.
ECHOES = {
    "reply": lambda: completion(f"{VERBATIM}[1] 您的密钥是 {KEY}。"),
    "stream": lambda: sse(f"{VERBATIM}[1] Authorization: Bearer {KEY}"),
    "401": lambda: httpx.Response(401, json={"error": {"message": f"Incorrect API key provided: {KEY}"}}),
    "500-html": lambda: httpx.Response(500, text=f"<html><body>Internal error, key={KEY}</body></html>"),
    "error-in-200": lambda: httpx.Response(200, json={"error": {"message": f"bad key {KEY}"}}),
}


@pytest.mark.parametrize("echo", sorted(ECHOES))
@pytest.mark.parametrize("json_flag", [False, True])
def test_ask_llm_against_a_server_that_echoes_the_key(capsys: pytest.CaptureFixture[str], echo: str,
                                                      json_flag: bool) -> None:
    with respx.mock(assert_all_mocked=True) as router:
        route = router.post(URL).mock(side_effect=lambda request: ECHOES[echo]())
        # --api-key-env: OPENAI_API_KEY goes to a URL given on the command line only when named.
        code, out, err = run(capsys, "ask", "--llm", *(["--json"] if json_flag else []),
                             "--base-url", BASE, "--model", "m", "--api-key-env", "OPENAI_API_KEY", QUESTION)
    assert route.called
    assert route.calls[0].request.headers["authorization"] == f"Bearer {KEY}"   # it was sent...
    assert code == 0 and "Traceback" not in out + err
    assert_clean(out, err)                                                     # ...and never shown
    if json_flag:
        json.loads(out)


def test_ask_llm_against_a_refused_port(capsys: pytest.CaptureFixture[str]) -> None:
    base = f"http://127.0.0.1:{refused_port()}/v1"
    for extra in ([], ["--json"]):
        code, out, err = run(capsys, "ask", "--llm", *extra, "--base-url", base, "--model", "m", QUESTION)
        assert code == 0 and "连接被拒绝" in out + err
        assert_clean(out, err)


@pytest.mark.parametrize("where", ["userinfo", "query"])
def test_key_inside_the_url_is_never_shown(capsys: pytest.CaptureFixture[str], where: str) -> None:
    port = refused_port()
    base = (f"http://user:{KEY}@127.0.0.1:{port}/v1" if where == "userinfo"
            else f"http://127.0.0.1:{port}/v1?api_key={KEY}")
    for extra in ([], ["--json"]):
        code, out, err = run(capsys, "ask", "--llm", *extra, "--base-url", base, "--model", "m", QUESTION)
        assert code == 0 and "127.0.0.1" in out + err
        assert_clean(out, err)


def test_key_in_the_config_file(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY")
    config = tmp_path / "config.toml"
    monkeypatch.setenv("ASSISTANT_CONFIG", str(config))
    bodies = [
        f'[llm]\nbase_url = "http://127.0.0.1:{refused_port()}/v1"\nmodel = "m"\napi_key = "{KEY}"\n',
        f'[llm]\nbase_url = "http://127.0.0.1:9/v1"\napi_key = "{KEY}\n',          # unterminated string
        f"[llm]\napi_key = {KEY}\n",                                               # not quoted
        f'[llm]\napi_key = "{KEY}"\ntimeout = "{KEY}"\n',                           # wrong type
        f'[llm]\nopenai_api_key = "{KEY}"\n',                                        # unknown setting
    ]
    for body in bodies:
        config.write_text(body, encoding="utf-8")
        for extra in ([], ["--json"]):
            code, out, err = run(capsys, "ask", "--llm", *extra, QUESTION)
            assert code == 0 and "Traceback" not in out + err
            assert_clean(out, err)


def test_eval_llm_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    qs = tmp_path / "set.jsonl"
    qs.write_text("\n".join(json.dumps(q, ensure_ascii=False) for q in [
        {"id": "t", "question": QUESTION, "gold": ["塔西佗陷阱"]},
        {"id": "u", "question": "月球上有多少干部?", "gold": []},
        {"id": "p", "question": "???", "gold": []},
    ]) + "\n", encoding="utf-8")
    out_json, out_md, old_json = tmp_path / "run.json", tmp_path / "run.md", tmp_path / "old.json"
    replies = itertools.cycle([ECHOES["reply"], ECHOES["401"], ECHOES["stream"], ECHOES["500-html"]])
    with respx.mock(assert_all_mocked=True) as router:
        route = router.post(URL).mock(side_effect=lambda request: next(replies)())
        code, out, err = run(capsys, "eval", str(qs), "--llm", "--base-url", BASE, "--model", "m",
                             "--api-key-env", "OPENAI_API_KEY", "--json", str(old_json))
        assert code == 0, err
        code, out2, err2 = run(capsys, "eval", str(qs), "--llm", "--base-url", BASE, "--model", "m",
                               "--api-key-env", "OPENAI_API_KEY", "--json", str(out_json), "--markdown", str(out_md),
                               "--compare", str(old_json))
    assert code == 0, err2
    data = json.loads(out_json.read_text(encoding="utf-8"))
    old = json.loads(old_json.read_text(encoding="utf-8"))
    assert route.call_count == 2       # the unanswerable and the unsearchable question never reach the model
    assert old["questions"][0]["mode"] == "llm:m"              # the echoing reply was used (masked) ...
    assert data["questions"][0]["mode"] == "extractive"        # ... and the 401 fell back
    assert_clean(out, err, out2, err2, old_json.read_text(encoding="utf-8"), out_json.read_text(encoding="utf-8"),
                 out_md.read_text(encoding="utf-8"))


def test_eval_llm_against_a_refused_port(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    qs = tmp_path / "set.jsonl"
    qs.write_text(json.dumps({"id": "t", "question": QUESTION, "gold": ["塔西佗陷阱"]}, ensure_ascii=False) + "\n",
                  encoding="utf-8")
    out_json, out_md = tmp_path / "run.json", tmp_path / "run.md"
    code, out, err = run(capsys, "eval", str(qs), "--llm", "--base-url", f"http://127.0.0.1:{refused_port()}/v1",
                         "--model", "m", "--json", str(out_json), "--markdown", str(out_md))
    assert code == 0 and "Traceback" not in out + err
    assert_clean(out, err, out_json.read_text(encoding="utf-8"), out_md.read_text(encoding="utf-8"))


def test_saved_conversation_and_export(engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """What the TUI saves and exports, from answers of servers that echoed the key."""
    from assistant.conversation import Conversation, Exchange, export_conversation, save_conversation
    from assistant.llm import answer_with_llm

    config = LLMConfig(base_url=BASE, model="m", timeout=5.0)
    conv = Conversation()
    for echo in sorted(ECHOES):
        answer = answer_with_llm(engine, QUESTION, config, transport=httpx.MockTransport(
            lambda request, echo=echo: ECHOES[echo]()))
        conv.add(Exchange(QUESTION, answer))
    conv.add(Exchange(QUESTION, None, "error", f"大模型接口 {BASE} 返回错误 HTTP 401"))
    saved = save_conversation(conv, tmp_path / "conversations")
    exported = export_conversation(conv, tmp_path / "exports")
    assert_clean(saved.read_text(encoding="utf-8"), exported.read_text(encoding="utf-8"))
    assert "塔西佗" in exported.read_text(encoding="utf-8")


def test_config_objects_and_errors_hide_the_key(tmp_path: Path) -> None:
    from assistant.config import Secret, load_config
    from assistant.llm import LLMClient, LLMError

    config = load_config(env={"OPENAI_API_KEY": KEY}, path=tmp_path / "none.toml",
                         base_url=f"http://127.0.0.1:{refused_port()}/v1", model="m",
                         file_api_key=Secret(KEY))
    texts = [repr(config), str(config), json.dumps(config.public_dict(), default=str)]
    with LLMClient(config, env={"OPENAI_API_KEY": KEY}) as client:
        texts.append(repr(vars(client)))
        with pytest.raises(LLMError) as e:
            client.chat([{"role": "user", "content": "hi"}])
    texts += [str(e.value), repr(e.value)]
    assert_clean(*texts)
    with pytest.raises(TypeError):
        import pickle

        pickle.dumps(Secret(KEY))


def test_subprocess_refused_port_and_verbose_logging(tmp_path: Path) -> None:
    env = dict(os.environ, OPENAI_API_KEY=KEY, ASSISTANT_CACHE_DIR=os.environ["ASSISTANT_CACHE_DIR"],
               PYTHONPATH=str(ROOT), COLUMNS="200", PYTHONIOENCODING="utf-8",
               ASSISTANT_CONFIG=str(tmp_path / "none.toml"))
    env.pop("OPENAI_BASE_URL", None)
    # A developer's debug switch that turns on every logger at DEBUG, request headers included.
    code = ("import logging, sys; logging.basicConfig(level=logging.DEBUG); "
            "from assistant.cli import main; sys.exit(main(sys.argv[1:]))")
    p = subprocess.run([sys.executable, "-c", code, "ask", "--llm", "--json", "--base-url",
                        f"http://127.0.0.1:{refused_port()}/v1", "--model", "m", QUESTION],
                       cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert p.returncode == 0, p.stderr
    assert "Traceback" not in p.stderr
    assert "DEBUG" in p.stderr            # the logs were really on
    assert_clean(p.stdout, p.stderr)


@pytest.mark.parametrize("size", [1, 2, 3, 7, 40])
def test_key_split_across_streamed_tokens(engine, size: int) -> None:  # type: ignore[no-untyped-def]
    """Tokens reach the screen (CLI, TUI) with the key masked, wherever the stream splits it;
    nothing else is lost, even a reply that ends with the first characters of the key."""
    from assistant.llm import answer_with_llm

    text = f"{VERBATIM}[1] 密钥:{KEY},再来一次{KEY}{KEY}。结尾像密钥的开头:{KEY[:5]}"
    pieces = [text[i:i + size] for i in range(0, len(text), size)]
    events = [{"choices": [{"index": 0, "delta": {"content": p}, "finish_reason": None}]} for p in pieces]
    events.append({"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
    body = "".join(f"data: {json.dumps(e, ensure_ascii=False)}\n\n" for e in events) + "data: [DONE]\n\n"
    got: list[str] = []
    answer = answer_with_llm(engine, QUESTION, LLMConfig(base_url=BASE, model="m"), on_token=got.append,
                             transport=httpx.MockTransport(lambda request: httpx.Response(
                                 200, headers={"content-type": "text/event-stream"}, content=body.encode())))
    assert "".join(got) == text.replace(KEY, "***")
    assert_clean(*got, "".join(got), answer.text)


def test_key_split_across_streamed_tokens_async(engine) -> None:  # type: ignore[no-untyped-def]
    """The TUI's entry point masks streamed tokens the same way."""
    import asyncio

    from assistant.llm import answer_with_llm_async

    text = f"{VERBATIM}[1] Bearer {KEY}"
    events = [{"choices": [{"index": 0, "delta": {"content": text[i:i + 2]}, "finish_reason": None}]}
              for i in range(0, len(text), 2)]
    body = "".join(f"data: {json.dumps(e, ensure_ascii=False)}\n\n" for e in events) + "data: [DONE]\n\n"
    got: list[str] = []
    transport = httpx.MockTransport(lambda request: httpx.Response(
        200, headers={"content-type": "text/event-stream"}, content=body.encode()))
    answer = asyncio.run(answer_with_llm_async(engine, QUESTION, LLMConfig(base_url=BASE, model="m"),
                                               on_token=got.append, transport=transport))
    assert "".join(got) == text.replace(KEY, "***")
    assert_clean("".join(got), answer.text)


def test_a_model_list_that_echoes_the_key_never_shows_it() -> None:
    # A base URL without a model is completed from /v1/models: an id that holds the key (a
    # server echoing the Authorization header) is masked before it becomes the answer's mode.
    from assistant.llm.models import resolve_model
    transport = httpx.MockTransport(lambda request: httpx.Response(
        200, json={"data": [{"id": "fake-model " + request.headers.get("Authorization", "")}]}))
    config, why = resolve_model(LLMConfig(base_url=BASE), {"OPENAI_API_KEY": KEY}, transport=transport)
    assert why is None and config.model.startswith("fake-model") and KEY not in config.model, config.model


def test_a_refused_key_from_the_config_file_is_said_to_have_been_sent() -> None:
    # No key variable named, a key in the config file: it was sent, and the 401 says so (it once
    # said no key had been sent) — without showing it.
    from assistant.config import Secret
    from assistant.llm.protocol import ChatProtocol
    config = LLMConfig(base_url=BASE, model="m", api_key_env="", file_api_key=Secret(KEY))
    message = str(ChatProtocol(config, {}).http_error(401, b'{"error": {"message": "invalid key"}}'))
    assert "所发送的 API 密钥" in message and "未向此接口发送密钥" not in message and KEY not in message, message
    unsent = str(ChatProtocol(LLMConfig(base_url=BASE, model="m", api_key_env=""), {}).http_error(401, b""))
    assert "未向此接口发送密钥" in unsent, unsent
