"""The seed card: 标题/链接/总结/关键词/AI技术/行业/重大事件摘要, one separator, nothing repeated."""

from __future__ import annotations

from ..record import Record
from ..text.sentences import paragraphs

SEPARATOR = ", "
# A card lists what an analyst should see at a glance; the record keeps every tag with its score.
CARD_LIMITS = {"keywords": 10, "ai_technologies": 8, "industries": 5}
CARD_MIN_SCORE = 0.25
_SENTENCE_END = "。！？!?；;…”’）)」』"


def one_line(text: str) -> str:
    """Paragraphs on one line, as in the seeds; a paragraph without end punctuation keeps a space."""
    out = ""
    for para in paragraphs(text):
        if out and out[-1] not in _SENTENCE_END:
            out += "　"
        out += para
    return out


def _unique(items: list[str]) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item and item not in seen:
            seen.append(item)
    return seen


def _top(tags, limit: int) -> list[str]:
    """Labels of the leading tags (records keep tags ordered by relevance), the weak ones left out."""
    labels = _unique([t.label for t in tags or [] if t.score >= CARD_MIN_SCORE])
    if not labels:  # every tag is weak: still name the strongest
        labels = _unique([t.label for t in tags or []])[:1]
    return labels[:limit]


def render_events(record: Record) -> str:
    """A framing sentence, a blank line, then the numbered events with bold titles."""
    if record.events == []:  # looked and found none: no list is announced that would stay empty
        from ..summarize.events import no_events_framing

        return no_events_framing(record)
    framing = (record.meta.get("events_framing") or "").strip()
    if not framing and record.events:
        from ..summarize.events import framing as derive_framing

        framing = derive_framing(record, record.events)
    framing = framing or (record.summary or "").strip()
    lines = [framing] if framing else []
    if record.events:
        if lines:
            lines.append("")
        for i, event in enumerate(record.events, start=1):
            lines.append(f"{i}. **{event.title}**：{event.description}")
    return "\n".join(lines)


def render_card(record: Record) -> str:
    keywords = _unique([k.term for k in record.keywords or []])[: CARD_LIMITS["keywords"]]
    techs = _top(record.ai_technologies, CARD_LIMITS["ai_technologies"])
    industries = _top(record.industries, CARD_LIMITS["industries"])
    return "\n".join(
        [
            f"标题: {record.title or ''}",
            f"链接: {record.url or ''}",
            f"总结: {one_line(record.text)}",
            f"关键词: {SEPARATOR.join(keywords)}",
            f"AI技术: {SEPARATOR.join(techs)}",
            f"行业: {SEPARATOR.join(industries)}",
            f"重大事件摘要: {render_events(record)}",
        ]
    )
