"""A speech named with 会上 / 讲话 asked for its measures when paragraphs that state a point and
direct (要…。要…) are its only points; a lead-in (以下几个方面) followed by such paragraphs;
a figure's sentence without the sentence read on after it; problems two speeches point out compared by their passages; figures asked with a modal before the verb (要达到多少), under a paragraph's short topic sentence
(抓好安全生产。…专项资金…), or of a verb-object term said the other way round (危房改造 as
改造…危房); LLM options given before the subcommand. Texts written for these tests."""

from __future__ import annotations

from typing import Any

import pytest
from fake_llm import fake_llm

from assistant.engine import Engine

_RURAL = """在全区乡村振兴工作推进会上的讲话
区委书记　许向东
（2025年3月6日）
同志们：
今天召开全区乡村振兴工作推进会，目的是总结去年工作，安排今年任务。
去年，全区农村居民人均可支配收入增长百分之六点八，建成美丽乡村示范村十八个。但村级集体经济底子薄、农村基础设施欠账多等问题依然存在。
今年要重点抓好以下几个方面的工作。
特色产业是增收的根本。要做大蔬菜、食用菌两大产业，新建设施大棚三千亩。要扶持农民专业合作社，培育示范社五十家。
集体经济是村级组织运转的保障。要盘活村集体闲置资产，年底前各村集体经营性收入都要达到八万元以上。要规范村级财务管理，每半年公开一次账目。
基础设施是群众最关心的实事。要推进农村道路提档，硬化村组道路一百二十公里。要加快农村饮水工程建设，改造老旧供水管网四十公里。
乡村治理是振兴的基石。要推广积分制管理，实现行政村全覆盖。要完善村规民约，每个村都要成立红白理事会。
防汛工作要早谋划。区财政安排专项资金六百万元，重点用于山塘水库除险加固。汛期各乡镇主要负责同志要在岗值守。
各级党组织要把乡村振兴作为一把手工程，主要负责同志要亲自研究、亲自部署。
同志们，让我们真抓实干，奋力开创全区乡村振兴新局面！
"""

