"""Event titles that read as headlines: no bare time, label, scene-setting clause, fragment or piece of a quotation."""

from __future__ import annotations

import pytest

from zhiku.record import RawInfo, Record
from zhiku.settings import Settings
from zhiku.summarize.events import extract_events
from zhiku.summarize.headline import clause_title, tidy, weak
from zhiku.summarize.stage import make_stage


@pytest.mark.parametrize("title", [
    "上午", "2012年1月", "的一个清晨", "5月15日晚9点", "-8日", "截至2023年底",  # times
    "导读", "候", "路要走",  # too short to say anything
    "在活动举行之前", "为了让更多的爱心人士帮助他们度过", "由于生态环境的极度恶劣", "笑容背后", "杜甫江阁附近",
    "启动仪式当天",  # scene-setting
    "造未来栋梁材”为主旨", "》联合东风标致推出",  # closes what it did not open
    "这种方式",  # a short noun phrase with nothing said of it
    "公告显示", "业内专家认为",  # an attribution, not what was reported
    "的劳动力供给将出现严重不足", "冷风柜肉食超过28天慎食对", "时正新将以", "“大学生绿色偶像评选”旨在",  # cut pieces
    "因为下午要出发", "即使面对着阳光",  # subordinate clauses
    "GPT-5是",  # a copula without what it is
])
def test_weak_titles(title):
    assert weak(title)


@pytest.mark.parametrize("title", [
    "杭州成立人工智能产业联盟", "被网民累计转发超过7万次", "当地政府出台扶持政策", "自动驾驶汽车获准上路",
    "在线教育平台用户突破1亿", "《公益时报》与搜狐公益联手推出", "“济慈之家”负责人感谢捐赠企业",
    "萍萍来到北京进行治疗",
    "中方坚决反对", "地铁未来的方向将分等级", "贵州布局人工智能训练基地", "问题依然存在",  # words, not particles
])
def test_headlines_are_not_weak(title):
    assert not weak(title)


def test_tidy_drops_what_stands_before_the_first_word():
    assert tidy("：愿意参加的志愿服务") == "愿意参加的志愿服务"
    assert tidy("（详见本报7月5日A7版报道）昨日，晏建伟悬赏") == "昨日，晏建伟悬赏"
    assert tidy("[详细][图集]公民可以查询") == "公民可以查询"
    assert tidy("二、将违法犯罪的人员列为有害人员") == "将违法犯罪的人员列为有害人员"
    assert tidy("2011年的数据") == "2011年的数据"  # a number that begins the text is no list number


def test_clause_title_skips_times_labels_and_scene_setting():
    def first_phrase(clause: str) -> str:
        return clause[:16]

    assert clause_title("上午，杜甫江阁附近，一位72岁的老人在风雨中被儿子抬到江边。", first_phrase) == (
        "一位72岁的老人在风雨中被儿子抬")
    assert clause_title("导读：从7月中旬开始，财经频道聚焦水流困局。", first_phrase) == "财经频道聚焦水流困局"
    # a clause before a colon that is long is a statement, not a label
    assert clause_title("众多爱心组织和爱心网友也参与了认捐：张迪忠认捐500双", first_phrase) == "众多爱心组织和爱心网友也参与了认"
    assert clause_title("上午，当天。", first_phrase) is None


def _record(text: str, title: str = "公益行动") -> Record:
    return Record(id="t", title=title, text=text, raw=RawInfo(format="text", sha256="0" * 64))


