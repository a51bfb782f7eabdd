"""Figures: quantitative claims of the seeds, with normalized values, units, qualifiers, years, regions."""

from __future__ import annotations

import pytest

from tests.conftest import seed_path, seed_text
from zhiku.analyze.figures import extract_figures, make_figures_stage, parse_chinese_number
from zhiku.collect.files import read_path
from zhiku.record import Figure, RawInfo, Record


def _body(key: str) -> str:
    """The body of a seed: the 总结 line of a card, or the whole text of a plain seed."""
    text = seed_text(key)
    for line in text.splitlines():
        if line.startswith("总结: "):
            return line.removeprefix("总结: ")
    return text


def _find(figures: list[Figure], raw: str) -> Figure:
    hits = [f for f in figures if f.raw == raw]
    assert hits, f"{raw!r} not extracted; got {[f.raw for f in figures]}"
    return hits[0]


@pytest.fixture(scope="module")
def figures_000() -> list[Figure]:
    return extract_figures(_body("000"))


@pytest.mark.parametrize(
    ("raw", "value", "unit", "qualifier"),
    [
        ("4500家", 4500, "company", "超"),
        ("810万标准机架", 8.1e6, "rack", "超过"),
        ("每秒230百亿亿次浮点运算", 2.3e20, "FLOPS", "达"),
        ("70百亿亿次浮点运算", 7e19, "FLOPS", "达"),
        ("70%", 70, "percent", "超过"),
        ("52.6%", 52.6, "percent", None),
        ("78.4%", 78.4, "percent", "达"),
        ("50亿元", 5e9, "CNY", None),
        ("86%以上", 86, "percent", "以上"),
        ("3100多艘", 3100, "vessel", "多"),
    ],
)
def test_figures_seed_000_values(figures_000, raw, value, unit, qualifier):
    fig = _find(figures_000, raw)
    assert fig.value == pytest.approx(value)
    assert fig.unit == unit
    assert fig.qualifier == qualifier


def test_figures_seed_000_subjects_years_regions(figures_000):
    racks = _find(figures_000, "810万标准机架")
    assert (racks.subject, racks.year, racks.region) == ("数据中心机架总规模", 2023, "中国")
    # the next clause (after ；) keeps the year of 截至2023年底
    smart = _find(figures_000, "70百亿亿次浮点运算")
    assert (smart.subject, smart.year) == ("智能算力规模", 2023)
    assert _find(figures_000, "70%").subject == "智能算力规模增速"
    gap_2022, gap_2023 = _find(figures_000, "52.6%"), _find(figures_000, "78.4%")
    assert (gap_2022.subject, gap_2022.year) == ("智能算力缺口", 2022)
    assert (gap_2023.subject, gap_2023.year) == ("智能算力缺口", 2023)
    assert _find(figures_000, "4500家").subject == "企业数量"


def test_figures_seed_000_durations_are_not_counts(figures_000):
    assert not [f for f in figures_000 if f.raw.startswith("16个")]  # 上线16个月 is a duration
    assert not [f for f in figures_000 if f.unit == "times" and f.value == 5]  # 5分钟


def test_figures_seed_003_values_and_regions():
    figures = extract_figures(_body("003"))
    tb = _find(figures, "200TB")
    assert (tb.value, tb.unit, tb.region, tb.year) == (2e14, "byte", "安徽省", 2024)
    p = _find(figures, "12000P")
    assert (p.value, p.unit, p.subject) == (pytest.approx(1.2e19), "FLOPS", "智能算力")
    chips = _find(figures, "20万张")
    assert (chips.value, chips.unit, chips.subject, chips.region) == (2e5, "piece", "智算芯片", "贵州省")
    share = _find(figures, "45%以上")
    assert (share.value, share.qualifier, share.subject) == (45, "以上", "数字经济占比")
    trillion = _find(figures, "万亿元")
    assert (trillion.value, trillion.unit, trillion.qualifier) == (1e12, "CNY", "突破")


