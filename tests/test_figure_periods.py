"""A figure answers a question about the part of the year and the whole place it is counted
over: 上半年全省… is not told by a first-quarter figure, the year's figure or a county's; 去年…
not by a quarter's; a county asked by name (宁远县去年地区生产总值) is told by its report's 全县…;
and a count the speeches never list (共有60多家企业…) is said to be only a count. Texts written
for these tests."""

from __future__ import annotations

import pytest
from engine_helpers import engine_of

_REPORT = """宁远县2025年政府工作报告
——2025年1月15日在宁远县第十九届人民代表大会第二次会议上
县长　秦明远
各位代表：
一、2024年工作回顾
过去一年，全县地区生产总值完成152.8亿元，同比增长5.9%；一般公共预算收入完成9.6亿元。
（一）产业发展。宁远工业园完成工业总产值208亿元，新增规模以上工业企业21家。
上半年，全县规模以上工业增加值增长8.7%，增速位居全市第三。
二、2025年主要目标
地区生产总值增长6%左右。
"""

_PRESSER = """临川省2025年一季度经济运行情况新闻发布会实录
发布人：省统计局局长方立群
方立群：一季度，全省地区生产总值达到9860亿元，同比增长5.6%。全省规模以上工业增加值增长6.9%。去年同期，全省地区生产总值增速为4.9%。
方立群：一季度，全省进出口总额2140亿元，同比增长3.8%。今年以来，全省共有60多家企业获评省级专精特新企业。
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    return engine_of(tmp_path_factory.mktemp("periods"), {"01_report.txt": _REPORT, "02_presser.txt": _PRESSER})


@pytest.mark.parametrize("question", ["宁远县去年地区生产总值是多少？", "宁远县2024年地区生产总值是多少？"])
def test_a_county_named_is_told_by_its_report(engine, question: str) -> None:
    answer = engine.ask(question)
    assert not answer.partial and answer.text.startswith("过去一年") or "152.8亿元" in answer.text.split("[")[0]


@pytest.mark.parametrize("question", ["上半年全省规模以上工业增加值增长多少？", "去年全省进出口总额是多少？",
                                      "宁远县上半年地区生产总值是多少？"])
def test_a_figure_of_another_period_or_place_is_not_the_answer(engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.partial or answer.abstained


@pytest.mark.parametrize(("question", "figure"), [("一季度全省进出口总额多少？", "2140亿元"),
                                                  ("全省规模以上工业增加值增长多少？", "6.9%"),
                                                  # (位居全市第三 compares the county with the city)
                                                  ("上半年全县规模以上工业增加值增长多少？", "8.7%")])
def test_a_figure_of_the_period_asked_still_answers(engine, question: str, figure: str) -> None:
    answer = engine.ask(question)
    assert not answer.partial and figure in answer.text


def test_a_count_never_listed(engine) -> None:
    answer = engine.ask("那60多家省级专精特新企业具体都是哪些？")
    assert answer.partial and "60多家" in answer.text
