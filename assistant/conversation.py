"""Conversations: the exchanges of one chat session, saved atomically, exported as Markdown.

A conversation is written to ``<data dir>/conversations/<id>.json`` after every exchange.
Writes go to a temporary file in the same directory which is then renamed over the old one
(``os.replace`` is atomic on POSIX and Windows), so a killed process leaves either the old
or the new file, never half of one. Ids carry a random suffix, so two TUI instances never
write the same file.

Answers are stored with the full text and position of every cited unit, so a reopened
conversation shows its sources even if the corpus has changed or is not loaded.
"""

from __future__ import annotations

import json
import os
import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from platformdirs import user_data_dir, user_documents_dir

from .atomic_file import atomic_write_text
from .corpus import Unit
from .file_reading import os_reason, read_regular_file
from .lazy_pattern import LazyPattern
from .results import (
    FALLBACK_LABEL,
    Answer,
    AnswerSentence,
    Citation,
    Hit,
    fallback_problem,
    note_above_answer,
)

if TYPE_CHECKING:
    from .corpus import Corpus
    from .engine import Turn

APP_NAME = "speech-assistant"
DATA_DIR_ENV = "ASSISTANT_DATA_DIR"
SCHEMA_VERSION = 1

ExchangeStatus = Literal["answered", "cancelled", "error"]


class ConversationError(Exception):
    """A saved conversation that cannot be read or written; the message is for the user."""


# ---- locations -----------------------------------------------------------------------

def data_dir() -> Path:
    """Where conversations live: ``$ASSISTANT_DATA_DIR`` or the platform's user data dir."""
    override = os.environ.get(DATA_DIR_ENV)
    return Path(override).expanduser() if override else Path(user_data_dir(APP_NAME))


def conversations_dir(base: Path | None = None) -> Path:
    return (base or data_dir()) / "conversations"


def exports_dir(base: Path | None = None) -> Path:
    """Exports go where a user looks for documents: ~/Documents/speech-assistant when that
    folder exists, otherwise beside the conversations (servers often have no Documents)."""
    if base is None and not os.environ.get(DATA_DIR_ENV):
        docs = Path(user_documents_dir())
        if docs.is_dir():
            return docs / APP_NAME
    return (base or data_dir()) / "exports"


# ---- model ---------------------------------------------------------------------------

def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def new_conversation_id() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S-") + secrets.token_hex(3)


@dataclass
class Exchange:
    question: str
    answer: Answer | None = None
    status: ExchangeStatus = "answered"
    error: str | None = None          # why there is no answer (cancelled, failed), for the user
    asked_at: str = field(default_factory=_now)


@dataclass
class Conversation:
    id: str = field(default_factory=new_conversation_id)
    created: str = field(default_factory=_now)
    updated: str = ""
    exchanges: list[Exchange] = field(default_factory=list)
    path: Path | None = field(default=None, compare=False)  # where it was loaded from / saved to
    name: str = ""      # a title the user gave it (rename); else the first question is the title
    corpus: str = ""    # corpus_identity of what it was asked over ("" in files saved before it was kept)

    @property
    def title(self) -> str:
        if self.name.strip():
            return self.name.strip()
        for ex in self.exchanges:
            q = " ".join(ex.question.split())
            if q:
                return q if len(q) <= 40 else q[:39] + "…"
        return "新对话"

    def add(self, exchange: Exchange) -> Exchange:
        self.exchanges.append(exchange)
        return exchange

    def turns(self, corpus: "Corpus | None" = None) -> list["Turn"]:
        """The answered exchanges, as the engine's history for follow-up questions; with
        ``corpus``, only those whose citations it still holds as they were cited (a conversation
        saved over another corpus gives no follow-up a paragraph of that corpus to lean on)."""
        from .engine import (
            Turn,  # the engine pulls in jieba; keep this module light to import
        )

        return [Turn(ex.question, ex.answer) for ex in self.exchanges
                if ex.status == "answered" and ex.answer is not None
                and not (corpus is not None and any(is_stale(c.unit.id, c.unit.text, corpus) for c in ex.answer.citations))]

    # -- JSON --
    def to_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_VERSION,
            "id": self.id,
            "title": self.title,
            "name": self.name,
            "corpus": self.corpus,
            "created": self.created,
            "updated": self.updated,
            "exchanges": [_exchange_to_json(ex) for ex in self.exchanges],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Conversation":
        if not isinstance(data, dict) or not isinstance(data.get("exchanges"), list):
            raise ConversationError("不是讲话助手保存的对话文件")
        if int(data.get("schema", 0)) > SCHEMA_VERSION:
            raise ConversationError("对话文件来自更新版本的讲话助手,无法读取")
        return cls(
            id=str(data.get("id") or new_conversation_id()),
            created=str(data.get("created", "")),
            updated=str(data.get("updated", "")),
            name=str(data.get("name") or ""),
            corpus=str(data.get("corpus") or ""),
            exchanges=[_exchange_from_json(e) for e in data["exchanges"]],
        )


