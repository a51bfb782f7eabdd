"""The sparse-product TextRank gives the scores of the textbook dense loop (to float rounding), on seed text and edge cases."""

from __future__ import annotations

import pytest

from tests.conftest import SEED_FILES, seed_text
from zhiku.summarize.extractive import DAMPING, ITERATIONS, textrank
from zhiku.summarize.units import bigrams, similarity, units


def _dense_textrank(items: list[frozenset[str]]) -> list[float]:
    """The reference: the O(n²) adjacency matrix and power iteration textrank() replaced."""
    n = len(items)
    if n == 0:
        return []
    weights = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            weights[i][j] = weights[j][i] = similarity(items[i], items[j])
    out_sum = [sum(row) for row in weights]
    scores = [1.0 / n] * n
    for _ in range(ITERATIONS):
        new = []
        for i in range(n):
            acc = 0.0
            for j in range(n):
                if weights[j][i] and out_sum[j]:
                    acc += weights[j][i] / out_sum[j] * scores[j]
            new.append((1 - DAMPING) / n + DAMPING * acc)
        if max(abs(a - b) for a, b in zip(new, scores, strict=True)) < 1e-6:
            scores = new
            break
        scores = new
    return scores


@pytest.mark.parametrize("key", sorted(SEED_FILES))
def test_extractive_textrank_equals_dense_loop_on_seeds(key):
    items = [u.grams for u in units(seed_text(key))][:120]
    assert len(items) > 5
    assert textrank(items) == pytest.approx(_dense_textrank(items), rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("texts", [
    [],
    ["人工智能"],
    ["人工智能产业", "", "。", "人工智能产业加快发展"],
    ["甲乙丙丁", "戊己庚辛", "壬癸子丑"],  # no edges at all: every score is (1-d)/n
    ["大模型训练", "大模型推理", "芯片制造", "芯片设计", "大模型与芯片"],
])
def test_extractive_textrank_equals_dense_loop_on_edge_cases(texts):
    items = [bigrams(t) for t in texts]
    assert textrank(items) == pytest.approx(_dense_textrank(items), rel=1e-9, abs=1e-12)
