"""AI technologies and industries found in sentences of the seeds, under normalized concepts."""

from __future__ import annotations

from tests.analyze._seeds import sentence_with
from zhiku.analyze.industries import find_industries
from zhiku.analyze.technologies import find_technologies


def _tech(text: str) -> set[str]:
    return {m.concept for m in find_technologies(text)}


def _ind(text: str) -> set[str]:
    return {m.concept for m in find_industries(text)}


def test_technologies_enumeration_in_seed_000():
    found = _tech(sentence_with("000", "智能芯片、大模型算法、框架"))
    assert {"ai-chip", "large-model", "deep-learning-framework"} <= found
    assert {"iot-terminal", "industrial-cloud"} <= _tech(sentence_with("000", "加快智能物联终端和工业云部署"))


def test_technologies_generic_word_counts_only_in_an_enumeration():
    assert "deep-learning-framework" not in _tech("要健全完善支撑体系，建立政策框架。")
    assert "deep-learning-framework" in _tech("突破智能芯片、框架等关键技术。")


def test_technologies_model_family_and_framework_in_seed_004():
    s = sentence_with("004", "飞桨")
    assert "paddlepaddle" in _tech(s)


def test_technologies_autonomous_driving_is_technology_not_industry():
    s = sentence_with("004", "从无人驾驶到远程医疗")
    assert "autonomous-driving" in _tech(s)
    assert _ind(s) >= {"Q", "C", "G"}  # 远程医疗, 智慧工厂, 智慧港口
    assert "autonomous-driving" not in _ind(s)


def test_industries_scenarios_of_seed_000():
    assert _ind(sentence_with("000", "影像、零售、制造、金融、医疗")) >= {"F", "C", "J", "Q"}
    fisheries = sentence_with("000", "渔政核查核录系统捕捉")
    assert {"A", "S"} <= _ind(fisheries)


def test_industries_not_consumed_by_technology_words():
    # 工业互联网 is a technology; the 工业 inside it is not manufacturing
    assert _ind("推动工业互联网平台建设") == set()
    assert _tech("推动工业互联网平台建设") == {"industrial-internet"}


def test_industries_mining_and_finance_in_seed_002():
    assert "B" in _ind(sentence_with("002", "矿山领域"))
