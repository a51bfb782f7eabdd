"""Context rules on entity spans: teams in match reports, units of organizations, sites, titles of works,
armed services, speakers, places abroad and bare surnames before a form of address."""

from __future__ import annotations

from zhiku.analyze.entities import Entity, _postprocess, extract_entities
from zhiku.analyze.entity_context import org_units, outside_work_titles, place_sites


def _spans(text: str) -> list[tuple[str, str]]:
    return [(e.type, e.text) for e in extract_entities(text, use_lac=False)]


def test_entities_context_cities_as_sides_of_a_match_are_teams():
    spans = _spans("米兰客场2比1战胜罗马，本赛季米兰保持不败。")
    assert spans == [("ORG", "米兰"), ("ORG", "罗马"), ("ORG", "米兰")]
    # without a match word the same cities are places
    assert _spans("罗马是意大利的首都，游客很多。") == [("LOC", "罗马"), ("LOC", "意大利")]
    # a club's other mentions in the text are the club; a country's stay the country outside match sentences
    spans = _spans("米兰客场2比1战胜罗马。赛后米兰球迷涌上街头。")
    assert spans.count(("ORG", "米兰")) == 2
    spans = _spans("意大利客场战胜荷兰，出线在望。意大利经济仍在复苏。")
    assert spans[:2] == [("ORG", "意大利"), ("ORG", "荷兰")] and spans[-1] == ("LOC", "意大利")


def test_entities_context_unit_after_an_organization_is_one_name():
    assert ("ORG", "教育部高等教育司") in _spans("教育部高等教育司今天发布通知。")
    assert ("ORG", "科技部政策法规司") in _spans("科技部政策法规司司长出席会议。")
    # a list (等) and verbs (判处, 举办) are no units
    assert ("ORG", "财政部") in _spans("财政部等五部委联合发文。")
    text = "市人民法院以受贿罪判处其有期徒刑。"
    merged = org_units(text, [Entity("ORG", 0, 5, "市人民法院", "市人民法院", "lac")])
    assert [e.text for e in merged] == ["市人民法院"]


def test_entities_context_a_field_s_departments_are_no_ministry_and_a_verb_no_unit():
    """公安部门 are the public security departments of any place, not 公安部; 处置 is a verb, not the unit 处."""
    assert _spans("由公安部门依法严厉处置和打击。") == []
    assert _spans("外交部门的发言人表示欢迎。") == []
    assert ("ORG", "外交部") in _spans("外交部发言人表示欢迎。")
    text = "公安部依法严厉处置违法行为。"
    merged = org_units(text, [Entity("ORG", 0, 3, "公安部", "公安部", "gazetteer")])
    assert [e.text for e in merged] == ["公安部"]


def test_entities_context_bank_place_branch_is_one_name():
    text = "招商银行杭州分行今天开业。"
    parts = [Entity("ORG", 0, 4, "招商银行", "招商银行", "lac"), Entity("LOC", 4, 6, "杭州", "330100", "gazetteer")]
    assert [(e.type, e.text) for e in org_units(text, parts)] == [("ORG", "招商银行杭州分行")]


def test_entities_context_place_and_its_site_are_one_place():
    text = "周末去滨江广场看灯光秀。"
    merged = place_sites(text, [Entity("LOC", 3, 5, "滨江", "滨江", "lac")])
    assert [(e.type, e.text) for e in merged] == [("LOC", "滨江广场")]
    # a known city with a name between it and the site stays apart
    text = "杭州星光大厦今天开放。"
    merged = place_sites(text, [Entity("LOC", 0, 2, "杭州", "330100", "gazetteer")])
    assert [e.text for e in merged] == ["杭州"]
    assert ("LOC", "清华大学体育馆") in _spans("清华大学体育馆内座无虚席。")


def test_entities_context_names_inside_a_work_title_are_not_mentions():
    assert _spans("电影《北京爱情故事》昨晚在上海首映。") == [("LOC", "上海")]
    ents = [Entity("LOC", 3, 5, "中国", "CN", "gazetteer")]
    assert outside_work_titles("签署《中国与东盟合作宣言》", ents) == ents  # a document's title keeps its names


def test_entities_context_armed_service_of_a_country_is_an_organization():
    assert _spans("美国海军宣布新的部署计划。") == [("ORG", "美国海军")]


