"""Pre-aggregated counts for trends: canonical records per day, per (tag kind, key, day), label and tag pair.

Trends, spikes, movers and key counts over a whole store would otherwise count every tag row (seconds at a
million articles). These tables hold what those queries count, kept in step with every write:

    trend_days(day, n)               canonical ok records per publication day ('' = no date)
    trend_tags(kind, key, day, n)    the same, per technology / industry / region / organization tag
    trend_labels(kind, key, label, n)  how many of them carry each label of a key
    trend_pairs(kind_a, key_a, kind_b, key_b, n)  records tagged with both keys, for the kind pairs of PAIRS
    trend_region_days(region, day, n)           the same per region (migration 0008), and per technology and
    trend_region_tags(region, kind, key, day, n)  industry tag: a record counts once under each place it is
                                                tagged with and under the city and province holding it

A record counts once it is in the search index as canonical (``search_docs.canonical = 1``), so the tables
equal ``search_docs ⋈ record_tags`` grouped; ``rebuild`` recomputes them from there (``zhiku db rebuild``) and
``check`` compares them with a recount, changing nothing (``zhiku db check``). ``Store.before_write_hooks``
subtracts what the stored version of a changed record contributed (read before its rows are replaced), the write
hook adds what the new version contributes, and the difference is applied as one upsert per row.
Queries with tag or source filters, all copies, or fetch dates use the live tables instead (``usable``), except
that a filter on one region (山东, or 济南 and the places under it: one place node, ``region_node``) reads the
region tables for the technology and industry kinds and the record counts (``region_usable``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import bindparam, inspect, text
from sqlalchemy.engine import Connection

from ..record import Record
from ..store.base import Store, tag_rows
from ..store.bulk import chunks
from .filtering import covered_prefix, is_canonical, region_matches
from .query import Filters, day_after

KINDS = ("technology", "industry", "region", "organization")
PAIRS = (("technology", "industry"),)  # co-occurrence matrices kept (the trends page's and briefings' heatmap)
REGION_KINDS = ("technology", "industry")  # kinds counted per region too (taxonomy keys: a bounded number)
BASE_TABLES = ("trend_days", "trend_tags", "trend_labels", "trend_pairs")  # migration 0006
REGION_TABLES = ("trend_region_days", "trend_region_tags")  # migration 0008
TABLES = BASE_TABLES + REGION_TABLES
_PENDING = "zhiku_rollup_pending"  # key in Connection.info: deltas of the records being replaced

Delta = dict[str, Counter]


def create_tables(conn: Connection) -> None:
    """Create the rollup tables (migration 0006) and fill them from what is stored."""
    conn.exec_driver_sql("CREATE TABLE trend_days (day VARCHAR(10) PRIMARY KEY, n INTEGER NOT NULL)")
    conn.exec_driver_sql("CREATE TABLE trend_tags (kind VARCHAR(16) NOT NULL, key VARCHAR(200) NOT NULL, "
                         "day VARCHAR(10) NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (kind, key, day))")
    conn.exec_driver_sql("CREATE INDEX ix_trend_tags_kind_day ON trend_tags (kind, day, key, n)")
    conn.exec_driver_sql("CREATE TABLE trend_labels (kind VARCHAR(16) NOT NULL, key VARCHAR(200) NOT NULL, "
                         "label TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (kind, key, label))")
    conn.exec_driver_sql("CREATE TABLE trend_pairs (kind_a VARCHAR(16) NOT NULL, key_a VARCHAR(200) NOT NULL, "
                         "kind_b VARCHAR(16) NOT NULL, key_b VARCHAR(200) NOT NULL, n INTEGER NOT NULL, "
                         "PRIMARY KEY (kind_a, kind_b, key_a, key_b))")
    fill(conn, BASE_TABLES)


def create_region_tables(conn: Connection) -> None:
    """Create the per-region tables (migration 0008) and fill them from what is stored."""
    conn.exec_driver_sql("CREATE TABLE trend_region_days (region VARCHAR(200) NOT NULL, day VARCHAR(10) NOT NULL, "
                         "n INTEGER NOT NULL, PRIMARY KEY (region, day))")
    conn.exec_driver_sql("CREATE TABLE trend_region_tags (region VARCHAR(200) NOT NULL, kind VARCHAR(16) NOT NULL, "
                         "key VARCHAR(200) NOT NULL, day VARCHAR(10) NOT NULL, n INTEGER NOT NULL, "
                         "PRIMARY KEY (region, kind, key, day))")
    fill(conn, REGION_TABLES)


def drop_tables(conn: Connection, names: Sequence[str] = TABLES) -> None:
    for name in names:
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {name}")


_DAY = "COALESCE(SUBSTR(d.published_at, 1, 10), '')"
_KIND_IN = "t.kind IN ('technology', 'industry', 'region', 'organization')"
_PAIR_JOIN = ("FROM search_docs d JOIN record_tags a ON a.record_id = d.record_id "
              "JOIN record_tags b ON b.record_id = d.record_id WHERE d.canonical = 1 AND (" +
              " OR ".join(f"a.kind = '{ka}' AND b.kind = '{kb}'" for ka, kb in PAIRS) + ")")


_JOINED = "FROM search_docs d JOIN record_tags t ON t.record_id = d.record_id WHERE d.canonical = 1 AND " + _KIND_IN
_LABEL = "COALESCE(t.label, t.key)"


def _is_code(col: str) -> str:
    """SQL, in every dialect: ``col`` is six ASCII digits (a GB/T 2260 code, as ``is_code``)."""
    digits_removed = col
    for d in "0123456789":
        digits_removed = f"REPLACE({digits_removed}, '{d}', '')"
    return f"(LENGTH({col}) = 6 AND {digits_removed} = '')"


# (record_id, node): every place node a record counts under (``region_nodes``), once each
_NODES = " UNION ".join(
    f"SELECT g.record_id, {node} AS node FROM record_tags g WHERE g.kind = 'region'{cond}"
    for node, cond in (("g.key", ""), ("SUBSTR(g.key, 1, 4) || '00'", " AND " + _is_code("g.key")),
                       ("SUBSTR(g.key, 1, 2) || '0000'", " AND " + _is_code("g.key"))))
_REGION_KIND_IN = "t.kind IN (" + ", ".join(f"'{k}'" for k in REGION_KINDS) + ")"
_COLUMNS = {"trend_days": ("day",), "trend_tags": ("kind", "key", "day"), "trend_labels": ("kind", "key", "label"),
            "trend_pairs": ("kind_a", "key_a", "kind_b", "key_b"), "trend_region_days": ("region", "day"),
            "trend_region_tags": ("region", "kind", "key", "day")}
RECOUNT = {  # table -> the SELECT that counts its rows afresh (columns in _COLUMNS order, then n)
    "trend_days": f"SELECT {_DAY}, COUNT(*) FROM search_docs d WHERE d.canonical = 1 GROUP BY {_DAY}",
    "trend_tags": f"SELECT t.kind, t.key, {_DAY}, COUNT(*) {_JOINED} GROUP BY t.kind, t.key, {_DAY}",
    "trend_labels": f"SELECT t.kind, t.key, {_LABEL}, COUNT(*) {_JOINED} GROUP BY t.kind, t.key, {_LABEL}",
    "trend_pairs": f"SELECT a.kind, a.key, b.kind, b.key, COUNT(*) {_PAIR_JOIN} GROUP BY a.kind, a.key, b.kind, b.key",
    "trend_region_days": f"SELECT p.node, {_DAY}, COUNT(*) FROM search_docs d JOIN ({_NODES}) p "
                         f"ON p.record_id = d.record_id WHERE d.canonical = 1 GROUP BY p.node, {_DAY}",
    "trend_region_tags": f"SELECT p.node, t.kind, t.key, {_DAY}, COUNT(*) FROM search_docs d JOIN ({_NODES}) p "
                         f"ON p.record_id = d.record_id JOIN record_tags t ON t.record_id = d.record_id "
                         f"WHERE d.canonical = 1 AND {_REGION_KIND_IN} GROUP BY p.node, t.kind, t.key, {_DAY}",
}


def fill(conn: Connection, names: Sequence[str] = TABLES) -> None:
    """Count every canonical indexed record into these (empty) rollup tables."""
    for name in names:
        conn.exec_driver_sql(f"INSERT INTO {name} ({', '.join(_COLUMNS[name])}, n) {RECOUNT[name]}")


def rebuild(store: Store) -> dict[str, int]:
    """Recompute the rollup tables from the search index and the tag rows; returns {table: rows}."""
    with store.engine.begin() as conn:
        for name in TABLES:
            conn.exec_driver_sql(f"DELETE FROM {name}")
        fill(conn)
        return {name: conn.exec_driver_sql(f"SELECT COUNT(*) FROM {name}").scalar_one() for name in TABLES}


def _counter(rows) -> Counter:
    return Counter({tuple(row[:-1]): row[-1] for row in rows if row[-1]})


def check(store: Store) -> dict[str, dict[str, int]]:
    """Compare the kept tables with a fresh count, reading only: {table: {rows, differing}}.

    ``rows`` is the number of non-zero rows a recount gives, ``differing`` the keys whose kept count is not it.
    Both reads run in one transaction, so a concurrent write cannot show as a difference.
    """
    out: dict[str, dict[str, int]] = {}
    with store.engine.connect() as conn, conn.begin():
        for name, keys in _COLUMNS.items():
            kept = _counter(conn.exec_driver_sql(f"SELECT {', '.join(keys)}, n FROM {name}"))
            fresh = _counter(conn.exec_driver_sql(RECOUNT[name]))
            out[name] = {"rows": len(fresh), "differing": sum(kept[k] != fresh[k] for k in kept.keys() | fresh.keys())}
    return out


def _has_table(store: Store, conn: Connection, table: str) -> bool:
    """Whether this database has ``table`` (the positive answer is cached on the store)."""
    known = store.__dict__.setdefault("_rollup_tables", set())
    if table not in known and inspect(conn).has_table(table):
        known.add(table)
    return table in known


def ready(store: Store, conn: Connection) -> bool:
    """Whether this database has the rollup tables (migration 0006)."""
    return _has_table(store, conn, "trend_tags")


def region_ready(store: Store, conn: Connection) -> bool:
    """Whether this database has the per-region tables (migration 0008)."""
    return _has_table(store, conn, "trend_region_tags")


def usable(filters: Filters) -> bool:
    """Whether a query with these filters can be answered from the rollup (only dates may restrict it)."""
    return (filters.canonical_only and not filters.undated_by_fetch and not filters.source
            and not (filters.technology or filters.industry or filters.region or filters.organization))


def region_usable(filters: Filters) -> bool:
    """Whether only dates and one region value restrict the query (the per-region tables may answer it)."""
    return (filters.canonical_only and not filters.undated_by_fetch and not filters.source
            and len(filters.region) == 1 and not (filters.technology or filters.industry or filters.organization))


def is_code(key: str) -> bool:
    """A GB/T 2260 code: six ASCII digits."""
    return len(key) == 6 and key.isascii() and key.isdigit()


def region_nodes(keys: Iterable[str]) -> set[str]:
    """The place nodes a record tagged with these region keys counts under: each key, and for a code the city and
    the province that hold it (370102 → 370102, 370100, 370000), as ``filtering.covered_prefix`` widens a filter."""
    out = set()
    for key in keys:
        out.add(key)
        if is_code(key):
            out.update((key[:4] + "00", key[:2] + "0000"))
    return out


def region_node(conn: Connection, value: str) -> str | None:
    """The one place node whose records are exactly those a ``region=value`` filter selects, if there is one.

    The filter matches the keys ``filtering.region_matches`` finds, each widened to the places under it; when one
    of them covers all the others (山东省 370000 and 济南市 370100: 370000) that key's node counts each selected
    record once. Several disjoint keys (or none) have no such node: the live tables answer.
    """
    found = region_matches(conn, value)
    for node in found:
        prefix = covered_prefix(node)
        if all(k == node or (prefix is not None and is_code(k) and k.startswith(prefix)) for k in found):
            return node
    return None


# --- keeping the tables in step ----------------------------------------------------------------------

def _empty() -> Delta:
    return {"days": Counter(), "tags": Counter(), "labels": Counter(), "pairs": Counter(), "region_days": Counter(),
            "region_tags": Counter()}


def _add_regions(out: Delta, day: str, region_keys: Iterable[str], tags: Iterable[tuple[str, str]]) -> None:
    """Count one record under each of its place nodes: its day, and its ``REGION_KINDS`` tags ``(kind, key)``."""
    nodes = region_nodes(region_keys)
    tagged = [(kind, key) for kind, key in tags if kind in REGION_KINDS]
    for node in nodes:
        out["region_days"][(node, day)] += 1
        out["region_tags"].update((node, kind, key, day) for kind, key in tagged)


def contribution(record: Record) -> Delta:
    """What one record adds to the rollup as it is now (nothing unless it is an ok canonical copy)."""
    out = _empty()
    if record.status != "ok" or not is_canonical(record):
        return out
    day = (record.published_at or "")[:10]
    out["days"][(day,)] += 1
    keys: dict[str, list[str]] = {}
    for row in tag_rows(record):
        if row["kind"] in KINDS:
            out["tags"][(row["kind"], row["key"], day)] += 1
            out["labels"][(row["kind"], row["key"], row["label"])] += 1
            keys.setdefault(row["kind"], []).append(row["key"])
    for ka, kb in PAIRS:
        out["pairs"].update((ka, a, kb, b) for a in keys.get(ka, ()) for b in keys.get(kb, ()))
    _add_regions(out, day, keys.get("region", ()), [(k, key) for k in REGION_KINDS for key in keys.get(k, ())])
    return out


def _stored(conn: Connection, ids: Sequence[str], region_tables: bool = True) -> Delta:
    """What the stored versions of these records contribute now (read before they are replaced)."""
    out = _empty()
    params = {"ids": list(ids)}
    days = text(f"SELECT {_DAY}, COUNT(*) FROM search_docs d WHERE d.canonical = 1 AND d.record_id IN :ids "
                f"GROUP BY {_DAY}").bindparams(bindparam("ids", expanding=True))
    for day, n in conn.execute(days, params):
        out["days"][(day,)] += n
    tags = text(f"SELECT d.record_id, t.kind, t.key, {_DAY}, COALESCE(t.label, t.key) FROM search_docs d "
                f"JOIN record_tags t ON t.record_id = d.record_id WHERE d.canonical = 1 AND d.record_id IN :ids "
                f"AND {_KIND_IN}").bindparams(bindparam("ids", expanding=True))
    by_record: dict[str, tuple[str, list[tuple[str, str]]]] = {}
    for rid, kind, key, day, label in conn.execute(tags, params):
        out["tags"][(kind, key, day)] += 1
        out["labels"][(kind, key, label)] += 1
        by_record.setdefault(rid, (day, []))[1].append((kind, key))
    if region_tables:
        for day, tagged in by_record.values():  # (a record without tags counts under no place)
            _add_regions(out, day, [key for kind, key in tagged if kind == "region"], tagged)
    pairs = text(f"SELECT a.kind, a.key, b.kind, b.key {_PAIR_JOIN} AND d.record_id IN :ids"
                 ).bindparams(bindparam("ids", expanding=True))
    out["pairs"].update(tuple(row) for row in conn.execute(pairs, params))
    return out


def _before_write(store: Store, conn: Connection, replaced: Sequence[Record]) -> None:
    """Store.before_write_hooks entry: remember what the stored versions of ``replaced`` counted.

    Called once per write, before the write hooks; it replaces what an earlier write that failed between the
    two may have left on the connection.
    """
    pending = _empty()
    if replaced and ready(store, conn):
        for part in chunks([r.id for r in replaced]):
            for name, counts in _stored(conn, part, region_ready(store, conn)).items():
                pending[name].update(counts)
    conn.info[_PENDING] = pending


def _write_hook(store: Store, conn: Connection, changed: Sequence[Record]) -> None:
    """Store.write_hooks entry: apply (new contributions - stored ones) to the rollup tables."""
    removed = conn.info.pop(_PENDING, None)
    if not ready(store, conn):
        return
    delta = _empty()
    for r in changed:
        for name, counts in contribution(r).items():
            delta[name].update(counts)
    if removed:
        for name, counts in removed.items():
            delta[name].subtract(counts)
    _apply(conn, "trend_days", ("day",), delta["days"])
    _apply(conn, "trend_tags", ("kind", "key", "day"), delta["tags"])
    _apply(conn, "trend_labels", ("kind", "key", "label"), delta["labels"])
    _apply(conn, "trend_pairs", ("kind_a", "key_a", "kind_b", "key_b"), delta["pairs"])
    if region_ready(store, conn):
        _apply(conn, "trend_region_days", _COLUMNS["trend_region_days"], delta["region_days"])
        _apply(conn, "trend_region_tags", _COLUMNS["trend_region_tags"], delta["region_tags"])


def _apply(conn: Connection, table: str, keys: tuple[str, ...], counts: Counter) -> None:
    """Add ``counts`` (by tuples of ``keys`` values) to ``table``, creating rows as needed; sorted, so that
    concurrent writers lock rows in one order."""
    items = sorted((k, n) for k, n in counts.items() if n)
    if not items:
        return
    rows = [dict(zip(keys, k, strict=True), n=n) for k, n in items]
    cols = ", ".join(keys)
    upsert = (f"ON CONFLICT ({cols}) DO UPDATE SET n = {table}.n + excluded.n")
    if conn.dialect.name == "postgresql":
        arrays = ", ".join(f"CAST(:{c} AS text[])" for c in keys)
        sql = text(f"INSERT INTO {table} ({cols}, n) SELECT * FROM unnest({arrays}, CAST(:n AS integer[])) {upsert}")
        conn.execute(sql, {c: [r[c] for r in rows] for c in (*keys, "n")})
    else:
        values = ", ".join(f":{c}" for c in keys)
        conn.execute(text(f"INSERT INTO {table} ({cols}, n) VALUES ({values}, :n) {upsert}"), rows)


# --- reading ---------------------------------------------------------------------------------------

def _day_range(filters: Filters) -> tuple[str, dict[str, Any]]:
    """SQL conditions on ``day`` for the filters' dates (the same comparisons as on published_at)."""
    conds, params = "", {}
    if filters.since:
        conds += " AND day >= :since"
        params["since"] = filters.since
    if filters.until:
        conds += " AND day < :until"
        params["until"] = day_after(filters.until)
    return conds, params


