"""Articles and symposium digests whose parts are headed by short unnumbered lines, and the
questions that lean on those parts: outlines, a part's parallel points, the opening and end of
an article named by a quoted word of its title, who attended, how long someone worked there.
The texts are written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.corpus import parse_text
from assistant.engine import Engine

_ARTICLE = """走好乡村振兴的必由之路
———学习全会精神关于农业农村工作的体会
林远山
全会提出：“坚持农业农村优先发展，加快推进农业农村现代化。”这一部署对做好今后的工作具有十分重要的意义，我们要认真学习领会，全面落实二十字方针。
乡村振兴是历史的选择
我国是一个农业大国，农业农村问题始终是关系国计民生的根本性问题，历史反复证明了这一点。
农民群众是乡村振兴的主体，他们的积极性决定着乡村振兴的成效，必须充分调动起来。
有学者指出：“把乡村各方力量维系在一起的纽带，主要有三个：一是土地的集体所有；二是相依共存的经济联系；三是世代传承的乡土文化。”
乡村振兴必须遵循的基本原则
全会为我们推进乡村振兴指明了方向，提出了必须遵循的原则。
推进乡村振兴，必须坚持农民主体地位。要尊重农民意愿，维护农民权益，让农民得到实惠。
各地的实践表明，凡是农民参与充分的地方，乡村建设的成效就好，群众的满意度也高。
推进乡村振兴，必须坚持因地制宜。各地自然条件差别很大，不能搞一刀切，要分类推进。
推进乡村振兴，必须坚持城乡融合发展。要打破城乡分割，促进要素双向流动，补齐农村短板。
乡村振兴离不开法治保障。首先，要抓紧制定配套法规。第二，要加强执法检查。第三，要加大涉农法律法规的宣传力度。
让我们紧密团结起来，为实现乡村全面振兴而努力奋斗！
"""
_DIGEST = """振兴地方戏曲的几点思考
省戏剧家协会举办地方戏曲发展座谈会发言摘要
编者：
日前，来自各地的戏曲工作者就地方戏曲的传承与创新展开研讨，现将部分发言摘要刊出，以飨读者。
人才是根本
省戏曲学校校长陈立华
地方戏曲的发展，关键在人才。培养一名合格的演员往往需要十年以上的功夫，必须从小抓起。
剧团要给年轻演员更多登台的机会，让他们在舞台实践中成长起来，这是最好的课堂。
１９９５年５月，省领导为学校建校四十周年题词。为了培养人才，学校在教学上设计并实施了以“三基一创”为主体的课程。
市场要开拓
省演艺集团总经理王海涛
地方戏曲要走向市场，必须创作观众喜爱的剧目，同时要搞好宣传推广，培养新一代观众。
研究要深化
省艺术研究所研究员周明
地方戏曲的研究与批评，目前还处于各自为战的局面，有待解决以下问题。
首先，要建立地方戏曲学，把戏曲研究纳入学科建设的轨道。
其次，要加强史料整理，解决近代研究与现代研究的衔接问题。
再次，要扩大研究成果的发表阵地，办好戏曲专业刊物。
"""
_REPORT = """全省农业工作会议在省城召开
本报讯全省农业工作会议今天在省城召开。省委副书记王志强主持会议，省长张建国出席会议并讲话。
张建国在讲话中说，我到农业战线工作三年多以来，深感农业基础地位的重要，粮食生产一刻也不能放松。
张建国说，今年要稳定粮食播种面积，抓好春耕生产，确保粮食稳定增产。
副省长刘文华、省政协副主席陈红等出席会议。各市县分管农业的负责同志参加了会议。
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root: Path = tmp_path_factory.mktemp("plain")
    for name, text in (("article.txt", _ARTICLE), ("digest.txt", _DIGEST), ("report.txt", _REPORT)):
        (root / name).write_text(text, encoding="utf-8")
    return Engine.load([root], use_cache=False)


def test_unnumbered_heading_lines_are_parts_and_bylines_their_speakers() -> None:
    [article] = parse_text(_ARTICLE, "/x/article.txt")
    assert [u.text for u in article.headings] == ["乡村振兴是历史的选择", "乡村振兴必须遵循的基本原则"]
    kinds = {u.text[:6]: u.kind for u in article.units}
    assert kinds["———学习全"] == "metadata" and kinds["林远山"] == "metadata"   # subtitle and byline
    [digest] = parse_text(_DIGEST, "/x/digest.txt")
    assert [u.text for u in digest.headings] == ["人才是根本", "市场要开拓", "研究要深化"]
    byline = next(u for u in digest.units if u.text == "省戏曲学校校长陈立华")
    assert byline.kind == "metadata" and byline.section == ("人才是根本",)


