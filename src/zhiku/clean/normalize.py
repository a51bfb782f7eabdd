"""Unicode normalization that never changes a Chinese character: spaces, zero-width characters, full-width
ASCII, and full-width punctuation in Chinese prose (half-width , : ; ? ! ( ) and straight quotes between CJK).
"""

from __future__ import annotations

import re
import unicodedata

from ..record import CleaningEntry
from .chars import CJK_PUNCT, CJK_RE, entry, is_cjk

STEP = "unicode"
_ZERO_WIDTH_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"
_SPACE_CHARS = "\u00a0\u1680\u2000-\u200a\u202f\u205f\t\u000b\u000c"
_ZERO_WIDTH = re.compile(f"[{_ZERO_WIDTH_CHARS}]")
_SPACES = re.compile(f"[{_SPACE_CHARS}]")
_LINE_BREAKS = re.compile("\r\n?|\u2028|\u2029|\u0085")  # literal first characters: a fast scan
_EDGE_SPACES = "\u3000 "
_MULTI_SPACE = re.compile(" {2,}")
# Full-width forms kept as they are in Chinese prose (｜ parts a Chinese headline: AI早报｜12月5日); every other
# full-width ASCII form becomes half-width.
_KEEP_FULLWIDTH = set("！（），：；？｜")
_PUNCT_MAP = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}
# Every match starts at a space: the leading lookahead lets the regex engine scan for one quickly (a pattern that
# may start with a lookbehind is tried at every position).
_SPACE_BY_PUNCT = re.compile(f"(?=[ \u3000])(?:[ \u3000]+(?=[{CJK_PUNCT}])|(?<=[{CJK_PUNCT}])[ \u3000]+)")


# NFKC for full-width ASCII forms only (letters, digits, symbols); CJK and the kept punctuation untouched
_HALFWIDTH = {chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0xFF01, 0xFF5F)
              if chr(c) not in _KEEP_FULLWIDTH}
_FULLWIDTH_CHARS = "".join(map(re.escape, _HALFWIDTH))
_FULLWIDTH = re.compile(f"[{_FULLWIDTH_CHARS}]")  # rare: replaced match by match
# every character that _LINE_BREAKS, _ZERO_WIDTH, _SPACES or _FULLWIDTH replaces: one scan tells that none applies
_REPLACED = re.compile(f"[\r\u2028\u2029\u0085{_ZERO_WIDTH_CHARS}{_SPACE_CHARS}{_FULLWIDTH_CHARS}]")
_HALF_PUNCT = re.compile(r"[,:;?!()]")
# A number grouped by full-width commas (￥1，633，242.82元, as SogouCS and IMEs write it): its commas are digit
# separators, not pauses, when the groups are of three digits and the number has a decimal part, a currency sign
# before it or two groups or more. A list of numbers (１，２，３, ２０１１，２０１２年, 分别为100，200，300个) is none.
_GROUPED = re.compile(
    r"(?<![\d，,.])(?:(?<=[￥¥$€£])\d{1,3}(?:，\d{3})+|(?<!分别为)(?<!分别是)(?<!依次为)\d{1,3}(?:，\d{3}){2,}|\d{1,3}(?:，\d{3})+(?=\.\d))"
    r"(?!\d|，\d)"
)


def _halfwidth(m: re.Match[str]) -> str:
    return _HALFWIDTH[m.group()]


_DIGIT_COMMA = re.compile(r"，(?<=\d，)\d{3}")  # the comma first: the engine scans for a literal fast


def _digit_groups(m: re.Match[str]) -> str:
    return m.group().replace("，", ",")


_NUMBER_RUN = re.compile(r"[\d，.]*")
_CONTEXT = 3  # characters before a number that _GROUPED's lookbehinds read (分别为, ￥)


def _group_digits(line: str) -> str:
    """``_GROUPED`` applied to the runs of digits and commas around each digit comma only: the pattern opens with a
    lookbehind, which the engine would try at every position of a line."""
    out, done = [], 0
    for m in _DIGIT_COMMA.finditer(line):
        if m.start() < done:
            continue
        start = m.start()
        while start > 0 and line[start - 1] in "0123456789，.":
            start -= 1
        end = _NUMBER_RUN.match(line, m.start()).end()
        lo = max(done, start - _CONTEXT)
        out.append(line[done:lo])
        out.append(_GROUPED.sub(_digit_groups, line[lo:end]))
        done = end
    out.append(line[done:])
    return "".join(out)


