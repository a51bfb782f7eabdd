"""Context rules for entity types and edges, applied to the spans of any source (gazetteer, patterns, LAC).

Teams: in a sentence about a match, a city or name right beside a match verb names the club (米兰|客场0比0).
Units: an organization and the unit named after it are one name (公安部|经济犯罪侦查局, 工商银行|广东省|分行).
Sites: a place and the site named after it are one place (置地|广场); an organization's venue is a place.
Titles of works: names inside 《南京！南京！》 are part of the title. Armed services: 美国|海军 is an organization.
Word lists are in data/gazetteer/entity_context.yaml.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from operator import attrgetter
from typing import TYPE_CHECKING

from .matcher import longest_first
from .taxonomy import read_gazetteer

if TYPE_CHECKING:
    from .entities import Entity

_SENTENCE = re.compile(r"[^。！？!?\n]+")
_START = attrgetter("start")  # the sort key of spans in order (faster than a lambda)


def _alternation(words: list[str]) -> re.Pattern[str]:
    return re.compile(longest_first(words))


@lru_cache(maxsize=1)
def _context_data() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    data = read_gazetteer("entity_context.yaml")
    cues = _alternation(data["match_cues"])
    score = r"[0-9０-９]+\s*[比:：]\s*[0-9０-９]"
    before = re.compile(r"\s*(?:在|则|也|已|还|都)?(?:" + score + "|" + _alternation(data["team_before"]).pattern + ")")
    after = re.compile("(?:" + _alternation(data["team_after"]).pattern + r")\s*$")
    return cues, before, after


def match_teams(text: str, ents: list[Entity], countries: frozenset[str] = frozenset()) -> list[Entity]:
    """Places and people standing as a side in a match (in a sentence with a match word) retyped as ORG.

    Other mentions of a team's name in the text are the team too, except a country's name outside match
    sentences (中国 in a report on 中国 beating 日本 is still the country elsewhere)."""
    cues, before, after = _context_data()
    if not cues.search(text):
        return ents
    sentences = [m.span() for m in _SENTENCE.finditer(text) if cues.search(m.group(0))]
    teams = {e.text for e in ents if e.type in ("LOC", "PER") and len(e.text) >= 2 and not e.key.isdigit()
             and _in_any(e.start, sentences)
             and (before.match(text, e.end) or after.search(text, max(0, e.start - 4), e.start))}
    if not teams:
        return ents
    return [replace(e, type="ORG", key=e.text, info={**e.info, "team": True})
            if e.type in ("LOC", "PER") and e.text in teams
            and (e.key not in countries and e.text not in countries or _in_any(e.start, sentences)) else e
            for e in ents]


@lru_cache(maxsize=1)
def _unit_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], dict[str, str]]:
    data = read_gazetteer("entity_context.yaml")
    branch = re.compile("(?:" + _alternation(data["branch_units"]).pattern + ")")
    # the unit's words, then its suffix; not a deputy's title (副局长) nor a list (等, 和, 各), nor a suffix running on
    # into a word (局长, 处理, 处置, 处罚)
    suffixes = _alternation(data["unit_suffixes"]).pattern
    unit = re.compile(r"(?![副正主常等和与及或各])([\u4e00-\u9fff]{0,10}?)(" + suffixes
                      + r")(?![长理事公法员务会部置罚境])")
    return branch, unit, _alternation(data["unit_stop"]), dict(data["unit_not_before"])


def org_units(text: str, ents: list[Entity]) -> list[Entity]:
    """An organization and the unit named after it as one span: 公安部经济犯罪侦查局, 工商银行广东省分行."""
    branch, unit, stop, not_before = _unit_patterns()
    ents = sorted(ents, key=_START)
    starts = {e.start: k for k, e in enumerate(ents)}
    out: list[Entity] = []
    skip: set[int] = set()
    for k, e in enumerate(ents):
        if k in skip:
            continue
        if e.type == "ORG":
            end = None
            nxt = starts.get(e.end)
            if nxt is not None and ents[nxt].type == "LOC":
                m = branch.match(text, ents[nxt].end)
                if m:
                    end = m.end()
                    skip.add(nxt)
            elif nxt is not None and ents[nxt].type == "ORG" and branch.search(ents[nxt].text[-3:]) \
                    and _ends_in(branch, ents[nxt].text):
                end = ents[nxt].end  # 招行|广州分行, 招行|广州分行营业部
                skip.add(nxt)
            elif nxt is None:
                m = unit.match(text, e.end)
                if m and (len(m.group(2)) > 1 or 2 <= len(m.group(1)) <= 6) and not stop.search(m.group(0)) \
                        and not (m.group(1) and m.group(1)[-1] in not_before.get(m.group(2), "")) \
                        and not any(e.end < x.start < m.end() for x in ents):
                    end = m.end()
            if end is not None:
                e = replace(e, end=end, text=text[e.start:end], key=text[e.start:end])
        out.append(e)
    return out


def _ends_in(pattern: re.Pattern[str], text: str) -> bool:
    """Whether the last of ``pattern``'s matches in ``text`` ends it (广州分行营业部 ends in a branch unit)."""
    last = None
    for last in pattern.finditer(text):  # noqa: B007 - the loop keeps the last match
        pass
    return last is not None and last.end() == len(text)


