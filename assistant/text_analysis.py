"""Text analysis: one function turns corpus text and questions alike into index terms.

normalise (NFKC, traditional → simplified, lower case) → jieba with the shipped domain
dictionary → drop stop words and punctuation. Two term streams come out of it:

* ``words``: jieba's search-mode segmentation (long words plus their dictionary sub-words);
* ``bigrams``: character bigrams inside each run of content characters, so a word that
  jieba segments differently in the question and in the paragraph still matches.

The plain string helpers every stage shares live here too (``squash``, ``SURROGATE``, the
sentence splitters), so corpus text, answers and model replies are cut by one set of rules.

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
_tokenizer = None  # explicit process-wide cache of the full jieba tokenizer


def _import_jieba():  # type: ignore[no-untyped-def]
    """Import jieba without pkg_resources.

    jieba 0.42 imports pkg_resources only to open its own data files and falls back to
    plain file access when it is missing; pkg_resources costs ~70 ms and is deprecated.
    """
    import sys

    if "jieba" not in sys.modules:
        blocked = "pkg_resources" not in sys.modules
        if blocked:
            sys.modules["pkg_resources"] = None  # type: ignore[assignment]
        try:
            import jieba  # noqa: F401
        finally:
            if blocked:
                del sys.modules["pkg_resources"]
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


def tokenizer():  # type: ignore[no-untyped-def]
    """The jieba tokenizer with its full dictionary plus the domain dictionary (for indexing)."""
    global _tokenizer
    with _tokenizer_lock:
        if _tokenizer is None:
            jieba = _import_jieba()
            tok = jieba.Tokenizer()
            tok.initialize()
            with resources.as_file(resources.files("assistant").joinpath("data", "domain_dict.txt")) as p:
                tok.load_userdict(str(p))
            _tokenizer = tok
        return _tokenizer


class QueryTokenizer:
    """jieba with its full dictionary, loaded only for the characters a question contains.

    jieba's DAG looks up only substrings of the sentence, all of which start with one of
    its characters, so the dictionary entries starting with those characters are all it
    needs: segmentation is identical to the full tokenizer's. The dictionary (jieba's plus
    the domain terms) is stored once in the cache directory, sharded by first character;
    loading a question's shards takes about a millisecond instead of jieba's ~1 s start.
    """

    def __init__(self, shards: dict[str, bytes], total: int) -> None:
        jieba = _import_jieba()
        self._shards = shards
        self._loaded: set[str] = set()
        self.tok = jieba.Tokenizer()
        self.tok.FREQ, self.tok.total = {}, total
        self.tok.initialized = True

    def cut(self, sentence: str, HMM: bool = True):  # type: ignore[no-untyped-def]  # noqa: N803 (jieba's name)
        import pickle

        freq = self.tok.FREQ
        for ch in set(sentence) - self._loaded:
            shard = self._shards.get(ch)
            if shard:
                freq.update(pickle.loads(shard))
            self._loaded.add(ch)
        return self.tok.cut(sentence, HMM=HMM)

    @property
    def FREQ(self) -> dict[str, int]:  # noqa: N802 (jieba's name)
        return self.tok.FREQ


def _shards_path(directory: Path) -> Path:
    import jieba  # noqa: F401  (version is part of the key; already imported by now)

    return directory / f"jieba-shards-{analysis_fingerprint()}-{jieba.__version__}.pkl"


def query_tokenizer(cache_directory: Path | None) -> QueryTokenizer | None:
    """The sharded tokenizer, building its shard file from the full tokenizer on first use."""
    import os
    import pickle
    import tempfile

    if cache_directory is None:
        return None
    _import_jieba()
    path = _shards_path(cache_directory)
    try:
        with path.open("rb") as f:
            total, shards = pickle.load(f)
        if not isinstance(total, int) or not isinstance(shards, dict):
            raise ValueError("not a shard file")  # another pickle of two items: rebuild
        return QueryTokenizer(shards, total)
    except Exception:  # missing or unreadable: rebuild below
        pass
    full = tokenizer()
    by_char: dict[str, dict[str, int]] = {}
    for word, freq in full.FREQ.items():
        if word:
            by_char.setdefault(word[0], {})[word] = freq
    shards = {ch: pickle.dumps(d, protocol=pickle.HIGHEST_PROTOCOL) for ch, d in by_char.items()}
    try:
        cache_directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache_directory, prefix=".tmp-", suffix=".pkl")
        with os.fdopen(fd, "wb") as f:
            pickle.dump((full.total, shards), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # no cache: still correct, just slower next start
    return QueryTokenizer(shards, full.total)


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


def analyse(text: str, tok=None, hmm: bool = True) -> Analysed:  # type: ignore[no-untyped-def]
    """Terms of a text; ``tok`` defaults to the full tokenizer (queries pass the query one)."""
    norm = normalise(text)
    tok = tok or tokenizer()
    words: list[str] = []
    runs: list[str] = []
    run: list[str] = []
    for token in tok.cut(norm, HMM=hmm):
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


def content_words(text: str, tok=None) -> list[str]:  # type: ignore[no-untyped-def]
    """Distinct content words of a question, in order (for highlighting and coverage)."""
    seen: dict[str, None] = {}
    for w in analyse(text, tok).words:
        seen.setdefault(w, None)
    return list(seen)


def has_content(text: str) -> bool:
    """Whether the text has any character that can be searched for (not only punctuation)."""
    return bool(_TOKEN_KEEP.search(normalise(text)))


def domain_dictionary_path() -> Path:
    with resources.as_file(resources.files("assistant").joinpath("data", "domain_dict.txt")) as p:
        return Path(p)


def highlight_spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) spans of ``terms`` in ``text``, longest terms first."""
    lowered = text.lower()
    taken = [False] * len(text)
    spans = []
    for t in sorted(set(terms), key=len, reverse=True):
        start = lowered.find(t)
        while start != -1:
            end = start + len(t)
            if not any(taken[start:end]):
                spans.append((start, end))
                for j in range(start, end):
                    taken[j] = True
            start = lowered.find(t, end)
    return sorted(spans)
