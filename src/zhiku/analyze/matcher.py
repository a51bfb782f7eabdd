"""Leftmost-longest dictionary matching over Chinese text, case-insensitive and word-bounded for ASCII patterns."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

_ASCII_UPPER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}


def fold(text: str) -> str:
    """Lower-case ASCII letters only, so offsets stay the same as in ``text``."""
    return text.translate(_ASCII_UPPER)


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "_-")


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    text: str
    payloads: tuple[Any, ...]


class Matcher:
    """A dictionary of surface patterns, each with one or more payloads; finds non-overlapping matches."""

    def __init__(self, entries: Iterable[tuple[str, Any]] = ()):
        self._table: dict[str, list[Any]] = {}
        self._lengths: dict[str, list[int]] = {}
        self._heads: set[str] = set()  # first two characters of every pattern (the whole of a 1-character one)
        for pattern, payload in entries:
            self.add(pattern, payload)

    def add(self, pattern: str, payload: Any) -> None:
        key = fold(pattern.strip())
        if not key:
            return
        payloads = self._table.setdefault(key, [])
        if payload not in payloads:
            payloads.append(payload)
        self._heads.add(key[:2])
        lengths = self._lengths.setdefault(key[0], [])
        if len(key) not in lengths:
            lengths.append(len(key))
            lengths.sort(reverse=True)

    def __contains__(self, pattern: str) -> bool:
        return fold(pattern) in self._table

    def __len__(self) -> int:
        return len(self._table)

    def payloads(self, pattern: str) -> tuple[Any, ...]:
        return tuple(self._table.get(fold(pattern), ()))

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[Match]:
        """Leftmost-longest, non-overlapping matches in ``text[start:end]``."""
        low = fold(text)
        stop = len(text) if end is None else end
        table, lengths, heads = self._table, self._lengths, self._heads
        i = start
        while i < stop:
            # most positions start no pattern: one set lookup of the next two characters (or one) rules them out
            if low[i:i + 2] not in heads and low[i] not in heads:
                i += 1
                continue
            cands = lengths.get(low[i])
            if cands:
                for n in cands:
                    j = i + n
                    if j > stop:
                        continue
                    payloads = table.get(low[i:j])
                    if payloads is None:
                        continue
                    if _is_word_char(low[i]) and i > 0 and _is_word_char(low[i - 1]):
                        continue
                    if _is_word_char(low[j - 1]) and j < len(low) and _is_word_char(low[j]):
                        continue
                    yield Match(i, j, text[i:j], tuple(payloads))
                    i = j
                    break
                else:
                    i += 1
                continue
            i += 1

    def find(self, text: str) -> list[Match]:
        return list(self.finditer(text))
