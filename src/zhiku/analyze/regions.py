"""Regions: China's province-, prefecture- and county-level divisions (GB/T 2260) and countries, from gazetteer
data (the county level by full name only: 寿光市, 海淀区, 浦东新区)."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import lru_cache

from ..errors import ConfigError
from .matcher import Match
from .taxonomy import data_path

# One-character abbreviations count only in a run of two or more (京津冀, 川渝) or before these words;
# those that are also common word characters count only beside one that is not (港澳 yes, 新青 no).
_ABBR_FOLLOWERS = "企籍"
_COMMON_CHARS = set("新青宁黑吉云甘台港贵秦蒙申苏晋藏")


@dataclass(frozen=True)
class RegionEntry:
    code: str
    name: str
    level: str  # province | prefecture | county | country | area
    short: tuple[str, ...] = ()
    abbr: tuple[str, ...] = ()

    @property
    def province(self) -> str | None:
        """The GB/T 2260 code of the province a Chinese division belongs to."""
        if self.code.isdigit():
            return self.code[:2] + "0000"
        return None


def _read_csv(name: str) -> list[dict[str, str]]:
    path = data_path("gazetteer", name)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read gazetteer ({exc})") from exc
    header = [line for line in text.splitlines() if line.startswith("#")]
    if not any(line.startswith("# source:") for line in header):
        raise ConfigError(f"{path}: the header must name its source")
    body = "\n".join(line for line in text.splitlines() if line and not line.startswith("#"))
    return list(csv.DictReader(io.StringIO(body)))


@lru_cache(maxsize=1)
def load_regions() -> dict[str, RegionEntry]:
    """Every region by code: Chinese divisions (numeric GB/T 2260 codes) and countries/areas (ISO codes)."""
    out: dict[str, RegionEntry] = {}
    for row in _read_csv("regions_cn.csv") + _read_csv("regions_cn_counties.csv"):
        short = row["short"].strip()
        entry = RegionEntry(
            code=row["code"].strip(),
            name=row["name"].strip(),
            level=row["level"].strip(),
            short=() if short in ("", "-") else (short,),
            abbr=tuple(a for a in row["abbr"].split("|") if a),
        )
        if entry.code in out:
            raise ConfigError(f"regions_cn.csv, regions_cn_counties.csv: code {entry.code} appears twice")
        out[entry.code] = entry
    for row in _read_csv("countries.csv"):
        entry = RegionEntry(
            code=row["code"].strip(),
            name=row["name"].strip(),
            level=row["level"].strip(),
            short=tuple(a for a in row["aliases"].split("|") if a),
        )
        if entry.code in out:
            raise ConfigError(f"countries.csv: code {entry.code} appears twice")
        out[entry.code] = entry
    return out


def region_patterns() -> list[tuple[str, tuple[str, str]]]:
    """(surface, payload) pairs for the lexicon: full and short names, and abbreviations apart."""
    pairs: list[tuple[str, tuple[str, str]]] = []
    seen: dict[str, str] = {}
    for entry in load_regions().values():
        for surface in (entry.name, *entry.short):
            if surface in seen and seen[surface] != entry.code:
                raise ConfigError(f"region name {surface!r} is used by {seen[surface]} and {entry.code}")
            seen[surface] = entry.code
            pairs.append((surface, ("region", entry.code)))
    return pairs


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, str]:
    """One-character abbreviation -> province code."""
    out: dict[str, str] = {}
    for entry in load_regions().values():
        for a in entry.abbr:
            out[a] = entry.code
    return out


@lru_cache(maxsize=1)
def _abbr_regex() -> re.Pattern[str]:
    """Runs of abbreviations that may be in context: two or more, or one before 企/籍.

    The runs ``[abbr]+`` would find less those of one abbreviation not before 企/籍, which ``abbreviation_runs``
    skips anyway (most runs): starting with a character class, the regex engine scans for it alone.
    """
    chars = "[" + "".join(sorted(abbreviations())) + "]"
    return re.compile(f"{chars}(?:{chars}+|(?=[{_ABBR_FOLLOWERS}]))")


def abbreviation_runs(text: str, taken: list[Match]) -> list[tuple[int, int, str]]:
    """(start, end, code) of abbreviations used in context: in runs like 京津冀 or before 企/籍, outside matches."""
    abbr = abbreviations()
    covered: bytearray | None = None  # built on the first run: most texts have none
    out: list[tuple[int, int, str]] = []
    for run_m in _abbr_regex().finditer(text):
        i, j = run_m.span()
        if j - i == 1 and (j == len(text) or text[j] not in _ABBR_FOLLOWERS):
            continue  # one abbreviation alone, not before 企/籍: never in context
        if covered is None:
            covered = bytearray(len(text))
            for m in taken:
                covered[m.start : m.end] = b"\x01" * (m.end - m.start)
        while i < j and covered[i]:
            i += 1
        k = i
        while k < j and not covered[k]:
            k += 1
        run = text[i:k]
        if not run:
            continue
        distinct = set(run)
        plain = distinct - _COMMON_CHARS
        in_context = (len(distinct) >= 2 and plain) or (k < len(text) and text[k] in _ABBR_FOLLOWERS and plain)
        if in_context and len(run) <= 6:
            out.extend((p, p + 1, abbr[text[p]]) for p in range(i, k))
    return out
