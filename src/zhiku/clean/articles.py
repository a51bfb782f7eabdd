"""One newspaper page, several articles: split at headlines followed by a credit line or a continuation
marker ((上接第1版)), and move a lead paragraph that OCR interleaved into another column back to the start
of its article (…北京理工大学计算 连日来，地方两会密集召开…。 | 机学院副院长… → lead first, sentence rejoined).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..record import CleaningEntry
from .chars import SENTENCE_END, ends_sentence, entry, is_cjk, is_prose
from .credits import DATELINE, LINE_CREDIT, MARK_CREDIT
from .patterns import load_noise

SPLIT_STEP = "articles"
LEAD_STEP = "lead"
HEADLINE_MAX = 40


@dataclass
class Part:
    """One article of a page: its text and where it started in the page text."""

    text: str
    start: int
    marker: str | None = None
    entries: list[CleaningEntry] = field(default_factory=list)


def is_headline(line: str) -> bool:
    """A short line without sentence punctuation that is not a credit line."""
    s = line.strip()
    if not s or len(s) > HEADLINE_MAX or any(c in s for c in SENTENCE_END + "；;：:"):
        return False
    if LINE_CREDIT.match(s) or MARK_CREDIT.match(s):
        return False
    return sum(1 for c in s if is_cjk(c)) >= 4


def _is_credit(line: str) -> bool:
    s = line.strip()
    return bool(s) and (LINE_CREDIT.match(s) is not None or MARK_CREDIT.match(s) is not None)


def _is_marker(line: str) -> bool:
    return any(p.regex.search(line.strip()) for p in load_noise().of_kind("marker"))


def split_articles(text: str, move_leads: bool = True) -> tuple[list[Part], list[CleaningEntry]]:
    """Parts of a page; a single part when no second article start is found."""
    lines = text.split("\n")
    offsets, pos = [], 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    starts: list[tuple[int, int | None]] = []  # (headline index, marker index)
    for k, i in enumerate(nonblank[:-1]):
        nxt = nonblank[k + 1]
        if is_headline(lines[i]) and (_is_credit(lines[nxt]) or _is_marker(lines[nxt])):
            starts.append((i, nxt if _is_marker(lines[nxt]) else None))
    entries: list[CleaningEntry] = []
    if len(starts) < 2:
        parts_idx = [(0, len(lines), None)]
    else:
        first = 0 if not any(lines[i].strip() for i in range(starts[0][0])) else 0
        bounds = [first] + [s for s, _ in starts[1:]] + [len(lines)]
        parts_idx = [(bounds[k], bounds[k + 1], starts[k][1]) for k in range(len(starts))]
    parts: list[Part] = []
    for n, (a, b, marker) in enumerate(parts_idx):
        body_lines = lines[a:b]
        marker_text = None
        if marker is not None:
            marker_text = lines[marker].strip()
            entries.append(entry(SPLIT_STEP, "removed", lines[marker], "", offsets[marker], "continuation marker"))
            body_lines[marker - a] = ""
        part = Part("\n".join(body_lines), offsets[a] if a < len(offsets) else len(text), marker_text)
        if len(parts_idx) > 1:
            head = lines[a].strip()
            entries.append(entry(SPLIT_STEP, "split", head, f"part {n}", offsets[a], "article start on a shared page"))
        parts.append(part)
    for part in parts if move_leads else []:
        part.text, moved = move_interleaved_lead(part.text)
        part.entries.extend(moved)
    return parts, entries


_COLUMN_SPLIT = re.compile(r"^(?P<a>.*[^\s。！？!?”’])[ \u3000]+(?P<x>\S.*)$")


def move_interleaved_lead(text: str) -> tuple[str, list[CleaningEntry]]:
    """Find a lead paragraph spliced into another column's sentence; move it to the article start or flag it."""
    openers = load_noise().lead_openers
    lines = text.split("\n")
    offsets, pos = [], 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    for i, line in enumerate(lines):
        if not is_prose(line):
            continue
        for opener in openers:
            k = line.find(" " + opener)
            if k <= 0:
                continue
            a, x = line[:k].rstrip(), line[k + 1 :].strip()
            if _is_credit(a) or DATELINE.fullmatch(a):
                break  # 首都之窗讯 近日，…: a dateline before the lead, not another column's sentence
            j = i + 1
            while j < len(lines) and not lines[j].strip():
                j += 1
            following = lines[j].strip() if j < len(lines) else ""
            if (a and not ends_sentence(a) and ends_sentence(x) and following and is_cjk(following[0])
                    and not ends_sentence(a[-1:])):
                # rejoin the interrupted sentence, then put the lead first (after headline and credit lines)
                lines[i] = a + following
                lines[j] = ""
                head = 0
                nonblank = [n for n, ln in enumerate(lines) if ln.strip()]
                for k, n in enumerate(nonblank[:4]):
                    if (k == 0 and is_headline(lines[n])) or _is_credit(lines[n]):
                        head = n + 1
                    else:
                        break
                lines.insert(head, x)
                return "\n".join(lines), [
                    entry(LEAD_STEP, "moved", x, "", offsets[i] + k + 1, "lead paragraph interleaved into a column, "
                          "moved to the start of its article"),
                    entry(LEAD_STEP, "replaced", a[-4:] + " … " + following[:4], a[-4:] + following[:4],
                          offsets[i] + k, "sentence interrupted by the lead, rejoined"),
                ]
            if len(x) >= 30 and ends_sentence(x):
                return text, [entry(LEAD_STEP, "flagged", x[:60], "", offsets[i] + k + 1,
                                    "possible lead paragraph interleaved into another column")]
    return text, []