def _punct_in_context(line: str) -> str:
    """Half-width , : ; ? ! and ( ) next to Chinese text become full-width; numbers and URLs keep theirs."""
    chars = list(line)
    n = len(chars)
    opened: list[int] = []
    for m in _HALF_PUNCT.finditer(line):  # only these characters change; the left one may have changed already
        i, ch = m.start(), m.group()
        left = chars[i - 1] if i else ""
        right = chars[i + 1] if i + 1 < n else ""
        if ch in _PUNCT_MAP:
            if left.isdigit() and right.isdigit():
                continue
            if ch == ":" and right == "/":
                continue
            if is_cjk(left) or left in CJK_PUNCT or is_cjk(right) or (left in "%)”" and right == ""):
                chars[i] = _PUNCT_MAP[ch]
        elif ch == "(":
            opened.append(i)
        elif ch == ")" and opened:
            j = opened.pop()
            inner_cjk = any(is_cjk(c) for c in chars[j + 1 : i])
            outer_left = chars[j - 1] if j else ""
            if inner_cjk or is_cjk(outer_left) or is_cjk(right):
                chars[j], chars[i] = "（", "）"
    return "".join(chars)


_STRAIGHT_QUOTE = re.compile("[\"']")


def _quotes(text: str) -> str:
    """Straight double and single quotes in Chinese lines become curly, opening or closing by context."""
    out = []
    state = {'"': False, "'": False}
    for line in text.split("\n"):
        if ('"' not in line and "'" not in line) or not CJK_RE.search(line):
            out.append(line)
            continue
        chars = list(line)
        for m in _STRAIGHT_QUOTE.finditer(line):  # only these characters change, each once, left to right
            i, ch = m.start(), m.group()
            left = chars[i - 1] if i else ""
            right = chars[i + 1] if i + 1 < len(chars) else ""
            if ch == "'" and left.isascii() and left.isalpha() and right.isascii() and right.isalpha():
                continue  # an apostrophe in Latin text
            opening = not state[ch]
            if left == "" or left.isspace() or left in "，、：；（《“‘":
                opening = True
            elif right == "" or right in "，。、；：！？）》”’":
                opening = False
            state[ch] = opening
            chars[i] = ("“" if opening else "”") if ch == '"' else ("‘" if opening else "’")
        out.append("".join(chars))
    return "\n".join(out)


def normalize_unicode(text: str) -> tuple[str, list[CleaningEntry]]:
    """Normalize whitespace and width, line by line; each changed line is logged with its offset."""
    entries: list[CleaningEntry] = []
    new_text = text
    if _REPLACED.search(text):
        text = _LINE_BREAKS.sub("\n", text)
        new_text = _ZERO_WIDTH.sub("", text)
        new_text = _SPACES.sub(" ", new_text)
        new_text = _FULLWIDTH.sub(_halfwidth, new_text)
    lines = [line.strip(_EDGE_SPACES).replace("\u3000", " ") for line in new_text.split("\n")]
    for i, line in enumerate(lines):
        if _HALF_PUNCT.search(line) and CJK_RE.search(line):
            line = _punct_in_context(line)
        if "，" in line and _DIGIT_COMMA.search(line):  # a cheap scan first: most lines hold no digit group
            line = _group_digits(line)
        if " " in line:
            line = _SPACE_BY_PUNCT.sub("", line)
        if "  " in line:
            line = _MULTI_SPACE.sub(" ", line)
        lines[i] = line.strip()
    new_text = _quotes("\n".join(lines))
    old_lines, new_lines = text.split("\n"), new_text.split("\n")
    pos = 0
    for old, new in zip(old_lines, new_lines, strict=True):
        if old != new:
            entries.append(entry(STEP, "replaced", old, new, pos, "unicode and punctuation normalized"))
        pos += len(old) + 1
    return new_text, entries
