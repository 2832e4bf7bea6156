"""Word classes of questions that carry no subject of their own, for the planner.

Which of a question's words only ask, point or talk about the speech (讲了, 哪几点, 这篇), which
only ask for its speaker, date or where it was published, and whether a question names a
subject of its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from . import text_analysis as ta
from .answer_types import HOLDING, SURNAMES, asked_event, holds_office
from .corpus import Speech
from .lazy_pattern import LazyPattern

__all__ = ["GENERIC", "META_WORDS", "SPEECH_ITSELF", "WHOLE_SPEECH", "is_generic", "joined_singles", "named_person", "names_apart", "names_cut", "said_in", "only_meta_words", "own_subject", "spelled_out",
           "title_of", "whole_words"]

# 三个 / 四点 / 第二个: a count or an ordinal of the items asked for, no subject.
_COUNT = re.compile(r"第?[一二三四五六七八九十两几]+(?:部分|方面|[个项条点种类大层块句件部篇位家])?|第?\d+(?:部分|方面|[个项条点种类大层块句件部篇位家])"
                    # 每块 / 各条 / 每一段: each of the things counted, no subject of its own
                    r"|[每各]一?(?:部分|方面|[个项条点种类层块句件部篇段])"
                    # 这份 / 那次 / 该篇: a pointer at the text asked about
                    r"|[这那该此本]一?[份篇次场]")

# Words of the question that carry no subject of their own: question words, discourse words.
GENERIC = frozenset("""
问题 就是 也就是 即 讲 讲了 讲完 说完 谈完 谈 谈了 说 说了 提 提到 提出 提出了 主要 内容 意见 分为 分成 划分 组成 构成 包括 包含 由
部分 方面 层次 板块 大块 块 点 层 条 项 个 结构 框架 提纲 大纲 要点 主要内容 几层 层意思 脉络 章节 段落 话题
讲话 发言 文章 报告 这篇 那篇 该篇 篇 一文 全文 本文 文中 正文 公报 社论 献辞 慰问信 贺信 报道 新闻报道 稿子 祝辞 访谈 专访 采访 落在 落脚 落脚点 怎么写 东西
例子 举例 例如 比如 具体 具体来说 详细 展开 展开说说 说说 继续 解释 说明 意思 含义 怎么 怎样 如何 什么
为什么 原因 理由 缘由 做 做到 办 避免 防止 别的 其他 其它 还有 另外 更多 再 呢 吗 讲讲 介绍 一下 呢
表现 情况 体现 道理 意义 作用 结论 启示 用意 寓意 目的 说法 提法 表述 一句话 名言 比方 比喻 要求 措施 办法 方法 看法 观点 态度 一类 一点 这个 那个 规定 指标 硬指标 硬性 刚性
理解 怎么理解 看待 解读 几位 哪位 多少位 的话 文本 先后 按先后 前后 从头到尾 从头 到尾 导语 新闻 几段 各段 下面 底下 里面 里头 之下 回答 答复 引起 引出 引入 话头 由头 事儿 号召 大家 干什么 干啥 做什么 拿 是从 打头 压轴
下一句 上一句 后一句 前一句 下句 上句 一句 句子 这句 那句 全名 姓名 名字 名称 日期 年份 数字 数目 地点 强调 时候 事 事情 一共 总共 共有 共 有 都 分别 大致 大概 大体 总体 整体 依次 先 后 然后 接着 再 可以 能 概括 归纳 总结 列 列出
哪儿 哪里 讲起 谈起 写起 入手 起笔 捋 捋一捋 一捋 理一理 梳理 搭 怎么搭 整个 把 那段 这段 那一段 这一段 标题 小标题 大标题 一级 大点 小点 思路 整体 说起 中间 落到 落笔 收笔 收尾 收住 顺序 层层 一层层 铺开 展开的 正题 转入 进入 切入 铺垫 开场白 写下来 写下 下来 下 帮 我 帮我 给 看看 最后 结尾 末尾 开头 开篇 首先 头一 那一块 这一块 那块 这块 一块 那部分 这部分 那一部分
排比 排比句 来讲 来谈 来写 来说 讲的 说的 谈的 之前 之后 前面 后面
每个 每一个 各个 每部分 每一部分 大意 主要意思 大概意思 讲什么 讲些什么
请问 谢谢 谢谢你 麻烦 麻烦你 你好 您好 哈喽 急用 赶紧 快点 帮忙 拜托
""".split())

# Words that ask about each of several speeches as a whole (五篇讲话各自的主题 / 第一篇和第三篇
# 有什么不同): with nothing else asked, each speech's outline answers.
WHOLE_SPEECH = frozenset({
    "主题", "主旨", "中心", "中心思想", "核心", "主线", "重点", "侧重", "侧重点", "不同", "区别", "差别", "差异",
    "异同", "相同", "共同", "共同点", "相同点", "不同点", "比较", "对比", "相比", "各自", "各", "每", "每篇", "各篇",
    "不一样", "一样", "两样", "不同之处", "有何不同",
    "几篇", "这几篇", "那几篇", "有何", "有啥",
})

# Words that only ask for a speech's speaker or date.
META_WORDS = frozenset("讲 讲的 说 发表 作 做 写 写的 作者 执笔 撰写 撰稿 时间 日期 哪天 哪一天 哪年 哪一年 时候 什么时候 何时 谁 是谁 人 讲话人 主讲人 "
                       "叫 叫什么 名字 全名 姓名 什么 "
                       "场合 会议 会上 上 在 哪位 领导 任 担任 职务 职位 身份 什么职务 单位 部门 机关 机构 哪个单位 "
                       "登 登在 刊登 刊发 载 刊 杂志 期刊 刊物 报纸 报刊 期 一期 出处 出自 "
                       "注明 标明 写明 落款 署名 署 写于 原来 原先 最初 当初 当时 原载 "
                       # (这篇评论是谁写的: the kind of text only names it again.)
                       "这篇 那篇 篇 讲话 文章 评论 社论 短评 报道 稿子 话 的话 讲的话".split())   # (谁讲的话)


def whole_words(words: Sequence[str]) -> list[str]:
    """Words that are not pieces of a longer word of the same analysis (jieba's search mode yields both)."""
    return [w for w in words if not any(w != o and w in o for o in words)]


def is_generic(word: str) -> bool:
    """A discourse word, or one jieba glued from discourse words (具体表现 = 具体 + 表现)."""
    if word in GENERIC or len(word) <= 1 or _COUNT.fullmatch(word):
        return True
    return any(word[:i] in GENERIC and is_generic(word[i:]) for i in range(2, len(word)))


def own_subject(words: Sequence[str], prev_words: set[str]) -> bool:
    """Whether the question names something of its own (a content word that is not discourse).

    Only whole words count: jieba's search mode also yields the pieces of a word (体表 from
    具体表现), which say nothing the whole word does not.
    """
    whole = whole_words(words)
    return any(not is_generic(w) and w not in prev_words for w in whole)


SPEECH_ITSELF = ("讲话", "致辞")


def joined_singles(words: Sequence[str]) -> list[str]:
    """Runs of one-character words joined (文 / 旅 → 文旅: a short name the tokenizer cut up)."""
    out: list[str] = []
    for w in words:
        if out and re.fullmatch("[\u4e00-\u9fff]", w) and re.fullmatch("[\u4e00-\u9fff]", out[-1]):
            out[-1] += w
        else:
            out.append(w)
    return out


# A meeting named at length (纪念青龙水库建成三十周年大会): the asker shortens it to its first
# word and the kind of meeting (纪念大会), which may stand this far apart in one clause.
_MEETING_KINDS = LazyPattern(r"(?:大会|会议|座谈会|招待会|茶话会|报告会|表彰会|研讨会|动员会)$")
_MEETING_NAME_MAX = 24


def meeting_shortened(word: str, text: str) -> bool:
    """Whether ``word`` (纪念大会) is a meeting ``text`` names with more words in between."""
    kind = _MEETING_KINDS.search(word)
    if kind is None or kind.start() < 2:
        return False
    head, tail = re.escape(word[:kind.start()]), re.escape(kind.group())
    return re.search(rf"{head}[\u4e00-\u9fff\d]{{1,{_MEETING_NAME_MAX}}}?{tail}", text) is not None


def title_of(body: str, speeches: Sequence[Speech], analyse: Callable[[str], ta.Analysed]) -> int | None:
    """The one speech whose title holds every word of the question that is not who/when/where."""
    event = asked_event(body)   # 乡镇企业会议是谁主持的: 主持 is asked, not part of the name
    own = [w for w in whole_words(joined_singles(analyse(body).words)) if w not in META_WORDS and not is_generic(w)
           and not re.search(r"哪|什么|谁|几|何", w) and w != event
           # (表彰大会 / 开学典礼 name the meeting; 大会 / 开 / 今天 alone say nothing of which)
           and not (len(w) <= 2 and re.search("天|年|月|开", w)) and w not in ("召开", "举行", "大会", "座谈会")]
    if not own:
        return None
    titles = {s.no: ta.normalise(s.title) for s in speeches}
    found = [no for no, title in titles.items() if all(w in title or meeting_shortened(w, title) for w in own)]
    if not found and any(len(w) == 2 and not any(w in t for t in titles.values()) for w in own):
        # 文旅大会 for 文化旅游发展大会: a word of two no title holds, said for the first characters
        # of two words of one title.
        found = [no for no, title in titles.items()
                 if all(w in title or len(w) == 2 and re.search(f"{re.escape(w[0])}[\u4e00-\u9fff]{re.escape(w[1])}[\u4e00-\u9fff]", title)
                        for w in own)]
    return found[0] if len(found) == 1 else None


def only_meta_words(body: str, analyse: Callable[[str], ta.Analysed], naming: str = "", event: str = "",
                    held: bool = False) -> bool:
    """Whether a who/when/where question names nothing but the speech (是谁讲的, 哪天讲的);
    ``naming``: the named speech's title and lines, whose words only name it again (李岚清那篇
    语言文字工作的书面讲话是哪天的)."""
    if re.search("提到|讲到|说到|谈到|提及|例子|事例|案例|故事|典型", body):
        return False   # 讲话提到的县叫什么 / 拿哪些人当例子: something the text mentions, not where it was given
    event = event or asked_event(body)
    # (``held``: 大会是什么时候开的 asks when the meeting was, which is the speech's date line.)
    if event and event not in META_WORDS and event not in SPEECH_ITSELF and not (held and event in HOLDING):
        return False   # 会议是谁主持的: who chaired is not the speech's speaker line, even when a deck line says it
    own = [w for w in analyse(body).words if w not in META_WORDS and not re.search(r"哪|什么|谁|几|何|天|年|月", w) and w not in ("开", "开的")
           and not (naming and (w in naming or meeting_shortened(w, naming)))]
    return not own_subject(own, set())


# Acronyms a question may use for what Chinese speeches always spell out (GDP is written
# 国内生产总值 / 地区生产总值 in them): looked for as those words.
_ACRONYMS = {"GDP": "生产总值", "CPI": "居民消费价格", "PPI": "工业生产者出厂价格", "PMI": "采购经理指数"}
_ACRONYM = re.compile(rf"(?<![A-Za-z])({'|'.join(_ACRONYMS)})(?![A-Za-z])", re.IGNORECASE)
# Short names of meetings people say for what a text spells out (在第几次人代会上: 人民代表大会).
_SHORT_NAMES = {"人代会": "人民代表大会", "职代会": "职工代表大会", "党代会": "党代表大会", "团代会": "团代表大会"}
_SHORT_NAME = re.compile("|".join(_SHORT_NAMES))
_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF21, 0xFF5B)}   # Ｇ → G (one character each)


