"""Things a speech announces and then says in paragraphs that each open with a short sentence of
their own (说几句心里话。 ¶ 愿你们… ¶ 要学会… ¶ 最后，请…); requirements put to those a
question names (对工会提了哪些要求: the directives of the paragraph about them); what follows a
series as a whole (讲完对劳模的希望以后) and a point inside a paragraph (讲完“强化要素保障”之后); a
meeting named shortly (生态环境会, 劳模会); two meetings or two places named apart; a count said
shortened (本科生 for 本科毕业生); a role named in the paragraph about someone (她的导师…); how
long or how often (多久 / 多长时间内). Texts written for these tests."""

from __future__ import annotations

import pytest

from assistant.engine import Engine

_SEND_OFF = """勇敢地去远方——在东湖职业技术学院2025届毕业典礼上的讲话
院长　方启航
（2025年6月20日）
各位毕业生、各位老师、各位家长：
上午好！今天，学院2025届4120名专科生、368名本科生顺利毕业。我代表学院向大家表示祝贺！
三年来，你们在实训车间里练就了本领。机电学院的周晓楠同学，在全国职业院校技能大赛中获得金牌，她的指导老师钱立德副教授陪她在车间度过了两个暑假。今年，她被保送到外校攻读本科。
临别之际，作为院长，我想给大家讲几点嘱咐。
把手艺当成饭碗。社会需要能工巧匠，一门过硬的手艺能让你们走遍天下。要珍惜在学校打下的基础，在岗位上继续精进。
不要怕从基层做起。每一个大国工匠都是从学徒做起的，脚踏实地才能走得更远。
学会照顾好自己。按时吃饭，按时休息，身体是一切的本钱。
最后，记得常回母校看看。学院的大门永远为你们敞开，实训中心也会继续向校友开放。
同学们，前路漫漫，愿你们勇敢地去远方！
谢谢大家！
"""

_LABOUR = """在全县庆祝五一国际劳动节暨劳动模范表彰大会上的讲话
县委书记　石永年
（2025年4月28日）
同志们：
今天，县委、县政府召开大会，表彰全县劳动模范。50名同志被授予“东湖县劳动模范”称号，10个集体被授予“东湖县模范集体”称号。我代表县委、县政府，向受到表彰的同志们表示热烈祝贺！
过去一年，全县经济稳中有进，规模以上工业增加值增长百分之八。
借此机会，我向受表彰的同志们提三点希望。
希望你们坚守岗位、精益求精，做爱岗敬业的表率。荣誉属于过去，奋斗永无止境。
希望你们敢闯敢试、勇于创新，做改革攻坚的先锋。要在技术革新上多出成果。
希望你们甘为人梯、倾囊相授，做培养新人的导师。要把绝活传给青年职工。
各级工会组织是职工群众的娘家人，要在新时代有新担当。要建好职工服务驿站，年内新建驿站40个。要维护好职工的合法权益，根治欠薪问题。要办好劳模疗休养，每年组织困难劳模体检一次。各级党委要支持工会依法开展工作。
同志们，让我们以劳模为榜样，奋力谱写东湖发展新篇章！
"""

_RIVERS = """在西岭县2025年生态环境保护暨河湖长制工作会议上的讲话
县委副书记、县长　梁志远
（2025年3月5日）
同志们：
今天召开全县生态环境保护暨河湖长制工作会议，总结去年工作，部署今年任务。
去年，全县投入治水资金2.4亿元，完成8条河道综合整治。
今年重点抓好三项工作。（一）抓好截污纳管。年内新建污水管网25公里。（二）强化河湖巡查。县级河湖长每季度巡查不少于1次，乡级河湖长每月不少于1次，村级河湖长每周不少于1次。（三）严格考核问责。将河湖长制工作纳入乡镇年度考核。
要确保污水处理厂二期工程年底前建成投用。
"""

_BUSINESS = """在南湖县优化营商环境推进大会上的讲话
县委副书记、县长　梁志远
（2025年2月10日）
同志们：
今天召开全县优化营商环境推进大会，部署今年的营商环境工作。
去年，全县为企业减税降费共计1.8亿元，新增市场主体5200户。
今年要突出抓好四个方面。（一）深化审批改革。推行“拿地即开工”。（二）强化要素保障。设立1亿元转贷应急资金。（三）提升政务服务。推行帮办代办服务。（四）构建亲清政商关系。建立县领导联系企业制度。
将营商环境工作纳入年度综合考核，权重由4%提高到6%。
"""


