"""ROUGE-1, ROUGE-2 and ROUGE-L F1 on characters, the usual scores for Chinese summaries."""

from __future__ import annotations

import re
from collections import Counter

_KEEP = re.compile(r"[0-9A-Za-z\u4e00-\u9fff]")


def chars(text: str) -> list[str]:
    """Letters, digits and CJK characters; whitespace and punctuation are not scored."""
    return _KEEP.findall(text.lower())


def _f1(overlap: int, candidate: int, reference: int) -> float:
    if not overlap or not candidate or not reference:
        return 0.0
    p, r = overlap / candidate, overlap / reference
    return 2 * p * r / (p + r)


def rouge_n(candidate: list[str], reference: list[str], n: int) -> float:
    cand = Counter(tuple(candidate[i : i + n]) for i in range(len(candidate) - n + 1))
    ref = Counter(tuple(reference[i : i + n]) for i in range(len(reference) - n + 1))
    return _f1(sum((cand & ref).values()), sum(cand.values()), sum(ref.values()))


def lcs_length(a: list[str], b: list[str]) -> int:
    if len(a) < len(b):
        a, b = b, a
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b, start=1):
            cur.append(prev[j - 1] + 1 if x == y else max(prev[j], cur[j - 1]))
        prev = cur
    return prev[-1]


def rouge(candidate: str, reference: str) -> tuple[float, float, float]:
    """(ROUGE-1, ROUGE-2, ROUGE-L) F1 of ``candidate`` against ``reference``, on characters."""
    c, r = chars(candidate), chars(reference)
    return rouge_n(c, r, 1), rouge_n(c, r, 2), _f1(lcs_length(c, r), len(c), len(r))
