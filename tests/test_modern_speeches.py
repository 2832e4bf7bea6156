"""Whole speeches as a city or county website of today prints them: points announced and taken
up each opening with the speech's subject, a last numbered part whose items follow in
paragraphs of their own, and a part the speaker adds after the ones he announced."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.engine import Engine

_FLOOD = """在全市防汛抗旱工作会议上的讲话
副市长　韩文斌
（2023年5月8日）
同志们：
今天召开全市防汛抗旱工作会议，主要任务是部署今年的防汛抗旱工作。
去年汛期，全市共转移避险群众一万二千人，没有发生人员伤亡。下面，就做好今年的防汛抗旱工作，我讲三点意见。
防汛抗旱事关人民群众生命财产安全，是一项重大的政治任务。各级领导干部要把这项工作放在心上、抓在手上。
据气象部门预测，今年汛期降雨总体偏多，极端天气可能多发，大家对此要有充分的思想准备。
防汛抗旱重在提前准备。各地要在五月底前完成水库、堤防的汛前检查。
山洪地质灾害方面，要对全市八十六处隐患点逐一落实监测责任人。
城市内涝方面，要在六月中旬前完成排水管网的清淤疏浚。
防汛抗旱贵在责任落实。要严格执行以行政首长负责制为核心的防汛责任制。
要加强值班值守，汛期实行二十四小时领导带班。
同志们，防汛工作责任重于泰山，大家要以高度负责的精神抓好各项工作。
"""

_LIBRARY = """在全区全民阅读推进大会上的讲话
区委书记　唐家树
（2023年4月23日）
同志们、朋友们：
今天是世界读书日，我们在这里召开全区全民阅读推进大会。
第一，全民阅读工作取得了明显成效。去年全区新建城市书房十二个，举办读书活动六百多场。
群众的阅读热情明显提高，人均阅读量达到每年九本。
第二，要看到工作中存在的不足。一些社区书屋利用率不高，农村阅读设施还比较薄弱。
第三，希望各部门各单位把全民阅读抓实抓好。在这里，我提几点要求。
一是要完善阅读设施，今年再建城市书房八个。
二是要丰富阅读活动，办好第五届书香节。
三是要加强阅读推广人队伍建设，培训阅读推广人二百名。
同志们，让我们共同努力，让书香飘满全区！
"""

_WATER = """在全县水利工作会议上的讲话
县长　蒋玉和
（二○二三年三月九日）
同志们：
今天召开全县水利工作会议，我讲三点意见。
第一，要肯定去年的成绩。全县新修水渠一百二十公里，新增灌溉面积三万亩。
第二，要认清面临的困难。部分水库病险问题尚未解决，农田灌溉设施老化。
第三，要抓好今年的重点工作。今年要完成五座病险水库除险加固，建成高效节水灌溉面积两万亩。
另外，我再强调一下资金管理问题。水利资金是群众的保命钱，要专款专用，严禁挤占挪用。
要建立资金使用公示制度，接受群众监督。
同志们，让我们扎扎实实把水利工作抓好！
"""

# Reported speech: every paragraph opens with the speaker's name; a sentence that ends on
# 两个市场 counts no points.
_REPORTED = """王副总理考察港口时强调做好外贸工作
新华社北京三月五日电
王副总理三月四日在东港考察时强调，要进一步做好外贸工作。
王副总理说，去年外贸形势十分严峻，全国外贸工作者付出了艰辛努力。
王副总理指出，要进一步扩大对外开放，更好地利用国内国外两个市场。
王副总理强调，港口建设要适应外贸发展的需要。
王副总理说，要重视培养外贸人才。
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root: Path = tmp_path_factory.mktemp("modern")
    for name, text in (("flood", _FLOOD), ("library", _LIBRARY), ("water", _WATER), ("reported", _REPORTED)):
        (root / f"{name}.txt").write_text(text, encoding="utf-8")
    return Engine.load([root], use_cache=False)


def _numbered(text: str) -> list[str]:
    return [x for x in text.splitlines() if x[:1].isdigit() and x[1:2] == "."]


@pytest.mark.parametrize("question", ["防汛抗旱会议上副市长讲了哪三点意见?", "韩文斌的讲话分几个部分?"])
def test_points_announced_each_opening_with_the_speechs_subject(engine: Engine, question: str) -> None:
    lines = _numbered(engine.ask(question).text)
    assert len(lines) == 3, lines
    for n, said in enumerate(("事关人民群众", "重在提前准备", "贵在责任落实")):
        assert said in lines[n], lines


def test_the_second_point_opened_with_the_subject(engine: Engine) -> None:
    answer = engine.ask("防汛会议上讲的第二点意见是什么?")
    assert "重在提前准备" in answer.text.splitlines()[0], answer.text


def test_a_run_the_last_part_opens_is_its_own(engine: Engine) -> None:
    lines = _numbered(engine.ask("全民阅读推进大会上的讲话分成几部分?").text)
    assert len(lines) == 3, lines
    assert "阅读工作取得了明显成效" in lines[0] and "抓实抓好" in lines[2], lines


@pytest.mark.parametrize("question", ["县长在水利工作会议上的讲话分几部分?", "水利工作会议那篇讲话的框架"])
def test_a_part_the_speaker_adds_after_those_he_announced(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    lines = _numbered(answer.text)
    assert len(lines) == 4, answer.text
    assert "资金管理" in lines[3], lines
    assert "三点意见" in answer.text.splitlines()[0], answer.text


def test_the_added_part_runs_on_to_the_close(engine: Engine) -> None:
    answer = engine.ask("水利工作会议讲话第四部分讲的什么?")
    assert "资金管理" in answer.text and "公示制度" in answer.text, answer.text
    assert "扎扎实实" not in answer.text, answer.text


def test_a_name_every_paragraph_opens_with_counts_no_points(engine: Engine) -> None:
    answer = engine.ask("王副总理考察港口时的讲话分几部分?")
    assert "2点" not in answer.text and "2个部分" not in answer.text, answer.text
