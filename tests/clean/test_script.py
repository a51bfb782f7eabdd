"""Script conversion: traditional → simplified with OpenCC, logged per line."""

from __future__ import annotations

from zhiku.clean.script import convert_script, is_traditional, to_simplified
from zhiku.clean.steps import clean_text


def test_script_converts_traditional_lines():
    text, log = convert_script("競逐人工智能,山東的方位與作為\n第二行没有变化")
    assert text == "竞逐人工智能,山东的方位与作为\n第二行没有变化"
    assert len(log) == 1 and log[0].before.startswith("競逐") and log[0].at == 0


def test_script_simplified_text_is_untouched():
    text = "人工智能加速赋能千行百业，瞭望、经济参考报。"
    assert convert_script(text) == (text, [])


def test_script_detects_traditional_text():
    before = "山東已有人工智能骨幹企業近1000家"
    assert is_traditional(before, to_simplified(before))
    assert not is_traditional("人工智能", "人工智能")


def test_script_a_simplified_text_keeps_the_name_characters_t2s_maps():
    """OpenCC's t2s maps 昇 to 升 and 於 to 于: a simplified text means Huawei's 昇腾 and the surname 於."""
    from zhiku.clean.script import convert_script

    text = "大会期间，华为发布昇腾384超节点，明代名臣於谦的故居也对外开放。"
    assert convert_script(text) == (text, [])
    out, log = convert_script("大会期间，華為發布昇騰384超節點，商湯科技發布新模型。")
    assert out == "大会期间，华为发布昇腾384超节点，商汤科技发布新模型。" and log
    # a lone traditional character in a simplified text is still converted (競逐 → 竞逐)
    assert convert_script("競逐人工智能，山东的方位与作为。")[0] == "竞逐人工智能，山东的方位与作为。"


def test_converted_text_converts_to_itself():
    """OpenCC's t2s maps 薴 to 苧 and 苧 again to 苎: the cleaning had converted twice, logging a 苎 that the
    conversion of the source (苧) did not give (hypothesis found it in ``test_properties``)."""
    assert to_simplified("薴") == to_simplified(to_simplified("薴")) == "苎"
    assert to_simplified("人工智能產業發展") == "人工智能产业发展"
    result = clean_text("薴")
    assert result.text == "苎" and [(e.before, e.after) for e in result.entries if e.step == "script"] == [("薴", "苎")]


def test_a_traditional_text_takes_the_mainlands_technology_words():
    """A Taiwan report (台積電's results) had kept 人工智慧, 晶片 and 奈米: no technology tag, and no hit for 芯片."""
    text = "台積電董事長魏哲家表示，人工智慧相關需求持續強勁，AI晶片供不應求，3奈米製程出貨占23%。"
    new, entries = convert_script(text)
    assert new == "台积电董事长魏哲家表示，人工智能相关需求持续强劲，AI芯片供不应求，3纳米制程出货占23%。"
    assert "the mainland's words" in entries[0].note
    # a simplified text keeps its words (晶片 is rare but correct on the mainland too), and so does a traditional
    # text's general vocabulary (OpenCC's tw2sp would have made 核心 内核 and 建立 创建)
    assert convert_script("这块晶片采用5纳米工艺。")[0] == "这块晶片采用5纳米工艺。"
    assert convert_script("我省人工智能核心產業規模仍偏小，建立高效協同的技術體系。")[0] == \
        "我省人工智能核心产业规模仍偏小，建立高效协同的技术体系。"