def _unit_to_json(u: Unit) -> dict[str, Any]:
    return {"id": u.id, "speech_no": u.speech_no, "seq": u.seq, "kind": u.kind, "text": u.text,
            "section": list(u.section), "heading": u.heading, "level": u.level}


def _unit_from_json(d: dict[str, Any]) -> Unit:
    return Unit(str(d["id"]), int(d["speech_no"]), int(d["seq"]), d.get("kind", "paragraph"),
                str(d["text"]), tuple(str(s) for s in d.get("section", [])), d.get("heading"),
                int(d.get("level", 0)))


def answer_to_json(a: Answer) -> dict[str, Any]:
    return {
        "question": a.question,
        "text": a.text,
        "abstained": a.abstained,
        "mode": a.mode,
        "citations": [{"n": c.n, "unit": _unit_to_json(c.unit), "speech": c.speech_title,
                       "matched": c.matched, "supported": c.supported} for c in a.citations],
        "hits": [{"unit": _unit_to_json(h.unit), "score": h.score, "speech": h.speech_title,
                  "matched": h.matched} for h in a.hits],
        "sentences": [{"text": s.text, "citations": s.citations, "supported": s.supported}
                      for s in a.sentences],
        "notes": a.notes,
        "query": a.query,
        "elapsed_ms": a.elapsed_ms,
        "incomplete": a.incomplete,
        "unsupported_sentences": a.unsupported_sentences,
        "removed_markers": a.removed_markers,
        "misquotes": a.misquotes,
        "partial": a.partial,
        "reason": a.reason,
        "plan": a.plan,
        "retrieval": a.retrieval,
        "fallback": answer_to_json(a.fallback) if a.fallback is not None else None,
    }


def answer_from_json(d: dict[str, Any]) -> Answer:
    return Answer(
        question=str(d.get("question", "")),
        text=str(d.get("text", "")),
        abstained=bool(d.get("abstained", False)),
        mode=str(d.get("mode", "extractive")),
        citations=[Citation(int(c["n"]), _unit_from_json(c["unit"]), str(c.get("speech", "")),
                            list(c.get("matched", [])), c.get("supported")) for c in d.get("citations", [])],
        hits=[Hit(_unit_from_json(h["unit"]), float(h.get("score", 0.0)), str(h.get("speech", "")),
                  list(h.get("matched", []))) for h in d.get("hits", [])],
        sentences=[AnswerSentence(str(s["text"]), [int(n) for n in s.get("citations", [])], s.get("supported"))
                   for s in d.get("sentences", [])],
        notes=[str(n) for n in d.get("notes", [])],
        query=str(d.get("query", "")),
        elapsed_ms=float(d.get("elapsed_ms", 0.0)),
        incomplete=bool(d.get("incomplete", False)),
        unsupported_sentences=list(d.get("unsupported_sentences", [])),
        removed_markers=list(d.get("removed_markers", [])),
        misquotes=list(d.get("misquotes", [])),
        partial=bool(d.get("partial", False)),
        reason=str(d.get("reason", "")),
        plan=d["plan"] if isinstance(d.get("plan"), dict) else None,
        retrieval=d["retrieval"] if isinstance(d.get("retrieval"), dict) else None,
        fallback=answer_from_json(d["fallback"]) if isinstance(d.get("fallback"), dict) else None,
    )


