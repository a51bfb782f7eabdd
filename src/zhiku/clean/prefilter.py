"""Literal words that every match of a regex contains: a plain substring test then rules a text out cheaply.

``"举报" in text`` is far faster than running a pattern line by line, and when none of a pattern's required
words occurs in a text, no line of it (stripped or not) can match. The words are read from the parsed
pattern, so they follow data/noise.yaml and the credit regexes as these change; a construct that is not
understood yields no words (None), which means "always look".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

try:  # the regex parser of the standard library (private, stable since 3.11); without it nothing is filtered
    from re import _constants as _c
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover
    _sre_parse = None

Words = frozenset[str]


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
