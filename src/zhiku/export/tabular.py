"""JSON Lines, CSV and Markdown renderings of records."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

from ..record import Record

CSV_FIELDS = ("id", "url", "source", "title", "authors", "published_at", "keywords", "ai_technologies",
              "industries", "regions", "organizations", "summary", "canonical", "story", "text")


def to_jsonl(record: Record) -> str:
    return record.to_json()


def csv_row(record: Record) -> dict[str, str]:
    def labels(items, attr):
        return "; ".join(getattr(i, attr) for i in items or [])

    return {
        "id": record.id, "url": record.url or "", "source": record.source or "", "title": record.title or "",
        "authors": "; ".join(record.authors), "published_at": record.published_at or "",
        "keywords": labels(record.keywords, "term"), "ai_technologies": labels(record.ai_technologies, "label"),
        "industries": labels(record.industries, "label"), "regions": labels(record.regions, "name"),
        "organizations": labels(record.organizations, "name"), "summary": record.summary or "",
        "canonical": record.duplicates.canonical if record.duplicates else "", "story": record.story or "",
        "text": record.text,
    }


def write_csv(records: Iterable[Record], out: io.TextIOBase) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS)
    writer.writeheader()
    n = 0
    for r in records:
        writer.writerow(csv_row(r))
        n += 1
    return n


def to_markdown(record: Record) -> str:
    parts = [f"# {record.display_title}", ""]
    meta = [f"- id: `{record.id}`"]
    if record.url:
        meta.append(f"- 链接: <{record.url}>")
    if record.source:
        meta.append(f"- 来源: {record.source}")
    if record.authors:
        meta.append(f"- 作者: {'、'.join(record.authors)}")
    if record.published_at:
        meta.append(f"- 发布: {record.published_at}")
    parts += meta + [""]
    if record.summary:
        parts += ["## 摘要", "", record.summary, ""]
    if record.events:
        parts += ["## 重大事件", ""]
        parts += [f"{i}. **{e.title}**：{e.description}" for i, e in enumerate(record.events, 1)]
        parts.append("")
    for label, items, attr in (("AI技术", record.ai_technologies, "label"), ("行业", record.industries, "label"),
                               ("地区", record.regions, "name"), ("机构", record.organizations, "name")):
        if items:
            parts.append(f"- {label}: {', '.join(getattr(i, attr) for i in items)}")
    parts += ["", "## 正文", ""]
    parts += [p for p in record.text.split("\n") if p.strip()]
    return "\n\n".join(p for p in "\n".join(parts).split("\n\n")) + "\n"


def dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False)
