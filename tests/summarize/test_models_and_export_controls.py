"""Round 19 of new article kinds: an open model's release and an export-control rule (the passages the tests need)."""

from __future__ import annotations

from zhiku.analyze.figures import extract_figures

from ._articles import run_article


def test_a_models_cost_is_its_inference_cost_and_titled_so():
    """推理成本较上一代降低约50% had given the subject 成本 and the title 一代降低约50%."""
    record = run_article(
        "12月1日，杭州深度求索人工智能基础技术研究有限公司（DeepSeek）正式发布新一代大模型DeepSeek-V3.2。\n"
        "据介绍，DeepSeek-V3.2采用稀疏注意力机制，在长文本场景下推理成本较上一代降低约50%。",
        "深度求索发布DeepSeek-V3.2",
    )
    assert any(f.subject == "推理成本" for f in record.figures), record.figures
    assert "深度求索推理成本降低约50%" in [e.title for e in record.events], [e.title for e in record.events]
    assert extract_figures("训练成本约为600万美元。")[0].subject == "训练成本"


def test_a_market_reaction_names_the_stocks_and_no_connective():
    """受此影响，…等半导体设备股当日盘中一度下跌超过5% had given no subject and the title 受此影响，下跌超过5%."""
    record = run_article(
        "当地时间12月2日，美国商务部工业与安全局发布新规，进一步限制向中国出口先进人工智能芯片。\n"
        "受此影响，北方华创、拓荆科技等半导体设备股当日盘中一度下跌超过5%。",
        "美国商务部升级对华AI芯片出口管制",
    )
    assert any(f.subject == "半导体设备股" and f.value == 5 for f in record.figures), record.figures
    titles = [e.title for e in record.events]
    assert not any(t.startswith("受此影响") or t == "下跌超过5%" for t in titles), titles


def test_a_price_cut_and_a_price_per_million_tokens():
    """A model's price list: 下调 had hidden the subject of 50%, and 每百万tokens had not been read as the unit the
    price is per (the subject had been tokens)."""
    figures = extract_figures("即日起，DeepSeek API价格下调50%以上，输入价格降至每百万tokens 0.2元。")
    assert [(f.subject, f.value) for f in figures] == [("API价格", 50), ("价格", 0.2)]
    assert figures[1].raw == "每百万tokens 0.2元"


def test_benchmark_scores_without_a_unit_are_figures_of_their_benchmarks():
    """得分分别为85.0和79.9 had given no figure: scores are written without a unit."""
    figures = extract_figures("在MMLU-Pro、GPQA等多项基准测试中，该模型得分分别为85.0和79.9，与GPT-5相当。")
    assert [(f.subject, f.value, f.unit) for f in figures] == [("MMLU-Pro得分", 85.0, "score"), ("GPQA得分", 79.9, "score")]
    assert [f.subject for f in extract_figures("该模型在AIME 2025测试中得分93.1。")] == ["AIME 2025得分"]
    assert extract_figures("他全场得分28分。") == []  # points with 分 are not this rule's (nor a unit's)