def test_figures_seed_002_money():
    figures = extract_figures(_body("002"))
    core = _find(figures, "5784亿元")
    assert (core.value, core.unit, core.subject, core.year) == (5.784e11, "CNY", "人工智能核心产业规模", 2023)


@pytest.mark.parametrize(
    ("sentence", "raw", "value", "unit"),
    [
        ("全省数字经济规模将达三千亿元。", "三千亿元", 3e11, "CNY"),
        ("目标是百分之七十的企业上云。", "百分之七十", 70, "percent"),
        ("今年营收增长2.5个百分点。", "2.5个百分点", 2.5, "percentage-point"),
        ("投资约1.2亿美元建设新园区。", "1.2亿美元", 1.2e8, "USD"),
        ("全国算力总规模达到２３０ＥＦＬＯＰＳ。", "230EFLOPS", 2.3e20, "FLOPS"),
    ],
)
def test_figures_numerals_and_units(sentence, raw, value, unit):
    fig = _find(extract_figures(sentence), raw)
    assert fig.value == pytest.approx(value)
    assert fig.unit == unit


@pytest.mark.parametrize(
    "sentence",
    [
        "两部老电影重新首映。",
        "第十四届北京国际电影节开幕。",
        "这是一个重要的机遇，千家万户受益。",
        "联系电话010-88558808。",
    ],
)
def test_figures_prose_numbers_are_not_figures(sentence):
    assert extract_figures(sentence) == []


def test_figures_chinese_numerals():
    assert parse_chinese_number("二〇二四") == 2024  # cn2an's smart mode fails on this one
    assert parse_chinese_number("百亿亿") == 1e18
    assert parse_chinese_number("两百亿亿") == 2e18  # 2 × 百 × 亿 × 亿


def test_figures_relative_year_uses_published_date():
    figures = extract_figures("今年全市智能算力规模达到500P。", published_at="2024-03-14")
    assert figures[0].year == 2024


def test_figures_stage_assigns_only_figures():
    stage = make_figures_stage(None)
    assert (stage.name, stage.requires, stage.assigns) == ("figures", ("text",), ("figures",))
    record = Record(id="x", raw=RawInfo(format="text", sha256="0"), text=_body("000"))
    before = record.to_dict()
    out = stage(record)
    after = out.to_dict()
    assert after.pop("figures")
    assert after == before


def test_figures_of_our_province_take_the_articles_province():
    """Seed 001 (山东's plan, a provincial paper): 据统计，我省已有人工智能骨干企业近1000家 is 山东's figure; the
    全国 later in the sentence (均居全国首位) made it the country's."""
    from zhiku.pipeline import Pipeline
    from zhiku.settings import Settings

    stages = {s.name: s for s in Pipeline.from_settings(Settings()).stages}
    record = stages["clean"](next(iter(read_path(seed_path("001")))))
    record = record[0] if isinstance(record, list) else record
    sentence = next(s for s in record.text.split("。") if s.startswith("据统计，我省已有人工智能骨干企业"))
    figures = extract_figures(record.text, record.published_at, record.title)
    ours = [f for f in figures if f.raw in ("1000家", "1000亿元", "30%以上") and f.sentence is not None
            and f"{sentence}。".find(f.raw) >= 0]
    assert ours and {f.region for f in ours} == {"山东省"}, [(f.raw, f.region) for f in ours]
    # alone, nothing says which 省, and 均居全国首位 only ranks the figures in the country
    assert {f.region for f in extract_figures(sentence + "。")} == {None}


@pytest.mark.parametrize("text,title,home", [
    ("我市今年新增算力500P。", "2024年杭州市政府工作报告", {"省": "浙江省", "市": "杭州市"}),  # the title's city and its province
    ("山东数据中心加快建设。山东算力规模持续增长，我省将再建3个智算中心。", "算力", {"省": "山东省"}),  # named twice
    ("广东和山东的算力规模均超过100EFLOPS，我省位列第三。", None, {}),  # once each: no province stands out
    ("北京时间2月28日，我市球队获胜。北京时间3月1日再战。", None, {}),  # a clock names no home
])
def test_home_regions(text, title, home):
    from zhiku.analyze.figures import home_regions

    assert home_regions(text, title) == home


