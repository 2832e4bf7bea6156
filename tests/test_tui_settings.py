"""LLM settings: /v1/models from a fake server on 127.0.0.1, the settings screen, the config
file, the one-model default (TUI F8 and `ask --llm`), and `assistant --base-url`."""

from __future__ import annotations

import json
import os
import stat
import threading
import tomllib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Iterator

import pytest
from cli_helpers import run
from textual.widgets import Input
from test_tui import make_app, open_screen, ready, screen_text, wait_for

from assistant.cli import build_parser, tui_llm_config
from assistant.config import LLMConfig, load_config, load_tui_config, save_settings
from assistant.engine import Engine
from assistant.llm import LLMError
from assistant.llm.models import list_models, resolve_model
from assistant.tui.settings import SettingsScreen

KEY = "sk-test-secret-key-1234"


class FakeServer:
    """An OpenAI-compatible server that lists ``models`` and records what it was sent."""

    def __init__(self) -> None:
        self.models: list[str] = ["only-model"]
        self.status = 200
        self.requests: list[tuple[str, str, dict[str, Any] | None]] = []   # method, path, body
        self.auth: list[str | None] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _reply(self, status: int, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                fake.requests.append(("GET", self.path, None))
                fake.auth.append(self.headers.get("Authorization"))
                if self.path != "/v1/models":
                    self._reply(404, {"error": {"message": "not found"}})
                elif fake.status != 200:
                    self._reply(fake.status, {"error": {"message": f"bad key {KEY}"}})
                else:
                    self._reply(200, {"object": "list", "data": [{"id": m, "object": "model"} for m in fake.models]})

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                fake.requests.append(("POST", self.path, body))
                self._reply(200, {"choices": [{"message": {"role": "assistant", "content": "好的。"},
                                               "finish_reason": "stop"}], "model": body.get("model")})

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def posted_models(self) -> list[str]:
        return [str(b.get("model")) for m, _, b in self.requests if m == "POST" and b is not None]


@pytest.fixture
def fake_server() -> Iterator[FakeServer]:
    server = FakeServer()
    thread = threading.Thread(target=server.httpd.serve_forever, daemon=True)
    thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


@pytest.fixture
def config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "config" / "config.toml"
    monkeypatch.setenv("ASSISTANT_CONFIG", str(path))
    return path


def dead_url() -> str:
    from conftest_llm import free_port

    return f"http://127.0.0.1:{free_port()}/v1"


# ---- /v1/models and the one-model default --------------------------------------------

def test_list_models_and_errors(fake_server: FakeServer) -> None:
    fake_server.models = ["a", "b", "a"]
    assert list_models(fake_server.url, KEY) == ["a", "b"]
    assert fake_server.auth[-1] == f"Bearer {KEY}"
    assert list_models(fake_server.url.removesuffix("/v1")) == ["a", "b"]   # /v1 added
    fake_server.status = 401
    with pytest.raises(LLMError) as e:
        list_models(fake_server.url, KEY)
    assert "HTTP 401" in str(e.value) and KEY not in str(e.value)
    with pytest.raises(LLMError) as e:
        list_models(dead_url(), timeout=2)
    assert "无法连接" in str(e.value)


def test_resolve_model_uses_the_only_model(fake_server: FakeServer) -> None:
    config, why = resolve_model(LLMConfig(base_url=fake_server.url))
    assert config.model == "only-model" and why is None
    fake_server.models = ["x", "y"]
    config, why = resolve_model(LLMConfig(base_url=fake_server.url))
    assert config.model == "" and why is not None and "2 个模型" in why and "x、y" in why
    # a configured model is never replaced, and no request is made for it
    n = len(fake_server.requests)
    assert resolve_model(LLMConfig(base_url=fake_server.url, model="m"))[0].model == "m"
    assert len(fake_server.requests) == n
    config, why = resolve_model(LLMConfig(base_url=dead_url(), timeout=2))
    assert config.model == "" and why is not None and "无法获取模型列表" in why


def test_ask_llm_with_base_url_only_uses_the_served_model(fake_server: FakeServer, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "ask", "--llm", "--lexical", "--base-url", fake_server.url, "--json", "什么是塔西佗陷阱?")
    assert code == 0
    assert fake_server.posted_models() == ["only-model"]
    assert json.loads(out)["mode"] == "llm:only-model"


# ---- the config file -------------------------------------------------------------------

def test_save_settings_keeps_other_settings_and_is_private(config_file: Path) -> None:
    config_file.parent.mkdir()
    config_file.write_text('# mine\n[llm]\napi_key_env = "MY_KEY"\n\n[embeddings]\nenabled = false\n', encoding="utf-8")
    save_settings({"llm": {"base_url": "http://127.0.0.1:9/v1", "model": "m"}, "tui": {"reopen_last": False}})
    text = config_file.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    assert "# mine" in text and data["embeddings"] == {"enabled": False}
    assert data["llm"] == {"api_key_env": "MY_KEY", "base_url": "http://127.0.0.1:9/v1", "model": "m"}
    assert load_config().model == "m" and load_tui_config().reopen_last is False
    assert stat.S_IMODE(os.stat(config_file).st_mode) == 0o600
    save_settings({"llm": {"base_url": None, "model": None}})
    assert tomllib.loads(config_file.read_text(encoding="utf-8"))["llm"] == {"api_key_env": "MY_KEY"}


def test_top_level_base_url_and_model_configure_the_tui(config_file: Path) -> None:
    args = build_parser().parse_args(["--base-url", "http://127.0.0.1:8080/v1", "--model", "m"])
    assert args.command is None
    config = tui_llm_config(args)
    assert config is not None and config.base_url == "http://127.0.0.1:8080/v1" and config.model == "m"
    assert tui_llm_config(build_parser().parse_args([])) is None
    # after a subcommand the subcommand's own flags still work
    args = build_parser().parse_args(["ask", "--llm", "--base-url", "http://h/v1", "q"])
    assert args.llm_base_url == "http://h/v1"


# ---- the settings screen ---------------------------------------------------------------

async def test_settings_screen_fetches_models_picks_one_and_saves(tmp_path: Path, engine: Engine, config_file: Path,
                                                                 fake_server: FakeServer,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    fake_server.models = ["qwen2.5-7b", "llama3-8b"]
    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=(110, 40)) as pilot:
        await ready(pilot)
        await open_screen(pilot, "f9", SettingsScreen)
        assert "密钥:已设置" in screen_text(app)
        await pilot.press(*fake_server.url, "enter")
        await wait_for(pilot, lambda: "接口提供 2 个模型" in screen_text(app))
        # OPENAI_API_KEY goes to OpenAI or OPENAI_BASE_URL's endpoint, never to an address only typed here.
        assert fake_server.auth[-1] is None
        text = screen_text(app)
        assert "qwen2.5-7b" in text and "llama3-8b" in text and KEY not in text
        await pilot.press("down", "enter")      # from the first to the second model
        await pilot.pause(0.1)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, SettingsScreen))
        data = tomllib.loads(config_file.read_text(encoding="utf-8"))
        assert data["llm"] == {"base_url": fake_server.url, "model": "llama3-8b"}
        assert data["tui"] == {"reopen_last": True}
        assert KEY not in config_file.read_text(encoding="utf-8")
        assert app.llm_config is not None and app.llm_config.model == "llama3-8b"
        await pilot.press("f8")
        await wait_for(pilot, lambda: app.use_llm)
        assert "模式 大模型 llama3-8b" in screen_text(app)


