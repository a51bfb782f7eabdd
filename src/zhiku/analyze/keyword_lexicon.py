"""Word lists and tables of the keyword stage: stopwords, compound heads, IDF, taxonomy synonyms, token flags.

Everything loads once per process; ``token_codes`` gives the per-token tests that the candidate finder needs
from a cache of per-word codes and a table of per-tag flags (by word class), so an article pays one dictionary
lookup per distinct word and one per token in a dictionary of the few tags.
"""

from __future__ import annotations

import importlib.util
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

# jieba part-of-speech tags that may stand inside a candidate, and those that may end one.
INNER_POS = ("n", "v", "a", "b", "eng", "j", "l", "i", "z")
HEAD_POS = ("n", "vn", "eng", "j", "l", "nz", "an")
SINGLE_POS = ("v", "a", "i", "z")
# Loose phrases: any parts of speech but function words, for multi-word terms the text repeats (病虫害防治)
FUNCTION_POS = ("p", "c", "u", "r", "m", "q", "x", "y", "e", "o", "w", "k", "h")
_ALNUM = re.compile(r"[0-9A-Za-z\u4e00-\u9fff]")
_NUMERIC = re.compile(r"^[\d.,%]+$|^\d")

# Bits of a token's flags (``token_codes``).
CONTENT = 1  # may stand in a candidate (no punctuation, number, person name, pinyin residue)
LOOSE = 2  # may stand in a repeated loose phrase
STOP = 4  # a stopword
HEAD_WORD = 8  # a stopword that may still end a compound (数值分析)
POS_HEAD = 16  # part of speech that may end a compound
POS_SINGLE = 32  # verb, adjective, idiom: may be a keyword alone
POS_VERB = 64  # any verb tag
POS_DFT = 128  # adverb, direction, time: may not end a loose phrase
PLAIN_VERB = 256  # exactly "v"
PERSONISH = 512  # an "nr" tag
VN = 1024  # exactly "vn"
LONE = 2048  # a single-word verb/adjective (not a head part of speech): a keyword only when repeated
SENTENCE_END = 4096  # ends a sentence (。！？；!?; or the line break between title and body)
FLAG_BITS = 16  # ``token_codes`` packs the flags into these low bits and the word's length above them

_SENTENCE_END = frozenset("。！？；!?;\n")


def _data_text(*parts: str) -> str | None:
    node = resources.files("zhiku").joinpath("data", *parts)
    return node.read_text(encoding="utf-8") if node.is_file() else None


def _word_list(name: str) -> frozenset[str]:
    text = _data_text("lexicon", name) or ""
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Words that are never a keyword nor the edge of one (``data/lexicon/stopwords.txt``)."""
    return _word_list("stopwords.txt")


@lru_cache(maxsize=1)
def compound_heads() -> frozenset[str]:
    """Stopwords that may end a compound (``data/lexicon/compound_heads.txt``)."""
    return _word_list("compound_heads.txt")


@dataclass(frozen=True)
class IdfTable:
    n_docs: int
    df: dict[str, int]

    def idf(self, word: str) -> float:
        """Smoothed IDF; a word the corpus never showed twice counts as seen once."""
        return math.log((self.n_docs + 1) / (self.df.get(word.lower(), 1) + 1)) + 1.0

    @property
    def max_idf(self) -> float:
        return math.log((self.n_docs + 1) / 2) + 1.0


@lru_cache(maxsize=1)
def idf_table() -> IdfTable:
    """The shipped table ``data/lexicon/idf.tsv`` (built by ``bench/build_idf.py``)."""
    text = _data_text("lexicon", "idf.tsv") or "N\t1\n"
    df: dict[str, int] = {}
    n_docs = 1
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        word, _, count = line.rpartition("\t")
        if word == "N":
            n_docs = int(count)
        elif word:
            df[word] = int(count)
    return IdfTable(n_docs, df)


@lru_cache(maxsize=1)
def background_idf() -> dict[str, float]:
    """jieba's IDF table (``jieba/analyse/idf.txt``, a large general corpus): word -> IDF.

    Read as a file, without importing ``jieba.analyse`` (whose import loads a second copy of the table).
    """
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        return {}
    path = Path(next(iter(spec.submodule_search_locations))) / "analyse" / "idf.txt"
    out: dict[str, float] = {}
    if not path.is_file():
        return out
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            word, _, value = line.rstrip("\n").rpartition(" ")
            if word:
                out[word] = float(value)
    return out


@lru_cache(maxsize=1)
def taxonomy_synonyms() -> dict[str, str]:
    """Surface pattern -> concept label of ``data/taxonomy/ai_technologies.yaml`` (empty when absent)."""
    text = _data_text("taxonomy", "ai_technologies.yaml")
    if text is None:
        return {}
    import yaml

    data = yaml.safe_load(text) or {}
    out: dict[str, str] = {}
    for concept in data.get("concepts", []) if isinstance(data, dict) else []:
        label = concept.get("label") if isinstance(concept, dict) else None
        if not isinstance(label, str):
            continue
        for pattern in concept.get("patterns") or []:
            if isinstance(pattern, str) and pattern != label:
                out.setdefault(pattern.lower(), label)
    return out


@lru_cache(maxsize=1)
def domain_terms() -> frozenset[str]:
    """Words of the segmenter's domain dictionary and taxonomies (算力, 智能制造)."""
    from ..text.segment import domain_words

    return frozenset(w for w, _freq, _pos in domain_words())


