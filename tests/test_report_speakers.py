"""Speeches laid out as papers print them, and reports of a meeting that tell what several people
said: an editor's note above the title, 第一个问题/第二个问题 paragraphs with 一要…三要 inside
one of them, a speaker line spaced with a full-width blank, a dateline report whose speakers
are told paragraph by paragraph, a list of ——dash paragraphs after a lead-in, a photo caption.
The texts are written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answer_types import fits_type
from assistant.asked_kinds import asked_type
from assistant.corpus import parse_text
from assistant.engine import Engine
from assistant.planner import COUNT
from assistant.question_grammar import BEFORE_PARTS

_CADRES = """编者按：石门县近年来坚持发展特色农业，这里刊登的是该县县委书记王大明同志的讲话。
在石门县干部大会上的讲话
石门县委书记　王大明
（２００３年３月２日）
同志们：
这次干部大会的主要任务是总结去年工作，安排今年任务。下面，我讲三个问题。
第一个问题，正确看待全县的形势。去年全县生产总值增长百分之十一，财政收入突破两亿元。
第二个问题，抓好今年的几项重点工作。今年的工作要抓好三个方面：
一要把茶叶基地做大。全县新建茶园五千亩，建成两个加工厂。
二要把县城建设抓实。年内完成东湖路改造，新建一所中学。
三要把招商引资做活。全年引进县外资金一亿元。
抓好这三个方面，资金是关键。各乡镇要多方筹集建设资金。
第三个问题，加强干部作风建设。全县开展“三查三看”活动。
要建立工作目标责任制。年终考核结果与奖惩挂钩。
要大兴调查研究之风。县级干部每年下基层不少于两个月。
同志们，任务艰巨，希望大家齐心协力，夺取今年工作的新胜利！
"""

_REPORT = """依靠科技　振兴南江
南江省召开科技大会
本报南州６月２日讯　记者林红报道：南江省科技大会今天在南州开幕，省长周正平在会上讲话，副省长孙立新作工作报告。
周正平说，过去五年全省取得重大科技成果一千二百项，科技进步对经济增长的贡献率达到百分之四十。
周正平指出，同先进省份相比，南江的科技投入还有不小差距。
周正平要求，各级政府要着力抓好四个方面的工作：
——推动企业成为创新主体。省里设立技术创新专项资金，每年安排五千万元。
——加快高新技术产业发展。重点建设南州软件园。
——推进农业科技进步。推行科技特派员制度。
——培养和引进科技人才。实施百名学科带头人计划。
周正平强调，一把手要亲自抓科技工作。
孙立新在工作报告中说，今年全省研究开发经费要增长百分之二十。
会议要求，各地会后迅速传达贯彻大会精神。
会议期间，南州市等五个单位作了交流发言。
图为周正平在会上讲话。　新华社记者　陈光摄
"""

_PLANT = """在全市安全生产会议上的讲话
副市长　赵东升
同志们：
今年以来全市安全生产形势总体平稳，但事故起数有所上升。刚才，市安监局局长马建华同志作了工作报告，我都同意。
六月五日，宏达化工公司发生一起爆炸事故，造成两人死亡。事故发生后，市里立即组织抢险。
据调查，宏达化工在未办理动火审批的情况下安排工人电焊作业，引发爆炸。
宏达化工的教训告诉我们，安全生产一刻也不能放松。各企业要开展隐患排查，对重大危险源挂牌督办。
《孙子兵法》讲：『上下同欲者胜。』大家要齐心协力，把安全生产抓紧抓实。
（原载《江城日报》２００５年６月９日）
"""

_GREETING = """在江城市春节团拜会上的讲话
市委书记　钱文彬
同志们，朋友们：
今天我们欢聚一堂，共迎新春。我代表市委讲几点意见。
首先，要肯定过去一年的成绩。全市生产总值增长百分之十。
其次，要看到面临的困难。一些企业经营困难，下岗职工还有不少。
第三，要做好新一年的工作。要抓好重点项目建设。
最后，要安排好节日期间的群众生活。要走访慰问困难群众。
祝大家新春愉快！
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root: Path = tmp_path_factory.mktemp("reports")
    (root / "cadres.txt").write_text(_CADRES, encoding="utf-8")
    (root / "science_report.txt").write_text(_REPORT, encoding="utf-8")
    (root / "plant.txt").write_text(_PLANT, encoding="utf-8")
    (root / "greeting.txt").write_text(_GREETING, encoding="utf-8")
    return Engine.load([root], use_cache=False)


def _speech(engine: Engine, title_part: str) -> int:
    return next(s.no for s in engine.corpus.speeches if title_part in s.title)


def test_an_editors_note_above_the_title_does_not_name_the_speech() -> None:
    speech = parse_text(_CADRES, "cadres.txt")[0]
    assert speech.title == "在石门县干部大会上的讲话"
    note = next(u for u in speech.units if u.text.startswith("编者按"))
    assert note.kind == "metadata"