def test_a_time_zone_is_no_region():
    """北京时间 in a sports report dates a match played elsewhere: no region for the tag stage or the figures."""
    from zhiku.analyze.tagging import TagStage

    text = "北京时间2月28日，NBA常规赛继续进行，湖人队主场迎战勇士队，湖人队全场命中率达52%。"
    record = TagStage()(Record(id="x", raw=RawInfo(format="text", sha256="0"), title="NBA常规赛", text=text))
    assert record.regions == []
    assert [f.region for f in extract_figures(text)] == [None]


def test_market_words_are_no_home_city():
    """资本市场 holds 本市 and 健全市场 holds 全市: neither is "this city" (杭州 is the home city here)."""
    from zhiku.analyze.figures import home_regions

    text = "杭州市数字经济发展加快。杭州市资本市场融资规模达500亿元，健全市场机制，全市企业超过3000家。"
    assert home_regions(text, "杭州市数字经济") == {"省": "浙江省", "市": "杭州市"}
    regions = {f.raw: f.region for f in extract_figures(text, title="杭州市数字经济")}
    assert regions["3000家"] == "杭州市"  # 全市企业: the city's
    assert regions["500亿元"] == "杭州市"  # named before it in the sentence (杭州市资本市场), not through 本市
    market = "资本市场融资规模达500亿元。"
    assert [f.region for f in extract_figures(market, title="杭州市数字经济")] == [None]


def test_figures_a_claim_stated_again_is_listed_once():
    """Seed 001's lead box repeats the body (■山东已有人工智能骨干企业近1000家 … / 据统计，我省已有人工智能骨干企业
    近1000家 …): each claim is listed once, from its first sentence; figures without a subject are all kept."""
    from zhiku.pipeline import Pipeline
    from zhiku.settings import Settings

    stages = {s.name: s for s in Pipeline.from_settings(Settings()).stages}
    record = stages["clean"](next(iter(read_path(seed_path("001")))))
    record = record[0] if isinstance(record, list) else record
    figures = extract_figures(record.text, record.published_at, record.title)
    claims = [(f.subject, f.value, f.unit, f.qualifier, f.year, f.region) for f in figures if f.subject]
    assert len(claims) == len(set(claims))
    repeated = [f for f in figures if f.raw in ("1000家", "1000亿元", "30%以上") and f.region == "山东省"]
    assert len(repeated) == 3 and len({f.sentence for f in repeated}) == 1
    text = "甲市新增企业25家。乙市新增企业25家。"  # no subject the two share: both stay
    assert len(extract_figures(text)) == 2


def test_figures_the_field_of_a_ranking_is_no_region():
    """居全国第一 ranks the province's figure in the country: the figure after it is still the province's."""
    text = "我省已累计培育国家级智能工厂35家，数量居全国第一，省级智能工厂241家。"
    regions = {f.raw: f.region for f in extract_figures(text, None, "竞逐人工智能，山东的方位与作为")}
    assert regions == {"35家": "山东省", "241家": "山东省"}
    assert [f.region for f in extract_figures("北京排名第一，地区生产总值达4万亿元。")] == ["北京市"]
    assert [f.region for f in extract_figures("全国共建成数据中心300个。")] == ["中国"]


