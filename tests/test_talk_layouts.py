"""Layouts of talks and reports the parser and planner must read without headings made for
them: a lecture whose topics open with 先谈/再谈/最后谈 after the opening names them, a list
the speaker names after giving it (…我们管这叫“三步工作法”), closing paragraphs that open with
the same word, a report whose one-paragraph parts and uncounted problem lists (存在的问题:A…;
B…;C…) are asked about, and figures or dates of things the texts only mention.
The texts are written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answer_types import counted_noun, counted_owner, event_variants
from assistant.corpus import parse_text
from assistant.engine import Engine
from assistant.enumeration import enumerations, paragraph_enumerations
from assistant.question_words import spelled_out

_LECTURE = """怎样当好一名村干部
——在江北县村干部培训班上的讲座
江北县委副书记　吴德明
各位学员：
很高兴和大家见面。今天我想和大家谈三个话题：一是怎样了解村情，二是怎样带领群众致富，三是怎样守住底线。
先谈怎样了解村情。了解村情要靠脚板，不能靠报表。我刚到乡里工作时，老支书带我走遍了全乡十二个村。
了解村情还要多听群众说话。要坐到群众的炕头上，听他们说心里话。
再谈怎样带领群众致富。致富要找准产业，不能一哄而上。前几年有的村跟风种药材，结果卖不出去。
那么产业怎么选呢？我给大家一个办法，就是走三步。第一步，算清本村的资源账；第二步，请专家来论证；第三步，先搞示范再推开。这几步环环相扣，哪一步都不能少。我们管这叫“三步工作法”。
带领致富还要把集体经济搞起来。村里有了钱，办事才有底气。
最后谈怎样守住底线。村干部手里也有权，要守住廉洁这条底线。去年全县查处村干部违纪问题九起。
希望大家把学到的东西用到工作中去，边学边干。
希望大家互相交流，取长补短。
希望各乡镇党委关心村干部的成长，帮他们解决实际困难。
"""

_REPORT = """在江北县经济工作会议上的讲话
江北县人民政府县长　郑国华
同志们：
一、今年工作回顾
（一）工业经济稳中有进。全年规模以上工业增加值增长百分之九。
（二）重点项目进展顺利。全年实施重点项目三十个，总投资五十亿元。东港码头即将建成，城南大道全线贯通。
二、明年工作安排
（一）抓好招商引资。全年引进亿元以上项目十个。
（二）抓好民生实事。新建县图书馆，改造农村公路二百公里。
三、关于脱贫巩固工作
今年全县脱贫成果持续巩固。全县没有发生一户返贫。驻村工作队全部留任，帮扶政策保持稳定。下一步要落实防返贫监测，做到早发现、早干预。
四、存在的困难
在看到成绩的同时，也要看到存在的问题：财政收支矛盾突出，刚性支出压力大；产业层次偏低，缺少龙头企业；农村基础设施欠账多，维护资金不足。这些问题要在明年下功夫解决。
同志们，让我们共同努力，完成明年的各项任务！
"""

_ZONE = """在江北开发区建设座谈会上的发言
江北开发区管委会主任　孙立明
江北开发区二〇〇九年升格为省级开发区，现有企业一百二十家。
县委出台了招商引资实施细则，对引进项目的单位给予奖励。
开发区附近新建了一座职工图书馆，方便职工读书学习。
"""


def _load(root: Path, **texts: str) -> Engine:
    """An engine over the texts given (file name without .txt → text)."""
    for name, text in texts.items():
        (root / f"{name}.txt").write_text(text, encoding="utf-8")
    return Engine.load([root], use_cache=False)


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return _load(tmp_path_factory.mktemp("talks"), lecture=_LECTURE, report=_REPORT, zone=_ZONE)


def test_talk_topics_opening_with_xian_zai_zuihou_form_one_run() -> None:
    speech = parse_text(_LECTURE, "lecture.txt")[0]
    runs = paragraph_enumerations(speech.units)
    assert [[u.text[:2] for u in run] for _, run in runs] == [["先谈", "再谈", "最后"]]


def test_zai_shuo_with_a_comma_is_moreover_not_a_topic() -> None:
    found = enumerations("先说一件事。再说，这件事也不难。")
    assert not any(e.family == "spoken" for e in found)


@pytest.mark.parametrize("question", ["吴德明那次讲座分了几个部分?", "村干部培训班上的讲座谈了哪几个话题?",
                                      "讲座的结构是怎样的?"])
def test_the_talks_outline_is_its_topics(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert "先谈怎样了解村情" in answer.text and "最后谈怎样守住底线" in answer.text, answer.text


@pytest.mark.parametrize("question", ["讲座里“带领群众致富”这个话题下面讲了哪几层意思?",
                                      "吴德明讲带领群众致富那部分说了些什么?"])
def test_a_topic_named_by_its_words_is_that_topics_paragraphs(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert "致富要找准产业" in answer.text and "集体经济" in answer.text, answer.text
    assert "守住廉洁" not in answer.text


@pytest.mark.parametrize("question", ["“三步工作法”是哪三步?", "吴德明说的三步工作法具体指什么?"])
def test_a_list_named_after_it_is_given_is_what_the_name_holds(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert "算清本村的资源账" in answer.text and "先搞示范再推开" in answer.text, answer.text
    assert "三步工作法" in answer.text.splitlines()[0]


@pytest.mark.parametrize("question", ["讲座最后几段用“希望”开头的，分别讲了什么?", "以希望开头的那几段各说了啥?"])
def test_paragraphs_opening_with_a_word_are_listed(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert "共3段" in answer.text, answer.text
    assert "关心村干部的成长" in answer.text


@pytest.mark.parametrize("question", ["“重点项目进展顺利”这一条放在哪个部分下面?", "抓好民生实事属于第几部分?"])
def test_the_part_holding_a_passage_is_named_and_numbered(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    first = answer.text.splitlines()[0]
    assert ("第1部分「一、今年工作回顾」" in first) != ("第2部分「二、明年工作安排」" in first), answer.text
    assert answer.citations[0].unit.kind == "heading"


def test_asking_what_comes_after_a_part_is_not_asking_where_it_stands(engine: Engine) -> None:
    answer = engine.ask("江北县经济工作会议讲完今年工作回顾之后，接着讲的是哪一块?")
    assert "放在" not in answer.text and "下[" not in answer.text.splitlines()[0]


def test_a_part_of_one_paragraph_is_quoted_whole(engine: Engine) -> None:
    answer = engine.ask("郑国华讲话中关于脱贫巩固工作那一块都讲了些什么?")
    assert "防返贫监测" in answer.text, answer.text   # the paragraph's last sentence
    assert answer.hits[0].unit.kind == "paragraph"


@pytest.mark.parametrize("question", ["郑国华讲话里“存在的困难”那块一共列了几个问题?", "江北县经济工作会议讲话说存在哪几个问题?"])
def test_an_uncounted_list_after_a_colon_is_counted(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert "三个问题" in answer.text.splitlines()[0], answer.text
    assert "财政收支矛盾突出" in answer.text and "农村基础设施欠账多" in answer.text


def test_a_figure_of_another_thing_does_not_answer_for_the_thing_named(engine: Engine) -> None:
    answer = engine.ask("郑国华讲话里提到的东港码头，总投资是多少?")
    assert answer.partial and "东港码头" in answer.text.splitlines()[0], answer.text


def test_a_verb_with_its_result_is_told_by_the_texts_own_result(engine: Engine) -> None:
    answer = engine.ask("江北开发区是哪一年升成省级的?")
    assert not answer.partial and not answer.abstained
    assert "二〇〇九年" in answer.text


def test_an_event_the_text_never_tells_is_not_answered_by_another_event(engine: Engine) -> None:
    answer = engine.ask("孙立明发言里说的职工图书馆是哪一年建成的?")
    assert answer.partial or answer.abstained, answer.text


@pytest.mark.parametrize("question", ["招商引资实施细则一共有几条?", "县委出台的招商引资实施细则有哪几条?"])
def test_the_articles_of_a_document_only_named_are_not_given(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.partial and answer.reason == "content", answer.text


def test_the_plan_reads_a_part_named_by_what_it_speaks_of(engine: Engine) -> None:
    assert engine.plan("吴德明讲守住底线那部分说了什么").section == "守住底线"
    assert engine.plan("郑国华讲话里讲民生的那块有几项").section == "民生"


def test_whose_figure_a_question_asks() -> None:
    question = "讲话里提到的东港码头，总投资是多少"
    assert counted_owner(question, counted_noun(question)) == "东港码头"
    assert counted_owner("东港码头的总投资是多少", "总投资") == "东港码头"
    assert counted_owner("山西去年实际利用外资是多少", counted_noun("山西去年实际利用外资是多少")) == ""


def test_a_result_verb_is_loose_only_when_asked() -> None:
    assert event_variants("升成") == ("升成",)
    assert event_variants("升成", loose=True) == ("升成", "升")
    assert event_variants("主持", loose=True) == ("主持",)


def test_an_acronym_is_read_as_the_words_speeches_use() -> None:
    assert spelled_out("明年GDP增长多少") == "明年生产总值增长多少"
    assert spelled_out("ＧＤＰ和cpi呢") == "生产总值和居民消费价格呢"
    assert spelled_out("GDPR是什么") == "GDPR是什么"   # (part of another word: left alone)
    # Where the speeches never say 生产总值, GDP stays: a term they do not use, said so.
    assert spelled_out("GDP增长多少", corpus_text="全市财政收入增长百分之十") == "GDP增长多少"


def test_a_question_with_an_acronym_finds_the_figure_and_keeps_its_wording(engine: Engine) -> None:
    answer = engine.ask("郑国华讲话里全年的工业增加值和GDP各增长多少?")
    assert answer.question.endswith("GDP各增长多少?")


@pytest.mark.parametrize("question, ordinals", [("讲座倒数两段分别说了啥?", (-2, -1)), ("讲座开头两段讲了什么?", (1, 2)),
                                                ("郑国华讲话最后三句是什么?", (-3, -2, -1))])
def test_several_positions_at_one_edge_are_each_asked(engine: Engine, question: str, ordinals: tuple[int, ...]) -> None:
    plan = engine.plan(question)
    assert (plan.nth_item, *plan.more_nth) == ordinals


def test_the_last_two_paragraphs_are_both_answered(engine: Engine) -> None:
    answer = engine.ask("吴德明那次讲座倒数两段分别说了啥?")
    assert "互相交流" in answer.text and "关心村干部的成长" in answer.text, answer.text
    assert "用到工作中去" not in answer.text


def test_how_many_ways_to_do_something_asks_for_the_list(engine: Engine) -> None:
    assert engine.plan("吴德明给了几招来选产业?").wants_list
    assert not engine.plan("有几个来自农村的学员?").wants_list


_PRICES = """当前物价形势和今年的任务
国家计委副主任　林文广
１９９７年，全国商品零售价格比上年上涨百分之一点二。其中十一、十二月份商品零售价格同比涨幅为百分之零点四和百分之零点六。
今年经济将保持较快增长，预计国内生产总值增长百分之八，物价将保持稳定。
会议表彰了物价工作先进单位，东山县、南湖县等十二个县受到表彰。
我国话剧史上的优秀作品，无不是艺术性和思想性的统一，田汉、老舍的优秀作品都是这样。
全国物价工作会议１月１０日在北京召开。会议部署了今年的物价工作。
今年要完善价格听证会制度，重要商品调价前先听取群众意见。
"""


@pytest.fixture(scope="module")
def prices(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return _load(tmp_path_factory.mktemp("prices"), prices=_PRICES)


def test_a_figure_in_a_sentence_under_another_years_lead_is_that_years(prices: Engine) -> None:
    # 其中十一、十二月份…: no year of its own, the 1997 before it in the paragraph.
    answer = prices.ask("林文广说１９９８年商品零售价格涨幅会控制在多少?")
    assert answer.partial, answer.text


def test_a_percentage_of_another_thing_does_not_answer(prices: Engine) -> None:
    assert counted_noun("林文广预计今年物价涨幅控制在百分之几").endswith("物价涨幅")
    answer = prices.ask("林文广预计１９９８年物价涨幅具体控制在百分之几?")
    assert answer.partial and "物价涨幅" in answer.text.splitlines()[0], answer.text


def test_the_others_of_a_list_named_only_in_part_are_not_given(prices: Engine) -> None:
    answer = prices.ask("受表彰的十二个县，除了东山、南湖，还有哪几个?")
    assert answer.partial and answer.reason == "content", answer.text
    assert "东山县、南湖县" in answer.text.splitlines()[0]


def test_which_work_asks_for_a_title_the_text_must_give(prices: Engine) -> None:
    answer = prices.ask("林文广提到老舍的优秀作品，具体举的是哪一部?")
    assert answer.partial and answer.reason in ("answer_type:title", "content"), answer.text


def test_where_a_meeting_was_held_is_told_by_the_sentence_that_holds_it(prices: Engine) -> None:
    held = prices.ask("全国物价工作会议是在哪个城市召开的?")
    assert not held.partial and "北京" in held.text, held.text
    never = prices.ask("林文广说的价格听证会是在什么地方举行的?")
    assert never.partial and never.reason.startswith(("answer_type:place", "event_absent")), never.text


_UNITED = """统战部举行迎春联谊会
本报北京１月１７日讯　记者李明报道：统战部今天在京举行迎春联谊会。
王建华在会上讲话。他说，过去一年党外人士作出了很大贡献。
王建华指出，在新的一年里，统战部将继续贯彻党的政策，努力为党外人士发挥作用搭建平台；还将加强同党外人士的联系，广交朋友；仍将为党外人士排忧解难，帮助解决实际困难。
联谊会由副部长刘红主持。
"""


def test_an_unmarked_list_between_semicolons_answers_a_list_question(tmp_path: Path) -> None:
    engine = _load(tmp_path, lecture=_LECTURE, report=_REPORT, zone=_ZONE, united=_UNITED)
    answer = engine.ask("王建华说统战部在新的一年里要做哪几件事?")
    lines = answer.text.splitlines()
    assert lines[0].startswith("共三件"), answer.text
    assert "搭建平台" in lines[1] and "广交朋友" in lines[2] and "排忧解难" in lines[3]


def test_a_clause_about_the_things_just_listed_is_answered_from_them(engine: Engine) -> None:
    answer = engine.ask("吴德明说选产业要走哪三步?这三步是什么关系?")
    assert "算清本村的资源账" in answer.text and "环环相扣" in answer.text, answer.text
    assert not answer.partial


def test_a_comma_parts_two_questions_only_when_the_second_asks_from_its_start() -> None:
    from assistant.compound import clauses
    assert clauses("纪念座谈会在哪开的，谁主持？") == ["纪念座谈会在哪开的？", "谁主持？"]
    assert len(clauses("“京剧如何发展”研讨会的发言摘要，头一个发言的是谁？")) == 1
    assert len(clauses("第二篇讲话，讲了哪几点")) == 1


def test_a_quoted_run_of_as_many_things_as_asked_is_the_list(tmp_path: Path) -> None:
    text = ("在全省宣传工作会议上的讲话\n"
            "做好宣传工作，必须把握好这样几点：一是坚持正确导向，二是服务工作大局，三是贴近实际生活。\n"
            "要按照“政治强、业务精、作风正”的要求，努力造就一支高素质的宣传干部队伍。\n")
    engine = _load(tmp_path, talk=text, lecture=_LECTURE, report=_REPORT)
    answer = engine.ask("对宣传干部队伍提的是哪三条标准?")
    assert "政治强" in answer.text and "作风正" in answer.text and "坚持正确导向" not in answer.text, answer.text


def test_what_follows_an_item_is_after_its_own_paragraphs(tmp_path: Path) -> None:
    text = ("在全市机关建设会议上的讲话\n一、今后的重点\n（一）突出思想建设，提高学习能力。要组织干部读书，每年读书不少于十本。\n"
            "以学习开阔眼界。要学习经济、文史、科技等方面的知识。\n（二）突出效能建设，提高办事效率。要压缩办事时限。\n"
            "（三）突出和谐建设，营造良好氛围。要加强处室团结。\n同志们，让我们共同努力！\n")
    engine = _load(tmp_path, office=text, report=_REPORT)
    answer = engine.ask("机关建设会议那篇讲完思想建设以后，紧接着讲了什么?")
    assert "突出效能建设" in answer.text and "以学习开阔眼界" not in answer.text, answer.text


def test_this_year_in_a_dated_speech_is_the_speech_year(tmp_path: Path) -> None:
    text = ("在东方化工集团２０１３年工作会议上的讲话\n"
            "今年集团工作的总体要求是：确保完成营业收入三百亿元、利润总额十五亿元的目标。\n"
            "过去的一年，集团上下团结一心，全年实现利润总额十四亿元，比去年增长百分之五。\n"
            "２０１２年，集团烧碱产量达到一百一十二万吨，创历史新高。\n")
    engine = _load(tmp_path, company=text, report=_REPORT)
    answer = engine.ask("东方化工集团2012年利润总额是多少?")
    assert answer.text.startswith("过去的一年"), answer.text
    # 今年 in the question: the speech's year, 2013; the 2012 output does not answer it.
    assert engine.ask("东方化工集团今年烧碱产量是多少万吨?").partial


def test_a_words_of_the_question_that_name_no_term_do_not_head_a_list(engine: Engine) -> None:
    answer = engine.ask("吴德明说选产业，概括起来要走哪几步?")
    assert not answer.text.startswith("「"), answer.text


def test_a_list_inside_a_paragraph_the_words_name_beats_the_list_around_it(tmp_path: Path) -> None:
    text = ("在全市作风建设会议上的讲话\n一、充分认识作风建设的重要意义\n"
            "第一，作风建设是推动发展的现实需要。要把作风建设放在突出位置。\n"
            "第二，作风建设是促进和谐的现实需要。群众对作风问题反映强烈。\n"
            "在这次市人代会上，市长王光明提出了他最近思考的三个问题，一是产业转型升级问题；二是人才引进问题；三是老城改造问题。\n"
            "第三，作风建设是提高素质的现实需要。干部能力有待提高。\n")
    engine = _load(tmp_path, style=text, report=_REPORT)
    answer = engine.ask("作风建设会议那篇里王光明市长在人代会上提出思考的几个问题都是什么?")
    assert "人才引进问题" in answer.text and "现实需要" not in answer.text, answer.text


_SPRING = """全省春季农业生产工作会议召开
本报南州3月5日讯　记者陈新报道：全省春季农业生产工作会议今天召开。省委副书记赵国强、副省长刘慧出席会议并讲话。
赵国强在讲话中指出，去年全省粮食总产量创历史新高。他强调，稳定粮食生产是头等大事。
赵国强要求，各地要压实粮食安全责任，确保播种面积只增不减。
刘慧在讲话中就做好春耕备耕工作作了具体部署。她说，各级农业部门要组织技术人员深入田间，开展技术指导。
刘慧强调，要做好防灾减灾工作，提前制定应对倒春寒的预案。
赵国强最后强调，各级党委政府要把春耕生产作为中心工作。
"""


def test_a_report_tells_each_speakers_paragraphs_apart(tmp_path: Path) -> None:
    engine = _load(tmp_path, spring=_SPRING, report=_REPORT)
    zhao = engine.ask("赵国强提了哪些要求?")
    assert "刘慧" not in zhao.text and "把春耕生产作为中心工作" in zhao.text, zhao.text
    liu = engine.ask("刘慧讲了什么?")
    assert "开展技术指导" in liu.text, liu.text   # (her lead goes on into what she said)


_CPPCC = """在政协南江省第七届委员会常务委员会第九次会议上的讲话
李文华
（一九九八年一月十六日）
各位委员、同志们：
省政协八届一次会议定于今年一月下旬召开。要认真做好换届工作。
今年上半年要举办两期委员学习研讨班。
到２０００年，全省研究与开发经费要力争达到生产总值的１．５％。
团拜会上，首都文艺工作者表演了歌舞、京剧等精彩节目。
许明同志一九二九年参加革命，一生勤勤恳恳，为党和人民做了大量工作。
全省政协委员提出的建议，已被省委、省政府采纳三十多条。
"""


@pytest.fixture(scope="module")
def cppcc(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return _load(tmp_path_factory.mktemp("cppcc"), cppcc=_CPPCC, report=_REPORT)


@pytest.mark.parametrize("question", [
    "南江省政协七届五次会议是哪天开的?",          # another session's date, and no day
    "上半年那两期委员学习研讨班，具体是哪几天办的?",  # a season, not a day
    "团拜会上演节目的都有哪些演员?",               # no performer is named
    "研发投入要力争达到１．５％，后来到底达到了没有?",  # what came of a target
    "许明老家是哪里的?",                          # the thing asked is never spoken of
    "许明出生在什么地方?",                        # the event is never told
])
def test_what_the_text_does_not_give_is_answered_partially(cppcc: Engine, question: str) -> None:
    answer = cppcc.ask(question)
    assert answer.partial or answer.abstained, answer.text


def test_a_target_that_was_met_is_told(cppcc: Engine) -> None:
    answer = cppcc.ask("政协委员提的建议，后来省里采纳了没有?")
    assert not answer.partial and "采纳三十多条" in answer.text, answer.text


def test_a_list_after_the_term_asked_about_is_counted(engine: Engine) -> None:
    # 存在的问题: A;B;C — named by the question's term, counted by 哪几条.
    answer = engine.ask("郑国华讲话里说的存在的问题，具体列了哪几条?")
    assert "财政收支矛盾突出" in answer.text and "农村基础设施欠账多" in answer.text, answer.text


def test_the_big_question_a_passage_stands_under(engine: Engine) -> None:
    answer = engine.ask("“抓好民生实事”这条，是放在哪个大问题底下的?")
    assert "二、明年工作安排" in answer.text.splitlines()[0], answer.text
