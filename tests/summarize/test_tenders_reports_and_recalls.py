"""Tenders, institute reports, recalls, press conferences and talent policies as AI-industry readers get them. Each
text is written in the style of such reports; each test names the defect a reader had seen in its record."""

from __future__ import annotations

from tests.summarize._articles import run_article

TENDER = ("11月20日，安徽省公共资源交易监督管理局发布中标结果公告，科大讯飞股份有限公司中标合肥市智慧教育提升工程项目，"
          "中标金额约2.3亿元。\n"
          "根据招标文件，该项目将为合肥市1200余所中小学部署人工智能教学助手和智能批改系统，服务期为三年。\n"
          "今年以来，科大讯飞已累计中标教育类项目超过40个。公司董事长刘庆峰此前表示，教育是讯飞星火大模型落地最快的场景之一。")

REPORT = ("12月5日，中国信息通信研究院在北京发布《人工智能发展报告（2025年）》。报告显示，2024年我国人工智能核心产业规模已达"
          "9000亿元，同比增长24%。")

RECALL = ("国家市场监督管理总局12月2日发布消息称，特斯拉汽车（北京）有限公司、特斯拉（上海）有限公司向市场监管总局备案了召回"
          "计划，决定自即日起召回部分进口及国产Model S、Model X、Model 3和Model Y电动汽车，共计1216878辆。")

PRESS = ("国家知识产权局12月3日召开新闻发布会。截至2025年10月底，我国人工智能领域有效发明专利数量达到19.6万件，同比增长"
         "21.8%，占全球人工智能专利总量的比重超过40%。")

TALENT = ("深圳市人民政府办公厅近日印发《深圳市加快打造人工智能先锋城市人才支持若干措施》，提出对新引进的人工智能领域博士后"
          "给予每人每年30万元生活补贴。")

HOSPITALS = "北京协和医院信息中心主任张志刚介绍，医生书写病历时间平均缩短30%。"


def test_a_tender_won_is_a_contract_and_the_winner_is_named_short():
    """The event had been the bureau's notice as a product launch (…发布中标结果公告); 合肥市1200余所中小学 had been a
    university; the chairman of 公司 had had no company."""
    record = run_article(TENDER, "科大讯飞中标2.3亿元智慧教育项目")
    first = record.events[0]
    assert first.type == "contract" and first.title == "科大讯飞中标合肥市智慧教育提升工程项目", first
    assert not any("中小学" in o.name for o in record.organizations), record.organizations
    assert [(p.title, p.organization) for p in record.people if p.name == "刘庆峰"] == [("董事长", "科大讯飞")]
    counted = next(f for f in record.figures if f.raw == "1200余所")
    assert counted.subject == "中小学", counted  # it had been 中小学部署人工智能教学助手


def test_an_institutes_report_is_no_policy_and_its_titles_year_is_the_articles():
    """《人工智能发展报告（2025年）》 had been a policy issued by 北京市, and the release dated 2024-12-05 (the year
    of the statistics it reports)."""
    record = run_article(REPORT, "中国信通院发布《人工智能发展报告（2025年）》")
    assert record.policies == [], record.policies
    assert record.events[0].date == "2025-12-05", record.events[0]


def test_a_recall_is_a_legal_event_of_the_company_the_sentence_opens_with():
    """It had been a statement titled 特斯拉汽车有限公司; then the body named last (市场监管总局) recalled the cars."""
    record = run_article(RECALL, "特斯拉在华召回逾120万辆汽车")
    recall = next(e for e in record.events if "召回" in e.title)
    assert recall.type == "legal" and recall.title.startswith("特斯拉召回"), recall


def test_a_press_conference_is_a_meeting_and_a_share_follows_the_subject_not_its_change():
    """发布会 had made a product launch (国家知识产权局发布会); the share had read 发明专利数量同比比重."""
    record = run_article(PRESS, "国家知识产权局：我国人工智能专利申请量居全球第一")
    assert record.events[0].type == "meeting" and "召开新闻发布会" in record.events[0].title, record.events[0]
    share = next(f for f in record.figures if f.raw == "40%")
    assert share.subject == "发明专利数量比重", share


def test_a_citys_office_issues_at_city_level_and_a_stipend_is_what_the_amount_is():
    record = run_article(TALENT, "深圳出台人工智能人才新政")
    [policy] = record.policies
    assert (policy.issuer, policy.level) == ("深圳市人民政府办公厅", "city"), policy  # it had been a ministry's
    assert [f.subject for f in record.figures if f.raw == "30万元"] == ["生活补贴"]  # it had been 每人每年


def test_an_average_change_is_no_part_of_the_subject():
    record = run_article(HOSPITALS, "DeepSeek进医院")
    assert [f.subject for f in record.figures if f.raw == "30%"] == ["医生书写病历时间"]  # it had been …时间平


def test_a_titles_actor_keeps_no_date_and_a_long_document_is_named_once_with_its_place():
    """国家知识产权局12月3日召开新闻发布会 kept the day inside the title; the talent rules' title had lost its document
    (深圳市人民政府办公厅印发, the name too long beside the office)."""
    record = run_article(PRESS, "国家知识产权局：我国人工智能专利申请量居全球第一")
    assert record.events[0].title == "国家知识产权局召开新闻发布会", record.events[0]
    record = run_article(TALENT, "深圳出台人工智能人才新政")
    assert record.events[0].title == "深圳印发加快打造人工智能先锋城市人才支持若干措施", record.events[0]


def test_a_statistic_of_nothing_named_is_no_event():
    """在LiveCodeBench代码测评中超过70分 had been an event titled 超过70分."""
    text = "测评结果显示，Qwen3旗舰模型在AIME25数学测评中取得81.5分，在LiveCodeBench代码测评中超过70分。"
    assert not any(e.title.startswith("超过") for e in run_article(text, "阿里开源新模型").events)
