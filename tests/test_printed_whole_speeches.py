"""Speeches printed whole, as a 1998 paper printed them: a speaker line with a long office and the
date, an address of several hearers, parts told only by their topic sentences or announced and
taken up one by one. The texts are written for these tests."""

from __future__ import annotations

from pathlib import Path

from assistant.corpus import parse_text
from tests.engine_helpers import engine_of

MEMORIAL = """在纪念青龙水库建成三十周年大会上的讲话
中共北川地区委员会副书记　韩国良（一九九八年九月二十六日）
各位老同志、各位来宾，同志们：
今天，我们在这里集会，纪念青龙水库建成三十周年。我代表地委、行署，向当年参加水库建设的老同志们致以崇高的敬意！
回顾三十年前的建设岁月，我们感慨万千。一九六五年冬天，两万多名民工自带干粮上了工地，在没有机械的条件下，硬是用扁担和箩筐筑起了一座大坝。
三十年来，青龙水库灌溉农田二十六万亩，保护下游八个乡镇免受洪水之害，还建起了一座年发电一千二百万千瓦时的电站。
今天，我们纪念青龙水库建成三十周年，就是要继承和发扬自力更生、艰苦创业的精神。水库的部分闸门已经锈蚀，坝体也有渗水，必须抓紧除险加固。
展望下个世纪，北川的发展任务十分繁重。我们要把水利建设放在更加突出的位置，多渠道筹集资金，建设一批骨干工程。
同志们，让我们发扬青龙水库精神，为建设富裕文明的新北川而努力奋斗！
"""


def test_a_speaker_line_with_a_long_office_and_the_date_is_no_paragraph() -> None:
    speech = parse_text(MEMORIAL, "/x/jinian.txt")[0]
    units = speech.units
    assert units[1].kind == "metadata" and "韩国良" in units[1].text
    # The address of several hearers is no unit; the first paragraph is the greeting.
    assert not any("各位来宾" in u.text for u in units)
    assert next(u for u in units if u.kind == "paragraph").text.startswith("今天，我们在这里集会")
    # An office long enough, without a date, is still a paragraph's length: a sentence is not a speaker.
    other = MEMORIAL.replace("中共北川地区委员会副书记　韩国良（一九九八年九月二十六日）",
                             "中共北川地区委员会副书记韩国良同志在纪念大会上发表了重要讲话（一九九八年九月二十六日）")
    assert parse_text(other, "/x/jinian.txt")[0].units[1].kind == "paragraph"


def test_the_outline_and_the_speaker_of_such_a_speech(tmp_path: Path) -> None:
    eng = engine_of(tmp_path / "c", {"jinian.txt": MEMORIAL})
    a = eng.ask("这篇讲话是按什么顺序展开的?")
    assert "韩国良（" not in a.text and "回顾三十年前" in a.text, a.text
    a = eng.ask("青龙水库纪念大会上是谁讲的话,他是什么职务?")
    assert "韩国良" in a.text and "副书记" in a.text and not a.partial, a.text

CONFERENCE = """在全省乡镇企业工作会议上的讲话
某省副省长　罗振邦（一九九八年三月十二日）
同志们：
这次会议的任务是，总结去年全省乡镇企业工作，部署今年的任务。下面，我讲三个问题。
第一个问题，关于对当前形势的估计。去年，全省乡镇企业实现增加值三百二十亿元，比上年增长百分之十八。
但是也要看到，不少企业设备陈旧，产品档次低，资金周转困难，亏损面有所扩大。
第二个问题，关于今年的主要任务。今年要着重抓好以下三项工作。
第一，抓好企业的产权制度改革。一要摸清家底，把每个企业的资产和债务核实清楚；二要因企制宜，该改组的改组，该出售的出售；三要规范操作，防止国有和集体资产流失。
第二，推进技术进步。要引导企业同大专院校、科研单位联合，每年办好一批技术改造项目。
第三，开拓国内外市场。要在大中城市建立乡镇企业产品展销窗口，扶持有条件的企业出口创汇。
第三个问题，关于加强领导。各级政府要把乡镇企业工作列入重要议事日程，主要领导亲自抓。
同志们，今年的任务很重，让我们共同努力，把全省乡镇企业工作提高到一个新水平。
"""


