"""Keyword candidates and their features, computed with array operations over the tagged tokens.

Title and body are one token sequence (title, a break, body). Candidate spans of one to ``MAX_TOKENS``
tokens are found for all start positions at once from per-token flags (``keyword_lexicon.token_codes``);
every span becomes a term by slicing the joined text, and per-term statistics (counts, positions,
boundaries) are ``numpy.bincount`` sums over the spans. Per-term Python work is limited to the IDF,
which is cached per term across articles.
"""

from __future__ import annotations

import logging
import math
import os
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain, count, repeat
from pathlib import Path
from typing import Any

import numpy as np

from ..text.arrays import run_starts, word_chars
from . import keyword_lexicon as lx

logger = logging.getLogger(__name__)

MAX_TOKENS = 4
MAX_CHARS = 12
LEAD_CHARS = 120
TITLE_BOOST = 2.0  # an occurrence in the title counts this many times
WINDOW = 5
TEXTRANK_ITERATIONS = 20
DAMPING = 0.85

FEATURES = (
    # summed over a term's occurrences (_span_columns)
    "lead", "first", "bounded", "left", "right", "title_chunk", "verb_head", "verb_in_title", "loose",
    "left_fixed", "right_fixed", "spread", "sentences", "first_sentence", "last_sentence",
    # from the term and its words (_term_columns)
    "tfidf", "textrank", "log_count", "idf", "in_title", "title_and_body", "n_words", "single", "n_chars",
    "contained_in", "known_word", "string_count", "cohesion", "head_vn", "ascii", "single_verb", "has_nr",
    "bg_idf", "bg_known", "title_sub", "dominated", "inside", "holds", "bg_head", "bg_first", "bg_min",
    "tfidf_bg", "title_share", "tfidf_rank", "tfidf_bg_rank", "verb_first",
)  # fmt: skip
# Pairs of features whose product is a feature too (a title word that the lead repeats is not the sum of both).
_CROSSED = ("tfidf", "in_title", "lead", "first", "n_words", "single", "string_count", "title_chunk", "log_count",
            "idf", "single_verb", "known_word", "bounded", "bg_idf", "bg_known", "title_sub", "right_fixed",
            "left_fixed", "spread", "inside", "holds", "tfidf_bg", "title_share")  # fmt: skip
CROSSES = tuple((a, b) for k, a in enumerate(_CROSSED) for b in _CROSSED[k + 1 :])
BASE_FEATURES = FEATURES
ALL_FEATURES = BASE_FEATURES + tuple(f"{a}*{b}" for a, b in CROSSES)
_LEFT = np.array([BASE_FEATURES.index(a) for a, _ in CROSSES])
_RIGHT = np.array([BASE_FEATURES.index(b) for _, b in CROSSES])

# term -> its row of _IDF_ROWS: (IDF, known as one word, background IDF, known, head, first, min, split); a new
# term takes row len(_IDF), so emptying the dict (at its cap, or in a test) frees every row
_IDF: dict[str, int] = {}
_IDF_ROWS = np.zeros((1024, 8))
BG_MAX = 14.0


@dataclass
class Candidates:
    """The kept candidate terms of one article and their feature matrix (``BASE_FEATURES`` columns)."""

    terms: list[str]
    matrix: np.ndarray


def _has(flags: np.ndarray, bits: int) -> np.ndarray:
    return (flags & bits) != 0


