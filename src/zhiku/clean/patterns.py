"""Load and compile data/noise.yaml: chrome, footer, junk and spam patterns with their examples."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources

import yaml

from ..errors import ConfigError
from ..text.regex_tree import Words, longest_whole, may_contain, required_words

KINDS = ("line", "inline", "junk", "contact", "footer", "marker")


@dataclass(frozen=True)
class NoisePattern:
    id: str
    kind: str
    regex: re.Pattern[str]
    example: str
    words: Words | None = field(default=None, compare=False, repr=False)  # every match holds one of them
    # the longest stripped line the pattern can take whole (a line pattern anchored at both ends, an inline one):
    # chrome_pattern does not run it on a longer line (most lines are paragraphs); None: no bound known
    longest: int | None = field(default=None, compare=False, repr=False)

    def may_match(self, text: str) -> bool:
        """False only when neither ``text`` nor any part of it (a line, stripped or not) can match."""
        return may_contain(text, self.words)


@dataclass(frozen=True)
class NoiseData:
    patterns: tuple[NoisePattern, ...]
    spam_strong: tuple[str, ...]
    spam_weak: tuple[str, ...]
    spam_min_strong: int
    spam_min_segments: int
    lead_openers: tuple[str, ...]
    _of_kind: dict[tuple[str, ...], tuple[NoisePattern, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False)
    _chrome: dict[int, tuple[tuple[bool, Callable[[str], re.Match[str] | None], str], ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False)

    def chrome_checks(self, size: int) -> tuple[tuple[bool, Callable[[str], re.Match[str] | None], str], ...]:
        """(is a line pattern, its regex's ``search`` or an inline one's ``match``, id) of the line and inline
        patterns that can take a stripped line of ``size`` characters whole, in file order (worked out once a
        size: most lines are paragraphs, which no pattern takes)."""
        size = min(size, self._past_longest)  # past every bound the same patterns apply: one entry for them all
        found = self._chrome.get(size)
        if found is None:
            found = self._chrome[size] = tuple(
                (p.kind == "line", p.regex.search if p.kind == "line" else p.regex.match, p.id)
                for p in self.of_kind("line", "inline") if p.longest is None or size <= p.longest)
        return found

    @cached_property
    def _past_longest(self) -> int:
        """One more than the longest line any bounded line or inline pattern can take whole."""
        return 1 + max((p.longest for p in self.of_kind("line", "inline") if p.longest is not None), default=0)

    def of_kind(self, *kinds: str) -> tuple[NoisePattern, ...]:
        """The patterns of these kinds, in file order (selected once per set of kinds)."""
        found = self._of_kind.get(kinds)
        if found is None:
            found = self._of_kind[kinds] = tuple(p for p in self.patterns if p.kind in kinds)
        return found


@lru_cache(maxsize=1)
def load_noise() -> NoiseData:
    """The bundled noise patterns, compiled once per process."""
    path = resources.files("zhiku") / "data" / "noise.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    patterns = []
    for item in data.get("patterns", []):
        if item.get("kind") not in KINDS:
            raise ConfigError(f"noise.yaml: pattern {item.get('id')!r} has unknown kind {item.get('kind')!r}")
        try:
            regex = re.compile(item["pattern"], re.IGNORECASE)
        except re.error as exc:
            raise ConfigError(f"noise.yaml: pattern {item.get('id')!r} does not compile ({exc})") from exc
        longest = longest_whole(regex, anchored=item["kind"] != "inline")
        patterns.append(NoisePattern(item["id"], item["kind"], regex, item.get("example", ""),
                                     required_words(regex), longest))
    spam = data.get("spam", {})
    return NoiseData(
        patterns=tuple(patterns),
        spam_strong=tuple(s.lower() for s in spam.get("strong", [])),
        spam_weak=tuple(s.lower() for s in spam.get("weak", [])),
        spam_min_strong=int(spam.get("min_strong", 2)),
        spam_min_segments=int(spam.get("min_segments", 3)),
        lead_openers=tuple(data.get("lead_openers", [])),
    )
