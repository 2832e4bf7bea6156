"""The word classes of the planner's grammar: how a question counts (哪几个 / 几点), names the
parts of a speech (部分 / 方面 / 框架), an ordinal (第二点 / 最后一条 / 开头), a list (哪些要求 /
分别), what it asks the content of (“X”具体指什么), and a section (在加强领导方面).

``planner.plan_question`` reads a question with them; they are patterns, compiled on first use.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from . import text_analysis as ta
from .asked_kinds import CLOCK_AFTER, CLOCK_BEFORE
from .lazy_pattern import LazyPattern
from .question_words import is_generic as _is_generic
from .question_words import whole_words as _whole_words
from .text_helpers import chinese_numeral

_NUM = r"[一二三四五六七八九十两\d]"


# ---- word classes -----------------------------------------------------------------------
CLASSIFIER = r"(?:个|项|条|点|种|类|大|层|块|句|件|篇|问|招|步)"
# "How many / which": 哪几个, 哪四项, 几条, 多少个, 哪些.
QUANT = LazyPattern(rf"(?:哪|几|多少)(?:{_NUM}+)?{CLASSIFIER}?|哪些")
# 这两点 / 哪四个 give a size; 这一点 / 那一块 only point at one thing.
_MANY = r"(?<![这那第一\d])(?:两|[二三四五六七八九十]{1,2}|[2-9])"
_WHAT_ARE = r"(?:分别|是什么|是啥|是哪些|有哪些|指什么|指的是什么|指哪些|包括哪些)"
# (每一点分别是什么: each of them, no size.)
_QUANT_SIZE = LazyPattern(rf"(?:哪|这|那)((?!一){_NUM}+){CLASSIFIER}|(?<![每各第下进])({_NUM}+){CLASSIFIER}[^,。?!?!]{{0,12}}分别"
                          rf"|({_MANY}){CLASSIFIER}[^,，。?？!！]{{1,6}}{_WHAT_ARE}")
# The parts of a speech, and the verbs that divide it into them.
_PART = (r"(?:部分|方面|板块|大块|块|层次|层意思|章节|段落|几段|各段|结构|框架|提纲|大纲|脉络|思路|要点|主要内容|几层|问题|(?<!讲)话题|"
         r"(?:小|大|一级)?标题|大点)")
# 先讲什么后讲什么: the order of the parts is the outline too.
# (讲话是怎么安排的 / 如何布局: how it is laid out; 节日工作是怎么安排的 names a thing of its own.)
# (先讲了什么，接着讲什么: the clauses of one question, commas between them.)
_SEQUENCE = (r"先(?:讲|谈|说|写)[^。?!？！]{0,10}?(?:后|再|然后|接着)(?:又)?(?:讲|谈|说|写)|(?:什么|哪些)顺序"
             r"|(?:怎么|如何|怎样)(?:安排|布局|谋篇|铺排|组织)(?:的|起来的)?"
             # 一层层写下来的 / 一块块说的 / 层层展开: part after part, as the text runs.
             r"|一?(?:层层|块块|段段)地?(?:展开|推进|递进|深入|写|说|讲|谈|铺|往下|下来)")
# How the text runs from start to end, rather than what its parts are.
# 指出的问题 / 存在哪些问题: problems found, which a passage tells, not a speech's parts (讲了几个问题).
PROBLEMS_FOUND = LazyPattern(r"(?:存在|指出|查摆|点出|批评|剖析|暴露|找出|发现)(?:的|了|出|着)?[^,，。?？]{0,4}问题")
IN_ORDER = LazyPattern(rf"{_SEQUENCE}|脉络|思路|顺序|层次|怎么走|层层|先后|从头到尾|从头捋")
STRUCTURE = LazyPattern(rf"{_PART}|{_SEQUENCE}|分为|分成|划分|组成|构成|包括|包含|由")
PART_ONLY = LazyPattern(rf"{_PART}|{_SEQUENCE}")
WHAT_SAID = LazyPattern(r"(?:讲|说|谈|写)(?:了|的)?(?:些)?(?:什么|啥)|大意|要点")
# 第二篇讲话的主题是什么 / 毕业致辞的中心思想: the speech as a whole, asked by what it is about.
THEME_ASKED = LazyPattern(r"(?:主题|主旨|中心思想|核心思想|主要意思|中心意思)(?:是什么|是啥|是哪些|有哪些|是|为何|呢|[?？]|$)")
# Nouns whose plural is a list of items: 哪些要求 asks for the list.
_ITEM = (r"(?:要求|措施|举措|办法|方法|任务|原则|目标|活动|做法|问题|意见|建议|途径|手段|表现|环节|重点|"
         r"特点|标准|方面|步骤|内容|工作|氛围|心态|意识|能力|制度|机制|"
         # what a speaker offers in points (几点看法 / 几点体会 / 哪几条经验)
         r"看法|观点|想法|体会|希望|期望|期待|思考|认识|启示|经验|教训|感受|主张|设想|考虑|心里话|寄语|嘱托|嘱咐|忠告|叮嘱|赠言|"
         # what an analysis lists (几条原因 / 哪几个因素)
         r"原因|因素|条件|优势|危害|变化|"
         # what a text says something does or brings, and where (几种作用 / 哪些好处 / 几个阶段)
         r"作用|功能|意义|好处|理由|成绩|成效|成就|特征|阶段|领域|渠道|形式|层面|职能|类型|对策)")
# 哪个 / 哪条 / 哪一年 ask for one thing; 哪几个 / 哪四条 / 几项 / 多少条 for several.
# 几个 / 多少条 ask for a list when what is counted is items or parts (几点要求, 几个方面) or
# nothing is named (分为几个?); before any other noun they ask for a count (表彰了多少个先进集体).
_COUNTED_ITEMS = rf"(?={_ITEM}|{_PART}|[^\u4e00-\u9fff]|$|呢|吗|的|内容|东西|事|意思|来(?!自))"
# 这几件事之间是什么关系: 这几 / 那几 point back at things; they do not ask how many.
# 哪几天 / 哪几年 ask when; 分别是谁 / 分别是多少 ask for persons or figures, not a speech's items.
# 批示过多少件? asks how many; 讲了几点? asks for the points (多少 only before an item: 多少条要求).
# 延长到几点 / 几点钟: 几点 asks the time of day, not how many points.
_CLOCK = rf"(?<![{CLOCK_BEFORE}])(?!几点(?:{CLOCK_AFTER}))"
LIST = LazyPattern(rf"哪(?:几|(?!一){_NUM}+)(?!天|年|月|日|号){CLASSIFIER}?|(?<![这那]){_CLOCK}几{_NUM}*{CLASSIFIER}{_COUNTED_ITEMS}"
                   rf"|(?<![这那])多少{_NUM}*{CLASSIFIER}(?={_ITEM}|{_PART})"
                   rf"|哪些{_ITEM}|哪些(?:[^,，。?？!！的哪]{{1,8}}的|[\u4e00-\u9fff]{{2}}(?=措施|举措|任务|要求|办法))?(?:具体|主要|重点)?(?:措施|举措|任务|要求|办法)|{_ITEM}有哪些|分别(?!是谁|是哪|是多少|有多少|在哪|是什么时候)|列举|一一|逐条"
                   # 每一项各治什么 / 挨个列一下 / 一条条列出来 / 用一是二是三是列了啥
                   rf"|每一(?:项|条|点|个)|挨个|逐个|逐一|一条条|一项项|列(?:了|出)(?:些)?(?:什么|啥)"
                   # 强调的两个概念是什么: things counted, then asked for.
                   rf"|{_MANY}{CLASSIFIER}[^,，。?？!！]{{1,6}}{_WHAT_ARE}")
# 一共讲了几点意见 / 提了几点希望: how many, asked alone (nothing asks what they are).
COUNT_ONLY = LazyPattern(rf"(?<![哪这那])(?:几|多少){CLASSIFIER}({_ITEM})(?!.*(?:哪|什么|啥|分别|内容|概括|都是|说说|说一下|列|拎|讲的|说的))")
COUNTED_NOUN = LazyPattern(rf"(?:几|哪几|多少|哪(?!一){_NUM}+){_NUM}*{CLASSIFIER}({_ITEM})")
# 多少个先进集体 / 几个县: a count of things that are not a speech's items.
# 几项工作要着力推进 / 几个要注意的问题: what is counted (past a modifier ending in 的) is items.
COUNTS_ITEMS = LazyPattern(rf"(?:几|多少){_NUM}*{CLASSIFIER}(?:[^,，。?？!！的]{{1,8}}的)?(?:具体|主要|重点|重要|基本)?{_ITEM}")
# 几件事都有啥 / 哪几样东西分别是什么: things counted, then asked for by what they are.
THINGS_ASKED = LazyPattern(rf"几{CLASSIFIER}[\u4e00-\u9fff]{{1,4}}?(?:都|又|各|分别)?(?:有啥|有哪些|有什么|是啥|是什么|是哪些|包括什么|包括哪些)")
# 哪几个方面的问题 / 存在哪几方面问题 / 有哪些要求: the kind of thing listed is the last item word
# after the question word (问题), of which 方面 is only the unit it is counted in.
_KIND_AFTER = LazyPattern(r"(?:哪|几)[^,，。?？!！]{0,10}")
_ITEM_WORD = LazyPattern(_ITEM)


def asked_kind(question: str) -> str:
    """问题, of 作风建设有哪几个方面的问题: the kind of thing a list question asks for, or ""."""
    m = _KIND_AFTER.search(question)
    kinds = _ITEM_WORD.findall(m.group(0)) if m else []
    return kinds[-1] if kinds else ""


COUNT = LazyPattern(rf"(?<![哪这那])(?:几|多少)个(?!{_ITEM}|{_PART})(?=[\u4e00-\u9fff])(?!呢|吗|的|内容|东西|事|意思)")
WEAK_LIST = LazyPattern(r"哪些|包括什么|有什么")
# The N-th item: 第二点 / 第2条 / 第一大点; the last (最后一点 / 最后讲的) → -1; the first (开头部分) → 1.
_ORDINAL_NOUN = r"(?:小点|小项|小条|自然段|段落|点|条|项|个|位|字|部分|方面|层|块|件|类|种|句|段|标题)"
# 开头说了什么 / 结尾是怎么写的: a position in the speech, without a noun saying what is counted.
_SAID = r"(?=讲|谈|说|写|提|是|落|强调|归结|发言)"
# 第二点下面具体说了哪些 / 第三部分里面讲了什么: what stands under an ordinal's heading.
UNDER_IT = LazyPattern(r"(?:下面|底下|里面|里头|之下|当中)(?:都|又|还)?(?:具体)?(?:说|讲|谈|写|包括|有)了?(?:哪些|些什么|些啥|什么|啥)")
# (排第二的那条: the ordinal and its noun may stand apart.)
# (排第三的是哪条 / 排在第二位的是哪一点: the noun after the question word. 第（五）条: as numbered.)
_NOT_TIME_HOU = r"(?<![以之此今然往日年])"
_NOT_TIME_QIAN = r"(?<![以之此提目事眼当从先空面跟生年])"
ORDINAL = LazyPattern(rf"(?P<back>倒数)?第\s*[（(]?\s*({_NUM}{{1,2}})\s*[）)]?\s*(?:个|大|级)?\s*(?:的\s*[那这]\s*一?\s*|[位名]?的?[是为]哪\s*一?\s*)?{_ORDINAL_NOUN}"
                      # 最后落在哪一条上 / 最后提的是哪一点: the last, its noun after the verb.
                      rf"|(?:最后|末尾)\s*[落讲谈说提写归][\u4e00-\u9fff]{{0,3}}?哪\s*一?\s*(?:条|点|项|个方面)"
                      # 最后提的那条要求 / 最后讲的那一点: the last, said before its noun.
                      rf"|(?:最后|末尾)\s*[讲谈说提写](?:的|了)?\s*(?:那|这)\s*(?:一\s*)?(?:条|点|项|个方面)"
                      # 排在最后的是哪条 / 排最后那一项: the last, as a list ranks it.
                      rf"|排(?:在)?最(?:后|末)(?:面|边)?\s*(?:的)?\s*(?:那|这)?\s*(?:一\s*)?(?:是哪\s*一?\s*)?(?:条|点|项|个|方面)"
                      rf"|(?:最后|末尾|结尾)\s*(?:的)?\s*(?:那|这)?\s*(?:一\s*)?(?:{_ORDINAL_NOUN}|(?P<last_said>{_SAID}))"
                      rf"|(?P<last_bare>结尾|末尾|结束语|收尾|收的尾|压轴|殿后)"
                      # 分两头,排在后面的那一个 / 后者 / 前一条: of two, the latter or the former.
                      # (以前一个工程 / 今后一个时期: 前 and 后 ending a word of time are no ordinal.)
                      rf"|(?:排在)?后(?:面|边)的\s*[那这]\s*一?\s*(?:个|条|点|项|种|方面)|{_NOT_TIME_HOU}后一(?:个|条|点|项|种)|后者"
                      rf"|(?P<former>(?:排在)?前(?:面|边)的\s*[那这]\s*一?\s*(?:个|条|点|项|种|方面)|{_NOT_TIME_QIAN}前一(?:个|条|点|项|种)|前者)"
                      rf"|(?P<first>开头|开篇|头一|首先|一开始|一上来|开场|起首|打头)\s*(?:的)?\s*(?:那|这)?\s*(?:一\s*)?(?:先|就)?(?:{_ORDINAL_NOUN}|(?P<first_said>{_SAID}))"
                      rf"|(?P<first_bare>开头|开篇|开场白|一开始|一上来|开场|打头|从哪(?:儿|里)?(?:说起|讲起|谈起|写起|切入|入手|起笔))")
# 稳、准、实分别是什么意思: words joined by 、 that the speech says so name a list inside it.
JOINED_TERMS = LazyPattern(r"[\u4e00-\u9fff]{1,4}(?:、[\u4e00-\u9fff]{1,4}){1,7}")
# 结尾除了给会议定性,还说了什么: what 除了 sets aside is no subject the question asks about.
BESIDES = LazyPattern(r"除了([^,，。;；?？]{1,20}?)(?:以外|之外)?[,，]?(?=还|又|另外|也)")
# 结尾 / 收尾 / 开场 name the edge of the text itself; 最后讲了 / 首先讲了 may name its last or first part.
EDGE = LazyPattern(r"结尾|末尾|结束|收尾|收的尾|落脚|开头|开篇|开场|一开始|一上来|起首|打头|从哪")
# …那篇学习十五大报告体会的长文: words after a speech's reference that go on describing it.
SPEECH_DESCRIBED = LazyPattern(r"[^,，。;；?？!！]{0,20}(?:长文|文章|讲话|发言|贺词|祝辞|献辞|社论|评论|笔谈|体会)")
# 第三部分和第四部分 / 打头的是谁,压轴的又是谁: what joins two ordinals asked side by side.
_JOINED = LazyPattern(r"和|与|及|跟|、|,|，|\?|？|;|；|还有|以及")


def ordinal_value(m: re.Match[str]) -> int:
    """第三 → 3, 倒数第二 → -2, 开头/头一 → 1, 最后/结尾/压轴 → -1."""
    if m.group(2):
        return (chinese_numeral(m.group(2)) or 0) * (-1 if m.group("back") else 1)
    return 1 if m.group("first") or m.group("first_bare") or m.group("former") else -1


# 倒数两段 / 最后三句 / 前两部分 / 开头两点: several positions at one edge, each asked.
EDGE_SPAN = LazyPattern(r"(?:(?P<back>最后|倒数|末尾|结尾)|开头|开篇|前|头)\s*(?P<n>[两二三四2-4])\s*(?:个)?(?P<noun>段|句|点|条|部分|层)")


def span_ordinals(m: re.Match[str]) -> tuple[int, ...]:
    """倒数两段 → (-2, -1); 前三点 → (1, 2, 3)."""
    n = chinese_numeral(m.group("n")) if not m.group("n").isdigit() else int(m.group("n"))
    return tuple(range(-n, 0)) if m.group("back") else tuple(range(1, n + 1))


def sibling_ordinals(text: str, found: list[re.Match[str]], mo: re.Match[str]) -> list[re.Match[str]]:
    """The ordinals asked beside ``mo``: of the same kind (both count parts, both count items, or
    both are positions), joined by 和/、/a clause break."""
    def kind(m: re.Match[str]) -> tuple[bool, bool]:
        bare = m.group(2) is None and (m.group("last_bare") or m.group("first_bare") or m.group("last_said")
                                       or m.group("first_said")) is not None
        return bool(PART_NOUN.search(m.group(0))), bare
    out = [mo]
    for m in found:
        if m is mo or kind(m) != kind(mo):
            continue
        lo, hi = sorted((m, out[-1]), key=lambda x: x.start())
        if _JOINED.search(text[lo.end():hi.start()]) or lo.end() == hi.start():
            out.append(m)
    return out[1:]


PART_NOUN = LazyPattern(r"部分|方面|块|层|大点|标题")
# (讲完成绩之后笔锋一转说了啥: a turn of the text between.)
# (失了信用,以后说啥做啥: 以后 opening a clause says "from then on", not "after that passage".)
# (解释完“何谓精品”之后,下一段是用什么比方开头的: the next passage named, whatever is asked of it.
# 讲完教训之后,接着转向讨论什么问题: a turn, and the verbs of an argument.)
AFTER = LazyPattern(r"(?:下一段|下段|后一段|下一层|下一部分|下一块|紧接着|接下来|接着|随后|之后|(?<![,，。;；])以后|后面|然后)[,，\s]?"
                    r"(?:(?:笔锋一转|话锋一转|转而|转向|转到|转入)[,，]?(?:又|还|再)?(?:讲|说|写|谈|提|报道|交代|介绍|讨论|论述|分析|阐述|说明)?"
                    # (讲完四点意见以后，又特别强调了哪项工作: an adverb of weight before the verb.)
                    r"|(?:又|还|再)?(?:特别|专门|着重|重点)?(?:讲|说|写|谈|提|报道|交代|介绍|讨论|论述|分析|阐述|强调|指出))"
                    # (讲完三点希望之后校长又讲了什么: who goes on, between 之后 and 又.)
                    r"|(?:之后|以后|然后)[\u4e00-\u9fff]{1,4}?(?:又|还|再)(?:讲|说|写|谈|提|交代|介绍|强调)"
                    r"|(?:之后|以后|后面)(?:一部分|一段|的部分)?(?:是什么|是啥|是哪)"
                    r"|(?:之后|以后)[,，]?(?:紧接着的|接下来的)?(?:下一段|下段|后一段)")
# 讲完那几条原因以后 / 说完这四条之后接着谈了什么: the items as a whole are what came before.
# (讲完三点希望之后: the items counted, without 那 / 这.)
# (讲完几点希望之后: 几 counts them too.)
# (讲完春耕的四项工作之后 / 讲完存在的三个问题之后: what the items are of may stand before their count.)
ITEMS_DONE = LazyPattern(r"(?:讲|说|谈|列|提)完?了?(?:[^,，。?？]{1,6}?的)?(?:(?:那|这)(?:几|些)|(?:那|这)?[几两三四五六七八九十](?=[点条项个句]))[^,，。?？]{0,8}?(?:以后|之后|后面|接着|然后)")
# 在正式讲几点意见之前,前面铺垫了什么 / 进入正题之前说了啥: a speech's words before its parts.
# (讲第三点之前 is the point before the third; 讲话之前 is before the speech.)
# (说办公室的人以前周末都不歇: 以前 says "formerly"; what is said before is the speech's parts.)
# (在写郑凯讲话之前: before a report tells the speaker's speech.)
BEFORE_PARTS = LazyPattern(r"(?:讲|谈|说|写|报|进入|展开|部署|布置|提|开讲)(?!话)(?![^，,。?？]{0,12}?第(?!一)[二三四五六七八九十\d])"
                           r"[^，,。?？]{0,10}?(?:意见|问题|方面|部分|要点|点|条|工作|任务|要求|希望|建议|讲话|正题|主题|正文)(?:之前|以前)"
                           # 亮出两点意见之前: parts counted say it whatever the verb.
                           r"|(?<![第\d一二三四五六七八九十])[两二三四五六七八九十几\d](?:点|条|个问题|个方面|个部分|部分)[^，,。?？]{0,4}?(?:之前|以前)"
                           r"|铺垫|正题(?:之)?前")
# 王兆国讲完以后 / 他说完之后: after the speaker's whole speech (not 讲完那几个要点之后).
# (郑凯讲话的内容报完以后: a report tells the speech; when it has told it all. 报道在领导讲话之后:
# after the speeches it reports.)
ENDED_SPEAKING = LazyPattern(r"(?:讲完|说完|讲话完|发言完|讲话结束|发言结束|报完|写完|报道完|介绍完)了?(?:以后|之后|后)"
                             r"|(?:讲话|发言)(?:之后|以后)")
# 会开完之后 / 会议结束以后 / 散会后: what the report tells after the meeting (会后，与会人员…).
MEETING_ENDED = LazyPattern(r"(?:会|会议|大会)(?:开完|结束)了?(?:以后|之后|后)|散会(?:以后|之后|后)|(?:^|[，,在])会后")
# 除了领导讲话，还干了哪些事 / 会上还进行了哪些活动: what a meeting did besides its speeches.
MEETING_BESIDES = LazyPattern(r"除了?[^,，。?？]{0,12}(?:讲话|发言|作报告)[^,，。?？]{0,4}?[,，]?(?:还|另外|又)"
                              r"|(?:会上|会议上|会议期间|会议|大会)还(?:干|做|进行|开展|安排|搞|有)了?(?:哪些|什么|啥|别的|其他)")
# 还有呢 / 下一点 / 接下来呢, after an item of a list: the next item.
NEXT_ITEM = LazyPattern(r"^(?:那|那么)?\s*(?:还有呢|下一(?:点|条|项|个|部分|方面)(?:呢|是什么)?|接下来呢|然后呢|再往下呢|继续)[??。.]*$")
MULTI_SPEECH = LazyPattern(r"(?<!第)(各|几|这几|每|多|五|两|三|四)(?:篇|个文本|份)|各(个)?讲话|(?:这些|所有|全部|几个|这几个)讲话|不同(的)?讲话|哪些讲话|哪几篇|都(是)?怎么|都提到")
# 哪几篇提到了… / 在这几篇里出现过几回: where something is said, across the speeches.
MENTIONED_WHERE = LazyPattern(r"(?:哪几篇|哪些讲话|哪篇|几篇)[^,，。?？]{0,6}?(?:提到|提及|出现|讲到|说到|谈到|点到)"
                              r"|(?:出现|提到|提及)过?(?:几|多少)(?:回|次)")
FOLLOWUP_LEAN = LazyPattern(r"^(那|那么|还有|另外|再|它|它们|这个|这些|这|其|他们|上面|刚才|前面|后面|此)"
                            r"|(呢|别的|其他的?|其它的?|还有吗|还有没有|例子吗?)[??。.]*$"
                            # 为什么推荐它们: a pronoun anywhere points back.
                            r"|它们|(?<![其])它(?![们])|他们|她们")
ALL_SPEECHES = LazyPattern(r"^(?:这|那)(?:几|些|[一二三四五六七八九十两\d]+)(?:篇|个讲话|份)")
# (他还说了什么 / 还讲了些啥: what else was said, not what was just quoted.)
MORE = LazyPattern(r"别的|其他|其它|还有|另外|再举|更多|还(?:说|讲|谈|提|写|讲到|提到|谈到)了?(?:些|哪些|什么|啥)")
ABOUT_SPEECH = LazyPattern(r"讲话|这篇|该篇|那篇|发言|致辞|演讲|报告")

# 第二篇 / 第12篇 / 第一百零五篇: a speech by its number.
SPEECH_NUMBER = r"[一二三四五六七八九十百千零〇两\d]{1,6}"
NUMBERED = LazyPattern(rf"第\s*{SPEECH_NUMBER}\s*篇")

# “X”具体指什么 / X具体包括哪些内容 / X是哪六种: the question asks for X's content.
QUOTED = LazyPattern(r"[“\"「『《]([^”\"」』》]{2,20})[”\"」』》]")
# 违反规定的处分标准是什么 / 增长目标是多少: the thing asked for is named just before.
ASKS_WHAT = LazyPattern(rf"是什么|是哪些|有哪些|是多少|是怎样的|指什么|是谁|是哪(?:几|{_NUM})|是哪里|是哪儿|叫什么(?:名字)?")
# 具体有哪几条 / 具体举了哪几部 / 具体是怎么(个)巡查法 / 都有哪些 / 分别是什么 ask for the same: what X consists of.
_ASKS_CONTENT = LazyPattern(rf"(具体)?(?:是指|指的是|指什么|指哪(?:些|几|{_NUM}+)|包括|包含|有哪些内容|是什么意思|什么意思|是啥意思|啥意思|含义|内容是|是哪(?:{_NUM}+|几|些)(?!篇))"
                           # (具体要攻克哪几项: what it is to do, item by item.)
                           rf"|(?:具体都?|都)(?:有|是|[\u4e00-\u9fff]{{1,2}}(?:了|的是)|要[\u4e00-\u9fff]{{1,2}})?哪(?:几|{_NUM}+|些)|具体(?:是)?(?:怎么|如何|怎样)"
                           rf"|分别是(?:什么|哪)"
                           # 容错纠错实施办法,一共有几条: the articles of a document it names
                           rf"|(?P<articles>(?:一共|总共|共)?有(?:哪)?(?:几|{_NUM}+)(?:条|款|章))")
# What has articles (条/款): a document, a rule, a pledge.
_DOCUMENT = LazyPattern(r"(?:办法|规定|条例|意见|制度|细则|守则|公约|准则|方案|清单|纪律|规矩|禁令|承诺|决定|通知)$")
# …都表演了哪些节目: the thing is named after the question word.
# (哪几家单位办的: 家 counts too, and 办的 says what the 单位 did.)
_WHEN_ONLY = LazyPattern(r"(?:[\d０-９一二三四五六七八九十]+(?:年代|年|月|世纪)(?:初|中期|末|以来|前后|底)?|当时|那时|近年来?|这些年|当年)")
_ASKED_AFTER = LazyPattern(rf"(?:些|几|{_NUM}+)?(?:{CLASSIFIER}|家|位|名|本|部|所|座|份)?([\u4e00-\u9fff]{{2,6}}?)"
                           rf"(?:[\u4e00-\u9fff]{{1,2}}的)?(?=[,,。??!!]|$|呢|吗)")




_THESE_OF_QUOTED = LazyPattern(rf"“([^“”]{{2,12}})”[^,，。?？]{{0,6}}[,，]\s*(?:这|那)(?:{_NUM}+)?(?:条|个|项|点|种|些)")
_COUNTED_QUOTE = LazyPattern(rf"(?:哪|几)(?:几|{_NUM}+)?{CLASSIFIER}?\s*[“\"「]([^”\"」]{{1,12}})[”\"」]")


# 会议具体提了哪几条 / 报告具体讲了哪些: who says, before a verb of saying, is not the thing asked.
_SAYER = LazyPattern(r"(?:会议|全会|大会|讲话|报告|文章|发言|报道|公报|社论)$")
_SAID_VERB = LazyPattern(r"提|讲|说|谈|列|举|要求|强调|部署")


def asked_term(body: str, analyse: Callable[[str], ta.Analysed], asks: LazyPattern = _ASKS_CONTENT) -> str:
    """The named thing whose content the question asks for ("" when it asks nothing of the kind).

    The term is quoted, or it is the phrase just before (…提到办公室年度10项职能工作目标,具体是哪
    10项 → 10项职能工作目标: the last words of the clause, up to 12 characters).
    """
    counted = _COUNTED_QUOTE.search(body) if asks is _ASKS_CONTENT else None
    if counted:   # 讲话是按哪几个“继续”展开的: the quoted word counted is the thing
        return counted.group(1)
    these = _THESE_OF_QUOTED.search(body) if asks is _ASKS_CONTENT else None
    if these and re.search(r"什么|啥|哪些", body[these.end():]):
        return these.group(1)   # 出台了“五个不准”,这五条具体都不准干什么: what the quoted list holds
    m = asks.search(body)
    if not m:
        return ""
    after = _ASKED_AFTER.match(body, m.end()) if asks is _ASKS_CONTENT and "哪" in m.group(0)[-3:] else None
    # …几个单位的工作现场,分别是哪些单位: a noun named before says more than itself again.
    if after and not _is_generic(after.group(1)) and not re.search("哪|什么|几|多少|谁", after.group(1)) \
            and after.group(1) not in body[: m.start()]:
        return after.group(1)
    quoted = QUOTED.findall(body[: m.start()])
    # “三严三实”具体指什么: the quote is the thing; 《虎踞钟山》的编剧是谁 asks about its 编剧.
    if quoted and (asks is _ASKS_CONTENT or re.search(r"[”\"」』》]\s*(?:这个|这|的|里的|中的)?$", body[: m.start()])):
        return quoted[-1]
    pieces = [p for p in re.split(r"[,,。?!?!;;::\s]|里的|中的|的|提到|提出|说的|讲的|谈到", body[: m.start()]) if p]
    # 八项主张的第一项内容是什么: the content of one item of 八项主张 is asked.
    while len(pieces) > 1 and re.fullmatch(rf"(?:排在?|列)?第\s*{_NUM}+\s*(?:{CLASSIFIER}|位|名)?", pieces[-1]):
        pieces.pop()
    term = pieces[-1] if pieces else ""
    if re.fullmatch(rf"[每各](?:一)?{CLASSIFIER}?", term):
        return ""   # 每一点分别是什么: each item of the list asked for, not a thing named
    if re.fullmatch(r"[那这](?:一)?(?:个)?(?:词|词语|字|说法|提法|概念|东西|话)", term):
        return ""   # 排第三的那个词指的是什么: the item just counted, not a thing named
    if len(term) > 12:
        words = [w for w in analyse(term).words if w in term]
        tail = ""
        for w in reversed(_whole_words(words)):
            if len(w) + len(tail) > 12 or not term.endswith(w + tail):
                break
            tail = w + tail
        term = tail
    if _WHEN_ONLY.fullmatch(term):
        return ""   # (60年代是哪些力量冲破了…: a time says when; it holds no content of its own)
    if _SAYER.search(term) and _SAID_VERB.search(m.group(0)):
        return ""   # (…引导和扶持,会议具体提了哪4条: 会议 says them; the list asked is what it said)
    if m.re.groupindex.get("articles") and m.group("articles") and not _DOCUMENT.search(term):
        return ""   # (第二篇讲话有几条要求 counts the speech's items; it names no document)
    return term if 2 <= len(term) <= 12 else ""


# 在加强领导方面提出了几条要求 / 比学赶超那一部分讲了什么: a part named by its words (four
# characters at least: 在作风方面 names a topic, not a section).
SECTION_REF = LazyPattern(r"(?:^|在|关于|对于|对|[,，])([\u4e00-\u9fff“”、]{4,20}?)(?:的)?(?:方面|那一部分|这一部分|那部分|这部分|部分|那一块|这一块|那块|这块)")
# 讲做人那部分 / 讲民生的那块: a part named by what it speaks of (two characters are enough
# before 那部分: 方面 alone would name a topic).
# (讲今年主要任务的时候,下面分了几项: the part named by what the speaker was speaking of then.)
SECTION_TOPIC = LazyPattern(r"(?:讲|谈|说)(?:到|的是)?((?:(?![讲谈说里中])[\u4e00-\u9fff“”、]){2,12}?)(?:的)?"
                            r"(?:(?:那|这)一?(?:部分|块)|(?:时候|时)(?=[,，]|下面|里))")
# “对群众要有体恤情怀”那一点 / 第二篇“要做好最后1%”那条: a quoted item or part, named by its words.
# 第三篇治懒治庸那一条里: an item named by its words, unquoted, after the speech (or a break).
ITEM_NAMED = LazyPattern(r"(?:篇|里|中|^|\s|[,，])((?:(?!篇)[\u4e00-\u9fff]){2,10}?)(?:的)?(?:那|这)一?(?:条|项|点)(?=里|中|[,，]|说|讲|提|有)")
QUOTED_SECTION = LazyPattern(r"“([^“”]{2,30})”(?:的)?(?:那|这)一?(?:点|条|项|部分|块|方面|小节|节|层)")


def stated_size(text: str) -> int | None:
    m = _QUANT_SIZE.search(text)
    if not m:
        return None
    return chinese_numeral(m.group(1) or m.group(2) or m.group(3))


# 哪个系的系主任 / 哪家医院 / 哪所学校: one thing of a kind asked for, named after the question word.
# (哪个地方 / 哪个城市 / 哪个单位 name only the kind of answer, which a place or a name fits.)
WHICH_ONE = LazyPattern(r"(?:哪个|哪一个|哪家|哪所|哪座|哪间|哪位)(?!地方|城市|省|市|县|国家|地区|单位|部门|机构|时候|年|月|天|方面|部分|领导|同志|人)"
                        r"((?:[\u4e00-\u9fff]{1,3}的)?[\u4e00-\u9fff]{2,3})(?=[，,。?？!！或和]|$)")
# 是谁写的 / 作者是谁 / 谁的文章: who wrote the text that says something.
WROTE_IT = LazyPattern(r"谁写的|是谁写|作者是谁|谁的文章")
# 谁作的讲话 / 谁致的辞: the event is the speech itself, which its speaker line answers.
OCCASION = LazyPattern(r"会议|大会|会上|座谈会|茶话会|团拜会|召开|举行|开的|讲话|发言|致辞")

# 为什么 / 寓意 / 想提醒干部啥 / 想让大家咋做: the lesson or reason a passage states is asked.
ASKS_WHY = LazyPattern(r"为什么|为何|道理|寓意|什么意思|啥意思|意思是|说明(?:了)?(?:什么|啥)|想说|用意|启示|告诉(?:我们|人)"
                        r"|(?:想|要|用来|为了|是要)(?:告诉|提醒|警示|警醒|劝|启发)"
                        # 讲这个故事最后想让大家咋做: what the story asks of its hearers
                        r"|(?:想|要|是)让(?:大家|我们|干部|人们|大伙)?[^,，。?？]{0,4}(?:咋|怎么|怎样|如何)(?:做|办|干)")
