"""Corpus parsing: speeches, chrome removal, heading hierarchy, stable ids, loading errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.corpus import CorpusError, parse_text, shipped_corpus_dir
from assistant.corpus_files import load_corpus
ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "tests" / "data" / "corpora"
SEED = ROOT / "seeds" / "000_bf9682d57e2f1d62.txt"
SHARED_SEED = Path("/work/shared/seeds") / SEED.name


# ---- the seed file ------------------------------------------------------------------
def test_seed_parses_into_five_speeches(seed_corpus) -> None:  # type: ignore[no-untyped-def]
    assert [s.no for s in seed_corpus.speeches] == [1, 2, 3, 4, 5]
    for s in seed_corpus.speeches:
        assert s.title.startswith("在全市作风建设工作推进会上的讲话")
        assert len(s.units) >= 10
    assert seed_corpus.skipped == []


@pytest.mark.parametrize("chrome", ["阿拉题库", "1976952", "首页", "范文网", "复制下载", "参阅指引"])
def test_site_header_ads_and_counter_are_dropped(seed_corpus, chrome: str) -> None:  # type: ignore[no-untyped-def]
    assert chrome in SEED.read_text(encoding="utf-8")  # the chrome is really in the file...
    assert not [u.id for u in seed_corpus.units if chrome in u.text]  # ...but in no unit


def test_salutations_are_not_units(seed_corpus) -> None:  # type: ignore[no-untyped-def]
    assert "同志们:" in SEED.read_text(encoding="utf-8")
    for u in seed_corpus.units:
        assert u.text.rstrip(":: ") not in {"同志们", "各位同志", "同事们", "各位领导"}
    first = seed_corpus.speech(1).units[0]
    assert first.id == "1.1" and first.text.startswith("今天这次会议")


def test_speech_3_heading_hierarchy(seed_corpus) -> None:  # type: ignore[no-untyped-def]
    s3 = seed_corpus.speech(3)
    top = [u.text for u in s3.units if u.kind == "heading" and u.level == 1]
    assert top == ["一、作风建设要高度重视", "二、作风建设要升华认识", "三、作风建设要严明要求", "四、作风建设要注重实效"]
    sub = next(u for u in s3.units if u.text == "1、作风建设极其重要")
    assert sub.kind == "heading" and sub.level == 2
    assert sub.section == ("一、作风建设要高度重视",)
    # A paragraph under the second sub-heading knows the whole path.
    item = next(u for u in s3.units if u.text.startswith("一是上级有要求"))
    assert item.section == ("一、作风建设要高度重视", "2、作风建设异常紧迫")


def test_inline_heading_opens_paragraph(seed_corpus) -> None:  # type: ignore[no-untyped-def]
    u = next(u for u in seed_corpus.units if u.text.startswith("1、要多碰撞。"))
    assert u.kind == "paragraph"
    assert u.heading == "1、要多碰撞"
    assert u.section == ("一、要进一步浓厚解放思想的氛围",)
    assert seed_corpus.where(u) == "一、要进一步浓厚解放思想的氛围"
    opening = seed_corpus.speech(u.speech_no).units[0]
    assert seed_corpus.where(opening) == "(开篇)"   # before the first heading


def test_2_21_is_the_tacitus_trap_paragraph(seed_corpus) -> None:  # type: ignore[no-untyped-def]
    u = seed_corpus.unit("2.21")
    assert u.speech_no == 2 and u.seq == 21 and u.kind == "paragraph"
    assert "塔西佗陷阱" in u.text and "当公权力失去公信力时" in u.text


def test_ids_are_stable_and_dense(seed_corpus) -> None:  # type: ignore[no-untyped-def]
    again = load_corpus([shipped_corpus_dir()])
    assert [(u.id, u.text) for u in again.units] == [(u.id, u.text) for u in seed_corpus.units]
    assert again.fingerprint == seed_corpus.fingerprint
    for s in seed_corpus.speeches:
        assert [u.id for u in s.units] == [f"{s.no}.{i}" for i in range(1, len(s.units) + 1)]
        assert [u.seq for u in s.units] == list(range(1, len(s.units) + 1))


def test_every_unit_id_resolves(seed_corpus) -> None:  # type: ignore[no-untyped-def]
    ids = [u.id for u in seed_corpus.units]
    assert len(ids) == len(set(ids))
    for u in seed_corpus.units:
        assert seed_corpus.unit(u.id) is u
        assert seed_corpus.get(u.id) is u
    assert seed_corpus.get("9.99") is None
    with pytest.raises(KeyError):
        seed_corpus.unit("9.99")


def test_neighbours_stay_inside_the_speech(seed_corpus) -> None:  # type: ignore[no-untyped-def]
    near = seed_corpus.neighbours("2.1", before=2, after=2)
    assert [u.id for u in near] == ["2.1", "2.2", "2.3"]
    near = seed_corpus.neighbours("2.21", before=1, after=1)
    assert [u.id for u in near] == ["2.20", "2.21", "2.22"]


def test_outline_of_speech_3_starts_with_its_headings(seed_corpus) -> None:  # type: ignore[no-untyped-def]
    top = seed_corpus.speech(3).outline(max_level=1)
    assert [u.id for u in top if u.kind == "heading"] == ["3.2", "3.14", "3.21", "3.28"]


def test_seed_file_is_byte_identical_to_shared() -> None:
    if not SHARED_SEED.exists():
        pytest.skip("/work/shared/seeds is not available here")
    assert SEED.read_bytes() == SHARED_SEED.read_bytes()


# ---- a small file with markers and chrome ---------------------------------------------
def test_marked_file_structure() -> None:
    corpus = load_corpus([CORPORA / "markers"])
    assert [s.title for s in corpus.speeches] == ["在全镇工作会议上的讲话(第一篇)", "在全镇工作会议上的讲话(第二篇)"]
    texts = [u.text for u in corpus.units]
    for chrome in ("首页", "1976952", "范文网", "上一篇", "同志们", "各位同志"):
        assert not any(chrome in t for t in texts), chrome
    s1 = corpus.speech(1)
    by_text = {u.text: u for u in s1.units}
    assert by_text["一、统一思想认识"].level == 1
    assert by_text["(一)认清形势"].level == 2
    assert by_text["(一)认清形势"].section == ("一、统一思想认识",)
    item = by_text["1、要做好调查研究。调查研究是谋事之基。"]
    assert item.heading == "1、要做好调查研究"
    assert item.section == ("一、统一思想认识", "(一)认清形势")
    after = by_text["正文段落,讲落实的要求。"]
    assert after.section == ("二、狠抓工作落实",)
    assert [u.text for u in corpus.speech(2).units] == ["第二篇的开篇段落。"]


# ---- the user's own files --------------------------------------------------------------
def test_folder_of_own_txt_files(own_corpus_dir: Path) -> None:
    corpus = load_corpus([own_corpus_dir])
    titles = sorted(s.title for s in corpus.speeches)
    assert titles == sorted(["乡村振兴工作会议讲话", "安全生产会议讲话"])
    rural = next(s for s in corpus.speeches if s.title == "乡村振兴工作会议讲话")
    assert [u.text for u in rural.headings] == ["一、充分认识乡村振兴的重要意义", "二、突出抓好三项重点工作",
                                                "三、切实加强组织领导"]
    item = next(u for u in rural.units if u.text.startswith("2、要抓人居环境"))
    assert item.heading == "2、要抓人居环境" and item.section == ("二、突出抓好三项重点工作",)
    assert not any(u.text.startswith("同志们") for u in corpus.units)
    for u in corpus.units:
        assert corpus.unit(u.id) is u


def test_single_file_path(own_corpus_dir: Path) -> None:
    corpus = load_corpus([own_corpus_dir / "安全生产会议讲话.txt"])
    assert [s.title for s in corpus.speeches] == ["安全生产会议讲话"]
    assert corpus.unit("1.2").heading == "一是压实企业主体责任"


def test_non_utf8_file_is_skipped_with_reason(tmp_path: Path) -> None:
    good = tmp_path / "好.txt"
    good.write_text("一、加强学习\n\n学习是立身之本。\n", encoding="utf-8")
    bad = tmp_path / "坏.txt"
    bad.write_bytes("一、旧编码文件\n\n这是国标码写的。\n".encode("gbk"))
    corpus = load_corpus([tmp_path])
    assert [s.title for s in corpus.speeches] == ["好"]
    assert len(corpus.skipped) == 1
    path, reason = corpus.skipped[0]
    assert path.endswith("坏.txt") and "UTF-8" in reason


def test_only_non_utf8_raises(tmp_path: Path) -> None:
    (tmp_path / "坏.txt").write_bytes("这是国标码写的讲话。".encode("gbk"))
    with pytest.raises(CorpusError, match="没有找到可用的讲话文本") as e:
        load_corpus([tmp_path])
    assert "坏.txt" in str(e.value)


def test_missing_path_raises_chinese_message(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="语料路径不存在"):
        load_corpus([tmp_path / "nope"])


def test_empty_folder_raises_chinese_message(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="没有找到"):
        load_corpus([tmp_path])


def test_hidden_and_other_files_are_ignored(tmp_path: Path) -> None:
    (tmp_path / "讲话.txt").write_text("今天讲三点意见。", encoding="utf-8")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04 not text")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.txt").write_text("隐藏文件。", encoding="utf-8")
    corpus = load_corpus([tmp_path])
    assert [u.text for u in corpus.units] == ["今天讲三点意见。"]


def test_parse_text_without_markers_uses_file_name() -> None:
    speeches = parse_text("第一段。\n\n第二段。", "/x/我的讲话.txt", first_no=7)
    assert [(s.no, s.title) for s in speeches] == [(7, "我的讲话")]
    assert [u.id for u in speeches[0].units] == ["7.1", "7.2"]
    assert parse_text("   \n\n", "/x/空.txt") == []
