"""Question sets and conversation sets: reading, validating, and what counts as relevant.

A question set (DESIGN.md, **Contract**) is JSONL or YAML; each question names *gold*
snippets of source text. A unit (paragraph or heading) is **relevant** to a question when its
text contains one of the question's gold snippets, compared after NFKC normalisation with all
white space removed on both sides (a snippet typed with a full-width ``,`` matches ``,``).
A question with no gold snippet is *unanswerable*: the assistant should abstain.

A conversation set is JSONL or YAML too, one conversation an object:
``{"id": …, "turns": [{"question", "gold", "answer_contains", "follow_up"}, …]}``; each turn
is asked with the turns before it as history.
"""

from __future__ import annotations

import difflib
import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Protocol, Sequence

import yaml

from .file_reading import os_reason, read_regular_file
from .parser_messages import yaml_detail
from .text_analysis import SURROGATE as _SURROGATE

_MAX_LISTED_PROBLEMS = 20
_QUESTION_FIELDS = ("id", "question", "gold", "answer_contains", "type")



# json's messages in the user's language (the rest are shown as json words them).
_JSON_PROBLEMS = (("Expecting ',' delimiter", "缺少逗号"), ("Expecting ':' delimiter", "缺少冒号"),
                  ("Expecting property name enclosed in double quotes", "键名要用双引号括起来"),
                  ("Expecting value", "缺少值或值写法不对"), ("Unterminated string", "字符串没有结束(缺少引号)"),
                  ("Extra data", "一行里有多余的内容"), ("Invalid control character", "含有非法控制字符"),
                  ("Invalid \\escape", "反斜杠转义写法不对"))


def json_problem(e: json.JSONDecodeError) -> str:
    """What is wrong with a line of JSON, in Chinese where json's message is a common one."""
    return next((zh for en, zh in _JSON_PROBLEMS if e.msg.startswith(en)), e.msg)


def _line_problem(e: json.JSONDecodeError, line: str) -> str:
    """json's complaint about one JSONL line, with its column. At the very end of the line
    json expects a comma or another item: the line most likely lacks its closing } or ]."""
    if e.pos >= len(line) and not e.msg.startswith("Unterminated string"):
        return "这一行在 JSON 对象或数组闭合前就结束了,缺少 } 或 ]?"
    # json names what it expected after the comma; the writer's slip is the comma itself.
    if line[e.pos] in "}]" and line[:e.pos].rstrip().endswith(","):
        return f"最后一项后面多了逗号,JSON 不允许这样写,第 {e.colno} 列"
    return f"{json_problem(e)},第 {e.colno} 列"


def relevance_key(text: str) -> str:
    """The form gold snippets and unit texts are compared in: NFKC, no white space."""
    return "".join(unicodedata.normalize("NFKC", text).split())


@dataclass
class Question:
    id: str
    question: str
    gold: list[str]
    answer_contains: list[str] = field(default_factory=list)
    type: str = ""
    extra: dict[str, Any] = field(default_factory=dict)  # unknown fields, kept and ignored

    @property
    def answerable(self) -> bool:
        return bool(self.gold)


class QuestionSetError(ValueError):
    """A question set that cannot be used; ``str(e)`` is a Chinese message for the user."""

    def __init__(self, path: str | Path, problems: list[str]) -> None:
        self.path = str(path)
        self.problems = problems
        shown = problems[:_MAX_LISTED_PROBLEMS]
        lines = [f"问题集 {self.path} 有 {len(problems)} 处错误:" if len(problems) > 1
                 else f"问题集 {self.path} 有错误:"]
        lines += [f"  {p}" for p in shown]
        if len(problems) > len(shown):
            lines.append(f"  ……另有 {len(problems) - len(shown)} 处错误未列出")
        super().__init__("\n".join(lines))


def _type_name(value: Any) -> str:
    names = {bool: "布尔值", int: "整数", float: "小数", str: "字符串", list: "列表",
             dict: "对象", type(None): "空值(null)"}
    return names.get(type(value), type(value).__name__)


def _string_list(value: Any) -> tuple[list[str], str | None]:
    """The value as a list of non-blank strings, or the problem with it."""
    if not isinstance(value, list):
        return [], f"应为字符串列表,实际是{_type_name(value)}"
    for i, item in enumerate(value, 1):
        if not isinstance(item, str):
            return [], f"第 {i} 个元素应为字符串,实际是{_type_name(item)}"
        if not relevance_key(item):
            return [], f"第 {i} 个元素是空字符串"
    return list(value), None


