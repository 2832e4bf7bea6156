"""Questions about a user's own newspaper-layout texts: a speech named by its speaker, a report
by its kind, what comes after a passage, when a report's event happened, and what a number
question is not answered by (a dateline). The texts are written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answer_types import fits_type
from assistant.engine import Engine

_ADDRESS = """王志远在《海峡》杂志发表新年祝辞
本报北京１月１日讯两岸交流协会会长王志远在《海峡》杂志发表新年祝辞。
我谨代表协会向各界朋友致以新年的祝贺。
过去一年，两岸交流取得了很大进展，人员往来日益频繁。
政治上的分歧不应当妨碍两岸经济合作，应当推动贸易往来。
展望新年，我们祝愿两岸关系走向新的起点。
"""
_FORUM = """话剧要靠观众
中央实验话剧院导演孙明
改变这种现状的办法，我认为应该倡导“两条腿走路”，既演新戏，也演经典。
后者可以起到一石多鸟的作用：培养观众，提高质量，增加收入。
话剧的未来在于观众。
"""
_COMMUNIQUE = """全市纪委全体会议公报
全会认为，过去一年全市党风廉政建设取得明显成效。
第一，领导干部廉洁自律工作要抓紧抓实。
第二，查处大案要案，严惩腐败分子。
第三，纠正部门和行业不正之风。
全会号召全市党员干部团结奋斗。
"""
_REPORT = """全市宣传工作会议在市委礼堂举行
本报讯全市宣传工作会议１月１２日至１５日在市委礼堂举行。
会议要求，要把宣传工作摆在重要位置。
会议期间，各区交流了经验。
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root: Path = tmp_path_factory.mktemp("newspaper")
    for name, text in (("address.txt", _ADDRESS), ("forum.txt", _FORUM), ("report.txt", _REPORT),
                       ("communique.txt", _COMMUNIQUE)):
        (root / name).write_text(text, encoding="utf-8")
    return Engine.load([root], use_cache=False)


def _title(engine: Engine, question: str) -> str | None:
    plan = engine.plan(question)
    return engine.speech_title(plan.speech_no) if plan.speech_no is not None else None


@pytest.mark.parametrize("question, title", [
    ("王志远觉得两岸在政治上有分歧，会不会影响做生意?", "王志远在《海峡》杂志发表新年祝辞"),   # the name the title opens with
    ("照孙明的说法，剧团该怎么办?", "话剧要靠观众"),                                    # the speaker line's name
    ("孙明那篇文章最后一段说了什么", "话剧要靠观众"),
    ("宣传工作会议的报道最后一段写了什么", "全市宣传工作会议在市委礼堂举行"),            # 的报道: a report
])
def test_a_text_named_by_its_speaker_or_kind(engine: Engine, question: str, title: str) -> None:
    assert _title(engine, question) == title


def test_words_of_a_title_are_not_a_speaker(engine: Engine) -> None:
    # 宣传工作 is in one title only, but it is a topic, not the name of who spoke.
    assert _title(engine, "宣传工作要摆在什么位置?") is None


@pytest.mark.parametrize("question, expected", [
    ("孙明提出“两条腿走路”，下一段接着说了什么", "一石多鸟"),
    ("讲完两条腿走路以后，紧接着讲的是什么?", "一石多鸟"),
])
def test_what_comes_after_a_passage(engine: Engine, question: str, expected: str) -> None:
    a = engine.ask(question)
    assert a.citations and expected in a.citations[0].unit.text, a.text
    assert "之后" in a.text


def test_when_a_report_says_its_event_happened(engine: Engine) -> None:
    # No date line: the report's lead says when, and it answers for the whole text.
    a = engine.ask("全市宣传工作会议是几号到几号开的?")
    assert not a.abstained and "１月１２日至１５日" in a.text, a.text


def test_a_dateline_does_not_answer_how_many() -> None:
    assert not fits_type("number", "", ["本报北京１月１日讯两岸交流协会会长王志远发表新年祝辞。"])
    assert fits_type("number", "", ["两岸贸易额达到２００亿美元。"])
    assert fits_type("date", "", ["本报北京１月１日讯"])


def test_a_meeting_pointed_at_names_the_report_about_it(engine: Engine) -> None:
    assert _title(engine, "那个宣传工作会议的报道，最后一段写了什么") == "全市宣传工作会议在市委礼堂举行"


