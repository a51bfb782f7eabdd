"""Unicode normalization: spaces, zero-width characters, width, punctuation in Chinese prose."""

from __future__ import annotations

import pytest

from zhiku.clean.chars import cjk_chars
from zhiku.clean.normalize import normalize_unicode


@pytest.mark.parametrize("before,after", [
    ("提及,推进\"智能算力集群\"等", "提及，推进“智能算力集群”等"),
    ("达到30%,建成", "达到30%，建成"),
    ("(上接第1版)", "（上接第1版）"),
    ("传真: 010-88558805", "传真：010-88558805"),
    ("怎么加?杭州", "怎么加？杭州"),
    ("“人工智能+” ，“+”的", "“人工智能+”，“+”的"),
    ("Ａｂｃ１２３％，好", "Abc123%，好"),
    ("人工\u200b智能\u00a0产业", "人工智能 产业"),
    ("\u3000\u3000发展实体经济。\u3000", "发展实体经济。"),
    ("'国家大数据综合试验区''全国算力保障基地'", "‘国家大数据综合试验区’‘全国算力保障基地’"),
    ("AI早报｜12月5日：OpenAI推出o3-pro", "AI早报｜12月5日：OpenAI推出o3-pro"),  # (｜ had become |)
])
def test_normalize_unicode_examples(before, after):
    assert normalize_unicode(before)[0] == after


@pytest.mark.parametrize("text", ["1,000元", "10:30", "http://www.cena.com.cn", "use (a), b", "It's AI"])
def test_normalize_leaves_numbers_urls_and_latin_text(text):
    assert normalize_unicode(text)[0] == text


def test_normalize_never_changes_a_chinese_character():
    text = "豈更車賈滑串句龜龜契金喇奈懶癩羅蘿螺裸邏樂洛烙珞落酪駱亂卵欄爛蘭鸞嵐濫藍襤拉臘蠟廊朗浪狼郎來冷勞擄櫓爐盧老"
    compat = "\uf900\uf901\uf902"  # CJK compatibility ideographs: NFKC would change them
    out, _ = normalize_unicode(text + compat)
    assert out == text + compat
    assert cjk_chars(out) == cjk_chars(text + compat)


def test_normalize_logs_each_changed_line_with_offset():
    text, log = normalize_unicode("第一行。\n提及,推进\n第三行。")
    assert [(e.before, e.after, e.at) for e in log] == [("提及,推进", "提及，推进", 5)]


@pytest.mark.parametrize("before,after", [
    # SogouCS writes everything full-width, IMEs the comma: the groups of one number, not pauses
    ("共募集善款￥１，６３３，２４２．８２元。", "共募集善款￥1,633,242.82元。"),
    ("总支出为５２６，９２４．４０元（", "总支出为526,924.40元（"),
    ("累计1，234，567人，比上月", "累计1,234,567人，比上月"),
    ("总额为1，234，567元，另有￥2，345元，分别为100，200，300个", "总额为1,234,567元，另有￥2,345元，分别为100，200，300个"),
])
def test_normalize_full_width_digit_groups_become_one_number(before, after):
    assert normalize_unicode(before)[0] == after


@pytest.mark.parametrize("text", [
    "１，２，３季度",            # a list of quarters
    "２０１１，２０１２年",       # of years
    "分别为100，200，300个",     # of values
    "12，345人来自外省",          # one group, no decimals, no currency: could be either
    "1，234，5678",              # a last group of four digits is no digit group
])
def test_normalize_keeps_full_width_commas_between_listed_numbers(text):
    assert normalize_unicode(text)[0] == text.translate({c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)})
