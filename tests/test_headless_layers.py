"""A speech without headings carried by its points (首先,…其次,…再次,…最后,…, each running on
over paragraphs of its own), a numbered list of 一要…二要… paragraphs, a long address line, and
questions about how such a speech is laid out. The texts are written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.asked_kinds import asked_type
from assistant.corpus import parse_text
from assistant.engine import Engine
from assistant.planner import COUNT

_GATHERING = """在全县迎春座谈会上的讲话
李建业
全县父老乡亲们，同志们，朋友们：
瑞雪兆丰年，又是一年春来到。今天我们欢聚一堂，共迎新春。
首先，我代表县委、县政府向大家表示衷心的感谢。去年全县的成绩，离不开在座各位的支持。
老同志们退而不休，为全县发展出了许多好主意。
其次，我向大家通报一下去年的主要工作。全县粮食总产达到三十万吨。
去年，我们新修乡村公路一百二十公里。
去年，我们新建了县职业中学和县人民医院门诊楼。
这些成绩来之不易。
再次，我讲一讲今年的打算。今年要把工业园区建设作为头等大事。
今年还要抓好农田水利建设。
最后，我讲一讲节日期间的几项工作。要关心困难群众的生活，走访慰问特困户。
节日期间还要抓好安全生产。
祝大家新春愉快，万事如意！
"""

_COUNCIL = """在县政协全会闭幕会上的讲话
赵明德
各位委员，同志们：
县政协第五次全会圆满完成了各项议程，今天就要闭幕了。
今年县政协要做好以下四项工作。
一要围绕经济建设建言献策。要组织委员深入调研。
二要加强对环境保护的民主监督。青龙河是全县的饮用水源，要每季度视察一次。
保护环境功在当代，要增强全社会的环保意识。
三要广泛团结联谊。要做好港澳台同胞的联络工作。
四要加强政协自身建设。要完善委员视察制度。
让我们团结一心，开创全县政协工作的新局面！
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root: Path = tmp_path_factory.mktemp("layers")
    (root / "gathering.txt").write_text(_GATHERING, encoding="utf-8")
    (root / "council.txt").write_text(_COUNCIL, encoding="utf-8")
    return Engine.load([root], use_cache=False)


def test_a_long_address_line_is_no_unit() -> None:
    speech = parse_text(_GATHERING, "gathering.txt")[0]
    assert not any("父老乡亲们" in u.text for u in speech.units)


@pytest.mark.parametrize("question", [
    "迎春座谈会上的讲话是分几个层次来讲的?", "迎春座谈会那篇讲话是怎么安排的?", "迎春座谈会讲话的脉络是怎样的,先讲什么后讲什么?",
])
def test_the_points_that_carry_a_speech_are_its_layers(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert [c.unit.text[:2] for c in answer.citations] == ["首先", "其次", "再次", "最后"]


def test_the_last_point_of_such_a_speech(engine: Engine) -> None:
    answer = engine.ask("李建业在座谈会上讲的最后一条是什么?")
    assert answer.citations[0].unit.text.startswith("最后，我讲一讲节日期间的几项工作")


def test_the_nth_of_a_list_the_question_counts(engine: Engine) -> None:
    # (几项工作 names the list; 工作 is not looked for inside its second item.)
    answer = engine.ask("政协那篇讲话列的几项工作里,第二项讲的是什么?")
    assert answer.citations[0].unit.text.startswith("二要加强对环境保护的民主监督")


def test_how_many_and_then_each_of_them(engine: Engine) -> None:
    answer = engine.ask("赵明德在政协闭幕会上一共讲了几项工作?每一项分别是什么?")
    assert [c.unit.text[:2] for c in answer.citations[:4]] == ["一要", "二要", "三要", "四要"]


def test_the_work_of_a_holiday_asks_no_date() -> None:
    assert asked_type("团拜会上对节日期间的工作是怎么安排的?", COUNT)[0] is None
    assert asked_type("会议的日期是哪天?", COUNT)[0] == "date"


def test_the_next_point_after_one_asked_counts_in_the_same_run(engine: Engine) -> None:
    # 第三点讲了什么?第四点呢: the fourth of the 首先…最后 run, not the fourth of the third point.
    answer = engine.ask("迎春座谈会那篇第三点讲了什么?第四点呢?")
    assert "再次，我讲一讲今年的打算" in answer.text and "最后，我讲一讲节日期间的几项工作" in answer.text


def test_who_did_something_asked_after_who_chaired_is_asked_apart() -> None:
    from assistant.answer_types import asked_event
    assert asked_event("哪几位发言了?") == "发言"
    assert asked_event("哪几位发言人都讲了人才?") == ""   # 发言人 is who, not what was done
    assert asked_type("讲话提到的县叫什么名字?", COUNT)[0] == "place"


@pytest.mark.parametrize("question", ["迎春座谈会讲话的第二部分讲了些什么?", "迎春座谈会讲话里“其次”那一部分讲了些什么?"])
def test_a_layer_is_its_point_and_the_paragraphs_that_go_on_with_it(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    said = [c.unit.text for c in answer.citations]
    assert said[0].startswith("其次") and any(s.startswith("去年，我们新修") for s in said)
    assert not any(s.startswith("再次") for s in said)   # the next layer is not this one's
