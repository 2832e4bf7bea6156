"""The on-disk index cache under faults (issue 7): truncated, corrupt, from an older version,
unwritable, shared by two processes. Each is detected and rebuilt (or the run goes on without
a cache) with exactly one warning line, and the answers stay the same.
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Callable

import numpy as np
import pytest

from assistant import index as index_module
from assistant.cli import main
from assistant.engine import Engine
from assistant.index import bundle_path
from cli_helpers import run

ROOT = Path(__file__).resolve().parent.parent
QUESTION = "乡村振兴的基础是什么?"


def ask_cli(capsys: pytest.CaptureFixture[str], corpus: Path) -> tuple[int, str, list[str]]:
    code, out, err = run(capsys, "ask", QUESTION, "--corpus", str(corpus))
    return code, out, err.strip().splitlines()


def answer_ids(eng: Engine) -> list[str]:
    return [c.unit.id for c in eng.ask(QUESTION).citations]


def _truncate(p: Path) -> None:
    data = p.read_bytes()
    p.write_bytes(data[: len(data) // 3])


def _garbage(p: Path) -> None:
    p.write_bytes(os.urandom(4096))


def _empty(p: Path) -> None:
    p.write_bytes(b"")


def _other_version_object(p: Path) -> None:
    # A valid archive of another shape (another cache's, or an older layout).
    np.savez(p, format=np.array([1]), units=np.zeros(0))


def _pickle(p: Path) -> None:
    # A pickle under the archive's name (what older releases wrote): refused, never unpickled.
    p.write_bytes(pickle.dumps({"format": 1, "units": [], "index": None}))


def _object_array(p: Path) -> None:
    # An archive whose member is an object array, the one kind that numpy would unpickle.
    arrays = dict(np.load(p))
    arrays["corpus"] = np.array([{"units": []}], dtype=object)
    np.savez(p, **arrays)


def _stale_key(p: Path) -> None:
    # A well-formed bundle whose index belongs to other settings (key mismatch).
    arrays = dict(np.load(p))
    meta = json.loads(arrays["meta"].tobytes())
    meta["key"] = "0" * 20
    arrays["meta"] = np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8)
    np.savez(p, **arrays)


def _wrong_shape(p: Path) -> None:
    # Arrays of the right names and types that do not fit together: postings past the end.
    arrays = dict(np.load(p))
    arrays["words_doc_ids"] = arrays["words_doc_ids"] + 10_000
    np.savez(p, **arrays)


DAMAGE: dict[str, Callable[[Path], None]] = {
    "truncated": _truncate, "garbage": _garbage, "empty": _empty, "other-object": _other_version_object,
    "pickle": _pickle, "object-array": _object_array, "stale-key": _stale_key, "wrong-shape": _wrong_shape,
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_damaged_bundle_is_rebuilt_with_one_warning(corpus: Path, cache: Path, damage: str,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    first = Engine.load([corpus])
    expected = answer_ids(first)
    bundle = bundle_path(first.index.key)
    assert bundle.is_file()
    DAMAGE[damage](bundle)

    code, out, err = ask_cli(capsys, corpus)
    assert code == 0 and "产业兴旺" in out
    assert len(err) == 1, err
    assert err[0].startswith("提示:") and "缓存" in err[0] and "重建" in err[0]
    assert "Traceback" not in out

    # Rebuilt and valid again: silent, same answer.
    warnings: list[str] = []
    again = Engine.load([corpus], warn=warnings.append)
    assert warnings == [] and answer_ids(again) == expected


def test_a_damaged_analysis_file_alone_is_said_once(corpus: Path, cache: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    # (A new user replaced analysis/*.npz with garbage: it was rebuilt without a word.)
    first = Engine.load([corpus])
    expected = answer_ids(first)
    bundle_path(first.index.key).unlink()   # the bundle is rebuilt from the analyses, which are read
    analyses = list((cache / "analysis").glob("*.npz"))
    assert analyses
    for p in analyses:
        _garbage(p)
    code, out, err = ask_cli(capsys, corpus)
    assert code == 0 and len(err) == 1 and "缓存" in err[0] and "重建" in err[0], err
    assert answer_ids(Engine.load([corpus])) == expected


def test_every_cache_file_damaged_still_one_warning(corpus: Path, cache: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    first = Engine.load([corpus])
    expected = answer_ids(first)
    files = [p for p in cache.rglob("*.npz")]
    assert len(files) >= 2        # the bundle and more (per-file analyses, dictionary shards)
    for p in files:
        _truncate(p)
    code, out, err = ask_cli(capsys, corpus)
    assert code == 0 and len(err) == 1 and "重建" in err[0], err
    assert answer_ids(Engine.load([corpus])) == expected


def test_bundle_of_an_older_cache_format_is_ignored(corpus: Path, cache: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Older releases wrote under other names (the format is part of the key): never read."""
    with monkeypatch.context() as m:
        m.setattr(index_module, "CACHE_FORMAT", index_module.CACHE_FORMAT - 1)
        old = Engine.load([corpus])
    old_files = set(cache.rglob("*.npz"))
    warnings: list[str] = []
    new = Engine.load([corpus], warn=warnings.append)
    assert new.index.key != old.index.key
    assert warnings == []              # an upgrade is not a fault: nothing to warn about
    assert set(cache.rglob("*.npz")) - old_files   # the new format was written beside
    assert answer_ids(new) == answer_ids(old)