_SCHOOL = """在全区教育工作会议上的讲话
副区长　方晓岚
（2025年2月18日）
同志们：
这次会议的任务是，部署今年全区的教育工作。下面，我讲两点意见。
一、充分肯定去年的工作成绩
过去一年，全区新建改扩建中小学九所，新增学位四千二百个，改造农村薄弱学校危房三十户。但也要看到，城区学校大班额、农村学校师资不足等问题依然存在。
二、扎实做好今年的重点工作
要推进义务教育优质均衡发展，今年再建成两所城区学校。要加强教师队伍建设，招聘新教师一百五十名。要深化“双减”工作，规范校外培训机构。
同志们，让我们共同努力，办好人民满意的教育！
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root = tmp_path_factory.mktemp("rural")
    (root / "xiangcun.txt").write_text(_RURAL, encoding="utf-8")
    (root / "jiaoyu.txt").write_text(_SCHOOL, encoding="utf-8")
    return Engine.load([root], use_cache=False)


_FOUR = ("特色产业是增收的根本", "集体经济是村级组织运转的保障", "基础设施是群众最关心的实事", "乡村治理是振兴的基石")


@pytest.mark.parametrize("question", ["乡村振兴会上提了哪些措施?", "乡村振兴推进会的讲话里部署了哪些举措?"])
def test_measures_of_a_speech_named_with_its_meeting_are_its_directed_paragraphs(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert all(point in answer.text for point in _FOUR), answer.text
    assert "各段开头" not in answer.text and not answer.abstained


@pytest.mark.parametrize(("question", "said"), [("乡村振兴讲话第二点是什么?", "集体经济是村级组织运转的保障"),
                                                ("乡村振兴会上讲的第三条是啥?", "基础设施是群众最关心的实事")])
def test_the_nth_point_of_that_speech_is_its_nth_directed_paragraph(engine: Engine, question: str, said: str) -> None:
    answer = engine.ask(question)
    assert said in answer.text and "第2段" not in answer.text and "第3段" not in answer.text, answer.text


@pytest.mark.parametrize("question", ["今年要重点抓好哪几个方面的工作?", "今年重点要抓哪几方面的工作?"])
def test_a_lead_in_then_directed_paragraphs_is_a_list(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert all(point in answer.text for point in _FOUR), answer.text


@pytest.mark.parametrize(("question", "said"), [("村集体经营性收入要达到多少?", "八万元"),
                                                ("各村集体经营性收入将来能达到多少?", "八万元")])
def test_a_modal_before_the_verb_is_no_part_of_what_is_counted(engine: Engine, question: str, said: str) -> None:
    answer = engine.ask(question)
    assert said in answer.text and not answer.partial and not answer.abstained, answer.text


@pytest.mark.parametrize("question", ["防汛专项资金是多少钱?", "区里给防汛安排的专项资金有多少?"])
def test_a_paragraphs_topic_sentence_says_whose_the_figure_is(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert "六百万元" in answer.text and not answer.partial, answer.text


@pytest.mark.parametrize(("question", "said"), [("危房改造了多少户?", "三十户"), ("村组道路硬化了多少公里?", "一百二十公里")])
def test_a_term_said_the_other_way_round_is_said(engine: Engine, question: str, said: str) -> None:
    answer = engine.ask(question)
    assert said in answer.text and "没有出现" not in answer.text, answer.text


def test_a_compound_whose_halves_stand_apart_is_still_unsaid(engine: Engine) -> None:
    # (合作医疗: 合作 and 医疗 never stand within a few characters of each other.)
    answer = engine.ask("合作医疗报销比例提高了多少?")
    assert answer.abstained or answer.partial


@pytest.mark.parametrize("question", ["为什么说集体经济特别重要？讲话给的理由是什么?", "讲话说集体经济很关键，理由是啥?"])
def test_a_reason_asked_as_liyou_is_asked_why(engine: Engine, question: str) -> None:
    # (理由 asks why, as 原因 does; it is no thing the speech must name.)
    answer = engine.ask(question)
    assert "运转的保障" in answer.text and not answer.abstained and not answer.partial, answer.text


@pytest.mark.parametrize("question", ["今年要招聘多少新教师?", "新教师今年招多少名?"])
def test_a_sentence_read_on_after_the_figure_is_not_quoted(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert "一百五十名" in answer.text and "双减" not in answer.text, answer.text


@pytest.mark.parametrize("question", ["乡村振兴会议和教育工作会议的讲话指出的问题有什么不同?",
                                      "教育工作会议与乡村振兴会议的讲话所指出的问题有何不同?"])
def test_problems_found_by_two_speeches_are_their_passages_not_their_outlines(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert not engine.plan(question).outline
    assert "底子薄" in answer.text and "大班额" in answer.text, answer.text


@pytest.mark.parametrize("question", ["对发生安全事故的乡镇由谁来追责?", "对发生安全事故的乡镇追责由谁负责?"])
def test_a_term_named_missing_is_not_grown_over_a_preposition(tmp_path: Any, question: str) -> None:
    (tmp_path / "anquan.txt").write_text("在全县安全生产会议上的讲话\n县长　李文\n（2025年1月8日）\n同志们：\n"
                                         "今年要压实安全生产责任。对发生安全事故的乡镇，实行一票否决。\n"
                                         "同志们，安全生产重于泰山！\n", encoding="utf-8")
    answer = Engine.load([tmp_path], use_cache=False).ask(question)
    assert answer.partial and "「对" not in answer.text, answer.text


@pytest.mark.parametrize("before", [True, False])
def test_llm_options_before_or_after_the_subcommand_reach_it(capsys: pytest.CaptureFixture[str], before: bool,
                                                             monkeypatch: Any) -> None:
    from cli_helpers import run

    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-printed")
    with fake_llm(["塔西佗陷阱。"]) as server:
        options = ["--base-url", server.base_url, "--model", "fake-model"]
        argv = [*options, "ask", "--llm", "什么是塔西佗陷阱?"] if before else ["ask", "--llm", *options, "什么是塔西佗陷阱?"]
        code, out, err = run(capsys, *argv)
        assert code == 0, err
        assert server.requests and {r["model"] for r in server.requests} == {"fake-model"}
        assert "sk-test-not-printed" not in out + err


def test_the_readers_outline_of_that_speech_is_its_directed_paragraphs(engine: Engine) -> None:
    # (The TUI's reader and corpus browser outline a speech by Engine.speech_parts.)
    no = next(s.no for s in engine.corpus.speeches if "乡村振兴" in s.title)
    labels = [u.text for u in engine.speech_parts(no)]
    assert len(labels) == 4 and all(label.startswith(point) for label, point in zip(labels, _FOUR))
