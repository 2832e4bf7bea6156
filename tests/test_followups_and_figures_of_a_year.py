"""What new users found: a follow-up that only names another speech (那第一篇呢) asks the question
before of that speech; 最后提的那条 is the last point; 去年…多少 is answered by the sentence said
of last year before a plan that names none; 什么时候开工 is not answered by a completion date; an
action tag ([@click=…]) pasted before a question is markup; a question whose own words the
speeches never say is declined though a character of it is found inside other words (火星上有水吗);
一共有几篇讲话 says how many. Texts written for these tests."""

from __future__ import annotations

import pytest

from assistant.engine import Engine
from assistant.results import Turn

_IRRIGATION = """在全县冬春农田水利建设动员会上的讲话
县长　田向东
（2025年11月6日）
同志们：
今天召开全县冬春农田水利建设动员会，主要任务是总结去年工作，部署今冬明春的农田水利建设。
过去一年，全县农田水利建设取得了明显成效。全年共完成水利投资3.1亿元，新建和改造灌溉渠道152公里。
下面我讲三点意见。
要把思想统一到县委的决策部署上来。各乡镇党政主要负责同志要亲自抓、负总责，绝不能等靠要。
要集中力量抓好重点工程建设。今冬明春全县计划完成水利投资3.6亿元，重点实施青龙水库除险加固工程。各项工程务必在明年4月底前完工，确保不误春耕。
要切实管好用好建成的工程设施。每座水库都要明确管护人员，县财政每年安排管护经费500万元。全县要组建不少于20支、总人数达到800人的抗旱服务队。对举报私占水利设施的，经查属实给予最高2000元奖励。年底前要建成县级智慧水利平台。
同志们，让我们撸起袖子加油干，为农业丰收打下坚实基础！
"""

_TOURISM = """在全县文化旅游发展大会上的讲话
副县长　苏曼青（2025年3月18日）
同志们：
今天召开全县文化旅游发展大会，部署今年的文化旅游工作。
下面，我讲四个方面的意见。
一、提升景区品质
今年要完成白鹭湖景区提升改造，新建游客服务中心一处，年底前创成国家4A级旅游景区。
二、丰富文旅业态
要培育乡村民宿200家，打造夜间文旅消费街区两条。
三、做强文旅品牌
要办好第三届白鹭湖文化旅游节，全年接待游客突破600万人次。
四、优化服务环境
要开展旅游市场秩序专项整治，畅通游客投诉渠道，做到投诉24小时内办结。
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root = tmp_path_factory.mktemp("round25")
    (root / "a_water.txt").write_text(_IRRIGATION, encoding="utf-8")
    (root / "b_tourism.txt").write_text(_TOURISM, encoding="utf-8")
    return Engine.load([root], use_cache=False)


@pytest.mark.parametrize("first, second, said", [("第二篇讲话的最后一点是什么", "那第一篇呢", "管好用好建成的工程设施"),
                                                 ("第一篇讲话的最后一点是什么", "第二篇的呢?", "优化服务环境")])
def test_a_follow_up_naming_only_another_speech_asks_the_question_before_of_it(
        engine: Engine, first: str, second: str, said: str) -> None:
    before = engine.ask(first)
    answer = engine.ask(second, history=[Turn(first, before)])
    assert said in answer.text, answer.text
    assert answer.plan and answer.plan["follow_up"] is True


def test_a_follow_up_that_asks_more_is_no_swap(engine: Engine) -> None:
    first = "第二篇讲话的最后一点是什么"
    answer = engine.ask("那第一篇讲了几点意见?", history=[Turn(first, engine.ask(first))])
    assert "管好用好" in answer.text and "优化服务环境" not in answer.text, answer.text


@pytest.mark.parametrize("question", ["县长最后提的那条要求讲的啥?", "田向东最后讲的那一点是什么?"])
def test_the_last_one_said_before_its_noun(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert "管好用好建成的工程设施" in answer.text.split("[")[0], answer.text
    assert "下面我讲三点意见" not in answer.text, answer.text


@pytest.mark.parametrize("question, figure", [("去年水利投资多少钱?", "3.1亿元"), ("去年全县在水利上投了多少钱?", "3.1亿元")])
def test_last_years_figure_comes_before_a_plan_that_names_no_year(engine: Engine, question: str, figure: str) -> None:
    answer = engine.ask(question)
    assert figure in answer.text.split("[")[0], answer.text


def test_when_work_starts_is_not_answered_by_when_it_ends(engine: Engine) -> None:
    answer = engine.ask("青龙水库除险加固工程什么时候开工?")
    assert answer.partial or answer.abstained, answer.text
    assert "开工" in answer.text.split("\n")[0], answer.text
    done = engine.ask("青龙水库除险加固工程什么时候完工?")
    assert "4月底前完工" in done.text and not done.partial, done.text


@pytest.mark.parametrize("tag", ["[@click=app.quit]", "[bold]", "[@click=app.bell('x')]"])
def test_markup_and_action_tags_before_a_question_are_not_searched(engine: Engine, tag: str) -> None:
    plain = engine.ask("第二篇讲了什么")
    tagged = engine.ask(tag + "第二篇讲了什么")
    assert tagged.text == plain.text and "提升景区品质" in tagged.text, tagged.text


@pytest.mark.parametrize("question", ["火星上有水吗?", "冥王星上有冰吗?"])
def test_a_question_whose_own_words_are_never_said_is_declined(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.abstained, answer.text


def test_how_many_speeches_is_said(engine: Engine) -> None:
    answer = engine.ask("一共有几篇讲话?")
    assert answer.text.startswith("共2篇讲话"), answer.text


@pytest.mark.parametrize("question", ["抗旱服务队总人数达到多少?", "抗旱服务队的总人数是多少?"])
def test_a_figure_said_before_whose_it_is(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert not answer.partial and "800人" in answer.text.split("[")[0], answer.text


@pytest.mark.parametrize("question", ["智慧水利平台总共要投资多少钱?", "智慧水利平台要投资多少钱?"])
def test_money_asked_for_a_thing_is_its_own_not_a_reward_beside_it(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.partial or answer.abstained, answer.text


@pytest.mark.parametrize("question", ["第三部分列了哪些落实措施?", "第二部分有哪些保障措施?", "第三部分提出了哪些重点任务?"])
def test_measures_with_a_word_before_them_ask_for_a_parts_items(engine: Engine, question: str) -> None:
    assert engine.plan(question).items_of_nth, question


@pytest.mark.parametrize("question", ["苏曼青讲了什么?", "苏曼青那篇提了哪几个方面?"])
def test_a_speaker_line_with_its_date_after_the_name_names_the_speech(engine: Engine, question: str) -> None:
    plan = engine.plan(question)
    assert plan.speech_no is not None and "文化旅游" in engine.speech_title(plan.speech_no), plan

