"""The sources file (YAML): feeds, sitemaps, listing pages and single URLs, each with its own schedule and limits."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError

KINDS = ("feed", "sitemap", "listing", "url")
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(value: object, where: str) -> float:
    """Seconds from 90, "90s", "30m", "6h" or "1d"."""
    if isinstance(value, int | float):
        return float(value)
    m = _DURATION.match(str(value))
    if not m:
        raise ConfigError(f"{where}: {value!r} is not a duration (like 90, 30m, 6h, 1d)")
    return float(m.group(1)) * _UNITS[m.group(2)]


@dataclass(frozen=True)
class Source:
    """One place to collect from."""

    name: str
    kind: str
    urls: tuple[str, ...]
    interval: float = 3600.0
    rate: float | None = None  # requests per second to this source's hosts
    encoding: str | None = None  # overrides what the server and page declare
    include: tuple[re.Pattern, ...] = ()
    exclude: tuple[re.Pattern, ...] = ()
    link_pattern: re.Pattern | None = None  # listing pages: which links are articles
    max_items: int = 200
    outlet: str | None = None  # the outlet's name, used when a page does not say

    def wants(self, url: str) -> bool:
        """Whether an article URL passes this source's include/exclude patterns."""
        if self.include and not any(p.search(url) for p in self.include):
            return False
        return not any(p.search(url) for p in self.exclude)


@dataclass
class SourcesFile:
    sources: list[Source] = field(default_factory=list)
    settings: dict = field(default_factory=dict)

    def select(self, names: list[str] | None) -> list[Source]:
        if not names:
            return list(self.sources)
        known = {s.name: s for s in self.sources}
        missing = [n for n in names if n not in known]
        if missing:
            raise ConfigError(f"unknown source {', '.join(missing)}; known: {', '.join(known) or 'none'}")
        return [known[n] for n in names]


def _patterns(value: object, where: str) -> tuple[re.Pattern, ...]:
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list):
        raise ConfigError(f"{where}: expected a pattern or a list of patterns")
    try:
        return tuple(re.compile(str(p)) for p in items)
    except re.error as exc:
        raise ConfigError(f"{where}: bad pattern: {exc}") from exc


def parse_sources(data: object, origin: str = "sources") -> SourcesFile:
    """Validate a loaded sources document; every problem names the source and the field."""
    if not isinstance(data, dict) or not isinstance(data.get("sources"), list):
        raise ConfigError(f"{origin}: expected a mapping with a 'sources' list")
    defaults = data.get("defaults") or {}
    out = SourcesFile(settings={k: v for k, v in data.items() if k not in ("sources", "defaults")})
    seen: set[str] = set()
    for i, raw in enumerate(data["sources"]):
        where = f"{origin}: source #{i + 1}"
        if not isinstance(raw, dict):
            raise ConfigError(f"{where}: expected a mapping")
        entry = {**defaults, **raw}
        name = entry.get("name")
        if not name or not isinstance(name, str):
            raise ConfigError(f"{where}: needs a name")
        where = f"{origin}: source {name}"
        if name in seen:
            raise ConfigError(f"{where}: name used twice")
        seen.add(name)
        kind = entry.get("type", entry.get("kind", "url"))
        if kind not in KINDS:
            raise ConfigError(f"{where}: type {kind!r} is not one of {', '.join(KINDS)}")
        urls = entry.get("urls") or ([entry["url"]] if entry.get("url") else [])
        if isinstance(urls, str):
            urls = [urls]
        if not urls or not all(isinstance(u, str) and u.startswith(("http://", "https://")) for u in urls):
            raise ConfigError(f"{where}: needs 'url' or 'urls' with http(s) URLs")
        link = entry.get("link_pattern")
        if kind == "listing" and not link:
            raise ConfigError(f"{where}: a listing source needs a link_pattern")
        rate = entry.get("rate")
        if rate is not None and (not isinstance(rate, int | float) or rate <= 0):
            raise ConfigError(f"{where}: rate must be a positive number of requests per second")
        out.sources.append(Source(
            name=name, kind=kind, urls=tuple(urls),
            interval=parse_duration(entry.get("interval", 3600), f"{where}: interval"),
            rate=float(rate) if rate is not None else None,
            encoding=entry.get("encoding"),
            include=_patterns(entry.get("include"), f"{where}: include"),
            exclude=_patterns(entry.get("exclude"), f"{where}: exclude"),
            link_pattern=_patterns(link, f"{where}: link_pattern")[0] if link else None,
            max_items=int(entry.get("max_items", 200)),
            outlet=entry.get("outlet"),
        ))
    return out


def load_sources(path: str | Path) -> SourcesFile:
    """Read and validate a sources YAML file."""
    import yaml

    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: sources file not found") from exc
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid YAML ({exc})") from exc
    return parse_sources(data, str(path))
