"""Articles printed whole, parted by short unnumbered lines: a signed survey whose part lines are
two clauses (坚持…不放松,提升…) and a signed essay whose parts open with an introduction, run
through points whose topic sentences are built alike, and sum up. How a reader asks for them:
the parts, the points of a part without the paragraphs around them, a quoted phrase with a gap
(“坚持……不放松”), a counted colon (四条:…), a part named by what its opening paragraph says, and
the article named by its bare title. The texts are written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.engine import Engine

_SURVEY = """坚持改革让老厂焕发新生——关于红星机械厂改制的调查
张立平李文
加快推进国有企业改革，是当前经济工作的一项重要任务，也是全社会普遍关心的问题。
红星机械厂是省属老企业，现有职工三千余人，前些年一度陷入亏损，这几年面貌焕然一新。
坚持技术进步不放松，提升产品竞争力
技术进步是企业发展的根本动力，也是老企业走出困境的必由之路。红星厂把每年销售收入的百分之五投入研发，产品更新换代明显加快。
实行产学研结合，加快新品开发。厂里与三所高校共建研究中心，去年推出新产品十一种。
推进设备更新，提高加工精度。全厂数控设备的比重由两成提高到六成，废品率大幅下降。
坚持以质取胜，打响自有品牌。厂里推行全面质量管理，红星牌机床成为省名牌产品。
坚持管理创新不放松，激发企业内部活力
管理创新涉及企业的方方面面，是向管理要效益的关键，红星厂在这方面下了很大功夫。厂里精简机关科室，推行竞争上岗，中层干部能上能下。
管理创新的办法大致可分为三种类型：（１）组织创新。精简机关科室，推行竞争上岗。（２）制度创新。建立全员劳动合同制度，工资同效益挂钩。（３）技术管理创新。推行计算机辅助管理，库存大为减少。
按照考核对象的不同，可以把厂里的考核划分为三种类型：１．班组考核，指对生产班组的产量和质量考核；２．科室考核，指对机关科室的服务考核；３．干部考核，指对中层干部的业绩考核。
坚持共同富裕不放松，实现厂兴人富
共同富裕是社会主义的本质要求，红星厂在发展生产的同时，不断提高职工收入，为职工办了许多实事。
"""

_ESSAY = """论乡风文明
周海峰
党的十五大提出，要建设有中国特色社会主义的文化。乡风文明，就是我们概括的作为一个整体的四条：崇德向善，移风易俗，邻里和睦，勤俭节约。
乡风文明是乡村振兴的灵魂
乡风文明是乡村振兴的重要内容，关系到亿万农民的精神面貌。全市提出了三个奋斗目标：到本世纪末，村村建起文化活动场所，基本刹住大操大办之风；再经过十年的努力，到二〇一〇年的时候，文明村镇占到八成以上；在此基础上，到下世纪中叶，全面实现乡风文明。
一个村子富不富，看产业；美不美，看乡风。乡风好了，产业发展也有了好环境。
乡风文明建设离不开农民群众的参与，农民是乡风文明建设的主体。
在实践中探索乡风建设的路子
乡风文明的成效，桐乡的干部群众体会最深。近几年，我们认真总结经验，依靠群众，把乡风建设同发展经济结合起来，走出了一条新路。
移风易俗与村规民约相结合，推动乡风建设落地。各村把红白喜事的标准写进村规民约，由红白理事会监督执行。
因地制宜，突出特色，把文化礼堂作为乡风建设的阵地。每个村都建起文化礼堂，开展读书、戏曲、评议等活动。
以志愿服务为纽带，凝聚群众，拓宽乡风建设的渠道。全市注册志愿者已有三万多人，活跃在村村户户。
把难点当重点，常抓不懈，形成全社会乡风建设的合力。各级党委把乡风建设列入考核，部门挂钩帮扶后进村。
乡风建设是一项长期任务，我们取得了初步成效，也走出了一条路子，但必须看到，还有许多工作要做，需要持之以恒。
澄清误解扎实推进
推进乡风文明建设，在一些同志中间，有些认识问题需要进一步澄清。
“乡风文明是软任务，抓不抓无所谓吧？”其实，乡风关系人心，是实实在在的硬任务。
“农民忙着挣钱，哪有心思讲这些？”其实，越是富起来，越需要精神上的充实。
“搞这些活动，是不是形式主义？”其实，只要贴近群众需要，活动就有生命力。
只要我们坚持不懈、久久为功，在党的十五大精神指引下一步一个脚印地做下去，乡风文明建设就一定能够取得更大的成绩。
"""


def _engine(tmp_path_factory: pytest.TempPathFactory, name: str, texts: dict[str, str]) -> Engine:
    root: Path = tmp_path_factory.mktemp(name)
    for file, text in texts.items():
        (root / file).write_text(text, encoding="utf-8")
    return Engine.load([root], use_cache=False)


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return _engine(tmp_path_factory, "articles", {"1_survey.txt": _SURVEY, "2_essay.txt": _ESSAY})


def test_a_part_line_of_two_clauses_parts_the_article(engine: Engine) -> None:
    heads = [u.text for u in engine.corpus.speech(1).headings]
    assert heads == ["坚持技术进步不放松，提升产品竞争力", "坚持管理创新不放松，激发企业内部活力",
                     "坚持共同富裕不放松，实现厂兴人富"], heads
    answer = engine.ask("红星机械厂那篇调查分了哪几个部分?")
    assert answer.plan["intent"] == "outline" and "提升产品竞争力" in answer.text, answer.text


@pytest.mark.parametrize("question", ["红星厂那篇调查是围绕哪三个“坚持……不放松”来写的?",
                                      "关于红星机械厂的调查讲了哪几个“坚持…不放松”?"])
def test_a_quoted_phrase_with_a_gap_names_the_parts_that_say_it(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    for part in ("技术进步", "管理创新", "共同富裕"):
        assert part in answer.text, answer.text
    assert answer.citations and all(c.unit.kind == "heading" for c in answer.citations), answer.citations


@pytest.mark.parametrize(("question", "points", "not_points"), [
    ("论乡风文明在实践中探索路子那一部分提了哪几条做法?",
     ["移风易俗与村规民约相结合", "文化礼堂", "志愿服务", "把难点当重点"], ["体会最深", "长期任务"]),
    ("红星机械厂的调查里，技术进步那部分讲了厂里哪几方面的做法?",
     ["实行产学研结合", "推进设备更新", "坚持以质取胜"], ["根本动力"]),
    ("论乡风文明最后一部分澄清了哪几种误解?",
     ["软任务", "哪有心思", "形式主义"], ["认识问题", "久久为功"]),
])
def test_the_points_of_a_part_leave_out_its_introduction_and_summing_up(
        engine: Engine, question: str, points: list[str], not_points: list[str]) -> None:
    answer = engine.ask(question)
    assert not answer.abstained, answer.text
    lines = [line for line in answer.text.splitlines() if line[:1].isdigit()]
    assert len(lines) == len(points), answer.text
    for point, line in zip(points, lines):
        assert point in line, answer.text
    for other in not_points:
        assert other not in answer.text, answer.text


@pytest.mark.parametrize(("question", "wanted"), [
    ("论乡风文明那篇，桐乡探索的几条做法中第二条是什么?", "文化礼堂"),
    ("桐乡探索的乡风建设路子有几条?最后一条是什么?", "部门挂钩帮扶"),
])
def test_a_part_named_by_what_its_opening_paragraph_says(engine: Engine, question: str, wanted: str) -> None:
    answer = engine.ask(question)
    assert wanted in answer.text, answer.text
    assert "体会最深" not in answer.text.splitlines()[0], answer.text


@pytest.mark.parametrize("question", ["乡风文明的四条分别是什么?", "周海峰说乡风文明包括哪四条?"])
def test_things_a_counted_colon_lists_are_the_items(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert not answer.abstained, answer.text
    items = [line.split(". ", 1)[1].split("[")[0] for line in answer.text.splitlines() if line[:1].isdigit()]
    assert items == ["崇德向善", "移风易俗", "邻里和睦", "勤俭节约"], answer.text


def test_a_bare_title_opening_the_question_names_the_article(engine: Engine) -> None:
    plan = engine.plan("论乡风文明举了文化礼堂的例子,是做什么用的?")
    assert plan.speech_no == 2 and plan.reference == "论乡风文明", plan
    # A title asked about as a question of its own keeps its words as the question's.
    assert engine.plan("乡风文明是乡村振兴的灵魂吗?").reference != "乡风文明是乡村振兴的灵魂"


@pytest.mark.parametrize(("question", "speech"), [
    ("张立平他们那篇调查讲了哪几个方面?", 1),         # a co-written piece by its first author
    ("张立平等人写的那篇文章分了几部分?", 1),
    ("那篇讲乡风文明的评论最后一部分说了什么?", 2),   # the kind of piece a reader calls it
    ("红星机械厂那篇调查的第二部分讲了什么?", 1),
])
def test_a_piece_named_by_its_authors_or_its_kind(engine: Engine, question: str, speech: int) -> None:
    assert engine.plan(question).speech_no == speech, engine.plan(question)


@pytest.mark.parametrize(("question", "first", "other"), [
    ("红星厂的管理创新办法大致分成哪几种类型?", "组织创新", "班组考核"),
    ("红星机械厂把考核划分为哪几种类型?", "班组考核", "组织创新"),
])
def test_of_two_inline_lists_the_one_whose_lead_says_the_question(
        engine: Engine, question: str, first: str, other: str) -> None:
    answer = engine.ask(question)
    lines = [line for line in answer.text.splitlines() if line[:1].isdigit()]
    assert len(lines) == 3 and first in lines[0], answer.text
    assert other not in answer.text, answer.text


@pytest.mark.parametrize("question", ["论乡风文明说全市提出了三个奋斗目标，分别是什么?",
                                      "周海峰那篇评论里全市的三个奋斗目标都是什么?"])
def test_a_count_the_question_tells_finds_the_parts_after_the_colon(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    lines = [line for line in answer.text.splitlines() if line[:1].isdigit()]
    assert len(lines) == 3, answer.text
    for line, said in zip(lines, ("村村建起文化活动场所", "文明村镇占到八成以上", "全面实现乡风文明")):
        assert said in line, answer.text   # a clause that only says when names no item


@pytest.mark.parametrize("question", ["红星厂那篇调查的第一条说坚持技术进步不放松，具体有哪些做法?",
                                      "红星机械厂那篇调查，第一条讲技术进步不放松，都提了哪些做法?"])
def test_an_ordinal_the_words_go_on_to_describe_is_that_part(engine: Engine, question: str) -> None:
    # 第一条说…: the first part is the 条, so its points are asked, not the first point inside it.
    answer = engine.ask(question)
    for said in ("实行产学研结合", "推进设备更新", "坚持以质取胜"):
        assert said in answer.text, answer.text


_REPORT = """农家书屋建设调研报告
周立新　陈敏
为了解农家书屋的使用情况，我们走访了全县十二个行政村，同村干部和群众座谈。
书籍不合需要
不少书屋的书是统一配送的，农民想看的种养技术书很少，大部头的理论书却摆了好几排，很少有人借。
开放时间太短
多数书屋只在工作日白天开门，农民白天下地干活，晚上想来却进不了门，一年借出的书不到一百本。
几点建议
一是按需配书，每年请村民投票选一次书目。二是延长开放时间，可以请退休教师或大学生志愿者值班。三是把书屋和村里的文化广场、便民服务点放在一起，让人顺路就能进来。
书屋办得好不好，关键看有没有人来、来了有没有收获。
"""


@pytest.fixture(scope="module")
def report_engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return _engine(tmp_path_factory, "report", {"1_survey.txt": _SURVEY, "2_report.txt": _REPORT})


@pytest.mark.parametrize("question", ["调研报告是谁写的?", "那篇调研报告分几个部分?"])
def test_a_report_named_by_its_kind(report_engine: Engine, question: str) -> None:
    assert report_engine.plan(question).speech_no == 2, report_engine.plan(question)


@pytest.mark.parametrize("question", ["调研报告提了几条建议?", "书屋那篇提了哪几条建议?",
                                      "那篇调研报告的第三部分讲什么?"])
def test_a_part_whose_points_stand_in_one_paragraph_before_a_closing_line(report_engine: Engine, question: str) -> None:
    # 几点建议: 一是…三是… in its first paragraph, a closing line after it (no fourth point).
    answer = report_engine.ask(question)
    lines = [line for line in answer.text.splitlines() if line[:1].isdigit()]
    assert len(lines) == 3, answer.text
    for line, said in zip(lines, ("按需配书", "延长开放时间", "文化广场")):
        assert said in line, answer.text


def test_a_quoted_phrase_with_a_gap_is_not_a_missing_term(engine: Engine) -> None:
    answer = engine.ask("文章里说“坚持……不放松”,都坚持什么?")
    assert not answer.abstained and "没有出现" not in answer.text, answer.text   # its pieces are said


def test_this_speech_asked_first_of_several_outlines_each_and_says_why(report_engine: Engine) -> None:
    answer = report_engine.ask("这篇分几个部分?")
    assert not answer.abstained, answer.text
    for head in ("坚持技术进步不放松", "几点建议"):
        assert head in answer.text, answer.text
    assert any("没有指明是哪篇" in note for note in answer.notes), answer.notes
