"""The compiled keyword kernel computes exactly what the numpy reference computes: the same candidate terms in
the same order and the same feature matrix to the last bit, on real text of every kind the stage meets."""

from __future__ import annotations

import json

import numpy as np
import pytest

from zhiku.analyze import keyword_features as kf
from zhiku.analyze import keywords
from zhiku.text.nfkc import nfkc
from zhiku.text.segment import tag

from ..conftest import EVAL_DEV, SAMPLE, SEED_FILES
from ._seeds import body

KERNEL = kf.kernel()
needs_kernel = pytest.mark.skipif(
    KERNEL is None, reason="keyword kernel not used: not built (pip install -e . compiles it with Cython and a C++ "
    "compiler), older than its .pyx (rebuild it the same way) or ZHIKU_KERNEL=0"
)
CSL = EVAL_DEV / "kw_zh_csl_kg" / "dev.jsonl"
SOGOU = EVAL_DEV / "news_zh_sogoucs_sample" / "dev.jsonl"


def _tagged(text: str, title: str | None) -> tuple[list, list]:
    head = tag(nfkc(title), hmm=keywords.HMM) if title else []
    return head, tag(nfkc(text), hmm=keywords.HMM)


def _articles() -> list[tuple[str, str | None]]:
    """(text, title) of the sample corpus (the seeds, raw and as their cleaned bodies) and, where ../shared is
    present, CSL abstracts and SogouCS news."""
    out: list[tuple[str, str | None]] = []
    for path in sorted(SAMPLE.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        out.append(("\n".join(lines[1:]), lines[0]))
    out += [(body(key), None) for key in SEED_FILES]
    if CSL.exists():
        out += [(json.loads(line)["text"], None) for line in CSL.read_text(encoding="utf-8").splitlines()[:300]]
    if SOGOU.exists():
        for line in SOGOU.read_text(encoding="utf-8").splitlines()[:120]:
            item = json.loads(line)
            out.append((item.get("content") or "", item.get("title")))
    return out


EDGE_CASES = [
    ("", None),  # no tokens at all
    ("。", "，"),  # punctuation only: spans, but no candidate
    ("人工智能", None),  # one word, no body sentence end
    ("大模型", "大模型"),  # the title alone repeats the body
    ("AI AI AI chip chip GPU", "AI chip"),  # ASCII words, spaces between them
    ("算力算力算力算力算力算力", None),  # one word repeated: a word in several spans of itself
    ("人工智能产业人工智能产业发展，人工智能产业发展规划；产业发展规划。" * 3, "人工智能产业发展规划"),
    ("数据" * 400 + "。" + "模型训练" * 300, "数据模型"),  # long, few distinct words
    ("𠀀𠀁中文字符与表情😀共存。中文字符", "𠀀"),  # characters outside the BMP
]


def _assert_same(text: str, title: str | None) -> None:
    head, tagged_body = _tagged(text, title)
    ref = kf.reference_candidates(head, tagged_body)
    terms, matrix = KERNEL.candidates(head, tagged_body)
    assert terms == ref.terms, (title, text[:40])
    assert matrix.shape == ref.matrix.shape
    assert matrix.tobytes() == ref.matrix.tobytes(), [
        kf.BASE_FEATURES[c] for c in sorted(set(np.argwhere(matrix != ref.matrix)[:, 1].tolist()))
    ]


@needs_kernel
@pytest.mark.parametrize("text,title", EDGE_CASES)
def test_kernel_equals_reference_on_edge_cases(text, title):
    _assert_same(text, title)


@needs_kernel
def test_kernel_equals_reference_on_real_articles_cold_and_warm():
    """Hundreds of real texts (news, abstracts, seeds), once with an empty IDF cache and once with a full one."""
    articles = _articles()
    assert len(articles) >= 10
    KERNEL.clear_cache()
    for text, title in articles:
        _assert_same(text, title)
    for text, title in reversed(articles):  # every term now answered from the kernel's cache
        _assert_same(text, title)


@needs_kernel
def test_kernel_cache_holds_a_term_only_for_its_split():
    """吐槽 is one word in one sentence and 吐|槽 in the other: the cached IDF of one split never answers the other
    (the bug the reference's cache once had)."""
    KERNEL.clear_cache()
    for text in ("观众吐槽节目，吐槽节目成风。", "邓超也吐槽过，他吐槽过这部剧。", "观众吐槽节目，吐槽节目成风。"):
        _assert_same(text, "吐槽")


@needs_kernel
def test_keywords_are_the_same_with_and_without_the_kernel(monkeypatch):
    """The stage's public output (terms and scores) through the dispatch, kernel on and off (``ZHIKU_KERNEL=0``)."""
    articles = _articles()[:60]
    with_kernel = [keywords.extract_keywords(text, title) for text, title in articles]
    monkeypatch.setenv("ZHIKU_KERNEL", "0")
    kf.kernel.cache_clear()
    try:
        assert kf.kernel() is None
        without = [keywords.extract_keywords(text, title) for text, title in articles]
    finally:
        monkeypatch.delenv("ZHIKU_KERNEL")
        kf.kernel.cache_clear()
    assert kf.kernel() is KERNEL
    assert with_kernel == without
    assert sum(len(k) for k in with_kernel) > 5 * len(articles)  # real keywords, not empty lists compared


def test_an_install_without_the_kernel_runs_the_reference(monkeypatch):
    """Where the extension was not built (no compiler), importing it fails and the numpy reference answers."""
    import sys

    import zhiku.analyze

    monkeypatch.setitem(sys.modules, "zhiku.analyze._keyword_kernel", None)  # import raises ImportError
    monkeypatch.delattr(zhiku.analyze, "_keyword_kernel", raising=False)
    kf.kernel.cache_clear()
    try:
        assert kf.kernel() is None
        head, tagged_body = _tagged(*EDGE_CASES[6])
        got = kf.candidates(head, tagged_body)
        ref = kf.reference_candidates(head, tagged_body)
        assert got.terms == ref.terms and "人工智能产业" in got.terms
        assert got.matrix.tobytes() == ref.matrix.tobytes()
    finally:
        monkeypatch.undo()
        kf.kernel.cache_clear()
    assert kf.kernel() is KERNEL


def _word_pool() -> list[str]:
    """Words of every kind the flags tell apart: stopwords, compound heads, domain terms, names, ASCII, numbers,
    punctuation, sentence ends, a word longer than a candidate may be, characters outside the BMP."""
    from zhiku.analyze import keyword_lexicon as lx

    return [*sorted(lx.stopwords())[:12], *sorted(lx.compound_heads())[:8], *sorted(lx.domain_terms())[:12],
            "人工智能", "大模型", "算力", "产业", "发展规划", "智能", "制造", "王海峰", "李", "张伟", "北京",
            "AI", "GPU", "chip", "ng", "sh", "2024", "3.5%", "亿元", "。", "，", "；", "！", "\n", " ", "（", "“",
            "一二三四五六七八九十", "超大规模人工智能训练集群", "𠀀", "😀", "吐槽", "吐", "槽"]


TAGS = ["n", "v", "vn", "a", "an", "nr", "nrfg", "ns", "nt", "nz", "eng", "x", "m", "d", "f", "t", "p", "u", "r",
        "c", "j", "l", "i", "z", "b", "q", "w", "y", "e", "k", "h", "o", "s", "vd", "ad", "ng"]


@needs_kernel
def test_kernel_equals_reference_on_generated_token_streams():
    """Random title and body token streams (words and tags drawn from the pools above, repeats likely): equal
    terms and matrices, and no input that the compiled loops mishandle (they run without bounds checks)."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    content = st.tuples(st.sampled_from(["人工智能", "大模型", "算力", "产业", "智能", "制造", "AI", "GPU", "应用",
                                         "数据", "中心", "训练", "推理", "芯片", "。"]),
                        st.sampled_from(["n", "vn", "v", "nz", "eng", "a", "x"]))
    tokens = st.one_of(content, content, st.tuples(st.sampled_from(_word_pool()), st.sampled_from(TAGS)))

    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(tokens, max_size=6), st.lists(tokens, max_size=120))
    def check(title, tagged_body):
        ref = kf.reference_candidates(title, tagged_body)
        terms, matrix = KERNEL.candidates(title, tagged_body)
        assert terms == ref.terms
        assert matrix.tobytes() == ref.matrix.tobytes()

    check()


def test_a_kernel_older_than_its_source_is_stale(tmp_path):
    """An editable install whose .pyx a checkout changed runs the reference until rebuilt, not the old kernel."""
    import os

    built, source = tmp_path / "_keyword_kernel.so", tmp_path / "_keyword_kernel.pyx"
    built.write_bytes(b"")
    source.write_text("")
    os.utime(built, (1_000_000, 1_000_000))
    os.utime(source, (2_000_000, 2_000_000))
    assert kf.kernel_is_stale(built, source)
    os.utime(built, (3_000_000, 3_000_000))
    assert not kf.kernel_is_stale(built, source)
    assert not kf.kernel_is_stale(built, tmp_path / "absent.pyx")  # a wheel carries no source


@needs_kernel
def test_the_built_kernel_is_not_stale():
    from pathlib import Path

    built = Path(KERNEL.__file__)
    assert not kf.kernel_is_stale(built, built.with_name("_keyword_kernel.pyx"))


@needs_kernel
def test_kernel_name_tokens_equal_the_python_scan(monkeypatch):
    """The scan for words tagged nr (entity_people.name_tokens), compiled and in Python, on real articles."""
    from zhiku.analyze import entity_people

    taggings = [_tagged(text, title)[1] for text, title in _articles()[:80]] + [(), (("王", "nr"),)]
    compiled = [entity_people.name_tokens(words) for words in taggings]
    monkeypatch.setenv("ZHIKU_KERNEL", "0")
    kf.kernel.cache_clear()
    try:
        plain = [entity_people.name_tokens(words) for words in taggings]
    finally:
        monkeypatch.delenv("ZHIKU_KERNEL")
        kf.kernel.cache_clear()
    assert compiled == plain and sum(map(len, compiled)) > 20


@needs_kernel
def test_kernel_word_codes_equal_the_lexicons():
    """The kernel computes the code of a word the cache lacks itself; the reference reads the same cache, so the
    codes are compared here directly: every word of the test articles and words at the edges of each test."""
    from zhiku.analyze import keyword_lexicon as lx

    def reference(word: str) -> int:
        return lx._word_flags(word) | lx._word_class(word) << lx._CLASS_SHIFT | len(word) << lx.FLAG_BITS

    words = {w for text, title in _articles()[:80] for part in _tagged(text, title) for w, _ in part}
    words |= {"", "ng", "sh", "zhi", "ABC", "abc", "Abc", "GPT-4", "5G", "3D打印", "ab1", "a.b", "１２３", "12%", "3.5",
              "٣", "①", "½", "Ⅻ", "二〇二一", "％", "%", "。", "\n", "，", "@", "[", "`", "{", "王", "王芳", "文明", "江泽民",
              "𠀀", "😀", "ｇ", "的", "数值"}
    assert len(words) > 2000
    assert [w for w in sorted(words) if KERNEL.word_code(w) != reference(w)] == []
