"""A daily AI roundup of numbered items, a stock market close of AI stocks and a police case of AI face-swap fraud,
as AI-industry readers get them. Each text is written in the style of such reports; each test names the defect a
reader had seen in its record."""

from __future__ import annotations

from tests.summarize._articles import clean_article, run_article

ROUNDUP = ("1. OpenAI推出o3-pro模型\n"
           "OpenAI当地时间12月4日宣布推出o3-pro模型，面向ChatGPT Pro用户开放。\n"
           "2. 百度文心大模型5.0正式上线\n"
           "12月4日，百度宣布文心大模型5.0正式上线，支持文本、图像、音频、视频的原生全模态理解与生成。\n"
           "3. 英伟达市值突破5万亿美元\n"
           "受AI芯片需求推动，英伟达股价4日上涨3.2%，市值首次突破5万亿美元。")

MARKET = ("中国证券网讯 12月4日，A股三大指数涨跌不一。截至收盘，上证指数涨0.21%，报3875.79点。")

FRAUD = ("本报讯（记者 刘洋 通讯员 李明）近日，内蒙古包头市公安局电信网络犯罪侦查局发布一起利用AI换脸技术实施诈骗的案件。\n"
         "警方提醒，AI换脸、拟声等技术被用于诈骗，群众在涉及转账时务必通过电话等多种渠道核实对方身份。")


def test_a_roundups_summary_drops_its_item_numbers_and_a_days_change_keeps_its_subject():
    """The summary had read 1. OpenAI推出o3-pro模型。…3. 英伟达市值…; 英伟达股价4日上涨3.2% had had no subject (the day
    between), nor 市值首次突破 (首次)."""
    record = run_article(ROUNDUP, "AI早报")
    assert record.summary.startswith("OpenAI推出o3-pro模型。") and "3. " not in record.summary, record.summary
    assert [(f.subject, f.value) for f in record.figures][:3] == [("市值", 5e12), ("股价", 3.2), ("市值", 5e12)]


def test_a_news_site_signing_a_report_is_its_source():
    record = clean_article(MARKET)
    assert (record.source, record.text[:6]) == ("中国证券网", "12月4日，"), (record.source, record.text[:6])


def test_a_correspondent_is_an_author_a_case_released_is_legal_news_and_a_warning_no_title():
    """通讯员 had been an author's name; 发布…案件 had been a product launch; the warning had been titled 警方提醒."""
    record = run_article(FRAUD, "AI换脸诈骗案")
    assert record.authors == ["刘洋", "李明"], record.authors
    assert record.events[0].type == "legal", record.events[0]
    assert "警方提醒" not in [e.title for e in record.events], record.events