def test_entities_context_speakers_and_places_abroad():
    assert _spans("张伟说，会议很成功。") == [("PER", "张伟")]
    assert _spans("文章说，改革要继续推进。") == []
    assert _spans("会议明确指出方向。") == []
    assert _spans("代表团先后访问了洛杉矶和多伦多。") == [("LOC", "洛杉矶"), ("LOC", "多伦多")]


def test_entities_context_bare_surname_before_a_form_of_address_is_dropped():
    text = "张先生说，他昨天去了银行。"
    assert _postprocess(text, [Entity("PER", 0, 1, "张", "张", "lac")]) == []
    assert _postprocess("王总从外地回来。", [Entity("PER", 0, 2, "王总", "王总", "lac")]) == []
    text = "江主席会见了代表。"
    assert [e.text for e in _postprocess(text, [Entity("PER", 0, 1, "江", "江", "lac")])] == ["江"]


def test_one_character_stop_word_inside_a_word_does_not_cut_an_organization():
    from zhiku.analyze.entities import ner_spans

    text = "公安部经济犯罪侦查局局长高峰表示"
    assert ("ORG", 0, 10) in ner_spans(text, use_lac=False)  # 经 of 经济 is not the preposition 经
    text = "产品经教育部审定后出版"
    assert ("ORG", 3, 6) in ner_spans(text, use_lac=False)  # here 经 is the preposition: 教育部 alone


def test_phrase_openers_before_a_suffix_are_not_part_of_the_organization():
    # a preposition opens the phrase: the name is what follows it
    assert _spans("除中信银行开卡时需要本人到场。") == [("ORG", "中信银行")]
    # a quantity or a pronoun describes banks and companies, it does not name one
    assert _spans("一些外国银行在中国设立了分行。") == [("LOC", "中国")]
    assert not [s for s in _spans("十大措施出台后，不少银行迅速跟进，许多大型银行也表态支持。") if s[0] == "ORG"]
    # 或者 joins two names
    assert _spans("但如果华夏银行或者光大银行，则1分钱也不收。") == [("ORG", "华夏银行"), ("ORG", "光大银行")]


def test_coined_company_names_that_read_as_verbs_keep_their_first_word():
    # new companies' names often start with a word the segmenter tags as a verb: never cut there
    assert _spans("追觅科技公司发布了新款扫地机器人。") == [("ORG", "追觅科技公司")]
    assert ("ORG", "出门问问公司") in _spans("出门问问公司推出大模型。")
    assert ("ORG", "依图科技公司") in _spans("据悉，依图科技公司将在上海建设研发中心。")


def _orgs(text: str) -> list[str]:
    return [name for kind, name in _spans(text) if kind == "ORG"]


def test_a_suffix_that_runs_on_into_a_longer_word_ends_no_name():
    # 大学生, 大学城, 部队, 局地 (weather), 公司章程, 日报道: the suffix is part of another word
    assert _orgs("主要针对的人群是在校大学生，距离海口大学城只有5公里。") == []
    assert _spans("驻香港部队全体官兵同祖国人民一道。") == [("LOC", "香港")]
    assert _orgs("广西、广东、湖南局地甚至出现了干旱，全国大部以升温为主。") == []
    assert _orgs("国有企业公司章程的制定管理办法。") == []
    assert _orgs("据新华社29日报道，对于券商影响不大。") == ["新华社"]
    # a numeral counts films, games or rounds: 第4局, 几部新戏
    assert _orgs("林心如连拍几部新戏，带着这样的好感觉迎接第5局。") == []
    # the real names stay whole
    assert _orgs("深圳大学与中国银行签约，北京市环保局局长出席。") == ["深圳大学", "中国银行", "北京市环保局"]


def test_a_bracket_before_a_suffix_belongs_to_the_name_or_ends_what_precedes_it():
    assert _orgs("秉持长远发展的理念，索尼（中国）有限公司将通过此项活动。") == ["索尼（中国）有限公司"]
    assert _orgs("特区政府表示，科兴控股（香港）有限公司于1月提交申请。")[-1] == "科兴控股（香港）有限公司"
    assert _orgs("本报讯（记者赵鹏　文静）市人社局负责人昨天在会上说。") == ["市人社局"]


