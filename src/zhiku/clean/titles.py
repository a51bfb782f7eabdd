"""Titles: derive one from the first headline-like line when the collector only guessed it, and remove
copies of the title from the body (001 prints its title four times)."""

from __future__ import annotations

import re

from ..record import CleaningEntry
from ..text.posts import POST_HEADING
from .chars import SENTENCE_END, entry, is_cjk
from .credits import is_credit_line

STEP = "title"
TITLE_MAX = 60
_NON_WORD_CHARS = r"\s\u3000，,：:、；;。！？!?“”‘’\"'（）()《》·—\-"
_NON_WORD = re.compile(f"[{_NON_WORD_CHARS}]+")
_WORD_CHAR = re.compile(f"[^{_NON_WORD_CHARS}]")  # the first character that title_key keeps


def title_key(text: str) -> str:
    return _NON_WORD.sub("", text)


def _starts_key(line: str, key: str) -> bool:
    """Whether title_key(line) starts like ``key``: a quick test that rules out most body lines."""
    m = _WORD_CHAR.search(line)
    return m is not None and m.group() == key[0]


def is_title_like(line: str) -> bool:
    s = line.strip()
    if not s or len(s) > TITLE_MAX or s[-1] in SENTENCE_END + "，,；;：:":
        return False
    return sum(1 for c in s if is_cjk(c)) >= 4




def derive_title(text: str) -> tuple[str | None, str, list[CleaningEntry]]:
    """(title, body without it, log) from the first non-blank line when it reads as a headline, or from the
    【headline】 a post opens with (the post stays the body)."""
    lines = text.split("\n")
    pos = 0
    for i, line in enumerate(lines):
        if is_credit_line(line):
            pos += len(line) + 1
            continue  # a credit before the headline (or before the body) is no headline
        if line.strip():
            if not is_title_like(line):
                heading = POST_HEADING.match(line)
                if heading:
                    found = heading.group("heading").strip()
                    return found, text, [entry(STEP, "added", "", found, pos, "a post's 【headline】 → title")]
                return None, text, []
            rest = "\n".join(lines[:i] + lines[i + 1 :])
            return line.strip(), rest, [entry(STEP, "moved", line, "", pos, "first headline line → title")]
        pos += len(line) + 1
    return None, text, []


def remove_title_copies(text: str, title: str | None) -> tuple[str, list[CleaningEntry]]:
    """Drop body lines that only repeat the title (spacing and punctuation aside)."""
    if not title or len(title_key(title)) < 4:
        return text, []
    key = title_key(title)
    entries: list[CleaningEntry] = []
    kept = []
    pos = 0
    for line in text.split("\n"):
        if line.strip() and _starts_key(line, key) and title_key(line) == key:
            entries.append(entry(STEP, "removed", line, "", pos, "copy of the title"))
        else:
            kept.append(line)
        pos += len(line) + 1
    return "\n".join(kept), entries
