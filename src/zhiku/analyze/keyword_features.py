"""Keyword candidates and their features, computed with array operations over the tagged tokens.

Title and body are one token sequence (title, a break, body). Candidate spans of one to ``MAX_TOKENS``
tokens are found for all start positions at once from per-token flags (``keyword_lexicon.token_flags``);
every span becomes a term by slicing the joined text, and per-term statistics (counts, positions,
boundaries) are ``numpy.bincount`` sums over the spans. Per-term Python work is limited to the IDF,
which is cached per term across articles.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import chain, repeat

import numpy as np

from ..text.arrays import distinct, word_chars
from . import keyword_lexicon as lx

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

_IDF: dict[str, tuple[float, ...]] = {}  # term -> (IDF, known as one word, background IDF, known, head, first, min)
BG_MAX = 14.0


@dataclass
class Candidates:
    """The kept candidate terms of one article and their feature matrix (``BASE_FEATURES`` columns)."""

    terms: list[str]
    matrix: np.ndarray


def _has(flags: np.ndarray, bits: int) -> np.ndarray:
    return (flags & bits) != 0


def _spans(flags: np.ndarray, lens: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(starts, ends, strict) of every candidate span, one-token spans first; ``flags``/``lens`` padded with
    ``MAX_TOKENS`` zeros."""
    content, loose, stop = _has(flags, lx.CONTENT), _has(flags, lx.LOOSE), _has(flags, lx.STOP)
    end1 = ~stop & _has(flags, lx.POS_HEAD | lx.POS_SINGLE)
    end_n = (~stop & _has(flags, lx.POS_HEAD | lx.POS_VERB)) | _has(flags, lx.HEAD_WORD)
    end_loose = ~stop & ~_has(flags, lx.POS_DFT)
    strict_run = content[:n] & ~stop[:n]
    loose_run = loose[:n] & ~stop[:n]
    chars = np.zeros(n, dtype=np.int64)
    starts, ends, strict = [], [], []
    base = np.arange(n)
    for size in range(1, MAX_TOKENS + 1):
        last = slice(size - 1, size - 1 + n)
        chars = chars + lens[last]
        fits = chars <= MAX_CHARS
        if size > 1:
            strict_run = strict_run & content[last]
            loose_run = loose_run & loose[last]
        ok = strict_run & fits & (chars >= 2) & (end1[last] if size == 1 else end_n[last])
        idx = base[ok]
        starts.append(idx)
        strict.append(np.ones(len(idx), dtype=bool))
        if size > 1:
            idx2 = base[loose_run & fits & end_loose[last]]
            starts.append(idx2)
            strict.append(np.zeros(len(idx2), dtype=bool))
            ends.append(idx + size)
            ends.append(idx2 + size)
        else:
            ends.append(idx + 1)
    return np.concatenate(starts), np.concatenate(ends), np.concatenate(strict)


def _phrase_idf(term: str, words: list[str]) -> tuple[float, ...]:
    """IDF of a term: its own when the table knows it, else its parts' damped by length (cached per term);
    the same from the background table."""
    hit = _IDF.get(term)
    if hit is None:
        table, bg = lx.idf_table(), lx.background_idf()
        known = term.lower() in table.df
        if known or len(words) == 1:
            value = table.idf(term)
        else:
            value = sum(table.idf(w) for w in words) / math.sqrt(len(words))
        bg_value = bg.get(term)
        bg_known = bg_value is not None
        if bg_value is None:
            bg_value = sum(bg.get(w, BG_MAX) for w in words) / math.sqrt(len(words)) if len(words) > 1 else BG_MAX
        if len(_IDF) > lx.TERM_CACHE_MAX:
            _IDF.clear()
        parts = [bg.get(w, BG_MAX) for w in words]
        hit = _IDF[term] = (value, known, bg_value, bg_known, parts[-1], parts[0], min(parts))
    return hit