def test_figures_what_a_counter_counts_past_a_modifier_or_a_kind_verb():
    """培育10家以上具有国际影响力的头部企业: 头部企业, not the verb 培育; 5个以上具身智能创新载体 and 305个智能制造试点示范
    项目 keep the verb that names a kind of thing (创新, 示范), not one that says what it does (城市|面临)."""
    text = ("《方案》提出，到2027年，培育10家以上具有国际影响力的头部企业，建设5个以上具身智能创新载体。"
            "我国实施了305个智能制造试点示范项目。全国50%的城市面临缺水问题。")
    subjects = {f.raw: f.subject for f in extract_figures(text)}
    assert subjects["10家以上"] == "头部企业"
    assert subjects["5个以上"] == "具身智能创新载体"
    assert subjects["305个"] == "智能制造试点示范项目"
    assert subjects["50%"] == "城市"
    # a place or direction word may open what is counted (前沿|展品), which had fallen back to the figure before
    shown = {f.raw: f.subject for f in extract_figures("大会有800余家企业参展，展出3000余项前沿展品。")}
    assert shown["3000余项"] == "前沿展品"


def test_a_currency_written_before_the_number_is_the_figures_currency():
    """台积电…单季营收为新台币7596.9亿元: the figure had been 新台币 (subject) in CNY."""
    figures = extract_figures("台积电16日公布第三季财报，单季营收为新台币7596.9亿元，年增39%；"
                              "税后纯益达新台币3252.6亿元。公司另将投资港币50亿元。全年营收约300亿美元。")
    revenue = _find(figures, "7596.9亿元")
    assert (revenue.subject, revenue.unit, revenue.value, revenue.qualifier) == ("单季营收", "TWD", 7.5969e11, None)
    profit = _find(figures, "3252.6亿元")
    assert (profit.subject, profit.unit, profit.qualifier) == ("税后纯益", "TWD", "达"), profit
    assert _find(figures, "50亿元").unit == "HKD"
    assert _find(figures, "300亿美元").unit == "USD"


def test_a_wafer_is_one_word_in_a_share():
    """占晶|圆营收: the segmenter read 占晶 as a name and the subject lost its first character."""
    [share] = [f for f in extract_figures("3奈米与5奈米制程合计占晶圆营收比重达52%。") if f.raw == "52%"]
    assert share.subject == "晶圆营收比重"


def test_an_amount_after_a_change_measures_what_changed():
    """在线营销收入同比下降7%至175亿元: the amount is the revenue's (it had been 在线营销收入同比), while a ratio after
    a ratio keeps the ratio's subject; 77万个企业级应用 counts applications (it had been 企业级)."""
    figures = extract_figures("在线营销收入同比下降7%至175亿元。千帆平台已帮助用户开发77万个企业级应用。"
                              "数字经济占国内生产总值比重由2012年的21.6%提升至2022年的39.8%。")
    assert _find(figures, "7%").subject == "在线营销收入同比"
    assert _find(figures, "175亿元").subject == "在线营销收入"
    assert _find(figures, "77万个").subject == "企业级应用"
    assert _find(figures, "39.8%").subject == _find(figures, "21.6%").subject


def test_a_change_and_its_comparison_are_no_part_of_the_subject():
    """The subject had been None: a change verb (扩大至, 一度上涨, 较上一代下降), a price per share or 分别 stood
    between it and the number. A ratio keeps the change in its qualifier (上涨超过400%, not 超过400%)."""
    figures = extract_figures(
        "公司计划将自动驾驶车队规模扩大至1000辆，系统硬件成本较上一代下降70%。开盘后，摩尔线程股价一度上涨超过400%。"
        "发行价为每股114.28元。摩尔线程2022年至2024年营业收入分别为0.46亿元、1.24亿元和4.38亿元。")
    assert _find(figures, "1000辆").subject == "自动驾驶车队规模"
    assert (_find(figures, "70%").subject, _find(figures, "70%").qualifier) == ("系统硬件成本", "下降")
    price = _find(figures, "400%")
    # the company owns the price (an event's title names it: 摩尔线程股价一度上涨超过400%); the segmenter now reads
    # 摩尔线程 whole, as it reads 腾讯控股, and the subject is what is measured
    assert (price.subject, price.qualifier) == ("股价", "上涨超过")
    assert [_find(figures, raw).subject for raw in ("0.46亿元", "1.24亿元", "4.38亿元")] == ["营业收入"] * 3


