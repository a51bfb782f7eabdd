"""The cleaning steps' fast paths (word prefilters, whole-text gates) never change what the steps return."""

from __future__ import annotations

import random
import re

import pytest

from zhiku.clean import credits, noise, normalize, ocr, paragraphs, repeats, script, titles
from zhiku.clean.chars import CJK, CJK_PUNCT, CJK_RE
from zhiku.clean.patterns import load_noise
from zhiku.text.regex_tree import may_contain, required_words

_PIECES = ["记者", "本报记者 张三", "（经济日报记者 黄 鑫 李和风）", "来源：新华社", "举报/反馈", "转载请注明出处",
           "视觉中国供图 图文无关", "责任编辑：王小明", "元元元。", " ", "\u3000", "。", "，", "\n", "关键技术加快突破",
           "人工智能", "产业", "(", ")", "“", "abc", "2024年3月14日", "统筹", "编辑"]


def _texts(n: int = 400, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 40))) for _ in range(n)]


def test_required_words_of_literals_groups_and_alternations():
    assert required_words(re.compile("举报\\s*/\\s*反馈")) == {"举报"}
    assert required_words(re.compile("(?:本报记者|记者)\\s*(?:来源|来自)")) == {"记者"}  # 本报记者 holds 记者
    assert required_words(re.compile("[“\"]?(?:转载请注明|未经授权)")) == {"转载请注明", "未经授权"}
    assert required_words(re.compile("^\\d+$")) is None
    assert required_words(re.compile("(?:\\d|记者)")) is None  # one alternative without a word
    assert required_words(re.compile("IC photo|CFP", re.IGNORECASE)) is None  # cased letters: no plain test


def test_may_contain():
    assert may_contain("任何文字", None)
    assert may_contain("本报记者", frozenset({"记者"}))
    assert not may_contain("没有", frozenset({"记者", "来源"}))


def test_every_noise_example_passes_its_word_prefilter():
    for p in load_noise().patterns:
        assert p.may_match(p.example), p.id


def test_length_bound_of_chrome_patterns_is_exact():
    """chrome_pattern skips a pattern on a line longer than it can take whole: the bound must never skip a match."""
    from zhiku.text.regex_tree import longest_whole

    chrome = load_noise().of_kind("line", "inline")
    assert sum(p.longest is not None for p in chrome) == len(chrome)  # every chrome pattern is bounded (speed)
    for p in chrome:
        assert len(p.example.strip()) <= p.longest or p.kind == "inline", p.id
        for pad in ("", "x" * 5, "中" * 20):  # a matching line of any length is within the bound
            m = p.regex.search(pad + p.example.strip())
            if m and (p.kind == "line" or (m.start() == 0 and m.end() == len(pad + p.example.strip()))):
                assert len(m.group(0)) <= p.longest, p.id
    assert longest_whole(re.compile(r"^ab{1,3}$"), anchored=True) == 4
    assert longest_whole(re.compile(r"^ab+$"), anchored=True) is None  # unbounded
    assert longest_whole(re.compile(r"ab{1,3}$"), anchored=True) is None  # a search may match a longer line
    assert longest_whole(re.compile(r"^a$|^bc$"), anchored=True) == 2
    assert longest_whole(re.compile(r"^(?:a|bc)$"), anchored=True) == 2
    assert longest_whole(re.compile(r"ab{1,3}")) == 4


def test_credit_words():
    assert credits._SPAN_WORDS == {"记者", "通讯员", "来源", "来自"}
    for line in _texts() + ["新华社杭州12月27日电 12月26日，深度求索发布新模型。", "正文。\n央视网消息：国务院"]:
        if credits.credit_spans(line):
            assert credits.may_hold_credit(line)
    assert credits.may_hold_credit("正文。\n新华社北京电 国务院") and not credits.may_hold_credit("正文新华社")


def test_junk_gate_is_used_and_exact():
    junks = {p.id: p for p in load_noise().of_kind("junk")}
    assert junks["repeated-char-junk"].regex.pattern == noise._JUNK_SOURCE  # otherwise the gate is silently off
    for junk in junks.values():
        for text in _texts() + ["元元元。 在北京", "在 元元元。", "\n元元元。", "开源模型权重。😀😀", "🔥\n"]:
            if any(junk.regex.search(line) for line in text.split("\n")):
                assert noise._may_hold_junk(junk, text), (junk.id, text)


def test_doubled_heading_gate_matches_the_plain_substitution():
    for text in _texts() + ["关键技术加快突破关键技术加快突破人工智能", "。产业链条产业链条，"]:
        plain = paragraphs._DOUBLED.sub(lambda m: m.group(0) if len(set(m.group("x"))) <= 1
                                        else f"\n{m.group('x')}\n{m.group('x')}\n", text)
        assert paragraphs._split_doubled_headings(text) == plain


@pytest.mark.parametrize("text", _texts(60, seed=3))
def test_remove_repeats_is_stable_on_its_output(text):
    once, _ = repeats.remove_repeats(text)
    assert repeats.dedupe_lines(once) == (once, [])


def test_title_prefilter():
    key = titles.title_key("人工智能产业")
    for line in ["人工智能产业", "  “人工智能，产业”", "产业人工智能"] + _texts(100):
        if line.strip() and titles.title_key(line) == key:
            assert titles._starts_key(line, key)


def test_is_traditional_shortcut_agrees_with_the_share_of_cjk():
    rng = random.Random(5)
    for _ in range(500):
        before = "".join(rng.choice("漢字abc 。體") for _ in range(rng.randint(0, 400)))
        after = "".join(c if rng.random() < 0.97 else "x" for c in before)
        changed = script.changed_count(before, after)
        cjk = len(CJK_RE.findall(before)) or 1
        assert script.is_traditional(before, after) == (changed >= script.MIN_CHANGED and changed / cjk >= script.MIN_SHARE)


def test_space_patterns_with_a_leading_lookahead_match_as_the_plain_ones():
    plain = {
        normalize._SPACE_BY_PUNCT: f"[ \u3000]+(?=[{CJK_PUNCT}])|(?<=[{CJK_PUNCT}])[ \u3000]+",
        ocr._CJK_GAP: f"(?<=[{CJK}])[ \u3000]+(?=[{CJK}])",
        ocr._WRAP_GAP: f"(?<=[{CJK}{CJK_PUNCT}])[ \u3000]+(?=[{CJK}{CJK_PUNCT}0-9A-Za-z])"
                       f"|(?<=[{CJK}{CJK_PUNCT}0-9A-Za-z%])[ \u3000]+(?=[{CJK}{CJK_PUNCT}])",
    }
    texts = _texts() + ["着 力构建 现代化产业体系 ， 推动 AI 赋能", "增长 12% 。 同比 “ 提升 ”", "GPT-4 发布 (OpenAI)"]
    for fast, source in plain.items():
        slow = re.compile(source)
        for text in texts:
            assert [m.span() for m in fast.finditer(text)] == [m.span() for m in slow.finditer(text)], text
