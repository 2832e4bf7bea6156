"""A press conference transcript asked about as people say it: one reporter named by their
outlet (新华社记者问了什么), who answered it (…谁答的, also as a second clause), and which
questions one official answered (郑思远回答了哪些记者的提问 / 回答了几个问题). Texts written
for these tests."""

from __future__ import annotations

import pytest
from engine_helpers import engine_of

_PRESSER = """临江省上半年农业农村工作新闻发布会实录
时间：2025年7月10日上午
发布人：省农业农村厅厅长孟海峰，省水利厅副厅长唐晓雯
主持人：省政府新闻办副主任钟岩
钟岩：各位记者朋友，上午好！下面请孟海峰厅长介绍上半年全省农业农村工作情况。
孟海峰：上半年，全省夏粮总产量达到612万吨，比上年增长2.3%。
钟岩：下面进入提问环节，请记者朋友提问，提问前请先通报所在的新闻机构。
临江日报记者：今年夏粮丰收，有哪些经验？
孟海峰：一是抓好良种推广，二是抓好农机作业，三是抓好病虫害统防统治。
新华社记者：今年汛期防汛形势怎么样？
唐晓雯：全省已完成病险水库除险加固46座，汛前检查堤防1860公里。
农民日报记者：农村人居环境整治有什么新举措？
孟海峰：今年将新建改建农村户厕12万户，实现生活垃圾收运处置体系行政村全覆盖。
钟岩：今天的发布会到此结束，谢谢大家。
"""

_OTHER = """在全省春耕生产现场会上的讲话
同志们：
今年春耕生产要早谋划、早部署，确保粮食播种面积稳定在3200万亩以上。
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    return engine_of(tmp_path_factory.mktemp("presser"), {"01_presser.txt": _PRESSER, "02_meeting.txt": _OTHER})


@pytest.mark.parametrize("question", ["新华社记者问了什么？", "农民日报记者提了什么问题"])
def test_one_reporter_named_by_the_outlet(engine, question: str) -> None:
    answer = engine.ask(question)
    asked = "防汛形势" if "新华社" in question else "人居环境"
    assert asked in answer.text
    assert "临江日报记者" not in answer.text and "提问环节" not in answer.text


def test_the_reporters_as_a_whole_are_still_the_outline(engine) -> None:
    answer = engine.ask("记者一共问了几个问题？")
    for outlet in ("临江日报记者", "新华社记者", "农民日报记者"):
        assert outlet in answer.text


def test_who_answered_in_a_second_clause(engine) -> None:
    answer = engine.ask("新华社记者问了什么，谁答的？")
    assert "防汛形势" in answer.text and "回答这个问题的是唐晓雯" in answer.text


@pytest.mark.parametrize("question", ["孟海峰回答了哪些记者的提问？", "孟海峰回答了几个问题？"])
def test_the_questions_one_official_answered(engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.text.startswith("孟海峰回答了2个问题")
    assert "夏粮丰收" in answer.text and "人居环境" in answer.text and "防汛形势" not in answer.text
    assert "春耕" not in answer.text