def _exchange_to_json(ex: Exchange) -> dict[str, Any]:
    return {"question": ex.question, "status": ex.status, "error": ex.error, "asked_at": ex.asked_at,
            "answer": answer_to_json(ex.answer) if ex.answer else None}


def _exchange_from_json(d: dict[str, Any]) -> Exchange:
    status = d.get("status", "answered")
    if status not in ("answered", "cancelled", "error"):
        status = "error"
    return Exchange(str(d.get("question", "")), answer_from_json(d["answer"]) if d.get("answer") else None,
                    status, d.get("error"), str(d.get("asked_at", "")))


# ---- save / load ---------------------------------------------------------------------

def save_conversation(conv: Conversation, directory: Path | None = None) -> Path:
    """Write ``conv`` atomically; returns the file. Raises ConversationError on I/O failure."""
    directory = directory or conversations_dir()
    path = directory / f"{conv.id}.json"
    conv.updated = _now()
    _write(conv, path)
    return path


def _write(conv: Conversation, path: Path) -> None:
    try:
        atomic_write_text(path, json.dumps(conv.to_json(), ensure_ascii=False, indent=1))
    except OSError as e:
        raise ConversationError(f"无法保存对话到 {path}:{os_reason(e)}") from e
    conv.path = path


def load_conversation(path: Path) -> Conversation:
    try:
        data = json.loads(read_regular_file(path).decode("utf-8"))
    except OSError as e:
        raise ConversationError(f"无法读取对话文件 {path}:{os_reason(e)}") from e
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as e:   # RecursionError: deeply nested
        raise ConversationError(f"对话文件已损坏:{path}") from e
    try:
        conv = Conversation.from_json(data)
    except (KeyError, TypeError, ValueError, RecursionError) as e:
        raise ConversationError(f"对话文件格式不对:{path}") from e
    conv.path = path
    return conv


@dataclass
class SavedConversation:
    path: Path
    id: str
    title: str
    updated: str
    questions: int
    created: str = ""
    asked: list[str] = field(default_factory=list)   # every question, for the search filter
    named: bool = False                              # the title was given by the user

    def label(self) -> str:
        """The title with when the conversation started: a first question asked twice
        (a fresh start on the same topic) still gives two different entries."""
        return f"{self.title} · {_when(self.created or self.updated)}"

    def matches(self, query: str) -> bool:
        """Whether every word of ``query`` is in the title or one of the questions
        (case, width and traditional/simplified forms ignored)."""
        from .text_analysis import normalise  # OpenCC: only when the list is filtered

        words = normalise(query).split()
        hay = normalise("\n".join([self.title, *self.asked]))
        return all(w in hay for w in words)


def _when(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso or "—"


def distinct_labels(saved: list[SavedConversation]) -> list[str]:
    """One label per conversation, no two alike: title and start time, then (2), (3)…"""
    labels = [s.label() for s in saved]
    seen: dict[str, int] = {}
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
    counts: dict[str, int] = {}
    out = []
    for label in reversed(labels):   # the oldest keeps the plain label
        if seen[label] > 1:
            counts[label] = counts.get(label, 0) + 1
            out.append(label if counts[label] == 1 else f"{label} ({counts[label]})")
        else:
            out.append(label)
    return out[::-1]


def list_conversations(directory: Path | None = None) -> tuple[list[SavedConversation], list[str]]:
    """Saved conversations, newest first, and a message for each file that could not be read."""
    directory = directory or conversations_dir()
    found: list[SavedConversation] = []
    problems: list[str] = []
    if not directory.is_dir():
        return found, problems
    for path in directory.glob("*.json"):
        try:
            data = json.loads(read_regular_file(path).decode("utf-8"))
            if not isinstance(data["exchanges"], list):
                raise TypeError("exchanges")   # ("exchanges": "…": no conversation, whatever its length)
            asked = [str(e.get("question", "")) for e in data["exchanges"] if isinstance(e, dict)]
            found.append(SavedConversation(path, str(data["id"]), str(data.get("title") or "新对话"),
                                           str(data.get("updated") or data.get("created") or ""),
                                           len(data["exchanges"]), str(data.get("created") or ""),
                                           asked, bool(str(data.get("name") or "").strip())))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, AttributeError,
                RecursionError):
            problems.append(f"无法读取 {path.name},已跳过")
    found.sort(key=lambda s: (s.updated, s.id), reverse=True)
    return found, problems


