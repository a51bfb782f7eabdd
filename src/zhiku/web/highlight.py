"""Cut an article's clean text into plain and tagged pieces, so each tag shows at its evidence.

Evidence names a sentence (``split_sentences`` numbering) and the matched surface text, and may give
a character offset. A mention is placed at that offset when the text there matches, else at the
first occurrence of the surface text inside its sentence; overlapping mentions keep the earlier,
longer one. The pieces are rendered by the template, which escapes every one of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..record import Record
from ..text.sentences import split_sentences

KIND_LABELS = {"technology": "AI技术", "industry": "行业", "region": "地区", "organization": "机构",
               "person": "人物", "policy": "政策"}


@dataclass(frozen=True)
class Piece:
    """A run of text; ``kind``/``key``/``label`` are set when it is a tagged mention."""

    text: str
    kind: str | None = None
    key: str | None = None
    label: str | None = None


def mentions(record: Record) -> list[tuple[str, str, str, object]]:
    """(kind, facet key, label, evidence) for every evidence of every tag of the record."""
    out: list[tuple[str, str, str, object]] = []
    for t in record.ai_technologies or []:
        out += [("technology", t.id, t.label, ev) for ev in t.evidence]
    for t in record.industries or []:
        out += [("industry", t.id, t.label, ev) for ev in t.evidence]
    for r in record.regions or []:
        out += [("region", r.code or r.name, r.name, ev) for ev in r.evidence]
    for o in record.organizations or []:
        out += [("organization", o.name, o.name, ev) for ev in o.evidence]
    for p in record.people or []:
        out += [("person", p.name, p.name, ev) for ev in p.evidence]
    for p in record.policies or []:
        out += [("policy", p.id or p.name, p.name, ev) for ev in p.evidence]
    return out


def locate(text: str, sentences, ev) -> tuple[int, int] | None:
    """Character span of one evidence in ``text``, or None when it cannot be found where it claims to be."""
    surface = getattr(ev, "text", "") or ""
    if not surface:
        return None
    start = getattr(ev, "start", None)
    if start is not None and text[start:start + len(surface)] == surface:
        return start, start + len(surface)
    index = getattr(ev, "sentence", None)
    if index is not None and 0 <= index < len(sentences):
        s = sentences[index]
        at = text.find(surface, s.start, s.end)
        if at >= 0:
            return at, at + len(surface)
    return None


def pieces(record: Record) -> list[Piece]:
    """The clean text as pieces, tagged mentions marked; joining their text gives back ``record.text``."""
    text = record.text
    sentences = split_sentences(text)
    spans: list[tuple[int, int, str, str, str]] = []
    for kind, key, label, ev in mentions(record):
        span = locate(text, sentences, ev)
        if span:
            spans.append((span[0], span[1], kind, key, label))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    out: list[Piece] = []
    pos = 0
    for start, end, kind, key, label in spans:
        if start < pos:
            continue  # overlaps a mention already placed
        if start > pos:
            out.append(Piece(text[pos:start]))
        out.append(Piece(text[start:end], kind, key, label))
        pos = end
    if pos < len(text):
        out.append(Piece(text[pos:]))
    return out


def paragraphs(record: Record) -> list[list[Piece]]:
    """Pieces grouped into paragraphs (split at newlines) for rendering as <p> elements."""
    paras: list[list[Piece]] = [[]]
    for piece in pieces(record):
        chunks = piece.text.split("\n")
        for i, chunk in enumerate(chunks):
            if i:
                paras.append([])
            if chunk:
                paras[-1].append(Piece(chunk, piece.kind, piece.key, piece.label))
    return [p for p in paras if p]
