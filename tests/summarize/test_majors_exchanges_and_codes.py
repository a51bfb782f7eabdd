"""New university majors, a data exchange's listings, the EU AI Act's model duties and an agricultural drone report,
as AI-industry readers get them. Each text is written in the style of such reports; each test names the defect a
reader had seen in its record."""

from __future__ import annotations

from tests.summarize._articles import run_article

MAJORS = ("4月21日，教育部公布2024年度普通高等学校本科专业备案和审批结果，新增29种专业纳入普通高等学校本科专业目录。")

EXCHANGE = ("记者从上海数据交易所获悉，截至11月底，上海数据交易所累计挂牌数据产品突破4000个。\n"
            "上海数据交易所总经理汤奇峰介绍，交易所先后推出数据资产入表、数据信托等创新服务。")

CODE = "欧盟委员会此前发布了《通用人工智能行为准则》。截至目前，谷歌、微软等26家企业已签署该准则。"

DRONES = "报告指出，在新疆维吾尔自治区，无人机棉花脱叶剂喷施作业覆盖率超过90%。"


def test_approval_results_published_are_a_policy_event():
    """公布…备案和审批结果 had been a statement titled 教育部公布2024年度普通."""
    event = run_article(MAJORS, "教育部公布新增本科专业名单").events[0]
    assert (event.type, event.title) == ("policy", "教育部公布2024年度普通高等学校本科专业备案和审批结果"), event


def test_a_data_exchange_is_an_organization_and_products_listed_are_a_count():
    """上海数据交易所 had been no organization (数据交易, a technology term, ended inside its suffix) and its manager
    nobody's; 挂牌数据产品突破4000个 had been the founding of a body (挂牌)."""
    record = run_article(EXCHANGE, "上海数据交易所挂牌数突破4000个")
    assert "上海数据交易所" in [o.name for o in record.organizations], record.organizations
    assert [(p.name, p.organization) for p in record.people] == [("汤奇峰", "上海数据交易所")], record.people
    assert record.events[0].type == "statistic", record.events[0]


def test_a_code_of_practice_published_is_a_policy():
    """发布了《…行为准则》 had been a product launch."""
    assert run_article(CODE, "欧盟发布行为准则").events[0].type == "policy"


def test_an_autonomous_region_is_titled_by_its_short_name():
    """The title had named 新疆维吾尔 (自治区 cut from 新疆维吾尔自治区)."""
    title = run_article(DRONES, "农业无人机报告").events[0].title
    assert title.startswith("新疆") and "维吾尔" not in title, title
