"""A government work report among speeches, asked about as people say it: 报告第三部分 / 这份报告
name the one text titled a report; 分几大块,每块讲的是什么 asks for its outline; and a count told
in passing before a list (信中提了三条建议) is not taken for the list's own words. Texts written
for these tests."""

from __future__ import annotations

import pytest
from engine_helpers import engine_of

from assistant.question_words import is_generic

_REPORT = """政府工作报告
——2025年2月20日在青禾县第十七届人民代表大会第五次会议上
青禾县人民政府县长  宋立平
各位代表：
现在，我代表县人民政府向大会报告工作，请予审议。
一、2024年工作回顾
过去一年，全县地区生产总值完成192.5亿元，增长5.8%。
（一）产业发展稳中有进。新签约项目36个，总投资160亿元。
（二）民生保障持续加强。新建幼儿园4所，新增学位1800个。
二、2025年总体要求和主要目标
今年地区生产总值增长6%左右，城镇新增就业5000人以上。
三、2025年重点工作
（一）狠抓项目建设。全年实施重点项目100个。
（二）推进乡村振兴。新建高标准农田2万亩。
（三）办好民生实事。改造老旧小区28个。
"""
_SPEECH = """在青禾县老干部座谈会上的讲话
县委书记  孙建华
同志们：
老同志们一直关心全县发展。去年，王明德同志给县委写信，就县城供水提了三条具体建议。我们认真研究，逐条落实。
我们要更好地听取老同志的意见，把好事办好。
我们要更好地发挥老同志的作用，请大家多提宝贵意见。
我们要更好地做好老干部服务工作，让老同志安享晚年。
"""
_DEDICATION = """在青禾县图书馆开馆仪式上的致辞
县委副书记  何晓
今天，青禾县图书馆正式开馆。新馆藏书12万册，设阅览座位600个。
希望大家常来看书。
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory):
    return engine_of(tmp_path_factory.mktemp("report"), {
        "01_report.txt": _REPORT, "02_speech.txt": _SPEECH, "03_library.txt": _DEDICATION})


def test_pointers_and_each_part_are_no_subject_of_their_own() -> None:
    for word in ("每块", "每一部分", "各条", "这份", "那篇", "该次"):
        assert is_generic(word), word
    assert not is_generic("每股")


@pytest.mark.parametrize("question", ["青禾县这份报告一共分几大块？每块讲的是什么？", "报告分几大块？",
                                      "这份报告分成哪几个部分？"])
def test_the_outline_of_the_report(engine, question: str) -> None:
    answer = engine.ask(question)
    assert not answer.abstained
    for heading in ("2024年工作回顾", "总体要求和主要目标", "2025年重点工作"):
        assert heading in answer.text
    assert answer.citations[0].unit.speech_no == 1


@pytest.mark.parametrize("question", ["报告第三部分今年的重点工作列了几项？分别是啥？", "那份报告第三部分讲了什么？",
                                      "报告里第三部分有哪几项工作？"])
def test_the_report_names_the_one_text_titled_so(engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.plan["speech"] == 1
    for item in ("狠抓项目建设", "推进乡村振兴", "办好民生实事"):
        assert item in answer.text


def test_a_report_is_not_named_when_no_title_or_several_say_so(tmp_path) -> None:
    engine = engine_of(tmp_path, {"01.txt": _SPEECH, "02.txt": _DEDICATION})
    assert engine.ask("报告第三部分讲了什么？").plan["speech"] is None


def test_a_count_told_in_passing_is_not_the_lists_own_words(engine) -> None:
    answer = engine.ask("孙建华对老同志工作提了哪些要求？")
    assert "听取老同志的意见" in answer.text and "做好老干部服务工作" in answer.text
    assert "三条具体建议" not in answer.text


def test_a_figure_of_the_province_asked_as_全省城镇(tmp_path) -> None:
    """全省城镇 names no place 省城; the province's figure is told after a sentence that says 全省."""
    from assistant.answer_types import places_named

    assert places_named("上半年全省城镇新增就业多少人？") == []
    assert places_named("宁乡县去年招商引资多少？") == ["宁乡"]
    # (去年地区生产总值 / 东部山区 / 城市建设: common nouns after a year or a direction, no places)
    assert places_named("青禾县去年地区生产总值是多少？") == ["青禾"]
    assert places_named("东部山区的9个县") == [] and places_named("城市建设") == []
    assert places_named("市中区那篇") == ["市中"] and places_named("桃花村") == ["桃花"]
    engine = engine_of(tmp_path, {
        "01_report.txt": _REPORT,
        "02_press.txt": "海川省人社厅新闻发布会实录\n时间：2025年7月10日上午10时\n"
                        "马俊峰：上半年，全省就业形势总体稳定。城镇新增就业38.6万人，完成年度目标的64.3%。\n"
                        "上半年，全省共查处欠薪案件1960件，为1.8万名劳动者追讨工资2.3亿元。\n"})
    answer = engine.ask("上半年全省城镇新增就业多少人？")
    assert not answer.partial and answer.text.startswith("城镇新增就业38.6万人")


