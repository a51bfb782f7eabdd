"""ROUGE floors of the offline summarizer on a fast slice of LCSTS (eval/floors.json), and the scorer itself."""

from __future__ import annotations

import json

import pytest

from tests.conftest import EVAL_DEV, ROOT
from zhiku.summarize.extractive import lead, summarize
from zhiku.summarize.rouge import rouge

LCSTS = EVAL_DEV / "sum_zh_lcsts_clge" / "dev.jsonl"
SLICE = 150


def _mean(pairs):
    scores = [rouge(c, r) for c, r in pairs]
    return [sum(s[i] for s in scores) / len(scores) for i in range(3)]


def test_rouge_scores_characters():
    assert rouge("杭州成立联盟", "杭州成立联盟") == (1.0, 1.0, 1.0)
    assert rouge("", "杭州") == (0.0, 0.0, 0.0)
    r1, r2, rl = rouge("杭州成立人工智能联盟", "杭州人工智能产业联盟成立")
    assert 0 < r2 < r1 <= 1 and 0 < rl <= r1


@pytest.mark.skipif(not LCSTS.exists(), reason="../shared/eval-dev/sum_zh_lcsts_clge is absent")
def test_rouge_floor_on_lcsts_slice():
    floors = json.loads((ROOT / "eval" / "floors.json").read_text(encoding="utf-8"))
    cases = [json.loads(line) for line in LCSTS.read_text(encoding="utf-8").splitlines()[:SLICE]]
    ours = _mean([(summarize(c["text"]).text, c["gold_summary"]) for c in cases])
    baseline = _mean([(lead(c["text"], 1), c["gold_summary"]) for c in cases])
    for name, value, base in zip(("rouge1", "rouge2", "rougeL"), ours, baseline, strict=True):
        assert value >= floors[f"summary_lcsts{SLICE}_{name}"], (name, value)
        assert value > base, (name, value, "lead-1", base)