def _source(table: str, region: str | None) -> tuple[str, str, dict[str, Any]]:
    """The table to read (the per-region one when ``region`` is a place node), its extra condition and parameter."""
    if region is None:
        return table, "", {}
    return table.replace("trend_", "trend_region_"), " AND region = :region", {"region": region}


def daily_counts(conn: Connection, by: str, filters: Filters, region: str | None = None) -> dict[tuple[str, str], int]:
    """{(day, key): records} of one tag kind, dated records only (under one place node: ``REGION_KINDS`` only)."""
    conds, params = _day_range(filters)
    name, where_region, more = _source("trend_tags", region)
    rows = conn.execute(text(f"SELECT day, key, n FROM {name} WHERE kind = :kind AND n > 0 AND day <> ''"
                             f"{conds}{where_region}"), {"kind": by, **params, **more})
    return {(d, k): n for d, k, n in rows if len(d) == 10}


def record_days(conn: Connection, filters: Filters, region: str | None = None) -> dict[str, int]:
    """{day: canonical records} for dated records (under one place node)."""
    conds, params = _day_range(filters)
    name, where_region, more = _source("trend_days", region)
    rows = conn.execute(text(f"SELECT day, n FROM {name} WHERE n > 0 AND day <> ''{conds}{where_region}"),
                        {**params, **more})
    return {d: n for d, n in rows if len(d) == 10}


