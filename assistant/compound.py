"""Questions of several clauses, each asking something of its own.

沈达人那段分了几条?第二条说的啥 asks for a list and then for one of its items; 谁主持的?报道最后
交代了什么? asks two unrelated things. Such a question is answered clause by clause, each later
clause read as a follow-up of the ones before it (so 第二条 counts in the list just given, and
a clause that names no speech stays with the one the first clause named).

A later clause that only restates the first (分了几部分?每部分讲什么 / 列了哪几条?分别是啥)
asks nothing of its own: the question is then answered whole, as before.
"""

from __future__ import annotations

import re

from . import text_analysis as ta
from .answer_types import METADATA_TYPES, asked_event, fits_type
from .lazy_pattern import LazyPattern
from .planner import QueryPlan
from .question_grammar import ASKS_WHY, LIST
from .results import Answer

__all__ = ["clauses", "each_asked", "stands_alone", "swapped_time", "told_already"]

_YES_NO = LazyPattern(r"吗[?？]?$|是不是|有没有|是否")
_THOSE = LazyPattern(r"(?:那|这)(?:两|几|三|四|五|些)(?:点|条|个|项|者|方面|件)?")
_HIM = LazyPattern(r"^(?:那)?(?:他|她)")
# Where one question ends and the next begins; a comma joins clauses of one question.
_BREAK = LazyPattern(r"(?<=[?？!！])\s*(?=[^?？!！\s])")
# What makes a clause a question: a question word, or a particle ending it.
_ASKS = LazyPattern(r"什么|啥|咋|哪|谁|几|多少|怎|如何|为何|为什么|吗|呢|是否|是不是|有没有|能不能|会不会|说说|讲讲|列一下|介绍")


# 在哪开的,谁主持: a comma between two clauses that each hold a question word parts them too.
_ASKS_WORD = LazyPattern(r"什么|啥|咋|哪|谁|几|多少|怎|如何|为何|为什么|何时")
_ASKS_FIRST = LazyPattern(r"\s*(?:又|还|是|那)?(?:由谁|谁|哪|什么时候|何时|在哪|多少|几)")


# 是哪天、在哪个会上就…作说明的: two question phrases joined by 、 share the words around them.
_JOINED_ASKS = LazyPattern(r"^(?P<before>[^、,，。?？]*?)(?P<one>(?:哪|谁|什么|几|多少)[^、,，。?？]{0,4}?)"
                           r"、(?P<two>(?:在|由|从)?(?:哪|谁|什么|几|多少)[^、,，。?？]{0,4}?[上里])(?P<after>[^、]*)$")


# 云岫的民宿专项资金和松岗的安置资金分别是多少: two figures, each of its own owner, asked at once.
# (江岭省和海川市去年外贸出口各是多少: two places of one figure, asked of both at once, no pair.)
# (澄川县2023年城镇新增就业和海川省今年上半年城镇新增就业: a year may be said of each; 1997年和
# 1998年…的粮食总产量 asks one figure of two years, which the question answers whole.)
_EACH_FIGURE = LazyPattern(r"^(?![\d〇零一二三四五六七八九]{2,4}年(?:和|与|跟|以及))(?P<one>(?:[\u4e00-\u9fff\d]{2,16}?的)?[\u4e00-\u9fff\d]{3,18}?(?<![省市县区镇乡村]))(?:和|与|跟|以及)"
                           r"(?P<two>(?:[\u4e00-\u9fff\d]{2,16}?的)?[\u4e00-\u9fff\d]{3,18}?)(?:分别|各自|各)(?P<ask>(?:是|有|为)?多少[^,，。?？]{0,4})[?？]?$")


def clauses(question: str) -> list[str]:
    """The question's clauses that each ask something (at least two), else [question]."""
    if joined := _JOINED_ASKS.match(question.strip()):
        return [joined["before"] + joined[k] + joined["after"] for k in ("one", "two")]
    parts = [p.strip() for p in _BREAK.split(question.strip()) if p.strip()]
    parts = [c.strip() for p in parts for c in _comma_parts(p)]
    asking = [p for p in parts if _ASKS.search(p) and ta.has_content(p)]
    return parts if len(parts) >= 2 and len(asking) == len(parts) else [question]


def each_asked(question: str) -> list[str]:
    """云岫的民宿专项资金和松岗的…资金分别是多少: a question per thing, each asked on its own (no
    clause a follow-up of the other); [] when the question asks no such pair."""
    each = _EACH_FIGURE.match(question.strip())
    if not each:
        return []
    ask = each["ask"] if each["ask"].startswith(("是", "有", "为")) else "是" + each["ask"]
    return [each[k] + ask + "?" for k in ("one", "two")]


