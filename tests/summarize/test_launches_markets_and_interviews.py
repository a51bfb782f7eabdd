"""Model launches abroad, industrial parks, market wraps, interviews and a rule's full text as AI-industry readers get
them. Each text is written in the style of such reports; each test names the defect a reader had seen in its record."""

from __future__ import annotations

from tests.summarize._articles import run_article
from zhiku.summarize.events import document_year

LAUNCH = ("美国人工智能公司OpenAI当地时间8月7日正式发布新一代大模型GPT-5。OpenAI首席执行官萨姆·奥尔特曼在发布会上表示，"
          "GPT-5在编程、数学和写作等方面的能力均有显著提升。")

PARK = ("11月28日，杭州人工智能产业园在余杭区未来科技城正式揭牌。杭州市委常委、余杭区委书记刘颖出席揭牌仪式。\n"
        "据介绍，余杭区将设立规模100亿元的人工智能产业基金，并对入驻企业给予最高3年免租支持。")

MARKET = ("12月4日，A股人工智能板块全线走强。截至收盘，上证指数上涨0.8%，报3412.6点。\n"
          "个股方面，寒武纪（688256）涨8.37%，报1580元；海光信息（688041）涨5.12%；科大讯飞（002230）涨3.46%。")

INTERVIEW = ("记者：您如何看待当前大模型的发展阶段？\n"
             "王仲远：大模型正在从数字世界走向物理世界。多模态和具身智能将成为下一个突破口。\n"
             "记者：智源研究院在这方面有哪些布局？\n"
             "王仲远：我们今年发布了悟界系列模型，包括原生多模态世界模型Emu3.5。未来三年，我们将投入超过10亿元用于具身智能"
             "基础研究。")

RULE = ("第一条 为了促进人工智能健康发展，规范人工智能生成合成内容标识，根据《生成式人工智能服务管理暂行办法》等法律、"
        "行政法规和部门规章，制定本办法。\n"
        "第十四条 本办法自2025年9月1日起施行。")

FORECAST = ("7月10日，敬老爱老公益计划在京启动。据最新预测，到2013年，我国老年人口将超过2亿，2026年将超过3亿，2037年将超过"
            "4亿。")


def test_what_a_company_is_and_where_is_no_company():
    """美国人工智能公司 had been a company, and the launch titled 美国人工智能公司发布…"""
    record = run_article(LAUNCH, "OpenAI发布GPT-5")
    assert [o.name for o in record.organizations] == ["OpenAI"], record.organizations
    assert record.events[0].title == "OpenAI发布新一代大模型GPT-5", record.events[0]


def test_an_unnamed_fund_is_no_body_and_attending_a_ceremony_founds_nothing():
    """人工智能产业基金 (a fund to be set up) had been a company; 刘颖出席揭牌仪式 had been titled 刘颖揭牌仪式, an
    institution founded."""
    record = run_article(PARK, "杭州人工智能产业园揭牌")
    assert not any("基金" in o.name for o in record.organizations), record.organizations
    assert not any(e.title == "刘颖揭牌仪式" for e in record.events), record.events
    assert record.events[0].title == "杭州人工智能产业园在余杭区未来科技城正式揭牌", record.events[0]


def test_a_stocks_move_is_its_companys_figure():
    """涨8.37% had had no subject: 寒武纪 is tagged as a name, and the stock code in brackets had cut the clause."""
    record = run_article(MARKET, "AI板块全线走强 寒武纪涨超8%")
    subjects = {f.raw: f.subject for f in record.figures}
    assert subjects["8.37%"] == "寒武纪" and subjects["5.12%"] == "海光信息" and subjects["3.46%"] == "科大讯飞"
    assert not {"板块全线走强", "全线"} & {k.term for k in record.keywords}, record.keywords


def test_an_interviewee_speaks_for_the_body_the_headline_names():
    """王仲远 had had no role (the headline writes it); the turns' 我们 had opened the event titles."""
    record = run_article(INTERVIEW, "专访智源研究院院长王仲远：大模型下一步要走向物理世界")
    assert [(p.title, p.organization) for p in record.people if p.name == "王仲远"] == [("院长", "智源研究院")]
    titles = [e.title for e in record.events]
    assert "智源研究院今年发布悟界系列模型" in titles, titles
    assert not any(t.startswith("我们") for t in titles), titles
    assert [f.subject for f in record.figures if f.raw == "10亿元"] == ["投入"]


def test_a_rule_named_by_the_headline_is_a_policy_and_its_article_numbers_title_nothing():
    record = run_article(RULE, "《人工智能生成合成内容标识办法》全文")
    assert "人工智能生成合成内容标识办法" in [p.name for p in record.policies], record.policies
    assert not any(e.title.startswith("第") for e in record.events), record.events


def test_a_forecasts_year_is_not_the_articles():
    """7月10日 had read 2037-07-10, the year of the last forecast (2037年将超过4亿)."""
    record = run_article(FORECAST, "敬老爱老公益计划启动")
    assert document_year(record) is None
    assert record.events[0].date == "--07-10", record.events[0]


def test_a_stocks_move_is_a_statistic_titled_by_its_company():
    """上证指数上涨0.8% and 海光信息（688041）涨5.12% had been statements (上涨 and 涨 were no triggers)."""
    record = run_article(MARKET, "AI板块全线走强 寒武纪涨超8%")
    titles = {e.title: e.type for e in record.events}
    assert titles.get("上证指数上涨0.8%") == "statistic" and titles.get("寒武纪涨8.37%") == "statistic", titles


def test_chip_makers_a_ranking_lists_are_companies():
    """博通, 联发科, 阿斯麦 and 华为海思 had been unknown (博通 was nobody in a market-value ranking)."""
    text = ("据彭博社12月5日数据：\n1. 英伟达 市值4.5万亿美元\n2. 博通 市值1.6万亿美元\n联发科、阿斯麦和华为海思也在榜单之列。")
    record = run_article(text, "全球AI芯片企业市值排行榜出炉")
    companies = {o.name for o in record.organizations if o.type == "company"}
    assert {"英伟达", "博通", "联发科", "阿斯麦", "华为海思"} <= companies, companies
