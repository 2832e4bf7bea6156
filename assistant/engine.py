"""The engine: one object (corpus + index + answerer) behind every front end.

``Engine.search`` ranks units; ``Engine.ask`` adds the extractive answer. The CLI, the TUI
and ``assistant eval`` all go through these two methods.
"""

from __future__ import annotations

import re
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

from . import answer as answering
from . import text_analysis as ta
from .corpus import Corpus, CorpusError, Unit, chinese_numeral, load_corpus, shipped_corpus_dir
from .index import BM25Params, Index, build_index, cache_key, load_cached, save_cached
from .results import Answer, Hit

MAX_QUESTION_CHARS = 2000

__all__ = ["Engine", "QuestionError", "RetrievalParams", "Turn", "CorpusError"]


class QuestionError(ValueError):
    """A question that cannot be searched; the message is for the user."""


@dataclass(frozen=True)
class RetrievalParams:
    k1: float = 1.5
    b: float = 0.75
    epsilon: float = 0.25
    use_bigrams: bool = True
    bigram_weight: float = 0.35      # weight of the character-bigram field against the word field
    heading_weight: float = 0.8      # headings are short; keep them from crowding out paragraphs
    # Abstention (see answer.abstain_reason): IDF-weighted shares of the question's content.
    abstain_coverage: float = 0.2          # the top 3 hits must cover at least this much
    abstain_unseen: float = 0.6            # ...and when this much of the question is unknown
    abstain_unseen_coverage: float = 0.5   # to the corpus, they must cover this much

    def bm25(self) -> BM25Params:
        return BM25Params(self.k1, self.b, self.epsilon)


@dataclass
class Turn:
    question: str
    answer: Answer


@dataclass
class QueryPlan:
    """What a question asks for, beyond its words."""

    text: str                         # the text to search
    speech_no: int | None = None      # 第三篇 → 3
    outline: bool = False             # 分为哪几个部分 / 讲了哪几个方面
    wants_list: bool = False          # 哪四个 / 分别
    weak_list: bool = False           # 哪些
    list_size: int | None = None      # 哪四个 → 4
    followup_item: int | None = None  # 那第二点呢 → 2
    notes: list[str] = field(default_factory=list)


_SPEECH_REF = re.compile(r"第\s*([一二三四五六七八九十\d]{1,3})\s*篇")
_SPEECH_REF_WORDS = re.compile(r"第\s*[一二三四五六七八九十\d]{1,3}\s*篇(讲话|发言|文章)?|(这|该|那)篇(讲话)?")
_OUTLINE = re.compile(r"(哪|几)([一二三四五六七八九十两几]|些)?个?(部分|方面|层次|问题|板块|点|大块|层意思)"
                      r"|提纲|框架|结构|大纲|要点|主要内容")
# Words that only say "the parts of the speech"; a question with other content words asks
# for a list inside the speech, not for its outline.
_OUTLINE_GENERIC = {"问题", "讲", "分为", "部分", "方面", "层次", "板块", "点", "主要", "结构", "框架", "提纲",
                    "大纲", "要点", "主要内容", "内容", "意见", "几层", "层意思", "哪两个", "两个", "讲了", "谈了"}
_LIST = re.compile(r"哪([一二三四五六七八九十两\d]+|几)(个|项|种|类|条|点|大|方面|是)|分别|列举|几个方面|几点")
# 哪些 alone often asks about the content of one paragraph; it makes a list answer only
# when the best hit introduces a list.
_WEAK_LIST = re.compile(r"哪些|包括什么|有什么")
_LIST_SIZE = re.compile(r"哪([一二三四五六七八九十两\d]+)(?:个|项|种|类|条|点|大)")
_FOLLOWUP_ITEM = re.compile(r"^(?:那|那么|还有)?\s*第\s*([一二三四五六七八九十\d]{1,2})\s*(?:点|个|条|项|方面|部分)")
_FOLLOWUP_HINT = re.compile(r"^(那|那么|还有|另外|再|它|这个|这|其|他们|上面|刚才)|(呢|别的|其他的?|还有吗|例子吗?)[??]*$")


