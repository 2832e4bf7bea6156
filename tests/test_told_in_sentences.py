"""What a paragraph tells sentence by sentence, and who-or-when questions the texts only seem to
answer: a list asked for that no list of the speech holds (the paragraph the words find is read
on), a role whose holder is never named (a name beside another role is another's), an event
asked in a split verb (哪天闭的幕). The texts are written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.engine import Engine

_GREETING = """携手共进　迎接新年
——一九九八年新年贺词
陈海平
一九九七年是极不平凡的一年。我国恢复对澳南港行使主权，实现了几代人的夙愿。不久前召开的全省党代会，对今后五年的工作作出了全面部署。全省粮食总产创历史最高水平，达到三千二百万吨。省里还成功举办了第八届省运会，展示了全省人民的精神风貌。
新的一年，让我们团结一心，共同创造更加美好的明天。
"""

_REPORT = """全省安全生产工作会议在长宁召开
本报长宁一月八日电　全省安全生产工作会议今天在长宁召开。副省长林卫国出席会议并讲话。
林卫国说，去年全省发生了几起重大事故，其中华兴化工厂爆炸事故造成四人死亡，教训极其深刻。
他说，企业法定代表人要对本单位安全生产全面负责，必须做到安全投入到位、安全培训到位。
对华兴化工厂爆炸事故，省政府已成立由省安监局局长赵明远任组长的调查组，尽快查明原因。
会议由省政府副秘书长周立民主持。
"""

_MEMORIAL = """缅怀刘正平同志
刘正平同志一生俭朴，从不搞特殊化。他把自己积蓄的三万元和文集的稿费，全部捐给了家乡的一所中学。
今天上午，一千多名各界群众来到纪念馆，参加了纪念会。
"""

_ESSAY = """谈谈戏曲院团的困境
何文江
当前，不少戏曲院团陷入了一种怪圈：排新戏要贷款，演出越多亏损越多，干脆不演反而省心。我把这种现象称为“舞台失血症”。
要走出困境，关键在于出好戏、出人才。院团改革要在稳、准、实上下功夫。稳，就是不折腾、不冒进；准，就是找准观众的口味；实，就是多下基层演出。
今天的座谈会是一次务实的会，也是一次鼓劲的会。
最后，给大家拜个早年！
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root: Path = tmp_path_factory.mktemp("told")
    for name, text in {"greeting": _GREETING, "report": _REPORT, "memorial": _MEMORIAL, "essay": _ESSAY}.items():
        (root / f"{name}.txt").write_text(text, encoding="utf-8")
    return Engine.load([root], use_cache=False)


@pytest.mark.parametrize("question", [
    "新年贺词回顾一九九七年，列举了哪几件大事?",
    "陈海平的贺词里回顾一九九七年提到了哪些大事?",
])
def test_a_list_told_sentence_by_sentence_is_read_on(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert not answer.abstained and not answer.partial, answer.text
    for thing in ("澳南港", "党代会", "粮食总产", "省运会"):
        assert thing in answer.text, answer.text


@pytest.mark.parametrize(("question", "role"), [
    ("华兴化工厂的法定代表人叫什么名字?", "法定代表人"),
    ("华兴化工厂的法定代表人是谁?", "法定代表人"),
])
def test_a_name_beside_another_role_does_not_answer(engine: Engine, question: str, role: str) -> None:
    answer = engine.ask(question)
    assert answer.partial and not answer.abstained, answer.text
    assert f"「{role}」" in answer.text, answer.text


def test_a_role_the_texts_fill_is_answered(engine: Engine) -> None:
    answer = engine.ask("华兴化工厂事故调查组的组长是谁?")
    assert not answer.partial and not answer.abstained, answer.text
    assert "赵明远" in answer.sentences[0].text, answer.text


@pytest.mark.parametrize("question", ["安全生产工作会议哪天闭的幕?", "安全生产工作会议是哪天闭幕的?"])
def test_an_event_the_texts_never_tell_is_not_dated_by_another(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.partial or answer.abstained, answer.text


def test_the_event_the_texts_tell_is_dated(engine: Engine) -> None:
    answer = engine.ask("安全生产工作会议是哪天召开的?")
    assert not answer.partial and not answer.abstained, answer.text
    assert "一月八日" in answer.text, answer.text


def test_a_figure_is_of_the_thing_it_stands_by(engine: Engine) -> None:
    fee = engine.ask("刘正平文集的稿费一共有多少钱?")   # 三万元 is the savings; 一所 the school
    assert fee.partial and "稿费" in fee.text, fee.text
    savings = engine.ask("刘正平捐了多少积蓄?")
    assert not savings.partial and "三万元" in savings.sentences[0].text, savings.text
    people = engine.ask("纪念会来了多少群众?")   # 一千多名各界群众: a measure and a modifier between
    assert not people.partial and "一千多名" in people.text, people.text


@pytest.mark.parametrize("question", ["那个农夫拼命跑圈的故事是要提醒大家什么", "托尔斯泰讲的那个农夫的故事，是想警示干部什么?"])
def test_what_a_story_is_told_for_is_its_lesson(question: str) -> None:
    answer = Engine.load(use_cache=False).ask(question)   # the shipped speeches
    assert "往回跑" in answer.text, answer.text


def test_the_name_given_next_to_what_it_names_answers(engine: Engine) -> None:
    answer = engine.ask("何文江说戏曲院团演出越多亏损越多，他给这毛病起了个什么名儿?")
    assert not answer.partial and "舞台失血症" in answer.text, answer.text


def test_what_besides_sets_aside_names_no_part(engine: Engine) -> None:
    plan = engine.plan("谈戏曲院团困境那篇的结尾，除了给座谈会定性，还说了什么?")
    assert plan.nth_item == -1 and not plan.section, plan


def test_an_ending_greeting_comes_with_the_last_words_before_it(engine: Engine) -> None:
    answer = engine.ask("谈戏曲院团困境那篇最后是怎么收尾的?")
    assert "鼓劲" in answer.text and "拜个早年" in answer.text, answer.text
    one = engine.ask("谈戏曲院团困境那篇的最后一段是什么?")   # one paragraph asked: one given
    assert "拜个早年" in one.text and "鼓劲" not in one.text, one.text


def test_parts_told_one_by_one_define_the_term(engine: Engine) -> None:
    answer = engine.ask("何文江说的稳、准、实分别是什么意思?")   # 稳,就是…;准,就是…: unquoted
    assert not answer.partial, answer.text
    for said in ("不折腾", "观众的口味", "基层演出"):
        assert said in answer.text, answer.text
