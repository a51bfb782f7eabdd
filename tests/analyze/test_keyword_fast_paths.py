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


def _plain_flags(word: str, pos: str) -> int:
    """The token flags as first written: every test on the (word, tag) pair itself."""
    names = pos.startswith("nr") and (lx._looks_like_person(word) or pos == "nr" and len(word) < 2)
    usable = bool(lx._ALNUM.search(word)) and not lx._NUMERIC.match(word) and not names
    usable = usable and not (word.isascii() and word.islower() and len(word) < 4)
    bits = (
        lx.CONTENT * (usable and pos.startswith(lx.INNER_POS))
        | lx.LOOSE * (usable and not pos.startswith(lx.FUNCTION_POS))
        | lx.STOP * (word in lx.stopwords())
        | lx.HEAD_WORD * (word in lx.compound_heads())
        | lx.POS_HEAD * pos.startswith(lx.HEAD_POS)
        | lx.POS_SINGLE * pos.startswith(lx.SINGLE_POS)
        | lx.POS_VERB * pos.startswith("v")
        | lx.POS_DFT * pos.startswith(("d", "f", "t"))
        | lx.PLAIN_VERB * (pos == "v")
        | lx.PERSONISH * pos.startswith("nr")
        | lx.VN * (pos == "vn")
        | lx.SENTENCE_END * (word in "。！？；!?;\n" and len(word) == 1)
    )
    return bits | lx.LONE * bool(not bits & lx.POS_HEAD and bits & lx.POS_SINGLE)


# Tokens for the word-class rules a seed may lack: names and non-names tagged nr, a lone character tagged nr,
# pinyin residue, numbers, a compound head, a lone verb
_EDGE_TOKENS = [("张学文", "nr"), ("文明", "nr"), ("王", "nr"), ("王", "nrfg"), ("海峰", "nr"), ("ng", "eng"),
                ("GPU", "eng"), ("2024年", "m"), ("3.5", "m"), ("数值分析", "n"), ("分析", "vn"), ("凋亡", "v"),
                ("的", "uj"), ("。", "x"), ("\n", "x"), ("快速", "d"), ("a", "x"), ("人工智能", "n")]  # fmt: skip


@pytest.mark.parametrize("key", ["000", "003"])
def test_token_codes_from_word_codes_and_tag_rows_agree_with_the_plain_flags(key):
    """Per-word codes and per-tag rows (by word class) give each token the flags of the plain per-token tests,
    and its length; the caches emptied or full, the same."""
    from tests.analyze._seeds import body
    from zhiku.text.segment import tag

    tagged = [*_EDGE_TOKENS, *tag(body(key))]
    words, tags = [w for w, _ in tagged], [t for _, t in tagged]
    vocab, word_ids, _ = kf._index(words, len(words))
    expected = [_plain_flags(w, t) | len(w) << lx.FLAG_BITS for w, t in tagged]
    assert len({e & lx.CONTENT for e in expected[:5]}) == 2  # the nr rules both keep and drop a word here
    lx._FLAGS.clear()
    assert lx.token_codes(vocab, word_ids, tags).tolist() == expected
    assert lx.token_codes(vocab, word_ids, tags).tolist() == expected  # from the caches


def test_idf_rows_survive_the_cache_being_emptied_mid_article(monkeypatch):
    """A cap reached while an article's terms are looked up empties the cache and hands its rows out again; the
    article's values stay those computed without a cap."""
    from zhiku.text.segment import tag

    text = "大模型训练需要大量算力。算力中心建设加快，智能算力规模持续增长，大模型应用落地。" * 3
    head, body = tag("算力建设提速"), tag(text)
    kf._IDF.clear()
    expected = kf.reference_candidates(head, body)
    for cap in (3, 10):
        monkeypatch.setattr(lx, "TERM_CACHE_MAX", cap)
        kf._IDF.clear()
        got = kf.reference_candidates(head, body)
        assert got.terms == expected.terms
        assert got.matrix.tobytes() == expected.matrix.tobytes()
        assert len(kf._IDF) <= cap + 1
        if kf.kernel() is not None:  # the kernel's own cache, under the same cap
            kf.kernel().clear_cache()
            terms, matrix = kf.kernel().candidates(head, body)
            assert (terms, matrix.tobytes()) == (expected.terms, expected.matrix.tobytes())
            assert kf.kernel().cache_size() <= cap + 1


def _plain_merge(scored: list[tuple[str, float]], text: str) -> list[tuple[str, float]]:
    """The synonym fold as first written: every term through the dict, then one sort."""
    synonyms = lx.taxonomy_synonyms()
    merged: dict[str, float] = {}
    for term, score in scored:
        label = synonyms.get(term.lower())
        if label and (label in text or term.isascii()):
            term = label
        merged[term] = max(merged.get(term, 0.0), score) + 0.1 * min(merged.get(term, 0.0), score)
    return sorted(merged.items(), key=lambda kv: -kv[1])


@pytest.mark.parametrize("text,title", [
    ("大语言模型正在改变软件行业。大模型的训练需要算力，大语言模型的推理也需要算力。大模型应用加速落地。", None),  # folds
    ("LLM与GenAI应用加速落地，生成式人工智能和大模型成为热点；LLM推理成本下降。", "生成式AI"),  # ASCII abbreviations
    ("智能制造与工业互联网融合发展，算力基础设施建设提速。", "智能制造"),  # nothing folded onto another term
])
def test_synonym_fold_fast_path_returns_what_the_plain_fold_returns(text, title):
    from zhiku.analyze.keywords import MERGE_TOP, _merge_synonyms, score_candidates

    scored = score_candidates(text, title, MERGE_TOP)
    full = f"{title or ''}\n{text}"
    assert _merge_synonyms(scored, full) == _plain_merge(scored, full)