def test_a_currency_goes_on_through_its_chain():
    figures = extract_figures("单季营收为新台币7596.9亿元，年增39%；税后纯益3252.6亿元，年增54.2%。另获补贴5亿元。")
    assert _find(figures, "3252.6亿元").unit == "TWD"
    assert _find(figures, "5亿元").unit == "CNY"  # another sentence: the currency of its own


def test_a_price_per_share_is_the_prices():
    assert _find(extract_figures("本次公开发行7000万股，发行价为每股114.28元。"), "114.28元").subject == "发行价"


def test_a_range_is_written_whole_and_a_target_verb_is_no_subject():
    """910亿至930亿美元 had been 930亿美元 with no subject; 力争 had opened or closed subjects; 最高 stood between."""
    figures = extract_figures("谷歌今年的资本支出预计将达到910亿至930亿美元。力争人工智能核心产业营业收入增长10%以上，"
                              "全省智能算力规模力争突破15000P。单个企业每年补贴额度最高达500万元。该模型得分为37.5%。")
    capex = _find(figures, "910亿至930亿美元")
    assert (capex.subject, capex.value, capex.unit, capex.qualifier) == ("资本支出", 9.3e10, "USD", "达到")
    assert _find(figures, "10%以上").subject == "人工智能核心产业营业收入"
    assert _find(figures, "15000P").subject == "全省智能算力规模"
    assert _find(figures, "500万元").subject == "补贴额度"
    assert _find(figures, "37.5%").subject == "模型得分"


def test_values_listed_after_fenbie_take_the_periods_years_in_order():
    """2022年至2024年营业收入分别为…: all three had read 2024; a value after the list keeps its own reading."""
    figures = extract_figures("摩尔线程2022年至2024年营业收入分别为0.46亿元、1.24亿元和4.38亿元，三年累计亏损超过50亿元。")
    assert [(f.raw, f.year) for f in figures] == [("0.46亿元", 2022), ("1.24亿元", 2023), ("4.38亿元", 2024),
                                                  ("50亿元", 2024)]
    # a list that does not fit the period is left as it was
    two = extract_figures("2022年至2024年营收分别为1亿元和2亿元。")
    assert [f.year for f in two] == [2024, 2024]


def test_figures_what_is_counted_after_a_clause_of_kinds():
    """8个不同参数规模的版本 had counted nothing: 不同… opens a modifier clause before what is counted."""
    sentence = "阿里巴巴开源Qwen3系列，包括0.6B至235B等8个不同参数规模的版本。"
    assert _find(extract_figures(sentence), "8个").subject == "版本"


def test_figures_a_count_per_unit_is_written_with_the_number():
    """每万名工人520台 had made 工人 the subject of a robot density."""
    fig = _find(extract_figures("苏州工业机器人密度达到每万名工人520台，居全国前列。"), "每万名工人520台")
    assert (fig.subject, fig.qualifier, fig.value) == ("工业机器人密度", "达到", 520)
    assert _find(extract_figures("人均每年投入5000元。"), "5000元").raw == "5000元"  # 每年 is a time, no count per


@pytest.mark.parametrize(
    ("sentence", "subject", "value", "qualifier"),
    [
        # a limit is not its opposite: 不得超过 is "at most", which 超过 alone had said the other way round
        ("同一人账户累计用于支付保费的金额不得超过12,000元。", "金额", 12000, "不得超过"),
        ("新建居住区绿地率不低于30%。", "新建居住区绿地率", 30, "不低于"),
        ("单个项目补贴金额最高不超过500万元。", "单个项目补贴金额", 5e6, "不超过"),
    ],
)
def test_figures_a_limit_keeps_its_negation(sentence, subject, value, qualifier):
    [fig] = extract_figures(sentence)
    assert (fig.subject, fig.value, fig.qualifier) == (subject, value, qualifier)


