"""Scale: the index built the fast way (per-file term streams, vectorised postings, process
pool) still equals rank-bm25's BM25Okapi bit for bit, and a changed file is the only one
analysed again. A 3,000-paragraph synthetic corpus keeps this fast; the full-size figures
come from ``benchmarks/run.py``.
"""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from assistant import index as ix
from assistant import text_analysis as ta
from assistant.engine import Engine

# Zipf-weighted, so that some words occur in more than half of the paragraphs and
# rank-bm25's epsilon floor for negative IDFs is exercised too.
WORDS = ("作风 建设 干部 群众 服务 发展 改革 创新 责任 落实 基层 调研 项目 招商 环境 效率 纪律 廉洁 学习 制度 "
         "监督 考核 担当 实干 乡村 振兴 安全 生产 经济 人才 教育 医疗 交通 文化 生态 农业 工业 企业 市场 政府 "
         "塔西佗陷阱 损失厌恶 墨菲定律 营商环境 放管服 最多跑一次 形式主义 官僚主义 享乐主义 奢靡之风").split()
PARAGRAPHS_PER_FILE = 1000
N_FILES = 3


def _paragraph(rng: random.Random) -> str:
    weights = [1.0 / (i + 1) for i in range(len(WORDS))]
    sentences = []
    for _ in range(rng.randint(1, 3)):
        words = rng.choices(WORDS, weights, k=rng.randint(3, 9))
        sentences.append("".join(words) + rng.choice("，。；"))
    return "要" + "".join(sentences).rstrip("，；") + "。"


@pytest.fixture(scope="module")
def paragraphs() -> list[list[str]]:
    rng = random.Random(6)
    return [[_paragraph(rng) for _ in range(PARAGRAPHS_PER_FILE)] for _ in range(N_FILES)]


def _write(folder: Path, files: list[list[str]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n, paras in enumerate(files):
        (folder / f"part-{n}.txt").write_text("\n".join(paras) + "\n", encoding="utf-8")
    return folder


@pytest.fixture()
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    d = tmp_path / "cache"
    monkeypatch.setenv("ASSISTANT_CACHE_DIR", str(d))
    return d


def _queries(rng: random.Random, field: str) -> list[list[str]]:
    base = [ta.analyse(q) for q in ("作风建设", "干部要深入基层调研", "什么是塔西佗陷阱?", "营商环境和放管服改革",
                                   "形式主义官僚主义", "乡村振兴与生态文化", "量子计算机")]
    out = [getattr(a, field) for a in base]
    for _ in range(40):
        a = ta.analyse("".join(rng.choices(WORDS, k=rng.randint(1, 6))))
        out.append(getattr(a, field))
    return out + [[], ["不存在的词"], ["作风", "作风", "不存在的词"]]


@pytest.mark.parametrize("field", ["words", "bigrams"])
def test_3000_paragraphs_score_like_rank_bm25(tmp_path: Path, private_cache: Path, paragraphs: list[list[str]],
                                              field: str) -> None:
    engine = Engine.load([_write(tmp_path / "corpus", paragraphs)])
    units = engine.corpus.units
    assert len(units) == PARAGRAPHS_PER_FILE * N_FILES
    docs = [getattr(ta.analyse(u.text), field) for u in units]
    p = engine.params.bm25
    ref = BM25Okapi(docs, k1=p.k1, b=p.b, epsilon=p.epsilon)
    ours: ix.FieldIndex = getattr(engine.index, field)
    assert ours.idf == ref.idf
    assert ref.average_idf * p.epsilon in ref.idf.values()  # some IDFs were negative: the floor applies
    nonzero = 0
    for q in _queries(random.Random(1), field):
        expected = ref.get_scores(q)
        assert np.array_equal(ours.scores(q), expected), q
        nonzero += bool(expected.any())
    assert nonzero > 40


def test_changed_file_is_the_only_one_analysed_again(tmp_path: Path, private_cache: Path,
                                                     paragraphs: list[list[str]],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _write(tmp_path / "corpus", paragraphs)
    Engine.load([folder])
    changed = [list(p) for p in paragraphs]
    changed[1][500] = "要用好塔西佗陷阱这面镜子，改进作风。"
    _write(folder, changed)

    analysed: list[str] = []
    real = ix._analyse_chunk

    def spy(texts: list[str], dictionary_dir: Path | None) -> ix.GroupTerms:
        analysed.extend(texts)
        return real(texts, dictionary_dir)

    monkeypatch.setattr(ix, "_analyse_chunk", spy)
    calls: list[tuple[int, int]] = []
    engine = Engine.load([folder], progress=lambda done, total: calls.append((done, total)))
    assert analysed == changed[1]  # exactly the changed file's paragraphs, in order
    assert calls[0] == (2 * PARAGRAPHS_PER_FILE, 3 * PARAGRAPHS_PER_FILE)
    assert calls[-1] == (3 * PARAGRAPHS_PER_FILE, 3 * PARAGRAPHS_PER_FILE)
    hits = engine.search("塔西佗陷阱这面镜子")
    assert hits[0].unit.text == changed[1][500]

    # The index merged from cached and fresh files equals one built from nothing.
    monkeypatch.setattr(ix, "_analyse_chunk", real)
    scratch = Engine.load([folder], use_cache=False)
    for field in ("words", "bigrams"):
        a, b = getattr(engine.index, field), getattr(scratch.index, field)
        assert a.terms == b.terms and list(a.terms) == list(b.terms)
        assert np.array_equal(a.offsets, b.offsets)
        assert np.array_equal(a.doc_ids, b.doc_ids)
        assert np.array_equal(a.impacts, b.impacts)


def test_parallel_analysis_equals_serial(private_cache: Path, paragraphs: list[list[str]]) -> None:
    groups = [(f"g{n}", paras[:600]) for n, paras in enumerate(paragraphs[:2])]
    serial = ix.analyse_groups(groups, workers=1, use_cache=False)
    parallel = ix.analyse_groups(groups, workers=2, use_cache=False)
    assert len(parallel) == len(serial) == 2
    for s, p in zip(serial, parallel):
        for field in ("words", "bigrams"):
            a, b = getattr(s, field), getattr(p, field)
            assert a.vocab == b.vocab
            assert np.array_equal(a.ids, b.ids) and np.array_equal(a.lengths, b.lengths)
    assert not private_cache.exists() or not list(private_cache.rglob("*"))  # use_cache=False writes nothing


def test_term_streams_concatenate_like_one_stream() -> None:
    rng = random.Random(3)
    docs = [rng.choices(WORDS, k=rng.randint(0, 12)) for _ in range(300)]
    whole = ix.TermStream.encode(docs)
    assert whole.docs() == docs
    parts = [ix.TermStream.encode(docs[a:b]) for a, b in ((0, 100), (100, 101), (101, 101), (101, 300))]
    joined = ix.TermStream.concat(parts)
    assert joined.vocab == whole.vocab  # first-occurrence order, as BM25Okapi's document frequencies
    assert np.array_equal(joined.ids, whole.ids)
    assert np.array_equal(joined.lengths, whole.lengths)
    assert joined.docs() == docs
    empty = ix.TermStream.concat([])
    assert empty.n_docs == 0 and empty.docs() == []
