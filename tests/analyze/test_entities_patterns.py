"""Organization and address patterns: armies named by country, teams either side of "vs", whole addresses."""

from __future__ import annotations

from zhiku.analyze.entities import Entity, _merge_addresses, _teams, extract_entities


def _spans(text: str) -> list[tuple[str, str]]:
    return [(e.type, e.text) for e in extract_entities(text, use_lac=False)]


def test_entities_patterns_army_of_a_country_is_an_organization():
    spans = _spans("1942年日军发动大扫荡，美军随后登陆。")
    assert ("ORG", "日军") in spans and ("ORG", "美军") in spans
    assert not [s for s in _spans("抗日军民奋起反击，美军事专家到场。") if s[0] == "ORG"]


def test_entities_patterns_places_down_to_a_street_number_are_one_address():
    text = "王府井书店北京市东城区王府井大街218号"
    parts = [Entity("LOC", 5, 8, "北京市", "110000", "gazetteer"), Entity("LOC", 8, 11, "东城区", "110101", "lac"),
             Entity("LOC", 11, 20, "王府井大街218号", "王府井大街218号", "lac")]
    merged = _merge_addresses(text, parts)
    assert [(e.type, e.text) for e in merged] == [("LOC", "北京市东城区王府井大街218号")]
    # a province and its city stay two places (北京市|东城区 without a street)
    assert len(_merge_addresses(text, parts[:2])) == 2


def test_entities_patterns_names_around_vs_are_teams():
    text = "都灵vsac米兰推荐"
    merged = _teams(text, [Entity("PER", 0, 8, "都灵vsac米兰", "都灵vsac米兰", "lac")])
    assert [(e.type, e.text) for e in merged] == [("ORG", "都灵"), ("ORG", "ac米兰")]
    text = "利兹vs维拉"
    merged = _teams(text, [Entity("PER", 0, 2, "利兹", "利兹", "lac"), Entity("LOC", 4, 6, "维拉", "维拉", "lac")])
    assert {e.type for e in merged} == {"ORG"}


def test_a_foreign_countrys_ministry_is_not_chinas():
    """美国商务部 had been merged into China's 商务部 (and 沙特外交部 into 外交部): another body, and its country stays a
    place of the article."""
    from tests.summarize._articles import run_article

    record = run_article("美国商务部12月2日宣布新的出口管制措施。对此，商务部新闻发言人表示坚决反对。", "美国商务部升级出口管制")
    assert [o.name for o in record.organizations] == ["美国商务部", "商务部"]
    assert [r.name for r in record.regions] == ["美国"]
    assert [e.key for e in extract_entities("沙特外交部发表声明。", use_lac=False) if e.type == "ORG"] == ["沙特外交部"]
