"""Abstention by evidence: an answer that names the subject but not what is asked is partial."""

from __future__ import annotations

import pytest

from assistant import sufficiency as su
from assistant import text_analysis as ta
from assistant.engine import Engine


@pytest.mark.parametrize(("kind", "unit", "text", "fits"), [
    ("date", "", "党中央、国务院从2006年7月起,批准分步实施规范公务员津贴", True),
    ("date", "", "很多人出事都是出在侥幸心理上", False),
    ("number", "公里", "全长三十二公里", True),
    ("number", "公里", "二是氛围好,省委、省政府对南通发展寄予厚望", False),
    ("number", "", "用三年时间逐步消除部门之间的差距", True),
    ("person", "", "大文豪萧伯纳曾经说过:如果你有一个苹果", True),
    ("person", "", "损失厌恶是指人们面对同样数量的收益和损失时", False),
    ("place", "", "我们去年在苏州培训", True),
    # Scope words and common nouns are not place names: 全国, 各地区, 城市, 村干部, 市场.
    ("place", "地名", "全国语言文字工作会议召开了", False),
    ("place", "地名", "继续加强同各地区、各部门的沟通与协作", False),
    ("place", "地名", "村干部的待遇要和街道在全区考核捆绑起来", False),
    ("place", "地名", "形成比较完善的社会主义市场经济体系", False),
    ("place", "地名", "会议在江苏省南通市召开", True),
    ("place", "地名", "沛县的经验值得学习", True),
    # 在哪里吃 may be answered by where it is done, 哪个城市 only by a place name.
    ("place", "", "公务接待原则上只能在食堂吃", True),
    ("place", "地名", "公务接待原则上只能在食堂吃", False),
    ("number", "%", "国民生产总值增长8%", True),
    ("number", "%", "比上年增长百分之八", True),
    ("number", "%", "要实现国民生产总值比2000年翻一番", False),
    ("number", "个", "表彰了120个先进集体", True),
    ("number", "个", "1986年全国语言文字工作会议以来", False),
])
def test_fits_type(kind: str, unit: str, text: str, fits: bool) -> None:
    assert su.fits_type(kind, unit, [text]) is fits


@pytest.mark.parametrize(("term", "text", "defined"), [
    ("损失厌恶", "损失厌恶是指人们面对同样数量的收益和损失时", True),
    ("水八仙", "有个现场教学点,什么是水八仙?就是茭白、莲藕、水芹", True),
    ("一个学习", "致力于“一个学习,三个服务”。“一个学习”,就是要深入学习", True),
    ("三宽型", "对照“眼界宽、思路宽、胸襟宽”的“三宽型”干部队伍要求", True),
    ("三严三实", "也是“三严三实”专题教育的深化动员会", False),
    ("六种意识", "一要开展“六种意识”讨论活动。", False),
])
def test_defines(term: str, text: str, defined: bool) -> None:
    assert su.defines(term, [text]) is defined


def test_missing_key_term_is_the_question_not_a_word_of_it() -> None:
    corpus = ta.squash_punct("要克服官僚主义和形式上的东西,不搞花架子")
    assert su.missing_terms([], ["形式主义", "形式", "主义"], corpus) == ["形式主义"]
    # A paraphrase with one everyday word the speeches lack is about more than that word.
    words = ["开头", "轰轰烈烈", "收尾", "马虎", "批评", "做法"]
    assert su.missing_terms([], words, ta.squash_punct("开头很认真,收尾就很马虎,批评这种做法")) == []
    assert su.missing_terms(["庸、懒、散"], [], ta.squash_punct("治“庸”、治“懒”、治“散”……庸懒散")) == []