def _idf_columns(terms: list[str], words: list[str], s: np.ndarray, e: np.ndarray) -> np.ndarray:
    """The ``_phrase_idf`` values of every term (words ``words[s:e]``) as rows of a (7, K) float array."""
    rows = list(map(_IDF.get, terms))
    if None in rows:
        for k in [k for k, row in enumerate(rows) if row is None]:
            rows[k] = _phrase_idf(terms[k], words[s[k] : e[k]])
    # fromiter over the flattened rows: np.array would inspect every tuple and element first (3x slower)
    return np.fromiter(chain.from_iterable(rows), dtype=float, count=7 * len(terms)).reshape(len(terms), 7).T


def _textrank(word_ids: np.ndarray, n_words: int) -> np.ndarray:
    """PageRank of each word id over the co-occurrence graph of the sequence (window ``WINDOW``); 0 if unlinked."""
    from scipy.sparse import csr_matrix

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
    matrix = csr_matrix((DAMPING / out_weight[c], (r, c)), shape=(n_words, n_words))  # duplicates add up
    rank = np.ones(n_words)
    for _ in range(TEXTRANK_ITERATIONS):
        rank = matrix @ rank + (1 - DAMPING)
    linked = out_weight > 0
    rank_of[linked] = rank[linked]
    return rank_of


def _index(items: list[str]) -> tuple[list[str], np.ndarray]:
    """The distinct items in first-seen order, and each item's position among them."""
    distinct = list(dict.fromkeys(items))
    position = dict(zip(distinct, range(len(distinct)), strict=True))
    return distinct, np.fromiter(map(position.__getitem__, items), dtype=np.int64, count=len(items))


