"""An embodied-AI financing, a hospital's pathology model and Chinese AI companies abroad, as AI-industry readers get
them. Each text is written in the style of such reports; each test names the defect a reader had seen in its record."""

from __future__ import annotations

from tests.summarize._articles import run_article

FINANCING = ("36氪获悉，具身智能公司星海图（Galaxea）近日宣布完成超10亿元A轮系列融资。本轮融资由红杉中国领投，美团龙珠、今日资本、"
             "蓝驰创投跟投，老股东高瓴创投、IDG资本继续加注。\n"
             "星海图成立于2023年，总部位于北京。公司CEO高继扬表示，本轮融资将主要用于具身大模型研发。\n"
             "今年以来国内具身智能领域融资事件已超过200起。")

HOSPITAL = ("记者2日从上海交通大学医学院附属瑞金医院获悉，该院联合华为发布的RuiPath病理大模型已在临床全面上线，覆盖消化、"
            "呼吸等19个癌种的常见病理诊断。")

ABROAD = ("在沙特阿拉伯，商汤科技与当地主权基金合作建设的AI计算中心已于10月投入运营。\n"
          "据艾伟披露，迄今为止华为在5G相关芯片研发的累计投入上已超过10亿美元。")

TRANSFER = "公司全资子公司安集微电子（上海）有限公司负责新项目的建设。"


def test_a_financing_names_the_company_it_introduces_and_its_investors():
    """星海图, introduced as 具身智能公司星海图（Galaxea）, had been no organization (the round titled 具身智能公司融资,
    its CEO 红杉中国's); the funds had been no organizations and 蓝驰 a person; 今年以来 had left 以来 in a title."""
    record = run_article(FINANCING, "具身智能公司星海图完成超10亿元A轮融资 红杉中国领投")
    types = {o.name: o.type for o in record.organizations}
    assert types.get("星海图") == "company", types
    assert {"红杉中国", "美团龙珠", "今日资本", "蓝驰创投", "高瓴", "IDG资本"} <= set(types), types
    assert "蓝驰" not in [p.name for p in record.people], record.people
    assert ("高继扬", "星海图") in [(p.name, p.organization) for p in record.people], record.people
    titles = [e.title for e in record.events]
    assert titles[0] == "星海图完成超10亿元A轮系列融资", titles
    assert not any(t.startswith("以来") for t in titles), titles
    assert "金融" not in [t.label for t in record.industries], record.industries  # its investors' trade is no topic


def test_a_model_is_named_whole_and_what_a_company_built_is_no_company():
    """RuiPath病理大模型 had been cut to iPath病理大模型; 商汤科技…合作建设的AI计算中心 had been titled 商汤科技投入运营,
    while 华为在…的累计投入 stays 华为's."""
    assert run_article(HOSPITAL, "瑞金医院上线病理大模型").events[0].title == "RuiPath病理大模型在临床全面上线"
    titles = [e.title for e in run_article(ABROAD, "中国AI企业加速出海").events]
    assert "AI计算中心投入运营" in titles and any(t.startswith("华为") for t in titles), titles


def test_a_subsidiarys_name_leaves_out_how_it_stands_to_its_parent():
    """公司全资子公司安集微电子（上海）有限公司 had been one name."""
    names = [o.name for o in run_article(TRANSFER, "安集科技公告").organizations]
    assert "安集微电子（上海）有限公司" in names and not any(n.startswith(("公司", "全资")) for n in names), names
