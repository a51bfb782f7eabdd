"""Round 18 of new article kinds: a regulator's approval, a chip maker's quarter, an AI-fraud ruling and a robot race
(the passages the tests need)."""

from __future__ import annotations

from ._articles import run_article

APPROVAL = (
    "记者从国家药品监督管理局获悉，近日，国家药监局经审查，批准了北京推想科技有限公司生产的“肺结节CT影像辅助检测软件”"
    "创新产品注册申请。该产品是我国首个获批的基于深度学习技术的肺结节辅助检测三类医疗器械独立软件。\n"
    "截至目前，我国已有超过80个人工智能医疗器械产品获批上市。"
)
EARNINGS = (
    "英伟达当地时间11月20日发布2025财年第三财季财报。财报显示，公司当季营收为351亿美元，同比增长94%，高于市场预期的331亿美元。\n"
    "其中，数据中心业务营收为308亿美元，同比增长112%。英伟达首席执行官黄仁勋表示，Blackwell芯片已全面投产。\n"
    "英伟达预计第四财季营收约为375亿美元，上下浮动2%。"
)


def test_a_regulators_approval_is_an_event_titled_by_the_thing_approved():
    record = run_article(APPROVAL, "国家药监局批准首个人工智能辅助诊断三类医疗器械独立软件")
    legal = [e for e in record.events if e.type == "legal"]
    assert legal and "批准“肺结节CT影像辅助检测软件”" in legal[0].title, [e.title for e in record.events]
    assert "推想科技生产" not in legal[0].title  # the maker gave way to the product's name
    # 80个…产品获批上市 is a count, not an approval
    assert any(e.type == "statistic" and "80个" in e.title for e in record.events), [e.title for e in record.events]


def test_an_earnings_report_names_the_company_and_no_local_time():
    record = run_article(EARNINGS, "英伟达第三财季营收351亿美元")
    titles = [e.title for e in record.events]
    assert "英伟达发布2025财年第三财季财报" in titles, titles  # it had been 英伟达当地时间发布…
    terms = [k.term for k in record.keywords]
    assert "英伟达" in terms and "财季营" not in terms, terms


def test_a_court_report_names_the_defendant_and_the_fine():
    """Court reports name people by surname and 某某: 林某某 had been nobody, and 并处罚金 had given the subject
    处罚金 (the segmenter read 并|处罚金)."""
    record = run_article(
        "经审理查明，2023年3月至8月，被告人林某某伙同他人，利用AI换脸和语音合成技术冒充被害人亲友，骗取11名被害人共计430余万元。"
        "一审法院以诈骗罪判处林某某有期徒刑十一年，并处罚金人民币50万元。",
        "宁波中院审结全省首例AI换脸诈骗案",
    )
    assert [p.name for p in record.people] == ["林某某"]
    assert any(f.subject == "罚金" and f.value == 500000 for f in record.figures), record.figures


def test_a_win_is_an_award_and_a_maker_is_no_title_alone():
    """A humanoid-robot race: the winner had been titled 北京人形机器人创新中心 (its phrase cut before 的“天工Ultra”); the
    robot won, not its maker."""
    record = run_article(
        "4月19日上午7时30分，全球首个人形机器人半程马拉松在北京经济技术开发区鸣枪开跑。\n"
        "最终，北京人形机器人创新中心的“天工Ultra”以2小时40分42秒的成绩率先冲过终点，获得冠军。",
        "全球首个人形机器人半程马拉松在北京亦庄开跑",
    )
    titles = {e.type: e.title for e in record.events}
    assert titles.get("award") == "天工Ultra获得冠军", titles
    assert "北京人形机器人创新中心" not in titles.values()
    # hypotheticals and pasts win nothing
    hopes = run_article("球队主帅表示，今年很难带领球队夺冠。他曾获得冠军。", "球队新赛季展望")
    assert not any(e.type == "award" for e in hopes.events), [(e.type, e.title) for e in hopes.events]
