"""Segmenter: domain terms stay whole, backends agree, search tokens and offsets are exact."""

from __future__ import annotations

import pickle

import pytest

from tests.analyze._seeds import body, sentence_with
from zhiku.text import segment as seg


@pytest.mark.parametrize(
    ("needle", "term"),
    [
        ("通用大模型等创新成果", "通用大模型"),
        ("智能算力规模达70百亿亿次", "智能算力"),
        ("加快智能物联终端和工业云部署", "智能物联终端"),
        ("加快智能物联终端和工业云部署", "工业云"),
        ("对智算中心的需求越来越大", "智算中心"),
        ("算力总规模达每秒", "算力"),
    ],
)
def test_segment_keeps_domain_terms_whole(needle, term):
    words = seg.segment(sentence_with("000", needle))
    assert term in words, words


def test_segment_domain_words_that_jieba_splits():
    import rjieba

    plain = rjieba.Jieba()  # jieba's dictionary alone
    for term in ("大模型", "具身智能", "智算", "人形机器人"):
        assert len(plain.cut(term)) > 1 or not plain.has_word(term)
        assert term in seg.segment(f"推动{term}加快发展"), term


def test_segment_loads_taxonomy_patterns():
    words = {w for w, _freq, _pos in seg.domain_words()}
    assert "人类反馈强化学习" in words  # a pattern of data/taxonomy/ai_technologies.yaml, not of domain_words.txt
    assert "人类反馈强化学习" in seg.segment("基于人类反馈强化学习的对齐方法")


def test_segment_domain_words_are_nouns():
    tags = dict(seg.tag("具身智能和大模型"))
    assert tags["具身智能"] == "n" and tags["大模型"] == "n"


def test_segment_backends_agree_without_hmm():
    text = body("000")[:2000]
    assert seg.segment(text, backend="rjieba", hmm=False) == seg.segment(text, backend="jieba", hmm=False)


def test_segment_tokenize_offsets_are_exact():
    text = sentence_with("003", "智能算力达12000P")
    for word, start, end in seg.tokenize(text):
        assert text[start:end] == word


def test_segment_search_tokens_yield_parts_and_whole():
    tokens = seg.search_tokens("加快智能物联终端和工业云部署，GPU芯片")
    assert {"智能物联终端", "终端", "工业云", "gpu", "芯片"} <= set(tokens)
    assert "，" not in tokens


def test_segment_resources_load_once_and_stages_pickle():
    assert seg.tokenizer() is seg.tokenizer()
    from zhiku.analyze.figures import make_figures_stage
    from zhiku.analyze.keywords import make_keywords_stage

    for stage in (make_figures_stage(None), make_keywords_stage(None)):
        assert pickle.loads(pickle.dumps(stage)).name == stage.name


def test_segment_empty_text():
    assert seg.segment("") == [] and seg.tag("") == [] and seg.search_tokens("") == []
