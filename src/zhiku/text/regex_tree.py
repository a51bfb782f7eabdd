"""What a regular expression's parse tree says about its matches, so that work can be skipped safely.

- ``required_words``: literal words of which every match contains one; a plain substring test (``may_contain``)
  then rules a text out, far cheaper than running a pattern line by line (the cleaning steps' prefilters).
- ``first_chars``: the characters every match begins with (event triggers skipped where none occurs).
- ``looks_only_right``: a pattern that begins with a literal and looks at nothing left of where it starts, so it
  can join one alternation and matches a suffix of a text wherever it matches the text.
- ``longest_whole``: the longest text a pattern can match whole (from its start to its end): a longer line cannot
  be one of its matches (a chrome line's pattern is not run on a paragraph).

A construct that is not understood yields the safe answer (None, False: "always look"). The tree comes from the
standard library's private parser (``re._parser``, stable since 3.11); without it nothing is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

try:
    from re import _constants as _c
    from re import _parser as _sre_parse

    _ZERO_WIDTH = (_c.AT, _c.ASSERT, _c.ASSERT_NOT)
except (ImportError, AttributeError):  # pragma: no cover - other Python implementations
    _sre_parse = None

Words = frozenset[str]


def longest_whole(regex: re.Pattern[str], anchored: bool = False) -> int | None:
    """The most characters a match of ``regex`` spans, or None when unbounded or not known. With ``anchored``, only
    for a pattern every branch of which opens with ``^`` and ends with ``$`` (so that a text longer than that has
    no match at all); without it, the bound of a match, which a caller must require to span the whole text."""
    if _sre_parse is None:
        return None
    try:
        tree = _sre_parse.parse(regex.pattern, regex.flags)
        low, high = tree.getwidth()
    except Exception:  # noqa: BLE001 - an unparsed construct: no bound
        return None
    if high >= _c.MAXREPEAT or low > high:
        return None
    if anchored and not _anchored_both_ends(list(tree)):
        return None
    return int(high)


_BEGIN = ("AT_BEGINNING", "AT_BEGINNING_STRING")
_END = ("AT_END", "AT_END_STRING")


def _anchored_both_ends(items: list[tuple[Any, Any]]) -> bool:
    """Whether every way through a parsed sequence opens with ^ and ends with $."""
    return _anchored(items, last=False) and _anchored(items, last=True)


def _anchored(items: list[tuple[Any, Any]], last: bool) -> bool:
    """Whether every way through ``items`` opens with ^ (ends with $, ``last``)."""
    if not items:
        return False
    op, av = items[-1 if last else 0]
    if op is _c.AT:
        return str(av) in (_END if last else _BEGIN)
    if op is _c.BRANCH:
        return all(_anchored(list(branch), last) for branch in av[1])
    if op is _c.SUBPATTERN:
        return _anchored(list(av[-1]), last)
    return False


def required_words(*regexes: re.Pattern[str]) -> Words | None:
    """Words such that any match of any of ``regexes`` contains one of them; None when that cannot be told."""
    found: set[str] = set()
    for regex in regexes:
        words = _pattern_words(regex)
        if words is None:
            return None
        found |= words
    # a word holding another one is redundant: 本报记者 contains 记者
    return frozenset(w for w in found if not any(o != w and o in w for o in found))


def may_contain(text: str, words: Words | None) -> bool:
    """False only when ``text`` holds none of ``words`` (None: unknown, so True)."""
    if words is None:
        return True
    for w in words:  # a plain loop: cheaper than any() over a generator for these few words
        if w in text:
            return True
    return False


def _pattern_words(regex: re.Pattern[str]) -> set[str] | None:
    if _sre_parse is None:
        return None
    try:
        parsed = _sre_parse.parse(regex.pattern, regex.flags)
    except Exception:  # pragma: no cover - it compiled, so it parses
        return None
    return _sequence_words(parsed, bool(parsed.state.flags & re.IGNORECASE))


def _sequence_words(items: Iterable[tuple[object, object]], ignorecase: bool) -> set[str] | None:
    """The most selective word set among the items that every match of the sequence must go through."""
    options: list[set[str]] = []
    run = ""  # consecutive literal characters form one word
    for op, av in items:
        if op is _c.LITERAL and not (ignorecase and _cased(chr(av))):  # type: ignore[arg-type]
            run += chr(av)  # type: ignore[arg-type]
            continue
        if run:
            options.append({run})
            run = ""
        words = _item_words(op, av, ignorecase)
        if words:
            options.append(words)
    if run:
        options.append({run})
    # the set whose shortest word is longest is the rarest to meet by chance
    return max(options, key=lambda ws: min(map(len, ws)), default=None)


def _item_words(op: object, av: object, ignorecase: bool) -> set[str] | None:
    """Words for a group, an alternation or a repeat of at least one; None for anything else."""
    if op is _c.SUBPATTERN:
        _, add_flags, del_flags, sub = av  # type: ignore[misc]
        return None if add_flags or del_flags else _sequence_words(sub, ignorecase)
    if op is _c.BRANCH:
        found: set[str] = set()
        for alternative in av[1]:  # type: ignore[index]
            words = _sequence_words(alternative, ignorecase)
            if not words:
                return None  # an alternative without a required word: the alternation has none
            found |= words
        return found
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:  # type: ignore[index]
        return _sequence_words(av[2], ignorecase)  # type: ignore[index]
    return None


def _cased(ch: str) -> bool:
    """A character that IGNORECASE may match in another form (conservatively: any with a case mapping)."""
    return ch.lower() != ch or ch.upper() != ch or ch.casefold() != ch


def first_chars(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The characters every match of ``pattern`` begins with, read from its parse tree.

    None when the tree does not tell: a class, a repeat or an empty branch first, or case-insensitive
    matching. Lookarounds and anchors before the first literal take no character and are passed over.
    """
    if pattern.flags & re.IGNORECASE or _sre_parse is None:
        return None
    try:
        found = _first_chars(_sre_parse.parse(pattern.pattern, pattern.flags))
    except (re.error, TypeError, ValueError):
        return None
    return frozenset(found) if found else None


