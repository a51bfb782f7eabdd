"""A regulator's batch of algorithm filings, an AI chip maker's IPO registration, a city's compute vouchers, school AI
guidelines and a robotaxi permit abroad, as AI-industry readers get them. Each text is written in the style of such
reports; each test names the defect a reader had seen in its record."""

from __future__ import annotations

from tests.summarize._articles import clean_article, run_article

FILINGS = ("人民网北京12月5日电（记者 王晓萌）12月5日，国家互联网信息办公室发布第十批境内深度合成服务算法备案信息，共计412"
           "个算法通过备案，涉及北京、上海、广东、浙江等23个省（区、市）。\n"
           "国家网信办有关负责人表示，下一步将持续加强算法备案管理，督促企业落实算法安全主体责任。")

IPO = ("证券时报网讯 12月4日晚间，中国证监会发布公告，同意摩尔线程智能科技（北京）股份有限公司首次公开发行股票注册。\n"
       "招股书显示，摩尔线程本次拟募集资金80亿元。2022年至2024年，公司营业收入分别为4608.83万元、1.24亿元和4.38亿元。\n"
       "摩尔线程成立于2020年10月，创始人张建中曾任英伟达全球副总裁、中国区总经理。公司已推出MTT S4000等多款智算加速卡。")

VOUCHERS = ("深圳特区报讯（记者 李佳佳）12月3日，深圳市工业和信息化局公布2025年第一批算力券发放名单，共有127家企业获得算力券，"
            "发放总额1.86亿元。\n"
            "获券企业中，人工智能企业占比超过六成，主要分布在南山区、福田区和龙华区。深圳市工业和信息化局相关负责人介绍，"
            "全市智能算力规模已达到35000PFLOPS。")

SCHOOLS = ("新华社北京12月2日电（记者 王鹏）教育部近日印发《中小学人工智能通识教育指南（2025年版）》，明确从2025年秋季学期起，"
           "全国中小学逐步开展人工智能教育，每学年不少于8课时。")

PERMIT = ("本报讯（记者 陈晨）百度旗下自动驾驶出行服务平台萝卜快跑12月1日宣布，已获得迪拜道路与交通管理局（RTA）颁发的全无人"
          "驾驶测试许可，成为首家在迪拜获得该许可的中国企业。\n"
          "根据计划，萝卜快跑将首批投入50辆第六代无人车，在迪拜朱美拉等区域开展测试，预计2026年实现全无人商业化运营。")


def test_a_batch_of_filings_is_a_regulators_announcement_titled_by_its_short_name():
    """The batch had been a product launch titled 国家互联网信息办公室发布第十批境内深度合成 (its object cut): the
    office's long name left no room for what it published."""
    event = run_article(FILINGS, "国家网信办发布第十批深度合成服务算法备案信息").events[0]
    assert (event.type, event.title) == ("policy", "网信办发布第十批境内深度合成服务算法备案信息"), event


def test_a_founding_year_is_no_year_of_the_news():
    """The registration of 12月4日 had been dated 2020-12-04, the year the company was founded (成立于2020年10月);
    its founder had worked for no company."""
    record = run_article(IPO, "摩尔线程科创板IPO注册生效")
    assert record.events[0].date == "--12-04", record.events[0]
    assert [(p.name, p.organization) for p in record.people] == [("张建中", "摩尔线程")], record.people
    launch = next(e for e in record.events if e.type == "product")
    assert launch.title.startswith("摩尔线程推出") and "摩尔线程" in launch.actors, launch


def test_a_published_list_is_the_news_and_an_offices_name_no_industry():
    """公布…算力券发放名单 had been no event (the first was 算力券用于支持企业…); 制造业 had been an industry of the
    article for the 工业 of 深圳市工业和信息化局; 龙华区 had been Haikou's only (the county table predated
    Shenzhen's); the paper signing 深圳特区报讯 had been no source."""
    record = run_article(VOUCHERS, "深圳发放首批算力券")
    first = record.events[0]
    assert (first.type, first.title) == ("policy", "深圳市工业和信息化局公布2025年第一批算力券发放名单"), first
    assert [t.label for t in record.industries] == [], record.industries
    assert ("龙华区", "440309") in [(r.name, r.code) for r in record.regions], record.regions
    assert record.source == "深圳特区报" and record.text.startswith("12月3日"), (record.source, record.text[:12])


def test_schools_of_a_kind_are_no_organization():
    """全国中小学 had been a university."""
    record = run_article(SCHOOLS, "教育部印发指南")
    assert [o.name for o in record.organizations] == ["教育部"], record.organizations


def test_a_permit_abroad_is_an_approval_in_the_country_of_its_city():
    """The permit had been a statement titled 百度旗下自动驾驶出行服务平台; 迪拜 had given no region, 迪拜道路与交通管理局
    no organization, and 朱美拉 (迪拜朱美拉等区域) had been a person."""
    record = run_article(PERMIT, "萝卜快跑获准在迪拜开展全无人驾驶测试")
    first = record.events[0]
    assert (first.type, first.title) == ("legal", "百度获得全无人驾驶测试许可"), first
    assert record.regions[0].name == "阿联酋" and record.regions[0].evidence[0].text == "迪拜", record.regions
    assert ("迪拜道路与交通管理局", "government") in [(o.name, o.type) for o in record.organizations]
    assert "朱美拉" not in [p.name for p in record.people], record.people


def test_an_obligation_to_hold_a_licence_is_no_approval():
    record = run_article("从事相关业务的企业，应当依法取得相应的资质或行政许可。", "监管规定")
    assert all(e.type != "legal" for e in record.events), record.events


def test_any_paper_signing_a_report_is_its_source_but_no_bulletin():
    for text, source in (("现代快报讯（记者 王卫）昨天，南京发布新政。", "现代快报"),
                         ("新京报讯 记者韩宇明 3月1日，北京发布新规。", "新京报")):
        record = clean_article(text)
        assert record.source == source, (text, record.source)
