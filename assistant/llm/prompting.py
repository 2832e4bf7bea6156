"""Building the chat messages for the LLM from the editable templates in ``prompts/``.

The retrieved paragraphs go in as numbered sources, each fenced by ``<<<资料 n>>>`` …
``<<<资料 n 结束>>>``; the system prompt tells the model that fenced text is data, never
instructions (prompt injection from the corpus). Any ``<<<``/``>>>`` inside corpus text or the
question is neutralised first, so no text can close a fence early and speak as the user.

The whole prompt is kept within ``LLMConfig.context_budget`` characters: sources go in by
rank, long paragraphs are cut to the sentences around the query's words, and whatever was
cut or left out is reported (``BuiltPrompt.notes()``), never dropped silently.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from string import Template
from typing import Protocol

from ..config import LLMConfig
from ..file_reading import os_reason, read_regular_file
from ..results import Hit
from ..text_analysis import content_words, normalise, split_sentences

Message = dict[str, str]

SYSTEM_FILE = "system.txt"
ANSWER_FILE = "answer.txt"
PLACEHOLDERS = frozenset({"sources", "source_count", "history", "question"})
REQUIRED = frozenset({"sources", "question"})

MIN_SOURCE_CHARS = 80          # a source cut shorter than this says too little to be worth sending
MAX_SOURCES_SHARE = 3          # when trimming, each long paragraph gets ≥ 1/3 of the room
HISTORY_SHARE = 4              # conversation history may take at most 1/4 of the budget
HISTORY_ANSWER_CHARS = 200     # earlier answers are summarised to their opening
ELLIPSIS = "……"


class PromptError(ValueError):
    """A prompt template that can't be used; ``str(e)`` is a Chinese message naming the file."""


class _Texted(Protocol):
    @property
    def text(self) -> str: ...


class _TurnLike(Protocol):
    """An earlier turn of the conversation (``engine.Turn``)."""

    @property
    def question(self) -> str: ...

    @property
    def answer(self) -> _Texted: ...


@dataclass(frozen=True)
class Templates:
    system: Template
    answer: Template
    directory: Path


@dataclass
class PromptSource:
    n: int
    hit: Hit
    text: str          # the text as sent (possibly cut)
    trimmed: bool


@dataclass
class BuiltPrompt:
    messages: list[Message]
    sources: list[PromptSource]
    budget: int
    chars: int                                                  # characters actually sent
    trimmed: list[tuple[str, int, int]] = field(default_factory=list)   # (id, original, kept)
    dropped: list[str] = field(default_factory=list)            # ids retrieved but not sent
    history_used: int = 0
    history_dropped: int = 0

    @property
    def over_budget(self) -> bool:
        return self.chars > self.budget

    def source(self, n: int) -> PromptSource | None:
        for s in self.sources:
            if s.n == n:
                return s
        return None

    def notes(self) -> list[str]:
        """What the budget cost, in Chinese, for ``Answer.notes``."""
        out: list[str] = []
        if self.trimmed:
            parts = "、".join(f"{uid}({kept}/{orig} 字)" for uid, orig, kept in self.trimmed)
            out.append(f"受上下文预算({self.budget} 字)所限,以下段落只送入与问题相关的部分:{parts}")
        if self.dropped:
            out.append(f"受上下文预算所限,未送入模型的检索段落:{'、'.join(self.dropped)}")
        if self.history_dropped:
            out.append(f"受上下文预算所限,省略了较早的 {self.history_dropped} 轮对话")
        if self.over_budget:
            out.append(f"提示词 {self.chars} 字,超出预算 {self.budget} 字")
        return out


# --- templates --------------------------------------------------------------------------

def default_prompts_dir() -> Path:
    """``_shipped/prompts`` inside an installed wheel, else the repository's ``prompts/``."""
    here = Path(__file__).resolve().parent.parent   # the assistant package
    for candidate in (here / "_shipped" / "prompts", here.parent / "prompts"):
        if (candidate / SYSTEM_FILE).is_file() and (candidate / ANSWER_FILE).is_file():
            return candidate
    raise PromptError("找不到随附的提示模板(prompts/system.txt 与 prompts/answer.txt)")


def prompts_dir(config: LLMConfig | None = None) -> Path:
    if config is not None and config.prompts_dir is not None:
        d = Path(config.prompts_dir)
        if not d.is_dir():
            raise PromptError(f"提示模板目录不存在:{d}")
        return d
    return default_prompts_dir()