_FORUM = """全市民营企业家座谈会纪要
本报讯 3月12日，市政府召开民营企业家座谈会。
远航物流集团董事长许国平说，物流企业用地难、融资难问题仍然突出。他建议设立物流用地专项指标。集团去年营业收入12.6亿元，员工1800多人。
湖南常德人郑丽君是新材料公司总经理。她说，企业去年研发投入占营业收入的6.5%。
"""


def test_who_gave_the_report_and_the_figure_of_whom_a_paragraph_is_about(tmp_path) -> None:
    engine = engine_of(tmp_path, {"01_report.txt": _REPORT, "02_forum.txt": _FORUM})
    # giving what the title says the text is, is giving the speech: its speaker line answers
    assert "宋立平" in engine.ask("政府工作报告是谁作的报告？").text.split("\n")[0]
    # 许国平 is named two sentences before the figure, in the paragraph's first
    answer = engine.ask("许国平的集团去年营业收入多少？")
    assert not answer.partial and answer.text.startswith("集团去年营业收入12.6亿元")
    # where a person is from: 湖南常德人郑丽君
    origin = engine.ask("郑丽君是哪里人？")
    assert not origin.partial and "湖南常德人郑丽君" in origin.text
    assert engine.ask("许国平是什么地方的人？").partial


_TARGETS = """2025年青石县人民政府工作报告
县长　林晓峰
一、2025年工作回顾
全县地区生产总值完成286.5亿元，增长6.1%。
二、2026年主要目标任务
2026年经济社会发展的主要预期目标是：地区生产总值增长6%左右，一般公共预算收入增长5%，城乡居民人均可支配收入增长与经济增长基本同步，城镇调查失业率控制在5.5%以内。重点抓好以下四个方面的工作：
（一）坚持项目为王，做大产业规模。全年计划实施重点项目120个。
（二）坚持创新驱动，增强发展动能。新增高新技术企业20家。
（三）坚持城乡融合，建设宜居青石。完成150个自然村的污水治理。
（四）坚持人民至上，办好民生实事。新建改建养老服务中心8个。
三、加强政府自身建设
新的一年，我们要坚持依法行政，自觉接受县人大的法律监督；要坚持廉洁从政，政府一般性支出再压减5%；要坚持实干担当，对定下来的事情马上就办。
"""


def test_a_list_said_in_one_sentence_of_a_part(tmp_path) -> None:
    engine = engine_of(tmp_path, {"01_report.txt": _TARGETS, "02_library.txt": _DEDICATION})
    # the sentence that names the targets before its colon, not the part's (一)…(三)
    targets = engine.ask("报告里2026年的主要预期目标有哪些？")
    assert "一般公共预算收入增长5%" in targets.text and "失业率控制在5.5%以内" in targets.text
    assert "坚持项目为王" not in targets.text
    # three clauses between semicolons, under the heading that names what they are of
    kept = engine.ask("政府自身建设提了哪三个坚持？")
    assert not kept.abstained
    for said in ("坚持依法行政", "坚持廉洁从政", "坚持实干担当"):
        assert said in kept.text
    assert "坚持项目为王" not in kept.text