def _spans(tok: _Tokens) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(starts, ends, strict) of every candidate span, one-token spans first."""
    n, flags, lens, content = tok.n, tok.flags, tok.lens, tok.content
    loose, stop = _has(flags, lx.LOOSE), _has(flags, lx.STOP)
    end1 = ~stop & _has(flags, lx.POS_HEAD | lx.POS_SINGLE)
    end_n = (~stop & _has(flags, lx.POS_HEAD | lx.POS_VERB)) | _has(flags, lx.HEAD_WORD)
    end_loose = ~stop & ~_has(flags, lx.POS_DFT)
    strict_run = content[:n] & ~stop[:n]
    loose_run = loose[:n] & ~stop[:n]
    chars = np.zeros(n, dtype=np.int64)
    starts, sizes, strict = [], [], []
    base = np.arange(n)
    for size in range(1, MAX_TOKENS + 1):
        last = slice(size - 1, size - 1 + n)
        chars = chars + lens[last]
        fits = chars <= MAX_CHARS
        if size > 1:
            strict_run = strict_run & content[last]
            loose_run = loose_run & loose[last]
        starts.append(base[strict_run & fits & (chars >= 2) & (end1[last] if size == 1 else end_n[last])])
        sizes.append(size)
        strict.append(True)
        if size > 1:
            starts.append(base[loose_run & fits & end_loose[last]])
            sizes.append(size)
            strict.append(False)
    counts = list(map(len, starts))  # one block of starts per size and kind: repeat each block's size and kind
    first = np.concatenate(starts)
    return first, first + np.repeat(sizes, counts), np.repeat(strict, counts)


def _phrase_idf(term: str, words: list[str]) -> tuple[float, ...]:
    """IDF of a term: its own when the table knows it, else its parts' damped by length; the same from the
    background table. (Sums are plain left-to-right float additions, which the kernel repeats: ``sum`` of floats
    is compensated from Python 3.12 on.)"""
    table, bg = lx.idf_table(), lx.background_idf()
    known = term.lower() in table.df
    parts = [bg.get(w, BG_MAX) for w in words]
    if known or len(words) == 1:
        value = table.idf(term)
    else:
        value = _added(map(table.idf, words)) / math.sqrt(len(words))
    bg_value = bg.get(term)
    bg_known = bg_value is not None
    if bg_value is None:
        bg_value = _added(parts) / math.sqrt(len(words)) if len(words) > 1 else BG_MAX
    return value, known, bg_value, bg_known, parts[-1], parts[0], min(parts)


def _added(values: Iterable[float]) -> float:
    """Floats added one after the other from 0.0."""
    total = 0.0
    for value in values:
        total += value
    return total


def _cache_idf(term: str, row: tuple[float, ...]) -> tuple[float, ...]:
    """Store a term's ``_phrase_idf`` row and split, first emptying the cache at its cap."""
    global _IDF_ROWS
    if len(_IDF) > lx.TERM_CACHE_MAX:
        _IDF.clear()
    k = _IDF.setdefault(term, len(_IDF))
    if k >= len(_IDF_ROWS):
        _IDF_ROWS = np.concatenate([_IDF_ROWS, np.zeros_like(_IDF_ROWS)])
    _IDF_ROWS[k] = row
    return row


def _idf_columns(terms: list[str], words: list[str], s: np.ndarray, e: np.ndarray, split: np.ndarray) -> np.ndarray:
    """The ``_phrase_idf`` values of every term (words ``words[s:e]``) as a (7, K) float array.

    Cached per term with the split it was computed for (``split``: the lengths of its words, packed), and used
    only for that split: one term may be cut into other words elsewhere (吐槽 is one word in 观众吐槽节目, two in
    邓超也吐槽过), and its parts' IDF must be this article's, not those of whichever article a process met the
    term in first (that made a worker's keywords follow what it had read before)."""
    rows = np.fromiter(map(_IDF.get, terms, repeat(-1)), dtype=np.int64, count=len(terms))
    values = _IDF_ROWS[np.maximum(rows, 0)]  # a copy: rows that a cache emptied below hands out again stay right
    rows[values[:, 7] != split] = -1
    for k in np.flatnonzero(rows < 0).tolist():
        values[k] = _cache_idf(terms[k], (*_phrase_idf(terms[k], words[s[k] : e[k]]), split[k]))
    return values[:, :7].T


@lru_cache(maxsize=1)
def _sparsetools() -> Any:
    """scipy's C routines behind ``csr_matrix((data, (r, c)))`` and ``csr @ vector`` (None if scipy moved them)."""
    try:
        from scipy.sparse import _sparsetools
    except ImportError:  # pragma: no cover - the public path below computes the same
        return None
    return _sparsetools if hasattr(_sparsetools, "csr_sum_duplicates") else None


