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
import importlib.util
import json
import math
import re
import threading
import unicodedata
import zlib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Callable

import numpy as np

from . import cache_files as cf
from .atomic_file import private_dirs

# Bump when the analysis changes in a way that changes index terms (invalidates caches).
# The shared string helpers live in text_helpers.py (cheap to import); re-exported here.
from .text_helpers import (  # noqa: E402,F401
    SURROGATE,
    highlight_spans,
    split_cited_sentences,
    split_sentences,
    squash,
    without_terminal_control,
)

ANALYSIS_VERSION = "4"

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
    text = unicodedata.normalize("NFKC", without_terminal_control(text))
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


def jieba_dictionary_path() -> Path:
    """jieba's own dictionary file, found without importing jieba (which takes a while)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("jieba")
    return Path(spec.origin).parent / "dict.txt"


def _domain_entries() -> list[tuple[str, int | None]]:
    out = []
    for line in _data_text("domain_dict.txt").splitlines():
        parts = line.split()
        if parts and not line.startswith("#"):
            out.append((parts[0], int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None))
    return out


def tokenizer(dictionary_dir: Path | None = None):  # type: ignore[no-untyped-def]
    """The jieba tokenizer with its full dictionary plus the domain dictionary (for indexing).

    jieba's own start-up cache (``jieba.cache``, a marshal file in the shared temp directory,
    which anyone can plant and which does not follow changes of the dictionary) is never
    read or written. The prefix dictionary comes from the sharded dictionary file in
    ``dictionary_dir`` (the project's cache, keyed by a hash of the dictionaries; written by
    ``query_tokenizer``), or is built from jieba's dict.txt and the domain dictionary.
    """
    global _tokenizer
    with _tokenizer_lock:
        if _tokenizer is None:
            jieba = _import_jieba()
            tok = jieba.Tokenizer()
            shards = DictionaryShards.load(shards_path(dictionary_dir)) if dictionary_dir is not None else None
            freq = _all_entries(shards)
            if shards is not None and freq is not None:
                tok.FREQ, tok.total = freq, shards.total
                for word, f in _domain_entries():
                    if f == 0:
                        jieba.finalseg.add_force_split(word)  # what load_userdict does beside FREQ
            else:
                # The file analysis_fingerprint hashes, so the cache key follows what is loaded.
                tok.FREQ, tok.total = tok.gen_pfdict(jieba_dictionary_path().open("rb"))
                tok.initialized = True
                with resources.as_file(resources.files("assistant").joinpath("data", "domain_dict.txt")) as p:
                    tok.load_userdict(str(p))
            tok.initialized = True
            _tokenizer = tok
        return _tokenizer


@dataclass
class DictionaryShards:
    """jieba's prefix dictionary (word → frequency), grouped by first character, as plain data.

    Shard i holds entries ``bounds[i]:bounds[i+1]`` of ``freqs`` and bytes
    ``byte_bounds[i]:byte_bounds[i+1]`` of ``blob``: its words in UTF-8, each ended by NUL,
    with ``crcs[i]`` the CRC-32 of both. The file is a JSON header and the arrays' raw
    bytes: read whole (one read, no parsing), each shard checked and decoded only when a
    question first needs it, so the first question costs milliseconds, not jieba's second.
    """

    chars: str                # the first character of each shard
    bounds: np.ndarray        # int64, len(chars) + 1
    byte_bounds: np.ndarray   # int64, len(chars) + 1
    crcs: np.ndarray          # uint32, len(chars)
    freqs: np.ndarray         # int64
    blob: bytes
    total: int

    MAGIC = b"speech-assistant jieba shards\n"

    @classmethod
    def of(cls, freq: dict[str, int], total: int) -> "DictionaryShards":
        by_char: dict[str, dict[str, int]] = {}
        for word, f in freq.items():
            if word:
                by_char.setdefault(word[0], {})[word] = f
        parts = [("".join(w + "\0" for w in d).encode("utf-8"), np.fromiter(d.values(), dtype=np.int64, count=len(d)))
                 for d in by_char.values()]
        bounds = np.zeros(len(parts) + 1, dtype=np.int64)
        np.cumsum([len(f) for _, f in parts], out=bounds[1:])
        byte_bounds = np.zeros(len(parts) + 1, dtype=np.int64)
        np.cumsum([len(b) for b, _ in parts], out=byte_bounds[1:])
        crcs = np.array([zlib.crc32(f.tobytes(), zlib.crc32(b)) for b, f in parts], dtype=np.uint32)
        freqs = np.concatenate([f for _, f in parts]) if parts else np.zeros(0, dtype=np.int64)
        return cls("".join(by_char), bounds, byte_bounds, crcs, freqs, b"".join(b for b, _ in parts), int(total))

    def save(self, path: Path) -> None:
        header = json.dumps({"format": SHARDS_FORMAT, "total": self.total, "chars": self.chars,
                             "entries": len(self.freqs), "bytes": len(self.blob)}).encode("utf-8")
        header += b" " * (-(len(self.MAGIC) + 8 + len(header)) % 8)  # keeps the arrays 8-byte aligned
        parts = [self.MAGIC, len(header).to_bytes(8, "little"), header, self.bounds.tobytes(),
                 self.byte_bounds.tobytes(), self.crcs.tobytes(), self.freqs.tobytes(), self.blob]
        try:
            private_dirs(path.parent)
            cf.atomic_write(path, lambda f: f.writelines(parts))
        except OSError:
            pass  # no cache: still correct, just slower next start

    @classmethod
    def load(cls, path: Path) -> "DictionaryShards | None":
        """The shards in ``path``, or None when missing or unusable (the caller rebuilds them)."""
        try:
            data = path.read_bytes()
            if not data.startswith(cls.MAGIC):
                raise cf.CacheFormatError("not a shard file")
            pos = len(cls.MAGIC) + 8
            h_len = int.from_bytes(data[pos - 8:pos], "little")
            header = json.loads(data[pos:pos + h_len])
            pos += h_len
            chars, n_entries, n_bytes = header["chars"], header["entries"], header["bytes"]
            n = len(chars)
            if header["format"] != SHARDS_FORMAT or len(data) != pos + 8 * (2 * (n + 1) + n_entries) + 4 * n + n_bytes:
                raise cf.CacheFormatError("shard file of another size")
            arrays = []
            for dtype, count in ((np.int64, n + 1), (np.int64, n + 1), (np.uint32, n), (np.int64, n_entries)):
                arrays.append(np.frombuffer(data, dtype=dtype, count=count, offset=pos))
                pos += arrays[-1].nbytes
            bounds, byte_bounds, crcs, freqs = arrays
            cf.check_offsets(bounds, n_entries)
            cf.check_offsets(byte_bounds, n_bytes)
            if type(header["total"]) is not int or header["total"] <= 0:
                raise cf.CacheFormatError("no total")
            return cls(chars, bounds, byte_bounds, crcs, freqs, data[pos:], header["total"])
        except Exception:  # missing, truncated, corrupt or of another shape: rebuilt
            return None

    def shard(self, ch: str) -> dict[str, int]:
        """The entries starting with ``ch``; a CacheFormatError when the shard is damaged."""
        i = self.chars.find(ch)
        if i < 0:
            return {}
        blob = self.blob[self.byte_bounds[i]:self.byte_bounds[i + 1]]
        freqs = self.freqs[self.bounds[i]:self.bounds[i + 1]]
        if zlib.crc32(freqs.tobytes(), zlib.crc32(blob)) != self.crcs[i]:
            raise cf.CacheFormatError(f"shard {ch!r} damaged")
        words = blob.decode("utf-8").split("\0")[:-1]
        if len(words) != len(freqs) or (freqs < 0).any():
            raise cf.CacheFormatError(f"shard {ch!r} damaged")
        return dict(zip(words, freqs.tolist()))

    def all(self) -> dict[str, int]:
        """Every entry (for indexing); a CacheFormatError when any shard is damaged."""
        freq_bytes = self.freqs.tobytes()
        for i in range(len(self.chars)):
            blob = self.blob[self.byte_bounds[i]:self.byte_bounds[i + 1]]
            if zlib.crc32(freq_bytes[8 * self.bounds[i]:8 * self.bounds[i + 1]], zlib.crc32(blob)) != self.crcs[i]:
                raise cf.CacheFormatError(f"shard {self.chars[i]!r} damaged")
        words = self.blob.decode("utf-8").split("\0")[:-1]
        if len(words) != len(self.freqs) or (self.freqs < 0).any():
            raise cf.CacheFormatError("shards damaged")
        return dict(zip(words, self.freqs.tolist()))


def _all_entries(shards: DictionaryShards | None) -> dict[str, int] | None:
    try:
        return shards.all() if shards is not None else None
    except cf.CacheFormatError:
        return None  # damaged: the dictionary is built again (and the file rewritten)


class QueryTokenizer:
    """jieba with its full dictionary, loaded only for the characters a question contains.

    jieba's DAG looks up only substrings of the sentence, all of which start with one of
    its characters, so the dictionary entries starting with those characters are all it
    needs: segmentation is identical to the full tokenizer's. The dictionary (jieba's plus
    the domain terms) is stored once in the cache directory, sharded by first character;
    loading a question's shards takes about a millisecond instead of jieba's ~1 s start.
    """

    def __init__(self, shards: DictionaryShards, rebuild: Callable[[], DictionaryShards]) -> None:
        jieba = _import_jieba()
        self._shards = shards
        self._rebuild = rebuild
        self._loaded: set[str] = set()
        self.tok = jieba.Tokenizer()
        self.tok.FREQ, self.tok.total = {}, shards.total
        self.tok.initialized = True

    def cut(self, sentence: str, HMM: bool = True):  # type: ignore[no-untyped-def]  # noqa: N803 (jieba's name)
        freq = self.tok.FREQ
        for ch in set(sentence) - self._loaded:
            try:
                freq.update(self._shards.shard(ch))
            except cf.CacheFormatError:  # a damaged file: rebuilt, and what was loaded is reloaded
                self._shards = self._rebuild()
                freq.clear()
                for c in self._loaded:
                    freq.update(self._shards.shard(c))
                freq.update(self._shards.shard(ch))
            self._loaded.add(ch)
        return self.tok.cut(sentence, HMM=HMM)

    @property
    def FREQ(self) -> dict[str, int]:  # noqa: N802 (jieba's name)
        return self.tok.FREQ


SHARDS_FORMAT = 2  # the sharded dictionary archive


def shards_path(directory: Path) -> Path:
    # analysis_fingerprint covers jieba's dictionary, the domain dictionary and the stop words.
    return directory / f"jieba-shards-{analysis_fingerprint()}-f{SHARDS_FORMAT}.bin"


def query_tokenizer(cache_directory: Path | None) -> QueryTokenizer | None:
    """The sharded tokenizer, building its shard file from the full tokenizer on first use."""
    if cache_directory is None:
        return None
    path = shards_path(cache_directory)

    def rebuild() -> DictionaryShards:
        full = tokenizer(None)  # from jieba's and the domain dictionary, not from the file
        shards = DictionaryShards.of(full.FREQ, full.total)
        shards.save(path)
        return shards

    return QueryTokenizer(DictionaryShards.load(path) or rebuild(), rebuild)


@cache
def analysis_fingerprint() -> str:
    """Changes whenever the terms produced for a text may change: the analysis version and
    every dictionary (jieba's own, the domain dictionary, the stop words). jieba's 5 MB
    dictionary counts by its size and modification time, as jieba keys its own cache: hashing
    it took ~8 ms of every start (the TUI's path to ready)."""
    h = hashlib.sha256(ANALYSIS_VERSION.encode())
    h.update(_data_text("stopwords.txt").encode())
    h.update(_data_text("domain_dict.txt").encode())
    st = jieba_dictionary_path().stat()
    h.update(f"jieba dict.txt {st.st_size} {st.st_mtime_ns}".encode())
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


# What may split a separable verb (离合词): 表了态, 表个态, 见过面, 帮了个忙.
_SPLITTING = re.compile(rf"([{_CJK}])(?:了个|了|过|个)([{_CJK}])")


def _search_terms(tok, token: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The token plus its dictionary sub-words, as jieba's search mode gives them, plus the
    whole verb of a split separable verb (表了态 → 表态) so that 表个态 and 表了态 meet."""
    if len(token) <= 2:
        return [token]
    out = []
    freq = tok.FREQ
    joined = _SPLITTING.fullmatch(token)
    if joined and freq.get(joined.group(1) + joined.group(2)):
        out.append(joined.group(1) + joined.group(2))
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


_PUNCT = re.compile(r"[^\w]+")


# “坚持……不动摇”: what a quoted phrase leaves out (… on the typed form, ... after NFKC).
_GAP = re.compile(r"…+|\.{2,}")


def gap_pieces(text: str) -> list[str]:
    """The pieces of a phrase around its gaps (坚持……不动摇 → 坚持, 不动摇); [text] without one."""
    return [p for p in _GAP.split(text) if p]


def squash_punct(text: str) -> str:
    """Normalised text without punctuation or white space (“庸、懒、散” → 庸懒散)."""
    return _PUNCT.sub("", normalise(text))


def idf_share(terms: list[str], idf: dict[str, float], n_docs: int, text: str) -> float:
    """IDF-weighted share of ``terms`` found in ``text``; a term no document holds weighs most.

    ``text`` is searched as given (callers pass it normalised, punctuation removed).
    """
    unseen = math.log(max(n_docs, 2) + 0.5) - math.log(0.5)
    total = covered = 0.0
    for t in dict.fromkeys(terms):   # insertion order: float sums must not depend on the hash seed
        w = max(idf.get(t, unseen), 0.05)
        total += w
        if t in text:
            covered += w
    return covered / total if total else 0.0


def first_sentences(text: str, limit: int) -> str:
    """The text's sentences from its start while they fit in ``limit`` characters (one at least)."""
    kept = ""
    for sentence in split_sentences(text):
        if kept and len(kept) + len(sentence) > limit:
            break
        kept += sentence
    return kept