def test_what_one_speaker_suggested_is_not_mixed_with_anothers(tmp_path) -> None:
    """他建议… in another speaker's paragraph is that speaker's, not the one asked about."""
    engine = engine_of(tmp_path, {"01_forum.txt": """全市民营企业家座谈会纪要
会上，三位企业家代表先后发言。
华美纺织有限公司总经理郑丽君说，纺织行业用工缺口较大。她希望职业院校与企业合作开设订单班。
星河软件科技公司创始人陆一鸣说，软件企业最缺的是高端人才。他建议在人才公寓、子女入学等方面给予更多支持。
绿源农业发展公司负责人马春生说，审批环节多、时间长。他建议推行并联审批，缩短审批时限。
""", "02_library.txt": _DEDICATION})
    hers = engine.ask("郑丽君提了什么建议？")
    assert "订单班" in hers.text and "人才公寓" not in hers.text and "并联审批" not in hers.text
    his = engine.ask("陆一鸣建议什么？")
    assert "人才公寓" in his.text and "并联审批" not in his.text


@pytest.mark.parametrize("question", ["政府工作报告的主题是什么？", "这份报告的中心思想是啥？"])
def test_the_theme_of_a_named_text_is_its_outline(engine, question: str) -> None:
    answer = engine.ask(question)
    assert not answer.abstained and answer.plan["intent"] == "outline"
    assert "2024年工作回顾" in answer.text and "2025年重点工作" in answer.text


_SUMMARY = """全市民营企业家座谈会纪要
3月12日下午，市政府召开民营企业家座谈会，市长何振东主持会议。
会上，四位企业家代表先后发言。
远航物流集团董事长许国平说，物流企业用地难、融资难问题仍然突出。
华美纺织有限公司总经理郑丽君说，纺织行业用工缺口较大。
星河软件科技公司创始人陆一鸣说，软件企业最缺的是高端人才。
绿源农业发展公司负责人马春生说，农产品深加工项目审批环节多。
听取发言后，何振东对企业家们表示感谢。
何振东强调，各级各部门要把企业家提出的问题梳理成清单，逐项落实。
"""


@pytest.mark.parametrize(("question", "name"), [("座谈会上第二位发言的是谁？", "郑丽君"), ("第三位发言的企业家是谁？", "陆一鸣"),
                                                ("最后一位发言的企业家是谁？", "马春生")])
def test_the_speakers_of_a_summary_in_turn(tmp_path, question: str, name: str) -> None:
    engine = engine_of(tmp_path, {"01_summary.txt": _SUMMARY, "02_library.txt": _DEDICATION})
    answer = engine.ask(question)
    assert answer.text.startswith(f"{name}:")


def test_what_the_nth_speaker_of_a_summary_said(tmp_path) -> None:
    """第二位发言的企业家提了什么建议 asks what a speaker counted by turn said: their whole turn."""
    summary = _SUMMARY.replace("用工缺口较大。", "用工缺口较大。她建议职业院校与企业合作开设订单班。")
    engine = engine_of(tmp_path, {"01_summary.txt": summary, "02_library.txt": _DEDICATION})
    answer = engine.ask("第二位发言的企业家提了什么建议？")
    assert answer.text.startswith("郑丽君:") and "订单班" in answer.text
    assert "许国平" not in answer.text and "四位企业家代表先后发言" not in answer.text


@pytest.mark.parametrize("question", ["企业家们提了哪几条建议？", "座谈会上企业家提了什么建议"])
def test_what_the_speakers_of_a_summary_proposed(tmp_path, question: str) -> None:
    """企业家们提了哪几条建议: of each speaker in turn, the sentence that proposes."""
    summary = _SUMMARY.replace("问题仍然突出。", "问题仍然突出。他建议设立物流用地专项指标。") \
        .replace("用工缺口较大。", "用工缺口较大。她希望职业院校开设订单班。") \
        .replace("高端人才。", "高端人才。他建议建设人才公寓。") \
        .replace("审批环节多。", "审批环节多。他建议推行并联审批。")
    engine = engine_of(tmp_path, {"01_summary.txt": summary, "02_library.txt": _DEDICATION})
    answer = engine.ask(question)
    for name, said in (("许国平", "物流用地专项指标"), ("郑丽君", "订单班"), ("陆一鸣", "人才公寓"), ("马春生", "并联审批")):
        assert f"{name}:" in answer.text and said in answer.text
    assert "何振东" not in answer.text