def test_events_of_a_news_story_have_headlines():
    text = "\n".join([
        "2012年7月16日上午，杜甫江阁附近，一位72岁的老人在风雨中被儿子抬到江边乞讨。",
        "在活动举行之前，学校图书室里只有陈旧的教科书，学生在课外没有书可以阅读。",
        "导读：从7月中旬开始，财经频道倾各栏目之力，联合出击，聚焦水流困局。",
        "2008年8月的一个清晨，某医院大院的水淹地里，一个熟睡的女婴被人发现。",
        "面对3亿吸烟者以及5.4亿被动吸烟者，迈向无烟中国还有很长的路要走！",
        "笑容背后，她还是一个患有心脏病的孤儿，需要社会各界的帮助。",
    ])
    events = extract_events(_record(text))
    titles = [e.title for e in events]
    assert len(events) >= 3
    assert not [t for t in titles if weak(t)], titles
    for bad in ("上午", "导读", "的一个清晨", "路要走", "笑容背后", "在活动举行之前"):
        assert bad not in titles


def _trigger_title(sentence: str) -> str:
    from zhiku.summarize.events import _core, build_title, find_trigger

    core = _core(sentence)
    found = find_trigger(core)
    assert found is not None
    return build_title(core, *found)


def test_a_title_keeps_a_book_title_whole_and_stops_at_the_clause_end():
    """The subject's last words cut 《2009中国慈善导航行动》 in two, and the object ran on past the comma into the
    next statement (导航行动》第一季启动此档由CCTV-12)."""
    sentence = "2009年8月，《2009中国慈善导航行动》第一季正式启动，此档由CCTV-12《大家看法》精心制作的节目将于年底播出。"
    assert _trigger_title(sentence) == "《2009中国慈善导航行动》第一季启动"
    signed = _trigger_title("会上，中华社会救助基金会与爱心城市大会承办方晋江市签约，许嘉璐理事长接受晋江市参与关爱行动。")
    assert signed.endswith("晋江市签约")


def test_a_saying_trigger_keeps_what_follows_its_comma():
    assert _trigger_title("北京提出，2024年将深入实施关键核心技术攻坚战行动，靶向破解“卡脖子”问题。") == (
        "北京提出2024年将深入实施关键核心技术攻坚战行动")


def test_a_description_cut_after_a_quotation_still_ends_with_a_stop():
    """Seed 003's second article: a description stopped at 人才链“多链融合” (a clause cut after a closing quote) with no full stop."""
    from zhiku.summarize.units import ended

    assert ended("加速推进创新链、产业链、资本链、人才链“多链融合”") == "加速推进创新链、产业链、资本链、人才链“多链融合”。"
    assert ended("捐款请务必备注（给孩子送双运动鞋）") == "捐款请务必备注（给孩子送双运动鞋）。"
    assert ended("他说：“我们会努力。”") == "他说：“我们会努力。”"
    assert ended("效果如何？”") == "效果如何？”"
    assert ended("增长了30%，") == "增长了30%。"


def test_a_list_closed_by_deng_keeps_its_first_item_only_where_the_title_is_too_long():
    from zhiku.summarize.events import _cut_phrase

    assert _cut_phrase("加快推动智能芯片、大模型算法、框架等基础性关键核心技术和产品突破", 14, 10) == (
        "加快推动智能芯片等基础性关键核心技术和产品突破")
    assert _cut_phrase("深化大数据、人工智能等研发应用", 14, 4) == "深化大数据、人工智能等研发应用"  # it fits
    # 不等 closes no list
    assert "等的" not in _cut_phrase("首次对遇难群众、因公殉职、烈士发放1万-3万元不等的慰问金", 14, 4)


def test_the_framing_sentence_says_progress_once():
    """Statements only had given 相关的重要进展等进展."""
    from zhiku.record import Event
    from zhiku.summarize.events import framing

    said = framing(_record("正文。", "答题活动上线"), [Event(title="活动上线", description="活动上线。", type="statement")])
    assert "相关的重要进展，" in said and "进展等进展" not in said
    launched = framing(_record("正文。", "发布会"), [Event(title="发布", description="发布。", type="product")])
    assert launched.endswith("等进展，以下是文章中提到的重大事件：")


def test_the_framing_sentence_nests_the_titles_quotes():
    from zhiku.summarize.events import framing

    assert framing(_record("正文。", "两会确定的“人工智能+”加什么？"), []).startswith("这篇文章报道了“两会确定的‘人工智能+’加什么？”相关的")


