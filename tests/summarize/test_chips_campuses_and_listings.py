"""Chip makers' results abroad, campus partnerships, foreign rules, listing applications and political proposals as
AI-industry readers get them. Each text is written in the style of such reports; each test names the defect a reader
had seen in its record."""

from __future__ import annotations

from tests.summarize._articles import run_article
from zhiku.analyze.entities import extract_entities

RESULTS = ("韩国SK海力士公司10月23日公布财报显示，第三季度营业收入为24.45万亿韩元，同比增长39%；营业利润为11.38万亿韩元，"
           "创历史新高。")

CAMPUS = ("11月15日，浙江大学与阿里云计算有限公司在杭州签署战略合作协议，双方将共建人工智能联合实验室。\n"
          "根据协议，阿里云将在未来五年内为浙江大学提供价值5亿元的算力资源支持。")

RULE_ABROAD = "欧盟《人工智能法案》中针对通用人工智能模型的相关规则于8月2日正式生效。谷歌、微软等公司已签署《通用人工智能行为准则》。"

PROSPECTUS = ("人形机器人企业深圳市优必选科技股份有限公司日前向香港联合交易所递交招股说明书，拟在港交所主板挂牌上市。\n"
              "招股书显示，2020年至2022年，优必选营业收入分别为7.4亿元、8.17亿元和10.08亿元，同期经调整净亏损分别为5.8亿元、"
              "7.2亿元和8.7亿元。")


def test_results_in_won_are_figures_of_the_company_they_are_of():
    """24.45万亿韩元 had been no figure (韩元 no unit), and the change titled 韩国同比增长39% (the country, no
    measure)."""
    record = run_article(RESULTS, "SK海力士第三季度营业利润创新高")
    figures = {f.raw: f for f in record.figures}
    assert (figures["24.45万亿韩元"].unit, figures["24.45万亿韩元"].subject) == ("KRW", "营业收入"), figures
    assert "SK海力士营业收入同比增长39%" in [e.title for e in record.events], record.events


def test_a_partnership_is_titled_by_both_partners_short_names():
    """It had been titled 阿里云计算有限公司在杭州签署…: the registered name, and one partner."""
    record = run_article(CAMPUS, "浙江大学与阿里云签署战略合作协议")
    assert record.events[0].title == "浙江大学与阿里云在杭州签署战略合作协议", record.events[0]


def test_a_foreign_law_is_a_policy_and_its_rules_come_into_force():
    """《人工智能法案》 and 《通用人工智能行为准则》 had been no policies, and 生效 no event (a statement titled
    欧盟《人工智能法案》)."""
    record = run_article(RULE_ABROAD, "欧盟《人工智能法案》通用人工智能规则正式生效")
    assert {"人工智能法案", "通用人工智能行为准则"} <= {p.name for p in record.policies}, record.policies
    first = record.events[0]
    assert (first.type, first.title, first.date) == ("policy", "《人工智能法案》相关规则生效", "--08-02"), first


def test_a_listing_application_is_titled_by_the_applicant_and_its_periods_years_run_on():
    """The applicant had been a second company (人形机器人企业深圳市优必选…), the event untitled by it; the values
    after 分别 had all read 2022 (the period stands in a clause of its own), 同期 opened the loss's subject."""
    record = run_article(PROSPECTUS, "优必选递交招股书 拟在港交所主板上市")
    assert [o.name for o in record.organizations if o.type == "company"] == ["优必选"], record.organizations
    assert record.events[0].title == "优必选向香港联合交易所递交招股说明书", record.events[0]
    years = [(f.subject, f.year) for f in record.figures]
    assert years == [("营业收入", 2020), ("营业收入", 2021), ("营业收入", 2022),
                     ("经调整净亏损", 2020), ("经调整净亏损", 2021), ("经调整净亏损", 2022)], years


def test_what_a_proposal_would_bring_into_schools_is_no_school():
    text = "刘庆峰建议将人工智能通识教育纳入中小学必修课程。"
    assert [e.text for e in extract_entities(text, use_lac=False) if e.type == "ORG"] == []


GPU_IPO = ("招股书显示，摩尔线程拟募集资金80亿元，主要用于新一代自主可控AI训推一体芯片研发项目以及补充流动资金。\n"
           "业内人士认为，在国产替代加速的背景下，GPU企业密集冲刺资本市场，沐曦集成电路、壁仞科技等也已启动上市辅导。")

MARATHON = ("最终，北京人形机器人创新中心的“天工Ultra”以2小时40分42秒的成绩率先冲过终点，获得冠军。\n"
            "北京经济技术开发区管委会副主任梁靖表示，举办这场比赛旨在检验人形机器人的运动能力和可靠性。")


def test_a_fund_raising_and_listing_tutoring_are_capital_events():
    """拟募集资金80亿元 had been a statement, and 启动上市辅导 a product launch."""
    record = run_article(GPU_IPO, "摩尔线程科创板IPO获受理 拟募资80亿元")
    types = {e.title: e.type for e in record.events}
    assert types.get("摩尔线程拟募集资金80亿元") == "investment", record.events
    assert types.get("壁仞科技启动上市辅导") == "investment", record.events


def test_why_an_event_is_held_is_no_meeting():
    """举办这场比赛旨在检验… had been a meeting titled 梁靖举办这场比赛旨在检验人形机器人的运动能力和可靠性."""
    record = run_article(MARATHON, "全国首场人形机器人半程马拉松在北京亦庄开跑")
    assert [e.type for e in record.events if "旨在" in e.description] in ([], ["statement"]), record.events
    assert not any(e.type == "meeting" and "梁靖" in e.title for e in record.events), record.events
