"""A university's brain-inspired chip, a Taiwan foundry's monthly revenue (traditional script), an AI voice ruling on
appeal and a record financing round, as AI-industry readers get them. Each text is written in the style of such
reports; each test names the defect a reader had seen in its record."""

from __future__ import annotations

from tests.summarize._articles import clean_article, run_article

CHIP = ("记者26日从清华大学获悉，该校精密仪器系施路平团队研制出全球首款异构融合类脑计算芯片“天机芯X”。\n"
        "研究团队利用该芯片搭建了无人驾驶自行车系统，实现了语音识别、目标检测与避障等功能。")

FOUNDRY = ("中央社記者張建中新竹2025年11月10日電 晶圓代工龍頭台積電今天公布10月營收為新台幣3672.7億元，月增11%，年增16.9%，"
           "創單月歷史新高。")

RULING = ("11月18日，北京市第一中级人民法院对全国首例AI生成声音人格权侵权案作出二审判决，驳回上诉，维持原判。\n"
          "殷某发现，被告某智能科技公司将其配音作品用于训练语音合成模型，并通过平台对外销售AI生成的文本转语音产品。")

ROUND = ("财联社4月1日讯 美国人工智能公司OpenAI当地时间3月31日宣布，已完成新一轮400亿美元融资，投后估值达到3000亿美元。\n"
         "这是迄今为止私营科技公司规模最大的一笔融资。")


def test_a_universitys_team_is_named_after_that_university_and_object_detection_is_no_goal():
    """The title had opened 系施路平团队 (该校精密仪器系 cut inside a word); 目标检测 (object detection) had made the
    next sentence a plan (目标, a goal)."""
    record = run_article(CHIP, "清华团队研制出类脑计算芯片")
    assert record.events[0].title.startswith("精密仪器系施路平团队研制出"), record.events[0]
    assert all(e.type != "plan" for e in record.events), record.events


def test_a_dateline_with_its_year_dates_the_story_and_leaves_the_body():
    """中央社記者張建中新竹2025年11月10日電 had stayed in the body (its year was not read) and titled its first event."""
    record = clean_article(FOUNDRY)
    assert (record.source, record.published_at) == ("中央社", "2025-11-10"), (record.source, record.published_at)
    assert record.text.startswith("晶圆代工龙头台积电"), record.text[:20]


def test_what_a_defendant_put_to_use_is_no_plan():
    """将其配音作品用于训练… (a disposal: 将 as 把) had been a plan."""
    record = run_article(RULING, "AI声音侵权案二审宣判")
    assert all(e.type != "plan" for e in record.events), record.events


def test_a_round_announced_is_the_companys_and_a_superlatives_company_is_none():
    """The round had been titled 400亿美元融资 (the amount read as who raised it); 迄今为止私营科技公司 had been a
    company."""
    record = run_article(ROUND, "OpenAI完成400亿美元融资")
    assert record.events[0].title == "OpenAI完成新一轮400亿美元融资", record.events[0]
    assert [o.name for o in record.organizations] == ["OpenAI"], record.organizations
