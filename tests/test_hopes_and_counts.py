"""Hopes said one after another with no count (我想给同学们提几点希望。希望大家… / a paragraph
that is nothing but 希望…), the list a question names by its kind (几点希望, not the 三点意见
before them), what follows items counted and named by what they are of (讲完春耕的四项工作之
后 / 讲完存在的三个问题之后), the edge of every speech (三篇讲话的结尾各是怎么说的), a longer term
asked whether it is mentioned, a term said with words between its halves (农民收入 → 农民人均纯
收入), an occupation before a name (退休教师王秀英), and three robustness fixes: a config file's
bad key named with its line, a saved conversation whose exchanges are no list, ranking options
out of range. Texts written for these tests."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from engine_helpers import engine_of

from assistant.enumeration import enumerations
from assistant.sufficiency import missing_terms

_SCHOOL = """在红枫中学2026届毕业典礼上的讲话
校长　沈一鸣（2026年6月18日）

亲爱的同学们：

今天，356名同学顺利毕业，其中有29人被评为市级优秀毕业生。

临别之际，我想给同学们提几点希望。希望大家坚持读书，每年至少读完十本好书。希望大家强健体魄，每天锻炼一小时。希望大家心怀感恩，常回母校看看。

最后，祝同学们前程似锦！
"""

_VOLUNTEER = """在城北区志愿服务表彰会上的讲话
区委书记　郭晓岚

同志们：

过去一年，全区注册志愿者超过2万人。特别是退休教师马秀兰，连续六年坚持为社区孤寡老人义务理发。

对下一步的工作，我讲三点意见。第一，要扩大队伍，力争年底前注册人数达到3万人。第二，要健全机制，建立志愿服务积分制度。第三，要加强保障，区财政每年安排专项资金150万元。

希望受表彰的同志珍惜荣誉，发挥带头作用。希望各街道把志愿服务纳入社区治理。希望全社会都来关心支持志愿服务。

谢谢大家！
"""

_FARM = """在柳岸县春季农业生产工作会议上的讲话
副县长　韩立业

同志们：

去年全县粮食总产量达到28.5万吨，农民人均纯收入达到1.72万元。部分乡镇水利设施老化，种粮效益偏低。

做好今年的春耕工作，一要稳定播种面积，全县粮食播种面积稳定在50万亩以上。二要抓好水利建设，新修渠道90公里。三要加强农资监管，严厉打击假种子。四要做好技术服务，每个村安排一名技术指导员。

此外，还要高度重视防汛准备。汛期一般从5月中旬开始，各乡镇要提前检修堤坝。

