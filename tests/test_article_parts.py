"""An article whose parts are points (第一个问题：… / 第二个问题：…) with their own runs of
首先…最后 inside, signed by an office whose name says 委员会; a speech that announces how many
points it makes; a New Year address that ends on three short exclaimed wishes. The texts are
written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.engine import Engine

_ARTICLE = """依靠人才推动产业升级
——学习全会精神的几点体会
省经济贸易委员会主任　杜怀远
产业升级是当前全省经济工作的一件大事。这里谈三个问题。
第一个问题：产业升级为什么要依靠人才。
没有人才，技术改造就无从谈起。全省规模以上企业中，有研发机构的不到三成。
第二个问题：怎样培养企业需要的人才。
首先，要办好职业教育，让学校跟着企业的需要设专业。
其次，要鼓励企业自己办培训，职工培训经费可以税前列支。
最后，要把技术工人的待遇提上去，让他们安心在一线。
第三个问题：用好人才，要改革管理体制。
体制不顺，人才就留不住。这些年一些企业引进的技术骨干，一半以上又走了。
首先，要给技术骨干更多的决策权，重大技术方案由他们拿主意。
其次，要推行技术入股，让贡献大的人多得。
再次，要建立人才流动的服务机构，档案、社保随人走。
最后，要营造尊重知识的风气，每年评选一批优秀技术人才。
总之，人才是产业升级的第一资源。
"""

_SPEECH = """在全省老干部迎春茶话会上的讲话
韩志远
（一九九八年一月二十日）
各位老领导、老同志：
今天，我们在这里欢聚一堂，共迎新春。这里，我讲三点意见。
第一，过去一年全省经济保持了较快增长，全省生产总值增长百分之十。
第二，今年要继续抓好国有企业改革，三年内使大多数大中型亏损企业摆脱困境。
第三，希望老同志继续关心全省的发展，多提意见和建议。
"""

_ADDRESS = """迎接新的一年
——一九九八年新年致辞
罗正平
（一九九七年十二月三十一日）
同志们、朋友们：
一九九七年是很不平凡的一年。全省人民团结奋斗，各项事业取得了新的成绩。
新的一年，我们要继续深化改革，扩大开放，保持经济持续健康发展。
在这辞旧迎新的时刻，我衷心祝愿全省人民新年快乐，万事如意！
祝愿我们的家乡更加繁荣！
祝愿大家身体健康，阖家幸福！
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root: Path = tmp_path_factory.mktemp("parts")
    for name, text in {"article": _ARTICLE, "teaparty": _SPEECH, "newyear": _ADDRESS}.items():
        (root / f"{name}.txt").write_text(text, encoding="utf-8")
    return Engine.load([root], use_cache=False)


@pytest.mark.parametrize("question", ["杜怀远那篇讲了什么?", "杜主任那篇分几个部分?"])
def test_a_byline_of_office_and_name_names_the_article(engine: Engine, question: str) -> None:
    plan = engine.plan(question)
    assert plan.speech_no is not None and "依靠人才" in engine.speech_title(plan.speech_no)


@pytest.mark.parametrize("question", ["杜主任讲改革管理体制那部分,最后落在哪一条上?",
                                      "杜怀远讲改革管理体制那部分,最后一条是什么?",
                                      "杜主任讲改革管理体制那部分,最后提的是哪一点?"])
def test_the_last_point_inside_a_part_named_by_its_words(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert "尊重知识的风气" in answer.text, answer.text
    assert "职业教育" not in answer.text


def test_the_nth_point_inside_a_part_counts_within_it(engine: Engine) -> None:
    answer = engine.ask("杜怀远讲改革管理体制那部分,第二条是什么?")
    assert "技术入股" in answer.text and "税前列支" not in answer.text, answer.text


@pytest.mark.parametrize("question", ["韩志远在茶话会上一共讲了几点,最后一点讲的啥?",
                                      "老干部茶话会的讲话总共分几点?第三点是什么?"])
def test_how_many_points_and_one_of_them_are_both_answered(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert "三点" in answer.text and "多提意见和建议" in answer.text, answer.text


def test_one_point_asked_alone_does_not_count(engine: Engine) -> None:
    answer = engine.ask("韩志远在茶话会上讲的第二点是什么?")
    assert "国有企业改革" in answer.text and "共三点" not in answer.text, answer.text


@pytest.mark.parametrize("question", ["罗正平的新年致辞最后是怎么收尾的?", "新年致辞结尾说了什么?"])
def test_an_address_ending_on_exclaimed_wishes_ends_with_all_of_them(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    for wish in ("新年快乐", "更加繁荣", "阖家幸福"):
        assert wish in answer.text, answer.text
    assert "深化改革" not in answer.text
    assert len(answer.citations) == 3


def test_the_last_paragraph_is_one_paragraph(engine: Engine) -> None:
    answer = engine.ask("新年致辞的最后一段是什么?")
    assert "阖家幸福" in answer.text and "更加繁荣" not in answer.text, answer.text


def test_an_address_ending_on_an_argument_ends_with_its_last_paragraph(engine: Engine) -> None:
    answer = engine.ask("杜怀远那篇结尾说了什么?")
    assert "第一资源" in answer.text and "尊重知识" not in answer.text, answer.text
