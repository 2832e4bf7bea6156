"""A second new user's texts (tester 49), asked the way they asked: a township head's 述职报告
named by its kind, this year's figure beside last year's (…扩大到1.2万亩，去年是1万亩), a
farewell speech praising its people one paragraph each (王德厚同志1984年参加工作…) and closing
with warm wishes that are no hope (最后，衷心祝愿…), and 哪篇讲话提到了… of a word no speech
says. Texts written for these tests."""

from __future__ import annotations

import pytest
from engine_helpers import engine_of

from assistant.results import Turn

_REPORT = """桃川乡乡长韦立群2024年度述职报告
一、抓经济发展，家底更加殷实
今年全乡实现地区生产总值6.4亿元，比去年的5.9亿元增长8.5%。
全乡油茶面积扩大到1.5万亩，去年是1.1万亩；茶叶产量与去年持平。
二、抓民生实事，群众更加满意
新修村组道路18公里，去年是12公里。
三、抓安全稳定，底线守得更牢
全年未发生较大安全事故。
"""

_FAREWELL = """在2024年局机关退休干部欢送会上的讲话
县林业局局长　葛文涛
2024年12月6日
各位老同志、同志们：
今天，我们在这里欢送四位老同志光荣退休。
罗守义同志1983年参加工作，在护林一线干了整整四十年。
孟淑珍同志是我们局的老会计，经手的账目从未出过差错。
谭建平同志当过兵，1991年转业到局里。
邵丽华同志从事林木育种工作三十年。
同志们，四位老同志虽然退休了，但他们的精神值得我们学习。我对大家提三点希望。
一是要学习老同志扎根基层的作风。
二是要学习老同志严谨细致的态度。
三是要学习老同志甘于奉献的精神。
最后，衷心祝愿四位老同志身体健康、家庭幸福！
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    return engine_of(tmp_path_factory.mktemp("farewell"), {"01_report.txt": _REPORT, "02_farewell.txt": _FAREWELL})


def test_this_year_s_figure_beside_last_year_s(engine) -> None:
    answer = engine.ask("今年油茶面积多少亩？")
    assert not answer.partial and "1.5万亩" in answer.text
    both = engine.ask("今年全乡地区生产总值是多少？去年呢？")
    assert not both.partial and "5.9亿元" in both.text


def test_last_year_asked_after(engine) -> None:
    first = engine.ask("今年新修村组道路多少公里？")
    later = engine.ask("去年呢？", history=[Turn("今年新修村组道路多少公里？", first)])
    assert "去年是12公里" in later.text and not later.partial


def test_warm_wishes_are_no_hope(engine) -> None:
    answer = engine.ask("局长提了几点希望？")
    assert "衷心祝愿" not in answer.text and "甘于奉献" in answer.text


def test_the_people_praised_one_paragraph_each(engine) -> None:
    answer = engine.ask("第三位老同志是谁？")
    assert answer.text.startswith("谭建平:")


def test_a_report_named_by_its_kind(engine) -> None:
    answer = engine.ask("述职报告分了几个部分？")
    assert "3个部分" in answer.text and "抓安全稳定" in answer.text


@pytest.mark.parametrize("question", ["哪篇讲话提到了元宇宙？", "哪一篇提到过元宇宙？"])
def test_which_speech_says_a_word_none_says(engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.partial or answer.abstained


def test_a_filler_after_the_count_is_no_part_of_what_is_counted() -> None:
    from assistant.answer_types import counted_noun

    assert counted_noun("欢送会上那位老同志跑了多少个村来着？") == counted_noun("欢送会上那位老同志跑了多少个村？")


def test_a_whole_before_the_counted_noun() -> None:
    from assistant.answer_types import counted_noun

    assert counted_noun("今年全乡地区生产总值是多少？") == "地区生产总值"
    assert counted_noun("海川省今年上半年城镇新增就业是多少人？") == "城镇新增就业"   # (城镇 holds 镇: no place)
