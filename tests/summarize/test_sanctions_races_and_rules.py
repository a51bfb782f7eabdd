"""An entity-list addition, a model release with a price cut, a humanoid robot half marathon, a city's AI ethics review
rules and a robot maker's 5,000th unit, as AI-industry readers get them. Each text is written in the style of such
reports; each test names the defect a reader had seen in its record."""

from __future__ import annotations

from tests.summarize._articles import clean_article, run_article

LISTING = ("中新网12月3日电 据美国《联邦公报》网站消息，美国商务部工业与安全局（BIS）2日宣布，将包括智谱华章、摩尔线程、壁仞科技在内"
           "的23家中国实体列入出口管制“实体清单”。\n"
           "据统计，截至目前，已有超过600家中国实体被列入美国实体清单。")

RELEASE = ("DeepSeek发布V3.2\n\n每经记者 可杨 每经编辑 张海妮\n\n"
           "12月1日，深度求索（DeepSeek）宣布正式发布DeepSeek-V3.2模型。API价格随之下调，输出价格降至每百万tokens 3元，较此前"
           "降低50%以上。\n"
           "DeepSeek表示，V3.2-Speciale在国际数学奥林匹克（IMO）2025、国际大学生程序设计竞赛（ICPC）世界总决赛2025中取得金牌"
           "水平成绩。")

RACE = ("4月19日7时30分，全球首个人形机器人半程马拉松在北京经济技术开发区（北京亦庄）鸣枪开跑。\n"
        "经过2小时40分42秒的奔跑，北京人形机器人创新中心的“天工Ultra”率先冲过终点，获得人形机器人组冠军。松延动力的“N2”和卓益得"
        "的“行者二号”分获亚军和季军。")

ETHICS = ("12月4日，上海市科学技术委员会、上海市经济和信息化委员会联合发布《上海市人工智能科技伦理审查指引（试行）》，自2026年1月"
          "1日起施行。\n"
          "《指引》要求，从事人工智能科技活动的高等学校、科研机构、企业等应设立科技伦理（审查）委员会。")

MILESTONE = "12月2日，智元机器人宣布，其第5000台通用具身机器人在上海临港工厂正式下线。"


def test_the_companies_a_listing_includes_are_not_who_lists_them():
    """The listing had been titled 壁仞科技列入出口管制“实体清单” (the last company of 包括…在内的, not the bureau);
    600家中国实体被列入 had lost its number (家中国实体被列入…)."""
    record = run_article(LISTING, "美国将更多中国AI企业列入实体清单")
    assert record.events[0].title.startswith("美国商务部工业与安全局将23家中国实体列入"), record.events[0]
    assert record.events[-1].title == "超过600家中国实体被列入美国实体清单", record.events[-1]


def test_an_editor_is_no_author_a_cut_price_has_its_subject_and_a_long_clause_drops_where():
    """每经编辑 had been an author; 较此前降低50%以上 had been a title without what fell; the gold medal's title had been
    V3.2-Speciale在国际 (cut in the competitions' names)."""
    record = clean_article(RELEASE)
    assert record.authors == ["可杨"], record.authors
    record = run_article(RELEASE, "DeepSeek发布V3.2")
    titles = [e.title for e in record.events]
    assert "价格降低50%以上" in titles and "V3.2-Speciale取得金牌水平成绩" in titles, titles


def test_a_race_is_titled_by_its_name_and_its_winners_prizes_are_awards():
    """The start had been titled 鸣枪开跑 (the place's aside, （北京亦庄）, hid the subject); 获得人形机器人组冠军 and
    分获亚军和季军 had been no awards; 卓益得 (卓益|得的) had been a person and 松延动力 nobody."""
    record = run_article(RACE, "人形机器人半程马拉松开跑")
    assert record.events[0].title == "全球首个人形机器人半程马拉松在北京经济技术开发区鸣枪开跑", record.events[0]
    assert [e.type for e in record.events[1:]] == ["award", "award"], record.events
    assert {"松延动力", "卓益得"} <= {o.name for o in record.organizations}, record.organizations
    assert "卓益" not in [p.name for p in record.people], record.people


def test_a_rule_is_dated_when_issued_not_when_in_force_and_a_required_committee_is_no_body():
    """The rules had been titled 上海市经济和信息化委员会施行 and dated 2026-01-01 (指引 was no document kind); the
    committee every unit 应设立 had been a government body."""
    record = run_article(ETHICS, "上海发布人工智能伦理审查指引")
    first = record.events[0]
    assert (first.type, first.title, first.date) == ("policy", "上海发布《上海市人工智能科技伦理审查指引》", "--12-04"), first
    assert not any("伦理" in o.name for o in record.organizations), record.organizations


def test_what_a_company_announces_of_itself_is_the_title():
    """The title had been 智元机器人宣布 (the announcement, not what it said)."""
    record = run_article(MILESTONE, "智元机器人第5000台机器人下线")
    assert record.events[0].title == "智元机器人第5000台通用具身机器人正式下线", record.events[0]
