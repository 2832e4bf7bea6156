"""A user's own speeches asked about the way a new user asked (tester 48): a commendation
speech's people one paragraph each (表扬了哪些人 / 第三位是谁); 提了哪几点希望 as the four it
announced, not the safety paragraph stressed after them (and 最后一点呢 after it); a meeting
named alone (表彰大会是谁讲的话 / 哪天开的); a 工作总结 named as a text; 一篇讲话里… as one of the
speeches, not the first; and a figure or date the quoted sentence does give (山西去年招商引资 /
在今年3月19日…会上，我倡议…). Texts written for these tests."""

from __future__ import annotations

import pytest
from engine_helpers import engine_of

from assistant.results import Turn

_COMMENDATION = """在全市2025年度优秀教师表彰大会上的讲话
市长　韩启明
（2025年9月8日）
同志们：
今天，我们隆重召开全市优秀教师表彰大会。在受表彰的同志中，我想特别说说其中几位。
山区小学教师方静怡同志，在大岭教学点坚守十九年，先后教过的学生有300多名。
市第二中学物理教师邵宏伟同志，指导学生获得全国物理竞赛一等奖7项。
特殊教育学校校长康雨桐同志，推动全市残疾儿童入学率达到98%。
乡村幼儿园园长贺晓岚同志，带领团队新建村级幼儿园12所。
同志们，让我们向受表彰的同志学习！
"""

_OPENING = """在明德中学2025年秋季开学典礼上的讲话
校长　谭立言
（2025年9月1日）
同学们：
今天，我给大家提四点希望。
一要立志高远。志不立，天下无可成之事。
二要勤学好问。学问学问，要学要问。
三要强身健体。每天锻炼一小时，健康工作五十年。
四要懂得感恩。感恩父母，感恩老师，感恩同学。这个暑假，我推荐大家读了《平凡的世界》。
此外，我还要强调一下安全。宿舍晚上十点熄灯，严禁私自下河游泳。
同学们，新的学期开始了，祝大家学习进步！
"""

_SUMMARY = """柳湾镇2024年工作总结
柳湾镇人民政府
（2024年12月26日）
2024年，在县委、县政府的坚强领导下，全镇干部群众攻坚克难，较好地完成了全年各项目标任务。
第一，经济发展稳中有进。全年实现地区生产总值18.6亿元，比上年的17.5亿元增长6.1%；农村居民人均可支配收入达到21860元，上年为20410元，增长7.1%。粮食总产量4.2万吨，比上年增加0.3万吨。
第二，招商引资取得突破。全年新签约项目8个，总投资5.2亿元，上年签约项目5个。
第三，民生保障持续加强。新建农村公路12公里，改造危房36户。
"""

