"""The engine: the pipeline plan → retrieve → compose behind every front end.

``Engine.search`` ranks units; ``Engine.ask`` plans the question (planner.py), retrieves
(retrieval.py) and composes the extractive answer (compose.py). The CLI, the TUI, the LLM
answerer and ``assistant eval`` all go through these two methods; no stage calls back here.
"""

from __future__ import annotations

import re
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

from . import text_analysis as ta
from .cache_files import usable_cache_dir
from .compose import compose, count_said_first
from .compound import clauses, each_asked, stands_alone, swapped_time, told_already
from .corpus import (
    Corpus,
    CorpusError,
    Unit,
    corpus_fingerprint,
    file_digest,
    parse_corpus,
    shipped_corpus_dir,
)
from .corpus_files import long_line_warnings, read_corpus_files
from .evidence import Evidence
from .index import (
    Index,
    analyse_groups,
    build_index,
    cache_dir,
    cache_key,
    load_bundle,
    save_bundle,
)
from .lazy_pattern import compile_patterns
from .limits import MAX_QUESTION_CHARS
from .params import DENSE_RESCUE_MODEL, AnswerParams, RetrievalParams
from .planner import QueryPlan, plan_question
from .question_words import META_WORDS, is_generic, names_apart, own_subject, spelled_out, whole_words
from .results import Answer, Hit, Turn, joined
from .retrieval import Retriever
from .semantic import SemanticRanker, passages
from .speech_refs import swapped_speech
from .text_analysis import SURROGATE as _SURROGATE
from .text_helpers import without_emoji, without_invisible, without_markup, without_terminal_control

if TYPE_CHECKING:
    from .embeddings import Embedder


__all__ = ["AnswerParams", "Engine", "QuestionError", "RetrievalParams", "Turn", "CorpusError", "QueryPlan"]


class QuestionError(ValueError):
    """A question that cannot be searched; the message is for the user."""


