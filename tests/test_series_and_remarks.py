"""Hopes said in a series (希望劳动模范们… ×3) asked of a speech named by its meeting; remarks a
speaker announces by count (说几句心里话 / 讲三点意见) and then makes in a series; 第三句话 of a
speech that says 第三句话是; a term said with one character put in after its first (受表彰 as
受到表彰); a name before 同学 is a person's. Texts written for these tests."""

from __future__ import annotations

import pytest

from assistant.engine import Engine

_MAY_DAY = """在全区庆祝“五一”国际劳动节暨先进表彰大会上的讲话
区委书记　顾长林
（2025年4月29日）
同志们：
今天，我们隆重集会，向受到表彰的38名区级劳动模范和85名先进工作者表示热烈祝贺！
过去一年，全区职工群众奋战在生产一线，区属企业实现利润增长百分之九。港务公司起重班长赵红军带领班组创下单机作业效率全省第一。
希望劳动模范们珍惜荣誉、戒骄戒躁，在平凡岗位上做出不平凡的业绩。
希望劳动模范们带好徒弟、传好技艺，把手中的绝活毫无保留地教给青年职工。
希望劳动模范们坚守初心、服务群众，始终做职工群众的贴心人。
各级工会要把劳模服务工作做细做实，每年组织劳模疗休养一次。
同志们，让我们以劳模为榜样，奋力谱写新时代的劳动者之歌！
"""

_GRADUATION = """在2025届毕业生毕业典礼上的讲话
南岭师范学院院长　罗文清
（2025年6月26日）
亲爱的同学们：
今天是你们毕业的日子。今年，学院共有3218名毕业生。我向大家表示衷心的祝贺！
四年里，你们在课堂上求知，在见习中成长。数学系的李晓芸同学，在全国师范生技能大赛中获得一等奖。
分别在即，我想送给大家几句心里话。
第一句话是，做一个终身学习的人。知识更新越来越快，离开校园不是学习的终点。
第二句话是，做一个有爱心的老师。教育是爱的事业，要用心对待每一个孩子。
第三句话是，做一个有担当的公民。希望你们到基层去，到乡村学校去，在奉献中成就自己。
同学们，母校永远是你们的家，祝大家一路顺风！
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root = tmp_path_factory.mktemp("series")
    (root / "laomo.txt").write_text(_MAY_DAY, encoding="utf-8")
    (root / "biye.txt").write_text(_GRADUATION, encoding="utf-8")
    return Engine.load([root], use_cache=False)


_HOPES = ("戒骄戒躁", "传好技艺", "服务群众")


@pytest.mark.parametrize("question", ["五一表彰大会上对劳模提了哪些希望?", "先进表彰大会讲话里对劳动模范的希望有哪几条?"])
def test_hopes_in_a_series_answer_a_list_asked_of_the_meeting(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert all(h in answer.text for h in _HOPES), answer.text


_REMARKS = ("终身学习", "有爱心的老师", "有担当的公民")


@pytest.mark.parametrize("question", ["院长的毕业典礼讲话说了几句心里话?", "毕业典礼上院长送了哪几句寄语?"])
def test_remarks_announced_by_count_are_the_series_after_it(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert all(r in answer.text for r in _REMARKS), answer.text


@pytest.mark.parametrize(("question", "said"), [("毕业典礼讲话的第三句话是什么?", "有担当的公民"),
                                                ("院长毕业讲话里第二句话讲的啥?", "有爱心的老师")])
def test_the_nth_remark_a_speech_names_so_is_that_remark(engine: Engine, question: str, said: str) -> None:
    answer = engine.ask(question)
    assert said in answer.text, answer.text


def test_the_nth_sentence_is_still_a_sentence_where_no_remark_is_named(engine: Engine) -> None:
    answer = engine.ask("毕业典礼讲话的第二句是什么?")
    assert "3218名毕业生" in answer.text, answer.text


@pytest.mark.parametrize(("question", "said"), [("受表彰的劳动模范有多少名?", "38名"),
                                                ("受表彰的先进工作者一共几名?", "85名")])
def test_a_term_said_with_a_character_put_in_is_said(engine: Engine, question: str, said: str) -> None:
    answer = engine.ask(question)
    assert said in answer.text and "没有出现" not in answer.text, answer.text


@pytest.mark.parametrize("question", ["院长讲话里提到了哪位同学?", "毕业典礼讲话里获得一等奖的同学是谁?"])
def test_a_name_before_tongxue_is_a_person(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert "李晓芸" in answer.text and not answer.partial, answer.text
