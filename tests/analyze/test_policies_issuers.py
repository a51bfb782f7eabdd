"""Policies: known national ones from data, new ones from patterns, with issuer and level."""

from __future__ import annotations

from tests.analyze._seeds import body, sentence_with
from zhiku.analyze.policies import find_policies
from zhiku.analyze.tagging import analyze


def _policies(text: str):
    return analyze(text, use_lac=False)["policies"]


def test_policies_known_national_policy_in_seed_002():
    found = {p.id: p for p in _policies(sentence_with("002", "开展“人工智能+”行动"))}
    assert found["ai-plus"].issuer == "国务院" and found["ai-plus"].level == "national"
    assert "government-work-report" in found


def test_policies_province_echoes_national_report():
    text = body("003")
    local = [p for p in _policies(text) if p.id == "government-work-report" and p.level == "province"]
    assert {"贵州省", "四川省"} <= {p.issuer for p in local}


def test_policies_new_titled_policy_with_issuer():
    text = "工业和信息化部印发《关于加快大模型产业高质量发展的指导意见》，提出到2027年的目标。"
    ps = _policies(text)
    assert [(p.name, p.id, p.issuer, p.level) for p in ps] == [
        ("关于加快大模型产业高质量发展的指导意见", None, "工业和信息化部", "ministry")
    ]
    assert ps[0].evidence[0].text == "《关于加快大模型产业高质量发展的指导意见》"


def test_policies_city_plan_names_its_city():
    text = sentence_with("002", "十四五”规划")
    ps = [p for p in _policies(text) if p.id is None]
    assert ps and ps[0].issuer == "杭州市" and ps[0].level == "city"


def test_policies_compute_voucher_and_special_action():
    ps = {p.id: p for p in _policies(body("000"))}
    assert ps["ai-new-industrialization-action"].issuer == "工业和信息化部"
    assert ps["data-element-x"].level == "ministry"
    assert _policies("公司实施“AI驱动的双飞轮”战略。") == []
    vouchers = [p for p in _policies(body("003")) if p.id == "computing-voucher"]
    assert vouchers and vouchers[0].issuer == "浙江省" and vouchers[0].level == "province"


def test_policies_the_word_prefilter_holds_every_match_of_its_pattern():
    """A pattern's final group of plain words is what a text must hold to be scanned; with it a text is scanned
    only then, and the matches are those of the plain scan on the real sample corpus and on made-up texts."""
    from importlib import resources

    from zhiku.analyze.policies import _regexes, _required

    assert _required(r"[一-鿿]{4,28}?(?:专项行动|行动计划)").pattern == "专项行动|行动计划"
    assert _required(r"《[^《》]{2,60}?(?:意见|(?<![看想])法)》") is None  # the pattern does not end in plain words
    assert _required(r"[一-鿿]{4,8}(?:行动|计划.)") is None
    texts = ["工信部印发《人工智能产业创新发展行动计划》，推进人工智能创新应用先导区建设三年行动计划。",
             "省政府推出“人工智能+制造”专项行动和人工智能产业集群发展规划。", "今天天气很好，没有政策。"]
    sample = resources.files("zhiku") / "data" / "sample"
    texts += [p.read_text(encoding="utf-8") for p in sample.iterdir() if p.name.endswith(".txt")]
    prefiltered = 0
    for _name, rx, required in _regexes():
        for text in texts:
            if required is not None and not required.search(text):
                prefiltered += 1
                assert not rx.search(text)
    assert prefiltered > 0
    hits = {h.name for h in find_policies(texts[1], [], [])}
    assert {"“人工智能+制造”专项行动", "人工智能产业集群发展规划"} <= hits


def test_policies_an_implementation_plan_keeps_its_name():
    """实施 in 实施方案 is no lead word to cut at: the plan was cut down to 方案 and dropped as too short."""
    text = "会议要求，各地要加快落实贵州省人工智能产业发展实施方案，推进三年行动计划。"
    names = {p.name for p in _policies(text)}
    assert "贵州省人工智能产业发展实施方案" in names
    assert not any(n in {"方案", "实施方案"} for n in names)
    # a generic plan still is not a policy: 制定具体实施方案 holds no domain word
    assert not _policies("各部门要制定具体实施方案。")


def test_policies_a_report_every_government_writes_is_the_one_the_sentence_names():
    """浙江省省长王浩在作政府工作报告时: Zhejiang's report, and so is 政府工作报告提出… in the next paragraph (both had
    been the State Council's)."""
    text = ("1月13日，浙江省第十四届人民代表大会第三次会议在杭州开幕。浙江省省长王浩在作政府工作报告时表示，2025年浙江将"
            "深入实施“人工智能+”行动。\n政府工作报告提出，今年浙江将加快构建人工智能全产业链。")
    reports = [p for p in _policies(text) if p.id == "government-work-report"]
    assert [(p.issuer, p.level) for p in reports] == [("浙江省", "province")], reports


def test_policies_a_document_titled_around_a_known_policy_is_its_own():
    """《北京市算力券实施细则（试行）》 holds the known 算力券: the document is found whole, issued by the body that
    印发 it (not by 北京市 at the head of its title); a title that is a known policy's whole name stays that policy."""
    text = ("北京市经济和信息化局近日印发《北京市算力券实施细则（试行）》，明确今年将安排1亿元资金发放算力券。"
            "根据《生成式人工智能服务管理暂行办法》，服务提供者应当开展安全评估。")
    found = {p.name: p.issuer for p in _policies(text)}
    assert found.get("北京市算力券实施细则（试行）") == "北京市经济和信息化局", found
    assert found.get("生成式人工智能服务管理暂行办法") == "国家互联网信息办公室", found
