"""The question's neighbourhood: text that has nothing to do with a question does not move
its ranking, and on the shipped speeches alone the neighbourhood changes nothing it should not.

With corpus-wide statistics, adding any file changes every IDF (more documents) and every
length normalisation (another average paragraph length), and so can reorder the speeches'
own paragraphs. Counting IDFs over the speeches that match the question, and measuring a
paragraph's length against its own file, takes both away.
"""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest

from assistant.corpus import shipped_corpus_dir
from assistant.engine import Engine, RetrievalParams

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = [json.loads(line)["question"]
             for line in (ROOT / "tests" / "data" / "questions.jsonl").read_text(encoding="utf-8").splitlines()
             if line.strip()]


def _unrelated_file(path: Path, lines: int = 3000) -> None:
    """Short lines of tokens no question contains (a very different paragraph length, too)."""
    rng = random.Random(3)
    vocab = [f"zq{i}" for i in range(400)]
    path.write_text("\n".join(" ".join(rng.choices(vocab, k=rng.randint(2, 12))) for _ in range(lines)) + "\n",
                    encoding="utf-8")


@pytest.fixture(scope="module")
def with_unrelated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("with-unrelated")
    for f in shipped_corpus_dir().glob("*.txt"):
        shutil.copy(f, folder / f.name)
    _unrelated_file(folder / "unrelated.txt")
    return folder


def _ranking(engine: Engine, question: str) -> list[str]:
    return [h.unit.id for h in engine.search(question, k=10)]


def _moved(params: RetrievalParams, folder: Path) -> tuple[int, int]:
    """Questions whose first hit, and whose top 10, differ with the unrelated file added."""
    alone, bigger = Engine.load(params=params), Engine.load([folder], params=params)
    assert len(bigger.corpus.units) > len(alone.corpus.units) + 2000
    first = top10 = 0
    for q in QUESTIONS:
        a, b = _ranking(alone, q), _ranking(bigger, q)
        first += a[:1] != b[:1]
        top10 += a != b
    return first, top10


def test_unrelated_text_does_not_move_the_ranking(with_unrelated: Path) -> None:
    first, top10 = _moved(RetrievalParams(), with_unrelated)
    assert first == 0
    # The neighbourhood is chosen with corpus-wide scores, which the file does change a
    # little: a speech on its edge may fall in or out, and reorder a few hits below the top.
    assert top10 <= len(QUESTIONS) // 10


def test_without_the_neighbourhood_unrelated_text_does_move_it(with_unrelated: Path) -> None:
    # The test above is not vacuous: with corpus-wide statistics a file that shares no word
    # with any question changes IDFs and the average paragraph length, and the first hit.
    first, top10 = _moved(RetrievalParams().tuned(scoring="okapi"), with_unrelated)
    assert first >= 10
    assert top10 >= len(QUESTIONS) // 2


def test_the_neighbourhood_is_the_speeches_that_match(engine: Engine) -> None:
    lexical = engine.retriever.lexical

    def first_pass(q: str):  # type: ignore[no-untyped-def]
        return lexical.combined(engine.analyse_query(q))

    scope = lexical.neighbourhood(first_pass("塔西佗陷阱"))
    assert scope is not None   # one speech matches; the others are left out
    speeches = {u.speech_no for u, inside in zip(engine.retriever.units, scope) if inside}
    assert speeches == {engine.search("塔西佗陷阱", k=1)[0].unit.speech_no}
    # A question every speech matches has the whole corpus as its neighbourhood.
    assert lexical.neighbourhood(first_pass("作风建设")).all()
    # Nothing matches: no neighbourhood.
    assert lexical.neighbourhood(first_pass("量子计算机")) is None


def test_a_small_neighbourhood_takes_in_more_speeches(tmp_path: Path) -> None:
    text = "【第1篇】短讲话\n塔西佗陷阱是一个政治学定律。\n" + "【第2篇】长讲话\n" + "".join(
        f"第{i}段讲作风建设和干部队伍的要求。\n" for i in range(40))
    (tmp_path / "c.txt").write_text("网站标题\n" + text, encoding="utf-8")
    eng = Engine.load([tmp_path], use_cache=False)
    lexical = eng.retriever.lexical
    scope = lexical.neighbourhood(lexical.combined(eng.analyse_query("塔西佗陷阱")))
    # Speech 1 alone (one paragraph) is too small to count IDFs over: speech 2 joins.
    assert scope.all()
    assert eng.search("塔西佗陷阱", k=1)[0].unit.speech_no == 1
