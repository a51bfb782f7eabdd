"""Industry words that are no industry where they stand: a charity's fund, 保险 as "to be safe", 支付 as "to pay",
a two-character pattern the segmenter reads across two words, the social insurances (社会保障, not finance)."""

from __future__ import annotations

import pytest

from zhiku.analyze.industries import find_industries
from zhiku.analyze.tagging import analyze
from zhiku.analyze.taxonomy import parse_taxonomy
from zhiku.errors import ConfigError


def industries(text: str) -> list[str]:
    return [t.label for t in analyze(text, use_lac=False)["industries"]]


@pytest.mark.parametrize("text,expected", [
    # sentences of SogouCS charity and society news (news_zh_sogoucs_sample)
    ("2012年2月13号，永康在思源焦点公益基金的帮助下接受手术治疗。", []),
    ("中华少年儿童慈善救助基金会、崔永元“我的长征”团队及搜狐联合发起公益行动。", []),
    ("为保险起见，可在车厢内准备带有弹簧的小铁锤，保险杠被撞坏也不要惊慌。", []),
    ("救助站将对其全额支付返乡车费。", []),
    ("对其作出行政拘留处罚，并开始实施工作场所禁烟。", []),
    ("目前我国参加城镇医保和养老保险的人数已达到47343万人。", ["公共管理"]),
    # what stays an industry
    ("公司推出智能投顾产品，服务银行、证券和基金公司。", ["金融"]),
    ("支付宝升级了跨境支付系统，商业保险理赔也接入了大模型。", ["金融"]),
    ("方便残疾人出行，全市新增无障碍公交线路。", ["交通运输"]),
])
def test_industry_words_where_they_name_an_industry(text, expected):
    assert industries(text) == expected


def test_find_industries_without_the_pattern_read_across_words():
    assert [m.text for m in find_industries("建设输电网络，推动智能电网建设。")] == ["智能电网"]


def test_a_not_term_must_hold_a_pattern_and_be_none():
    base = {"source": "test", "version": "1", "concepts": [{"id": "J", "label": "金融", "patterns": ["基金"]}]}
    assert parse_taxonomy("t", {**base, "not_terms": ["基金会"]}).not_terms == ("基金会",)
    with pytest.raises(ConfigError, match="holds no pattern"):
        parse_taxonomy("t", {**base, "not_terms": ["慈善会"]})
    with pytest.raises(ConfigError, match="also a pattern"):
        parse_taxonomy("t", {**base, "not_terms": ["基金"]})
