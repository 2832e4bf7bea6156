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
from .corpus import (Corpus, CorpusError, Unit, chinese_numeral, corpus_fingerprint, file_digest, parse_corpus,
                     read_corpus_files, shipped_corpus_dir)
from .cache_files import usable_cache_dir
from .index import BM25Params, Index, analyse_groups, build_index, cache_dir, cache_key, load_bundle, save_bundle
from .results import Answer, Hit

MAX_QUESTION_CHARS = 2000
# A neighbourhood smaller than this takes in the next best speeches: IDFs counted over a
# handful of paragraphs say little.
MIN_NEIGHBOURHOOD_UNITS = 20
_SURROGATE = re.compile("[\ud800-\udfff]")

__all__ = ["Engine", "QuestionError", "RetrievalParams", "Turn", "CorpusError"]


class QuestionError(ValueError):
    """A question that cannot be searched; the message is for the user."""


@dataclass(frozen=True)
class RetrievalParams:
    # Chosen on the dev set (tests/data/questions.jsonl) by a grid over k1, b and the bigram
    # weight; the held-out set agrees (README, "Retrieval quality").
    k1: float = 1.2
    b: float = 0.5
    epsilon: float = 0.25
    use_bigrams: bool = True
    bigram_weight: float = 0.6       # weight of the character-bigram field against the word field
    heading_weight: float = 0.8      # headings are short; keep them from crowding out paragraphs
    # Abstention (see answer.abstain_reason): IDF-weighted shares of the question's content.
    abstain_coverage: float = 0.2          # the top 3 hits must cover at least this much
    abstain_unseen: float = 0.6            # ...and when this much of the question is unknown
    abstain_unseen_coverage: float = 0.5   # to the corpus, they must cover this much
    speech_prior: float = 1.0              # weight of the speech-level match density (see _with_speech_prior)
    # The question's neighbourhood (see _neighbourhood): speeches whose match density is at
    # least this share of the best speech's supply the IDFs; 0 scores with the whole corpus's
    # statistics (plain BM25Okapi). 0.1 was chosen on the dev set, speeches alone and with the
    # 1998 distractors (README, "Quality with distractors").
    neighbourhood: float = 0.1
    query_dictionary: bool = True          # segment questions with the sharded dictionary (fast start)
    # jieba's HMM glues unknown characters of short questions to their neighbours (如何治,
    # 庸治懒), hiding both the stop word and the content; questions are segmented without it.
    query_hmm: bool = False

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
    multi_speech: bool = False        # 各篇讲话 / 几篇讲话: gathers across speeches
    list_size: int | None = None      # 哪四个 → 4
    followup_item: int | None = None  # 那第二点呢 → 2
    focus: str = ""                   # a follow-up's own words: they choose the sentences
    exclude: set[str] = field(default_factory=set)  # 还有别的吗: units the last answer already cited
    notes: list[str] = field(default_factory=list)


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


def _top_k(scores: np.ndarray, k: int) -> np.ndarray:
    """Indices of the k best scores, best first; ties keep corpus order (like a stable sort)."""
    if len(scores) > 4 * k:
        part = np.argpartition(-scores, k)[:k]
        threshold = scores[part].min()
        cand = np.flatnonzero(scores >= threshold)
    else:
        cand = np.arange(len(scores))
    return cand[np.argsort(-scores[cand], kind="stable")][:k]


