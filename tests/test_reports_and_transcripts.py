"""Meeting reports, speech transcripts and press conferences asked about in everyday words:
what a report tells after the speeches (报道在领导讲话之后还写了什么) and after the meeting (会开完之后),
what else the meeting did (除了领导讲话,还干了哪些事), the other speakers (除了罗建平,还有哪位领导讲
了话), the speaker's points with the meeting named (在安全生产会议上部署了几项重点工作), what he said
before his tasks; a transcript's 第一个问题…第三个问题 around a 第一,…第三, list of its own; points
announced without a count (谈几点想法); a formula's items (“两个确保”指哪两条); a press conference's
answers rather than the reporters' questions, who answered, how many questions were asked, and
他还说了什么. Texts written for these tests."""

from __future__ import annotations

import pytest
from engine_helpers import engine_of

from assistant.answer_types import asked_event, counted_noun, counted_owner, fits_type, names_counted
from assistant.llm.endpoint import Endpoint, api_url
from assistant.results import Turn

_REPORT = """桐江市召开2025年安全生产工作会议
本报桐江3月8日讯（记者 许文）3月7日上午，桐江市召开2025年安全生产工作会议，全面部署今年安全生产工作。市长罗建平出席会议并讲话，副市长郑敏主持会议。
会议通报了2024年全市安全生产情况。去年全市共发生生产安全事故52起，同比下降18%。
罗建平指出，当前全市安全生产形势总体平稳，但“小散乱”企业隐患仍然突出，风险不容低估。
罗建平强调，做好今年安全生产工作，一要压实企业主体责任。要在4月30日前完成对全市1260家危化品企业的全面检查。二要强化执法检查。三要提升应急能力。
罗建平要求，各级党政主要负责同志要切实扛起安全生产第一责任人的职责。
郑敏在主持会议时要求，各地各部门要迅速传达会议精神，抓好贯彻落实。
会上，市应急管理局、市交通运输局负责同志作了交流发言。会议还对2024年度安全生产先进单位进行了表彰。
会后，与会人员实地观摩了化工园区智慧监管平台。
"""

_TRANSCRIPT = """在全县教育工作会议上的讲话
县委副书记 何立群
（2025年2月20日）
同志们：
这次会议的任务是总结去年工作，部署今年任务。下面，我讲三个问题。
第一个问题，关于对当前教育形势的判断。
去年全县教育事业取得新进展，新建学校5所，新增学位3600个。
第二个问题，关于今年的重点任务。
今年要着重抓好三项工作。
第一，推进集团化办学。全县组建教育集团6个。
第二，加强教师队伍建设。今年招聘新教师120名。
第三，落实“双减”政策。各校要做到“两个确保”：确保学生每天校内体育活动不少于1小时，确保课后服务全覆盖。
第三个问题，关于加强党对教育工作的领导。
各级党委要把教育工作摆在优先位置，定期研究解决教育发展中的重大问题。
同志们，让我们共同努力，办好人民满意的教育。
"""

_YOUTH = """在青年干部座谈会上的讲话
市委组织部部长 孔德明
（2025年5月4日）
今天和大家座谈，很高兴。刚才几位同志的发言都很好。借这个机会，我和大家谈几点想法。
首先，要加强学习，不断提高本领。
其次，要深入基层，在实践中锻炼成长。
再次，要敢于担当，在急难险重任务中经受考验。
最后，要廉洁自律，守住纪律底线。
同志们，青春正当时，希望大家不负韶华。
"""

_PRESS = """柳川市2025年防汛工作新闻发布会
2025年6月3日
主持人：市政府新闻办主任 钱卫东
钱卫东：各位记者，上午好。今天我们请市水利局局长邹海鹰、市应急管理局副局长冯晓梅介绍今年防汛工作。
邹海鹰：今年全市共投入防汛资金2.6亿元，加固堤防45公里。
记者：我是柳川日报记者。请问今年汛期的雨水会比往年多吗？会不会出现大洪水？
邹海鹰：据气象部门预测，今年主汛期降雨量可能偏多一到两成，局部可能出现较大洪水。
记者：我是柳川电视台记者。市民发现险情应该怎么报告？
冯晓梅：这个问题我来回答。市民可以拨打防汛值班电话96110，值班人员会在15分钟内响应。同时，各社区都设立了险情报告点。
"""

