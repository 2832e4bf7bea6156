"""Speeches of today named as readers name them (a meeting's name shortened, two meetings joined
by 和, a place), measures that no numeral marks, the content of one item of a list, the points a
part of a speech without headings lists, places a sentence only counts, and an outline that keeps
a series of paragraphs together."""

from __future__ import annotations

import pytest

from assistant.engine import Engine

_TALENT = """聚天下英才而用之
——在全市人才工作暨创新创业表彰大会上的讲话
市委书记　范承志
（2024年4月16日）
来源：青川市人民政府网
同志们、朋友们：
今天，我们召开全市人才工作暨创新创业表彰大会，表彰一批优秀人才和创新创业团队。刚才，市委组织部通报了2023年度乡村人才工作考核结果，四个乡镇和两家企业作了典型发言，讲得都很实在。会议还对15家人才工作先进单位进行了表彰。
过去一年，青川人才工作取得明显成效，全市人才总量突破四十二万人。返乡创业的孟晓川同志，把一个年销售额不足100万元的小作坊，做到了去年销售额3000万元。
同时也要看到，我们的人才工作还有不少短板，高层次人才偏少，人才流失问题仍然存在。
产业是人才集聚的根基。要围绕新材料、装备制造两大主导产业精准引才。要建立重点企业人才需求清单，每季度发布一次。
平台是人才干事的舞台。要支持企业建设研发中心和博士后工作站，今年新建博士后工作站不少于6个。要办好青川人才创新园，今年新增入驻团队三十个。
服务是留住人才的关键。要完善人才住房保障，今年筹集人才公寓两千套。要为高层次人才子女入学开辟绿色通道。人才公寓要优先保障青年人才，青年人才入住率不低于三分之二。
投入是人才发展的保障。市财政每年安排不少于2亿元的人才发展专项资金。要发挥人才基金撬动作用，引导社会资本投向人才项目。要探索人才贷、人才保等金融产品。
各级党委要把人才工作摆上重要位置，书记要亲自抓、负总责。
同志们，人才是第一资源。让我们以更加开放的胸襟广纳英才，为青川高质量发展注入强大动力！
"""

_WATER = """在全县水环境治理工作大会上的讲话
县长　邓秋实
（2024年3月5日）
来源：白石县人民政府网
同志们：
今天召开全县水环境治理工作大会，主要任务是部署今年白石县的水环境治理工作。
第一，充分肯定去年水环境治理取得的成绩。全县十二个国控断面水质全部达标，群众满意度明显提高。
第二，聚焦重点，打好水环境治理三大战役。县财政今年安排水环境治理专项资金8000万元。
一是打好黑臭水体歼灭战。要对城区十一条黑臭水体逐条制定整治方案。要在六月底前完成截污纳管工程。
二是打好饮用水源保卫战。要全面清理水源保护区内的违法建筑。要建成县级水源地自动监测站。
三是打好农村污水攻坚战。要新建农村污水处理站四十座。要建立运维长效机制。
第三，压实责任，对乡镇干部提几点要求。
一是要当好河长，每月巡河不少于两次。
二是要管好工地，严防泥浆直排入河。
三是要带好群众，发动村民参与护河。
同志们，水是生命之源，让我们共同守护白石的碧水清流！
"""

_TEA = """在2024年新春团拜会上的讲话
区长　柯嘉禾
（2024年2月5日）
各位老同志，各位朋友：
刚刚过去的2023年，是东湾区发展很不平凡的一年。
这一年，我们把项目建设作为头等大事，新开工亿元以上项目三十八个。
这一年，我们把城市更新作为民生工程，改造老旧小区五十二个。
这一年，我们把生态保护作为发展底线，东湾河水质稳定达到三类。
成绩来之不易，我代表区委、区政府向大家表示衷心的感谢！
新的一年，我们要在产业升级上再下功夫，培育专精特新企业二十家。
新的一年，我们要在民生保障上再加力度，新建社区食堂十个。
新的一年，我们要在作风建设上再动真格，开展基层减负专项行动。
最后，祝大家新春愉快、阖家幸福！
"""

