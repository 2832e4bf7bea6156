"""Newspaper texts of several kinds (a county speech, a commentary with its byline, a report with
a dateline) and questions about what kind of thing is asked: a quoted title as a reference, who
does something (由谁发放), a name beside 老师, an age or a number of days the texts never give,
an anonymous 某县, a term and what it is defined as, folk sayings, the kinds a commentary lists
with 有的…有的…, and the list that counts itself in the unit asked. The texts are written for
these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.engine import Engine

_SPEECH = """办好人民满意的教育
——在石岭县教育工作会议上的讲话
石岭县县长　赵文华
1998年9月9日
同志们：
过去一年，全县教育工作进展明显，主要表现在三个方面：一是“两基”通过验收，适龄儿童入学率达到98%；二是新建校舍3万平方米；三是教师学历合格率提高到95%。
在肯定成绩的同时，也要看到存在的问题。一是教育经费仍然紧张；二是城乡学校差距较大；三是教师队伍不够稳定；四是学生课业负担偏重。
从今年10月起，全县教师工资由县财政统一发放，任何乡镇不得截留挪用。
这里讲一讲青松村小学的张秋生老师。张老师在山村教书二十六年，每逢雨季就背着学生蹚过山溪上学。张老师的事迹告诉我们，教育靠的是甘于奉献的教师。
所谓“两基”，就是基本普及九年义务教育、基本扫除青壮年文盲。
"""

_COMMENT = """谈“勤”
编者按：一些地方出现了只说不干的苗头，本报今天刊发这篇评论。
林一舟
1998年8月1日
“勤”字，是干部的本分。然而，眼下在一些地方，“勤”字却被丢在了脑后。
有的热衷于迎来送往，一天到晚陪吃陪喝。
有的热衷于开会发文，以会议落实会议；还有的在汇报材料上做文章，报喜不报忧。
某县前年花了八百万元修了一座“标志性建筑”，县里几所中学的危房至今没钱修缮。
所谓“庸政”，就是在其位不谋其政、不作为的现象。群众中流传着一句顺口溜：“上午围着轮子转，中午围着盘子转，晚上围着裙子转。”
"""

_RIVER = """整治东湖　还湖于民
——在东湖流域污染治理会议上的讲话
省环保局局长　孙立平
1998年6月5日
同志们：
东湖水质逐年下降，湖区渔民说，过去湖里的鱼虾一网能捞上百斤，如今一网下去只剩水草。
为此，省政府决定实施东湖“清水工程”，目标是到2000年使东湖水质达到三类标准。围绕这一目标，当前要重点抓好以下几项工作：
（一）坚决关停“五小”企业。“五小”是指小造纸、小制革、小染料、小电镀、小炼焦等五类污染严重的小型企业，必须在今年9月30日以前全部关停。
（二）加快建设污水处理厂。
"""

_REPORT = """北川省扶贫工作会议在临州召开
本报临州5月18日电　记者王海报道：北川省扶贫工作会议今天在临州市召开。会议提出，今年全省要再解决20万贫困人口的温饱问题。
省长周明远作工作报告。各市县负责同志共三百余人参加了会议。
会议还表彰了扶贫先进集体60个。
去年全省投入扶贫资金9.6亿元。金源化工集团等十家企业与贫困村结成了帮扶对子。
"""


_TALK = """在全市干部学习会上的讲话
一、要正确看待名利
1、对权力要有敬畏之心。权力是人民赋予的，只能用来为人民服务。
2、对名利要有淡泊之心。古人说，知足者常乐。
有一个老农，每年只种一亩树，别人劝他多种几亩，他说种多了照看不过来。几十年后，他种的树全都成了材。大家要学习这位老农，一步一个脚印，不要贪多求快。
3、对群众要有体恤之心。群众的事再小也是大事。
二、要扎实改进作风
要少开会、开短会，把时间用在抓落实上。
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root: Path = tmp_path_factory.mktemp("kinds")
    for name, text in {"1_speech": _SPEECH, "2_comment": _COMMENT, "3_river": _RIVER, "4_report": _REPORT,
                       "5_talk": _TALK}.items():
        (root / f"{name}.txt").write_text(text, encoding="utf-8")
    return Engine.load([root], use_cache=False)


