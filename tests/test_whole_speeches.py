"""Speeches printed whole, in the speaker's own voice and without part lines, as the twelfth blind
sets asked about them: a lead-in sentence that opens the first point inside its paragraph
(…提三点希望。第一，…) with the others in paragraphs of their own and a closing 最后，要…; a
speaker who announces his parts (我讲三个问题) and takes up the last without a marker (关于…，);
points near the end of a speech that are not its outline; what follows a run of points; an
uncounted lead-in with a colon; the other things a speech counts but never names (等八个);
a place, a figure or a work's name asked of what the speech does or does not give. The texts
are written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answer_types import fits_type
from assistant.engine import Engine

_FORUM = """在全市青年工作座谈会上的讲话
市委副书记　陈志新
（一九九八年五月四日）
今天，我们在这里召开座谈会，纪念五四运动七十九周年。首先，我代表市委向全市青年致以节日的祝贺！
七十九年前爆发的五四运动，是一场伟大的爱国革命运动。从那时起，一代又一代青年把自己的命运同祖国的命运紧紧联系在一起。
改革开放以来，全市广大青年积极投身经济建设，在各条战线上作出了突出贡献，涌现出一大批青年岗位能手。
去年全市共青团组织开展青年志愿者活动，参加的青年达到四万多人次，为群众办了大量好事。
当前，我们正处在承前启后、继往开来的重要时期，青年一代肩负着重大的历史责任。
借此机会，我对全市青年提三点希望。第一，要努力学习，掌握建设祖国的过硬本领。青年时期是学习的黄金时期，要珍惜时光，勤奋学习，学好科学文化知识。
第二，要勇于实践，在改革开放的大潮中经受锻炼。要到基层去，到群众中去，在艰苦的环境中磨炼意志，增长才干。
第三，要加强修养，做有理想、有道德的一代新人。要自觉抵制各种不良风气的影响，树立正确的世界观、人生观和价值观。
最后，要发扬团结协作的精神，形成干事创业的合力。青年之间要互相学习，互相帮助，共同进步。
各级党委要关心青年的成长，为青年办实事、办好事，帮助他们解决学习、工作和生活中的实际困难。
同志们，青年是祖国的未来和希望。让我们携起手来，为把我市建设得更加美好而努力奋斗！
最后，祝大家节日愉快！
"""

_CONFERENCE = """加快发展乡镇企业　促进农民增收
——在全县乡镇企业工作会议上的讲话
县长　刘国梁
这次会议的主要任务是总结去年的工作，部署今年的任务。下面，我讲三个问题。
首先，讲一讲当前的形势。去年全县乡镇企业完成总产值四十二亿元，比上年增长百分之十五，上缴税金一亿三千万元。
但是也要看到，不少企业规模小、技术落后，产品缺乏竞争力，有的企业连续几年亏损。
其次，要加快乡镇企业的改革步伐。今年要着重抓好以下几项工作。一是推行股份合作制。凡是具备条件的企业，年底以前都要完成改制。
二是抓好技术改造。县里安排专项资金，支持骨干企业引进先进设备。
三是加强企业管理。要建立健全财务制度，堵塞各种漏洞。
关于乡镇企业的服务工作，我着重强调一点。各有关部门要转变作风，主动上门服务，切实为企业排忧解难。
同志们，发展乡镇企业任务艰巨，让我们振奋精神，努力完成今年的各项任务！
"""

_ESSAY = """世界经济的新变化
北方大学经济系教授　赵文博
进入九十年代以来，世界经济出现了许多新的变化，引起了人们的广泛关注。
形成这些变化的原因是多方面的，我认为主要有以下几点：
其一，新技术革命蓬勃兴起。
信息技术的广泛应用，大大提高了劳动生产率，推动了产业结构的调整。
其二，国际贸易迅速扩大。
各国之间的经济联系越来越紧密，贸易额年年攀升。
其三，跨国公司的作用日益突出。
跨国公司在全球范围内配置资源，成为世界经济的重要力量。
但是，世界经济在快速发展的同时，也出现了金融市场动荡等新的问题，需要各国共同应对。
（作者为北方大学经济系教授）
"""

_PLANS = """搞好今年的林业工作
林业局局长　孙海
过去的一年，全市林业工作取得了新的成绩，造林面积比上年增加了三成。
今年要做好林业工作，必须着重抓好以下几方面：
植树造林，绿化荒山。今年全市要完成造林十万亩，重点抓好北部荒山的绿化。
保护林地，严防火灾。各乡镇要层层落实护林防火责任制，确保不发生重大火灾。
发展林产，增加收入。要积极发展经济林和林产品加工业，让林农得到实惠。
我们相信，通过全市上下的共同努力，今年的林业工作一定能够取得更大的成绩。
"""

_NEW_YEAR = """迎接新的一年
县长　周立新
同志们、朋友们：再过几个小时，我们就要迎来新的一年。我代表县委、县政府，向全县人民致以新年的祝福！
过去的一年，全县经济保持了较快增长，农民人均纯收入增加了二百元。
新的一年，我们要大力发展县域经济，抓好一批骨干项目。
新的一年，农业要在结构调整上迈出新的步伐。
新的一年，我们要切实办好教育，让每一个孩子都能上学。
最后，祝全县人民新年快乐！
"""

_RECEPTION = """在新年侨胞招待会上的讲话
市长　何振东
各位侨胞、各位朋友：新年即将到来，我们在这里欢聚一堂，共迎新春。
去年九月，我们成功举办了首届华侨龙舟节，一千多名乡亲回乡参加了活动。
下面，我向大家通报一下市政府明年在侨务工作方面的几点打算。首先，要认真落实侨务政策，妥善解决历史遗留问题。
其次，要进一步改善投资环境，为侨胞回乡投资兴业提供便利。
再次，要办好几件实事：一是建成华侨历史陈列馆；二是办好第二届华侨龙舟节。
今年，旅居新加坡的林先生捐资八百万元，兴建侨乡小学；旅居美国的吴女士捐建了一座图书馆。各级党委、政府要把这两项工作抓紧抓好。
最后，我提议：为家乡的繁荣昌盛，为各位侨胞的健康，干杯！
"""

_INTERVIEW = """春耕备耕要早抓——访农业厅厅长郭长林
本报记者　钱明
今年全省春耕备耕工作开展得怎么样？记者日前采访了省农业厅厅长郭长林。
记者：去年全省粮食获得了丰收。今年的春耕备耕工作有哪些新的特点？
郭长林：今年的特点是起步早、投入多。各地提早调运了化肥和种子，农田水利建设也比往年提前了一个月。
记者：农民最关心的是农资价格。今年会不会涨价？
郭长林：省里已经采取措施，化肥价格总体上保持稳定，不会出现大的波动。
记者：您对各地做好春耕工作有什么要求？
郭长林：一要抓早，二要抓实，三要抓细。我们相信，今年的春耕生产一定能够做好。
"""

_REPORT = """在全省扶贫工作会议上的讲话
副省长　马向前
过去一年，全省扶贫攻坚取得明显成效，又有二十万贫困人口解决了温饱问题，七个贫困县中有三个县整体脱贫。
我们组建了青山农垦、红河农垦等六个农业企业集团，带动了一大批贫困户。
为了推动扶贫开发，省里设立了扶贫开发奖，每两年评选一次，重点表彰在扶贫工作中作出突出贡献的单位和个人。
今年省里还要实施一批以工代赈项目，重点抓好东山水库的续建工程。
老书记王明远同志为了写《山村纪事》，在一个贫困村住了整整三年，同群众一起劳动。
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root: Path = tmp_path_factory.mktemp("whole")
    for name, text in (("forum", _FORUM), ("conference", _CONFERENCE), ("essay", _ESSAY), ("plans", _PLANS),
                       ("report", _REPORT), ("new_year", _NEW_YEAR), ("reception", _RECEPTION), ("interview", _INTERVIEW)):
        (root / f"{name}.txt").write_text(text, encoding="utf-8")
    return Engine.load([root], use_cache=False)


