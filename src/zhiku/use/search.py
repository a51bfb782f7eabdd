"""Chinese full-text search over stored records, the same on SQLite (FTS5) and PostgreSQL (tsvector).

Library API (the CLI and the web app call these)::

    search(store, "大模型 医疗", region=["山东"], since="2024-01-01", limit=20, offset=0) -> SearchResult
    match_select(conn, parse_query(text, filters)) -> Select   # ids of every match, for facet counts
    rebuild_index(store) -> int            # re-index every record (normally kept in step on write)

``SearchResult`` has ``total``, ``hits`` (``Hit``: id, title, source, url, published_at, score,
snippet with ``highlights`` offsets, ``tags`` by kind, summary) and ``as_dict()``. Filters are keyword
arguments (technology, industry, region, organization, source: a string or list of strings; since /
until: YYYY-MM-DD; canonical_only: True by default) and may also be written in the query
(``region:山东 since:2024-01-01``). Malformed queries raise ``zhiku.errors.QueryError``.

Index: each record's title and body as CJK bigrams (see ``zhiku.use.query``). On SQLite an FTS5
table ``search_fts`` (rowid = ``search_docs.rid``), ranked by bm25 with the title weighted 10:1; on
PostgreSQL ``search_docs.tsv`` (title lexemes weighted A) with a GIN index, ranked by ``ts_rank``.
A write hook on ``Store`` keeps the index in step inside each write transaction.
"""

from __future__ import annotations

import html
import logging
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import (
    Integer,
    and_,
    bindparam,
    cast,
    column,
    func,
    inspect,
    literal,
    literal_column,
    select,
    table,
    text,
    true,
    update,
)
from sqlalchemy.dialects.postgresql import TSQUERY
from sqlalchemy.engine import Connection

from ..errors import QueryError, StoreError
from ..record import Record
from ..store import schema
from ..store.base import Store, text_as_stored
from ..store.bulk import chunks, insert_rows
from ..text.nfkc import nfkc
from .filtering import DOCS, is_canonical, where
from .query import (
    Filters,
    Query,
    parse_query,
    record_tokens,
    record_tsvector,
    to_fts5,
    to_tsquery,
)

logger = logging.getLogger(__name__)

TAG_KINDS = ("technology", "industry", "region", "organization")
# The index keeps the columns filters need (see filtering.DOCS), so a search, a trend or a briefing reads
# neither the wide records rows nor their JSON.
_DOCS = DOCS
_DOC_COLUMNS = "canonical INTEGER NOT NULL, published_at VARCHAR(40), fetched_at VARCHAR(40), source TEXT"
_FTS = table("search_fts", column("rowid"))
SNIPPET_CHARS = 120
MAX_LIMIT = 1000
RANK_WINDOW = 10_000  # PostgreSQL ranks at most this many matches by relevance (see ``search``)


# --- index tables ---------------------------------------------------------------------------------

