"""Statistical bulletins, the Politburo's study sessions, joint statements and anonymous company news as AI-industry
readers get them. Each text is written in the style of such reports; each test names the defect a reader had seen in
its record."""

from __future__ import annotations

from tests.summarize._articles import run_article

BULLETIN = ("国家统计局12月15日发布数据显示，11月份，全国规模以上工业增加值同比增长5.4%。其中，工业机器人产量为6.2万套，"
            "同比增长29.2%。")

STUDY = ("中共中央政治局4月25日下午就加强人工智能发展和治理进行第二十次集体学习。中共中央总书记习近平在主持学习时强调，"
         "要充分发挥新型举国体制优势，坚持自立自强。")

STATEMENT = ("应法国总统马克龙邀请，国家主席习近平5月6日在巴黎同马克龙举行会谈。会谈后，两国元首共同发表《中法关于人工智能"
             "和全球治理的联合声明》。")

ANONYMOUS = "据多名知情人士透露，某头部互联网公司近日启动新一轮组织调整，部分团队裁员比例超过30%。"


def test_a_bulletins_release_is_no_launch():
    """国家统计局…发布数据显示 had been a product launch titled by the attribution."""
    record = run_article(BULLETIN, "国家统计局：11月份工业机器人产量同比增长29.2%")
    assert not any(e.type == "product" for e in record.events), record.events
    assert record.events[0].title == "工业增加值同比增长5.4%", record.events[0]


def test_a_study_session_is_a_meeting_its_ordinal_no_count_and_the_general_secretary_a_person():
    """习 was no surname of the list, so 习近平 had been nobody; 第二十次 had given a figure 十次; the session had been a
    statement titled 中共中央政治局4月25日下午."""
    record = run_article(STUDY, "中共中央政治局就加强人工智能发展和治理进行集体学习")
    assert ("习近平", "总书记", "中共中央") in [(p.name, p.title, p.organization) for p in record.people]
    assert not any(f.raw.endswith("十次") for f in record.figures), record.figures
    assert record.events[0].type == "meeting", record.events[0]


def test_a_joint_statement_is_a_policy_and_a_head_of_state_is_titled_whole():
    """马克龙 had been the president of 应法国 and 习近平 the 主席 of 国家; the statement had been no event."""
    record = run_article(STATEMENT, "中法发表关于人工智能和全球治理的联合声明")
    people = {p.name: (p.title, p.organization) for p in record.people}
    assert people["马克龙"] == ("总统", "法国") and people["习近平"] == ("国家主席", None), people
    assert "中法关于人工智能和全球治理的联合声明" in [p.name for p in record.policies]
    assert any(e.type == "policy" and "联合声明" in e.title for e in record.events), record.events


def test_a_company_the_text_does_not_name_is_no_organization():
    record = run_article(ANONYMOUS, "某互联网大厂被曝裁员")
    assert record.organizations == [], record.organizations  # it had been 头部互联网公司
