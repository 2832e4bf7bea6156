"""Lists a text gives without markers, asked for in everyday words: the sentences that direct
after those the question names (广大职工要以…为指导。要坚持…。要发扬…。要大力开展…), read as
the hopes or requirements asked for them, and only then. Texts written for these tests."""

from __future__ import annotations

import pytest
from engine_helpers import engine_of

_LETTER = """市总工会致全市职工的新春慰问信
本报讯 市总工会今日发出慰问信，向全市职工致以新春问候。
慰问信说，产业工人是制造业发展的主力军，是技术创新的骨干力量，是维护社会稳定的中坚力量。全市职工要立足岗位，积极投身于高质量发展。要带头学习新技术，争当知识型、技能型、创新型劳动者。要深入开展劳动竞赛和技能比武，推动企业提高产品质量。要关心困难职工的生产生活，把温暖送到每一个职工家里。
慰问信最后说，让我们团结一致，为建设现代化新城市再立新功。
"""
_OTHER = "在植树节的讲话\n（2020年3月12日）\n今年全市植树100万株，新增绿地300公顷。\n"
_SCHOOL = """在全市教育工作会议上的讲话
（2024年2月20日）
同志们：
去年全市新建学校5所，新增学位3600个，招聘教师420名。
今年要推进集团化办学，组建教育集团6个，让更多孩子在家门口上好学。
"""
_MARKET = """市场监管局召开食品安全工作会议
会议通报了去年全市食品安全抽检情况，共抽检样品1.2万批次，合格率98.6%。
会议要求，各区要加强校园周边食品安全整治，严厉打击制售假冒伪劣食品的违法行为。
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory):
    return engine_of(tmp_path_factory.mktemp("unmarked"), {"01_letter.txt": _LETTER, "02_trees.txt": _OTHER,
                                                                  "03_school.txt": _SCHOOL, "04_market.txt": _MARKET})


@pytest.mark.parametrize("question", ["慰问信对全市职工提了哪些希望？", "总工会给职工提出了哪几条要求？",
                                      "慰问信对职工提出了哪些要求？",
                                      "市总工会对职工都提了哪些期望？"])
def test_the_hopes_are_the_directives_in_a_row(engine, question: str) -> None:
    answer = engine.ask(question)
    for said in ("带头学习新技术", "深入开展劳动竞赛", "关心困难职工"):
        assert said in answer.text
    assert answer.text.index("带头学习新技术") < answer.text.index("关心困难职工")


def test_a_question_for_something_else_is_not_answered_by_them(engine) -> None:
    answer = engine.ask("慰问信里说产业工人是什么样的力量？")
    assert "主力军" in answer.text
    assert not answer.text.startswith("共")