def test_unreadable_bundle_is_rebuilt(corpus: Path, cache: Path) -> None:
    first = Engine.load([corpus])
    bundle = bundle_path(first.index.key)
    bundle.unlink()
    bundle.mkdir()                      # a directory where the file should be: reading fails
    warnings: list[str] = []
    eng = Engine.load([corpus], warn=warnings.append)
    assert len(warnings) == 1, warnings
    assert answer_ids(eng) == answer_ids(first)


def test_cache_path_is_a_file(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                              capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv("ASSISTANT_CACHE_DIR", str(blocker))
    monkeypatch.setenv("COLUMNS", "400")
    for _ in range(2):                  # and again: nothing was cached, still one line
        code, out, err = ask_cli(capsys, corpus)
        assert code == 0 and "产业兴旺" in out
        assert len(err) == 1, err
        assert "无法写入" in err[0] and "缓存" in err[0] and str(blocker) in err[0]
    assert blocker.read_text(encoding="utf-8") == "not a directory"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes into read-only directories")
def test_read_only_cache_directory(corpus: Path, cache: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cache.mkdir()
    cache.chmod(0o555)
    try:
        code, out, err = ask_cli(capsys, corpus)
    finally:
        cache.chmod(0o755)
    assert code == 0 and "产业兴旺" in out
    assert len(err) == 1 and "无法写入" in err[0], err


def test_read_only_cache_directory_simulated(corpus: Path, cache: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    """The same as above when the tests run as root: every attempt to create a file fails."""
    import tempfile

    def refuse(*_a, **_k):  # type: ignore[no-untyped-def]
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    code, out, err = ask_cli(capsys, corpus)
    assert code == 0 and "产业兴旺" in out
    assert len(err) == 1 and "无法写入" in err[0] and "没有权限" in err[0], err
    assert not list(cache.rglob("*.npz"))


def test_no_cache_flag_never_touches_a_broken_cache(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("ASSISTANT_CACHE_DIR", str(blocker))
    code = main(["ask", QUESTION, "--corpus", str(corpus), "--no-cache"])
    out, err = capsys.readouterr()
    assert code == 0 and "产业兴旺" in out and err == ""


def test_two_processes_building_the_same_cache(corpus: Path, cache: Path) -> None:
    env = dict(os.environ, ASSISTANT_CACHE_DIR=str(cache), PYTHONPATH=str(ROOT))
    argv = [sys.executable, "-m", "assistant.cli", "ask", "--json", QUESTION, "--corpus", str(corpus)]
    procs = [subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for _ in range(2)]
    results = [p.communicate(timeout=120) for p in procs]
    for p, (out, err) in zip(procs, results):
        assert p.returncode == 0, err.decode()
        assert b"Traceback" not in err
    answers = [json.loads(out) for out, _ in results]
    for a in answers:
        a.pop("elapsed_ms")
    assert answers[0] == answers[1] and answers[0]["citations"]
    assert not [p for p in cache.rglob("*") if p.name.startswith(".tmp")]   # no temp files left behind
    warnings: list[str] = []
    Engine.load([corpus], warn=warnings.append)
    assert warnings == []
