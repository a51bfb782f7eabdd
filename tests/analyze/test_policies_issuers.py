"""Policies: known national ones from data, new ones from patterns, with issuer and level."""

from __future__ import annotations

from tests.analyze._seeds import body, sentence_with
from zhiku.analyze.tagging import analyze


def _policies(text: str):
    return analyze(text, use_lac=False)["policies"]


def test_policies_known_national_policy_in_seed_002():
    found = {p.id: p for p in _policies(sentence_with("002", "开展“人工智能+”行动"))}
    assert found["ai-plus"].issuer == "国务院" and found["ai-plus"].level == "national"
    assert "government-work-report" in found


def test_policies_province_echoes_national_report():
    text = body("003")
    local = [p for p in _policies(text) if p.id == "government-work-report" and p.level == "province"]
    assert {"贵州省", "四川省"} <= {p.issuer for p in local}


def test_policies_new_titled_policy_with_issuer():
    text = "工业和信息化部印发《关于加快大模型产业高质量发展的指导意见》，提出到2027年的目标。"
    ps = _policies(text)
    assert [(p.name, p.id, p.issuer, p.level) for p in ps] == [
        ("关于加快大模型产业高质量发展的指导意见", None, "工业和信息化部", "ministry")
    ]
    assert ps[0].evidence[0].text == "《关于加快大模型产业高质量发展的指导意见》"


def test_policies_city_plan_names_its_city():
    text = sentence_with("002", "十四五”规划")
    ps = [p for p in _policies(text) if p.id is None]
    assert ps and ps[0].issuer == "杭州市" and ps[0].level == "city"


def test_policies_compute_voucher_and_special_action():
    ps = {p.id: p for p in _policies(body("000"))}
    assert ps["ai-new-industrialization-action"].issuer == "工业和信息化部"
    assert ps["data-element-x"].level == "ministry"
    assert _policies("公司实施“AI驱动的双飞轮”战略。") == []
    vouchers = [p for p in _policies(body("003")) if p.id == "computing-voucher"]
    assert vouchers and vouchers[0].issuer == "浙江省" and vouchers[0].level == "province"
