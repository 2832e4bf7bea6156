"""Word overlap between questions and the paragraphs that answer them: how "paraphrased" a set is.

    python benchmarks/overlap.py [QUESTIONS.jsonl ...]   (default: dev and held-out sets)

For each answerable question: Q = the set of adjacent character pairs inside the question's
runs of CJK ideographs (after NFKC), P = the same for the corpus line that holds its first
gold snippet; overlap = |Q ∩ P| / |Q|. Prints, per set and per question type, the count,
quartiles and a histogram in 0.05 bins, and how many questions are at or under 0.35.
"""

from __future__ import annotations

import re
import statistics
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.corpus import shipped_corpus_dir
from assistant.corpus_files import read_corpus_files
from assistant.question_sets import load_questions, relevance_key

_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
LOW = 0.35


def bigrams(text: str) -> set[str]:
    return {run[i:i + 2] for run in _CJK_RUN.findall(unicodedata.normalize("NFKC", text))
            for i in range(len(run) - 1)}


def overlap(question: str, paragraph: str) -> float:
    q = bigrams(question)
    return len(q & bigrams(paragraph)) / len(q) if q else 0.0


def main(paths: list[str]) -> int:
    texts, _ = read_corpus_files([shipped_corpus_dir()])
    lines = [(relevance_key(line), line) for _, text in texts for line in text.splitlines() if line.strip()]
    for path in paths:
        by_type: dict[str, list[float]] = defaultdict(list)
        for q in load_questions(path):
            if not q.gold:
                continue
            key = relevance_key(q.gold[0])
            para = next((line for squashed, line in lines if key in squashed), None)
            if para is not None:
                by_type[q.type or "(none)"].append(overlap(q.question, para))
        print(f"\n{path}")
        print(f"{'type':<14}{'n':>4}{'min':>7}{'q1':>7}{'median':>8}{'q3':>7}{'max':>7}{'≤0.35':>7}")
        for t, vals in sorted(by_type.items()):
            qs = statistics.quantiles(vals, n=4) if len(vals) > 1 else [vals[0]] * 3
            print(f"{t:<14}{len(vals):>4}{min(vals):>7.2f}{qs[0]:>7.2f}{qs[1]:>8.2f}{qs[2]:>7.2f}"
                  f"{max(vals):>7.2f}{sum(v <= LOW for v in vals):>7}")
        para = by_type.get("paraphrase", [])
        if para:
            print("paraphrase histogram: " + "  ".join(
                f"[{b / 20:.2f},{(b + 1) / 20:.2f}): {sum(b / 20 <= v < (b + 1) / 20 for v in para)}"
                for b in range(0, 20) if any(b / 20 <= v < (b + 1) / 20 for v in para)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:] or [str(ROOT / "tests/data/questions.jsonl"),
                                           str(ROOT / "tests/data/holdout.jsonl")]))
