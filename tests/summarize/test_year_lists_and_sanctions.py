"""A year's top-ten list and an entity listing with the replies it drew, as AI-industry readers get them. Each text is
written in the style of such reports; each test names the defect a reader had seen in its record."""

from __future__ import annotations

from tests.summarize._articles import run_article

TOP_TEN = ("2025年即将过去，这一年中国人工智能产业迎来多项突破。本报梳理了年度十大事件。\n"
           "一、DeepSeek-R1发布引发全球关注。1月20日，深度求索发布推理模型DeepSeek-R1，性能比肩OpenAI o1，上线后迅速登顶多国"
           "应用商店下载榜。\n"
           "三、人形机器人半程马拉松在京举行。4月19日，全球首个人形机器人半程马拉松在北京亦庄开跑，天工Ultra以2小时40分42秒"
           "夺得冠军。")

LISTING = ("当地时间12月2日，美国商务部工业与安全局（BIS）发布公告，以“国家安全”为由，将23家中国实体列入出口管制“实体清单”，"
           "其中包括多家人工智能芯片设计企业。\n"
           "商务部新闻发言人何亚东同日表示，美方做法严重违反市场经济原则和国际经贸规则，中方将密切关注事态发展。")


def test_a_top_ten_item_is_one_event_titled_by_its_heading_and_dated_in_the_year_looked_back_on():
    """十大 had been a congress (an organization); each item's heading (一、…) and its story had been two events, the
    first titled 发布引发全球关注; its day had no year (2025年即将过去 read as a forecast)."""
    record = run_article(TOP_TEN, "盘点2025年度中国人工智能十大事件")
    assert "十大" not in [o.name for o in record.organizations], record.organizations
    first = record.events[0]
    assert (first.title, first.type, first.date) == ("DeepSeek-R1发布引发全球关注", "product", "2025-01-20"), first
    assert first.description.startswith("1月20日，深度求索发布"), first
    race = next(e for e in record.events if "马拉松" in e.title)
    assert (race.title, race.type) == ("人形机器人半程马拉松在京举行", "meeting"), race
    assert len(record.events) == 2, record.events


def test_a_listing_title_closes_its_quotation_and_a_spokesman_speaking_the_same_day_is_named():
    """The title had been cut inside the quotation (…列入出口管制“实体); 何亚东, followed by 同日, had been nobody."""
    record = run_article(LISTING, "美国商务部将多家中国AI企业列入实体清单")
    assert record.events[0].title.endswith("列入出口管制“实体清单”"), record.events[0]
    assert ("何亚东", "新闻发言人", "商务部") in [(p.name, p.title, p.organization) for p in record.people]


def test_a_congress_is_still_one_before_any_word_but_a_top_tens():
    """十五大创造, 十五大关于 had stopped naming the congress when 十大事件 stopped (a first version read 创, 关 alone)."""
    from zhiku.analyze.entities import extract_entities

    for text in ("为迎接党的十五大创造文明环境。", "对党的十五大关于国有企业改制的精神没有深刻理解。"):
        assert ("ORG", "十五大") in [(e.type, e.text) for e in extract_entities(text, use_lac=False)], text
    assert not [e for e in extract_entities("盘点年度十大事件和十大新闻。", use_lac=False) if e.type == "ORG"]
