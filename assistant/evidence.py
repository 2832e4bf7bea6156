"""What composing an answer may look at, and how it numbers what it cites.

``Evidence`` is the corpus, its term statistics and the query analysis, handed to the answer
stage instead of the Engine, so no stage calls back into the pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Callable

from . import text_analysis as ta
from .corpus import Corpus, Unit
from .params import AnswerParams, RetrievalParams
from .results import Citation, Hit
from .retrieval import matched_terms

__all__ = ["Citer", "Evidence"]


@dataclass(frozen=True)
class Evidence:
    """What composing an answer may look at: the corpus, its term statistics, the query analysis."""

    corpus: Corpus
    word_idf: dict[str, float]
    word_docs: int
    bigram_idf: dict[str, float]
    bigram_docs: int
    analyse: Callable[[str], ta.Analysed]
    params: RetrievalParams
    answer: AnswerParams

    def speech_title(self, no: int) -> str:
        return self.corpus.speech(no).title

    @cached_property
    def corpus_key(self) -> str:
        """All unit texts normalised and joined without white space: does the corpus use a term?"""
        return "\n".join(ta.squash_punct(u.text) for u in self.corpus.units)

    def hit(self, unit: Unit, score: float, terms: list[str]) -> Hit:
        return Hit(unit, score, self.speech_title(unit.speech_no), matched_terms(terms, unit))


class Citer:
    """Numbers cited units in order of first citation."""

    def __init__(self, ev: Evidence, terms: list[str]) -> None:
        self.ev = ev
        self.terms = terms
        self.citations: list[Citation] = []

    def cite(self, unit: Unit) -> int:
        for c in self.citations:
            if c.unit.id == unit.id:
                return c.n
        n = len(self.citations) + 1
        self.citations.append(Citation(n, unit, self.ev.speech_title(unit.speech_no),
                                       matched_terms(self.terms, unit)))
        return n
