"""Points whose markers change family as they go (首先，…二是…第三是…四要…), what follows a
passage named by a quoted phrase or by an argument's verbs (解释完“何谓好作品”之后,下一段 /
讲完…教训之后,接着转向讨论), an opening asked about with a word that points back at the
subject (开头就给这项活动下了什么定位), a split separable verb (表了态 / 表个态), kinds of
requirement named in everyday words (硬性规定 / 硬指标), and a time before 是哪些 (60年代是
哪些力量…). Texts written for these tests."""

from __future__ import annotations

import pytest

from assistant.engine import Engine
from assistant.enumeration import enumerations
from assistant.question_grammar import AFTER, asked_term
from assistant.question_words import is_generic
from assistant.text_analysis import analyse, normalise

_EXCHANGE = """粮价波动与农民增收
钟文远
今年以来，国际粮价大幅波动，受到各方关注。有人认为国内粮价上涨是农民收入增长的主要原因。这种看法与实际情况并不相符。
首先，国内粮价的涨幅其实并不大，全年稻谷收购价只上涨了百分之三左右。
其次，农民收入增长主要来自务工收入，粮食收入只是其中的一小部分。
第三，粮价上涨同时推高了化肥和农药的价格，种粮的纯收益并没有明显增加。
在这次波动中，我国粮食市场总体平稳，库存充足。但我们应从中吸取经验教训。首先，要稳定粮食播种面积，确保口粮绝对安全。二是要完善最低收购价政策，让种粮农民吃上定心丸。第三是要加强市场监测，及早发现价格异动。四要健全储备调节机制，在丰收年多收储、在歉收年多投放，平抑市场波动。
从以下几点看，明年粮价大幅上涨的可能性不大。
第一，全国粮食连续丰收，供给充足。
第二，储备粮数量较多，调节能力较强。
第三，进口渠道多元，国际市场供应稳定。
总之，社会各方应对粮食市场平稳运行抱有信心。
"""

