"""Load and validate the concept taxonomies (AI technologies, industries) kept as YAML data files."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError

logger = logging.getLogger(__name__)

_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader when libyaml is present

TAXONOMIES = ("ai_technologies", "industries")


@dataclass(frozen=True)
class Concept:
    id: str
    label: str
    parent: str | None
    patterns: tuple[str, ...]
    context_patterns: tuple[str, ...] = ()
    official: str | None = None
    generic: bool = False  # an umbrella concept nearly every article mentions; ranked lower


@dataclass(frozen=True)
class Taxonomy:
    name: str
    source: str
    version: str
    concepts: dict[str, Concept]
    # pattern -> concept ids (one id for concept patterns; several only for declared scenarios)
    patterns: dict[str, tuple[str, ...]]
    context_patterns: dict[str, str] = field(default_factory=dict)
    renamed: dict[str, str] = field(default_factory=dict)
    # words that hold a pattern but name no concept (基金会, 保险杠): the lexicon's longest match, so that the
    # pattern inside them (基金, 保险) is not read
    not_terms: tuple[str, ...] = ()

    def __getitem__(self, concept_id: str) -> Concept:
        return self.concepts[self.renamed.get(concept_id, concept_id)]

    def ancestors(self, concept_id: str) -> list[str]:
        out: list[str] = []
        parent = self.concepts[concept_id].parent
        while parent is not None and parent not in out:
            out.append(parent)
            parent = self.concepts[parent].parent
        return out


def data_path(*parts: str) -> Path:
    return Path(str(resources.files("zhiku").joinpath("data", *parts)))


@lru_cache(maxsize=16)
def read_gazetteer(name: str) -> dict[str, Any]:
    """A data/gazetteer YAML file, parsed once per process; its header must name its source.

    Callers read the returned mapping and never change it (it is shared).
    """
    path = data_path("gazetteer", name)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read gazetteer ({exc})") from exc
    if not isinstance(data, dict) or not str(data.get("source") or "").strip():
        raise ConfigError(f"{path}: the header must name its source")
    return data


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read taxonomy ({exc})") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: a taxonomy is a mapping with source, version and concepts")
    for key in ("source", "version"):
        if not str(data.get(key) or "").strip():
            raise ConfigError(f"{path}: header field {key!r} is missing")
    return data


def parse_taxonomy(name: str, data: dict[str, Any], origin: str = "") -> Taxonomy:
    """Build a Taxonomy from parsed YAML, refusing duplicate ids, shared patterns and missing parents."""
    where = origin or name
    concepts: dict[str, Concept] = {}
    patterns: dict[str, tuple[str, ...]] = {}
    context: dict[str, str] = {}
    for raw in data.get("concepts") or []:
        cid = str(raw.get("id") or "").strip()
        label = str(raw.get("label") or "").strip()
        if not cid or not label:
            raise ConfigError(f"{where}: concept {raw!r} needs an id and a label")
        if cid in concepts:
            raise ConfigError(f"{where}: concept id {cid!r} is defined twice")
        pats = tuple(str(p).strip() for p in raw.get("patterns") or [] if str(p).strip())
        ctx = tuple(str(p).strip() for p in raw.get("context_patterns") or [] if str(p).strip())
        if not pats:
            raise ConfigError(f"{where}: concept {cid!r} has no patterns")
        concepts[cid] = Concept(cid, label, raw.get("parent"), pats, ctx, raw.get("official"), bool(raw.get("generic")))
        for p in pats:
            key = p.lower()
            if key in patterns and patterns[key] != (cid,):
                raise ConfigError(f"{where}: pattern {p!r} maps to both {patterns[key][0]!r} and {cid!r}")
            patterns[key] = (cid,)
        for p in ctx:
            key = p.lower()
            if key in patterns or (key in context and context[key] != cid):
                raise ConfigError(f"{where}: context pattern {p!r} of {cid!r} is already used")
            context[key] = cid
    if not concepts:
        raise ConfigError(f"{where}: no concepts")
    for c in concepts.values():
        if c.parent is not None and c.parent not in concepts:
            raise ConfigError(f"{where}: parent {c.parent!r} of {c.id!r} does not exist")
    for c in concepts.values():  # no cycles
        seen = {c.id}
        parent = c.parent
        while parent is not None:
            if parent in seen:
                raise ConfigError(f"{where}: concept {c.id!r} is its own ancestor")
            seen.add(parent)
            parent = concepts[parent].parent
    for sc in data.get("scenarios") or []:
        term = str(sc.get("term") or "").strip()
        sections = tuple(str(s) for s in sc.get("sections") or [])
        if not term or not sections:
            raise ConfigError(f"{where}: scenario {sc!r} needs a term and sections")
        missing = [s for s in sections if s not in concepts]
        if missing:
            raise ConfigError(f"{where}: scenario {term!r} names unknown sections {missing}")
        if term.lower() in patterns:
            raise ConfigError(f"{where}: scenario {term!r} is also a concept pattern")
        patterns[term.lower()] = sections
    renamed = {str(k): str(v) for k, v in (data.get("renamed") or {}).items()}
    for old, new in renamed.items():
        if new not in concepts:
            raise ConfigError(f"{where}: renamed id {old!r} points at unknown {new!r}")
    not_terms = tuple(str(t).strip() for t in data.get("not_terms") or [] if str(t).strip())
    for term in not_terms:
        if term.lower() in patterns:
            raise ConfigError(f"{where}: not_terms {term!r} is also a pattern")
        if not any(p in term.lower() for p in patterns):
            raise ConfigError(f"{where}: not_terms {term!r} holds no pattern: it would block nothing")
    return Taxonomy(name, str(data["source"]).strip(), str(data["version"]), concepts, patterns, context, renamed,
                    not_terms)


def check_disjoint(technologies: Taxonomy, industries: Taxonomy) -> None:
    """A technology never appears as an industry: no shared pattern, no shared label."""
    shared = sorted(set(technologies.patterns) & set(industries.patterns))
    if shared:
        raise ConfigError(f"industries: patterns {shared[:10]} are technologies")
    tech_labels = {c.label for c in technologies.concepts.values()}
    labels = sorted({c.label for c in industries.concepts.values()} & tech_labels)
    if labels:
        raise ConfigError(f"industries: labels {labels} are technologies")


@lru_cache(maxsize=8)
def load_taxonomy(name: str) -> Taxonomy:
    """The named taxonomy from zhiku/data/taxonomy/, validated (cached per process)."""
    if name not in TAXONOMIES:
        raise ConfigError(f"unknown taxonomy {name!r}; known: {', '.join(TAXONOMIES)}")
    path = data_path("taxonomy", f"{name}.yaml")
    tax = parse_taxonomy(name, _read_yaml(path), str(path))
    if name == "industries":
        check_disjoint(load_taxonomy("ai_technologies"), tax)
    logger.debug("loaded taxonomy %s: %d concepts", name, len(tax.concepts))
    return tax


def domain_terms() -> list[str]:
    """Every multi-character surface pattern of both taxonomies: a user dictionary for segmentation."""
    terms: dict[str, None] = {}
    for name in TAXONOMIES:
        tax = load_taxonomy(name)
        for c in tax.concepts.values():
            for p in c.patterns:
                if len(p) >= 2:
                    terms.setdefault(p, None)
    return list(terms)
