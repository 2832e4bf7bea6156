"""What an item holds, asked about the item: the points inside a paragraph item (里面又讲了哪几个
“进一步”, 分了哪三层 with 首先…其次…第三), an item named by its quoted words (“要做好最后1%”那条,
quotes inside its heading ignored) quoted from its start, and things a sentence counts before it
names them (三大追赶目标:A,B,C)."""

from __future__ import annotations

import pytest

from assistant.engine import Engine
from assistant.enumeration import enumerations


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line[:2].rstrip(".").isdigit()]


@pytest.mark.parametrize("question", ["第四篇第一部分的第一条“三服务”水平提升,里面又讲了哪几个“进一步”",
                                      "第四篇第一部分第一条里面列了哪几个进一步?"])
def test_the_points_inside_the_nth_item(engine: Engine, question: str) -> None:
    a = engine.ask(question)
    lines = _lines(a.text)
    assert len(lines) == 4 and all("进一步" in line for line in lines)
    assert "督办查办" in a.text and "后勤保障" in a.text


def test_an_item_asked_about_as_a_whole_keeps_its_own_opening(engine: Engine) -> None:
    a = engine.ask("第四篇第一部分的第一条讲了什么")   # no points asked for: the item, not its points
    assert "三服务" in a.text and not _lines(a.text)


@pytest.mark.parametrize("question", ["“对群众要有体恤情怀”那一点,讲话里分了哪三层来讲",
                                      "“对群众要有体恤情怀”这一条分了几层意思?"])
def test_an_item_named_by_its_quoted_words_gives_its_points(engine: Engine, question: str) -> None:
    a = engine.ask(question)
    assert [line.split(" ", 1)[1][:4] for line in _lines(a.text)] == ["首先是应", "其次是宗", "第三是职"]


def test_first_then_second_then_third_is_one_run() -> None:
    runs = enumerations("首先是甲。说明甲。其次是乙。说明乙。第三是丙。说明丙。")
    assert [len(e.points) for e in runs] == [3]


@pytest.mark.parametrize("question", ["第二篇“要做好最后1%”那条,举了哪些虎头蛇尾的例子?",
                                      "“要做好最后1%”那一条,具体说了哪些情况?"])
def test_an_item_named_by_its_quoted_words_is_quoted_from_its_start(engine: Engine, question: str) -> None:
    a = engine.ask(question)
    assert a.text.count("要做好最后1%") >= 1 and "秸秆禁烧" in a.text and "拆违" in a.text
    assert a.citations[0].unit.text.startswith("3、要做好最后1%")


def test_quote_marks_inside_a_heading_do_not_hide_it(engine: Engine) -> None:
    a = engine.ask("第三篇“要着力治懒、治庸”那条,都讲了哪些做法")
    assert "懒思" in a.text and "懒学" in a.text and "律己不严" not in a.text


@pytest.mark.parametrize("question,first,size", [("区委提的三大追赶目标是哪三个?", "全面发展学江阴", 3),
                                                 ("区委又提出再增加的学习目标是哪两个", "园区发展外学镇江", 2)])
def test_things_counted_before_they_are_named(engine: Engine, question: str, first: str, size: int) -> None:
    lines = _lines(engine.ask(question).text)
    assert len(lines) == size and first in lines[0]


def test_two_lists_of_their_own_in_one_message(engine: Engine) -> None:
    a = engine.ask("第二篇“比学赶超”那块,区委提的三大追赶目标是哪三个?他们自己又加了哪两个学习目标?")
    assert "学宜兴" in a.text and "内学锡通" in a.text and "要学会看人长处" not in a.text


def test_things_counted_and_asked_for_are_a_list(engine: Engine) -> None:
    plan = engine.plan("“要拒绝伪工作”那一条里,讲话人要强调的两个概念是什么?")
    assert plan.wants_list and plan.list_size == 2
    assert not engine.plan("这个概念是什么").wants_list


@pytest.mark.parametrize("question", ["宁乡那篇讲作风“五项治理”,排第三的那项治的是啥?", "宁乡那篇“五项治理”的第三项是什么"])
def test_an_ordinal_counts_in_the_list_the_quote_names(engine: Engine, question: str) -> None:
    a = engine.ask(question)
    assert a.citations[0].unit.text.startswith("3、要着力治“浮”") and "第3部分" not in a.text


