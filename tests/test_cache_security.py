"""The on-disk caches are data, never code, in a directory only the user can write; they stay
bounded; jieba's dictionary comes from the project's cache and is part of the cache key.
"""

from __future__ import annotations

import marshal
import os
import pickle
import shutil
import tempfile
import time
from pathlib import Path

import pytest

from assistant import cache_files as cf
from assistant import index as ix
from assistant import text_analysis as ta
from assistant.engine import Engine
from cli_helpers import run

QUESTION = "乡村振兴的基础是什么?"


def ask_cli(capsys: pytest.CaptureFixture[str], corpus: Path) -> tuple[int, str, list[str]]:
    code, out, err = run(capsys, "ask", QUESTION, "--corpus", str(corpus))
    return code, out, err.strip().splitlines()

@pytest.fixture()
def fresh_tokenizer(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forget the process-wide jieba tokenizer, so that a test sees it being built."""
    monkeypatch.setattr(ta, "_tokenizer", None)


class _Payload:
    """What an attacker writes: unpickling it runs a shell command."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (os.system, (f"touch {self.marker}",))


# ---- 1. data, never code ---------------------------------------------------------------
def test_planted_pickles_never_run_and_the_cache_is_rebuilt(corpus: Path, cache: Path, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    first = Engine.load([corpus])
    first.ask(QUESTION)                      # writes the query dictionary too
    expected = [c.unit.id for c in first.ask(QUESTION).citations]
    marker = tmp_path / "pwned"
    evil = pickle.dumps(_Payload(marker))
    bundle = ix.bundle_path(first.index.key)
    targets = [bundle, bundle.with_suffix(".pkl"), ta.shards_path(cache),
               *(cache / "analysis").iterdir()]
    for p in targets:
        p.write_bytes(evil)

    code, out, err = ask_cli(capsys, corpus)
    assert code == 0 and "产业兴旺" in out
    assert not marker.exists(), "a cache file ran code"
    assert len(err) == 1 and "缓存" in err[0] and "重建" in err[0], err
    # Rebuilt as data: the next start is silent and answers the same.
    warnings: list[str] = []
    again = Engine.load([corpus], warn=warnings.append)
    assert warnings == [] and [c.unit.id for c in again.ask(QUESTION).citations] == expected
    assert not marker.exists()
    assert not list(cache.rglob("*.pkl"))    # older releases' pickles are deleted, never read


def test_cache_files_are_not_pickles(corpus: Path, cache: Path) -> None:
    Engine.load([corpus]).ask(QUESTION)
    files = [p for p in cache.rglob("*") if p.is_file()]
    assert {p.suffix for p in files} <= {".npz", ".bin"}, files
    for p in files:
        with pytest.raises(Exception):
            pickle.loads(p.read_bytes())


def test_damaged_query_dictionary_is_rebuilt_mid_question(corpus: Path, cache: Path) -> None:
    eng = Engine.load([corpus])
    expected = [(h.unit.id, h.score) for h in eng.search(QUESTION)]
    path = ta.shards_path(cache)
    shards = ta.DictionaryShards.load(path)
    assert shards is not None
    data = bytearray(path.read_bytes())
    i = shards.chars.index("乡")             # a shard the question needs: one of its words altered
    at = len(data) - len(shards.blob) + int(shards.byte_bounds[i]) + 3
    data[at] ^= 0x01
    path.write_bytes(bytes(data))
    fresh = Engine.load([corpus])            # as a new process would: reads the damaged file
    assert [(h.unit.id, h.score) for h in fresh.search(QUESTION)] == expected
    rebuilt = ta.DictionaryShards.load(path)
    assert rebuilt is not None and rebuilt.all() == shards.all()


# ---- 1b. a directory others can write to is refused ------------------------------------
def test_world_writable_cache_dir_is_refused(corpus: Path, cache: Path, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    cache.mkdir()
    cache.chmod(0o777)
    marker = tmp_path / "pwned"
    (cache / "planted.npz").write_bytes(pickle.dumps(_Payload(marker)))
    for _ in range(2):
        code, out, err = ask_cli(capsys, corpus)
        assert code == 0 and "产业兴旺" in out
        assert len(err) == 1 and "缓存目录" in err[0] and "其他用户写入" in err[0] and "777" in err[0], err
    assert sorted(p.name for p in cache.iterdir()) == ["planted.npz"]   # nothing read, nothing written
    assert not marker.exists()


def test_group_writable_cache_dir_is_refused(corpus: Path, cache: Path) -> None:
    cache.mkdir()
    cache.chmod(0o770)
    warnings: list[str] = []
    eng = Engine.load([corpus], warn=warnings.append)
    assert len(warnings) == 1 and "其他用户写入" in warnings[0]
    assert eng.search(QUESTION) and not list(cache.iterdir())


def test_cache_dir_of_another_user_is_refused(corpus: Path, cache: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    cache.mkdir(mode=0o700)
    if os.geteuid() == 0:
        os.chown(cache, 12345, 12345)        # as root: really hand it to someone else
    else:
        monkeypatch.setattr(os, "getuid", lambda: cache.stat().st_uid + 1)
    code, out, err = ask_cli(capsys, corpus)
    assert code == 0 and "产业兴旺" in out
    assert len(err) == 1 and "缓存目录" in err[0] and "不属于当前用户" in err[0], err
    assert not list(cache.iterdir())


def test_new_cache_dir_is_private(corpus: Path, cache: Path) -> None:
    Engine.load([corpus]).ask(QUESTION)
    for d in (cache, cache / "analysis"):
        assert d.stat().st_mode & 0o077 == 0, oct(d.stat().st_mode)


# ---- 2. leftovers ----------------------------------------------------------------------
def _age(p: Path, seconds: float) -> None:
    t = time.time() - seconds
    os.utime(p, (t, t))


def test_stale_temporary_files_are_removed(corpus: Path, cache: Path, tmp_path: Path) -> None:
    Engine.load([corpus])
    stale = [cache / ".tmp-killed.npz", cache / "analysis" / ".tmp-diskfull.npz"]
    young = cache / ".tmp-writing-now.npz"   # another process may be writing it right now
    for p in [*stale, young]:
        p.write_bytes(b"half a file")
    for p in stale:
        _age(p, 3600)
    Engine.load([corpus])                    # a warm start tidies the cache directory
    assert not stale[0].exists() and young.exists()
    other = tmp_path / "other"               # a build (another corpus) tidies analysis/ too
    shutil.copytree(corpus, other)
    (other / "extra.txt").write_text("一、新的内容\n推进乡村振兴的新举措。\n", encoding="utf-8")
    Engine.load([other])
    assert not stale[1].exists()


def test_a_failed_write_leaves_no_temporary_file(corpus: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import numpy as np

    def disk_full(f, **_arrays):  # type: ignore[no-untyped-def]
        f.write(b"PK\x03\x04 partial")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(np, "savez", disk_full)
    warnings: list[str] = []
    eng = Engine.load([corpus], warn=warnings.append)
    assert eng.search(QUESTION)
    assert len(warnings) == 1 and "磁盘已满" in warnings[0]
    assert not [p for p in cache.rglob("*") if p.is_file() and p.suffix == ".npz"]
    assert not [p for p in cache.rglob(".tmp-*")]


def test_analysis_dir_stays_bounded(own_corpus_dir: Path, cache: Path, tmp_path: Path) -> None:
    """Each corpus change leaves a new bundle and new analyses; only the recent ones stay."""
    sources = sorted(own_corpus_dir.glob("*.txt"))
    corpora = []
    for n in range(ix.KEEP_BUNDLES + 3):
        folder = tmp_path / f"corpus-{n}"
        folder.mkdir()
        for src in sources:                  # every file differs from every other corpus's
            (folder / src.name).write_text(src.read_text(encoding="utf-8") + f"\n第{n}次修订。\n", encoding="utf-8")
        corpora.append(folder)
    for folder in corpora:
        Engine.load([folder])
        for p in cache.rglob("*"):
            _age(p, 3600)                    # as if the builds were far apart
    bundles = list(cache.glob("bundle-*.npz"))
    analyses = list((cache / "analysis").iterdir())
    assert len(bundles) == ix.KEEP_BUNDLES
    assert len(analyses) == ix.KEEP_BUNDLES * len(sources), len(analyses)
    # The kept analyses are the recent corpora's: changing one file of the last one re-analyses one file.
    last = corpora[-1]
    f = last / sources[0].name
    f.write_text(f.read_text(encoding="utf-8") + "\n补充一句。\n", encoding="utf-8")
    analysed: list[int] = []
    real = ix._analyse_chunk
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(ix, "_analyse_chunk", lambda texts, d: analysed.append(len(texts)) or real(texts, d))
        Engine.load([last])
    assert len(analysed) == 1


# ---- 3. jieba's dictionary -------------------------------------------------------------
def _planted_jieba_cache(directory: Path) -> None:
    """jieba's cache format (marshal of FREQ, total) with 塔西佗陷阱 unknown and 乡村 rare."""
    jieba = ta._import_jieba()
    tok = jieba.Tokenizer()
    freq, total = tok.gen_pfdict(tok.get_dict_file())
    freq["乡村"] = 1
    for name in ("jieba.cache", f"jieba.u{'0' * 32}.cache"):
        with (directory / name).open("wb") as f:
            marshal.dump((freq, total), f)


@pytest.mark.usefixtures("fresh_tokenizer")
def test_jieba_cache_in_the_temp_dir_is_neither_read_nor_written(corpus: Path, cache: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    shared_tmp = tmp_path / "shared-tmp"
    shared_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(shared_tmp))
    reference = [(h.unit.id, h.score) for h in Engine.load([corpus], use_cache=False).search("乡村振兴战略")]
    assert list(shared_tmp.iterdir()) == []  # --no-cache: jieba wrote nothing there
    assert not cache.exists()                # ... nor anywhere else

    monkeypatch.setattr(ta, "_tokenizer", None)
    _planted_jieba_cache(shared_tmp)
    planted = sorted(shared_tmp.iterdir())
    eng = Engine.load([corpus])
    assert [(h.unit.id, h.score) for h in eng.search("乡村振兴战略")] == reference
    assert sorted(shared_tmp.iterdir()) == planted
    # jieba's dictionary is kept in the project's cache, named by the dictionaries' hash.
    shards = ta.shards_path(cache)
    assert shards.parent == cache and ta.analysis_fingerprint() in shards.name and shards.is_file()


@pytest.mark.usefixtures("fresh_tokenizer")
def test_changed_dictionary_changes_the_cache_key(corpus: Path, cache: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    before = Engine.load([corpus])
    old_key, old_shards = before.index.key, ta.shards_path(cache)
    changed = tmp_path / "dict.txt"
    changed.write_bytes(ta.jieba_dictionary_path().read_bytes() + "乡村振兴的基础 100000 n\n".encode())
    monkeypatch.setattr(ta, "jieba_dictionary_path", lambda: changed)
    monkeypatch.setattr(ta, "_tokenizer", None)
    ta.analysis_fingerprint.cache_clear()
    try:
        after = Engine.load([corpus])
        assert after.index.key != old_key and ta.shards_path(cache) != old_shards
        assert "乡村振兴的基础" in after.index.words.terms       # built with the changed dictionary
        assert "乡村振兴的基础" not in before.index.words.terms
    finally:
        ta.analysis_fingerprint.cache_clear()


def test_stop_words_and_domain_dictionary_are_in_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    base = ta.analysis_fingerprint()
    real = ta._data_text
    for name in ("stopwords.txt", "domain_dict.txt"):
        ta.analysis_fingerprint.cache_clear()
        monkeypatch.setattr(ta, "_data_text", lambda n, name=name: real(n) + ("新词\n" if n == name else ""))
        try:
            assert ta.analysis_fingerprint() != base
        finally:
            monkeypatch.setattr(ta, "_data_text", real)
            ta.analysis_fingerprint.cache_clear()
    assert ta.analysis_fingerprint() == base


def test_shard_file_round_trip() -> None:
    freq = {"乡": 5, "乡村": 3, "乡村振兴": 0, "a": 1, "": 7}
    shards = ta.DictionaryShards.of(freq, 99)
    assert shards.shard("乡") == {"乡": 5, "乡村": 3, "乡村振兴": 0}
    assert shards.all() == {k: v for k, v in freq.items() if k} and shards.shard("无") == {}


def test_strings_round_trip_and_refuse_nul() -> None:
    for strings in ([], [""], ["", ""], ["乡村", "a b", "🙂"]):
        assert cf.unpack_strings(cf.pack_strings(strings)) == strings
    with pytest.raises(ValueError):
        cf.pack_strings(["a\0b"])
