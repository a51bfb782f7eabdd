"""One combined dictionary of every analysis pattern, so that the longest name wins across kinds.

Matching technologies, industries, regions, organizations and policies in one leftmost-longest pass
is what keeps 中国 out of 中国联通 and 海南 out of 海南航空, and 工业 out of 工业互联网.
Payloads are (kind, key): ("tech", id), ("tech-ctx", id), ("industry", section), ("region", code),
("org", canonical name), ("policy", id). A taxonomy's ``not_terms`` (基金会 holds 基金, 保险杠 保险) are blocked:
matched so that the pattern inside them is not, reported by no scan.
"""

from __future__ import annotations

from functools import lru_cache

from .matcher import Matcher
from .taxonomy import load_taxonomy


@lru_cache(maxsize=1)
def lexicon() -> Matcher:
    from .entities import organization_patterns
    from .policies import policy_patterns
    from .regions import region_patterns

    m = Matcher()
    tech = load_taxonomy("ai_technologies")
    for pattern, ids in tech.patterns.items():
        for cid in ids:
            m.add(pattern, ("tech", cid))
    for pattern, cid in tech.context_patterns.items():
        m.add(pattern, ("tech-ctx", cid))
    industries = load_taxonomy("industries")
    for pattern, ids in industries.patterns.items():
        for cid in ids:
            m.add(pattern, ("industry", cid))
    for term in (*tech.not_terms, *industries.not_terms):
        m.block(term)
    for pattern, payload in region_patterns():
        m.add(pattern, payload)
    for pattern, payload in organization_patterns():
        m.add(pattern, payload)
    for pattern, payload in policy_patterns():
        m.add(pattern, payload)
    return m


@lru_cache(maxsize=8192)
def payload_kinds(payloads: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """Kind -> key of one match's payloads (the last of a kind wins, as in a dict built from them).

    A match's payloads are the lexicon's own tuple for its pattern, so there are as many as patterns; the answer
    is shared between calls: read it, never change it.
    """
    return {kind: key for kind, key in payloads}
