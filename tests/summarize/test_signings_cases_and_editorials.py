"""A city's signing ceremony, a regulator's case release, weather models, government systems on a model and an
editorial, as AI-industry readers get them. Each text is written in the style of such reports; each test names the
defect a reader had seen in its record."""

from __future__ import annotations

from tests.summarize._articles import run_article
from zhiku.export.card import render_events

SIGNING = ("合肥日报讯 12月4日上午，合肥市人工智能产业重大项目集中签约活动在合肥高新区举行。活动现场，32个人工智能产业项目"
           "集中签约，总投资达412亿元。\n"
           "其中，科大讯飞将投资50亿元建设星火大模型产业园，蔚来汽车拟投资30亿元建设智能驾驶研发中心。\n"
           "合肥市委常委、副市长袁飞在致辞中表示，合肥将持续优化营商环境，为签约项目落地提供全方位服务保障。据悉，今年以来合肥市"
           "已累计引进人工智能领域项目156个，协议总投资超1200亿元。")

CASES = ("本报北京12月5日电（记者 刘阳）国家互联网信息办公室近日通报了一批利用人工智能技术生成、传播虚假信息的典型案例。\n"
         "另一起案例中，某MCN机构利用AI批量生成虚假新闻稿件，日均发布量达4000余篇，相关账号已被平台全部关闭。")

MODELS = ("新华社北京12月3日电（记者 黄垚）中国气象局3日在京发布“风清”“风顺”“风雷”三款人工智能气象大模型。其中，“风清”全球"
          "中期天气预报大模型可提前15天预报全球天气，预报时效较传统数值模式延长1天以上，计算效率提升约1000倍。\n"
          "中国气象局副局长毕宝贵介绍，“风顺”是全球次季节至季节预测大模型，可对未来1至2个月的气候趋势作出预测。")

GOVERNMENT = ("深圳市龙岗区率先在政务外网部署DeepSeek-R1全尺寸模型，上线首月调用量超过20万次。广州市政务服务和数据管理局表示，"
              "接入大模型后，12345热线工单分派准确率由85%提升至96%。")

EDITORIAL = ("人工智能是引领新一轮科技革命和产业变革的战略性技术。\n"
             "推动人工智能赋能千行百业，要坚持应用牵引。要鼓励各地各部门开放更多应用场景，让技术在实践中迭代升级。\n"
             "推动人工智能赋能千行百业，要夯实算力底座。要统筹推进全国一体化算力网建设，降低中小企业用算成本。\n"
             "推动人工智能赋能千行百业，还要守住安全底线。要加快完善人工智能治理体系，做到发展与安全并重。")


def test_a_signing_ceremony_names_its_paper_as_source_and_no_facility_as_a_body():
    """合肥日报讯 had stayed in the body, its paper an actor of the ceremony; 智能驾驶研发中心 had been an organization;
    为签约项目落地 had made an organization's founding and 协议总投资 an investment."""
    record = run_article(SIGNING, "合肥举行人工智能产业重大项目集中签约活动")
    assert record.source == "合肥日报" and not record.text.startswith("合肥日报讯"), (record.source, record.text[:20])
    names = [o.name for o in record.organizations]
    assert "智能驾驶研发中心" not in names and "合肥日报" not in names, names
    types = {e.description[:12]: e.type for e in record.events}
    assert not any(e.type == "organization" for e in record.events), record.events
    assert all(e.type != "investment" for e in record.events if "协议总投资" in e.title), types


def test_a_case_release_is_legal_news_and_a_count_of_posts_no_launch():
    """通报了一批…的典型案例 (more than 20 characters between) had been no event; 日均发布量达4000余篇 had been a product
    launch."""
    record = run_article(CASES, "国家网信办通报一批AI生成虚假信息典型案例")
    assert (record.events[0].type, record.events[0].title) == ("legal", "国家互联网信息办公室通报典型案例"), record.events
    posts = next(e for e in record.events if "4000余篇" in e.title)
    assert posts.type == "statistic", posts


def test_a_release_drops_its_day_and_no_title_ends_on_a_modal_or_an_attribution():
    """中国气象局3日在京发布 kept its day; “风清”…大模型可 ended on 可; 中国气象局副局长毕宝贵介绍 named who speaks, not
    what."""
    record = run_article(MODELS, "中国气象局发布“风清”气象大模型")
    titles = [e.title for e in record.events]
    assert titles[0].startswith("中国气象局在京发布"), titles
    assert not any(t.endswith(("可", "介绍")) for t in titles), titles


def test_a_statistic_names_no_company_whose_model_the_subject_deploys():
    """深圳市龙岗区…部署DeepSeek-R1…上线首月调用量 had been a launch titled as 深度求索's."""
    record = run_article(GOVERNMENT, "多地政务系统接入DeepSeek")
    calls = next(e for e in record.events if "20万次" in e.title)
    assert calls.type == "statistic" and "深度求索" not in calls.title, calls


def test_an_editorials_calls_are_no_events_and_its_card_says_so():
    """Its 要坚持应用牵引, 要鼓励…, 要加快完善… had been three plans of nobody; the card then announced a list it left
    empty."""
    record = run_article(EDITORIAL, "人民日报评论员：以人工智能赋能千行百业")
    assert record.events == [], record.events
    assert render_events(record) == "这篇文章“人民日报评论员：以人工智能赋能千行百业”未报道具体的重大事件。"
