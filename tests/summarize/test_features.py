"""A feature that sets its scene before its news, as AI-industry readers get one. The text is written in the style of
such reports; each test names the defect a reader had seen in its record."""

from __future__ import annotations

from tests.summarize._articles import run_article

FEATURE = ("走进位于苏州工业园区的某新能源汽车零部件工厂，机械臂有条不紊地抓取、焊接、装配，AGV小车在车间里穿梭往来，偌大的"
           "车间里只能看到几名工作人员。\n"
           "工厂负责人李明告诉记者，2023年工厂引入基于大模型的视觉质检系统后，产品不良率从0.8%下降至0.1%，生产效率提升了40%。\n"
           "据苏州市工业和信息化局统计，截至今年10月底，苏州已累计建成国家级智能工厂23家、省级智能工厂186家。")


def test_a_features_scene_is_neither_its_summary_nor_its_event():
    """The summary had opened with 走进位于苏州工业园区的…, and so had the first event; the drop in defects had been no
    event (下降至 no trigger); 生产效率提升了40% had been counted as 产品不良率; 工厂 had been 李明's body."""
    record = run_article(FEATURE, "走进智能工厂：一条产线上的“无人”变革")
    assert not record.summary.startswith("走进"), record.summary
    assert not any(e.title.startswith("走进") for e in record.events), record.events
    assert "产品不良率从0.8%下降至0.1%" in [e.title for e in record.events], record.events
    assert [f.subject for f in record.figures if f.raw == "40%"] == ["生产效率"]
    assert [(p.title, p.organization) for p in record.people if p.name == "李明"] == [("负责人", None)]