_LECTURE = """以学促干——在县水利局主题教育专题党课上的讲话
县水利局党组书记、局长 韩立诚
2025年5月16日
同志们：
今天我和大家一起上一堂专题党课，主要讲三个部分的内容。
第一部分 认清开展主题教育的意义
主题教育是一次集中的思想淬炼，也是一次全面的政治体检。我们要从讲政治的高度认识这次主题教育，把学习成效体现到水利工作的方方面面。
第二部分 正视我们存在的问题
对照要求，我们还存在不少差距。有的同志学习不深入，满足于读读文件；有的同志服务不主动，群众办事还要多跑腿。
第三部分 以实际行动推动整改
（一）在学习上下功夫。每月开展一次集中学习，局领导带头讲学习体会，把学习同解决防汛抗旱中的难题结合起来。
（二）在服务上下功夫。推行水利审批帮办制度，让群众办事少跑腿，年底前涉水审批事项全部实现网上可办。
（三）在纪律上下功夫。每半年开展一次警示教育，对工程建设领域的廉政风险逐项排查，发现问题严肃处理。
同志们，希望大家以“治水为民”的担当，把主题教育成果转化为工作实效！
"""

_SAFETY = """在全镇安全生产工作推进会上的讲话
副镇长 陶文远
2025年4月2日
今天召开全镇安全生产工作推进会，主要是通报形势、部署任务、压实责任。
先说形势。一季度全镇发生生产安全事故2起，同比下降一半。
再说任务。镇里决定开展两项专项行动：一是燃气安全“清患”行动，由镇应急办牵头，冯家宁同志具体负责；二是道路安全“护航”行动，由镇派出所牵头，祁明同志具体负责。
最后说责任。安全生产责任重于泰山。第一，要压实属地责任，各村书记是第一责任人。第二，要压实部门责任，管行业必须管安全。第三，要压实企业主体责任，企业负责人要亲自抓。
同志们，安全生产没有旁观者，大家要把各项措施落到实处！
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root = tmp_path_factory.mktemp("announced")
    for name, text in (("biye.txt", _SEND_OFF), ("laomo.txt", _LABOUR), ("heihu.txt", _RIVERS),
                       ("yingshang.txt", _BUSINESS), ("dangke.txt", _LECTURE), ("anquan.txt", _SAFETY)):
        (root / name).write_text(text, encoding="utf-8")
    return Engine.load([root], use_cache=False)


_ADVICE = ("把手艺当成饭碗", "不要怕从基层做起", "学会照顾好自己", "常回母校看看")


@pytest.mark.parametrize("question", ["院长在毕业典礼上给毕业生提了哪些建议?", "毕业讲话里院长有哪几条嘱咐?",
                                      "毕业典礼讲话一共讲了哪几层意思?"])
def test_things_announced_then_said_in_topic_paragraphs_are_a_list(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert all(a in answer.text for a in _ADVICE), answer.text


@pytest.mark.parametrize("question, said", [("毕业讲话里院长的第二条嘱咐是什么?", "不要怕从基层做起"),
                                            ("毕业典礼上院长最后一条叮嘱是啥?", "常回母校看看")])
def test_the_nth_of_things_announced_in_topic_paragraphs(engine: Engine, question: str, said: str) -> None:
    answer = engine.ask(question)
    assert said in answer.text.split("\n")[0], answer.text
    others = [a for a in _ADVICE if a != said]
    assert not any(a in answer.text for a in others), answer.text


@pytest.mark.parametrize("question", ["劳模表彰大会上县委书记对工会提了哪些要求?", "五一表彰会上对工会组织有哪些要求?"])
def test_requirements_put_to_those_named_are_their_paragraphs_directives(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert all(w in answer.text for w in ("职工服务驿站", "合法权益", "劳模疗休养")), answer.text
    assert "精益求精" not in answer.text, answer.text   # (the hopes are put to the models, not the unions)


def test_hopes_put_to_the_models_stay_the_series(engine: Engine) -> None:
    answer = engine.ask("劳模会上对劳模提了哪些希望?")
    assert all(w in answer.text for w in ("精益求精", "勇于创新", "倾囊相授")), answer.text


@pytest.mark.parametrize("question", ["劳模会上讲完对劳模的希望以后,接下来讲的是什么?",
                                      "五一表彰大会讲完三点希望之后又讲了什么?"])
def test_after_a_series_as_a_whole_comes_what_follows_its_last(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert "娘家人" in answer.text, answer.text


def test_after_one_of_a_series_comes_the_next_of_it(engine: Engine) -> None:
    answer = engine.ask("劳模会上讲完敢闯敢试那条希望以后讲了什么?")
    assert "甘为人梯" in answer.text.split("\n")[0], answer.text


@pytest.mark.parametrize("question", ["营商环境推进大会上,讲完“强化要素保障”之后紧接着讲的是哪一条?",
                                      "营商环境那篇讲完强化要素保障后面接着讲什么"])
def test_after_a_point_inside_a_paragraph_comes_its_next_point(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert "提升政务服务" in answer.text, answer.text
    assert "深化审批改革" not in answer.text, answer.text


@pytest.mark.parametrize("question, title", [("梁志远在生态环境会上今年部署了几项重点工作?", "河湖长制"),
                                             ("劳模会上县委书记讲了什么?", "劳动模范表彰大会"),
                                             ("梁志远在营商环境会上说了什么?", "营商环境")])
def test_a_meeting_named_shortly_names_its_speech(engine: Engine, question: str, title: str) -> None:
    plan = engine.plan(question)
    assert plan.speech_no is not None
    assert title in engine.speech_title(plan.speech_no)


def test_two_meetings_named_apart_are_each_asked(engine: Engine) -> None:
    answer = engine.ask("营商环境推进大会和河湖长制会议都提到纳入考核,两边分别是怎么说的?")
    assert "4%提高到6%" in answer.text and "乡镇年度考核" in answer.text, answer.text


def test_two_places_named_apart_are_each_asked(engine: Engine) -> None:
    plan = engine.plan("南湖县去年减税降费的总额和西岭县去年投入的治水资金,哪个多?")
    assert plan.speech_no is None and len(plan.speech_candidates) == 2 and plan.multi_speech


@pytest.mark.parametrize("question, figure", [("东湖职业技术学院2025届本科毕业生有多少人?", "368"),
                                              ("今年专科毕业生有多少名?", "4120")])
def test_a_count_of_a_noun_said_shortened(engine: Engine, question: str, figure: str) -> None:
    answer = engine.ask(question)
    assert not answer.partial, answer.text
    assert figure in answer.text, answer.text


@pytest.mark.parametrize("question", ["周晓楠的指导老师是谁?", "周晓楠的指导老师叫什么名字?"])
def test_a_role_named_in_the_paragraph_about_someone(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert not answer.partial, answer.text
    assert "钱立德" in answer.text, answer.text


@pytest.mark.parametrize("question", ["村级河湖长多久巡查一次?", "村级河湖长隔多长时间要巡查一次?"])
def test_how_often_is_answered_by_a_frequency(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert "每周" in answer.text.split("[")[0], answer.text


def test_within_how_long_is_not_answered_by_a_frequency(engine: Engine) -> None:
    answer = engine.ask("污水处理厂二期多长时间之内建成?")
    assert "年底前" in answer.text.split("[")[0], answer.text


@pytest.mark.parametrize("question", ["韩立诚局长那堂党课分成几个部分?", "那堂党课讲了哪几个部分?"])
def test_a_party_lecture_is_named_as_a_speech(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert all(w in answer.text for w in ("认清开展主题教育的意义", "正视我们存在的问题", "以实际行动推动整改")), answer.text


def test_a_lecture_named_by_its_kind_alone(engine: Engine) -> None:
    answer = engine.ask("党课里提的整改措施,最后一条是啥?")
    assert "在纪律上下功夫" in answer.text, answer.text


@pytest.mark.parametrize("question", ["党课和安全生产推进会的结尾各是怎么说的?", "水利局党课和镇安全生产推进会最后一段分别说了什么?"])
def test_the_position_asked_of_each_speech_named(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert "治水为民" in answer.text and "没有旁观者" in answer.text, answer.text


@pytest.mark.parametrize("question", ["安全生产推进会上讲压实责任,一共讲了哪几种责任?", "镇安全生产会议说的责任有哪几种?"])
def test_the_kind_asked_names_one_spoken_point_whose_list_answers(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert all(w in answer.text for w in ("属地责任", "部门责任", "企业主体责任")), answer.text
    assert "先说形势" not in answer.text, answer.text


@pytest.mark.parametrize("question, who", [("护航行动具体是谁负责?", "祁明"), ("清患那个行动由谁具体负责?", "冯家宁")])
def test_who_does_it_is_the_sentence_that_says_the_deed(engine: Engine, question: str, who: str) -> None:
    answer = engine.ask(question)
    assert who in answer.text.split("[")[0], answer.text


def test_a_figure_said_of_those_from_the_whole_county_is_its_own() -> None:
    from assistant.answer_types import places_named
    from assistant.partial import _OWN_PLACE
    assert _OWN_PLACE.search("共有来自全县12个乡镇的1380名运动员") and not places_named("共有来自全县12个乡镇")


@pytest.mark.parametrize("question", ["周晓楠被保送到哪所学校?", "周晓楠读本科去了哪所大学?"])
def test_a_body_asked_must_stand_where_the_deed_is_told(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.partial or answer.abstained, answer.text   # (机电学院 is where she studied, not where she goes)


def test_a_body_asked_for_is_found_where_the_question_names_none(engine: Engine) -> None:
    answer = engine.ask("周晓楠是哪个学院的?")
    assert not answer.partial and "机电学院" in answer.text, answer.text


def test_the_speakers_own_bodies_name_none_of_those_counted(engine: Engine) -> None:
    answer = engine.ask("受表彰的10个模范集体都有哪些单位?")
    assert answer.partial or answer.abstained, answer.text