class Engine:
    def __init__(self, corpus: Corpus, index: Index, params: RetrievalParams, use_cache: bool = True,
                 answer_params: AnswerParams | None = None) -> None:
        self.corpus = corpus
        self.index = index
        self.params = params
        self.use_cache = use_cache   # False: the sharded query dictionary is not written either
        self._qtok: ta.QueryTokenizer | None = None
        self.retriever = Retriever(corpus, index, params, self.analyse_query)
        # Why the engine ranks with BM25 alone after an attempt to attach embeddings failed
        # (None: not attempted, or attached); said in every answer's notes.
        self.embeddings_reason: str | None = None
        # Problems with the embeddings settings that were worked around (a config file that
        # can't be read: its settings are ignored); said in every answer's notes too.
        self.embeddings_notices: tuple[str, ...] = ()
        self.evidence = Evidence(corpus, index.words.idf, index.words.n_docs, index.bigrams.idf,
                                 index.bigrams.n_docs, self.analyse_query, params, answer_params or AnswerParams())

    @property
    def query_tokenizer(self):  # type: ignore[no-untyped-def]
        """Segments questions: the sharded full dictionary (fast start) unless told otherwise."""
        if self._qtok is None:
            if self.params.query_dictionary and self.use_cache:
                self._qtok = ta.query_tokenizer(cache_dir())
            if self._qtok is None:
                self._qtok = ta.tokenizer()
        return self._qtok

    def analyse_query(self, text: str) -> ta.Analysed:
        """Terms of a question (or part of one), analysed the way every question is."""
        ev = self.evidence
        return ta.analyse(names_apart(text, ev.corpus_key, ev.named_person), self.query_tokenizer, hmm=self.params.query_hmm)

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
        for message in long_line_warnings(texts):
            warn(message)
        key = cache_key(corpus_fingerprint(texts), params.bm25)
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
        index = build_index([u.id for u in corpus.units], terms, params.bm25, key)
        if use_cache:
            save_bundle(corpus, index, [d for d, _ in groups], cache_warn)
        # A cache that could not be read or written was said once; vectors are not cached there either.
        return cls(corpus, index, params, use_cache and not cache_said)

    def speech_title(self, no: int) -> str:
        return self.corpus.speech(no).title

    def speech_parts(self, no: int) -> list[Unit]:
        """The parts the engine reads a speech in (its headings, else the points it announced or
        numbered, else the paragraphs of points it lists: a series opening alike, measures stated
        and directed): what an outline answer lists, for the reader's outline too."""
        from .points import speech_points
        from .structure import outline_units

        parts = outline_units(self.evidence, no)
        points = speech_points(self.evidence, no) if not parts else None
        return points if isinstance(points, list) else parts

    # ---- semantic retrieval --------------------------------------------------------
    def attach_embeddings(self, embedder: "Embedder | None" = None, reason: str | None = None,
                          progress: Callable[[int, int], None] | None = None,
                          warn: Callable[[str], None] | None = None, notices: Sequence[str] = ()) -> bool:
        """Embed every unit and its sentences (stored vectors first, shipped ones for the seed) and rank hybrid.

        With neither an embedder nor the reason there is none, the configured one (``[embeddings]``
        / environment) or the local model. Returns False, with ``embeddings_reason`` set, when ranking stays lexical.
        ``notices``: what the caller's settings said about themselves (``EmbeddingsConfig.notices``).
        """
        from .embeddings import EmbeddingsError, VectorStore, load_embedder

        if embedder is None and reason is None:
            embedder, reason, notices = load_embedder()
        self.embeddings_notices = tuple(notices)
        if embedder is None:
            self.embeddings_reason = reason or "未启用语义检索"
            return False
        texts = passages(self.retriever.units)
        try:
            if self.use_cache:
                matrix = VectorStore(warn=warn).vectors(texts.texts, embedder, progress)
            else:
                # No cache: the shipped vectors still serve; new ones live only in this process.
                with tempfile.TemporaryDirectory(prefix="assistant-vectors-") as scratch:
                    matrix = VectorStore(Path(scratch), warn=lambda _m: None).vectors(texts.texts, embedder, progress)
        except EmbeddingsError as e:
            self.embeddings_reason = f"{e};仅用 BM25 检索"
            return False
        n = texts.n_units
        self.retriever.semantic = SemanticRanker(embedder, matrix[:n], matrix[n:], texts.owner,
                                                 self.params.sentence_weight)
        self.embeddings_reason = None
        return True

    @property
    def embeddings_id(self) -> str | None:
        return self.retriever.semantic.model_id if self.retriever.semantic is not None else None

    @staticmethod
    def compile_patterns() -> int:
        """Compile the patterns that reading and answering any question use (the planner's,
        speech references', the sufficiency checks'), which are otherwise compiled by the first
        question (~25 ms): the TUI calls this in its loading thread once it is ready."""
        from . import planner, question_grammar, speech_refs, sufficiency, text_helpers

        return compile_patterns(planner, question_grammar, speech_refs, sufficiency, text_helpers)

    # ---- questions ----------------------------------------------------------------
    @staticmethod
    def check_question(question: str) -> str:
        # Escape sequences (a paste from a coloured terminal) are not part of what was asked.
        question = without_invisible(without_terminal_control(question)) if question is not None else question
        if question is None or not question.strip():
            raise QuestionError("问题是空的:请输入要查询的内容。")
        # (Runs of white space count as one: 3,000 spaces pasted after a question say nothing.)
        question = re.sub(r"\s{2,}", " ", question.strip())
        if len(question) > MAX_QUESTION_CHARS:
            raise QuestionError(f"问题太长({len(question)} 字):请限制在 {MAX_QUESTION_CHARS} 字以内。")
        if _SURROGATE.search(question):
            # Bytes that are not UTF-8 (a GBK terminal, a mis-encoded file) arrive as lone
            # surrogates; no analysis or output can encode them.
            raise QuestionError("问题里有无法识别的字符(输入不是 UTF-8 编码):请检查终端或文件的编码。")
        if not ta.has_content(without_markup(question)):   # ([red] / [/] alone: markup, nothing asked)
            raise QuestionError("问题里只有标点或符号,没有可以检索的文字。")
        # (😀什么是伪工作: emoji decorate; the question is the same as its plain form.)
        return without_emoji(question).strip()

    def plan(self, question: str, history: list[Turn] | None = None, default_speech: int | None = None) -> QueryPlan:
        if default_speech is None and len(self.corpus.speeches) == 1:
            default_speech = self.corpus.speeches[0].no   # (a corpus of one speech: 这篇讲话 is it)
        return plan_question(question, history, self.corpus.speeches, self.analyse_query, default_speech,
                             lambda: self.evidence.corpus_key)

    def search(self, query: str, k: int = 10) -> list[Hit]:
        query = self.check_question(query)
        return self.retriever.retrieve(QueryPlan(query), k).hits

    @staticmethod
    def highlight_spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
        return ta.highlight_spans(text, terms)

    # ---- answering ----------------------------------------------------------------
    def ask(self, question: str, k: int = 10, history: list[Turn] | None = None) -> Answer:
        t0 = time.perf_counter()
        question = self.check_question(question)
        asked = spelled_out(without_markup(question) or question, self.evidence.corpus_key)   # (GDP增速: as the speeches say it, 生产总值)
        answer = self._ask_swapped(asked, k, history) or self._ask_clauses(asked, k, history) \
            or self._ask_one(asked, self.plan(asked, history), k, history)
        answer.question = question
        answer.hits = count_said_first(self.evidence, asked, answer)[:k]
        answer.elapsed_ms = (time.perf_counter() - t0) * 1000
        return answer

    def _ask_one(self, question: str, plan: QueryPlan, k: int, history: list[Turn] | None) -> Answer:
        retrieved = self.retriever.retrieve(plan, max(k, 10))
        dense_top = retrieved.dense_top if self.embeddings_id == DENSE_RESCUE_MODEL else None
        # 第三部分和第四部分各讲了什么: each ordinal is answered as if asked alone.
        answer = joined([compose(self.evidence, question, p, retrieved.hits, retrieved.analysed, history, dense_top,
                                 retrieved.similarity)
                         for p in (plan, *(replace(plan, nth_item=n, more_nth=()) for n in plan.more_nth))])
        answer.hits = answer.hits[:k]
        answer.retrieved = retrieved.hits[:k]
        answer.plan = plan.to_json()
        answer.notes[:0] = (plan.notes + retrieved.notes + list(self.embeddings_notices)
                            + ([self.embeddings_reason] if self.embeddings_reason else []))
        # What ranked the hits: embeddings only when they took part (a structure question is ranked by its words).
        answer.retrieval = {"mode": retrieved.mode, "embeddings": self.embeddings_id if retrieved.mode == "hybrid" else None}
        answer.query = plan.text
        return answer

    def _ask_swapped(self, question: str, k: int, history: list[Turn] | None) -> Answer | None:
        """那第一篇呢, after 第三篇讲话的最后一点是什么: the question before, asked of the speech this
        one names (a follow-up, so marked); None when the question is no such thing."""
        if not history:
            return None
        prev = history[-1]
        swapped = swapped_speech(question, prev.answer.query or prev.question, self.corpus.speeches) \
            or swapped_time(question, prev.question)
        if not swapped:
            return None
        plan = replace(self.plan(swapped, history[:-1]), follow_up=True)
        answer = self._ask_one(swapped, plan, k, history)
        answer.plan = plan.to_json()
        return answer

    def _said_elsewhere(self, clause: str, no: int) -> bool:
        """Whether the words a clause names of its own (创业扶持基金) are said in some speech but
        never in speech ``no``: the clause asks of another speech than the first clause's."""
        words = [w for w in whole_words(self.analyse_query(clause).words) if len(w) >= 2 and not is_generic(w)
                 and w not in META_WORDS]
        speech = " ".join(ta.normalise(u.text) for u in self.corpus.speech(no).units)
        missing = [w for w in words if w not in speech]
        return bool(missing) and all(ta.squash_punct(w) in self.evidence.corpus_key for w in missing)

    def _ask_clauses(self, question: str, k: int, history: list[Turn] | None) -> Answer | None:
        """沈达人那段分了几条?第二条说的啥: each clause answered in turn, a later one as a follow-up
        of those before; None when the question has one clause, or a later clause adds words to
        the same question (第三部分说了啥?要搞哪几个专项活动). A last clause that only asks the
        earlier ones again, naming nothing of its own (分了几部分?每部分讲什么), is read with them;
        their words alone are searched for."""
        turns = list(history or [])
        answers: list[Answer] = []
        plans: list[QueryPlan] = []
        for part in each_asked(question):
            # (…和…分别是多少: each thing asked apart, neither a follow-up of the other.)
            plans.append(self.plan(part, history))
            answers.append(self._ask_one(part, plans[-1], k, history))
        parts = clauses(question) if not answers else []
        if len(parts) < 2 and not answers:
            return None
        for i, part in enumerate(parts):
            # (…今年新发展党员多少名?去年呢?: the clause before, asked of the other year.)
            part = (swapped_time(part, parts[i - 1]) if i else "") or part
            # 那篇文章…打头是什么?收尾呢: a clause naming no speech stays with the first one's (the
            # one its answer came from, when the first named none).
            first = (plans[0].speech_no or (answers[0].citations[0].unit.speech_no if answers[0].citations else None)
                     if plans and not plans[0].speech_candidates else None)
            # (…安家补贴最高多少?青岚职院给校友的创业扶持基金首期多少?: another speech's thing)
            other = bool(i) and first is not None and self._said_elsewhere(part, first)
            plan = self.plan(part, turns, None if other else first)
            # (哪一年: 一年 is the question word's, no subject of the clause's own)
            own = i and own_subject([w for w in self.analyse_query(part).words
                                     if w not in META_WORDS and f"哪{w}" not in part and f"几{w}" not in part],
                                    set(self.analyse_query(parts[i - 1]).words))
            # (青岚营商环境大会要求…什么时候完成?沙河区的…又要求什么时候完成?: a clause that names a
            # speech of its own, not the first's, asks of that one.)
            elsewhere = other or plan.speech_no is not None and first is not None and plan.speech_no != first
            if i and not elsewhere and not stands_alone(plan, plans[-1], part, bool(own)):
                if not own and len(parts) == 2 and plans[0].wants_list and plans[0].answer_type is None \
                        and not plan.list_size:
                    # 讲了几点意见?每一点分别是什么: the question is asked whole, and searched by the
                    # words of the clauses that name something (the last only asks them again).
                    whole = self.plan(question, history)
                    return self._ask_one(question, replace(whole, text=" ".join(p.text for p in plans)), k, history)
                return None
            if i and told_already(plan, bool(own), answers[-1]):
                continue
            answer = self._ask_one(part, plan, k, turns)
            said = {x.text for a in answers for x in a.sentences}
            if i and answer.sentences and not answer.abstained and not answer.partial \
                    and answer.sentences[0].text in said:
                continue   # (…是多少?比上年增长多少?: the sentence quoted for the first tells the second too)
            turns.append(Turn(part, answer))
            answers.append(answer)
            plans.append(plan)
        # 分了几条?第二条说的啥: the item asked for ranks first, the list it is counted in after it.
        whole = joined(answers, lead=next((i for i, p in enumerate(plans) if p.followup_item is not None), 0))
        whole.question = question
        whole.plan = answers[0].plan
        whole.retrieved = [h for a in answers for h in (a.retrieved or [])]
        whole.hits = whole.hits[:k]
        whole.query = " ".join(a.query for a in answers)
        return whole