class Engine:
    def __init__(self, corpus: Corpus, index: Index, params: RetrievalParams, use_cache: bool = True) -> None:
        self.corpus = corpus
        self.index = index
        self.params = params
        self._units = [corpus.unit(i) for i in index.unit_ids]
        self._is_heading = np.array([u.kind == "heading" for u in self._units])
        self._speech_of = np.array([u.speech_no for u in self._units])
        _, self._speech_idx, sizes = np.unique(self._speech_of, return_inverse=True, return_counts=True)
        self._speech_sizes = sizes.astype(np.float64)
        # Each unit's source file, numbered: per speech first (units are many, speeches few).
        source_no: dict[str, int] = {}
        speech_source = {s.no: source_no.setdefault(s.source, len(source_no)) for s in corpus.speeches}
        self._source_idx = np.array([speech_source[no] for no in self._speech_of.tolist()], dtype=np.int64)
        self._norms: tuple[np.ndarray, np.ndarray] | None = None  # per-source length norms, on first use
        self._qtok = None
        self.use_cache = use_cache   # False: the sharded query dictionary is not written either

    @property
    def query_tokenizer(self):  # type: ignore[no-untyped-def]
        """Segments questions; built from the index's own dictionary unless told otherwise."""
        if self._qtok is None:
            if self.params.query_dictionary and self.use_cache:
                self._qtok = ta.query_tokenizer(cache_dir())
            if self._qtok is None:
                self._qtok = ta.tokenizer()
        return self._qtok

    def analyse_query(self, text: str) -> ta.Analysed:
        """Terms of a question (or part of one), analysed the way every question is."""
        return ta.analyse(text, self.query_tokenizer, hmm=self.params.query_hmm)

    def _has_speech(self, no: int | None) -> bool:
        return no is not None and any(s.no == no for s in self.corpus.speeches)

    # ---- loading ------------------------------------------------------------------
    @classmethod
    def load(cls, corpus_paths: list[Path] | None = None, params: RetrievalParams | None = None,
             warn: Callable[[str], None] | None = None, use_cache: bool = True,
             progress: Callable[[int, int], None] | None = None) -> "Engine":
        """Read the corpus, then take corpus + index from the cache or build (and cache) them."""
        params = params or RetrievalParams()
        warn = warn or (lambda _msg: None)
        paths = [Path(p) for p in corpus_paths] if corpus_paths else [shipped_corpus_dir()]
        texts, skipped = read_corpus_files(paths)
        for path, reason in skipped:
            warn(f"已跳过 {path}:{reason}")
        key = cache_key(corpus_fingerprint(texts), params.bm25())
        cache_said: list[str] = []

        def cache_warn(msg: str) -> None:
            # An unusable cache directory is one problem: one line, not one per cache file.
            if not cache_said:
                cache_said.append(msg)
                warn(msg)

        # A cache directory that others could write to is not read at all (cache_files).
        use_cache = use_cache and usable_cache_dir(cache_dir(), cache_warn)
        cached = load_bundle(key, cache_warn) if use_cache else None
        if cached is not None:
            corpus, index = cached
            corpus.skipped = skipped
            return cls(corpus, index, params)  # type: ignore[arg-type]
        corpus = parse_corpus(texts, skipped, paths)
        by_source: dict[str, list[str]] = {}
        for s in corpus.speeches:
            by_source.setdefault(s.source, []).extend(u.text for u in s.units)
        digests = {str(f): file_digest(f, t) for f, t in texts}
        groups = [(digests[src], unit_texts) for src, unit_texts in by_source.items()]
        terms = analyse_groups(groups, progress, warn=cache_warn if use_cache else None, use_cache=use_cache)
        index = build_index([u.id for u in corpus.units], terms, params.bm25(), key)
        if use_cache:
            save_bundle(corpus, index, [d for d, _ in groups], cache_warn)
        return cls(corpus, index, params, use_cache)

    def speech_title(self, no: int) -> str:
        return self.corpus.speech(no).title

    # ---- questions ----------------------------------------------------------------
    @staticmethod
    def check_question(question: str) -> str:
        if question is None or not question.strip():
            raise QuestionError("问题是空的:请输入要查询的内容。")
        if len(question) > MAX_QUESTION_CHARS:
            raise QuestionError(f"问题太长({len(question)} 字):请限制在 {MAX_QUESTION_CHARS} 字以内。")
        if _SURROGATE.search(question):
            # Bytes that are not UTF-8 (a GBK terminal, a mis-encoded file) arrive as lone
            # surrogates; no analysis or output can encode them.
            raise QuestionError("问题里有无法识别的字符(输入不是 UTF-8 编码):请检查终端或文件的编码。")
        if not ta.has_content(question):
            raise QuestionError("问题里只有标点或符号,没有可以检索的文字。")
        return question.strip()

    def plan(self, question: str, history: list[Turn] | None = None) -> QueryPlan:
        norm = ta.normalise(question)
        plan = QueryPlan(question)
        m = _SPEECH_REF.search(norm)
        if m:
            no = chinese_numeral(m.group(1))
            if self._has_speech(no):
                plan.speech_no = no
        if _OUTLINE.search(norm):
            rest = self.analyse_query(_OUTLINE.sub(" ", _SPEECH_REF_WORDS.sub(" ", norm))).words
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
            short = len(set(self.analyse_query(question).words)) <= 2
            if mf or _FOLLOWUP_HINT.search(norm) or short:
                # A follow-up is searched together with what it follows up on.
                plan.text = f"{prev.answer.query or prev.question} {question}"
                if _MORE.search(norm):
                    # 还有别的吗: more on the same topic, from other paragraphs.
                    plan.exclude = {c.unit.id for c in prev.answer.citations}
                else:
                    plan.focus = question
                if plan.speech_no is None:
                    m2 = _SPEECH_REF.search(ta.normalise(prev.question))
                    no2 = chinese_numeral(m2.group(1)) if m2 else None
                    plan.speech_no = no2 if self._has_speech(no2) else None
        return plan

    # ---- retrieval ----------------------------------------------------------------
    def _scores(self, text: str) -> tuple[np.ndarray, ta.Analysed]:
        """Both fields' BM25Okapi scores (rank-bm25's, over the whole corpus), combined."""
        # "第三篇讲话" says where to look, not what to look for.
        a = self.analyse_query(_SPEECH_REF_WORDS.sub(" ", ta.normalise(text)))
        return self._combined(a), a

    def _combined(self, a: ta.Analysed, scope: np.ndarray | None = None) -> np.ndarray:
        """Words + weighted bigrams, headings weighed; with a scope, its statistics (second pass)."""
        fields = [(self.index.words, a.words, 1.0)]
        if self.params.use_bigrams and self.params.bigram_weight:
            fields.append((self.index.bigrams, a.bigrams, self.params.bigram_weight))
        if scope is not None and self._norms is None:
            self._norms = (self.index.words.length_norms(self._source_idx),
                           self.index.bigrams.length_norms(self._source_idx))
        parts = [(field.scores(terms) if scope is None else field.scoped_scores(terms, scope, self._norms[i]), w)
                 for i, (field, terms, w) in enumerate(fields)]
        scores = parts[0][0]
        for part, weight in parts[1:]:
            scores = scores + weight * part
        return np.where(self._is_heading, scores * self.params.heading_weight, scores)

    def _speech_density(self, scores: np.ndarray) -> np.ndarray:
        """Each speech's mean unit score."""
        per_speech = np.bincount(self._speech_idx, weights=scores, minlength=len(self._speech_sizes))
        return per_speech / self._speech_sizes

    def _neighbourhood(self, scores: np.ndarray) -> np.ndarray | None:
        """The units of the speeches that match the question throughout (None: nothing matches).

        Collection statistics decide what a word is worth: over the speeches on 作风建设,
        干部 is in 40 % of the paragraphs and says little; over a corpus that also holds a
        year of newspaper text it is rare, and a question's topic words outweigh the words
        that single out one paragraph. Counting IDFs over the speeches that match the question
        (mean unit score at least ``neighbourhood`` × the best speech's) ranks their paragraphs
        as they would be ranked among themselves, whatever else is in the corpus.
        """
        density = self._speech_density(scores)
        top = density.max()
        if top <= 0:
            return None
        order = np.argsort(-density, kind="stable")
        k = int(np.count_nonzero(density >= self.params.neighbourhood * top))
        k = max(k, int(np.searchsorted(np.cumsum(self._speech_sizes[order]), MIN_NEIGHBOURHOOD_UNITS)) + 1)
        chosen = np.zeros(len(order), dtype=bool)
        chosen[order[:k]] = True
        scope = chosen[self._speech_idx]
        # Two units have no IDF statistics to speak of (BM25Okapi gives nothing a positive IDF).
        return scope if np.count_nonzero(scope) >= 3 else None

    def search(self, query: str, k: int = 10) -> list[Hit]:
        query = self.check_question(query)
        return self._search(QueryPlan(query), k)[0]

    def _with_speech_prior(self, scores: np.ndarray) -> np.ndarray:
        """Scale each unit's score by how densely its speech as a whole matches the question.

        A speech about the question's topic matches in many of its paragraphs; a long file of
        unrelated text (news, other subjects) matches in a few. The density is the mean unit
        score of the speech, relative to the best speech's.
        """
        density = self._speech_density(scores)
        top = density.max()
        if top <= 0:
            return scores
        return scores * (1.0 + self.params.speech_prior * density[self._speech_idx] / top)

    def _search(self, plan: QueryPlan, k: int) -> tuple[list[Hit], ta.Analysed]:
        scores, a = self._scores(plan.text)
        if self.params.neighbourhood and len(self._speech_sizes) > 1:
            scope = self._neighbourhood(scores)
            if scope is not None:
                scores = self._combined(a, scope)
        if self.params.speech_prior and len(self._speech_sizes) > 1:
            scores = self._with_speech_prior(scores)
        if plan.speech_no is not None:
            # Named speech: its units first, others keep their order after them.
            in_speech = self._speech_of == plan.speech_no
            scores = np.where(in_speech & (scores > 0), scores + scores.max() + 1.0, scores)
        order = _top_k(scores, k)
        hits = []
        terms = self.query_terms(a)
        for i in order:
            if scores[i] <= 0:
                break
            u = self._units[i]
            hits.append(Hit(u, float(scores[i]), self.speech_title(u.speech_no), self.matched_terms(terms, u)))
        return hits, a

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
        hits, analysed = self._search(plan, max(k, 10))
        answer = answering.compose(self, question, plan, hits, analysed, history)
        answer.hits = answer.hits[:k]
        answer.query = plan.text
        answer.elapsed_ms = (time.perf_counter() - t0) * 1000
        return answer

    def params_dict(self) -> dict[str, object]:
        return asdict(self.params)