def test_one_short_line_between_paragraphs_is_no_heading() -> None:
    [report] = parse_text(_REPORT, "/x/report.txt")
    assert report.headings == []


@pytest.mark.parametrize("question", [
    "林远山那篇体会文章分成哪几个部分?",
    "乡村振兴必由之路那篇文章的结构是怎样的",
])
def test_outline_of_unnumbered_parts(engine: Engine, question: str) -> None:
    answer = engine.ask(question).text
    assert "乡村振兴是历史的选择" in answer and "乡村振兴必须遵循的基本原则" in answer


@pytest.mark.parametrize("question", [
    "推进乡村振兴要遵循的原则，文章里列了几条？分别是啥",
    "乡村振兴必须遵循哪些基本原则?",
])
def test_points_of_a_part_open_alike_though_paragraphs_stand_between(engine: Engine, question: str) -> None:
    answer = engine.ask(question).text
    assert "共三条" in answer or "3" in answer.split("\n")[0] or "三" in answer.split("\n")[0]
    for point in ("农民主体地位", "因地制宜", "城乡融合发展"):
        assert point in answer
    assert "凡是农民参与充分" not in answer   # the paragraph elaborating a point is not one


@pytest.mark.parametrize("question, said", [
    ("谈乡村振兴“必由之路”那篇文章，结尾是怎么收的？", "为实现乡村全面振兴而努力奋斗"),
    ("林远山的文章开篇是从哪儿切入的", "坚持农业农村优先发展"),
    ("“必由之路”那篇文章是从哪里说起的", "坚持农业农村优先发展"),
])
def test_edges_of_an_article_named_by_a_quoted_title_word_or_its_author(engine: Engine, question: str,
                                                                       said: str) -> None:
    result = engine.ask(question)
    assert said in result.text.split("\n")[0] or said in result.text[:200]
    assert engine.plan(question).answer_type is None   # 从哪儿切入 asks where the text begins, not for a place


@pytest.mark.parametrize("question", ["农业工作会议有哪些领导出席?", "农业工作会议都有哪几位领导出席了?"])
def test_which_leaders_attended_asks_for_names(engine: Engine, question: str) -> None:
    result = engine.ask(question)
    assert engine.plan(question).answer_type == "person"
    assert result.text.startswith("副省长刘文华")


def test_which_cadres_is_a_kind_not_names(engine: Engine) -> None:
    assert engine.plan("哪些领导干部要带头?").answer_type is None


@pytest.mark.parametrize("question", ["张建国在农业战线工作了几年?", "省长张建国在农业工作会议上说他干农业多少年了?"])
def test_how_many_years_found_in_the_named_report(engine: Engine, question: str) -> None:
    result = engine.ask(question)
    assert not result.partial and "三年多" in result.text


def test_a_year_does_not_answer_how_many_years() -> None:
    from assistant.answer_types import fits_type
    assert not fits_type("number", "年", ["２０１６年，全县上下共同努力。"])
    assert fits_type("number", "年", ["我到宁乡四年多以来，没有批过条子。"])


_MEETING = """首都各界纪念植树节座谈会举行
贯彻植树方针促进国家统一
本报北京３月１２日讯首都各界人士今天在人民大会堂举行座谈会，纪念植树节设立二十周年。
国务院领导赵明、孙立出席了会议。
会议由国务委员孙立主持，国务院副总理赵明在讲话中指出，全民义务植树是改善生态的重要途径。
赵明说，二十年来全民义务植树运动取得了巨大成就，国土绿化面积大幅增加。
赵明说，当前造林绿化的任务依然十分艰巨，必须坚持不懈地抓下去。
他强调，要坚持科学造林，提高造林质量，管护好已经种下的树木。
"""


def test_a_symposium_speaker_named_by_office_lifts_the_part(tmp_path: Path) -> None:
    (tmp_path / "digest.txt").write_text(_DIGEST, encoding="utf-8")
    (tmp_path / "article.txt").write_text(_ARTICLE, encoding="utf-8")
    engine = Engine.load([tmp_path], use_cache=False)
    result = engine.ask("省演艺集团那位总经理说要培养什么?")
    top = result.hits[0].unit
    assert top.kind == "paragraph" and top.section == ("市场要开拓",)


