"""The summarizer's fast paths give what the plain computations give: bigram overlaps, trigger start characters."""

from __future__ import annotations

import re

import pytest

from zhiku.summarize import units
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
