"""Renderings for `zhiku show --diff/--explain` and the copies/story lines."""

from __future__ import annotations

import difflib

from ..record import Record
from ..text.sentences import split_sentences


def render_diff(record: Record, raw: bytes | None) -> str:
    enc = record.raw.encoding or "utf-8"
    raw_text = raw.decode(enc, errors="replace") if raw is not None else ""
    lines = ["# cleaning log"]
    for e in record.cleaning:
        lines.append(f"- [{e.step}] {e.action} at {e.at}: {e.before!r} -> {e.after!r}")
    for f in record.flags:
        lines.append(f"- [flag {f.kind}] at {f.at}: {f.text!r} {f.note or ''}")
    lines.append("# raw -> clean")
    diff = difflib.unified_diff(raw_text.splitlines(), record.text.splitlines(), "raw", "clean", lineterm="", n=0)
    lines.extend(diff)
    return "\n".join(lines)


def render_explain(record: Record) -> str:
    sentences = split_sentences(record.text)

    def sentence(i: int | None) -> str:
        return sentences[i].text if i is not None and 0 <= i < len(sentences) else ""

    lines: list[str] = []
    groups = (
        ("AI技术", record.ai_technologies, lambda t: f"{t.label} ({t.id})"),
        ("行业", record.industries, lambda t: f"{t.label} ({t.id})"),
        ("地区", record.regions, lambda r: f"{r.name} ({r.code or ''})"),
        ("机构", record.organizations, lambda o: f"{o.name} ({o.type or ''})"),
        ("人物", record.people, lambda p: f"{p.name} {p.title or ''} {p.organization or ''}".strip()),
        ("政策", record.policies, lambda p: f"{p.name} ({p.issuer or ''})"),
    )
    for label, items, fmt in groups:
        if items is None:
            continue
        lines.append(f"## {label}")
        for item in items:
            score = getattr(item, "score", None)
            lines.append(f"- {fmt(item)}" + (f" score={score:.2f}" if score is not None else ""))
            for ev in item.evidence[:3]:
                lines.append(f"    [{ev.sentence}] «{ev.text}» {sentence(ev.sentence)}")
    if record.figures is not None:
        lines.append("## 数据")
        for f in record.figures:
            where = f"[{f.sentence}] {sentence(f.sentence)}"
            lines.append(f"- {f.subject or '?'}: {f.raw} = {f.value} {f.unit or ''}  {where}")
    return "\n".join(lines) if lines else "(no analysis in this record)"


def render_links(store, record: Record) -> str:
    lines = []
    if record.duplicates:
        d = record.duplicates
        lines.append(f"副本: cluster {d.cluster}, canonical {d.canonical}{' (this record)' if d.is_canonical else ''}")
    if record.story:
        lines.append(f"故事: {record.story}")
    return "\n".join(lines)
