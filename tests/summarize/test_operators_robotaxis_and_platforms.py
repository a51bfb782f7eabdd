"""A telecom operator's model launch, a robotaxi stalled in traffic and a city bureau's answer, as AI-industry readers
get them. Each text is written in the style of such reports; each test names the defect a reader had seen in its
record."""

from __future__ import annotations

from tests.summarize._articles import clean_article, run_article

OPERATOR = "人民邮电报讯（记者 孙永杰）近日，中国移动发布九天人工智能基座大模型3.0版本。"

STALLED = ("7月10日晚，有市民反映，在武汉市汉阳区江城大道附近，一辆萝卜快跑无人驾驶出租车在路口停滞约半小时。\n"
           "武汉市交通运输局表示，将督促相关企业完善应急处置机制。")


def test_a_paper_whose_name_holds_dian_signs_its_report():
    """人民邮电报讯 had been no source: 电报 (a telegram) was excluded anywhere in the name."""
    record = clean_article(OPERATOR)
    assert (record.source, record.authors) == ("人民邮电报", ["孙永杰"]), (record.source, record.authors)


def test_a_bureau_that_speaks_is_named_whole_and_a_citizens_report_is_no_title():
    """The plan had been titled 运输局将督促… (the speaker's last three characters, as of a person's name); the first
    event had been titled 有市民反映."""
    titles = [e.title for e in run_article(STALLED, "无人车被困事件").events]
    assert titles == ["一辆萝卜快跑无人驾驶出租车在路口停滞约半小时", "武汉市交通运输局将督促相关企业完善应急处置机制"], titles


def test_a_zones_measures_named_after_it_are_titled_by_its_short_name():
    """The title had been 北京经济技术开发区发布 (the measures' name, which repeats the zone's, did not fit)."""
    text = ("11月20日，北京经济技术开发区发布《北京经济技术开发区促进具身智能机器人产业高质量发展若干措施》，提出10条具体措施。")
    title = run_article(text, "北京亦庄发布具身智能机器人十条政策").events[0].title
    assert title == "北京经开区发布促进具身智能机器人产业高质量发展若干措施", title
