"""The engine's tunable numbers, in one place: retrieval (BM25, fusion, abstention) and composition."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from .bm25 import BM25Params

__all__ = ["AnswerParams", "DENSE_RESCUE_MODEL", "RetrievalParams"]

DENSE_RESCUE_MODEL = "local:multilingual-e5-small-q4"


@dataclass(frozen=True)
class RetrievalParams:
    # BM25's constants and scoring variant (okapi or scoped, see index.BM25Params).
    bm25: BM25Params = BM25Params()
    use_bigrams: bool = True
    bigram_weight: float = 1.0       # weight of the character-bigram field against the word field
    heading_weight: float = 0.8      # headings are short; keep them from crowding out paragraphs
    # Title, speaker, date and caption lines are short and share the question's words; they
    # rank below paragraphs unless the question asks who, when or where (planner answer_type).
    metadata_weight: float = 0.3
    # A part's byline (its speaker) lifts the part's paragraphs by this share of its own score.
    byline_lift: float = 0.5
    # 给这毛病起了个啥名 / 哪几家单位办的: the units that hold what is asked (a thing named:
    # 命名为“…” / 什么是… / …定律; the asked event with a thing of the asked type) gain this
    # share of their score (Retriever._typed_lifted).
    type_lift: float = 0.5
    # Abstention (see sufficiency.abstain_reason): IDF-weighted shares of the question's content.
    abstain_coverage: float = 0.2          # the top 3 hits must cover at least this much
    abstain_unseen: float = 0.6            # ...and when this much of the question is unknown
    abstain_unseen_coverage: float = 0.5   # to the corpus, they must cover this much
    # A question the lexical rules would decline is answered when the best unit's embedding
    # similarity reaches this: a paraphrase. The cosine scale is the model's own, so it applies
    # only with the model it was chosen for (DENSE_RESCUE_MODEL), on the dev set
    # (benchmarks/tune.py, "dense rescue"); 0 turns it off.
    dense_rescue: float = 0.87
    speech_prior: float = 1.0              # weight of the speech-level match density (LexicalRanker.with_speech_prior)
    # Share of the semantic (embedding) ranking in the fused score when the best lexical unit
    # holds none of the question, lowered linearly to fusion_floor as it holds all of it
    # (Retriever.fusion_weight); 0 ranks with BM25 alone. Sentence_weight: share of a unit's
    # best sentence (or own) cosine in its dense score, beside its own cosine (semantic.py).
    # All three chosen on the dev sets by `benchmarks/tune.py --fusion-only --pd-dev DIR`
    # (benchmarks/tune_fusion.json; its best points, 0.7 to 1.0 / 0.0 to 0.5 / 0.5, are within
    # 0.005 MRR of each other).
    fusion_weight: float = 1.0
    fusion_floor: float = 0.3
    sentence_weight: float = 0.5
    query_dictionary: bool = True          # segment questions with the sharded dictionary (fast start)
    # jieba's HMM glues unknown characters of short questions to their neighbours (如何治,
    # 庸治懒), hiding both the stop word and the content; questions are segmented without it.
    query_hmm: bool = False

    def tuned(self, **changes: float | bool | str) -> "RetrievalParams":
        """A copy with ``changes``; BM25's own fields (k1, b, epsilon, scoring, scope_share) go to ``bm25``."""
        bm25_fields = {f.name for f in fields(BM25Params)}
        bm25 = {k: v for k, v in changes.items() if k in bm25_fields}
        rest = {k: v for k, v in changes.items() if k not in bm25_fields}
        return replace(self, bm25=replace(self.bm25, **bm25), **rest)  # type: ignore[arg-type]


@dataclass(frozen=True)
class AnswerParams:
    """How the extractive answer picks its sentences (compose.py)."""

    max_chars: int = 320                 # the answer's length budget
    paragraph_share: float = 0.45        # paragraphs scoring under this share of the best are not quoted
    rank_decay: float = 0.15             # a sentence's score loses this much per rank of its paragraph
    sentence_share: float = 0.5          # sentences under this share of the best sentence are dropped
    max_sentences: int = 3
    short_first: int = 60                # a first sentence this short is finished by the next one...
    short_first_slack: int = 80          # ...which may pass the budget by this much
    run_boost: float = 1.15              # a sentence holding a whole content run of the question
    definition_boost: float = 1.5        # ...followed by 是/是指/就是 (it defines the term)
    type_boost: float = 1.5              # 哪几家单位办的: a sentence holding a thing of the asked type
    enum_label_chars: int = 24           # 一是势头好,…: an item named by its first clause up to this long
    short_heading_chars: int = 8         # 二是准 says little alone: add its first body sentence
    subject_heading_chars: int = 40      # a quoted paragraph's own heading sentence up to this long names its subject
    point_match_share: float = 0.2       # enumerated points answer a question holding this share of its pairs
    outline_max_items: int = 20          # a speech without headings: at most this many topic paragraphs
    section_share: float = 0.6           # 在X方面: a heading holding this share of X's character pairs
    speech_share: float = 0.5            # 各篇讲话…: a speech whose best paragraph scores this share of the best
    max_speeches: int = 5                # ...takes part, up to this many speeches
