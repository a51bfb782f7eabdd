"""Industry news as AI-industry readers get it: a listing, a robotaxi licence, a product approval, a research paper.
Each text is written in the style of such reports; each test names the defect a reader had seen in its record."""

from __future__ import annotations

from tests.summarize._articles import run_article
from zhiku.analyze.entities import company_short_names

LISTING = ("12月5日，国产GPU企业摩尔线程智能科技（北京）股份有限公司在上海证券交易所科创板挂牌上市。开盘后，摩尔线程"
           "股价一度上涨超过400%，总市值突破3000亿元。\n"
           "招股书显示，摩尔线程2022年至2024年营业收入分别为0.46亿元、1.24亿元和4.38亿元，但尚未实现盈利，三年累计亏损"
           "超过50亿元。\n"
           "摩尔线程创始人、董事长兼首席执行官张建中曾任英伟达全球副总裁。他表示，上市是公司发展的新起点。")

ROBOTAXI = ("记者12月5日从广州市交通运输局获悉，小马智行正式获得广州市南沙区全域范围内的无人驾驶出租车商业化运营许可，"
            "成为广州首家获得该许可的自动驾驶企业。\n"
            "小马智行联合创始人兼首席执行官彭军表示，公司计划在2025年底前将自动驾驶车队规模扩大至1000辆，并推出第七代"
            "自动驾驶系统，系统硬件成本较上一代下降70%。")

APPROVAL = ("国家药品监督管理局近日批准了北京推想科技有限公司生产的“肺结节CT影像辅助检测软件”创新产品注册申请。"
            "推想科技表示，该产品可辅助医生对胸部CT影像中的肺结节进行检测和识别。")


def test_a_registered_name_goes_by_its_short_names():
    assert company_short_names("摩尔线程智能科技（北京）股份有限公司") == ("摩尔线程智能科技", "摩尔线程")
    assert company_short_names("北京推想科技有限公司") == ("北京推想科技", "推想科技", "北京推想", "推想")
    assert "中国移动" in company_short_names("中国移动通信集团有限公司")
    assert company_short_names("有限公司") == ()
    assert company_short_names("北京大学") == ()  # no company's legal form


def test_a_listing_is_one_company_and_a_financing_event():
    """The registered name had been a second organization, and the title had been cut inside it (国产GPU企业摩尔
    线程智能), typed as an institution founded (挂牌). The text names no year of its own: 12月5日 is no day of 2022,
    the start of the period 2022年至2024年."""
    record = run_article(LISTING, "摩尔线程登陆科创板 首日股价大涨超400%")
    names = [o.name for o in record.organizations]
    assert "摩尔线程" in names and not any("股份有限公司" in n for n in names), names
    [company] = [o for o in record.organizations if o.name == "摩尔线程"]
    assert "摩尔线程智能科技（北京）股份有限公司" in company.aliases
    listing = next(e for e in record.events if "上市" in e.title)
    assert listing.title == "摩尔线程在上海证券交易所科创板挂牌上市", listing
    assert listing.type == "investment" and listing.date == "--12-05", listing
    assert not any((e.date or "").startswith("2022") for e in record.events), record.events
    assert [o.type for o in record.organizations if o.name == "上海证券交易所"] == ["other"]  # no company


def test_a_company_that_plans_is_named_and_its_chief_is_not_cut():
    """公司计划…，并推出… is the company's plan: the title had read 官彭军推出… (the last three characters of the
    attribution), dated 2025 by the deadline 2025年底前."""
    record = run_article(ROBOTAXI, "小马智行获广州全域无人驾驶出租车商业化运营许可")
    titles = {e.title: e for e in record.events}
    assert "小马智行推出第七代自动驾驶系统" in titles, titles
    assert titles["小马智行推出第七代自动驾驶系统"].date is None
    assert ("彭军", "小马智行") in [(p.name, p.organization) for p in record.people]


def test_a_registered_name_merges_with_the_short_name_the_text_uses():
    record = run_article(APPROVAL, "国家药监局批准人工智能辅助诊断软件上市")
    [company] = [o for o in record.organizations if o.type == "company"]
    assert company.name == "推想科技" and "北京推想科技有限公司" in company.aliases, company


PAPER = ("本报讯（记者 刘博）清华大学自动化系戴琼海院士、电子工程系方璐副教授团队日前在国际顶级学术期刊《自然》上"
         "发表论文，报道了一款名为“太极”的光电智能计算芯片。\n"
         "据介绍，“太极”芯片能效达到每焦耳160万亿次运算，是现有商用智能芯片的数千倍。研究团队首创了分布式广度光"
         "计算架构，实现了千万神经元级别的光学神经网络。")


