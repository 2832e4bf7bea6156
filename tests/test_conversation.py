"""Conversation model: JSON round trip, atomic saves, listing, Markdown export."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from assistant import conversation as cv
from assistant.conversation import Conversation, ConversationError, Exchange
from assistant.corpus import Unit
from assistant.results import Answer, AnswerSentence, Citation, Hit

ROOT = Path(__file__).resolve().parents[1]


def make_answer(question: str = "什么是塔西佗陷阱?") -> Answer:
    u1 = Unit("2.21", 2, 21, "paragraph", "1、要警惕塔西佗陷阱。当公权力失去公信力时,……", ("四,要进一步浓厚风清气正的氛围",),
              "1、要警惕塔西佗陷阱", 0)
    u2 = Unit("3.2", 3, 2, "heading", "一、作风建设要高度重视 [bold]x[/] *星号*", (), "一、作风建设要高度重视", 1)
    c1 = Citation(1, u1, "在全市作风建设工作推进会上的讲话(第二篇)", ["塔西佗陷阱"])
    c2 = Citation(2, u2, "在全市作风建设工作推进会上的讲话(第三篇)", [], supported=True)
    return Answer(
        question=question,
        text="共2项:\n1. 要警惕塔西佗陷阱[1]\n2. 作风建设要高度重视[2]",
        abstained=False,
        mode="extractive",
        citations=[c1, c2],
        hits=[Hit(u1, 12.5, c1.speech_title, ["塔西佗陷阱"]), Hit(u2, 3.0, c2.speech_title, [])],
        sentences=[AnswerSentence("要警惕塔西佗陷阱", [1]), AnswerSentence("作风建设要高度重视", [2])],
        notes=["示例注释"],
        query=question,
        elapsed_ms=3.5,
    )


def make_conversation() -> Conversation:
    conv = Conversation()
    conv.add(Exchange("什么是塔西佗陷阱?", make_answer()))
    conv.add(Exchange("那第二点呢?", None, "cancelled", "已取消"))
    return conv


def test_json_round_trip_keeps_answers_and_units() -> None:
    conv = make_conversation()
    back = Conversation.from_json(json.loads(json.dumps(conv.to_json(), ensure_ascii=False)))
    assert back.id == conv.id
    assert len(back.exchanges) == 2
    a, b = back.exchanges[0].answer, conv.exchanges[0].answer
    assert a is not None and b is not None
    assert a.text == b.text
    assert [c.unit for c in a.citations] == [c.unit for c in b.citations]
    assert a.citations[1].supported is True
    assert a.sentences == b.sentences
    assert a.hits[0].unit.section == ("四,要进一步浓厚风清气正的氛围",)
    assert back.exchanges[1].status == "cancelled" and back.exchanges[1].answer is None
    assert a.to_json() == b.to_json()


def test_turns_skip_unanswered_exchanges() -> None:
    conv = make_conversation()
    turns = conv.turns()
    assert [t.question for t in turns] == ["什么是塔西佗陷阱?"]
    assert turns[0].answer is conv.exchanges[0].answer


def test_turns_over_another_corpus_leave_out_answers_it_does_not_hold() -> None:
    from assistant.corpus_files import load_corpus
    from assistant.corpus import shipped_corpus_dir

    conv = make_conversation()
    seed = load_corpus([shipped_corpus_dir()])
    assert [t.question for t in conv.turns(seed)] == []   # 3.2 is cited with other text
    other = make_answer("第二个问题")
    other.citations = [c for c in other.citations if c.unit.id == "2.21"]
    conv.add(Exchange("第二个问题", other))
    held = seed.get("2.21")
    assert held is not None
    other.citations[0].unit = Unit("2.21", 2, 21, "paragraph", held.text, (), None, 0)
    assert [t.question for t in conv.turns(seed)] == ["第二个问题"]


def test_title_from_first_question() -> None:
    assert Conversation().title == "新对话"
    conv = Conversation()
    conv.add(Exchange("  什么是\n塔西佗陷阱?  "))
    assert conv.title == "什么是 塔西佗陷阱?"
    conv2 = Conversation()
    conv2.add(Exchange("长" * 100))
    assert len(conv2.title) == 40 and conv2.title.endswith("…")


def test_save_load_and_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cv, "_now", lambda: "2024-05-01T10:00:00+08:00")
    conv = make_conversation()
    path = cv.save_conversation(conv, tmp_path)
    assert path == tmp_path / f"{conv.id}.json"
    assert conv.path == path and conv.updated
    loaded = cv.load_conversation(path)
    assert loaded.exchanges[0].answer is not None
    assert loaded.exchanges[0].answer.citations[0].unit.id == "2.21"
    other = Conversation()
    other.add(Exchange("第二个对话"))
    monkeypatch.setattr(cv, "_now", lambda: "2024-05-01T10:00:01+08:00")
    cv.save_conversation(other, tmp_path)
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    saved, problems = cv.list_conversations(tmp_path)
    assert [s.id for s in saved] == [other.id, conv.id]  # newest first
    assert saved[1].questions == 2 and saved[1].title == "什么是塔西佗陷阱?"
    assert problems == ["无法读取 broken.json,已跳过"]
    assert not list(tmp_path.glob(".*.tmp")), "temporary files must not be left behind"


def test_ids_are_unique() -> None:
    ids = {cv.new_conversation_id() for _ in range(200)}
    assert len(ids) == 200


def test_load_reports_corrupt_and_foreign_files(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"\xff\xfe garbage")
    with pytest.raises(ConversationError, match="已损坏"):
        cv.load_conversation(bad)
    foreign = tmp_path / "foreign.json"
    foreign.write_text('{"hello": 1}', encoding="utf-8")
    with pytest.raises(ConversationError, match="不是讲话助手保存的对话文件"):
        cv.load_conversation(foreign)
    with pytest.raises(ConversationError, match="无法读取"):
        cv.load_conversation(tmp_path / "missing.json")


def test_failed_write_keeps_previous_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    conv = make_conversation()
    path = cv.save_conversation(conv, tmp_path)
    before = path.read_bytes()
    conv.add(Exchange("第三个问题", make_answer("第三个问题")))

    def boom(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cv.os, "fsync", boom)
    with pytest.raises(ConversationError, match="无法保存对话"):
        cv.save_conversation(conv, tmp_path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_killed_writer_leaves_a_valid_file(tmp_path: Path) -> None:
    """A process killed in the middle of saving leaves the old or the new file, never half."""
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from pathlib import Path
        from assistant.conversation import atomic_write_text
        target = Path({str(tmp_path / 'conv.json')!r})
        i = 0
        print("ready", flush=True)
        while True:
            i += 1
            atomic_write_text(target, '{{"n": %d, "pad": "%s"}}' % (i, "长" * 200000))
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == b"ready"
    time.sleep(0.6)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    data = json.loads((tmp_path / "conv.json").read_text(encoding="utf-8"))
    assert data["n"] >= 1 and len(data["pad"]) == 200000


def test_escape_markdown_keeps_text_literal() -> None:
    assert cv.escape_markdown("[bold]红[/] *a* _b_ `c` <d>") == r"\[bold\]红\[/\] \*a\* \_b\_ \`c\` \<d\>"
    assert cv.escape_markdown("# 标题\n- 项\n1. 项") == "\\# 标题\n\\- 项\n\\1. 项"
    assert cv.escape_markdown("普通的中文,句子。") == "普通的中文,句子。"


def test_export_markdown_has_footnotes() -> None:
    conv = make_conversation()
    md = cv.export_markdown(conv, exported_at="2024-01-01T00:00:00")
    assert md.startswith("# 讲话助手对话:什么是塔西佗陷阱?\n")
    assert "## 问题 1:什么是塔西佗陷阱?" in md
    # numbered list kept, markers turned into footnote references
    assert "共2项:\n\n1. 要警惕塔西佗陷阱[^1-1]\n2. 作风建设要高度重视[^1-2]" in md
    assert ("[^1-1]: 《在全市作风建设工作推进会上的讲话(第二篇)》 › 四,要进一步浓厚风清气正的氛围 › 2.21:"
            "“1、要警惕塔西佗陷阱。当公权力失去公信力时,……”") in md
    # corpus text is escaped so Markdown shows it literally
    assert r"\[bold\]x\[/\] \*星号\*" in md
    assert "> 注:示例注释" in md
    assert "## 问题 2:那第二点呢?\n\n*已取消*" in md
    # every reference has its definition and vice versa
    import re
    refs = set(re.findall(r"\[\^(\d+-\d+)\](?!:)", md))
    defs = set(re.findall(r"^\[\^(\d+-\d+)\]:", md, re.M))
    assert refs == defs == {"1-1", "1-2"}


def test_export_parses_as_markdown_with_footnotes() -> None:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    md = MarkdownIt().use(footnote_plugin)
    html = md.render(cv.export_markdown(make_conversation()))
    assert html.count('class="footnote-ref"') == 2
    assert "[bold]x[/] *星号*" in html  # literal, not <strong>/<em>


def test_export_conversation_writes_file(tmp_path: Path) -> None:
    path = cv.export_conversation(make_conversation(), tmp_path)
    assert path.parent == tmp_path and path.suffix == ".md"
    assert "[^1-1]:" in path.read_text(encoding="utf-8")


def test_locations_follow_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cv.DATA_DIR_ENV, str(tmp_path))
    assert cv.conversations_dir() == tmp_path / "conversations"
    assert cv.exports_dir() == tmp_path / "exports"
    assert cv.conversations_dir(tmp_path / "x") == tmp_path / "x" / "conversations"


def test_speech_short_name() -> None:
    assert cv.speech_short_name("在全市作风建设工作推进会上的讲话(第二篇)") == "第二篇"
    assert cv.speech_short_name("我的讲话") == "我的讲话"


def test_more_examples_come_first_from_the_paragraph_already_quoted(engine) -> None:  # type: ignore[no-untyped-def]
    from assistant.results import Turn

    first = engine.ask("什么是伪工作?")
    more = engine.ask("还有别的例子吗?", history=[Turn("什么是伪工作?", first)])
    assert not more.abstained, more.text
    assert more.citations[0].unit.id == first.citations[0].unit.id
    said = {s.text for s in first.sentences}
    assert not any(s.text in said for s in more.sentences)    # nothing quoted twice


def test_an_exported_follow_up_says_how_it_was_read() -> None:
    # 那第二点呢? alone says nothing in a file: the reading of the question goes with it.
    first = make_answer()
    follow = make_answer("那第二点呢?")
    follow.plan = {"intent": "nth_point", "speech": 2, "follow_up": True}
    follow.query = "什么是塔西佗陷阱? 第二点"
    conv = make_conversation()
    conv.exchanges = [Exchange("什么是塔西佗陷阱?", first), Exchange("那第二点呢?", follow)]
    md = cv.export_markdown(conv, exported_at="2024-01-01T00:00:00")
    assert "## 问题 2:那第二点呢?\n\n*按追问理解:什么是塔西佗陷阱? 第二点*" in md
    assert md.count("按追问理解") == 1


def test_nth_point_after_a_part_with_two_lists_is_asked_of_each(engine) -> None:  # type: ignore[no-untyped-def]
    # 第五篇第二部分: 问题表现在三个方面(一是…三是…) and 要在四个方面下功夫(一是…四是…).
    from assistant.results import Turn
    history: list[Turn] = []
    for q in ("第五篇第二部分讲了什么?", "那第二点呢?", "最后一点呢?"):
        answer = engine.ask(q, history=history)
        history.append(Turn(q, answer))
    second, last = history[1].answer.text, history[2].answer.text
    assert "服务意识不够强" in second and "在落实责任上下功夫" in second, second
    assert "在服务基层和群众上下功夫" not in second
    assert "进取精神不够强" in last and "在加强规范化建设上下功夫" in last, last


def test_the_note_introducing_an_extractive_answer_stands_above_it() -> None:
    # The LLM failed: "…以下为抽取式回答。" came after the answer it introduces.
    from assistant.tui.copying import answer_markdown_document

    a = make_answer()
    # As answering.py writes it (已改用抽取式回答), and as a conversation saved before said it.
    for problem in ("大模型接口 http://127.0.0.1:9/v1 无法连接(连接被拒绝,服务是否已启动?);已改用抽取式回答。",
                    "大模型接口 http://127.0.0.1:9/v1 无法连接(连接被拒绝,服务是否已启动?);以下为抽取式回答。"):
        a.notes = [problem, "示例注释"]
        for md in (answer_markdown_document("什么是塔西佗陷阱?", a),
                   cv.export_markdown(Conversation(exchanges=[Exchange("什么是塔西佗陷阱?", a)]))):
            follows, answer, other = md.index("以下为抽取式回答"), md.index("要警惕塔西佗陷阱"), md.index("示例注释")
            assert follows < answer < other, md
            assert "已改用" not in md, md


def test_ask_puts_the_llm_problem_and_the_fallback_note_on_lines_of_their_own(capsys) -> None:  # type: ignore[no-untyped-def]
    from assistant.cli import main

    code = main(["ask", "什么是塔西佗陷阱?", "--llm", "--base-url", "http://127.0.0.1:9/v1"])
    err = capsys.readouterr().err
    assert code == 0
    lines = [line.strip() for line in err.splitlines()]
    assert "以下为抽取式回答。" in lines, err
    assert not any(line.endswith(")以下为抽取式回答。") for line in lines), err
