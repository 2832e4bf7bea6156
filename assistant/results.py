"""The data every front end consumes: hits, citations, answers, and their JSON form.

The JSON shape is the ``assistant ask --json`` contract of DESIGN.md; ``Answer.to_json`` is
the one place that writes it, so the CLI, eval reports and TUI exports agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from .corpus import Unit

# Above the extractive answer that follows an LLM answer with no supported citation.
FALLBACK_LABEL = "大模型回答未经核实,以下为讲话原文"
# Ends a note on why the LLM gave no answer. The note may be read after the answer (JSON
# notes, an eval record), so it does not say 以下; shown above the answer it reads
# EXTRACTIVE_FOLLOWS instead (``note_above_answer``).
EXTRACTIVE_INSTEAD = "已改用抽取式回答。"
# Above the extractive answer that stands in for the LLM's, after the problem.
EXTRACTIVE_FOLLOWS = "以下为抽取式回答。"
CITATION_MARKER = re.compile(r"\[(\d+)\]")   # [n] in an answer's text


def fallback_note(problem: str) -> str:
    """The note on an extractive answer given because the LLM could not answer (``problem``)."""
    return f"{problem.removesuffix('。')};{EXTRACTIVE_INSTEAD}"


def fallback_problem(note: str) -> str | None:
    """The problem a ``fallback_note`` names, else None; also for a note saved before
    the wording changed (…;以下为抽取式回答。)."""
    for ending in (EXTRACTIVE_INSTEAD, EXTRACTIVE_FOLLOWS):
        if note.endswith(";" + ending):
            return note[:-len(ending) - 1]
    return None


def note_above_answer(note: str) -> str:
    """``note`` worded for a place above the answer: a fallback note then says 以下为抽取式回答."""
    problem = fallback_problem(note)
    return note if problem is None else f"{problem};{EXTRACTIVE_FOLLOWS}"


@dataclass
class Hit:
    unit: Unit
    score: float
    speech_title: str
    matched: list[str] = field(default_factory=list)  # words of the query found in the unit

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.unit.id,
            "score": round(self.score, 4),
            "kind": self.unit.kind,
            "speech": self.speech_title,
            "section": list(self.unit.section),
            "text": self.unit.text,
            "matched": self.matched,
        }


@dataclass
class Citation:
    n: int
    unit: Unit
    speech_title: str
    matched: list[str] = field(default_factory=list)
    supported: bool | None = None  # set by the LLM citation check; None when not checked

    def to_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "n": self.n,
            "id": self.unit.id,
            "kind": self.unit.kind,
            "speech": self.speech_title,
            "section": list(self.unit.section),
            "text": self.unit.text,
        }
        if self.supported is not None:
            d["supported"] = self.supported
        return d


@dataclass
class AnswerSentence:
    text: str                 # without the marker
    citations: list[int]      # citation numbers n it carries
    supported: bool | None = None


@dataclass
class Answer:
    question: str
    text: str                 # the answer with [n] markers
    abstained: bool
    mode: str                 # "extractive" or "llm:<model>"
    citations: list[Citation]
    hits: list[Hit]
    sentences: list[AnswerSentence] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)       # warnings shown to the user
    query: str = ""           # the query actually searched (follow-ups are expanded)
    elapsed_ms: float = 0.0
    incomplete: bool = False  # a streamed LLM answer that was cut
    unsupported_sentences: list[str] = field(default_factory=list)
    removed_markers: list[int] = field(default_factory=list)
    misquotes: list[str] = field(default_factory=list)
    # The speeches mention what was asked but do not give it (a name, a date, a list's items):
    # the answer says so and cites the mention. ``reason`` says what is missing.
    partial: bool = False
    reason: str = ""
    # The ranking as retrieved, before the answer was composed (eval scores both); not in JSON.
    retrieved: list[Hit] | None = None
    plan: dict[str, Any] | None = None   # how the question was read: intent, speech, follow_up
    retrieval: dict[str, Any] | None = None   # what ranked the hits: {"mode", "embeddings"}
    # An LLM answer none of whose citations the check supports (a weak model's fluent text)
    # carries the extractive answer, shown below it under FALLBACK_LABEL; its markers are
    # numbered after the model's, so one list of sources serves both.
    fallback: "Answer | None" = None

    @property
    def all_citations(self) -> list[Citation]:
        """The citations of the answer and of its fallback, as one numbered list."""
        return self.citations + (self.fallback.citations if self.fallback is not None else [])

    def to_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "question": self.question,
            "answer": self.text,
            "abstained": self.abstained,
            "partial": self.partial,
            "mode": self.mode,
            "citations": [c.to_json() for c in self.citations],
            "hits": [h.to_json() for h in self.hits],
            "query": self.query,
            "elapsed_ms": round(self.elapsed_ms, 2),
        }
        if self.partial:
            d["reason"] = self.reason
        if self.plan is not None:
            d["plan"] = self.plan
        if self.retrieval is not None:
            d["retrieval"] = self.retrieval
        if self.notes:
            d["notes"] = self.notes
        if self.mode != "extractive":
            d["incomplete"] = self.incomplete
            d["unsupported_sentences"] = self.unsupported_sentences
            d["removed_markers"] = self.removed_markers
            d["misquotes"] = self.misquotes
        if self.fallback is not None:
            fb = self.fallback
            d["fallback"] = {"label": FALLBACK_LABEL, "answer": fb.text, "abstained": fb.abstained,
                             "partial": fb.partial, "citations": [c.to_json() for c in fb.citations]}
        return d


@dataclass
class Turn:
    """One earlier question of a conversation and the answer it got (a follow-up's context)."""

    question: str
    answer: Answer


def joined(answers: list[Answer], lead: int = 0) -> Answer:
    """The answers to the parts of one question (第三部分和第四部分各讲了什么; a question of two
    clauses) as one answer: their texts one after another, the markers numbered anew so that a
    paragraph cited by two parts keeps one number. A part that found nothing adds its notes only;
    the whole abstains when every part does. The hits of part ``lead`` rank first."""
    if len(answers) == 1:
        return answers[0]
    citations: list[Citation] = []
    number: dict[str, int] = {}
    parts: list[tuple[str, list[AnswerSentence]]] = []
    hits: list[Hit] = []
    notes: list[str] = []
    answered = [a for a in answers if not a.abstained] or answers[:1]
    for a in answers:
        notes += [n for n in a.notes if n not in notes]
        if a not in answered:
            continue
        renumber: dict[int, int] = {}
        for c in a.citations:
            if c.unit.id not in number:
                number[c.unit.id] = len(citations) + 1
                citations.append(replace(c, n=number[c.unit.id]))
            renumber[c.n] = number[c.unit.id]
        text = CITATION_MARKER.sub(lambda m, r=renumber: f"[{r.get(int(m.group(1)), int(m.group(1)))}]", a.text)
        parts.append((text, [replace(s, citations=[renumber.get(n, n) for n in s.citations]) for s in a.sentences]))
    # 拿了几面红旗?连续几年…? / 谁主持的?哪几家单位办的?: a part whose text another part's holds
    # (one sentence answers both) is quoted once, by the part that says more.
    # (Read without the markers: a part that quotes one more sentence of the same paragraph ends
    # its text with the marker after that sentence.)
    bare = [CITATION_MARKER.sub("", t) for t, _ in parts]
    parts = [(t, ss) for i, (t, ss) in enumerate(parts)
             if not any(bare[i] in o and (bare[i] != o or j < i) for j, o in enumerate(bare) if j != i)]
    texts = [t for t, _ in parts]
    sentences = [x for _, ss in parts for x in ss]
    for a in sorted(answers, key=lambda a: (a.abstained, a is not answers[lead])):
        for h in a.hits:
            if all(h.unit.id != x.unit.id for x in hits):
                hits.append(h)
    # Numbered as the joined text first cites them; a citation no text cites is left out.
    text = "\n\n".join(texts)
    order = list(dict.fromkeys(int(n) for n in CITATION_MARKER.findall(text)))
    final = {old: k for k, old in enumerate(order, 1)}
    text = CITATION_MARKER.sub(lambda m: f"[{final.get(int(m.group(1)), int(m.group(1)))}]", text)
    citations = sorted((replace(c, n=final[c.n]) for c in citations if c.n in final), key=lambda c: c.n)
    sentences = [replace(s, citations=[final[n] for n in s.citations if n in final]) for s in sentences]
    partial = next((a for a in answered if a.partial), None)
    return replace(answers[0], text=text, abstained=all(a.abstained for a in answers),
                   citations=citations, hits=hits, sentences=sentences, notes=notes,
                   partial=partial is not None, reason=partial.reason if partial else "")