# --- string helpers shared by the stages ------------------------------------------------

# Lone surrogates: bytes that were not UTF-8 (a GBK terminal, a mis-encoded file, a JSON
# "\ud800" escape) decoded with surrogateescape; no analysis or output can encode them.
SURROGATE = re.compile("[\ud800-\udfff]")


def squash(text: str) -> str:
    """Text with all white space removed (full-width spaces included)."""
    return "".join(text.split())


# Sentence ends. Only 。 among the Chinese marks: ！？；： in corpus text are not sentence ends
# for these rules (they never were: the patterns hold the ASCII forms).
_ENDS = "。!?"
_CLAUSE_ENDS = _ENDS + ";"
_SENTENCE = re.compile(rf"[^{_ENDS}]+[{_ENDS}]*[”」』)]?")
_CLAUSE = re.compile(rf"[^{_CLAUSE_ENDS}\n]+(?:[{_CLAUSE_ENDS}]+[”」’』\")]?|\n|$)|[{_CLAUSE_ENDS}\n]+")


def split_sentences(text: str, *, clauses: bool = False) -> list[str]:
    """Sentences of corpus text, stripped, blank ones dropped: what answers quote.

    ``clauses`` also breaks at semicolons and line ends (the finer pieces a long paragraph
    is trimmed by when it must fit a prompt).
    """
    pattern = _CLAUSE if clauses else _SENTENCE
    return [s.strip() for s in pattern.findall(text) if s.strip()]


_OPEN_QUOTES = "“「『"
_CLOSE_QUOTES = "”」』"
_TRAILING_MARKERS = re.compile(r"(?:\s*\[\d+\])+")


def split_cited_sentences(text: str) -> list[str]:
    """Sentences of text that carries ``[n]`` citation markers (an answer, a model's reply).

    Quote-aware: a 。 inside “…” does not end the sentence; markers right after the 。 and
    closing quotes stay with the sentence before; a line end always ends one. Ends are the
    clause ends (semicolons too), so each claim is checked against its own citations.
    """
    out: list[str] = []
    buf: list[str] = []
    depth = 0
    i = 0
    n = len(text)

    def flush() -> None:
        s = "".join(buf).strip()
        if s:
            out.append(s)
        buf.clear()

    while i < n:
        ch = text[i]
        if ch == "\n":
            flush()
            depth = 0
            i += 1
            continue
        buf.append(ch)
        i += 1
        if ch in _OPEN_QUOTES:
            depth += 1
            continue
        if ch in _CLOSE_QUOTES:
            depth = max(0, depth - 1)
            ends = depth == 0 and len(buf) >= 2 and buf[-2] in _CLAUSE_ENDS
        else:
            ends = ch in _CLAUSE_ENDS and depth == 0
        if not ends:
            continue
        while i < n and (text[i] in _CLAUSE_ENDS or text[i] in _CLOSE_QUOTES):
            buf.append(text[i])
            i += 1
        m = _TRAILING_MARKERS.match(text, i)
        if m:
            buf.append(m.group())
            i = m.end()
        flush()
    flush()
    return out
