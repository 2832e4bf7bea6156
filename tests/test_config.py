"""LLM settings: layers and their precedence, validation, and keeping the key out of sight."""

from __future__ import annotations

import argparse
import copy
import dataclasses
import pickle
from pathlib import Path

import pytest

from assistant.cli.common import add_llm_arguments
from assistant.config import (
    ConfigError,
    LLMConfig,
    Secret,
    default_config_path,
    load_config,
    not_configured_hint,
)

KEY = "sk-test-SECRET-123"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def parse(*argv: str) -> argparse.Namespace:
    p = argparse.ArgumentParser()
    add_llm_arguments(p)
    return p.parse_args(list(argv))


def test_defaults_are_not_configured(tmp_path: Path) -> None:
    c = load_config(env={}, path=tmp_path / "missing.toml")
    assert c == LLMConfig(source="defaults")
    assert not c.is_configured()
    assert c.stream and c.api_key_env == "OPENAI_API_KEY"
    assert c.api_key({}) is None


def test_hint_says_how_to_configure_in_chinese(tmp_path: Path) -> None:
    cfg = tmp_path / "cfg.toml"
    hint = not_configured_hint({"ASSISTANT_CONFIG": str(cfg)})
    assert "未配置" in hint and "OPENAI_BASE_URL" in hint and "--base-url" in hint
    assert str(cfg) in hint
    assert "\n" not in hint


def test_config_path_from_platformdirs_or_env(tmp_path: Path) -> None:
    assert default_config_path({}).name == "config.toml"
    assert "speech-assistant" in str(default_config_path({}))
    assert default_config_path({"ASSISTANT_CONFIG": str(tmp_path / "x.toml")}) == tmp_path / "x.toml"


def test_precedence_file_env_cli(tmp_path: Path) -> None:
    path = write(tmp_path / "c.toml", """
[llm]
base_url = "http://file:1/v1"
model = "file-model"
timeout = 5
temperature = 0.7
max_tokens = 100
context_budget = 3000
""")
    only_file = load_config(env={}, path=path)
    assert (only_file.base_url, only_file.model, only_file.timeout) == ("http://file:1/v1", "file-model", 5.0)
    assert only_file.is_configured()

    env = {"OPENAI_BASE_URL": "http://env:2", "OPENAI_MODEL": "env-model"}
    with_env = load_config(env=env, path=path)
    assert (with_env.base_url, with_env.model) == ("http://env:2", "env-model")
    assert with_env.max_tokens == 100          # untouched layers keep the file's value

    env["ASSISTANT_MODEL"] = "assistant-model"  # the program's own variable beats the generic one
    assert load_config(env=env, path=path).model == "assistant-model"

    args = parse("--base-url", "http://cli:3", "--model", "cli-model", "--timeout", "9",
                 "--temperature", "0", "--max-tokens", "7", "--context-budget", "1500", "--no-stream")
    c = load_config(args, env=env, path=path)
    assert (c.base_url, c.model, c.timeout, c.temperature, c.max_tokens, c.context_budget, c.stream) == (
        "http://cli:3", "cli-model", 9.0, 0.0, 7, 1500, False)
    assert c.source == "文件+环境变量+命令行"


def test_a_config_file_saved_with_a_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_bytes("\ufeff[llm]\nbase_url = \"http://file:1/v1\"\nmodel = \"m\"\n".encode())
    assert load_config(env={}, path=path).model == "m"


def test_unset_cli_flags_do_not_override(tmp_path: Path) -> None:
    args = parse("--llm")
    c = load_config(args, env={"OPENAI_BASE_URL": "http://env:2", "OPENAI_MODEL": "m"}, path=tmp_path / "none")
    assert c.base_url == "http://env:2" and c.stream is True and c.timeout == LLMConfig().timeout


def test_assistant_config_env_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path / "elsewhere.toml", '[llm]\nbase_url = "http://x:1"\nmodel = "m"\n')
    c = load_config(env={"ASSISTANT_CONFIG": str(path)})
    assert c.base_url == "http://x:1"


def test_key_from_named_env_var_then_file(tmp_path: Path) -> None:
    path = write(tmp_path / "c.toml", f'[llm]\napi_key = "{KEY}"\napi_key_env = "MY_KEY"\n')
    c = load_config(env={}, path=path)
    assert c.api_key_env == "MY_KEY"
    assert c.api_key({}) == KEY                         # from the file
    assert c.api_key({"MY_KEY": "sk-from-env"}) == "sk-from-env"   # the variable wins
    c2 = load_config(parse("--api-key-env", "OTHER"), env={}, path=path)
    assert c2.api_key({"OTHER": "sk-other"}) == "sk-other"


def test_key_never_shown(tmp_path: Path) -> None:
    path = write(tmp_path / "c.toml", f'[llm]\napi_key = "{KEY}"\nbase_url = "http://h:1"\nmodel = "m"\n')
    c = load_config(env={"OPENAI_API_KEY": KEY}, path=path)
    for shown in (repr(c), str(c), f"{c}", repr(dataclasses.asdict(c)), repr(c.public_dict()),
                  repr(copy.deepcopy(c))):
        assert KEY not in shown
    assert c.public_dict()["api_key_set"] is True
    assert str(Secret(KEY)) == "***" and KEY not in repr(Secret(KEY))
    with pytest.raises(TypeError):
        pickle.dumps(Secret(KEY))