def test_a_paper_and_a_first_are_research_events():
    """Both had been statements titled by a length cut (清华大学自动化系戴琼海院士、电子)."""
    record = run_article(PAPER, "清华大学研制出全球首款全模拟光电智能计算芯片")
    types = {e.title: e.type for e in record.events}
    assert types.get("清华大学发表论文") == "research", types
    assert not any(e.title.endswith(("电子", "160")) for e in record.events), record.events


JOINT = ("新华社北京1月29日电 记者29日从工业和信息化部获悉，工业和信息化部、教育部、科技部、交通运输部、文化和旅游部、"
         "国务院国资委、中国科学院等七部门近日联合印发《关于推动未来产业创新发展的实施意见》。\n"
         "实施意见提出，到2025年，未来产业技术创新、产业培育、安全治理等全面发展，部分领域达到国际先进水平。")


def test_a_document_issued_by_several_bodies_is_led_by_the_first():
    """The title had named the last body listed (中国科学院印发…) and the policy the sixth (国务院国资委); a plan's
    target year in its own clause had been the whole object (实施意见提出到2025年)."""
    record = run_article(JOINT, "工信部等七部门印发实施意见 推动未来产业创新发展")
    titles = [e.title for e in record.events]
    assert "工信部等七部门印发《关于推动未来产业创新发展的实施意见》" in titles, titles
    assert "实施意见提出到2025年未来产业技术创新等全面发展" in titles, titles
    [policy] = record.policies
    assert policy.issuer == "工业和信息化部", policy
    assert "未来产业" in [k.term for k in record.keywords]


ROBOT_RACE = ("4月19日，2025北京亦庄半程马拉松暨人形机器人半程马拉松在北京经济技术开发区开跑。20支人形机器人赛队与上万名"
              "人类选手同场竞技。\n北京经济技术开发区管委会副主任梁胜介绍，亦庄已聚集机器人产业链企业300余家，产业规模"
              "超过100亿元。")

FILINGS = ("国家互联网信息办公室近日发布公告，截至2024年12月31日，累计有302款生成式人工智能服务在国家网信办完成备案。\n"
           "公告显示，对于直接调用已备案模型能力的生成式人工智能应用，由地方网信办进行登记，2024年共有105款应用完成登记。\n"
           "国家网信办有关负责人表示，将持续推进生成式人工智能服务备案登记工作，引导生成式人工智能技术健康有序发展。")

COUPONS = ("北京市经济和信息化局近日印发《北京市算力券实施细则（试行）》，明确今年将安排1亿元资金发放算力券。\n"
           "据悉，上海、深圳、成都等地此前也已推出算力券政策。")

GEMINI = ("当地时间11月18日，谷歌发布新一代人工智能大模型Gemini 3。谷歌首席执行官桑达尔·皮查伊表示，Gemini 3是谷歌迄今为止"
          "最智能的模型。谷歌DeepMind首席执行官戴密斯·哈萨比斯表示，新模型能够更好地理解用户意图。")


def test_a_race_has_no_runner_named_marathon_and_its_official_a_body():
    """马拉松 is a word jieba's dictionary tags nr; 管委会 ends a body's name (梁胜 had had none)."""
    record = run_article(ROBOT_RACE, "全球首个人形机器人半程马拉松在北京亦庄开跑")
    people = {p.name: (p.title, p.organization) for p in record.people}
    assert "马拉松" not in people and people.get("梁胜") == ("副主任", "北京经济技术开发区管委会"), people
    assert any(o.name == "北京经济技术开发区管委会" and o.type == "government" for o in record.organizations)
    # a statement's first clause within the title's length is kept whole (had stopped at 上万名人类)
    assert "20支人形机器人赛队与上万名人类选手同场竞技" in [e.title for e in record.events]


def test_an_attribution_is_no_title_and_an_official_speaks_for_the_body():
    record = run_article(FILINGS, "国家网信办：已有302款生成式人工智能服务完成备案")
    titles = [e.title for e in record.events]
    assert "公告显示" not in titles, titles
    assert "国家网信办将持续推进生成式人工智能服务备案登记工作" in titles, titles  # had been 负责人将持续推进…


def test_places_listed_act_together_and_a_policy_launched_is_a_policy():
    record = run_article(COUPONS, "北京发放算力券 支持中小企业使用智能算力")
    events = {e.title: e.type for e in record.events}
    assert events.get("上海等地推出算力券政策") == "policy", events


