"""Details asked in everyday words: which body leads a task (哪个部门牵头), a time of day (延长到
几点), hopes said one after another in one paragraph with no numbers (希望大家…×3), speeches
numbered past a hundred (第一百篇), a figure asked of what the last answer said (具体安排了多少
钱), what a how-many question counts (多少个没出去打工的妇女), a rank (第几名), an event behind a
modal (什么时候要还清), a saying's words (校训是哪八个字), what follows a count of points (讲完四
点意见以后), two speakers by surname and office (周市长和韩书记), a clause that names another
speech, and questions the speeches cannot answer (火星上有生命吗 / 王光明今年多大年纪 / 作作作).
Texts written for these tests."""

from __future__ import annotations

import pytest
from engine_helpers import engine_of

from assistant.answer_types import asked_event, counted_noun, fits_type
from assistant.asked_kinds import CLOCK, asked_type
from assistant.enumeration import enumerations
from assistant.question_grammar import COUNT, LIST
from assistant.results import Turn
from assistant.text_helpers import chinese_numeral
from assistant.verify import check_citations

_NIGHT = """在全市文旅消费推进会上的讲话
副市长 郑晓岚
（2025年4月2日）
同志们：
发展文旅消费，是扩大内需的重要抓手。去年全市接待游客1260万人次，旅游收入达到96亿元。
一是办好特色街区。今年要新建2条历史文化街区，每条街区设置游客服务中心1处。
二是延长景区开放时间。市文物局要把主要博物馆的闭馆时间延长到晚上9点。
三是加强市场监管。市场监管、文旅、公安部门要联合执法，严厉打击欺客宰客行为。
这项工作由市文旅局牵头，各区要在5月底前报送工作方案。
全市旅游收入在全省的排名由2023年的第九位上升到第五位。
"""

_TEACHERS = """在新入职教师培训班上的讲话
教育局局长 唐雨桐
（2025年8月20日）
各位老师：
今年全县新入职教师214名，其中研究生31名。县财政今年安排教师培训专项经费180万元，用于集中培训和跟岗学习。
我给大家提三点希望。希望大家做有爱心的老师，尊重每一个孩子。希望大家做善钻研的老师，每学年至少上好两节公开课。希望大家做肯扎根的老师，主动到村小和教学点去，县里规定新教师在农村学校任教不少于三年。
去年，实验小学的周静老师带着学生走访了留守的三十多位老人，被评为市级优秀教师。她的工作室已经带出了12名骨干教师。
最后，祝大家工作顺利。
"""

