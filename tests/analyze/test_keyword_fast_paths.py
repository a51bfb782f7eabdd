"""The keyword features' fast paths compute exactly what their plain versions compute (to the last bit)."""

from __future__ import annotations

import numpy as np
import pytest

from zhiku.analyze import keyword_features as kf
from zhiku.analyze import keyword_lexicon as lx


def _public_pagerank(r: np.ndarray, c: np.ndarray, weight: np.ndarray, n: int) -> np.ndarray:
    from scipy.sparse import csr_matrix

    matrix = csr_matrix((weight, (r, c)), shape=(n, n))
    rank = np.ones(n)
    for _ in range(kf.TEXTRANK_ITERATIONS):
        rank = matrix @ rank + (1 - kf.DAMPING)
    return rank


@pytest.mark.parametrize("seed", range(5))
def test_pagerank_through_scipy_routines_matches_csr_matrix_bit_for_bit(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(5, 400))
    ids = rng.integers(0, n, int(rng.integers(10, 3000)))  # many repeated pairs: duplicates to sum
    a = np.concatenate([ids[:-d] for d in range(1, kf.WINDOW)])
    b = np.concatenate([ids[d:] for d in range(1, kf.WINDOW)])
    keep = a != b
    r, c = np.concatenate([a[keep], b[keep]]), np.concatenate([b[keep], a[keep]])
    weight = kf.DAMPING / np.bincount(c, minlength=n).astype(float)[c]
    assert kf._pagerank(r, c, weight, n).tobytes() == _public_pagerank(r, c, weight, n).tobytes()


@pytest.mark.parametrize(
    "text", ["人工智能人工智能大模型", "abab", "aaaaaa", "大模型训练与推理，大模型推理芯片；推理", "ab"]
)
def test_string_counts_from_one_trigram_sort_agree_with_str_count(text):
    """Every substring of two to six characters, counted the fast way, as ``str.count`` counts it (when the fast
    way is exact: n-grams of two and three characters overlap, ``str.count`` does not, so only where they agree)."""
    terms, at = [], []
    for size in range(2, 7):
        for k in range(len(text) - size + 1):
            if text[k : k + size] not in terms:
                terms.append(text[k : k + size])
                at.append(k)
    if not terms:
        return
    at_ = np.array(at)
    length = np.array([len(t) for t in terms])
    seen = np.ones(len(terms), dtype=np.int64)
    counts = kf._string_counts(text, kf._codes(text), terms, at_, length, seen)
    for term, got in zip(terms, counts.tolist(), strict=True):
        overlapping = sum(text.startswith(term, k) for k in range(len(text)))
        if len(term) <= 3:
            assert got == overlapping, term
        elif overlapping > 1:
            assert got == text.count(term), term


def test_token_codes_pack_flags_and_lengths():
    tagged = [("人工智能", "n"), ("。", "x"), ("\n", "x"), ("发展", "v"), ("GPU", "eng")]
    lx._FLAGS.clear()
    codes = lx.token_codes(tagged)
    assert (codes & ((1 << lx.FLAG_BITS) - 1)).tolist() == [lx._flags(w, p) for w, p in tagged]
    assert (codes >> lx.FLAG_BITS).tolist() == [len(w) for w, _ in tagged]
    assert [bool(c & lx.SENTENCE_END) for c in codes.tolist()] == [False, True, True, False, False]
    assert lx.token_codes(tagged).tolist() == codes.tolist()  # from the cache


def test_idf_rows_survive_the_cache_being_emptied_mid_article(monkeypatch):
    """A cap reached while an article's terms are looked up empties the cache and hands its rows out again; the
    article's values stay those computed without a cap."""
    from zhiku.text.segment import tag

    text = "大模型训练需要大量算力。算力中心建设加快，智能算力规模持续增长，大模型应用落地。" * 3
    head, body = tag("算力建设提速"), tag(text)
    kf._IDF.clear()
    expected = kf.candidates(head, body)
    for cap in (3, 10):
        monkeypatch.setattr(lx, "TERM_CACHE_MAX", cap)
        kf._IDF.clear()
        got = kf.candidates(head, body)
        assert got.terms == expected.terms
        assert got.matrix.tobytes() == expected.matrix.tobytes()
        assert len(kf._IDF) <= cap + 1