同志们，春争日，夏争时。希望大家抓住农时，确保今年农业再获丰收。
"""


def _engine_of(tmp_path_factory: pytest.TempPathFactory, name: str, texts: dict[str, str]):
    return engine_of(tmp_path_factory.mktemp(name), texts)


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory):
    return _engine_of(tmp_path_factory, "hopes", {"a_school.txt": _SCHOOL, "b_volunteer.txt": _VOLUNTEER, "c_farm.txt": _FARM})


def test_hopes_counted_as_several_are_as_many_as_the_sentences_give() -> None:
    paragraph = _SCHOOL.split("\n\n")[3]
    found = [e for e in enumerations(paragraph) if e.family == "announced"]
    assert len(found) == 1 and [label[:6] for label in found[0].labels] == ["希望大家坚持", "希望大家强健", "希望大家心怀"]


def test_a_paragraph_that_is_nothing_but_hopes_is_their_list() -> None:
    paragraph = _VOLUNTEER.split("\n\n")[4]
    found = [e for e in enumerations(paragraph) if e.family == "announced"]
    assert len(found) == 1 and len(found[0].points) == 3


def test_sentences_opening_alike_only_in_part_of_a_paragraph_are_no_unannounced_list() -> None:
    assert not [e for e in enumerations("希望大家读书。希望大家锻炼。要注意安全。") if e.family == "announced"]


@pytest.mark.parametrize("question,wanted,not_wanted", [
    ("毕业典礼讲话的第二点希望是什么?", "强健体魄", "坚持读书"),
    ("校长的最后一点希望是什么?", "心怀感恩", "前程似锦"),
])
def test_the_nth_hope_of_a_paragraph(engine, question: str, wanted: str, not_wanted: str) -> None:
    first = engine.ask(question).text.split("\n")[0]
    assert wanted in first and not_wanted not in first


@pytest.mark.parametrize("question,wanted,not_wanted", [
    ("郭晓岚提了几点希望?", "希望受表彰的同志", "扩大队伍"),
    ("郭晓岚讲了几点意见?", "扩大队伍", "希望受表彰的同志"),
])
def test_the_list_the_question_names_by_its_kind(engine, question: str, wanted: str, not_wanted: str) -> None:
    answer = engine.ask(question).text
    assert wanted in answer and not_wanted not in answer


@pytest.mark.parametrize("question", ["讲完春耕的四项工作之后又讲了什么?", "韩立业讲完春耕的四项工作以后接着讲了什么?"])
def test_what_follows_items_named_by_what_they_are_of(engine, question: str) -> None:
    first = engine.ask(question).text.split("\n")[0]
    assert "防汛准备" in first.split("之后")[-1]


def test_what_follows_items_said_in_the_paragraph_after_their_count(tmp_path: Path) -> None:
    from assistant.engine import Engine

    text = ("在机关作风建设会上的讲话\n局长 许建\n\n一、存在的问题\n\n从当前来看，作风上还存在着一些问题，主要表现在以下三个方面：\n\n"
            "一是敬业精神不够强。二是服务意识不够强。三是工作效率不够高。\n\n下一步要在四个方面下功夫：\n\n"
            "一是在服务基层上下功夫。\n\n二是在落实责任上下功夫。\n\n二、加强领导\n\n各级党组织要加强领导。\n")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    answer = Engine.load([tmp_path], use_cache=False).ask("讲完存在的三个问题之后接着讲什么?")
    assert "下一步要在四个方面下功夫" in answer.text.split("\n")[0]


@pytest.mark.parametrize("question", ["三篇讲话的结尾各是怎么说的?", "各篇讲话的开头是怎么说的?"])
def test_the_edge_of_every_speech(engine, question: str) -> None:
    answer = engine.ask(question)
    assert not answer.abstained and len({c.unit.speech_no for c in answer.citations}) == 3


def test_a_longer_term_asked_whether_it_is_mentioned(engine) -> None:
    answer = engine.ask("讲话中有没有提到新冠疫情防控?")
    assert answer.abstained or answer.partial and "新冠疫情防控" in answer.text.split("\n")[0]
    from assistant.partial import _MENTION_ASKED

    assert [m.group(1) for m in _MENTION_ASKED.finditer("讲话中有没有提到新冠疫情防控?")] == ["新冠疫情防控"]


def test_a_term_said_with_words_between_its_halves_is_said() -> None:
    corpus = "去年全县粮食总产量达到28.5万吨，农民人均纯收入达到1.72万元。公款大吃大喝。区委、区纪委书记王明。"
    key = corpus.replace("，", "").replace("。", "").replace("、", "")
    assert missing_terms([], ["农民收入"], key, question="柳岸县去年农民收入多少?") == []
    assert missing_terms([], ["公款吃喝"], key, question="对公款吃喝怎么说?") == []
    # 区纪委 names another body: 区委书记 is not said
    assert missing_terms([], ["区委书记"], key, question="是哪位区委书记讲的?") == ["区委书记"]


def test_an_occupation_before_a_name_names_a_person(engine) -> None:
    answer = engine.ask("谁连续六年为孤寡老人义务理发?")
    assert not answer.partial and "马秀兰" in answer.text.split("\n")[0]


def test_a_bad_config_key_is_named_with_its_line(tmp_path: Path) -> None:
    from assistant.config import load_config
    from assistant.settings_file import ConfigError

    path = tmp_path / "c.toml"
    path.write_text('[llm]\nbase_url = "http://127.0.0.1:9/v1"\n\ntimeout = "abc"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="第 4 行的 timeout 类型不对"):
        load_config(env={}, path=path)


def test_a_saved_conversation_whose_exchanges_are_no_list_is_unreadable(tmp_path: Path) -> None:
    from assistant import conversation as cv

    (tmp_path / "odd.json").write_text(json.dumps({"id": "x", "title": 123, "exchanges": "notalist"}), encoding="utf-8")
    saved, problems = cv.list_conversations(tmp_path)
    assert not saved and problems == ["无法读取 odd.json,已跳过"]


@pytest.mark.parametrize("option", [["--k1", "-5"], ["--k1", "inf"], ["--b", "nan"], ["--b", "2"],
                                    ["--fusion-weight", "nan"], ["--bigram-weight", "-100"], ["--abstain-coverage", "2"]])
def test_ranking_options_out_of_range_are_usage_errors(option: list[str]) -> None:
    done = subprocess.run([sys.executable, "-m", "assistant", "search", *option, "塔西佗陷阱"],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 2 and option[0] in done.stderr and "Traceback" not in done.stderr


_REPORT = """城南区召开社区养老服务推进会
本报城南5月8日讯（记者 方一舟）5月7日上午，城南区召开社区养老服务推进会。区委书记罗建中出席会议并讲话，区长苏婉主持会议。
罗建中指出，养老服务一头连着民生，一头连着民心。他要求，一是补齐设施短板，二是做实助餐服务，三是壮大护理队伍。
苏婉就贯彻落实会议精神提出要求。她说，各部门要打破“各管一段”的思维，加快推进医养结合。
会上，区民政局通报了工作进展。会后，与会人员实地参观了城南社区“长者食堂”。
"""

_TRAINING = """在青年干部培训班开班式上的讲话
市委副书记　陶明

