"""Industries mentioned in a text, as GB/T 4754-2017 sections (scenario words included)."""

from __future__ import annotations

from collections.abc import Sequence

from .entities import Entity, load_organizations, read_across
from .lexicon import lexicon
from .matcher import Match
from .technologies import Mention


def find_industries(text: str, matches: list[Match] | None = None) -> list[Mention]:
    """Every industry mention; a scenario such as 渔政 yields one mention per section it belongs to."""
    if matches is None:
        matches = lexicon().find(text)
    return [Mention(*hit) for hit in industry_hits(matches, text)]


def industry_hits(matches: list[Match], text: str | None = None) -> list[tuple[str, int, int, str]]:
    """``find_industries`` as (section, start, end, text) tuples, quicker to make than Mention objects. With the
    ``text`` matched, a two-character word the segmenter reads across is none (作出|行政 holds no 出行, 实施|工作 no
    施工, 输电|网络 no 电网)."""
    out: list[tuple[str, int, int, str]] = []
    for m in matches:
        keys = [key for kind, key in m.payloads if kind == "industry"]
        if keys and not (text is not None and m.end - m.start == 2 and read_across(text, m.start, m.end)):
            out.extend((key, m.start, m.end, m.text) for key in keys)
    return out


def company_industry_hits(entities: Sequence[Entity]) -> list[tuple[str, int, int, str]]:
    """(section, start, end, text) of the organizations whose gazetteer entry names their industry: an article
    about 摩尔线程 is about 软件和信息服务 (集成电路设计, GB/T 4754 I 6520) even when no industry word is written."""
    known = load_organizations()
    out: list[tuple[str, int, int, str]] = []
    for e in entities:
        if e.type == "ORG":
            entry = known.get(e.key)
            if entry is not None and entry.industry:
                out.append((entry.industry, e.start, e.end, e.text))
    return out
