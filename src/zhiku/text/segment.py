"""Chinese word segmentation with zhiku's domain dictionary, loaded lazily once per process.

The backend is rjieba (jieba's dictionary and algorithm in Rust; measured by ``bench/bench_keywords.py``
at about 15-20 times jieba's speed on the seeds, and with HMM off it gives jieba's exact output).
On top of jieba's dictionary it loads ``data/lexicon/domain_words.txt`` and every pattern of the
taxonomies in ``data/taxonomy/`` (when present), so that 大模型, 智算中心 or 具身智能 stay whole.

``segment`` is what analysis uses; ``search_tokens`` is the fine-grained form for indexing and
querying (the same function must serve both sides of a search).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources
from typing import Any, Literal, Protocol

from ..collector import batch_cache

logger = logging.getLogger(__name__)

Backend = Literal["rjieba", "jieba"]
DEFAULT_BACKEND: Backend = "rjieba"
DOMAIN_POS = "n"  # jieba's TextRank and our noun filters drop words without a noun tag

# Taxonomy files whose patterns become dictionary words; missing files are skipped.
TAXONOMY_FILES = ("ai_technologies.yaml", "industries.yaml")
# A pattern is a dictionary word when it is plain text the segmenter can keep whole.
_WORDLIKE = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9+#&._%\-]{2,30}$")


class _Tokenizer(Protocol):
    def cut(self, text: str, hmm: bool = True) -> list[str]: ...


def _data_text(*parts: str) -> str | None:
    """Text of a packaged data file, or None when it does not exist."""
    node = resources.files("zhiku").joinpath("data", *parts)
    if not node.is_file():
        return None
    return node.read_text(encoding="utf-8")


def _parse_userdict(text: str) -> Iterator[tuple[str, int | None, str]]:
    """Entries of a jieba-style user dictionary: ``word [freq] [pos]``; lines starting with ``#`` are comments."""
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        word, freq, pos = parts[0], None, DOMAIN_POS
        for extra in parts[1:]:
            if extra.isdigit():
                freq = int(extra)
            else:
                pos = extra
        yield word, freq, pos


def _taxonomy_patterns() -> list[str]:
    """Every word-like pattern and label of the taxonomies that exist (none yet is fine)."""
    words: list[str] = []
    for name in TAXONOMY_FILES:
        text = _data_text("taxonomy", name)
        if text is None:
            continue
        import yaml

        try:
            data = yaml.safe_load(text) or {}
        except yaml.YAMLError as exc:
            logger.warning("taxonomy %s is not valid YAML, its patterns are not segmenter words: %s", name, exc)
            continue
        concepts = data.get("concepts", []) if isinstance(data, dict) else []
        for concept in concepts:
            if not isinstance(concept, dict):
                continue
            candidates: list[Any] = [concept.get("label"), *(concept.get("patterns") or [])]
            for item in candidates:
                if isinstance(item, dict):  # tolerate {text: ...} style patterns
                    item = item.get("text") or item.get("pattern")
                if isinstance(item, str) and _WORDLIKE.match(item) and not item.isascii():
                    words.append(item)
    return words


@lru_cache(maxsize=1)
def domain_words() -> tuple[tuple[str, int | None, str], ...]:
    """The domain dictionary: lexicon entries plus taxonomy patterns, deduplicated, in load order."""
    seen: set[str] = set()
    out: list[tuple[str, int | None, str]] = []
    base = _data_text("lexicon", "domain_words.txt") or ""
    for word, freq, pos in _parse_userdict(base):
        if word not in seen:
            seen.add(word)
            out.append((word, freq, pos))
    for word in _taxonomy_patterns():
        if word not in seen:
            seen.add(word)
            out.append((word, None, DOMAIN_POS))
    for word in _company_names():
        if word not in seen:
            seen.add(word)
            out.append((word, None, COMPANY_POS))
    return tuple(out)


COMPANY_POS = "nt"  # jieba's tag of an organization's name