@pytest.mark.parametrize("question", ["谈“勤”这篇评论是谁写的?", "谈“勤”那篇文章的作者是谁?"])
def test_a_title_quoted_as_printed_names_its_text(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.plan["speech"] == 2, answer.plan
    assert not answer.abstained and not answer.partial and "林一舟" in answer.text, answer.text


@pytest.mark.parametrize("question", ["谈“勤”那篇前面加的编者按说的是什么?", "谈“勤”的编者按是冲着什么苗头来的?"])
def test_an_editors_note_of_a_quoted_title(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert "只说不干" in answer.text, answer.text


@pytest.mark.parametrize("question", ["石岭县以后老师的工资由谁来发?", "石岭县教师工资归谁统一发放?"])
def test_who_does_it_may_be_a_body(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert not answer.abstained and not answer.partial, answer.text
    assert answer.text.startswith("从今年10月起") and "县财政" in answer.text, answer.text


@pytest.mark.parametrize("question", ["那个雨季背着学生蹚水上学的老师是谁?", "青松村小学那位教了二十六年书的老师叫什么名字?"])
def test_a_name_beside_laoshi_answers_who(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert not answer.partial and "张秋生" in answer.text, answer.text


@pytest.mark.parametrize("question", ["张秋生老师今年多大岁数了?", "张老师今年几岁?"])
def test_years_taught_are_no_age(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.partial or answer.abstained, answer.text


@pytest.mark.parametrize("question", ["北川省扶贫工作会议一共开了几天?", "北川省扶贫工作会议开了多少天?"])
def test_the_day_of_a_dateline_is_no_number_of_days(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.partial or answer.abstained, answer.text


@pytest.mark.parametrize("question", ["评论里修“标志性建筑”的那个县叫什么名字?", "花八百万元修标志性建筑的是哪个县?"])
def test_an_anonymous_county_is_no_place_name(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.partial or answer.abstained, answer.text


@pytest.mark.parametrize("question", ["第一篇回顾去年教育工作的成绩，分了几个方面说?", "石岭县去年教育工作的成绩分了几个方面?"])
def test_the_list_that_counts_itself_in_the_asked_unit(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert "两基" in answer.text and "经费" not in answer.text, answer.text


def test_what_a_lead_concedes_is_not_its_subject(engine: Engine) -> None:
    answer = engine.ask("石岭县教育还存在哪些问题?")
    assert "经费" in answer.text and "课业负担" in answer.text, answer.text


@pytest.mark.parametrize("question", ["第二篇评论数落了哪几种不勤的做法?", "谈“勤”那篇批评了哪几种做法?"])
def test_kinds_told_with_youde_paragraphs(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert not answer.abstained, answer.text
    for kind in ("迎来送往", "开会发文", "汇报材料"):
        assert kind in answer.text, answer.text


@pytest.mark.parametrize("question", ["第三篇在列具体工作之前，先提了个什么工程?", "第三篇在讲几项工作之前先提出了什么目标?"])
def test_words_about_the_telling_are_no_unknown_terms(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert not answer.abstained and "清水工程" in answer.text, answer.text


@pytest.mark.parametrize("question", ["第一篇讲话对农村合作医疗是怎么安排的?", "第一篇对城镇住房公积金是怎么规定的?"])
def test_a_term_made_of_words_the_texts_never_join(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert (answer.partial or answer.abstained) and answer.reason.startswith("missing_terms"), (answer.text, answer.reason)
    assert "讲话中没有出现" in answer.text, answer.text


def test_a_term_whose_every_pair_the_texts_say_is_not_missing(engine: Engine) -> None:
    # 新建校舍3万平方米 answers 校舍面积: 校舍 and 面积 are the speech's words, 舍面 only joins them.
    answer = engine.ask("石岭县去年新建校舍面积是多少?")
    assert not (answer.reason or "").startswith("missing_terms"), answer.reason
    assert "3万平方米" in answer.text, answer.text


@pytest.mark.parametrize("question", ["石岭县的教育讲话和北川省的扶贫会议各是几月几号的事?", "第一篇和第四篇各是哪天的?"])
def test_two_references_joined_get_a_date_each(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert "9月9日" in answer.text and "5月18日" in answer.text, answer.text
    assert len(answer.text.splitlines()) == 2, answer.text


@pytest.mark.parametrize("question", ["第一篇和第二篇里各专门解释了一个说法，分别是什么?", "第二篇解释了哪个概念?"])
def test_the_term_a_named_text_defines(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert not answer.abstained and "庸政" in answer.text, answer.text


@pytest.mark.parametrize("question", ["那些污染严重的小企业统称叫什么?", "污染严重的小型企业合称什么?"])
def test_a_name_for_a_kind_of_thing(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert not answer.abstained and answer.text.startswith("“五小”是指"), answer.text


@pytest.mark.parametrize("question", ["群众编的那句顺口溜是怎么说的?", "群众中流传的那句民谣是怎么说的?"])
def test_folk_sayings_are_quoted_words(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert "轮子" in answer.text, answer.text


@pytest.mark.parametrize("question", ["金源化工集团去年投入了多少扶贫资金?", "金源化工集团去年花了多少钱扶贫?"])
def test_a_figure_of_another_is_not_the_named_bodys(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.partial or answer.abstained, answer.text


def test_a_figure_of_the_text_itself_still_answers(engine: Engine) -> None:
    answer = engine.ask("北川省去年投入扶贫资金多少?")
    assert not answer.partial and not answer.abstained and "9.6亿元" in answer.text, answer.text


@pytest.mark.parametrize("question", ["石岭县以后老师的工资由谁来发?", "群众编的那句顺口溜是怎么说的?"])
def test_the_sentence_that_gives_the_kind_asked_leads_the_sources(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.hits and answer.citations and answer.hits[0].unit.id == answer.citations[0].unit.id, answer.hits[:2]


@pytest.mark.parametrize("question", ["老农种树的故事是放在哪一条里讲的?", "老农每年只种一亩树那段属于第几点?"])
def test_the_item_a_passage_stands_under(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert "2、对名利要有淡泊之心" in answer.text and "一、要正确看待名利" in answer.text, answer.text


def test_an_item_that_tells_it_itself_is_cited_once(engine: Engine) -> None:
    answer = engine.ask("知足者常乐那句是在哪一条里讲的?")
    assert "2、对名利要有淡泊之心" in answer.text and len(answer.citations) == 1, answer.text


@pytest.fixture(scope="module")
def seed() -> Engine:
    return Engine.load(use_cache=False)


@pytest.mark.parametrize(("question", "lesson"), [
    ("宁乡那篇里托尔斯泰讲农夫跑圈的故事,是放在哪一条里讲的?讲这个故事最后想让大家咋做?", "往回跑"),
    ("洗煤炭那个例子在哪一点里讲的?举这个例子是想让我们怎么做?", "以效果为导向"),
])
def test_what_a_story_asks_of_its_hearers_is_asked_after_where_it_stands(seed: Engine, question: str, lesson: str) -> None:
    answer = seed.ask(question)
    assert "这一条" in answer.text and lesson in answer.text, answer.text


_PLAN = """在全县春季农田水利建设动员大会上的讲话
县长　钱志刚
一、去年水利建设取得明显成效
去年全县新修水渠120公里，新增灌溉面积3万亩。
二、今年农田水利建设的主要任务
一是抓好小型水库除险加固，年内完成15座。二是抓好灌区配套，新修渠道80公里。三是抓好节水灌溉，推广喷灌滴灌2万亩。
三、切实加强组织领导
各乡镇主要负责同志是水利建设第一责任人，县水利局要加强技术指导。
今年要重点抓好危险化学品、消防、燃气三个领域的专项整治，做到隐患不除不放过。
"""


@pytest.fixture(scope="module")
def plan_engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root: Path = tmp_path_factory.mktemp("plan")
    (root / "plan.txt").write_text(_PLAN, encoding="utf-8")
    (root / "comment.txt").write_text(_COMMENT, encoding="utf-8")
    return Engine.load([root], use_cache=False)


@pytest.mark.parametrize("question", ["今年农田水利建设的主要任务有哪几项?", "今年农田水利建设的主要任务分哪几条?"])
def test_a_heading_the_question_names_answers_with_its_items(plan_engine: Engine, question: str) -> None:
    answer = plan_engine.ask(question)
    for item in ("除险加固", "灌区配套", "节水灌溉"):
        assert item in answer.text, answer.text


def test_an_item_after_its_verb_is_kept_whole(plan_engine: Engine) -> None:
    answer = plan_engine.ask("要重点整治哪几个领域?")
    assert "危险化学品" in answer.text and "消防" in answer.text, answer.text


@pytest.mark.parametrize("question", ["水利建设第一责任人是谁?", "讲话里说的水利建设第一责任人是哪位?"])
def test_a_role_held_by_an_office_answers_who(plan_engine: Engine, question: str) -> None:
    answer = plan_engine.ask(question)
    assert not answer.partial and not answer.abstained and "主要负责同志" in answer.text, answer.text


_REFORM = """在全市改革工作会议上的讲话
市长　吴立新
今年全市改革要抓好三件事：一是深化国企改革，推进公司制改造；二是深化财税改革，理顺市区两级财力；三是深化投融资改革，放宽社会资本准入。
改革是发展的动力，各级干部要敢于担当。
"""


@pytest.mark.parametrize("question", ["讲话对公车改革提了哪些要求?", "讲话对户籍改革提了哪几条要求?"])
def test_a_list_of_a_kind_never_named_is_declined(tmp_path: Path, question: str) -> None:
    # 改革 is the speech's word, and a list of reforms is in it; which reform (公车 / 户籍) it never says.
    (tmp_path / "reform.txt").write_text(_REFORM, encoding="utf-8")
    engine = Engine.load([tmp_path], use_cache=False)
    answer = engine.ask(question)
    assert answer.abstained and answer.text.startswith("讲话中没有出现「"), answer.text
    assert "国企改革" in engine.ask("讲话对国企改革提了哪些要求?").text


def test_a_time_word_before_the_thing_says_when_not_which(plan_engine: Engine) -> None:
    answer = plan_engine.ask("眼下农田水利建设的主要任务有哪几项?")
    assert not answer.abstained and "除险加固" in answer.text, answer.text