def test_markers_quoted_in_the_question_ask_for_their_items(tmp_path: Path) -> None:
    eng = engine_of(tmp_path / "c", {"xiangzhen.txt": CONFERENCE})
    for q in ("乡镇企业那篇讲话里有个“一要、二要、三要”,这三条具体说的是什么?",
              "讲话里的一要二要三要分别指什么"):
        a = eng.ask(q)
        assert all(w in a.text for w in ("摸清家底", "因企制宜", "规范操作")), (q, a.text)


def test_a_part_named_by_what_the_speaker_was_speaking_of_counts_its_items(tmp_path: Path) -> None:
    eng = engine_of(tmp_path / "c", {"xiangzhen.txt": CONFERENCE})
    for q in ("副省长讲今年主要任务的时候,下面又分了几项具体工作?", "讲今年主要任务时,下面又分了几项具体工作?"):
        a = eng.ask(q)
        assert "三项" in a.text and "产权制度改革" in a.text and "开拓国内外市场" in a.text, (q, a.text)
        assert "加强领导" not in a.text, (q, a.text)   # the part's items, not the speech's three parts


def test_the_speaker_of_a_meeting_named_by_its_first_and_last_words(tmp_path: Path) -> None:
    eng = engine_of(tmp_path / "c", {"jinian.txt": MEMORIAL, "xiangzhen.txt": CONFERENCE})
    a = eng.ask("纪念大会上讲话的人是什么职务?")
    assert "韩国良" in a.text and "副书记" in a.text and not a.partial, a.text
    # A meeting the speeches never hold is still no meeting of theirs.
    a = eng.ask("表彰大会上讲话的人是什么职务?")
    assert "韩国良" not in a.text or a.partial or a.abstained, a.text


def test_where_a_passage_stands_names_the_item_inside_a_part_that_opens_a_paragraph(tmp_path: Path) -> None:
    eng = engine_of(tmp_path / "c", {"xiangzhen.txt": CONFERENCE})
    a = eng.ask("防止集体资产流失这件事,在乡镇企业讲话里属于哪个问题下面的哪一项?")
    assert "第二个问题" in a.text and "产权制度改革" in a.text, a.text
    a = eng.ask("展销窗口属于哪一条?")
    assert "开拓国内外市场" in a.text, a.text


FORUM = """在全国青年科技工作者座谈会上的讲话
国家科委副主任　聂远山（一九九八年五月四日）
同志们：
今天，我们请来了各条战线的青年科技工作者代表座谈。下面，我讲几点意见。
首先，要充分认识青年科技工作者肩负的责任。跨世纪的科技事业，要靠青年一代去开创。
其次，要在实践中增长才干。在座的林海燕同志，大学毕业后到西山县农科所工作，十年里培育出三个小麦新品种，累计推广八百万亩，被群众称为“麦子姑娘”。她的经历说明，基层是青年成长的大课堂。
再次，要发扬团结协作的精神。现代科研项目越来越大，单枪匹马难以成事，要善于同别人合作。
最后，各级组织要为青年人才创造条件，在课题、经费、住房等方面给予倾斜。
同志们，希望大家珍惜时光，奋发有为，在科技事业中建功立业。
"""


def test_the_point_a_story_is_told_for(tmp_path: Path) -> None:
    eng = engine_of(tmp_path / "c", {"zuotan.txt": FORUM})
    for q in ("讲话里那个培育小麦新品种的林海燕的例子,是用来说明哪一点意见的?",
              "讲林海燕的故事是为了说明哪个观点?"):
        a = eng.ask(q)
        assert "实践中增长才干" in a.text, (q, a.text)


def test_a_paragraph_of_a_speech_without_headings_is_not_called_its_opening(tmp_path: Path) -> None:
    eng = engine_of(tmp_path / "c", {"zuotan.txt": FORUM})
    third = next(u for u in eng.corpus.units if u.text.startswith("再次"))
    assert eng.corpus.where(third) == "(正文)"


