"""Text analysis: normalisation, domain dictionary, stop words, bigrams, determinism."""

from __future__ import annotations

import pytest

from assistant import text_analysis as ta


def test_nfkc_full_width_to_half_width() -> None:
    assert ta.normalise("ＡＢＣ１２３？！，") == "abc123?!,"
    assert ta.normalise("\u3000作风\u3000") == " 作风 "
    a = ta.analyse("ＢＭ２５")
    assert a.words == ["bm25"]


def test_traditional_to_simplified() -> None:
    assert ta.normalise("什麼是塔西佗陷阱") == "什么是塔西佗陷阱"
    assert ta.normalise("幹部作風建設") == "干部作风建设"
    assert "塔西佗陷阱" in ta.analyse("什麼是塔西佗陷阱?").words
    assert ta.analyse("幹部作風建設").words == ta.analyse("干部作风建设").words


def test_lower_case() -> None:
    assert ta.normalise("KPI And GDP") == "kpi and gdp"


@pytest.mark.parametrize("term", ["塔西佗陷阱", "庸懒散拖", "三严三实"])
def test_domain_dictionary_keeps_terms_whole(term: str) -> None:
    assert term in ta.domain_terms()
    text = f"我们要警惕{term}的问题"
    assert term in ta.segment(text)
    assert term in ta.analyse(text).words
    assert term in ta.analyse(text).runs[0]


def test_stop_words_removed() -> None:
    a = ta.analyse("我们的作风建设是非常重要的")
    for stop in ("我们", "的", "是"):
        assert stop in ta.stopwords()
        assert stop not in a.words
    assert "作风建设" in a.words
    assert ta.analyse("的了是在").words == []


def test_bigrams_stay_inside_content_runs() -> None:
    a = ta.analyse("加强作风建设的重要意义")
    assert a.runs == ["加强作风建设", "重要意义"]
    assert "设的" not in a.bigrams and "的重" not in a.bigrams and "设重" not in a.bigrams
    assert all(any(g in run for run in a.runs) for g in a.bigrams)
    assert a.bigrams == ["加强", "强作", "作风", "风建", "建设", "重要", "要意", "意义"]


def test_latin_and_numbers_stay_whole_in_bigrams() -> None:
    a = ta.analyse("GDP增长8%")
    assert "gdp" in a.bigrams
    assert not any(g in a.bigrams for g in ("gd", "dp"))


def test_deterministic() -> None:
    text = "什麼是「塔西佗陷阱」?ＡＢＣ 庸懒散拖、三严三实,GDP增长8%。"
    first = ta.analyse(text)
    for _ in range(3):
        assert ta.analyse(text) == first
    assert ta.content_words(text) == ta.content_words(text)


def test_control_chars_and_direction_marks_removed() -> None:
    raw = "塔西\u200f佗\u202e陷\x07阱\ufeff\u2066"
    assert ta.normalise(raw) == "塔西佗陷阱"
    assert "塔西佗陷阱" in ta.analyse(raw).words


@pytest.mark.parametrize("text", ["???", "?!。,…", "", "   ", "\u200f\u202e", "【】《》"])
def test_has_content_false_for_punctuation(text: str) -> None:
    assert ta.has_content(text) is False
    assert ta.analyse(text).words == []


@pytest.mark.parametrize("text", ["a", "塔", "2024", "什麼"])
def test_has_content_true(text: str) -> None:
    assert ta.has_content(text) is True


def test_content_words_distinct_in_order() -> None:
    words = ta.content_words("作风建设,作风建设,还是作风建设")
    assert len(words) == len(set(words))
    assert "作风建设" in words


def test_analysis_fingerprint_is_stable() -> None:
    assert ta.analysis_fingerprint() == ta.analysis_fingerprint()
    assert len(ta.analysis_fingerprint()) == 12