@pytest.mark.parametrize("question", ["植树节座谈会上赵明的讲话是怎么一层层展开的?",
                                      "纪念植树节座谈会上，赵明的讲话是按什么顺序讲的?"])
def test_a_reported_speech_in_order_leaves_out_who_attended(tmp_path: Path, question: str) -> None:
    (tmp_path / "meeting.txt").write_text(_MEETING, encoding="utf-8")
    (tmp_path / "article.txt").write_text(_ARTICLE, encoding="utf-8")
    engine = Engine.load([tmp_path], use_cache=False)
    result = engine.ask(question)
    assert engine.plan(question).in_order
    assert "出席了会议" not in result.text and "二十年来" in result.text and "科学造林" in result.text


def test_when_an_event_began_is_asked_of_the_event_not_any_date(engine: Engine) -> None:
    # 开始 says when it began: the event is 实施, told without a date; 1995 is another event's.
    result = engine.ask("省戏曲学校的“三基一创”课程是从哪一年开始实施的?")
    assert result.partial and result.reason == "answer_type:date", result.text


def test_a_list_given_in_the_sentence_that_names_it_is_no_partial_answer(engine: Engine) -> None:
    result = engine.ask("文章说把乡村力量维系在一起的纽带主要有三个，是哪三个？")
    assert not result.partial, result.text
    assert "土地的集体所有" in result.text and "乡土文化" in result.text


def test_a_deck_line_ends_with_no_speakers_name(tmp_path: Path) -> None:
    (tmp_path / "meeting.txt").write_text(_MEETING, encoding="utf-8")
    (tmp_path / "article.txt").write_text(_ARTICLE, encoding="utf-8")
    engine = Engine.load([tmp_path], use_cache=False)
    # 统一 would end a deck line …促进祖国和平统一 as 绿化 ends 全面贯彻植树方针促进国土绿化: no one is called that.
    meeting = next(sp.no for sp in engine.corpus.speeches if sp.title.startswith("首都各界纪念植树节"))
    assert engine.plan("全文说要把各方力量维系在统一的大家庭里，靠的是什么?").speech_no != meeting
    assert engine.plan("照赵明的说法，造林绿化的任务怎么样?").speech_no == meeting


@pytest.mark.parametrize("question", ["周明讲地方戏曲研究有待解决的问题里，第二个是什么?",
                                      "省艺术研究所那位研究员提的几个问题，第2个是啥?"])
def test_the_nth_of_first_then_next_in_a_speakers_part(engine: Engine, question: str) -> None:
    # 首先…其次…再次 open paragraphs of one symposium speaker's part.
    text = engine.ask(question).text
    assert "史料整理" in text and "地方戏曲学" not in text, text


def test_an_item_of_a_thing_only_named_is_a_partial_answer(engine: Engine) -> None:
    result = engine.ask("二十字方针的第一项内容是什么?")
    assert result.partial and result.reason == "content", result.text


@pytest.mark.parametrize("question, first", [
    ("植树节座谈会那条新闻，赵明讲完以后还报道了哪些内容?", "与会代表表示"),
    ("赵明讲完以后，报道接着写了什么?", "与会代表表示"),
])
def test_what_a_report_tells_after_its_speaker_has_spoken(tmp_path: Path, question: str, first: str) -> None:
    text = _MEETING + "与会代表表示，一定把全民义务植树运动深入持久地开展下去，为国土绿化作出新的贡献。\n" \
        "会后，与会人员在人民大会堂前栽下了纪念树，一起观看了绿化成果展览。\n"
    (tmp_path / "meeting.txt").write_text(text, encoding="utf-8")
    (tmp_path / "article.txt").write_text(_ARTICLE, encoding="utf-8")
    engine = Engine.load([tmp_path], use_cache=False)
    answer = engine.ask(question).text
    after = answer.split("之后", 1)[-1]
    assert first in after and "科学造林" not in after, answer


