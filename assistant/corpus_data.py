"""The parsed corpus as plain JSON data: the index cache stores it so, never as a pickle, and
reads it back checking every field's shape (a corrupt cache is rebuilt, not trusted)."""

from __future__ import annotations

from .corpus import Corpus, Speech, Unit

__all__ = ["corpus_from_data", "corpus_to_data"]


def corpus_to_data(corpus: Corpus) -> dict:
    """The parsed corpus as plain JSON data (the index cache stores it so, never as a pickle)."""
    return {"fingerprint": corpus.fingerprint,
            "speeches": [{"no": s.no, "title": s.title, "source": s.source,
                          "units": [[u.id, u.seq, u.kind, u.text, list(u.section), u.heading, u.level]
                                    for u in s.units]} for s in corpus.speeches]}


def corpus_from_data(data: dict) -> Corpus:
    """Inverse of ``corpus_to_data``; a ValueError (or TypeError, KeyError) for data of another shape."""
    speeches = []
    for s in data["speeches"]:
        no, title, source = s["no"], s["title"], s["source"]
        if type(no) is not int or not isinstance(title, str) or not isinstance(source, str):
            raise ValueError("speech fields of the wrong type")
        units = []
        for uid, seq, kind, text, section, heading, level in s["units"]:
            if (not isinstance(uid, str) or seq != len(units) + 1 or kind not in ("paragraph", "heading", "metadata")
                    or not isinstance(text, str) or not all(isinstance(h, str) for h in section)
                    or not (heading is None or isinstance(heading, str)) or type(level) is not int):
                raise ValueError("unit fields of the wrong type")
            units.append(Unit(uid, no, seq, kind, text, tuple(section), heading, level))
        speeches.append(Speech(no, title, source, units))
    if not isinstance(data["fingerprint"], str):
        raise ValueError("fingerprint of the wrong type")
    corpus = Corpus(speeches, data["fingerprint"])
    if len(corpus._by_id) != sum(len(s.units) for s in speeches):
        raise ValueError("duplicate unit ids")  # ids must name one unit each
    return corpus
