"""Pinyin glosses after characters, 競(jìng)逐 → 競逐: removed only when the parenthesis holds pinyin for them."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..record import CleaningEntry
from .chars import CJK, entry

STEP = "pinyin-gloss"
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
# the parenthesis first (then the character before it) lets the regex engine scan for it quickly
_GLOSS = re.compile(f"[(（](?<=[{CJK}][(（])([a-zü{_TONED}1-5]+(?:[ '’][a-zü{_TONED}1-5]+)*)[)）]", re.IGNORECASE)
_CJK_BEFORE = re.compile(f"[{CJK}]{{1,8}}$")
_SYLLABLE = re.compile(
    r"^(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|üan|van|ai|ei|ao|ou|an|en|er|ia|ie|iu|in|ua|uo|ui|un"
    r"|üe|ue|ve|ün|a|o|e|i|u|ü|v|m|n|ng)$"
)
# a run of letters split into syllables greedily (chǎnyè → chǎn + yè)
_SPLIT = re.compile(
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|üan|ai|ei|ao|ou"
    r"|an|en|er|ia|ie|iu|in|ua|uo|ui|un|üe|ue|ün|a|o|e|i|u|ü)(?![aeiouü])[1-5]?"
)


@lru_cache(maxsize=4096)
def _strip_tone(syllable: str) -> tuple[str, bool]:
    """The syllable without tone marks or digit, and whether it carried a tone."""
    decomposed = unicodedata.normalize("NFD", syllable.lower())
    toned = any(unicodedata.combining(c) and c != "\u0308" for c in decomposed) or syllable[-1:].isdigit()
    bare = "".join(c for c in decomposed if not unicodedata.combining(c) or c == "\u0308")
    bare = unicodedata.normalize("NFC", bare).rstrip("12345")
    return bare, toned


@lru_cache(maxsize=4096)
def syllables(gloss: str) -> list[tuple[str, bool]] | None:
    """Pinyin syllables of ``gloss`` with their tone flag, or None when it is not pinyin."""
    out: list[tuple[str, bool]] = []
    for word in re.split(r"[ '’]+", gloss.strip()):
        if not word:
            continue
        bare_word, _ = _strip_tone(word)
        pieces = _SPLIT.findall(bare_word)
        if "".join(pieces) != bare_word.rstrip("12345") and "".join(pieces) != bare_word:
            return None
        # map tones back piece by piece on the original (toned) word
        pos = 0
        for piece in pieces:
            original = word[pos : pos + len(piece)]
            pos += len(piece)
            bare, toned = _strip_tone(original)
            if not _SYLLABLE.match(bare):
                return None
            out.append((bare, toned))
    return out or None


def is_gloss(chars: str, gloss: str) -> bool:
    """Pinyin for the last characters of ``chars``: one syllable each, most of them with a tone."""
    sylls = syllables(gloss)
    if not sylls or len(sylls) > len(chars) or gloss != gloss.lower():
        return False
    toned = sum(1 for _, t in sylls if t)
    return toned * 2 >= len(sylls) and toned >= 1


# the remains of a gloss whose character and opening parenthesis were lost: 數量?jī)H次
_BROKEN = re.compile(f"[?\ufffd]([a-zü{_TONED}]{{1,6}})\\)[A-Z]?(?=[{CJK}])")


def remove_pinyin(text: str) -> tuple[str, list[CleaningEntry]]:
    """Drop pinyin glosses that follow the characters they spell; keep every other parenthesis."""
    entries: list[CleaningEntry] = []
    if ")" in text and ("?" in text or "\ufffd" in text):  # what every piece of debris holds
        text = _remove_broken(text, entries)
    if "(" not in text and "（" not in text:  # every gloss starts with one of these
        return text, entries
    out: list[str] = []
    last = 0
    for m in _GLOSS.finditer(text):
        before = _CJK_BEFORE.search(text, max(last, m.start() - 8), m.start())
        if before is None or not is_gloss(before.group(0), m.group(1)):
            continue
        n = len(syllables(m.group(1)) or [])
        chars = before.group(0)[-n:]
        start = m.start() - n
        out.append(text[last : m.start()])
        entries.append(entry(STEP, "removed", text[start : m.end()], chars, start, "pinyin gloss"))
        last = m.end()
    out.append(text[last:])
    return "".join(out), entries


def _remove_broken(text: str, entries: list[CleaningEntry]) -> str:
    """Remove gloss debris (?jī)H) and flag the spot: the glossed character itself is lost."""
    out: list[str] = []
    last = 0
    for m in _BROKEN.finditer(text):
        sylls = syllables(m.group(1))
        if not sylls or not any(t for _, t in sylls):
            continue
        out.append(text[last : m.start()])
        entries.append(entry(STEP, "removed", m.group(0), "", m.start(), "debris of a broken pinyin gloss"))
        entries.append(entry(STEP, "flagged", m.group(0), "", m.start(), "a glossed character was lost here"))
        last = m.end()
    out.append(text[last:])
    return "".join(out)
