"""OCR and newspaper-layout repairs: spaces inside CJK text from line wrapping (着 力构建 → 着力构建) and
words broken across lines (印\\n\\n象 → 印象).
"""

from __future__ import annotations

import re

from ..record import CleaningEntry
from .chars import CJK, CJK_PUNCT, CLOSERS, SENTENCE_END, entry, is_cjk, is_prose

SPACING_STEP = "ocr-spacing"
LINEBREAK_STEP = "ocr-linebreaks"
# Every match starts at a space: the leading lookahead lets the regex engine scan for one quickly (a pattern that
# starts with a lookbehind is tried at every position).
_CJK_GAP = re.compile(f"(?=[ \u3000])(?<=[{CJK}])[ \u3000]+(?=[{CJK}])")
_WRAP_GAP = re.compile(f"(?=[ \u3000])(?:(?<=[{CJK}{CJK_PUNCT}])[ \u3000]+(?=[{CJK}{CJK_PUNCT}0-9A-Za-z])"
                       f"|(?<=[{CJK}{CJK_PUNCT}0-9A-Za-z%])[ \u3000]+(?=[{CJK}{CJK_PUNCT}]))")
_CONTINUE_END = set("，、：；（“‘《—")
_PARALLEL = 8
MIN_WRAPPED_LINES = 2  # lines with spaces between CJK characters that mark a page as OCR output


def _has_gap(line: str) -> bool:
    """A space between CJK characters; the plain substring tests rule out most lines before the regex."""
    return (" " in line or "\u3000" in line) and _CJK_GAP.search(line) is not None


def fix_spacing(text: str) -> tuple[str, list[CleaningEntry]]:
    """In prose lines that show wrap spaces between CJK characters, remove the spaces next to CJK text."""
    if " " not in text and "\u3000" not in text:
        return text, []  # no gap anywhere: every line stays as it is
    entries: list[CleaningEntry] = []
    out = []
    pos = 0
    for line in text.split("\n"):
        if _has_gap(line) and is_prose(line):
            for m in _WRAP_GAP.finditer(line):
                a, b = max(0, m.start() - 2), min(len(line), m.end() + 2)
                entries.append(entry(SPACING_STEP, "removed", line[a:b], line[a : m.start()] + line[m.end() : b],
                                     pos + m.start(), "space inside CJK text"))
            new = _WRAP_GAP.sub("", line)
        else:
            new = line
        out.append(new)
        pos += len(line) + 1
    return "\n".join(out), entries


def _open_ended(line: str) -> bool:
    """A prose line that stops mid-sentence: last character CJK, a digit or a clause mark, not a sentence end."""
    s = line.rstrip()
    if not s or not is_prose(s) or len(s) < 10:
        return False
    if len(s) < 30 and s.count("“") <= s.count("”") and s.count("（") <= s.count("）"):
        return False  # a short line is a heading unless a quote or bracket is left open
    last = s[-1]
    if last in SENTENCE_END or last in CLOSERS or last in "；;":
        return False
    return is_cjk(last) or last in _CONTINUE_END or last.isdigit()


def join_broken_lines(text: str) -> tuple[str, list[CleaningEntry]]:
    """On an OCR'd page (wrap spaces between CJK characters), join a prose line that stops mid-sentence
    with the next non-blank line when that one goes on in CJK."""
    if " " not in text and "\u3000" not in text:
        return text, []  # no gap anywhere: not an OCR'd page
    lines = text.split("\n")
    if sum(1 for line in lines if _has_gap(line) and is_prose(line)) < MIN_WRAPPED_LINES:
        return text, []  # not an OCR'd page: a line without an end is a heading or a bullet, not a wrap
    offsets, pos = [], 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    entries: list[CleaningEntry] = []
    out: list[str] = []
    # parallel paragraphs (中国特色新型工业化道路要…) start with the same words: such a line is never a continuation
    heads: dict[str, int] = {}
    for line in lines:
        if len(line.strip()) >= 20:
            heads[line.strip()[:_PARALLEL]] = heads.get(line.strip()[:_PARALLEL], 0) + 1
    i = 0
    while i < len(lines):
        line = lines[i]
        while _open_ended(line):
            j = i + 1
            while j < len(lines) and not lines[j].strip():
                j += 1
            if j >= len(lines):
                break
            nxt = lines[j].strip()
            if not nxt or not (is_cjk(nxt[0]) or nxt[0] in "“‘") or heads.get(nxt[:_PARALLEL], 0) >= 2:
                break
            gap = "\n".join(lines[i + 1 : j])
            entries.append(entry(LINEBREAK_STEP, "removed", line[-2:] + "\n" + gap + ("\n" if j > i + 1 else "")
                                 + nxt[:2], line[-2:] + nxt[:2], offsets[i] + len(line), "word broken across lines"))
            line = line.rstrip() + nxt
            i = j
        out.append(line)
        i += 1
    return "\n".join(out), entries
