"""NFKC normalization that is fast on Chinese text and gives exactly ``unicodedata.normalize("NFKC", text)``.

Chinese text is full of compatibility characters (full-width ，（）：, the ideographic space, ①, Ⅲ), so
the normalizer's quick check fails on almost every article and it decomposes and recomposes the whole text
(~0.12 ms an article). NFKC is the canonical composition of the NFKD form, so replacing a character by its
NFKD form first changes nothing; done with one regex for the compatibility characters of the ranges below
whose NFKD form holds only starters (so no reordering of combining marks can differ), it leaves a text the
quick check passes: ~5 times faster on news.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache

# Ranges holding the compatibility characters of Chinese text (full-width forms, ellipsis, ①, Ⅲ, no-break space).
COMPAT_RANGES = ((0x00A0, 0x0100), (0x2000, 0x3400), (0xFE30, 0xFFF0))


@lru_cache(maxsize=1)
def _compat_table() -> tuple[re.Pattern[str], dict[str, str]]:
    """Characters of ``COMPAT_RANGES`` whose NFKD form differs and holds only starters, and that form."""
    table = {}
    for lo, hi in COMPAT_RANGES:
        for ch in map(chr, range(lo, hi)):
            form = unicodedata.normalize("NFKD", ch)
            if form != ch and not any(map(unicodedata.combining, form)):
                table[ch] = form
    return re.compile("[" + "".join(map(re.escape, table)) + "]"), table


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, faster on Chinese text (see the module docstring)."""
    pattern, table = _compat_table()
    return unicodedata.normalize("NFKC", pattern.sub(lambda m: table[m.group()], text))


class Origin:
    """Offsets of ``nfkc(text)`` mapped back to ``text`` where NFKC wrote some characters as several (… as ...,
    ℃ as °C): ``at(offset)`` is the offset in ``text`` of the character starting there, None inside one's form."""

    def __init__(self, folded: list[int], extra: list[int], sizes: list[int]):
        self._folded, self._extra, self._sizes = folded, extra, sizes

    @classmethod
    def of(cls, text: str, folded: str) -> Origin | None:
        """The mapping, or None where NFKC did more than widen single characters (joined or reordered them)."""
        pattern, table = _compat_table()
        starts, extra, sizes, grown = [], [], [], 0
        for m in pattern.finditer(text):
            size = len(unicodedata.normalize("NFKC", table[m.group()]))
            if size != 1:
                starts.append(m.start() + grown)  # where the character's form starts in the folded text
                grown += size - 1
                extra.append(grown)  # characters gained up to the end of this form
                sizes.append(size)
        if len(text) + grown != len(folded):
            return None
        return cls(starts, extra, sizes)

    def at(self, offset: int) -> int | None:
        k = bisect_right(self._folded, offset) - 1  # the last widened form starting at or before the offset
        if k < 0:
            return offset
        if offset < self._folded[k] + self._sizes[k] and offset != self._folded[k]:
            return None  # inside a widened form
        if offset == self._folded[k]:
            return offset - (self._extra[k - 1] if k else 0)
        return offset - self._extra[k]