def key_counts(conn: Connection, by: str, filters: Filters, region: str | None = None) -> dict[str, int]:
    """{key: canonical records} of one tag kind; undated records count unless a date restricts the query."""
    conds, params = _day_range(filters)
    name, where_region, more = _source("trend_tags", region)
    rows = conn.execute(text(f"SELECT key, SUM(n) FROM {name} WHERE kind = :kind{conds}{where_region} GROUP BY key"),
                        {"kind": by, **params, **more})
    return {k: int(n) for k, n in rows if n}


def kept_pair(rows: str, cols: str) -> bool:
    """Whether co-occurrences of these two kinds (in either order) are kept."""
    return (rows, cols) in PAIRS or (cols, rows) in PAIRS


def pair_counts(conn: Connection, rows: str, cols: str) -> dict[tuple[str, str], int]:
    """{(row key, column key): canonical records tagged with both} for a kept pair of kinds."""
    flip = (rows, cols) not in PAIRS
    ka, kb = (cols, rows) if flip else (rows, cols)
    found = conn.execute(text("SELECT key_a, key_b, n FROM trend_pairs WHERE kind_a = :a AND kind_b = :b AND n > 0"),
                         {"a": ka, "b": kb})
    return {((y, x) if flip else (x, y)): n for x, y, n in found}


def labels(conn: Connection, by: str, keys: Sequence[str] | None) -> dict[str, str]:
    """The most common label of each key among the counted records (keys with none counted are left out)."""
    if keys is not None and not keys:
        return {}  # (an empty IN list is typed as integers on PostgreSQL)
    stmt = text("SELECT key, label, n FROM trend_labels WHERE kind = :kind AND n > 0")
    params: dict[str, Any] = {"kind": by}
    if keys is not None:
        stmt = text(f"{stmt.text} AND key IN :keys").bindparams(bindparam("keys", expanding=True))
        params["keys"] = list(keys)
    best: dict[str, tuple[int, str]] = {}
    for key, label, n in conn.execute(stmt, params):
        if key not in best or (n, label) > best[key]:
            best[key] = (n, label)
    return {k: v[1] for k, v in best.items()}


if _before_write not in Store.before_write_hooks:
    Store.before_write_hooks.append(_before_write)
if _write_hook not in Store.write_hooks:
    Store.write_hooks.append(_write_hook)
