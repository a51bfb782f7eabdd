"""A ministry's answers to the press, a province's numbered measures and a chip launch written half in English, as
AI-industry readers get them. Each text is written in the style of such reports; each test names the defect a reader
had seen in its record."""

from __future__ import annotations

from tests.summarize._articles import run_article

ANSWERS = ("问：《指导意见》出台的背景是什么？\n"
           "答：人形机器人集成人工智能、高端制造、新材料等先进技术，有望成为继计算机、智能手机、新能源汽车后的颠覆性产品。"
           "为加快推进人形机器人创新发展，工业和信息化部研究制定了《指导意见》。")

LAUNCH = ("英伟达（NVIDIA）在GTC 2025大会上发布了新一代Blackwell Ultra GPU。\n"
          "据介绍，微软Azure、谷歌云、亚马逊AWS等云服务商将率先部署。")


def test_an_answer_to_the_press_is_summarized_without_its_mark_and_its_short_title_is_the_headlines_document():
    """The summary had opened with 答：; 《指导意见》 had been a policy of its own beside the one the headline names."""
    record = run_article(ANSWERS, "工信部有关负责人就《人形机器人创新发展指导意见》答记者问")
    assert not record.summary.startswith("答"), record.summary
    assert [p.name for p in record.policies] == ["人形机器人创新发展指导意见"], record.policies
    assert record.policies[0].evidence, record.policies[0]  # the text's 《指导意见》 is its evidence


def test_companies_listed_together_act_as_the_first():
    """微软Azure、谷歌云、亚马逊AWS等云服务商将率先部署 had been titled 亚马逊将率先部署 (the last one listed)."""
    record = run_article(LAUNCH, "英伟达发布Blackwell Ultra GPU")
    assert "微软Azure等云服务商将率先部署" in [e.title for e in record.events], record.events


def test_a_reports_numbered_point_is_titled_without_its_number():
    """一是大力发展人工智能产业 had kept its 一是."""
    text = "今年重点抓好以下工作：一是大力发展人工智能产业。二是加快建设杭州城西科创大走廊。三是深化数字化改革。"
    titles = [e.title for e in run_article(text, "浙江省2025年政府工作报告（摘要）").events]
    assert "大力发展人工智能产业" in titles and not any(t.startswith(("一是", "二是")) for t in titles), titles


def test_a_table_pasted_as_text_is_neither_summary_nor_event():
    """| 企业 | 融资轮次 | 金额 | had been a sentence of the summary and an event's title."""
    text = ("据IT桔子统计，2025年前三季度国内大模型领域融资额排名前五的企业如下：\n| 企业 | 融资轮次 | 金额 |\n"
            "| 月之暗面 | C轮 | 约12亿美元 |\n报告显示，头部企业融资占比超过70%，资本向头部集中的趋势明显。")
    record = run_article(text, "2025年AI大模型融资榜")
    assert "|" not in record.summary and not any("|" in e.title for e in record.events), record
    assert not any(e.type == "investment" for e in record.events), record.events  # 融资额排名 ranks, finances nothing