TRANSCRIPT = """全省春季农业生产新闻发布会实录
时间：1998年3月20日上午
地点：省政府新闻发布厅

主持人：

各位记者，上午好。今天请省农业厅厅长周明德介绍春耕准备情况，并回答记者提问。

周明德：

今年全省计划粮食播种面积六千二百万亩，化肥、农药、种子已经基本备齐。

农民日报记者：

请问周厅长，今年对种粮农民有哪些补贴？

周明德：

今年省财政安排良种补贴资金一亿二千万元，每亩补贴十元。

省电台记者：

请问，春旱情况怎么样？

周明德：

目前全省有四十个县旱情较重，已组织抗旱浇麦一千多万亩。
"""


def test_a_transcript_with_each_speaker_label_on_a_line_of_its_own(tmp_path: Path) -> None:
    speech = parse_text(TRANSCRIPT, "/x/fabuhui.txt")[0]
    units = speech.units
    # 时间： / 地点： lines say when and where; each label joins the words said after it.
    assert [u.kind for u in units[1:3]] == ["metadata", "metadata"]
    assert not any(u.text in ("主持人：", "周明德：", "农民日报记者：") for u in units)
    assert any(u.text.startswith("农民日报记者：请问周厅长") for u in units)
    # A lead-in line of its own that ends with a colon is no label.
    lead = parse_text("讲话\n今年要着重抓好以下几项工作：\n第一，抓好春耕。\n", "/x/a.txt")[0].units
    assert any(u.text == "今年要着重抓好以下几项工作：" for u in lead)
    eng = engine_of(tmp_path / "c", {"fabuhui.txt": TRANSCRIPT})
    a = eng.ask("农民日报记者问了什么?")
    assert "补贴" in a.text and a.text.strip() != "农民日报记者：", a.text
    a = eng.ask("这次发布会在哪里开的?")
    assert "省政府新闻发布厅" in a.text, a.text


def test_a_marker_alone_on_its_line_takes_the_title_from_the_next(tmp_path: Path) -> None:
    text = "【第1篇】\n" + MEMORIAL + "\n【第2篇】\n" + FORUM
    speeches = parse_text(text, "/x/all.md")
    assert [s.title for s in speeches] == ["在纪念青龙水库建成三十周年大会上的讲话", "在全国青年科技工作者座谈会上的讲话"]
    assert speeches[1].units[0].kind == "metadata"


def test_an_office_of_another_level_names_no_speaker(tmp_path: Path) -> None:
    city = "在全市防汛工作会议上的讲话\n市委书记　梁文华\n同志们：\n今年汛期来得早，各县要把防汛责任落实到人。\n"
    eng = engine_of(tmp_path / "c", {"city.txt": city, "xiangzhen.txt": CONFERENCE})
    a = eng.ask("市委书记是谁?")
    assert "梁文华" in a.text and not a.partial, a.text
    a = eng.ask("县委书记是谁?")
    assert "梁文华" not in a.text.split("最接近的内容")[0] and (a.partial or a.abstained), a.text


def test_who_goes_on_after_the_points_does_not_change_what_is_asked(tmp_path: Path) -> None:
    eng = engine_of(tmp_path / "c", {"zuotan.txt": FORUM, "xiangzhen.txt": CONFERENCE})
    for q in ("讲完几点意见之后聂远山又讲了什么?", "讲完几点意见之后副主任又讲了什么?"):
        a = eng.ask(q)
        assert "珍惜时光" in a.text, (q, a.text)


COMMENDATION = """在全县抗旱救灾表彰大会上的讲话
县长　丁卫国
同志们：
今年夏天，我县遭遇了五十年不遇的大旱。全县上下齐心协力，夺取了抗旱救灾的胜利。
在抗旱斗争中，涌现出一批先进典型。柳河乡党委书记冯春林，二十多天吃住在抽水站，组织群众打井四十眼；石桥村赤脚医生何秀英，背着药箱走遍全村，为中暑的老人送医送药；复员军人唐志刚，自己出钱买水泵，帮助十几户困难群众浇地。他们是全县干部群众的榜样。
希望大家向先进学习，把抗旱精神带到各项工作中去。
"""