def _pagerank(r: np.ndarray, c: np.ndarray, weight: np.ndarray, n: int) -> np.ndarray:
    """``TEXTRANK_ITERATIONS`` steps of ``rank = M @ rank + (1 - DAMPING)`` from ones, for the matrix
    ``M = csr_matrix((weight, (r, c)), shape=(n, n))`` (duplicates add up).

    Calls scipy's C routines as ``csr_matrix`` and ``@`` do (COO to CSR, sort each row, sum duplicates; then
    ``csr_matvec`` into zeros), without their Python layers: the same arrays and sums, the same bits."""
    tools = _sparsetools()
    rank = np.ones(n)
    if tools is None:  # pragma: no cover
        from scipy.sparse import csr_matrix

        matrix = csr_matrix((weight, (r, c)), shape=(n, n))
        for _ in range(TEXTRANK_ITERATIONS):
            rank = matrix @ rank + (1 - DAMPING)
        return rank
    nnz = len(r)
    indptr, indices, data = np.empty(n + 1, dtype=np.int32), np.empty(nnz, dtype=np.int32), np.empty(nnz)
    tools.coo_tocsr(n, n, nnz, r.astype(np.int32), c.astype(np.int32), weight, indptr, indices, data)
    tools.csr_sort_indices(n, indptr, indices, data)
    tools.csr_sum_duplicates(n, n, indptr, indices, data)
    for _ in range(TEXTRANK_ITERATIONS):
        product = np.zeros(n)
        tools.csr_matvec(n, n, indptr, indices, data, rank, product)
        rank = product + (1 - DAMPING)
    return rank


def _textrank(word_ids: np.ndarray, n_words: int) -> np.ndarray:
    """PageRank of each word id over the co-occurrence graph of the sequence (window ``WINDOW``); 0 if unlinked."""
    rank_of = np.zeros(n_words)
    if len(word_ids) < 2:
        return rank_of
    a = np.concatenate([word_ids[:-d] for d in range(1, WINDOW)])
    b = np.concatenate([word_ids[d:] for d in range(1, WINDOW)])
    keep = a != b
    a, b = a[keep], b[keep]
    if not len(a):
        return rank_of
    r, c = np.concatenate([a, b]), np.concatenate([b, a])
    out_weight = np.bincount(c, minlength=n_words).astype(float)
    rank = _pagerank(r, c, DAMPING / out_weight[c], n_words)
    linked = out_weight > 0
    rank_of[linked] = rank[linked]
    return rank_of


def _index(items: Iterable[str], n: int) -> tuple[list[str], np.ndarray, dict[str, int]]:
    """The distinct items (``n`` in all) in first-seen order, each item's position among them, and the
    item -> position dict; one pass, in C: an unseen item takes the next number."""
    position: defaultdict[str, int] = defaultdict(count().__next__)
    ids = np.fromiter(map(position.__getitem__, items), dtype=np.int64, count=n)
    position.default_factory = None  # a plain dict from here on
    return list(position), ids, position


