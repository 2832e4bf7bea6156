"""Lists a text gives without markers, asked for in everyday words: the sentences that direct
after those the question names (广大职工要以…为指导。要坚持…。要发扬…。要大力开展…), read as
the hopes or requirements asked for them, and only then. Texts written for these tests."""

from __future__ import annotations

import pytest
from engine_helpers import engine_of

_LETTER = """市总工会致全市职工的新春慰问信
本报讯 市总工会今日发出慰问信，向全市职工致以新春问候。
慰问信说，产业工人是制造业发展的主力军，是技术创新的骨干力量，是维护社会稳定的中坚力量。全市职工要立足岗位，积极投身于高质量发展。要带头学习新技术，争当知识型、技能型、创新型劳动者。要深入开展劳动竞赛和技能比武，推动企业提高产品质量。要关心困难职工的生产生活，把温暖送到每一个职工家里。
慰问信最后说，让我们团结一致，为建设现代化新城市再立新功。
"""
_OTHER = "在植树节的讲话\n（2020年3月12日）\n今年全市植树100万株，新增绿地300公顷。\n"
_SCHOOL = """在全市教育工作会议上的讲话
（2024年2月20日）
同志们：
去年全市新建学校5所，新增学位3600个，招聘教师420名。
今年要推进集团化办学，组建教育集团6个，让更多孩子在家门口上好学。
"""
_MARKET = """市场监管局召开食品安全工作会议
会议通报了去年全市食品安全抽检情况，共抽检样品1.2万批次，合格率98.6%。
会议要求，各区要加强校园周边食品安全整治，严厉打击制售假冒伪劣食品的违法行为。
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory):
    return engine_of(tmp_path_factory.mktemp("unmarked"), {"01_letter.txt": _LETTER, "02_trees.txt": _OTHER,
                                                                  "03_school.txt": _SCHOOL, "04_market.txt": _MARKET})


@pytest.mark.parametrize("question", ["慰问信对全市职工提了哪些希望？", "总工会给职工提出了哪几条要求？",
                                      "慰问信对职工提出了哪些要求？",
                                      "市总工会对职工都提了哪些期望？"])
def test_the_hopes_are_the_directives_in_a_row(engine, question: str) -> None:
    answer = engine.ask(question)
    for said in ("带头学习新技术", "深入开展劳动竞赛", "关心困难职工"):
        assert said in answer.text
    assert answer.text.index("带头学习新技术") < answer.text.index("关心困难职工")


def test_a_question_for_something_else_is_not_answered_by_them(engine) -> None:
    answer = engine.ask("慰问信里说产业工人是什么样的力量？")
    assert "主力军" in answer.text
    assert not answer.text.startswith("共")


# (a new user's own report, as they wrote it)
_WORK_REPORT = """2025年青石县人民政府工作报告
——2026年1月15日在青石县第十八届人民代表大会第五次会议上
县长　林晓峰

各位代表：
现在，我代表县人民政府，向大会报告工作，请予审议，并请县政协委员和其他列席人员提出意见。

一、2025年工作回顾
过去的一年，面对复杂严峻的外部环境，全县上下坚定信心、迎难而上，经济社会发展取得了新的成绩。全县地区生产总值完成286.5亿元，同比增长6.2%；一般公共预算收入完成18.3亿元，增长4.8%；城镇居民人均可支配收入达到47260元，农村居民人均可支配收入达到23150元，分别增长5.1%和7.3%。
（一）产业发展稳中有进。新签约亿元以上项目42个，其中10亿元以上项目6个。青石经济开发区新增规上工业企业27家，新能源电池产业园一期建成投产。全县规上工业增加值增长8.1%。
（二）城乡面貌持续改善。完成老旧小区改造36个，惠及居民5800户；新建改建农村公路112公里，实现行政村通双车道全覆盖。滨河公园建成开放，成为市民休闲的好去处。
（三）民生保障更加有力。全年民生支出占一般公共预算支出的81.6%。新增城镇就业6200人，新建幼儿园4所、中小学2所，县人民医院新住院楼投入使用，新增床位400张。
同时，我们也清醒地看到，发展中还存在一些困难和问题：一是产业结构不够优，传统产业占比仍然偏高；二是财政收支矛盾突出，刚性支出压力较大；三是部分干部担当意识不强，办事效率有待提高。对此，我们将采取有力措施，认真加以解决。

二、2026年主要目标任务
2026年经济社会发展的主要预期目标是：地区生产总值增长6%左右，一般公共预算收入增长5%，城乡居民人均可支配收入增长与经济增长基本同步，城镇调查失业率控制在5.5%以内。重点抓好以下五个方面的工作：
（一）坚持项目为王，做大产业规模。全年计划实施重点项目120个，完成投资210亿元。围绕新能源电池、绿色建材、特色食品三条产业链精准招商，力争新签约亿元以上项目45个。
（二）坚持创新驱动，增强发展动能。设立2亿元科技创新引导基金，新增高新技术企业20家，支持企业与省内高校共建研发平台。
（三）坚持城乡融合，建设宜居青石。启动城北片区棚户区改造，实施农村人居环境整治提升行动，年内完成150个自然村的污水治理。
（四）坚持改革开放，优化营商环境。深化“一件事一次办”改革，企业开办时间压缩到1个工作日以内，力争全县政务服务事项网上可办率达到98%。
（五）坚持人民至上，办好民生实事。继续办好十件民生实事，新增城镇就业6000人以上，新建改建养老服务中心8个，推动县中医院迁建项目开工。

三、加强政府自身建设
新的一年，我们要坚持依法行政，自觉接受县人大的法律监督和县政协的民主监督；要坚持廉洁从政，严格落实中央八项规定精神，政府一般性支出再压减5%；要坚持实干担当，对定下来的事情马上就办、一抓到底。

各位代表，新的征程已经开启，让我们在县委的坚强领导下，同心同德、苦干实干，为建设富裕文明美丽的新青石而努力奋斗！
"""


def test_a_list_in_one_sentence_after_its_lead_in(tmp_path) -> None:
    """同时，我们也清醒地看到，…困难和问题：一是…；二是…；三是…: the items start after the colon,
    and 第二条 of the next clause is the second of them."""
    engine = engine_of(tmp_path, {"01_report.txt": _WORK_REPORT, "02_trees.txt": _OTHER, "03_school.txt": _SCHOOL})
    answer = engine.ask("去年存在的困难和问题有几条？第二条是什么？")
    first = next(line for line in answer.text.splitlines() if line.startswith("1."))
    assert first.startswith("1. 一是产业结构不够优")
    assert "第2点是:二是财政收支矛盾突出" in answer.text
