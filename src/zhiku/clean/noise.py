"""Noise lines: SEO spam (structure + lexicon), site chrome (data/noise.yaml), OCR debris, footer blocks.

A footer block (masthead, contact details, advertisement) is found from its contact lines (传真, 地址, 电话,
官方微信, a bare URL) near the end of a page, and grows backwards over slogans, short lines and lines that
match a footer pattern, and forwards to the end of the page.
"""

from __future__ import annotations

import re

from ..record import CleaningEntry
from .chars import entry, is_prose
from .patterns import NoiseData, NoisePattern, load_noise

STEP = "noise"
_SEGMENTS = re.compile(r"[,，、|｜/]+")
_FOOTER_SHORT = 25
_FOOTER_TAIL_LINES = 20


def spam_score(line: str, data: NoiseData | None = None) -> bool:
    """True for a keyword-stuffed spam line: no sentence end, strong spam terms, stuffed structure."""
    data = data or load_noise()
    stripped = line.strip()
    if not stripped or "。" in stripped or len(stripped) > 400:
        return False
    low = stripped.lower()
    strong = {t for t in data.spam_strong if t in low}
    if not strong and data.spam_min_strong > 0:
        return False  # no strong term, no spam (the common case: the weak terms and segments are not needed)
    weak = {t for t in data.spam_weak if t in low}
    segments = [s for s in _SEGMENTS.split(stripped) if s.strip()]
    if len(strong) >= data.spam_min_strong:
        return True
    return bool(strong) and len(segments) >= data.spam_min_segments and len(weak) >= 2


def chrome_pattern(line: str, data: NoiseData | None = None) -> str | None:
    """Id of the chrome pattern that the whole line matches, or None."""
    data = data or load_noise()
    stripped = line.strip()
    if not stripped:
        return None
    size = len(stripped)
    # only the patterns that can take a line this long whole (most lines are paragraphs)
    for is_line, find, pid in data.chrome_checks(size):
        m = find(stripped)
        # an inline pattern's leftmost match fills the stripped line only when it starts at 0 and runs to the end
        if m is not None and (is_line or m.end() == size):
            return pid
    return None


def _is_contact(line: str, data: NoiseData) -> bool:
    stripped = line.strip()
    return any(p.regex.search(stripped) for p in data.of_kind("contact"))


def _is_footer(line: str, data: NoiseData) -> bool:
    stripped = line.strip()
    return any(p.regex.search(stripped) for p in data.of_kind("footer"))


# OCR debris as noise.yaml's junk pattern writes it starts a line or follows a space: a whole text is searched
# from its spaces (a fast scan for one character class) and at its start. A changed pattern goes without this test.
_JUNK_SOURCE = r"(?:^|(?<=\s))([\u4e00-\u9fff])\1{2,}[。.]\s*"
_JUNK_AFTER_SPACE = re.compile(r"\s([\u4e00-\u9fff])\1{2,}[。.]")


def _may_hold_junk(p: NoisePattern, text: str) -> bool:
    """False only when no line of ``text`` holds a match of the junk pattern ``p``."""
    if p.id == "emoji":
        return _may_hold_emoji(text) and p.regex.search(text) is not None
    if p.regex.pattern != _JUNK_SOURCE:
        return p.may_match(text)
    return p.regex.match(text) is not None or _JUNK_AFTER_SPACE.search(text) is not None


# The emoji the junk pattern removes are pictographs beyond the BMP and a few symbols within it (✨ ❤ ⭐ ✅ ❌ ➡ and the
# emoji variation selector): a text has one of the first only when its UTF-16 form is longer than two bytes a
# character (an encoder's loop, far cheaper than the regex engine's scan of a class with astral ranges).
_BMP_EMOJI = "\u2728\u2764\u2b50\u2705\u274c\u27a1\ufe0f"


def _may_hold_emoji(text: str) -> bool:
    return len(text.encode("utf-16-le", "surrogatepass")) > 2 * len(text) or any(c in text for c in _BMP_EMOJI)


def footer_start(lines: list[str], data: NoiseData | None = None) -> int | None:
    """Index of the first line of a footer block at the end of the page, or None."""
    data = data or load_noise()
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    if not nonblank:
        return None
    tail = set(nonblank[-_FOOTER_TAIL_LINES:])
    contacts = [i for i in nonblank if i in tail and _is_contact(lines[i], data)]
    if len(contacts) < 2:
        return None
    start = contacts[0]
    i = start - 1
    while i >= 0:
        line = lines[i].strip()
        if not line or _is_footer(line, data) or _is_contact(line, data) or (
            len(line) <= _FOOTER_SHORT and not is_prose(line)
        ):
            if line:
                start = i
            i -= 1
            continue
        break
    return start


# a link's title in a list: a bullet first, or a short line that ends no sentence (上海发布具身智能产业发展行动方案)
_LINK_TITLE = re.compile(r"^(?:[·•▪●◆■▶►▷▸\-]\s*.{2,60}|[^。！？；]{4,40})$")


def remove_noise(text: str) -> tuple[str, list[CleaningEntry]]:
    """Remove spam lines, chrome lines, OCR debris and a trailing footer block; each removal logged."""
    data = load_noise()
    entries: list[CleaningEntry] = []
    lines = text.split("\n")
    offsets = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    drop: dict[int, str] = {}
    for i, line in enumerate(lines):
        if spam_score(line, data):
            drop[i] = "spam line"
            continue
        pid = chrome_pattern(line, data)
        if pid:
            drop[i] = f"chrome: {pid}"
            if pid == "related-articles":  # the links listed under 相关新闻： go with it
                for k in range(i + 1, len(lines)):
                    link = lines[k].strip()
                    if link and not _LINK_TITLE.match(link):
                        break
                    if link:
                        drop[k] = "chrome: related-articles (a listed link)"
            elif pid == "post-end":  # — END —: what a post's page shows after it is its account's chrome
                for k in range(i + 1, len(lines)):
                    if lines[k].strip():
                        drop[k] = "chrome: after the post's end mark"
    start = footer_start(lines, data)
    if start is not None:
        for i in range(start, len(lines)):
            if lines[i].strip():
                drop.setdefault(i, "footer block (masthead, contact, advertisement)")
    kept: list[str] = []
    junk = [p for p in data.of_kind("junk") if _may_hold_junk(p, text)]
    for i, line in enumerate(lines):
        if i in drop:
            entries.append(entry(STEP, "removed", line, "", offsets[i], drop[i]))
            continue
        for p in junk:
            m = p.regex.search(line)
            while m:  # removing one piece of debris can expose the next (元元元。 元元元。)
                entries.append(entry(STEP, "removed", m.group(0), "", offsets[i] + m.start(), f"junk: {p.id}"))
                line = line[: m.start()] + line[m.end() :]
                m = p.regex.search(line)
        kept.append(line)
    return "\n".join(kept), entries
