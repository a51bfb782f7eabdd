"""The summarizer's fast paths give what the plain computations give: bigram overlaps, TextRank's power
iteration, trigger start characters."""

from __future__ import annotations

import re

import numpy as np
import pytest

from zhiku.summarize import units
from zhiku.summarize.extractive import DAMPING, ITERATIONS, MAX_UNITS, _pagerank
from zhiku.text.sentences import split_sentences

from ..conftest import SEED_FILES, seed_text

TEXTS = [s.text for key in SEED_FILES for s in split_sentences(seed_text(key))][:160] + [
    "", "A", "AI大模型，AI大模型！", "😀😀😀", "\ud800孤立代理", "ABC abc ABC", "人工智能人工智能人工智能"]


@pytest.mark.parametrize("pairs_counted", [units.PAIRS_COUNTED, -1], ids=["counted", "sparse"])
def test_overlaps_equal_set_intersections_and_cosines(monkeypatch, pairs_counted):
    monkeypatch.setattr(units, "PAIRS_COUNTED", pairs_counted)
    sets = [units.bigrams(t) for t in TEXTS]
    ov = units.Overlaps.of_texts(TEXTS)
    assert ov.sizes.tolist() == [len(s) for s in sets]
    for i in range(len(TEXTS)):
        cos = ov.cosines(i)
        for j in range(len(TEXTS)):
            if i == j:
                assert ov.common[i, j] == 0 and cos[j] == 0.0
                continue
            assert ov.common[i, j] == len(sets[i] & sets[j])
            assert cos[j] == pytest.approx(units.cosine(sets[i], sets[j]), rel=1e-12, abs=1e-15)
            assert ov.cosine(i, j) == pytest.approx(units.cosine(sets[i], sets[j]), rel=1e-12, abs=1e-15)
    assert (ov.common > 0).sum() > len(TEXTS)  # the seeds' sentences do share bigrams


def _stepwise_pagerank(overlaps: units.Overlaps, n: int) -> tuple[list[float], int]:
    """The reference: ``_pagerank``'s transition matrix, then one step and one convergence check at a time.

    Also returns how many steps ran.
    """
    common = overlaps.common[:n, :n]
    logs = np.log(overlaps.sizes[:n] + 1.0)
    denominator = logs[:, None] + logs[None, :]
    weights = np.divide(common, denominator, out=np.zeros(denominator.shape), where=denominator > 0)
    out_sum = weights.sum(axis=1)
    transition = np.divide(weights, out_sum[:, None], out=np.zeros_like(weights), where=out_sum[:, None] > 0)
    scores = np.full(n, 1.0 / n)
    for step in range(1, ITERATIONS + 1):
        new = (1 - DAMPING) / n + DAMPING * (scores @ transition)
        if np.abs(new - scores).max() < 1e-6:
            return new.tolist(), step
        scores = new
    return scores.tolist(), ITERATIONS


def test_pagerank_equals_stepwise_iteration_bit_for_bit():
    """All steps first, one convergence check after: the same floats, stopped at the same step."""
    seeds = [[u.text for u in units.units(seed_text(key))][:MAX_UNITS] for key in SEED_FILES]
    # whole bodies, and every three neighbouring sentences (a chain of three often has not settled after 40 steps)
    cases = seeds + [texts[i : i + 3] for texts in seeds for i in range(len(texts) - 2)]
    cases += [TEXTS[:k] for k in (1, 2, 7, 40, len(TEXTS))]
    steps = set()
    for texts in cases:
        overlaps = units.Overlaps.of_texts([*texts, "人工智能产业加快发展"])  # a title, which takes no part
        expected, ran = _stepwise_pagerank(overlaps, len(texts))
        assert _pagerank(overlaps, len(texts)) == expected
        steps.add(ran)
    assert ITERATIONS in steps and min(steps) < ITERATIONS  # both ways out of the loop are exercised


def test_event_trigger_matches_begin_with_their_types_start_characters():
    """find_trigger skips a type whose start characters are absent: every real match must begin with one."""
    from zhiku.summarize.events import event_types, first_chars

    seen = 0
    known = [t for t in event_types() if t.starts is not None]
    assert len(known) > len(event_types()) // 2  # most trigger tables are readable
    for key in SEED_FILES:
        text = seed_text(key)
        for etype in known:
            for m in etype.pattern.finditer(text):
                if m.end() > m.start():
                    seen += 1
                    assert text[m.start()] in etype.starts, (etype.id, m.group())
    assert seen > 20
    assert first_chars(re.compile("(?<![即必])将|提出")) == frozenset("将提")
    assert first_chars(re.compile("[将提]出")) is None  # a class first: unknown, never skipped
