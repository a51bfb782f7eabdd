"""Rare characters located once per text give the same per-span counts as counting each span."""

from __future__ import annotations

import bisect

from zhiku.clean.mojibake import _rare_count, _rare_positions, repair_gbk

# UTF-8 bytes of 生成式人工智能的发展 read as GBK, next to ordinary and traditional text and rare characters
TEXT = "正常文本。" + "生成式人工智能的发展".encode().decode("gbk", errors="replace") + " 戰爭與和平，龘靐齉爩，人工智能。"


def test_mojibake_rare_positions_count_equals_span_count():
    rare = _rare_positions(TEXT)
    counts = [(s, e, _rare_count(TEXT[s:e])) for s in range(len(TEXT)) for e in range(s, len(TEXT) + 1, 3)]
    assert any(c >= 2 for _, _, c in counts)
    assert all(bisect.bisect_left(rare, e) - bisect.bisect_left(rare, s) == c for s, e, c in counts)


def test_mojibake_utf8_read_as_gbk_still_repaired():
    fixed, entries = repair_gbk("正常文本。" + "生成式人工智能的发展".encode().decode("gbk", errors="ignore"))
    assert fixed == "正常文本。生成式人工智能的发展"
    assert [e.note for e in entries] == ["utf-8 read as gbk"]
