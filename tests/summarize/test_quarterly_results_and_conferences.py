"""A chip maker's quarterly report and a company's own conference, as AI-industry readers get them. Each text is
written in the style of such reports; each test names the defect a reader had seen in its record."""

from __future__ import annotations

from tests.summarize._articles import run_article

QUARTER = ("摩尔线程智能科技（北京）股份有限公司（以下简称“摩尔线程”）11月28日晚间披露三季报。报告期内，公司实现营业收入7.85亿元，"
           "同比增长1032%；归属于上市公司股东的净利润为-4.52亿元，亏损同比收窄38.6%。\n"
           "截至11月28日收盘，摩尔线程股价报412.50元/股，总市值约1939亿元。")

CONFERENCE = ("11月13日，百度世界大会2025在北京举行。百度创始人李彦宏发布了文心大模型5.0，参数规模达2.4万亿。\n"
              "李彦宏透露，百度智能云千帆平台已服务超过46万家企业客户。")


def test_a_quarterly_report_disclosed_is_an_event_and_its_figures_are_the_companys():
    """披露三季报 had made the statement 摩尔线程智能科技股份有限公司11月28日; 公司实现营业收入… had been titled without
    the company; 股价报 had been the subject of 412.50元."""
    record = run_article(QUARTER, "摩尔线程第三季度营收同比增长逾10倍 亏损收窄")
    titles = [e.title for e in record.events]
    assert titles[0] == "摩尔线程披露三季报", titles
    assert "摩尔线程营业收入同比增长1032%" in titles, titles
    assert next(f for f in record.figures if f.raw == "412.50元").subject == "股价", record.figures


def test_a_statistic_names_the_longest_company_its_sentence_names():
    """百度智能云千帆平台已服务超过46万家企业客户 had been titled without a company: 百度 and 百度智能云 were two."""
    record = run_article(CONFERENCE, "百度世界大会2025：文心大模型5.0发布")
    assert "百度智能云企业客户超过46万家" in [e.title for e in record.events], record.events