@pytest.mark.parametrize(("words", "said", "missing"), [
    (["问卷调查", "时候"], "去年开展了千人问卷大调查", []),          # one character put in: said
    (["民主评议", "结果"], "组织了民主大评议活动", []),
    (["合作医疗", "怎么"], "合作社的医疗站", ["合作医疗"]),          # apart by more: not said
])
def test_a_term_said_with_one_character_put_in_is_said(words: list[str], said: str, missing: list[str]) -> None:
    assert su.missing_terms([], words, ta.squash_punct(said)) == missing


@pytest.mark.parametrize(("question", "reason"), [
    ("墨菲定律是哪一年由谁最早提出的?", "answer_type:date"),
    ("损失厌恶这个说法是谁提出的?", "answer_type:person"),
    ("“三严三实”具体指哪些内容?", "content"),
    ("第一篇里的“六种意识”具体指哪六种意识?", "content"),   # 指哪六种: asked by its count
    ("俞正声提出的十不承诺具体有哪些?", "content"),   # printed “十不”承诺
    ("“六个绝不允许”具体包括哪些内容?", "content"),
    ("第一篇提到的“一二六”勤廉巡查,具体是怎么个巡查法?", "content"),
    ("“一二六”勤廉巡查具体有哪几条?", "content"),
    ("三宽型干部队伍要求都有哪些?", None),    # 眼界宽、思路宽、胸襟宽: listed, so answered
    ("第二篇讲话是在哪个镇或者街道开的会?", "answer_type:place"),
    ("苏州的干部培训一共办了多少个班?", "answer_type:number"),
    ("几篇讲话对形式主义都是怎么说的?", "missing_terms:形式主义"),
])
def test_partial_answers_cite_the_mention(engine: Engine, question: str, reason: str | None) -> None:
    a = engine.ask(question)
    d = a.to_json()
    if reason is None:
        assert d["partial"] is False and not d["abstained"], d["answer"]
        return
    assert d["partial"] is True and d["reason"] == reason and not d["abstained"]
    assert a.citations, "a partial answer cites where the speeches mention the subject"
    assert a.text.startswith(("讲话提到了", "讲话中没有"))


@pytest.mark.parametrize("question", ["什么是塔西佗陷阱?", "损失厌恶是什么意思?", "水八仙是哪八种?",
                                      "苹果互换思想的名言是谁说的?", "第一篇讲话分为哪几个部分?"])
def test_answered_questions_are_not_partial(engine: Engine, question: str) -> None:
    d = engine.ask(question).to_json()
    assert d["partial"] is False and "reason" not in d and not d["abstained"]


@pytest.mark.parametrize("question", ["邵区长的全名是什么?", "邵区长叫什么名字?", "邵区长的姓名是什么?"])
def test_words_that_ask_for_a_name_are_not_missing_terms(engine: Engine, question: str) -> None:
    d = engine.ask(question).to_json()
    assert d["reason"] == "answer_type:person" and "全名" not in d["answer"].split("。")[0]


@pytest.mark.parametrize("question", ["第二篇讲话说的“伪工作”是啥意思?", "伪工作是个啥"])
def test_colloquial_question_words_are_not_missing_terms(engine: Engine, question: str) -> None:
    a = engine.ask(question)
    assert not a.abstained and "没有出现" not in a.text and "伪工作" in a.text, a.text


@pytest.mark.parametrize("question", ["第二篇讲话的讲话人叫什么名字?", "第二篇讲话是谁讲的?", "第一篇是哪一年讲的?"])
def test_the_speaker_or_date_of_a_named_speech_that_gives_none(engine: Engine, question: str) -> None:
    a = engine.ask(question)
    assert a.abstained and any("没有注明讲话人或时间" in n for n in a.notes)


def test_a_term_quoted_in_part_is_the_same_term() -> None:
    # 十不承诺 is printed “十不”承诺: a definition after it counts, a mere mention does not.
    from assistant.sufficiency import defines
    assert defines("十不承诺", ["提出了“十不”承诺,即不准这样,不准那样。"])
    assert not defines("十不承诺", ["提出了“十不”承诺,全区各级党组织要遵守。"])
