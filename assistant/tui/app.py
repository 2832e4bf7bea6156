"""The Textual app: loads the engine and pushes screens; the chat screen owns the conversation.

Start-up paints at once and the question box takes a question from the first paint; the engine
(numpy, corpus, index, jieba) loads in a worker thread after it, and the chat screen, which
watches ``engine`` / ``load_error``, asks a question sent meanwhile as soon as it is loaded. Answers run in
the chat screen's workers, so the UI never blocks. Timings: see ``timing.py``.
"""

from __future__ import annotations

import gc
import logging
import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.reactive import reactive
from textual.screen import Screen

from .chat_screen import ChatScreen
from .messages import OpenSource
from .timing import Timings, exit_when_ready, report_requested
from .toasts import use_line_broken_toasts

if TYPE_CHECKING:
    from textual.driver import Driver

    from ..config import LLMConfig
    from ..engine import Engine
    from .settings import SavedSettings

log = logging.getLogger(__name__)


class SpeechAssistantApp(App[None]):
    CSS_PATH = Path(__file__).with_name("app.tcss")   # absolute: subclasses live elsewhere
    TITLE = "讲话助手"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (96, "-wide")]
    SUSPENDED_SCREEN_CLASS = "-suspended"   # screens under the top one (app.tcss: their toasts)

    BINDINGS = [
        Binding("f1", "help", "帮助"),
        # The chat screen sends printable keys to its question box, so ? opens help only on
        # screens where nothing takes text (reader, browser).
        Binding("question_mark", "help", "帮助", show=False),
        # The app's, not the chat screen's: the corpus browser and the reader took F4 and did
        # nothing with it (Esc from a speech opened in F3 returns to the browser, not the chat).
        Binding("f4", "conversations", "对话", show=False),
        Binding("ctrl+p", "command_palette", "命令", key_display="^P", priority=True, show=False),
        Binding("ctrl+q", "quit", "退出", key_display="^Q", priority=True),
    ]

    engine: reactive["Engine | None"] = reactive(None)
    load_error: reactive[str | None] = reactive(None)
    index_progress: reactive[tuple[int, int] | None] = reactive(None)   # (done, total) while indexing
    use_llm: reactive[bool] = reactive(False)
    # What ranks the answers: BM25 at once, BM25 + embeddings once the vectors are ready.
    retrieval: reactive[str] = reactive("BM25")

    def __init__(self, corpus_paths: list[Path] | None = None, *,
                 engine_loader: Callable[[], "Engine"] | None = None,
                 data_dir: Path | None = None, show_timings: bool = True,
                 llm_config: "LLMConfig | None" = None, semantic: bool = False,
                 reopen_last: bool | None = None) -> None:
        super().__init__()
        use_line_broken_toasts()
        self._reopen_last = reopen_last   # None: the config file says, read when first needed
        self.semantic = semantic   # attach embeddings after the engine is ready (off in tests)
        self.timings = Timings.now()
        self.corpus_paths = corpus_paths
        self._engine_loader = engine_loader
        self.show_timings = show_timings   # off in snapshot tests: no varying numbers on screen
        self.llm_config = llm_config
        self.chat_screen = ChatScreen(data_dir)
        # The width class (-narrow / -wide) the first Resize would set, set now from the size
        # Textual's driver will report: the same class on Resize restyles nothing, a new one
        # restyled every widget once more before the first paint (~10 ms). A wrong guess (a
        # headless test) is corrected by that Resize as before.
        width_class = self.chat_screen._get_breakpoint_classes(shutil.get_terminal_size().columns,
                                                               self.HORIZONTAL_BREAKPOINTS)
        self.chat_screen.add_class(*width_class)

    @property
    def reopen_last(self) -> bool:
        """Reopen the conversation saved last (the [tui] table of the config file; default on).
        Read once the engine is ready, not before the first paint (the config module and
        tomllib took ~10 ms there)."""
        if self._reopen_last is None:
            self._reopen_last = _reopen_last_setting()
        return self._reopen_last

    @reopen_last.setter
    def reopen_last(self, value: bool) -> None:
        self._reopen_last = value

    def get_default_screen(self) -> Screen:
        return self.chat_screen

    def get_driver_class(self) -> type["Driver"]:
        from .paste import use_paste_safe_parser

        driver_class = super().get_driver_class()
        use_paste_safe_parser(driver_class)   # a coloured paste must not arrive as key presses
        return driver_class

    def on_mount(self) -> None:
        self.call_after_refresh(self._first_painted)

    def _first_painted(self) -> None:
        self.timings.mark("first_paint")
        # Ready to type: the box has focus and takes keys, pastes and Enter; none of that needs
        # the engine (a question sent waits for it: ChatScreen.pending), so numpy, the engine's
        # modules, the index and jieba are all loaded after this mark, not before it.
        self.timings.mark("ready")
        # After the paint, not beside it: the worker's imports (numpy, the engine) hold the GIL
        # and the main thread has no idle moments before its paint for them to fill. Keys typed
        # meanwhile are kept (ChatScreen.pending).
        self._load_engine()

    # ---- engine ---------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="load", name="load-engine")
    def _load_engine(self) -> None:
        warnings: list[str] = []
        try:
            if self._engine_loader is not None:
                engine = self._engine_loader()
            else:
                from ..engine import Engine

                engine = Engine.load(self.corpus_paths, warn=warnings.append, progress=self._index_progress)
            # The first question would otherwise pay for jieba's dictionary: do it now.
            try:
                engine.search("作风建设", k=1)
            except ValueError:
                pass
        except Exception as e:  # CorpusError and anything else: the UI must say, not die
            from ..corpus import CorpusError

            msg = str(e) if isinstance(e, CorpusError) else f"加载失败:{type(e).__name__}: {e}"
            log.exception("engine load failed")
            self.call_from_thread(self._engine_failed, msg)
            return
        self.call_from_thread(self._engine_ready, engine, warnings)
        # Ready and answering; what the first question would still compile is compiled now.
        engine.compile_patterns()

    def _index_progress(self, done: int, total: int) -> None:
        """Called from the loading thread while a corpus is analysed (not on a cache hit)."""
        if total >= 500:
            self.call_from_thread(setattr, self, "index_progress", (done, total))

    def _engine_ready(self, engine: "Engine", warnings: list[str]) -> None:
        self.timings.mark("engine")
        gc.enable()   # off while the program starts (cli.main)
        for w in warnings:
            self.say(w, "warning")
        self.engine = engine
        if self.semantic and engine.params.fusion_weight > 0:
            self.retrieval = "BM25(语义向量准备中)"
            self._attach_embeddings(engine)
        if exit_when_ready():
            # After the next refresh: a cached engine can be ready before the first paint,
            # whose time must still be taken.
            self.call_after_refresh(self.exit)

    @work(thread=True, exclusive=True, group="embeddings", name="attach-embeddings")
    def _attach_embeddings(self, engine: "Engine") -> None:
        """Questions are answered with BM25 meanwhile; hybrid ranking starts when this ends."""
        try:
            ok = engine.attach_embeddings()
        except Exception as e:  # the UI must say, not die
            log.exception("embeddings failed")
            ok, engine.embeddings_reason = False, f"语义检索不可用:{type(e).__name__};仅用 BM25 检索"
        self.call_from_thread(self._embeddings_done, ok, engine.embeddings_reason,
                              getattr(engine, "embeddings_notices", ()))

    def _embeddings_done(self, ok: bool, reason: str | None, notices: tuple[str, ...] = ()) -> None:
        self.retrieval = "BM25+语义" if ok else "BM25"
        for notice in notices:   # e.g. a config file that can't be read: its settings are ignored
            self.say(notice, "warning", timeout=15)
        if not ok and reason:
            self.say(reason, "warning")

    def _engine_failed(self, message: str) -> None:
        gc.enable()
        self.say(message, "error", timeout=30)
        self.load_error = message

    # ---- helpers for the screens ----------------------------------------------------
    def say(self, message: str, severity: str = "information", timeout: float | None = None) -> None:
        """A notification whose text is shown literally (it may quote the user or the corpus).

        The same message still shown is replaced, not stacked: F8 pressed again without an
        endpoint showed the long hint twice, the second cut to its first line."""
        for shown in list(self._notifications):   # Textual has no public way to drop one toast
            if shown.message == message:
                self._unnotify(shown, refresh=False)
        self.notify(message, severity=severity, markup=False,  # type: ignore[arg-type]
                    timeout=timeout if timeout is not None else (8 if severity != "information" else 4))

    def unsay(self, *starts: str) -> None:
        """Drop the toasts whose text starts so (a note that no longer holds: 问题是空的 once typed)."""
        dropped = False
        for shown in list(self._notifications):
            if str(shown.message).startswith(starts):
                self._unnotify(shown, refresh=False)
                dropped = True
        if dropped:   # (else the toast stayed drawn until the next one came)
            self._refresh_notifications()
        self.refresh()

    def action_help_quit(self) -> None:
        """Ctrl+C (copy in a text box, else this): Textual's note, in Chinese like the rest."""
        self.say("要退出吗?按 Ctrl+Q 退出。")

    def mode_label(self) -> str:
        if self.use_llm and self.llm_config is not None:
            return f"大模型 {self.llm_config.model}"
        return "抽取式"

    # ---- screens --------------------------------------------------------------------
    # Each screen's module is imported when it is first opened: the help screen alone pulls in
    # markdown-it, and none of them is on the first screen (start-up time).
    @on(OpenSource)
    def _open_source(self, event: OpenSource) -> None:
        self.open_source(event.unit_id, event.terms, event.text)

    def open_source(self, unit_id: str, terms: list[str], cited_text: str | None = None) -> None:
        if self.engine is None:
            self.say("索引正在加载,请稍候再打开原文。", "warning")
            return
        corpus = self.engine.corpus
        if corpus.get(unit_id) is None:
            self.say(f"当前语料中没有段落 {unit_id}(语料可能已更换)。", "warning")
            return
        if cited_text is not None:
            from ..conversation import is_stale

            if is_stale(unit_id, cited_text, corpus):
                # same check as the note on reopening: another text under the same id
                self.say(f"段落 {unit_id} 在当前语料中已改动,无法打开;来源面板显示保存时的原文。", "warning")
                return
        from .reader import ReaderScreen

        self.push_screen(ReaderScreen(corpus, unit_id, terms))

    def action_conversations(self) -> None:
        from .conversations import ConversationsScreen

        chat = self.chat_screen
        self.push_screen(ConversationsScreen(chat.conversations_dir, chat._conversation_changed),
                         self._conversation_chosen)

    def _conversation_chosen(self, path: Path | None) -> None:
        """Chosen in the F4 list, which the browser and the reader open too: the chat, with it,
        comes to the top."""
        if path is not None and self.screen is not self.chat_screen:
            self.chat_screen.pop_until_active()
        self.chat_screen._reopen(path)

    def action_help(self) -> None:
        from .dialogs import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_browse(self) -> None:
        if self.engine is None:
            self.say(self.load_error or "索引正在加载,请稍候。", "warning")
            return
        from .browser import CorpusBrowserScreen

        if not isinstance(self.screen, CorpusBrowserScreen):
            self.push_screen(CorpusBrowserScreen(self.engine.corpus))

    def action_settings(self) -> None:
        from .settings import SettingsScreen, info_lines

        config, problem = self._load_llm_config()
        sources = sorted({s.source for s in self.engine.corpus.speeches}) if self.engine is not None else None
        info = info_lines(sources, self.mode_label(), self.chat_screen.conversations_dir,
                          self.chat_screen.exports_dir)
        self.push_screen(SettingsScreen(config, problem, info, self.reopen_last), self._settings_saved)

    def _settings_saved(self, saved: "SavedSettings | None") -> None:
        if saved is None:
            return
        self.reopen_last = saved.reopen_last
        self.llm_config = saved.llm
        if self.use_llm and (saved.llm is None or not saved.llm.is_configured()):
            self.use_llm = False
            self.say("大模型接口已清空,改用抽取式回答。")
        elif saved.llm is not None and saved.llm.is_configured() and not self.use_llm:
            self.say(f"大模型已设置为 {saved.llm.model}:按 F8 使用大模型回答。")

    def _load_llm_config(self) -> tuple["LLMConfig | None", str | None]:
        if self.llm_config is not None:
            return self.llm_config, None
        try:
            from ..config import ConfigError, load_config
        except ImportError:
            return None, None
        try:
            return load_config(), None
        except ConfigError as e:
            return None, str(e)

    def action_toggle_llm(self) -> None:
        if self.use_llm:
            self.use_llm = False
            self.say("已切换为抽取式回答(不联网)。")
            return
        config, problem = self._load_llm_config()
        if config is not None and config.base_url.strip() and not config.model.strip():
            self.say("未设置模型,正在向接口查询可用的模型…")
            self._resolve_model(config)
            return
        if config is None or not config.is_configured():
            self.say(problem or _not_configured_hint(), "warning", timeout=15)
            return
        self._use_llm(config)

    @work(thread=True, exclusive=True, group="models", name="resolve-model")
    def _resolve_model(self, config: "LLMConfig") -> None:
        from ..llm.models import resolve_model

        resolved, why = resolve_model(config)
        self.call_from_thread(self._model_resolved, resolved, why)

    def _model_resolved(self, config: "LLMConfig", why: str | None) -> None:
        if why or not config.is_configured():
            self.say((why or "") + "可在设置(Ctrl+P → 设置)中从列表选择模型。", "warning", timeout=15)
            return
        self._use_llm(config)

    def _use_llm(self, config: "LLMConfig") -> None:
        for notice in config.notices:   # e.g. a key in a config file others can read
            self.say(notice, "warning", timeout=15)
        try:
            from . import llm_bridge  # noqa: F401
        except ImportError:
            self.say("大模型回答模块尚不可用,继续使用抽取式回答。", "warning")
            return
        self.llm_config = config
        self.use_llm = True
        self.say(f"已切换为大模型回答:{config.model}")

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(id="--command-palette", placeholder="搜索命令…"))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        chat = self.chat_screen
        yield SystemCommand("新对话", "清空当前对话,开始新话题(Ctrl+N)", chat.action_new_conversation)
        yield SystemCommand("导出", "把对话导出为 Markdown,引文作脚注(F5)", chat.action_export)
        yield SystemCommand("切换 LLM", "在抽取式回答与大模型回答之间切换(F8)", self.action_toggle_llm)
        yield SystemCommand("设置", "大模型接口与模型(从接口的模型列表选择)、启动时打开上次的对话(F9)",
                            self.action_settings)
        yield SystemCommand("打开保存的对话", "搜索、打开、重命名、删除以前的对话(F4)", self.action_conversations)
        yield SystemCommand("浏览语料", "全部讲话及其大纲(F3)", self.action_browse)
        yield SystemCommand("来源面板", "进入来源面板,在面板里再按一次则隐藏(F2)", chat.action_toggle_sources)
        yield SystemCommand("帮助", "按键与用法(F1)", self.action_help)
        yield SystemCommand("主题", "更换配色主题", self.action_change_theme)
        yield SystemCommand("退出", "退出讲话助手(Ctrl+Q)", self.action_quit)


