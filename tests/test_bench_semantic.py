"""benchmarks/semantic.py: the pieces run.py's semantic figures are built from, on small inputs
(the full-size figures come from ``benchmarks/run.py``)."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.embeddings import dense_scores
from benchmarks import semantic as sem


def test_unit_matrix_rows_are_unit_vectors_and_seeded() -> None:
    m = sem.unit_matrix(50, 8, seed=4)
    assert m.dtype == np.float32 and m.shape == (50, 8)
    np.testing.assert_allclose(np.linalg.norm(m, axis=1), 1.0, rtol=1e-5)
    np.testing.assert_array_equal(m, sem.unit_matrix(50, 8, seed=4))


def test_dense_scoring_times_every_question_each_way() -> None:
    m = sem.unit_matrix(3 * sem.CANDIDATES, 16)
    rng = np.random.default_rng(0)
    cands = [rng.choice(len(m), sem.CANDIDATES, replace=False) for _ in range(4)]
    d = sem.dense_scoring(m, cands, repeat=2)
    assert set(d) == {"full_ms", "rows_ms", "select_and_rows_ms", "rows_einsum_ms"}
    assert all(len(v) == 8 and min(v) >= 0 for v in d.values())


def test_einsum_over_rows_equals_dense_scores() -> None:
    # The benchmark reports einsum as a drop-in for the candidate rows: the same scores
    # up to float32 summation order.
    m = sem.unit_matrix(500, 16)
    q, rows = m[7], np.arange(0, 500, 3)
    np.testing.assert_allclose(np.einsum("ij,j->i", m[rows], q), dense_scores(m, q, rows), atol=1e-6)


def test_sample_texts_spread_over_the_corpus() -> None:
    texts = [f"t{i}" for i in range(1000)]
    sample = sem.sample_texts(texts, 200)
    assert len(sample) == 200 and sample[0] == "t0" and sample[-1] == "t995"
    assert sem.sample_texts(texts[:50], 200) == texts[:50]


def test_throughput_counts_characters_and_batches() -> None:
    calls: list[int] = []

    def embed(texts: list[str], progress) -> np.ndarray:  # type: ignore[no-untyped-def]
        calls.append(len(texts))
        for done in range(4, len(texts) + 1, 4):
            progress(done, len(texts))
        return np.ones((len(texts), 3), np.float32)

    texts = ["讲话" * (i + 1) for i in range(12)]
    figures, vectors = sem.throughput(embed, texts)
    assert calls == [2, 12]            # a warm-up call, then the timed one
    assert figures["chars"] == sum(map(len, texts)) and figures["units"] == 12
    assert len(figures["batch_chars_per_s"]) == 3 and figures["chars_per_s"] > 0
    assert vectors.shape == (12, 3)


def test_vector_memory_in_mib() -> None:
    v = sem.vector_memory(2**20, 384, bytes_per_row=800.0)
    assert v["float16_raw_mib"] == 768 and v["float32_memory_mib"] == 1536
    assert v["float16_disk_mib"] == pytest.approx(800.0)
    assert "float16_disk_mib" not in sem.vector_memory(10, 384, None)
