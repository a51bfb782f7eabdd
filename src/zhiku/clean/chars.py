"""Character classes shared by the cleaning steps: CJK ideographs, CJK punctuation, sentence ends."""

from __future__ import annotations

import re

from ..record import CleaningEntry

# Unified ideographs (BMP + extension A) and compatibility ideographs; extension B+ via the surrogate-free range.
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
CJK_RE = re.compile(f"[{CJK}]")
CJK_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】「」『』…—～·"
SENTENCE_END = "。！？!?…"
CLOSERS = "”’」』）)》"
CLAUSE_PUNCT = "，。；：？！"


def is_cjk(ch: str) -> bool:
    return bool(ch) and CJK_RE.match(ch) is not None


def cjk_chars(text: str) -> set[str]:
    return set(CJK_RE.findall(text))


_PROSE_PUNCT = re.compile(f"[{CLAUSE_PUNCT},;]")


def is_prose(line: str) -> bool:
    """A line of running text rather than a heading, credit or label: has clause punctuation or is long."""
    stripped = line.strip()
    return len(stripped) >= 40 or _PROSE_PUNCT.search(stripped) is not None


def ends_sentence(text: str) -> bool:
    stripped = text.rstrip().rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in SENTENCE_END + "；;"


def entry(step: str, action: str, before: str = "", after: str = "", at: int = 0,
          note: str | None = None) -> CleaningEntry:
    return CleaningEntry(step=step, action=action, before=before, after=after, at=at, note=note)


def lines_with_offsets(text: str) -> list[tuple[int, str]]:
    """(start offset, line) for every line of ``text`` split on \\n."""
    out: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out