def stands_alone(plan: QueryPlan, previous: QueryPlan, clause: str, own_words: bool = True) -> bool:
    """Whether a later clause asks something the earlier one does not: an item of the list it
    asked for (第二条说的啥), a different kind of thing (谁主持的 after 在哪儿开的), or what comes
    after a passage (讲完成绩之后笔锋一转说了啥?困难都列了哪些表现). A clause that adds words to
    the same question (第三部分说了啥?要搞哪几个专项活动) is read with it, as one question.
    ``own_words``: whether the clause names something the earlier one does not (工作部署是谁做的)."""
    if plan.followup_item is not None or (plan.nth_item is not None and previous.nth_item != plan.nth_item):
        return True
    if plan.after or previous.after:
        return True
    if plan.speech_no is not None and previous.speech_no is None and (previous.multi_speech or previous.speech_candidates):
        return True   # 每篇的第三部分都讲的啥?办公室那篇是不是没有第三部分?: one of them, asked apart
    if plan.list_size and previous.list_size and plan.list_size != previous.list_size:
        return True   # 三大追赶目标是哪三个?又加了哪两个学习目标?: two lists of their own
    if own_words and _YES_NO.search(clause):
        return True   # 是哪天的?是他到会当面讲的吗: a question of its own, asked after
    if previous.answer_type in ("note", "caption") and not own_words:
        return False   # 照片拍的是什么,谁拍的: the caption's one line answers both
    if {plan.answer_type, previous.answer_type} <= METADATA_TYPES and plan.answer_type != previous.answer_type:
        return True   # 是谁主持的?哪几家单位办的?: two kinds of thing (几个?分别叫什么 is one list)
    if plan.answer_type is not None and plan.answer_type == previous.answer_type:
        # 是谁作的工作报告?会议又是谁主持的? / 是谁主持的?又是谁讲的话?: another event.
        # (发言的是哪几位?叫什么名字: naming neither an event nor a thing, it asks the same again.)
        event = asked_event(clause)
        return event != asked_event(previous.text) if event else own_words
    if ASKS_WHY.search(clause) and not ASKS_WHY.search(previous.text):
        return True   # 故事放在哪一条里讲的?讲这个故事想让大家咋做: what it was told for, asked after
    if previous.answer_type == "person" and _HIM.search(clause):
        return True   # 甘肃的发言人是谁?他讲了什么: what the person just named said
    if previous.wants_list and own_words and _THOSE.match(clause):
        return True   # 在哪两点上下功夫?这两点是什么关系: what is said of the things just listed
    return plan.answer_type is not None and not LIST.search(plan.text)


def told_already(plan: QueryPlan, own_words: bool, before: Answer) -> bool:
    """悼词里提到郑老得过什么荣誉?哪一年?: a later clause that names nothing of its own and asks
    for a kind of thing the answer before it already gives (1995年，他荣获…) adds nothing; it is
    not read as a question of its own (the speech's date)."""
    return not own_words and plan.answer_type in ("date", "number", "place", "person") \
        and not before.abstained and not before.partial and bool(before.sentences) \
        and fits_type(plan.answer_type, plan.answer_unit, [s.text for s in before.sentences[:2]])


_TIME = r"(?:今年|去年|前年|明年|上年|本年|\d{4}年|[一二三四]季度|上半年|下半年)"
# 去年呢 / 那上半年呢: nothing but another time, leaning on the question before.
_ONLY_TIME = LazyPattern(rf"^[那还]?({_TIME})(?:的)?呢[?？。!！\s]*$")


def swapped_time(question: str, previous: str) -> str:
    """去年呢, after 白沙镇今年新发展党员多少名: the question before, asked of the time this one
    names (its own time word replaced, else the time put first); "" when it is no such question."""
    m = _ONLY_TIME.match(question.strip())
    if m is None or not previous.strip():
        return ""
    before = previous.strip().rstrip("?？。!！")
    said = re.search(_TIME, before)
    return (before[:said.start()] + m.group(1) + before[said.end():] if said else m.group(1) + before) + "?"


def _comma_parts(clause: str) -> list[str]:
    """A clause cut at its comma when both pieces ask, the second from its start (…在哪开的,谁主持)."""
    pieces = [p for p in re.split("[,，]", clause) if p.strip()]
    if len(pieces) == 2 and _ASKS_WORD.search(re.sub("“[^”]*”", "", pieces[0])) and _ASKS_FIRST.match(pieces[1]):
        return [p + ("" if p is pieces[-1] else "？") for p in pieces]
    return [clause]