_SCHOOL = """在青禾职业技术学院建校五十周年庆祝大会上的讲话
副市长　贺明川
（2024年10月18日）
各位来宾，老师们、同学们：
今天，我们欢聚一堂，庆祝青禾职业技术学院建校五十周年。
五十年来，学院累计培养技术技能人才八万余名，为全市制造业输送了大批骨干。
当前，青禾正在加快建设先进制造业强市，对技术技能人才的需求越来越迫切。
面向新的五十年，希望学院坚持立德树人，把学生的职业素养放在首位。德技并修，是职业教育的根本要求。
希望学院深化产教融合，和龙头企业共建产业学院。学院要主动对接全市主导产业调整专业设置。
希望学院扩大开放办学，引进境外优质职业教育资源。要办好中外合作办学项目。
市政府将一如既往地支持学院发展。我们已经把学院新校区建设列入今年的重点项目。
老师们、同学们，让我们携手并进，共同谱写学院发展的新篇章！
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root = tmp_path_factory.mktemp("measures")
    for name, text in (("rencai.txt", _TALENT), ("shuihuanjing.txt", _WATER), ("tuanbai.txt", _TEA), ("xiaoqing.txt", _SCHOOL)):
        (root / name).write_text(text, encoding="utf-8")
    return Engine.load([root], use_cache=False)


def _no(engine: Engine, title_word: str) -> int:
    return next(s.no for s in engine.corpus.speeches if title_word in s.title)


def _numbered(text: str) -> list[str]:
    return [line for line in text.splitlines() if line[:1].isdigit() and ". " in line[:4]]


@pytest.mark.parametrize("question", ["人才大会讲话里提到的短板有哪些?", "人才表彰大会上说了哪些短板?"])
def test_a_meeting_named_shortened_names_the_speech_its_subtitle_tells(engine: Engine, question: str) -> None:
    # (大会 alone is in another title; 人才大会 shortens only the subtitle's 人才工作暨…表彰大会.)
    assert engine.plan(question).speech_no == _no(engine, "英才")


@pytest.mark.parametrize("question", ["人才大会和水环境大会的讲话，各自提到今年要新建什么?",
                                      "水环境治理大会与人才工作大会上的讲话分别部署了什么?"])
def test_two_meetings_joined_by_he_name_two_speeches(engine: Engine, question: str) -> None:
    plan = engine.plan(question)
    assert set(plan.speech_candidates) == {_no(engine, "英才"), _no(engine, "水环境")}


@pytest.mark.parametrize("question", ["白石县在截污纳管上定的完成时间是哪天?", "白石县截污纳管工程上要求什么时候前完成?"])
def test_a_place_naming_the_speech_leaves_the_rest_asked(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.plan["speech"] == _no(engine, "水环境")
    assert "六月底前" in answer.text and not answer.abstained


@pytest.mark.parametrize(("question", "said"), [
    ("青川市财政每年掏多少钱用在人才上?", "2亿元"),
    ("市里每年拿多少钱搞人才发展?", "2亿元"),
    ("返乡创业的那个人把作坊的销售额从多少做到了多少?", "3000万元"),
])
def test_money_or_a_verb_after_how_much_is_no_thing_counted(engine: Engine, question: str, said: str) -> None:
    answer = engine.ask(question)
    assert said in answer.text and not answer.partial and not answer.abstained


@pytest.mark.parametrize(("question", "said", "not_said"), [
    ("饮用水源保卫战具体有哪些措施?", "自动监测站", "截污纳管"),
    ("打好黑臭水体歼灭战要做哪些工作?", "截污纳管", "自动监测站"),
])
def test_an_item_its_own_opening_names_is_answered_with_what_it_holds(engine: Engine, question: str,
                                                                      said: str, not_said: str) -> None:
    answer = engine.ask(question)
    assert said in answer.text and not_said not in answer.text


def test_a_question_sharing_what_every_item_says_gets_the_list(engine: Engine) -> None:
    answer = engine.ask("水环境治理的三大战役分别是什么?")
    lines = _numbered(answer.text)
    assert len(lines) == 3 and "农村污水攻坚战" in lines[2]


@pytest.mark.parametrize("question", ["人才大会上，市委书记部署了哪些引才留才的具体措施?",
                                      "范承志在人才大会上讲了哪些举措?"])
def test_paragraphs_that_each_state_a_point_then_direct_are_measures(engine: Engine, question: str) -> None:
    lines = _numbered(engine.ask(question).text)
    assert len(lines) == 4
    assert lines[0].startswith("1. 产业是人才集聚的根基") and lines[3].startswith("4. 投入是人才发展的保障")


@pytest.mark.parametrize(("question", "counted"), [
    ("人才大会上作典型发言的是哪四个乡镇?", "四个乡镇"), ("人才大会上发言的乡镇都有哪些?", "四个乡镇"),
    ("受表彰的15家先进单位都有哪些?", "15家"), ("人才大会上表彰的先进单位是哪几家?", "15家"),
])
def test_places_or_bodies_a_sentence_only_counts_are_not_named(engine: Engine, question: str, counted: str) -> None:
    answer = engine.ask(question)
    assert answer.partial and counted in answer.text


@pytest.mark.parametrize("question", ["水环境大会对乡镇干部提了几点要求？分别是什么", "邓秋实对乡镇干部提了哪些要求?"])
def test_the_points_a_named_part_lists_answer_under_its_name(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    lines = _numbered(answer.text)
    assert len(lines) == 3 and "河长" in lines[0] and "护河" in lines[2]


def test_an_outline_keeps_a_series_of_paragraphs_together(engine: Engine) -> None:
    answer = engine.ask("新春团拜会上的讲话主要讲了哪些内容?")
    lines = _numbered(answer.text)
    series = [line for line in lines if "这一年" in line]
    assert len(series) == 1 and "以下2段" in series[0]
    assert any("新的一年" in line and "以下2段" in line for line in lines)
    assert any("感谢" in line for line in lines)


@pytest.mark.parametrize("question", ["人才公寓里青年人才要占多大比例?", "青年人才在人才公寓里的占比是多少?"])
def test_a_share_asked_is_given_by_any_share(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert "三分之二" in answer.text and not answer.partial and not answer.abstained


def test_hopes_to_one_addressee_are_a_series_though_the_first_is_framed(engine: Engine) -> None:
    lines = _numbered(engine.ask("校庆大会上对学院提了哪几点希望?").text)
    assert len(lines) == 3 and "立德树人" in lines[0] and "开放办学" in lines[2]


def test_the_second_of_hopes_to_one_addressee(engine: Engine) -> None:
    answer = engine.ask("建校五十周年讲话对学院的第二个希望是什么?")
    assert "产教融合" in answer.text and "开放办学" not in answer.text


@pytest.mark.parametrize("question", ["水环境大会的讲话一共讲了几个方面，每个方面大意是什么",
                                      "水环境大会讲话分几部分？每部分讲什么"])
def test_asking_the_gist_of_each_part_still_asks_for_the_outline(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.plan["intent"] == "outline"
    lines = _numbered(answer.text)
    assert len(lines) == 3 and "成绩" in lines[0] and "压实责任" in lines[2]


@pytest.mark.parametrize("question", ["青川的人才发展专项资金和白石的水环境治理专项资金分别是多少?",
                                      "水环境治理专项资金与人才发展专项资金各是多少?"])
def test_two_figures_asked_at_once_are_each_answered(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert "2亿元" in answer.text and "8000万元" in answer.text and not answer.partial


@pytest.mark.parametrize("question", ["今年新建博士后工作站不少于几个?", "博士后工作站今年至少要新建几个?"])
def test_a_bound_on_a_count_asks_a_figure(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.plan["intent"] == "lookup" and "不少于6个" in answer.text and not answer.partial
