"""A user's own speeches, as a new user wrote them: points opened inside a lead paragraph and
mid-paragraph, figures whose names are spelt out longer in the text, targets, and questions
that ask which speeches say something."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.engine import Engine

_FARM = """在全县春季农业生产会议上的讲话
县委书记　吴德明
（二○二三年三月二日）
同志们：
这次会议的主要任务是部署今年的春季农业生产。
去年，全县克服了秋季连阴雨的影响，油菜总产量达到十一点二万吨，比上年增长百分之四。
下面，我就抓好今年的农业生产讲四点意见。第一，要稳住油菜和早稻生产。今年全县油菜面积要稳定在三十万亩以上，油菜总产量力争达到十二万吨。
稳生产，关键在于让农民种地有账算。县财政今年安排八百万元，对连片种植的农户每亩补助三十元。
第二，要培育壮大特色产业。要围绕茶叶和蔬菜两个主导产业，引进一批加工企业。县里设立一千五百万元的农业产业发展引导基金，支持企业技术改造。
第三，要改善农村人居环境。今年完成农村户厕改造八千户，垃圾收运体系覆盖所有行政村。
环境整治贵在坚持。县里实行月检查、季通报，对连续排名末位的乡镇约谈主要负责人。同时，第四，要抓好农村基层组织建设。今年对全县村党组织书记轮训一遍。
要推行村级小微权力清单，让权力在阳光下运行。
同志们，春耕在即，各乡镇要立即行动起来，确保不误农时。
"""

_NEW_YEAR = """在二○二四年迎春茶话会上的致辞
市长　宋立民
（二○二四年二月五日）
各位来宾，同志们：
新春佳节即将来临，我代表市委、市政府，向大家致以节日的问候！
过去的一年，全市上下齐心协力，全年地区生产总值达到一千八百亿元，增长百分之六点二。
这一年，我们的城市更加美丽，新建口袋公园四十个。
这一年，我们的民生更加殷实，新增城镇就业四万二千人。
我们也清醒地看到，发展中还有不少困难和问题。部分企业生产经营困难，融资成本较高；老城区停车难、出行难仍然突出。对这些问题，我们将逐一加以解决。
新的一年，我们将着力扩大有效投资。
新的一年，我们将继续办好民生实事。
新的一年，我们将更加重视安全生产。
最后，祝大家新春快乐，阖家幸福！
"""

_SCIENCE = """在全市科技工作会议上的讲话
市委副书记　冯志远
（二○二三年八月十日）
同志们：
今天召开全市科技工作会议，表彰一批优秀科技工作者。
做好今后一个时期的科技工作，要着重抓好三个方面。首先，要强化企业创新主体地位。对研发投入增长较快的企业给予奖励。
其次，要建设高水平创新平台。三年内新建省级以上研发平台二十个。
再次，要加快科技成果转化。要设立三亿元的天使投资基金。
青年科技人才是创新的生力军，要为他们成长搭建舞台。
最后，我再强调一点，就是要营造宽容失败的创新氛围。
同志们，让我们为建设科技强市而努力奋斗！
"""

_HEADED = """在全区安全生产工作会议上的讲话
区长　黄振华
一、充分认识安全生产工作的重要性
安全生产事关人民群众生命财产安全。
二、突出抓好重点领域安全整治
一是抓好道路交通安全。
二是抓好建筑施工安全。
三、切实加强对安全生产工作的领导
第一，要落实领导责任。各级党政主要负责同志是安全生产第一责任人。
第二，要加强督查考核。对发生重大事故的单位实行一票否决。
第三，要加强宣传教育。要开展安全知识进企业、进社区活动，提高群众安全意识。
"""

_MEMORIAL = """在纪念方志远同志诞辰九十周年座谈会上的讲话
省政协副主席　钟守仁
同志们：
今天，我们在这里集会，纪念我省著名水利专家方志远同志诞辰九十周年。
方志远同志一九三三年出生于清河县，大学毕业后主动要求回到家乡，一干就是四十年，主持修建了大小水库二十余座。
一九七五年特大洪水中，方志远同志连续七昼夜坚守在大坝上，保住了下游十几万群众的生命财产。
改革开放以后，他担任省水利厅总工程师，主持编制了全省第一部水资源综合规划。
方志远同志生活简朴，从不向组织提个人要求。他的一生，是献身水利、造福百姓的一生。回顾他的奋斗历程，我谈三点体会，和大家共勉。
学习方志远同志，首要的是学习他扎根基层、心系群众的赤子情怀，他常说水利人的本事要写在大地上。
当前，我省正在实施新一轮农田水利建设，更需要一大批扎根基层的技术骨干。
方志远同志留给我们的另一份财富，是实事求是、严谨细致的科学精神，每一座水库他都要亲自勘测、反复论证。
一些地方搞工程贪大求快，前期论证走过场，教训十分深刻。
我们纪念方志远同志，还要学习他甘当人梯、培养后学的崇高品德，他带出的技术人员遍布全省各地。
省政府决定，设立方志远水利科技奖，每两年评选一次。
同志们，让我们以方志远同志为榜样，为建设水利强省作出新的贡献！
"""

_SCHOOL = """在清溪中学建校60周年庆祝大会上的讲话
县长　石家瑞
（2022年9月20日）
老师们、同学们、各位校友：
今天，我们隆重集会，庆祝清溪中学建校60周年。下面，我讲三个方面的意见。
回顾六十年的办学历程，清溪中学为国家输送了三万多名毕业生，成绩来之不易。
办学条件也在不断改善，新建的实验楼去年投入使用。
看清了成绩，更要看清差距。与市里的优质高中相比，我们的师资力量还比较薄弱。
今后五年，县里要集中抓好以下几件事。
抓教师队伍建设。每年引进研究生学历教师十名。
抓校园改造提升。清溪中学的老校区是上世纪八十年代规划的，清溪中学的师生对此意见很多。要按照寄宿制学校标准，新建学生宿舍楼和食堂。
抓教学质量提升。推进小班化教学改革。
差距明确之后，关键在落实。县教育局要会同学校制定具体方案。
同志们，让我们共同努力，把清溪中学办得更好！
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root: Path = tmp_path_factory.mktemp("own")
    for name, text in (("farm", _FARM), ("new_year", _NEW_YEAR), ("science", _SCIENCE), ("safety", _HEADED),
                       ("memorial", _MEMORIAL), ("school", _SCHOOL)):
        (root / f"{name}.txt").write_text(text, encoding="utf-8")
    return Engine.load([root], use_cache=False)