def test_a_foreign_chief_is_found_and_titles_are_no_keywords():
    record = run_article(GEMINI, "谷歌发布新一代大模型Gemini 3 称推理能力大幅提升")
    assert {"桑达尔·皮查伊", "戴密斯·哈萨比斯"} <= {p.name for p in record.people}
    terms = {k.term for k in record.keywords}
    assert not {"首席执行官", "发布", "迄今为止"} & terms, terms


def test_a_gathering_is_named_whole_and_a_race_starts():
    """第三次会议在杭州开幕 had lost whose congress it was; a race that 开跑 was a statement cut inside its second
    name (…马拉松暨人形)."""
    congress = run_article("1月13日，浙江省第十四届人民代表大会第三次会议在杭州开幕。浙江省省长王浩作政府工作报告。", "浙江两会开幕")
    assert "浙江省第十四届人民代表大会第三次会议在杭州开幕" in [e.title for e in congress.events]
    race = run_article(ROBOT_RACE, "全球首个人形机器人半程马拉松在北京亦庄开跑")
    types = {e.title: e.type for e in race.events}
    assert types.get("北京亦庄半程马拉松在北京经济技术开发区开跑") == "meeting", types


ROUNDUP = ("【智谱发布GLM-4.5】7月28日，智谱发布新一代旗舰模型GLM-4.5，总参数量3550亿，并宣布开源。\n"
           "【宇树科技启动上市辅导】据中国证监会网站信息，杭州宇树科技股份有限公司已在浙江证监局办理辅导备案登记。"
           "宇树科技创始人王兴兴持有公司23.82%的股份。\n"
           "【苹果推迟Siri升级】据彭博社报道，苹果公司将把个性化Siri的发布时间推迟至2026年。")

HONG_KONG = ("香港特區政府創新科技及工業局局長孫東今日（8日）宣布，政府將推出總額30億港元的研究支援計劃，資助本地大學及"
             "研究機構開展人工智能研究。孫東表示，香港擁有五所世界百強大學。\n"
             "此外，數碼港人工智能超算中心第一期已於去年底投入服務，算力達到1300P。")


def test_a_roundup_item_is_titled_by_its_heading():
    """Titles had begun with the heading and run into the text (【智谱发布GLM-4.5】7月28日); an item whose text has
    no trigger had been no event (宇树科技启动上市辅导). The description is the text without the heading."""
    record = run_article(ROUNDUP, "AI早报｜智谱发布GLM-4.5；宇树科技启动上市辅导；苹果推迟Siri升级")
    events = {e.title: e.description for e in record.events}
    assert {"智谱发布GLM-4.5", "宇树科技启动上市辅导", "苹果推迟Siri升级"} <= set(events), events
    assert events["智谱发布GLM-4.5"].startswith("7月28日，智谱发布")
    assert ("王兴兴", "创始人", "宇树科技") in [(p.name, p.title, p.organization) for p in record.people]


def test_a_hong_kong_bureau_and_no_generic_universities():
    """创新科技及工业局 joins its fields with 及; 本地大学 and 五所世界百强大学 are kinds of universities, no names;
    a service put into use is no investment (投入服务)."""
    record = run_article(HONG_KONG, "香港特區政府推出30億元人工智能資助計劃")
    assert [o.name for o in record.organizations] == ["香港特区政府创新科技及工业局"], record.organizations
    assert [(p.name, p.title) for p in record.people] == [("孙东", "局长")]
    launch = next(e for e in record.events if "投入服务" in e.title)
    assert (launch.title, launch.type) == ("数码港人工智能超算中心第一期投入服务", "product"), launch


def test_a_companys_industry_comes_from_its_entry_with_the_company_as_evidence():
    """The listing of a GPU designer names no industry word: its 行业 had been empty. 集成电路设计 is GB/T 4754 I."""
    record = run_article(LISTING, "摩尔线程登陆科创板 首日股价大涨超400%")
    [industry] = [t for t in record.industries if t.id == "I"]
    assert industry.label == "软件和信息服务" and {e.text for e in industry.evidence} == {"摩尔线程", "英伟达"}, industry
    # a written industry word outweighs a company's: 制造业 stays first where the text says it
    written = run_article("制造业是立国之本，智能制造加快发展。华为表示将加大投入。摩尔线程也参与其中。", "智能制造")
    assert written.industries[0].label == "制造业", written.industries


