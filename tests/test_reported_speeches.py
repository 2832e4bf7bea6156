"""Reports of a leader's speech, as a newspaper prints them: a title that names the occasion, a
deck line, a dateline lead, paragraphs that open with the speaker's name and a verb of saying
(or 在谈到…时), and a closing line on who attended. How a reader names such a speech (by its
speaker, by the occasion in other words), its order (先讲了什么、后讲了什么) and its last point.
The texts are written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.engine import Engine

_RECEPTION = """王立新会见全省统计工作会议代表时强调
要切实提高统计数据质量
王立新李红陈建国等参加会见
本报杭州１月８日讯记者周明报道：省长王立新今天在会见全省统计工作会议代表时强调，统计数据是科学决策的依据。
王立新在讲话中首先向大家问好，向全省统计战线的同志问好，并充分肯定了过去一年统计工作取得的成绩。他说，在过去的一年中，统计战线围绕经济普查、人口抽样调查以及统计执法检查等几件大事，做了大量的工作。
王立新指出，今年统计工作要围绕全省经济工作的大局，加快建立现代统计调查体系。要多宣传一些基层统计人员依法统计的新经验，多宣传一些企业如实报送数据的新经验，多宣传一些统计服务决策的新经验。
王立新强调，数据质量是统计工作的生命，弄虚作假必须严肃查处。
王立新最后祝大家新春快乐，在新的一年取得更大成绩。
副省长李红、张强等参加了会见。
"""

_GATHERING = """刘振华与全省科技界人士迎春座谈时强调
凝聚科技人员力量建设创新型省份
本报杭州１月２０日讯记者吴洁报道：省委书记刘振华１月１９日邀请全省科技界人士到省委迎春座谈。
刘振华首先代表省委、省政府向全省科技工作者祝贺新春佳节。他说，过去一年，全省科技界在攻关创新方面做了大量工作。
在谈到科技体制改革时，刘振华说，改革的方向是让科研成果更快地转化为生产力。
在谈到科研评价问题时，刘振华说，要把论文数量和实际贡献区分开来。
刘振华说，科技界同其他行业一样，也有一个培养青年人才、实行新老交替的问题。各单位要早做打算，为青年科研人员挑担子创造条件。
副省长王立新、省委秘书长孙平出席了座谈会。
"""

_FORUM = """坚持面向基层的创作道路
省文联副主席赵明
文艺创作在我省已经走过了不平凡的五十年。
基层群众始终是文艺作品最重要的观众和评判者。
文艺的繁荣发展，要着眼于普及，让更多的群众走进剧场。
要十分重视青年作者的成长，为他们的成长创造条件。
"""

_PLENUM = """省纪委召开第三次全会
陈建国强调要坚定不移推进党风廉政建设
本报杭州１月２２日讯省纪委第三次全体会议今天在杭州开幕。
省委常委、省纪委书记陈建国代表省纪委常委会向全会作了工作报告。
陈建国说，今年是全面落实省委各项部署的关键一年。
陈建国指出，要把监督的重点放在领导机关和领导干部身上。
陈建国要求，各级纪检监察机关要加强自身建设，提高工作的预见性。
今天的会议由省纪委副书记方勇主持。
"""


_CUSTOMS = """王立新接见全省海关工作会议代表时强调要提高通关效率
本报杭州１月１３日讯记者周明报道：省长王立新今天下午在接见全省海关工作会议代表时强调，海关的职能只能加强。
王立新说，全省海关系统去年超额完成了税收计划。
副省长赵东、秘书长钱平等参加了这次接见并和代表们合影留念。
"""


_UNIONS = """省总工会召开第五次全会
仝立华强调要把困难职工帮扶作为工会工作的重点
本报杭州１月２５日讯省总工会第五届第五次全体会议今天在杭州开幕。
省总工会主席仝立华代表常委会向全会作了工作报告。
仝立华说，去年全省工会组织在维护职工权益方面做了大量工作。
仝立华指出，今年要把困难职工帮扶作为工会工作的重点。
仝立华要求，各级工会要加强基层组织建设，扩大工会覆盖面。
会议由省总工会副主席何文主持。
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root: Path = tmp_path_factory.mktemp("reports")
    for name, text in {"1_reception": _RECEPTION, "2_gathering": _GATHERING, "3_forum": _FORUM,
                       "4_plenum": _PLENUM, "5_customs": _CUSTOMS, "6_unions": _UNIONS}.items():
        (root / f"{name}.txt").write_text(text, encoding="utf-8")
    return Engine.load([root], use_cache=False)