def test_figures_yuan_sign_before_an_amount_in_yuan():
    """￥ before 1,633,242.82元 had hidden the subject (善款) from the amount."""
    [fig] = extract_figures("共募集善款￥1,633,242.82元。")
    assert (fig.subject, fig.value, fig.unit, fig.raw) == ("善款", 1633242.82, "CNY", "1,633,242.82元")


def test_figures_what_was_done_to_the_counted_thing_is_no_part_of_it():
    """Seed 001: 已累计培育国家级智能工厂35家 had measured 培育国家级智能工厂."""
    [fig] = extract_figures("我省已累计培育国家级智能工厂35家，数量居全国第一。")
    assert (fig.subject, fig.value) == ("国家级智能工厂", 35)
    [target] = extract_figures("广东提出建设通用人工智能产业创新引领高地，培育企业数量超2000家。")
    assert target.subject == "培育企业数量"  # the number of those cultivated: the verb is part of it


@pytest.mark.parametrize(("sentence", "subject", "value", "unit"), [
    ("其中数据产品交易额占比超过六成。", "数据产品交易额占比", 60, "percent"),  # tenths after a Chinese numeral
    ("近七成企业已部署大模型。", "企业", 70, "percent"),
    ("该所累计完成数据交易1200余笔。", "数据交易", 1200, "transaction"),
])
def test_figures_tenths_and_transactions(sentence, subject, value, unit):
    [fig] = extract_figures(sentence)
    assert (fig.subject, fig.value, fig.unit) == (subject, value, unit)


@pytest.mark.parametrize("sentence", ["政策一成不变。", "他们成为合作伙伴。", "这是一笔大交易。", "京津冀一成渝主轴。"])
def test_figures_cheng_and_bi_in_words_are_no_figures(sentence):
    assert extract_figures(sentence) == []


def test_figures_carry_a_subject_over_within_a_unit_only():
    # an amount without a subject is not what a figure of another unit before it measured: the 3 are no speed
    speed, dead = extract_figures("事故发生时，车辆时速116公里，驾驶员接管车辆后约2秒与隔离桩发生碰撞，造成车内3人死亡。")
    assert speed.subject and speed.subject.endswith("时速") and (dead.raw, dead.subject) == ("3人", None)
    # within a unit, or a currency, an amount goes on with what the one before it measured
    usd, cny = extract_figures("该机型售价699美元（约合4971元）。")
    assert usd.subject and usd.subject.endswith("售价") and cny.subject == usd.subject
    assert [f.subject for f in extract_figures("2022年至2024年营业收入分别为0.46亿元、1.24亿元和4.38亿元。")] == [
        "营业收入"] * 3


def test_figures_of_a_comparison_a_change_in_magnitude_and_a_launch_price():
    # a Tsinghua chip paper and an AI-glasses launch (probe round 22): what is compared, not what it is compared to
    energy, speed = extract_figures("在大规模神经网络训练中，能效比现有的电子芯片提升了约100倍，训练速度提升了1个数量级。")
    assert (energy.subject, energy.raw) == ("能效", "100倍")
    assert (speed.subject, speed.raw) == ("训练速度", "1个")  # 数量级: by how much, not what is counted
    [price] = extract_figures("雷鸟创新在深圳发布新一代AI拍摄眼镜雷鸟V3，首发价1799元，12月1日起正式开售。")
    assert (price.subject, price.value, price.unit) == ("首发价", 1799, "CNY")
    assert [f.subject for f in extract_figures("工业增加值同比增长6.8%，进出口同比增长4.4%。")] == [
        "工业增加值同比", "进出口同比"]  # 同比 holds 比 and compares nothing


def test_figures_of_a_robot_makers_capacity_and_a_robots_degrees_of_freedom():
    # 交付|量 (a verb and a noun), 产能 (tagged v) and 自由度 (tagged d) are what the numbers measure
    capacity, delivered = extract_figures("2026年公司计划将工业人形机器人年产能提升至1万台，交付量达到5000台。")
    assert (capacity.subject, delivered.subject) == ("产能", "交付量")
    assert [(f.subject, f.raw) for f in extract_figures("Walker S2全身拥有52个自由度。")] == [("自由度", "52个")]


