"""A model release, an approved AI device and an export-control listing as AI-industry readers get them. Each text is
written in the style of such reports; each test names the defect a reader had seen in its record."""

from __future__ import annotations

from tests.summarize._articles import run_article
from zhiku.summarize.headline import weak

MODEL = ("8月21日，深度求索（DeepSeek）正式发布DeepSeek-V3.1模型，并同步在Hugging Face开源模型权重。\n"
         "官方介绍，相比前代DeepSeek-R1-0528，V3.1-Think能在更短时间内给出答案，思维链压缩后输出token数减少20%至50%。")

LISTING = ("美国商务部工业与安全局（BIS）当地时间3月25日宣布，将80家实体列入出口管制“实体清单”，其中包括浪潮集团旗下6家子公司。\n"
           "被列入清单后，美国企业向这些实体出口受管制物项须事先获得许可证。\n"
           "对此，外交部发言人郭嘉昆26日在例行记者会上表示，美方泛化国家安全概念，将经贸科技问题政治化、工具化，中方对此坚决反对。")


def test_the_official_account_is_nobody_and_a_comparison_sets_the_scene():
    """官方介绍 had given the person 官方 (官 is a surname), and the event was titled 相比前代DeepSeek-R1-0528."""
    record = run_article(MODEL, "DeepSeek发布V3.1模型 采用混合推理架构")
    assert "官方" not in [p.name for p in record.people or []]
    titles = [e.title for e in record.events]
    assert not any(t.startswith("相比") for t in titles), titles
    assert "V3.1-Think能在更短时间内给出答案" in titles, titles


def test_an_entity_listing_is_a_regulator_acting_and_a_disposal_is_no_plan():
    """将80家实体列入…实体清单 had been a plan; 将经贸科技问题政治化 (将 of disposal, not of the future) another, titled
    26日将经贸科技问题政治化、工具化; 被列入清单后 (a time clause) a title."""
    record = run_article(LISTING, "美国商务部将多家中国AI企业列入实体清单 外交部回应")
    first = record.events[0]
    assert first.type == "legal", record.events
    assert first.title.startswith("美国商务部工业与安全局将80家实体列入出口管制“实体清单”"), first
    assert not any("政治化" in e.title for e in record.events), record.events
    assert not any(e.title.endswith("后") for e in record.events), record.events


def test_a_title_ending_in_after_is_a_time_not_a_headline():
    assert weak("被列入清单后") and weak("签约仪式结束后")
    assert not weak("产业发展远远落后") and not weak("公司业绩落后于同行")


DEAL = ("当地时间10月6日，OpenAI与AMD宣布达成一项多年期战略合作协议，OpenAI将在多代AMD GPU上部署总计6吉瓦的算力。\n"
        "此前，OpenAI已与英伟达签署意向书，英伟达计划向OpenAI投资最多1000亿美元。")


def test_an_agreement_reached_is_a_deal_and_both_parties_sign():
    """达成…协议 had been no event (the deal was titled 首批1吉瓦部署计划于…启动), and OpenAI已与英伟达签署意向书 was
    titled 已与英伟达签署意向书."""
    record = run_article(DEAL, "OpenAI与AMD达成合作 将部署6吉瓦算力")
    types = {e.title: e.type for e in record.events}
    assert any(t == "contract" and "达成" in title for title, t in types.items()), types
    assert "OpenAI与英伟达签署意向书" in types, types


SCENES = ("11月8日，上海市经济和信息化委员会发布《上海市人工智能赋能千行百业应用场景清单（第一批）》，开放100个应用场景。\n"
          "上海市经济信息化委副主任汤文侃介绍，此次发布的场景由市属国企、医院、高校等单位提出，将通过“揭榜挂帅”方式征集解决方案。")


def test_an_agent_after_the_passive_marker_is_read_whole():
    """场景由市属国企、医院、高校等单位提出 had given the actor 企、医院、高校等单位 (the last ten characters)."""
    record = run_article(SCENES, "上海发布AI应用场景清单 首批开放100个场景")
    assert not any(e.title.startswith("企、") for e in record.events), record.events


SCAM = ("近日，包头市公安局电信网络犯罪侦查局发布一起利用人工智能实施电信诈骗的典型案例，福州市某科技公司法人代表郭先生10分钟内被骗430万元。\n"
        "接到报警后，福州、包头两地警银迅速启动止付机制，成功止付拦截336.84万元。\n"
        "台风影响涉及10个省份，国家防总启动Ⅳ级应急响应。")


def test_a_police_case_release_and_an_emergency_response():
    """发布一起…典型案例 had been a product launch titled …发布一起利用, 启动止付机制 another, and 启动Ⅳ级应急响应 a
    product too."""
    record = run_article(SCAM, "警方提醒：谨防AI换脸诈骗 有人10分钟被骗430万元")
    types = {e.title: e.type for e in record.events}
    assert types.get("包头市公安局电信网络犯罪侦查局发布典型案例") == "legal", types
    assert types.get("国家防总启动Ⅳ级应急响应") == "policy", types
    assert "product" not in types.values(), types


ROUNDUP = ("【1】OpenAI发布GPT-5.1\n"
           "11月12日，OpenAI宣布推出GPT-5.1，包括GPT-5.1 Instant和GPT-5.1 Thinking两个版本，将首先向付费用户开放。\n"
           "【2】百度文心大模型5.0正式上线\n"
           "11月13日，在百度世界2025大会上，百度创始人李彦宏宣布文心大模型5.0正式上线，参数规模达2.4万亿。\n"
           "【3】智谱完成新一轮融资\n"
           "据媒体报道，北京智谱华章科技股份有限公司近日完成新一轮融资，融资金额超过10亿元，由杭州城投产业基金等投资。")


def test_a_roundup_item_is_one_event_titled_by_its_heading():
    """Each item of an AI morning roundup had given two events (its heading 【1】OpenAI发布GPT-5.1, titled with its
    number, and its paragraph OpenAI宣布推出GPT-5.1), and the summary kept the items' numbers."""
    record = run_article(ROUNDUP, "AI早报｜OpenAI发布GPT-5.1；百度文心5.0正式上线；智谱完成新一轮融资")
    titles = [e.title for e in record.events]
    assert titles == ["OpenAI发布GPT-5.1", "百度文心大模型5.0上线", "智谱完成新一轮融资"], titles
    assert record.events[0].description.startswith("11月12日") and record.events[0].sentences == [0, 1]
    assert "【1】" not in record.summary and "【2】" not in record.summary, record.summary


DEVICE = ("记者从国家药品监督管理局获悉，近日，国家药监局经审查，批准了杭州某医疗科技有限公司生产的“肺结节CT影像辅助检测软件”"
          "创新产品注册申请。该产品是我国首个获批的基于深度学习技术的肺结节辅助检测三类医疗器械。")


def test_a_title_cut_just_past_a_quoted_name_ends_with_the_name():
    """The approval had been titled …批准“肺结节CT影像辅助检测软件”创新: a modifier whose noun was cut off."""
    record = run_article(DEVICE, "国家药监局批准首个AI辅助诊断三类医疗器械")
    assert record.events[0].title == "国家药品监督管理局批准“肺结节CT影像辅助检测软件”", record.events[0]
