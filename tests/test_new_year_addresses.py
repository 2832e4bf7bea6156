"""Speeches of the late 1990s as a newspaper printed them, asked about as people say it: a New
Year address called 贺词 though its title does not say so; two texts named where something was
said (在贺词里和在…会议上分别…); 哪一年成为… told by 被…批准为…; a list's own markers spelled
out (一是二是三是分别是什么); a count of things never listed (受表彰的12个县具体都是哪些); and a
paragraph's points named with what they say of themselves. Texts written for these tests."""

from __future__ import annotations

import pytest
from engine_helpers import engine_of

_ADDRESS = """辞旧岁万象更新 迎新年再创佳绩
（1997年12月31日）
滨海省省长　沈立言
全省各族人民，同志们、朋友们：
在一九九八年新年到来之际，我代表滨海省人民政府，向全省各族人民致以新年的祝贺！
刚刚过去的一九九七年，全省国内生产总值达到1980亿元，比上年增长10.2%。
这一年，我们战胜了严重的旱灾，全省粮食总产量仍达到980万吨。全省又有22万农村贫困人口解决了温饱问题。
新的一年，我们要认真做好旱灾后的生产恢复工作，全年新建节水灌溉面积50万亩。
祝愿全省各族人民新年愉快，万事如意！
"""

_CONFERENCE = """省长沈立言在全省农业工作会议上要求
抓好春季农业生产　促进农民持续增收
本报讯　记者高原报道：滨海省农业工作会议1月20日在海州召开。省长沈立言在会上对旱灾后的生产恢复作了部署，要求各地抓紧修复灌溉设施，确保春灌用水。
会议期间，省政府对全省农业工作先进单位进行了表彰，共有12个县受到表彰。
会议要求，各地要把会议精神传达到基层。一是落实农业生产责任制，县乡主要领导要亲自抓。二是增加农业投入，省级财政支农资金增长10%以上。三是组织干部下乡，帮助农民解决春耕中的实际困难。
"""

_ANNIVERSARY = """在纪念海州建市四十周年大会上的讲话
（1998年6月1日）
海州市委书记　黎文涛
同志们：
1984年，海州被国务院批准为沿海开放城市；1992年，海州高新区正式设立。
当前，我市工业还存在不少问题。一是产品结构不合理，高新技术产品产值只占工业总产值的12%；二是企业负担过重，亏损企业占到三成；三是科技投入不足，研究开发经费只占国内生产总值的0.5%。
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    return engine_of(tmp_path_factory.mktemp("ny"), {"01_address.txt": _ADDRESS, "02_conference.txt": _CONFERENCE,
                                                      "03_anniversary.txt": _ANNIVERSARY})


@pytest.mark.parametrize("question", ["贺词里说去年又有多少贫困人口解决了温饱？", "那个贺词里说去年粮食总产量多少？"])
def test_a_new_year_address_is_the_greeting(engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.plan.get("speech") == 1
    assert ("22万" if "贫困" in question else "980万吨") in answer.text


def test_two_texts_named_where_it_was_said(engine) -> None:
    answer = engine.ask("沈立言在贺词里和在农业工作会议上分别怎么部署灾后恢复生产的？")
    cited = {c.unit.speech_no for c in answer.citations}
    assert cited == {1, 2}


def test_a_kind_joined_to_a_named_speech(engine) -> None:
    answer = engine.ask("贺词和纪念海州建市的讲话都提到国内生产总值了吗，各自怎么说的")
    assert {c.unit.speech_no for c in answer.citations} == {1, 3}


@pytest.mark.parametrize("question", ["海州是哪一年成为沿海开放城市的？", "海州什么时候成了沿海开放城市"])
def test_became_is_told_by_what_made_it(engine, question: str) -> None:
    answer = engine.ask(question)
    assert not answer.partial and "1984年" in answer.text


def test_spelled_markers_ask_for_the_list(engine) -> None:
    answer = engine.ask("会议报道最后那个会议要求，一是二是三是分别是什么？")
    for said in ("落实农业生产责任制", "增加农业投入", "组织干部下乡"):
        assert said in answer.text


def test_a_count_never_listed_is_partial(engine) -> None:
    answer = engine.ask("农业工作会议上受表彰的12个县具体都是哪些？")
    assert answer.partial and "12个县" in answer.text


def test_points_named_with_what_they_say(engine) -> None:
    answer = engine.ask("纪念大会讲话说我市工业有哪些问题，一条条列一下")
    for figure in ("12%", "三成", "0.5%"):
        assert figure in answer.text
