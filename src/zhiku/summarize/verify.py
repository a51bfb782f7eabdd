"""Number check: every number a generated sentence states must appear in its source sentences."""

from __future__ import annotations

import re
from collections.abc import Iterable

# 4,500 / 4500 / 45.5 / 1/3 / 13.9%: the digits are compared, thousands separators dropped.
_NUMBER = re.compile(r"\d+(?:[,，]\d{3})*(?:\.\d+)?")
_CN_NUMBER = re.compile(r"[零〇一二两三四五六七八九十百千万亿]{2,}(?=[家个项元年名位台倍%％])")


def _norm(raw: str) -> str:
    raw = raw.replace(",", "").replace("，", "")
    if "." in raw:
        raw = raw.rstrip("0").rstrip(".")
    return raw.lstrip("0") or "0"


def numbers(text: str) -> set[str]:
    """Normalized Arabic numbers of ``text``, plus Chinese numerals before a unit, converted."""
    found = {_norm(m.group(0)) for m in _NUMBER.finditer(text)}
    for m in _CN_NUMBER.finditer(text):
        raw = m.group(0)
        # 三千亿 is both 300000000000 and "3000亿": keep the value and the part before 万/亿.
        for part in (raw, raw.rstrip("万亿")):
            value = _cn_value(part) if part else None
            if value is not None:
                found.add(value)
    return found


def _cn_value(raw: str) -> str | None:
    try:
        import cn2an

        value = cn2an.cn2an(raw, "smart")
    except (ValueError, KeyError, TypeError, AttributeError, ImportError):
        return None
    return _norm(str(int(value)) if float(value).is_integer() else str(value))


def unsupported_numbers(text: str, sources: Iterable[str]) -> list[str]:
    """Numbers stated in ``text`` that none of ``sources`` contains (empty when all are supported)."""
    stated = numbers(text)
    if not stated:
        return []  # nothing to support: the sources need not be read
    supported: set[str] = set()
    for source in sources:
        supported |= numbers(source)
    return sorted(n for n in stated if n not in supported)
