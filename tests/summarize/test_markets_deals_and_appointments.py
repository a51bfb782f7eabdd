"""A market close, a procurement result, two national standards, an acquisition and an institute's new director, as
AI-industry readers get them. Each text is written in the style of such reports; each test names the defect a reader
had seen in its record."""

from __future__ import annotations

from tests.summarize._articles import run_article
from zhiku.summarize.notices import award

MARKET = ("证券时报网讯 12月3日，A股三大指数午后震荡回升。截至收盘，上证指数报3412.56点，涨0.83%；深证成指报10876.21点，"
          "涨1.26%。\n"
          "盘面上，人工智能概念股午后集体拉升。CPO方向同样走强，中际旭创、新易盛分别上涨4.85%和5.92%。\n"
          "消息面上，工业和信息化部日前表示，将加快推进算力互联互通，力争到2027年底国家算力网初步建成。\n"
          "北向资金方面，全天净买入62.35亿元，其中沪股通净买入38.71亿元。")

TENDER = ("一、项目编号：GZCG-2025-0387\n二、项目名称：贵阳市智能算力中心建设项目（一期）\n三、中标信息\n"
          "供应商名称：中国电信股份有限公司贵州分公司\n供应商地址：贵州省贵阳市观山湖区长岭北路\n"
          "中标金额：4.86亿元（人民币肆亿捌仟陆佰万元整）\n"
          "五、评审专家名单：张建国、李海燕、王志强、陈立新、刘芳\n六、公告期限：自本公告发布之日起1个工作日。\n"
          "七、凡对本次公告内容提出询问，请按以下方式联系。\n采购人：贵阳市大数据发展管理局\n联系方式：0851-8798XXXX")

STANDARDS = ("本报北京12月2日电（记者 王晓）国家市场监督管理总局（国家标准化管理委员会）日前批准发布《人工智能 大模型 第1部分："
             "通用要求》（GB/T 45288.1-2025）国家标准，将于2026年6月1日起正式实施。\n"
             "全国信息技术标准化技术委员会人工智能分技术委员会秘书长孙宁表示，截至目前，我国已发布人工智能领域国家标准31项，"
             "另有70余项正在研制中。下一步，将加快推进智能体、具身智能等新兴领域标准研制，到2026年新制定国家标准和行业标准"
             "50项以上。")

DEAL = ("12月4日晚间，小米集团在港交所发布公告称，公司全资子公司小米汽车科技有限公司已与深动科技的股东签署股权转让协议，"
        "以约5000万美元收购深动科技100%股权。交易完成后，深动科技将成为小米集团的间接全资附属公司。\n"
        "业内人士分析认为，自动驾驶行业正进入整合期，头部车企通过并购初创公司快速补齐技术短板，已成为行业常态。")

DIRECTOR = ("记者从浙江大学获悉，经学校研究决定，任命吴飞教授为浙江大学人工智能研究所所长，任期五年。原所长潘云鹤院士因年龄原因"
            "不再担任该职务，将继续担任研究所学术委员会主任。\n"
            "吴飞，1973年生，浙江大学求是特聘教授，国家杰出青年科学基金获得者。他曾担任浙江大学计算机科学与技术学院副院长，"
            "主持国家重点研发计划项目3项，发表学术论文200余篇。\n"
            "据了解，浙江大学人工智能研究所成立于1978年，是我国最早开展人工智能研究的机构之一。")


def test_a_market_close_measures_each_index_and_each_stock_listed_with_respectively():
    """The indices' moves had measured nothing (涨0.83% of no subject), 中际旭创's 4.85% had been 新易盛's, the net
    buying had been nobody's, and the ministry had been titled 部日前."""
    record = run_article(MARKET, "AI概念股午后拉升 算力板块成交额突破千亿元")
    subjects = {f.raw: f.subject for f in record.figures}
    assert subjects["0.83%"] == "上证指数" and subjects["1.26%"] == "深证成指", subjects
    assert subjects["4.85%"] == "中际旭创" and subjects["5.92%"] == "新易盛", subjects
    assert subjects["62.35亿元"] == "北向资金", subjects
    goal = next(e for e in record.events if "算力互联互通" in e.description)
    assert goal.type == "plan" and goal.title.startswith("工业和信息化部") and "日前" not in goal.title, goal


