"""Word lists and tables of the keyword stage: stopwords, compound heads, IDF, taxonomy synonyms, token flags.

Everything loads once per process; ``token_codes`` caches the per-(word, part of speech) tests that the
candidate finder needs, so an article pays one dictionary lookup per token.
"""

from __future__ import annotations

import importlib.util
import math
import re
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

# Bits of ``token_flags``.
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


def _looks_like_person(word: str) -> bool:
    """A 2-3 character word starting with a common surname and no common word (文明 tagged nr is not a name):
    the person field's business, not a keyword."""
    return 2 <= len(word) <= 3 and word[0] in _surnames() and background_idf().get(word, 99.0) >= COMMON_WORD_IDF


def _is_content(word: str, pos: str) -> bool:
    if not _ALNUM.search(word) or not pos.startswith(INNER_POS) or _NUMERIC.match(word):
        return False
    # people are the people field's business (reporters' names are not keywords); the tagger's other "nr"
    # words are unknown terms its HMM took for names (养心汤, 小波元), which stay
    if pos.startswith("nr") and (_looks_like_person(word) or pos == "nr" and len(word) < 2):
        return False
    return not (word.isascii() and word.islower() and len(word) < 4)  # pinyin residue: ng, sh


def _is_loose(word: str, pos: str) -> bool:
    if not _ALNUM.search(word) or pos.startswith(FUNCTION_POS) or _NUMERIC.match(word):
        return False
    if pos.startswith("nr") and (_looks_like_person(word) or pos == "nr" and len(word) < 2):  # 王|海峰
        return False
    return not (word.isascii() and word.islower() and len(word) < 4)


def _flags(word: str, pos: str) -> int:
    stop, heads = stopwords(), compound_heads()
    bits = (
        CONTENT * _is_content(word, pos)
        | LOOSE * _is_loose(word, pos)
        | STOP * (word in stop)
        | HEAD_WORD * (word in heads)
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
    return bits | SENTENCE_END * (word in _SENTENCE_END)


# Entries kept by the per-term caches (here and in keyword_features) before they are emptied. New terms keep
# coming (names, numbers; ~1 per article on news), so a cap is what keeps a long stream's memory flat: 100,000
# entries hold about 14 MB here and 20 MB in keyword_features, and refill in a few hundred articles after a clear.
TERM_CACHE_MAX = 100_000


class _CodeCache(dict[tuple[str, str], int]):
    """``(word, pos)`` -> ``_flags`` bits | ``len(word) << FLAG_BITS``, computed on first lookup."""

    def __missing__(self, token: tuple[str, str]) -> int:
        word, pos = token
        code = self[token] = _flags(word, pos) | len(word) << FLAG_BITS
        return code


_FLAGS = _CodeCache()


def token_codes(tagged: list[tuple[str, str]]) -> np.ndarray:
    """The ``_flags`` bits and length of every ``(word, pos)`` token, packed (see ``FLAG_BITS``), cached per
    distinct token: one C-level dictionary lookup per token, the misses filled by ``_CodeCache.__missing__``."""
    if len(_FLAGS) > TERM_CACHE_MAX:
        _FLAGS.clear()
    return np.fromiter(map(_FLAGS.__getitem__, tagged), dtype=np.int64, count=len(tagged))
