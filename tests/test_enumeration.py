"""Points enumerated without headings (第一，…第二，… / 一是 / 一要 / （一） / 首先…其次…), as
newspaper speeches carry them, and the answers built on them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.corpus import parse_text
from assistant.engine import Engine
from assistant.enumeration import enumerations, opening_point, paragraph_enumerations


@pytest.mark.parametrize("text, family, labels", [
    ("他强调要做到三点。第一，高举旗帜，坚定信念。要坚持理论武装。第二，奋发向上。第三，甘于奉献。",
     "ordinal", ["第一，高举旗帜，坚定信念", "第二，奋发向上", "第三，甘于奉献"]),
    ("他强调要做到三点:第一,高举旗帜;第二,奋发向上;第三,甘于奉献。",      # ASCII punctuation
     "ordinal", ["第一,高举旗帜", "第二,奋发向上", "第三,甘于奉献"]),
    ("金融部门要落实会议要求。一要执行稳健的货币政策。二要深化金融体制改革。三要加强金融监管。",
     "yao", ["一要执行稳健的货币政策", "二要深化金融体制改革", "三要加强金融监管"]),
    ("主要看两条：一是要看成因；二是要看后果。", "shi", ["一是要看成因", "二是要看后果"]),
    ("重点做好以下工作：（一）抓教育。（二）抓制度。（三）抓监督。",
     "paren", ["（一）抓教育", "（二）抓制度", "（三）抓监督"]),
    ("危害是显而易见的。首先，它腐蚀干部。其次，导致小金库。再次，助长不正之风。",
     "sequence", ["首先，它腐蚀干部", "其次，导致小金库", "再次，助长不正之风"]),
    ("要严加制止。首先，要教育干部。其二，加强审计监督。其三，加强法纪约束。",
     "qi", ["首先，要教育干部", "其二，加强审计监督", "其三，加强法纪约束"]),
    ("谈三点看法。第一点，要重视艺术性。第二点，要重视思想性。第三条，要深入生活。",
     "ordinal", ["第一点，要重视艺术性", "第二点，要重视思想性", "第三条，要深入生活"]),
    ("首先要统一思想，其次要加强领导，最后要狠抓落实。",
     "sequence", ["首先要统一思想", "其次要加强领导", "最后要狠抓落实"]),
])
def test_points_inside_a_paragraph(text: str, family: str, labels: list[str]) -> None:
    found = [e for e in enumerations(text) if e.family == family]
    assert len(found) == 1
    assert found[0].labels == labels


def test_the_lead_sentence_and_nested_enumerations() -> None:
    text = ("他要求领导干部起表率作用。第一，发扬艰苦奋斗的传统。第二，管好配偶子女。对他们要“约法三章”。"
            "一要经常教育；二要防微杜渐；三要不徇私情。第三，负起领导责任。")
    found = {e.family: e for e in enumerations(text)}
    assert found["ordinal"].lead == "他要求领导干部起表率作用"
    assert len(found["ordinal"].points) == 3
    # The 一要 run inside the second point is a list of its own, announced by its own sentence.
    assert found["yao"].lead == "对他们要“约法三章”"
    assert found["yao"].labels == ["一要经常教育", "二要防微杜渐", "三要不徇私情"]
    # The second point runs to the third's marker; its text holds the nested run.
    assert "不徇私情" in found["ordinal"].points[1].text
    assert found["ordinal"].points[2].sentences() == "第三，负起领导责任。"


@pytest.mark.parametrize("text", [
    "全国统一是大势所趋，第一次会议在北京举行。",          # 一是 inside a word, 第一 without a comma
    "第一，要抓好产业发展。",                               # one point is no list
    "一是抓产业。三是抓人才。",                              # not consecutive
    "其次，我们还要看到困难。",                              # 其次 without 首先
    "他首先发言，其他同志随后发言。",                        # 首先 as an adverb, no 其次
])
def test_no_points_where_there_is_no_run(text: str) -> None:
    assert enumerations(text) == []


def test_paragraphs_that_open_with_markers_are_one_run() -> None:
    text = """正确认识当前物价形势