def _fixed_neighbours(
    ids: np.ndarray, padded: np.ndarray, before: np.ndarray, after: np.ndarray, seen: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Per term, for the character just before and the one just after its occurrences (char offsets ``before``
    and ``after`` into ``padded[1:]``): seen at least twice and always the same letter or hanzi.

    Both sides in one pass (ids of the after side shifted by ``m``); "one distinct neighbour" is tested as
    equal minimum and maximum, which needs no sort."""
    m = len(seen)
    near = padded[np.concatenate([before, after]) + 1]  # line breaks pad the text: no neighbour is a letter
    both = np.concatenate([ids, ids + m])
    low = np.full(2 * m, 0x110000)
    np.minimum.at(low, both, near)
    high = np.full(2 * m, -1)
    np.maximum.at(high, both, near)
    seen2 = np.concatenate([seen, seen])
    always_word = np.bincount(both, weights=word_chars(near), minlength=2 * m) == seen2
    fixed = (seen2 >= 2) & (low == high) & always_word
    return fixed[:m], fixed[m:]


def _string_counts(
    joined: str, codes: np.ndarray, terms: list[str], at: np.ndarray, length: np.ndarray, seen: np.ndarray
) -> np.ndarray:
    """Occurrences of each term anywhere in the text (inside longer words too); ``at``: one offset of each.

    Two- and three-character terms are counted as character n-grams; a longer one runs ``str.count`` only
    when its first three characters occur more often than the term's candidate spans. One sorted array of
    the text's trigrams (21 bits a character) answers both: a bigram's count is that of the trigrams it
    starts, plus one when it is the text's last bigram (which starts none).
    """
    if len(codes) < 3:
        return seen.astype(float)
    size = len(codes) - 2
    keys = np.sort((codes[:size] << 42) | (codes[1 : size + 1] << 21) | codes[2:])
    last = len(codes) - 1
    pair = (codes[at] << 21) | codes[np.minimum(at + 1, last)]
    two = length == 2
    low = np.where(two, pair << 21, (pair << 21) | codes[np.minimum(at + 2, last)])
    high = np.where(two, (pair + 1) << 21, low + 1)
    found = np.searchsorted(keys, np.concatenate([low, high]))
    ngrams = found[len(at) :] - found[: len(at)]
    ngrams += two & (pair == ((codes[-2] << 21) | codes[-1]))
    out = np.where(two | (length == 3), ngrams, seen).astype(float)
    for k in np.flatnonzero((length > 3) & (ngrams > seen)).tolist():
        out[k] = joined.count(terms[k])
    return out


_SPLIT_WEIGHTS = 1 << 5 * np.arange(MAX_TOKENS)  # a word of a candidate has at most MAX_CHARS (< 32) characters
_SUB = [(a, b) for a in range(MAX_TOKENS) for b in range(a + 1, MAX_TOKENS + 1)]
_SUB_A = np.array([a for a, _ in _SUB])
_SUB_B = np.array([b for _, b in _SUB])


def _nesting(tok: _Tokens, sp: _Spans, kept: np.ndarray, s: np.ndarray, e: np.ndarray,
             string_count: np.ndarray) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """Per kept term: the largest share of its occurrences inside one longer candidate that holds it as a run
    of words (天坑 in 天坑群), and the smallest share of one of its own parts' occurrences that it accounts for."""
    size = (e - s)[:, None]
    proper = (size >= _SUB_B[None, :]) & ((_SUB_A[None, :] > 0) | (size > _SUB_B[None, :]))
    outer, sub = np.nonzero(proper)
    inside = np.zeros(len(kept))
    holds = np.ones(len(kept))
    if not len(outer):
        return inside, holds
    lo, hi = s[outer] + _SUB_A[sub], s[outer] + _SUB_B[sub]
    one = hi - lo == 1  # one-word runs are words: no slicing (the order of the pairs does not matter)
    outer = np.concatenate([outer[one], outer[~one]])
    runs = map(tok.words.__getitem__, lo[one].tolist())
    cut = map(tok.joined.__getitem__, map(slice, tok.offs[lo[~one]].tolist(), tok.offs[hi[~one]].tolist()))
    found = np.fromiter(map(sp.position.get, chain(runs, cut), repeat(-1)), dtype=np.int64, count=len(outer))
    kept_at = np.full(len(sp.terms) + 1, -1)  # term -> its row among the kept ones; -1 (last entry) for none
    kept_at[kept] = np.arange(len(kept))
    inner = kept_at[found]
    hit = inner >= 0
    outer, inner = outer[hit], inner[hit]
    share = np.minimum(1.0, string_count[outer] / np.maximum(string_count[inner], 1))
    np.maximum.at(inside, inner, share)
    np.minimum.at(holds, outer, share)
    return inside, holds


def _rank(values: np.ndarray) -> np.ndarray:
    """1 / (1 + rank) of each value among the article's candidates (best rank 0)."""
    order = np.argsort(-values, kind="stable")
    rank = np.empty(len(values))
    rank[order] = np.arange(len(values))
    return 1 / (1 + rank)


def _scale(values: np.ndarray) -> np.ndarray:
    top = values.max() if len(values) else 0.0
    return values / top if top > 0 else np.zeros_like(values)


@dataclass
class _Tokens:
    """The article as one token sequence: title, a break, body."""

    words: list[str]
    vocab: list[str]  # the distinct words, first seen first
    word_ids: np.ndarray  # each token's word: its index in ``vocab``
    flags: np.ndarray  # token_codes flag bits, padded with MAX_TOKENS zeros
    lens: np.ndarray  # characters per token, padded likewise
    offs: np.ndarray  # character offset of each token in ``joined`` (n + 1 entries)
    joined: str
    n_head: int
    content: np.ndarray  # the CONTENT flag of each token, padded likewise
    padded: np.ndarray  # code points of ``joined`` between two line breaks

    @property
    def n(self) -> int:
        return len(self.words)

    @property
    def body0(self) -> int:
        return self.n_head + 1

    @property
    def codes(self) -> np.ndarray:
        return self.padded[1:-1]


@dataclass
class _Spans:
    """Candidate occurrences (token spans) and per-term sums over them; ``ids`` index ``terms``."""

    terms: list[str]
    ids: np.ndarray
    starts: np.ndarray
    ends: np.ndarray
    strict_term: np.ndarray
    position: dict[str, int] = field(default_factory=dict)  # term -> index in ``terms``

    def total(self, weights: np.ndarray | None = None) -> np.ndarray:
        return np.bincount(self.ids, weights=weights, minlength=len(self.terms))


def _tokens(title: Sequence[tuple[str, str]], body: Sequence[tuple[str, str]]) -> _Tokens:
    tagged = [*title, ("\n", "x"), *body]
    words, tags = [w for w, _ in tagged], [t for _, t in tagged]
    n = len(words)
    vocab, word_ids, _ = _index(words, n)
    packed = np.zeros(n + MAX_TOKENS, dtype=np.int64)  # MAX_TOKENS padding tokens: no flags, no characters
    packed[:n] = lx.token_codes(vocab, word_ids, tags)
    flags, lens = packed & ((1 << lx.FLAG_BITS) - 1), packed >> lx.FLAG_BITS
    offs = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(lens[:n], out=offs[1:])
    joined = "".join(words)
    content, padded = _has(flags, lx.CONTENT), _codes(f"\n{joined}\n")
    return _Tokens(words, vocab, word_ids, flags, lens, offs, joined, len(title), content, padded)


def _occurrences(tok: _Tokens) -> _Spans | None:
    """Spans named by their text; a loose phrase counts only when repeated and not also a strict candidate."""
    starts, ends, strict = _spans(tok)
    if not len(starts):
        return None
    offs = tok.offs
    n_single = int(np.count_nonzero(ends - starts == 1))  # one-token spans are words: no slicing
    single = map(tok.words.__getitem__, starts[:n_single].tolist())
    lo, hi = offs[starts[n_single:]].tolist(), offs[ends[n_single:]].tolist()
    terms, ids, position = _index(chain(single, map(tok.joined.__getitem__, map(slice, lo, hi))), len(starts))
    m = len(terms)
    strict_term = np.bincount(ids[strict], minlength=m) > 0
    loose_count = np.bincount(ids[~strict], minlength=m)
    occ = strict | ((loose_count[ids] >= 2) & ~strict_term[ids])
    return _Spans(terms, ids[occ], starts[occ], ends[occ], strict_term, position)


def _keep(tok: _Tokens, sp: _Spans, seen: np.ndarray, verb_head: np.ndarray, title_seen: np.ndarray) -> np.ndarray:
    """Indices of the terms kept: repeated loose phrases; strict ones unless a verb-headed compound seen once
    outside the title or only in the title (深度求索发布, 头枕砸), or a lone verb or adjective (凋亡) seen once."""
    count = seen - title_seen
    loose = ~sp.strict_term
    lone_words = set(map(tok.words.__getitem__, np.flatnonzero(_has(tok.flags[: tok.n], lx.LONE)).tolist()))
    lone = np.zeros(len(sp.terms), dtype=bool)  # the terms that are lone words: the few such words looked up
    lone[[k for k in map(sp.position.get, lone_words) if k is not None]] = True
    keep = (seen > 0) & (
        (loose & (seen >= 2)) | (~loose & (~verb_head | (count >= 2) | (title_seen > 0) & (count >= 1))
                                 & ((seen >= 2) | ~lone))
    )
    return np.flatnonzero(keep)


@lru_cache(maxsize=1)
def kernel() -> Any:
    """The compiled kernel (``_keyword_kernel``, built by ``pip install``), or None where it is not built or the
    environment sets ``ZHIKU_KERNEL=0``: then ``reference_candidates`` runs, with the same result."""
    if os.environ.get("ZHIKU_KERNEL", "1") == "0":
        return None
    try:
        from . import _keyword_kernel
    except ImportError:
        logger.info("keyword kernel not built: the numpy reference computes keyword features")
        return None
    built = Path(_keyword_kernel.__file__ or "")
    if kernel_is_stale(built, built.with_name("_keyword_kernel.pyx")):
        logger.warning("keyword kernel %s is older than its source: rebuild it (pip install -e .); the numpy "
                       "reference computes keyword features meanwhile", built.name)
        return None
    try:
        _keyword_kernel._setup()
    except ImportError as exc:  # built for other features
        logger.warning("keyword kernel not used: %s", exc)
        return None
    return _keyword_kernel


def kernel_is_stale(built: Path, source: Path) -> bool:
    """Whether a kernel built in place (an editable install) predates its ``.pyx`` beside it: a checkout changed
    the source and the build did not follow. An installed wheel ships no source: never stale."""
    try:
        return source.stat().st_mtime > built.stat().st_mtime
    except OSError:
        return False


def idf_cache_size() -> int:
    """Entries of the per-term IDF cache in use (the kernel's where it runs, else ``_IDF``)."""
    compiled = kernel()
    return compiled.cache_size() if compiled is not None else len(_IDF)


def clear_idf_cache() -> None:
    """Empty the per-term IDF caches (the kernel's and the reference's)."""
    _IDF.clear()
    compiled = kernel()
    if compiled is not None:
        compiled.clear_cache()


def candidates(title: Sequence[tuple[str, str]], body: Sequence[tuple[str, str]]) -> Candidates:
    """Candidate terms of an article (tagged title and body) with their features: by the compiled kernel where
    it is built, else by ``reference_candidates`` (the same terms and matrix, to the last bit)."""
    compiled = kernel()
    if compiled is not None:
        return Candidates(*compiled.candidates(title, body))
    return reference_candidates(title, body)


def reference_candidates(title: Sequence[tuple[str, str]], body: Sequence[tuple[str, str]]) -> Candidates:
    """``candidates`` by numpy array operations: the definition of every feature, which the kernel follows."""
    tok = _tokens(title, body)
    sp = _occurrences(tok)
    if sp is None:
        return Candidates([], np.zeros((0, len(BASE_FEATURES))))
    flags, starts, ends, ids = tok.flags, sp.starts, sp.ends, sp.ids
    last = flags[ends - 1]
    strict = sp.strict_term[ids]
    verb_end = strict & (ends - starts > 1) & _has(last, lx.PLAIN_VERB) & ~_has(last, lx.HEAD_WORD)
    seen = sp.total()
    verb_head = sp.total(verb_end) > 0
    title_seen = sp.total(starts < tok.n_head)
    kept = _keep(tok, sp, seen, verb_head, title_seen)
    if not len(kept):
        return Candidates([], np.zeros((0, len(BASE_FEATURES))))
    first = np.full(len(sp.terms), len(ids))  # each term's first occurrence
    np.minimum.at(first, ids, np.arange(len(ids)))
    rep = first[kept]
    terms = list(map(sp.terms.__getitem__, kept.tolist()))
    columns = _span_columns(tok, sp, kept, seen, title_seen, verb_head) + _term_columns(
        tok, sp, terms, kept, starts[rep], ends[rep], seen[kept], title_seen[kept]
    )
    x = np.ascontiguousarray(np.array(columns, dtype=float).T)  # row-major, as the scorer's products expect
    return Candidates(terms, x)


def _sums(ids: np.ndarray, masks: list[np.ndarray], m: int) -> np.ndarray:
    """Per mask and term, the term's occurrences in the mask: a (masks, m) array from one ``bincount``."""
    which, at = np.nonzero(np.stack(masks))
    return np.bincount(which * m + ids[at], minlength=len(masks) * m).reshape(len(masks), m)


def _span_columns(
    tok: _Tokens, sp: _Spans, kept: np.ndarray, seen: np.ndarray, title_seen: np.ndarray, verb_head: np.ndarray
) -> list[np.ndarray]:
    """Features summed over occurrences: position, boundaries, sentences (``FEATURES`` order, part 1)."""
    n, body0, offs, content = tok.n, tok.body0, tok.offs, tok.content
    starts, ends, ids, m = sp.starts, sp.ends, sp.ids, len(sp.terms)
    left = (starts == 0) | ~content[np.maximum(starts - 1, 0)]
    right = ~content[ends]
    in_title = starts < tok.n_head
    body_occ = ~in_title
    body_ids, body_pos = ids[body_occ], (starts[body_occ] - body0).astype(float)
    first = np.full(m, float(n - body0))
    np.minimum.at(first, body_ids, body_pos)
    first = first / max(1, n - body0)
    last_pos = np.full(m, -1.0)
    np.maximum.at(last_pos, body_ids, body_pos)
    spread = np.where(last_pos >= 0, last_pos / max(1, n - body0) - first, 0.0)
    sentence = np.concatenate([[0], np.cumsum(_has(tok.flags[:n], lx.SENTENCE_END))])[starts]
    pairs = np.sort(ids * (n + 1) + sentence, kind="stable")  # integers: any sort gives the same array
    n_sent = np.bincount(pairs[run_starts(pairs)] // (n + 1), minlength=m)
    body_sentences = sentence[body_occ]
    first_body = body_sentences.min(initial=n + 1)
    last_body = body_sentences.max(initial=-1)
    bounded = left & right
    # integer counts where there were float sums of booleans: the same whole numbers, the same quotients
    lead, both, lefts, rights, title_chunk, in_first, in_last = _sums(ids, [
        body_occ & (offs[starts] - offs[body0] < LEAD_CHARS), bounded, left, right, in_title & bounded,
        body_occ & (sentence == first_body), body_occ & (sentence == last_body),
    ], m)[:, kept]  # fmt: skip
    # boundary stability: every occurrence has the same character just outside it (环形窄|缝, 母|贝肉)
    fixed_left, fixed_right = _fixed_neighbours(ids, tok.padded, offs[starts] - 1, offs[ends], seen)
    seen_k = np.maximum(1, seen[kept])
    return [
        lead > 0, first[kept],  # "lead", "first"
        both / seen_k, lefts / seen_k, rights / seen_k, title_chunk > 0,
        verb_head[kept], verb_head[kept] & (title_seen[kept] > 0), ~sp.strict_term[kept],
        fixed_left[kept], fixed_right[kept], spread[kept], np.log1p(n_sent[kept]), in_first > 0, in_last > 0,
    ]  # fmt: skip


def _codes(joined: str) -> np.ndarray:
    return np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)


def _title_sub(tok: _Tokens, terms: list[str], s: np.ndarray, in_title: np.ndarray) -> np.ndarray:
    """Per term: whether the title holds it. A term seen in the title does, one whose first character the title
    lacks does not; only the rest are searched."""
    end = tok.offs[tok.n_head]
    out = in_title.copy()
    if not end:
        return out
    title = np.sort(tok.codes[:end])
    first = tok.codes[tok.offs[s]]
    maybe = title[np.minimum(np.searchsorted(title, first), end - 1)] == first
    for k in np.flatnonzero(~in_title & maybe).tolist():
        out[k] = terms[k] in tok.joined[:end]
    return out


def _term_columns(
    tok: _Tokens, sp: _Spans, terms: list[str], kept: np.ndarray, s: np.ndarray, e: np.ndarray,
    seen: np.ndarray, title_seen: np.ndarray,
) -> list[np.ndarray]:  # fmt: skip
    """Features of each kept term from its words (``s``/``e``: one occurrence): counts, IDF, TextRank, nesting."""
    n, flags, offs, words, codes = tok.n, tok.flags, tok.offs, tok.words, tok.codes
    size = e - s
    count = seen - title_seen
    in_title = title_seen > 0
    vocab, wid = tok.vocab, tok.word_ids
    word_count = np.bincount(wid, minlength=len(vocab))
    ranked = np.flatnonzero(tok.content[:n] & ~_has(flags[:n], lx.STOP))
    tok_rank = np.zeros(n + 1)
    tok_rank[1:][ranked] = _textrank(wid[ranked], len(vocab))[wid[ranked]]
    cum_rank = np.cumsum(tok_rank)
    # words of each candidate as a (K, MAX_TOKENS) id matrix, -1 past its end
    cols = s[:, None] + np.arange(MAX_TOKENS)[None, :]
    inside = cols < e[:, None]
    wmat = np.where(inside, np.concatenate([wid, np.full(MAX_TOKENS, -1)])[np.minimum(cols, n)], -1)
    distinct = wmat.copy()
    for c in range(1, MAX_TOKENS):
        distinct[(wmat[:, :c] == wmat[:, c : c + 1]).any(axis=1), c] = -1
    part_ids = distinct[size > 1].ravel()
    contained_w = np.bincount(part_ids[part_ids >= 0], minlength=len(vocab))
    min_count = np.where(inside, word_count[np.maximum(wmat, 0)], np.iinfo(np.int64).max).min(axis=1)
    person = np.concatenate([[0], np.cumsum(_has(flags[:n], lx.PERSONISH))])
    chars = offs[e] - offs[s]
    string_count = _string_counts(tok.joined, codes, terms, offs[s], chars, seen)
    split = (tok.lens[cols] * inside) @ _SPLIT_WEIGHTS  # a term's split: its words' lengths, 5 bits each
    idf, known, bg_idf, bg_known, bg_head, bg_first, bg_min = _idf_columns(terms, words, s, e, split)
    title_sub = _title_sub(tok, terms, s, in_title)
    nested_in, holds = _nesting(tok, sp, kept, s, e, string_count)
    non_ascii = np.concatenate([[0], np.cumsum(codes > 127)])  # str.isascii of a term: no such character
    weighted = count + TITLE_BOOST * in_title
    return [
        _scale(weighted * idf), _scale((cum_rank[e] - cum_rank[s]) / np.sqrt(size)), np.log1p(count),
        idf / lx.idf_table().max_idf, in_title, in_title & (count > 0),
        size, size == 1, np.minimum(chars, MAX_CHARS) / MAX_CHARS,
        np.log1p(np.where(size > 1, 0, contained_w[wmat[:, 0]])), known, np.log1p(string_count),
        count / np.maximum(1, min_count), _has(flags[e - 1], lx.VN), non_ascii[offs[e]] == non_ascii[offs[s]],
        (size == 1) & _has(flags[s], lx.POS_SINGLE), person[e] > person[s],
        bg_idf / BG_MAX, bg_known, title_sub, nested_in >= 1, nested_in, holds,
        bg_head / BG_MAX, bg_first / BG_MAX, bg_min / BG_MAX, _scale(weighted * bg_idf),
        np.where(title_sub, chars / max(1, offs[tok.n_head]), 0.0),
        _rank(weighted * idf), _rank(weighted * bg_idf), (size > 1) & _has(flags[s], lx.PLAIN_VERB),
    ]  # fmt: skip


def with_crosses(x: np.ndarray) -> np.ndarray:
    """``BASE_FEATURES`` columns extended to ``ALL_FEATURES`` (the crossed pairs' products appended)."""
    return np.hstack([x, x[:, _LEFT] * x[:, _RIGHT]])


def crossed_score(x: np.ndarray, cross_weights: np.ndarray) -> np.ndarray:
    """``with_crosses(x)[:, len(BASE_FEATURES):] @ cross_weights`` without the hstack (matrix-vector products
    only: a matrix-matrix product would wake OpenBLAS's threads, which then spin and double the CPU time).

    The products are built as rows from a transposed copy (gathering rows is cheaper than columns): the same
    column-major matrix as ``x[:, _LEFT] * x[:, _RIGHT]``, hence the same product to the last bit (multiplied
    in place: one large temporary less)."""
    rows = np.ascontiguousarray(x.T)
    products = rows[_LEFT]
    np.multiply(products, rows[_RIGHT], out=products)
    return products.T @ cross_weights
