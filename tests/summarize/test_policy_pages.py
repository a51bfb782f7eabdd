"""A city's AI policy as a news site's page (navigation, breadcrumbs, a related-reading box, a footer) and a plan whose
short name runs without its period, as AI-industry readers get them; each test names the defect a reader had seen."""

from __future__ import annotations

from tests.summarize._articles import run_article
from zhiku.api import process_bytes
from zhiku.record import Record

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>上海发布人工智能大模型创新扶持政策 单个项目最高补贴5000万元_科技频道_东方网</title>
<meta property="article:published_time" content="2025-12-04T10:30:00+08:00"></head><body>
<div class="nav"><a href="/">首页</a> | <a href="/tech">科技</a> | <a href="/finance">财经</a></div>
<div class="article"><h1>上海发布人工智能大模型创新扶持政策 单个项目最高补贴5000万元</h1>
<div class="info">2025-12-04 10:30 来源：东方网 作者：陈静 <span class="share">分享到：微信 微博 QQ空间</span></div>
<div class="content">
<p>东方网记者陈静12月4日报道：上海市经济和信息化委员会今天发布《上海市促进人工智能大模型创新发展若干措施》（以下简称《若干措施》），
从算力补贴、数据供给、场景开放、人才引进等方面提出20条具体措施。</p>
<p>《若干措施》提出，对本市企业租用智能算力开展大模型训练的，按照实际费用的30%给予补贴，单个企业年度补贴最高2000万元。</p>
<div class="related"><h3>相关阅读</h3><ul><li><a href="/a1">北京发布具身智能行动计划</a></li>
<li><a href="/a2">深圳设立千亿AI产业基金</a></li><li><a href="/a3">杭州打造人工智能产业高地</a></li></ul></div>
<p>据介绍，截至目前，上海已有超过80个大模型通过国家备案，数量居全国前列。2024年，上海人工智能产业规模达到4500亿元。</p>
<p class="editor">（责任编辑：王丽）</p></div></div>
<div class="footer">Copyright © 2025 东方网 版权所有 沪ICP证：沪B2-20050121</div></body></html>"""

PLAN = ("11月30日，北京市经济和信息化局、北京市科学技术委员会等部门联合印发《北京市具身智能科技创新与产业培育行动计划"
        "（2025—2027年）》（以下简称《行动计划》）。\n《行动计划》提出，到2027年，北京市具身智能产业规模突破1000亿元。")


def test_a_policy_page_reads_its_reporters_lead_as_a_credit_and_its_release_as_a_policy():
    """东方网记者陈静12月4日报道： had stayed in the body (陈静 an actor of the release); 发布《…若干措施》 had been a product
    launch; the headline's 人工智能大模型创新扶持政策 had been a second policy beside the document the text names; the
    release had lost its day with the credit (今天: the page's date)."""
    [record] = process_bytes(PAGE.encode("utf-8"), "page.html")
    assert isinstance(record, Record)
    assert record.text.startswith("上海市经济和信息化委员会今天发布"), record.text[:30]
    assert (record.source, record.authors) == ("东方网", ["陈静"])
    first = record.events[0]
    assert (first.type, first.date) == ("policy", "2025-12-04") and "陈静" not in first.actors, first
    assert [p.name for p in record.policies] == ["上海市促进人工智能大模型创新发展若干措施"], record.policies


def test_a_plans_short_name_is_the_plan_though_its_full_name_ends_with_its_period():
    """《行动计划》 had been a policy of its own: the full name ends with （2025—2027年）, not with 行动计划."""
    record = run_article(PLAN, "北京发布具身智能产业发展行动计划 到2027年培育100家以上重点企业")
    assert [p.name for p in record.policies] == ["北京市具身智能科技创新与产业培育行动计划（2025—2027年）"], record.policies