_HEADED = """在全市文化工作会议上的讲话
副市长 沈一鸣
（2025年3月18日）
一、过去一年文化工作取得新成绩
去年全市新建城市书房20家，举办惠民演出300场。
二、清醒认识存在的不足
基层文化设施利用率还不高。
三、扎实做好今年的重点工作
（一）完善公共文化服务体系。今年要新建乡镇综合文化站8个。
（二）繁荣文艺创作。设立文艺创作扶持资金500万元。
"""

# (a second text, so that the one asked about is named among others)
_TREES = "在植树节的讲话\n（2020年3月12日）\n今年全市植树100万株。\n"


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory):
    return engine_of(tmp_path_factory.mktemp("reports"), {
        "01_report.txt": _REPORT, "02_transcript.txt": _TRANSCRIPT, "03_youth.txt": _YOUTH,
        "04_press.txt": _PRESS, "05_headed.txt": _HEADED})


def _first_cited(answer) -> str:
    return answer.citations[0].unit.text if answer.citations else ""


# ---- a meeting report -------------------------------------------------------------------

@pytest.mark.parametrize("question", ["罗建平在安全生产工作会议上部署了几项重点工作？", "罗建平部署了几项重点工作？"])
def test_the_speakers_points_are_listed_though_the_meeting_is_named(engine, question: str) -> None:
    answer = engine.ask(question)
    assert "压实企业主体责任" in answer.text and "提升应急能力" in answer.text
    assert "三要" in answer.text and "本报桐江" not in answer.text


def test_before_his_tasks_is_what_the_speaker_said_first(engine) -> None:
    answer = engine.ask("罗建平在布置具体任务之前，先对形势作了什么判断？")
    assert "风险不容低估" in answer.text and "第一责任人" not in answer.text
    assert _first_cited(answer).startswith("罗建平指出")


@pytest.mark.parametrize("question", ["安全生产会议的报道在领导讲话之后还写了哪些内容？",
                                      "安全生产工作会议上罗建平讲完以后，报道还写了什么？"])
def test_what_the_report_tells_after_the_speeches(engine, question: str) -> None:
    answer = engine.ask(question)
    assert "交流发言" in answer.text and "表彰" in answer.text


