"""The planner reads structure questions in any wording, speech references by what a speech is,
and follow-ups only when a question leans on the turn before it."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.engine import Engine, Turn

OUTLINE_WORDINGS = [
    "第一篇讲话分为哪几个部分?",
    "第一篇讲话分成哪几部分?",
    "第一篇讲话包括哪些方面?",
    "第一篇讲话由哪几部分组成?",
    "第一篇讲话讲了哪几个方面?",
    "第一篇讲话有几个部分?",
    "第一篇讲话的结构是怎样的?",
    "第1篇讲话的提纲是什么?",
    "第一篇讲话分几块?",
    "第一篇讲话一共有几个部分?",
    "第一篇讲话大致结构",
    "第一篇的几个小标题分别是什么?",
    "第一篇讲话先讲什么后讲什么?",
    "第一篇的主要内容可以概括为哪几点?",
]


@pytest.mark.parametrize("question", OUTLINE_WORDINGS)
def test_outline_in_any_wording(engine: Engine, question: str) -> None:
    plan = engine.plan(question)
    assert plan.intent == "outline" and plan.speech_no == 1, plan
    a = engine.ask(question)
    assert not a.abstained
    # The answer is the speech's four top-level headings, each cited.
    assert [c.unit.kind for c in a.citations] == ["heading"] * 4
    assert all(c.unit.speech_no == 1 for c in a.citations)
    assert a.hits[0].unit.kind == "heading"


LIST_WORDINGS = [
    ("第一篇讲话提出要开展哪四个专项活动?", 4),
    ("第一篇讲话要开展哪4个专项活动?", 4),
    ("第二篇讲话提出了哪几点要求?", None),
    ("第五篇讲话在加强领导方面提出了几条要求?", None),
    ("第四篇讲话里“细、准、优、实”分别是什么?", None),
    ("第一篇讲话有哪些措施?", None),
    ("列举第三篇讲话对干部心态的要求", None),
]


# A speech's own points asked with nothing else named (第二篇讲话提出了哪几点要求) are its outline:
# the speech is organised as those points. Anything else named makes it a list inside the speech.
SPEECH_POINTS = {"第二篇讲话提出了哪几点要求?", "第一篇讲话有哪些措施?"}


@pytest.mark.parametrize(("question", "size"), LIST_WORDINGS)
def test_list_in_any_wording(engine: Engine, question: str, size: int | None) -> None:
    plan = engine.plan(question)
    assert plan.intent == ("outline" if question in SPEECH_POINTS else "list"), plan
    assert plan.list_size == size
    a = engine.ask(question)
    assert len(a.citations) >= 2 and not a.abstained


def test_list_of_four_activities_in_arabic_numerals(engine: Engine) -> None:
    a = engine.ask("第一篇讲话要开展哪4个专项活动?")
    assert len(a.citations) == 4 and "项目攻坚破难" in a.text


NTH_WORDINGS = [
    ("那第二点呢?", 2),
    ("第2条是什么?", 2),
    ("最后一点呢?", -1),
    ("第三点具体说了什么?", 3),
    ("那第四个方面呢?", 4),
]


@pytest.mark.parametrize(("question", "n"), NTH_WORDINGS)
def test_nth_item_of_the_previous_list(engine: Engine, question: str, n: int) -> None:
    first_q = "第一篇讲话提出要开展哪四个专项活动?"
    first = engine.ask(first_q)
    plan = engine.plan(question, [Turn(first_q, first)])
    assert plan.intent == "nth_point" and plan.followup_item == n and plan.follow_up
    a = engine.ask(question, history=[Turn(first_q, first)])
    expected = first.citations[n - 1 if n > 0 else -1].unit.id
    assert [c.unit.id for c in a.citations] == [expected]


@pytest.mark.parametrize(("question", "n"), [
    ("第三篇讲话的第二部分讲了什么?", 2), ("第三篇讲话最后一部分讲了什么?", 4), ("第三篇讲话的第2个标题是什么?", 2),
    ("第三篇讲话开头部分讲什么?", 1), ("第三篇讲话最后讲的是什么问题?", 4), ("第三篇讲话的第二大点", 2),
])
def test_nth_part_of_a_named_speech(engine: Engine, question: str, n: int) -> None:
    assert engine.plan(question).nth_item == (-1 if "最后" in question else n)
    a = engine.ask(question)
    part = [u for u in engine.corpus.speech(3).units if u.kind == "heading" and u.level == 1][n - 1]
    assert a.citations[0].unit.id == part.id and a.hits[0].unit.id == part.id
    assert len(a.citations) > 1   # the part's own items follow


NEW_TOPICS = ["什么是伪工作?", "担当是什么意思?", "怎样做到廉洁?", "损失厌恶是什么?", "第三篇讲话分为哪几个部分?"]
FOLLOW_UPS = ["那怎么避免呢?", "还有呢?", "有什么例子?", "展开说说", "继续", "它是什么意思?", "第二篇呢?",
              "具体怎么做?"]


@pytest.mark.parametrize("question", NEW_TOPICS)
def test_a_question_with_its_own_subject_is_new(engine: Engine, question: str) -> None:
    first = engine.ask("什么是塔西佗陷阱?")
    plan = engine.plan(question, [Turn("什么是塔西佗陷阱?", first)])
    assert not plan.follow_up and plan.text == question


@pytest.mark.parametrize("question", FOLLOW_UPS)
def test_a_question_that_leans_on_the_last_turn_is_a_follow_up(engine: Engine, question: str) -> None:
    first = engine.ask("什么是塔西佗陷阱?")
    plan = engine.plan(question, [Turn("什么是塔西佗陷阱?", first)])
    assert plan.follow_up and "塔西佗陷阱" in plan.text


def test_ask_json_carries_the_plan(engine: Engine) -> None:
    d = engine.ask("第三篇讲话分为哪几个部分?").to_json()
    assert d["plan"] == {"intent": "outline", "speech": 3, "follow_up": False}


@pytest.mark.parametrize(("question", "speech"), [("宁乡那篇讲话分为哪几个部分?", 3), ("市中区的讲话讲了哪几个方面?", 1)])
def test_speech_named_by_its_place(engine: Engine, question: str, speech: int) -> None:
    assert engine.plan(question).speech_no == speech


def test_speech_number_comes_from_the_title_not_the_file_order(tmp_path: Path) -> None:
    # A file that sorts before the speeches must not turn 第二篇 into its own speech.
    seed = Path(__file__).resolve().parents[1] / "seeds" / "000_bf9682d57e2f1d62.txt"
    (tmp_path / "b.txt").write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "a_notes.txt").write_text("会议纪要\n今天的会议讨论了作风建设的有关安排。\n", encoding="utf-8")
    eng = Engine.load([tmp_path], use_cache=False)
    plan = eng.plan("第二篇讲话分为哪几个部分?")
    assert "第二篇" in eng.corpus.speech(plan.speech_no).title


def test_ambiguous_reference_answers_from_every_candidate(engine: Engine) -> None:
    plan = engine.plan("区委那篇讲话分为哪几个部分?")
    assert plan.speech_no is None and len(plan.speech_candidates) >= 2
    a = engine.ask("区委那篇讲话分为哪几个部分?")
    assert {c.unit.speech_no for c in a.citations} == set(plan.speech_candidates)
    assert any("几篇讲话" in n for n in a.notes)


@pytest.mark.parametrize("question", ["各篇讲话是怎样强调学习的?", "几篇讲话分别是怎么谈换位思考的?"])
def test_questions_about_several_speeches_answer_one_line_per_speech(engine: Engine, question: str) -> None:
    a = engine.ask(question)
    assert engine.plan(question).intent == "compare"
    lines = a.text.splitlines()
    assert len(lines) >= 2
    speeches = [c.unit.speech_no for c in a.citations]
    assert len(set(speeches)) == len(speeches) == len(lines)   # one speech per line
    for line, c in zip(lines, a.citations):
        assert line.startswith(engine.speech_title(c.unit.speech_no)) and line.endswith(f"[{c.n}]")


def test_items_refer_to_the_last_list_of_the_conversation(engine: Engine) -> None:
    q1 = "第五篇讲话说下一步要在哪四个方面下功夫?"
    history = [Turn(q1, engine.ask(q1))]
    items = [c.unit.id for c in history[0].answer.citations]
    for question, expected in (("第二点呢?", items[1]), ("还有呢?", items[2]), ("下一点呢?", items[3]),
                               ("最后一个是什么?", items[3]), ("那第一个呢?", items[0])):
        a = engine.ask(question, history=history)
        assert [c.unit.id for c in a.citations] == [expected], question
        history.append(Turn(question, a))


def test_a_heading_item_is_answered_with_what_it_holds(engine: Engine) -> None:
    q1 = "第三篇讲话分为哪几个部分?"
    first = engine.ask(q1)
    a = engine.ask("第二部分具体讲了什么?", history=[Turn(q1, first)])
    assert a.citations[0].unit.id == first.citations[1].unit.id and len(a.citations) > 2


@pytest.mark.parametrize("question", ["第二类问题具体表现是什么?", "第三类的具体表现呢?"])
def test_ordinals_of_any_classifier_lean_on_the_list(engine: Engine, question: str) -> None:
    q1 = "第一篇讲话归纳了干部作风上的哪几类问题?"
    first = engine.ask(q1)
    plan = engine.plan(question, [Turn(q1, first)])
    assert plan.follow_up and plan.followup_item in (2, 3)


def test_an_elliptical_follow_up_with_its_own_subject_is_searched_by_it(engine: Engine) -> None:
    first = engine.ask("什么是塔西佗陷阱?")
    plan = engine.plan("那损失厌恶又是什么意思?", [Turn("什么是塔西佗陷阱?", first)])
    assert plan.follow_up and "塔西佗" not in plan.text
    a = engine.ask("那损失厌恶又是什么意思?", history=[Turn("什么是塔西佗陷阱?", first)])
    assert "损失厌恶" in a.hits[0].unit.text


@pytest.mark.parametrize(("question", "intent"), [
    ("塔西佗是哪一年出生的?", "lookup"), ("哪个单位做得最好?", "lookup"), ("第一篇讲话提出了哪几条要求?", "outline"),
    ("第一篇讲话要开展哪4个专项活动?", "list"), ("文中列了几项措施?", "list"),
    # 哪几天 asks when, 分别是谁 who: neither is a speech's list.
    ("会议是哪几天在哪儿开的?", "lookup"), ("这两部剧的编剧和导演分别是谁?", "lookup"),
])
def test_which_one_is_not_a_list(engine: Engine, question: str, intent: str) -> None:
    assert engine.plan(question).intent == intent


@pytest.mark.parametrize("question", ["市中区那篇讲话,结尾是怎么收的?", "市委书记在市中区作的那篇讲话,最后落在哪儿?"])
def test_words_that_describe_the_speech_do_not_hide_its_end(engine: Engine, question: str) -> None:
    # Words before the reference say which speech; after it, nothing but where: its end.
    assert engine.plan(question).nth_item == -1


@pytest.mark.parametrize("question", ["市中区那篇讲话是按什么顺序一层层展开的?", "市中区的讲话先讲什么后讲什么"])
def test_the_run_of_a_speech_in_everyday_words(engine: Engine, question: str) -> None:
    plan = engine.plan(question)
    assert plan.outline and plan.in_order, plan


def test_a_name_in_several_texts_is_narrowed_by_a_title_word(tmp_path: Path) -> None:
    # 李明 speaks in one text and is listed in another; 语言文字 stands in one title only.
    (tmp_path / "a.txt").write_text("做好语言文字工作\n李明\n今天，语言文字工作会议召开了。\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("全会在京举行\n李明、王东等出席会议。\n全会强调反腐倡廉。\n", encoding="utf-8")
    engine = Engine.load([tmp_path], use_cache=False)
    plan = engine.plan("李明那篇讲语言文字工作的讲话，开场白说了些什么？")
    assert plan.speech_no is not None and engine.speech_title(plan.speech_no) == "做好语言文字工作"


def test_where_a_thing_is_said_is_not_the_part_asked_for(engine: Engine) -> None:
    # 最后讲了什么 asks for the last part; 结尾说…X, X是什么 asks about X.
    assert engine.plan("第二篇讲话最后讲了什么?").nth_item == -1
    plan = engine.plan("第二篇结尾说要防止侥幸心理,这指的是什么?")
    assert plan.nth_item is None and plan.intent == "lookup"


def test_a_part_named_by_its_words(engine: Engine) -> None:
    a = engine.ask("第二篇讲担当作为,第三个小点说的是啥?")
    section = next(u for u in engine.corpus.speech(2).units if u.kind == "heading" and "担当作为" in u.text)
    third = [u for u in engine.corpus.speech(2).units if u.section[-1:] == (section.heading,) and u.heading][2]
    assert a.citations[0].unit.id == third.id
    # Words every heading holds alike (浓厚…氛围) name the list, not one part of it.
    b = engine.ask("第二篇讲话要浓厚哪四种氛围?")
    assert [c.unit.kind for c in b.citations] == ["heading"] * 4


@pytest.mark.parametrize("question", ["第二篇里“第一条就是肯打”这句话是谁说的?", "“头一条就是肯打”出自哪位元帅?",
                                      "讲话说“四个方面都要抓”,这是什么意思?"])
def test_quoted_words_are_not_the_questions_grammar(engine: Engine, question: str) -> None:
    plan = engine.plan(question)
    assert plan.nth_item is None and not plan.wants_list, plan


@pytest.mark.parametrize(("question", "term"), [
    ("第四篇提到办公室年度10项职能工作目标,具体是哪10项?", "年度10项职能工作目标"),
    ("“四大定位”具体指什么?", "四大定位"),
    ("讲话里说的三个层次包括哪些?", "三个层次"),
])
def test_the_term_whose_content_is_asked(engine: Engine, question: str, term: str) -> None:
    assert engine.plan(question).asks_content_of == term


@pytest.mark.parametrize(("question", "thing"), [
    ("干部公款旅游的追责标准是什么?", "追责标准"),
    ("机关作风建设的考核细则有哪些?", "考核细则"),
    ("1998年国内生产总值预期增长目标是多少", "国内生产总值预期增长目标"),   # twelve characters at most
    ("外地老板到一个地方投资,最在乎的是什么?", ""),     # a 的-phrase names no thing
    ("用打篮球抢球来打比方,讲话想说明什么?", ""),       # asks what is meant, names nothing
])
def test_the_thing_a_question_names_as_asked(engine: Engine, question: str, thing: str) -> None:
    assert engine.plan(question).asked_thing == thing


def test_an_answer_that_never_speaks_of_the_thing_asked_says_so(engine: Engine) -> None:
    # The paragraphs found are about public money, none about a 追责标准: a partial answer.
    a = engine.ask("干部公款旅游的追责标准是什么?")
    assert a.partial and a.reason == "asked_absent:追责标准" and "没有谈到「追责标准」" in a.text, a.text
    # Where the paragraphs do speak of it, the answer stands.
    b = engine.ask("要把公务接待的工作餐安排在哪里?")
    assert not b.partial and not b.abstained


def test_a_list_only_named_gets_a_partial_answer(engine: Engine) -> None:
    a = engine.ask("第一篇会上观摩了几个单位的工作现场,分别是哪些单位?")
    assert a.partial and not a.abstained and a.citations


@pytest.mark.parametrize(("question", "kind"), [
    ("这次会议在哪召开?", "place"), ("手表陈列在哪个博物馆?", "place"), ("问题出在哪个环节?", None), ("讲话在哪几方面提了要求?", None), ("要在哪些方面下功夫?", None),
    ("会是哪天开的?", "date"), ("是谁主持的?", "person"),
])
def test_answer_types(engine: Engine, question: str, kind: str | None) -> None:
    assert engine.plan(question).answer_type == kind


@pytest.mark.parametrize(("question", "wants_list", "unit"), [
    # 几/多少 + classifier before a speech's items or parts, or before nothing, asks for the list...
    ("第二篇讲话提出了几点要求?", True, None), ("讲话分为几个部分?", True, None), ("提出了几个问题?", True, None),
    ("一共有几条?", True, None), ("第一篇讲话分成几块?", True, None), ("提出了多少条措施?", True, None),
    # ...before any other noun, for a count (a number of that classifier).
    ("这次会议表彰了多少个先进集体和先进个人?", False, "个"), ("表彰了几个先进集体?", False, "个"),
    ("全县一共有多少个村?", False, "个"), ("观摩了几个企业?", False, "个"), ("去年新建了多少个项目?", False, "个"),
    # A share: 百分之几 / 多少个百分点.
    ("国民生产总值计划增长百分之几?", False, "%"), ("增长了多少个百分点?", False, "%"),
    ("比例提高了几个百分点?", False, "%"), ("百分比是多少?", False, "%"), ("财政收入增长百分之多少?", False, "%"),
])
def test_counts_lists_and_shares(engine: Engine, question: str, wants_list: bool, unit: str | None) -> None:
    plan = engine.plan(question)
    assert plan.wants_list is wants_list, plan
    if unit is not None:
        assert (plan.answer_type, plan.answer_unit) == ("number", unit)


@pytest.mark.parametrize(("question", "unit"), [
    ("会议是在哪个城市召开的?", "地名"), ("他是哪个县的干部?", "地名"), ("这次会在哪个镇开的?", "地名"),
    ("讲话人来自哪个省?", "地名"), ("调研去了哪个村?", "地名"),
    ("工作餐在哪里吃?", ""), ("会议在什么地方开?", ""), ("材料放在哪儿?", ""), ("这次会议在哪召开?", ""),
    ("培训班在哪里办?", ""),
])
def test_a_place_name_or_where_it_is_done(engine: Engine, question: str, unit: str) -> None:
    plan = engine.plan(question)
    assert (plan.answer_type, plan.answer_unit) == ("place", unit)


def test_an_ordinal_and_words_that_name_the_same_part(engine: Engine) -> None:
    # 第二部分 is 升华认识: the part with its items, not the second item inside it.
    a = engine.ask("第三篇第二部分“升华认识”讲了哪几个方面?")
    part = [u for u in engine.corpus.speech(3).units if u.kind == "heading" and u.level == 1][1]
    assert a.citations[0].unit.id == part.id and len(a.citations) >= 4
    # 第三个小点 inside the part 担当作为 (which is also the third part) is an item of it.
    b = engine.ask("第二篇讲担当作为,第三个小点说的是啥?")
    assert b.citations[0].unit.kind == "paragraph" and "最后1%" in b.citations[0].unit.text


def test_a_part_whose_list_is_not_the_asked_size_is_not_the_answer(engine: Engine) -> None:
    # 哪三个方面的问题: the part 正视和解决存在的问题 lists five things; the three are in a paragraph.
    a = engine.ask("第五篇讲话指出作风建设主要存在哪三个方面的问题?")
    assert a.citations[0].unit.kind == "paragraph"
    assert engine.plan("第二篇比学赶超那一块的小标题有哪几个?").list_size is None   # 那一块 points, it does not count


def test_follow_ups_count_the_items_of_a_part_not_its_heading(engine: Engine) -> None:
    first_q = "第二篇讲话第四部分讲了什么?"
    first = engine.ask(first_q)
    items = [c.unit.id for c in first.citations][1:]        # [1] is the part's heading
    a = engine.ask("那第二点呢?", history=[Turn(first_q, first)])
    assert [c.unit.id for c in a.citations] == [items[1]]


def test_a_part_follow_up_counts_the_outline(engine: Engine) -> None:
    history: list[Turn] = []
    for q in ("第三篇讲话分成几部分?", "那第二部分呢?"):
        history.append(Turn(q, engine.ask(q, history=history)))
    a = engine.ask("最后一部分呢?", history=history)
    last = [u for u in engine.corpus.speech(3).units if u.kind == "heading" and u.level == 1][-1]
    assert a.citations[0].unit.id == last.id


@pytest.mark.parametrize(("question", "speeches"), [
    ("第二篇和第三篇讲话分别讲了什么?", [2, 3]), ("比较第一篇和第三篇讲话对干部作风问题的说法", [1, 3]),
    ("第一篇、第四篇和第五篇都提到了什么?", [1, 4, 5]), ("第三篇与第一篇有什么不同?", [3, 1]),
    ("第2篇和第4篇怎么说的", [2, 4]),
])
def test_several_numbered_speeches_are_each_answered(engine: Engine, question: str, speeches: list[int]) -> None:
    plan = engine.plan(question)
    assert list(plan.speech_candidates) == speeches and plan.speech_no is None and plan.multi_speech


def test_two_numbered_speeches_get_two_outlines_and_lines_in_their_order(engine: Engine) -> None:
    outline = engine.ask("第二篇和第三篇讲话分别讲了什么?").text
    assert "(第二篇)分为4个部分" in outline and "(第三篇)分为4个部分" in outline
    compared = engine.ask("比较第一篇和第三篇讲话对干部作风问题的说法").text.splitlines()
    assert len(compared) == 2 and "(第一篇)" in compared[0] and "(第三篇)" in compared[1]


@pytest.mark.parametrize("question", ["那篇讲宁乡的讲话提了哪几条要求?", "宁乡那篇讲话提了哪几条要求?",
                                      "讲宁乡的那篇讲话第三点是什么", "这篇关于宁乡的讲话讲了什么",
                                      "那一篇谈宁乡的讲话说了什么"])
def test_a_speech_named_after_na_pian(engine: Engine, question: str) -> None:
    assert engine.plan(question).speech_no == 3


@pytest.mark.parametrize(("question", "speech"), [
    ("提到宝钢的那篇讲话,说作风上还存在哪几个问题", 5), ("讲到塔西佗陷阱的那篇讲话分为几个部分?", 2),
    ("那篇提到宝钢的讲话讲了什么", 5), ("谈到损失厌恶的那篇讲话第二部分是什么", 2), ("说到宁乡的讲话提了哪些要求", 3),
])
def test_a_speech_named_by_what_it_mentions(engine: Engine, question: str, speech: int) -> None:
    assert engine.plan(question).speech_no == speech


@pytest.mark.parametrize("question", ["最后一篇讲话的第三部分讲了什么", "最后一篇讲话主要讲了什么"])
def test_the_last_speech(engine: Engine, question: str) -> None:
    plan = engine.plan(question)
    assert plan.speech_no == max(s.no for s in engine.corpus.speeches), plan


@pytest.mark.parametrize("question", ["第五篇讲话讲了什么", "第二篇讲话主要讲了些什么", "第三篇讲话的要点"])
def test_what_a_named_speech_says_is_its_outline(engine: Engine, question: str) -> None:
    assert engine.plan(question).intent == "outline"


def test_a_term_no_speech_uses_is_said_before_comparing(engine: Engine) -> None:
    a = engine.ask("几篇讲话对形式主义都是怎么说的")
    assert a.partial and a.reason == "missing_terms:形式主义", a.text


@pytest.mark.parametrize("question", ["那个全县干部作风建设工作推进大会上提出了哪几点严明要求",
                                      "这次全县干部作风建设工作推进大会讲了什么"])
def test_a_meeting_pointed_at_names_the_speech_given_there(engine: Engine, question: str) -> None:
    # The titles are all alike; the third speech names its own meeting in its text.
    assert engine.plan(question).speech_no == 3


@pytest.mark.parametrize("question", ["那篇讲宁乡的讲话讲了什么", "那篇提到宝钢的讲话分为哪几个部分?"])
def test_a_question_opening_with_the_speech_it_names_is_new(engine: Engine, question: str) -> None:
    from assistant.results import Turn

    first = engine.ask("什么是塔西佗陷阱?")
    plan = engine.plan(question, [Turn("什么是塔西佗陷阱?", first)])
    assert not plan.follow_up and plan.speech_no is not None, plan


@pytest.mark.parametrize(("question", "part", "item"), [
    ("第三篇讲话的第二部分第三点讲的是什么?", "二、作风建设要升华认识", "3、对事业要有责任意识"),
    ("第一篇讲话第三部分的第二条是什么", "三、要全面落实机关作风建设的各项关键举措", "二要开展项目攻坚破难活动"),
])
def test_an_item_counted_inside_a_part(engine: Engine, question: str, part: str, item: str) -> None:
    # Two ordinals: the first names the part, the second counts inside it.
    a = engine.ask(question)
    assert part in a.text and item in a.text and a.hits[0].unit.text.startswith(item[:6]), a.text


def test_what_comes_after_a_part_is_the_next_part(engine: Engine) -> None:
    a = engine.ask("第一篇讲话讲完“打好三大攻坚战”之后接着讲的是什么?")
    assert "三、要全面落实机关作风建设的各项关键举措" in a.text, a.text


@pytest.mark.parametrize("question", ["那第三个呢?", "那第二项呢"])
def test_a_follow_up_asked_first_says_it_needs_the_turn_before(engine: Engine, question: str) -> None:
    from assistant.results import Turn

    a = engine.ask(question)
    assert a.abstained and any("没有上一轮对话" in n for n in a.notes)
    # With the turn before it, it is answered.
    first = engine.ask("第一篇讲话提出开展哪四个专项活动?")
    b = engine.ask(question, history=[Turn(first.question, first)])
    assert not b.abstained and b.citations


def test_a_follow_up_counts_in_the_list_of_the_point_just_answered(engine: Engine) -> None:
    from assistant.results import Turn

    first = engine.ask("第三篇讲话的第二部分第三点讲的是什么")
    second = engine.ask("那第二点呢", history=[Turn(first.question, first)])
    assert second.citations[0].unit.text.startswith("2、对名利要有平和心态"), second.text



@pytest.mark.parametrize("question, start", [
    ("第一篇讲话的结尾是怎么收的?最后落脚在哪儿?", "同志们,风清则气正"),
    ("第二篇开场先讲了些什么,才转入正题?", "刚才,XXX传达了"),
    ("第二篇讲话开场白是什么", "刚才,XXX传达了"),
])
def test_the_edges_of_a_speech_with_headings_are_its_own_words(engine: Engine, question: str, start: str) -> None:
    # 结尾 / 开场 ask for the words before the first heading or after the last part's points.
    a = engine.ask(question)
    assert a.citations[0].unit.text.startswith(start), a.text


def test_the_last_part_is_still_a_part(engine: Engine) -> None:
    # 最后一部分 / 最后讲了 name a part; its points come first when their order is asked.
    assert engine.ask("第二篇讲话最后讲了什么?").citations[0].unit.kind == "heading"
    a = engine.ask("第五篇最后一部分讲加强领导,先讲什么再讲什么?")
    assert a.hits[0].unit.text.startswith("第一,要加强研究"), a.text


@pytest.mark.parametrize("question", ["比学赶超那一部分的第三点讲的是什么?", "在比学赶超这部分,第三点说了啥"])
def test_a_part_named_by_its_words_then_its_nth_point(engine: Engine, question: str) -> None:
    a = engine.ask(question)
    assert not a.partial and "荣辱与共" in a.text, a.text


@pytest.mark.parametrize("question, intent", [("他对这类问题批示过多少件?", "lookup"), ("讲话提了多少条要求?", "list"),
                                              ("第二篇讲了几点?", "outline")])
def test_how_many_is_a_count_unless_it_counts_items(engine: Engine, question: str, intent: str) -> None:
    assert engine.plan(question).intent == intent


def test_an_occasion_pointed_at_names_its_speech(engine: Engine) -> None:
    # 宁乡那次作风大会 names the speech as 宁乡那篇 does.
    assert engine.plan("宁乡那次作风大会,讲话一开头是怎么介绍这次会议的?").speech_no == 3


@pytest.mark.parametrize("question, own", [("宁乡县委书记那篇讲话,正文分成几个部分?", "四点意见"),
                                          ("市中区讲话第三部分说要重点搞几个专项活动?分别叫什么?", "四个专项活动"),
                                          ("南通市政府办公室那篇讲话讲了几个问题?各是什么?", "两个问题")])
def test_a_list_is_named_in_the_speechs_own_words(engine: Engine, question: str, own: str) -> None:
    # The count the speech gives its list just before it (下面,我再强调四点意见) is said back.
    assert f"即讲话所说的{own}" in engine.ask(question).text.splitlines()[0]


@pytest.mark.parametrize("question, lesson", [
    ("第二篇引萧伯纳交换苹果那段话,想说明啥道理?", "智慧火花"),
    ("宁乡讲话里托尔斯泰那个农夫拼命跑圈的故事,寓意是什么?", "往回跑"),
    ("为什么宁乡书记说作风是最大的投资环境?", "谁还敢来投资"),   # the reason before 所以
])
def test_a_why_question_gets_the_lesson_the_passage_draws(engine: Engine, question: str, lesson: str) -> None:
    assert lesson in engine.ask(question).text


@pytest.mark.parametrize("question", ["第五篇认为眼下作风上的问题主要有哪几方面?", "第五篇觉得当前作风上的问题主要有哪几个方面"])
def test_a_list_introduced_a_little_lower_in_the_questions_unit(engine: Engine, question: str) -> None:
    # 主要表现在以下三个方面: ranks fifth; its 一是…二是…三是… (the next paragraph) is the list.
    a = engine.ask(question)
    assert "敬业精神不够强" in a.text and "进取精神不够强" in a.text, a.text


@pytest.mark.parametrize("question, books", [("这几篇讲话推荐或引用了哪些书?", ["六顶思考帽", "细节决定成败", "伊索寓言"]),
                                            ("南通那篇讲话里领导推荐了哪两本书?", ["于丹<论语>心得", "细节决定成败"])])
def test_books_the_speeches_name(engine: Engine, question: str, books: list[str]) -> None:
    # Works in 《》 read, recommended or quoted; documents (《关于…的意见》) are not books.
    a = engine.ask(question)
    assert all(f"《{b}》" in a.text for b in books) and "关于" not in a.text, a.text


def test_books_recommended_come_apart_from_books_quoted(engine: Engine) -> None:
    a = engine.ask("讲话里推荐了哪些书?")
    recommended, _, quoted = a.text.partition("另外引用或提到的书")
    assert "《于丹<论语>心得》" in recommended and "《细节决定成败》" in recommended, a.text
    assert "《伊索寓言》" in quoted and "《伊索寓言》" not in recommended, a.text   # 古希腊《伊索寓言》中有这么一句话


def test_a_decline_names_the_word_no_speech_says(engine: Engine) -> None:
    # 学习 is said often, 读书 never: the share of the question covered does not say what is missing.
    answer = engine.ask("哪几篇讲话提到了读书学习?")
    assert answer.abstained and "「读书」" in answer.text + "".join(answer.notes), answer


def test_a_question_that_asserts_is_quoted_itself(engine: Engine) -> None:
    # …老看到我们工作人员在打游戏、在看电影…,你哪来的公信力? says it; 何谓…? is answered after it.
    assert "打游戏" in engine.ask("讲话批评了上班时间打游戏看电影的现象吗?").text
    defined = engine.ask("何谓塔西佗陷阱?").text
    assert "古罗马历史学家" in defined


def test_an_acronym_the_speeches_never_use_is_a_missing_term(engine: Engine) -> None:
    # GDP, typed in capitals, is a key term as a quoted one is: not answered by another figure.
    a = engine.ask("2020年全区GDP增长多少?")
    assert a.partial and "「GDP」" in a.text, a.text


def test_two_lists_in_one_part_are_told_apart(engine: Engine) -> None:
    # 第五篇 二、holds 三个方面 of problems (一是…三是…, in one paragraph) and 四个方面 of measures.
    a = engine.ask("第五篇讲话第二部分讲了什么?")
    lines = a.text.splitlines()
    assert "分2组列出" in lines[0], a.text
    assert lines[1].endswith("以下三个方面:") and lines[2].startswith("1. 一是个别单位") and lines[4].startswith("3. 三是进取精神")
    assert lines[5].startswith("下一步要在四个方面下功夫") and lines[9].startswith("4. 四是"), a.text


def test_these_speeches_with_a_subject_of_their_own_is_a_new_question(engine: Engine) -> None:
    # 这几篇讲话 points at the speeches, not at the last answer; 这几篇呢? still leans on it.
    first = engine.ask("第五篇讲话第二部分讲了什么?")
    history = [Turn("第五篇讲话第二部分讲了什么?", first)]
    assert not engine.plan("这几篇讲话推荐或引用了哪些书?", history=history).follow_up
    assert engine.plan("这几篇呢?", history=history).follow_up


def test_who_did_it_is_not_padded_with_other_paragraphs(engine: Engine) -> None:
    # The sentence that tells who read the document out answers; another paragraph that
    # mentions a document (三要开展优化审批服务活动…《关于…的通知》) is padding.
    a = engine.ask("第一篇讲话里谁宣读了意见?")
    assert "王光明同志宣读了" in a.text and "三要开展优化审批服务活动" not in a.text, a.text


@pytest.mark.parametrize("question, point, not_point", [
    ("第二篇讲担当作为那部分,第三点是什么?", "做好最后1%", "心中有责"),
    ("宁乡那篇讲升华认识的部分,第2点说了什么", "对名利要有平和心态", "对权力要有敬畏心理"),
])
def test_a_point_counts_inside_the_part_the_words_name_though_that_part_is_the_nth(
        engine: Engine, question: str, point: str, not_point: str) -> None:
    text = engine.ask(question).text
    assert point in text and not_point not in text, text


@pytest.mark.parametrize("question, parts", [
    ("第三篇,也就是宁乡那篇,分了几个部分?", 4),
    ("第1篇讲话的框架是什么?四个部分分别讲什么", 4),
    ("第五篇,即那篇讲深化作风建设的讲话,一共讲了几个问题?", 3),
])
def test_outline_asked_with_a_second_reference_or_a_count(engine: Engine, question: str, parts: int) -> None:
    plan = engine.plan(question)
    assert plan.outline, vars(plan)
    assert f"分为{parts}个部分" in engine.ask(question).text


@pytest.mark.parametrize("question, part", [
    ("宁乡那篇讲完“升华认识”以后接着讲了哪部分?", "作风建设要严明要求"),
    ("第二篇把“解放思想”讲完,然后讲的是哪一块?", "比学赶超"),
])
def test_the_part_after_a_quoted_part_name(engine: Engine, question: str, part: str) -> None:
    result = engine.ask(question)
    assert part in result.text.split("[")[0].split("接着讲的是")[-1], result.text
    assert result.hits[0].unit.kind == "heading" and part in result.hits[0].unit.text


@pytest.mark.parametrize("question", ["南通办公室那篇讲话最后是怎么收尾的", "南通办公室那篇最后怎么收的尾?"])
def test_a_name_mostly_in_one_speech_and_the_closing_words(engine: Engine, question: str) -> None:
    assert engine.plan(question).speech_no == 4
    assert "以优异成绩迎接党的十七大胜利召开" in engine.ask(question).text


@pytest.mark.parametrize("question", ["第二篇讲话人叫什么名字,任什么职务?", "第一篇是谁讲的?担任什么职务?"])
def test_who_gave_a_speech_and_their_office_asks_for_its_speaker_line(engine: Engine, question: str) -> None:
    # The seed's speeches print no speaker line: the answer says so rather than quote a paragraph.
    plan = engine.plan(question)
    assert plan.about_speech
    result = engine.ask(question)
    assert result.abstained and any("没有注明讲话人" in n for n in result.notes)


@pytest.mark.parametrize("question", ["南通市政府办公室那篇一共分了几块?帮我理一理框架", "第三篇整个框架怎么搭的?分几部分"])
def test_outline_in_colloquial_words(engine: Engine, question: str) -> None:
    plan = engine.plan(question)
    assert plan.outline and plan.answer_type is None, vars(plan)
    assert "个部分" in engine.ask(question).text


@pytest.mark.parametrize("question, point", [
    ("担当作为的氛围那部分,第一条是啥", "心中有责"),
    ("南通篇突出效能建设那块,第二个是什么?", None),   # 南通篇 names the speech like 南通那篇
])
def test_nth_item_of_a_part_named_by_words_alone(engine: Engine, question: str, point: str | None) -> None:
    plan = engine.plan(question)
    assert plan.section and plan.nth_item is not None, vars(plan)
    if point is None:
        assert plan.speech_no == 4
    else:
        assert point in engine.ask(question).text


def test_the_closing_paragraph_asked_as_that_paragraph(engine: Engine) -> None:
    plan = engine.plan("第二篇收尾那段是怎么写的?")
    assert plan.nth_item == -1 and plan.nth_is_edge


@pytest.mark.parametrize("question, point", [
    ("第一篇最后一部分,倒数第二条是什么要求", "三要强化督导检查"),        # counted inside the last part
    ("第4篇说作风建设还有潜力,列了几条?最后一条是什么", "为老百姓服务上还有潜力"),   # a paragraph's 一是…四是
    ("风清气正的氛围那块,第一条讲什么", "塔西佗陷阱"),                  # a part named with 那块
])
def test_nth_point_in_a_speech_with_headings(engine: Engine, question: str, point: str) -> None:
    assert point in engine.ask(question).text


def test_a_speech_named_by_most_of_its_words_without_de(engine: Engine) -> None:
    assert engine.plan("南通办公室讲话第二部分讲了什么?").speech_no == 4


@pytest.mark.parametrize("question", ["第二篇的四种氛围讲完了,第五种氛围是什么?", "宁乡那篇第六部分讲的什么?"])
def test_an_nth_beyond_the_speechs_parts_is_declined(engine: Engine, question: str) -> None:
    result = engine.ask(question)
    assert result.abstained and any("没有第" in n for n in result.notes), result.text


def test_an_nth_within_the_parts_is_still_answered(engine: Engine) -> None:
    assert not engine.ask("第二篇第四部分讲的什么?").abstained


@pytest.mark.parametrize("question, point, not_point", [
    ("第一篇讲话四个专项活动中最后一个是什么?", "正风肃纪", "领导带头示范"),      # a lead-in names the list
    ("第一篇里那四个专项活动,第二个是啥?", "项目攻坚破难", "三大攻坚战"),
    ("第四篇讲话效能建设的第二点是什么?", "二是准", "突出思想建设"),          # the points under an item
])
def test_the_nth_of_a_list_the_words_name(engine: Engine, question: str, point: str, not_point: str) -> None:
    text = engine.ask(question).text
    assert point in text and not_point not in text, text


@pytest.mark.parametrize("question", ["以前一个工程层层转包,钱最后能剩多少?", "今后一个时期要抓好哪些工作?",
                                      "此前一个阶段作风建设有什么成效?", "之后一个月要做什么?"])
def test_before_and_after_ending_a_word_of_time_are_no_ordinal(engine: Engine, question: str) -> None:
    assert engine.plan(question).nth_item is None


@pytest.mark.parametrize(("question", "n"), [("前一个问题讲的什么?", 1), ("排在后一个的是什么?", -1)])
def test_former_and_latter_are_still_ordinals(engine: Engine, question: str, n: int) -> None:
    assert engine.plan(question).nth_item == n