def corpus_identity(paths: list[Path] | None) -> str:
    """Which corpus a conversation is asked over: the absolute paths given, or the shipped
    speeches. A path, not the files' fingerprint: editing a speech keeps its conversations."""
    if not paths:
        return "shipped"
    return "\n".join(sorted(str(Path(p).expanduser().resolve()) for p in paths))


def load_latest_conversation(directory: Path | None = None, skipped: list[str] | None = None,
                             corpus: str | None = None) -> Conversation | None:
    """The conversation saved last that can be read, by file time: start-up reads one file,
    not all of them (a damaged newer file is passed over for the one before it, and its name
    added to ``skipped``, so that the user hears of it). With ``corpus``, one asked over
    another corpus is passed over too: its citations would all be stale here."""
    directory = directory or conversations_dir()
    try:
        files = sorted(((p.stat().st_mtime, p) for p in directory.glob("*.json")), reverse=True)
    except OSError:
        return None
    for _, path in files:
        try:
            conv = load_conversation(path)
            if corpus is None or not conv.corpus or conv.corpus == corpus:
                return conv
        except ConversationError:
            if skipped is not None:
                skipped.append(path.name)
    return None


def latest_conversation(directory: Path | None = None) -> Path | None:
    conv = load_latest_conversation(directory)
    return conv.path if conv is not None else None


def rename_conversation(path: Path, name: str) -> Conversation:
    """Give a saved conversation a title (empty: back to its first question)."""
    conv = load_conversation(path)
    conv.name = " ".join(name.split())
    _write(conv, path)
    return conv


def delete_conversation(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    except OSError as e:
        raise ConversationError(f"无法删除对话文件 {path}:{os_reason(e)}") from e


# ---- Markdown export -----------------------------------------------------------------

_MARKER = LazyPattern(r"\[(\d+)\]")
_MD_SPECIAL = LazyPattern(r"([\\`*_\[\]<>|~#])")
_LINE_START = LazyPattern(r"^(\s*)([-+>]|\d+[.)])(?=\s|$)")


def escape_markdown(text: str) -> str:
    """Backslash-escape what Markdown would interpret, so corpus and user text stay literal."""
    out = []
    for line in text.split("\n"):
        line = _MD_SPECIAL.sub(r"\\\1", line)
        line = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), line)
        out.append(line)
    return "\n".join(out)


def speech_short_name(title: str) -> str:
    """在全市…的讲话(第二篇) → 第二篇; titles without a number are kept."""
    m = re.search(r"第[一二三四五六七八九十百零〇两\d]+篇", title)
    return m.group(0) if m else title