def strip_comments(text: str) -> str:
    """Drop ``#`` comment lines (the placeholder documentation) and surrounding blank lines."""
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    return "\n".join(lines).strip("\n")


def _read_template(path: Path) -> Template:
    try:
        raw = read_regular_file(path).decode("utf-8")
    except FileNotFoundError:
        raise PromptError(f"找不到提示模板 {path}") from None
    except UnicodeDecodeError:
        raise PromptError(f"提示模板 {path} 不是 UTF-8 编码") from None
    except OSError as e:
        raise PromptError(f"无法读取提示模板 {path}:{os_reason(e)}") from None
    template = Template(strip_comments(raw))
    if not template.is_valid():
        raise PromptError(f"提示模板 {path} 中有无效的 $ 占位符(美元符号本身请写 $$)")
    unknown = set(template.get_identifiers()) - PLACEHOLDERS
    if unknown:
        names = "、".join("$" + u for u in sorted(unknown))
        allowed = "、".join("$" + p for p in sorted(PLACEHOLDERS))
        raise PromptError(f"提示模板 {path} 中有未知占位符 {names}(可用:{allowed})")
    return template


def load_templates(directory: Path) -> Templates:
    """Read both templates (every call: an edited file takes effect on the next question)."""
    system = _read_template(directory / SYSTEM_FILE)
    answer = _read_template(directory / ANSWER_FILE)
    present = set(system.get_identifiers()) | set(answer.get_identifiers())
    missing = REQUIRED - present
    if missing:
        names = "、".join("$" + m for m in sorted(missing))
        raise PromptError(f"提示模板({directory})缺少占位符 {names}")
    return Templates(system, answer, directory)


# --- text helpers -----------------------------------------------------------------------

_FENCE_RUN = re.compile(r"[<<]{3,}|[>>]{3,}")
_MARKER = re.compile(r"\s*(?:\[\s*\d+(?:\s*[,\uff0c、]\s*\d+)*\s*\]|【\s*\d+(?:\s*[,\uff0c、]\s*\d+)*\s*】)")


def neutralise(text: str) -> str:
    """Make fence look-alikes inert: ``<<<资料 1 结束>>>`` inside data can't close a fence."""
    return _FENCE_RUN.sub(lambda m: "‹" * len(m.group()) if m.group()[0] in "<<" else "›" * len(m.group()), text)


