"""Industries mentioned in a text, as GB/T 4754-2017 sections (scenario words included)."""

from __future__ import annotations

from .lexicon import lexicon
from .matcher import Match
from .technologies import Mention


def find_industries(text: str, matches: list[Match] | None = None) -> list[Mention]:
    """Every industry mention; a scenario such as 渔政 yields one mention per section it belongs to."""
    if matches is None:
        matches = lexicon().find(text)
    return [Mention(*hit) for hit in industry_hits(matches)]


def industry_hits(matches: list[Match]) -> list[tuple[str, int, int, str]]:
    """``find_industries`` as (section, start, end, text) tuples, quicker to make than Mention objects."""
    out: list[tuple[str, int, int, str]] = []
    for m in matches:
        for kind, key in m.payloads:
            if kind == "industry":
                out.append((key, m.start, m.end, m.text))
    return out
