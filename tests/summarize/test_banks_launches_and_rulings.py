"""A bank's partnership with a model maker, a rule's questions and answers, a pair of AI glasses launched and a court's
face-swap ruling, as AI-industry readers get them. Each text is written in the style of such reports; each test names
the defect a reader had seen in its record."""

from __future__ import annotations

from tests.summarize._articles import run_article

BANK = ("中国工商银行与北京智谱华章科技股份有限公司（智谱AI）12月2日在北京签署战略合作协议。\n"
        "工商银行副行长张文武表示，工商银行已在超过200个业务场景中应用大模型技术。\n"
        "智谱AI首席执行官张鹏表示，智谱将为工商银行提供GLM系列基座模型及定制化训练服务，助力银行打造安全可控的金融大模型体系。")

ANSWERS = ("问：《办法》出台的背景是什么？\n"
           "答：为规范人工智能生成合成内容标识，保护公民、法人和其他组织合法权益，国家网信办等四部门联合制定了《办法》。\n"
           "问：《办法》对服务提供者提出了哪些要求？\n"
           "答：《办法》明确，服务提供者应当对文本、音频、图片、视频等生成合成内容添加显式标识。\n"
           "问：《办法》何时施行？\n答：《办法》自2025年9月1日起施行。")

GLASSES = ("12月3日，雷鸟创新在深圳召开新品发布会，正式发布新一代AI+AR眼镜雷鸟X3 Pro。该产品搭载高通骁龙AR1+ Gen1芯片，"
           "重量仅为76克，首发售价4999元，将于12月12日正式开售。")

RULING = ("本报讯（记者 张璐）记者12月4日从杭州互联网法院获悉，该院近日审结一起利用人工智能“换脸”技术侵害他人肖像权、个人信息"
          "权益的案件，判决被告某科技公司赔偿原告经济损失及合理开支共计5万元。\n"
          "法院认为，被告的行为构成对原告肖像权和个人信息权益的侵害。目前，该判决已生效。")


def test_a_bank_partnership_names_the_vice_president_and_no_bank_that_is_helped():
    """副行长 had been no title (张文武 nobody); 助力银行 had been a bank."""
    record = run_article(BANK, "工商银行与智谱AI签署战略合作协议")
    assert ("张文武", "副行长") in [(p.name, p.title) for p in record.people], record.people
    assert "助力银行" not in [o.name for o in record.organizations], record.organizations


def test_a_rules_answers_name_who_made_it_and_no_attribution_titles_an_event():
    """国家网信办等四部门联合制定了《办法》 had been the statement 保护公民、法人和其他组织合法权益; 《办法》明确 had been a
    title."""
    record = run_article(ANSWERS, "问：《办法》出台的背景是什么？")
    titles = [(e.type, e.title) for e in record.events]
    assert ("policy", "国家网信办等四部门制定《办法》") in titles, titles
    assert "《办法》明确" not in [t for _, t in titles], titles


def test_a_launch_is_titled_by_who_holds_it_and_no_chip_maker_sells_the_glasses():
    """雷鸟创新在深圳召开新品发布会，正式发布… had been titled 深圳发布…; 首发售价 had been a launch by 高通, whose chip the
    glasses carry."""
    record = run_article(GLASSES, "雷鸟发布新一代AI眼镜X3 Pro 售价4999元")
    assert record.events[0].title.startswith("雷鸟创新发布"), record.events
    assert not any(e.title.startswith("高通") for e in record.events), record.events
    assert record.policies == [], record.policies  # AI+AR眼镜 is no “AI+” initiative


def test_a_ruling_concluded_is_legal_news_and_a_judgment_in_force_no_policy():
    """审结…案件 had been the statement 记者12月4日从杭州互联网法院获悉; 该判决已生效 had been a policy in force."""
    record = run_article(RULING, "杭州互联网法院审结一起AI“换脸”侵权案 判赔5万元")
    first = record.events[0]
    assert first.type == "legal" and first.title.startswith("杭州互联网法院审结"), first
    in_force = next(e for e in record.events if "生效" in e.title)
    assert in_force.type == "legal", in_force
