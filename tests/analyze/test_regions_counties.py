"""County-level divisions (regions_cn_counties.csv): found by full name, left out where the article is elsewhere, an
address when a street follows, and found by a filter on their province in a real store."""

from __future__ import annotations

from tests.summarize._articles import run_article
from zhiku.analyze.entities import extract_entities
from zhiku.analyze.regions import load_regions
from zhiku.api import ArticleFilter, ingest_bytes, search_articles


def _regions(text: str, title: str = "标题") -> list[tuple[str, str, str | None]]:
    return [(r.name, r.code, r.level) for r in run_article(text, title).regions]


def test_a_county_level_city_and_a_district_are_regions_of_their_level():
    """寿光市 and 龙岗区 had been no region: only provinces and prefectures were known."""
    assert ("寿光市", "370783", "county") in _regions("寿光市已建成智慧农业大棚1.2万个。")
    found = _regions("深圳市龙岗区率先在政务外网部署大模型，上线首月调用量超过20万次。")
    assert ("龙岗区", "440307", "county") in found and ("深圳市", "440300", "prefecture") in found, found


def test_a_shared_name_is_the_prominent_citys_and_no_place_of_a_province_the_article_does_not_name():
    """南山区 alone is 深圳's; 白云区 in an article on 湖南 (贵阳 has one too, the gazetteer keeps 广州's) is left out."""
    assert ("南山区", "440305", "county") in _regions("南山区发布人工智能产业扶持政策。")
    assert [n for n, _, _ in _regions("湖南省长沙市和白云区的企业签约。")] == ["湖南省", "长沙市"]


def test_no_two_character_or_generic_county_name_is_read():
    """新县, 东区, 城区 are words inside other words (新县城, 东区门口, 主城区)."""
    names = {e.name for e in load_regions().values() if e.level == "county"}
    assert "寿光市" in names and not names & {"新县", "东区", "城区", "郊区", "市辖区"}
    assert [e.text for e in extract_entities("他在东区门口等了新县城的车去主城区。", use_lac=False) if e.type == "LOC"] == []


def test_a_street_after_a_county_makes_one_address_but_a_subdistrict_does_not():
    locs = [(e.text, e.key) for e in extract_entities("位于朝阳区望京南湖南路10号。", use_lac=False) if e.type == "LOC"]
    assert locs == [("朝阳区望京南湖南路10号", "110105")]
    locs = [e.text for e in extract_entities("长沙县星沙街道开展活动。", use_lac=False) if e.type == "LOC"]
    assert locs == ["长沙县"]


def test_a_filter_on_the_province_finds_a_record_tagged_with_its_county(store):
    """region=山东 covers 370783 by its code prefix, as it covers 济南市 (370100)."""
    text = "寿光蔬菜大棚用上智能管家\n\n寿光市已建成智慧农业大棚1.2万个，覆盖全市30%以上的蔬菜种植面积。\n"
    [shouguang] = ingest_bytes(store, text.encode("utf-8"), "shouguang.txt").new

    def found(region: str) -> list[str]:
        return [item["id"] for item in search_articles(store, "", ArticleFilter(region=region), facets=False)["items"]]

    assert found("山东") == [shouguang] and found("寿光市") == [shouguang]
    assert found("广东") == []


def test_divisions_set_up_since_the_source_table_are_known_under_their_current_codes():
    """深圳市龙华区 (2016), 杭州市钱塘区 (2021) and 济南市钢城区 (莱芜市's until 2019) had been unknown or Haikou's and
    莱芜市's; cpca's table predates them."""
    regions = load_regions()
    by_name = {e.name: code for code, e in regions.items() if e.level == "county"}
    assert (by_name["龙华区"], by_name["钱塘区"], by_name["钢城区"]) == ("440309", "330114", "370117")
    assert "371203" not in regions


def test_a_city_abroad_gives_its_country():
    """迪拜 had given no region; 包罗万象 had once read 万象 (Vientiane), now no place."""
    assert [(n, c) for n, c, _ in _regions("萝卜快跑在迪拜和阿布扎比开展测试。")] == [("阿联酋", "AE")]
    assert _regions("展会上的产品包罗万象。") == []