同志们：

首先，要坚定理想信念。理想信念是共产党人精神上的“钙”。

其次，要练就过硬本领。讲到这里，我想给大家讲一个故事。2019年，年轻干部郑晓川被派到石岭村担任驻村第一书记。郑晓川白天走访，晚上学方言，三年下来，村集体收入增加到46万元。这个故事告诉我们，群众是最好的老师，基层是最好的课堂。希望大家放下架子、扑下身子。

最后，要严守纪律规矩。

祝同志们学习进步！
"""


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory):
    return _engine_of(tmp_path_factory, "reports", {"a_report.txt": _REPORT, "b_training.txt": _TRAINING})


@pytest.mark.parametrize("question", ["苏婉讲了什么？", "社区养老服务推进会上，主持会议的区长苏婉讲了些什么？",
                                      "区长苏婉讲话的重点是什么？"])
def test_what_a_reports_second_speaker_said(reports, question: str) -> None:
    answer = reports.ask(question)
    first = answer.text.split("\n")[0]
    assert "医养结合" in first and "补齐设施短板" not in first


def test_a_speaker_named_with_what_they_spoke_on_names_the_report() -> None:
    from assistant.speech_refs import _SPEAKING

    assert [m.group(1) for m in _SPEAKING.finditer("苏婉就贯彻落实会议精神提出要求。")] == ["苏婉"]
    assert [m.group(1) for m in _SPEAKING.finditer("高建民在主持会议时指出，")] == ["高建民"]


@pytest.mark.parametrize("question", ["陶明讲完郑晓川驻村的故事以后，紧接着说这个故事告诉我们什么？",
                                      "讲完郑晓川的故事之后讲了什么？"])
def test_what_follows_a_story_told_inside_a_paragraph(reports, question: str) -> None:
    first = reports.ask(question).text.split("\n")[0]
    assert "群众是最好的老师" in first and "严守纪律规矩" not in first


_SAFETY = """市教育系统安全工作会议召开
本报青河11月3日讯　11月2日上午9点，全市教育系统安全工作会议召开。副市长李红梅出席会议并讲话，市教育局局长张国华主持会议。
李红梅指出，校园安全是教育工作的底线。她要求，第一，要全面排查隐患；第二，要加强食堂管理；第三，要做好心理健康教育。
李红梅强调，安全工作没有旁观者，各级各部门要守土有责。
张国华通报了今年以来全市共发生校园安全事故7起，比去年同期下降30%。
"""

_CLOSING = """在全县农田水利建设动员会上的讲话
县长　周立新

同志们：

做好今年的农田水利建设，一要抓好规划，科学确定项目布局。二要抓好资金，县财政安排资金860万元。三要抓好质量，严格工程监理。四要抓好管护，落实管护责任。

最后，希望大家切实负起责任。希望大家把这项工作当成民生大事来抓。希望大家在明年3月底前全面完成任务。
"""


@pytest.fixture(scope="module")
def safety(tmp_path_factory: pytest.TempPathFactory):
    return _engine_of(tmp_path_factory, "safety", {"a_safety.txt": _SAFETY, "b_closing.txt": _CLOSING})


@pytest.mark.parametrize("question,wanted,not_wanted", [("李红梅强调了什么?", "没有旁观者", "底线"),
                                                        ("李红梅指出了什么?", "底线", "没有旁观者")])
def test_what_a_speaker_stressed_is_the_paragraph_said_with_that_verb(safety, question: str, wanted: str,
                                                                     not_wanted: str) -> None:
    first = safety.ask(question).text.split("\n")[0]
    assert wanted in first and not_wanted not in first


def test_a_count_in_qi_counts_what_follows_it(safety) -> None:
    answer = safety.ask("今年以来全市发生了多少起校园安全事故?")
    assert not answer.partial and "7起" in answer.text.split("\n")[0]


@pytest.mark.parametrize("question,wanted", [("周立新提了几点希望?", "明年3月底前"), ("周县长讲话的第三个希望是什么?", "明年3月底前")])
def test_hopes_after_a_word_that_says_where_they_stand(safety, question: str, wanted: str) -> None:
    first = safety.ask(question).text.split("\n")[0] if "第三" in question else safety.ask(question).text
    assert wanted in first and "抓好管护" not in first


def test_what_follows_a_story_named_without_a_verb_of_finishing(reports) -> None:
    first = reports.ask("郑晓川的故事之后说了什么?").text.split("\n")[0]
    assert "群众是最好的老师" in first


def test_a_speaker_named_with_a_verb_of_deploying_names_the_report() -> None:
    from assistant.speech_refs import _ASKED_SPEAKER

    assert _ASKED_SPEAKER.search("郑国华部署了哪几项工作？") and _ASKED_SPEAKER.search("郑国华布置了什么任务")