马凯
从原因看，近几年经济运行出现三个显著变化。
第一，经济总量关系发生了深刻变化，这是根本原因。物价问题本质上是总量问题。
第二，粮食生产连年丰收，这是直接原因。
（Ａ、Ｂ）
第三，商品市场发生了由卖方市场到买方市场的历史性转变，这是重要原因。
从后果看，经济没有滑坡。
"""
    speech = parse_text(text, "/x/price.txt")[0]
    runs = paragraph_enumerations(speech.units)
    assert len(runs) == 1
    family, paragraphs = runs[0]
    assert family == "ordinal"
    assert [p.text[:3] for p in paragraphs] == ["第一，", "第二，", "第三，"]
    opening = opening_point(paragraphs[2].text)
    assert opening is not None and opening[1] == 3
    assert opening[2].label == "第三，商品市场发生了由卖方市场到买方市场的历史性转变，这是重要原因"
    assert opening_point("从后果看，经济没有滑坡。") is None


def test_a_run_breaks_at_a_long_gap_or_a_wrong_number() -> None:
    # A point may run on over a few paragraphs of its own; nine between two points is no run,
    # nor is a 第一 that restarts before 第三.
    text = "题目\n第一，甲。\n" + "乙。\n" * 9 + "第二，戊。\n第一，己。\n第三，庚。\n"
    speech = parse_text(text, "/x/gap.txt")[0]
    assert paragraph_enumerations(speech.units) == []


def test_points_that_run_on_over_paragraphs_are_one_run() -> None:
    text = "题目\n首先，甲。\n乙。\n丙。\n其次，丁。\n戊。\n再次，己。\n最后，庚。\n"
    speech = parse_text(text, "/x/run.txt")[0]
    [(family, paragraphs)] = paragraph_enumerations(speech.units)
    assert family == "sequence" and [u.text[:2] for u in paragraphs] == ["首先", "其次", "再次", "最后"]


# A headless corpus in the newspaper's layout, written for this test: points inside paragraphs
# (第一，… / 一要… / 首先…其次…) and paragraphs that open with 第一，/第二，/第三，.
_MEETING = """在全市廉政建设工作会议上的讲话
王建国
（二〇二四年一月十日）
同志们：
过去一年，全市廉政建设取得了新的进展，群众满意度明显提高。
我要求各级领导干部在廉洁自律中一定要起表率作用。第一，带头艰苦奋斗，坚决反对铺张浪费。领导干部要带头过紧日子。第二，管好配偶子女，树立良好家风。对配偶子女要“约法三章”。一要经常进行教育；二要防微杜渐；三要不徇私情。第三，切实负起领导责任。要把廉政建设摆上重要议事日程。
公款送礼的危害是显而易见的。首先，它腐蚀干部，败坏党风。其次，导致账外账、小金库屡禁不止。再次，助长跑官买官的不正之风。
今年要重点抓好以下几个方面的工作：
要加强廉政教育，增强拒腐防变能力。
要健全制度，堵塞管理漏洞。
要强化监督，让权力在阳光下运行。
同志们，让我们共同努力，把廉政建设推向新的水平。
"""
_REPORT = """正确认识当前物价形势
李明
去年物价总水平继续平稳回落。
从原因看，近几年经济运行出现了三个显著变化。
第一，经济总量关系发生了由总供求严重失衡到总供求基本平衡的深刻变化，这是价格涨幅趋低的根本原因，前几年经济过热导致了通货膨胀。
第二，粮食生产发生了由一度徘徊到连年丰收的重大变化，这是价格涨幅趋低的直接原因，农产品价格对价格总水平影响很大。
第三，商品市场发生了由卖方市场到买方市场的历史性转变，这是价格涨幅趋低的重要原因，市场对价格形成已起主导作用。
总之，当前价格涨幅趋低是合乎规律的。
"""


def _engine_of(tmp_path_factory: pytest.TempPathFactory, name: str, files: dict[str, str]) -> Engine:
    root = tmp_path_factory.mktemp(name)
    for file_name, text in files.items():
        (root / file_name).write_text(text, encoding="utf-8")
    return Engine.load([root], use_cache=False)


@pytest.fixture(scope="module")
def headless_engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return _engine_of(tmp_path_factory, "headless", {"meeting.txt": _MEETING, "report.txt": _REPORT})


def _cited(answer) -> set[str]:  # type: ignore[no-untyped-def]
    return {c.unit.text[:7] for c in answer.citations}


def test_outline_of_a_headless_speech_lists_its_points(headless_engine: Engine) -> None:
    a = headless_engine.ask("在全市廉政建设工作会议上的讲话分为哪几个部分?")
    assert not a.partial and not a.abstained
    assert "依次列出3点" in a.text
    for words in ("带头艰苦奋斗", "管好配偶子女", "切实负起领导责任"):
        assert words in a.text
    assert "过去一年" not in a.text      # not the first-sentences fallback
    assert _cited(a) == {"我要求各级领导"}


def test_outline_of_paragraph_points_cites_each_paragraph(headless_engine: Engine) -> None:
    a = headless_engine.ask("正确认识当前物价形势这篇文章分成几个部分?")
    assert [c.unit.text[:3] for c in a.citations[:3]] == ["第一，", "第二，", "第三，"]
    assert "买方市场" in a.text


@pytest.mark.parametrize("question, expected, absent", [
    ("王建国要求领导干部在廉洁自律中起表率作用，讲了哪几点?", ["带头艰苦奋斗", "管好配偶子女", "负起领导责任"], "经常进行教育"),
    ("对配偶子女的“约法三章”是哪三条?", ["一要经常进行教育", "二要防微杜渐", "三要不徇私情"], "带头艰苦奋斗"),
    ("公款送礼有哪些危害?", ["腐蚀干部", "小金库", "跑官买官"], "廉政教育"),
    ("今年要重点抓好哪几个方面的工作?", ["加强廉政教育", "健全制度", "强化监督"], "小金库"),
    ("近几年经济运行出现了哪三个显著变化?", ["总供求", "连年丰收", "买方市场"], "总之"),
])
def test_list_questions_pick_the_enumeration_the_words_name(headless_engine: Engine, question: str,
                                                            expected: list[str], absent: str) -> None:
    a = headless_engine.ask(question)
    assert re.match("(?:「[^」]+」)?共", a.text), a.text   # (「约法三章」共三条: the term the list is)
    for words in expected:
        assert words in a.text, a.text
    assert absent not in a.text


@pytest.mark.parametrize("question, expected, absent, said", [
    ("王建国讲领导干部起表率作用，第二点是什么?", "管好配偶子女", "带头艰苦奋斗", "列举的第2点"),
    ("起表率作用的最后一点是什么?", "切实负起领导责任", "管好配偶子女", "列举的第3点"),
    # The speech named, and its words name the points: the second of them.
    ("物价形势那篇讲的三个显著变化中，第二个是什么?", "粮食生产", "卖方市场", "列举的第2点"),
])
def test_the_nth_point(headless_engine: Engine, question: str, expected: str, absent: str, said: str) -> None:
    a = headless_engine.ask(question)
    assert expected in a.text, a.text
    assert absent not in a.text
    assert said in a.text


def test_a_followup_takes_the_nth_of_the_points_one_paragraph_listed(headless_engine: Engine) -> None:
    from assistant.results import Turn

    question = "对配偶子女的“约法三章”是哪三条?"
    first = headless_engine.ask(question)
    assert len({s.citations[0] for s in first.sentences}) == 1   # three points, one paragraph
    second = headless_engine.ask("那第二点呢?", history=[Turn(question, first)])
    assert second.text.startswith("第2点是:二要防微杜渐"), second.text
    last = headless_engine.ask("最后一点呢?", history=[Turn(question, first)])
    assert "三要不徇私情" in last.text and "防微杜渐" not in last.text


@pytest.mark.parametrize("opening", ["一是", "一要", "二是", "三要", "（一）", "第一，", "首先，", "其一，"])
def test_a_paragraph_that_is_only_or_opens_with_a_marker_is_read(opening: str) -> None:
    # 一是 / 一要 are markers only before a character; the paragraph's own text must be enough
    # to read them (cutting the text at the marker once lost the character after it).
    mark = opening_point(opening + "加强领导,落实责任。")
    assert mark is not None and mark[1] in (1, 2, 3) and mark[2].text.endswith("落实责任。")
    assert opening_point(opening) is None or opening in ("（一）", "第一，", "首先，", "其一，")


def test_a_headless_speech_whose_paragraphs_open_with_yi_shi_is_answered(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "talk.txt").write_text(
        "在全县安全生产会议上的讲话\n张明\n今年安全生产要抓好三件事。\n一是压实责任,层层签订责任书。\n"
        "二是排查隐患,每月检查一次。\n三是强化培训,人人持证上岗。\n同志们,安全无小事。\n", encoding="utf-8")
    engine = Engine.load([tmp_path], use_cache=False)
    for question in ("这篇讲话分为哪几个部分?", "安全生产要抓好哪几件事?", "第二点是什么?"):
        answer = engine.ask(question)
        assert not answer.abstained, (question, answer.text)
    assert "排查隐患" in engine.ask("第二点是什么?").text


@pytest.mark.parametrize(("question", "text", "items"), [
    ("县里有哪三大特色产业?", "我们县有茶叶、竹笋、高山蔬菜三大特色产业,但长期以来存在问题。", ["茶叶", "竹笋", "高山蔬菜"]),
    ("要聚焦哪三个领域?", "要聚焦危险化学品、建筑施工、燃气使用三个领域,开展专项整治。", ["危险化学品", "建筑施工", "燃气使用"]),
    ("投资时要考虑哪几大要素?", "选择投资时必须考虑产业布局、区位优势、优惠政策、人文环境等四大要素。",
     ["产业布局", "区位优势", "优惠政策", "人文环境"]),
    ("重点抓好哪两项工作?", "今年重点抓好招商引资和项目建设两项工作。", ["招商引资", "项目建设"]),
    ("有哪几类问题?", "主要解决庸、懒、散、拖四类问题。", ["庸", "懒", "散", "拖"]),
])
def test_things_a_sentence_names_and_counts(question: str, text: str, items: list[str]) -> None:
    from assistant.results import Hit
    from assistant.structure import counted_items

    unit = parse_text(f"标题\n{text}\n", "/x/a.txt")[0].units[-1]
    found = counted_items(question, None, [Hit(unit, 1.0, "标题", [])])
    assert found is not None and found[1] == items
    # A number that disagrees with the question's, or another noun, is not the answer.
    assert counted_items(question.replace("哪", "哪九").replace("九几", "九").replace("九三", "九").replace("九两", "九"),
                         9, [Hit(unit, 1.0, "标题", [])]) is None
    assert counted_items("有哪三大优势?", None, [Hit(unit, 1.0, "标题", [])]) is None


# A paragraph by its position: 第N段 / 最后一段 always; 开头 / 结尾 of a speech without heading
# lines is its first or last paragraph (not its first numbered point).
@pytest.mark.parametrize("question, expected, absent", [
    ("物价形势那篇文章的第三段讲了什么?", "经济总量", "从原因看"),
    ("《正确认识当前物价形势》第2段说的是啥", "从原因看", "第一，经济总量"),
    ("正确认识当前物价形势这篇文章的开头说了什么?", "去年物价总水平", "第一，经济总量"),
    ("物价形势一文开头是怎么写的", "去年物价总水平", "第一，经济总量"),
    ("正确认识当前物价形势的结尾讲了什么", "合乎规律", "买方市场"),
    ("物价形势那篇的最后一段是什么内容?", "合乎规律", "买方市场"),
    ("廉政建设工作会议上的讲话最后一段说了什么", "共同努力", "强化监督"),
])
def test_a_paragraph_by_its_position(headless_engine: Engine, question: str, expected: str, absent: str) -> None:
    a = headless_engine.ask(question)
    assert not a.abstained, a.text
    assert expected in a.text and absent not in a.text, a.text
    assert a.citations and expected in a.citations[0].unit.text
    assert a.plan is not None and a.plan["intent"] == "nth_point"


def test_the_nth_point_of_a_named_speech_is_not_taken_from_another(headless_engine: Engine) -> None:
    # The meeting speech lists no paragraph points; its 第三点 is among its inline points, never
    # the report's third paragraph point.
    a = headless_engine.ask("在全市廉政建设工作会议上的讲话第三点是什么?")
    assert "买方市场" not in a.text, a.text
    assert all(c.unit.speech_no == a.citations[0].unit.speech_no for c in a.citations)


@pytest.mark.parametrize("question", [
    "物价形势一文分为几个部分?",
    "正确认识当前物价形势这篇文章分成几个部分?",
])
def test_a_text_named_as_an_article_is_a_speech_reference(headless_engine: Engine, question: str) -> None:
    a = headless_engine.ask(question)
    assert a.plan is not None and a.plan["intent"] == "outline", a.plan
    assert "买方市场" in a.text


@pytest.mark.parametrize("question, expected, absent", [
    ("李明那篇文章倒数第二段讲了什么", "第三，商品市场", "总之"),           # by its author, counted from the end
    ("李明文章的开头第一句是什么", "去年物价总水平继续平稳回落", "从原因看"),
    ("王建国讲话的最后一句话是什么", "把廉政建设推向新的水平", "强化监督"),
])
def test_a_sentence_or_a_paragraph_counted_from_either_end(headless_engine: Engine, question: str,
                                                           expected: str, absent: str) -> None:
    a = headless_engine.ask(question)
    assert expected in a.text and absent not in a.text, a.text
    assert a.citations and expected in a.citations[0].unit.text


_ADDRESS = """迎接新的一年
我们即将送走旧岁，迎来新年。
今年是改革开放的关键一年，我们要继承和发扬优良传统。
我们要更好地坚持实事求是的思想路线。这是根本。
我们要更好地坚持以经济建设为中心。这是关键。
我们要更好地发扬密切联系群众的作风。这是保证。
新的一年，让我们团结奋斗。
"""
_COMMUNIQUE = """全市纪委全体会议公报
全会要求今年重点抓好三项工作。
第一，领导干部廉洁自律。
第二，查处违纪案件。
第三，纠正行业不正之风。
"""
_REPORT_OF_IT = """全市纪委全体会议在市委礼堂举行
全市纪委全体会议今天举行，书记在会上讲话。
他说，今年要坚持从严治党，继承和发扬优良传统。
"""


@pytest.fixture(scope="module")
def newspaper_engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return _engine_of(tmp_path_factory, "newspaper",
                      {"address.txt": _ADDRESS, "communique.txt": _COMMUNIQUE, "report.txt": _REPORT_OF_IT})


@pytest.mark.parametrize("question", ["我们要更好地坚持和发扬哪几条?", "迎接新的一年那篇提出要发扬哪些优良传统，分别是什么"])
def test_paragraphs_that_open_with_the_same_words_are_a_list(newspaper_engine: Engine, question: str) -> None:
    a = newspaper_engine.ask(question)
    assert a.text.startswith(("共三条", "共3项")), a.text   # 哪几条: counted in the question's unit
    for words in ("实事求是", "经济建设为中心", "密切联系群众"):
        assert words in a.text
    assert "旧岁" not in a.text   # the paragraph before the series is not one of it


def test_the_kind_of_text_narrows_a_reference(newspaper_engine: Engine) -> None:
    # Both titles hold 纪委全体会议; only one says it is a 公报.
    plan = newspaper_engine.plan("纪委全会公报的第二条是什么?")
    assert newspaper_engine.speech_title(plan.speech_no) == "全市纪委全体会议公报"
    a = newspaper_engine.ask("纪委全会公报的第二条是什么?")
    assert "查处违纪案件" in a.text, a.text


def test_an_abbreviation_of_one_word_items_names_them(tmp_path: Path) -> None:
    # 一是勤。二是廉。三是快。: a reader says 勤廉快, with or without quotes; a quoted word
    # names its item.
    (tmp_path / "work.txt").write_text(
        "机关作风建设讲话\n一、总体要求\n做好今年的工作,要突出三个字。\n"
        "一是勤。勤,就是勤勉敬业,不推不拖。\n二是廉。廉,就是清正廉洁,不贪不占。\n"
        "三是快。快,就是雷厉风行,今日事今日毕。\n二、保障措施\n要加强组织领导。\n", encoding="utf-8")
    engine = Engine.load([tmp_path], use_cache=False)
    for question in ("勤廉快是什么意思", "讲话说的“勤、廉、快”分别指什么"):
        a = engine.ask(question)
        assert [c.unit.heading for c in a.citations] == ["一是勤", "二是廉", "三是快"], a.text
    a = engine.ask("“勤廉快”里的“廉”具体是什么要求")
    assert "清正廉洁" in a.text and a.citations[0].unit.heading == "二是廉", a.text


@pytest.mark.parametrize(("question", "opening"), [
    ("全会要求今年重点抓好哪几条工作", "共三条"), ("全会要求今年重点抓好几点工作", "共三点"),
    ("全会要求今年重点抓好的工作分别是什么", "共3项")])
def test_a_list_is_counted_in_the_questions_unit(newspaper_engine: Engine, question: str, opening: str) -> None:
    # …and named as the text names it (全会要求今年重点抓好三项工作:).
    assert newspaper_engine.ask(question).text.startswith(opening + "(即讲话所说的三项工作):")


def test_a_long_speech_is_read_once_for_its_lists(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The N-th point of a named speech looks at all its lists: one pass over the speech, not
    # one per paragraph (a 300-paragraph speech took 0.2 s a question that way).
    from assistant import structure

    body = [f"第{i}段讲改革和发展的关系，要稳中求进。" for i in range(200)]
    body[50] = "今年要重点抓好以下几项工作：一是稳增长，二是促改革，三是惠民生。"
    (tmp_path / "long.txt").write_text("全市经济工作会议讲话\n市长 张明\n" + "\n".join(body) + "\n", encoding="utf-8")
    (tmp_path / "other.txt").write_text("全省农业工作讲话\n要抓好春耕生产。\n", encoding="utf-8")
    engine = Engine.load([tmp_path], use_cache=False)
    calls = []
    real = structure.paragraph_enumerations
    monkeypatch.setattr(structure, "paragraph_enumerations", lambda units: calls.append(1) or real(units))
    a = engine.ask("经济工作会议讲话的第三点是什么")
    assert "惠民生" in a.text and len(calls) <= 5, (a.text, len(calls))
    calls.clear()
    engine.ask("经济工作会议讲话的第二点是什么")
    assert len(calls) <= 4   # the speech's lists are kept


_VIEWS = """对戏剧发展的几点看法
剧协研究员林平
戏剧已走过九十年的历程，我想结合实际问题，谈三点看法。
第一点，既要强调艺术性，也要强调思想性。
优秀的剧作无不是艺术性和思想性结合的作品。
第二点，戏剧面临着由传统型向现代型转化的任务。
我认为，转化的具体做法是，以现代化为前提，以民族化为基础。
第三点，提倡艺术家深入生活。
脱离生活的作品显得干瘪枯燥。
"""


@pytest.fixture(scope="module")
def views_engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return _engine_of(tmp_path_factory, "views", {"views.txt": _VIEWS, "meeting.txt": _MEETING})


@pytest.mark.parametrize("question", ["林平一共讲了几点看法?每一点是什么意思?", "林平谈了哪几点看法", "林平提出了几点体会"])
def test_points_named_with_a_classifier_are_the_speechs_list(views_engine: Engine, question: str) -> None:
    # 第一点，/ 第二点，… paragraphs with an elaboration between them; 看法 / 体会 are items.
    a = views_engine.ask(question)
    assert [c.unit.text[:3] for c in a.citations[:3]] == ["第一点", "第二点", "第三点"], a.text


@pytest.mark.parametrize("question", ["林平讲的第二点具体主张怎么转化?", "林平第二点里说转化的具体做法是什么"])
def test_words_of_their_own_are_looked_for_inside_the_nth_point(views_engine: Engine, question: str) -> None:
    # The point runs from its own paragraph to the next point: the words are found in its body.
    a = views_engine.ask(question)
    assert a.citations[0].unit.text.startswith("我认为，转化的具体做法"), a.text
    assert "脱离生活" not in a.text


def test_a_list_of_a_named_thing_is_not_a_list_of_other_points(views_engine: Engine) -> None:
    # 哪些剧作 asks for works, not for the speech's 三点看法.
    a = views_engine.ask("林平说艺术性和思想性结合得好的是哪些剧作?")
    assert not a.text.startswith("共") and "优秀的剧作" in a.text, a.text


def test_first_then_next_opens_one_run_of_paragraphs() -> None:
    from assistant.corpus import Unit
    from assistant.enumeration import paragraph_enumerations
    texts = ["有待解决以下问题。", "首先，要建立学科。", "其次，要整理史料。", "再次，要办好刊物。"]
    units = [Unit(f"1.{i}", 1, i, "paragraph", t, ()) for i, t in enumerate(texts, 1)]
    runs = paragraph_enumerations(units)
    assert [[u.text[:2] for u in run] for _, run in runs] == [["首先", "其次", "再次"]]


def test_first_then_second_third_is_one_ordinal_run() -> None:
    from assistant.enumeration import enumerations
    runs = [e.labels for e in enumerations("要加强法制建设。首先，要制定法规。第二，要加强检查。第三，要加大宣传。")]
    assert ["首先，要制定法规", "第二，要加强检查", "第三，要加大宣传"] in runs
