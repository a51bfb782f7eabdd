"""``text.nfkc.nfkc`` is exactly ``unicodedata.normalize("NFKC", …)``: on every BMP character, on the seeds, and
on strings mixing compatibility characters with combining marks, where a wrong replacement would show."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from zhiku.text.nfkc import Origin, _compat_table, nfkc

# the seeds as bundled with the package (byte for byte ../shared/seeds), so the test runs from any checkout
SEEDS = Path(__file__).resolve().parents[2] / "src" / "zhiku" / "data" / "sample"


def reference(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def test_every_bmp_character_alone_and_before_a_combining_mark():
    for code in range(0x10000):
        if 0xD800 <= code < 0xE000:
            continue
        ch = chr(code)
        assert nfkc(ch) == reference(ch), hex(code)
        assert nfkc(ch + "\u0301") == reference(ch + "\u0301"), hex(code)  # composes with what came before
        assert nfkc("e" + ch) == reference("e" + ch), hex(code)


def test_the_table_replaces_the_compatibility_characters_of_chinese_text():
    _, table = _compat_table()
    for ch in "，（）：；！？　①Ⅲ…～％０９ＡＺ\u00a0":
        assert ch in table, ch
    for ch in "ﾞﾟ":  # half-width voiced marks decompose to combining marks: left to the normalizer
        assert ch not in table


def test_seed_documents_normalize_identically():
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    assert texts, f"no seeds under {SEEDS}"
    for text in texts:
        assert nfkc(text) == reference(text)
    assert sum(nfkc(t) != t for t in texts) >= 3  # full-width punctuation: the fast path had work to do


_ALPHABET = st.sampled_from(list("，。（）：；ＡＢａ１２　①⑩Ⅻ…～ｶﾞﾟか\u3099\u309a\u0301\u0308\u20dde中国ＫＭ㎞℃ﬁ\u00a0\u2002"))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=30))
def test_mixed_compatibility_and_combining_characters(text):
    assert nfkc(text) == reference(text)


def _expected_origin(text: str) -> dict[int, int]:
    """Where each character of ``text`` starts in its NFKC form (and the end), character by character."""
    out, pos = {}, 0
    for i, ch in enumerate(text):
        out[pos] = i
        pos += len(unicodedata.normalize("NFKC", ch))
    out[pos] = len(text)
    return out


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("王海峰说今天很热，。ab1") + ["…", "℃", "Ⅲ", "①", "㈠", "\u3000", "＂", "ﬁ"]),
               max_size=40))
def test_origin_maps_nfkc_offsets_back_to_the_text(text):
    folded = nfkc(text)
    origin = Origin.of(text, folded)
    if origin is None:  # widened outside the Chinese ranges (ﬁ): the caller reads the text itself
        assert any(len(nfkc(ch)) != 1 and ch not in _compat_table()[1] for ch in text)
        return
    expected = _expected_origin(text)
    for offset in range(len(folded) + 1):
        assert origin.at(offset) == expected.get(offset), (text, offset)
