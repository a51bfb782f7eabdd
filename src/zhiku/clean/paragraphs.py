"""Paragraph restoration for bodies flattened onto one line (the seed cards' 总结).

"　　" indents start paragraphs; a heading glued between sentences shows itself by being doubled
(…基础。关键技术加快突破关键技术加快突破人工智能是…) and gets lines of its own (the repeats step then drops
the copy); credits and chrome glued to the text (（经济日报记者 …）举报/反馈) are put on lines of their own
so that the credit and noise steps can handle them whole.
"""

from __future__ import annotations

import re

from ..record import CleaningEntry
from .chars import entry
from .credits import credit_spans, may_hold_credit
from .patterns import NoisePattern, load_noise

STEP = "paragraphs"
LONG_LINE = 200
# a run of ideographic spaces, except one just inside brackets (［　详细　］: a link's label, not two paragraphs)
_INDENT = re.compile("(?<![［\\[【（(])\u3000+(?![］\\]】）)])")
# the paragraph mark of the SogouCS news corpus (and of the Sohu pages it holds): a private-use character
_PARAGRAPH_MARK = "\ue40c"
_BLANK_RUN = re.compile(r"\n{2,}")
# X X glued after a sentence end or at a line start: X is a heading of 4-30 characters without 。，；：
_X_TWICE = r"(?P<x>[^。，；：,;:\n\s！？!?]{3,29}[^。，；：,;:\n\s]?)\n?(?P=x)(?=\S)"
_DOUBLED = re.compile(r"(?:(?<=[。！？”’」\n])|^)" + _X_TWICE, re.MULTILINE)
# Any match of _DOUBLED past the start has one of these characters before it: this search jumps from one to
# the next (a leading character class is scanned for quickly) where _DOUBLED tries every position.
_DOUBLED_AFTER = re.compile(r"[。！？”’」\n](?=" + _X_TWICE + ")")


def _split_indents(text: str) -> str:
    """In long lines, every run of ideographic spaces is a paragraph break; in any line, the paragraph mark is."""
    if _PARAGRAPH_MARK in text:
        text = "\n".join(p for p in text.split(_PARAGRAPH_MARK) if p.strip())
    lines = []
    for line in text.split("\n"):
        if len(line) >= LONG_LINE and "\u3000" in line:
            line = "\n".join(p for p in _INDENT.split(line) if p.strip())
        lines.append(line)
    return "\n".join(lines)


def _split_doubled_headings(text: str) -> str:
    if _DOUBLED.match(text) is None and _DOUBLED_AFTER.search(text) is None:
        return text  # no doubled heading anywhere (the common case)

    def repl(m: re.Match[str]) -> str:
        x = m.group("x")
        if len(set(x)) <= 1:
            return m.group(0)
        return f"\n{x}\n{x}\n"

    return _DOUBLED.sub(repl, text)


def _split_glued(text: str) -> str:
    """Credits and inline chrome inside a longer line go on lines of their own."""
    # whole-text word tests first: most texts hold neither, and a miss proves that no line does
    inline = [p for p in load_noise().of_kind("inline") if p.may_match(text)]
    credits = may_hold_credit(text)
    if not inline and not credits:
        return text
    lines = []
    for line in text.split("\n"):
        spans = _glued_spans(line, inline, credits and may_hold_credit(line))
        if not spans or all(s == 0 and e == len(line) for s, e in spans):
            lines.append(line)
            continue
        cuts = sorted({c for s, e in spans for c in (s, e)} - {0, len(line)})
        pieces, prev = [], 0
        for c in cuts:
            pieces.append(line[prev:c])
            prev = c
        pieces.append(line[prev:])
        lines.extend(p for p in pieces if p.strip())
    return "\n".join(lines)


def _glued_spans(line: str, inline: list[NoisePattern], credits: bool) -> list[tuple[int, int]]:
    """Spans of credits (when ``credits``) and of non-empty matches of the ``inline`` patterns in ``line``."""
    spans = credit_spans(line) if credits else []
    for p in inline:
        if p.may_match(line):  # a word test is cheaper than a regex scan of the line
            spans += [m.span() for m in p.regex.finditer(line) if m.group(0)]
    return spans


def restore_paragraphs(text: str) -> tuple[str, list[CleaningEntry]]:
    """Insert paragraph breaks at indents, doubled headings and glued credits/chrome; logged per source line."""
    new = _split_glued(_split_doubled_headings(_split_indents(text)))
    new = _BLANK_RUN.sub("\n\n", new) if new != text else new
    if new == text:
        return text, []
    entries = []
    # log each original line that was split, with its offset
    new_lines = set(new.split("\n"))
    pos = 0
    for line in text.split("\n"):
        if line and line not in new_lines:
            entries.append(entry(STEP, "split", line[:80] + ("…" if len(line) > 80 else ""), "", pos,
                                 "line split into paragraphs"))
        pos += len(line) + 1
    return new, entries
