"""Questions that ask more than one thing, or about several speeches at once: clauses answered
in turn (分了几条?第二条说的啥), several ordinals (第三部分和第四部分 / 打头的…压轴的), each
speech's outline side by side (五篇讲话各自的主题 / 第一篇和第三篇有什么不同), and the readings
these lean on: items counted past a modifier (几个要注意的问题), a list announced without a colon,
a list inside a part named by its words, who chaired a meeting a report never says.
The texts are written for these tests; the seed speeches are the shipped ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.engine import Engine
from assistant.results import CITATION_MARKER

_DIGEST = """推动群众文化繁荣发展
市文化馆举办群众文化工作座谈会发言摘要
阵地建设是基础
市文化馆馆长孙晓明
做好群众文化工作，有几项工作需要着力加以推进。
大力完善场馆设施。近年来新建的社区文化中心还不够多，布局也不均衡，要加快补齐。
大力培育文艺骨干。群众文艺骨干是活动的组织者，要定期办班，给他们提供学习的机会。
大力丰富活动内容。活动要贴近群众生活，让群众愿意来、留得住。
队伍建设是关键
区文化站站长钱丽华
基层文化队伍目前面临不少困难，有待解决以下问题。
首先，要稳定专职人员队伍，落实编制和待遇。
其次，要加强业务培训，解决人员知识老化的问题。
再次，要吸引志愿者参与，形成专兼结合的格局。
创作是生命
市群众艺术馆研究员赵文涛
群众文化的生命力在于创作，要鼓励群众自编自演，反映身边的新人新事。
"""
_MEETING = """全市春季植树动员会召开
本报讯全市春季植树动员会今天召开。市长周建华出席会议并讲话。机关干部和市民代表在会上发言表示，一定积极参加义务植树。
周建华说，植树造林是改善生态环境的大事，各区要层层分解任务，确保完成今年的植树目标。
周建华说，要发动机关干部和市民群众广泛参与，形成全民植树的好风气。
"""
_FORUM = """市里召开老干部迎春座谈会
本报讯市委、市政府今天召开老干部迎春座谈会。会议由市委副书记吴海平主持，市委书记郑国强在讲话中向老同志拜年。
郑国强说，老同志为全市发展作出了重要贡献，他们的经验是宝贵的财富。
"""
_ARTICLE = """走向深处的社区治理
———学习全会精神的一点体会
顾宁远
全会提出，要加强和创新社会治理，打造共建共治共享的社会治理格局。这为做好社区工作指明了方向。
社区治理是时代的课题
城市化进程加快，大量人口进入城市，社区承担的任务越来越重。
社区工作者总结说：“把居民联系在一起的纽带，主要有三个：一是共同的居住环境；二是相互的邻里守望；三是共享的公共服务。”
社区治理必须遵循的原则
推进社区治理，必须坚持党建引领。要发挥社区党组织的核心作用。
推进社区治理，必须坚持居民自治。要让居民的事由居民商量着办。
推进社区治理，必须坚持依法办事。要用法治思维解决社区矛盾。
让我们携起手来，把社区建设成为居民的幸福家园！
"""


@pytest.fixture(scope="module")
def texts(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root: Path = tmp_path_factory.mktemp("compound")
    for name, text in (("digest.txt", _DIGEST), ("meeting.txt", _MEETING), ("forum.txt", _FORUM),
                       ("article.txt", _ARTICLE)):
        (root / name).write_text(text, encoding="utf-8")
    return Engine.load([root], use_cache=False)


def _cited(answer) -> list[str]:  # type: ignore[no-untyped-def]
    return [c.unit.text for c in answer.citations]


def _markers_match_citations(answer) -> None:  # type: ignore[no-untyped-def]
    numbers = {int(n) for n in CITATION_MARKER.findall(answer.text)}
    assert numbers == {c.n for c in answer.citations}
    assert len({c.unit.id for c in answer.citations}) == len(answer.citations)   # one number per paragraph


# ---- clauses answered in turn --------------------------------------------------------------
@pytest.mark.parametrize("question", ["钱丽华那段分了几条?第二条说的啥?", "钱丽华那段发言列了几个问题？第2个是什么？"])
def test_a_list_then_one_of_its_items(texts: Engine, question: str) -> None:
    a = texts.ask(question)
    assert not a.abstained
    assert all(x in a.text for x in ("稳定专职人员", "加强业务培训", "吸引志愿者"))   # the list
    assert a.hits[0].unit.text.startswith("其次")     # the item asked for ranks first
    assert a.text.rstrip().splitlines()[-1].startswith("其次") or "其次，要加强业务培训" in a.text.split("\n\n")[-1]
    _markers_match_citations(a)


def test_seed_list_then_item_and_restatement_is_one_question(engine: Engine) -> None:
    a = engine.ask("市政府办公室那篇讲话讲了几个问题？第二个问题是什么")
    assert "分为2个部分" in a.text and a.hits[0].unit.text.startswith("二、今后一个阶段")
    _markers_match_citations(a)
    # 每部分讲什么 only restates 分了几个部分: answered as one question, exactly as before.
    whole = engine.ask("第一篇讲话分了几个部分?每部分讲什么")
    assert whole.text.count("分为4个部分") == 1 and whole.plan["intent"] == "outline"


def test_a_second_clause_naming_no_speech_stays_with_the_first(texts: Engine) -> None:
    a = texts.ask("顾宁远那篇文章开头是从哪儿说起的？收尾又号召大家干什么？")
    assert "全会提出" in a.text and "幸福家园" in a.text
    assert {c.unit.speech_no for c in a.citations} == {texts.plan("顾宁远那篇文章").speech_no}


# ---- several ordinals ----------------------------------------------------------------------
@pytest.mark.parametrize("question,wanted", [
    ("第二篇讲话的第三部分和第四部分各讲了什么", ("担当作为", "风清气正")),
    ("第2篇第三部分、第四部分分别讲的是啥", ("担当作为", "风清气正")),
    ("第三篇讲话的第一部分和最后一部分各是什么", ("高度重视", "注重实效")),
])
def test_two_ordinals_are_both_answered(engine: Engine, question: str, wanted: tuple[str, str]) -> None:
    plan = engine.plan(question)
    assert plan.nth_item is not None and len(plan.more_nth) == 1
    a = engine.ask(question)
    assert all(w in a.text for w in wanted) and a.text.index(wanted[0]) < a.text.index(wanted[1])
    _markers_match_citations(a)


def test_first_and_last_speaker_of_a_digest(texts: Engine) -> None:
    a = texts.ask("群众文化座谈会的发言摘要,打头的是谁的发言,压轴的又是谁?")
    assert "孙晓明" in a.text and "赵文涛" in a.text and "钱丽华" not in a.text


def test_an_ordinal_part_and_an_item_inside_it_stay_one_question(engine: Engine) -> None:
    plan = engine.plan("第二部分第三点是什么")
    assert plan.within_part == 2 and plan.nth_item == 3 and plan.more_nth == ()


# ---- several speeches side by side ---------------------------------------------------------
@pytest.mark.parametrize("question", ["五篇讲话各自的主题是什么", "这几篇讲话分别讲了什么", "每篇讲话的主要内容是什么",
                                      "各篇讲话的重点有什么不同"])
def test_each_speech_outlined_side_by_side(engine: Engine, question: str) -> None:
    a = engine.ask(question)
    assert a.plan["intent"] == "compare" and not a.abstained
    assert {c.unit.speech_no for c in a.citations} == {s.no for s in engine.corpus.speeches}
    blocks = a.text.split("\n\n")
    assert len(blocks) == len(engine.corpus.speeches)
    assert all(b.startswith(engine.speech_title(s.no)) for b, s in zip(blocks, engine.corpus.speeches))


@pytest.mark.parametrize("question", ["第一篇和第三篇讲话有什么不同", "比较一下第一篇和第三篇", "第1篇跟第3篇的区别在哪"])
def test_two_speeches_compared_by_their_outlines(engine: Engine, question: str) -> None:
    a = engine.ask(question)
    assert {c.unit.speech_no for c in a.citations} == {1, 3}
    assert "政治自觉" in a.text and "升华认识" in a.text
    assert any("供比较" in n for n in a.notes)


def test_a_subject_of_its_own_across_speeches_is_still_grouped_by_speech(engine: Engine) -> None:
    plan = engine.plan("几篇讲话分别是怎么谈换位思考的?")
    assert not plan.outline and plan.intent == "compare"


def test_speeches_without_headings_side_by_side(texts: Engine) -> None:
    a = texts.ask("这几篇讲话各自的主题是什么")
    assert {c.unit.speech_no for c in a.citations} == {s.no for s in texts.corpus.speeches}
    assert "植树造林" in a.text or "植树动员会" in a.text


# ---- readings the clauses lean on ----------------------------------------------------------
@pytest.mark.parametrize("question", ["孙晓明说有几项工作要着力推进？", "孙晓明那段讲了几项要推进的工作"])
def test_a_list_announced_without_a_colon(texts: Engine, question: str) -> None:
    a = texts.ask(question)
    assert not a.partial and a.plan["intent"] == "list"
    assert all(x in a.text for x in ("完善场馆设施", "培育文艺骨干", "丰富活动内容"))


def test_items_counted_past_a_modifier_are_a_list_not_a_figure(texts: Engine) -> None:
    plan = texts.plan("钱丽华提了几个有待解决的问题?")
    assert plan.wants_list and plan.answer_type is None
    assert texts.plan("表彰了多少个先进集体?").answer_type == "number"   # a count of things, not items


def test_who_chaired_a_meeting_the_report_never_says(texts: Engine) -> None:
    a = texts.ask("植树动员会那篇,会议是谁主持的?")
    assert a.partial and a.reason == "event_absent:主持" and "没有提到由谁主持" in a.text
    told = texts.ask("老干部迎春座谈会那篇,谁主持的?")
    assert not told.partial and "吴海平" in told.text


def test_a_speech_described_after_its_reference(texts: Engine) -> None:
    plan = texts.plan("顾宁远那篇学习全会精神体会的长文,正文分了几个部分?")
    assert plan.outline
    a = texts.ask("顾宁远那篇学习全会精神体会的长文,正文分了几个部分?")
    assert "社区治理是时代的课题" in a.text and "社区治理必须遵循的原则" in a.text


def test_a_list_inside_a_part_named_by_the_questions_words(texts: Engine) -> None:
    a = texts.ask("顾宁远那篇第一部分讲把居民联系在一起的纽带,一共几条,分别是什么?")
    assert all(x in a.text for x in ("共同的居住环境", "邻里守望", "公共服务"))
    # The part's own items, when their words are the question's, stay the answer.
    b = texts.ask("顾宁远那篇第二部分讲推进社区治理必须坚持什么,列了几条?")
    assert all(x in b.text for x in ("党建引领", "居民自治", "依法办事"))


# ---- a reference that names no speech, a speaker by position, an organisation ----------------
@pytest.mark.parametrize("question,k", [("第3条要求是什么", 3), ("第二点是什么", 2), ("最后一部分讲了什么", -1)])
def test_an_ordinal_naming_no_speech_answers_from_each(engine: Engine, question: str, k: int) -> None:
    a = engine.ask(question)
    assert not a.abstained and any("没有指明是哪篇讲话" in n for n in a.notes)
    lines = a.text.splitlines()
    assert len(lines) == len({c.unit.speech_no for c in a.citations}) >= 3
    for line, c in zip(lines, a.citations):
        parts = engine.corpus.speech(c.unit.speech_no).outline(1)
        assert c.unit.id == parts[k - 1 if k > 0 else k].id and line.startswith(engine.speech_title(c.unit.speech_no))


def test_a_question_with_its_own_subject_is_not_answered_from_each(engine: Engine) -> None:
    a = engine.ask("项目攻坚破难活动的第3条是什么")
    assert not any("没有指明是哪篇讲话" in n for n in a.notes)


def test_the_second_speaker_after_a_list_of_speakers(texts: Engine) -> None:
    from assistant.results import Turn

    q = "市文化馆举办的群众文化工作座谈会上有哪几位发言?"
    first = texts.ask(q)
    assert all(name in first.text for name in ("孙晓明", "钱丽华", "赵文涛"))
    for follow in ("那第二位呢", "第二位讲了什么"):
        a = texts.ask(follow, history=[Turn(q, first)])
        assert a.plan["follow_up"] and a.text.startswith("区文化站站长钱丽华") and "基层文化队伍" in a.text


def test_which_organisation_is_not_a_place(engine: Engine) -> None:
    assert engine.plan("第四篇讲话是哪个单位的讲话").answer_type == "organization"
    assert engine.plan("这项工作由哪个部门牵头?").answer_type == "organization"
    assert engine.plan("会议在哪个城市召开?").answer_type == "place"
    a = engine.ask("第四篇讲话是哪个单位的讲话")
    assert "地点" not in a.text and "办公室" in a.text


def test_someone_a_report_names_but_never_quotes(texts: Engine) -> None:
    a = texts.ask("老干部迎春座谈会那篇,吴海平讲了什么?")
    assert a.partial and a.reason == "not_reported:吴海平"
    spoke = texts.ask("老干部迎春座谈会那篇,郑国强讲了什么?")
    assert not spoke.partial and "郑国强" in spoke.text


# ---- a digest's speakers, a report's speaker, an office ------------------------------------
@pytest.mark.parametrize("question,name", [("孙晓明后面是谁发言?", "钱丽华"), ("钱丽华之后是谁发言", "赵文涛"),
                                           ("赵文涛前面是谁发言?", "钱丽华"), ("第二位发言的是谁", "钱丽华")])
def test_a_speaker_next_to_another_or_by_position(texts: Engine, question: str, name: str) -> None:
    a = texts.ask(question)
    assert a.text.split("(")[0].endswith(name) and len(a.citations) == 1


def test_how_many_spoke_lists_them(texts: Engine) -> None:
    a = texts.ask("一共有几位发言?")
    assert a.text.startswith("共3位") and all(n in a.text for n in ("孙晓明", "钱丽华", "赵文涛"))


def test_who_spoke_then_what_they_said(texts: Engine) -> None:
    a = texts.ask("文化站的发言人是谁?她讲了什么")
    first, _, rest = a.text.partition("\n\n")
    assert "钱丽华" in first and "基层文化队伍" in rest


def test_who_gave_a_report_s_speech_and_an_office(texts: Engine) -> None:
    a = texts.ask("植树动员会那篇是谁讲的话?")
    assert "周建华" in a.text and not a.abstained
    b = texts.ask("周建华是什么职务?")
    assert b.plan["intent"] == "lookup" and "市长" in b.text.split("[")[0]
    c = texts.ask("孙晓明是哪个单位的?")
    assert "市文化馆" in c.text and not c.partial


def test_people_who_did_something_the_report_names_none_of(texts: Engine) -> None:
    a = texts.ask("植树动员会上代表发言的那几位都是谁?")
    assert a.abstained or a.partial


_PAPER = """社区志愿服务温暖人心
本报讯　记者林晓报道：春节期间，全市各社区志愿者走访慰问困难群众，送去米面油和节日问候。
志愿者们表示，要把志愿服务坚持下去，让更多群众感受到社会的温暖。
"""


def test_who_wrote_a_report_is_its_reporter(tmp_path: Path) -> None:
    (tmp_path / "paper.txt").write_text(_PAPER, encoding="utf-8")
    eng = Engine.load([tmp_path], use_cache=False)
    a = eng.ask("这篇报道是谁写的?")
    assert "林晓" in a.text and not a.abstained


def test_the_book_a_speech_mentions_is_no_missing_term(engine: Engine) -> None:
    a = engine.ask("第四篇提到的那本书叫什么")
    assert not a.partial and "《于丹<论语>心得》" in a.text


@pytest.mark.parametrize("question,nos", [("第一篇和第五篇的最后一部分各有几条,分别是啥?", {1, 5}),
                                          ("每篇的第三部分都讲的啥?", {1, 2, 3, 5})])
def test_the_nth_part_of_several_speeches(engine: Engine, question: str, nos: set[int]) -> None:
    a = engine.ask(question)
    assert not a.abstained and {c.unit.speech_no for c in a.citations} == nos
    if 4 not in nos and "每篇" in question:
        assert any("没有第3部分" in n for n in a.notes)   # the fourth speech has two parts


@pytest.mark.parametrize("question", ["宁乡那篇和第二篇有什么不一样?", "第三篇和第二篇有什么不一样?", "第二篇和宁乡那篇讲话有什么区别?"])
def test_two_speeches_compared_in_either_order_are_outlined_side_by_side(engine: Engine, question: str) -> None:
    a = engine.ask(question)
    assert a.plan["intent"] == "compare" and set(a.plan["speech_candidates"]) == {2, 3}, a.plan
    assert "(第二篇)分为" in a.text and "(第三篇)分为" in a.text, a.text
