"""Mojibake: GBK out-of-step and UTF-8-read-as-GBK repairs with exact round trips; ftfy for Latin-1."""

from __future__ import annotations

from tests.conftest import seed_text
from zhiku.clean.mojibake import fix_mojibake, is_rare, repair_gbk


def test_mojibake_seed_001_out_of_step_gbk_is_repaired_and_the_loss_flagged():
    text, log = fix_mojibake(seed_text("001"))
    assert "谛酆竦漠" not in text
    assert "以上于雄厚的產(chǎn)業(yè)基礎" in text
    replaced = [e for e in log if e.action == "replaced"]
    assert replaced[0].before == "\ue2c4谛酆竦漠a" and replaced[0].after == "于雄厚的產"
    # the round trip is exact: the repaired text re-encoded, after the orphan byte, gives the garbled text
    assert (b"\xf9" + "于雄厚的產".encode("gb18030")).decode("gb18030") == "\ue2c4谛酆竦漠a"
    flagged = [e for e in log if e.action == "flagged"]
    assert flagged and flagged[0].before == "?;"


def test_mojibake_utf8_read_as_gbk_is_repaired():
    garbled = "人工智能产业".encode().decode("gbk")
    assert garbled == "浜哄伐鏅鸿兘浜т笟"
    fixed, log = repair_gbk("报道：" + garbled + "。")
    assert fixed == "报道：人工智能产业。"
    assert log[0].note == "utf-8 read as gbk" and log[0].at == 3


def test_mojibake_lost_bytes_are_flagged_not_invented():
    garbled = "大模型".encode().decode("gbk", errors="replace")  # the last byte is lost
    fixed, log = fix_mojibake("报道：" + garbled + "。")
    assert "大模型" not in fixed
    assert any(e.action == "flagged" for e in log)


def test_mojibake_latin1_confusion_is_fixed_by_ftfy():
    garbled = "中国人工智能".encode().decode("latin-1")
    fixed, log = fix_mojibake("新闻：" + garbled)
    assert fixed == "新闻：中国人工智能"
    assert log[0].note == "ftfy"


def test_mojibake_clean_chinese_with_rare_characters_is_untouched():
    text = "潮新闻记者唐骏垚报道，蒙牛首席数智官李琤洁介绍，饕餮、魑魅魍魉都是生僻字。"
    fixed, log = fix_mojibake(text)
    assert fixed == text
    assert all(e.action == "flagged" for e in log)


def test_mojibake_keeps_chinese_punctuation_and_quotes():
    text = "“人工智能+”，“+”什么？（经济日报记者 黄 鑫）"
    assert fix_mojibake(text) == (text, [])


def test_mojibake_rarity_uses_simplified_form():
    assert not is_rare("產")  # traditional, but 产 is common
    assert is_rare("谛") and is_rare("酆")
