"""A robot maker's IPO tutoring filing and a humanoid robot games' closing, as AI-industry readers get them. Each
text is written in the style of such reports; each test names the defect a reader had seen in its record."""

from __future__ import annotations

from tests.summarize._articles import run_article

FILING = ("7月8日，中国证监会官网显示，杭州宇树科技股份有限公司已于7月7日在浙江证监局办理辅导备案登记，拟首次公开发行股票并上市，"
          "辅导机构为中信证券。")

GAMES = ("为期3天的2025世界人形机器人运动会17日在北京国家速滑馆闭幕。\n"
         "其中，宇树科技H1机器人夺得1500米、400米和100米障碍赛3枚金牌。")


def test_a_filing_for_listing_is_the_companys_after_the_date_and_the_source():
    """The title had been 拟首次公开发行股票并上市 (拟 read as the subject; the date and 中国证监会官网显示 hid the
    company that opens the sentence)."""
    event = run_article(FILING, "宇树科技启动IPO辅导").events[0]
    assert event.title == "宇树科技拟首次公开发行股票并上市", event


def test_a_gatherings_length_is_no_part_of_its_name_and_gold_medals_won_are_awards():
    """The title had been 为期3天的2025世界人形机器人运动会在北京国家速滑馆闭 (cut inside 闭幕); 夺得…3枚金牌 had been
    no award."""
    events = run_article(GAMES, "人形机器人运动会闭幕").events
    assert events[0].title == "世界人形机器人运动会在北京国家速滑馆闭幕", events[0]
    assert events[1].type == "award", events[1]


def test_a_tech_sites_dateline_leaves_with_its_comma_and_the_launch_is_titled_whole():
    """The body had kept IT之家9月1日消息，… (IT之家 no outlet of the list) and the launch had been titled 美团今日发布并开源
    (今日 read into the subject, the model's name cut)."""
    record = run_article("IT之家9月1日消息，美团今日正式发布并开源LongCat-Flash-Chat大模型。该模型采用混合专家架构。", "美团发布")
    assert (record.source, record.text[:4]) == ("IT之家", "美团今日"), (record.source, record.text[:10])
    assert record.events[0].title == "美团发布并开源LongCat-Flash-Chat大模型", record.events[0]


def test_a_place_only_the_headline_names_is_the_articles_region():
    """重庆两江新区打造…: the body names 两江新区 alone (no division of the gazetteer) and the article had had no
    region; 长安汽车 had been no organization."""
    text = "目前，两江新区已集聚长安汽车、赛力斯、理想汽车等整车企业10家，汽车零部件企业超过400家。"
    record = run_article(text, "重庆两江新区打造智能网联新能源汽车之都")
    assert [(r.name, r.evidence) for r in record.regions] == [("重庆市", [])], record.regions
    assert "长安汽车" in [o.name for o in record.organizations], record.organizations
