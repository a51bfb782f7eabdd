"""Renderings for `zhiku show --diff/--explain` and the copies/story lines."""

from __future__ import annotations

import difflib
import re
from collections import Counter

from ..record import Record
from ..text.sentences import split_sentences

_DIFF_UNIT = re.compile(r"[^。！？!?\n]*(?:[。！？!?]+[”’」』）)]*|\n|$)")
DIFF_ENTRIES_PER_STEP = 12


def _diff_units(text: str) -> list[str]:
    """Sentences and lines: one-line card bodies diff sentence by sentence instead of as one huge line."""
    return [u.strip() for u in _DIFF_UNIT.findall(text) if u.strip()]


def _raw_body(record: Record, raw: bytes | None) -> str:
    """The raw input as the cleaning stage saw it: a card's 总结, or the whole page."""
    enc = record.raw.encoding or "utf-8"
    raw_text = raw.decode(enc, errors="replace") if raw is not None else ""
    if record.raw.format == "seed-record" and raw_text:
        from ..collect.cards import parse_card

        return parse_card(raw_text).get("总结", raw_text)
    return raw_text


def _change(before: str, after: str, context: int = 8, limit: int = 80) -> str:
    """A logged change, shortened to the part that differs (with a little context) when it is long."""
    if not after:
        return repr(before if len(before) <= limit else before[:limit] + "…")
    if len(before) <= limit and len(after) <= limit:
        return f"{before!r} -> {after!r}"
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    end = 0
    while end < min(len(before), len(after)) - start and before[-1 - end] == after[-1 - end]:
        end += 1
    a, b = max(0, start - context), max(0, end - context)
    cut_b, cut_a = before[a : len(before) - b], after[a : len(after) - b]
    pre, post = ("…" if a else ""), ("…" if b else "")
    return f"{pre}{cut_b[:limit]!r}{post} -> {pre}{cut_a[:limit]!r}{post}"


def render_diff(record: Record, raw: bytes | None) -> str:
    """The cleaning log (grouped by step, long steps shortened), flags, then raw against clean by sentence."""
    part = f", article {record.raw.part} of a shared page" if record.raw.part is not None else ""
    lines = [f"# cleaning log: {len(record.cleaning)} changes, {len(record.flags)} flags{part}"]
    if record.script == "traditional":
        lines.append("script: traditional → simplified (original kept in text_original)")
    by_step: dict[str, list] = {}
    for e in record.cleaning:
        by_step.setdefault(e.step, []).append(e)
    for step, entries in by_step.items():
        counts = ", ".join(f"{n} {a}" for a, n in Counter(e.action for e in entries).items())
        lines.append(f"## {step} ({counts})")
        for e in entries[:DIFF_ENTRIES_PER_STEP]:
            change = _change(e.before, e.after)
            lines.append(f"- {e.action} at {e.at}: {change}" + (f"  ({e.note})" if e.note else ""))
        if len(entries) > DIFF_ENTRIES_PER_STEP:
            lines.append(f"- … {len(entries) - DIFF_ENTRIES_PER_STEP} more")
    if record.flags:
        lines.append("## flags")
        for f in record.flags:
            lines.append(f"- [{f.kind}] at {f.at}: {f.text!r} {f.note or ''}".rstrip())
    if raw is None:
        lines.append("# raw input not stored")
        return "\n".join(lines)
    body = _raw_body(record, raw)
    label = "raw"
    if record.script == "traditional":  # compare like with like: script conversion is logged above
        from ..clean.script import to_simplified

        body, label = to_simplified(body), "raw (in simplified script)"
    lines.append(f"# {label} -> clean, by sentence")
    diff = difflib.unified_diff(_diff_units(body), _diff_units(record.text), label, "clean", lineterm="", n=0)
    lines.extend(diff)
    return "\n".join(lines)


EVIDENCE_SHOWN = 3  # sentences shown per tag: one line each, with the surface forms found in it, counted


def render_explain(record: Record) -> str:
    """Each tag with the sentences that evidence it (a sentence once, however often the tag occurs in it)."""
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
            by_sentence: dict[int | None, Counter[str]] = {}  # sentence -> surface forms counted, first seen first
            for ev in item.evidence:
                by_sentence.setdefault(ev.sentence, Counter())[ev.text] += 1
            for i, surfaces in list(by_sentence.items())[:EVIDENCE_SHOWN]:
                marks = "、".join(f"«{text}»" + (f"×{n}" if n > 1 else "") for text, n in surfaces.items())
                lines.append(f"    [{i}] {marks} {sentence(i)}")
    if record.figures is not None:
        lines.append("## 数据")
        for f in record.figures:
            where = f"[{f.sentence}] {sentence(f.sentence)}"
            lines.append(f"- {f.subject or '?'}: {f.raw} = {f.value} {f.unit or ''}  {where}")
    return "\n".join(lines) if lines else "(no analysis in this record)"


def render_links(store, record: Record) -> str:
    """The record's copies (id, source, URL) and its story (title, dates, outlets), from the dedupe tables."""
    from ..dedupe.index import copies_of
    from ..dedupe.stories import load_story

    lines = []
    with store.engine.connect() as conn:
        copies = copies_of(conn, record)
        story = load_story(conn, record.story) if record.story else None
    if record.duplicates:
        d = record.duplicates
        role = "本篇为首发版本" if d.is_canonical else f"本篇转载自 {d.canonical}"
        lines.append(f"副本: 另有 {len(copies)} 篇；{role}（簇 {d.cluster}）")
        for c in copies:
            mark = " [首发]" if c["is_canonical"] else ""
            when, url = c["published_at"] or "", c["url"] or ""
            lines.append(f"  - {c['id']}{mark} {c['source'] or '?'} {when} {url}".rstrip())
    if record.story:
        if story:
            dates = " – ".join(dict.fromkeys(filter(None, [story["first_date"], story["last_date"]])))
            outlets = "、".join(sorted(story["outlets"])) or "未知"
            lines.append(f"故事: {record.story}《{story['title'] or ''}》共 {len(story['articles'])} 篇"
                         f"{'，' + dates if dates else ''}；媒体：{outlets}")
        else:
            lines.append(f"故事: {record.story}")
    return "\n".join(lines)