@pytest.mark.parametrize("question, expected", [
    ("纪委全会公报那篇，今年反腐工作分成哪几块任务?", ["廉洁自律", "大案要案", "不正之风"]),   # words that miss its list
    ("纪委全会公报提的治理办法里，第三条是什么?", ["不正之风"]),
])
def test_the_named_texts_own_points_answer_when_the_words_miss(engine: Engine, question: str,
                                                                 expected: list[str]) -> None:
    a = engine.ask(question)
    assert not a.abstained, a.text
    for words in expected:
        assert words in a.text, a.text
    assert all(c.unit.speech_no == a.citations[0].unit.speech_no for c in a.citations)


_FORUM_REPORT = """中共中央举行迎春座谈会
本报讯中共中央今天举行迎春座谈会。
张华在座谈会上说，当前形势发展很快。
张华指出，我们要继续加强学习，学好各种知识。
张华说，我们要继续群策群力，发挥群众的智慧。
张华说，我们要继续艰苦奋斗，反对铺张浪费。
座谈会气氛热烈，大家畅所欲言。
张华最后说，要继续努力。
"""


def test_a_counted_term_lists_the_paragraphs_that_each_say_it(tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_text(_FORUM_REPORT, encoding="utf-8")
    (tmp_path / "other.txt").write_text(_FORUM, encoding="utf-8")
    eng = Engine.load([tmp_path], use_cache=False)
    a = eng.ask("张华在座谈会上讲了哪几个“继续”，分别是什么")
    assert a.text.startswith("共3项"), a.text
    for words in ("加强学习", "群策群力", "艰苦奋斗"):
        assert words in a.text
    assert "继续努力" not in a.text        # not in the run: a paragraph in between does not say it
    # What a term means is not asked by counting it: no list of its mentions.
    assert not eng.ask("“继续”具体指哪些内容?").text.startswith("共")


def test_the_report_among_speeches_and_its_positions(tmp_path: Path) -> None:
    # The report's title does not say 报道; its dateline lead does.
    (tmp_path / "report.txt").write_text(_REPORT, encoding="utf-8")
    (tmp_path / "address.txt").write_text(_ADDRESS.replace("本报北京１月１日讯", ""), encoding="utf-8")
    (tmp_path / "forum.txt").write_text("青年创业论坛致辞\n各位青年朋友：\n今天很高兴和大家相聚。\n"
                                        "创业最怕的是不敢开始。\n祝大家创业成功。\n", encoding="utf-8")
    eng = Engine.load([tmp_path], use_cache=False)
    assert _title(eng, "那篇报道倒数第二段说了什么") == "全市宣传工作会议在市委礼堂举行"
    # 宣传工作会议 names the report by its title's words; 开头第一句 is its first sentence.
    a = eng.ask("宣传工作会议开头第一句是什么")
    assert a.citations and a.citations[0].unit.text.startswith("本报讯"), a.text
    # The salutation line is address, not the first paragraph.
    b = eng.ask("青年创业论坛致辞的第一段说了什么")
    assert "今天很高兴" in b.text and "各位青年朋友" not in b.text, b.text
    # When is answered from the report's lead.
    c = eng.ask("宣传工作会议是哪天开的?")
    assert "１月１２日" in c.text and not c.abstained, c.text


def test_a_position_in_no_named_speech_says_which_it_took(engine: Engine) -> None:
    a = engine.ask("第二段讲了什么")
    assert "问题没有指明讲话" in a.text and a.citations, a.text


def test_numbers_in_chinese_numerals_answer_how_many() -> None:
    assert fits_type("number", "", ["今年省里安排专项资金四点五亿元。"])
    assert fits_type("number", "", ["必须在二十四小时内上门处理。"])


def test_folders_made_for_written_files_are_private(tmp_path: Path) -> None:
    from assistant.atomic_file import atomic_write_bytes

    atomic_write_bytes(tmp_path / "vectors" / "x.npz", b"data")
    assert (tmp_path / "vectors").stat().st_mode & 0o777 == 0o700
    # The parents made on the way too (vectors/ of vectors/<model>/ was left 0755).
    atomic_write_bytes(tmp_path / "new" / "model" / "x.npz", b"data")
    assert all((tmp_path / d).stat().st_mode & 0o777 == 0o700 for d in ("new", "new/model"))


class _CountingUnits(list):  # type: ignore[type-arg]
    """A speech's units that count how many are read."""

    read = 0

    def __iter__(self):  # type: ignore[no-untyped-def]
        for u in super().__iter__():
            _CountingUnits.read += 1
            yield u


def test_naming_a_speech_does_not_read_every_paragraph_of_the_corpus() -> None:
    # Resolving references runs for every question: a corpus of 170,000 paragraphs must not be
    # read whole unless the question holds some speaker's name.
    from assistant import speech_refs
    from assistant.corpus import Speech, Unit

    speeches = []
    for n in range(1, 21):
        units = _CountingUnits([Unit(f"{n}.1", n, 1, "metadata", f"第{n}号文件", ()),
                                Unit(f"{n}.2", n, 2, "metadata", "办公室主任张三" if n == 5 else f"作者{n}", ())]
                               + [Unit(f"{n}.{k}", n, k, "paragraph", "各项改革稳步推进。", ()) for k in range(3, 503)])
        speeches.append(Speech(n, f"第{n}号文件", f"/x/{n}.txt", units))
    _CountingUnits.read = 0
    assert speech_refs.named_speeches("全市经济工作取得了哪些进展", speeches) == ((), "")
    assert _CountingUnits.read < 10 * len(speeches)
    assert speech_refs.named_speeches("张三觉得改革怎么样", speeches)[0] == (5,)


def test_a_dateline_that_announces_the_text_is_the_papers_note(engine: Engine) -> None:
    # 本报…讯…发表新年祝辞。: the paper's line before the address, not its first paragraph.
    speech = next(s for s in engine.corpus.speeches if s.title.startswith("王志远"))
    assert speech.lead is not None and speech.lead.text.startswith("我谨代表协会")
    a = engine.ask("王志远那篇祝辞开头一段说了什么")
    assert "我谨代表协会" in a.text and "本报北京" not in a.text
    # …and it is where the text was published.
    a = engine.ask("王志远的新年祝辞是登在哪本杂志上的")
    assert not a.abstained and "《海峡》杂志" in a.text and a.hits[0].unit.text.startswith("本报北京")


def test_the_run_of_a_text_is_its_paragraphs_in_order(engine: Engine) -> None:
    # 脉络 / 先讲什么再讲什么 of a text without headings: its paragraphs as they run, the opening
    # before the points; 分为几个部分 still gives the points.
    for question in ("那篇公报的脉络是怎样的", "全市纪委全体会议公报先讲什么再讲什么"):
        a = engine.ask(question)
        assert a.sentences[0].text.startswith("全会认为") and a.sentences[-1].text.startswith("全会号召"), question
        assert not a.partial
    a = engine.ask("公报分为哪几个部分")
    assert a.sentences[0].text.startswith("第一")


def test_a_list_of_a_named_text_is_never_another_texts(engine: Engine) -> None:
    # The report lists nothing; the communiqué's three points do not answer for it.
    a = engine.ask("宣传工作会议的报道提出了哪几点要求")
    assert all(c.unit.speech_no == a.hits[0].unit.speech_no for c in a.citations)
    assert not any(c.unit.text.startswith("第") for c in a.citations)


def _one_text(tmp_path: Path, text: str) -> Engine:
    (tmp_path / "text.txt").write_text(text, encoding="utf-8")
    return Engine.load([tmp_path], use_cache=False)


def test_examples_a_text_names_but_never_lists_get_a_partial_answer(tmp_path: Path) -> None:
    engine = _one_text(tmp_path, "话剧要靠观众\n既要抓自己创作的剧目，也要不断上演古今中外的优秀、经典剧目。\n"
                                 "剧团要提高演出质量，吸引观众走进剧院。\n")
    for question in ("建议剧团上演的古今中外经典剧目，具体举了哪几部", "讲话说要上演经典剧目，具体点了哪些剧目"):
        a = engine.ask(question)
        assert a.partial and a.reason == "content" and "经典剧目" in a.text, question


def test_a_figure_for_another_year_does_not_answer(tmp_path: Path) -> None:
    engine = _one_text(tmp_path, "正确认识物价形势\n１９９７年，全国商品零售价格比上年上涨０．７％，涨幅继续回落。\n"
                                 "今后要保持物价总水平基本稳定，防止大起大落。\n")
    for question in ("１９９８年商品零售价格涨幅会控制在多少？", "98年全国商品零售价格要上涨百分之几"):
        a = engine.ask(question)
        assert a.partial and a.reason == "answer_type:number", question
    a = engine.ask("１９９７年全国商品零售价格上涨了多少？")
    assert not a.partial and "０．７％" in a.text


def test_words_of_one_title_that_other_texts_use_are_a_topic() -> None:
    from assistant import speech_refs
    from assistant.corpus import Speech, Unit

    def speech(no: int, title: str, text: str) -> Speech:
        return Speech(no, title, f"/x/{no}.txt", [Unit(f"{no}.1", no, 1, "metadata", title, ()),
                                                  Unit(f"{no}.2", no, 2, "paragraph", text, ())])

    speeches = [speech(1, "全社会形成反腐倡廉舆论环境", "新闻工作要为反腐倡廉服务。"),
                speech(2, "在十五大精神指引下胜利前进——元旦献辞", "新的一年开始了。"),
                speech(3, "江泽民在全会上发表重要讲话", "领导干部在反腐倡廉中要起表率作用。")]
    assert speech_refs.named_speeches("领导干部在反腐倡廉中要起什么作用", speeches)[0] == ()
    assert speech_refs.named_speeches("舆论环境里说新闻工作要做什么", speeches)[0] == (1,)
    assert speech_refs.named_speeches("元旦献辞里说了什么", speeches)[0] == (2,)


_REPORT_OF_SPEECH = """市政府办公室举行春节团拜会
●市长向机关工作人员祝贺节日●勉励大家再接再厉
本报讯（记者林一）春节将至，市政府办公室今天下午在市政府礼堂举行春节团拜会，２００多名机关干部参加。
副市长周明主持团拜会。
市长陈光讲话。他说，过去的一年，全市经济保持平稳增长。
陈光说，办公室的同志们辛勤工作，默默奉献，发挥了参谋助手作用。
（Ａ、Ｃ）
他最后强调，新的一年要以更加扎实的作风，开创全市工作的新局面。
市领导王东、李北也参加了团拜会。
"""
_CULTURE_REPORT = """全市文化工作座谈会召开
本报讯（记者林二）全市文化工作座谈会１月２０日在市委礼堂召开。
座谈会上，文艺工作者为大家表演了精彩的文艺节目。
市委书记赵新说，去年全市文化事业取得了新的进展，文化设施不断完善。
"""


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root: Path = tmp_path_factory.mktemp("reports")
    (root / "团拜会.txt").write_text(_REPORT_OF_SPEECH, encoding="utf-8")
    (root / "座谈会.txt").write_text(_CULTURE_REPORT, encoding="utf-8")
    return Engine.load([root], use_cache=False)


def test_a_reports_deck_and_page_marks_are_the_papers_lines(reports: Engine) -> None:
    speech = reports.corpus.speeches[0]
    kinds = {u.text[:6]: u.kind for u in speech.units}
    assert kinds["●市长向机关"] == "metadata" and kinds["（Ａ、Ｃ）"] == "metadata"
    assert speech.lead is not None and speech.lead.text.startswith("本报讯")


@pytest.mark.parametrize("question", ["陈光在团拜会上的讲话收尾的时候强调的是什么", "团拜会那篇讲话最后落在哪儿"])
def test_the_end_of_a_reported_speech_is_not_who_else_attended(reports: Engine, question: str) -> None:
    a = reports.ask(question)
    assert "他最后强调" in a.text and "也参加了" not in a.text, a.text
    # The report's own last paragraph, asked for as such, is what it prints last.
    assert "也参加了" in reports.ask("团拜会的报道最后一段写的是什么").text


@pytest.mark.parametrize("question", ["团拜会那篇报道一上来先说了什么", "团拜会的报道一开始讲的是什么"])
def test_everyday_words_for_the_opening(reports: Engine, question: str) -> None:
    a = reports.ask(question)
    assert a.citations and a.citations[0].unit.text.startswith("本报讯"), a.text


def test_the_order_of_a_reported_speech_starts_after_the_lead(reports: Engine) -> None:
    a = reports.ask("陈光在团拜会上的讲话先讲什么后讲什么")
    # His speech, the one the question names: not who chaired, nor who else attended.
    assert a.sentences[0].text.startswith("市长陈光讲话") and "他最后强调" in a.text, a.text
    assert "主持" not in a.text and "也参加了" not in a.text
    b = reports.ask("团拜会那篇报道是按什么顺序写的,先写什么后写什么")
    assert b.sentences[0].text.startswith("本报讯")


def test_when_the_meeting_was_held_and_who_chaired_it(reports: Engine) -> None:
    a = reports.ask("文化工作座谈会是几号开的")
    assert "１月２０日在市委礼堂召开" in a.text, a.text
    b = reports.ask("团拜会由谁主持")
    assert b.text.startswith("副市长周明主持团拜会。[1]") and b.hits[0].unit.text.startswith("副市长"), b.text
    c = reports.ask("团拜会大概来了多少位机关干部")
    assert not c.partial and "２００多名" in c.text, c.text


def test_what_the_reports_never_give(reports: Engine) -> None:
    a = reports.ask("座谈会上文艺工作者都表演了哪些节目")
    assert a.partial and a.reason == "content" and "节目" in a.text, a.text
    b = reports.ask("座谈会上那些文艺节目的导演是谁")
    assert b.partial and b.reason.startswith("asked_absent"), b.text
    # 过去的一年 names no figure: 去年全市经济增长了多少 is not answered by it.
    c = reports.ask("陈光说去年全市经济增长了多少")
    assert c.partial and c.reason == "answer_type:number", c.text


def test_a_meeting_held_the_other_day_has_no_date(tmp_path: Path) -> None:
    # The dateline is when the paper reported it: 日前在京召开 gives no day for the meeting.
    engine = _one_text(tmp_path, "全市银行工作会议召开\n新华社北京１月１４日电全市银行工作会议日前在京召开。\n"
                                 "市长王明到会讲话，要求各家银行从严管理。\n")
    a = engine.ask("全市银行工作会议具体是哪一天开幕的")
    assert a.abstained or (a.partial and a.reason == "answer_type:date"), a.text


_VETERANS_REPORT = """市委召开离退休干部迎春座谈会
本报讯（记者林三）市委今天下午召开离退休干部迎春座谈会，市委书记赵新首先向老同志拜年。
赵新说，过去的一年，全市经济稳定增长，社会事业全面进步。
座谈会由市委副书记钱立主持。他说，老同志是全市的宝贵财富。
会议期间，市领导还看望了生病住院的老同志。
市文明委成立以来，坚持每年举行迎春座谈会。
"""


@pytest.mark.parametrize("question", ["迎春座谈会是谁主持的", "老干部座谈会由谁来主持"])
def test_who_did_the_asked_thing_not_who_is_named_first(tmp_path: Path, question: str) -> None:
    # The lead names 赵新 first; the question asks who presided (主持), which another sentence says.
    engine = _one_text(tmp_path, _VETERANS_REPORT)
    a = engine.ask(question)
    assert a.text.startswith("座谈会由市委副书记钱立主持") and not a.partial, a.text
    # Nothing of other paragraphs that neither tell who presided nor speak of it.
    assert "看望了生病住院" not in a.text and "坚持每年举行" not in a.text, a.text


@pytest.mark.parametrize("question, event", [("市领导是哪一天看望住院老同志的", "看望"),
                                             ("市文明委是哪一年成立的", "成立")])
def test_a_date_must_be_the_asked_events(tmp_path: Path, question: str, event: str) -> None:
    # The texts tell of the event, never when; the lead's date (今天) is the meeting's.
    engine = _one_text(tmp_path, _VETERANS_REPORT.replace("今天下午", "１月２０日下午"))
    a = engine.ask(question)
    assert a.partial and a.reason == "answer_type:date" and f"「{event}」" in a.text, a.text
    # When the text does date the event, the date answers.
    (tmp_path / "dated").mkdir()
    dated = _one_text(tmp_path / "dated", _VETERANS_REPORT.replace("会议期间，市领导", "１月２１日，市领导"))
    b = dated.ask("市领导是哪一天看望住院老同志的")
    assert not b.partial and b.text.startswith("１月２１日"), b.text


_MEETING_REPORT = """全市纪委全会公报
本报讯全市纪委第二次全体会议１月２０日至２２日在市委礼堂举行。出席会议的市纪委委员四十二人。
全会强调，反腐败工作必须标本兼治，今年要重点抓好以下几个方面的工作：
要加强党性党风党纪教育，增强党员干部拒腐防变的能力。
要健全法制，保证反腐败斗争有序开展。
要强化监督，建立健全制约机制。
会上，市长王明谈了人民币汇率保持稳定的意义。
"""


@pytest.mark.parametrize("question", ["要从根子上防腐治腐，公报说今年重点抓哪几个方面？", "公报里今年重点抓哪几个方面的工作"])
def test_a_list_introduced_by_the_named_texts_paragraph_answers_despite_unknown_words(tmp_path: Path,
                                                                                      question: str) -> None:
    # 根子 / 治腐 occur nowhere; the communiqué (named mid-question) introduces the list asked for.
    (tmp_path / "公报.txt").write_text(_MEETING_REPORT, encoding="utf-8")
    (tmp_path / "其他.txt").write_text(_CULTURE_REPORT, encoding="utf-8")
    a = Engine.load([tmp_path], use_cache=False).ask(question)
    assert a.text.startswith("共三") and "要强化监督" in a.text, a.text


@pytest.mark.parametrize("question", ["全会到会的市纪委委员里，女委员有多少位？", "王明说人民币对美元的汇率具体是多少？"])
def test_a_figure_must_count_the_thing_asked(tmp_path: Path, question: str) -> None:
    engine = _one_text(tmp_path, _MEETING_REPORT)
    a = engine.ask(question)
    assert a.partial and a.reason == "answer_type:number", a.text
    # The figure the text gives for the thing asked answers.
    b = engine.ask("全会到会的纪委委员有多少？")
    assert not b.partial and "四十二人" in b.text, b.text


def test_a_counted_term_in_arabic_numerals_is_the_run_that_says_it(tmp_path: Path) -> None:
    # 3个“继续” counts the term as 哪几个“继续” does; the run, not the lone 要继续努力 after it.
    (tmp_path / "report.txt").write_text(_FORUM_REPORT, encoding="utf-8")
    # (a figure 3 somewhere, as any real corpus has: an unknown token would count as unseen)
    (tmp_path / "other.txt").write_text(_FORUM + "今年全市新建３个剧场。\n", encoding="utf-8")
    a = Engine.load([tmp_path], use_cache=False).ask("座谈会上讲了3个“继续”，都是哪3个？")
    assert a.text.startswith("共3") and "艰苦奋斗" in a.text and "继续努力" not in a.text, a.text


_TWO_SPEAKERS = """市委举行党外人士迎春座谈会
本报讯市委今天下午举行党外人士迎春座谈会。
会议室里一片喜庆的节日气氛。
赵新在座谈会上说，过去一年全市经济稳定增长。
赵新指出，我们要继续加强学习。
赵新最后说，让我们更加紧密地团结起来，为全市发展而奋斗。
座谈会由市委副书记钱立主持。
钱立说，我们一定能够克服困难，夺取新的胜利。
各民主党派负责人先后在座谈会上发言。
"""


@pytest.mark.parametrize("question, expected", [
    ("赵新这次座谈会讲话最后落在哪儿了", "赵新最后说"),
    ("赵新在座谈会上的讲话结尾那段说的啥", "赵新最后说"),
    ("赵新在迎春座谈会上的讲话一开始讲了什么", "赵新在座谈会上说"),
    ("钱立在座谈会上的讲话最后说了什么", "钱立说"),
    ("迎春座谈会的报道最后一段写了什么", "各民主党派负责人"),   # the report's own end
])
def test_the_end_of_one_speakers_speech_in_a_report(tmp_path: Path, question: str, expected: str) -> None:
    a = _one_text(tmp_path, _TWO_SPEAKERS).ask(question)
    assert a.sentences and a.sentences[0].text.startswith(expected), a.text


def test_the_run_of_an_address_starts_after_its_greeting(tmp_path: Path) -> None:
    # 我谨代表…致以新年的祝贺 greets; the run of what the address says starts after it. A
    # report's lead (asked as 报道) is part of the report's run.
    text = ("王志远新年祝辞\n新年即将来临。我谨代表协会向各界朋友致以新年的祝贺。\n"
            "过去一年是很不平凡的一年，两岸交流取得了很大进展。\n当前，两岸关系正处在重要时刻。\n"
            "第一，推动经济合作。\n第二，加强文化交流。\n展望新年，我们祝愿两岸关系走向新的起点。\n")
    a = _one_text(tmp_path, text).ask("王志远那篇祝辞的脉络是怎样的，先讲什么再讲什么")
    assert "(开场白之后)" in a.text and a.sentences[0].text.startswith("过去一年"), a.text


def test_a_speaker_named_in_other_reports_still_names_his_own_speech(tmp_path: Path) -> None:
    # 李明 gives one speech and is listed among those who attended another; the question's
    # other words (工作) fit his title. 行长（经理）会议 is called 行长会议.
    (tmp_path / "a.txt").write_text("做好语言文字工作为现代化建设服务\n李明\n今天，语言文字工作会议召开了。\n"
                                    "我们要推广普通话。\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("全国宣传部长会议在京举行\n本报讯会议期间，李明、王东等会见了全体代表。\n"
                                    "会议要求，要把宣传工作摆在重要位置。\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("王东在全国银行行长（经理）会议上指出\n本报讯王东说，香港保持了金融稳定。\n",
                                    encoding="utf-8")
    engine = Engine.load([tmp_path], use_cache=False)
    assert engine.speech_title(engine.plan("李明讲了哪几方面工作?").speech_no) == "做好语言文字工作为现代化建设服务"
    assert engine.plan("王东在行长会议上怎么说香港的?").speech_no == \
        next(s.no for s in engine.corpus.speeches if s.title.startswith("王东"))
    # Nothing but the name: the speech is not guessed among those that mention him.
    assert engine.plan("李明出席了哪些活动?").speech_no is None


_AWARDS = """市教育系统表彰大会隆重举行
本报讯　３月１２日上午，全市教育系统表彰大会在市人民大会堂举行。市委书记周海涛出席大会并讲话，副市长孙丽主持大会。
周海涛在讲话中向受到表彰的先进集体和个人表示热烈祝贺。他说，教育是民族振兴的基石。
他说，当前全市教育工作一要坚持立德树人，把德育放在首位；二要深化教育改革，推进素质教育；三要加强教师队伍建设；四要加大教育投入。
周海涛最后要求，各级党委和政府要把教育摆在优先发展的战略地位。
市领导吴卫东、郑晓梅出席大会。
"""


@pytest.mark.parametrize("question", ["周海涛提出了几条要求?", "周海涛讲了哪几点?"])
def test_a_speaker_named_where_he_speaks_names_the_report_and_its_points(tmp_path: Path, question: str) -> None:
    # No speaker line: the report names 周海涛 where he speaks. 一要 follows its subject with
    # no break (全市教育工作一要…；二要…；三要…).
    (tmp_path / "a.txt").write_text(_AWARDS, encoding="utf-8")
    (tmp_path / "b.txt").write_text(_CULTURE_REPORT, encoding="utf-8")
    a = Engine.load([tmp_path], use_cache=False).ask(question)
    assert "一要坚持立德树人" in a.text and "四要加大教育投入" in a.text and "出席大会" not in a.text, a.text


def test_the_outline_of_a_reported_speech_ends_before_who_attended(tmp_path: Path) -> None:
    a = _one_text(tmp_path, _AWARDS).ask("表彰大会上的讲话先讲什么后讲什么?")
    assert "(报道导语之后)" in a.text and "吴卫东" not in a.text, a.text


@pytest.mark.parametrize("text, labels", [
    ("全市教育工作一要坚持立德树人；二要深化改革；三要加强队伍建设。", ["一要坚持立德树人", "二要深化改革", "三要加强队伍建设"]),
    ("要统一要求，二要不行。", []),   # 统一要求 holds 一要; no 三要 follows
])
def test_a_first_point_right_after_its_subject(text: str, labels: list[str]) -> None:
    from assistant.enumeration import enumerations
    assert [e.labels for e in enumerations(text)][:1] == ([labels] if labels else [])