def test_a_photo_caption_ending_with_the_photographer_is_metadata() -> None:
    speech = parse_text(_REPORT, "science_report.txt")[0]
    caption = next(u for u in speech.units if u.text.endswith("陈光摄"))
    assert caption.kind == "metadata"


@pytest.mark.parametrize("question", ["石门县干部大会上那篇讲话分成几个问题讲的?", "王大明那篇讲话分为哪几个部分?",
                                      "石门县那篇讲话的结构是怎样的?"])
def test_the_outline_is_the_outer_run_not_the_points_inside_one_part(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert "第一个问题" in answer.text and "第三个问题" in answer.text, answer.text
    assert "一要把茶叶基地做大" not in answer.text


@pytest.mark.parametrize("question", ["王大明讲今年重点工作的时候,具体要抓哪几个方面?",
                                      "石门县那篇讲到重点工作时提了哪几个方面?"])
def test_a_list_inside_the_part_the_words_name(engine: Engine, question: str) -> None:
    # The speaker line spaces office and name with a full-width blank: 王大明 still names it.
    assert engine.plan(question).speech_no == _speech(engine, "石门县")
    answer = engine.ask(question)
    assert all(x in answer.text for x in ("茶叶基地", "县城建设", "招商引资")), answer.text
    assert "第一个问题" not in answer.text


def test_a_part_says_the_points_inside_it_and_the_last_part_ends_before_the_closing(engine: Engine) -> None:
    second = engine.ask("石门县那篇讲话第二个问题讲了什么?").text
    assert "一要把茶叶基地做大" in second and "三要把招商引资做活" in second, second
    asked = engine.ask("石门县那篇讲作风建设的时候提了哪些要求?").text
    assert "目标责任制" in asked and "调查研究" in asked, asked
    assert "任务艰巨" not in asked


@pytest.mark.parametrize("question", ["石门县那篇讲话在正式讲三个问题之前,先讲了什么?",
                                      "王大明的讲话进入正题之前说了些啥?", "石门县那篇讲话前面铺垫了哪些内容?"])
def test_what_a_speech_says_before_its_parts(engine: Engine, question: str) -> None:
    plan = engine.plan(question)
    assert plan.before_parts and plan.intent == "section"
    answer = engine.ask(question)
    assert "总结去年工作" in answer.text and "生产总值" not in answer.text, answer.text


@pytest.mark.parametrize("question", ["有一篇说办公室的人以前周末都不歇,怎么说的?", "讲第三个问题之前讲的是什么?",
                                      "讲话之前举行了什么仪式?"])
def test_before_the_parts_is_read_from_the_grammar_not_from_any_before(question: str) -> None:
    assert not BEFORE_PARTS.search(question)


def test_a_report_speakers_list_after_his_lead_in(engine: Engine) -> None:
    answer = engine.ask("科技大会的报道里,周正平提了哪几方面工作?")
    assert all(x in answer.text for x in ("创新主体", "高新技术产业", "农业科技", "科技人才")), answer.text
    last = engine.ask("科技大会那篇报道,周正平提的那几方面工作,最后一个是啥?")
    assert "培养和引进科技人才" in last.text and "创新主体" not in last.text, last.text


def test_before_a_report_speakers_list_only_his_own_paragraphs(engine: Engine) -> None:
    answer = engine.ask("科技大会的报道,周正平在提出那几个方面的要求之前,先讲了些啥?")
    assert "一千二百项" in answer.text and "不小差距" in answer.text, answer.text
    assert "本报南州" not in answer.text and "推动企业" not in answer.text


def test_after_a_report_speaker_has_been_told(engine: Engine) -> None:
    answer = engine.ask("科技大会那篇报道,周正平讲话的内容报完以后,后面还交代了哪些东西?")
    assert "工作报告" in answer.text and "交流发言" in answer.text, answer.text
    assert "一把手" not in answer.text.split("之后")[-1]


def test_a_body_that_requires_is_no_speaker_and_a_meeting_name_no_person(engine: Engine) -> None:
    # 会议要求 is no speaker; 南江省科技大会 holds no person named 科技大 or the like.
    answer = engine.ask("南江省科技大会的报道里,周正平讲完以后又讲了什么?")
    assert not answer.partial, answer.text


def test_surname_and_office_name_a_report_that_names_the_person_in_its_text(engine: Engine) -> None:
    assert engine.plan("周省长在科技大会上提了几方面工作?").speech_no == _speech(engine, "依靠科技")


def test_a_name_the_speech_mentions_now_and_then_stays_a_word_to_look_for(engine: Engine) -> None:
    plan = engine.plan("宏达化工那次为什么会炸?")
    assert plan.speech_no == _speech(engine, "安全生产") and "宏达化工" not in plan.reference
    answer = engine.ask("宏达化工那次为什么会炸?")
    assert not answer.abstained and "宏达化工" in answer.text, answer.text


@pytest.mark.parametrize("question", ["哪几篇讲话引了古书里的话?", "这几篇讲话引用过哪些名言?", "讲话里引用了孙子兵法的什么话?"])
def test_asking_which_texts_quote_is_a_quote_question(question: str) -> None:
    assert asked_type(question, COUNT)[0] == "quote"


def test_corner_brackets_quote_too() -> None:
    assert fits_type("quote", "", ["《孙子兵法》讲：『上下同欲者胜。』"])
    assert not fits_type("quote", "", ["大家要齐心协力,把安全生产抓紧抓实。"])


def test_third_goes_on_with_first_and_second_not_as_an_ordinal_of_its_own(engine: Engine) -> None:
    answer = engine.ask("江城团拜会那篇讲话讲了几点?")
    assert all(x in answer.text for x in ("首先", "其次", "第三", "最后")), answer.text


@pytest.mark.parametrize(("question", "line"), [
    ("石门县那篇讲话最前面的编者按写了些什么?", "编者按"),
    ("科技大会那篇报道配的照片拍的是什么,谁拍的?", "陈光摄"),
    ("安全生产会议那篇讲话原来登在哪个报纸上?", "江城日报"),
])
def test_the_lines_of_their_own_a_question_names(engine: Engine, question: str, line: str) -> None:
    answer = engine.ask(question)
    assert line in answer.text and not answer.abstained, answer.text


def test_a_source_line_at_the_end_is_metadata() -> None:
    speech = parse_text(_PLANT, "plant.txt")[0]
    assert speech.units[-1].kind == "metadata" and "江城日报" in speech.units[-1].text


def test_an_abbreviated_meeting_names_its_speech(engine: Engine) -> None:
    # 安全会议 keeps the characters of 安全生产会议 in order.
    assert engine.plan("安全会议上赵东升讲了哪些要求?").speech_no == _speech(engine, "安全生产")


def test_a_report_given_by_someone_the_speech_only_names(engine: Engine) -> None:
    answer = engine.ask("安全生产会议上马建华局长的工作报告分了几个部分?")
    assert answer.partial and "马建华" in answer.text and "隐患排查" not in answer.text, answer.text
    # A report that does give someone's words is answered (孙立新在工作报告中说…).
    assert not engine.ask("科技大会上孙立新副省长的工作报告讲了什么?").partial


def test_a_surname_inside_a_word_of_the_question_is_no_name(engine: Engine) -> None:
    # 规范化 holds 范化 (范 is a surname); it is no one whose words are missing.
    from assistant.answer_types import SURNAMES
    from assistant.positions import silent_attendee

    speech = parse_text("标题\n本报讯　规范化、标准化工作有进展。委员会规范化建设取得成效。\n", "x.txt")[0]
    question = "提高用字规范化水平的讲话讲了什么?"
    assert silent_attendee(speech, question, SURNAMES, ["提高", "用字", "规范化", "规范", "水平"]) == ""


_HEADED = """在全县教育工作会议上的讲话
县长　林志高
一、充分认识教育的地位
教育是民族振兴的基石。全县今年新建校舍三万平方米。
二、加强领导，确保教育优先发展
各级政府要把教育摆在优先发展的战略地位。
要坚决制止中小学乱收费。
要积极支持社会力量办学。
同志们，教育事业任重道远，让我们共同努力！
"""

_COUNTED = """在全县科技大会上的讲话
县长　林志高
企业是技术创新的主体。这方面要着重抓好三件事：一是推动企业建立技术中心，到明年，重点企业都要有技术中心；二是引导企业增加研发投入；三是鼓励企业与高校开展产学研合作。
"""


def test_the_last_part_ends_before_the_closing_words_and_points_after_a_count_are_the_items(
        tmp_path: Path) -> None:
    (tmp_path / "headed.txt").write_text(_HEADED, encoding="utf-8")
    (tmp_path / "counted.txt").write_text(_COUNTED, encoding="utf-8")
    eng = Engine.load([tmp_path], use_cache=False)
    last = eng.ask("教育工作会议讲话的最后一个部分讲了哪些方面?").text
    assert "乱收费" in last and "任重道远" not in last, last
    things = eng.ask("科技大会上讲到企业技术创新,要抓哪几件事?").text
    assert "研发投入" in things and "产学研" in things, things
    assert "\n2. 到明年" not in things


def test_a_caption_is_found_without_naming_the_text(engine: Engine) -> None:
    answer = engine.ask("照片拍的是什么,谁拍的?")
    assert "陈光摄" in answer.text and answer.text.count("陈光摄") == 1, answer.text


def test_the_nth_question_that_holds_items_is_that_part_of_the_one_speech_that_has_it(engine: Engine) -> None:
    answer = engine.ask("第二个问题讲了哪几条要求?")
    assert "把茶叶基地做大" in answer.text and "把招商引资做活" in answer.text, answer.text


def test_a_game_is_no_play_whose_title_is_asked() -> None:
    assert asked_type("讲话对干部上班打游戏是什么态度?", COUNT)[0] != "title"
    assert asked_type("那出戏叫什么名字?", COUNT)[0] == "title"