@lru_cache(maxsize=1)
def _site_pattern() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = read_gazetteer("entity_context.yaml")
    gap = r"((?:(?![在的和与是到从])[\u4e00-\u9fff]){0,2}?)"
    return (re.compile(gap + "(?:" + _alternation(data["site_suffixes"]).pattern + ")"),
            re.compile(gap + "(?:" + _alternation(data["venue_suffixes"]).pattern + ")"))


def place_sites(text: str, ents: list[Entity]) -> list[Entity]:
    """A place and the site named after it as one place (置地广场, 王朗自然保护区); so is an organization's venue
    (华中科技大学体育馆)."""
    site, venue = _site_pattern()
    starts = {e.start for e in ents}
    out: list[Entity] = []
    for e in ents:
        if e.type == "LOC" and e.end not in starts:
            m = site.match(text, e.end)
            # a known region with a name between it and the site (深圳|荔景|大厦) stays apart from it
            if m and not any(e.end < s < m.end() for s in starts) and not (m.group(1) and e.source == "gazetteer"):
                e = replace(e, end=m.end(), text=text[e.start:m.end()], key=text[e.start:m.end()])
        elif e.type == "ORG" and e.end not in starts:
            m = venue.match(text, e.end)
            if m and not any(e.end < s < m.end() for s in starts):
                e = replace(e, type="LOC", end=m.end(), text=text[e.start:m.end()], key=text[e.start:m.end()])
        out.append(e)
    return out


_TITLE = re.compile(r"《([^《》\n]{1,40})》")


@lru_cache(maxsize=1)
def _document_end() -> re.Pattern[str]:
    data = read_gazetteer("entity_context.yaml")
    return re.compile("(?:" + _alternation(data["document_title_ends"]).pattern + r")[（(）)\w]{0,8}$")


def outside_work_titles(text: str, ents: list[Entity]) -> list[Entity]:
    """Drop names inside the title of a book, film, song or game; names in a document's title stay."""
    if "《" not in text:
        return ents
    doc = _document_end()
    works = [m.span(1) for m in _TITLE.finditer(text) if not doc.search(m.group(1))]
    if not works:
        return ents
    return [e for e in ents if not any(a <= e.start and e.end <= b for a, b in works)]


@lru_cache(maxsize=1)
def _service_pattern() -> re.Pattern[str]:
    data = read_gazetteer("entity_context.yaml")
    return _alternation(data["armed_services"])


def armed_services(text: str, ents: list[Entity], countries: set[str]) -> list[Entity]:
    """A country and its armed service as one organization: 美国海军, 苏联空军."""
    service = _service_pattern()
    starts = {e.start for e in ents}
    out: list[Entity] = []
    for e in ents:
        if e.type == "LOC" and (e.key in countries or e.text in countries) and e.end not in starts:
            m = service.match(text, e.end)
            if m:
                e = replace(e, type="ORG", end=m.end(), text=text[e.start:m.end()], key=text[e.start:m.end()])
        out.append(e)
    return out


@lru_cache(maxsize=1)
def _clock_words() -> tuple[str, ...]:
    return tuple(read_gazetteer("entity_context.yaml")["clock_words"])


def clock_places(text: str, ents: list[Entity]) -> list[Entity]:
    """Drop a place that names a time zone (北京时间): the article is not about the place."""
    words = _clock_words()
    return [e for e in ents if not (e.type == "LOC" and text.startswith(words, e.end))]


def _in_any(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)
