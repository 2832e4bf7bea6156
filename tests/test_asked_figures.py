"""What a who / when / how-many question asks, read from everyday wordings, and when a word the
speeches never use makes a term missing. The sentences are written for these tests."""

from __future__ import annotations

import pytest

from assistant import text_analysis as ta
from assistant.answer_types import asked_event, counted_noun, fits_type, names_counted
from assistant.sufficiency import missing_terms


@pytest.mark.parametrize(("question", "noun"), [
    ("到97年底全国一共有几个国家级高新区?", "国家级高新区"),      # after the measure word, not 底全国
    ("两个会今年计划完成的投资分别是多少?", "投资"),               # 分别 says how
    ("那本文集一共收了多少篇东西?", ""),                           # a filler word
    ("市财政拿了多少钱出来?", ""),                                 # a complement
    ("市里帮多少人重新找到了活干?", ""),                           # a verb
    ("到会的委员里,女委员有多少位?", "女委员"),
    ("县里2003年粮食总产量是多少?", "粮食总产量"),
    ("红星机械厂有多少职工?", "职工"),                              # X有多少Y counts Y
    ("这个乡镇有多少农户?", "农户"),
])
def test_what_a_how_many_question_counts(question: str, noun: str) -> None:
    assert counted_noun(question) == noun


@pytest.mark.parametrize(("question", "event"), [
    ("他是哪年生的?", "出生"),
    ("市里打算什么时候让他们搬进新家?", ""),
    ("这段在哪儿?怎么说的?", ""),
    ("暴动是哪天爆发的?", "爆发"),
])
def test_the_event_a_when_question_asks(question: str, event: str) -> None:
    assert asked_event(question) == event


@pytest.mark.parametrize(("kind", "unit", "sentence", "fits"), [
    ("number", "", "全年国内生产总值增长百分之八点八。", True),
    ("number", "", "国民经济继续保持快速增长。", False),
    ("date", "", "在春耕之前,全面完成倒塌房屋的重建任务。", True),
    ("date", "年", "在春耕之前,全面完成倒塌房屋的重建任务。", False),
    # 多少万吨 is given in 吨 (counted in 万 or not), never in 万块
    ("number", "万吨", "煤矸石砖厂年产量４４００万块砖。", False),
    ("number", "万吨", "全矿原煤年产量达到３２０万吨。", True),
    ("number", "万吨", "全矿原煤年产量达到８５０００吨。", True),
    ("number", "万人", "分流人员２５００人。", True),
    ("number", "", "居民参与率从不到三成提高到了八成以上。", True),   # a share in 成
])
def test_what_answers_a_figure_or_a_time(kind: str, unit: str, sentence: str, fits: bool) -> None:
    assert fits_type(kind, unit, [sentence]) is fits


_CORPUS = ta.squash_punct("金融机构要开办个人住房抵押贷款。银行要为群众办实事。要重视农业,抓好粮食生产。")


@pytest.mark.parametrize(("question", "words", "missing"), [
    # one term the speeches never use: the question is about it
    ("讲话里有没有提今年计划生育工作怎么抓?", ["今年", "计划", "生育", "计划生育", "工作"], ["计划生育"]),
    # several everyday words of the asker's own: a paraphrase
    ("老百姓想找银行借钱买房子,会上有没有说法?", ["老百姓", "银行", "借钱", "买房子", "说法"], []),
    # …unless they are listed as the topics asked about
    ("讲话对治理空气污染、保护环境是怎么部署的?", ["治理", "空气污染", "保护环境", "部署"], ["空气污染", "保护环境"]),
])
def test_missing_terms(question: str, words: list[str], missing: list[str]) -> None:
    assert missing_terms([], words, _CORPUS, question=question) == missing


@pytest.mark.parametrize(("question", "lists"), [("物价那篇分析了几条原因?", True), ("公款送礼的危害有哪几条?", True),
                                                 ("要看几个因素?", True), ("原因是什么?", False)])
def test_what_an_analysis_lists_is_asked_as_a_list(question: str, lists: bool) -> None:
    from assistant.question_grammar import LIST
    assert bool(LIST.search(question)) is lists


@pytest.mark.parametrize(("sentence", "fits"), [("全国劳动模范、港口装卸工人赵国强在团拜会上发言。", True),
                                                ("我们在会上发言。", False)])
def test_a_person_named_where_they_spoke(sentence: str, fits: bool) -> None:
    assert fits_type("person", "", [sentence]) is fits


def test_that_speaking_model_worker_names_no_speech() -> None:
    from assistant.corpus import parse_text
    from assistant.speech_refs import named_speeches
    speeches = [parse_text("首都各界举行春节团拜会\n周明在团拜会上发表讲话。\n", "a.txt")[0],
                parse_text("在全省农村工作会议上的讲话\n同志们：\n今年农业丰收。\n", "b.txt")[0]]
    found, said = named_speeches("春节团拜会上那个发言的劳模叫什么?", speeches)
    assert "发言" not in said


@pytest.mark.parametrize(("noun", "sentence", "gives"), [
    ("文章", "文集收入了这一时期的文章、文件、电报、讲话等六百多篇。", True),   # things listed, then counted together
    ("文章", "文集收入了那些年的文章、文件和电报，其中大部分是首次发表。", False),
])
def test_a_figure_counting_a_list_of_things_counts_each(noun: str, sentence: str, gives: bool) -> None:
    assert names_counted(noun, sentence) is gives
