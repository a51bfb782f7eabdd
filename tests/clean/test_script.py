"""Script conversion: traditional → simplified with OpenCC, logged per line."""

from __future__ import annotations

from zhiku.clean.script import convert_script, is_traditional, to_simplified


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
