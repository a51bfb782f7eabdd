"""OCR repairs: wrap spaces inside CJK text and words broken across lines (seed 003)."""

from __future__ import annotations

from zhiku.clean.ocr import fix_spacing, join_broken_lines

WRAPPED = ("湖北省将AI芯片写进了政府工作报告， 提出坚持以市场需求和产业应用为导向，着 力构建数字经济、人工智能等优势领域“核心 "
           "技术池”，集中力量突破高端AI芯片等“卡脖子”技术。")


def test_ocr_spaces_inside_cjk_prose_are_removed():
    text, log = fix_spacing(WRAPPED)
    assert "着力构建" in text and "“核心技术池”" in text and " " not in text
    assert log[0].action == "removed" and log[0].at == WRAPPED.index(" ")


def test_ocr_headline_and_latin_spacing_kept():
    for text in ("以新促质、向新而行 为制造强国建设贡献新质生产力", "他使用 GPT-4 写代码。", "本报记者 齐旭"):
        assert fix_spacing(text) == (text, [])


def test_ocr_word_broken_across_lines_is_joined_on_ocr_pages():
    page = ("“今年四川省政府工作报告中，让我印\n\n象最深刻的就是把人工智能作为重点领域放在了首要位置来讲。”\n"
            "安徽省提出，将开展通用人工智能应用 生态构建行动，支持通用人工智能等在文化产业领域集成应用和创新。\n"
            "湖北省将AI芯片写进了政府工作报告，提出坚持以市场需求为导向，着 力构建数字经济优势领域。\n"
            "提升智能算力供给能力\n如果把发展人工智能比作砌房子，那么算力就好比是一块块砖头。")
    text, log = join_broken_lines(page)
    assert "让我印象最深刻" in text
    assert "提升智能算力供给能力\n如果" in text  # a heading is never joined
    assert log[0].after == "我印象最"


def test_ocr_lines_are_not_joined_without_ocr_signs():
    text = "■在人工智能自主创新方面，我省没有处于绝对优势地位的领域，而类脑智能等前沿技术布局薄弱\n人工智能是引领产业变革的技术。"
    assert join_broken_lines(text) == (text, [])