def test_an_officials_next_step_is_his_and_proceeds_used_are_no_plan():
    """下一步 had been the actor (下一步将加强统筹协调); 募集资金…将主要用于… had been a plan of 摩尔线程."""
    text = ("工业和信息化部科技司司长任爱光表示，下一步将加强统筹协调，推动人形机器人、脑机接口等标志性产品加快突破。\n"
            "摩尔线程本次公开发行7000万股，募集资金总额约80亿元，将主要用于新一代AI训推一体芯片的研发。")
    record = run_article(text, "推动未来产业创新发展")
    titles = [e.title for e in record.events]
    assert "任爱光提出加强统筹协调" in titles, titles
    assert not any("用于" in t or t.startswith("下一步") for t in titles), titles


MARKET = ("12月1日，A股人工智能板块集体走强。截至收盘，寒武纪股价上涨8.5%，中际旭创、新易盛、工业富联等算力概念股涨幅均"
          "超过5%。今年以来，人工智能指数累计上涨62%。\n中信证券首席策略分析师秦培景认为，国产算力需求持续旺盛。"
          "不过，他也提醒投资者注意部分个股估值过高的风险。")

SUBSIDIES = ("近日，合肥市人民政府印发《合肥市支持人工智能产业高质量发展若干政策》，从算力、模型、应用、人才等方面提出20条"
             "支持措施。\n《政策》明确，对新建智能算力中心，按照设备投资额的20%给予补助，单个项目最高1亿元。")

DIALOGUE = ("当地时间5月14日，中美人工智能政府间对话首次会议在瑞士日内瓦举行。\n外交部北美大洋洲司司长杨涛表示，中方愿同"
            "美方加强沟通协调，推动构建开放、公正、有效的人工智能全球治理机制。")


def test_market_news_names_its_companies_and_investors_invest_nothing():
    record = run_article(MARKET, "AI概念股集体走强 寒武纪股价创历史新高")
    assert {"中际旭创", "新易盛", "工业富联", "中信证券"} <= {o.name for o in record.organizations}
    assert ("秦培景", "首席策略分析师", "中信证券") in [(p.name, p.title, p.organization) for p in record.people]
    assert [f.subject for f in record.figures if f.raw == "62%"] == ["人工智能指数"]  # had been None (累计上涨)
    assert not any(e.type == "investment" for e in record.events), record.events  # 提醒投资者 is no investment


def test_a_facility_to_build_is_no_body_and_measures_are_counted():
    record = run_article(SUBSIDIES, "合肥出台若干政策 最高给予1亿元支持人工智能产业发展")
    assert "新建智能算力中心" not in {o.name for o in record.organizations}
    assert [f.subject for f in record.figures if f.raw == "20条"] == ["支持措施"]
    assert not {"给予", "最高"} & {k.term for k in record.keywords}


def test_a_department_named_by_places_is_no_region():
    record = run_article(DIALOGUE, "中美举行人工智能政府间对话首次会议")
    assert [r.name for r in record.regions] == ["瑞士"], record.regions
    assert ("外交部北美大洋洲司", "government") in [(o.name, o.type) for o in record.organizations]


INTERVIEW = ("“大模型的竞争已经从拼参数规模进入拼应用落地的下半场。”近日，商汤科技董事长兼首席执行官徐立在接受本报记者专访时"
             "表示。\n徐立介绍，今年上半年生成式人工智能相关收入达到18.2亿元，占集团总收入的比重首次超过七成。\n"
             "谈及算力布局，徐立说，商汤在上海临港建设的人工智能计算中心目前算力规模已达到25000P，“我们会继续加大投入”。\n"
             "上海人工智能产业规模预计2025年突破5000亿元。")


def test_an_interview_keeps_its_company_and_its_forecasts():
    """占|集团 had been a company, 商汤科技董事长 a keyword, 继续加大投入 an investment; a forecast with its year
    had lost its 预计 in the title."""
    record = run_article(INTERVIEW, "专访商汤科技董事长徐立：大模型竞争进入“下半场”")
    assert [o.name for o in record.organizations] == ["商汤科技"], record.organizations
    terms = {k.term for k in record.keywords}
    assert not {"科技董事长", "商汤科技董事长", "专访"} & terms, terms
    assert not any(e.type == "investment" for e in record.events), record.events
    assert "上海人工智能产业规模预计突破5000亿元" in [e.title for e in record.events]