def create_index_tables(conn: Connection) -> None:
    """Create the search tables for this backend (called by migration 0004_search)."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(
            "CREATE TABLE search_docs (rid INTEGER PRIMARY KEY, record_id VARCHAR(64) NOT NULL UNIQUE, "
            f"{_DOC_COLUMNS})")
        conn.exec_driver_sql(
            "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 0')")
    else:
        conn.exec_driver_sql("CREATE TABLE search_docs (record_id VARCHAR(64) PRIMARY KEY, tsv tsvector NOT NULL, "
                             f"{_DOC_COLUMNS})")
        conn.exec_driver_sql("CREATE INDEX ix_search_docs_tsv ON search_docs USING GIN (tsv)")
    conn.exec_driver_sql("CREATE INDEX ix_search_docs_published ON search_docs (published_at)")


def drop_index_tables(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("DROP TABLE IF EXISTS search_fts")
    conn.exec_driver_sql("DROP TABLE IF EXISTS search_docs")


def index_records(conn: Connection, records: Sequence[Record]) -> None:
    """Replace the index entries of these records (dropped records are only removed). A stored record relinked
    to other copies (its title and body as stored: ``store.base.text_as_stored``) keeps its indexed text; only
    its row's columns are brought up to date."""
    relinked = _refresh_relinked(conn, [r for r in records if r.status == "ok" and text_as_stored(r)])
    ids = [r.id for r in records if r.id not in relinked]
    keep = [r for r in records if r.status == "ok" and r.id not in relinked]
    sqlite = conn.dialect.name == "sqlite"
    for part in chunks(ids):
        if sqlite:
            conn.execute(text("DELETE FROM search_fts WHERE rowid IN (SELECT rid FROM search_docs "
                              "WHERE record_id IN :ids)").bindparams(bindparam("ids", expanding=True)), {"ids": part})
        conn.execute(text("DELETE FROM search_docs WHERE record_id IN :ids")
                     .bindparams(bindparam("ids", expanding=True)), {"ids": part})
    if not keep:
        return
    for part in chunks(keep):
        if sqlite:
            insert_rows(conn, DOCS, list(map(_doc_row, part)))
            rids = dict(conn.execute(text("SELECT record_id, rid FROM search_docs WHERE record_id IN :ids")
                                     .bindparams(bindparam("ids", expanding=True)),
                                     {"ids": [r.id for r in part]}).all())
            insert_rows(conn, _FTS, [
                {"rowid": rids[r.id], "title": title, "body": body}
                for r in part for title, body in [record_tokens(r)]])
        else:
            # COPY parses the tsvector literal with the type's input function, as CAST(… AS tsvector) would
            insert_rows(conn, DOCS, [{**_doc_row(r), "tsv": record_tsvector(r)} for r in part])


def _refresh_relinked(conn: Connection, records: list[Record]) -> set[str]:
    """Update the document rows of these records whose text is indexed already; return their ids."""
    present: set[str] = set()
    for part in chunks([r.id for r in records]):
        present.update(conn.execute(text("SELECT record_id FROM search_docs WHERE record_id IN :ids")
                                    .bindparams(bindparam("ids", expanding=True)), {"ids": list(part)}).scalars())
    rows = [{f"new_{k}": v for k, v in _doc_row(r).items()} for r in records if r.id in present]
    if rows:
        columns = ("canonical", "published_at", "fetched_at", "source")
        conn.execute(update(DOCS).where(DOCS.c.record_id == bindparam("new_record_id"))
                     .values({c: bindparam(f"new_{c}") for c in columns}), rows)
    return present


def _doc_row(r: Record) -> dict[str, Any]:
    return {"record_id": r.id, "canonical": int(is_canonical(r)), "published_at": r.published_at,
            "fetched_at": r.fetched_at, "source": r.source}


def _index_ready(store: Store, conn: Connection) -> bool:
    ready = getattr(store, "_search_index_ready", None)
    if ready is None:
        ready = inspect(conn).has_table("search_docs")
        if ready:  # cache only the positive answer: a later migration may create the tables
            store._search_index_ready = True  # type: ignore[attr-defined]
    return ready


def _write_hook(store: Store, conn: Connection, records: Sequence[Record]) -> None:
    """Store write hook: keep the search index in step with the records just written."""
    if _index_ready(store, conn):
        index_records(conn, records)


def backfill(conn: Connection, batch: int = 500) -> int:
    """Index every stored record (used by the migration on a database that already holds records)."""
    last, total = "", 0
    c = schema.records.c
    while True:
        rows = conn.execute(select(c.id, c.data).where(c.id > last).order_by(c.id).limit(batch)).all()
        if not rows:
            return total
        index_records(conn, [Record.from_json(data) for _, data in rows])
        total += len(rows)
        last = rows[-1][0]


def rebuild_index(store: Store) -> int:
    """Drop and rebuild the whole search index; returns how many records were indexed."""
    with store.engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("DELETE FROM search_fts")
        conn.exec_driver_sql("DELETE FROM search_docs")
        return backfill(conn)


if _write_hook not in Store.write_hooks:
    Store.write_hooks.append(_write_hook)


# --- results ----------------------------------------------------------------------------------------

