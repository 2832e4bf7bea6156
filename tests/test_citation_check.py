"""Citation checking on real corpus paragraphs: markers, support scores, quotes, abstention."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.text_analysis import split_cited_sentences, split_sentences
from assistant.verify import SUPPORT_THRESHOLD, check_citations, clean_markers

DEV_SET = Path(__file__).parent / "data" / "questions.jsonl"

# Measured sentences (see SUPPORT_THRESHOLD): for each paragraph, sentences copied from it,
# paraphrases of it, and invented sentences on the same topic.
MEASURED: dict[str, tuple[list[str], list[str], list[str]]] = {
    "1.4": (["领导干部为官一任,必须守土有责、守土尽责。",
             "有的干部照抄照转,以会议落实会议,以文件落实文件。"],
            ["一些干部存在精神懈怠的问题,不愿抓棚改和拆迁,怕担责任。",
             "有的干部怕审计,不愿争取上级的政策性资金。"],
            ["作风建设要坚持以人民为中心,全面推进乡村振兴战略。",
             "干部要加强学习,提高自身的业务能力和综合素质。",
             "我们要把作风建设作为一项长期任务常抓不懈。"]),
    "2.21": (["古罗马历史学家塔西陀提出,当公权力失去公信力时,无论说什么做什么,社会都会给予负面评价。"],
             ["塔西佗陷阱指公权力失去公信力后,政府无论说什么、做什么都会被负面评价。",
              "政府工作人员能推则推、能拖则拖,就会失去公信力。"],
             ["塔西佗陷阱是由美国经济学家在二十世纪提出的市场理论。",
              "要警惕塔西佗陷阱,必须大力发展经济,提高群众收入。",
              "政府应当通过新闻发布会及时回应社会关切。"]),
    "3.5": (["干部的工作作风是地方的品牌形象。"],
            ["政风和党风能够带动民风,民风也能促进政风和党风。",
             "作风好可以带动社会风气转变,推动经济社会发展。"],
            ["干部作风的好坏与地方经济增长速度没有直接关系。",
             "领导干部要经常深入基层调查研究,倾听群众呼声。",
             "作风建设是地方形象建设的唯一途径。"]),
    "3.12": (["全县作风建设主流是好的,干部队伍主流是好的。"],
             ["县里通过明查暗访、千人测评等方式监督干部作风。",
              "作风问题表现为心理浮躁、思想平庸、挥霍公款、赌博酗酒等。"],
             ["县委决定今年开展为期三个月的作风整顿专项行动。",
              "全县共查处违纪干部一百二十人,通报批评三十人。",
              "干部作风问题主要是由于工资待遇偏低造成的。"]),
    "4.3": (["办公室多次被评为人民满意单位、全市最佳办事单位。"],
            ["今年办公室以效能建设为重点,突出和谐机关创建的主题。",
             "办公室在市级机关作风建设考核中连续多年取得好成绩。"],
            ["办公室今年新招录了十名公务员,充实了干部队伍。",
             "办公室作风建设还存在一些突出问题,需要认真整改。",
             "市委、市政府要求各单位加快推进数字化转型。"]),
    "5.6": (["全党同志特别是领导干部都要讲党性、重品行、作表率。"],
            ["俞正声同志要求领导干部带头接受监督,自觉接受纪律约束。",
             "深化作风建设是加强党风廉政建设的现实需要。"],
            ["区委要求各部门在年底前完成作风建设考核工作。",
             "领导干部要廉洁自律,不得收受礼品礼金。",
             "作风建设要与经济工作同部署、同落实。"]),
}


def para(corpus: Any, uid: str) -> str:
    return corpus.unit(uid).text


def support_score(sentence: str, cited_text: str) -> float | None:
    """The support score ``check_citations`` gives ``sentence`` citing ``cited_text`` alone."""
    (verdict,) = check_citations(sentence + "[1]", {1: cited_text}).sentences
    assert verdict.citations == [1]
    return verdict.score


def test_threshold_separates_real_from_invented_sentences(seed_corpus: Any) -> None:
    supported: list[float] = []
    invented: list[float] = []
    for uid, (verbatim, paraphrase, made_up) in MEASURED.items():
        text = para(seed_corpus, uid)
        supported += [support_score(s, text) or 0.0 for s in verbatim + paraphrase]
        invented += [support_score(s, text) or 0.0 for s in made_up]
    assert min(supported) >= SUPPORT_THRESHOLD
    assert max(invented) < SUPPORT_THRESHOLD
    # a margin on both sides, so a small change in text analysis can't flip verdicts silently
    assert min(supported) - SUPPORT_THRESHOLD >= 0.05 and SUPPORT_THRESHOLD - max(invented) >= 0.05


def test_verbatim_sentence_scores_one(seed_corpus: Any) -> None:
    text = para(seed_corpus, "3.5")
    assert support_score("干部的工作作风是地方的品牌形象。", text) == 1.0
    assert support_score("。。", text) is None


def test_supported_and_invented_sentences_in_one_reply(seed_corpus: Any) -> None:
    sources = {1: para(seed_corpus, "2.21"), 2: para(seed_corpus, "3.5")}
    reply = ("塔西佗陷阱指公权力失去公信力后,政府无论说什么、做什么都会被负面评价[1]。"
             "干部的工作作风是地方的品牌形象。[2]"
             "塔西佗陷阱是由美国经济学家在二十世纪提出的市场理论[1]。"
             "各级干部每年必须完成四十学时的网络培训。")
    r = check_citations(reply, sources)
    assert [s.supported for s in r.sentences] == [True, True, False, False]
    assert r.sentences[1].citations == [2]           # marker after 。 belongs to the sentence before
    assert r.sentences[3].uncited and r.sentences[3].citations == []
    assert r.unsupported_sentences == [r.sentences[2].text, r.sentences[3].text]
    assert r.citation_supported == {1: False, 2: True}
    assert r.cited == [1, 2] and not r.abstained


@pytest.mark.parametrize("marker, expected", [
    ("[1]", [1]), ("[1,2]", [1, 2]), ("[1, 2]", [1, 2]), ("[1][2]", [1, 2]), ("【1】", [1]),
    ("【1,2】", [1, 2]), ("［2］", [2]), ("[资料1]", [1]), ("[资料 2]", [2]), ("[1、2]", [1, 2]),
])
def test_marker_forms(marker: str, expected: list[int], seed_corpus: Any) -> None:
    text = para(seed_corpus, "3.5")
    r = check_citations(f"干部的工作作风是地方的品牌形象{marker}。", {1: text, 2: text})
    assert r.sentences[0].citations == expected
    assert r.text == "干部的工作作风是地方的品牌形象" + "".join(f"[{n}]" for n in expected) + "。"


def test_unknown_markers_removed_and_reported(seed_corpus: Any) -> None:
    text = para(seed_corpus, "3.5")
    r = check_citations("干部的工作作风是地方的品牌形象[1][7]。作风是形象[9, 1]。还有[12]。", {1: text})
    assert r.removed_markers == [7, 9, 12]
    assert "[7]" not in r.text and "[9" not in r.text and "[12]" not in r.text
    assert r.text.count("[1]") == 2 and r.cited == [1]


def test_marker_only_sentence_text_is_dropped() -> None:
    assert clean_markers("见[3]", {1}) == ("见", [3])


def test_quote_aware_sentence_split() -> None:
    parts = split_cited_sentences("他说:“要多碰撞。要多交流。”[1]这很重要。\n第二行[2]。")
    assert parts == ["他说:“要多碰撞。要多交流。”[1]", "这很重要。", "第二行[2]。"]


def test_misquotes(seed_corpus: Any) -> None:
    sources = {1: para(seed_corpus, "2.21"), 2: para(seed_corpus, "3.5")}
    reply = ("习近平总书记说,绝不允许我们党掉入“塔西佗陷阱”[1]。"
             "古人云「民以吏为师」[2]。"
             "讲话指出:“公权力失去公信力时……社会都会给予负面评价”[1]。"
             "讲话强调:“作风就是生产力,作风就是竞争力”[1]。"
             "又说“民以吏为师”[1]。"
             "正如“民不畏我严,而畏我廉”所说,作风要廉洁。")
    r = check_citations(reply, sources)
    # the invented quote, and a real quote attributed to the wrong paragraph
    assert r.misquotes == ["作风就是生产力,作风就是竞争力", "民以吏为师"]
    assert r.sentences[3].supported is False and r.sentences[3].misquotes
    assert not r.sentences[0].misquotes and not r.sentences[2].misquotes
    # an uncited quote is checked against every source sent: real, so not a misquote
    assert not r.sentences[5].misquotes and r.sentences[5].uncited


def test_quote_normalisation_full_width_and_spaces(seed_corpus: Any) -> None:
    r = check_citations("原话是「民不畏我严, 而畏我廉」[1]。", {1: para(seed_corpus, "3.5")})
    assert r.misquotes == []


def test_abstention_is_not_an_unsupported_claim(seed_corpus: Any) -> None:
    r = check_citations("资料中没有找到相关内容。", {1: para(seed_corpus, "3.5")})
    assert r.abstained and r.unsupported_sentences == [] and r.sentences[0].supported is None


def test_connectives_are_not_claims(seed_corpus: Any) -> None:
    r = check_citations("综上所述:\n干部的工作作风是地方的品牌形象[1]。", {1: para(seed_corpus, "3.5")})
    assert r.sentences[0].supported is None and r.sentences[1].supported is True


def test_citation_that_contributes_nothing_is_unsupported(seed_corpus: Any) -> None:
    sources = {1: para(seed_corpus, "3.5"), 2: para(seed_corpus, "4.3")}
    r = check_citations("干部的工作作风是地方的品牌形象[1][2]。", sources)
    assert r.sentences[0].supported is True
    assert r.citation_supported == {1: True, 2: False}


def test_sentence_combining_two_sources_supports_both(seed_corpus: Any) -> None:
    sources = {1: para(seed_corpus, "3.5"), 2: para(seed_corpus, "4.3")}
    r = check_citations("干部的工作作风是地方的品牌形象,办公室多次被评为人民满意单位[1][2]。", sources)
    assert r.sentences[0].supported is True and r.citation_supported == {1: True, 2: True}


def test_empty_and_garbage_replies() -> None:
    assert check_citations("", {1: "x"}).sentences == []
    r = check_citations("[[[]]]【】[0][-1]", {1: "作风建设"})
    assert r.removed_markers == [0]


def test_answer_sentences_for_results(seed_corpus: Any) -> None:
    r = check_citations("干部的工作作风是地方的品牌形象[1]。", {1: para(seed_corpus, "3.5")})
    (s,) = r.answer_sentences()
    assert (s.text, s.citations, s.supported) == ("干部的工作作风是地方的品牌形象。", [1], True)


# --- properties ---------------------------------------------------------------------------

_pieces = st.sampled_from(["[1]", "[2]", "[9]", "【3】", "[1,9]", "。", "“", "”", "「", "」", "\n", "作风建设",
                           "干部", "塔西佗陷阱", " ", "资料中没有提到", "[", "]", "……", "!"])
_replies = st.one_of(st.text(max_size=200), st.lists(st.one_of(_pieces, st.text(max_size=5)), max_size=40).map("".join))


@settings(max_examples=200, deadline=None)
@given(reply=_replies)
def test_invariants_on_random_replies(reply: str) -> None:
    sources = {1: "作风建设是一项长期的战略任务。干部要转变作风。", 2: "要警惕塔西佗陷阱。", 3: "民以吏为师。"}
    r = check_citations(reply, sources)
    assert set(r.cited) <= set(sources)
    assert not set(r.removed_markers) & set(sources)
    for s in r.sentences:
        assert set(s.citations) <= set(sources)
        assert s.supported in (True, False, None)
        assert s.score is None or 0.0 <= s.score <= 1.0
    assert set(r.citation_supported) == set(r.cited) - {n for n in r.cited if n not in r.citation_supported}
    assert check_citations(reply, sources) == r        # deterministic


def test_a_marker_covers_the_run_of_sentences_before_it(seed_corpus: Any) -> None:
    # The extractive answer quotes a run of one paragraph's sentences with one marker after the
    # run; each sentence is checked against that paragraph, so an invented one is still caught.
    text = para(seed_corpus, "2.21")
    first, second = split_sentences(text)[:2]
    ok = check_citations(first + second + "[1]", {1: text})
    assert [s.citations for s in ok.sentences] == [[1], [1]]
    assert all(s.supported for s in ok.sentences) and not ok.unsupported_sentences
    invented = "各级干部每年必须完成四十学时的网络培训。"
    bad = check_citations(invented + second + "[1]", {1: text})
    assert [s.supported for s in bad.sentences] == [False, True]
    # A marker covers nothing on another line, nor after itself.
    apart = check_citations(first + "\n" + second + "[1]" + invented, {1: text})
    assert [s.citations for s in apart.sentences] == [[], [1], []]


def test_a_colon_before_a_marker_ends_the_claim() -> None:
    assert split_cited_sentences("主要强调四点:[1]去年讲了五个方面。[2]") == ["主要强调四点:[1]", "去年讲了五个方面。[2]"]
    assert split_cited_sentences("主要强调四点:去年讲了五个方面。[2]") == ["主要强调四点:去年讲了五个方面。[2]"]


def test_every_extractive_answer_passes_its_own_citation_check(engine: Any) -> None:
    """Composition and the citation check read sentences and markers the same way."""
    from assistant.question_sets import load_questions

    failures = []
    for q in load_questions(DEV_SET):
        a = engine.ask(q.question)
        if a.abstained or not a.citations:
            continue
        sources = {c.n: c.unit.text for c in a.citations}
        context = {c.n: c.speech_title + "\n" + " ".join(c.unit.section) for c in a.citations}
        report = check_citations(a.text, sources, context=context)
        if report.unsupported_sentences or report.misquotes or report.removed_markers:
            failures.append((q.id, report.unsupported_sentences, report.misquotes))
    assert not failures