async def test_settings_screen_says_when_the_server_is_down(tmp_path: Path, engine: Engine, config_file: Path) -> None:
    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=(110, 40)) as pilot:
        await ready(pilot)
        await open_screen(pilot, "f9", SettingsScreen)
        await pilot.press(*dead_url(), "enter")
        await wait_for(pilot, lambda: "无法连接" in screen_text(app))
        assert "连接被拒绝" in screen_text(app)
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, SettingsScreen))
        assert not config_file.exists()


async def test_f8_with_base_url_only_uses_the_served_model(tmp_path: Path, engine: Engine, config_file: Path,
                                                           fake_server: FakeServer) -> None:
    config_file.parent.mkdir()
    config_file.write_text(f'[llm]\nbase_url = "{fake_server.url}"\n', encoding="utf-8")
    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=(110, 36)) as pilot:
        await ready(pilot)
        await pilot.press("f8")
        await wait_for(pilot, lambda: app.use_llm)
        assert app.llm_config is not None and app.llm_config.model == "only-model"
        assert "已切换为大模型回答:only-model" in screen_text(app)


@pytest.mark.parametrize("saved", ["", "m-one", "m-two", "m-three"])
async def test_down_down_enter_picks_the_third_model(tmp_path: Path, engine: Engine, config_file: Path,
                                                    fake_server: FakeServer, saved: str) -> None:
    """The list starts on the saved model (marked 当前); ↓ stops at the last model rather than
    wrapping to the first, so ↓↓ Enter from the top or from the saved model picks the third."""
    fake_server.models = ["m-one", "m-two", "m-three"]
    if saved:
        config_file.parent.mkdir()
        config_file.write_text(f'[llm]\nbase_url = "{fake_server.url}"\nmodel = "{saved}"\n', encoding="utf-8")
    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=(110, 40)) as pilot:
        await ready(pilot)
        screen = await open_screen(pilot, "f9", SettingsScreen)
        if not saved:
            await pilot.press(*fake_server.url)
        await pilot.press("enter")
        await wait_for(pilot, lambda: "接口提供 3 个模型" in screen_text(app))
        assert (f"{saved}(当前)" in screen_text(app)) == bool(saved)
        await pilot.press("down", "down", "enter")
        await wait_for(pilot, lambda: "已选择模型" in screen_text(app))
        assert screen.query_one("#llm-model", Input).value == "m-three"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, SettingsScreen))
        assert tomllib.loads(config_file.read_text(encoding="utf-8"))["llm"]["model"] == "m-three"


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_settings_screen_shows_every_hint_and_button(tmp_path: Path, engine: Engine, config_file: Path,
                                                           fake_server: FakeServer, size: tuple[int, int]) -> None:
    """The form is on screen with the model list open: the key hints in the border whole (none
    cut or dropped), the status line, the key's note, the checkbox and both buttons; at 80×24
    the checkbox and the buttons were below the dialog's bottom edge. (The folders listed
    under the buttons may scroll.)"""
    from assistant.tui.settings import SETTINGS_HINTS

    fake_server.models = ["qwen2.5-7b-instruct", "llama3.1-8b", "smollm2-135m"]
    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        await open_screen(pilot, "f9", SettingsScreen)
        await pilot.press(*fake_server.url, "enter")
        await wait_for(pilot, lambda: "接口提供 3 个模型" in screen_text(app))
        lines = screen_text(app).splitlines()
        assert len(lines) == size[1]
        bottom = next(line for line in lines if "╰" in line and "Ctrl+S 保存" in line)
        assert " · ".join(SETTINGS_HINTS) in bottom and "…" not in bottom
        text = "\n".join(lines)
        for seen in ("接口提供 3 个模型:用 ↑/↓ 选择后回车,再按 Ctrl+S 保存。", "smollm2-135m", "密钥:",
                     "启动时打开上次的对话", "保存", "关闭"):
            assert seen in text, (size, seen)



