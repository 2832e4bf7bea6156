"""Reading a newspaper report of a speech: where its speaker's words begin when the verb tells
(王明首先阐述了…, 在谈到…时，王明说), the passage a question names by its words (讲完外贸那段),
the next layer (讲完…之后，下一层), an ordinal apart from its noun (排第二的那条), where the
event was held (在…小礼堂举行), and the people a question asks for (哪几位) rather than the
outline. The texts are written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.engine import Engine

_REPORT = """王明在全市外贸工作会议上指出
今年外贸形势会更好
新华社南州１月９日电（记者李华）全市外贸工作会议今天下午在市政府第二会议厅举行。
王明首先阐述了去年下半年以来周边市场发生的价格波动，分析了波动产生的原因。
在谈到价格波动对港口的冲击时，王明指出，港口企业及时调整航线，保持了运输稳定。
在展望今年外贸形势时，王明说，出口总额将保持增长，预计增长８％以上。
他指出，去年是外贸形势最好的一年，出口结构明显优化。
王明要求，各外贸企业要从严管理，树立诚信经营的良好形象。
赵刚、钱立、孙平等代表各区和企业在会上发言。
副市长周强主持会议。
"""
_FORUM_A = """话剧要靠好戏
中央实验话剧院导演查明
江泽民同志不久前说，话剧是不可替代的艺术。
话剧的难处集中表现为两点：一是观众少；二是剧团少演少赔、多演多赔。
我们要继续提高演出质量。
"""
_FORUM_B = """话剧的新世纪
北京人艺院长李立
江泽民同志指出，话剧有它特殊的魅力。
剧团要走向基层，走向观众。
去年冬天，江泽民同志观看了前线话剧团演出的话剧《春潮》，肯定了话剧的魅力。
"""
_GATHERING = """周强在迎春座谈会上讲话
本报南州１月２０日讯周强今天在迎春座谈会上讲话。
周强指出，我们要继续加强学习。
周强说，我们要继续群策群力。
周强说，我们要继续艰苦奋斗。
座谈会由吴亮主持。
"""
_ADDRESS = """郑文在新年联谊会上的讲话
各位朋友：
我愿提出三点建议。
第一，加强两地经贸合作，扩大往来。
第二，推进文化交流，举办联合展览。
第三，扩大青年交往，设立交流基金。
祝大家新年快乐。
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root: Path = tmp_path_factory.mktemp("reports")
    (root / "report.txt").write_text(_REPORT, encoding="utf-8")
    (root / "address.txt").write_text(_ADDRESS, encoding="utf-8")
    for name, text in (("forum_a.txt", _FORUM_A), ("forum_b.txt", _FORUM_B), ("gathering.txt", _GATHERING)):
        (root / name).write_text(text, encoding="utf-8")
    return Engine.load([root], use_cache=False)


@pytest.mark.parametrize("question", ["王明那篇，讲话一上来先谈的是哪件事？", "王明讲话开头讲了什么"])
def test_the_speakers_first_words_when_the_verb_tells(engine: Engine, question: str) -> None:
    a = engine.ask(question)
    assert "价格波动" in a.text and a.citations[0].unit.text.startswith("王明首先阐述")


@pytest.mark.parametrize("question, nxt", [("王明讲完港口那段，紧接着讲的是什么内容？", "在展望今年外贸形势时"),
                                          ("王明说完外贸形势以后又讲了什么", "他指出，去年")])
def test_what_follows_the_passage_the_words_name(engine: Engine, question: str, nxt: str) -> None:
    a = engine.ask(question)
    assert a.citations[-1].unit.text.startswith(nxt) or any(c.unit.text.startswith(nxt) for c in a.citations)


def test_the_next_layer_after_a_passage(engine: Engine) -> None:
    plan = engine.plan("王明讲完港口之后，下一层讲的是什么？")
    assert plan.after


@pytest.mark.parametrize("question", ["郑文提了几条建议，排第二的那条是什么？", "郑文的建议里第二的那条讲啥"])
def test_an_ordinal_apart_from_its_noun(engine: Engine, question: str) -> None:
    a = engine.ask(question)
    assert a.plan["intent"] == "nth_point" and "文化交流" in a.text and "经贸合作" not in a.text


