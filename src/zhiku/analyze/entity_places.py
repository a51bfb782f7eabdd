"""Places abroad that the region gazetteer (countries, China's divisions) does not hold: capitals and major cities,
first-level divisions, seas and world areas, from data/gazetteer/world_places.csv, each city and division with the
code of its country (迪拜 → AE), so that an article on Dubai is one on the United Arab Emirates."""

from __future__ import annotations

import csv
import io
import re
from functools import lru_cache

from ..errors import ConfigError
from .matcher import longest_first
from .taxonomy import data_path


@lru_cache(maxsize=1)
def _world_places() -> tuple[re.Pattern[str], dict[str, str]]:
    """The pattern of every name, and the country code of each name that has one."""
    path = data_path("gazetteer", "world_places.csv")
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read gazetteer ({exc})") from exc
    if not any(line.startswith("# source:") for line in text.splitlines()):
        raise ConfigError(f"{path}: the header must name its source")
    body = "\n".join(line for line in text.splitlines() if line and not line.startswith("#"))
    rows = list(csv.DictReader(io.StringIO(body)))
    countries = {row["name"].strip(): (row.get("country") or "").strip() for row in rows}
    return re.compile(longest_first(set(countries))), {name: code for name, code in countries.items() if code}


def world_places(text: str, taken: bytearray) -> list[tuple[int, int, str | None]]:
    """(start, end, country code or None) of world places in ``text`` not overlapping ``taken`` (1 where a span is
    already named)."""
    # (taken holds 0 or 1: finding no 1 is not any(taken[a:b]), without a copy)
    pattern, countries = _world_places()
    return [(m.start(), m.end(), countries.get(m.group(0))) for m in pattern.finditer(text)
            if taken.find(1, m.start(), m.end()) < 0]