def spelled_out(question: str, corpus_text: str | None = None) -> str:
    """The question with GDP / ＣＰＩ / 人代会 read as the words the speeches use for them (only where
    ``corpus_text`` holds those words: else the acronym stays, a term the speeches never use)."""
    folded = question.translate(_FULLWIDTH)
    out, at = [], 0
    for m in sorted([*_ACRONYM.finditer(folded), *_SHORT_NAME.finditer(folded)], key=lambda m: m.start()):
        words = _ACRONYMS[m.group(1).upper()] if m.re is _ACRONYM else _SHORT_NAMES[m.group(0)]
        if corpus_text is None or words in corpus_text:
            out += [question[at:m.start()], words]
            at = m.end()
    return "".join(out) + question[at:]


_CJK_CHAR = LazyPattern("[\u4e00-\u9fff]")


def names_cut(words: Sequence[str], body: str, speeches: Sequence[Speech], nos: Sequence[int],
               corpus_text: Callable[[], str] | None) -> list[str]:
    """吴海平讲了什么: a name jieba cuts into single characters, put back together (runs of
    single characters that stand together in the question and in the speeches' text)."""
    runs: list[str] = []
    run = ""
    for w in [*words, ""]:
        if len(w) == 1 and _CJK_CHAR.match(w) and body.find(run + w) >= 0:
            run += w
            continue
        if len(run) >= 2 and not is_generic(run):
            runs.append(run)
        run = w if len(w) == 1 and _CJK_CHAR.match(w) else ""
    return said_in(runs, speeches, nos, corpus_text) if runs else []


