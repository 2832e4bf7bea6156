"""Retrieval baselines against the engine, on the same question sets and the same metrics.

    python benchmarks/baselines.py [QUESTIONS.jsonl ...]     (default: the dev set)

Baselines: (1) jieba with its own dictionary only (not the project's domain dictionary, no
stop words) + rank-bm25 BM25Okapi over the raw non-empty lines of the corpus files; (2)
character bigrams + BM25Okapi over the same lines. Both get the engine's normalisation (NFKC,
traditional→simplified) on lines and questions, so they differ from the engine only in
ranking. The engine is shown twice: its ranking as retrieved, and its answer's hits (which put
the units an outline or list answer cites first). All are scored with assistant.evaluation's
relevance and metric functions over the answerable questions, so the numbers compare directly
with `assistant eval`.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rank_bm25 import BM25Okapi
from rich.console import Console
from rich.table import Table

from assistant import evaluation as ev
from assistant import text_analysis as ta
from assistant.corpus import shipped_corpus_dir
from assistant.corpus_files import read_corpus_files
from assistant.engine import Engine


def raw_lines() -> list[str]:
    texts, _ = read_corpus_files([shipped_corpus_dir()])
    return [line.strip() for _, text in texts for line in text.splitlines() if line.strip()]


_PLAIN_JIEBA: list[object] = []   # one plain tokenizer, made on first use (an explicit cache)


def jieba_tokens(text: str) -> list[str]:
    if not _PLAIN_JIEBA:
        import jieba

        _PLAIN_JIEBA.append(jieba.Tokenizer())
    return [t for t in _PLAIN_JIEBA[0].cut(ta.normalise(text)) if t.strip()]  # type: ignore[attr-defined]


def char_bigrams(text: str) -> list[str]:
    chars = [c for c in ta.normalise(text) if not c.isspace()]
    return [a + b for a, b in zip(chars, chars[1:])] or chars


def metrics_for(ranked: list[list[str]], questions: list[ev.Question]) -> dict[str, float]:
    scored = [ev.ranking_metrics([ev.relevance_key(g) for g in dict.fromkeys(q.gold)], [{"text": t} for t in texts])
              for texts, q in zip(ranked, questions) if q.gold]
    return {m: sum(s[m] for s in scored) / len(scored) for m in ("hit@1", "mrr@10", "recall@10")}


def bm25_ranked(lines: list[str], tokenize, questions: list[ev.Question]) -> list[list[str]]:  # type: ignore[no-untyped-def]
    bm25 = BM25Okapi([tokenize(line) for line in lines])
    out = []
    for q in questions:
        scores = bm25.get_scores(tokenize(q.question))
        order = sorted(range(len(lines)), key=lambda i: -scores[i])[:10]
        out.append([lines[i] for i in order])
    return out


def main(paths: list[str]) -> None:
    lines = raw_lines()
    engine = Engine.load()
    table = Table(title="Retrieval baselines (answerable questions)")
    for col in ("question set", "system", "Hit@1", "MRR@10", "Recall@10"):
        table.add_column(col)
    for path in paths:
        questions = ev.load_questions(Path(path))
        systems = {
            "jieba + rank-bm25, raw lines": bm25_ranked(lines, jieba_tokens, questions),
            "char bigrams + rank-bm25, raw lines": bm25_ranked(lines, char_bigrams, questions),
            "this engine, ranking as retrieved": [[h.unit.text for h in engine.ask(q.question).retrieved or []]
                                                  for q in questions],
            "this engine, answer hits (assistant ask)": [[h.unit.text for h in engine.ask(q.question).hits]
                                                         for q in questions],
        }
        for name, ranked in systems.items():
            m = metrics_for(ranked, questions)
            table.add_row(Path(path).name, name, f"{m['hit@1']:.3f}", f"{m['mrr@10']:.3f}", f"{m['recall@10']:.3f}")
    Console().print(table)


if __name__ == "__main__":
    main(sys.argv[1:] or ["tests/data/questions.jsonl"])