def test_all_the_speakers_of_a_summary(tmp_path) -> None:
    engine = engine_of(tmp_path, {"01_summary.txt": _SUMMARY, "02_library.txt": _DEDICATION})
    answer = engine.ask("座谈会上发言的企业家都有谁？")
    assert answer.text.startswith("共4位:")
    for name in ("许国平", "郑丽君", "陆一鸣", "马春生"):
        assert name in answer.text
    assert "何振东:" not in answer.text


def test_a_bare_second_clause_told_by_the_first_answer(tmp_path) -> None:
    """…得过什么荣誉?哪一年?: the year is in the sentence the first clause quotes; the second
    clause is not read as asking the speech's own date."""
    engine = engine_of(tmp_path, {"01_eulogy.txt": """在郑怀远同志追悼会上的讲话
中共云峤市委书记  杜明哲
2023年12月24日
郑怀远同志1936年3月出生于桐岭县梅溪乡，1953年7月参加工作。
1995年，他荣获全国五一劳动奖章。
郑怀远同志永垂不朽！
""", "02_library.txt": _DEDICATION})
    answer = engine.ask("追悼会讲话里说郑怀远荣获过什么全国性的奖章？哪一年？")
    assert "1995年，他荣获全国五一劳动奖章" in answer.text
    assert "2023年12月24日" not in answer.text


def test_two_figures_each_with_its_year_and_place(tmp_path) -> None:
    from assistant.answer_types import counted_noun
    from assistant.compound import each_asked

    assert counted_noun("海川省今年上半年城镇新增就业是多少人?") == "城镇新增就业"
    assert each_asked("1997年和1998年临江全省的粮食总产量分别是多少？") == []
    engine = engine_of(tmp_path, {
        "01_report.txt": _REPORT,
        "02_press.txt": "海川省人社厅新闻发布会实录\n时间：2025年7月10日上午10时\n"
                        "马俊峰：上半年，全省就业形势总体稳定。城镇新增就业38.6万人，完成年度目标的64.3%。\n"})
    answer = engine.ask("青禾县2024年地区生产总值和海川省今年上半年城镇新增就业分别是多少？")
    assert "192.5亿元" in answer.text and "38.6万人" in answer.text


def test_an_event_said_with_its_verb_and_object_apart(tmp_path) -> None:
    """哪一年建校的, of 1952年带领…教师…建起了这所学校: the year is given; 退休 is never told."""
    from assistant.answer_types import split_event

    assert split_event("建校", "1952年带领十一位教师在一片荒地上建起了这所学校") == "建起了这所学校"
    assert split_event("建校", "建设，学校") == ""
    engine = engine_of(tmp_path, {"01_grad.txt": """在南岭理工大学2026届毕业典礼上的致辞
校长　周慕白
同学们：
我们学校的老校长陈启元先生，1952年带领十一位教师在一片荒地上建起了这所学校，住的是草棚，点的是油灯。
希望你们遇到挫折时想一想这些前辈。
""", "02_library.txt": _DEDICATION})
    built = engine.ask("老校长陈启元哪一年建校的？")
    assert not built.partial and "1952年" in built.text.split("\n")[0]
    assert engine.ask("陈启元哪一年退休的？").partial


def test_a_speech_with_no_date_line_says_the_latest_year_it_names(tmp_path) -> None:
    engine = engine_of(tmp_path, {"01_talk.txt": """在机关作风建设会议上的讲话
同志们：
去年我们在全区考核中拿了10面红旗。
就新一年的机关作风建设，我根据2020年的工作思路，主要和大家强调四点。
""", "02_library.txt": _DEDICATION})
    answer = engine.ask("机关作风建设会议上的讲话是哪一年的？")
    assert answer.partial and not answer.abstained and "2020年" in answer.text
    assert "没有注明时间" in answer.text