def _first_chars(items: Any) -> set[str] | None:
    for op, arg in items:
        if op in _ZERO_WIDTH:
            continue
        if op is _c.LITERAL:
            return {chr(arg)}
        if op is _c.BRANCH:
            branches = [_first_chars(branch) for branch in arg[1]]
            return None if any(b is None for b in branches) else set().union(*branches)
        if op is _c.SUBPATTERN and not arg[1] & re.IGNORECASE:
            return _first_chars(arg[3])
        return None
    return None  # nothing consumed: the pattern can match the empty string


def looks_only_right(pattern: re.Pattern[str]) -> bool:
    """Whether ``pattern`` begins with a literal and looks at nothing left of where it starts (no lookbehind,
    anchor or group), so it can join one alternation and match a suffix of a text where it matches the text."""
    if _sre_parse is None or pattern.groups or pattern.flags != re.UNICODE:
        return False
    items = _sre_parse.parse(pattern.pattern, pattern.flags)
    return bool(items) and items[0][0] is _c.LITERAL and not _looks_left(items)


def _looks_left(items: Any) -> bool:
    for op, arg in items:
        if op is _c.AT or op in (_c.ASSERT, _c.ASSERT_NOT) and arg[0] < 0:
            return True
        if op in (_c.ASSERT, _c.ASSERT_NOT):
            children = [arg[1]]
        elif op is _c.BRANCH:
            children = arg[1]
        elif op is _c.SUBPATTERN:
            children = [arg[3]]
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            children = [arg[2]]
        elif op in (_c.LITERAL, _c.NOT_LITERAL, _c.IN, _c.ANY):
            children = []
        else:  # anything else (a back reference, an atomic group …): not known to look right only
            return True
        if any(_looks_left(child) for child in children):
            return True
    return False
