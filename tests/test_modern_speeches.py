"""Whole speeches as a city or county website of today prints them: points announced and taken
up each opening with the speech's subject, a last numbered part whose items follow in
paragraphs of their own, a part the speaker adds after the ones he announced, paragraphs that
each name one of a kind (交通领域，… 校园领域，…), a list opened on a colon (主要是：…；…；…),
and the place a speech is about naming it."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.engine import Engine

_FLOOD = """在全市防汛抗旱工作会议上的讲话
副市长　韩文斌
（2023年5月8日）
同志们：
今天召开全市防汛抗旱工作会议，主要任务是部署今年的防汛抗旱工作。
去年汛期，全市共转移避险群众一万二千人，没有发生人员伤亡，青峰县山洪一度冲断公路。下面，就做好今年的防汛抗旱工作，我讲三点意见。
防汛抗旱事关人民群众生命财产安全，是一项重大的政治任务。各级领导干部要把这项工作放在心上、抓在手上。
据气象部门预测，今年汛期降雨总体偏多，极端天气可能多发，大家对此要有充分的思想准备。
防汛抗旱重在提前准备。各地要在五月底前完成水库、堤防的汛前检查。
山洪地质灾害方面，要对全市八十六处隐患点逐一落实监测责任人。
城市内涝方面，要在六月中旬前完成排水管网的清淤疏浚。
防汛抗旱贵在责任落实。要严格执行以行政首长负责制为核心的防汛责任制。
要加强值班值守，汛期实行二十四小时领导带班。
同志们，防汛工作责任重于泰山，大家要以高度负责的精神抓好各项工作。
"""

_LIBRARY = """在全区全民阅读推进大会上的讲话
区委书记　唐家树
（2023年4月23日）
来源：临川区融媒体中心
同志们、朋友们：
今天是世界读书日，我们在这里召开临川区全民阅读推进大会。
第一，全民阅读工作取得了明显成效。去年临川区新建城市书房十二个，举办读书活动六百多场。
群众的阅读热情明显提高，人均阅读量达到每年九本。
第二，要看到工作中存在的不足。一些社区书屋利用率不高，农村阅读设施还比较薄弱。
第三，希望各部门各单位把全民阅读抓实抓好。在这里，我提几点要求。
一是要完善阅读设施，今年再建城市书房八个。
二是要丰富阅读活动，办好第五届书香节。
三是要加强阅读推广人队伍建设，培训阅读推广人二百名。
同志们，让我们共同努力，让书香飘满全区！
"""

_HEALTH = """在全县卫生健康工作会议上的讲话
县长　邵明轩
（2023年3月20日）
同志们：
过去一年，石塘县卫生健康事业稳步发展，全县人均预期寿命达到七十九岁。
我们也要看到，全县卫生健康工作还有不少薄弱环节。主要是：基层医疗机构人才短缺，乡镇卫生院执业医师不足；县级医院服务能力不强，部分病人外转就医；公共卫生应急体系还不健全。
今年要在重点人群健康管理上下功夫。
老年人群体，要做实家庭医生签约服务，为六十五岁以上老人免费体检。
儿童群体，要做好适龄儿童免疫规划疫苗接种。
孕产妇群体，要落实高危孕产妇专案管理。
石塘县要努力建设健康县城，让群众少生病、看好病。
同志们，让我们为建设健康石塘而努力！
"""

_SPRING = """在2024年迎春座谈会上的讲话
市长　岑立诚
（2024年2月2日）
各位老同志，同志们：
刚刚过去的2023年，是极不平凡的一年。
这一年，我们在招商引资上下了大功夫，新引进亿元以上项目四十六个。
这一年，我们在城市建设上迈出新步伐，新建改建道路五十八公里。
这一年，我们在社会保障上加大了力度，新增养老床位九百张。
2024年是实施“十四五”规划的关键一年，全市上下要鼓足干劲。
新的一年，我们要在科技创新上持续用力，新建研发平台十个。
新的一年，我们要在乡村振兴上加快步伐，建设示范村二十个。
新的一年，我们要在营商环境上精益求精，企业开办一天办结。
最后，祝大家新春愉快、身体健康！
"""

_TRADE = """在全县商贸流通工作会议上的讲话
县长　骆承平
（2024年3月12日）
同志们：
全县有白沙湖、青龙湖两个主要湖泊，湖区商贸一直是我们的特色。
县领导要带头包联重点商贸企业，每人至少包联4家，每月至少走访一次。
要大力发展农村电商，力争到2026年全县快递业务收入突破5亿元。
今年2月，城西某物流企业仓库起火，所幸没有人员伤亡，消防安全一刻也不能放松。
县物流园由东港远航物流公司承建，年底前投入运营。
今年的商贸工作，要在“快”字上下功夫。物流配送要做到县城当日达、乡镇次日达，农产品上行要压缩到两天以内。
同志们，让我们共同努力，把商贸流通工作抓好！
"""

_DEPUTY = """在全县招商引资推进会上的讲话
副县长　钟志华
（2024年4月2日）
同志们：
今年的招商工作，要在“快”字上做文章，项目签约后三个月内必须开工。
同志们，让我们把招商引资工作抓紧抓实！
"""

_INTERVIEW = """把好事办到群众心坎上——访东岭区区长贺文涛
来源：东岭区融媒体中心
（2024年6月3日）
记者：今年东岭区在民生方面有哪些新举措？
贺文涛：今年我们重点办好三件事。一是新建社区食堂二十个，二是改造老旧小区三十个，三是新增托育托位五百个。
记者：这些事情怎么保证落实？
贺文涛：我们实行项目清单制，每个项目都明确一名区级领导牵头，每月通报进度。
记者：下一步还有什么打算？
贺文涛：我们要把群众满意度作为检验工作的标准，定期开展第三方评估。
"""

_SCIENCE = """在全市科技工作会议上的讲话
市长　冯立群
一、充分肯定去年的成绩
去年全市研发投入增长百分之十二，新增高新技术企业一百二十家。
二、明确今后一个时期的重点
当前，新一轮科技革命深入发展，我们必须增强紧迫感。
我市科技资源相对薄弱，基础研究能力不强。
今后五年，要以建设区域创新中心为目标，统筹推进各项工作。
在人才引进方面，要实施“凤还巢”计划，每年引进博士一百名。
在平台建设方面，要建成省级以上研发平台三十个。
在成果转化方面，要设立十亿元的科技成果转化基金。
这些工作，各部门要分工负责、抓紧落实。
市财政将科技支出增幅保持在百分之十五以上。
要建立科技工作考核制度，每年通报一次。
同志们，让我们为建设创新型城市而努力！
"""

_REPORT = """东湖区召开安全生产工作会议
2024年6月12日　来源：东湖日报
本报讯（记者　王丽）6月11日下午，东湖区召开安全生产工作会议。区长贺明远出席会议并讲话。
会上，区应急管理局通报了今年1至5月全区安全生产情况。全区共发生各类生产安全事故4起，死亡3人，同比均有下降。
贺明远要求，区应急管理局要在6月20日前完成防汛物资储备，组织一次全区性防汛应急演练。
贺明远强调，要压紧压实安全生产责任，各街道主要负责人是第一责任人。
"""

_ROADS = """在全县交通工作会议上的讲话
石门县县长　邹明远
同志们：
第一，回顾去年的工作。
去年全县新建“四好农村路”二百公里，新改建桥梁十二座，交通条件明显改善。
第二，抓好今年的重点工作。
一要加快国省道改造，年内完成四十公里。
二要推进客运站建设，新建乡镇客运站五个。
三要抓好道路安全，整治危险路段三十处。
四要深化交通运输改革，推进城乡公交一体化。
同志们，让我们把交通工作抓好！
"""

_RECRUITS = """在全市新录用公务员培训班开班式上的讲话
市委组织部部长　沈海峰
（2024年7月1日）
同志们：
今天，我们为新录用的一百二十名公务员举办培训班。
这批同志来自全国三十多所高校，其中研究生占四成。
近年来，全市公务员队伍结构不断优化。借这个机会，我对大家提三点要求，与同志们共勉。
你们要把对党忠诚放在第一位，在大是大非面前站稳立场。
忠诚不是一句口号，要体现在每一项具体工作中。
你们要勤学苦练本领，尽快成为本岗位的行家里手。
你们要清正廉洁，守住做人做事的底线。
同志们，希望大家珍惜机会，学有所成！
"""

_WATER = """在全县水利工作会议上的讲话
县长　蒋玉和
（二○二三年三月九日）
同志们：
今天召开全县水利工作会议，刚才，5个乡镇作了交流发言，讲得都很好。我讲三点意见。
第一，要肯定去年的成绩。全县新修水渠一百二十公里，新增灌溉面积三万亩。
第二，要认清面临的困难。部分水库病险问题尚未解决，农田灌溉设施老化。
第三，要抓好今年的重点工作。今年要完成五座病险水库除险加固，建成高效节水灌溉面积两万亩。
另外，我再强调一下资金管理问题。水利资金是群众的保命钱，要专款专用，严禁挤占挪用。
要建立资金使用公示制度，接受群众监督。
同志们，让我们扎扎实实把水利工作抓好！
"""

# Reported speech: every paragraph opens with the speaker's name; a sentence that ends on
# 两个市场 counts no points.
_REPORTED = """王副总理考察港口时强调做好外贸工作
新华社北京三月五日电
王副总理三月四日在东港考察时强调，要进一步做好外贸工作。
王副总理说，去年外贸形势十分严峻，全国外贸工作者付出了艰辛努力。
王副总理指出，要进一步扩大对外开放，更好地利用国内国外两个市场。
王副总理强调，港口建设要适应外贸发展的需要。
王副总理说，要重视培养外贸人才。
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root: Path = tmp_path_factory.mktemp("modern")
    for name, text in (("flood", _FLOOD), ("library", _LIBRARY), ("water", _WATER), ("reported", _REPORTED),
                       ("health", _HEALTH), ("spring", _SPRING), ("trade", _TRADE), ("deputy", _DEPUTY),
                       ("interview", _INTERVIEW), ("science", _SCIENCE),
                       ("report", _REPORT), ("roads", _ROADS),
                       ("recruits", _RECRUITS)):
        (root / f"{name}.txt").write_text(text, encoding="utf-8")
    return Engine.load([root], use_cache=False)