def test_the_people_one_paragraph_commends_clause_by_clause(tmp_path: Path) -> None:
    from assistant.results import Turn

    eng = engine_of(tmp_path / "c", {"kanghan.txt": COMMENDATION, "zuotan.txt": FORUM})
    q = "抗旱表彰大会讲话表扬了哪几位先进个人?"
    a = eng.ask(q)
    assert all(n in a.text for n in ("冯春林", "何秀英", "唐志刚")), a.text
    follow = eng.ask("那第二位呢?", history=[Turn(q, a)])
    assert "何秀英" in follow.text and "冯春林" not in follow.text, follow.text
    a = eng.ask("抗旱表彰讲话里提到的第三位先进个人是谁?")
    assert "唐志刚" in a.text and "何秀英" not in a.text, a.text


SYMPOSIUM = """在全省乡村教师座谈会上的讲话
省教委主任　钟启文（一九九八年九月八日）
同志们：
今天是教师节前夕，我们请来了二十位乡村教师代表座谈。下面，我讲几点意见。
首先，要充分肯定乡村教师的贡献。全省十二万乡村教师长年坚守在山区，撑起了农村基础教育。
其次，要为乡村教师办好实事。不少老师反映，他们面临的难题主要有三个：一是工资常常不能按时发放，二是住房条件差，三是外出进修机会少。各地要把这些事情一件一件办好。
最后，要加强乡村教师队伍建设，每年选派一批骨干教师到城市学校挂职锻炼。
"""


def test_a_list_in_the_part_the_question_names_answers_though_its_words_are_others(tmp_path: Path) -> None:
    eng = engine_of(tmp_path / "c", {"jiaoshi.txt": SYMPOSIUM, "zuotan.txt": FORUM})
    a = eng.ask("在讲给乡村教师办实事那一部分,大伙儿碰到的难处都列了哪几条?")
    assert all(w in a.text for w in ("工资", "住房", "进修")), a.text


RECEPTION = """在全市老干部迎春茶话会上的讲话
市长　叶继平（一九九八年一月二十日）
各位老领导、各位老同志：
春节就要到了，我代表市委、市政府，向各位老领导、老同志拜个早年！
刚刚过去的一九九七年，全市国内生产总值增长百分之十一，财政收入突破二十亿元。
今年，市里准备办好十件实事，重点是建设城东污水处理厂和改造旧城区供水管网。
希望各位老同志继续关心全市的改革和发展，多提宝贵意见。
希望各位老同志发挥余热，多带带年轻干部。
希望各位老同志保重身体，安度晚年。
祝大家春节愉快，身体健康！
"""


def test_what_was_said_before_the_hopes_of_the_kind_the_question_asks(tmp_path: Path) -> None:
    eng = engine_of(tmp_path / "c", {"chahua.txt": RECEPTION, "zuotan.txt": FORUM})
    a = eng.ask("叶继平在提希望之前,讲了今年市里准备办哪些实事?")
    assert "污水处理厂" in a.text and "拜个早年" not in a.text, a.text
    a = eng.ask("叶继平在提希望之前讲了什么?")
    assert "拜个早年" in a.text and "污水处理厂" in a.text, a.text


def test_markers_quoted_find_their_paragraph_in_whichever_speech_holds_them(tmp_path: Path) -> None:
    eng = engine_of(tmp_path / "c", {"xiangzhen.txt": CONFERENCE, "zuotan.txt": FORUM, "jinian.txt": MEMORIAL})
    a = eng.ask("有篇讲话里有个“一要、二要、三要”,这三条具体说的是什么?")
    assert all(w in a.text for w in ("摸清家底", "因企制宜", "规范操作")), a.text


def test_the_host_of_a_transcript_is_the_label_that_names_them(tmp_path: Path) -> None:
    text = TRANSCRIPT.replace("主持人：\n\n各位记者", "主持人（省政府新闻办副主任　林静）：\n\n各位记者", 1) \
        .replace("省电台记者：", "主持人：\n\n感谢周明德厅长的介绍。\n\n省电台记者：", 1)
    eng = engine_of(tmp_path / "c", {"fabuhui.txt": text})
    a = eng.ask("发布会的主持人是谁?")
    first = a.text.split("[1]")[0]
    assert "林静" in first, a.text
