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
