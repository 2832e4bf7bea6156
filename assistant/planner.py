"""The planner: what a question asks for, beyond its words.

``plan_question`` is pure: question + history + the corpus's speech numbers + an analysis
function in, a ``QueryPlan`` out. It decides the named speech (第三篇), the shape of answer
(outline, list of N, the N-th point, a comparison across speeches, a look-up) and whether
the question leans on the previous turn (a follow-up, searched together with that turn).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Collection

from . import text_analysis as ta
from .corpus import chinese_numeral
from .results import Turn

__all__ = ["QueryPlan", "plan_question", "strip_speech_reference"]


@dataclass
class QueryPlan:
    """What a question asks for, beyond its words."""

    text: str                         # the text to search
    speech_no: int | None = None      # 第三篇 → 3
    outline: bool = False             # 分为哪几个部分 / 讲了哪几个方面
    wants_list: bool = False          # 哪四个 / 分别
    weak_list: bool = False           # 哪些
    multi_speech: bool = False        # 各篇讲话 / 几篇讲话: gathers across speeches
    list_size: int | None = None      # 哪四个 → 4
    followup_item: int | None = None  # 那第二点呢 → 2
    focus: str = ""                   # a follow-up's own words: they choose the sentences
    exclude: set[str] = field(default_factory=set)  # 还有别的吗: units the last answer already cited
    follow_up: bool = False           # read as leaning on the previous turn

    @property
    def intent(self) -> str:
        if self.followup_item is not None:
            return "nth_point"
        if self.outline:
            return "outline"
        if self.wants_list:
            return "list"
        if self.multi_speech:
            return "compare"
        return "lookup"

    def to_json(self) -> dict[str, object]:
        return {"intent": self.intent, "speech": self.speech_no, "follow_up": self.follow_up}


_SPEECH_REF = re.compile(r"第\s*([一二三四五六七八九十\d]{1,3})\s*篇")
_SPEECH_REF_WORDS = re.compile(r"第\s*[一二三四五六七八九十\d]{1,3}\s*篇(讲话|发言|文章)?|(这|该|那)篇(讲话)?")
_OUTLINE = re.compile(r"(哪|几)([一二三四五六七八九十两几]|些)?个?(部分|方面|层次|问题|板块|点|大块|层意思)"
                      r"|提纲|框架|结构|大纲|要点|主要内容")
# Words that only say "the parts of the speech"; a question with other content words asks
# for a list inside the speech, not for its outline.
_OUTLINE_GENERIC = {"问题", "讲", "分为", "部分", "方面", "层次", "板块", "点", "主要", "结构", "框架", "提纲",
                    "大纲", "要点", "主要内容", "内容", "意见", "几层", "层意思", "讲了", "谈了"}
_LIST = re.compile(r"哪([一二三四五六七八九十两\d]+|几)(个|项|种|类|条|点|大|方面|是)|分别|列举|几个方面|几点")
# 哪些 alone often asks about the content of one paragraph; it makes a list answer only
# when the best hit introduces a list.
_MORE = re.compile(r"别的|其他|其它|还有|另外|再举|更多")
_MULTI_SPEECH = re.compile(r"(各|几|这几|每|多)篇|各(个)?讲话|不同(的)?讲话")
_WEAK_LIST = re.compile(r"哪些|包括什么|有什么")
_LIST_SIZE = re.compile(r"哪([一二三四五六七八九十两\d]+)(?:个|项|种|类|条|点|大)")
_FOLLOWUP_ITEM = re.compile(r"^(?:那|那么|还有)?\s*第\s*([一二三四五六七八九十\d]{1,2})\s*(?:点|个|条|项|方面|部分)")
_FOLLOWUP_HINT = re.compile(r"^(那|那么|还有|另外|再|它|这个|这|其|他们|上面|刚才)|(呢|别的|其他的?|还有吗|例子吗?)[??]*$")


def strip_speech_reference(text: str) -> str:
    """"第三篇讲话" says where to look, not what to look for: the text without it."""
    return _SPEECH_REF_WORDS.sub(" ", text)


def _speech_no(text: str, speeches: Collection[int]) -> int | None:
    m = _SPEECH_REF.search(text)
    no = chinese_numeral(m.group(1)) if m else None
    return no if no in speeches else None


def plan_question(question: str, history: list[Turn] | None, speeches: Collection[int],
                  analyse: Callable[[str], ta.Analysed]) -> QueryPlan:
    """Read a question (``speeches``: the corpus's speech numbers; ``analyse``: the query analysis)."""
    norm = ta.normalise(question)
    plan = QueryPlan(question)
    plan.speech_no = _speech_no(norm, speeches)
    if _OUTLINE.search(norm):
        rest = analyse(_OUTLINE.sub(" ", strip_speech_reference(norm))).words
        plan.outline = all(w in _OUTLINE_GENERIC or len(w) == 1 for w in rest)
    plan.wants_list = plan.outline or bool(_LIST.search(norm))
    plan.weak_list = not plan.wants_list and bool(_WEAK_LIST.search(norm))
    plan.multi_speech = bool(_MULTI_SPEECH.search(norm))
    ms = _LIST_SIZE.search(norm)
    if ms:
        plan.list_size = chinese_numeral(ms.group(1))
    if history:
        prev = history[-1]
        mf = _FOLLOWUP_ITEM.match(norm)
        if mf and prev.answer.citations:
            plan.followup_item = chinese_numeral(mf.group(1))
        short = len(set(analyse(question).words)) <= 2
        if mf or _FOLLOWUP_HINT.search(norm) or short:
            # A follow-up is searched together with what it follows up on.
            plan.follow_up = True
            plan.text = f"{prev.answer.query or prev.question} {question}"
            if _MORE.search(norm):
                # 还有别的吗: more on the same topic, from other paragraphs.
                plan.exclude = {c.unit.id for c in prev.answer.citations}
            else:
                plan.focus = question
            if plan.speech_no is None:
                plan.speech_no = _speech_no(ta.normalise(prev.question), speeches)
    return plan