@pytest.mark.parametrize("question, point", [
    ("乡村振兴那篇讲加强法治保障时列了首先、第二、第三，第3点说的是什么?", "宣传力度"),
    ("必由之路那篇讲法治保障的第二点是什么?", "执法检查"),
])
def test_the_nth_point_the_words_name_before_the_nth_part(engine: Engine, question: str, point: str) -> None:
    # 首先，…第二，…第三，… is one run; the question's words name it, so 第3点 is not the third part.
    text = engine.ask(question).text
    assert point in text and "第3部分" not in text and "第2部分" not in text, text


_TOURISM = """全省旅游工作会议召开
本报讯全省旅游工作会议今天召开。会议指出，去年全省旅游业发展势头良好，旅游总收入达到１２０亿元，其中接待入境游客万人次，同比增长１５％。
会议要求，今年要加快旅游基础设施建设，提高服务质量。
会议期间，出席会议的代表三百二十人参观了新建的旅游服务中心。
"""


@pytest.mark.parametrize("question, answered", [
    ("去年全省接待入境游客到底是多少万人次?", False),   # printed without its figure
    ("旅游工作会议出席的代表有多少人?", True),          # 代表三百二十人
    ("去年全省旅游总收入是多少亿元?", True),
])
def test_a_figure_must_be_the_counted_things(tmp_path: Path, question: str, answered: bool) -> None:
    (tmp_path / "tourism.txt").write_text(_TOURISM, encoding="utf-8")
    (tmp_path / "article.txt").write_text(_ARTICLE, encoding="utf-8")
    result = Engine.load([tmp_path], use_cache=False).ask(question)
    assert (not result.partial and not result.abstained) == answered, result.text


@pytest.mark.parametrize("question, speaker", [
    ("地方戏曲座谈会上谁第一个发言?", "陈立华"),
    ("座谈会上最后发言的是谁?", "周明"),
    ("座谈会第二个发言的是谁?", "王海涛"),
    ("市场要开拓是谁讲的?", "王海涛"),
])
def test_who_spoke_in_a_symposium_digest(engine: Engine, question: str, speaker: str) -> None:
    text = engine.ask(question).text
    assert text.split("[")[0].endswith(f"{speaker}(「" + text.split("(「")[1].split("」")[0] + "」)") and speaker in text, text


def test_a_speaker_named_by_name_alone_lifts_his_part(engine: Engine) -> None:
    # jieba cuts the unknown name 周明 into characters: its character pairs name the part.
    assert engine.ask("周明讲了什么?").hits[0].unit.section == ("研究要深化",)


_COMMENT = """转变作风从小事做起
本报评论员
作风建设要从小事做起。第一，要改进会风文风。会议要少而精。第二，要深入基层调查研究。
"""
_FAIR = """春节庙会开幕
本报记者　林一
本报讯　春节庙会今天在市中心公园开幕，预计接待游客超过十五万人次，比去年增长两成。
庙会期间，将举办民俗表演、非遗展示等活动一百多场。
"""


