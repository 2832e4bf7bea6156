"""What composing an answer may look at, and how it numbers what it cites.

``Evidence`` is the corpus, its term statistics and the query analysis, handed to the answer
stage instead of the Engine, so no stage calls back into the pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable

from . import text_analysis as ta
from .corpus import Corpus, Unit
from .lazy_pattern import LazyPattern
from .params import AnswerParams, RetrievalParams
from .question_words import named_person
from .results import AnswerSentence, Citation, Hit
from .retrieval import matched_terms

__all__ = ["Citer", "Evidence"]


# 一是细 / 二、准 / (三)优: an item named by one word after its ordinal.
_ONE_WORD_ITEM = LazyPattern(r"^(?:[一二三四五六七八九十]是|[一二三四五六七八九十][、.]|第[一二三四五六七八九十][,,]?|"
                            r"[(（][一二三四五六七八九十][)）])([\u4e00-\u9fff]{1,2})$")


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
    # Explicit cache: each speech's enumerations, read once (structure.speech_point_lists).
    point_lists_cache: dict[int, list] = field(default_factory=dict, compare=False, repr=False)  # type: ignore[type-arg]
    # Explicit cache: whether the texts give a name an office (question_words.named_person), asked
    # of every question's possible names: each looked up in the corpus once.
    people_cache: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)

    def speech_title(self, no: int) -> str:
        return self.corpus.speech(no).title

    def named_person(self, name: str) -> bool:
        """Whether the speeches give ``name`` an office (a person's name, however it is tokenized)."""
        if name not in self.people_cache:
            self.people_cache[name] = named_person(name, self.corpus_key)
        return self.people_cache[name]

    @cached_property
    def corpus_key(self) -> str:
        """All unit texts normalised and joined without white space: does the corpus use a term?"""
        return "\n".join(ta.squash_punct(u.text) for u in self.corpus.units)

    @cached_property
    def abbreviated_lists(self) -> dict[str, list[Unit]]:
        """Lists whose items are each named by one word (一是细。二是准。三是优。四是实。), by the
        words joined as a reader abbreviates them (细准优实). Built once, on first use."""
        out: dict[str, list[Unit]] = {}
        for speech in self.corpus.speeches:
            run: list[tuple[str, Unit]] = []
            for u in [*speech.units, None]:
                m = _ONE_WORD_ITEM.match(u.heading or "") if u is not None and u.kind == "paragraph" else None
                if m and (not run or u.section == run[-1][1].section):
                    run.append((m.group(1), u))
                    continue
                if len(run) >= 3:
                    out.setdefault("".join(w for w, _ in run), [x for _, x in run])
                run = [(m.group(1), u)] if m and u is not None else []
        return out

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

    def keep_only(self, sentences: list[AnswerSentence]) -> None:
        """Drop the sources ``sentences`` do not cite, and number the rest in their order."""
        used = {n for s in sentences for n in s.citations}
        self.citations = [c for c in self.citations if c.n in used]
        self.renumber(sentences)

    def renumber(self, sentences: list[AnswerSentence]) -> None:
        """Number the sources again in the order ``sentences`` now cite them (after a sentence
        was moved to the front), so the answer reads [1] before [2]."""
        order = list(dict.fromkeys(n for s in sentences for n in s.citations))
        order += [c.n for c in self.citations if c.n not in order]
        new = {old: k for k, old in enumerate(order, 1)}
        for s in sentences:
            s.citations = [new[n] for n in s.citations]
        for c in self.citations:
            c.n = new[c.n]
        self.citations.sort(key=lambda c: c.n)