def _answer_body_markdown(answer: Answer, label: str) -> str:
    """The answer with ``[n]`` turned into footnote references ``[^label-n]``."""
    known = {c.n for c in answer.citations}
    lines = []
    for line in answer.text.split("\n"):
        m = re.match(r"^(\d+)\. ", line)  # the engine's numbered list items stay a list
        prefix, rest = (m.group(0), line[m.end():]) if m else ("", line)
        pieces = []
        pos = 0
        for mm in _MARKER.finditer(rest):
            pieces.append(escape_markdown(rest[pos:mm.start()]))
            n = int(mm.group(1))
            pieces.append(_footnote(label, n) if n in known else escape_markdown(mm.group(0)))
            pos = mm.end()
        pieces.append(escape_markdown(rest[pos:]))
        lines.append(prefix + "".join(pieces))
    # Lines of the answer are separate statements: keep them apart (a list stays tight).
    out: list[str] = []
    for i, line in enumerate(lines):
        if i and not re.match(r"^\d+\. ", line):
            out.append("")
        elif i and not re.match(r"^\d+\. ", lines[i - 1]):
            out.append("")
        out.append(line)
    return "\n".join(out)


def _footnote(label: str, n: int) -> str:
    return f"[^{label}-{n}]" if label else f"[^{n}]"


def answer_markdown_parts(a: Answer, label: str = "") -> list[str]:
    """One answer as Markdown lines: its text with ``[n]`` as footnote references (``label``
    keeps them apart between the answers of one document), notes, the extractive fallback
    below an unsupported LLM answer, and the footnotes naming and quoting each source."""
    parts: list[str] = []
    if a.plan and a.plan.get("follow_up"):
        # 那第二点呢? alone says nothing in a file: what the question was read as.
        parts.append(f"*按追问理解:{escape_markdown(a.query)}*")
        parts.append("")
    if a.mode != "extractive":
        parts.append(f"*回答方式:{escape_markdown(a.mode.removeprefix('llm:'))}(大模型)*")
        parts.append("")
    # A note that introduces the answer (the LLM failed, 以下为抽取式回答) stands above it.
    above = [n for n in a.notes if fallback_problem(n) is not None]
    for note in above:
        parts += [f"> 注:{escape_markdown(note_above_answer(note))}", ""]
    parts.append(_answer_body_markdown(a, label))
    parts.append("")
    for note in a.notes:
        if note not in above:
            parts += [f"> 注:{escape_markdown(note)}", ""]
    if a.fallback is not None:
        parts.append(f"**{FALLBACK_LABEL}:**")
        parts.append("")
        parts.append(_answer_body_markdown(a.fallback, label))
        parts.append("")
    for c in a.all_citations:
        where = " › ".join([f"《{escape_markdown(c.speech_title)}》"]
                           + [escape_markdown(s) for s in c.unit.section] + [c.unit.id])
        parts.append(f"{_footnote(label, c.n)}: {where}:“{escape_markdown(c.unit.text)}”")
    if a.all_citations:
        parts.append("")
    return parts


def export_markdown(conv: Conversation, exported_at: str | None = None) -> str:
    """The conversation as Markdown: each question, its answer, citations as footnotes."""
    parts = [f"# 讲话助手对话:{escape_markdown(conv.title)}", ""]
    parts.append(f"导出时间:{exported_at or _now()}  ")
    parts.append(f"对话编号:{conv.id}")
    parts.append("")
    for i, ex in enumerate(conv.exchanges, 1):
        parts.append(f"## 问题 {i}:{escape_markdown(' '.join(ex.question.split()))}")
        parts.append("")
        if ex.answer is None:
            parts.append(f"*{escape_markdown(ex.error or '没有回答')}*")
            parts.append("")
            continue
        parts.extend(answer_markdown_parts(ex.answer, str(i)))
    return "\n".join(parts).rstrip() + "\n"


def export_conversation(conv: Conversation, directory: Path | None = None) -> Path:
    """Write the Markdown export atomically; returns the file."""
    directory = directory or exports_dir()
    path = directory / f"对话-{conv.id}.md"
    try:
        atomic_write_text(path, export_markdown(conv))
    except OSError as e:
        raise ConversationError(f"无法导出到 {path}:{os_reason(e)}") from e
    return path


def is_stale(unit_id: str, cited_text: str, corpus: "Corpus") -> bool:
    """The corpus lacks the paragraph, or holds another text under its id."""
    now = corpus.get(unit_id)
    return now is None or now.text != cited_text
