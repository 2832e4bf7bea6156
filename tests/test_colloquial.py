"""Structure questions in everyday wording on the shipped speeches, each mechanism with more
than one wording: a speech named by a place its text alone holds (市中区讲话), a position asked
with words the speech never uses (开场白是怎么给这次会定性的), the N-th letter of an
abbreviated list (细准优实的第二个字), the points inside the item the words name (项目攻坚破难
活动下面又分了几条), a list asked with 每一项 / 挨个 / 列了啥; and, in a report, where a speaker's
speech begins (李鹏出席团拜会并讲话。他向…)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.engine import Engine


@pytest.mark.parametrize("question", ["市中区讲话分了几部分", "市中区讲话一共几块?"])
def test_a_speech_named_by_a_place_only_its_text_holds(engine: Engine, question: str) -> None:
    plan = engine.plan(question)
    assert plan.speech_no == 1 and plan.outline


def test_a_topic_word_before_讲话_names_no_speech_when_several_hold_it(engine: Engine) -> None:
    assert engine.plan("作风讲话分了几部分").speech_no is None   # 作风 is in every speech


@pytest.mark.parametrize("question", ["第1篇开场白是怎么给这次会定性的?", "第一篇开头是拿什么话题引起话头的?"])
def test_a_position_asked_in_words_the_speech_never_uses(engine: Engine, question: str) -> None:
    a = engine.ask(question)
    assert a.plan["intent"] == "nth_point" and a.citations[0].unit.text.startswith("今天这次会议")


def test_words_the_speech_uses_after_an_edge_still_find_the_passage(engine: Engine) -> None:
    plan = engine.plan("结尾说为区委加快推进“四大定位”作贡献,四大定位是什么")
    assert plan.nth_item is None   # where it is said, not the speech's end


@pytest.mark.parametrize("question,k", [("效能建设那块“细、准、优、实”,第二个字讲的是什么意思", "二是准"),
                                        ("细准优实里最后一个字指什么", "四是实")])
def test_one_letter_of_an_abbreviated_list(engine: Engine, question: str, k: str) -> None:
    a = engine.ask(question)
    assert not a.abstained and k in a.text and "一是细" not in a.text


def test_a_letter_beyond_the_abbreviation_is_declined(engine: Engine) -> None:
    a = engine.ask("效能建设“细、准、优、实”之后的第五个字是啥")
    assert a.abstained and any("共4项" in n for n in a.notes)


@pytest.mark.parametrize("question", ["第一篇里项目攻坚破难活动下面又分了几条", "项目攻坚破难活动底下列了哪几条?"])
def test_the_points_inside_the_item_the_words_name(engine: Engine, question: str) -> None:
    a = engine.ask(question)
    assert all(x in a.text for x in ("重点帮包要到位", "集中会战", "督查调度要从严"))
    assert "正风肃纪" not in a.text   # not the list the item belongs to


def test_an_item_inside_that_list_asked_in_a_second_clause(engine: Engine) -> None:
    a = engine.ask("第一篇里项目攻坚破难活动下面又分了几条?第3条说的啥")
    assert a.hits[0].unit.id == a.citations[0].unit.id and "三是重点工作要集中会战" in a.text.split("\n\n")[-1]


@pytest.mark.parametrize("question", ["宁乡那篇“五项治理”每一项各治什么?", "宁乡那篇“五项治理”挨个列一下",
                                      "宁乡那篇“五项治理”一条条列了啥"])
def test_a_list_asked_item_by_item(engine: Engine, question: str) -> None:
    plan = engine.plan(question)
    assert plan.wants_list
    a = engine.ask(question)
    assert all(x in a.text for x in ("律己不严", "敬业不够", "服务不优"))


_REPORT = """省政府举行春节团拜会
本报讯省政府今天举行春节团拜会。
省长陈立群出席团拜会并讲话。他向省政府机关的同志们表示感谢。他说，过去的一年，全省经济稳中有进，抗洪救灾取得全面胜利。
他说，新的一年任务依然繁重，大家要保持良好的精神状态。
陈立群说，机关干部要改进作风，提高效率，更好地为群众服务。
团拜会由秘书长刘明主持。
"""


def test_where_the_one_speaker_of_a_report_begins(tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_text(_REPORT, encoding="utf-8")
    eng = Engine.load([tmp_path], use_cache=False)
    a = eng.ask("陈立群在团拜会讲话开头讲了什么?")
    assert a.citations[0].unit.text.startswith("省长陈立群出席团拜会并讲话")
    b = eng.ask("陈立群讲话最后说了什么?")
    assert b.citations[0].unit.text.startswith("陈立群说，机关干部")


def test_an_item_of_the_points_just_listed_before_an_older_list(engine: Engine) -> None:
    from assistant.results import Turn

    older = engine.ask("第一篇讲话提出要开展哪四个专项活动?")
    assert "正风肃纪" in older.text
    a = engine.ask("第一篇里项目攻坚破难活动下面又分了几条?第3条说的啥", history=[Turn("第一篇讲话提出要开展哪四个专项活动?", older)])
    assert "三是重点工作要集中会战" in a.text.split("\n\n")[-1] and "优化审批服务" not in a.text


@pytest.mark.parametrize("third,wanted", [("它是什么意思?", "不管这种可能性有多小"), ("这个怎么理解?", "墨菲定律")])
def test_a_second_follow_up_stays_with_the_item_just_given(engine: Engine, third: str, wanted: str) -> None:
    from assistant.results import Turn

    history: list[Turn] = []
    for q in ("第二篇讲话第四部分有哪几条?", "那最后一条呢"):
        history.append(Turn(q, engine.ask(q, history=history)))
    a = engine.ask(third, history=history)
    assert wanted in a.text and "最后1%" not in a.text


@pytest.mark.parametrize("question", ["讲完担当作为之后是什么", "第二篇讲完担当作为之后又讲了什么", "担当作为那部分后面是啥"])
def test_what_follows_a_part_its_words_name(engine: Engine, question: str) -> None:
    a = engine.ask(question)
    assert "风清气正" in a.text.splitlines()[0]


def test_a_figure_for_another_place_does_not_answer(engine: Engine) -> None:
    a = engine.ask("宁乡县去年招商引资一共完成了多少亿元？")
    assert a.partial and a.reason == "answer_type:number"
    b = engine.ask("山西去年招商引资一共多少亿元?")
    assert not b.partial and "3623亿元" in b.text


def test_the_points_inside_an_item_of_the_list_just_given(engine: Engine) -> None:
    a = engine.ask("第一篇第三部分的四个专项活动分别是啥?第二个活动里头又分了几条?")
    last = a.text.split("\n\n")[-1]
    assert last.startswith("「二要开展项目攻坚破难活动」下分4点") and "督查调度要从严" in last


def test_a_word_looked_for_in_no_speech_in_particular_reads_the_callers_corpus_text(engine: Engine) -> None:
    from assistant.planner import plan_question

    calls: list[int] = []

    def corpus_text() -> str:
        calls.append(1)
        return engine.evidence.corpus_key

    plan = plan_question("钱丽华讲了什么", None, engine.corpus.speeches, engine.analyse_query, None, corpus_text)
    assert calls and plan == engine.plan("钱丽华讲了什么")