def test_bullets_and_example_markers_do_not_open_a_sentence():
    from zhiku.summarize.units import compress, strip_heading

    assert strip_heading("■山东已有人工智能骨干企业近1000家，带动相关产业规模超1000亿元。") == (
        "山东已有人工智能骨干企业近1000家，带动相关产业规模超1000亿元。")
    assert compress("比如，北京提出构建高效协同大模型技术产业生态。") == "北京提出构建高效协同大模型技术产业生态。"
    assert compress("比如说，北京提出构建高效协同大模型技术产业生态。") == "北京提出构建高效协同大模型技术产业生态。"


def test_a_long_company_name_titles_by_its_short_name():
    """A title cut from 杭州深度求索人工智能基础技术研究有限公司（DeepSeek）发布… kept only the name's end
    (智能基础技术研究有限公司发布并开源新一代); with the tag stage's organizations it names 深度求索."""
    from zhiku.pipeline import Pipeline

    text = ("12月26日，杭州深度求索人工智能基础技术研究有限公司（DeepSeek）正式发布并开源新一代大模型DeepSeek-V3。"
            "该模型总参数量达6710亿，在14.8万亿个词元上完成预训练。深度求索创始人梁文锋表示，公司将坚持开源路线。"
            "训练成本约为557.6万美元，远低于同类模型。")
    [record] = Pipeline.from_settings(Settings()).run(_record(text, "深度求索发布DeepSeek-V3"))
    titles = [e.title for e in record.events]
    assert "深度求索发布并开源新一代大模型DeepSeek-V3" in titles, titles


def test_a_document_issued_is_named_whole_and_its_period_dates_nothing():
    """印发《上海市促进具身智能产业发展行动方案（2025—2027年）》: the title had stopped at 印发 (a document's title
    too long to cut); the event's date is not 2027, the end of the plan's period, nor its target (到2027年)."""
    from zhiku.summarize.events import _date

    text = ("近日，上海市人民政府办公厅印发《上海市促进具身智能产业发展行动方案（2025—2027年）》。"
            "《方案》提出，到2027年，上海具身智能核心产业规模突破500亿元，培育10家以上具有国际影响力的头部企业。"
            "上海将设立总规模100亿元的具身智能产业基金，对重大项目给予最高5000万元支持。")
    record = make_stage(Settings())(_record(text, "上海发布具身智能产业发展行动方案"))
    issued = [e for e in record.events if e.title.endswith("》")]
    assert [e.title for e in issued] == ["上海印发《上海市促进具身智能产业发展行动方案》"]
    assert all(e.date is None for e in record.events), [(e.title, e.date) for e in record.events]
    department = ("深圳市工业和信息化局日前发布《深圳市加快打造人工智能先锋城市的若干措施》，提出每年发放总额5亿元的“训力券”。"
                  "深圳已有人工智能企业2600余家，其中上市企业超过60家。到2025年，深圳人工智能核心产业规模将突破3000亿元。")
    from zhiku.pipeline import Pipeline

    [tagged] = Pipeline.from_settings(Settings()).run(_record(department, "深圳发放5亿元训力券"))
    titles = [e.title for e in tagged.events]
    assert "深圳发布《深圳市加快打造人工智能先锋城市的若干措施》" in titles, titles
    assert _date(["2024年上海人工智能产业规模达4500亿元。"], None) == "2024"
    assert _date(["该标准于2024年发布。"], None) == "2024"
    assert _date(["中心正式投入服务，预计2026年扩充至10000PFLOPS。"], None) is None  # a forecast's year


NVIDIA = ("当地时间3月18日，英伟达在美国圣何塞举办GTC 2025大会。英伟达创始人兼首席执行官黄仁勋发表主题演讲，"
          "发布了新一代AI芯片Blackwell Ultra，并公布了下一代Vera Rubin架构的路线图。\n"
          "黄仁勋表示，推理模型的出现让AI计算需求大幅增长。他预计，到2028年，全球数据中心资本支出将超过1万亿美元。\n"
          "英伟达2025财年营收达1305亿美元，同比增长114%，其中数据中心业务营收1152亿美元。")


