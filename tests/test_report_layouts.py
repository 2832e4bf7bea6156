"""Newspaper articles whose points are laid out without markers or headings: a lead-in that
counts them (以下三个方面:) followed by paragraphs that each open with a short sentence of their
own, a run that starts 其一是 and goes on with 二是, the latter or the former of two, a sentence
that names and counts its things (放在…,…,…三个方面), what a matter is "在哪里" (not a place),
an ordinal asked (第几次), the rule of a thing the texts never name (…是怎么规定的), the occasion
a report names, a count given as 36所学校被评为…, and a corpus of one speech. The texts are
written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.engine import Engine
from assistant.results import Answer

_ARTICLE = """搞好城市绿化
秦晓岚
城市绿化是城市建设的重要内容，关系到市民的生活质量。
结合安平市的做法，我们认为，搞好城市绿化应当从以下三个方面着手：
认真编制绿地规划。绿地规划是城市绿化的龙头。规划一经批准，任何单位不得擅自改变绿地用途。
切实加强养护管理。绿化的功能主要有两个方面：其一是美化。整齐的行道树和草坪使街道面貌焕然一新。二是净化。树木能够吸附粉尘、降低噪声，改善城市的空气质量。
广泛发动群众参与。每年植树节，全市机关干部和学生都要参加义务植树，认养绿地。
"""

_REPORT = """王振华在全省中小学危房改造会议上要求三年内消除危房
本报青州１月９日讯　记者林涛报道：省政府副省长王振华８日在省政府于青州召开的第三次全省中小学危房改造工作会议上讲话。
王振华指出，各级政府每年召开一次专门会议，部署危房改造工作。
王振华说，要多渠道筹措改造资金。当前，这项改造的重点，应该放在农村小学，山区中学，城镇薄弱学校三个方面。
王振华说，判断改造成效主要看两条：一是要看学生是否安全，二是要看群众是否满意。
王振华认为，危房多年改不完，毛病主要出在资金不到位、责任不落实上。
去年全省共有３６所学校被评为危房改造先进单位。
"""

_COMMITTEE = """刘建平就第五届市政协委员人选建议名单作说明
刘建平说，这次换届，委员总的规模在上届基础上适当扩大，增加４０个名额；中共党员不超过委员总数的４０％；对个别界别名称作适当调整；对界别的排列顺序也稍作调整。
刘建平在谈到第五届市政协换届的委员建议名单时说，名单体现了以下特点。
（一）委员组成体现了新老交替。新提名的委员占一半以上。
（二）委员组成具有广泛的代表性。各界别都有一批有影响的代表人物，有民族、宗教界和新闻出版界的代表。
（三）委员知识层次高。大专以上学历的委员占八成。
刘建平介绍，经济界委员为３５名，“特邀港澳人士”界委员为１２名。
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root: Path = tmp_path_factory.mktemp("layouts")
    for name, text in {"1_green": _ARTICLE, "2_schools": _REPORT, "3_committee": _COMMITTEE}.items():
        (root / f"{name}.txt").write_text(text, encoding="utf-8")
    return Engine.load([root], use_cache=False)


def _ask_of(tmp_path: Path, question: str, **texts: str) -> Answer:
    """``question`` asked of a corpus of ``texts`` (file name: text) alone."""
    for name, text in texts.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    return Engine.load([tmp_path], use_cache=False).ask(question)