def test_figures_after_a_superlative_measure_what_stands_highest():
    [pay] = extract_figures("其中，大模型算法工程师的平均年薪最高，达到62.5万元。")
    assert (pay.subject, pay.qualifier, pay.raw) == ("年薪", "达到", "62.5万元")


def test_figures_kept_within_a_limit():
    [errors] = extract_figures("错误率控制在5%以内。")
    assert (errors.subject, errors.value, errors.qualifier) == ("错误率", 5, "以内")


def test_figures_averaged_or_of_racks_in_use():
    assert [(f.subject, f.raw) for f in extract_figures("帮助工厂生产效率平均提升25%。")] == [("工厂生产效率", "25%")]
    assert [f.subject for f in extract_figures("已建成标准机架9.2万架，上架率超过70%。")][-1] == "上架率"


def test_a_modal_before_a_change_is_no_part_of_the_subject():
    # a compute-voucher rule: the 60 % is the subsidy's share, not the previous figure's cap
    figures = extract_figures("单家企业年度补贴金额最高不超过1000万元；对于使用国产算力的，补贴比例可提高至60%。")
    assert [(f.subject, f.raw) for f in figures] == [("单家企业年度补贴金额", "1000万元"), ("补贴比例", "60%")]
    assert [f.subject for f in extract_figures("推理效率可以提升12倍。")] == ["推理效率"]


def test_a_word_between_two_nouns_of_what_is_counted_and_yuan_opening_a_word():
    # the dictionary tags 智慧 nr: it had cut what is counted to 机器人
    assert [(f.subject, f.raw) for f in extract_figures("公司计划今年在全国布局100家机器人智慧药店。")] == [
        ("机器人智慧药店", "100家")]
    # 正月十五元宵节 and 三元里 hold no yuan; the ticket's 三元 does
    figures = extract_figures("今天是农历正月十五元宵节。三元里街松柏岗社区开展活动，门票每人三元。")
    assert [f.raw for f in figures] == ["三元"]


def test_a_loss_keeps_its_sign_and_a_share_names_what_it_is_of():
    """An earnings report: -0.67亿元 had been a positive 0.67亿元 of 营业收入, 收窄 no change, and 占营业收入的19.8% a
    figure of 营业收入 itself."""
    figures = extract_figures("归属于上市公司股东的净利润为-0.67亿元，亏损同比收窄80.6%。")
    assert [(f.subject, f.value, f.qualifier) for f in figures] == [("净利润", -0.67e8, None), ("亏损", 80.6, "收窄")]
    assert [f.raw for f in figures] == ["-0.67亿元", "80.6%"]
    shares = extract_figures("公司研发投入达到33.68亿元，占营业收入的19.8%。")
    assert [f.subject for f in shares] == ["研发投入", "研发投入占营业收入"]  # (公司: the company, said before)
    # a hyphen after a Latin name and a range's dash are no minus signs; 占比 is the share itself
    assert [f.value for f in extract_figures("DeepSeek-R1-0528的价格为2元。")] == [2]
    assert [f.value for f in extract_figures("给予1万-3万元不等的慰问金。")] == [30000]
    assert [f.subject for f in extract_figures("涉金融领域708个，占比达20.4%。")][-1] == "金融领域占比"


def test_what_a_body_has_is_counted():
    # 高校有61所: 有 ends the clause before what is counted; 拥有 and 国有 stay words
    assert [f.subject for f in extract_figures("人工智能专业新增备案的高校有61所。")] == ["高校"]


def test_power_in_the_si_prefixes_chinese_names():
    # a compute deal in 吉瓦 had no figure; 兆瓦 had read 兆 as the numeral magnitude (1e12)
    figures = extract_figures("OpenAI将部署总计6吉瓦的算力。项目装机容量为100兆瓦。市场规模达1.2兆元。")
    assert [(f.raw, f.value, f.unit) for f in figures] == [
        ("6吉瓦", 6e9, "W"), ("100兆瓦", 1e8, "W"), ("1.2兆元", 1.2e12, "CNY")]


