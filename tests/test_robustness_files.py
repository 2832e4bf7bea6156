"""Files that are not what they seem (issue 15, items 9, 13 and 14): FIFOs and devices named
like text, symlinked folders and their loops, dangling links, huge files and lines, and
corpora too small for BM25's IDF. Each is read, or named in a warning; nothing hangs.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.config import ConfigError, load_config
from assistant.conversation import ConversationError, list_conversations, load_conversation
from assistant.corpus import CorpusError
from assistant.corpus_files import long_line_warnings, read_corpus_files
from assistant.engine import Engine
from assistant.file_reading import MAX_FILE_BYTES, read_regular_file
from assistant.question_sets import QuestionSetError, load_questions
from cli_helpers import run

RIVER = "河湖治理要坚持系统观念,上下游、左右岸统筹推进,不能各管一段。\n\n各级河长要亲自巡河,发现问题立即交办,做到问题不过夜。\n"
FLOOD = "防汛工作要立足于防大汛、抢大险,提前预置抢险队伍和物资。\n"


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("COLUMNS", "400")


@pytest.fixture(autouse=True)
def no_hang() -> Iterator[None]:
    """Before the fix a FIFO blocked open() forever: fail the test instead of hanging."""
    def expired(*_: object) -> None:
        raise TimeoutError("hung reading a file")
    old = signal.signal(signal.SIGALRM, expired)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


def fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def test_read_regular_file_refuses_fifo_device_and_oversize(tmp_path: Path) -> None:
    with pytest.raises(OSError) as e:
        read_regular_file(fifo(tmp_path / "x.txt"))
    assert "命名管道" in e.value.strerror
    zero = tmp_path / "zero.txt"
    zero.symlink_to("/dev/zero")
    with pytest.raises(OSError) as e:
        read_regular_file(zero)
    assert "字符设备" in e.value.strerror
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:   # sparse: no disk space used
        fh.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(OSError) as e:
        read_regular_file(big)
    assert "文件过大" in e.value.strerror and "64 MB" in e.value.strerror


def test_corpus_folder_names_what_it_skips(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "语料"
    folder.mkdir()
    (folder / "河长制.txt").write_text(RIVER, encoding="utf-8")
    fifo(folder / "管道.txt")
    (folder / "零.txt").symlink_to("/dev/zero")
    (folder / "断链.txt").symlink_to(tmp_path / "不存在.txt")
    elsewhere = tmp_path / "另一处"
    elsewhere.mkdir()
    (elsewhere / "防汛.txt").write_text(FLOOD, encoding="utf-8")
    (folder / "链接的文件夹").symlink_to(elsewhere, target_is_directory=True)
    (elsewhere / "回到上层").symlink_to(folder, target_is_directory=True)   # a loop
    warnings: list[str] = []
    eng = Engine.load([folder], warn=warnings.append)
    # The symlinked folder's speech is read, not silently dropped.
    assert sorted(s.title for s in eng.corpus.speeches) == ["河长制", "防汛"]
    said = "\n".join(warnings)
    for name, why in [("管道.txt", "命名管道"), ("零.txt", "字符设备"), ("断链.txt", "不存在"), ("回到上层", "循环")]:
        assert name in said and why in said, (name, said)
    assert len(warnings) == 4
    code, out, err = run(capsys, "ask", "防汛工作要立足于什么?", "--corpus", str(folder), "--lexical")
    assert code == 0 and "抢大险" in out and "管道.txt" in err and "Traceback" not in err


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_corpus_file_given_directly_is_skipped_not_read(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                        kind: str) -> None:
    path = tmp_path / "x.txt"
    if kind == "fifo":
        fifo(path)
    else:
        path.symlink_to("/dev/zero")
    good = tmp_path / "河长制.txt"
    good.write_text(RIVER, encoding="utf-8")
    texts, skipped = read_corpus_files([path, good])
    assert [f for f, _ in texts] == [good] and skipped[0][0] == str(path) and "不是普通文件" in skipped[0][1]
    with pytest.raises(CorpusError, match="不是普通文件"):
        Engine.load([path])
    code, out, err = run(capsys, "search", "河湖", "--corpus", str(path))
    assert code != 0 and "不是普通文件" in err and "Traceback" not in err


def test_oversized_corpus_file_is_skipped_with_the_limit(tmp_path: Path) -> None:
    big = tmp_path / "大.txt"
    with big.open("wb") as fh:
        fh.truncate(MAX_FILE_BYTES + 1)
    (tmp_path / "河长制.txt").write_text(RIVER, encoding="utf-8")
    texts, skipped = read_corpus_files([tmp_path])
    assert len(texts) == 1 and skipped == [(str(big), skipped[0][1])] and "文件过大" in skipped[0][1]


def test_config_question_set_and_conversation_fifos_do_not_hang(tmp_path: Path) -> None:
    cfg = fifo(tmp_path / "config.toml")
    with pytest.raises(ConfigError, match="不是普通文件"):
        load_config(env={"ASSISTANT_CONFIG": str(cfg)})
    with pytest.raises(QuestionSetError) as e:
        load_questions(fifo(tmp_path / "q.jsonl"))
    assert "不是普通文件" in str(e.value)
    conv_dir = tmp_path / "conversations"
    conv_dir.mkdir()
    fifo(conv_dir / "c.json")
    found, problems = list_conversations(conv_dir)
    assert found == [] and problems and "c.json" in problems[0]
    with pytest.raises(ConversationError):
        load_conversation(conv_dir / "c.json")


# ---- huge lines and tiny corpora (item 14) ---------------------------------------------------
def test_a_huge_single_line_is_warned_about(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = "河湖治理要坚持系统观念," * 8350   # 100,200 characters, no line break
    path = tmp_path / "一行.txt"
    path.write_text(line, encoding="utf-8")
    texts, _ = read_corpus_files([path])
    warnings = long_line_warnings(texts)
    assert len(warnings) == 1 and "一行.txt" in warnings[0] and "100200" in warnings[0]
    assert long_line_warnings([(path, "短行。\n" * 10)]) == []
    code, _, err = run(capsys, "search", "河湖", "--corpus", str(path), "--lexical")
    assert code == 0 and "100200" in err


@pytest.mark.parametrize("text", [RIVER.split("\n\n")[0] + "\n", RIVER])
def test_tiny_corpora_are_answerable(tmp_path: Path, text: str) -> None:
    (tmp_path / "小.txt").write_text(text, encoding="utf-8")
    eng = Engine.load([tmp_path])
    assert len(eng.corpus.units) in (1, 2)
    answer = eng.ask("河湖治理要坚持什么?")
    assert not answer.abstained and answer.citations[0].unit.text.startswith("河湖治理")
    assert eng.ask("什么是塔西佗陷阱?").abstained


def test_system_reasons_are_said_in_chinese(tmp_path: Path) -> None:
    import errno

    from assistant.file_reading import os_reason

    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    try:
        loop.read_text()
    except OSError as e:
        assert e.errno == errno.ELOOP and os_reason(e) == "符号链接层数过多(可能成环)"
    assert os_reason(FileNotFoundError(errno.ENOENT, "No such file or directory")) == "文件或文件夹不存在"
    assert os_reason(OSError(errno.EXDEV, "Invalid cross-device link")) == "Invalid cross-device link"


def test_an_empty_corpus_file_is_named_not_dropped_silently(tmp_path: Path) -> None:
    (tmp_path / "空.txt").write_text("", encoding="utf-8")
    (tmp_path / "空白.md").write_text("  \n\n", encoding="utf-8")
    (tmp_path / "河长制.txt").write_text(RIVER, encoding="utf-8")
    texts, skipped = read_corpus_files([tmp_path])
    assert len(texts) == 1 and sorted(Path(p).name for p, _ in skipped) == ["空.txt", "空白.md"]
    assert all(reason == "文件是空的" for _, reason in skipped)