def test_a_government_is_named_by_its_territory_or_its_leader():
    assert _orgs("市民丢弃垃圾，必须购买政府制作的垃圾袋。") == []
    assert _orgs("老年人可以半价乘坐政府投资建设的公共交通工具。") == []
    assert _orgs("广州市人民政府发布通知，美国联邦政府也回应了。") == ["广州市人民政府", "美国联邦政府"]
    assert _orgs("采取有别于前任特朗普政府的更加平衡的政策。") == ["特朗普政府"]
    assert _orgs("叙利亚反政府组织说，冲突仍在继续。") == []


def test_a_destination_before_a_suffix_is_not_part_of_the_name():
    assert _orgs("2月1日转至定点医院，后又转诊至广州市第一人民医院。") == ["广州市第一人民医院"]
    assert not [name for name in _orgs("患者转往湘雅附属医院治疗。") if "转往" in name]
    assert _orgs("整治范围主要是从团岛至青岛奥帆中心。") == ["青岛奥帆中心"]


def test_counted_or_bodily_or_after_a_preposition_the_suffix_names_no_more_than_it_should():
    # 由市, 从市 are dictionary words, yet the preposition opens the phrase before the city's bureau
    assert _orgs("案件由市林业和园林局负责依法查处。") == ["市林业和园林局"]
    assert _orgs("记者昨天从市外事局了解到这一消息。") == ["市外事局"]
    assert _orgs("一男子日前向该市环保局扶沟县分局打电话举报。") == ["环保局扶沟县分局"]
    # schools and banks counted; parts of the body
    assert _orgs("为贵德县两所小学的孩子送去冬衣，这几所银行同样来自苏格兰。") == []
    assert _orgs("不侵损娇嫩的眼部及唇部肌肤，蛙泳腿部动作要领。") == []
    # a unit after an organization's name stops at a word that moves on to another place
    assert _orgs("随后被送到钟落潭镇医院之后转诊至广州市第一人民医院。") == ["钟落潭镇医院", "广州市第一人民医院"]


def test_a_place_that_ends_a_companys_stem_qualifies_the_brand_before_it():
    assert _orgs("据悉，安利中国有限公司将扩大投资。") == ["安利中国有限公司"]
    assert _orgs("６月１日，ＳＯＨＯ中国有限公司董事长潘石屹出席。") == ["ＳＯＨＯ中国有限公司"]  # as scraped
    assert _orgs("日前，银联北京分公司宣布，据上述中储粮黑龙江分公司人士介绍。") == ["银联北京分公司", "中储粮黑龙江分公司"]
    # a bank or a government named by its place is the place's own
    assert _orgs("国泰君安分析师在赴宁波银行调研后也指出。") == ["国泰君安", "宁波银行"]  # 国泰君安: the gazetteer
    assert _orgs("这一文件表明意大利政府决心要加速改革。") == []  # the place, as the annotated sets read it


def test_an_adverb_and_a_verb_before_a_suffix_make_a_clause_not_a_name():
    assert _orgs("推进付费制度改革，逐步扩大试点医院和试点病种范围。") == []
    assert _orgs("周星驰更是随时关注着医院的情况。") == []
    assert _orgs("追觅科技公司发布了新款扫地机器人。") == ["追觅科技公司"]  # a coined name that reads as a verb


def test_a_noun_of_the_name_that_ends_in_a_stop_character_is_not_cut():
    # 家 stops a name's left edge as a word of its own (一家), not inside 国家, 专家, 书法家
    assert _orgs("记者在国家医疗保障局官网上查询到。") == ["国家医疗保障局"]
    assert _orgs("春联出自广州市职工书法家协会的书法家们。") == ["广州市职工书法家协会"]
    assert _orgs("他们在国家级创新中心工作。") == ["国家级创新中心"]
    assert _orgs("今年公司业绩增长。") == []
    assert _orgs("多年来韩国数家银行对伊朗提供贷款。") == []
    assert _orgs("患者治愈出院后，需在市第六人民医院康复病房继续治疗。") == ["市第六人民医院"]  # jieba's 需在市
    assert _orgs("两人在上大学的时候就相识，适合一到六年级小学生阅读。") == []
