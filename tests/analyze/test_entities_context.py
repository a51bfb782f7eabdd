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
