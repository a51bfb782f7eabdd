"""Pinyin glosses: removed only when the parenthesis spells the preceding characters."""

from __future__ import annotations

import pytest

from tests.conftest import seed_text
from zhiku.clean.pinyin import is_gloss, remove_pinyin, syllables


@pytest.mark.parametrize("before,after", [
    ("競(jìng)逐人工智能", "競逐人工智能"),
    ("產(chǎn)業(yè)規模", "產業規模"),
    ("中國(zhōng guó)", "中國"),
    ("學(xué)習(xí)", "學習"),
    ("数据（shù jù）中心", "数据中心"),
    ("绿(lǜ)色", "绿色"),
])
def test_pinyin_gloss_removed(before, after):
    assert remove_pinyin(before)[0] == after


@pytest.mark.parametrize("text", [
    "人工智能(AI)技术", "（经济日报记者 黄 鑫 李和风）", "《中國綜合算力指數(2023年)》", "好(hao)", "模型(GPT)",
    "平台(ai)", "(上接第1版)", "公司(China)",
])
def test_pinyin_real_parentheses_kept(text):
    assert remove_pinyin(text) == (text, [])


def test_pinyin_syllables_split_and_tones():
    assert syllables("chǎnyè") == [("chan", True), ("ye", True)]
    assert syllables("xyz") is None
    assert not is_gloss("競", "jìng zhú")  # two syllables for one character


def test_pinyin_seed_001_has_no_gloss_left_and_logs_each_removal():
    text, log = remove_pinyin(seed_text("001"))
    import re

    assert not re.search(r"\((?:[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\s?)+\)", text.replace("a(chǎn)", ""))
    assert len([e for e in log if e.action == "removed"]) > 700
    first = next(e for e in log if e.action == "removed" and e.note == "pinyin gloss")
    assert first.before == "競(jìng)" and first.after == "競"


def test_pinyin_broken_gloss_debris_is_removed_and_flagged():
    text, log = remove_pinyin("數量?jī)H次於浙江")
    assert text == "數量次於浙江"
    assert [e.action for e in log] == ["removed", "flagged"]
