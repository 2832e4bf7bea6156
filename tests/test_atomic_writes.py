"""Saved conversations and exports under crashes and concurrency (issue 7).

tests/test_conversation.py covers a failing fsync and a writer killed with SIGKILL; here: a
crash at the rename itself or in the middle of writing, the Markdown export, and several
writers (threads and processes, as two TUI instances would be) saving different
conversations and the same one while a reader lists them.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from assistant import conversation as cv
from assistant.conversation import Conversation, ConversationError, Exchange
from assistant.corpus import Unit
from assistant.results import Answer, Citation, Hit

ROOT = Path(__file__).resolve().parents[1]


def answer(question: str, text: str = "要警惕塔西佗陷阱[1]") -> Answer:
    unit = Unit("2.21", 2, 21, "paragraph", "1、要警惕塔西佗陷阱。" + "长" * 2000, ("四,要进一步浓厚风清气正的氛围",))
    c = Citation(1, unit, "第二篇", ["塔西佗陷阱"])
    return Answer(question, text, False, "extractive", [c], [Hit(unit, 1.0, "第二篇", [])])


def conversation(n: int, cid: str | None = None) -> Conversation:
    conv = Conversation(id=cid) if cid else Conversation()
    for i in range(n):
        conv.add(Exchange(f"问题 {i}", answer(f"问题 {i}")))
    return conv


def no_temp_files(directory: Path) -> bool:
    return not [p for p in directory.iterdir() if p.name.startswith(".") or p.suffix == ".tmp"]


# ---- a crash while saving ----------------------------------------------------------------------
def test_crash_at_the_rename_keeps_the_previous_conversation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    conv = conversation(1)
    path = cv.save_conversation(conv, tmp_path)
    before = path.read_bytes()
    conv.add(Exchange("第二个问题", answer("第二个问题")))

    def crash(src: object, dst: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(cv.os, "replace", crash)
    with pytest.raises(ConversationError) as e:
        cv.save_conversation(conv, tmp_path)
    assert "无法保存对话" in str(e.value) and str(path) in str(e.value)
    assert path.read_bytes() == before
    assert cv.load_conversation(path).exchanges[0].question == "问题 0"
    assert no_temp_files(tmp_path)


def test_interrupted_in_the_middle_of_writing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C (or any exception) while the bytes are written: the old file stays whole."""
    conv = conversation(2)
    path = cv.save_conversation(conv, tmp_path)
    before = path.read_bytes()
    conv.add(Exchange("第三个问题", answer("第三个问题")))
    real_fdopen = cv.os.fdopen

    class HalfWriter:
        def __init__(self, fh):  # type: ignore[no-untyped-def]
            self.fh = fh

        def __enter__(self):  # type: ignore[no-untyped-def]
            return self

        def __exit__(self, *exc):  # type: ignore[no-untyped-def]
            self.fh.close()

        def write(self, text: str) -> int:
            self.fh.write(text[: len(text) // 2])
            self.fh.flush()
            raise KeyboardInterrupt

    monkeypatch.setattr(cv.os, "fdopen", lambda *a, **k: HalfWriter(real_fdopen(*a, **k)))
    with pytest.raises(KeyboardInterrupt):
        cv.save_conversation(conv, tmp_path)
    assert path.read_bytes() == before
    assert no_temp_files(tmp_path)


def test_export_is_atomic_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    conv = conversation(1)
    path = cv.export_conversation(conv, tmp_path)
    before = path.read_text(encoding="utf-8")
    assert before.startswith("# 讲话助手对话")
    conv.add(Exchange("第二个问题", answer("第二个问题")))
    monkeypatch.setattr(cv.os, "replace", lambda *_: (_ for _ in ()).throw(OSError(28, "No space left on device")))
    with pytest.raises(ConversationError) as e:
        cv.export_conversation(conv, tmp_path)
    assert "无法导出" in str(e.value) and "磁盘已满" in str(e.value)   # the system reason, said in Chinese (os_reason)
    assert path.read_text(encoding="utf-8") == before
    assert no_temp_files(tmp_path)


def test_unwritable_location_is_a_chinese_error(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    with pytest.raises(ConversationError, match="无法保存对话"):
        cv.save_conversation(conversation(1), blocker / "conversations")
    with pytest.raises(ConversationError, match="无法导出"):
        cv.export_conversation(conversation(1), blocker / "exports")


# ---- concurrent writers ----------------------------------------------------------------------------
def test_threads_saving_different_and_the_same_conversation(tmp_path: Path) -> None:
    shared_id = "20240101-000000-shared"
    errors: list[BaseException] = []
    own_ids: list[str] = []
    stop = threading.Event()
    read_problems: list[str] = []

    def writer(w: int) -> None:
        try:
            own = conversation(0)
            own_ids.append(own.id)
            for i in range(25):
                own.add(Exchange(f"写者 {w} 问题 {i}", answer(f"写者 {w} 问题 {i}")))
                cv.save_conversation(own, tmp_path)
                shared = conversation(0, shared_id)
                shared.add(Exchange(f"写者 {w} 第 {i} 版", answer(f"写者 {w} 第 {i} 版")))
                cv.save_conversation(shared, tmp_path)
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    def reader() -> None:
        while not stop.is_set():
            _, problems = cv.list_conversations(tmp_path)
            read_problems.extend(problems)

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(3)]
    watcher = threading.Thread(target=reader)
    watcher.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stop.set()
    watcher.join()
    assert errors == [] and read_problems == []      # a reader never sees half a file
    saved, problems = cv.list_conversations(tmp_path)
    assert problems == []
    assert {s.id for s in saved} == set(own_ids) | {shared_id}
    for cid in own_ids:
        conv = cv.load_conversation(tmp_path / f"{cid}.json")
        assert len(conv.exchanges) == 25             # nobody else's exchanges got in
        writer_no = conv.exchanges[0].question.split()[1]
        assert all(ex.question.startswith(f"写者 {writer_no} ") for ex in conv.exchanges)
    shared = cv.load_conversation(tmp_path / f"{shared_id}.json")
    assert len(shared.exchanges) == 1 and shared.exchanges[0].question.endswith("第 24 版")  # one whole version
    assert no_temp_files(tmp_path)


WRITER = textwrap.dedent("""
    import sys
    sys.path.insert(0, {root!r})
    from pathlib import Path
    from assistant import conversation as cv
    from assistant.corpus import Unit
    from assistant.results import Answer, Citation
    directory, name, shared = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    unit = Unit("2.21", 2, 21, "paragraph", "长" * 5000, ())
    own = cv.Conversation()
    for i in range(30):
        a = Answer(f"{{name}} {{i}}", "回答[1]", False, "extractive", [Citation(1, unit, "第二篇")], [])
        own.add(cv.Exchange(f"{{name}} {{i}}", a))
        cv.save_conversation(own, directory)
        same = cv.Conversation(id=shared)
        same.add(cv.Exchange(f"{{name}} 版本 {{i}}", a))
        cv.save_conversation(same, directory)
    print(own.id)
""")


def test_two_processes_like_two_tui_instances(tmp_path: Path) -> None:
    script = WRITER.format(root=str(ROOT))
    procs = [subprocess.Popen([sys.executable, "-c", script, str(tmp_path), name, "20240101-000000-same"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for name in ("甲", "乙")]
    results = [p.communicate(timeout=120) for p in procs]
    for p, (out, err) in zip(procs, results):
        assert p.returncode == 0, err
    ids = [out.strip() for out, _ in results]
    assert len(set(ids)) == 2                       # random suffixes: never the same file
    saved, problems = cv.list_conversations(tmp_path)
    assert problems == [] and len(saved) == 3
    for cid, name in zip(ids, ("甲", "乙")):
        conv = cv.load_conversation(tmp_path / f"{cid}.json")
        assert [ex.question for ex in conv.exchanges] == [f"{name} {i}" for i in range(30)]
    same = cv.load_conversation(tmp_path / "20240101-000000-same.json")
    assert len(same.exchanges) == 1 and same.exchanges[0].question.split()[0] in ("甲", "乙")
    assert no_temp_files(tmp_path)