@dataclass
class Hit:
    """One search result: the record's headline fields, a snippet with highlighted spans and its tags."""

    id: str
    title: str | None
    source: str | None
    url: str | None
    published_at: str | None
    score: float
    snippet: str
    highlights: list[tuple[int, int]] = field(default_factory=list)  # [start, end) offsets in ``snippet``
    title_highlights: list[tuple[int, int]] = field(default_factory=list)
    tags: dict[str, list[str]] = field(default_factory=dict)  # kind -> labels
    summary: str | None = None

    def snippet_html(self) -> str:
        """The snippet as escaped HTML with <mark> around the matches."""
        return mark_html(self.snippet, self.highlights)

    def title_html(self) -> str:
        return mark_html(self.title or "", self.title_highlights)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["highlights"] = [list(h) for h in self.highlights]
        data["title_highlights"] = [list(h) for h in self.title_highlights]
        return data


@dataclass
class SearchResult:
    """A page of hits and how many records match in all."""

    query: Query
    total: int
    hits: list[Hit]
    limit: int
    offset: int
    total_exact: bool = True  # False: ``total`` is an upper estimate (see ``search``)

    def as_dict(self) -> dict[str, Any]:
        f = self.query.filters
        return {"query": self.query.text, "filters": asdict(f), "total": self.total, "total_exact": self.total_exact,
                "limit": self.limit, "offset": self.offset, "hits": [h.as_dict() for h in self.hits]}


def mark_html(text_: str, spans: Sequence[tuple[int, int]]) -> str:
    """Escape ``text_`` for HTML and wrap the given spans in <mark>."""
    out, pos = [], 0
    for start, end in sorted(spans):
        if start < pos:
            continue
        out.append(html.escape(text_[pos:start]))
        out.append("<mark>" + html.escape(text_[start:end]) + "</mark>")
        pos = end
    out.append(html.escape(text_[pos:]))
    return "".join(out)


def _normalized(text_: str) -> tuple[str, list[int]]:
    """NFKC lower-cased text and, for each of its characters, the index of the original character."""
    norm = nfkc(text_).lower()
    if len(norm) == len(text_):  # the usual case (full-width forms fold one to one): offsets carry over
        return norm, list(range(len(text_)))
    chars, origin = [], []
    for i, ch in enumerate(text_):
        for n in unicodedata.normalize("NFKC", ch).lower():
            chars.append(n)
            origin.append(i)
    return "".join(chars), origin


def find_spans(text_: str, pieces: Iterable[str]) -> list[tuple[int, int]]:
    """Non-overlapping [start, end) spans of ``text_`` where any of the (normalized) pieces occurs."""
    norm, origin = _normalized(text_)
    spans: list[tuple[int, int]] = []
    for piece in sorted(set(pieces), key=len, reverse=True):
        if not piece:
            continue
        start = norm.find(piece)
        while start >= 0:
            end = start + len(piece)
            spans.append((origin[start], origin[end - 1] + 1))
            start = norm.find(piece, end)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s < merged[-1][1]:
            continue
        merged.append((s, e))
    return merged


