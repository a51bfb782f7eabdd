"""AI technologies mentioned in a text, as concepts of the ai_technologies taxonomy."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import lexicon, payload_kinds
from .matcher import Match
from .taxonomy import load_taxonomy

# What may stand between two items of an enumeration: 智能芯片、大模型算法、框架等
_LIST_GLUE = re.compile(r"^(?:、|，|,|和|及|与|以及|或|/|\s)+$")
_TECH_KINDS = frozenset(("tech", "tech-ctx"))


@dataclass(frozen=True)
class Mention:
    concept: str
    start: int
    end: int
    text: str


def find_technologies(text: str, matches: list[Match] | None = None) -> list[Mention]:
    """Every technology mention; generic context words (框架) count only inside an enumeration of technologies."""
    if matches is None:
        matches = lexicon().find(text)
    return [Mention(*hit) for hit in technology_hits(text, matches)]


def technology_hits(text: str, matches: list[Match]) -> list[tuple[str, int, int, str]]:
    """``find_technologies`` as (concept, start, end, text) tuples, quicker to make than Mention objects."""
    tech = [m for m in matches if not _TECH_KINDS.isdisjoint(payload_kinds(m.payloads))]
    out: list[tuple[str, int, int, str]] = []
    for k, m in enumerate(tech):
        ids = [p[1] for p in m.payloads if p[0] == "tech"]
        if ids:
            out.extend((cid, m.start, m.end, m.text) for cid in ids)
            continue
        neighbours = []
        if k > 0:
            neighbours.append(text[tech[k - 1].end : m.start])
        if k + 1 < len(tech):
            neighbours.append(text[m.end : tech[k + 1].start])
        if any(_LIST_GLUE.match(gap) for gap in neighbours if gap):
            out.extend((p[1], m.start, m.end, m.text) for p in m.payloads if p[0] == "tech-ctx")
    return out


def label(concept_id: str) -> str:
    return load_taxonomy("ai_technologies")[concept_id].label
