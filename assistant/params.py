"""The engine's tunable numbers, in one place: retrieval (BM25, fusion, abstention) and composition."""

from __future__ import annotations

from dataclasses import dataclass

from .index import BM25Params

__all__ = ["AnswerParams", "DENSE_RESCUE_MODEL", "RetrievalParams"]

DENSE_RESCUE_MODEL = "local:multilingual-e5-small-q4"


@dataclass(frozen=True)
class RetrievalParams:
    # k1, b and the bigram weight are the best point of a grid on the dev set only (ranking as
    # retrieved, MRR@10 then Hit@1): `python benchmarks/tune.py` writes benchmarks/tune.json.
    k1: float = 0.9
    b: float = 0.5
    epsilon: float = 0.25
    use_bigrams: bool = True
    bigram_weight: float = 1.0       # weight of the character-bigram field against the word field
    heading_weight: float = 0.8      # headings are short; keep them from crowding out paragraphs
    # Title, speaker, date and caption lines are short and share the question's words; they
    # rank below paragraphs unless the question asks who, when or where (planner answer_type).
    metadata_weight: float = 0.3
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
    # The question's neighbourhood (LexicalRanker.neighbourhood): speeches whose match density
    # is at least this share of the best speech's supply the IDFs; 0 scores with the whole
    # corpus's statistics (plain BM25Okapi). 0.1 was chosen on the dev set, speeches alone and
    # with the 1998 distractors (README, "Quality with distractors").
    neighbourhood: float = 0.1
    # Share of the semantic (embedding) ranking in the fused score; 0 ranks with BM25 alone.
    # Chosen on the dev set by benchmarks/tune.py.
    fusion_weight: float = 0.3
    query_dictionary: bool = True          # segment questions with the sharded dictionary (fast start)
    # jieba's HMM glues unknown characters of short questions to their neighbours (如何治,
    # 庸治懒), hiding both the stop word and the content; questions are segmented without it.
    query_hmm: bool = False

    def bm25(self) -> BM25Params:
        return BM25Params(self.k1, self.b, self.epsilon)


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
    enum_label_chars: int = 24           # 一是势头好,…: an item named by its first clause up to this long
    short_heading_chars: int = 8         # 二是准 says little alone: add its first body sentence
    outline_max_items: int = 12          # a speech without headings: at most this many topic paragraphs
    section_share: float = 0.6           # 在X方面: a heading holding this share of X's character pairs
    speech_share: float = 0.5            # 各篇讲话…: a speech whose best paragraph scores this share of the best
    max_speeches: int = 5                # ...takes part, up to this many speeches