def test_titles_take_the_subject_the_owner_and_the_forecast_the_sentence_gives():
    """A clause without a subject (，发布了…) takes the person or company the sentence names last before it; a
    company's figure keeps its company and period (英伟达2025财年营收…); a forecast keeps its 将; a plan's
    target year (到2028年) is not the article's year."""
    from zhiku.pipeline import Pipeline
    from zhiku.summarize.events import document_year

    [record] = Pipeline.from_settings(Settings()).run(_record(NVIDIA, "英伟达发布新一代Blackwell Ultra芯片"))
    titles = [e.title for e in record.events]
    assert "黄仁勋发布新一代AI芯片Blackwell Ultra" in titles, titles
    assert "英伟达2025财年营收达1305亿美元" in titles, titles
    assert "全球数据中心资本支出将超过1万亿美元" in titles, titles
    assert document_year(record) is None
    assert [e.date for e in record.events if e.title.startswith("英伟达在美国")] == ["--03-18"]
    people = {p.name: (p.title, p.organization) for p in record.people}
    assert people["黄仁勋"] == ("创始人兼首席执行官", "英伟达")  # the title before a name the verb 发表 follows
    subjects = {f.raw: f.subject for f in record.figures}
    assert subjects["114%"] == "财年营收同比" and subjects["1万亿美元"] == "全球数据中心资本支出"


STATE_COUNCIL = ("国务院总理李强7月31日主持召开国务院常务会议，审议通过《关于深入实施“人工智能+”行动的意见》。"
                 "会议指出，要加快推动人工智能在科学研究、工业制造、消费服务、公共治理等领域的规模化商业化应用。\n"
                 "会议强调，要强化算力、数据、算法等基础支撑，完善政策法规，加强人工智能安全治理。\n"
                 "据工信部统计，截至2025年6月底，我国人工智能企业数量超过5000家，核心产业规模接近6000亿元。")


def test_a_short_article_of_paragraphs_is_summarized_in_sentences_with_who_directs():
    """Under 300 characters but in paragraphs, an article is no microblog post: its summary had been clauses
    (审议通过《…》。会议强调。). A directive keeps who gave it (会议指出，要…); the premier before a date is a person."""
    from zhiku.summarize.extractive import summarize

    summary = summarize(STATE_COUNCIL).text
    assert summary.startswith("国务院总理李强7月31日主持召开国务院常务会议，审议通过《关于深入实施“人工智能+”行动的意见》。")
    assert "会议指出，要加快推动人工智能" in summary and "会议强调。" not in summary
    assert summarize(STATE_COUNCIL.replace("\n", "")).text != summary  # one paragraph: a post's headline
    from zhiku.analyze.entities import extract_entities

    assert ("李强", "总理") in {(e.text, (e.info.get("roles") or [(None,)])[0][0])
                                for e in extract_entities(STATE_COUNCIL, use_lac=False) if e.type == "PER"}


FUNDING = ("36氪获悉，大模型公司月之暗面（Moonshot AI）近日完成新一轮超10亿美元融资，由阿里巴巴领投，"
           "红杉中国、小红书等老股东跟投，投后估值达33亿美元。\n"
           "月之暗面成立于2023年3月，创始人杨植麟毕业于清华大学，曾在卡内基梅隆大学攻读博士学位。\n"
           "杨植麟表示，本轮融资将主要用于模型研发和人才招聘。")