_STYLE = """在全县作风建设大会上的讲话
县委书记　孔令山
有资料显示，去年江北全省招商引资2860亿元，比上年增长35%。
在今年4月8日县委常委会上，我倡议大家工作日中午不饮酒，大部分同志响应了倡议。
当前我县发展概括起来讲是“三个好”：一是势头好，经济增长较快。二是氛围好，干部群众心齐气顺。三是预期好，一批大项目即将开工。
我推荐大家读一读《之江新语》，学一学调查研究的方法。
我们去年到苏州学习，有个现场教学点叫水八仙，什么是水八仙？就是茭白、莲藕、水芹等八种水生食材。
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    return engine_of(tmp_path_factory.mktemp("commend"), {"01_commend.txt": _COMMENDATION, "02_opening.txt": _OPENING,
                                                           "03_summary.txt": _SUMMARY, "04_style.txt": _STYLE})


@pytest.mark.parametrize("question", ["表彰大会上表扬了哪些人？", "表彰大会上特别说到了哪几位优秀教师？"])
def test_the_people_a_speech_tells_of_in_turn(engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.text.startswith("共4位:")
    for name in ("方静怡", "邵宏伟", "康雨桐", "贺晓岚"):
        assert name in answer.text


def test_the_nth_person_told_of(engine) -> None:
    answer = engine.ask("表彰大会上特别提到的几位教师中，第三位是谁？")
    assert answer.text.startswith("康雨桐:")


def test_the_hopes_announced_and_the_last_of_them(engine) -> None:
    hopes = engine.ask("校长提了哪几点希望？")
    assert "懂得感恩" in hopes.text and "熄灯" not in hopes.text
    last = engine.ask("那最后一点呢？", history=[Turn("校长提了哪几点希望？", hopes)])
    assert "懂得感恩" in last.text and "熄灯" not in last.text


@pytest.mark.parametrize(("question", "said"), [("表彰大会是谁讲的话？", "韩启明"), ("表彰大会是哪天开的？", "2025年9月8日"),
                                                ("柳湾镇工作总结是哪天写的？", "2024年12月26日")])
def test_a_meeting_or_a_summary_named_alone(engine, question: str, said: str) -> None:
    answer = engine.ask(question)
    assert not answer.partial and said in answer.text


def test_one_of_the_speeches_is_not_the_first(engine) -> None:
    answer = engine.ask("一篇讲话里说中午不饮酒，是哪一篇？")
    assert answer.plan.get("speech") != 1 and "作风建设大会" in answer.text


@pytest.mark.parametrize(("question", "said"), [("江北去年招商引资多少钱？", "2860亿元"),
                                                ("中午不饮酒是哪天倡议的？", "4月8日")])
def test_the_figure_or_date_the_sentence_gives(engine, question: str, said: str) -> None:
    answer = engine.ask(question)
    assert not answer.partial and said in answer.text


def test_the_books_two_speeches_name(engine) -> None:
    answer = engine.ask("第二篇和第四篇讲话都推荐了哪些书？")
    assert "《平凡的世界》" in answer.text and "《之江新语》" in answer.text and "分为" not in answer.text
    # (提到了哪些书, naming no word the speeches use, is still no question about their outlines)
    assert not engine.plan("第二篇和第四篇讲话都提到了哪些书？").outline


def test_how_many_more_than_last_year_is_a_figure(engine) -> None:
    answer = engine.ask("柳湾镇今年新签约项目比去年多几个？")
    assert "上年签约项目5个" in answer.text
    plan = engine.plan("柳湾镇今年新签约项目比去年多几个？")
    assert plan.answer_type == "number" and not plan.wants_list and not plan.outline


def test_a_counted_term_is_the_list_after_it(engine) -> None:
    answer = engine.ask("作风建设大会讲话说的“三个好”是指什么？")
    for said in ("势头好", "氛围好", "预期好"):
        assert said in answer.text


def test_a_second_clause_told_by_the_same_sentence_is_not_answered_twice(engine) -> None:
    answer = engine.ask("柳湾镇2024年地区生产总值是多少？比上年增长多少？")
    assert answer.text.count("18.6亿元") == 1 and "6.1%" in answer.text


def test_another_year_asked_after(engine) -> None:
    """去年呢: the question before, asked of the other year (not any sentence saying 去年)."""
    first = engine.ask("柳湾镇今年新签约项目多少个？")
    later = engine.ask("去年呢？", history=[Turn("柳湾镇今年新签约项目多少个？", first)])
    assert later.plan.get("follow_up") and "上年签约项目5个" in later.text
    assert all(c.unit.speech_no == 3 for c in later.citations)
    both = engine.ask("柳湾镇今年新签约项目多少个？去年呢？")
    assert all(c.unit.speech_no == 3 for c in both.citations)


def test_an_honour_the_speech_never_names(engine) -> None:
    """获得过什么省级荣誉: the thing asked for is named, and the speech never speaks of it."""
    answer = engine.ask("方静怡获得过什么省级荣誉？")
    assert answer.partial and "省级荣誉" in answer.text


def test_an_answer_to_the_speech_s_own_question_keeps_it(engine) -> None:
    """什么是水八仙?就是茭白…: 就是 answers the question the sentence before it asks."""
    answer = engine.ask("水八仙是什么？")
    assert "什么是水八仙" in answer.text and "茭白" in answer.text
