"""Speeches as a 1998 newspaper printed them, asked about their structure: 一共讲了几条 (the line
that says how many leads), 第二点 of a speech named with chatter and its speaker's province,
一是…四是 spelled out, a part's three items given inline after 具体要抓好三项工作：, a meeting's
name shortened (粮改会议), 他要求 after the person named, and figures that are not there
(参观了几家企业 / 外资占了多少). Texts written for these tests."""

from __future__ import annotations

import pytest
from engine_helpers import engine_of

_MINISTER = """在全国林业工作会议上的讲话
林业部部长　宋远山（一九九八年三月二日）
这次会议的主要任务是部署今年的林业工作。下面，我讲三个问题。
一、充分认识林业建设的重要性
林业是国民经济的重要基础产业。去年全国完成造林面积六千多万亩。
二、突出重点，抓好今年的各项任务
今年林业工作的总体要求是：以保护天然林为重点，加快造林绿化步伐。
具体要抓好三项工作：（一）全面停止天然林采伐。（二）加快重点防护林建设。（三）大力发展速生丰产林。
在抓好上述工作的同时，要继续搞好森林防火。
三、加强领导，狠抓落实
各级政府要实行造林绿化目标责任制。
"""

_SECRETARY = """在全省乡镇企业工作会议上的讲话
中共青川省委书记　杨怀德（一九九八年七月九日）
这次会议的任务是研究加快乡镇企业发展的措施。下面，我讲三点意见。
第一，统一思想，坚定发展乡镇企业的信心。去年全省乡镇企业增加值增长百分之十二。
第二，调整结构，提高乡镇企业的素质。首先，要发展农产品加工业。其次，要发展为大工业配套的加工业。再次，要发展服务业。
第三，深化改革，搞活乡镇企业。要大力推行股份合作制。我们还参观了几家乡镇企业，很受启发。全省已有八十多家乡镇企业实行了股份合作制。
同志们，让我们共同努力，开创乡镇企业发展的新局面！
"""

_REPORT = """全国粮食流通体制改革工作会议在京召开
本报北京6月10日讯　全国粮食流通体制改革工作会议今天在京召开。国务院副总理秦国梁出席会议并讲话。
秦国梁指出，粮食问题始终是关系国计民生的大事。
他强调，要做到“三个坚持”：坚持按保护价敞开收购农民余粮；坚持顺价销售；坚持收购资金封闭运行。
他要求，各级政府要实行粮食省长负责制。
他还要求，要加快培育粮食市场体系。
前几年开展的粮食企业合作工程，已经引进资金一百多亿元。
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    return engine_of(tmp_path_factory.mktemp("paper"), {"01_minister.txt": _MINISTER, "02_secretary.txt": _SECRETARY,
                                                         "03_report.txt": _REPORT})


def test_how_many_it_says_leads(engine) -> None:
    answer = engine.ask("杨怀德那个讲话一共讲了几条？")
    assert "下面，我讲三点意见" in answer.hits[0].unit.text


def test_the_nth_point_of_a_speech_named_with_chatter(engine) -> None:
    answer = engine.ask("哈喽～急用！！那篇乡镇企业的讲话（青川那篇），第二点讲的啥呀，谢谢")
    assert "调整结构，提高乡镇企业的素质" in answer.text and not answer.text.startswith("其次")


def test_a_part_s_items_announced_inline(engine) -> None:
    answer = engine.ask("第一篇第二部分说要抓好的三项工作，分别是哪三项？")
    for said in ("全面停止天然林采伐", "加快重点防护林建设", "大力发展速生丰产林"):
        assert said in answer.text
    assert "总体要求" not in answer.text


def test_a_meeting_s_name_shortened(engine) -> None:
    answer = engine.ask("粮改会议上讲的三个坚持是哪三个？")
    assert answer.plan.get("speech") == 3
    for said in ("敞开收购", "顺价销售", "封闭运行"):
        assert said in answer.text


def test_what_he_required_after_he_was_named(engine) -> None:
    answer = engine.ask("那篇报道里，秦国梁都要求了些什么？")
    assert "粮食省长负责制" in answer.text and "粮食市场体系" in answer.text


@pytest.mark.parametrize("question", ["全省有多少家乡镇企业实行了股份合作制？"])
def test_a_few_is_no_figure(engine, question: str) -> None:
    answer = engine.ask(question)
    assert "八十多家" in answer.text.split("[")[0]


def test_a_share_of_a_sum_never_split(engine) -> None:
    answer = engine.ask("粮食企业合作工程引进的一百多亿元资金里，外资占了多少？")
    assert answer.partial and "外资" in answer.text
