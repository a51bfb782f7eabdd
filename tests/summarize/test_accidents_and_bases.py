"""Round 21 of probe articles: a car maker's statement after a crash, a data-annotation base opening, a police
bulletin. Who speaks for a body (小米汽车方面表示), what a name's 的 phrase describes (国家数据局授牌的基地), and an
announcement that launches no product (发布通报)."""

from __future__ import annotations

from ._articles import run_article

CRASH = ("12月2日，安徽省公安厅交通管理局发布通报，公布10月29日德上高速池祁段小米SU7事故的调查结果。通报称，事故发生时"
         "车辆处于NOA智能辅助驾驶状态，时速116公里，驾驶员接管车辆后约2秒车辆与水泥隔离桩发生碰撞，造成车内3人死亡。\n"
         "小米汽车方面表示，将配合有关部门继续做好善后工作，并于12月起通过OTA升级优化施工路段的识别和提醒策略。")
BASE = ("12月3日，国家数据局授牌的人工智能数据标注基地（成都）在成都高新区正式投入运营。该基地由成都市数据局与四川省大数据"
        "中心联合建设，首期建成标注工位1200个。")


def test_a_body_speaking_through_its_side_is_the_actor():
    titles = [e.title for e in run_article(CRASH, "小米SU7高速事故调查结果公布").events]
    assert "小米汽车将配合有关部门继续做好善后工作" in titles
    assert not any(t.startswith("车方面") for t in titles)


def test_a_police_bulletin_is_no_product_launch():
    record = run_article(CRASH, "小米SU7高速事故调查结果公布")
    assert "product" not in {e.type for e in record.events}
    assert all(f.subject != "时速" for f in record.figures if f.raw == "3人")


def test_a_name_in_the_subjects_de_phrase_is_not_the_actor():
    [opened, *_] = run_article(BASE, "全国首个大模型数据标注基地在成都投用").events
    assert opened.title.startswith("数据标注基地（成都）") and "投入运营" in opened.title


def test_a_merger_by_share_swap_is_a_deal_of_the_acquirer():
    text = ("5月25日晚间，海光信息与中科曙光同时发布公告，海光信息拟通过向中科曙光全体A股换股股东发行A股股票的方式换股吸收合并"
            "中科曙光，并发行A股股票募集配套资金。本次交易构成重大资产重组。")
    [deal, *_] = run_article(text, "海光信息拟换股吸收合并中科曙光").events
    assert (deal.type, deal.title) == ("investment", "海光信息拟换股吸收合并中科曙光")


def test_the_court_rules_not_a_party_of_the_case():
    text = ("11月27日，北京互联网法院对原告李某诉被告刘某侵害作品署名权、信息网络传播权纠纷一案作出一审判决，认定原告利用"
            "Stable Diffusion模型生成的图片具有独创性，属于美术作品，受著作权法保护。")
    [ruling, *_] = run_article(text, "北京互联网法院判决首例AI文生图著作权案").events
    assert (ruling.type, ruling.title) == ("legal", "北京互联网法院作出一审判决")


def test_a_year_that_will_be_something_is_the_subject_not_the_speaker():
    text = "雷鸟创新创始人兼CEO李宏伟表示，2025年将是AI眼镜的爆发之年。据IDC预测，2025年中国智能眼镜市场出货量将达到290.7万台。"
    titles = [e.title for e in run_article(text, "雷鸟发布AI眼镜V3").events]
    assert "2025年将是AI眼镜的爆发之年" in titles and not any(t.startswith("李宏伟将是") for t in titles)


def test_an_industrial_park_opening_is_an_event():
    text = ("9月18日，合肥高新区人工智能产业园一期正式开园。产业园规划总面积约2平方公里，总投资约120亿元，首批入驻科大讯飞、"
            "华米科技等46家企业。")
    [opened, *_] = run_article(text, "合肥人工智能产业园一期开园").events
    assert opened.type == "organization" and opened.title.endswith("正式开园")


def test_a_ceos_resignation_is_personnel_news_not_a_boards_term():
    text = ("12月1日，北京智谱华章科技股份有限公司发布公告称，公司首席执行官张鹏因个人原因辞去首席执行官职务，董事会同意聘任"
            "王绍兰为公司首席执行官，任期自董事会审议通过之日起至本届董事会任期届满之日止。张鹏将继续担任公司董事长。")
    record = run_article(text, "智谱AI首席执行官张鹏卸任 由王绍兰接任")
    assert record.events[0].type == "personnel" and "张鹏" in record.events[0].title
    assert {"张鹏", "王绍兰"} <= {p.name for p in record.people}