def test_a_funding_round_titles_the_company_and_its_round():
    """大模型公司 is what 月之暗面 is, not a company's name; the trigger ending its clause (…超10亿美元|融资，) takes
    what stands before it; the 月 of 月之暗面 is no date to strip (之暗面成立于…)."""
    from zhiku.pipeline import Pipeline

    [record] = Pipeline.from_settings(Settings()).run(_record(FUNDING, "月之暗面完成新一轮10亿美元融资"))
    titles = [e.title for e in record.events]
    assert "月之暗面完成新一轮超10亿美元融资" in titles, titles
    assert "月之暗面成立于2023年3月" in titles, titles
    assert "大模型公司" not in [o.name for o in record.organizations]
    terms = [k.term for k in record.keywords]
    assert not {"暗面", "估值达", "完成新一轮"} & set(terms), terms
    assert ("杨植麟", "创始人") in [(p.name, p.title) for p in record.people]


def test_a_body_that_announces_keeps_its_name():
    """法国航空公司表示，10日将取消…: the description keeps who announces (it had begun 10日将取消…), and the title
    names the body whole (it had read 空公司将取消…, the last three characters of a person's attribution)."""
    text = ("法国各工会号召10日继续举行全国跨行业大罢工及游行，预计交通、教育等多个行业都将受到影响。"
            "法国航空公司表示，10日将取消四分之一的国内航班。法国国家铁路公司称，两天全国铁路仅能保证15%至20%的运力。")
    events = {e.title: e.description for e in extract_events(_record(text, "法国全国大罢工再次严重影响交通"))}
    assert events.get("法国航空公司将取消四分之一的国内航班") == "法国航空公司表示，10日将取消四分之一的国内航班。", events
    # the nouns before the clause's first verb are its subject (法国各工会|号召10日继续举行…), not the verb's end
    assert "法国各工会举行全国跨行业大罢工及游行" in events, events
    from zhiku.analyze.entities import extract_entities

    people = [e.text for e in extract_entities("第六代导演张元将推出新片，张元表示很期待。", use_lac=False) if e.type == "PER"]
    assert "张元将" not in people


def test_a_title_ending_in_a_digit_is_checked_apart_from_its_description():
    """深度求索发布并开源新一代大模型DeepSeek-V3 + 12月26日，… had been checked as one string, stating 312."""
    from zhiku.pipeline import Pipeline

    text = ("12月26日，杭州深度求索人工智能基础技术研究有限公司（DeepSeek）正式发布并开源新一代大模型DeepSeek-V3。"
            "该模型总参数量达6710亿，在14.8万亿个词元上完成预训练。深度求索创始人梁文锋表示，公司将坚持开源路线。")
    [record] = Pipeline.from_settings(Settings()).run(_record(text, "深度求索发布DeepSeek-V3"))
    assert any(e.title.endswith("V3") and e.description.startswith("12月26日") for e in record.events)
    assert not [f for f in record.flags if "unverified" in f.kind], record.flags


def test_a_meeting_opens_where_it_is_held_under_its_first_name():
    """…大会暨…高级别会议在上海世博中心开幕: the title had been the place phrase (在上海世博中心开幕, a weak title), then
    a cut (2025世界人工智能大会暨)."""
    text = ("7月26日，2025世界人工智能大会暨人工智能全球治理高级别会议在上海世博中心开幕。国务院总理李强出席开幕式并致辞。"
            "本届大会展览面积超过7万平方米，800余家企业参展。")
    titles = [e.title for e in extract_events(_record(text, "2025世界人工智能大会在上海开幕"))]
    assert "世界人工智能大会在上海世博中心开幕" in titles, titles


def test_an_outlet_in_brackets_is_no_roundup_heading():
    """A fund site's roundup credits each item 【21世纪经济报道】…: that had been the event's title."""
    from ._articles import run_article

    record = run_article(
        "【21世纪经济报道】监管曝光银行“藏利润”：23家拨备率超200%\n"
        "9月26日，按150%拨备覆盖率计算，截至今年6月末，23家上市银行的拨备覆盖率超过200%。\n"
        "【智谱发布GLM-4.5】7月28日，智谱正式发布新一代旗舰模型GLM-4.5。",
        "9月26日重要资讯汇总",
    )
    titles = [e.title for e in record.events]
    assert "21世纪经济报道" not in titles and "智谱发布GLM-4.5" in titles, titles
