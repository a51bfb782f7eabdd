"""A Hong Kong compute grant in traditional script, a salary report, a conference's accepted papers, a patent suit and
a chip's record, as AI-industry readers get them. Each text is written in the style of such reports; each test names
the defect a reader had seen in its record."""

from __future__ import annotations

from tests.summarize._articles import run_article

GRANT = ("【香港商報網訊】香港特區政府創新科技及工業局今日（5日）宣布，「人工智能資助計劃」首輪申請結果出爐，共有16家本地企業"
         "及研發機構獲批使用數碼港人工智能超算中心的算力資源，資助總額約2.1億港元。\n"
         "創新科技及工業局局長孫東表示，計劃於2024年推出，總預算為30億港元，旨在支持本地大學、研發機構及企業使用超算中心算力。\n"
         "數碼港行政總裁鄭松岩表示，數碼港將繼續與各持份者合作，吸引更多人工智能企業落戶香港。")

SALARIES = ("12月1日，某招聘平台发布《2025年人工智能人才发展报告》。\n"
            "从薪资看，算法工程师平均月薪达32580元，同比上涨8.4%。分城市看，北京、上海、深圳的AI岗位平均月薪分别为35800元、"
            "34200元和33900元。")

PAPERS = ("新华社北京12月2日电 国际人工智能顶级会议NeurIPS 2025近日公布论文录用结果。本届会议共收到有效投稿21575篇，录用"
          "5290篇，录用率为24.52%。\n"
          "NeurIPS 2025将于12月2日至7日在美国圣地亚哥举行，并首次在墨西哥城设立分会场。")

SUIT = ("本报讯（记者 陈晨）12月3日，记者从上海知识产权法院获悉，该院已受理上海商汤智能科技有限公司诉北京某科技公司侵害发明"
        "专利权纠纷一案。商汤科技认为，被告未经许可使用了原告的3项发明专利，请求法院判令被告赔偿经济损失1亿元。\n"
        "被告方面回应称，其产品采用自主研发的技术路线，不存在侵权行为，将积极应诉。")

CHIP = "基于7纳米工艺，麒麟990 5G成了全球首款晶体管数超过100亿的移动终端芯片。麒麟980芯片曾以不到一平方厘米装下69亿个晶体管。"


def test_a_hong_kong_grant_names_cyberports_chief_executive():
    """数码港's 行政总裁 had been 总裁 of 数码港行政; 孙東表示，計劃於2024年推出 had been titled 孙东推出, as if the speaker
    launched something."""
    record = run_article(GRANT, "數碼港人工智能資助計劃獲批 首批16家企業受惠")
    assert [(p.title, p.organization) for p in record.people if p.name == "郑松岩"] == [("行政总裁", "数码港")]
    assert "孙东推出" not in [e.title for e in record.events], record.events


def test_values_listed_by_city_take_each_city_and_an_average_names_whose():
    """The three cities' salaries had all been 深圳市's (the last place named); 算法工程师平均月薪 had been 月薪."""
    record = run_article(SALARIES, "2025年AI人才报告：算法工程师平均月薪超3.2万元")
    by_raw = {f.raw: f for f in record.figures}
    assert [by_raw[v].region for v in ("35800元", "34200元", "33900元")] == ["北京市", "上海市", "深圳市"], by_raw
    assert by_raw["32580元"].subject == "算法工程师平均月薪", by_raw["32580元"]


def test_papers_are_counted_and_a_conference_with_a_latin_name_is_its_subject():
    """篇 had been no unit (21575篇 no figure); NeurIPS 2025 (a space inside) had been no subject, and the title had
    been cut inside its dates (NeurIPS 2025将于12月2)."""
    record = run_article(PAPERS, "NeurIPS 2025录用结果公布")
    papers = next(f for f in record.figures if f.raw == "21575篇")
    assert papers.unit == "document" and papers.value == 21575, papers
    assert "NeurIPS 2025在美国圣地亚哥举行" in [e.title for e in record.events], record.events


def test_a_suit_accepted_is_legal_news_of_the_court_the_sentence_points_at():
    """The court's acceptance had been no event (the statement 记者从上海知识产权法院获悉); 该院 is that court; the
    defendant's reply had been titled 面回应将积极应诉."""
    record = run_article(SUIT, "某AI企业起诉竞争对手侵犯专利权 索赔1亿元")
    accepted = next(e for e in record.events if "受理" in e.title)
    assert accepted.type == "legal" and accepted.title.startswith("上海知识产权法院受理"), accepted
    reply = next(e for e in record.events if "应诉" in e.description)
    assert reply.title.startswith("被告"), reply


def test_a_statistics_title_keeps_its_value_and_not_the_words_after_it():
    """The title had run on past the value into a cut word (…超过100亿的移动终)."""
    record = run_article(CHIP, "麒麟990 5G芯片发布")
    record_titles = [e.title for e in record.events]
    assert "全球首款晶体管数超过100亿" in record_titles, record_titles