def test_a_procurement_notice_names_its_experts_and_no_amount_in_capital_numerals():
    """陆佰 of 肆亿捌仟陆佰万元整 had been a person; 张建国 and 刘芳, words of the segmenter's dictionary, had been left
    out of the experts' list."""
    record = run_article(TENDER, "贵阳市智能算力中心建设项目（一期）中标结果公告")
    assert [p.name for p in record.people] == ["张建国", "李海燕", "王志强", "陈立新", "刘芳"], record.people


def test_a_procurement_notice_is_titled_by_its_award_not_its_boilerplate():
    """Its events had been 自本公告发布之日起1个工作日 (a launch), 凡对本次公告内容提出询问 (a plan) and its address; the
    amount had measured nothing."""
    record = run_article(TENDER, "贵阳市智能算力中心建设项目（一期）中标结果公告")
    assert [(e.type, e.title) for e in record.events] == [
        ("contract", "中国电信贵州分公司中标贵阳市智能算力中心建设项目（一期）")], record.events
    assert "4.86亿元" in record.events[0].description and "贵阳市大数据发展管理局" in record.events[0].description
    assert next(f for f in record.figures if f.raw == "4.86亿元").subject == "中标金额", record.figures


def test_only_a_notice_naming_one_project_and_one_winner_is_read_as_an_award():
    """A notice of several lots, or a call for tenders that names no winner yet, is left to its sentences."""
    assert award(TENDER) is not None
    lots = TENDER.replace("供应商名称：中国电信股份有限公司贵州分公司", "供应商名称：甲公司\n供应商名称：乙公司")
    assert award(lots) is None
    assert award("项目名称：某某项目\n采购人：某局\n预算金额：100万元") is None


def test_standards_released_are_a_policy_and_the_countrys_count_is_the_countrys():
    """The standard had been a product launch (批准发布《…》); 我国已发布…31项 had been titled as 孙宁's release; 将加快推进
    …标准研制 had been a product; 日起 had been a keyword."""
    record = run_article(STANDARDS, "两项人工智能国家标准正式发布 明年6月1日起实施")
    assert record.events[0].type == "policy", record.events[0]
    count = next(e for e in record.events if "31项" in e.description)
    assert count.title.startswith("我国"), count
    goal = next(e for e in record.events if "标准研制" in e.description)
    assert goal.type == "plan", goal
    assert "日起" not in [k.term for k in record.keywords], record.keywords


def test_an_acquisition_names_no_subsidiary_of_some_kind_and_keeps_by_what_means():
    """公司全资子公司, 间接全资附属公司 and 并购初创公司 had been companies; 头部车企通过并购… had been titled 头部车企通|并购."""
    record = run_article(DEAL, "小米集团宣布收购一家自动驾驶初创公司")
    names = [o.name for o in record.organizations]
    assert not any(n in names for n in ("公司全资子公司", "间接全资附属公司", "并购初创公司")), names
    merger = next(e for e in record.events if "并购" in e.description)
    assert merger.title.startswith("头部车企通过并购初创公司"), merger


def test_an_appointment_keeps_the_institutes_name_and_titles_his_career_by_him():
    """浙江大学人工智能研究所成立于1978年 had been titled 浙江大学成立于1978年; 他曾担任…学院副院长，…发表学术论文 had been
    the college's research; 研究所学术委员会 had been a government body; 科学基金 had made the article finance news."""
    record = run_article(DIRECTOR, "浙江大学任命新一任人工智能研究所所长")
    titles = [e.title for e in record.events]
    assert "浙江大学人工智能研究所成立于1978年" in titles, titles
    assert "吴飞发表学术论文200余篇" in titles, titles
    assert {o.name: o.type for o in record.organizations}.get("研究所学术委员会") != "government", record.organizations
    assert "金融" not in [t.label for t in record.industries], record.industries
