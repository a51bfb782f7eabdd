"""A platform company's quarterly results, a province's compute plan, a roadmap of AI chips and a car crash
investigation, as AI-industry readers get them. Each text is written in the style of such reports; each test names
the defect a reader had seen in its record."""

from __future__ import annotations

from tests.summarize._articles import run_article
from zhiku.record import RawInfo, Record
from zhiku.summarize.events import document_year

RESULTS = ("11月25日，阿里巴巴集团公布截至2025年9月30日止季度业绩。本季度集团收入为2477.95亿元，同比增长5%。\n"
           "阿里巴巴集团首席执行官吴泳铭表示，过去四个季度，集团在AI基础设施及AI产品研发上投入约1200亿元。")

COMPUTE = ("行动计划明确，到2027年，全省算力总规模超过60EFLOPS；数据中心平均电能利用效率（PUE）降至1.25以下。")

ROADMAP = ("9月18日，在华为全联接大会2025上，华为副董事长、轮值董事长徐直军发布了昇腾AI芯片路线图。华为计划在2026年第一季度"
           "推出昇腾950PR芯片，2027年第四季度推出昇腾960芯片，2028年第四季度推出昇腾970芯片。\n"
           "据介绍，华为还将推出Atlas 950超节点，支持8192张昇腾卡。")

CRASH = ("通报显示，事故发生时，车辆处于智能辅助驾驶状态（NOA），系统检测到前方障碍物后发出提醒。")


def test_results_published_are_the_news_dated_when_published_and_the_groups_spending_is_the_companys():
    """公布…季度业绩 had been no event and the period's end (截至2025年9月30日止) would have dated it; 集团在AI基础设施
    及AI产品研发上投入… had been titled 及AI产品研发上投入约1200亿元."""
    record = run_article(RESULTS, "阿里巴巴发布季度业绩")
    first = record.events[0]
    assert (first.type, first.date) == ("product", "2025-11-25") and first.title.startswith("阿里巴巴集团公布"), first
    assert "阿里巴巴投入约1200亿元" in [e.title for e in record.events], record.events


def test_a_ratios_bracketed_abbreviation_leaves_its_subject():
    """降至1.25以下 had been the title: （PUE） hid the subject."""
    record = run_article(COMPUTE, "浙江算力行动计划")
    assert "数据中心平均电能利用效率降至1.25以下" in [e.title for e in record.events], record.events


def test_a_roadmaps_years_date_no_article_and_its_launches_are_plans():
    """The roadmap's 9月18日 had been dated 2028 (the last launch's year); 计划在2026年…推出 and 还将推出 had been
    product launches."""
    raw = RawInfo(format="text", sha256="0" * 64)
    assert document_year(Record(id="r", text=ROADMAP, raw=raw)) is None
    record = run_article(ROADMAP, "华为发布昇腾AI芯片路线图")
    assert record.events[0].date == "--09-18", record.events[0]
    assert [e.type for e in record.events[1:]] == ["plan", "plan"], record.events


def test_a_clause_of_when_is_no_title():
    """The title had been 事故发生时."""
    record = run_article(CRASH, "事故调查结果公布")
    assert record.events[0].title == "车辆处于智能辅助驾驶状态", record.events


def test_a_launch_in_several_countries_is_titled_by_the_first_and_a_reporters_source_is_no_title():
    """The title had been 记者了解到 (阿里云上线, too short, gave way to the reporter's attribution)."""
    text = "记者了解到，阿里云通义千问已在新加坡、马来西亚、印度尼西亚等国家上线。"
    assert run_article(text, "国产大模型出海").events[0].title == "阿里云通义千问在新加坡等国家上线"
