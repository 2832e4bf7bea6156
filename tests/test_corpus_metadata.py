"""A user's own speeches: a title line, speaker/date/caption lines, typeset (full-width) punctuation."""

from __future__ import annotations

from pathlib import Path

from assistant.corpus import parse_text
from assistant.engine import Engine

# Written for this test in the layout of a newspaper's speech page (full-width punctuation).
SPEECH = """在全市乡村振兴工作会议上的讲话（附图片１张）
张明
（二〇二三年三月八日）
张明在会上讲话。（本报记者李华摄）
同志们、朋友们：
今年以来，全市农业生产保持稳定，粮食总产量达到１２０万吨，农民收入增长６．５％。
第一，抓好产业发展。要培育特色产业，发展农产品加工，延长产业链条。
第二，抓好人才队伍。要引导大学生返乡创业，培养一批懂技术、会经营的新型农民！
第三，抓好基层组织。村党支部要发挥战斗堡垒作用；村干部要带头致富。
（本文系作者在全市乡村振兴工作会议上讲话的一部分）
"""


def test_title_speaker_date_caption_and_note_are_metadata() -> None:
    speech = parse_text(SPEECH, "/x/speech.txt")[0]
    assert speech.title == "在全市乡村振兴工作会议上的讲话"   # the title line, without the photo note
    kinds = [(u.kind, u.text[:6]) for u in speech.units]
    assert [k for k, _ in kinds[:4]] == ["metadata"] * 4     # title, speaker, date, caption
    assert kinds[-1][0] == "metadata"                          # the editor's note
    assert not any("同志们" in u.text for u in speech.units)   # address lines are not units
    # Full-width 第一， is a heading style, and ！ ； end sentences.
    headings = [u for u in speech.units if u.kind == "heading" or u.heading]
    assert [h.text[:3] for h in headings] == ["第一,", "第二,", "第三,"] or len(headings) == 3


def test_metadata_ranks_below_the_paragraph_that_answers(tmp_path: Path) -> None:
    (tmp_path / "speech.txt").write_text(SPEECH, encoding="utf-8")
    eng = Engine.load([tmp_path], use_cache=False)
    # The title shares every word of the question; the answer is a paragraph.
    hits = eng.search("乡村振兴工作会议讲了哪些产业发展的要求", k=3)
    assert hits[0].unit.kind != "metadata"


def test_who_and_when_questions_can_cite_metadata(tmp_path: Path) -> None:
    (tmp_path / "speech.txt").write_text(SPEECH, encoding="utf-8")
    eng = Engine.load([tmp_path], use_cache=False)
    a = eng.ask("这篇讲话是哪一天讲的?")
    assert any("二〇二三年三月八日" in c.unit.text for c in a.citations), a.text
    assert not a.partial


def test_year_typed_in_ascii_finds_full_width_digits(tmp_path: Path) -> None:
    (tmp_path / "speech.txt").write_text(SPEECH, encoding="utf-8")
    eng = Engine.load([tmp_path], use_cache=False)
    assert "１２０万吨" in eng.search("粮食总产量120万吨", k=1)[0].unit.text


def test_a_who_question_about_something_said_is_not_answered_with_the_speaker(tmp_path: Path) -> None:
    text = SPEECH.replace("今年以来,", "大文豪萧伯纳说过:“思想交换,各得两个思想。”今年以来,")
    (tmp_path / "speech.txt").write_text(text, encoding="utf-8")
    eng = Engine.load([tmp_path], use_cache=False)
    assert eng.plan("这篇讲话是谁讲的?").about_speech
    plan = eng.plan("讲话里“思想交换”那句话是谁说的?")
    assert plan.answer_type == "person" and not plan.about_speech


def test_a_when_question_does_not_rank_the_title_first(tmp_path: Path) -> None:
    # Every word of the title is in the question, but the title holds no date: it stays below
    # the paragraph that answers (metadata keeps its weight only when it holds the asked kind).
    (tmp_path / "speech.txt").write_text(SPEECH, encoding="utf-8")
    eng = Engine.load([tmp_path], use_cache=False)
    a = eng.ask("全市乡村振兴工作会议上的讲话提到粮食总产量是哪一年的?")
    assert a.hits[0].unit.kind == "paragraph" and "１２０万吨" in a.hits[0].unit.text, a.hits[:2]


def test_naming_the_speaker_does_not_make_a_question_unanswered(tmp_path: Path) -> None:
    # 张明 is in the speaker line, not in the paragraph; the paragraph still answers.
    (tmp_path / "speech.txt").write_text(SPEECH, encoding="utf-8")
    eng = Engine.load([tmp_path], use_cache=False)
    a = eng.ask("张明说要怎样抓好人才队伍?")
    assert not a.abstained and "返乡创业" in a.text


def test_a_speech_named_by_words_of_its_title(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SPEECH, encoding="utf-8")
    other = SPEECH.replace("乡村振兴", "安全生产").replace("张明", "李强")
    (tmp_path / "b.txt").write_text(other, encoding="utf-8")
    eng = Engine.load([tmp_path], use_cache=False)
    own = {s.title: s.no for s in eng.corpus.speeches}
    plan = eng.plan("安全生产工作会议上提了哪几点要求?")
    assert plan.speech_no == own["在全市安全生产工作会议上的讲话"]
    assert eng.plan("《在全市乡村振兴工作会议上的讲话》提到了哪些产业?").speech_no == own["在全市乡村振兴工作会议上的讲话"]
    # Words both titles hold name neither speech.
    assert eng.plan("全市工作会议上提了哪几点要求?").speech_no is None
    # The words that named it are not searched for: the title line does not come first.
    a = eng.ask("安全生产工作会议上提了哪几点要求?")
    assert a.hits[0].unit.kind != "metadata"


OTHER = """在全区教育工作会议上的讲话
区长 陈志远
2023年9月8日
今天召开全区教育工作会议，主要任务是部署新学年的重点任务。
第一，要推进优质均衡。第二，要加强教师队伍建设。
"""


def test_when_or_by_whom_a_meeting_named_by_its_title_words_was_held(tmp_path: Path) -> None:
    # 乡村振兴会议是哪天开的: the question's own words all stand in one speech's title, and the
    # rest asks when (or who): that speech's date (or speaker) line answers, cited.
    (tmp_path / "a.txt").write_text(SPEECH, encoding="utf-8")
    (tmp_path / "b.txt").write_text(OTHER, encoding="utf-8")
    engine = Engine.load([tmp_path], use_cache=False)
    for question, said in (("乡村振兴会议是哪天开的?", "二〇二三年三月八日"), ("乡村振兴工作会议是什么时候召开的?", "二〇二三年三月八日"),
                           ("教育工作会议是哪天开的?", "2023年9月8日"), ("教育会议上的讲话是谁讲的?", "陈志远"),
                           ("全区教育工作会议是谁作的讲话?", "陈志远")):
        answer = engine.ask(question)
        assert said in answer.text and not answer.partial and answer.citations, (question, answer.text)
    # A question about something the speech says is not about its occasion.
    assert engine.plan("粮食总产量是哪一年达到120万吨的?").speech_no is None