class Engine:
    def __init__(self, corpus: Corpus, index: Index, params: RetrievalParams) -> None:
        self.corpus = corpus
        self.index = index
        self.params = params
        self._units = [corpus.unit(i) for i in index.unit_ids]
        self._is_heading = np.array([u.kind == "heading" for u in self._units])
        self._doc_of = {u.id: i for i, u in enumerate(self._units)}

    # ---- loading ------------------------------------------------------------------
    @classmethod
    def load(cls, corpus_paths: list[Path] | None = None, params: RetrievalParams | None = None,
             warn: Callable[[str], None] | None = None, use_cache: bool = True,
             progress: Callable[[int, int], None] | None = None) -> "Engine":
        params = params or RetrievalParams()
        warn = warn or (lambda _msg: None)
        paths = list(corpus_paths) if corpus_paths else [shipped_corpus_dir()]
        corpus = load_corpus(paths)
        for path, reason in corpus.skipped:
            warn(f"已跳过 {path}:{reason}")
        units = corpus.units
        key = cache_key(corpus.fingerprint, params.bm25(), "units-v1")
        index = load_cached(key, warn) if use_cache else None
        if index is None or index.unit_ids != [u.id for u in units]:
            index = build_index([u.id for u in units], [u.text for u in units], params.bm25(), key, progress)
            if use_cache:
                save_cached(index, warn)
        return cls(corpus, index, params)

    def speech_title(self, no: int) -> str:
        return self.corpus.speech(no).title

    # ---- questions ----------------------------------------------------------------
    @staticmethod
    def check_question(question: str) -> str:
        if question is None or not question.strip():
            raise QuestionError("问题是空的:请输入要查询的内容。")
        if len(question) > MAX_QUESTION_CHARS:
            raise QuestionError(f"问题太长({len(question)} 字):请限制在 {MAX_QUESTION_CHARS} 字以内。")
        if not ta.has_content(question):
            raise QuestionError("问题里只有标点或符号,没有可以检索的文字。")
        return question.strip()

    def plan(self, question: str, history: list[Turn] | None = None) -> QueryPlan:
        norm = ta.normalise(question)
        plan = QueryPlan(question)
        m = _SPEECH_REF.search(norm)
        if m:
            no = chinese_numeral(m.group(1))
            if no is not None and any(s.no == no for s in self.corpus.speeches):
                plan.speech_no = no
        if _OUTLINE.search(norm):
            rest = ta.content_words(_OUTLINE.sub(" ", _SPEECH_REF_WORDS.sub(" ", norm)))
            plan.outline = all(w in _OUTLINE_GENERIC or len(w) == 1 for w in rest)
        plan.wants_list = plan.outline or bool(_LIST.search(norm))
        plan.weak_list = not plan.wants_list and bool(_WEAK_LIST.search(norm))
        ms = _LIST_SIZE.search(norm)
        if ms:
            plan.list_size = chinese_numeral(ms.group(1))
        if history:
            prev = history[-1]
            mf = _FOLLOWUP_ITEM.match(norm)
            if mf and prev.answer.citations:
                plan.followup_item = chinese_numeral(mf.group(1))
            short = len(ta.content_words(question)) <= 2
            if mf or _FOLLOWUP_HINT.search(norm) or short:
                # A follow-up is searched together with what it follows up on.
                plan.text = f"{prev.answer.query or prev.question} {question}"
                if plan.speech_no is None:
                    m2 = _SPEECH_REF.search(ta.normalise(prev.question))
                    plan.speech_no = chinese_numeral(m2.group(1)) if m2 else None
        return plan

    # ---- retrieval ----------------------------------------------------------------
    def _scores(self, text: str) -> tuple[np.ndarray, ta.Analysed]:
        # "第三篇讲话" says where to look, not what to look for.
        a = ta.analyse(_SPEECH_REF_WORDS.sub(" ", ta.normalise(text)))
        scores = self.index.words.scores(a.words)
        if self.params.use_bigrams and self.params.bigram_weight:
            scores = scores + self.params.bigram_weight * self.index.bigrams.scores(a.bigrams)
        return scores, a

    def search(self, query: str, k: int = 10) -> list[Hit]:
        query = self.check_question(query)
        return self._search(QueryPlan(query), k)[0]

    def _search(self, plan: QueryPlan, k: int) -> tuple[list[Hit], ta.Analysed, np.ndarray]:
        scores, a = self._scores(plan.text)
        scores = np.where(self._is_heading, scores * self.params.heading_weight, scores)
        if plan.speech_no is not None:
            # Named speech: its units first, others keep their order after them.
            in_speech = np.array([u.speech_no == plan.speech_no for u in self._units])
            scores = np.where(in_speech & (scores > 0), scores + scores.max() + 1.0, scores)
        order = np.argsort(-scores, kind="stable")
        hits = []
        terms = self.query_terms(a)
        for i in order[:k]:
            if scores[i] <= 0:
                break
            u = self._units[i]
            hits.append(Hit(u, float(scores[i]), self.speech_title(u.speech_no), self.matched_terms(terms, u)))
        return hits, a, scores

    @staticmethod
    def query_terms(a: ta.Analysed) -> list[str]:
        """Surface strings worth highlighting: whole content runs and the words inside them."""
        terms = dict.fromkeys(a.runs + sorted(set(a.words), key=len, reverse=True))
        return [t for t in terms if t]

    @staticmethod
    def matched_terms(terms: list[str], unit: Unit) -> list[str]:
        text = ta.normalise(unit.text)
        found: list[str] = []
        for t in sorted(terms, key=len, reverse=True):
            if t in text and not any(t in f for f in found):
                found.append(t)
        return found

    @staticmethod
    def highlight_spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
        """Non-overlapping (start, end) spans of ``terms`` in ``text``, longest terms first."""
        lowered = text.lower()
        taken = [False] * len(text)
        spans = []
        for t in sorted(set(terms), key=len, reverse=True):
            start = lowered.find(t)
            while start != -1:
                end = start + len(t)
                if not any(taken[start:end]):
                    spans.append((start, end))
                    for j in range(start, end):
                        taken[j] = True
                start = lowered.find(t, end)
        return sorted(spans)

    # ---- answering ----------------------------------------------------------------
    def ask(self, question: str, k: int = 10, history: list[Turn] | None = None) -> Answer:
        t0 = time.perf_counter()
        question = self.check_question(question)
        plan = self.plan(question, history)
        hits, analysed, scores = self._search(plan, max(k, 10))
        answer = answering.compose(self, question, plan, hits, analysed, history)
        answer.hits = answer.hits[:k]
        answer.query = plan.text
        answer.elapsed_ms = (time.perf_counter() - t0) * 1000
        return answer

    def params_dict(self) -> dict[str, object]:
        return asdict(self.params)
