"""The tag stage's fast paths find exactly what the plain code they replace finds (random texts, reference code)."""

from __future__ import annotations

import random
import re

import pytest
import rjieba

from zhiku.analyze import entities, regions
from zhiku.analyze.entities import occurrences as _occurrences
from zhiku.analyze.lexicon import lexicon, payload_kinds
from zhiku.analyze.matcher import Match, Matcher, fold, longest_first

_ALPHABET = "中国人工智能大模型京津冀沪粤企籍军第十一二大会全代表美俄两关系AbIa1-_ （）、"


def _texts(n: int, seed: int, lengths=(0, 1, 2, 5, 30, 47, 48, 49, 120)) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_ALPHABET) for _ in range(rng.choice(lengths))) for _ in range(n)]


def _reference_fold(text: str) -> str:
    return re.sub("[A-Z]+", lambda m: m.group(0).lower(), text)


def _reference_find(patterns: dict[str, tuple], text: str) -> list[tuple[int, int, str, tuple]]:
    """Leftmost-longest, every length tried at every position, ASCII words whole (the matcher's contract)."""
    low = _reference_fold(text)

    def word(ch: str) -> bool:
        return ch.isascii() and (ch.isalnum() or ch in "_-")

    out, k = [], 0
    lengths = sorted({len(p) for p in patterns}, reverse=True)
    while k < len(low):
        for n in lengths:
            j = k + n
            if j > len(low) or low[k:j] not in patterns:
                continue
            if word(low[k]) and k > 0 and word(low[k - 1]) or word(low[j - 1]) and j < len(low) and word(low[j]):
                continue
            out.append((k, j, text[k:j], patterns[low[k:j]]))
            k = j
            break
        else:
            k += 1
    return out


@pytest.mark.parametrize("text", ["", "AI与Ａ", "İstanbul GPT-4 ẞ", "x\ud800y", "ABC中文DEF"])
def test_fold_lowers_ascii_letters_only(text):
    assert fold(text) == _reference_fold(text)


def test_matcher_finds_what_trying_every_length_finds():
    words = ["中", "中国", "中国人", "人工智能", "大模型", "模型", "ai", "AI芯片", "a1", "京津冀", "国人工", "1-"]
    matcher = Matcher((w, w.lower()) for w in words)
    patterns: dict[str, tuple] = {}
    for w in words:
        patterns[fold(w)] = (*patterns.get(fold(w), ()), w.lower())
    for text in _texts(400, 1):
        got = [(m.start, m.end, m.text, m.payloads) for m in matcher.find(text)]
        assert got == _reference_find(patterns, text), text
        assert list(matcher.finditer(text)) == matcher.find(text)


def test_matcher_tables_follow_added_patterns():
    matcher = Matcher([("大模型", 1)])
    text = "通用大模型" * 12
    assert len(matcher.find(text)) == 12
    matcher.add("通用大模型", 2)  # a longer pattern added after a search is found from then on
    assert {m.payloads for m in matcher.find(text)} == {(2,)}


def test_longest_first_matches_the_sorted_alternation():
    words = ["他", "她", "在", "在于", "于", "和", "和平", "表示", "表", "联合", "C", "CEO"]
    plain = re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))
    trie = re.compile(longest_first(words))
    for text in _texts(300, 2) + ["他在和平表示CEO联合于她"]:
        assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_known_names_answer_as_the_flag_arrays_did():
    rng = random.Random(3)
    for _ in range(200):
        size = rng.randrange(1, 40)
        spans = [(a, rng.randrange(a + 1, size + 1)) for a in (rng.randrange(size) for _ in range(rng.randrange(6)))]
        matches = [Match(a, b, "x" * (b - a), (("org", "x"),)) for a, b in spans]  # overlapping ones too
        inside, covered = bytearray(size + 1), bytearray(size + 1)
        for a, b in spans:
            inside[a + 1 : b] = b"\x01" * (b - a - 1)
            covered[a:b] = b"\x01" * (b - a)
        known = entities._KnownNames("x" * size, matches)
        assert [known.inside(p) for p in range(size + 1)] == [bool(x) for x in inside]
        assert [known.covered(p) for p in range(size + 1)] == [bool(x) for x in covered]


def _reference_abbreviation_runs(text: str, taken: list[Match]) -> list[tuple[int, int, str]]:
    abbr = regions.abbreviations()
    covered = bytearray(len(text))
    for m in taken:
        covered[m.start : m.end] = b"\x01" * (m.end - m.start)
    out = []
    for run_m in re.finditer("[" + "".join(sorted(abbr)) + "]+", text):
        i, j = run_m.span()
        if j - i == 1 and (j == len(text) or text[j] not in regions._ABBR_FOLLOWERS):
            continue
        while i < j and covered[i]:
            i += 1
        k = i
        while k < j and not covered[k]:
            k += 1
        run = text[i:k]
        if not run:
            continue
        distinct = set(run)
        plain = distinct - regions._COMMON_CHARS
        followed = k < len(text) and text[k] in regions._ABBR_FOLLOWERS
        if ((len(distinct) >= 2 and plain) or (followed and plain)) and len(run) <= 6:
            out.extend((p, p + 1, abbr[text[p]]) for p in range(i, k))
    return out


def test_abbreviation_runs_match_the_plain_scan():
    for text in _texts(300, 4) + ["京津冀协同发展，沪企和粤籍人士，川渝", "新青年"]:
        matches = lexicon().find(text)
        assert regions.abbreviation_runs(text, matches) == _reference_abbreviation_runs(text, matches)


_COUNTRIES = "[中美俄日韩英法德印朝越欧澳意加巴泰蒙墨奥芬瑞埃以伊土荷比葡波捷匈希古]"


def test_rewritten_regexes_and_prefilters_drop_no_match():
    country_run = re.compile(entities._COUNTRY_RUN.pattern.replace(_COUNTRIES + _COUNTRIES + "{1,2}",
                                                                   _COUNTRIES + "{2,3}"))
    assert country_run.pattern != entities._COUNTRY_RUN.pattern
    texts = _texts(300, 5) + ["中美两国", "中美俄关系", "中共十五大召开", "第十五次全国代表大会", "十九大以来"]
    for text in texts:
        assert [m.span(1) for m in entities._COUNTRY_RUN.finditer(text)] == [m.span(1) for m in country_run.finditer(text)]
        if entities._CONGRESS.search(text):
            assert "全国代表大会" in text or entities._CONGRESS_HINT.search(text)


@pytest.mark.parametrize("word", ["中国", "aa", "国中国"])
def test_occurrences_as_regex_finds_them(word):
    for text in _texts(100, 6) + ["中国中国国中国", "aaaaa"]:
        assert _occurrences(text, word) == [m.start() for m in re.finditer(re.escape(word), text)]


def test_cached_helpers_agree_with_plain_code():
    text = "北京市人工智能产业联盟与工业和信息化部在杭州发布大模型政策"
    for m in lexicon().find(text):
        assert payload_kinds(m.payloads) == {p[0]: p[1] for p in m.payloads}
    for start, end in [(0, 11), (3, 19), (5, 5)]:
        bounds, pos = {start, end}, start
        for w in rjieba.cut(text[start:end]):
            pos += len(w)
            bounds.add(pos)
        assert entities._word_bounds(text, start, end) == bounds
