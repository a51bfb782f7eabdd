"""A world AI conference opening, a city's embodied-AI action plan, a model's price cut and seven ministries' humanoid
robot opinions, as AI-industry readers get them. Each text is written in the style of such reports; each test names
the defect a reader had seen in its record."""

from __future__ import annotations

from tests.summarize._articles import run_article

CONFERENCE = ("2025世界人工智能大会暨人工智能全球治理高级别会议26日在上海开幕。国务院总理李强出席开幕式并致辞。\n"
              "本届大会为期3天，800余家企业参展，其中首发首展新品超过100款。会上还发布了《人工智能全球治理行动计划》。")

PLAN = ("近日，杭州市人民政府办公厅印发《杭州市具身智能产业发展行动计划（2025—2027年）》。\n"
        "《行动计划》提出，到2027年，全市具身智能产业规模突破1000亿元，培育具身智能领军企业10家以上，建成国家级创新平台5个"
        "以上。\n"
        "《行动计划》还提出，支持宇树科技等企业开发人形机器人，设立总规模100亿元的具身智能产业基金。")

PRICES = ("火山引擎总裁谭待介绍，豆包1.6首创按“输入长度”区间定价，综合使用成本较豆包1.5深度思考模型降低63%。")

OPINIONS = ("人民网北京11月28日电 工业和信息化部、国家发展改革委、教育部、科技部、财政部、人力资源社会保障部、国务院国资委等七"
            "部门近日联合印发《关于推动人形机器人产业高质量发展的实施意见》。\n"
            "《实施意见》明确，到2027年，人形机器人关键部组件实现安全可靠供给，整机产品达到国际先进水平。")


def test_a_wire_storys_day_alone_is_dated_in_the_articles_month_and_a_document_published_is_a_policy():
    """26日在上海开幕 had been undated; 首发首展新品超过100款 had been a product launch and 会上还发布了《…行动计划》
    (了 before the title) one too."""
    record = run_article(CONFERENCE, "2025世界人工智能大会在上海开幕", published_at="2025-07-26T20:00:00+08:00")
    opening = record.events[0]
    assert (opening.type, opening.date) == ("meeting", "2025-07-26"), opening
    by_type = {e.type: e.title for e in record.events}
    assert "首发首展" not in by_type.get("product", ""), record.events
    assert by_type["policy"].endswith("《人工智能全球治理行动计划》"), record.events


def test_a_day_later_than_the_articles_is_last_months_unless_it_is_to_come():
    record = run_article("大会30日闭幕。", "大会闭幕", published_at="2025-08-02")
    assert record.events[0].date == "2025-07-30", record.events
    record = run_article("总理将于11日宣布改革方案。", "改革", published_at="2025-12-10")
    assert record.events[0].date == "2025-12-11", record.events


def test_what_a_plan_will_build_by_its_target_year_is_no_launch_and_its_fund_no_finance():
    """建成国家级创新平台5个以上 (after 提出，到2027年，) had been a product launch; the plan's 产业基金 had made the
    article finance news."""
    record = run_article(PLAN, "杭州出台具身智能产业发展行动计划")
    assert all(e.type != "product" for e in record.events), record.events
    assert "金融" not in [t.label for t in record.industries], record.industries


def test_what_is_compared_against_is_no_subject_however_long_its_name():
    """降低63% had been the change of 深度思考模型, the model compared against (较 + eleven characters)."""
    record = run_article(PRICES, "豆包大模型1.6发布")
    assert [(f.subject, f.value) for f in record.figures if f.unit == "percent"] == [("综合使用成本", 63.0)]


def test_a_documents_title_too_long_to_quote_is_told_and_parts_are_no_ministry():
    """The title had been 工信部等七部门印发 (the document's name did not fit); 人形机器人关键部 (of 关键部组件) had been
    a government body."""
    record = run_article(OPINIONS, "七部门：推动人形机器人规模化应用")
    assert record.events[0].title == "工信部等七部门印发推动人形机器人产业高质量发展实施意见", record.events[0]
    assert not any(o.name.endswith("关键部") for o in record.organizations), record.organizations