@pytest.mark.parametrize("question", ["秦晓岚认为搞好城市绿化应从哪几方面着手?", "搞好城市绿化那篇文章讲了哪几个方面?"])
def test_a_counted_lead_in_and_paragraphs_opening_with_short_sentences(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert not answer.abstained, answer.text
    for point in ("认真编制绿地规划", "切实加强养护管理", "广泛发动群众参与"):
        assert point in answer.text, answer.text
    assert "其一是美化" not in answer.text, answer.text


@pytest.mark.parametrize("question", ["绿化的功能有哪两个?", "绿化的功能分为哪几种?"])
def test_a_run_opening_with_qiyi_shi_and_going_on_with_er_shi(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert "美化" in answer.text and "净化" in answer.text, answer.text
    assert "认真编制绿地规划" not in answer.text, answer.text


@pytest.mark.parametrize("question, wanted, other", [
    ("绿化的两个功能里，排在后面的那一个是什么?", "净化", "其一是美化"),
    ("绿化的两个功能，后一个是什么?", "净化", "其一是美化"),
    ("绿化的两个功能，前一个是什么?", "美化", "二是净化"),
])
def test_the_latter_or_the_former_of_two(engine: Engine, question: str, wanted: str, other: str) -> None:
    answer = engine.ask(question)
    assert answer.plan["intent"] == "nth_point", answer.plan
    assert wanted in answer.text and other not in answer.text, answer.text


@pytest.mark.parametrize("question", ["王振华认为危房改造眼下的重点应该放在哪几块?", "危房改造的重点放在哪几个方面?"])
def test_a_sentence_that_names_and_counts_its_things(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert not answer.abstained, answer.text
    for thing in ("农村小学", "山区中学", "城镇薄弱学校"):
        assert thing in answer.text, answer.text


def test_a_count_that_announces_its_points_is_no_sentence_of_things(engine: Engine) -> None:
    answer = engine.ask("判断危房改造成效主要看哪两条?")
    assert "学生是否安全" in answer.text and "群众是否满意" in answer.text, answer.text


@pytest.mark.parametrize("question", ["危房多年改不完，毛病出在哪里?", "危房改造的问题主要在哪儿?"])
def test_where_a_matter_lies_is_no_place(engine: Engine, question: str) -> None:
    assert engine.plan(question).answer_type != "place"


@pytest.mark.parametrize("question", ["危房改造会议在哪个县开的?", "会议在哪里召开?"])
def test_where_a_meeting_was_held_is_a_place(engine: Engine, question: str) -> None:
    assert engine.plan(question).answer_type == "place"


@pytest.mark.parametrize("question", ["全省中小学危房改造工作会议这回是第几次开?", "青州那次危房改造会议是第几次会议?"])
def test_an_ordinal_is_answered_by_an_ordinal(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.text.splitlines()[0].find("第三次") >= 0, answer.text


@pytest.mark.parametrize("question", ["城市绿化里，屋顶花园是怎么规定的?", "危房改造中，校舍保险具体是指什么?"])
def test_the_rule_of_a_thing_never_named_is_not_given(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.abstained or answer.partial, answer.text
    assert "没有出现" in answer.text, answer.text


def test_the_rule_of_a_thing_named_is_given(engine: Engine) -> None:
    answer = engine.ask("城市绿化里，绿地规划是怎么规定的?")
    assert not answer.abstained and "不得擅自改变绿地用途" in answer.text, answer.text


@pytest.mark.parametrize("question", ["城市绿化能起几种作用?", "植树有哪些好处?", "这项改革分几个阶段?"])
def test_counted_effects_and_stages_ask_for_a_list(engine: Engine, question: str) -> None:
    assert engine.plan(question).wants_list


@pytest.mark.parametrize("question", ["市政协这次换届，在规模和组成上做了哪些调整?", "这次换届在名额和界别上作了哪些调整?"])
def test_clauses_the_words_match_better_than_a_marked_list(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert "增加４０个名额" in answer.text and "排列顺序" in answer.text, answer.text
    assert "新老交替" not in answer.text, answer.text


def test_a_marked_list_the_words_match_better_than_clauses(engine: Engine) -> None:
    answer = engine.ask("市政协委员建议名单体现了哪些特点?")
    assert "新老交替" in answer.text and "代表性" in answer.text, answer.text


@pytest.mark.parametrize("question", ["王振华是哪天就危房改造工作讲话的?", "王振华是哪天对中小学危房改造讲话的?"])
def test_the_event_asked_is_the_verb_past_a_preposition(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert not answer.abstained and not answer.partial, answer.text
    assert "８日" in answer.text.splitlines()[0], answer.text


@pytest.mark.parametrize("question", ["王振华是在哪个会上提出多渠道筹措改造资金的?", "王振华在哪次会上提出三年内消除危房?"])
def test_which_meeting_is_no_place(engine: Engine, question: str) -> None:
    assert engine.plan(question).answer_type != "place"
    answer = engine.ask(question)
    assert not answer.abstained and not answer.partial, answer.text


@pytest.mark.parametrize("question", ["绿化的两个功能里，排在后面的那个词指的是什么?", "管理的两个功能，排第二的那个说法是什么意思?"])
def test_the_item_pointed_at_is_no_term(engine: Engine, question: str) -> None:
    assert engine.plan(question).asks_content_of == ""


@pytest.mark.parametrize("question", ["王振华在哪个会上讲的话?", "王振华是在哪次会议上讲话的?"])
def test_the_occasion_of_a_report_is_the_meeting_its_lead_names(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert engine.plan(question).answer_type == "occasion"
    assert not answer.abstained and "第三次全省中小学危房改造工作会议" in answer.text, answer.text


@pytest.mark.parametrize("question", ["市政协委员建议名单里，宗教界人士有多少名?", "新闻出版界人士有几名委员?"])
def test_a_figure_of_other_people_is_no_count_of_those_asked(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.partial or answer.abstained, answer.text


def test_a_figure_of_the_people_asked_is_their_count(engine: Engine) -> None:
    answer = engine.ask("“特邀港澳人士”界委员有多少名?")
    assert not answer.partial and not answer.abstained and "１２名" in answer.text, answer.text


@pytest.mark.parametrize("question, wanted", [
    ("王振华是哪天、在哪个会上就危房改造讲话的?", ("８日", "第三次全省中小学危房改造工作会议")),
    ("王振华是哪天、在哪里就危房改造讲话的?", ("８日", "青州")),
])
def test_two_question_words_joined_by_a_comma_of_enumeration(engine: Engine, question: str, wanted: tuple[str, ...]) -> None:
    answer = engine.ask(question)
    assert not answer.abstained and not answer.partial, answer.text
    for w in wanted:
        assert w in answer.text, answer.text


@pytest.mark.parametrize("question", ["去年有多少所学校被评为危房改造先进单位?", "被评为危房改造先进单位的学校有几所?"])
def test_those_counted_then_named_what_they_were_made_give_the_count(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert not answer.partial and not answer.abstained and "３６所" in answer.text, answer.text


def test_a_title_no_figure_is_given_for_is_not_counted(engine: Engine) -> None:
    answer = engine.ask("去年有多少名校长被评为优秀校长?")
    assert answer.partial or answer.abstained, answer.text


_ONE = """在全县春耕生产动员会上的讲话
县长　刘永清
同志们：
今天召开春耕生产动员会，我讲三点意见。
第一，要稳定粮食播种面积。各乡镇要把面积落实到村到户。
第二，要抓好农资供应保障。种子、化肥要提前调运到位。
第三，要强化农业科技服务。农技人员要深入田间地头。
"""


@pytest.mark.parametrize("question", ["这篇讲话讲了哪几点?", "讲了哪几点?"])
def test_a_corpus_of_one_speech_is_the_speech_a_question_means(tmp_path: Path, question: str) -> None:
    answer = _ask_of(tmp_path, question, spring=_ONE)
    assert not answer.abstained, answer.text
    for point in ("稳定粮食播种面积", "抓好农资供应保障", "强化农业科技服务"):
        assert point in answer.text, answer.text


@pytest.mark.parametrize("question", ["几篇文章都提到了绿化要从哪几个方面着手?", "几篇文章都讲了城市绿化的哪几个方面?", "各篇文章分别对城市绿化提了哪几个方面?"])
def test_a_list_asked_of_several_texts_that_one_alone_gives_is_that_texts_list(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert not answer.abstained, answer.text
    assert answer.text.startswith("只有"), answer.text
    for point in ("认真编制绿地规划", "切实加强养护管理", "广泛发动群众参与"):
        assert point in answer.text, answer.text


_TWO_LISTS = """在全县安全生产工作会议上的讲话
一、提高认识，增强责任感
第一，做好安全生产工作是保障群众生命财产的需要。安全生产工作存在的问题关系千家万户，哪一方面的问题都不能忽视。
第二，做好安全生产工作是促进经济发展的需要。安全生产工作存在问题，一个企业多年的积累就可能毁于一旦。
第三，做好安全生产工作是维护社会稳定的需要。安全生产工作的问题容易引发群体性事件。
二、正视困难，狠抓落实
从今年全县各乡镇和重点企业的检查情况看，虽然总体形势平稳，但还有一些不容忽视的问题，主要表现在以下三个方面：
一是部分企业主体责任落实不到位。二是隐患排查整改不彻底。三是监管力量薄弱，基层安全监管人员严重不足。
"""


@pytest.mark.parametrize("question", ["安全生产工作上存在哪几方面问题?", "安全生产工作还存在哪些问题?"])
def test_the_list_introduced_as_the_kind_asked_wins_over_a_list_of_another_kind(tmp_path: Path, question: str) -> None:
    answer = _ask_of(tmp_path, question, safety=_TWO_LISTS)
    assert not answer.abstained, answer.text
    for point in ("主体责任落实不到位", "隐患排查整改不彻底", "监管力量薄弱"):
        assert point in answer.text, answer.text
    assert "维护社会稳定的需要" not in answer.text, answer.text


_CONFERENCE = """全省林业工作会议在杭州召开
本报杭州１月１２日讯记者郑华报道：全省林业工作会议今天在杭州闭幕。
会议强调，完成今年林业工作的目标任务，需要着力做好以下三个方面的工作：
一、切实加强森林资源保护，确保森林覆盖率稳步提高。
会议认为，保护森林资源是林业工作的首要任务，各地要严格执行采伐限额制度。
二、大力推进国有林场改革，增强林场发展活力。
国有林场改革要坚持分类指导，稳步推进，不搞一刀切。
三、积极发展林下经济，增加林农收入。
各地要因地制宜发展林下种植和养殖，带动林农增收。
"""


@pytest.mark.parametrize("question", ["林业工作会议说要着力做好三个方面的工作，这三个方面分别是什么？",
                                      "全省林业工作会议强调要做好哪几个方面的工作?"])
def test_a_lead_in_then_numbered_lines_each_with_paragraphs_of_its_own(tmp_path: Path, question: str) -> None:
    # (…before a list of three inside the last part: the lead-in counts its parts in the unit asked.)
    (tmp_path / "forestry.txt").write_text(_CONFERENCE.replace(
        "带动林农增收。", "带动林农增收。发展林下经济要做好引导和扶持：一要坚持市场导向，二要培育龙头企业，三要加强技术服务。"),
        encoding="utf-8")
    answer = _ask_of(tmp_path, question, safety=_TWO_LISTS)
    assert not answer.abstained and not answer.partial, answer.text
    for point in ("加强森林资源保护", "推进国有林场改革", "发展林下经济"):
        assert point in answer.text, answer.text


@pytest.mark.parametrize("question", ["发展林下经济要做好引导和扶持，会议具体提了哪3条？",
                                      "林下经济的引导和扶持，会议具体讲了哪几条?"])
def test_who_says_before_a_verb_of_saying_is_not_the_thing_asked(tmp_path: Path, question: str) -> None:
    (tmp_path / "forestry.txt").write_text(_CONFERENCE.replace(
        "带动林农增收。", "带动林农增收。\n发展林下经济要做好引导和扶持：一要坚持市场导向，二要培育龙头企业，三要加强技术服务。"), encoding="utf-8")
    answer = Engine.load([tmp_path], use_cache=False).ask(question)
    assert not answer.partial, answer.text
    for point in ("坚持市场导向", "培育龙头企业", "加强技术服务"):
        assert point in answer.text, answer.text


@pytest.mark.parametrize("question", ["安全生产检查中点名表扬了哪几个县的企业?", "隐患排查整改不彻底的是哪几个乡镇?"])
def test_places_asked_of_a_text_that_names_none_are_not_answered_with_its_points(tmp_path: Path, question: str) -> None:
    answer = _ask_of(tmp_path, question, safety=_TWO_LISTS)
    assert answer.abstained or answer.partial, answer.text
    assert "1. " not in answer.text, answer.text