@lru_cache(maxsize=1)
def _surnames() -> frozenset[str]:
    from .entities import _person_data

    return _person_data()[0]


COMMON_WORD_IDF = 8.5  # below this background IDF a word is common (文明, 石油), not a name the tagger saw
UNSEEN_IDF = 99.0  # the background IDF of a word the general dictionary does not hold


def _looks_like_person(word: str) -> bool:
    """A 2-3 character word starting with a common surname and no common word (文明 tagged nr is not a name):
    the person field's business, not a keyword."""
    return 2 <= len(word) <= 3 and word[0] in _surnames() and background_idf().get(word, UNSEEN_IDF) >= COMMON_WORD_IDF


# What the tag rules ask of a word: bits of its class (``_word_class``), kept by ``token_codes`` in the bits
# ``_CLASS_MASK`` above the flags.
_PLAIN = 1  # has a letter, digit or hanzi; neither a number nor pinyin residue (ng, sh)
_PERSON = 2  # ``_looks_like_person``
_SHORT = 4  # a single character
_CLASSES = 8
_CLASS_SHIFT = 13
_CLASS_MASK = (_CLASSES - 1) << _CLASS_SHIFT  # below FLAG_BITS


def _word_class(word: str) -> int:
    """The ``_PLAIN``, ``_PERSON`` and ``_SHORT`` bits of a word."""
    pinyin = word.isascii() and word.islower() and len(word) < 4
    plain = bool(_ALNUM.search(word)) and not _NUMERIC.match(word) and not pinyin
    return _PLAIN * plain | _PERSON * _looks_like_person(word) | _SHORT * (len(word) < 2)


def _tag_flags(pos: str, word_class: int) -> int:
    """The flags of a token tagged ``pos`` whose word is of ``word_class``: all but ``_word_flags``."""
    # people are the people field's business (reporters' names are not keywords); the tagger's other "nr"
    # words are unknown terms its HMM took for names (养心汤, 小波元), which stay (王|海峰 is no loose phrase)
    person = pos.startswith("nr") and bool(word_class & _PERSON or pos == "nr" and word_class & _SHORT)
    plain = bool(word_class & _PLAIN) and not person
    bits = (
        CONTENT * (plain and pos.startswith(INNER_POS))
        | LOOSE * (plain and not pos.startswith(FUNCTION_POS))
        | POS_HEAD * pos.startswith(HEAD_POS)
        | POS_SINGLE * pos.startswith(SINGLE_POS)
        | POS_VERB * pos.startswith("v")
        | POS_DFT * pos.startswith(("d", "f", "t"))
        | PLAIN_VERB * (pos == "v")
        | PERSONISH * pos.startswith("nr")
        | VN * (pos == "vn")
    )
    if not bits & POS_HEAD and bits & POS_SINGLE:
        bits |= LONE
    return bits


def _word_flags(word: str) -> int:
    """The flags that the word alone decides: its word lists."""
    stop, heads = stopwords(), compound_heads()
    return STOP * (word in stop) | HEAD_WORD * (word in heads) | SENTENCE_END * (word in _SENTENCE_END)


# Entries kept by the per-term caches (here and in keyword_features) before they are emptied. New terms keep
# coming (names, numbers; ~1 per article on news), so a cap is what keeps a long stream's memory flat: 100,000
# entries hold about 14 MB here and 20 MB in keyword_features, and refill in a few hundred articles after a clear.
TERM_CACHE_MAX = 100_000


class _WordCodes(dict[str, int]):
    """word -> its ``_word_flags``, ``_word_class`` (bits ``_CLASS_SHIFT`` up) and length (bits ``FLAG_BITS`` up),
    computed on first lookup."""

    def __missing__(self, word: str) -> int:
        code = self[word] = _word_flags(word) | _word_class(word) << _CLASS_SHIFT | len(word) << FLAG_BITS
        return code


class _TagRows(dict[str, int]):
    """tag -> its row of ``_TAG_FLAGS`` (``_tag_flags`` for each word class), added on first lookup (the tagger
    has a few dozen tags: never emptied)."""

    def __missing__(self, pos: str) -> int:
        global _TAG_FLAGS
        row = [_tag_flags(pos, word_class) for word_class in range(_CLASSES)]
        _TAG_FLAGS = np.vstack([_TAG_FLAGS, np.array(row, dtype=np.int64)])
        self[pos] = k = len(_TAG_FLAGS) - 1
        return k


_FLAGS = _WordCodes()
_TAGS = _TagRows()
_TAG_FLAGS = np.zeros((0, _CLASSES), dtype=np.int64)


def token_codes(vocab: list[str], word_ids: np.ndarray, tags: Sequence[str]) -> np.ndarray:
    """The flag bits and length of every token (word ``vocab[word_ids[k]]``, tag ``tags[k]``), packed (see
    ``FLAG_BITS``): the word's ``_word_flags`` and length from its cached code, the rest from its tag's row of
    ``_TAG_FLAGS`` at the word's class."""
    if len(_FLAGS) > TERM_CACHE_MAX:
        _FLAGS.clear()
    words = np.fromiter(map(_FLAGS.__getitem__, vocab), dtype=np.int64, count=len(vocab))[word_ids]
    rows = np.fromiter(map(_TAGS.__getitem__, tags), dtype=np.int64, count=len(tags))
    return (words & ~_CLASS_MASK) | _TAG_FLAGS[rows, (words & _CLASS_MASK) >> _CLASS_SHIFT]
