"""Financing rounds, appointments and court rulings as AI-industry readers get them. Each text is written in the style
of such reports; each test names the defect a reader had seen in its record."""

from __future__ import annotations

from tests.summarize._articles import run_article
from zhiku.analyze.entity_people import appointees
from zhiku.record import RawInfo, Record
from zhiku.summarize.events import document_year

FUNDING = ("本报讯（记者 王晓）北京智谱华章科技股份有限公司（简称“智谱”）12月3日宣布完成新一轮超过30亿元人民币融资。"
           "本轮融资由北京人工智能产业投资基金领投，杭州城投产业基金、上海国投先导基金等跟投，老股东腾讯、美团继续追加投资。\n"
           "智谱首席执行官张鹏表示，本轮融资将主要用于新一代基座大模型的研发和算力基础设施建设。据了解，智谱自2019年成立以来"
           "已累计完成超过20轮融资，投后估值超过400亿元。")

APPOINTMENT = ("12月2日，百度集团发布内部邮件宣布，任命王海峰为百度集团首席技术官，全面负责百度技术战略和技术体系建设，直接向"
               "百度创始人、董事长兼首席执行官李彦宏汇报。\n"
               "与此同时，原百度智能云事业群总裁沈抖将兼任文心大模型研发负责人。")

RULING = ("北京互联网法院11月28日对一起涉及人工智能生成图片的著作权侵权纠纷案作出一审判决，判令被告赔偿原告经济损失及合理"
          "开支共计1万元。\n"
          "此前，国家网信办等七部门联合公布的《生成式人工智能服务管理暂行办法》已于2023年8月15日起施行。")


def test_a_financing_round_is_titled_whole_and_dated_by_no_founding_year():
    """The round had read 2019-12-03 (the year the company was founded, 自2019年成立以来) and been titled 智谱融资;
    the sentence on the use of the money had been a second financing event."""
    record = run_article(FUNDING, "智谱完成新一轮超30亿元融资")
    first = record.events[0]
    assert first.title == "智谱完成新一轮超过30亿元人民币融资" and first.date == "--12-03", first
    assert not any((e.date or "").startswith("2019") for e in record.events), record.events
    assert not any("用于" in e.title for e in record.events), record.events
    assert any(e.title == "北京人工智能产业投资基金领投" for e in record.events), record.events


def test_investors_are_organizations_and_the_amount_is_the_financing():
    record = run_article(FUNDING, "智谱完成新一轮超30亿元融资")
    companies = {o.name for o in record.organizations if o.type == "company"}
    assert {"北京人工智能产业投资基金", "杭州城投产业基金", "上海国投先导基金"} <= companies, companies
    figures = {f.raw: f for f in record.figures}
    assert figures["30亿元人民币"].subject == "融资", figures  # it had been 新一轮
    assert figures["400亿元"].year is None, figures  # not 2019, the founding year


def test_an_appointment_names_the_appointee_with_the_office_and_is_a_personnel_event():
    """王海峰 had been nobody (the segmenter reads 王|海峰) and the event a product launch (百度集团发布内部邮件宣布);
    李彦宏 and 沈抖 had had no title."""
    record = run_article(APPOINTMENT, "百度集团人事调整：王海峰出任首席技术官")
    people = {p.name: (p.title, p.organization) for p in record.people}
    assert people["王海峰"] == ("首席技术官", "百度集团"), people
    assert people["李彦宏"][1] == "百度" and people["沈抖"] == ("事业群总裁", "百度智能云"), people
    titles = {e.title: e.type for e in record.events}
    assert titles.get("百度任命王海峰为百度集团首席技术官") == "personnel", titles
    assert titles.get("沈抖兼任文心大模型研发负责人") == "personnel", titles


def test_appointees_are_named_between_the_verb_and_the_office():
    text = "董事会任命王海峰为首席技术官，并聘任欧阳明辉为副总裁。会议选举他们为理事。会后，李明出任院长。"
    names = [text[a:b] for a, b, _office in appointees(text, bytearray(len(text) + 1))]
    assert names == ["王海峰", "欧阳明辉", "李明"], names


def test_a_year_told_as_past_or_as_a_span_start_is_not_the_articles():
    """11月28日 had read 2023-11-28: the only year was that of an earlier rule (此前…已于2023年8月15日起施行)."""
    record = run_article(RULING, "AI生成图片侵权案宣判")
    assert record.events[0].date == "--11-28", record.events
    raw = RawInfo(format="text", sha256="0" * 64)
    assert document_year(Record(id="a", text="智谱自2019年成立以来已完成20轮融资。", raw=raw)) is None
    assert document_year(Record(id="b", text="自2012年4月开始，南方各地进入洪汛期。", raw=raw)) == 2012  # a recent month
    assert document_year(Record(id="c", text="早在2016年，公司就已布局。", raw=raw)) is None