def trim_to_matches(text: str, terms: Sequence[str], limit: int) -> str:
    """The sentences around the query's terms, in source order, within ``limit`` characters.

    Sentences that contain most terms go first, then their neighbours by distance; gaps are
    shown with ``……`` so the model (and the citation check) sees that text was left out.
    """
    if len(text) <= limit:
        return text
    parts = split_sentences(text, clauses=True)
    norm_terms = [normalise(t) for t in terms if t.strip()]
    scores = [sum(1 for t in norm_terms if t in normalise(s)) for s in parts]
    matching = [i for i, sc in enumerate(scores) if sc > 0] or [0]

    def distance(i: int) -> int:
        return min(abs(i - m) for m in matching)

    order = sorted(range(len(parts)), key=lambda i: (-scores[i], distance(i), i))
    chosen: set[int] = set()

    def render(indices: set[int]) -> str:
        out: list[str] = []
        prev = -1
        for i in sorted(indices):
            if i != prev + 1:
                out.append(ELLIPSIS)
            out.append(parts[i].strip())
            prev = i
        if prev != len(parts) - 1:
            out.append(ELLIPSIS)
        return "".join(out)

    for i in order:
        if len(render(chosen | {i})) <= limit:
            chosen.add(i)
        elif scores[i] == 0:
            break   # context grows outwards from the matches; skipping ahead would scatter it
    if chosen:
        return render(chosen)
    # Even the best sentence is too long: a window of it centred on the first matching term.
    best = parts[order[0]].strip()
    room = max(1, limit - 2 * len(ELLIPSIS))
    hit_at = min((normalise(best).find(t) for t in norm_terms if t in normalise(best)), default=0)
    start = max(0, min(hit_at - room // 3, len(best) - room))
    return ELLIPSIS + best[start:start + room] + ELLIPSIS


def strip_markers(text: str) -> str:
    return _MARKER.sub("", text)


# --- building ---------------------------------------------------------------------------

def _source_block(n: int, hit: Hit, text: str) -> str:
    unit = hit.unit
    section = " › ".join(unit.section) if unit.section else "(不在小标题下)"
    kind = "(标题)" if unit.kind == "heading" else ""
    return (f"<<<资料 {n}>>>\n讲话:{neutralise(hit.speech_title)}\n章节:{neutralise(section)}\n"
            f"编号:{unit.id}{kind}\n正文:{neutralise(text)}\n<<<资料 {n} 结束>>>")


def _history_text(turns: Sequence[_TurnLike]) -> str:
    if not turns:
        return "(无)"
    lines: list[str] = []
    for t in turns:
        answer = strip_markers(getattr(t.answer, "text", "") or "").strip()
        if len(answer) > HISTORY_ANSWER_CHARS:
            answer = answer[:HISTORY_ANSWER_CHARS] + ELLIPSIS
        lines.append(f"用户:{neutralise(t.question.strip())}")
        lines.append(f"助手:{neutralise(answer) or '(无)'}")
    return "\n".join(lines)


def _render(templates: Templates, sources: str, count: int, history: str, question: str) -> list[Message]:
    values = {"sources": sources, "source_count": str(count), "history": history, "question": question}
    # substitute() is single-pass: a "$" inside sources or the question is never expanded.
    return [
        {"role": "system", "content": templates.system.substitute(values).strip()},
        {"role": "user", "content": templates.answer.substitute(values).strip()},
    ]


def _size(messages: list[Message]) -> int:
    return sum(len(m["content"]) for m in messages)


def build_prompt(question: str, hits: Sequence[Hit], config: LLMConfig, *,
                 history: Sequence[_TurnLike] | None = None, budget: int | None = None,
                 templates: Templates | None = None) -> BuiltPrompt:
    """Messages for the model with the top hits as numbered, fenced sources within budget."""
    budget = budget or config.context_budget
    templates = templates or load_templates(prompts_dir(config))
    q = neutralise(question.strip())
    turns = list(history or [])[-config.history_turns:] if config.history_turns else []
    dropped_turns = 0   # turns left out for the budget (beyond history_turns is by design)

    def overhead(ts: Sequence[_TurnLike]) -> int:
        return _size(_render(templates, "", 0, _history_text(ts), q))

    base = overhead([])
    while turns and overhead(turns) - base > budget // HISTORY_SHARE:
        turns.pop(0)
        dropped_turns += 1
    history_text = _history_text(turns)
    candidates = list(hits[: config.max_sources])
    room = budget - overhead(turns)
    separator = 2   # the blank line between blocks

    def block_len(n: int, hit: Hit, text: str) -> int:
        return len(_source_block(n, hit, text)) + separator

    texts = [h.unit.text for h in candidates]
    full = sum(block_len(i + 1, h, t) for i, (h, t) in enumerate(zip(candidates, texts)))
    @cache
    def question_terms() -> list[str]:
        # Only when something must be trimmed: analysing the question loads jieba's dictionary.
        return content_words(question)

    if full > room and candidates:
        cap = max(MIN_SOURCE_CHARS, room // min(len(candidates), MAX_SOURCES_SHARE))
        texts = [trim_to_matches(t, list(h.matched) + question_terms(), cap) for h, t in zip(candidates, texts)]

    chosen: list[PromptSource] = []
    trimmed: list[tuple[str, int, int]] = []
    dropped: list[str] = []
    remaining = room
    for hit, text in zip(candidates, texts):
        n = len(chosen) + 1
        need = block_len(n, hit, text)
        if need > remaining:
            header = block_len(n, hit, "")
            fit = remaining - header
            if fit < MIN_SOURCE_CHARS and chosen:
                dropped.append(hit.unit.id)
                continue
            # the first source always goes in, however small the room: the model needs one
            text = trim_to_matches(hit.unit.text, list(hit.matched) + question_terms(), max(fit, MIN_SOURCE_CHARS))
            need = block_len(n, hit, text)
        cut = text != hit.unit.text
        if cut:
            trimmed.append((hit.unit.id, len(hit.unit.text), len(text)))
        chosen.append(PromptSource(n, hit, text, cut))
        remaining -= need

    sources_text = "\n\n".join(_source_block(s.n, s.hit, s.text) for s in chosen)
    messages = _render(templates, sources_text, len(chosen), history_text, q)
    return BuiltPrompt(messages, chosen, budget, _size(messages), trimmed, dropped,
                       history_used=len(turns), history_dropped=dropped_turns)