def _company_names() -> list[str]:
    """The names and aliases of the companies of ``data/gazetteer/organizations.yaml`` that the segmenter can keep
    whole (英伟达 had been 英|伟达, 优必选 优|必选, 科大讯飞 科大|讯|飞): two to eight characters, not all ASCII."""
    from ..analyze.taxonomy import read_gazetteer  # parsed once per process, shared with the tag stage

    entries = read_gazetteer("organizations.yaml").get("organizations") or []
    return [name for e in entries if isinstance(e, dict) and e.get("type") == "company"
            for name in (e.get("name"), *(e.get("aliases") or ()))
            if isinstance(name, str) and 2 <= len(name) <= 8 and _WORDLIKE.match(name) and not name.isascii()]


@lru_cache(maxsize=2)
def tokenizer(backend: Backend = DEFAULT_BACKEND) -> Any:
    """A tokenizer of ``backend`` with the domain dictionary loaded (built once per process)."""
    words = domain_words()
    if backend == "rjieba":
        import rjieba

        tok = rjieba.Jieba()
        for word, freq, pos in words:
            tok.add_word(word, freq, pos)
    elif backend == "jieba":
        import jieba

        jieba.setLogLevel(logging.WARNING)
        tok = jieba.Tokenizer()
        tok.initialize()
        for word, freq, pos in words:
            tok.add_word(word, freq, pos)
    else:
        raise ValueError(f"unknown segmenter backend {backend!r}")
    logger.debug("segmenter %s ready with %d domain words", backend, len(words))
    return tok


@lru_cache(maxsize=1)
def _jieba_tagger() -> Any:
    """jieba.posseg tagger over the same dictionary (only for the jieba backend)."""
    import jieba.posseg

    return jieba.posseg.POSTokenizer(tokenizer("jieba"))


def segment(text: str, backend: Backend = DEFAULT_BACKEND, hmm: bool = True) -> list[str]:
    """Words of ``text`` (punctuation and spaces included as their own tokens)."""
    if not text:
        return []
    if backend == "jieba":
        return list(tokenizer(backend).cut(text, HMM=hmm))
    return list(tokenizer(backend).cut(text, hmm))


def tag(text: str, backend: Backend = DEFAULT_BACKEND, hmm: bool = True) -> list[tuple[str, str]]:
    """``(word, pos)`` pairs with jieba's part-of-speech tags; domain words are nouns."""
    if not text:
        return []
    if backend == "jieba":
        return [(w.word, w.flag) for w in _jieba_tagger().cut(text, HMM=hmm)]
    return list(tokenizer(backend).tag(text, hmm))


TAGGED_KEPT = 256  # texts whose tagging ``tagged_nfkc`` keeps: a batch of records (pipeline.BATCH), title and body


@batch_cache(maxsize=TAGGED_KEPT)
def tagged_nfkc(text: str, hmm: bool) -> tuple[str, tuple[tuple[str, str], ...]]:
    """``nfkc(text)`` and its ``tag``, kept for the last ``TAGGED_KEPT`` texts of the batch: the tag stage's people
    and the keyword stage read one tagging of an article (a stage runs over a whole batch before the next)."""
    from .nfkc import nfkc

    folded = nfkc(text)
    return folded, tuple(tag(folded, hmm=hmm))


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """``(word, start, end)`` with character offsets into ``text``."""
    if not text:
        return []
    return list(tokenizer().tokenize(text, "default", True))


def search_tokens(text: str) -> list[str]:
    """Fine-grained words for a search index or query: long words also yield their dictionary parts.

    Lower-cased, without whitespace or punctuation; index and query must both use this function.
    """
    if not text:
        return []
    return [w.lower() for w in tokenizer().cut_for_search(text, True) if _is_word(w)]


def _is_word(token: str) -> bool:
    return any(ch.isalnum() for ch in token)


def words(texts: Iterable[str]) -> Iterator[list[str]]:
    """``segment`` over many texts (convenience for corpus scripts)."""
    for text in texts:
        yield segment(text)