@pytest.mark.parametrize("question, said", [
    ("庙会那篇报道是谁写的?", "本报记者　林一"),
    ("评论员文章是谁写的?", "本报评论员"),
])
def test_who_wrote_a_report_or_comment_is_its_byline(tmp_path: Path, question: str, said: str) -> None:
    for name, text in (("comment.txt", _COMMENT), ("fair.txt", _FAIR), ("digest.txt", _DIGEST)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = Engine.load([tmp_path], use_cache=False).ask(question)
    assert said in result.text and "陈立华" not in result.text, result.text


def test_how_much_money_is_not_answered_by_another_figure(tmp_path: Path) -> None:
    (tmp_path / "fair.txt").write_text(_FAIR, encoding="utf-8")
    (tmp_path / "comment.txt").write_text(_COMMENT, encoding="utf-8")
    result = Engine.load([tmp_path], use_cache=False).ask("庙会门票多少钱?")
    assert result.partial or result.abstained, result.text


def test_a_title_alone_before_an_ordinal_names_the_text(tmp_path: Path) -> None:
    (tmp_path / "fair.txt").write_text(_FAIR, encoding="utf-8")
    (tmp_path / "comment.txt").write_text(_COMMENT, encoding="utf-8")
    engine = Engine.load([tmp_path], use_cache=False)
    assert engine.speech_title(engine.plan("转变作风从小事做起第一点是什么").speech_no) == "转变作风从小事做起"


def test_every_speaker_of_a_symposium_digest(engine: Engine) -> None:
    text = engine.ask("地方戏曲座谈会上有哪几位发言?").text
    assert text.startswith("共3位") and all(name in text for name in ("陈立华", "王海涛", "周明")), text


def test_speakers_who_spoke_of_a_topic(engine: Engine) -> None:
    text = engine.ask("地方戏曲座谈会上哪几位发言讲到了剧目?").text
    assert "王海涛" in text and "周明" not in text, text


_NUMBERED_SECTIONS = """在全省水利工作会议上的讲话
（一九九八年三月二日）
同志们：
今天召开全省水利工作会议，主要任务是总结去年工作，部署今年任务。下面，我讲三个问题。
一
去年全省水利建设取得了很大成绩。全年完成水利投资五十亿元，新建水库十二座。
防汛抗旱工作扎实有效，保障了人民群众生命财产安全。
二
今年水利工作的主要任务是加快重点工程建设，要抓好配套工程，抓紧病险水库除险加固。
要深化水利改革，建立良性运行机制。
三
加强领导，狠抓落实。各级政府要把水利工作摆上重要位置。
"""


def test_a_section_headed_by_a_numeral_alone_is_named_by_its_opening() -> None:
    units = parse_text(_NUMBERED_SECTIONS, "/x/water.txt")[0].units
    headings = [u.heading for u in units if u.kind == "heading"]
    assert headings == ["一、去年全省水利建设取得了很大成绩", "二、今年水利工作的主要任务是加快重点工程建设",
                        "三、加强领导，狠抓落实"]
    # its paragraphs stay in its section, under the new name
    assert [u.section for u in units if u.text.startswith("要深化")] == [("二、今年水利工作的主要任务是加快重点工程建设",)]


def test_the_outline_of_numbered_sections_says_what_each_is_about(tmp_path: Path) -> None:
    (tmp_path / "water.txt").write_text(_NUMBERED_SECTIONS, encoding="utf-8")
    engine = Engine.load([tmp_path], use_cache=False)
    a = engine.ask("这篇讲话分几个部分")
    assert "加快重点工程建设" in a.text and "1. 一[" not in a.text
    second = engine.ask("第二部分讲了什么")
    assert "深化水利改革" in second.text


_TASKS = """在全省科技创新大会上的讲话
省长 王建国
下面，我讲两点意见。
一
要充分认识科技创新的重要性。科技创新是高质量发展的第一动力。
二
要突出抓好几项重点任务。一是加强基础研究，安排专项资金。二是强化企业创新主体地位。三是建设东湖科学城。四是深化科技体制改革。
"""
_VILLAGE = """在全县乡村振兴工作现场推进会上的讲话
县委书记 李文
一、产业振兴是重中之重
产业兴旺是乡村振兴的基础。
二、人才振兴是关键所在
要引导人才回流农村。
"""


@pytest.fixture(scope="module")
def tasks_engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root = tmp_path_factory.mktemp("tasks")
    (root / "a.txt").write_text(_TASKS, encoding="utf-8")
    (root / "b.txt").write_text(_VILLAGE, encoding="utf-8")
    return Engine.load([root], use_cache=False)


@pytest.mark.parametrize("question", ["科技创新那篇第二部分有哪几项任务", "科技创新大会讲话的第二部分列了哪些任务?"])
def test_a_parts_items_inside_its_one_paragraph_are_listed(tasks_engine: Engine, question: str) -> None:
    a = tasks_engine.ask(question)
    assert all(k in a.text for k in ("一是加强基础研究", "二是强化企业", "三是建设东湖科学城", "四是深化"))


@pytest.mark.parametrize("question", ["科技创新那篇第二部分的第三项任务是什么？", "科技创新那篇第二部分第三项是啥"])
def test_the_nth_item_inside_a_parts_one_paragraph(tasks_engine: Engine, question: str) -> None:
    a = tasks_engine.ask(question)
    assert "三是建设东湖科学城" in a.text and "第三，" not in a.text and "二是强化" not in a.text


def test_two_speeches_named_by_their_topics_joined(tasks_engine: Engine) -> None:
    plan = tasks_engine.plan("乡村振兴那篇讲话和科技创新那篇讲话各讲了几个部分？")
    assert sorted(plan.speech_candidates) == [1, 2] and plan.multi_speech
    a = tasks_engine.ask("乡村振兴那篇讲话和科技创新那篇讲话各讲了几个部分？")
    assert "产业振兴是重中之重" in a.text and "东湖" not in a.text and "科技创新大会上的讲话分为2个部分" in a.text