@pytest.mark.parametrize("question", ["春季农业生产会议讲了哪四点意见?", "吴德明的讲话分几点?"])
def test_a_first_point_with_paragraphs_of_its_own_and_a_point_opened_mid_paragraph(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    lines = [x for x in answer.text.splitlines() if x[:2] in ("1.", "2.", "3.", "4.", "5.")]
    assert len(lines) == 4, answer.text
    for n, said in enumerate(("油菜和早稻", "特色产业", "人居环境", "基层组织")):
        assert said in lines[n], answer.text


def test_the_point_opened_mid_paragraph_is_asked_for_by_number(engine: Engine) -> None:
    answer = engine.ask("春季农业生产会议上讲的第四点意见是什么?")
    assert not answer.abstained and "基层组织建设" in answer.text, answer.text
    assert "约谈" not in answer.text   # the paragraph's sentences before the point are the third point's


@pytest.mark.parametrize(("question", "figure"), [
    ("农业产业引导基金有多少钱?", "一千五百万元"),     # said 农业产业发展引导基金, the figure before it
    ("天使基金规模是多少?", "三亿元"),
    ("去年地区生产总值是多少?", "一千八百亿元"),       # 去年 says which year, in a speech of 2024
    ("今年油菜总产量的目标是多少?", "十二万吨"),         # a target is what 力争 aims at
])
def test_a_figure_given_is_not_said_to_be_missing(engine: Engine, question: str, figure: str) -> None:
    answer = engine.ask(question)
    assert not answer.partial and not answer.abstained, answer.text
    assert figure in answer.text.splitlines()[0], answer.text


def test_the_target_comes_before_last_years_figure(engine: Engine) -> None:
    answer = engine.ask("今年油菜总产量的目标是多少?")
    assert answer.text.index("十二万吨") < answer.text.index("十一点二万吨") if "十一点二万吨" in answer.text else True


def test_a_paragraph_before_parallel_points_is_not_their_lead(engine: Engine) -> None:
    answer = engine.ask("宋立民的致辞里提到了哪些困难?")
    assert "融资成本" in answer.text and "停车难" in answer.text, answer.text   # what 不少困难 goes on to tell
    assert "扩大有效投资" not in answer.text, answer.text


def test_parts_announced_as_what_is_to_be_done(engine: Engine) -> None:
    answer = engine.ask("冯志远的讲话分几个部分?")
    lines = [x for x in answer.text.splitlines() if x[:2] in ("1.", "2.", "3.", "4.", "5.")]
    assert [("企业创新" in lines[0]), ("创新平台" in lines[1]), ("成果转化" in lines[2])] == [True] * 3, answer.text
    assert len(lines) == 4 and "宽容失败" in lines[3], answer.text   # 最后，我再强调一点: one more part


def test_which_speeches_say_a_word_lists_each_speech(engine: Engine) -> None:
    answer = engine.ask("哪几篇讲话提到了投资?")
    titles = {c.unit.speech_no for c in answer.citations}
    assert len(titles) == 2, answer.text     # the science speech (天使投资基金) and the new-year address
    assert "天使投资基金" in answer.text and "有效投资" in answer.text, answer.text


def test_which_speeches_say_a_word_only_one_says(engine: Engine) -> None:
    answer = engine.ask("哪些讲话谈到了青年?")
    assert answer.text.startswith("只有在全市科技工作会议上的讲话讲到「青年」"), answer.text
    assert [c.unit.speech_no for c in answer.citations] == [answer.citations[0].unit.speech_no]


def test_which_speeches_say_a_word_none_says(engine: Engine) -> None:
    answer = engine.ask("哪几篇讲话提到了体育锻炼?")
    assert answer.abstained
    assert "体育" in answer.text + "".join(answer.notes), answer   # the decline names what is never said


@pytest.mark.parametrize("question", ["安全生产工作会议讲话的最后一条是什么?", "黄振华讲话最后一条讲的啥?"])
def test_the_last_item_of_a_headed_speech_is_its_last_parts_last_item(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert "宣传教育" in answer.text and "落实领导责任" not in answer.text, answer.text
    assert answer.citations[0].unit.text.startswith("第三，要加强宣传教育"), answer.text


def test_the_last_part_is_still_the_part(engine: Engine) -> None:
    answer = engine.ask("安全生产工作会议讲话的最后一部分讲了什么?")
    assert "切实加强对安全生产工作的领导" in answer.text and "落实领导责任" in answer.text, answer.text


_EDUCATION = """在全县教育工作会议上的讲话
县长　李文斌
（二○二三年九月八日）
同志们：
今天召开全县教育工作会议，主要是总结去年以来的教育工作，部署下一阶段任务。
过去一年，全县教育事业取得了新进展，新建改扩建中小学校舍六万平方米，高考本科上线率提高三个百分点。
下面，我讲三点意见。
要把教育摆在优先发展的位置。各级党委政府要把教育作为最大的民生工程来抓，做到经费优先保障、问题优先解决。今年县财政教育支出要达到四点二亿元。
优先发展不是一句口号。要落实教育投入稳定增长机制，严禁挤占挪用教育经费。
要着力建设高素质教师队伍。要实施乡村教师支持计划，提高乡村教师生活补助标准，每人每月再增加三百元。
要让优秀人才愿意到乡村去、留得住、教得好。县里每年招聘一百名新教师，优先补充到边远学校。
要切实维护校园安全稳定。要健全校园安全防控体系，实现中小学一键报警全覆盖。
同志们，教育是国之大计、党之大计。让我们共同努力，办好人民满意的教育！
"""


@pytest.fixture(scope="module")
def one_speech(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root: Path = tmp_path_factory.mktemp("one")
    (root / "education.txt").write_text(_EDUCATION, encoding="utf-8")
    return Engine.load([root], use_cache=False)


@pytest.mark.parametrize("question", ["教育工作会议讲了哪三点意见?", "讲话的结构是怎样的?", "讲话主要讲了什么?"])
def test_points_announced_and_taken_up_unmarked(one_speech: Engine, question: str) -> None:
    # 下面，我讲三点意见。 then 要…。 ×3, each with a paragraph going on with it between.
    answer = one_speech.ask(question)
    lines = [x for x in answer.text.splitlines() if x[:2] in ("1.", "2.", "3.", "4.")]
    assert len(lines) == 3, answer.text
    for line, said in zip(lines, ("优先发展的位置", "教师队伍", "校园安全")):
        assert said in line, answer.text


def test_the_second_unmarked_point(one_speech: Engine) -> None:
    answer = one_speech.ask("李文斌讲话的第二点是什么?")
    assert "教师队伍" in answer.text and answer.citations[0].unit.text.startswith("要着力建设"), answer.text


def test_points_announced_after_an_account_each_saying_it_is_one_more(engine: Engine) -> None:
    # 我谈三点体会 ¶ 首要的是学习… ¶ … ¶ 另一份财富… ¶ … ¶ 还要学习…: the later ones say they are one more.
    answer = engine.ask("钟守仁讲的三点体会分别是什么?")
    lines = [x for x in answer.text.splitlines() if x[:2] in ("1.", "2.", "3.", "4.")]
    assert len(lines) == 3 and "赤子情怀" in lines[0] and "科学精神" in lines[1] and "甘当人梯" in lines[2], answer.text
    second = engine.ask("方志远座谈会讲话的第二点体会是什么?")
    assert "科学精神" in second.text and "赤子情怀" not in second.text, second.text


def test_points_announced_after_an_account_do_not_carry_the_speech(engine: Engine) -> None:
    answer = engine.ask("方志远座谈会讲话的主要内容有哪些?")
    assert "一九三三年出生" in answer.text and "水利科技奖" in answer.text, answer.text


@pytest.mark.parametrize("question", ["校庆那篇讲话分几个部分?", "校庆讲话先讲了什么后讲了什么?"])
def test_parts_announced_and_each_opened_by_settling_the_last(engine: Engine, question: str) -> None:
    # 校庆 names 建校60周年庆祝大会; 看清了成绩，更要看清差距。 / 差距明确之后，关键在落实。 open the later parts.
    answer = engine.ask(question)
    lines = [x for x in answer.text.splitlines() if x[:2] in ("1.", "2.", "3.", "4.", "5.")]
    assert len(lines) == 3, answer.text
    assert "回顾六十年" in lines[0] and "看清差距" in lines[1] and "关键在落实" in lines[2], answer.text


def test_things_to_do_announced_as_several_matters(engine: Engine) -> None:
    # …集中抓好以下几件事。 ¶ 抓…。 ×3 (下一步 in a question counts nothing).
    answer = engine.ask("清溪中学校庆讲话里说下一步要集中抓的几件事分别是什么?")
    for said in ("教师队伍建设", "校园改造提升", "教学质量提升"):
        assert said in answer.text, answer.text


def test_a_year_said_from_the_speechs_own_answers_when(engine: Engine) -> None:
    answer = engine.ask("校庆那篇讲话里清溪中学的实验楼是什么时候投入使用的?")
    assert not answer.partial and "去年投入使用" in answer.text, answer.text



@pytest.mark.parametrize(("question", "title"), [("市长讲了什么?", "迎春茶话会"), ("县委书记讲了几点意见?", "春季农业生产"),
                                                 ("区长那篇讲了什么?", "安全生产")])
def test_an_office_alone_names_the_speech_its_speaker_line_holds(engine: Engine, question: str, title: str) -> None:
    plan = engine.plan(question)
    assert plan.speech_no is not None and title in engine.corpus.speech(plan.speech_no).title, plan


def test_a_deputy_is_not_the_office(engine: Engine) -> None:
    assert engine.plan("副市长讲了什么?").speech_no is None   # 市长　宋立民 is no 副市长
