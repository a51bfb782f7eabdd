"""Leftmost-longest dictionary matching over Chinese text, case-insensitive and word-bounded for ASCII patterns.

Most positions of a text start no pattern; the first two characters of every pattern are kept in a lookup
table that numpy reads over a whole text at once, so that only the positions that may start one are tried.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

_ASCII_UPPER_RUN = re.compile("[A-Z]+")
_VECTOR_MIN = 48  # shorter texts are scanned position by position: numpy's set-up would cost more


def fold(text: str) -> str:
    """Lower-case ASCII letters only, so offsets stay the same as in ``text``."""
    return _ASCII_UPPER_RUN.sub(lambda m: m.group(0).lower(), text)


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "_-")


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    text: str
    payloads: tuple[Any, ...]


class _HeadIndex:
    """Which positions of a text start one of the heads (a pattern's first two characters, or its one character)."""

    def __init__(self, heads: set[str]):
        pairs = [h for h in heads if len(h) == 2]
        firsts = sorted({h[0] for h in pairs} | {h for h in heads if len(h) == 1})
        seconds = sorted({h[1] for h in pairs})
        first_id = {c: k + 1 for k, c in enumerate(firsts)}  # 0: no head starts (or goes on) with this character
        second_id = {c: k + 1 for k, c in enumerate(seconds)}
        self._shift = 16 if max(len(firsts), len(seconds)) < 1 << 16 else 32
        # by code point: first id << shift | second id
        self._ids = np.zeros(0x110000, dtype=np.uint32 if self._shift == 16 else np.uint64)
        for c, k in first_id.items():
            self._ids[ord(c)] |= k << self._shift
        for c, k in second_id.items():
            self._ids[ord(c)] |= k
        self._pairs = np.zeros((len(firsts) + 1, len(seconds) + 1), dtype=bool)
        for h in pairs:
            self._pairs[first_id[h[0]], second_id[h[1]]] = True
        self._singles = np.zeros(len(firsts) + 1, dtype=bool)
        for h in heads:
            if len(h) == 1:
                self._singles[first_id[h]] = True

    def starts(self, low: str) -> list[int]:
        ids = self._ids[np.frombuffer(low.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)]
        first, second = ids >> self._shift, ids & ((1 << self._shift) - 1)
        hit = self._singles[first]
        hit[:-1] |= self._pairs[first[:-1], second[1:]]
        return np.flatnonzero(hit).tolist()


class Matcher:
    """A dictionary of surface patterns, each with one or more payloads; finds non-overlapping matches."""

    def __init__(self, entries: Iterable[tuple[str, Any]] = ()):
        self._table: dict[str, tuple[Any, ...]] = {}
        self._heads: set[str] = set()  # first two characters of every pattern (the whole of a 1-character one)
        self._lengths: dict[str, list[int]] = {}  # head -> lengths of the patterns it starts, longest first
        self._singles: set[str] = set()  # the 1-character patterns
        self._index: _HeadIndex | None = None  # built on the first long text, dropped by ``add``
        for pattern, payload in entries:
            self.add(pattern, payload)

    def add(self, pattern: str, payload: Any) -> None:
        key = fold(pattern.strip())
        if not key:
            return
        payloads = self._table.get(key, ())
        if payload not in payloads:
            self._table[key] = (*payloads, payload)
        self._heads.add(key[:2])
        if len(key) == 1:
            self._singles.add(key)
        self._index = None
        lengths = self._lengths.setdefault(key[:2], [])
        if len(key) not in lengths:
            lengths.append(len(key))
            lengths.sort(reverse=True)

    def __contains__(self, pattern: str) -> bool:
        return fold(pattern) in self._table

    def __len__(self) -> int:
        return len(self._table)

    def payloads(self, pattern: str) -> tuple[Any, ...]:
        return self._table.get(fold(pattern), ())

    def _candidates(self, low: str, start: int, stop: int) -> Iterable[int]:
        """Positions in ``low[start:stop]`` where a pattern may start, in order."""
        if stop - start < _VECTOR_MIN:
            heads = self._heads
            return (i for i in range(start, stop) if low[i:i + 2] in heads or low[i] in heads)
        if self._index is None:
            self._index = _HeadIndex(self._heads)
        starts = self._index.starts(low)
        return starts if start == 0 and stop == len(low) else [i for i in starts if start <= i < stop]

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[Match]:
        """Leftmost-longest, non-overlapping matches in ``text[start:end]``."""
        low = fold(text)
        stop = len(text) if end is None else end
        table, lengths, singles = self._table, self._lengths, self._singles
        i = start  # where the text not yet matched begins
        for k in self._candidates(low, start, stop):
            if k < i:
                continue
            ns = lengths.get(low[k:k + 2], ())
            if low[k] in singles:
                ns = (*ns, 1)
            for n in ns:
                j = k + n
                if j > stop:
                    continue
                payloads = table.get(low[k:j])
                if payloads is None:
                    continue
                if _is_word_char(low[k]) and k > 0 and _is_word_char(low[k - 1]):
                    continue
                if _is_word_char(low[j - 1]) and j < len(low) and _is_word_char(low[j]):
                    continue
                yield Match(k, j, text[k:j], payloads)
                i = j
                break

    def find(self, text: str) -> list[Match]:
        return list(self.finditer(text))


def longest_first(words: Iterable[str]) -> str:
    """A regex matching, at each position, the longest of ``words`` that is written there.

    It matches what ``"|".join(map(re.escape, sorted(words, key=len, reverse=True)))`` matches, also where more
    of the pattern follows it (a longer word is tried before the shorter words it starts with), but it is laid out
    as a trie: the regex engine reads each character once instead of trying every word in turn.
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict[str, dict]) -> str:
    branches, last = [], []  # last: characters that end a word and start none
    for ch, child in sorted(node.items()):
        if not ch:
            continue
        if list(child) == [""]:
            last.append(re.escape(ch))
        else:
            branches.append(re.escape(ch) + _trie_regex(child))
    if last:
        branches.append(last[0] if len(last) == 1 else "[" + "".join(last) + "]")
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return "(?:" + body + ")?" if "" in node else body  # where a word ends, the longer ones are tried first