def said_in(words: Sequence[str], speeches: Sequence[Speech], nos: Sequence[int],
             corpus_text: Callable[[], str] | None = None) -> list[str]:
    """The words that stand in the named speeches (in any speech when none is named: the
    caller's corpus text, not the whole corpus normalised again for each question)."""
    pool = [s for s in speeches if s.no in nos]
    if pool or corpus_text is None:
        text = "".join(ta.normalise(u.text) for s in pool or speeches for u in s.units)
    else:
        text = corpus_text()
    return [w for w in words if w in text]


def trimmed_runs(run: str) -> list[str]:
    """A run of words joined by 、 (说的稳、准、实分别是), with its outer words cut every way
    (稳、准、实 among them): the question's grammar does not say where the first and last begin."""
    parts = run.split("、")
    first, middle, last = parts[0], parts[1:-1], parts[-1]
    return ["、".join([first[-i:], *middle, last[:j]]) for i in range(1, len(first) + 1) for j in range(1, len(last) + 1)]


_NAME_START = LazyPattern(f"[{SURNAMES}]")
_NAME_SEEN = 5   # occurrences of a name in the corpus looked at for an office beside it


def names_apart(question: str, corpus_key: str, is_person: Callable[[str], bool]) -> str:
    """The question with a space after each person's name the speeches give an office (区委副书记
    孟凡: ``is_person``), where the tokenizer would run the name into the next word (孟凡是谁 → 孟 /
    凡是 / 谁: a word no speech says)."""
    out, done = [], 0
    for m in _NAME_START.finditer(question):
        if m.start() < done:
            continue
        for length in (3, 2):
            name = question[m.start():m.start() + length]
            after = question[m.start() + length:m.start() + length + 1]
            if len(name) == length and re.fullmatch("[\u4e00-\u9fff]+", name + after) and is_person(name) \
                    and (name + after) not in corpus_key:
                out += [question[done:m.start() + length], " "]
                done = m.start() + length
                break
    return "".join(out) + question[done:]


def named_person(name: str, corpus_key: str) -> bool:
    """Whether the speeches give ``name`` an office (市自然资源和规划局副局长温婉 / 孟凡主持…):
    a person's name, whether or not the tokenizer keeps it whole."""
    at, seen = corpus_key.find(name), 0
    while at >= 0 and seen < _NAME_SEEN:
        if holds_office(name, corpus_key[max(0, at - 8):at + len(name) + 4]):
            return True
        at, seen = corpus_key.find(name, at + 1), seen + 1
    return False