def _reopen_last_setting() -> bool:
    from ..config import ConfigError, load_tui_config

    try:
        return load_tui_config().reopen_last
    except ConfigError as e:
        log.warning("%s", e)   # the settings screen shows the file's problem
        return True


def _not_configured_hint() -> str:
    try:
        from ..config import not_configured_hint
    except ImportError:
        return "未配置大模型接口。"
    return not_configured_hint() + "也可在设置(Ctrl+P → 设置)中填写接口地址并从列表选择模型。"


def run(corpus_paths: list[Path] | None = None, llm_config: "LLMConfig | None" = None) -> None:
    """Open the TUI (``assistant`` with no arguments; ``llm_config`` from ``--base-url`` …)."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        # (assistant | tee log, or run from a script: Textual would draw to no screen and wait.)
        print("错误:终端界面需要在终端中运行(标准输入或输出不是终端)。在脚本中请用 assistant ask 或 assistant eval。",
              file=sys.stderr)
        raise SystemExit(3)
    # Set before numpy is first imported (in the loading thread, after the first paint). With
    # its default of one thread a core, OpenBLAS starts a thread at import that spins for a
    # while, taking a core from the loading thread: on a busy 2-core machine numpy's import went
    # from ~0.11 to ~0.18 s. The TUI multiplies one question's vector at a time, which one
    # thread does as fast. A value the user set is kept.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    app = SpeechAssistantApp(corpus_paths, semantic=True, llm_config=llm_config)
    app.run()
    if report_requested():
        for line in app.timings.lines():
            print(line, file=sys.stderr)
