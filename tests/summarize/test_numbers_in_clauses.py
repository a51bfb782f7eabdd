"""A half-width comma or colon inside a number (12,000元, 84:74) is no clause boundary for summaries and events."""

from __future__ import annotations

from zhiku.summarize.events import _clauses, _cut_phrase
from zhiku.summarize.extractive import _trim

from ._articles import run_article


def test_clauses_keep_numbers_whole():
    pieces = [c for _, c in _clauses("金额不得超过12,000元，比分为84:74，结束")]
    assert pieces == ["金额不得超过12,000元，", "比分为84:74，", "结束"]


def test_a_phrase_is_not_cut_inside_a_number():
    assert _cut_phrase("同一人账户累计用于支付保费的金额不得超过12,000元", 30).endswith("12,000元")


def test_a_trimmed_sentence_is_not_cut_inside_a_number():
    """The trimmed summary had stated 共募集善款1,633。 and …总支出为526。"""
    text = "公益活动截止6月30日，共募集善款1,633,242.82元，总支出为526,924.40元，没有其他支出了。"
    assert _trim(text, 40) == "公益活动截止6月30日，共募集善款1,633,242.82元。"
    assert _trim(text, 25) == "公益活动截止6月30日。"


def test_an_event_title_states_the_whole_amount():
    """The title had been 同一人账户累计用于支付保费的金额不得超过12: the amount cut at its comma."""
    record = run_article(
        "一个医保年度内，同一人账户累计用于支付保费的金额不得超过12,000元。截至2021年1月3日，累计投保人数接近100万人。",
        "深圳专属重疾险上线",
    )
    titles = [e.title for e in record.events]
    assert any("12,000元" in t for t in titles), titles
    assert not any(t.endswith("12") for t in titles), titles


def test_full_width_digit_groups_make_one_figure_and_one_summary_number():
    """SogouCS's ￥１，６３３，２４２．８２元 had become a figure of 242.82元 and a summary stating ￥1。"""
    record = run_article(
        "一、＃给孩子加个菜＃公益活动，截止２０１２年６月３０日２４时，共计有４３５０笔捐款，共募集善款￥１，６３３，２４２．８２元。"
        "二、＃给孩子加个菜＃公益活动，在２０１２年的６月期间，没有支出。",
        "给孩子加个菜公益项目２０１２年６月收支报告",
    )
    assert "￥1,633,242.82元" in record.text
    money = [f for f in record.figures if f.unit == "CNY"]
    assert [(f.subject, f.value) for f in money] == [("善款", 1633242.82)]
    assert "￥1。" not in record.summary
    # the short-post summary had been 一、给孩子加个菜公益活动，二、给孩子加个菜公益活动。: one clause said twice
    assert record.summary.count("给孩子加个菜公益活动") == 1, record.summary