def make_snippet(body: str, pieces: Sequence[str], width: int = SNIPPET_CHARS) -> tuple[str, list[tuple[int, int]]]:
    """A window of ``body`` around the first match (or its start), with the match spans inside it."""
    flat = body.replace("\n", " ")
    spans = find_spans(flat, pieces) if pieces else []
    if not spans:
        cut = flat[:width]
        return (cut + "…" if len(flat) > width else cut), []
    first = spans[0][0]
    start = max(0, first - width // 4)
    end = min(len(flat), start + width)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(flat) else ""
    inside = [(s - start + len(prefix), min(e, end) - start + len(prefix)) for s, e in spans if s >= start and s < end]
    return prefix + flat[start:end] + suffix, inside


# --- searching ----------------------------------------------------------------------------------------

def _as_tuple(value: str | Sequence[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,) if value.strip() else ()
    return tuple(v for v in value if v and v.strip())


def make_filters(technology=None, industry=None, region=None, organization=None, source=None,
                 since=None, until=None, canonical_only: bool = True, undated_by_fetch: bool = False) -> Filters:
    """Filters from keyword arguments (each tag filter a string or a list of strings)."""
    return Filters(technology=_as_tuple(technology), industry=_as_tuple(industry), region=_as_tuple(region),
                   organization=_as_tuple(organization), source=_as_tuple(source),
                   since=str(since) if since else None, until=str(until) if until else None,
                   canonical_only=canonical_only, undated_by_fetch=undated_by_fetch)


def search(store: Store, query: str | Query = "", *, technology=None, industry=None, region=None,
           organization=None, source=None, since=None, until=None, canonical_only: bool = True,
           limit: int = 20, offset: int = 0, rank_window: int = RANK_WINDOW) -> SearchResult:
    """Records matching ``query`` and the filters, best first (newest first when the query is only filters).

    On PostgreSQL, a query with more than ``rank_window`` matches ranks the newest ``rank_window`` of them and
    lists the older ones after them, newest first; its ``total`` is then an upper estimate when the query
    holds a phrase (``total_exact`` False). ``rank_window=0`` ranks every match (seconds at 1,000,000).
    SQLite's FTS5 ranks every match with bm25.
    """
    if not 0 < limit <= MAX_LIMIT or offset < 0:
        raise QueryError(f"limit {limit} / offset {offset}: limit must be 1..{MAX_LIMIT}, offset >= 0")
    filters = make_filters(technology, industry, region, organization, source, since, until, canonical_only)
    q = query if isinstance(query, Query) else parse_query(query, filters)
    d = _DOCS.c
    newest = d.published_at.desc().nulls_last()
    exact = True
    try:
        with store.engine.connect() as conn:
            if q.is_empty:
                cond = where(conn, q.filters, docs=_DOCS)
                total = conn.execute(select(func.count()).select_from(_DOCS).where(cond)).scalar_one()
                rows = conn.execute(select(d.record_id, literal_column("0.0").label("score")).where(cond)
                                    .order_by(newest, d.record_id).limit(limit).offset(offset)).all()
            elif conn.dialect.name == "sqlite":
                cond = where(conn, q.filters, docs=_DOCS)
                joined, match = _fts_match(q)
                total = conn.execute(select(func.count()).select_from(joined).where(match, cond)).scalar_one()
                score = literal_column("-bm25(search_fts, 10.0, 1.0)").label("score")
                rows = conn.execute(select(d.record_id, score).select_from(joined).where(match, cond)
                                    .order_by(literal_column("score").desc(), newest, d.record_id)
                                    .limit(limit).offset(offset)).all()
            else:
                total, exact, rows = _pg_page(conn, q, limit, offset, rank_window)
            hits = _hits(conn, q, [(rid, float(s or 0.0)) for rid, s in rows])
    except QueryError:
        raise
    except Exception as exc:  # an SQL error here is a bug or an unreachable database, never the user's syntax
        logger.exception("search failed for %r", q.text)
        raise StoreError(f"search {q.text!r} on {store.safe_url}: {exc.__class__.__name__}: {exc}") from exc
    return SearchResult(query=q, total=total, hits=hits, limit=limit, offset=offset, total_exact=exact)


def _fts_match(q: Query):
    """SQLite: the index rows joined to their FTS5 rows, and the MATCH condition for ``q``."""
    return _DOCS.join(_FTS, _FTS.c.rowid == _DOCS.c.rid), text("search_fts MATCH :match").bindparams(match=to_fts5(q))


def use_text_index(conn: Connection) -> None:
    """PostgreSQL: plan this transaction's text matches through the GIN index (bitmap scans only).

    The planner prices ``tsv @@ query`` as a cheap comparison and, the narrow ``search_docs`` heap being small,
    picks a sequential scan (or a walk of a b-tree) that reads (de-TOASTs) every document's tsvector: 575 ms
    for one common word at 100,000 articles against 13-21 ms through the index (bench/RESULTS.md, 2026-12-06).
    Nested loops are off too: the filters written for the text index (``text_driven``) defeat row estimates, and
    a tag filter probed once per text match took 1.1 s where a hash join takes 0.5 s (1,000,000 articles).
    """
    if conn.dialect.name == "postgresql":
        for plan in ("seqscan", "indexscan", "nestloop"):
            conn.exec_driver_sql(f"SET LOCAL enable_{plan} = off")


def _loose_matches(conn: Connection, q: Query) -> tuple[Any, str, str]:
    """PostgreSQL: the condition for the loose matches of ``q`` with its filters, written for the text index
    (``use_text_index`` is set on ``conn``), and the exact and loose tsquery literals."""
    use_text_index(conn)
    exact_q, loose_q = to_tsquery(q), to_tsquery(q, loose=True)
    cond = and_(where(conn, q.filters, docs=_DOCS, text_driven=True),
                _DOCS.c.tsv.op("@@")(cast(bindparam("loose", loose_q), TSQUERY)))
    return cond, exact_q, loose_q


def _pg_page(conn: Connection, q: Query, limit: int, offset: int,
             window: int) -> tuple[int, bool, Sequence[tuple[str, float]]]:
    """(total, total is exact, [(record_id, score)]) of one page on PostgreSQL.

    Reading a document's tsvector costs ~7 µs (TOAST): both ranking (``ts_rank``) and checking phrase positions
    read it, while the GIN index alone answers the *loose* query (each phrase as an AND of its tokens). So:
    the index finds the loose matches (the filters checked on each, not the other way round: the planner
    would scan the date index and read every dated document's tsvector); the newest ``window`` of them are
    checked for the exact query and ranked, in one pass; older exact matches follow them, newest first.
    The total is exact when the loose matches fit in the window or the query holds no phrase (3+ character
    Chinese word or quoted phrase); otherwise it is the loose count, an upper estimate.
    """
    d = _DOCS.c
    newest = d.published_at.desc().nulls_last()
    cond, exact_q, loose_q = _loose_matches(conn, q)
    phrased = exact_q != loose_q
    tsq = cast(bindparam("tsq", exact_q), TSQUERY)
    f = q.filters
    if f.technology or f.industry or f.region or f.organization:
        loose = func.count().over()  # the tag joins run once: the loose count rides along with the window
    else:  # the text index alone counts the loose matches, faster than counting them in the window query
        loose = literal(conn.execute(select(func.count()).select_from(_DOCS).where(cond)).scalar_one(), Integer)
    # LIMIT keeps the subquery apart: the exact match and ts_rank read only the window's tsvectors
    win = (select(d.record_id, d.published_at, d.tsv, loose.label("loose")).where(cond)
           .order_by(newest, d.record_id).limit(window if window > 0 else None).subquery())
    w = win.c
    match = w.tsv.op("@@")(tsq)
    rows = conn.execute(select(w.record_id, func.ts_rank(w.tsv, tsq).label("score"), func.count().over().label("n"),
                               w.loose).where(match)
                        .order_by(literal_column("score").desc(), w.published_at.desc().nulls_last(), w.record_id)
                        .limit(limit).offset(offset)).all()
    if rows:
        ranked, n_loose = rows[0].n, rows[0].loose
    else:  # a page past the ranked matches (or none): count them apart
        ranked, n_loose = conn.execute(select(func.count().filter(match), func.coalesce(func.max(w.loose), 0))
                                       .select_from(win)).one()
    page = [(r.record_id, r.score) for r in rows]
    if window <= 0 or n_loose <= window:
        return ranked, True, page
    if len(page) < limit:  # past the ranked window: the older exact matches, newest first
        page += conn.execute(select(d.record_id, func.ts_rank(d.tsv, tsq)).where(
            cond, d.tsv.op("@@")(tsq), d.record_id.not_in(select(w.record_id)))
            .order_by(newest, d.record_id).limit(limit - len(page)).offset(max(0, offset - ranked))).all()
    return n_loose, not phrased, page


def match_select(conn: Connection, q: Query):
    """A SELECT of ``record_id`` for every record the parsed query matches (no ranking, no paging).

    On PostgreSQL it also sets ``conn``'s transaction to read matches through the text index (``use_text_index``).
    """
    d = _DOCS.c
    if q.is_empty:
        return select(d.record_id).where(where(conn, q.filters, docs=_DOCS))
    cond = where(conn, q.filters, docs=_DOCS, text_driven=conn.dialect.name == "postgresql")
    if conn.dialect.name == "sqlite":
        joined, match = _fts_match(q)
        return select(d.record_id).select_from(joined).where(match, cond)
    use_text_index(conn)
    return select(d.record_id).where(cond, d.tsv.op("@@")(cast(bindparam("tsq", to_tsquery(q)), TSQUERY)))


def facet_rows(conn: Connection, q: Query, window: int | None = None) -> tuple[list, bool]:
    """(record_id, source, published_at) of the matches whose facets to count, and whether that is every match.

    Counting tags over every match reads every match's tag rows (2.6 s for 80,000 matches at 100,000
    articles): past ``window`` (default ``RANK_WINDOW``) matches the counts cover the newest ``window``, as
    ranking does. At most ``window`` narrow rows come back.
    """
    window = max(1, RANK_WINDOW if window is None else window)
    d = _DOCS.c
    newest = (d.published_at.desc().nulls_last(), d.record_id)
    columns = (d.record_id, d.source, d.published_at)
    if q.is_empty or conn.dialect.name == "sqlite":
        stmt = select(*columns).where(where(conn, q.filters, docs=_DOCS))
        if not q.is_empty:
            joined, match = _fts_match(q)
            stmt = stmt.select_from(joined).where(match)
        rows = conn.execute(stmt.order_by(*newest).limit(window + 1)).all()
        return rows[:window], len(rows) <= window
    cond, exact_q, loose_q = _loose_matches(conn, q)
    # LIMIT keeps the subquery apart: a phrase is checked on the window's tsvectors only
    win = select(*columns, d.tsv).where(cond).order_by(*newest).limit(window + 1).subquery()
    exact = win.c.tsv.op("@@")(cast(bindparam("tsq", exact_q), TSQUERY)) if exact_q != loose_q else true()
    rows = conn.execute(select(win.c.record_id, win.c.source, win.c.published_at, exact.label("exact"))
                        .order_by(win.c.published_at.desc().nulls_last(), win.c.record_id)).all()
    return [r for r in rows[:window] if r.exact], len(rows) <= window


def tags_for(conn: Connection, ids: Sequence[str], kinds: Sequence[str] = TAG_KINDS) -> dict[str, dict[str, list[str]]]:
    """Tag labels of these records by kind, best score first: {record_id: {kind: [label, …]}}."""
    t = schema.record_tags.c
    out: dict[str, dict[str, list[str]]] = {i: {} for i in ids}
    if not ids:
        return out
    rows = conn.execute(select(t.record_id, t.kind, t.label).where(t.record_id.in_(list(ids)), t.kind.in_(list(kinds)))
                        .order_by(t.record_id, t.kind, t.score.desc(), t.key)).all()
    for rid, kind, label in rows:
        out[rid].setdefault(kind, []).append(label)
    return out


def _hits(conn: Connection, q: Query, rows: list[tuple[str, float]]) -> list[Hit]:
    ids = [rid for rid, _ in rows]
    if not ids:
        return []
    c = schema.records.c
    data = dict(conn.execute(select(c.id, c.data).where(c.id.in_(ids))).all())
    tags = tags_for(conn, ids)
    pieces = [p for t in q.positive_terms for p in t.pieces]
    hits = []
    for rid, score in rows:
        rec = Record.from_json(data[rid])
        snippet, spans = make_snippet(rec.text, pieces)
        hits.append(Hit(id=rid, title=rec.title, source=rec.source, url=rec.url, published_at=rec.published_at,
                        score=round(score, 6), snippet=snippet, highlights=spans,
                        title_highlights=find_spans(rec.title or "", pieces) if pieces else [],
                        tags=tags[rid], summary=rec.summary))
    return hits