def test_a_year_asked_is_not_answered_by_a_masked_one(engine: Engine) -> None:
    a = engine.ask("宁乡那篇说袁纯清到山西当省委书记后搞“猛药治吏风暴”,他是哪一年去的山西?")
    assert a.partial or a.abstained


def test_what_a_quoted_list_holds_when_only_its_name_is_given(engine: Engine) -> None:
    a = engine.ask("宁乡那篇说山西出台了“五个不准”,这五条具体都不准干什么?")
    assert a.partial and "五个不准" in a.text.splitlines()[0]


@pytest.mark.parametrize("question", ["办公室那篇讲了什么", "办公室那篇第二部分是怎么分块的?"])
def test_a_name_one_speech_says_far_more_often_names_it(engine: Engine, question: str) -> None:
    assert engine.plan(question).speech_no == 4


def test_one_speech_by_number_and_one_by_name(engine: Engine) -> None:
    plan = engine.plan("第二篇和办公室那篇都给大家推荐了书,分别推荐的是哪几本?")
    assert plan.speech_candidates == (2, 4) and plan.multi_speech
    a = engine.ask("第二篇和办公室那篇都给大家推荐了书,分别推荐的是哪几本?")
    assert "六顶思考帽" in a.text and "细节决定成败" in a.text and "论语" in a.text


def test_a_later_clause_about_one_of_every_speech_is_asked_apart(engine: Engine) -> None:
    a = engine.ask("每篇的第三部分都讲的啥?办公室那篇是不是压根没有第三部分?")
    assert not a.abstained and "第一篇)的第3部分" in a.text


@pytest.mark.parametrize("question, first", [
    ("办公室那篇说今后的任务是“一个学习,三个服务”,那三个服务分别指什么?", "一是服务于政府的中心工作"),
    ("第四篇里“一个学习,三个服务”,三个服务具体指哪些", "一是服务于政府的中心工作"),
    ("市中区那篇讲“敢于创新突破”时,说这里的创新有两层意思,是哪两层?", "一是干工作要创特色")])
def test_a_term_the_paragraph_enumerates_after_naming_it_is_listed(engine: Engine, question: str, first: str) -> None:
    a = engine.ask(question)
    assert not a.partial and first in _lines(a.text)[0]


@pytest.mark.parametrize("question", ["第五篇第二部分说下一步要在四个方面下功夫,第三个方面是什么?",
                                      "第五篇第二部分的第三个方面是什么,它在四个方面里排第三"])
def test_a_point_in_the_list_of_the_size_stated_inside_a_part(engine: Engine, question: str) -> None:
    plan = engine.plan(question)
    assert plan.within_part == 2 and plan.nth_item == 3
    assert "三是在严格教育管理上下功夫" in engine.ask(question).text


def test_two_parts_of_one_kind_are_still_siblings(engine: Engine) -> None:
    plan = engine.plan("第三部分和第四部分各讲了什么")
    assert plan.within_part is None and plan.more_nth == (4,)


@pytest.mark.parametrize("question, after", [("有篇说政府失了信用,以后说啥做啥都被往坏处想,这个说法叫什么", False),
                                             ("先夸了成绩,后面话锋一转讲了啥", True)])
def test_from_then_on_is_not_after_a_passage(engine: Engine, question: str, after: bool) -> None:
    assert engine.plan(question).after is after


@pytest.mark.parametrize("question", ["第三篇治懒治庸那一条里，懒具体有哪几种表现？", "第三篇“治懒治庸”那一条里都有哪几种懒?"])
def test_an_item_named_by_its_words_is_no_outline(engine: Engine, question: str) -> None:
    a = engine.ask(question)
    assert "懒思" in a.text and "懒为" in a.text and "作风建设要高度重视" not in a.text


def test_one_sentence_answering_two_parts_is_quoted_once(engine: Engine) -> None:
    a = engine.ask("第二篇讲话说去年季度考核拿了几面红旗？连续几年位列第一方阵？")
    assert a.text.count("10面红旗") == 1 and not a.partial


@pytest.mark.parametrize("question", ["第二篇说连续几年位列第一方阵?", "第二篇讲话里他们连续几年考核位列第一方阵"])
def test_a_span_of_time_counts_itself(engine: Engine, question: str) -> None:
    a = engine.ask(question)
    assert not a.partial and "连续5年" in a.text


def test_what_someone_said_is_no_term_left_undefined(engine: Engine) -> None:
    a = engine.ask("提到萧伯纳的是哪一篇？他说了什么")
    assert not a.partial and a.text.startswith("出自「") and "苹果" in a.text
