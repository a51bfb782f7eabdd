"""Regions: GB/T 2260 divisions and countries, with 中国联通/海南航空 and 鲁 handled."""

from __future__ import annotations

from tests.analyze._seeds import sentence_with
from zhiku.analyze.entities import extract_entities
from zhiku.analyze.regions import load_regions


def _locs(text: str) -> list[tuple[str, str]]:
    return [(e.text, e.key) for e in extract_entities(text, use_lac=False) if e.type == "LOC"]


def test_regions_gazetteer_covers_all_divisions():
    regions = load_regions()
    provinces = [r for r in regions.values() if r.level == "province"]
    prefectures = [r for r in regions.values() if r.level == "prefecture"]
    assert len(provinces) == 34
    assert len(prefectures) >= 333
    assert regions["370000"].name == "山东省" and "鲁" in regions["370000"].abbr
    assert regions["371000"].name == "威海市" and regions["371000"].province == "370000"
    assert regions["CN"].level == "country"


def test_regions_found_with_codes_in_seed_000():
    s = sentence_with("000", "威海市")
    assert ("山东", "370000") in _locs(s) and ("威海市", "371000") in _locs(s)


def test_regions_china_is_not_found_inside_china_unicom():
    s = sentence_with("000", "由中国联通研发")
    assert _locs(s) == []
    assert ("中国", "CN") in _locs("中国已经成为全球最大的数字社会。")


def test_regions_hainan_airlines_is_not_hainan():
    assert _locs("海南航空推出智能客服。") == []
    assert _locs("海南自贸港建设提速。") == [("海南", "460000")]


def test_regions_one_character_abbreviation_only_in_context():
    assert _locs("鲁企加快数字化转型。") == [("鲁", "370000")]
    assert [k for _, k in _locs("京津冀、沪苏浙皖")] == ["area-jjj", "310000", "320000", "330000", "340000"]
    assert _locs("他很鲁莽。") == []
    assert _locs("为经济社会各个领域带来新产业、新模式。") == []


def test_regions_ambiguous_short_names_need_the_full_name():
    assert _locs("他们实现了长治久安。") == []
    assert _locs("长治市发布算力规划。") == [("长治市", "140400")]
    assert _locs("泰山南麓风景优美。") == [] and ("山南市", "540500") in _locs("西藏山南市加查县。")  # 韶山南路


def test_regions_a_name_the_segmenter_reads_across_two_other_words_is_no_place():
    # 发展中|国家, 违法|国家, 远大|理想, 白山|东部, 南湖|南路: neither end of the name is a word boundary
    assert _locs("中国是世界上最大的发展中国家。") == [("中国", "CN")]
    assert _locs("不得做任何违法国家法律法规的事。") == []
    assert _locs("为共产主义奋斗的远大理想。") == []
    assert _locs("位于朝阳区望京南湖南路10号。") == [("朝阳区望京南湖南路10号", "110105")]  # one address, no 南湖
    # another place beside it, or a division's suffix after it, keeps it a place
    assert ("台湾", "710000") in _locs("一贯反对中国台湾地区同我建交。")
    assert ("长沙县", "430121") in _locs("县妇幼保健院长沙县星沙街道开展活动。")  # (the county, since the gazetteer has it)


def test_regions_a_companys_place_stands_in_when_no_place_is_named():
    """香港科技园公司 had given a Hong Kong story no region; a company's place still never outranks a place the text
    names, nor does a country (中国联通)."""
    from zhiku.analyze.tagging import analyze

    alone = analyze("香港科技园公司（科技园公司）今日宣布，将与多所大学合作建设人工智能实验室。")["regions"]
    assert [(r.name, [e.text for e in r.evidence]) for r in alone] == [("香港特别行政区", ["香港"])]
    named = analyze("杭州深度求索人工智能基础技术研究有限公司在上海设立研发中心。")["regions"]
    assert [r.name for r in named] == ["上海市"]
    assert analyze("中国联通发布新套餐。")["regions"] == []