COURT = ("北京互联网法院11月28日对一起涉及人工智能生成图片的著作权侵权纠纷案作出一审判决，认定被告某图像生成平台未尽到合理"
         "注意义务。\n"
         "原告李某诉称，其发现被告运营的平台生成的图片与其原创美术作品高度相似。\n"
         "此前，国家网信办等七部门联合公布的《生成式人工智能服务管理暂行办法》已于2023年8月15日起施行，明确要求服务提供者"
         "尊重知识产权。")

COMPUTE = ("新华社银川12月4日电（记者 马晓东）记者从宁夏回族自治区发展和改革委员会获悉，位于中卫市的中国电信西部智算中心一期"
           "项目日前正式投产，新增智能算力约1.2万PFLOPS。\n"
           "据介绍，截至11月底，宁夏枢纽节点已建成标准机架超过8万架，算力总规模超过5万PFLOPS。中卫数据中心集群绿电使用比例"
           "超过65%。\n"
           "宁夏回族自治区党委书记李邑飞表示，宁夏将加快建设全国一体化算力网络国家枢纽节点。")

EXPO = ("开幕式上，上海市共有24个人工智能重大项目现场签约，总投资金额超过180亿元，涉及智能算力、具身智能、智能网联汽车等"
        "领域。")

OPEN_MODEL = ("12月1日，阿里巴巴通义实验室宣布开源新一代大模型Qwen3系列，全部采用Apache 2.0协议开源。\n"
              "截至目前，通义千问系列模型全球下载量已突破4亿次，超越美国Meta公司的Llama系列，成为全球最大的开源模型族群。")


def test_a_ruling_is_a_legal_event_and_a_rule_in_force_is_titled_by_its_document():
    """The ruling had been a statement titled 北京互联网法院11月28日对一起; the rule had been titled
    国家互联网信息办公室施行 (the body that published it, with no document)."""
    record = run_article(COURT, "AI生成图片侵权案宣判")
    events = {e.title: e for e in record.events}
    assert events["北京互联网法院作出一审判决"].type == "legal", events
    assert events["《生成式人工智能服务管理暂行办法》施行"].date == "2023-08-15", events


def test_what_a_party_said_keeps_who_said_it_when_it_points_back():
    """原告李某诉称，其发现… had been cut to 其发现…, whose 其 then pointed at nobody."""
    record = run_article(COURT, "AI生成图片侵权案宣判")
    assert "原告李某诉称，其发现" in record.summary and "。其发现" not in record.summary, record.summary


def test_a_facility_put_into_production_is_an_event_and_a_count_built_a_statistic():
    """The centre's start had been no event; 已建成标准机架超过8万架 had been a product launch; the province's party
    secretary had had no body; the share of green power had read 比例."""
    record = run_article(COMPUTE, "“东数西算”宁夏枢纽新增万卡智算集群投产")
    events = {e.title: e.type for e in record.events}
    assert events.get("中国电信西部智算中心一期项目投产") == "product", events
    assert not any(t == "product" and "机架" in title for title, t in events.items()), events
    people = {p.name: (p.title, p.organization) for p in record.people}
    assert people["李邑飞"][1] == "宁夏回族自治区党委", people
    share = next(f for f in record.figures if f.raw == "65%")
    assert share.subject.endswith("绿电使用比例"), share


def test_projects_signed_are_an_investment_and_counted_without_where():
    record = run_article(EXPO, "2025世界人工智能大会开幕")
    counted = next(f for f in record.figures if f.raw == "24个")
    assert counted.subject == "人工智能重大项目", counted  # it had been 人工智能重大项目现场
    signed = next(e for e in record.events if "签约" in e.title)
    assert signed.type == "investment" and signed.title == "上海市共有24个人工智能重大项目现场签约", signed


def test_an_open_sourced_model_is_a_launch_and_a_rival_abroad_is_no_figures_region():
    """The release had been a statement cut at 宣布开源新一代; the downloads had been counted in 美国, the country of
    the rival they overtook; 美国Meta公司 had been a company of its own."""
    record = run_article(OPEN_MODEL, "阿里开源通义千问新模型")
    first = record.events[0]
    assert first.type == "product" and first.title == "阿里巴巴通义实验室宣布开源新一代大模型Qwen3系列", first
    downloads = next(f for f in record.figures if f.raw == "4亿次")
    assert downloads.region is None, downloads
    assert [o.name for o in record.organizations if "Meta" in o.name] == ["Meta"], record.organizations
