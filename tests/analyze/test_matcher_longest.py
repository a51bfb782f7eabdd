"""The dictionary matcher: leftmost-longest, case-insensitive ASCII, whole-word ASCII patterns."""

from __future__ import annotations

from zhiku.analyze.matcher import Matcher


def test_matcher_longest_wins_and_offsets_are_exact():
    m = Matcher([("大模型", "a"), ("通用大模型", "b"), ("模型", "c")])
    text = "培育通用大模型和行业模型"
    hits = m.find(text)
    assert [(h.text, h.payloads) for h in hits] == [("通用大模型", ("b",)), ("模型", ("c",))]
    assert all(text[h.start : h.end] == h.text for h in hits)


def test_matcher_ascii_is_case_insensitive_and_word_bounded():
    m = Matcher([("AI", "ai"), ("GPU", "gpu"), ("5G", "5g")])
    assert [h.text for h in m.find("ai芯片与GPU")] == ["ai", "GPU"]
    assert m.find("OpenAI发布GPUs和15G") == []
    assert [h.text for h in m.find("5G网络")] == ["5G"]


def test_matcher_one_pattern_several_payloads():
    m = Matcher([("渔政", "A"), ("渔政", "S")])
    assert m.find("渔政核查")[0].payloads == ("A", "S")