_FLOOD = """在全区防汛工作会议上的讲话
区长 梁振华
（2025年5月6日）
同志们：
今年汛期来得早。围绕防汛目标，我讲三点意见。
第一，压实防汛责任。各街道主要负责同志是第一责任人。
第二，抓好隐患排查。全区31座小型水库要在5月底前全部排查一遍。
第三，做好物资储备。区应急管理局负责统筹储备编织袋8万条、冲锋舟15艘。
这里，我还要特别强调一下转移避险工作。各街道要在6月10日前完成危险区域群众转移预案的修订。
谢谢大家！
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory):
    return engine_of(tmp_path_factory.mktemp("everyday"),
                     {"01_night.txt": _NIGHT, "02_teachers.txt": _TEACHERS, "03_flood.txt": _FLOOD})


def _first_cited(answer) -> str:
    return answer.citations[0].unit.text if answer.citations else ""


@pytest.mark.parametrize("question", ["哪个部门牵头文旅消费工作？", "文旅消费工作由哪个部门牵头？"])
def test_the_body_that_leads_a_task_is_quoted_first(engine, question: str) -> None:
    answer = engine.ask(question)
    assert not answer.partial and not answer.abstained
    assert answer.text.startswith("这项工作由市文旅局牵头") and "[1]" in answer.text.split("\n")[0]
    assert "市文旅局牵头" in _first_cited(answer)


def test_a_body_named_as_doing_a_thing_is_not_said_to_be_missing(engine) -> None:
    # 市文物局要把…延长: a body said to do it, though the question asks who 负责 it.
    answer = engine.ask("哪个单位负责延长博物馆开放时间？")
    assert "没有提到" not in answer.text and "市文物局" in answer.text


def test_the_event_asked_of_a_body_is_read() -> None:
    assert asked_event("哪个部门牵头夜间经济工作？") == "牵头"
    assert asked_event("哪家机构负责巡查？") == "负责"


@pytest.mark.parametrize("question", ["博物馆闭馆时间延长到几点？", "博物馆晚上几点闭馆？"])
def test_a_time_of_day_is_asked_not_a_count_of_points(engine, question: str) -> None:
    assert not LIST.search(question)
    assert asked_type(question, COUNT) == ("date", CLOCK)
    answer = engine.ask(question)
    assert answer.plan["intent"] == "lookup"
    assert "晚上9点" in answer.text.split("\n")[0]


def test_points_of_a_speech_are_still_counted_with_ji_dian() -> None:
    assert LIST.search("梁振华讲了几点意见？") and LIST.search("一共讲了几点？")


def test_a_time_of_day_is_given_by_a_clock_time_not_by_a_count() -> None:
    assert fits_type("date", CLOCK, ["上午十时，团拜会开始。"])
    assert fits_type("date", CLOCK, ["末班车延长到22点。"])
    assert not fits_type("date", CLOCK, ["我讲三点意见。"])


def test_a_time_of_day_is_not_a_speech_date_line(engine) -> None:
    answer = engine.ask("防汛工作会议几点钟开始的？")
    assert "5月6日" not in answer.text.split("\n")[0] or answer.partial


def test_hopes_said_one_after_another_in_one_paragraph_are_a_list() -> None:
    paragraph = _TEACHERS.split("\n")[5]
    found = [e for e in enumerations(paragraph) if e.family == "announced"]
    assert len(found) == 1 and found[0].lead == "我给大家提三点希望"
    assert [label[:8] for label in found[0].labels] == ["希望大家做有爱心", "希望大家做善钻研", "希望大家做肯扎根"]


def test_sentences_that_open_alike_are_no_list_unless_the_count_says_so() -> None:
    # two 希望大家 after a count of three: not the three points
    assert not [e for e in enumerations("我提三点希望。希望大家读书。希望大家锻炼。要注意身体。") if e.family == "announced"]


@pytest.mark.parametrize("question,wanted", [
    ("唐雨桐对新教师提了哪三点希望？", ["有爱心", "善钻研", "肯扎根"]),
    ("唐雨桐的第二点希望是什么？", ["善钻研"]),
    ("新教师培训班上最后一点希望是什么？", ["肯扎根"]),
])
def test_hopes_in_one_paragraph_are_asked_as_points(engine, question: str, wanted: list[str]) -> None:
    answer = engine.ask(question)
    assert all(w in answer.text for w in wanted)
    if len(wanted) == 1:   # the one point asked, not the whole paragraph
        assert "有爱心" not in answer.text.split("\n")[0]


@pytest.mark.parametrize("text,value", [("一百", 100), ("两百", 200), ("一百零五", 105), ("一百五", 150),
                                        ("两千三", 2300), ("二十一", 21), ("十", 10), ("一九九八", 1998), ("二三百", None)])
def test_numerals_with_hundreds_and_thousands(text: str, value: int | None) -> None:
    assert chinese_numeral(text) == value


@pytest.mark.parametrize("question,number", [("第一百篇讲话讲了什么？", 100), ("第两百篇讲话讲了什么？", 200)])
def test_a_speech_numbered_past_a_hundred_is_read_as_its_number(engine, question: str, number: int) -> None:
    answer = engine.ask(question)
    assert answer.abstained and any(f"没有第{number}篇" in n for n in answer.notes)


@pytest.mark.parametrize("first,detail,wanted", [
    ("唐雨桐讲话中县财政安排了什么经费？", "具体安排了多少钱？", "180万元"),
    ("文旅消费推进会上第二项工作是什么？", "延长到几点？", "晚上9点"),
])
def test_a_figure_asked_of_what_the_last_answer_said_is_a_follow_up(engine, first: str, detail: str, wanted: str) -> None:
    previous = engine.ask(first)
    answer = engine.ask(detail, history=[Turn(first, previous)])
    assert answer.plan["follow_up"] is True
    assert wanted in answer.text.split("\n")[0] and not answer.partial


def test_a_question_with_its_own_subject_is_not_a_detail_of_the_last_answer(engine) -> None:
    first = "唐雨桐讲话中县财政安排了什么经费？"
    answer = engine.ask("全区有多少座小型水库？", history=[Turn(first, engine.ask(first))])
    assert answer.plan["follow_up"] is False


@pytest.mark.parametrize("question,noun", [
    ("让多少个没出去打工的妇女有了活干？", "妇女"),
    ("临川县有多少户人家被列为监测对象？", "人家"),
])
def test_what_a_how_many_question_counts(question: str, noun: str) -> None:
    assert counted_noun(question) == noun


def test_a_count_in_one_measure_is_answered_in_another(engine) -> None:
    answer = engine.ask("周静老师带学生走访了多少个留守的老人？")
    assert "三十多位老人" in answer.text and not answer.partial


def test_a_rank_asked_with_di_ji_ming_is_given_as_di_n_wei(engine) -> None:
    assert asked_type("旅游收入在全省排第几名？", COUNT) == ("number", "第名")
    answer = engine.ask("去年全市旅游收入在全省提升到了第几名？")
    assert "第五位" in answer.text and not answer.partial


def test_a_figure_inside_a_clause_of_when_is_not_what_is_asked() -> None:
    assert asked_type("被问到练了多少遍时，他是怎么回答的？", COUNT)[0] != "number"
    assert asked_type("练了多少遍？", COUNT)[0] == "number"


@pytest.mark.parametrize("question,event", [
    ("欠小企业的钱最晚什么时候要还清？", "还清"), ("水库什么时候能建成？", "建成"),
    ("哪天会见的？", "会见"), ("从什么时候起提高？", "提高"), ("谁要负责？", "负责")])
def test_a_modal_before_the_verb_is_not_the_event(question: str, event: str) -> None:
    assert asked_event(question) == event


@pytest.mark.parametrize("question", ["青岚职院的校训是哪八个字？", "学校的口号是哪几个字？"])
def test_a_sayings_words_are_no_list(question: str) -> None:
    assert asked_type(question, COUNT)[0] == "quote"


def test_a_count_of_points_summed_up_in_characters_is_still_a_list() -> None:
    assert LIST.search("效能建设用哪几个字概括具体要求？")


@pytest.mark.parametrize("question", ["梁振华讲完三点意见以后，又特别强调了哪项工作？",
                                      "防汛会议上讲完三点意见之后接着讲了什么？"])
def test_what_follows_a_count_of_points_follows_its_last_point(engine, question: str) -> None:
    answer = engine.ask(question)
    assert "转移避险" in answer.text.split("\n")[0]


def test_two_speakers_named_by_surname_and_office_are_two_speeches(engine) -> None:
    answer = engine.ask("郑市长和梁区长在各自讲话里都提到了哪个部门？")
    assert answer.plan.get("speech_candidates") == [1, 3]


@pytest.mark.parametrize("question,wanted", [
    # a clause that names another speech is asked of it
    ("文旅消费推进会要求各区什么时候报送方案？防汛会议要求转移预案什么时候修订完？", ("5月底前", "6月10日前")),
    # a later clause about another speech's thing (经费, the teachers' speech's) is asked of that speech
    ("文旅消费推进会上去年旅游收入多少？县财政安排的教师培训专项经费是多少？", ("96亿元", "180万元")),
])
def test_each_clause_is_asked_of_its_own_speech(engine, question: str, wanted: tuple[str, str]) -> None:
    answer = engine.ask(question)
    assert all(w in answer.text for w in wanted)


@pytest.mark.parametrize("question", ["火星上有生命吗？", "月球上有没有水？"])
def test_a_thing_the_speeches_never_name_asked_whether_it_has_something(engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.abstained or answer.partial


def test_one_character_typed_over_and_over_is_declined(engine) -> None:
    assert engine.ask("作作作作作作").abstained


@pytest.mark.parametrize("question", ["梁振华今年多大年纪？", "唐雨桐多大岁数？"])
def test_an_age_is_of_the_person_asked(engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.abstained or answer.partial


def test_a_sentence_whose_only_source_does_not_exist_is_uncited() -> None:
    report = check_citations("塔西佗陷阱是指公权力失去公信力[1]。第六篇讲话说每天要喝八杯水[7]。萧伯纳说过一句话[1]。",
                             {1: "当公权力失去公信力时,无论发表什么言论,社会都会给予负面评价。"})
    verdicts = {v.text[:4]: v for v in report.sentences}
    assert report.removed_markers == [7]
    assert verdicts["第六篇讲"].citations == [] and verdicts["第六篇讲"].supported is False
    assert verdicts["塔西佗陷"].citations == [1]


def test_a_full_name_asked_is_not_the_name_the_question_gives() -> None:
    assert not fits_type("person", "", ["村党支部书记陈大姐带我看了工坊。"], "陈大姐全名叫什么？")
    assert not fits_type("person", "", ["陈大姐说：“现在我们也能挣工资了。”"], "那位陈大姐的真名是什么？")
    assert fits_type("person", "", ["村党支部书记陈秀兰带我看了工坊。"], "陈大姐全名叫什么？")
    assert fits_type("person", "", ["村党支部书记陈大姐带我看了工坊。"], "谁带书记看的工坊？")


def test_which_company_asks_for_a_body() -> None:
    assert asked_type("他毕业后去了哪家企业工作？", COUNT)[0] == "organization"


@pytest.mark.parametrize("question", ["营商环境评价年底最终进入全省前三了吗？", "年底到底进入前三了没有？"])
def test_whether_an_aim_came_true_is_not_told_by_the_aim(engine, question: str) -> None:
    from assistant.engine import Engine

    text = ("在营商环境大会上的讲话\n市长 周明\n（2025年3月1日）\n"
            "去年我市营商环境评价由第七位上升到第四位。\n"
            "今年是关键一年。市委确定的目标是：到年底，营商环境评价进入全省前三。\n")
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as root:
        (Path(root) / "a.txt").write_text(text, encoding="utf-8")
        answer = Engine.load([Path(root)], use_cache=False).ask(question)
    assert answer.partial and answer.reason == "later"


@pytest.mark.parametrize("question", ["梁振华一共讲了几点意见？", "防汛会议上区长讲了几点意见？"])
def test_how_many_points_is_answered_first_by_the_sentence_that_says_how_many(engine, question: str) -> None:
    answer = engine.ask(question)
    assert "我讲三点意见" in answer.hits[0].unit.text
    assert "压实防汛责任" in answer.text   # the points still follow


def test_the_points_asked_for_lead_with_the_points(engine) -> None:
    answer = engine.ask("梁振华讲了哪几点意见？")
    assert "我讲三点意见" not in answer.hits[0].unit.text


def test_how_someone_was_dealt_with_later_is_not_told_by_the_event(tmp_path) -> None:
    from assistant.engine import Engine

    (tmp_path / "a.txt").write_text("在安全生产会议上的讲话\n区长 王立\n（2025年4月1日）\n"
                                    "3月5日，城西一处工地发生坍塌事故，造成2名工人受伤。调查发现，现场安全员不在岗。\n"
                                    "各单位要深刻吸取教训，对失职的安全员要依规处分，大家要引以为戒。\n", encoding="utf-8")
    answer = Engine.load([tmp_path], use_cache=False).ask("城西工地那起事故的安全员后来受到了什么处分？")
    assert answer.partial and answer.reason == "later"