@pytest.mark.parametrize("body, expected", [
    ("[llm\nbase_url = 1", "不是有效的 TOML"),
    ('[llm]\ntimeout = "soon"\n', "timeout 类型不对"),
    ("[llm]\nmax_tokens = true\n", "max_tokens 类型不对"),
    ('[llm]\nmodle = "x"\n', "未知设置 modle"),
    ("[llm]\ntemperature = 5.0\n", "temperature"),
    ('llm = "x"\n', "应当是一个表"),
    ('[llm]\nbase_url = "ftp://h"\nmodel = "m"\n', "http://"),
])
def test_bad_file_gives_one_chinese_line(tmp_path: Path, body: str, expected: str) -> None:
    path = write(tmp_path / "c.toml", body)
    with pytest.raises(ConfigError) as e:
        load_config(env={}, path=path)
    assert expected in str(e.value)
    assert "\n" not in str(e.value)


def test_bad_key_type_does_not_echo_value(tmp_path: Path) -> None:
    path = write(tmp_path / "c.toml", f'[llm]\napi_key = ["{KEY}"]\n')
    with pytest.raises(ConfigError) as e:
        load_config(env={}, path=path)
    assert KEY not in str(e.value) and "api_key" in str(e.value)


def test_non_utf8_file(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_bytes("[llm]\nmodel = '模型'\n".encode("gbk"))
    with pytest.raises(ConfigError, match="UTF-8"):
        load_config(env={}, path=path)


def test_other_tables_are_left_alone(tmp_path: Path) -> None:
    path = write(tmp_path / "c.toml", '[tui]\ntheme = "dark"\n[llm]\nmodel = "m"\n')
    assert load_config(env={}, path=path).model == "m"


def test_prompts_dir_relative_to_config_file(tmp_path: Path) -> None:
    path = write(tmp_path / "c.toml", '[llm]\nprompts_dir = "my-prompts"\n')
    assert load_config(env={}, path=path).prompts_dir == tmp_path / "my-prompts"


@pytest.mark.parametrize("argv", [["--timeout", "0"], ["--timeout", "abc"], ["--temperature", "3"],
                                  ["--max-tokens", "-1"], ["--context-budget", "x"]])
def test_bad_flags_are_usage_errors(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as e:
        parse(*argv)
    assert e.value.code == 2
    assert "应为" in capsys.readouterr().err


def test_llm_flag() -> None:
    assert parse("--llm").llm is True
    assert parse().llm is False


def test_a_typed_endpoint_does_not_inherit_the_environments_key(tmp_path: Path) -> None:
    from assistant.config import with_endpoint

    env = {"OPENAI_API_KEY": KEY, "OPENAI_BASE_URL": "http://127.0.0.1:18432/v1"}
    config = load_config(env=env, path=tmp_path / "none.toml")
    assert config.api_key(env) == KEY   # the key goes with OPENAI_BASE_URL's address
    typed = with_endpoint(config, "http://127.0.0.1:18431/v1", "m")
    assert typed.base_url.endswith("18431/v1") and typed.api_key(env) is None
    assert with_endpoint(config, "http://127.0.0.1:18432/v1/", "m").api_key(env) == KEY   # the same address
    assert with_endpoint(config, "https://api.openai.com/v1", "m").api_key(env) == KEY   # OpenAI's own
    named = load_config(env={**env, "MY_KEY": KEY}, path=tmp_path / "none.toml", api_key_env="MY_KEY")
    assert with_endpoint(named, "http://127.0.0.1:18431/v1", "m").api_key({**env, "MY_KEY": KEY}) == KEY


def test_the_files_key_goes_only_to_the_files_endpoint(tmp_path) -> None:
    import argparse

    from assistant.config import load_config, load_embeddings_config

    path = tmp_path / "config.toml"
    path.write_text('[llm]\nbase_url = "http://127.0.0.1:8104/v1"\napi_key = "sk-FILEKEY"\n'
                    '[embeddings]\nbase_url = "http://127.0.0.1:8105/v1"\napi_key = "sk-EMBKEY"\n', encoding="utf-8")
    path.chmod(0o600)
    assert load_config(None, env={}, path=path).api_key({}) == "sk-FILEKEY"
    other = argparse.Namespace(llm_base_url="http://127.0.0.1:8101/v1")
    assert load_config(other, env={}, path=path).api_key({}) is None   # (--base-url: another server)
    same = argparse.Namespace(llm_base_url="http://127.0.0.1:8104/v1/")
    assert load_config(same, env={}, path=path).api_key({}) == "sk-FILEKEY"
    assert load_config(None, env={"OPENAI_BASE_URL": "http://127.0.0.1:9/v1"}, path=path).api_key({}) is None
    assert load_embeddings_config(env={}, path=path).api_key({}) == "sk-EMBKEY"
    moved = {"ASSISTANT_EMBEDDINGS_BASE_URL": "http://127.0.0.1:9/v1"}
    assert load_embeddings_config(env=moved, path=path).api_key({}) is None
