"""Speeches as web pages and papers print them: a source line (来源:…), an address to several
audiences and a greeting, an editor's note on how the text was made (（根据会议录音整理）), and
speeches named by the speaker's surname and office (韩市长) or by their meeting (安全生产那个会).
The texts are written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.corpus import parse_text
from assistant.engine import Engine

_CEREMONY = """扬帆远航　不负青春
——在南山大学２０１８届毕业典礼上的讲话
周文博
来源：南山大学新闻网
亲爱的同学们，各位老师、各位家长：
大家上午好！
今天，我们在这里隆重举行毕业典礼，我代表学校向同学们表示祝贺。
希望同学们终身学习，永葆好奇心。
祝同学们前程似锦！
"""
_SAFETY = """在全市安全生产电视电话会议上的讲话
副市长　邱国平
同志们：
今天召开会议，通报近期几起事故。
关于落实安全责任
各地要层层签订安全生产责任书。
关于开展隐患排查
要对危险化学品企业开展拉网式排查。
（根据会议录音整理）
"""
_BUILDING = """坚定信心　加快城市建设
——在全市城市建设动员大会上的讲话
东江市市长　韩志刚
同志们：
下面，我讲两个问题。
一、统一思想，增强做好城市建设工作的责任感
城市建设是发展的重要支撑。
二、突出重点，全力抓好今年的城市建设
今年要完成旧城改造三十万平方米。
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root: Path = tmp_path_factory.mktemp("layouts")
    for name, text in (("ceremony.txt", _CEREMONY), ("safety.txt", _SAFETY), ("building.txt", _BUILDING)):
        (root / name).write_text(text, encoding="utf-8")
    return Engine.load([root], use_cache=False)


def test_source_address_greeting_and_notes_are_no_paragraphs() -> None:
    ceremony = parse_text(_CEREMONY, "ceremony.txt")[0]
    assert ceremony.paragraphs[0].text.startswith("今天，我们在这里隆重举行毕业典礼")
    assert any(u.kind == "metadata" and u.text.startswith("来源") for u in ceremony.units)
    safety = parse_text(_SAFETY, "safety.txt")[0]
    assert not any(u.kind == "paragraph" and "录音整理" in u.text for u in safety.units)


def test_the_opening_of_a_ceremony_speech(engine: Engine) -> None:
    answer = engine.ask("毕业典礼讲话一开头讲了什么?")
    assert "隆重举行毕业典礼" in answer.text


@pytest.mark.parametrize("question, title", [
    ("韩市长讲了哪两个问题?", "坚定信心　加快城市建设"),
    ("邱市长在会上讲了什么?", "在全市安全生产电视电话会议上的讲话"),
    ("安全生产那个会的讲话最后一个小标题是什么?", "在全市安全生产电视电话会议上的讲话"),
])
def test_a_speech_named_by_surname_and_office_or_by_its_meeting(engine: Engine, question: str, title: str) -> None:
    plan = engine.plan(question)
    assert plan.speech_no is not None and engine.speech_title(plan.speech_no) == title


def test_a_surname_two_speakers_share_names_none(tmp_path: Path) -> None:
    for name, office in (("a.txt", "市长　韩志刚"), ("b.txt", "副市长　韩明")):
        (tmp_path / name).write_text(f"在会上的讲话\n{office}\n同志们：\n要抓好工作。\n", encoding="utf-8")
    engine = Engine.load([tmp_path], use_cache=False)
    assert engine.plan("韩市长讲了什么?").speech_no is None