def _speech(engine: Engine, word: str) -> int:
    return next(s.no for s in engine.corpus.speeches if word in s.title)


def test_a_first_point_opened_inside_its_lead_paragraph_stands_apart(engine: Engine) -> None:
    forum = engine.corpus.speech(_speech(engine, "青年工作"))
    texts = [u.text for u in forum.paragraphs]
    assert "借此机会，我对全市青年提三点希望。" in texts
    assert any(t.startswith("第一，要努力学习") for t in texts)
    answer = engine.ask("青年工作座谈会上提的希望分别是哪几条?")
    for said in ("努力学习", "勇于实践", "加强修养", "团结协作"):   # 最后，要… closes the points too
        assert said in answer.text, answer.text
    assert "节日愉快" not in answer.text   # (最后，祝… is the sign-off, no point)


@pytest.mark.parametrize("question", ["青年工作座谈会上的希望里最后一条讲的什么?", "陈志新提的希望，最后一点是什么?"])
def test_the_last_point_is_the_one_that_closes_them(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert "团结协作" in answer.text and answer.citations[0].unit.text.startswith("最后，要发扬"), answer.text
    assert not answer.text.startswith("借此机会"), answer.text   # the answer opens with what it is, once


@pytest.mark.parametrize("question", ["刘国梁在乡镇企业工作会议上讲了哪几个问题?", "乡镇企业工作会议上那篇讲话分几部分?",
                                      "刘国梁那篇讲话是按什么顺序展开的?"])
def test_announced_parts_and_the_last_one_opened_by_its_topic(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    lines = [x for x in answer.text.splitlines() if x[:2] in ("1.", "2.", "3.", "4.")]
    assert len(lines) == 3, answer.text
    assert "当前的形势" in lines[0] and "改革步伐" in lines[1] and "服务工作" in lines[2], answer.text
    assert "技术改造" not in answer.text   # 一是…三是 are the second part's own points


def test_points_near_the_end_are_not_the_speech_outline(engine: Engine) -> None:
    answer = engine.ask("陈志新在青年工作座谈会上的讲话整体结构是怎样的?")
    first = answer.citations[0].unit   # (its greeting set aside: the run of what is said starts after it)
    assert first.text.startswith("七十九年前爆发的五四运动"), answer.text
    assert "五四运动" in answer.text and "三点希望" in answer.text and "团结协作" in answer.text


@pytest.mark.parametrize("question", ["赵教授讲完那几条原因以后，后面又讲了什么?", "世界经济那篇说完这三点原因之后接着谈了什么?"])
def test_after_the_points_is_after_the_last_of_them(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.citations[0].unit.text.startswith("但是，世界经济在快速发展的同时"), answer.text
    assert "其三" in answer.text   # said after which point


def test_an_author_note_is_metadata(engine: Engine) -> None:
    essay = engine.corpus.speech(_speech(engine, "世界经济"))
    note = next(u for u in essay.units if u.text.startswith("（作者为"))
    assert note.kind == "metadata"
    assert engine.ask("世界经济那篇文章结尾是怎么收束的?").citations[0].unit.text.startswith("但是，世界经济")


def test_an_uncounted_colon_lead_and_its_short_openings(engine: Engine) -> None:
    answer = engine.ask("孙海说今年林业工作要着重抓好哪几方面?")
    for said in ("植树造林", "保护林地", "发展林产"):
        assert said in answer.text, answer.text
    assert "我们相信" not in answer.text


def test_a_place_the_question_names_is_no_answer(engine: Engine) -> None:
    said = "七个贫困县中有三个县整体脱贫。"
    assert not fits_type("place", "地名", [said], "七个贫困县里整体脱贫的是哪三个县?")
    assert fits_type("place", "地名", ["七个贫困县中有青石县等三个县整体脱贫。"], "七个贫困县里整体脱贫的是哪三个县?")
    answer = engine.ask("七个贫困县里整体脱贫的是哪三个县?")
    assert answer.abstained or answer.partial, answer.text


@pytest.mark.parametrize("question", ["扶贫开发奖一次奖金多少?", "东山水库续建工程要投资多少?"])
def test_a_figure_asked_at_the_end_is_of_what_stands_before(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.partial or answer.abstained, answer.text


def test_the_others_of_a_list_counted_but_not_named(engine: Engine) -> None:
    answer = engine.ask("组建的六个农业企业集团，除了青山农垦、红河农垦，另外四个是哪些?")
    assert answer.partial and "「青山农垦、红河农垦」等" in answer.text, answer.text


def test_a_verb_before_a_works_name_is_no_place(engine: Engine) -> None:
    answer = engine.ask("王明远为了写山村纪事在贫困村住了多久?")
    assert not answer.partial and "三年" in answer.text, answer.text


def test_a_works_name_in_a_sentence_that_names_not_its_author(engine: Engine) -> None:
    answer = engine.ask("王明远写的那本书是哪部?")
    assert not answer.partial and "山村纪事" in answer.text, answer.text


@pytest.mark.parametrize(("question", "said"), [("周立新的新年讲话对新一年的工作提了哪几方面打算?", ("县域经济", "结构调整", "办好教育")),
                                                 ("迎接新的一年那篇讲话里，新一年的第二项工作是什么?", ("结构调整",))])
def test_paragraphs_opening_with_one_phrase_and_a_comma_are_a_list(engine: Engine, question: str,
                                                                   said: tuple[str, ...]) -> None:
    answer = engine.ask(question)
    assert all(x in answer.text for x in said), answer.text
    assert "新年快乐" not in answer.text and "二百元" not in answer.text, answer.text


def test_the_others_asked_as_a_list_are_still_the_others(engine: Engine) -> None:
    answer = engine.ask("六个农业企业集团除了青山农垦、红河农垦，还有哪几个?")
    assert answer.partial and "其余" in answer.text, answer.text


def test_a_toast_is_no_point(engine: Engine) -> None:
    answer = engine.ask("市政府明年在侨务工作方面有哪几点打算?")
    assert all(x in answer.text for x in ("侨务政策", "投资环境", "几件实事")), answer.text
    assert "干杯" not in answer.text and "提议" not in answer.text, answer.text


@pytest.mark.parametrize("question", ["第二届华侨龙舟节什么时候举办?", "第二届华侨龙舟节定在哪一天?"])
def test_an_edition_told_without_its_date(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.partial and "第二届华侨龙舟节" in answer.text and "没有" in answer.text, answer.text


def test_an_edition_that_is_told(engine: Engine) -> None:
    answer = engine.ask("首届华侨龙舟节是什么时候办的?")
    assert not answer.partial and "去年九月" in answer.text, answer.text


def test_a_figure_in_another_clause_is_anothers(engine: Engine) -> None:
    assert engine.ask("吴女士捐建图书馆花了多少钱?").partial
    answer = engine.ask("林先生捐资兴建侨乡小学花了多少钱?")
    assert not answer.partial and "八百万元" in answer.text, answer.text


def test_a_count_that_points_back_lists_nothing(engine: Engine) -> None:
    answer = engine.ask("何振东讲的要抓紧抓好的两项工作是哪两项?")
    assert "政府要把这[" not in answer.text and "2. 政府" not in answer.text, answer.text


@pytest.mark.parametrize("question", ["郭长林那篇访谈分几部分?", "采访郭长林那篇记者一共问了几个问题?依次是什么", "郭长林专访主要讲了哪些内容?",
                                      "郭长林那篇访谈是按什么顺序展开的?"])
def test_an_interview_runs_by_the_questions_asked(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    lines = [x for x in answer.text.splitlines() if x[:2] in ("1.", "2.", "3.", "4.")]
    assert len(lines) == 3 and all("问:" in x for x in lines), answer.text
    assert "新的特点" in lines[0] and "涨价" in lines[1] and "什么要求" in lines[2] and "记者：" not in answer.text
    assert answer.citations[0].unit.text.startswith("记者：去年全省粮食")