@pytest.mark.parametrize("question", ["外贸工作会议是在哪儿开的？", "王明那次会在什么地方举行的"])
def test_where_a_reported_meeting_was_held(engine: Engine, question: str) -> None:
    a = engine.ask(question)
    assert not a.abstained and "第二会议厅" in a.text


def test_which_people_is_no_outline(engine: Engine) -> None:
    plan = engine.plan("王明那篇，代表各区和企业发言的是哪几位？")
    assert plan.answer_type == "person" and not plan.outline


def test_which_two_aspects_is_no_place(engine: Engine) -> None:
    assert engine.plan("王明说问题主要体现在哪两个方面？").answer_type != "place"


def test_a_counted_quoted_word_names_the_repeated_paragraphs(engine: Engine) -> None:
    a = engine.ask("周强在迎春座谈会上，讲话是按哪几个“继续”展开的？")
    assert [c.unit.text[-6:] for c in a.citations[:3]] == ["续加强学习。", "续群策群力。", "续艰苦奋斗。"]


def test_the_one_list_of_the_size_asked_in_the_named_speech(engine: Engine) -> None:
    a = engine.ask("查明那篇说话剧现在的困境主要体现在哪两个方面？")
    assert not a.abstained and "观众少" in a.text and "多演多赔" in a.text


def test_two_speakers_joined_name_two_texts_answered_apart(engine: Engine) -> None:
    plan = engine.plan("查明和李立都引了江泽民谈话剧的话，两人引的分别是什么？")
    assert len(plan.speech_candidates) == 2 and plan.multi_speech and not plan.notes
    a = engine.ask("查明和李立都引了江泽民谈话剧的话，两人引的分别是什么？")
    assert a.text.startswith("话剧要靠好戏:") or a.text.startswith("话剧的新世纪:")
    assert {c.unit.speech_no for c in a.citations} == set(plan.speech_candidates)


@pytest.mark.parametrize("question", ["江泽民看的那场话剧叫什么名字？", "江泽民观看的话剧叫什么"])
def test_the_name_of_a_work_is_the_title_in_guillemets(engine: Engine, question: str) -> None:
    assert engine.plan(question).answer_type == "title"
    a = engine.ask(question)
    assert "《春潮》" in a.text.split("[")[0] and a.citations[0].unit.text.startswith("去年冬天")


def test_a_persons_name_is_still_asked_for_a_person(engine: Engine) -> None:
    assert engine.plan("那位导演叫什么名字").answer_type == "person"


@pytest.mark.parametrize("question", ["哪篇文章说剧团少演少赔、多演多赔？", "有篇文章说话剧的难处是观众少，是谁写的？"])
def test_which_text_says_it_is_named_with_its_byline(engine: Engine, question: str) -> None:
    a = engine.ask(question)
    assert a.text.startswith("出自「话剧要靠好戏」(中央实验话剧院导演查明):")
    assert {c.unit.speech_no for c in a.citations} == {a.citations[0].unit.speech_no}


def test_the_author_of_a_named_text_is_its_byline_whatever_the_surname(engine: Engine) -> None:
    a = engine.ask("话剧要靠好戏那篇的作者是谁")
    assert not a.abstained and "导演查明" in a.text


@pytest.mark.parametrize("question", ["郑文提的建议里第四条是什么？", "郑文那篇讲话的第五点讲的啥"])
def test_an_nth_point_past_the_points_listed_is_declined(engine: Engine, question: str) -> None:
    a = engine.ask(question)
    assert a.abstained and any("列出了3点" in n for n in a.notes)
    assert not engine.ask("郑文提的建议里第三条是什么？").abstained


def test_the_full_name_of_a_report_is_a_title(engine: Engine) -> None:
    assert engine.plan("那个工作报告题目全称叫什么？").answer_type == "title"


@pytest.mark.parametrize("question", ["周强在迎春座谈会上讲话中间那几段排比，每段讲要继续做什么？一共几条？",
                                      "周强那篇讲话的几段排比分别说了啥"])
def test_parallel_paragraphs_asked_as_a_figure_of_speech(engine: Engine, question: str) -> None:
    a = engine.ask(question)
    assert not a.abstained and all(k in a.text for k in ("加强学习", "群策群力", "艰苦奋斗"))


def test_which_units_held_it_asks_for_organisations(engine: Engine) -> None:
    plan = engine.plan("外贸工作会议是哪几家单位办的？")
    assert plan.answer_type == "organization" and not plan.about_speech