async def test_settings_screen_sends_a_key_the_config_names_for_its_endpoints(tmp_path: Path, engine: Engine,
                                                                             config_file: Path, fake_server: FakeServer,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    config_file.parent.mkdir(parents=True, exist_ok=True)
    config_file.parent.mkdir(parents=True, exist_ok=True)
    config_file.write_text('[llm]\napi_key_env = "MY_KEY"\n', encoding="utf-8")
    monkeypatch.setenv("MY_KEY", KEY)
    fake_server.models = ["qwen2.5-7b"]
    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=(110, 40)) as pilot:
        await ready(pilot)
        await open_screen(pilot, "f9", SettingsScreen)
        await pilot.press(*fake_server.url, "enter")
        await wait_for(pilot, lambda: "接口只提供一个模型" in screen_text(app))
        assert fake_server.auth[-1] == f"Bearer {KEY}" and KEY not in screen_text(app)


async def test_an_endpoint_typed_and_saved_gets_no_key_that_went_with_another_address(
        tmp_path: Path, engine: Engine, config_file: Path, fake_server: FakeServer, monkeypatch: pytest.MonkeyPatch) -> None:
    # OPENAI_BASE_URL names another server: OPENAI_API_KEY is meant for it, not for the address typed here.
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    fake_server.models = ["qwen2.5-7b"]
    app = make_app(tmp_path, lambda: engine)
    async with app.run_test(notifications=True, size=(110, 40)) as pilot:
        await ready(pilot)
        await open_screen(pilot, "f9", SettingsScreen)
        await pilot.press("ctrl+u", *fake_server.url, "enter")
        await wait_for(pilot, lambda: "接口只提供一个模型" in screen_text(app))
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, SettingsScreen))
        assert app.llm_config is not None and app.llm_config.base_url == fake_server.url
        assert app.llm_config.api_key() is None
