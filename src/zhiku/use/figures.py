"""The figures table: every extracted numeric claim, filterable, exportable, disagreements side by side.

Library API::

    figures(store, subject="算力", unit=None, region="贵州", year=None, since=None, until=None,
            canonical_only=True, limit=1000) -> list[FigureRow]
    figures_csv(rows) -> str
    disagreements(store, subject=None, region=None, year=None, tolerance=0.01) -> list[Disagreement]

``subject`` and ``region`` match when they are contained in the figure's subject or region (算力 finds
智能算力规模); ``unit`` and ``year`` match exactly. A disagreement is one metric (same subject, unit, region
and year, compared after trimming 省/市 suffixes and spaces) reported with values differing by more than
``tolerance`` (relative) across different records: every value is kept with its source, never merged. A figure
that names no year holds for the year its article was published (企业数量超4500家 in a 2024 article is the 2024
count); one of no known year is compared with none (two undated articles' 三分球 10个 and 50个 are no dispute).
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from dataclasses import asdict, dataclass, fields
from typing import Any

from sqlalchemy import select

from ..store import schema
from ..store.base import Store
from .filtering import where
from .query import like_escape, parse_date
from .search import make_filters

F = schema.figures.c
R = schema.records.c


@dataclass
class FigureRow:
    """One numeric claim with the article it came from."""

    record_id: str
    title: str | None
    source: str | None
    published_at: str | None
    url: str | None
    subject: str | None
    value: float | None
    unit: str | None
    raw: str | None
    qualifier: str | None
    year: int | None
    region: str | None
    sentence: int | None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self) | {"stated": self.stated}

    @property
    def stated(self) -> str:
        """The value as the article states it, with a qualifier written before the number (超4500家, 近万元)."""
        raw = self.raw or (f"{self.value:g}" if self.value is not None else "")
        return f"{self.qualifier}{raw}" if self.qualifier and self.qualifier not in raw else raw


COLUMNS = [f.name for f in fields(FigureRow)]


def figures(store: Store, subject: str | None = None, unit: str | None = None, region: str | None = None,
            year: int | None = None, since=None, until=None, canonical_only: bool = True,
            limit: int = 1000, offset: int = 0, record_ids: list[str] | None = None, **filter_args) -> list[FigureRow]:
    """Figures matching the filters (and of the records ``record_ids`` when given), by subject, region, year and
    date."""
    filters = make_filters(since=parse_date(since, "since"), until=parse_date(until, "until"),
                           canonical_only=canonical_only, **filter_args)
    stmt = (select(F.record_id, R.title, R.source, R.published_at, R.url, F.subject, F.value, F.unit, F.raw,
                   F.qualifier, F.year, F.region, F.sentence)
            .select_from(schema.figures.join(schema.records, R.id == F.record_id)))
    if subject:
        stmt = stmt.where(F.subject.like(f"%{like_escape(subject)}%", escape="\\"))
    if unit:
        stmt = stmt.where(F.unit == unit)
    if region:
        stmt = stmt.where(F.region.like(f"%{like_escape(_trim_region(region))}%", escape="\\"))
    if year is not None:
        stmt = stmt.where(F.year == int(year))
    if record_ids is not None:
        stmt = stmt.where(F.record_id.in_(record_ids))
    # figures that say what they measure first (a bare 30次 tells a reader nothing), then by subject
    stmt = (stmt.order_by(F.subject.is_(None), F.subject, F.region, F.year, R.published_at, F.record_id, F.idx)
            .limit(limit).offset(offset))
    with store.engine.connect() as conn:
        stmt = stmt.where(where(conn, filters))
        return [FigureRow(*row) for row in conn.execute(stmt).all()]


def figures_csv(rows: list[FigureRow]) -> str:
    """The rows as CSV (UTF-8 text, header first)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    for r in rows:
        writer.writerow(["" if getattr(r, c) is None else getattr(r, c) for c in COLUMNS])
    return buf.getvalue()


_REGION_SUFFIX = re.compile(r"(壮族自治区|回族自治区|维吾尔自治区|特别行政区|自治区|省|市)$")


def _trim_region(region: str | None) -> str:
    return _REGION_SUFFIX.sub("", (region or "").strip()) or (region or "").strip()


def _metric_key(row: FigureRow) -> tuple[str, str, str, int | None]:
    return (re.sub(r"\s+", "", row.subject or ""), row.unit or "", _trim_region(row.region), _year_of(row))


def _year_of(row: FigureRow) -> int | None:
    """The year a figure holds for: its own, else its article's year of publication, else None."""
    if row.year is not None:
        return row.year
    published = row.published_at or ""
    return int(published[:4]) if published[:4].isdigit() else None


@dataclass
class Disagreement:
    """One metric reported with different values; ``rows`` holds every report, with its article."""

    subject: str
    unit: str
    region: str
    year: int | None
    rows: list[FigureRow]

    @property
    def values(self) -> list[float]:
        return sorted({r.value for r in self.rows if r.value is not None})

    def as_dict(self) -> dict[str, Any]:
        return {"subject": self.subject, "unit": self.unit, "region": self.region, "year": self.year,
                "values": self.values, "rows": [r.as_dict() for r in self.rows]}


def disagreements(store: Store, subject: str | None = None, region: str | None = None, year: int | None = None,
                  tolerance: float = 0.01, **kwargs) -> list[Disagreement]:
    """Metrics whose values differ across articles by more than ``tolerance`` (relative)."""
    groups: dict[tuple, list[FigureRow]] = defaultdict(list)
    for row in figures(store, subject=subject, region=region, year=year, limit=1_000_000, **kwargs):
        if row.subject and row.value is not None:
            groups[_metric_key(row)].append(row)
    out = []
    for (subj, unit, reg, yr), rows in groups.items():
        if yr is None or len({r.record_id for r in rows}) < 2:
            continue
        lo, hi = min(r.value for r in rows), max(r.value for r in rows)
        if hi - lo > tolerance * max(abs(hi), abs(lo), 1e-12):
            out.append(Disagreement(subj, unit, reg, yr, sorted(rows, key=lambda r: (r.value, r.record_id))))
    out.sort(key=lambda d: (d.subject, d.region, d.year or 0, d.unit))
    return out
