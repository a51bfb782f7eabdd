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

_VECTOR_MIN = 48  # shorter texts are scanned position by position: numpy's set-up would cost more
# ASCII letters, digits, _ and -: what ``ch.isascii() and (ch.isalnum() or ch in "_-")`` accepts, as a set
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")


def fold(text: str) -> str:
    """Lower-case ASCII letters only, so offsets stay the same as in ``text``.

    In UTF-8 every byte of a non-ASCII character is >= 0x80, so ``bytes.lower`` (which changes A-Z only) never
    touches one; surrogatepass lets lone surrogates through both ways.
    """
    return text.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass")


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
        # by first id * columns + second id, read with a 1-D take (numpy's 2-D fancy indexing is much slower); the
        # largest index, 65535 * 65536 + 65535, still fits the 32 bits of the ids when the shift is 16
        self._columns = len(seconds) + 1
        self._pairs = np.zeros((len(firsts) + 1) * self._columns, dtype=bool)
        for h in pairs:
            self._pairs[first_id[h[0]] * self._columns + second_id[h[1]]] = True
        self._singles = np.zeros(len(firsts) + 1, dtype=bool)
        for h in heads:
            if len(h) == 1:
                self._singles[first_id[h]] = True
        self._any_single = bool(self._singles.any())

    def starts(self, low: str) -> list[int]:
        ids = self._ids[np.frombuffer(low.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)]
        first = ids >> self._shift
        hit = self._pairs[first[:-1] * self._columns + (ids[1:] & ((1 << self._shift) - 1))]  # all but the last
        if self._any_single:
            singles = self._singles[first]
            singles[:-1] |= hit
            hit = singles
        return np.flatnonzero(hit).tolist()


class Matcher:
    """A dictionary of surface patterns, each with one or more payloads; finds non-overlapping matches."""

    def __init__(self, entries: Iterable[tuple[str, Any]] = ()):
        self._table: dict[str, tuple[Any, ...]] = {}
        self._heads: set[str] = set()  # first two characters of every pattern (the whole of a 1-character one)
        self._lengths: dict[str, list[int]] = {}  # head -> lengths of the patterns it starts, longest first
        self._singles: set[str] = set()  # the 1-character patterns
        self._index: _HeadIndex | None = None  # built on the first long text, dropped by ``add``
        # lengths to try by a position's first 3 and first 2 characters: built on use, dropped by ``add``
        self._tries: tuple[dict[str, tuple[int, ...]], dict[str, tuple[int, ...]]] | None = None
        self._bounded: set[str] | None = None  # patterns starting or ending with an ASCII word character
        for pattern, payload in entries:
            self.add(pattern, payload)

    def add(self, pattern: str, payload: Any) -> None:
        key = fold(pattern.strip())
        if not key:
            return
        payloads = self._table.get(key, ())
        if payload not in payloads:
            self._table[key] = (*payloads, payload)
        self._register(key)

    def _register(self, key: str) -> None:
        """Index a key of the table (its head and length) and drop what was worked out from the old keys."""
        self._heads.add(key[:2])
        if len(key) == 1:
            self._singles.add(key)
        self._index = None
        self._tries = self._bounded = None
        lengths = self._lengths.setdefault(key[:2], [])
        if len(key) not in lengths:
            lengths.append(len(key))
            lengths.sort(reverse=True)

    def block(self, pattern: str) -> None:
        """A word matched like a pattern but reported by no scan: longer than a pattern it holds (基金会 holds
        基金), it keeps that pattern from matching inside it. A pattern added with a payload is never blocked."""
        key = fold(pattern.strip())
        if key and key not in self._table:
            self._table[key] = ()
            self._register(key)

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

    def _lengths_to_try(self) -> tuple[dict[str, tuple[int, ...]], dict[str, tuple[int, ...]]]:
        """The pattern lengths worth trying at a position, longest first: by the 3 characters there when a pattern of
        3 or more starts with them, else by the 2 (the head).

        Only a length whose pattern is written at the position can match, and a pattern of 3 or more characters
        begins with the 3 written there, so leaving out the other long patterns of the head changes no match.
        """
        if self._tries is None:
            short: dict[str, tuple[int, ...]] = {}  # head -> lengths 2 and 1 (1 again where its first is a pattern)
            for head, ns in self._lengths.items():
                short[head] = (*(n for n in ns if n <= 2), *((1,) if head[0] in self._singles else ()))
            long: dict[str, set[int]] = {}
            for key in self._table:
                if len(key) >= 3:
                    long.setdefault(key[:3], set()).add(len(key))
            self._tries = {p: (*sorted(ns, reverse=True), *short[p[:2]]) for p, ns in long.items()}, short
        return self._tries

    def _word_bounded(self) -> set[str]:
        """The patterns starting or ending with an ASCII word character: only their matches are checked for word
        boundaries (the checks are false for the others)."""
        if self._bounded is None:
            self._bounded = {key for key in self._table if key[0] in _WORD_CHARS or key[-1] in _WORD_CHARS}
        return self._bounded

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[Match]:
        """Leftmost-longest, non-overlapping matches in ``text[start:end]``."""
        return iter(self._scan(text, start, end))

    def _scan(self, text: str, start: int, end: int | None) -> list[Match]:
        low = fold(text)
        size = len(low)
        stop = size if end is None else end
        table, singles, word = self._table, self._singles, _WORD_CHARS
        long, short = self._lengths_to_try()
        bounded = self._word_bounded()
        out: list[Match] = []
        i = start  # where the text not yet matched begins
        for k in self._candidates(low, start, stop):
            if k < i:
                continue
            ns = long.get(low[k:k + 3]) or short.get(low[k:k + 2])
            if ns is None:
                if low[k] not in singles:
                    continue
                ns = (1,)
            for n in ns:
                j = k + n
                if j > stop:
                    continue
                key = low[k:j]
                payloads = table.get(key)
                if payloads is None:
                    continue
                if key in bounded:
                    if low[k] in word and k > 0 and low[k - 1] in word:
                        continue
                    if low[j - 1] in word and j < size and low[j] in word:
                        continue
                if payloads:  # a blocked word (``block``) is passed over, not reported
                    out.append(Match(k, j, text[k:j], payloads))
                i = j
                break
        return out

    def find(self, text: str) -> list[Match]:
        return self._scan(text, 0, None)


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
    return _trie_regex(trie, top=True)


def _trie_regex(node: dict[str, dict], top: bool = False) -> str:
    branches, last = [], []  # last: characters that end a word and start none
    for ch, child in sorted(node.items()):
        if not ch:
            continue
        if list(child) == [""]:
            last.append(re.escape(ch))
        else:
            branches.append(re.escape(ch) + _trie_regex(child))
    if top:
        # one literal each at the top: where every alternative starts with a literal, the regex engine scans a text
        # for their first characters alone, and a class among them would turn that off (the matches are the same)
        branches += last
    elif last:
        branches.append(last[0] if len(last) == 1 else "[" + "".join(last) + "]")
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return "(?:" + body + ")?" if "" in node else body  # where a word ends, the longer ones are tried first