_CULTURE = """“乡村书屋”是惠民工程
林秋雁
“乡村书屋”活动由县委宣传部组织实施。实践证明，“乡村书屋”是惠民工程，是农村文化建设的有效载体。
繁荣农村文化，首要任务是多出适合农民阅读的好作品。要坚持贴近实际、贴近生活、贴近群众。
何谓好作品？我们所说的好作品，是指那些内容健康、通俗易懂、深受农民欢迎的读物。
盖房子要打好地基，种庄稼要选好种子，办书屋要选好图书。每年为每个书屋更新图书不少于三百册。
县里要建立机制，逐步完善选书机制、管理机制、考核机制，使书屋建设走上规范化轨道。
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root = tmp_path_factory.mktemp("mixed")
    (root / "liangjia.txt").write_text(_EXCHANGE, encoding="utf-8")
    (root / "shuwu.txt").write_text(_CULTURE, encoding="utf-8")
    return Engine.load([root], use_cache=False)


def test_a_run_of_points_whose_markers_change_family_is_one_enumeration() -> None:
    paragraph = _EXCHANGE.split("\n")[6]
    mixed = [e for e in enumerations(paragraph) if e.family == "mixed"]
    assert len(mixed) == 1 and "吸取经验教训" in mixed[0].lead
    assert [label[:2] for label in mixed[0].labels] == ["首先", "二是", "第三", "四要"]


@pytest.mark.parametrize("text", [
    # a run nested in another point: 一是/二是 inside 第一，… never mix with 第二，
    "我们要做到：第一，学习。一是读书；二是思考；三是实践。第二，工作。第三，生活。",
    # 首先 inside the first point of a 一是…四是 run opens no run of the others
    "要抓好以下工作：一是要发挥教育作用。首先使普通话成为校园语言。二是要带头。三是要示范。四是要规范。",
])
def test_runs_of_one_family_are_not_mixed_with_markers_inside_them(text: str) -> None:
    assert not [e for e in enumerations(text) if e.family == "mixed"]


def test_the_last_of_mixed_markers_is_asked_by_what_the_lead_names(engine: Engine) -> None:
    answer = engine.ask("粮价那篇里，作者列了应吸取的几条教训，最后一条是什么？")
    assert "健全储备调节机制" in answer.text.split("\n")[0], answer.text
    answer = engine.ask("粮价那篇说应该吸取哪些经验教训？")
    assert all(x in answer.text for x in ("稳定粮食播种面积", "最低收购价", "加强市场监测", "健全储备调节机制")), answer.text


@pytest.mark.parametrize("question", ["讲完X之后，接着转向讨论什么问题？", "讲完X之后接着分析了什么？",
                                      "解释完“X”之后，下一段是用什么比方开头的？"])
def test_what_follows_asked_with_an_arguments_verbs_or_the_next_paragraph(question: str) -> None:
    assert AFTER.search(question)


def test_what_follows_a_passage_named_by_a_quoted_phrase(engine: Engine) -> None:
    answer = engine.ask("书屋那篇解释完“何谓好作品”之后，下一段是用什么比方开头的？")
    assert "打好地基" in answer.text.split("\n")[0], answer.text


def test_what_follows_the_lessons_drawn(engine: Engine) -> None:
    answer = engine.ask("粮价那篇讲完应吸取的经验教训之后，接着转向讨论什么问题？")
    assert "可能性不大" in answer.text.split("\n")[0], answer.text


@pytest.mark.parametrize("question", ["书屋那篇开头就给这项活动下了什么定位？", "乡村书屋那篇开头给这个工程下了什么定位？"])
def test_an_opening_asked_with_a_word_pointing_back_at_the_subject(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert "惠民工程" in answer.text.split("\n")[0], answer.text


def test_the_point_asked_with_what_it_lists_is_quoted_whole(engine: Engine) -> None:
    answer = engine.ask("粮价那篇讲应吸取的教训，最后一条讲的是什么？要做到哪些？")
    assert "多收储" in answer.text, answer.text


def test_a_split_separable_verb_meets_its_other_splits() -> None:
    assert "表态" in analyse("当场表了态").words and "表态" in analyse("郑重表个态").words
    assert "见面" in analyse("见了面").words
    assert "走场" not in analyse("走过场").words   # (走过场 is no split 走场)


@pytest.mark.parametrize("word", ["硬性规定", "硬指标", "刚性要求", "指标"])
def test_everyday_names_of_a_requirement_are_no_subject(word: str) -> None:
    assert is_generic(word)


def test_a_time_before_which_asks_for_no_content_of_the_time() -> None:
    assert asked_term(normalise("多极化那篇里，60年代是哪些力量冲破了两极格局？"), analyse) == ""
    assert asked_term(normalise("那篇讲的三个服务具体是哪些？"), analyse) == "那篇讲的三个服务"[-4:]


_OPENING = """在临溪学院2025级新生开学典礼上的讲话
校长　顾言之
2025年9月8日
亲爱的同学们：
今天，我们在这里隆重举行开学典礼。在这个特别的日子里，我想给大家提三点希望。
首先，希望大家立志向。人生的扣子从一开始就要扣好。
其次，希望大家勤读书。图书馆每天开放到夜里十一点。
最后，希望大家强体魄。每周至少参加三次体育锻炼。
同学们，学校今年全面推行导师制，每位新生都会有一位学业导师。
"""

_MEETING = """在石岭县2025年农业农村工作会议上的讲话
县长　严东来
2025年2月20日
同志们：
今天召开全县农业农村工作会议。下面，我讲两点意见。
一、总结成绩，看清形势
（一）去年成效明显。全县粮食总产量达到21万吨，农民人均可支配收入增长7%。
（二）短板依然存在。农产品加工转化率只有五成，村集体经济薄弱村还有32个。
二、突出重点，抓好落实
（一）稳住粮食生产。今年粮食播种面积稳定在40万亩以上。
（二）壮大特色产业。年内建成高山茶叶基地2万亩。
"""


@pytest.fixture(scope="module")
def addresses(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root = tmp_path_factory.mktemp("addresses")
    (root / "kaixue.txt").write_text(_OPENING, encoding="utf-8")
    (root / "nongye.txt").write_text(_MEETING, encoding="utf-8")
    return Engine.load([root], use_cache=False)


@pytest.mark.parametrize("question", ["开学典礼那篇讲完几点希望之后，校长接着讲了什么？",
                                      "开学典礼上校长说完这三点希望以后又讲了什么？"])
def test_what_follows_the_items_counted_with_ji(addresses: Engine, question: str) -> None:
    answer = addresses.ask(question)
    assert "导师制" in answer.text.split("\n")[0], answer.text


@pytest.mark.parametrize("question", ["农业农村工作会议讲话第一部分，讲完去年的成效之后接着讲的是什么？",
                                      "石岭那篇第二部分讲完粮食生产以后，接着讲了什么？"])
def test_a_part_named_before_the_passage_done_says_where_not_what(addresses: Engine, question: str) -> None:
    answer = addresses.ask(question)
    first = answer.text.split("\n")[0]
    assert ("短板依然存在" if "第一部分" in question else "壮大特色产业") in first, answer.text


def test_a_claim_the_asker_quotes_is_no_key_term_when_its_words_are_said(engine: Engine) -> None:
    answer = engine.ask("粮价那篇，作者反驳“粮价上涨让农民收入大增”的说法，第二条理由是什么？")
    assert "没有出现" not in answer.text, answer.text
    answer = engine.ask("粮价那篇怎么评价“量子通信卫星组网”的说法？")
    assert "没有出现「量子通信卫星组网」" in answer.text or answer.abstained, answer.text
