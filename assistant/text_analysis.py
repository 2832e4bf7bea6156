"""Text analysis: one function turns corpus text and questions alike into index terms.

normalise (NFKC, traditional → simplified, lower case) → jieba with the shipped domain
dictionary → drop stop words and punctuation. Two term streams come out of it:

* ``words``: jieba's search-mode segmentation (long words plus their dictionary sub-words);
* ``bigrams``: character bigrams inside each run of content characters, so a word that
  jieba segments differently in the question and in the paragraph still matches.

jieba and OpenCC are loaded lazily (and once per process: the loaded objects are explicit
module-level caches), because loading jieba's dictionary costs most of a second.
"""

from __future__ import annotations

import hashlib
import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

# Bump when the analysis changes in a way that changes index terms (invalidates caches).
ANALYSIS_VERSION = "3"

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN_KEEP = re.compile(rf"[{_CJK}A-Za-z0-9%]")
_CONTROL = re.compile(r"[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def _data_text(name: str) -> str:
    return resources.files("assistant").joinpath("data", name).read_text(encoding="utf-8")


@cache
def stopwords() -> frozenset[str]:
    return frozenset(line.strip() for line in _data_text("stopwords.txt").splitlines()
                     if line.strip() and not line.startswith("#"))


@cache
def domain_terms() -> tuple[str, ...]:
    return tuple(line.split()[0] for line in _data_text("domain_dict.txt").splitlines()
                 if line.strip() and not line.startswith("#"))


@cache
def _opencc():  # type: ignore[no-untyped-def]
    import opencc  # imported here: only needed once text is analysed

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    if text.isascii():
        return text
    return _opencc().convert(text)


def normalise(text: str) -> str:
    """NFKC (full-width → half-width), control and direction marks removed, simplified, lower."""
    text = unicodedata.normalize("NFKC", text)
    text = _CONTROL.sub("", text)
    return to_simplified(text).lower()


_tokenizer_lock = threading.Lock()
_tokenizer = None  # explicit process-wide cache of the loaded jieba tokenizer


def tokenizer():  # type: ignore[no-untyped-def]
    """The jieba tokenizer with the domain dictionary, loaded on first use."""
    global _tokenizer
    with _tokenizer_lock:
        if _tokenizer is None:
            import logging

            import jieba

            jieba.setLogLevel(logging.WARNING)
            tok = jieba.Tokenizer()
            tok.initialize()
            with resources.as_file(resources.files("assistant").joinpath("data", "domain_dict.txt")) as p:
                tok.load_userdict(str(p))
            _tokenizer = tok
        return _tokenizer


def analysis_fingerprint() -> str:
    """Changes whenever the terms produced for a text may change."""
    h = hashlib.sha256(ANALYSIS_VERSION.encode())
    h.update(_data_text("stopwords.txt").encode())
    h.update(_data_text("domain_dict.txt").encode())
    return h.hexdigest()[:12]


@dataclass(frozen=True)
class Analysed:
    words: list[str]
    bigrams: list[str]
    runs: list[str]        # content runs (stop words removed), for highlighting and coverage


def _is_content(token: str) -> bool:
    return bool(_TOKEN_KEEP.search(token)) and token not in stopwords()


def segment(text: str) -> list[str]:
    """jieba's precise segmentation of normalised text (no filtering)."""
    return [t for t in tokenizer().cut(normalise(text), HMM=True) if t.strip()]


def analyse(text: str) -> Analysed:
    norm = normalise(text)
    tok = tokenizer()
    words: list[str] = []
    runs: list[str] = []
    run: list[str] = []
    for token in tok.cut(norm, HMM=True):
        if _is_content(token):
            run.append(token)
            words.extend(_search_terms(tok, token))
        else:
            if run:
                runs.append("".join(run))
                run = []
    if run:
        runs.append("".join(run))
    return Analysed(words, _bigrams(runs), runs)


def _search_terms(tok, token: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The token plus its dictionary sub-words, as jieba's search mode gives them."""
    if len(token) <= 2:
        return [token]
    out = []
    freq = tok.FREQ
    for n in (2, 3):
        if len(token) > n:
            for i in range(len(token) - n + 1):
                gram = token[i:i + n]
                if freq.get(gram) and gram not in stopwords():
                    out.append(gram)
    out.append(token)
    return out


def _bigrams(runs: list[str]) -> list[str]:
    grams: list[str] = []
    for run in runs:
        # Latin words and numbers stay whole; bigrams are for Chinese characters.
        for piece in re.findall(rf"[{_CJK}]+|[a-z0-9%]+", run):
            if not ("\u3400" <= piece[0] <= "\ufaff"):
                grams.append(piece)
            elif len(piece) == 1:
                grams.append(piece)
            else:
                grams.extend(piece[i:i + 2] for i in range(len(piece) - 1))
    return grams


def content_words(text: str) -> list[str]:
    """Distinct content words of a question, in order (for highlighting and coverage)."""
    seen: dict[str, None] = {}
    for w in analyse(text).words:
        seen.setdefault(w, None)
    return list(seen)


def has_content(text: str) -> bool:
    """Whether the text has any character that can be searched for (not only punctuation)."""
    return bool(_TOKEN_KEEP.search(normalise(text)))


def domain_dictionary_path() -> Path:
    with resources.as_file(resources.files("assistant").joinpath("data", "domain_dict.txt")) as p:
        return Path(p)