POST = ("【#DeepSeek发布V3.1#】8月21日，深度求索正式发布DeepSeek-V3.1，采用混合推理架构，一个模型同时支持思考模式与非思考"
        "模式。官方称，新模型的思考效率更高，智能体能力显著增强。API价格将于9月6日起调整。#人工智能# #大模型#")

PROVINCE = ("1月21日，广东省第十四届人民代表大会第四次会议开幕。省长王伟中代表省政府作政府工作报告。\n"
            "报告提出，2025年广东将力争人工智能核心产业规模突破3000亿元。\nGPT-5的幻觉率较GPT-4o降低约45%。")


def test_a_post_is_titled_by_its_headline_and_summarized_without_topic_tags():
    """The whole post had been its title, its summary 【#DeepSeek发布V3.1#】8月21日。 and its event #DeepSeek发布V3.1#.
    Titled by its 【headline】, the post is summarized by its sentences, which say what the title does not."""
    from zhiku.collect.files import read_bytes

    [raw] = read_bytes(POST.encode(), "post.txt")
    from zhiku.pipeline import Pipeline
    from zhiku.settings import Settings

    [record] = Pipeline.from_settings(Settings()).run(raw)
    assert record.title == "DeepSeek发布V3.1"
    assert record.summary.startswith("8月21日，深度求索正式发布DeepSeek-V3.1") and "#" not in record.summary, (
        record.summary)
    assert "【" not in record.summary, record.summary  # the title is not said again
    assert "DeepSeek发布V3.1" in [e.title for e in record.events]


def test_a_governor_reads_his_provinces_report():
    """省长王伟中 had been swallowed by a place read up to 省政府 (省长王伟中代表省); the report had been the State
    Council's; a rate compared with another model had been GPT-4o's figure."""
    record = run_article(PROVINCE, "广东省政府工作报告：大力发展人工智能与机器人产业")
    assert ("王伟中", "省长") in [(p.name, p.title) for p in record.people]
    assert [(p.name, p.issuer) for p in record.policies if p.name == "政府工作报告"] == [("政府工作报告", "广东省")]
    assert [f.subject for f in record.figures if f.raw == "45%"] == ["幻觉率"]


DRAFT = ("为规范人工智能生成合成内容标识，维护国家安全和社会公共利益，国家互联网信息办公室起草了《人工智能生成合成内容标识"
         "办法（征求意见稿）》，9月14日起向社会公开征求意见，意见反馈截止时间为2024年10月14日。")

CHIPS = ("9月18日，在华为全联接大会2025上，华为副董事长、轮值董事长徐直军发布了昇腾超节点新品。\n"
         "昇腾950PR芯片计划于2026年一季度推出，将采用华为自研的HBM高带宽内存。\n"
         "受业绩提振，腾讯控股股价在港股市场收涨2.3%。")


def test_a_draft_for_comment_is_a_policy_dated_by_its_release_not_its_deadline():
    """The event had been titled by the purpose clause (维护国家安全和社会公共利益) and dated by the deadline."""
    [event] = [e for e in run_article(DRAFT, "国家网信办就标识办法公开征求意见").events if e.type == "policy"]
    assert event.title == "国家互联网信息办公室起草《人工智能生成合成内容标识办法》", event
    assert event.date == "2024-09-14", event


def test_a_planned_launch_dates_nothing_and_keeps_its_product():
    """计划于2026年 had dated the conference (2026-09-18) and left the title 一季度推出; 在港股市场 had been a
    figure's subject."""
    record = run_article(CHIPS, "华为发布昇腾384超节点")
    titles = {e.title: e.date for e in record.events}
    assert "昇腾950PR芯片计划于2026年一季度推出" in titles, titles
    assert not any((d or "").startswith("2026-09") for d in titles.values()), titles
    assert [f.subject for f in record.figures if f.raw == "2.3%"] == ["股价"]


def test_a_companys_figure_is_titled_with_the_company_the_sentence_names():
    """总市值突破6500亿元 had said whose it was nowhere; the sentence names one company before it. (With 上涨 before it
    in the sentence, the stock's move is the statistic the sentence is titled by: 寒武纪股价上涨8.5%.)"""
    record = run_article("截至收盘，寒武纪报收1580元/股，总市值突破6500亿元，股价创历史新高。", "寒武纪股价创历史新高")
    assert "寒武纪总市值突破6500亿元" in [e.title for e in record.events], record.events
    record = run_article("截至收盘，寒武纪股价上涨8.5%，报收1580元/股，总市值突破6500亿元。", "寒武纪股价创历史新高")
    assert "寒武纪股价上涨8.5%" in [e.title for e in record.events], record.events
