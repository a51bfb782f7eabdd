"""Places abroad that the region gazetteer (countries, China's divisions) does not hold: capitals and major cities,
first-level divisions, seas and world areas, from data/gazetteer/world_places.csv. Used for entity spans only."""

from __future__ import annotations

import csv
import io
import re
from functools import lru_cache

from ..errors import ConfigError
from .matcher import longest_first
from .taxonomy import data_path


@lru_cache(maxsize=1)
def _world_places() -> re.Pattern[str]:
    path = data_path("gazetteer", "world_places.csv")
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read gazetteer ({exc})") from exc
    if not any(line.startswith("# source:") for line in text.splitlines()):
        raise ConfigError(f"{path}: the header must name its source")
    body = "\n".join(line for line in text.splitlines() if line and not line.startswith("#"))
    return re.compile(longest_first({row["name"].strip() for row in csv.DictReader(io.StringIO(body))}))


def world_places(text: str, taken: bytearray) -> list[tuple[int, int]]:
    """(start, end) of world places in ``text`` not overlapping ``taken`` (1 where a span is already named)."""
    # (taken holds 0 or 1: finding no 1 is not any(taken[a:b]), without a copy)
    return [m.span() for m in _world_places().finditer(text) if taken.find(1, m.start(), m.end()) < 0]