def test_a_range_held_or_expected_names_what_it_measures():
    # a Taiwan report's guidance: 介于…之间 and 维持在… had left the ranges without a subject
    assert [f.subject for f in extract_figures("预期第四季营收将介于322亿至334亿美元之间。")] == ["营收"]
    assert [f.subject for f in extract_figures("公司今年资本支出将维持在400亿至420亿美元之间。")] == ["资本支出"]


def test_values_after_respectively_take_the_subjects_listed_before_it():
    """中际旭创's 4.85% had been 新易盛's (the list's last item); what is counted after the values, and years listed,
    are left as they were."""
    def subjects(text: str) -> list[str | None]:
        return [f.subject for f in extract_figures(text)]

    assert subjects("CPO方向走强，中际旭创、新易盛分别上涨4.85%和5.92%。") == ["中际旭创", "新易盛"]
    assert subjects("北京、上海和深圳分别有3家、5家和4家企业入选。")[:2] == [None, None]
    assert subjects("2023年和2024年营收分别为10亿元和12亿元。") == ["营收", "营收"]


def test_a_clause_without_a_subject_measures_the_topic_or_the_index_before_it():
    """涨0.83% and 全天净买入62.35亿元 had measured nothing; 另一方面 is a turn of the argument, not a topic."""
    figures = extract_figures("截至收盘，上证指数报3412.56点，涨0.83%。北向资金方面，全天净买入62.35亿元。")
    assert [f.subject for f in figures] == ["上证指数", "北向资金"], figures
    assert extract_figures("另一方面，收入增长了5%。")[0].subject != "另一", extract_figures("另一方面，收入增长了5%。")


def test_a_rate_or_volume_named_by_its_verb_is_measured_whole():
    """录用率为24.52% and 搜索量上涨了约20倍 had measured the figure before them (投稿, 安全锤销量): 率 and 量 alone were too
    short to be a subject."""
    assert [f.subject for f in extract_figures("共收到投稿21575篇，录用率为24.52%。")] == ["投稿", "录用率"]
    assert [f.subject for f in extract_figures("安全锤销量环比增长近6倍，救生手电筒的搜索量上涨了约20倍。")][-1] == "搜索量"


def test_a_rank_is_no_count_and_home_made_is_no_country():
    """居全国前5位 had been 5 people; 全国产算力平台 had given the figure the country (全国|产)."""
    assert extract_figures("北京、广东、江苏软件业务收入居全国前5位。") == []
    assert [f.raw for f in extract_figures("目前已建成400个智能工厂。")] == ["400个"]  # 目前 is no rank
    [speed] = extract_figures("星火X1.5基于全国产算力平台训练，推理效率提升100%。")
    assert speed.region is None, speed


def test_data_volumes_in_zettabytes():
    """41.06泽字节 had been no figure, and 同比增长25% then measured 同比 alone."""
    figures = extract_figures("2024年我国数据生产总量达41.06泽字节（ZB），同比增长25%。")
    assert [(f.subject, f.value, f.unit) for f in figures] == [
        ("数据生产总量", 4.106e22, "byte"), ("数据生产总量同比", 25.0, "percent")]


def test_two_neighbouring_digits_are_an_approximate_range_read_at_its_upper_end():
    """四五十万元 had been 4,500,000 yuan and 七八百人 7,800 people: 四五十 is 40 to 50, not 450."""
    assert [(f.value, f.raw) for f in extract_figures("投资四五十万元，七八百人参加，两三百家企业。")] == [
        (500000.0, "四五十万元"), (800.0, "七八百人"), (300.0, "两三百家")]
    assert parse_chinese_number("三十五") == 35 and parse_chinese_number("二〇二四") == 2024
