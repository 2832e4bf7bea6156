"""Check the project's question set against the seed corpus.

Usage: python tests/data/check_gold.py [QUESTIONS.jsonl] [SEED.txt]

Every gold snippet must occur (white space ignored) inside one non-empty line
of the seed file, because the evaluation treats a paragraph as relevant when
it contains a snippet; a snippet found in more than two lines is flagged as not
distinctive. Exit status 1 on any error, 0 otherwise (warnings do not fail).
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_QUESTIONS = HERE / "questions.jsonl"
DEFAULT_SEED = HERE.parent.parent / "seeds" / "000_bf9682d57e2f1d62.txt"
KNOWN_TYPES = {"lookup", "paraphrase", "structure", "multi", "unanswerable", "robustness"}
MAX_LINES_PER_SNIPPET = 2

_WS = re.compile(r"\s+")


def squash(text: str) -> str:
    return _WS.sub("", text)


def main(argv: list[str]) -> int:
    questions_path = Path(argv[1]) if len(argv) > 1 else DEFAULT_QUESTIONS
    seed_path = Path(argv[2]) if len(argv) > 2 else DEFAULT_SEED
    lines = [squash(line) for line in seed_path.read_text(encoding="utf-8").splitlines()]
    lines = [line for line in lines if line]

    errors: list[str] = []
    warnings: list[str] = []
    ids: Counter[str] = Counter()
    types: Counter[str] = Counter()

    for lineno, raw in enumerate(questions_path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as exc:
            errors.append(f"line {lineno}: invalid JSON: {exc}")
            continue
        qid = record.get("id")
        where = f"line {lineno} ({qid})"
        if not isinstance(qid, str) or not qid:
            errors.append(f"{where}: missing id")
        ids[str(qid)] += 1
        if not isinstance(record.get("question"), str) or not record["question"].strip():
            errors.append(f"{where}: missing question")
        gold = record.get("gold")
        if not isinstance(gold, list) or not all(isinstance(g, str) for g in gold):
            errors.append(f"{where}: gold must be a list of strings")
            gold = []
        qtype = record.get("type")
        types[str(qtype)] += 1
        if qtype not in KNOWN_TYPES:
            warnings.append(f"{where}: unknown type {qtype!r}")
        if (qtype == "unanswerable") != (not gold):
            errors.append(f"{where}: empty gold must go with type 'unanswerable' and vice versa")
        contains = record.get("answer_contains")
        if contains is not None:
            if not isinstance(contains, list) or not all(isinstance(c, str) and c for c in contains):
                errors.append(f"{where}: answer_contains must be a list of non-empty strings")
            elif not gold:
                warnings.append(f"{where}: answer_contains on an unanswerable question")
        for snippet in gold:
            needle = squash(snippet)
            if not needle:
                errors.append(f"{where}: empty gold snippet")
                continue
            count = sum(needle in line for line in lines)
            if count == 0:
                errors.append(f"{where}: snippet not in corpus: {snippet!r}")
            elif count > MAX_LINES_PER_SNIPPET:
                warnings.append(f"{where}: snippet in {count} lines (not distinctive): {snippet!r}")
        # An expected answer string should come from the answering paragraphs.
        for needle in contains or []:
            if gold and isinstance(needle, str):
                para = [line for line in lines if any(squash(g) in line for g in gold)]
                if not any(squash(needle) in line for line in para):
                    warnings.append(f"{where}: answer_contains {needle!r} not in any gold paragraph")

    for qid, n in ids.items():
        if n > 1:
            errors.append(f"duplicate id {qid!r} ({n} times)")

    for message in warnings:
        print(f"WARN  {message}")
    for message in errors:
        print(f"ERROR {message}")
    total = sum(types.values())
    print(f"{total} questions: " + ", ".join(f"{t}={n}" for t, n in sorted(types.items())))
    print(f"{len(errors)} errors, {len(warnings)} warnings")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
