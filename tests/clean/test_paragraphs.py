"""Paragraph restoration of one-line card bodies: indents, doubled headings, glued credits and chrome."""

from __future__ import annotations

from tests.conftest import seed_text
from zhiku.clean.paragraphs import restore_paragraphs
from zhiku.collect.cards import parse_card


def _body(key: str) -> str:
    return parse_card(seed_text(key))["总结"]


def test_paragraphs_doubled_heading_gets_lines_of_its_own():
    text, log = restore_paragraphs("奠定了良好基础。关键技术加快突破关键技术加快突破人工智能是引领新一轮科技革命的战略性技术。")
    assert text.split("\n") == ["奠定了良好基础。", "关键技术加快突破", "关键技术加快突破", "人工智能是引领新一轮科技革命的战略性技术。"]
    assert log[0].action == "split" and log[0].at == 0


def test_paragraphs_ideographic_indents_start_paragraphs_in_a_long_line():
    body = _body("004")
    text, _ = restore_paragraphs(body)
    lines = [ln for ln in text.split("\n") if ln]
    assert "搭建数字化发展“四梁八柱”" in lines
    assert lines[0] == "发展实体经济，推进新型工业化，离不开数字技术支撑。当下，从无人驾驶到远程医疗，从智慧工厂到智慧港口，我国数字技术与实体经济融合取得积极进展。"


def test_paragraphs_glued_credits_and_chrome_are_split_off():
    text, _ = restore_paragraphs(_body("000"))
    lines = text.split("\n")
    assert "（经济日报记者 黄 鑫 李和风）" in lines and "举报/反馈" in lines
    text, _ = restore_paragraphs(_body("002"))
    lines = text.split("\n")
    assert lines[0] == "潮新闻 记者 唐骏垚 应陶"
    assert lines[1].startswith("今年政府工作报告提出")
    assert "视觉中国供图 图文无关" in lines


def test_paragraphs_ordinary_prose_is_untouched():
    text = "人工智能是引领新一轮科技革命的战略性技术。哈哈哈哈，研究研究再说。"
    assert restore_paragraphs(text) == (text, [])