def _numbered(text: str) -> list[str]:
    return [x for x in text.splitlines() if x[:1].isdigit() and x[1:2] == "."]


@pytest.mark.parametrize("question", ["防汛抗旱会议上副市长讲了哪三点意见?", "韩文斌的讲话分几个部分?"])
def test_points_announced_each_opening_with_the_speechs_subject(engine: Engine, question: str) -> None:
    lines = _numbered(engine.ask(question).text)
    assert len(lines) == 3, lines
    for n, said in enumerate(("事关人民群众", "重在提前准备", "贵在责任落实")):
        assert said in lines[n], lines


def test_the_second_point_opened_with_the_subject(engine: Engine) -> None:
    answer = engine.ask("防汛会议上讲的第二点意见是什么?")
    assert "重在提前准备" in answer.text.splitlines()[0], answer.text


def test_a_run_the_last_part_opens_is_its_own(engine: Engine) -> None:
    lines = _numbered(engine.ask("全民阅读推进大会上的讲话分成几部分?").text)
    assert len(lines) == 3, lines
    assert "阅读工作取得了明显成效" in lines[0] and "抓实抓好" in lines[2], lines


@pytest.mark.parametrize("question", ["县长在水利工作会议上的讲话分几部分?", "水利工作会议那篇讲话的框架"])
def test_a_part_the_speaker_adds_after_those_he_announced(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    lines = _numbered(answer.text)
    assert len(lines) == 4, answer.text
    assert "资金管理" in lines[3], lines
    assert "三点意见" in answer.text.splitlines()[0], answer.text


def test_the_added_part_runs_on_to_the_close(engine: Engine) -> None:
    answer = engine.ask("水利工作会议讲话第四部分讲的什么?")
    assert "资金管理" in answer.text and "公示制度" in answer.text, answer.text
    assert "扎扎实实" not in answer.text, answer.text


def test_a_name_every_paragraph_opens_with_counts_no_points(engine: Engine) -> None:
    answer = engine.ask("王副总理考察港口时的讲话分几部分?")
    assert "2点" not in answer.text and "2个部分" not in answer.text, answer.text


def test_paragraphs_each_naming_one_of_a_kind(engine: Engine) -> None:
    answer = engine.ask("卫生健康会议上提到要重点管理哪几类人群?")
    lines = _numbered(answer.text)
    assert len(lines) == 3, answer.text
    assert "老年人" in lines[0] and "儿童" in lines[1] and "孕产妇" in lines[2], lines


def test_the_nth_of_paragraphs_naming_one_of_a_kind(engine: Engine) -> None:
    answer = engine.ask("卫生健康讲话里重点人群的第二类是什么?")
    assert "儿童" in answer.text.splitlines()[0] and "老年人" not in answer.text, answer.text


def test_a_list_opened_on_a_colon_after_the_sentence_naming_it(engine: Engine) -> None:
    answer = engine.ask("卫生健康会议讲话说全县卫生健康工作有哪几个薄弱环节?")
    lines = _numbered(answer.text)
    assert len(lines) == 3, answer.text
    assert lines[0].startswith("1. 基层医疗机构"), lines   # not 主要是：
    assert "外转就医" in lines[1] and "应急体系" in lines[2], lines


@pytest.mark.parametrize("question", ["石塘县人均预期寿命是多少?", "石塘县的人均预期寿命有多少岁?"])
def test_the_place_a_speech_is_about_names_it(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.plan["speech"] == _no(engine, "卫生健康") and "七十九岁" in answer.text, (answer.plan, answer.text)


def test_two_places_name_two_speeches(engine: Engine) -> None:
    plan = engine.ask("石塘县和临川区去年各做了哪些工作?").plan
    assert sorted(plan.get("speech_candidates") or []) == sorted([_no(engine, "卫生健康"), _no(engine, "全民阅读")]), plan


def test_a_place_other_speeches_mention_names_none(engine: Engine) -> None:
    assert engine.ask("东港的外贸怎么样?").plan["speech"] is None   # 东港 is no 东港市 / 县 / 区
    assert engine.ask("青峰县山洪冲断了多少公里公路?").plan["speech"] is None   # told once: not the speech's own


def _no(engine: Engine, title_word: str) -> int:
    return next(s.no for s in engine.corpus.speeches if title_word in s.title)


def test_the_added_part_named_by_its_words(engine: Engine) -> None:
    answer = engine.ask("水利会议上县长关于资金管理讲了哪几个方面?")
    assert "专款专用" in answer.text and "公示制度" in answer.text, answer.text


@pytest.mark.parametrize(("question", "first", "not_said"), [
    ("迎春座谈会讲话回顾去年工作是从哪几个方面讲的?", "招商引资", "科技创新"),
    ("迎春座谈会讲话里今年要在哪几个方面用力?", "科技创新", "招商引资"),
])
def test_of_two_lists_the_one_its_lead_dates_to_the_year_asked(engine: Engine, question: str, first: str,
                                                               not_said: str) -> None:
    answer = engine.ask(question)
    lines = _numbered(answer.text)
    assert len(lines) == 3 and first in lines[0], answer.text
    assert not_said not in answer.text, answer.text


@pytest.mark.parametrize(("question", "said"), [
    ("县领导每人至少包联几家企业?", "4家"),            # 包联重点商贸企业，每人至少包联4家
    ("到2026年快递业务收入目标是多少?", "5亿元"),      # 力争…快递业务收入突破5亿元
    ("快递业务收入的目标是多少?", "5亿元"),
    ("商贸流通会议是谁讲的话?", "骆承平"),            # the speaker line
])
def test_a_figure_or_speaker_the_text_gives_is_not_said_to_be_missing(engine: Engine, question: str, said: str) -> None:
    answer = engine.ask(question)
    assert not answer.partial and not answer.abstained, answer.text
    assert said in answer.text, answer.text


@pytest.mark.parametrize("question", ["两个主要湖泊是哪两个?", "商贸会议上说的主要湖泊叫什么?"])
def test_things_named_before_their_count_are_what_it_holds(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert not answer.partial and "白沙湖" in answer.text and "青龙湖" in answer.text, answer.text


def test_what_a_speaker_works_on_is_told_after_it(engine: Engine) -> None:
    # 要在“快”字上下功夫。物流配送要做到…: the sentences after it say what it takes. 县长 is no 副县长.
    answer = engine.ask("县长讲话里说的“快”字具体指什么?")
    assert not answer.partial and "当日达" in answer.text, answer.text
    assert "三个月内" not in answer.text, answer.text


@pytest.mark.parametrize("question", ["这篇专访分了几个部分?", "记者一共问了几个问题?"])
def test_an_interview_named_by_its_kind_is_parted_by_the_reporters_questions(engine: Engine, question: str) -> None:
    lines = _numbered(engine.ask(question).text)
    assert len(lines) == 3 and "民生" in lines[0] and "落实" in lines[1] and "打算" in lines[2], lines


def test_the_reporters_second_question(engine: Engine) -> None:
    answer = engine.ask("记者问的第二个问题是什么?")
    assert "怎么保证落实" in answer.text.splitlines()[0], answer.text


def test_the_medium_an_interview_came_from(engine: Engine) -> None:
    answer = engine.ask("那篇专访是哪家媒体发的?")
    assert not answer.abstained and "东岭区融媒体中心" in answer.text, answer.text


def test_the_second_of_points_an_answer_shortened_to_their_first_clause(engine: Engine) -> None:
    from assistant.results import Turn

    first = engine.ask("贺文涛说今年重点办好哪几件事?")
    assert "老旧小区" in first.text, first.text
    answer = engine.ask("第二件呢?", history=[Turn("贺文涛说今年重点办好哪几件事?", first)])
    assert "改造老旧小区" in answer.text.splitlines()[0] and "社区食堂" not in answer.text, answer.text


def test_a_pronoun_anywhere_leans_on_the_last_turn(engine: Engine) -> None:
    from assistant.results import Turn

    first = engine.ask("商贸会议上说的主要湖泊叫什么?")
    plan = engine.ask("为什么要在它们周边发展商贸?", history=[Turn("商贸会议上说的主要湖泊叫什么?", first)]).plan
    assert plan["follow_up"] is True, plan


def test_who_gave_each_speech_names_every_speaker(engine: Engine) -> None:
    answer = engine.ask("这几篇讲话分别是谁讲的?")
    for name in ("钟志华", "韩文斌", "邵明轩", "唐家树", "岑立诚", "骆承平", "蒋玉和"):
        assert name in answer.text, answer.text


def test_a_body_the_text_leaves_unnamed_is_not_named(engine: Engine) -> None:
    answer = engine.ask("城西那起仓库火灾是哪家公司的?")   # 某物流企业: unnamed
    assert answer.partial or answer.abstained, answer.text
    answer = engine.ask("县物流园是哪家公司承建的?")
    assert not answer.partial and "远航物流公司" in answer.text, answer.text


@pytest.mark.parametrize("question", ["水利会议上有几个乡镇作了发言?", "水利会议上几个乡镇发了言?"])
def test_the_verb_before_le_is_no_part_of_what_is_counted(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert not answer.partial and "5个乡镇" in answer.text, answer.text


def test_a_run_framed_alike_inside_a_long_part_is_its_items(engine: Engine) -> None:
    answer = engine.ask("科技工作会议讲话第二部分从哪几个方面部署?")
    lines = _numbered(answer.text)
    assert len(lines) == 3, answer.text
    assert "人才引进" in lines[0] and "平台建设" in lines[1] and "成果转化" in lines[2], lines


@pytest.mark.parametrize(("question", "said"), [
    ("今年1到5月东湖区死了几个人?", "死亡3人"),          # the figure in the sentence after the one the words find
    ("东湖区防汛物资要在哪天前储备好?", "6月20日前"),     # a day before 前 is a deadline, not 日前
    ("商贸流通工作会议是什么时候开的?", "2024年3月12日"),  # when the meeting was: the date line
])
def test_a_figure_or_date_given_nearby_is_not_said_to_be_missing(engine: Engine, question: str, said: str) -> None:
    answer = engine.ask(question)
    assert not answer.partial and not answer.abstained and said in answer.text, answer.text


def test_a_place_opening_a_meeting_name_names_its_report(engine: Engine) -> None:
    answer = engine.ask("东湖区会议上区长最后强调了什么?")
    assert answer.plan["speech"] == _no(engine, "东湖区"), answer.plan


def test_a_quoted_term_a_list_of_the_speech_never_names_is_not_that_list(engine: Engine) -> None:
    # 一要…四要 follow a part whose earlier paragraph mentions “四好农村路”: they are not its content.
    for question in ("交通工作会议上说的“四好农村路”是哪四好?", "石门县“四好农村路”是哪四好?"):
        answer = engine.ask(question)
        assert answer.partial or answer.abstained, answer.text


def test_points_announced_with_ti_and_taken_up_each_opening_alike(engine: Engine) -> None:
    # …我对大家提三点要求。 ¶ 你们要… ¶ (goes on) ¶ 你们要… ¶ 你们要…: 提 announces as 讲 does.
    lines = _numbered(engine.ask("公务员培训班上组织部长提了哪几点要求?").text)
    assert len(lines) == 3 and "对党忠诚" in lines[0] and "勤学苦练" in lines[1] and "清正廉洁" in lines[2], lines
    answer = engine.ask("公务员培训班讲话的第二点要求是什么?")
    assert "勤学苦练" in answer.text.splitlines()[0], answer.text


def test_the_next_of_points_announced_unnumbered(engine: Engine) -> None:
    from assistant.results import Turn

    first = engine.ask("公务员培训班讲话的第二点要求是什么?")
    answer = engine.ask("那第三点呢?", history=[Turn("公务员培训班讲话的第二点要求是什么?", first)])
    assert "清正廉洁" in answer.text.splitlines()[0] and "勤学苦练" not in answer.text, answer.text