@pytest.mark.parametrize("question", ["安全生产会议开完以后，参会的人还去做了什么？", "安全生产会议散会后大家去了哪里？"])
def test_what_the_report_tells_after_the_meeting(engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.text.startswith("会后，与会人员实地观摩了化工园区智慧监管平台")


@pytest.mark.parametrize("question", ["安全生产会议上除了领导讲话，还干了哪些事？", "安全生产工作会议上还进行了哪些活动？"])
def test_what_else_the_meeting_did(engine, question: str) -> None:
    answer = engine.ask(question)
    assert "交流发言" in answer.text and "先进单位进行了表彰" in answer.text
    assert "一要压实" not in answer.text   # (the speech is not what else was done)


def test_the_other_speakers_of_a_report(engine) -> None:
    answer = engine.ask("安全生产会议上除了罗建平，还有哪位领导讲了话？")
    assert "郑敏" in answer.text and not answer.abstained and not answer.partial
    assert asked_event("还有哪位领导讲了话？") == ""
    assert asked_event("哪位领导主持了会议？") == asked_event("会议由哪位领导主持？") == "主持"


def test_the_layers_of_a_reported_speech_are_its_paragraphs_in_order(engine) -> None:
    answer = engine.ask("罗建平的讲话分几层意思？")
    assert "共3段" in answer.text and "风险不容低估" in answer.text and "第一责任人的职责" in answer.text


def test_a_place_named_without_its_suffix_names_the_report(engine) -> None:
    plan = engine.plan("桐江的安全生产会议要求危化品企业的检查在什么时候之前完成？")
    assert plan.speech_no == 1
    answer = engine.ask("桐江的安全生产会议要求危化品企业的检查在什么时候之前完成？")
    assert "4月30日" in answer.text.split("[1]")[0]


# ---- a transcript with its parts named, and points ----------------------------------------

def test_parts_named_by_question_run_around_the_ordinals_inside_them(engine) -> None:
    answer = engine.ask("何立群在教育工作会议上一共讲了几个问题？")
    assert "3个部分" in answer.text
    assert "第一个问题" in answer.text and "第三个问题，关于加强党对教育工作的领导" in answer.text
    assert "推进集团化办学" not in answer.text


def test_the_points_inside_a_part_are_still_a_list(engine) -> None:
    answer = engine.ask("何立群说今年要着重抓好哪三项工作？")
    assert "推进集团化办学" in answer.text and "落实“双减”政策" in answer.text


@pytest.mark.parametrize("question", ["“两个确保”具体指哪两条？", "何立群提的两个确保是哪两条？"])
def test_a_formula_is_answered_by_the_clauses_it_counts(engine, question: str) -> None:
    answer = engine.ask(question)
    assert "确保学生每天校内体育活动不少于1小时" in answer.text and "确保课后服务全覆盖" in answer.text
    assert "2项" in answer.text


def test_points_announced_without_a_count_carry_the_speech(engine) -> None:
    answer = engine.ask("孔德明的讲话是怎么组织的？")
    assert "4层" in answer.text and "首先，要加强学习" in answer.text and "最后，要廉洁自律" in answer.text
    assert "今天和大家座谈" not in answer.text


def test_an_item_of_a_part_is_of_the_one_speech_whose_part_has_it(engine) -> None:
    answer = engine.ask("第三部分的第二项是什么？")
    assert "繁荣文艺创作" in answer.text and "第二个问题" not in answer.text


# ---- a press conference -------------------------------------------------------------------

def test_a_press_conference_named_by_its_kind(engine) -> None:
    assert engine.plan("这次防汛发布会上，市民发现险情怎么报告？").speech_no == 4


def test_the_answer_is_quoted_not_the_reporters_question(engine) -> None:
    answer = engine.ask("市民发现险情应该打什么电话？")
    assert "96110" in answer.text.split("\n")[0]
    assert not _first_cited(answer).startswith("记者")


def test_a_transcripts_turn_names_who_answered(engine) -> None:
    assert fits_type("person", "", ["冯晓梅：这个问题我来回答。"])
    answer = engine.ask("谁回答了险情报告的问题？")
    assert not answer.partial and "冯晓梅" in answer.text.split("\n")[0]


def test_the_reporters_questions_are_counted(engine) -> None:
    answer = engine.ask("记者一共问了几个问题？")
    assert not answer.abstained and "2个部分" in answer.text
    # (every question a turn asks, not only its last)
    assert "请问今年汛期的雨水会比往年多吗？会不会出现大洪水？" in answer.text


def test_what_else_a_person_said_is_not_what_was_just_quoted(engine) -> None:
    first = engine.ask("冯晓梅是怎么回答市民报告险情的问题的？")
    assert "96110" in first.text
    again = engine.ask("她还说了什么？", history=[Turn("冯晓梅是怎么回答市民报告险情的问题的？", first)])
    said = [s.text for s in first.sentences]
    assert again.sentences and not any(s.text in said for s in again.sentences)


# ---- what a how-many question counts ------------------------------------------------------

@pytest.mark.parametrize(("question", "noun"), [
    ("有几名学生考上了清华？", "学生"),
    ("山区有多少群众需要转移？", "群众"),
    ("有多少群众要搬迁？", "群众"),
    ("几个单位发了言？", "单位"),
    ("多少个乡镇企业上了规模？", "乡镇企业"),
    ("还有多少贫困人口没有解决温饱？", "贫困人口"),
    ("年初还有多少人没解决温饱？", ""),
    ("还有多少个未脱贫村？", "未脱贫村"),
    ("去年解决了多少农村人口的饮水问题？", "农村人口"),
    ("去年有多少骨干教师从乡镇调到城里？", "骨干教师"),
])
def test_what_is_counted_ends_where_its_verb_begins(question: str, noun: str) -> None:
    assert counted_noun(question) == noun


def test_how_often_is_no_part_of_whose_figure() -> None:
    assert counted_owner("图书卡每年的额度是多少？", "额度") == "图书卡"


# ---- endpoint URLs and secrets ------------------------------------------------------------

def test_a_base_url_query_stays_a_query_after_the_route() -> None:
    assert api_url("http://127.0.0.1:8/v1?api-version=2", "chat/completions") == \
        "http://127.0.0.1:8/v1/chat/completions?api-version=2"
    assert api_url("http://127.0.0.1:8", "embeddings") == "http://127.0.0.1:8/v1/embeddings"
    assert api_url("http://127.0.0.1:8/v1/chat/completions", "chat/completions") == "http://127.0.0.1:8/v1/chat/completions"


def test_an_echoed_basic_credential_is_masked() -> None:
    endpoint = Endpoint("http://user:sk-URLKEY-999@127.0.0.1:9/v1", None, 5)
    shown = endpoint.redact("HTTP 500: Basic dXNlcjpzay1VUkxLRVktOTk5")
    assert "dXNlcjpzay1VUkxLRVktOTk5" not in shown and "***" in shown


# ---- figures: sizes, totals, years ----------------------------------------------------------

def test_a_size_is_answered_in_a_length() -> None:
    from assistant.asked_kinds import LENGTH, asked_type
    from assistant.question_grammar import COUNT

    assert asked_type("拦河大坝有多高、多长？", COUNT) == ("number", LENGTH)
    assert asked_type("巡河一次要多长时间？", COUNT)[1] != LENGTH
    assert fits_type("number", LENGTH, ["筑起了一座高58米、长620米的拦河大坝"])
    assert not fits_type("number", LENGTH, ["完成土石方1340万立方米，工程质量经受住了四十年的考验"])


def test_a_total_asked_of_a_figure_is_that_figures() -> None:
    assert counted_noun("临江省1998年的生产总值总量是多少？") == "生产总值"


def test_a_figure_compared_with_last_years_is_this_years() -> None:
    from assistant.answer_types import years_meant

    # (…仅比丰收的上年减少1.5%: of the speech's year, not of the year before)
    assert years_meant({1997}, "全省粮食总产量达到1730万吨，仅比丰收的上年减少1.5%。", this_year=1998) == set()
    assert years_meant({1997}, "去年全省粮食总产量达到1756万吨。", this_year=1998) == {1997}


def test_next_year_is_not_this_year_in_a_report_that_names_no_year(tmp_path) -> None:
    engine = engine_of(tmp_path, {
        "r.txt": "交流会在京召开\n本报北京11月18日讯　交流会今天在北京召开。\n"
                 "财政部副部长吴启明在会上通报了资金情况。他说，今年中央财政共安排补助资金144亿元。明年中央财政还将继续加大投入。\n"
                 "会议要求各地抓好落实。\n",
        "s.txt": _TREES})
    asked = engine.ask("吴启明说明年中央财政具体要增加多少补助资金？")
    assert asked.partial or asked.abstained
    given = engine.ask("吴启明说今年中央财政安排了多少补助资金？")
    assert not given.partial and "144亿元" in given.text.split("\n")[0]


def test_after_a_passage_named_by_what_it_did(tmp_path) -> None:
    engine = engine_of(tmp_path, {
        "n.txt": "新年贺词\n（2024年12月31日）\n刚刚过去的一年，全市经济稳中有进，地区生产总值增长5.6%。\n"
                 "这些成绩来之不易。在这里，我向全市广大干部群众表示衷心的感谢！\n"
                 "新的一年，我们要聚焦高质量发展，办好十件民生实事。\n最后，祝大家新年快乐！\n",
        "m.txt": _TREES})
    answer = engine.ask("贺词感谢完大家以后，接着讲的是什么？")
    assert "办好十件民生实事" in answer.text.split("\n")[0]


def test_a_quoted_subsection_names_the_part_asked(engine) -> None:
    assert engine.plan("沈一鸣讲“繁荣文艺创作”那一小节说了什么？").section == "繁荣文艺创作"
    answer = engine.ask("沈一鸣讲“繁荣文艺创作”那一小节说了什么？")
    assert "500万元" in answer.text.split("\n")[0]


def test_points_announced_and_opened_by_what_they_ask_for(tmp_path) -> None:
    # 我讲三点意见 ¶ 我们要… ¶ 为了…(goes on) ¶ 希望大家… ¶ 经过…(goes on) ¶ 各界人士还要…: the
    # points open with a short sentence that asks for something; the paragraphs between go on.
    engine = engine_of(tmp_path, {
        "c.txt": "在新春座谈会上的讲话\n（2024年2月5日）\n各位朋友：\n"
                 "过去一年，大家为全市发展作出了积极贡献。借此机会，我讲三点意见，同大家交流。\n"
                 "我们要进一步坚持和完善协商民主制度。这一制度符合我市实际。\n"
                 "为了使协商更好地进行，市委决定，今年每季度召开一次座谈会。\n"
                 "希望大家继续围绕全市中心工作，积极建言献策。今年请大家多到基层调研。\n"
                 "经过与各方面协商，市委已经商定今年的六个调研课题。\n"
                 "各界人士还要进一步加强自身建设，做好新老交替。\n"
                 "最后，祝大家新春愉快！\n",
        "s.txt": _TREES})
    listed = engine.ask("座谈会讲话里讲了哪三点意见？")
    assert "协商民主制度" in listed.text and "积极建言献策" in listed.text and "加强自身建设" in listed.text
    assert "市委决定" not in listed.text
    assert "加强自身建设" in engine.ask("座谈会讲话的三点意见里，最后一点是什么？").text.split("\n")[0]


# ---- parts named by question, short names, people the tokenizer cuts apart -----------------

_EDUCATION = """在全县教育工作会议上的讲话
县委书记　周文涛
（2025年2月20日）
同志们：
今天召开全县教育工作会议。刚才，刘春燕副县长通报了去年全县教育工作情况，我都同意。下面，我讲三个问题。
第一个问题，充分肯定去年教育工作取得的成绩。
去年，全县投入教育资金3.4亿元，新建学校5所。
第二个问题，清醒认识当前教育工作存在的问题。
成绩来之不易，但问题也不容忽视。第一，城区学校大班额问题仍然存在；第二，农村学校留不住好老师；第三，学生课业负担仍然偏重。
第三个问题，扎实做好今年的各项工作。
今年重点抓好四件事。第一，推进集团化办学。第二，加强教师队伍建设。第三，落实“双减”政策。第四，加强校园安全，明年底前所有学校实现一键报警全覆盖。
同志们，教育是县里最大的民生。
"""

_TOURISM = """东湖区召开文化旅游发展大会
本报讯（记者　杜明远）4月18日，东湖区文化旅游发展大会在区会展中心召开。区委书记陆振东出席会议并讲话，区委副书记孟凡主持会议。
陆振东指出，去年全区接待游客1260万人次。
会上，区文化广电旅游局局长沈雅琴作了工作报告。
"""


@pytest.fixture(scope="module")
def parts_engine(tmp_path_factory: pytest.TempPathFactory):
    return engine_of(tmp_path_factory.mktemp("parts"), {"01_education.txt": _EDUCATION, "02_tourism.txt": _TOURISM,
                                                         "03_trees.txt": _TREES})


def test_a_paragraph_is_not_cut_at_a_point_of_its_own_list(parts_engine) -> None:
    # (第三个问题，… ¶ …第一，…第三，…。第四，…: 第四 is the fourth of the paragraph's own list,
    # not the part after 第三个问题)
    units = [u.text for u in parts_engine.corpus.speech(1).paragraphs]
    assert any(t.startswith("今年重点抓好四件事") and "第四，加强校园安全" in t for t in units)
    answer = parts_engine.ask("今年要抓的最后一件事是什么？")
    assert "加强校园安全" in answer.text.split("\n")[0]


@pytest.mark.parametrize("question", ["第二个问题讲了什么？", "第二个问题里讲了哪些具体问题？"])
def test_a_part_named_as_the_speech_names_its_parts_holds_its_points(parts_engine, question: str) -> None:
    answer = parts_engine.ask(question)
    assert "第二个问题，清醒认识当前教育工作存在的问题" in answer.text
    assert "大班额" in answer.text and "课业负担" in answer.text and "3点" in answer.text


def test_a_meeting_named_by_the_first_characters_of_its_words(parts_engine) -> None:
    assert parts_engine.plan("文旅大会是谁主持的？").speech_no == 2
    assert "孟凡" in parts_engine.ask("文旅大会是谁主持的？").text.split("\n")[0]


@pytest.mark.parametrize(("question", "said"), [("孟凡是谁？", "区委副书记孟凡"),
                                                ("沈雅琴是什么职务？", "局长沈雅琴"),
                                                ("刘春燕是什么职务？", "刘春燕副县长"),
                                                ("沈雅琴是哪个单位的？", "区文化广电旅游局局长沈雅琴")])
def test_a_person_the_texts_give_an_office_is_found_by_name(parts_engine, question: str, said: str) -> None:
    answer = parts_engine.ask(question)
    assert not answer.abstained and not answer.partial and said in answer.text


def test_who_answered_a_reporters_question_named_with_the_paper(tmp_path) -> None:
    engine = engine_of(tmp_path, {
        "p.txt": "城市更新新闻发布会\n时间：2025年4月8日上午10时\n"
                 "主持人（市政府新闻办副主任　许可）：今天我们请来了局长韩立新、副局长温婉回答大家关心的问题。\n"
                 "记者（临川电视台）：城市更新会不会大拆大建？历史街区怎么保护？\n"
                 "温婉：这个问题我来回答。我们坚持“留改拆”并举，拆除面积不得超过20%。\n"
                 "记者（新华社）：改造资金从哪里来？\n"
                 "韩立新：资金主要有三个来源：一是中央和省级补助资金；二是市区两级财政投入；三是社会资本。\n",
        "s.txt": _TREES})
    answer = engine.ask("改造资金的问题是谁回答的？")
    assert answer.text.startswith("回答这个问题的是韩立新")
    assert "温婉" not in answer.text
    counted = engine.ask("发布会上一共有几位记者提问？")
    assert "2个部分" in counted.text and "改造资金从哪里来" in counted.text


def test_reporters_named_by_their_paper_before_the_word(tmp_path) -> None:
    """海川日报记者：… / 新华社记者：…: turns of reporters too, listed as the transcript names them."""
    engine = engine_of(tmp_path, {
        "p.txt": "交通运输厅新闻发布会实录\n时间：2025年5月6日上午10时\n"
                 "主持人：欢迎各位记者。今天请厅长周卫国介绍情况。\n"
                 "周卫国：今年全省新建农村公路3200公里。\n"
                 "海川日报记者：农村公路建好以后怎么养护？\n"
                 "周卫国：我们推行路长制，每条农村公路都有专人管护。\n"
                 "新华社记者：高速公路服务区充电桩够不够用？\n"
                 "副厅长李敏：今年底前全省服务区充电桩将达到1500个。\n",
        "s.txt": _TREES})
    answer = engine.ask("发布会上记者都问了哪些方面的问题？")
    assert "海川日报记者:农村公路建好以后怎么养护？" in answer.text
    assert "新华社记者:高速公路服务区充电桩够不够用？" in answer.text
    assert "路长制" not in answer.text
    who = engine.ask("充电桩的问题是谁回答的？")
    assert "李敏" in who.text.split("\n")[0]


def test_what_each_report_tells_after_its_meeting_when_none_is_named(tmp_path) -> None:
    engine = engine_of(tmp_path, {
        "a.txt": "全市水利工作会议召开\n本报讯　3月5日，全市水利工作会议召开。市长高建华出席会议并讲话，副市长孔令杰主持会议。\n"
                 "会上，市水利局局长沈雅琴作了工作报告。\n会后，与会人员实地察看了青龙湾水库建设工地。\n",
        "b.txt": "东湖区召开文化旅游发展大会\n本报讯　4月18日，东湖区文化旅游发展大会召开。区委书记陆振东出席会议并讲话。\n"
                 "会后，陆振东一行来到龙山景区，察看了索道建设前期准备情况。\n",
        "s.txt": _TREES})
    answer = engine.ask("会开完以后大家去了哪里？")
    assert "青龙湾水库建设工地" in answer.text and "龙山景区" in answer.text and not answer.abstained
    others = engine.ask("水利会议上除了高建华，还有谁讲了话？")
    assert "孔令杰" in others.text and "沈雅琴" in others.text


def test_a_figure_counted_in_the_speeches_own_word_for_it() -> None:
    # (老师 asked, 教师 said; a deputy's office after the name: 刘春燕副县长通报了…)
    assert names_counted("老师", "全县公开招聘教师186名。") and not names_counted("老师", "全县新建学校5所。")
    assert fits_type("person", "", ["刚才，刘春燕副县长通报了去年全县教育工作情况。"])


def test_the_end_asked_of_no_speech_in_particular_is_every_speechs(parts_engine) -> None:
    answer = parts_engine.ask("讲话最后是怎么收尾的？")
    assert answer.text.count("最后一段") >= 2 and "教育是县里最大的民生" in answer.text


def test_a_part_of_a_total_is_quoted_after_the_total(tmp_path) -> None:
    # (其中，改造老旧小区210个… moved first would read as a part of last year's 168)
    engine = engine_of(tmp_path, {
        "u.txt": "城市更新新闻发布会\n2025年4月8日\n"
                 "韩立新：今年我市计划实施城市更新项目126个，总投资约95亿元。其中，改造老旧小区210个，涉及居民4.6万户。"
                 "去年，我市共改造老旧小区168个，惠及居民3.7万户。\n",
        "s.txt": _TREES})
    text = engine.ask("今年要改造多少个老旧小区？").text.split("\n")[0]
    assert "其中，改造老旧小区210个" in text
    assert text.index("今年我市计划实施城市更新项目126个") < text.index("其中，改造老旧小区210个")
    assert "去年，我市共改造老旧小区168个" not in text[:text.index("其中")]
