"""Mojibake repair: ftfy (CJK-safe options) for UTF-8/Latin-1 confusions, and GBK/UTF-8 byte confusions.

A GBK span that was decoded one byte out of step, or UTF-8 bytes read as GBK, shows up as a cluster of
rare characters (GB2312 level 2 and beyond). Such a span is replaced only when re-encoding it gives bytes
that decode to common characters and the round trip is exact; otherwise the span is flagged.
"""

from __future__ import annotations

import bisect
import html
import logging
import re
from functools import lru_cache

from ..record import CleaningEntry
from .chars import CJK, entry

logger = logging.getLogger(__name__)

STEP = "mojibake"
_CJK_RUN = re.compile(f"[{CJK}]+")
_REPLACEMENT = re.compile("\ufffd+")
# UTF-8 read as Latin-1/cp1252 leaves characters of this range behind (Ã¤, â€œ, æ—¥): only such lines go to ftfy
_LATIN_MOJIBAKE = re.compile(
    "[\u00c0-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
_LOST = re.compile(r"[?\ufffd;；\ue000-\uf8ff]{1,4}$")


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def is_rare(ch: str) -> bool:
    """True for a CJK character outside GB2312 level 1 even after conversion to simplified script."""
    for candidate in (ch, _t2s().convert(ch)):
        try:
            b = candidate.encode("gb2312")
        except UnicodeEncodeError:
            continue
        if len(b) == 2 and 0xB0 <= b[0] <= 0xD7:
            return False
    return True


def _is_pua(ch: str) -> bool:
    return 0xE000 <= ord(ch) <= 0xF8FF


_CJK_RANGES = tuple((ord(CJK[i]), ord(CJK[i + 2])) for i in range(0, len(CJK), 3))  # chars.CJK: "a-zb-y…"


def _common_chars() -> set[int]:
    """Code points of GB2312 level-1 characters and their traditional forms."""
    import opencc

    common = "".join(bytes([hi, lo]).decode("gb2312", errors="ignore") for hi in range(0xB0, 0xD8)
                     for lo in range(0xA1, 0xFF))
    variants = {c for config in ("s2t", "s2tw", "s2hk") for c in opencc.OpenCC(config).convert(common)}
    return set(map(ord, set(common) | variants))


@lru_cache(maxsize=1)
def _uncommon_cjk() -> re.Pattern[str]:
    """One CJK character that is neither GB2312 level 1 nor a traditional form of one: it may be rare."""
    common = _common_chars()
    ranges: list[tuple[int, int]] = []
    for lo, hi in _CJK_RANGES:
        for c in range(lo, hi + 1):
            if c in common:
                continue
            if ranges and ranges[-1][1] == c - 1:
                ranges[-1] = (ranges[-1][0], c)
            else:
                ranges.append((c, c))
    return re.compile("[" + "".join(chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in ranges) + "]")


def _rare_count(text: str) -> int:
    """Rare CJK characters in ``text``; common ones are skipped by one character-class search."""
    return sum(1 for c in _uncommon_cjk().findall(text) if is_rare(c))


def _plausible(text: str) -> bool:
    """Decoded bytes that read as ordinary text: no replacement or control characters, no rare CJK."""
    if not text or any(ord(c) < 32 or c == "\ufffd" or 0xE000 <= ord(c) <= 0xF8FF for c in text):
        return False
    cjk = _CJK_RUN.findall(text)
    return bool(cjk) and _rare_count(text) == 0


def _repair(span: str) -> tuple[str, str] | None:
    """(repaired text, how) when re-encoding ``span`` gives an exact, plausible round trip."""
    try:
        data = span.encode("gb18030")
    except UnicodeEncodeError:
        return None
    attempts = (
        ("utf-8 read as gbk", data, "utf-8"),
        ("gbk one byte out of step", data[1:], "gb18030"),
    )
    for how, payload, codec in attempts:
        try:
            fixed = payload.decode(codec)
        except UnicodeDecodeError:
            continue
        if _plausible(fixed) and fixed.encode(codec) == payload and len(fixed) >= 2:
            return fixed, how
    return None


def _rare_positions(text: str) -> list[int]:
    """Offsets of the rare CJK characters of ``text``, in order."""
    return [m.start() for m in _uncommon_cjk().finditer(text) if is_rare(m.group())]


def _suspicious_spans(text: str, rare: list[int] | None = None) -> list[tuple[int, int]]:
    """Clusters of rare CJK characters (at least two, at most one common character between them)."""
    if rare is None:
        rare = _rare_positions(text)
    spans: list[tuple[int, int]] = []
    cluster: list[int] = []
    for i in rare + [None]:  # type: ignore[list-item]
        if i is not None and cluster and i - cluster[-1] <= 2 and _CJK_RUN.fullmatch(text, cluster[-1], i + 1):
            cluster.append(i)
            continue
        if len(cluster) >= 2:
            s, e = cluster[0], cluster[-1] + 1
            if s > 0 and _CJK_RUN.match(text[s - 1]):
                s -= 1
            if e < len(text) and _CJK_RUN.match(text[e]):
                e += 1
            spans.append((s, e))
        cluster = [i] if i is not None else []
    return spans


_NARROW = re.compile(r"[\x00-\x7f，。、；：？！“”‘’（）《》\s\u3000]")  # a character that ends a run of wide ones
MIN_RUN = 4


def _wide_run(text: str, i: int) -> tuple[int, int]:
    """The maximal run of wide characters (not ASCII, space or common CJK punctuation) around offset ``i``."""
    start = i
    while start > 0 and _NARROW.match(text, start - 1) is None:
        start -= 1
    m = _NARROW.search(text, i)
    return start, m.start() if m else len(text)


def _utf8_runs(text: str, rare: list[int] | None = None) -> list[tuple[int, int, str]]:
    """Runs of non-ASCII letters (CJK, Cyrillic… as GBK decodes UTF-8 bytes) that re-decode exactly as UTF-8."""
    found: list[tuple[int, int, str]] = []
    if rare is None:
        rare = _rare_positions(text)
    k = 0
    while k + 1 < len(rare):  # a run needs two rare characters: only runs around them are looked at
        start, end = _wide_run(text, rare[k])
        nxt = bisect.bisect_left(rare, end, k)
        if nxt - k >= 2 and end - start >= MIN_RUN:
            fixed = _utf8_fix(text, start, end)
            if fixed:
                found.append(fixed)
        k = nxt
    return found


def _utf8_fix(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    """The run, trimmed by up to three characters at each end, when it re-decodes exactly as UTF-8."""
    for left in range(0, 4):
        for right in range(0, 4):
            s, e = start + left, end - right
            if e - s < MIN_RUN:
                continue
            try:
                fixed = text[s:e].encode("gbk").decode("utf-8")
            except (UnicodeEncodeError, UnicodeDecodeError):
                continue
            if _plausible(fixed) and fixed.encode("utf-8").decode("gbk") == text[s:e]:
                return s, e, fixed
    return None


def repair_gbk(text: str) -> tuple[str, list[CleaningEntry]]:
    """Repair GBK/UTF-8 confusions inside CJK runs; flag clusters that cannot be repaired exactly."""
    entries: list[CleaningEntry] = []
    rare = _rare_positions(text)  # shared by both searches while the text is unchanged
    utf8 = _utf8_runs(text, rare)
    if utf8:
        out8: list[str] = []
        last = 0
        for s, e, fixed in utf8:
            out8 += [text[last:s], fixed]
            entries.append(entry(STEP, "replaced", text[s:e], fixed, s, "utf-8 read as gbk"))
            last = e
        text = "".join(out8) + text[last:]
        rare = _rare_positions(text)
    out: list[str] = []
    last = 0
    for start, end in _suspicious_spans(text, rare):
        if start < last:
            continue
        best = None
        # the span may end in a trail byte that decoded as ASCII (漠a): try one or two more characters
        for extra in (0, 1, 2):
            for lead in (0, -1):
                s, e = start + lead, end + extra
                while s > last and _is_pua(text[s - 1]):  # user-defined GBK codes decode to the PUA
                    s -= 1
                if s < last or e > len(text):
                    continue
                fixed = _repair(text[s:e])
                if fixed:
                    best = (s, e, *fixed)
                    break
            if best:
                break
        if best is None:
            if _rare_count(text[start:end]) >= 3:
                entries.append(entry(STEP, "flagged", text[start:end], "", start, "rare characters: possible mojibake"))
            continue
        s, e, fixed, how = best
        before = text[last:s]
        lost = _LOST.search(before) if "out of step" in how else None
        if lost:
            # debris of the bytes that went out of step: removed, and flagged as a lossy spot
            at = s - len(lost.group(0))
            entries.append(entry(STEP, "removed", lost.group(0), "", at, "debris of lost bytes"))
            entries.append(entry(STEP, "flagged", lost.group(0), "", at,
                                 "bytes lost before a repaired span; one or two characters are unrecoverable"))
            before = before[: len(before) - len(lost.group(0))]
        out.append(before)
        entries.append(entry(STEP, "replaced", text[s:e], fixed, s, how))
        out.append(fixed)
        last = e
    out.append(text[last:])
    return "".join(out), entries


@lru_cache(maxsize=1)
def _ftfy_config():
    """ftfy's options for Chinese text (no width or quote changes, no normalization), built once."""
    import ftfy

    return ftfy.TextFixerConfig(explain=False, fix_character_width=False, uncurl_quotes=False, normalization=None,
                                fix_line_breaks=False, fix_latin_ligatures=False)


@lru_cache(maxsize=1024)
def _ftfy_line(line: str) -> str:
    """ftfy on one line (a pure function: cached, as the cleaning passes see most lines twice)."""
    import ftfy

    return ftfy.fix_text(line, _ftfy_config())


def _fix_latin_lines(text: str, entries: list[CleaningEntry]) -> str:
    """ftfy on each line that holds a character left by UTF-8 read as Latin-1; changed lines are logged."""
    lines = text.split("\n")
    pos = 0
    for i, line in enumerate(lines):
        if _LATIN_MOJIBAKE.search(line):
            fixed = _ftfy_line(line)
            if fixed != line:
                entries.append(entry(STEP, "replaced", line, fixed, pos, "ftfy"))
                lines[i] = fixed
        pos += len(line) + 1
    return "\n".join(lines)


# an HTML character reference left in text (据报道&nbsp;&nbsp;华为, &amp;, &#8220;): its character, logged
_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,7}|#[xX][0-9a-fA-F]{2,6});")


def _unescape_entities(text: str, entries: list[CleaningEntry]) -> str:
    """``text`` with its HTML character references replaced; each replacement is logged."""
    out: list[str] = []
    last = 0
    for m in _ENTITY.finditer(text):
        char = html.unescape(m.group(0))
        if char == m.group(0):
            continue  # no entity of HTML's (&foo;)
        entries.append(entry(STEP, "replaced", m.group(0), char, m.start(), "HTML character reference"))
        out += [text[last : m.start()], char]
        last = m.end()
    return "".join(out) + text[last:] if out else text


def fix_mojibake(text: str) -> tuple[str, list[CleaningEntry]]:
    """HTML character references replaced, ftfy per line (no width or quote changes, no normalization), then
    GBK/UTF-8 repairs."""
    entries: list[CleaningEntry] = []
    if "&" in text and ";" in text:
        text = _unescape_entities(text, entries)
    if _LATIN_MOJIBAKE.search(text):  # the class holds no "\n": without a hit in the text, no line has one
        text = _fix_latin_lines(text, entries)
    text, more = repair_gbk(text)
    if "\ufffd" in text:
        for m in _REPLACEMENT.finditer(text):
            more.append(entry(STEP, "flagged", text[max(0, m.start() - 3) : m.end() + 3], "", m.start(),
                              "replacement character: bytes lost in decoding"))
    return text, entries + more
