"""The BM25 index equals rank-bm25's BM25Okapi; the on-disk cache survives faults."""

from __future__ import annotations

import json
import math
import shutil
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from assistant import text_analysis as ta
from assistant.engine import Engine, RetrievalParams
from assistant.index import BM25Params, FieldIndex, cache_dir

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ROOT / "tests" / "data" / "questions.jsonl"

PARAMS = [BM25Params(1.5, 0.75), BM25Params(1.2, 0.5, 0.25), BM25Params(0.9, 0.4, 0.1)]


def _questions() -> list[str]:
    return [json.loads(line)["question"] for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def analysed_units(seed_corpus) -> list[ta.Analysed]:  # type: ignore[no-untyped-def]
    return [ta.analyse(u.text) for u in seed_corpus.units]


def _queries(field: str) -> list[list[str]]:
    out = []
    for q in _questions():
        a = ta.analyse(q)
        out.append(a.words if field == "words" else a.bigrams)
    extra = [
        ["作风", "作风", "作风"],                     # repeated query term
        ["作风建设", "塔西佗陷阱", "作风建设"],
        ["不存在的词xyz", "量子计算"],                # unknown terms only
        ["作风", "不存在的词xyz", "干部"],            # known and unknown mixed
        [],                                          # empty query
        ["的"],                                      # a stop word never indexed
    ]
    if field == "bigrams":
        extra += [["作风", "风建", "建设", "作风"], ["塔西", "西佗", "佗陷", "陷阱"]]
    return out + extra


@pytest.mark.parametrize("params", PARAMS, ids=str)
@pytest.mark.parametrize("field", ["words", "bigrams"])
def test_scores_equal_rank_bm25_on_seed(analysed_units, field: str, params: BM25Params) -> None:  # type: ignore[no-untyped-def]
    docs = [getattr(a, field) for a in analysed_units]
    ours = FieldIndex.build(docs, params)
    ref = BM25Okapi(docs, k1=params.k1, b=params.b, epsilon=params.epsilon)
    queries = _queries(field)
    assert len(queries) > 80
    nonzero = 0
    for q in queries:
        expected = ref.get_scores(q)
        got = ours.scores(q)
        # Bit-identical: same expression, same order of additions.
        assert np.array_equal(got, expected), (q, np.max(np.abs(got - expected)))
        nonzero += bool(expected.any())
    assert nonzero > 70  # the comparison is not vacuous
    assert ours.idf == ref.idf


def test_engine_index_fields_equal_rank_bm25(engine, analysed_units) -> None:  # type: ignore[no-untyped-def]
    p = engine.params.bm25
    for field, fi in (("words", engine.index.words), ("bigrams", engine.index.bigrams)):
        docs = [getattr(a, field) for a in analysed_units]
        ref = BM25Okapi(docs, k1=p.k1, b=p.b, epsilon=p.epsilon)
        for q in _queries(field)[:30]:
            assert np.array_equal(fi.scores(q), ref.get_scores(q))


def test_search_ranks_like_rank_bm25_with_plain_params(seed_corpus, analysed_units) -> None:  # type: ignore[no-untyped-def]
    # Without bigrams, heading weighting, the speech prior and the neighbourhood's statistics
    # the ranking is plain BM25Okapi.
    params = RetrievalParams(use_bigrams=False, heading_weight=1.0, speech_prior=0.0).tuned(scoring="okapi")
    eng = Engine.load(params=params)
    ref = BM25Okapi([a.words for a in analysed_units], k1=params.bm25.k1, b=params.bm25.b, epsilon=params.bm25.epsilon)
    ids = [u.id for u in seed_corpus.units]
    for q in ["塔西佗陷阱", "作风建设 干部", "损失厌恶", "项目攻坚破难活动", "招商引资 营商环境"]:
        hits = eng.search(q, k=10)
        expected = ref.get_scores(ta.analyse(q, eng.query_tokenizer, hmm=params.query_hmm).words)
        assert hits
        assert [h.score for h in hits] == sorted(expected[expected > 0].tolist(), reverse=True)[:10]
        for h in hits:
            assert h.score == expected[ids.index(h.unit.id)]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_scores_equal_rank_bm25_on_random_corpus(seed: int) -> None:
    rng = np.random.default_rng(seed)
    vocab = [f"w{i}" for i in range(30)]
    # Zipf-like: a few terms occur in most documents, so negative IDFs (epsilon floor) occur.
    weights = 1.0 / np.arange(1, len(vocab) + 1)
    weights /= weights.sum()
    docs = [list(rng.choice(vocab, size=int(rng.integers(1, 40)), p=weights)) for _ in range(120)]
    params = BM25Params(float(rng.uniform(0.5, 2.0)), float(rng.uniform(0.1, 1.0)), 0.25)
    ours = FieldIndex.build(docs, params)
    ref = BM25Okapi(docs, k1=params.k1, b=params.b, epsilon=params.epsilon)
    df = Counter(w for d in docs for w in set(d))
    assert any(n > len(docs) / 2 for n in df.values())  # the epsilon floor is exercised
    for _ in range(60):
        q = list(rng.choice(vocab + ["unknown"], size=int(rng.integers(1, 8))))
        assert np.array_equal(ours.scores(q), ref.get_scores(q)), q


# ---- scoped scores (the question's neighbourhood) --------------------------------------
def _random_docs(seed: int, n: int = 150) -> list[list[str]]:
    rng = np.random.default_rng(seed)
    vocab = [f"w{i}" for i in range(30)]
    weights = 1.0 / np.arange(1, len(vocab) + 1)
    weights /= weights.sum()
    return [list(rng.choice(vocab, size=int(rng.integers(1, 40)), p=weights)) for _ in range(n)]


def _reference_over(docs: list[list[str]], params: BM25Params) -> tuple[BM25Okapi, int]:
    """rank-bm25 over ``docs``, its floor for negative IDFs replaced by the scoped one.

    rank-bm25 floors at epsilon x the vocabulary's mean IDF; scoped scores floor at
    epsilon x the IDF of a term found once, so that the floor depends on the scope alone.
    Returns the reference and how many of its IDFs are floored.
    """
    ref = BM25Okapi(docs, k1=params.k1, b=params.b, epsilon=params.epsilon)
    n = len(docs)
    floor = params.epsilon * (math.log(n - 1 + 0.5) - math.log(1 + 0.5))
    floored = 0
    for t, df in Counter(t for d in docs for t in set(d)).items():
        if math.log(n - df + 0.5) - math.log(df + 0.5) < 0:
            ref.idf[t] = floor
            floored += 1
    return ref, floored


@pytest.mark.parametrize("params", PARAMS, ids=str)
@pytest.mark.parametrize("field", ["words", "bigrams"])
def test_scoped_scores_over_whole_corpus_equal_rank_bm25(analysed_units, field: str, params: BM25Params) -> None:  # type: ignore[no-untyped-def]
    docs = [getattr(a, field) for a in analysed_units]
    ours = FieldIndex.build(docs, params)
    ref, floored = _reference_over(docs, params)
    assert floored  # 作风, 要 ... are in more than half the units: the floor is exercised
    everything = np.ones(len(docs), dtype=bool)
    norms = ours.length_norms(np.zeros(len(docs), dtype=np.int64))
    for q in _queries(field):
        assert np.array_equal(ours.scoped_scores(q, everything, norms), ref.get_scores(q)), q


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_scoped_scores_equal_rank_bm25_over_the_scope(seed: int) -> None:
    """Inside a scope that is one source, scores are BM25Okapi's over the scope's documents alone."""
    docs = _random_docs(seed)
    rng = np.random.default_rng(100 + seed)
    source = (np.arange(len(docs)) >= 60).astype(np.int64)   # documents 0-59 are source 0
    params = BM25Params(float(rng.uniform(0.5, 2.0)), float(rng.uniform(0.1, 1.0)), 0.25)
    ours = FieldIndex.build(docs, params)
    ref, floored = _reference_over(docs[:60], params)
    assert floored
    norms = ours.length_norms(source)
    nonzero = 0
    for _ in range(60):
        q = list(rng.choice([f"w{i}" for i in range(30)], size=int(rng.integers(1, 8))))
        got = ours.scoped_scores(q, source == 0, norms)[:60]
        assert np.array_equal(got, ref.get_scores(q)), q
        nonzero += bool(got.any())
    assert nonzero > 40


def test_scoped_scores_outside_the_scope_use_the_scopes_idf_and_their_own_sources_length() -> None:
    docs = _random_docs(7)
    params = BM25Params(1.2, 0.5, 0.25)
    ours = FieldIndex.build(docs, params)
    source = np.repeat(np.arange(3), 50)
    in_scope = source == 1
    norms = ours.length_norms(source)
    q = ["w14", "w20", "w20", "w27"]
    got = ours.scoped_scores(q, in_scope, norms)
    n = int(in_scope.sum())
    for d, doc in enumerate(docs):
        avgdl = np.mean([len(docs[j]) for j in range(len(docs)) if source[j] == source[d]])
        expected = 0.0
        for t in q:
            df = sum(t in docs[j] for j in range(len(docs)) if in_scope[j])
            idf = math.log(n - df + 0.5) - math.log(df + 0.5)
            assert idf > 0
            tf = doc.count(t)
            expected += idf * tf * (params.k1 + 1) / (tf + params.k1 * (1 - params.b + params.b * len(doc) / avgdl))
        assert got[d] == pytest.approx(expected, rel=1e-12, abs=1e-12)


def test_scoped_scores_refuse_a_scope_without_statistics() -> None:
    ours = FieldIndex.build(_random_docs(3, 20), BM25Params())
    scope = np.zeros(20, dtype=bool)
    scope[:2] = True
    with pytest.raises(ValueError):
        ours.scoped_scores(["w1"], scope, ours.length_norms(np.zeros(20, dtype=np.int64)))


# ---- cache ---------------------------------------------------------------------------
# These tests look at the cache only from outside (files in the cache directory, warnings,
# results), so the cache layout may change without breaking them.
@pytest.fixture()
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    d = tmp_path / "cache"
    monkeypatch.setenv("ASSISTANT_CACHE_DIR", str(d))
    return d


def _cache_files(d: Path) -> list[Path]:
    return sorted(p for p in d.rglob("*.npz") if not p.name.startswith("."))


def _snapshot(eng: Engine) -> list[tuple[str, float]]:
    return [(h.unit.id, h.score) for q in ("乡村振兴", "安全生产 责任", "产业发展") for h in eng.search(q)]


def _no_build(*_a, **_k):  # type: ignore[no-untyped-def]
    raise AssertionError("index rebuilt although a valid cache exists")


def test_cache_is_written_and_used(private_cache: Path, own_corpus_dir: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    warnings: list[str] = []
    first = Engine.load([own_corpus_dir], warn=warnings.append)
    assert warnings == []
    assert _cache_files(private_cache)
    assert cache_dir() == private_cache
    monkeypatch.setattr(FieldIndex, "build", classmethod(_no_build))
    second = Engine.load([own_corpus_dir], warn=warnings.append)
    assert warnings == []
    assert _snapshot(second) == _snapshot(first)


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "other-object"])
def test_corrupt_cache_warns_and_rebuilds(private_cache: Path, own_corpus_dir: Path, damage: str) -> None:
    first = Engine.load([own_corpus_dir])
    expected = _snapshot(first)
    files = _cache_files(private_cache)
    assert files
    for path in files:
        data = path.read_bytes()
        if damage == "garbage":
            path.write_bytes(b"\x80\x05not a pickle at all" * 10)
        elif damage == "truncated":
            path.write_bytes(data[: len(data) // 2])
        elif damage == "empty":
            path.write_bytes(b"")
        else:  # another cache's archive, or an older format: valid arrays of something else
            np.savez(path, format=np.array([1]), units=np.zeros(3))
    warnings: list[str] = []
    again = Engine.load([own_corpus_dir], warn=warnings.append)
    assert len(warnings) == 1, warnings  # one warning line, not one per file
    assert "重建" in warnings[0]
    assert _snapshot(again) == expected
    # The rebuilt cache is valid again: a third load is silent and does not rebuild.
    warnings.clear()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(FieldIndex, "build", classmethod(_no_build))
        third = Engine.load([own_corpus_dir], warn=warnings.append)
    assert warnings == []
    assert _snapshot(third) == expected


def test_changed_corpus_rebuilds(private_cache: Path, own_corpus_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "speeches"
    shutil.copytree(own_corpus_dir, folder)
    old = Engine.load([folder])
    assert [h.unit.id for h in old.search("人工智能")] == []
    f = folder / "安全生产会议讲话.txt"
    f.write_text(f.read_text(encoding="utf-8") + "\n四是用好人工智能。推广人工智能巡检。\n", encoding="utf-8")
    warnings: list[str] = []
    new = Engine.load([folder], warn=warnings.append)
    assert warnings == []
    assert new.corpus.fingerprint != old.corpus.fingerprint
    assert new.index.key != old.index.key
    hits = new.search("人工智能")
    assert hits and "人工智能" in hits[0].unit.text
    assert new.corpus.get(hits[0].unit.id) is not None


def test_changed_params_change_key(private_cache: Path, own_corpus_dir: Path) -> None:
    a = Engine.load([own_corpus_dir])
    b = Engine.load([own_corpus_dir], params=RetrievalParams().tuned(k1=RetrievalParams().bm25.k1 + 0.6))
    assert a.index.key != b.index.key
    assert Engine.load([own_corpus_dir]).index.key == a.index.key
    assert [h.score for h in a.search("乡村振兴")] != [h.score for h in b.search("乡村振兴")]


def test_unwritable_cache_dir_warns_and_works(tmp_path: Path, own_corpus_dir: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache directory should be", encoding="utf-8")
    monkeypatch.setenv("ASSISTANT_CACHE_DIR", str(blocker / "cache"))
    warnings: list[str] = []
    eng = Engine.load([own_corpus_dir], warn=warnings.append)
    assert len(warnings) == 1, warnings  # one warning line, not one per cache file
    assert "无法写入" in warnings[0] and "缓存" in warnings[0]
    hits = eng.search("乡村振兴")
    assert hits and "乡村振兴" in hits[0].unit.text


def test_no_cache_writes_nothing(private_cache: Path, own_corpus_dir: Path) -> None:
    eng = Engine.load([own_corpus_dir], use_cache=False)
    assert eng.search("乡村振兴")
    assert not private_cache.exists() or not list(private_cache.rglob("*"))