def test_two_texts_named_by_their_kinds(tmp_path) -> None:
    """县里的报告和省人社厅发布会都…: a report and a press conference, each named by what it is."""
    engine = engine_of(tmp_path, {
        "01_report.txt": _REPORT,
        "02_press.txt": "海川省人社厅新闻发布会实录\n时间：2025年7月10日上午10时\n"
                        "马俊峰：今年全省高校毕业生达到31.2万人，比去年增加1.8万人。\n",
        "03_library.txt": _DEDICATION})
    answer = engine.ask("县里的报告和省人社厅发布会都提到了就业，各自说了什么？")
    assert answer.plan["speech_candidates"] == [1, 2]


def test_one_of_a_parts_two_lists_named_by_its_lead(tmp_path) -> None:
    """存在的问题主要表现在哪几个方面, of a part listing the problems, then the remedies: the problems."""
    engine = engine_of(tmp_path, {"01_talk.txt": """在全区作风建设推进会上的讲话
一、充分认识作风建设的重要意义
作风建设关系全局。
二、正视和解决存在的问题
从当前来看，在作风建设上还存在着一些问题，主要表现在以下三个方面：
一是敬业精神不够强。二是服务意识不够强。三是进取精神不够强。
下一步要在四个方面下功夫：
一是在服务基层和群众上下功夫。要深入基层。
二是在落实责任上下功夫。要压实责任。
三是在严格教育管理上下功夫。要加强教育。
四是在加强规范化建设上下功夫。要健全制度。
""", "02_library.txt": _DEDICATION})
    problems = engine.ask("作风建设推进会上的讲话说存在的问题主要表现在哪几个方面？")
    assert "服务意识不够强" in problems.text and "落实责任" not in problems.text
    remedies = engine.ask("作风建设推进会上的讲话说下一步要在哪几个方面下功夫？")
    assert "落实责任" in remedies.text and "服务意识不够强" not in remedies.text


@pytest.mark.parametrize("question", ["政府工作报告是在第几次人代会上作的？", "报告是在哪次会议上作的？"])
def test_the_session_a_report_was_given_at(engine, question: str) -> None:
    """第几次人代会: the 人民代表大会 its subtitle line names, by session."""
    from assistant.question_words import spelled_out

    assert spelled_out("在第几次人代会上", "人民代表大会") == "在第几次人民代表大会上"
    assert spelled_out("在第几次人代会上", "没有") == "在第几次人代会上"
    answer = engine.ask(question)
    assert "第十七届人民代表大会第五次会议" in answer.text.split("\n")[0]


def test_a_year_tells_the_event_only_in_its_own_clause(tmp_path) -> None:
    """他先后担任…县团委副书记，1965年任梅溪公社党委书记: 1965 is not when he became 团委副书记."""
    engine = engine_of(tmp_path, {"01_eulogy.txt": """在郑怀远同志追悼会上的讲话
中共云峤市委书记  杜明哲
郑怀远同志1936年3月出生于桐岭县梅溪乡。他先后担任桐岭县供销合作社会计、县团委副书记，1965年任梅溪公社党委书记，1978年任桐岭县副县长。
1995年，他荣获全国五一劳动奖章。
""", "02_library.txt": _DEDICATION})
    assert engine.ask("郑怀远同志是哪一年担任桐岭县团委副书记的？").partial
    medal = engine.ask("郑怀远哪一年荣获全国五一劳动奖章？")
    assert not medal.partial and medal.text.startswith("1995年，他荣获全国五一劳动奖章")


@pytest.mark.parametrize("question", ["这份政府工作报告是谁作的？", "这次发布会是谁主持的？"])
def test_a_text_pointed_at_by_its_kind(tmp_path, question: str) -> None:
    """这份政府工作报告 / 这次发布会: a pointer before the text's name or kind, as 这篇 is."""
    engine = engine_of(tmp_path, {
        "01_report.txt": _REPORT,
        "02_press.txt": "海川省人社厅新闻发布会实录\n时间：2025年7月10日上午10时\n"
                        "主持人：省政府新闻办副主任宋佳\n"
                        "马俊峰：今年全省高校毕业生达到31.2万人。\n",
        "03_library.txt": _DEDICATION})
    answer = engine.ask(question)
    assert answer.plan["speech"] == (1 if "报告" in question else 2)
