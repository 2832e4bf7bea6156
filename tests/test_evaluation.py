"""Question-set loading, the eval runner, reports, comparison, thresholds and `assistant eval`."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from assistant import cli
from assistant.cli import eval as eval_command
from assistant.corpus import Unit
from assistant.eval_report import comparison_table, markdown_report, summary_table
from assistant.evaluation import (
    METRICS,
    Question,
    QuestionSetError,
    check_fail_under,
    compare,
    find_unmatched_gold,
    load_questions,
    load_run_json,
    parse_fail_under,
    run_eval,
)
from assistant.results import Answer, Citation, Hit

DATA = Path(__file__).parent / "data"
EVAL_DATA = DATA / "eval"


# --------------------------------------------------------------------------- loading

def test_jsonl_skips_blank_and_comment_lines_and_reports_bad_json_line() -> None:
    with pytest.raises(QuestionSetError) as e:
        load_questions(EVAL_DATA / "bad_json.jsonl")
    msg = str(e.value)
    assert "bad_json.jsonl" in msg and "第 4 行" in msg and "JSON" in msg
    assert "第 3 行" not in msg  # the valid line after a comment and a blank line is fine


def test_jsonl_field_errors_name_line_and_field() -> None:
    with pytest.raises(QuestionSetError) as e:
        load_questions(EVAL_DATA / "bad_fields.jsonl")
    problems = e.value.problems
    assert any("第 1 行" in p and "缺少必填字段“gold”" in p for p in problems)
    assert any("第 2 行" in p and "“id”" in p and "整数" in p for p in problems)
    assert any("第 3 行" in p and "“gold”" in p and "字符串列表" in p for p in problems)
    assert any("第 4 行" in p and "“answer_contains”" in p and "第 2 个元素" in p for p in problems)
    assert any("第 5 行" in p and "对象" in p for p in problems)
    assert len(problems) == 5


def test_duplicate_ids_are_rejected_with_both_places() -> None:
    with pytest.raises(QuestionSetError) as e:
        load_questions(EVAL_DATA / "duplicate.jsonl")
    assert e.value.problems == ["第 3 行,字段“id”:id “d1” 重复(首次出现在第 1 行)"]


def test_yaml_mapping_with_unknown_fields_kept() -> None:
    qs = load_questions(EVAL_DATA / "questions.yaml")
    assert [q.id for q in qs] == ["y1", "y2"]
    y1, y2 = qs
    assert y1.gold == ["当公权力失去公信力时"] and y1.answer_contains == ["公信力"] and y1.type == "lookup"
    assert y1.extra == {"note": "作者的备注", "difficulty": 2}
    assert y2.gold == [] and not y2.answerable and y2.answer_contains == []


def test_jsonl_unknown_fields_kept_and_defaults(tmp_path: Path) -> None:
    p = tmp_path / "q.jsonl"
    p.write_text('{"id": "x", "question": "问?", "gold": ["a"], "source": "手写", "answer_contains": null}\n',
                 encoding="utf-8")
    [q] = load_questions(p)
    assert q == Question("x", "问?", ["a"], [], "", {"source": "手写"})


def test_yaml_errors_name_item_line_and_field() -> None:
    with pytest.raises(QuestionSetError) as e:
        load_questions(EVAL_DATA / "bad_types.yaml")
    problems = e.value.problems
    assert problems[0] == "第 2 项(第 6 行),字段“gold”:应为字符串列表,实际是整数"
    assert problems[1].startswith("第 3 项(第 10 行),字段“type”")
    with pytest.raises(QuestionSetError) as e:
        load_questions(EVAL_DATA / "broken.yaml")
    assert "YAML" in str(e.value) and "行" in str(e.value)


@pytest.mark.parametrize("content,suffix,expected", [
    ("", ".jsonl", "没有任何问题"),
    ("# only a comment\n", ".jsonl", "没有任何问题"),
    ("a: 1\n", ".yaml", "问题列表"),
    ('{"id": "a", "question": "q", "gold": [""]}\n', ".jsonl", "空字符串"),
    ('{"id": "a", "question": "  ", "gold": []}\n', ".jsonl", "不能为空"),
    ("x", ".csv", "不支持的文件类型"),
])
def test_other_malformed_sets(tmp_path: Path, content: str, suffix: str, expected: str) -> None:
    p = tmp_path / f"set{suffix}"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(QuestionSetError, match=expected):
        load_questions(p)


def test_missing_and_non_utf8_files(tmp_path: Path) -> None:
    with pytest.raises(QuestionSetError, match="文件不存在"):
        load_questions(tmp_path / "nope.jsonl")
    p = tmp_path / "gbk.jsonl"
    p.write_bytes('{"id": "a", "question": "问题", "gold": []}'.encode("gbk"))
    with pytest.raises(QuestionSetError, match="UTF-8"):
        load_questions(p)


def test_json_array_file_is_accepted(tmp_path: Path) -> None:
    p = tmp_path / "set.json"
    p.write_text('[{"id": "a", "question": "q", "gold": []},\n {"id": "b", "question": "r", "gold": ["x"]}]',
                 encoding="utf-8")
    assert [q.id for q in load_questions(p)] == ["a", "b"]


def test_project_question_set_loads() -> None:
    qs = load_questions(DATA / "questions.jsonl")
    assert len(qs) >= 60 and len({q.id for q in qs}) == len(qs)


# --------------------------------------------------------------------------- fake engine

def unit(uid: str, text: str, section: tuple[str, ...] = ("一、总体要求",)) -> Unit:
    no, seq = (int(x) for x in uid.split("."))
    return Unit(uid, no, seq, "paragraph", text, section)


UNITS = {u.id: u for u in [
    unit("1.1", "当公权力失去公信力时,无论发表什么言论,社会都会给予负面评价。"),
    unit("1.2", "损失厌恶是指人们面对同样数量的收益和损失时,认为损失更加难以忍受。"),
    unit("1.3", "全面发展学江阴,产业发展学吴江,城乡发展学宜兴。", ("二、追赶目标",)),
    unit("1.4", "同志们,今天我们召开会议。", ()),
]}


@dataclass
class FakeCorpus:
    fingerprint: str = "fake0001"

    @property
    def units(self) -> list[Unit]:
        return list(UNITS.values())


@dataclass(frozen=True)
class FakeParams:
    k1: float = 1.2
    b: float = 0.75


@dataclass
class FakeEngine:
    """Answers from a fixed script: question → (ranked unit ids, abstained, cited unit ids)."""

    script: dict[str, tuple[list[str], bool, list[str]]]
    corpus: FakeCorpus = field(default_factory=FakeCorpus)
    params: FakeParams = field(default_factory=FakeParams)
    api_key: str = "sk-secret-never-written"
    calls: list[tuple[str, int]] = field(default_factory=list)

    def ask(self, question: str, k: int = 10) -> Answer:
        self.calls.append((question, k))
        if question not in self.script:
            raise RuntimeError("engine exploded")
        ids, abstained, cited = self.script[question]
        hits = [Hit(UNITS[i], 10.0 - r, "第一篇讲话") for r, i in enumerate(ids[:k])]
        citations = [Citation(n, UNITS[i], "第一篇讲话") for n, i in enumerate(cited, 1)]
        text = "语料中没有找到答案。" if abstained else "".join(f"{UNITS[i].text}[{n}]" for n, i in enumerate(cited, 1))
        return Answer(question, text, abstained, "extractive", citations, hits)


QUESTIONS = [
    Question("q1", "什么是塔西佗陷阱?", ["当公权力失去公信力时"], ["公信力"], "lookup"),
    Question("q2", "损失厌恶是什么?", ["损失厌恶是指"], ["损失厌恶", "收益"], "lookup"),
    Question("q3", "三大追赶目标?", ["学江阴", "学吴江", "学宜兴"], [], "multi"),
    Question("u1", "讲话提到火星了吗?", [], [], "unanswerable"),
    Question("u2", "讲话提到月球了吗?", [], [], "unanswerable"),
    Question("e1", "会出错的问题", ["公信力"], [], "lookup"),
]
SCRIPT = {
    "什么是塔西佗陷阱?": (["1.1", "1.2"], False, ["1.1"]),
    "损失厌恶是什么?": (["1.4", "1.1", "1.2"], False, ["1.4", "1.2"]),
    "三大追赶目标?": (["1.3"], False, ["1.3"]),
    "讲话提到火星了吗?": (["1.4"], True, []),
    "讲话提到月球了吗?": (["1.4"], False, ["1.4"]),
}


@pytest.fixture()
def run_json() -> dict[str, Any]:
    engine = FakeEngine(dict(SCRIPT))
    seen: list[tuple[int, int, str]] = []
    run = run_eval(engine, QUESTIONS, k=5, progress=lambda d, t, r: seen.append((d, t, r["id"])))
    assert engine.calls == [(q.question, 5) for q in QUESTIONS]
    assert seen == [(i, len(QUESTIONS), q.id) for i, q in enumerate(QUESTIONS, 1)]
    return run.to_json()


def test_run_eval_records(run_json: dict[str, Any]) -> None:
    assert set(run_json) == {"meta", "summary", "questions"}
    recs = {r["id"]: r for r in run_json["questions"]}
    assert list(recs) == [q.id for q in QUESTIONS]
    q1 = recs["q1"]
    for key in ("id", "question", "type", "hits", "answer", "abstained", "citations", "metrics",
                "relevant_ranks", "error", "latency_ms"):
        assert key in q1
    assert q1["hits"][0] == Hit(UNITS["1.1"], 10.0, "第一篇讲话").to_json()
    assert q1["metrics"]["hit@1"] == 1.0 and q1["metrics"]["answer_contains"] is True
    q2 = recs["q2"]
    assert q2["relevant_ranks"] == [3] and q2["metrics"]["mrr@10"] == pytest.approx(1 / 3)
    assert q2["metrics"]["citation_precision"] == 0.5
    assert q2["metrics"]["answer_contains_missing"] == []
    assert recs["e1"]["error"] == "RuntimeError: engine exploded"
    assert recs["e1"]["hits"] == [] and recs["e1"]["metrics"]["hit@1"] == 0.0
    assert recs["u1"]["metrics"]["abstained_correctly"] is True
    assert recs["u2"]["metrics"]["abstained_correctly"] is False


def test_run_eval_summary_and_meta(run_json: dict[str, Any]) -> None:
    s = run_json["summary"]
    o = s["overall"]
    assert (o["n"], o["n_answerable"], o["n_unanswerable"], o["errors"]) == (6, 4, 2, 1)
    assert o["hit@1"] == pytest.approx(2 / 4)              # q1, q3
    assert o["mrr@10"] == pytest.approx((1 + 1 / 3 + 1 + 0) / 4)
    assert o["abstention"] == 0.5
    assert o["citation_precision"] == pytest.approx(3 / 4)  # 1.1; 1.4 ✗ 1.2 ✓; 1.3
    assert set(s["by_type"]) == {"lookup", "multi", "unanswerable"}
    assert s["latency_ms"]["median"] is not None and s["latency_ms"]["p95"] >= s["latency_ms"]["median"]
    meta = run_json["meta"]
    assert meta["k"] == 5 and meta["corpus_fingerprint"] == "fake0001"
    assert meta["params"] == {"k1": 1.2, "b": 0.75} and meta["mode"] == "extractive"
    text = json.dumps(run_json, ensure_ascii=False)
    assert "sk-secret" not in text and "api_key" not in text


def test_run_eval_with_llm_answerer() -> None:
    engine = FakeEngine(dict(SCRIPT))

    def llm(eng: FakeEngine, question: str, k: int, history: list[Any]) -> Answer:
        answer = eng.ask(question, k=k)
        answer.mode = "llm:tiny"
        return answer

    data = run_eval(engine, QUESTIONS[:2], k=4, llm=llm).to_json()
    assert data["meta"]["mode"] == "llm:tiny" and engine.calls[0] == (QUESTIONS[0].question, 4)
    assert [r["mode"] for r in data["questions"]] == ["llm:tiny", "llm:tiny"]


def test_unmatched_gold_is_reported() -> None:
    qs = [*QUESTIONS, Question("bad", "?", ["不存在的句子", "公 信力"], [], "")]
    assert find_unmatched_gold(qs, FakeCorpus()) == [("bad", "不存在的句子")]


# --------------------------------------------------------------------------- reports and comparison

def test_markdown_report_lists_failed_questions(run_json: dict[str, Any]) -> None:
    md = markdown_report(run_json)
    assert "| 全部 | 6 | 0.500 |" in md
    assert "## 未通过的问题(3)" in md  # q2 (rank 3), u2 (not abstained), e1 (error)
    assert "### q2 · lookup" in md and "### u2 · unanswerable" in md and "### e1 · lookup" in md
    assert "### q1 " not in md and "### u1 " not in md
    q2 = md.split("### q2")[1].split("###")[0]
    assert "「损失厌恶是指」" in q2 and "| 3 | ✓ 1.2 |" in q2
    assert "同志们,今天我们召开会议。" in q2 and "**相关段落排名:** 3" in q2
    assert "RuntimeError: engine exploded" in md


def test_markdown_preview_is_80_characters(run_json: dict[str, Any]) -> None:
    long = "很长的段落" * 40
    run_json["questions"][1]["hits"][0]["text"] = long
    md = markdown_report(run_json)
    assert long[:80] + "…" in md and long[:81] not in md


def test_compare_deltas_and_newly_failing(run_json: dict[str, Any]) -> None:
    engine = FakeEngine({**SCRIPT, "什么是塔西佗陷阱?": (["1.2", "1.1"], False, ["1.1"]),
                         "讲话提到月球了吗?": (["1.4"], True, []), "会出错的问题": (["1.1"], False, ["1.1"])})
    new = run_eval(engine, QUESTIONS, k=5).to_json()
    cmp = compare(run_json, new)
    assert cmp.newly_failing == ["q1"] and cmp.newly_passing == ["u2", "e1"]
    overall = {d.metric: d for d in cmp.deltas if d.group == "overall"}
    assert set(overall) == set(METRICS)
    assert overall["hit@1"].delta == pytest.approx(0.0)     # q1 lost, e1 gained
    assert overall["abstention"].delta == pytest.approx(0.5)
    assert {d.group for d in cmp.deltas} == {"overall", "lookup", "multi", "unanswerable"}
    md = markdown_report(new, cmp)
    assert "## 与上次运行比较" in md and "新失败 1 题:q1" in md
    assert comparison_table(cmp).row_count >= len(METRICS)
    assert summary_table(new["summary"]).row_count == 4


def test_load_run_json_errors(tmp_path: Path, run_json: dict[str, Any]) -> None:
    good = tmp_path / "run.json"
    good.write_text(json.dumps(run_json, ensure_ascii=False), encoding="utf-8")
    assert load_run_json(good)["summary"] == run_json["summary"]
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError, match="不是合法的 JSON"):
        load_run_json(bad)
    bad.write_text("[]", encoding="utf-8")
    with pytest.raises(ValueError, match="summary"):
        load_run_json(bad)


def test_fail_under_parsing_and_checks() -> None:
    assert parse_fail_under(["hit@1=0.9", "MRR=0.5", "recall@10=1"]) == {"hit@1": 0.9, "mrr@10": 0.5,
                                                                      "recall@10": 1.0}
    for bad in ("hit@1", "speed=0.5", "hit@1=high", "hit@1=1.5"):
        with pytest.raises(ValueError):
            parse_fail_under([bad])
    summary = {"overall": {"hit@1": 0.8, "mrr@10": 0.9, "abstention": None}}
    assert check_fail_under(summary, {"hit@1": 0.8, "mrr@10": 0.85}) == []
    violations = check_fail_under(summary, {"hit@1": 0.81, "abstention": 0.5})
    assert len(violations) == 2 and "hit@1" in violations[0] and "abstention" in violations[1]


# --------------------------------------------------------------------------- command line

@pytest.fixture()
def fake_cli_engine(monkeypatch: pytest.MonkeyPatch) -> FakeEngine:
    engine = FakeEngine(dict(SCRIPT))
    monkeypatch.setattr(eval_command, "load_engine", lambda args, quiet=False: engine)
    return engine


def write_set(path: Path, questions: list[Question]) -> Path:
    path.write_text("".join(json.dumps({"id": q.id, "question": q.question, "gold": q.gold,
                                        "answer_contains": q.answer_contains, "type": q.type},
                                       ensure_ascii=False) + "\n" for q in questions), encoding="utf-8")
    return path


def test_cli_eval_writes_reports_and_fails_under(tmp_path: Path, fake_cli_engine: FakeEngine,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    qs = write_set(tmp_path / "q.jsonl", QUESTIONS)
    out_json, out_md = tmp_path / "run.json", tmp_path / "run.md"
    code = cli.main(["eval", str(qs), "--json", str(out_json), "--markdown", str(out_md), "-k", "3",
                     "--fail-under", "hit@1=0.4", "--fail-under", "mrr@10=0.9"])
    out, err = capsys.readouterr()
    assert code == 1
    assert "Hit@1" in out and "lookup" in out and "中位数" in out
    assert "mrr@10" in err and "hit@1 =" not in err
    # The failed questions are named on the terminal, not only in the reports.
    failed_line = next(line for line in out.splitlines() if line.startswith("未通过的题"))
    assert "q2(第 1 名不相关" in failed_line and "u2(未拒答" in failed_line and "e1(运行出错" in failed_line
    assert "q1(" not in failed_line and "u1(" not in failed_line
    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert data["meta"]["k"] == 3 and len(data["questions"]) == len(QUESTIONS)
    assert out_md.read_text(encoding="utf-8").startswith("# 评测报告")

    code = cli.main(["eval", str(qs), "--compare", str(out_json), "--fail-under", "hit@1=0.5"])
    out, _ = capsys.readouterr()
    assert code == 0 and "与上次运行比较" in out and "新失败 0 题" in out


@pytest.mark.parametrize("argv,expected", [
    (["eval", str(EVAL_DATA / "bad_json.jsonl")], "第 4 行"),
    (["eval", str(EVAL_DATA / "bad_types.yaml")], "第 2 项(第 6 行),字段“gold”"),
    (["eval", str(EVAL_DATA / "questions.yaml"), "--fail-under", "speed=1"], "--fail-under"),
    (["eval", str(EVAL_DATA / "questions.yaml"), "--compare", "/nonexistent/old.json"], "找不到"),
    (["eval", str(EVAL_DATA / "questions.yaml"), "--json", "/nonexistent/dir/out.json"], "不存在"),
])
def test_cli_eval_bad_input_exits_2_without_traceback(argv: list[str], expected: str, fake_cli_engine: FakeEngine,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as e:
        cli.main(argv)
    err = capsys.readouterr().err
    assert e.value.code == 2
    assert expected in err.replace("\n", "") and "Traceback" not in err
    assert fake_cli_engine.calls == []


def test_cli_eval_end_to_end_on_project_set(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The project's own question set through the real engine: the JSON report has the contract's shape."""
    out_json = tmp_path / "run.json"
    code = cli.main(["eval", str(DATA / "questions.jsonl"), "--no-cache", "--json", str(out_json),
                     "--markdown", str(tmp_path / "run.md")])
    capsys.readouterr()
    assert code == 0
    data = json.loads(out_json.read_text(encoding="utf-8"))
    questions = load_questions(DATA / "questions.jsonl")
    assert [r["id"] for r in data["questions"]] == [q.id for q in questions]
    assert data["meta"]["unmatched_gold"] == [] and data["meta"]["corpus_fingerprint"]
    overall = data["summary"]["overall"]
    assert overall["n"] == len(questions) and overall["errors"] == 0
    for name in METRICS:
        assert name in overall
    assert 0.0 <= overall["hit@1"] <= 1.0
    for r in data["questions"]:
        assert isinstance(r["hits"], list) and isinstance(r["citations"], list)
        assert isinstance(r["abstained"], bool) and isinstance(r["answer"], str)
        for h in r["hits"]:
            assert {"id", "score", "speech", "section", "text"} <= set(h)


@pytest.mark.parametrize("text,line", [
    ("- id: a\n  question: 好\n  gold: [x]\n- id: b\n  question: [unclosed\n  gold: [y]\n", 5),
    ("- id: a\n  question: 好\n  gold: [x]\n- id: b\n  question: [unclosed\n", 5),
    ("- id: a\n  question: '未闭合\n  gold: [x]\n", 2),
    ("- id: a\n  question: 好\n   gold: [x]\n", 3),
])
def test_a_yaml_error_names_the_line_to_fix(tmp_path: Path, text: str, line: int) -> None:
    # An unclosed [ on line 5 was reported on line 6, where the parser gave up.
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(QuestionSetError) as e:
        load_questions(path)
    assert e.value.problems[0].startswith(f"第 {line} 行:不是合法的 YAML"), e.value.problems