def _fixed_neighbour(ids: np.ndarray, codes: np.ndarray, at: np.ndarray, m: int) -> np.ndarray:
    """Per term: seen at least twice and always next to the same letter or hanzi (at char offsets ``at``)."""
    inside = (at >= 0) & (at < len(codes))
    near = np.where(inside, codes[np.clip(at, 0, len(codes) - 1)], 10)
    word_char = word_chars(near)
    pairs = distinct(ids * 0x110000 + near)
    neighbours = np.bincount(pairs // 0x110000, minlength=m)
    seen = np.bincount(ids, minlength=m)
    always_word = np.bincount(ids, weights=word_char, minlength=m) == seen
    return (seen >= 2) & (neighbours == 1) & always_word


def _ngram_counts(codes: np.ndarray, at: np.ndarray, n: int) -> np.ndarray:
    """How often the ``n`` characters starting at each offset of ``at`` occur in the text (as code points)."""
    size = len(codes) - n + 1
    keys = codes[:size].copy()
    probe = codes[np.minimum(at, size - 1)].copy()
    for k in range(1, n):
        keys = (keys << 21) | codes[k : k + size]
        probe = (probe << 21) | codes[np.minimum(at + k, len(codes) - 1)]
    keys.sort()
    return np.searchsorted(keys, probe, "right") - np.searchsorted(keys, probe)


def _string_counts(
    joined: str, codes: np.ndarray, terms: list[str], at: np.ndarray, length: np.ndarray, seen: np.ndarray
) -> np.ndarray:
    """Occurrences of each term anywhere in the text (inside longer words too); ``at``: one offset of each.

    Two- and three-character terms are counted as character n-grams; a longer one runs ``str.count`` only
    when its first three characters occur more often than the term's candidate spans.
    """
    if len(codes) < 3:
        return seen.astype(float)
    two, three = _ngram_counts(codes, at, 2), _ngram_counts(codes, at, 3)
    out = np.where(length == 2, two, np.where(length == 3, three, seen)).astype(float)
    for k in np.flatnonzero((length > 3) & (three > seen)).tolist():
        out[k] = joined.count(terms[k])
    return out


_SENTENCE_END = frozenset("。！？；!?;\n")
_SUB = [(a, b) for a in range(MAX_TOKENS) for b in range(a + 1, MAX_TOKENS + 1)]
_SUB_A = np.array([a for a, _ in _SUB])
_SUB_B = np.array([b for _, b in _SUB])


def _nesting(terms: list[str], s: np.ndarray, e: np.ndarray, tok: _Tokens,
             string_count: np.ndarray) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """Per term: the largest share of its occurrences inside one longer candidate that holds it as a run of
    words (天坑 in 天坑群), and the smallest share of one of its own parts' occurrences that it accounts for."""
    size = (e - s)[:, None]
    proper = (size >= _SUB_B[None, :]) & ((_SUB_A[None, :] > 0) | (size > _SUB_B[None, :]))
    outer, sub = np.nonzero(proper)
    inside = np.zeros(len(terms))
    holds = np.ones(len(terms))
    if not len(outer):
        return inside, holds
    lo, hi = s[outer] + _SUB_A[sub], s[outer] + _SUB_B[sub]
    one = hi - lo == 1  # one-word runs are words: no slicing (the order of the pairs does not matter)
    outer = np.concatenate([outer[one], outer[~one]])
    runs = list(map(tok.words.__getitem__, lo[one].tolist()))
    runs += map(tok.joined.__getitem__, map(slice, tok.offs[lo[~one]].tolist(), tok.offs[hi[~one]].tolist()))
    position = dict(zip(terms, range(len(terms)), strict=True))
    inner = np.fromiter(map(position.get, runs, repeat(-1)), dtype=np.int64, count=len(outer))
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
    flags: np.ndarray  # token_flags bits, padded with MAX_TOKENS zeros
    lens: np.ndarray  # characters per token, padded likewise
    offs: np.ndarray  # character offset of each token in ``joined`` (n + 1 entries)
    joined: str
    n_head: int

    @property
    def n(self) -> int:
        return len(self.words)

    @property
    def body0(self) -> int:
        return self.n_head + 1


@dataclass
class _Spans:
    """Candidate occurrences (token spans) and per-term sums over them; ``ids`` index ``terms``."""

    terms: list[str]
    ids: np.ndarray
    starts: np.ndarray
    ends: np.ndarray
    strict_term: np.ndarray

    def total(self, weights: np.ndarray | None = None) -> np.ndarray:
        return np.bincount(self.ids, weights=weights, minlength=len(self.terms))


def _tokens(title: list[tuple[str, str]], body: list[tuple[str, str]]) -> _Tokens:
    tagged = [*title, ("\n", "x"), *body]
    words = [w for w, _ in tagged]
    n = len(words)
    pad = np.zeros(MAX_TOKENS, dtype=np.int64)
    flags = np.concatenate([np.array(lx.token_flags(tagged), dtype=np.int64), pad])
    lens = np.concatenate([np.fromiter(map(len, words), dtype=np.int64, count=n), pad])
    offs = np.concatenate([[0], np.cumsum(lens[:n])])
    return _Tokens(words, flags, lens, offs, "".join(words), len(title))


def _occurrences(tok: _Tokens) -> _Spans | None:
    """Spans named by their text; a loose phrase counts only when repeated and not also a strict candidate."""
    starts, ends, strict = _spans(tok.flags, tok.lens, tok.n)
    if not len(starts):
        return None
    offs = tok.offs
    n_single = int(np.count_nonzero(ends - starts == 1))  # one-token spans are words: no slicing
    span_terms = list(map(tok.words.__getitem__, starts[:n_single].tolist()))
    lo, hi = offs[starts[n_single:]].tolist(), offs[ends[n_single:]].tolist()
    span_terms += map(tok.joined.__getitem__, map(slice, lo, hi))
    terms, ids = _index(span_terms)
    m = len(terms)
    strict_term = np.bincount(ids[strict], minlength=m) > 0
    loose_count = np.bincount(ids[~strict], minlength=m)
    occ = strict | ((loose_count[ids] >= 2) & ~strict_term[ids])
    return _Spans(terms, ids[occ], starts[occ], ends[occ], strict_term)


def _keep(tok: _Tokens, sp: _Spans, verb_head: np.ndarray, title_seen: np.ndarray) -> np.ndarray:
    """Indices of the terms kept: repeated loose phrases; strict ones unless a verb-headed compound seen once
    outside the title, or a lone verb or adjective (凋亡) seen once."""
    seen = sp.total()
    count = seen - title_seen
    loose = ~sp.strict_term
    lone_words = {tok.words[k] for k in np.flatnonzero(_has(tok.flags[: tok.n], lx.LONE))}
    lone = np.fromiter(map(lone_words.__contains__, sp.terms), dtype=bool, count=len(sp.terms))
    keep = (seen > 0) & (
        (loose & (seen >= 2)) | (~loose & (~verb_head | (count >= 2) | (title_seen > 0)) & ((seen >= 2) | ~lone))
    )
    return np.flatnonzero(keep)


def candidates(title: list[tuple[str, str]], body: list[tuple[str, str]]) -> Candidates:
    """Candidate terms of an article (tagged title and body) with their features."""
    tok = _tokens(title, body)
    sp = _occurrences(tok)
    if sp is None:
        return Candidates([], np.zeros((0, len(BASE_FEATURES))))
    flags, starts, ends, ids = tok.flags, sp.starts, sp.ends, sp.ids
    in_title = starts < tok.n_head
    last = flags[ends - 1]
    strict = sp.strict_term[ids]
    verb_end = strict & (ends - starts > 1) & _has(last, lx.PLAIN_VERB) & ~_has(last, lx.HEAD_WORD)
    verb_head = sp.total(verb_end) > 0
    title_seen = sp.total(in_title)
    kept = _keep(tok, sp, verb_head, title_seen)
    if not len(kept):
        return Candidates([], np.zeros((0, len(BASE_FEATURES))))
    first = np.full(len(sp.terms), len(ids))  # each term's first occurrence
    np.minimum.at(first, ids, np.arange(len(ids)))
    rep = first[kept]
    terms = list(map(sp.terms.__getitem__, kept.tolist()))
    columns = _span_columns(tok, sp, kept, title_seen, verb_head) + _term_columns(
        tok, sp, terms, kept, starts[rep], ends[rep], title_seen[kept]
    )
    x = np.ascontiguousarray(np.array(columns, dtype=float).T)  # row-major, as the scorer's products expect
    return Candidates(terms, x)


def _span_columns(
    tok: _Tokens, sp: _Spans, kept: np.ndarray, title_seen: np.ndarray, verb_head: np.ndarray
) -> list[np.ndarray]:
    """Features summed over occurrences: position, boundaries, sentences (``FEATURES`` order, part 1)."""
    n, body0, flags, offs = tok.n, tok.body0, tok.flags, tok.offs
    starts, ends, ids = sp.starts, sp.ends, sp.ids
    content = _has(flags, lx.CONTENT)
    left = (starts == 0) | ~content[np.maximum(starts - 1, 0)]
    right = ~content[ends]
    in_title = starts < tok.n_head
    body_occ = ~in_title
    seen = np.maximum(1, sp.total()[kept])
    lead = sp.total(body_occ & (offs[starts] - offs[body0] < LEAD_CHARS)) > 0
    first = np.full(len(sp.terms), float(n - body0))
    np.minimum.at(first, ids[body_occ], (starts[body_occ] - body0).astype(float))
    first = first / max(1, n - body0)
    last_pos = np.full(len(sp.terms), -1.0)
    np.maximum.at(last_pos, ids[body_occ], (starts[body_occ] - body0).astype(float))
    spread = np.where(last_pos >= 0, last_pos / max(1, n - body0) - first, 0.0)
    ends_sentence = np.fromiter(map(_SENTENCE_END.__contains__, tok.words), dtype=bool, count=n)
    sentence = np.concatenate([[0], np.cumsum(ends_sentence)])[starts]
    n_sent = np.bincount(distinct(ids * (n + 1) + sentence) // (n + 1), minlength=len(sp.terms))
    body_sentences = sentence[body_occ]
    first_body = body_sentences.min(initial=n + 1)
    last_body = body_sentences.max(initial=-1)
    # boundary stability: every occurrence has the same character just outside it (环形窄|缝, 母|贝肉)
    codes = _codes(tok.joined)
    return [
        lead[kept], first[kept],  # "lead", "first"
        sp.total(left & right)[kept] / seen, sp.total(left)[kept] / seen, sp.total(right)[kept] / seen,
        sp.total(in_title & left & right)[kept] > 0,  # "title_chunk"
        verb_head[kept], verb_head[kept] & (title_seen[kept] > 0), ~sp.strict_term[kept],
        _fixed_neighbour(ids, codes, offs[starts] - 1, len(sp.terms))[kept],
        _fixed_neighbour(ids, codes, offs[ends], len(sp.terms))[kept],
        spread[kept], np.log1p(n_sent[kept]),
        sp.total(body_occ & (sentence == first_body))[kept] > 0,
        sp.total(body_occ & (sentence == last_body))[kept] > 0,
    ]  # fmt: skip


def _codes(joined: str) -> np.ndarray:
    return np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)


def _term_columns(
    tok: _Tokens, sp: _Spans, terms: list[str], kept: np.ndarray, s: np.ndarray, e: np.ndarray,
    title_seen: np.ndarray,
) -> list[np.ndarray]:  # fmt: skip
    """Features of each kept term from its words (``s``/``e``: one occurrence): counts, IDF, TextRank, nesting."""
    n, flags, offs, words = tok.n, tok.flags, tok.offs, tok.words
    size = e - s
    seen = sp.total()[kept]
    count = seen - title_seen
    in_title = title_seen > 0
    vocab, wid = _index(words)
    word_count = np.bincount(wid, minlength=len(vocab))
    ranked = np.flatnonzero(_has(flags[:n], lx.CONTENT) & ~_has(flags[:n], lx.STOP))
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
    string_count = _string_counts(tok.joined, _codes(tok.joined), terms, offs[s], offs[e] - offs[s], seen)
    idf, known, bg_idf, bg_known, bg_head, bg_first, bg_min = _idf_columns(terms, words, s, e)
    title_text = tok.joined[: offs[tok.n_head]]
    title_sub = np.fromiter(map(title_text.__contains__, terms), dtype=bool, count=len(terms))
    nested_in, holds = _nesting(terms, s, e, tok, string_count)
    weighted = count + TITLE_BOOST * in_title
    return [
        _scale(weighted * idf), _scale((cum_rank[e] - cum_rank[s]) / np.sqrt(size)), np.log1p(count),
        idf / lx.idf_table().max_idf, in_title, in_title & (count > 0),
        size, size == 1, np.minimum(offs[e] - offs[s], MAX_CHARS) / MAX_CHARS,
        np.log1p(np.where(size > 1, 0, contained_w[wmat[:, 0]])), known, np.log1p(string_count),
        count / np.maximum(1, min_count), _has(flags[e - 1], lx.VN),
        np.fromiter(map(str.isascii, terms), dtype=bool, count=len(terms)),
        (size == 1) & _has(flags[s], lx.POS_SINGLE), person[e] > person[s],
        bg_idf / BG_MAX, bg_known, title_sub, nested_in >= 1, nested_in, holds,
        bg_head / BG_MAX, bg_first / BG_MAX, bg_min / BG_MAX, _scale(weighted * bg_idf),
        np.where(title_sub, (offs[e] - offs[s]) / max(1, offs[tok.n_head]), 0.0),
        _rank(weighted * idf), _rank(weighted * bg_idf), (size > 1) & _has(flags[s], lx.PLAIN_VERB),
    ]  # fmt: skip


def with_crosses(x: np.ndarray) -> np.ndarray:
    """``BASE_FEATURES`` columns extended to ``ALL_FEATURES`` (the crossed pairs' products appended)."""
    return np.hstack([x, x[:, _LEFT] * x[:, _RIGHT]])


def crossed_score(x: np.ndarray, cross_weights: np.ndarray) -> np.ndarray:
    """``with_crosses(x)[:, len(BASE_FEATURES):] @ cross_weights`` without the hstack (matrix-vector products
    only: a matrix-matrix product would wake OpenBLAS's threads, which then spin and double the CPU time).

    The products are built as rows from a transposed copy (gathering rows is cheaper than columns): the same
    column-major matrix as ``x[:, _LEFT] * x[:, _RIGHT]``, hence the same product to the last bit."""
    rows = np.ascontiguousarray(x.T)
    return (rows[_LEFT] * rows[_RIGHT]).T @ cross_weights
