"""Traditional → simplified script with OpenCC (t2s), and the mainland's words for the technology words Taiwan writes
its own way (``data/regional_words.yaml``: 晶片 → 芯片); the caller keeps the original text."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from ..record import CleaningEntry
from .chars import CJK_RE, entry

STEP = "script"
# a text counts as traditional when conversion changes at least this many characters and this share of its CJK
MIN_CHANGED = 3
MIN_SHARE = 0.01


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """``text`` in simplified script. OpenCC's t2s maps a few characters to others it maps again (薴 → 苧 → 苎): the
    conversion is repeated until nothing changes, so converted text converts to itself."""
    if not text:
        return text
    convert = _converter().convert
    out = convert(text)
    for _ in range(3):
        if out == text:
            break
        text, out = out, convert(out)
    return out


@lru_cache(maxsize=1)
def _regional_words() -> tuple[dict[str, str], re.Pattern[str] | None]:
    """(word → the mainland's word, a pattern of the words, longest first) of ``data/regional_words.yaml``."""
    import yaml

    text = resources.files("zhiku").joinpath("data", "regional_words.yaml").read_text(encoding="utf-8")
    words = {str(k): str(v) for k, v in (yaml.safe_load(text).get("words") or {}).items() if k != v}
    if not words:
        return words, None
    return words, re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


def mainland_words(text: str) -> str:
    """``text`` (simplified script, of a traditional original) with the mainland's word for each regional one."""
    words, pattern = _regional_words()
    return pattern.sub(lambda m: words[m.group()], text) if pattern is not None else text


def changed_count(before: str, after: str) -> int:
    if len(before) != len(after):
        return sum(1 for a, b in zip(before, after, strict=False) if a != b) + abs(len(before) - len(after))
    return sum(1 for a, b in zip(before, after, strict=True) if a != b)


def is_traditional(before: str, after: str) -> bool:
    changed = changed_count(before, after)
    if changed < MIN_CHANGED:
        return False
    if changed / max(len(before), 1) >= MIN_SHARE:
        return True  # a share of all characters is no larger than the share of the CJK ones: no need to count
    cjk = len(CJK_RE.findall(before)) or 1
    return changed / cjk >= MIN_SHARE


# Characters simplified Chinese writes in names that OpenCC's t2s maps all the same (华为昇腾, the surname 於): a text
# that is not traditional keeps them.
KEPT_IN_SIMPLIFIED = frozenset("昇於")


def convert_script(text: str) -> tuple[str, list[CleaningEntry]]:
    """Simplified script; one entry per changed line (the full original is kept in ``text_original``). A simplified
    text keeps the name characters of ``KEPT_IN_SIMPLIFIED`` (昇腾 stays 昇腾)."""
    new = to_simplified(text)
    if new == text:
        return text, []
    if len(new) == len(text) and not KEPT_IN_SIMPLIFIED.isdisjoint(text):
        if is_traditional(text, new):  # only the brand: 華為昇騰 → 华为昇腾
            new = "".join(o if o == "昇" and text.startswith(("昇腾", "昇騰"), k) else n
                          for k, (o, n) in enumerate(zip(text, new, strict=True)))
        else:
            new = "".join(o if o in KEPT_IN_SIMPLIFIED else n for o, n in zip(text, new, strict=True))
        if new == text:
            return text, []
    label = "traditional → simplified (OpenCC t2s)"
    if is_traditional(text, new) and (mainland := mainland_words(new)) != new:
        new, label = mainland, "traditional → simplified (OpenCC t2s), the mainland's words (晶片 → 芯片)"
    entries: list[CleaningEntry] = []
    pos = 0
    new_lines = new.split("\n")
    old_lines = text.split("\n")
    if len(new_lines) != len(old_lines):  # conversion never touches line breaks; be safe anyway
        return new, [entry(STEP, "replaced", text, new, 0, label)]
    for old, conv in zip(old_lines, new_lines, strict=True):
        if old != conv:
            entries.append(entry(STEP, "replaced", old, conv, pos, f"{label}, {changed_count(old, conv)} characters"))
        pos += len(old) + 1
    return new, entries
