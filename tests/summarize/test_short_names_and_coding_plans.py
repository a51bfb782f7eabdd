"""A model launch with its coding plan and a Hangzhou company's Hong Kong listing filing, as AI-industry readers get
them. Each text is written in the style of such reports; each test names the defect a reader had seen in its
record."""

from __future__ import annotations

from tests.summarize._articles import clean_article, run_article

MODEL = ("9月30日，智谱正式发布并开源新一代大模型GLM-4.6。据介绍，GLM-4.6在真实编程、长上下文处理、推理能力等方面全面提升，"
         "代码生成能力对齐Claude Sonnet 4。\n"
         "智谱CEO张鹏表示，GLM Coding Plan上线两个月，付费用户已超过10万。")

FILING = ("8月28日，杭州群核信息技术有限公司（以下简称“群核科技”）向港交所递交招股书，拟在香港主板上市。\n"
          "招股书显示，群核科技2024年实现营收7.55亿元，同比增长13.4%。")


def test_a_long_clause_drops_where_it_happened_not_a_words_first_half_and_a_services_age_is_no_launch():
    """The title had been GLM-4.6下文处理等方面全面提升 (在真实编程、长上 read as where: the 上 of 长上下文); GLM Coding
    Plan上线两个月 had been a launch titled Plan上线两个月."""
    titles = [(e.type, e.title) for e in run_article(MODEL, "智谱发布GLM-4.6").events]
    assert ("statement", "GLM-4.6全面提升") in titles, titles
    assert all(t != "product" or title.startswith("智谱发布") for t, title in titles), titles


def test_a_short_name_the_text_defines_is_the_companys_name():
    """The company had been 杭州群核信息技术有限公司 in every title, and 群核科技 (以下简称) no organization."""
    record = run_article(FILING, "群核科技递交港股上市申请")
    first = next(o for o in record.organizations if o.name == "群核科技")
    assert "杭州群核信息技术有限公司" in first.aliases, first
    assert record.events[0].title == "群核科技向港交所递交招股书", record.events[0]


def test_any_short_name_a_text_defines_is_one_body_with_its_registered_name():
    """(A company no gazetteer knows: the short name alone had been no organization.)"""
    text = ("杭州星澜智能科技有限公司（以下简称“星澜智能”）近日完成数亿元A轮融资。星澜智能成立于2023年，专注具身智能机器人研发。")
    record = run_article(text, "星澜智能完成A轮融资")
    assert [(o.name, o.aliases) for o in record.organizations] == [("星澜智能", ["杭州星澜智能科技有限公司"])]
    assert record.events[0].title.startswith("星澜智能完成"), record.events[0]


ROBOT = ("21世纪经济报道记者 易佳颖\n\n"
         "11月5日，小鹏汽车在2025小鹏科技日上发布新一代人形机器人IRON。小鹏汽车董事长何小鹏表示，IRON全身拥有82个自由度。\n"
         "何小鹏透露，小鹏计划于2026年底实现IRON的规模量产。此外，小鹏宣布Robotaxi将于2026年在广州开展试运营。")


def test_a_founder_whose_given_name_is_the_companys_short_name_is_a_person_and_a_plans_year_dates_nothing():
    """何小鹏 had been read as 何 and the company 小鹏 (no person); 21世纪经济报道记者 易佳颖 had been no credit (an
    outlet that opens with digits) and 易佳颖 a person of the text; 将于2026年 (a year alone, to come) had dated the
    launch of 11月5日 in 2026."""
    record = run_article(ROBOT, "小鹏汽车发布人形机器人IRON")
    assert [(p.name, p.title, p.organization) for p in record.people] == [("何小鹏", "董事长", "小鹏汽车")]
    assert (record.source, record.authors) == ("21世纪经济报道", ["易佳颖"]), (record.source, record.authors)
    assert record.events[0].date == "--11-05", record.events[0]


def test_a_title_cut_for_length_ends_at_a_word():
    """The title had ended 用于人工智能基础设 (cut inside 基础设施)."""
    text = "腾讯云还宣布，将在未来3年投入超过1000亿元用于人工智能基础设施建设。"
    title = run_article(text, "腾讯云发布智能体开发平台").events[0].title
    assert not title.endswith("基础设") and title.startswith("腾讯云将在未来3年投入超过1000亿元"), title


def test_a_sites_signing_before_its_lead_is_the_source_and_no_spliced_column():
    """首都之窗讯 近日，… had been read as another column's sentence with the lead spliced in (the lead moved first,
    首都之窗讯 glued to the next paragraph)."""
    record = clean_article("首都之窗讯 近日，北京市经济和信息化局印发行动方案。\n方案明确了五方面重点任务。")
    assert (record.source, record.text) == ("首都之窗", "近日，北京市经济和信息化局印发行动方案。\n方案明确了五方面重点任务。")
    assert clean_article("腾讯 近日发布新模型。").source is None
