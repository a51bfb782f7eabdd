"""Split a clean body into sentences with character offsets; evidence points at these indices.

The split is deterministic and depends only on ``text``, so any consumer (analysis, summaries,
the web page that highlights evidence) recomputes the same sentence numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# A sentence ends at 。！？；… or at a newline; closing quotes/brackets stay with their sentence.
_END = re.compile(r"[^。！？!?；;…\n]*(?:[。！？!?；;]+|…+|\n|$)[”’」』）)]*")

# A half-width comma or colon between digits is part of a number (12,000元, 10:30), not a clause boundary:
# clause patterns read ``[^stops]+(?:{IN_NUMBER}[^stops]*)*`` so that a number is never cut in two.
IN_NUMBER = r"(?<=\d)[,:](?=\d)"
# after a character class holding , and : (which the regex engine scans for fast): the match is no comma or colon
# inside a number
NOT_IN_NUMBER = r"(?<!\d,(?=\d))(?<!\d:(?=\d))"


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    paragraph: int


# 1,024: the pipeline runs each stage over a batch of 100 records, and later stages split the same texts again
@lru_cache(maxsize=1024)
def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Sentences of ``text`` in order; blank pieces are skipped but offsets stay exact."""
    out: list[Sentence] = []
    paragraph = 0
    for m in _END.finditer(text):
        piece = m.group(0)
        if not piece:
            continue
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            start = m.start() + lead
            out.append(Sentence(len(out), start, start + len(stripped), stripped, paragraph))
        if piece.endswith("\n"):
            paragraph += 1
    return tuple(out)


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n") if p.strip()]
