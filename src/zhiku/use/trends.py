"""Trend analytics on canonical records: counts over time, co-occurrence, top movers and spikes.

Library API (plain dataclasses; ``as_dict()`` for JSON)::

    trends(store, by="technology", period="month", since=None, until=None, top=10, **filters) -> TrendTable
    cooccurrence(store, rows="technology", cols="industry", top=15, **filters) -> Matrix
    movers(store, by="technology", before=("2024-01-01", "2024-03-31"), after=("2024-04-01", "2024-06-30")) -> [Mover]
    spikes(store, by="technology", period="week", window=8, ratio=2.0, min_count=3, **filters) -> [Spike]

``by`` is a tag kind: technology, industry, region or organization. Periods are ``day`` (2024-03-14),
``week`` (ISO week, 2024-W11), ``month`` (2024-03), ``quarter`` (2024-Q1) or ``year`` (2024). Every count is of
distinct canonical records with a publication date (``published_at``); filters are those of
``zhiku.use.search.search``. Counts restricted at most by dates (co-occurrence: not at all, for the kind pairs
``rollup.PAIRS`` keeps) are read from the pre-aggregated tables of ``zhiku.use.rollup``, and so are technology and
industry counts restricted by one region and dates (``rollup.region_node``); other filters count tag rows.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select

from ..errors import QueryError
from ..store import schema
from ..store.base import Store
from . import rollup
from .filtering import DOCS, date_column, where
from .query import Filters, parse_date
from .search import make_filters

KINDS = ("technology", "industry", "region", "organization")
PERIODS = ("day", "week", "month", "quarter", "year")
# the fewest and the most days a period of each kind holds
SHORTEST = {"day": 1, "week": 7, "month": 28, "quarter": 90, "year": 365}
LONGEST = {"day": 1, "week": 7, "month": 31, "quarter": 92, "year": 366}

D = DOCS.c  # counts read the narrow search-index rows (ok records only), never the wide records rows
T = schema.record_tags.c


def period_of(day: str, period: str) -> str:
    """The period label of an ISO day: itself, its ISO week (2024-W11), its month (2024-03), its quarter (2024-Q1)
    or its year (2024)."""
    if period == "day":
        return day
    if period == "month":
        return day[:7]
    if period == "quarter":
        return f"{day[:4]}-Q{(int(day[5:7]) - 1) // 3 + 1}"
    if period == "year":
        return day[:4]
    y, w, _ = date.fromisoformat(day).isocalendar()
    return f"{y}-W{w:02d}"


def period_range(first: str, last: str, period: str) -> list[str]:
    """Every period label from the one holding day ``first`` to the one holding day ``last``."""
    d, end = date.fromisoformat(first), date.fromisoformat(last)
    out: list[str] = []
    step = timedelta(days=1)
    while d <= end:
        label = period_of(d.isoformat(), period)
        if not out or out[-1] != label:
            out.append(label)
        d += step
    return out


def _check(by: str, period: str | None = None) -> None:
    if by not in KINDS:
        raise QueryError(f"--by {by!r}: use one of {', '.join(KINDS)}")
    if period is not None and period not in PERIODS:
        raise QueryError(f"--period {period!r}: use one of {', '.join(PERIODS)}")


def _rolled_up(store: Store, conn, filters: Filters) -> bool:
    """Whether this query can read the rollup tables (only dates restrict it, and the tables exist)."""
    return rollup.usable(filters) and rollup.ready(store, conn)


def _region_node(store: Store, conn, filters: Filters, by: str | None = None) -> str | None:
    """The place node whose per-region rollup rows answer this query (one region value and dates restrict it;
    ``by``, when counting tags, is a kind those rows keep), or None."""
    if not rollup.region_usable(filters) or (by is not None and by not in rollup.REGION_KINDS):
        return None
    return rollup.region_node(conn, filters.region[0]) if rollup.region_ready(store, conn) else None


def daily_counts(store: Store, by: str, filters: Filters) -> dict[tuple[str, str], int]:
    """{(day, key): records} for one tag kind."""
    dated = date_column(filters, DOCS)
    day = func.substr(dated, 1, 10).label("day")
    with store.engine.connect() as conn:
        if _rolled_up(store, conn, filters):
            return rollup.daily_counts(conn, by, filters)
        node = _region_node(store, conn, filters, by)
        if node is not None:
            return rollup.daily_counts(conn, by, filters, region=node)
        cond = where(conn, filters, DOCS)
        stmt = (select(day, T.key, func.count())
                .select_from(DOCS.join(schema.record_tags, T.record_id == D.record_id))
                .where(cond, T.kind == by, dated.is_not(None))
                .group_by(day, T.key))
        rows = conn.execute(stmt).all()
    return {(d, k): n for d, k, n in rows if d and len(d) == 10}


def labels_of(store: Store, by: str, keys: list[str] | None = None) -> dict[str, str]:
    """The most common label of each key of a tag kind (among counted records where the rollup has them)."""
    with store.engine.connect() as conn:
        found = rollup.labels(conn, by, keys) if rollup.ready(store, conn) else {}
        if keys is not None and all(k in found for k in keys):
            return found
        stmt = select(T.key, T.label, func.count()).where(T.kind == by).group_by(T.key, T.label)
        if keys is not None:
            stmt = stmt.where(T.key.in_(keys))
        rows = conn.execute(stmt).all()
    best: dict[str, tuple[int, str]] = {}
    for key, label, n in rows:
        if key not in best or n > best[key][0]:
            best[key] = (n, label or key)
    return {k: v[1] for k, v in best.items()} | found


@dataclass
class Series:
    key: str
    label: str
    counts: list[int]

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass
class TrendTable:
    """Counts per period for the leading keys of one tag kind."""

    by: str
    period: str
    periods: list[str]
    series: list[Series]
    totals: list[int] = field(default_factory=list)  # canonical records per period (any tag)

    def as_dict(self) -> dict[str, Any]:
        return {"by": self.by, "period": self.period, "periods": self.periods, "totals": self.totals,
                "series": [{"key": s.key, "label": s.label, "counts": s.counts, "total": s.total}
                           for s in self.series]}


def _record_days(store: Store, filters: Filters) -> dict[str, int]:
    dated = date_column(filters, DOCS)
    day = func.substr(dated, 1, 10).label("day")
    with store.engine.connect() as conn:
        if _rolled_up(store, conn, filters):
            return rollup.record_days(conn, filters)
        node = _region_node(store, conn, filters)
        if node is not None:
            return rollup.record_days(conn, filters, region=node)
        rows = conn.execute(select(day, func.count()).select_from(DOCS).where(where(conn, filters, DOCS),
                                                                              dated.is_not(None))
                            .group_by(day)).all()
    return {d: n for d, n in rows if d and len(d) == 10}


def trends(store: Store, by: str = "technology", period: str = "month", since=None, until=None, top: int = 10,
           keys: list[str] | None = None, **filter_args) -> TrendTable:
    """Articles per period for the ``top`` keys of tag kind ``by`` (or the given ``keys``)."""
    _check(by, period)
    filters = make_filters(since=parse_date(since, "since"), until=parse_date(until, "until"), **filter_args)
    daily = daily_counts(store, by, filters)
    days = _record_days(store, filters)
    if not days:
        return TrendTable(by, period, [], [], [])
    first = filters.since or min(days)
    last = filters.until or max(days)
    periods = period_range(first, last, period)
    index = {p: i for i, p in enumerate(periods)}
    per_key: dict[str, list[int]] = defaultdict(lambda: [0] * len(periods))
    for (d, key), n in daily.items():
        p = period_of(d, period)
        if p in index:
            per_key[key][index[p]] += n
    totals = [0] * len(periods)
    for d, n in days.items():
        p = period_of(d, period)
        if p in index:
            totals[index[p]] += n
    chosen = keys if keys is not None else sorted(per_key, key=lambda k: (-sum(per_key[k]), k))[:top]
    labels = labels_of(store, by, list(chosen))
    series = [Series(k, labels.get(k, k), list(per_key[k]) if k in per_key else [0] * len(periods))
              for k in chosen]
    return TrendTable(by, period, periods, series, totals)


@dataclass
class Matrix:
    """Co-occurrence counts: records tagged with both a row key and a column key."""

    rows: str
    cols: str
    row_keys: list[str]
    row_labels: list[str]
    col_keys: list[str]
    col_labels: list[str]
    counts: list[list[int]]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def cooccurrence(store: Store, rows: str = "technology", cols: str = "industry", top: int = 15,
                 **filter_args) -> Matrix:
    """How many canonical records carry each (row key, column key) pair, for the most frequent keys."""
    _check(rows)
    _check(cols)
    filters = make_filters(**filter_args)
    a = schema.record_tags.alias("a")
    b = schema.record_tags.alias("b")
    with store.engine.connect() as conn:
        if rollup.kept_pair(rows, cols) and not (filters.since or filters.until) and _rolled_up(store, conn, filters):
            pairs = rollup.pair_counts(conn, rows, cols)
        else:
            stmt = (select(a.c.key, b.c.key, func.count())
                    .select_from(DOCS.join(a, a.c.record_id == D.record_id).join(b, b.c.record_id == D.record_id))
                    .where(where(conn, filters, DOCS), a.c.kind == rows, b.c.kind == cols)
                    .group_by(a.c.key, b.c.key))
            pairs = {(x, y): n for x, y, n in conn.execute(stmt).all() if not (rows == cols and x == y)}
    row_tot: dict[str, int] = defaultdict(int)
    col_tot: dict[str, int] = defaultdict(int)
    for (x, y), n in pairs.items():
        row_tot[x] += n
        col_tot[y] += n
    rk = sorted(row_tot, key=lambda k: (-row_tot[k], k))[:top]
    ck = sorted(col_tot, key=lambda k: (-col_tot[k], k))[:top]
    rl, cl = labels_of(store, rows, rk), labels_of(store, cols, ck)
    return Matrix(rows, cols, rk, [rl.get(k, k) for k in rk], ck, [cl.get(k, k) for k in ck],
                  [[pairs.get((x, y), 0) for y in ck] for x in rk])


@dataclass
class Mover:
    key: str
    label: str
    before: int
    after: int

    @property
    def change(self) -> int:
        return self.after - self.before

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "change": self.change}


def _key_counts(store: Store, by: str, filters: Filters) -> dict[str, int]:
    with store.engine.connect() as conn:
        if _rolled_up(store, conn, filters):
            return rollup.key_counts(conn, by, filters)
        node = _region_node(store, conn, filters, by)
        if node is not None:
            return rollup.key_counts(conn, by, filters, region=node)
        stmt = (select(T.key, func.count())
                .select_from(DOCS.join(schema.record_tags, T.record_id == D.record_id))
                .where(where(conn, filters, DOCS), T.kind == by).group_by(T.key))
        return dict(conn.execute(stmt).all())


def key_counts(store: Store, by: str = "region", **filter_args) -> list[tuple[str, str, int]]:
    """(key, label, canonical records) for every key of a tag kind, most frequent first."""
    _check(by)
    filter_args["since"] = parse_date(filter_args.get("since"), "since")
    filter_args["until"] = parse_date(filter_args.get("until"), "until")
    counts = _key_counts(store, by, make_filters(**filter_args))
    labels = labels_of(store, by, list(counts))
    return sorted(((k, labels.get(k, k), n) for k, n in counts.items()), key=lambda t: (-t[2], t[0]))


def movers(store: Store, by: str = "technology", before: tuple[str, str] | None = None,
           after: tuple[str, str] | None = None, top: int = 10, **filter_args) -> list[Mover]:
    """Keys whose article count changed most between two periods (default: the last 30 days vs the 30 before)."""
    _check(by)
    if after is None or before is None:
        days = _record_days(store, make_filters(**filter_args))
        if not days:
            return []
        end = date.fromisoformat(max(days))
        after = after or ((end - timedelta(days=29)).isoformat(), end.isoformat())
        a0 = date.fromisoformat(parse_date(after[0], "after"))
        before = before or ((a0 - timedelta(days=30)).isoformat(), (a0 - timedelta(days=1)).isoformat())
    b = _key_counts(store, by, make_filters(since=parse_date(before[0]), until=parse_date(before[1]), **filter_args))
    a = _key_counts(store, by, make_filters(since=parse_date(after[0]), until=parse_date(after[1]), **filter_args))
    keys = set(a) | set(b)
    labels = labels_of(store, by, list(keys))
    out = [Mover(k, labels.get(k, k), b.get(k, 0), a.get(k, 0)) for k in keys]
    out.sort(key=lambda m: (-abs(m.change), -m.after, m.key))
    return out[:top]


@dataclass
class Spike:
    """A key whose count in the latest period jumps against its own baseline (the periods before)."""

    kind: str
    key: str
    label: str
    period: str
    count: int
    baseline: float  # mean of the previous ``window`` periods
    z: float

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def spikes(store: Store, by: str = "technology", period: str = "week", window: int = 8, ratio: float = 2.0,
           min_count: int = 3, z_min: float = 2.0, at: str | None = None, **filter_args) -> list[Spike]:
    """Keys whose count in the last period (or the period holding day ``at``) is at least ``ratio`` × their
    baseline mean, ``z_min`` deviations above it and at least ``min_count`` articles."""
    _check(by, period)
    filters = make_filters(**filter_args)
    daily = daily_counts(store, by, filters)
    if not daily:
        return []
    last_day = parse_date(at, "at") if at else max(d for d, _ in daily)
    first_day = (date.fromisoformat(last_day) - timedelta(days=LONGEST[period]
                                                           * (window + 1))).isoformat()
    periods = period_range(first_day, last_day, period)[-(window + 1):]
    index = {p: i for i, p in enumerate(periods)}
    per_key: dict[str, list[int]] = defaultdict(lambda: [0] * len(periods))
    for (d, key), n in daily.items():
        if d <= last_day:
            p = period_of(d, period)
            if p in index:
                per_key[key][index[p]] += n
    found = []
    for key, counts in per_key.items():
        current, base = counts[-1], counts[:-1]
        if current < min_count or not base:
            continue
        mean = sum(base) / len(base)
        sd = math.sqrt(sum((x - mean) ** 2 for x in base) / len(base))
        z = (current - mean) / max(sd, 1.0)
        if current >= ratio * mean and z >= z_min:
            found.append((key, current, mean, z))
    labels = labels_of(store, by, [k for k, *_ in found])
    out = [Spike(by, k, labels.get(k, k), periods[-1], c, round(m, 3), round(z, 3)) for k, c, m, z in found]
    out.sort(key=lambda s: (-s.z, s.key))
    return out
