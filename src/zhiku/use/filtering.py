"""Filters → SQL conditions on ``records`` (shared by search, trends, figures and briefings).

A filter with several values matches any of them; different filters must all match. Technology
matches a tag's id or label; industry, organization and source match a label that contains the value;
a region matches its name or code, and a province or city also covers the places under it (by the
GB/T 2260 code prefix), so ``region=山东`` finds records tagged 济南市 or 寿光市, whether or not a record is tagged
山东 itself (the gazetteer names the province).
"""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy import and_, column, func, inspect, or_, select, table, true
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from ..record import Record
from ..store import schema
from .query import Filters, day_after, like_escape

R = schema.records.c
T = schema.record_tags.c

# The search index table (migration 0004_search): one narrow row per ok record with what filters need.
DOCS = table("search_docs", column("rid"), column("record_id"), column("tsv"), column("canonical"),
             column("published_at"), column("fetched_at"), column("source"))


def date_column(filters: Filters, docs=None) -> ColumnElement:
    """The date a record counts on: its publication date, or (when asked) its fetch time when it has none."""
    c = R if docs is None else docs.c
    if filters.undated_by_fetch:
        return func.coalesce(c.published_at, c.fetched_at)
    return c.published_at


def canonical_condition() -> ColumnElement:
    """Canonical copies only: records that are not a duplicate of another record."""
    return or_(R.canonical_id.is_(None), R.canonical_id == R.id)


def is_canonical(record: Record) -> bool:
    """``canonical_condition`` for a record in hand (what the search index stores in ``canonical``)."""
    return record.duplicates is None or record.duplicates.canonical in (None, "", record.id)


def _contains(col, value: str) -> ColumnElement:
    return col.like(f"%{like_escape(value)}%", escape="\\")


_LABELS = table("trend_labels", column("kind"), column("key"), column("label"), column("n"))


def _has_label_rollup(conn: Connection) -> bool:
    """Whether the rollup's label table exists (the positive answer is kept on the pooled connection)."""
    if not conn.info.get("zhiku_trend_labels"):
        conn.info["zhiku_trend_labels"] = inspect(conn).has_table("trend_labels")
    return conn.info["zhiku_trend_labels"]


def region_matches(conn: Connection, value: str, canonical_only: bool = True) -> list[str]:
    """The region keys whose key or label is ``value`` or whose label starts with it (山东 → 370000).

    The keys are looked up in the trend rollup's label table (one row per key and label of the canonical
    records) when only canonical records count: the tag rows hold one per record (0.5 s at 1,000,000 articles).
    """
    rolled_up = canonical_only and _has_label_rollup(conn)
    c = _LABELS.c if rolled_up else T
    query = select(c.key).where(c.kind == "region", or_(
        c.key == value, c.label == value, c.label.like(f"{like_escape(value)}%", escape="\\")))
    if rolled_up:
        query = query.where(c.n > 0)
    return sorted(set(conn.execute(query.distinct()).scalars().all()) | gazetteer_region_keys(value))


@lru_cache(maxsize=256)
def gazetteer_region_keys(value: str) -> frozenset[str]:
    """The provinces and cities the regions gazetteer names ``value`` (or names starting with it: 山东 → 370000), so
    that a filter on a province finds its counties where no record is tagged with the province itself."""
    from ..analyze.regions import load_regions

    if len(value) < 2:
        return frozenset()
    return frozenset(e.code for e in load_regions().values() if e.level in ("province", "prefecture") and (
        e.name.startswith(value) or value in e.short))


def covered_prefix(key: str) -> str | None:
    """The code prefix of the places a province or city key covers (370000 → 37, 370100 → 3701), else None."""
    if len(key) == 6 and key.isdigit() and key.endswith("00"):
        return key[:2] if key.endswith("0000") else key[:4]
    return None


def _region_keys(conn: Connection, value: str, canonical_only: bool = True) -> ColumnElement:
    """Region tags matching ``value`` (``region_matches``), widened to the places under a matched province or city."""
    found = region_matches(conn, value, canonical_only)
    # every tag row whose label is ``value`` has one of the keys found, so keys alone select (an index range)
    conds: list[ColumnElement] = [T.key.in_(sorted({value, *found}))]
    for prefix in filter(None, map(covered_prefix, found)):  # a province or a city: the places under it
        conds.append(and_(T.key >= prefix, T.key < prefix[:-1] + chr(ord(prefix[-1]) + 1)))
    return or_(*conds)


def _tag_condition(conn: Connection, kind: str, values: tuple[str, ...], id_col=R.id,
                   canonical_only: bool = True) -> ColumnElement:
    per_value = []
    for v in values:
        if kind == "technology":
            per_value.append(or_(T.key == v, T.label == v))
        elif kind == "region":
            per_value.append(_region_keys(conn, v, canonical_only))
        else:
            per_value.append(or_(T.key == v, _contains(T.label, v)))
    sub = select(T.record_id).where(T.kind == kind).where(or_(*per_value))
    return id_col.in_(sub)


def record_conditions(conn: Connection, filters: Filters, docs=None, text_driven: bool = False) -> list[ColumnElement]:
    """SQL conditions on ``records`` for these filters (status ok always; canonical copies by default).

    With ``docs`` (the search index table: record_id, canonical, published_at, source; ok records only)
    the same conditions are written on its columns, so a search never reads the wide records rows.
    ``text_driven=True`` writes the canonical flag and the date range so no b-tree can serve them: the text
    index then drives the plan and the filters are checked on its matches (see ``search.use_text_index``).
    """
    if docs is None:
        id_col, published, source = R.id, date_column(filters), R.source
        conds: list[ColumnElement] = [R.status == "ok"]
        canonical = canonical_condition()
    else:
        id_col, published, source = docs.c.record_id, date_column(filters, docs), docs.c.source
        conds = []
        canonical = docs.c.canonical == 1
    if text_driven:
        published = published.op("||")("")
        if docs is not None:
            canonical = docs.c.canonical + 0 == 1
    if filters.canonical_only:
        conds.append(canonical)
    for kind, values in (("technology", filters.technology), ("industry", filters.industry),
                         ("region", filters.region), ("organization", filters.organization)):
        if values:
            conds.append(_tag_condition(conn, kind, values, id_col, filters.canonical_only))
    if filters.source:
        conds.append(or_(*[or_(source == s, _contains(source, s)) for s in filters.source]))
    if filters.since:
        conds.append(published >= filters.since)
    if filters.until:
        conds.append(published < day_after(filters.until))
    return conds


def where(conn: Connection, filters: Filters, docs=None, text_driven: bool = False) -> ColumnElement:
    return and_(true(), *record_conditions(conn, filters, docs, text_driven))