@pytest.mark.parametrize("question", ["王立新接见全省统计工作会议代表时那番讲话，先讲了什么、后讲了什么？",
                                      "王立新会见统计会议代表时讲话，先讲了什么，接着讲什么，最后怎么收的尾？"])
def test_a_reported_speech_in_order_from_greeting_to_good_wishes(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.plan["intent"] == "outline" and answer.plan["speech"] == 1, answer.plan
    for said in ("首先向大家问好", "现代统计调查体系", "数据质量是统计工作的生命", "最后祝大家新春快乐"):
        assert said in answer.text, answer.text
    assert "参加了会见" not in answer.text and "本报杭州" not in answer.text, answer.text


@pytest.mark.parametrize(("question", "speech"), [
    ("赵明在文艺座谈会上的发言讲了哪几层意思?", 3),        # the speaker the reference opens with
    ("刘振华和科技界人士迎春座谈，讲话主要谈了哪几个方面?", 2),   # 和 for the title's 与, no genre word
    ("陈建国那篇报告讲了哪些内容?", 4),                       # a deck line opening with him, not one listing him
])
def test_a_speech_named_the_way_a_reader_names_it(engine: Engine, question: str, speech: int) -> None:
    assert engine.plan(question).speech_no == speech


@pytest.mark.parametrize(("question", "wanted"), [
    ("刘振华在科技座谈会上讲的最后一个问题是什么?", "培养青年人才"),
    ("陈建国那篇报告最后一点讲的是什么?", "提高工作的预见性"),
])
def test_the_last_point_of_a_report_without_points_is_its_speakers_last_paragraph(
        engine: Engine, question: str, wanted: str) -> None:
    answer = engine.ask(question)
    assert not answer.abstained and wanted in answer.text, answer.text
    assert "出席了座谈会" not in answer.text and "主持" not in answer.text, answer.text


@pytest.mark.parametrize("question", ["王立新说统计战线过去一年围绕哪几件大事做了大量工作?",
                                      "统计战线去年围绕哪几件大事开展了工作?"])
def test_things_a_sentence_names_then_counts_with_ji(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    lines = answer.text.splitlines()
    assert lines[0].startswith("共三件"), answer.text   # the things, one by one, not the sentence
    assert [line.split("[")[0] for line in lines[1:]] == ["1. 经济普查", "2. 人口抽样调查", "3. 统计执法检查"], answer.text


@pytest.mark.parametrize(("question", "speeches"), [
    ("王立新讲统计、刘振华讲科技，两人各是怎么说的?", {1, 2}),
    ("刘振华在科技座谈会上、陈建国在纪委全会上，分别强调了什么?", {2, 4}),
])
def test_clauses_that_each_name_a_speech_ask_of_both(engine: Engine, question: str, speeches: set[int]) -> None:
    plan = engine.plan(question)
    assert set(plan.speech_candidates) == speeches and plan.intent == "compare", plan


def test_of_two_people_named_the_one_whose_words_are_asked_and_never_reported(engine: Engine) -> None:
    answer = engine.ask("刘振华的迎春座谈会上，孙平秘书长发言讲了些什么?")
    assert answer.partial and answer.reason == "not_reported:孙平", answer.text
    assert not engine.ask("刘振华在迎春座谈会上讲了什么?").partial


def test_a_speakers_second_speech_named_by_the_occasion_its_title_tells(engine: Engine) -> None:
    question = "王立新接见全省海关工作会议代表的时候，还有哪些领导参加了接见?"
    assert engine.plan(question).speech_no == 5
    answer = engine.ask(question)
    assert "赵东" in answer.text and "李红" not in answer.text, answer.text


def test_a_report_given_at_a_meeting_by_a_speaker_of_an_uncommon_surname(engine: Engine) -> None:
    # (仝 is no common surname: the report gives him an office, 省总工会主席仝立华.)
    answer = engine.ask("仝立华在工会全会上的工作报告主要分成哪几块内容?")
    assert answer.plan["intent"] == "outline" and answer.plan["speech"] == 6, answer.plan
    assert "所报道的讲话共3段" in answer.text, answer.text
    assert "本报杭州" not in answer.text and "主持" not in answer.text, answer.text


def test_what_clauses_naming_two_speeches_go_on_to_ask_is_answered_from_each(engine: Engine) -> None:
    # (去年的工作 is the question's own, though a title holds 工作: one line per speech, not outlines.)
    answer = engine.ask("王立新讲统计、刘振华讲科技，都讲到了去年的工作，两人各是怎么说的?")
    assert answer.plan["intent"] == "compare", answer.plan
    assert "依次是" not in answer.text, answer.text
    assert "过去一年统计工作取得的成绩" in answer.text and "科技界在攻关创新方面做了大量工作" in answer.text, answer.text
