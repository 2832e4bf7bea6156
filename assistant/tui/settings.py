"""Settings: the LLM endpoint and model (picked from the server's ``/v1/models``), start-up.

Saved to the ``[llm]`` and ``[tui]`` tables of the config file (``config.save_settings``).
The API key is never shown, asked for or written: it stays in the environment variable named
by ``api_key_env`` (or the ``api_key`` a user put in the 0600 file), and this screen only says
whether one is set.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, OptionList, Static
from textual.widgets.option_list import Option

from ..config import (
    DEFAULT_API_KEY_ENV,
    ConfigError,
    LLMConfig,
    default_config_path,
    key_for_url,
    load_config,
    save_settings,
    with_endpoint,
)
from .hint_box import HintScrollBox

if TYPE_CHECKING:
    from .app import SpeechAssistantApp

CSS_FILE = Path(__file__).with_name("manage.tcss")
SETTINGS_HINTS = ("回车(地址栏)或 Ctrl+L 获取模型", "Ctrl+S 保存", "Esc 关闭")
# Rows the form takes with Textual's framed inputs and buttons; on a shorter terminal they are
# drawn compact (one row each), so the form down to its buttons is seen without scrolling at
# 80×24 (it was cut after the model list there, the checkbox and the buttons out of sight).
FULL_FORM_ROWS = 36


@dataclass
class SavedSettings:
    """What the screen saved: the app switches to it at once."""

    llm: LLMConfig | None          # None: no endpoint (extractive answers only)
    reopen_last: bool


class ModelList(OptionList):
    """The served models, starting on the one configured. ↑/↓ stop at the ends: Textual's
    list wraps around, so ↓↓ from the second of three models landed on the first."""

    def action_cursor_down(self) -> None:
        self._step(1)

    def action_cursor_up(self) -> None:
        self._step(-1)

    def _step(self, step: int) -> None:
        at = self.highlighted
        if at is None:
            at = -1 if step > 0 else self.option_count
        if self.option_count:
            self.highlighted = max(0, min(self.option_count - 1, at + step))


class SettingsScreen(ModalScreen["SavedSettings | None"]):
    CSS_PATH = CSS_FILE
    BINDINGS = [
        Binding("escape", "close", "关闭"),
        Binding("ctrl+s", "save", "保存"),
        Binding("ctrl+l", "fetch_models", "获取模型列表"),
    ]

    app: "SpeechAssistantApp"

    def __init__(self, config: LLMConfig | None, problem: str | None, info: list[tuple[str, str]],
                 reopen_last: bool) -> None:
        super().__init__()
        self.config = config or LLMConfig()
        self.problem = problem
        self.info = info
        self.reopen_last = reopen_last
        self.models: list[str] = []

    def compose(self) -> ComposeResult:
        c = self.config
        with HintScrollBox(id="settings-box", classes="dialog", hints=SETTINGS_HINTS):
            with Vertical(id="settings-form"):
                yield Static("大模型接口地址(OpenAI 兼容)", classes="field-label", markup=False)
                with Horizontal():
                    yield Input(c.base_url, placeholder="如 http://127.0.0.1:8080/v1", id="llm-url")
                    yield Button("获取模型列表", id="fetch")
                yield Static("模型", classes="field-label", markup=False)
                yield Input(c.model, placeholder="从列表选择,或直接输入模型名", id="llm-model")
                yield ModelList(id="model-list")
                yield Static(Text(self.problem or ""), id="llm-status", markup=False)
                yield Static(Text(self._key_line(), style="dim"), classes="dialog-note", markup=False)
                yield Checkbox("启动时打开上次的对话", self.reopen_last, id="reopen-last")
                with Horizontal(classes="settings-buttons"):
                    yield Button("保存", id="save", variant="primary")
                    yield Button("关闭", id="close")
            for name, value in self.info:
                t = Text()
                t.append(f"{name}:", style="bold")
                t.append(value)
                yield Static(t, markup=False)
            yield Static(Text(f"保存到 {default_config_path()}", style="dim"), classes="dialog-note", markup=False)

    def _key_line(self) -> str:
        var = self.config.api_key_env
        if self.config.api_key():
            where = f"环境变量 {var} 或配置文件" if var else "配置文件"   # no variable named: the file's key
            return f"密钥:已设置({where};不在此显示)"
        if not var:   # a URL of the user's own (a local server) gets no key unless a variable is named
            return (f"密钥:不发送(需要时在配置文件 [llm] 中写 api_key_env = \"{DEFAULT_API_KEY_ENV}\" "
                    "并设置该环境变量;密钥不会写入配置文件)")
        return f"密钥:未设置(需要时设置环境变量 {var};密钥不会写入配置文件)"

    def on_mount(self) -> None:
        box = self.query_one("#settings-box")
        box.border_title = "设置"
        self.query_one("#model-list").display = False
        if self.problem:
            self.query_one("#llm-status").add_class("-error")
        self.query_one("#llm-url", Input).focus()

    def on_resize(self, event: events.Resize) -> None:
        short = event.size.height < FULL_FORM_ROWS
        self.set_class(short, "-short")
        for widget in self.query("Input, Button, Checkbox"):
            widget.compact = short  # type: ignore[attr-defined]

    # ---- the model list -------------------------------------------------------------
    def _status(self, message: str, error: bool = False) -> None:
        status = self.query_one("#llm-status", Static)
        status.update(Text(message, style="red" if error else ""))

    @on(Input.Submitted, "#llm-url")
    @on(Button.Pressed, "#fetch")
    def action_fetch_models(self) -> None:
        url = self.query_one("#llm-url", Input).value.strip()
        if not url.lower().startswith(("http://", "https://")):
            self._status("请先填写以 http:// 或 https:// 开头的接口地址。", error=True)
            return
        self._status("正在获取模型列表…")
        self._fetch(url, key_for_url(self.config, url))   # (a typed address gets no key: config.key_for_url)

    @work(thread=True, exclusive=True, group="models")
    def _fetch(self, url: str, key: str | None) -> None:
        from ..llm import LLMError
        from ..llm.models import list_models

        try:
            models, error = list_models(url, key), None
        except LLMError as e:
            models, error = [], str(e)
        self.app.call_from_thread(self._fetched, models, error)

    def _fetched(self, models: list[str], error: str | None) -> None:
        listing = self.query_one("#model-list", OptionList)
        self.models = models
        current = self.query_one("#llm-model", Input).value.strip()
        listing.set_options([Option(Text(m + ("(当前)" if m == current else "")), id=f"m{i}")
                             for i, m in enumerate(models)])
        listing.display = bool(models)
        if error:
            self._status(error, error=True)
            return
        if not models:
            self._status("接口没有列出任何模型:请直接输入模型名。", error=True)
            return
        box = self.query_one("#llm-model", Input)
        listing.highlighted = models.index(current) if current in models else 0
        if not current and len(models) == 1:
            box.value = models[0]   # the server's only model
        if len(models) == 1:
            self._status(f"接口只提供一个模型:{models[0]}。按 Ctrl+S 保存。")
        else:
            self._status(f"接口提供 {len(models)} 个模型:用 ↑/↓ 选择后回车,再按 Ctrl+S 保存。")
        listing.focus()

    @on(OptionList.OptionSelected, "#model-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        model = self.models[event.option_index]
        self.query_one("#llm-model", Input).value = model
        self._status(f"已选择模型 {model}。按 Ctrl+S 保存。")
        self.query_one("#save").focus()

    # ---- saving ---------------------------------------------------------------------
    @on(Input.Submitted, "#llm-model")
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        url = self.query_one("#llm-url", Input).value.strip()
        model = self.query_one("#llm-model", Input).value.strip()
        reopen = self.query_one("#reopen-last", Checkbox).value
        if url and not url.lower().startswith(("http://", "https://")):
            self._status("接口地址应以 http:// 或 https:// 开头。", error=True)
            return
        try:
            path = save_settings({"llm": {"base_url": url or None, "model": model or None},
                                  "tui": {"reopen_last": reopen}})
            merged = load_config()
        except ConfigError as e:
            self._status(str(e), error=True)
            return
        if (merged.base_url, merged.model) != (url, model) and (url or model):
            # OPENAI_BASE_URL / OPENAI_MODEL beat the file: this run uses what was entered.
            self.app.say("注意:环境变量中的大模型设置优先于配置文件,下次启动时仍会使用环境变量。", "warning")
        config = with_endpoint(merged, url, model) if url else None
        self.app.say(f"设置已保存到 {path}")
        self.dismiss(SavedSettings(config, reopen))

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(None)


def info_lines(sources: list[str] | None, mode: str, conversations_dir: Path,
               exports_dir: Path) -> list[tuple[str, str]]:
    """The read-only part of the settings screen."""
    lines: list[tuple[str, str]] = []
    if sources is not None:
        lines.append(("语料", "、".join(sources)))
    lines.append(("回答方式", mode + "(F8 切换)"))
    lines.append(("对话保存位置", str(conversations_dir)))
    lines.append(("导出位置", str(exports_dir)))
    return lines