def _has_surrogates(value: Any) -> bool:
    """Whether a parsed value holds lone surrogates (JSON ``"\\ud800"`` escapes): such text
    can't be searched or written to a UTF-8 report."""
    if isinstance(value, str):
        return bool(_SURROGATE.search(value))
    if isinstance(value, dict):
        return any(_has_surrogates(k) or _has_surrogates(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_surrogates(v) for v in value)
    return False


# Question objects nest three levels deep; far deeper is no question set, and Python's parsers
# and walkers recurse, so a file of 100,000 brackets would end in a RecursionError.
MAX_NESTING = 32
_TOO_DEEP = f"嵌套层数过深(超过 {MAX_NESTING} 层)"


def _too_deep(value: Any, limit: int = MAX_NESTING) -> bool:
    """Whether lists and dicts nest more than ``limit`` levels (walked without recursion)."""
    level: list[Any] = [value]
    for _ in range(limit + 1):
        level = [c for v in level if isinstance(v, (list, dict))
                 for c in (v.values() if isinstance(v, dict) else v)]
        if not level:
            return False
    return True


class _PlainYamlLoader(yaml.SafeLoader):
    """SafeLoader without aliases and with a nesting limit.

    Aliases let a few hundred bytes stand for billions of items ("billion laughs"), which
    every later walk over the data would expand; a question set has no use for them.
    """

    _depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(None, None, "问题集不支持 YAML 别名(*名称)与锚点", self.peek_event().start_mark)
        if self._depth >= MAX_NESTING:
            raise yaml.composer.ComposerError(None, None, _TOO_DEEP, self.peek_event().start_mark)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


# A raw question object with the function that names its place ("第 3 行,字段“gold”").
_Item = tuple[Any, Callable[[str | None], str]]


def _parse_question(obj: Any, where: Callable[[str | None], str]) -> tuple[Question | None, list[str]]:
    """Validate one question object; ``where(field)`` names its place for messages."""
    if not isinstance(obj, dict):
        return None, [f"{where(None)}:应为一个对象(包含 id、question、gold),实际是{_type_name(obj)}"]
    problems: list[str] = []

    def bad(name: str | None, message: str) -> None:
        problems.append(f"{where(name)}:{message}")

    for name in ("id", "question", "gold"):
        if name not in obj:
            # (“questoin”: the field written a little wrong is named beside the one missing.)
            near = [k for k in obj if isinstance(k, str) and difflib.get_close_matches(k.lower(), [name], n=1, cutoff=0.75)]
            bad(None, f"缺少必填字段“{name}”" + (f"(是不是把“{near[0]}”写错了?)" if near else ""))
    qid, text = obj.get("id"), obj.get("question")
    for name, value in (("id", qid), ("question", text)):
        if name not in obj:
            continue
        if not isinstance(value, str):
            hint = f" {value!r}(请加引号写成字符串)" if isinstance(value, (int, float)) and name == "id" else ""
            bad(name, f"应为字符串,实际是{_type_name(value)}{hint}")
        elif not value.strip():
            bad(name, "不能为空")
    gold: list[str] = []
    if "gold" in obj:
        gold, err = _string_list(obj["gold"])
        if err:
            bad("gold", err)
    contains: list[str] = []
    if obj.get("answer_contains") is not None:
        contains, err = _string_list(obj["answer_contains"])
        if err:
            bad("answer_contains", err)
    qtype = obj.get("type")
    if qtype is not None and not isinstance(qtype, str):
        bad("type", f"应为字符串,实际是{_type_name(qtype)}")
    if problems:
        return None, problems
    extra = {k: v for k, v in obj.items() if k not in _QUESTION_FIELDS}
    return Question(qid.strip(), text, gold, contains, (qtype or "").strip(), extra), []


def _jsonl_items(text: str) -> list[_Item | str]:
    """The objects of a JSONL text, in file order; a line that is no JSON gives its message."""
    items: list[_Item | str] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        try:
            obj = json.loads(stripped)
            too_deep = _too_deep(obj)
        except json.JSONDecodeError as e:
            items.append(f"第 {lineno} 行:不是合法的 JSON({_line_problem(e, stripped)})")
            continue
        except RecursionError:   # json recurses once per bracket
            too_deep = True
        if too_deep:
            items.append(f"第 {lineno} 行:{_TOO_DEEP}")
            continue

        def where(name: str | None, lineno: int = lineno) -> str:
            return f"第 {lineno} 行" + (f",字段“{name}”" if name else "")
        items.append((obj, where))
    return items


# PyYAML's error contexts whose mark is where a bracket or quote was opened.
_UNCLOSED_CONTEXTS = ("while parsing a flow", "while scanning a quoted scalar")


def _yaml_items(text: str) -> list[_Item | str]:
    # Compose first, then construct: the node tree keeps the line of every item and key.
    loader = _PlainYamlLoader(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        problem = getattr(e, "problem", None) or str(e)
        found = ""
        opened = getattr(e, "context_mark", None)
        if opened is not None and str(getattr(e, "context", "")).startswith(_UNCLOSED_CONTEXTS):
            # An unclosed [ { or quote is found wrong only where the parser gave up (the next
            # line, or the end): the line to fix is the one where it was opened.
            if mark is not None and mark.line != opened.line:
                # (The parser's mark past the last line is the end of the file, not a line 4 of 3.)
                lines = len(text.splitlines())
                found = f";在第 {mark.line + 1} 行发现" if mark.line < lines else ";直到文件末尾仍未闭合"
            mark = opened
        at = f"第 {mark.line + 1} 行:" if mark is not None else ""
        return [f"{at}不是合法的 YAML({yaml_detail(problem)}{found})"]
    finally:
        loader.dispose()
    if isinstance(data, dict) and "questions" in data:
        data = data["questions"]
        root = next((v for k, v in root.value if getattr(k, "value", None) == "questions"), None)
    if not isinstance(data, list):
        return ["YAML 问题集应为一个问题列表,或包含 questions: 列表的对象"]
    nodes = list(root.value) if isinstance(root, yaml.SequenceNode) else [None] * len(data)
    items: list[_Item | str] = []
    for index, (obj, node) in enumerate(zip(data, nodes), 1):
        def where(name: str | None, index: int = index, node: Any = node) -> str:
            line = node.start_mark.line + 1 if node is not None else None
            if name and isinstance(node, yaml.MappingNode):
                line = next((k.start_mark.line + 1 for k, _ in node.value
                             if getattr(k, "value", None) == name), line)
            place = f"第 {index} 项" + (f"(第 {line} 行)" if line else "")
            return place + (f",字段“{name}”" if name else "")
        items.append((obj, where))
    return items


def _read_items(path: Path) -> list[_Item | str]:
    """The raw objects of a JSONL or YAML set file; QuestionSetError when it can't be read."""
    suffix = path.suffix.lower()
    if path.is_dir():
        raise QuestionSetError(path, ["这是一个目录,不是问题集文件"])
    if suffix not in (".jsonl", ".json", ".yaml", ".yml"):
        raise QuestionSetError(path, [f"不支持的文件类型“{suffix or '(无扩展名)'}”;请使用 .jsonl 或 .yaml"])
    try:
        text = read_regular_file(path).decode("utf-8-sig")
    except FileNotFoundError:
        raise QuestionSetError(path, ["文件不存在"]) from None
    except IsADirectoryError:
        raise QuestionSetError(path, ["这是一个目录,不是问题集文件"]) from None
    except UnicodeDecodeError:
        raise QuestionSetError(path, ["不是 UTF-8 编码的文本文件"]) from None
    except OSError as e:
        raise QuestionSetError(path, [f"无法读取({os_reason(e)})"]) from None
    # A .json file holding one array (not JSON Lines) is read as YAML, which JSON is a subset of.
    as_yaml = suffix in (".yaml", ".yml") or (suffix == ".json" and text.lstrip().startswith("["))
    return (_yaml_items if as_yaml else _jsonl_items)(text)


def _collect(path: Path, items: list[_Item | str],
             parse: Callable[[Any, Callable[[str | None], str]], tuple[Any, list[str]]]) -> list[Any]:
    """Parse every item, checking ids are unique; QuestionSetError listing every problem."""
    problems: list[str] = []
    parsed: list[Any] = []
    first_seen: dict[str, str] = {}
    for item in items:
        if isinstance(item, str):
            problems.append(item)
            continue
        obj, where = item
        if _has_surrogates(obj):
            problems.append(f"{where(None)}:含有无效的 Unicode 字符(孤立的代理项,如 \\ud800),无法作为 UTF-8 文本写出")
            continue
        value, errs = parse(obj, where)
        problems += errs
        if value is None:
            continue
        if value.id in first_seen:
            problems.append(f"{where('id')}:id “{value.id}” 重复(首次出现在{first_seen[value.id]})")
            continue
        first_seen[value.id] = where(None)
        parsed.append(value)
    if not problems and not parsed:
        problems.append("没有任何问题")
    if problems:
        raise QuestionSetError(path, problems)
    return parsed


def load_questions(path: str | Path) -> list[Question]:
    """Read a question set: ``.jsonl``/``.json`` (one object a line) or ``.yaml``/``.yml``.

    Raises QuestionSetError naming file, line (or item) and field for anything malformed.
    """
    path = Path(path)
    return _collect(path, _read_items(path), _parse_question)


@dataclass
class ConversationTurn:
    question: Question        # id "<conversation>#<n>"; type "follow-up" / "new-topic" unless given
    follow_up: bool           # whether the turn leans on the turns before it


@dataclass
class Conversation:
    id: str
    turns: list[ConversationTurn]


def _parse_conversation(obj: Any, where: Callable[[str | None], str]) -> tuple[Conversation | None, list[str]]:
    if not isinstance(obj, dict):
        return None, [f"{where(None)}:应为一个对话对象(包含 id、turns),实际是{_type_name(obj)}"]
    problems: list[str] = []
    cid = obj.get("id")
    if not isinstance(cid, str) or not cid.strip():
        problems.append(f"{where('id')}:应为非空字符串")
    turns = obj.get("turns")
    if not isinstance(turns, list):
        problems.append(f"{where('turns')}:应为轮次列表,实际是{_type_name(turns)}")
    elif not turns:
        problems.append(f"{where('turns')}:不能为空,至少要有一轮问题")
    if problems:
        return None, problems
    out: list[ConversationTurn] = []
    for n, raw in enumerate(turns, 1):
        def turn_where(name: str | None, n: int = n) -> str:
            return where("turns") + f" 第 {n} 轮" + (f"的“{name}”" if name else "")
        if not isinstance(raw, dict):
            problems.append(f"{turn_where(None)}:应为对象,实际是{_type_name(raw)}")
            continue
        follow_up = raw.get("follow_up", n > 1)
        if not isinstance(follow_up, bool):
            problems.append(f"{turn_where('follow_up')}:应为 true 或 false,实际是{_type_name(follow_up)}")
            continue
        kind = "follow-up" if follow_up else "new-topic"
        q, errs = _parse_question({"type": kind, **raw, "id": f"{cid.strip()}#{n}"}, turn_where)
        problems += errs
        if q is not None:
            out.append(ConversationTurn(q, follow_up))
    return (None, problems) if problems else (Conversation(cid.strip(), out), [])


def load_conversations(path: str | Path) -> list[Conversation]:
    """Read a conversation set (JSONL or YAML, one conversation an object)."""
    path = Path(path)
    return _collect(path, _read_items(path), _parse_conversation)


def load_set(path: str | Path) -> list[Question] | list[Conversation]:
    """A question set or a conversation set, told apart by their first object (``turns``)."""
    path = Path(path)
    items = _read_items(path)
    first = next((item[0] for item in items if not isinstance(item, str)), None)
    if isinstance(first, dict) and "turns" in first:
        return _collect(path, items, _parse_conversation)
    return _collect(path, items, _parse_question)


def misspelt_fields(questions: Iterable[Question]) -> list[tuple[str, str, str]]:
    """(question id, field, the field it most likely meant) for unknown fields that are near
    misses of a known one: ``answer_contain`` is kept and ignored like any extra field, so
    without a word the question would silently be scored without what its writer asked."""
    known = (*_QUESTION_FIELDS, "follow_up")
    found: list[tuple[str, str, str]] = []
    for q in questions:
        for name in q.extra:
            close = difflib.get_close_matches(name.lower(), known, n=1, cutoff=0.75)
            if close and not (name == "follow_up" and "#" in q.id):
                found.append((q.id, name, close[0]))
    return found


class _HasUnits(Protocol):
    @property
    def units(self) -> Sequence[Any]: ...


def find_unmatched_gold(questions: Iterable[Question], corpus: _HasUnits) -> list[tuple[str, str]]:
    """(question id, snippet) for every gold snippet no unit of the corpus contains.

    Such a question can never score: its set is out of step with the corpus.
    """
    texts = [relevance_key(u.text) for u in corpus.units]
    missing: list[tuple[str, str]] = []
    for q in questions:
        for g in q.gold:
            key = relevance_key(g)       # once, not once per unit: a snippet may be megabytes long
            if not any(key in t for t in texts):
                missing.append((q.id, g))
    return missing


