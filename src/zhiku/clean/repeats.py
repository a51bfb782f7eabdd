"""Duplication repair: a line repeated in a row (doubled headings), paragraphs repeated later (a whole body
printed twice), and sentences repeated as pull quotes, whole or as a fragment glued to the next sentence.
"""

from __future__ import annotations

import re

from ..record import CleaningEntry
from .chars import ends_sentence, entry

STEP = "repeats"
MIN_PARAGRAPH = 8  # shorter lines may repeat legitimately (一是, 专家观点)
MIN_SENTENCE = 6
MIN_PREFIX = 16
MIN_CHUNK = 6
WINDOW = 6000
_SENT = re.compile(r"[^。！？!?；;\n]*(?:[。！？!?；;]+[”’」』）)]*|$)")
_CLAUSE = set("。！？!?；;，,：:、")


def _norm(line: str) -> str:
    """``line`` without whitespace: str.split() splits on exactly the characters that \\s (and \\u3000) match."""
    return "".join(line.split())


def dedupe_lines(text: str) -> tuple[str, list[CleaningEntry]]:
    """Drop a line equal to the previous non-blank one, and any paragraph that repeats an earlier one."""
    entries: list[CleaningEntry] = []
    seen: set[str] = set()
    prev = None
    kept: list[str] = []
    pos = 0
    for line in text.split("\n"):
        key = _norm(line)
        if key and (key == prev or (len(key) >= MIN_PARAGRAPH and key in seen)):
            entries.append(entry(STEP, "removed", line, "", pos,
                                 "line repeated in a row" if key == prev else "paragraph repeated"))
        else:
            kept.append(line)
            if key:
                seen.add(key)
                prev = key
        pos += len(line) + 1
    return "\n".join(kept), entries


def _coverage(sentence: str, window: str) -> int:
    """Characters of ``sentence`` covered by chunks (at least MIN_CHUNK long) that occur in ``window``."""
    covered = i = 0
    n = len(sentence)
    while i < n:
        length = 0
        lo = MIN_CHUNK
        if i + lo <= n and sentence[i : i + lo] in window:
            length = lo
            while i + length < n and sentence[i : i + length + 1] in window:
                length += 1
        if length:
            covered += length
            i += length
        else:
            i += 1
    return covered


def _covered_by_one(core: str, window: str) -> bool:
    """True when one earlier sentence holds every character of ``core`` in chunks (fragments recombined)."""
    body = core.rstrip("。！？!?；;”’」』）)")
    if len(body) < 12 or body[:MIN_CHUNK] not in window or body[-MIN_CHUNK:] not in window:
        return False  # the chunks that cover its first and last characters hold these
    for m in _SENT.finditer(window):
        sentence = m.group(0)
        if len(sentence) >= MIN_CHUNK and body[:MIN_CHUNK] in sentence and _coverage(body, sentence) == len(body):
            return True
    return False


def _longest_prefix(s: str, window: str) -> int:
    """Length of the longest prefix of ``s`` found in ``window`` that is a run of whole clauses there and is
    glued to new text here (…方方面面在杭州市…); 0 when there is none."""
    if len(s) < MIN_PREFIX or s[:MIN_PREFIX] not in window:
        return 0
    length = MIN_PREFIX
    while length < len(s) and s[: length + 1] in window:
        length += 1
    if length >= len(s) or s[length] in _CLAUSE:
        return 0
    prefix = s[:length]
    if any(window[k + length : k + length + 1] in _CLAUSE for k in _find_all(window, prefix)):
        return length
    return 0


def _find_all(hay: str, needle: str):
    k = hay.find(needle)
    while k != -1:
        yield k
        k = hay.find(needle, k + 1)


def dedupe_sentences(text: str) -> tuple[str, list[CleaningEntry]]:
    """Remove sentences (or leading fragments of sentences) that repeat text shortly before them."""
    entries: list[CleaningEntry] = []
    out_lines: list[str] = []
    history = ""  # the last WINDOW characters kept
    pos = 0
    for line in text.split("\n"):
        kept = ""
        whole = line.strip()
        offset = pos  # the sentences of a line follow each other without a gap (one may be empty, at the end)
        for s in _SENT.findall(line):
            start = offset
            offset += len(s)
            if not s:
                continue
            core = s.strip()
            if core == whole and not ends_sentence(core):
                kept += s  # a heading or label line: only whole-line repeats count (dedupe_lines)
                continue
            # "head in history + kept" without building it: history is empty or ends with "\n", and a sentence
            # holds none, so the head cannot span the two
            head = core[:MIN_CHUNK]
            if s.startswith(core) and head not in history and head not in kept:
                kept += s  # its start is new: neither the sentence, nor its fragments, nor a prefix repeat
                continue
            window = history + kept
            if len(core) >= MIN_SENTENCE and core in window:
                entries.append(entry(STEP, "removed", s, "", start, "sentence repeated"))
                continue
            if len(core) >= 12 and _covered_by_one(core, window):
                entries.append(entry(STEP, "removed", s, "", start, "sentence repeated in fragments"))
                continue
            length = _longest_prefix(s, window)
            if length:
                entries.append(entry(STEP, "removed", s[:length], "", start, "repeated fragment glued to a sentence"))
                s = s[length:]
            kept += s
        out_lines.append(kept)
        history = (history + kept + "\n")[-WINDOW:]
        pos += len(line) + 1
    return "\n".join(out_lines), entries


def remove_repeats(text: str) -> tuple[str, list[CleaningEntry]]:
    text, a = dedupe_lines(text)
    new, b = dedupe_sentences(text)
    if new == text:
        return text, a + b  # dedupe_lines keeps every line of its own output: a second run would change nothing
    text, c = dedupe_lines(new)
    return text, a + b + c
