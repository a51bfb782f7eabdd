"""The LSH index kept in the store: queries for candidates and the write hook that keeps it in step.

Every indexed record has one ``dedupe_docs`` row (signature, normalized-body hash, cluster) and one
``dedupe_bands`` row per LSH band. A new article is matched by looking its band keys up in the
table, so nothing is rebuilt and process memory holds only the batch being written.
"""

from __future__ import annotations

import json
import logging
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np
from sqlalchemy import bindparam, delete, func, literal_column, select, update
from sqlalchemy.engine import Connection

from ..record import Record
from ..store import schema
from ..store.base import Store, mark_as_stored, text_as_stored
from ..store.bulk import chunks, insert_rows, insert_tuples, placeholder
from . import tables as t
from .minhash import MIN_BANDS, PARAMS, Fingerprint, record_fingerprint

logger = logging.getLogger(__name__)


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass
class Doc:
    """One indexed record as the matcher sees it."""

    doc: int
    record_id: str
    cluster_id: str
    body_hash: str
    chars: int
    shingles: int
    signature: np.ndarray
    params: str
    credit: str | None
    similarity: float | None


@dataclass
class Member:
    """A cluster member with what the canonical choice needs."""

    record_id: str
    chars: int
    credit: str | None
    source: str | None
    published_at: str | None
    order: int
    similarity: float | None = None
    story_id: str | None = None
    cluster_id: str | None = None  # a stored member's cluster and canonical as stored (None: pending)
    canonical_id: str | None = None


@dataclass
class PendingWrites:
    """What ``assign`` decided for a batch and the write hook stores in the same transaction."""

    credits: dict[str, str | None] = field(default_factory=dict)
    similarities: dict[str, float] = field(default_factory=dict)
    stories: dict[str, dict[str, Any]] = field(default_factory=dict)


# Store -> writes waiting for its next put; weak so a closed store leaves nothing behind.
_PENDING: weakref.WeakKeyDictionary[Store, PendingWrites] = weakref.WeakKeyDictionary()


def stash(store: Store, writes: PendingWrites) -> None:
    _PENDING[store] = writes


def _doc(row: Any) -> Doc:
    return Doc(row.doc, row.record_id, row.cluster_id, row.body_hash, row.chars, row.shingles,
               np.frombuffer(bytes(row.signature), dtype="<u4"), row.params, row.credit, row.similarity)


def get_docs(conn: Connection, record_ids: Sequence[str]) -> dict[str, Doc]:
    """Index rows of these records, by record id."""
    out: dict[str, Doc] = {}
    for chunk in chunks(list(record_ids)):
        for row in conn.execute(select(t.dedupe_docs).where(t.dedupe_docs.c.record_id.in_(chunk))):
            out[row.record_id] = _doc(row)
    return out


def by_body_hashes(conn: Connection, hashes: Sequence[str]) -> dict[str, list[Doc]]:
    """Indexed records with these normalized-body hashes (exact copies), by hash."""
    out: dict[str, list[Doc]] = {}
    for chunk in chunks(sorted(set(hashes))):
        for row in conn.execute(select(t.dedupe_docs).where(t.dedupe_docs.c.body_hash.in_(chunk))):
            out.setdefault(row.body_hash, []).append(_doc(row))
    return out


def band_candidates(conn: Connection, keys_by_record: dict[str, Sequence[int]], min_bands: int = MIN_BANDS,
                    limit: int = 200) -> dict[str, list[Doc]]:
    """For each record, the indexed docs sharing at least ``min_bands`` LSH bands (most shared first).

    The database counts shared bands (GROUP BY … HAVING), so only candidates come back: posting lists grow
    with the index and are never copied into Python.
    """
    out: dict[str, list[Doc]] = {rid: [] for rid in keys_by_record}
    pairs = [(rid, k) for rid, keys in keys_by_record.items() for k in sorted(set(keys))]
    if not pairs:
        return out
    # one statement per slice, written as SQL text: compiling thousands of bound tuples through the expression
    # language costs more than the query. PostgreSQL takes the pairs as two arrays: as a VALUES list the
    # statement ran to 170 kB, which psycopg re-parsed on every call (~20 ms a slice of 100 records)
    if conn.dialect.name == "postgresql":
        probe, params = "SELECT * FROM unnest(CAST(%s AS text[]), CAST(%s AS bigint[]))", (
            [rid for rid, _ in pairs], [k for _, k in pairs])
    else:
        style = placeholder(conn)
        probe = "VALUES " + ", ".join(f"({style}, CAST({style} AS BIGINT))" for _ in pairs)
        params = tuple(x for pair in pairs for x in pair)
    sql = (f"WITH probe(rid, key) AS ({probe}) SELECT probe.rid, b.doc, count(*) FROM probe "
           f"JOIN dedupe_bands b ON b.key = probe.key GROUP BY probe.rid, b.doc HAVING count(*) >= {int(min_bands)}")
    found: dict[str, list[tuple[int, int]]] = {}
    for rid, doc, n in conn.exec_driver_sql(sql, params):
        found.setdefault(rid, []).append((n, doc))
    top = {rid: [doc for _, doc in sorted(hits, key=lambda h: (-h[0], h[1]))[:limit]] for rid, hits in found.items()}
    docs: dict[int, Doc] = {}
    for chunk in chunks(sorted({doc for ids in top.values() for doc in ids})):
        for row in conn.execute(select(t.dedupe_docs).where(t.dedupe_docs.c.doc.in_(chunk))):
            docs[row.doc] = _doc(row)
    for rid, ids in top.items():
        out[rid] = [docs[doc] for doc in ids if doc in docs]
    return out


def cluster_members(conn: Connection, cluster_ids: Iterable[str]) -> list[Member]:
    d, r = t.dedupe_docs.c, schema.records.c
    q = (select(d.record_id, d.chars, d.credit, d.doc, d.similarity, r.source, r.published_at, r.story_id,
                d.cluster_id, r.canonical_id)
         .join(schema.records, schema.records.c.id == d.record_id)
         .where(d.cluster_id.in_(list(cluster_ids))).order_by(d.doc))
    return [Member(row.record_id, row.chars, row.credit, row.source, row.published_at, row.doc, row.similarity,
                   row.story_id, row.cluster_id, row.canonical_id) for row in conn.execute(q)]


# The body read out of the stored JSON by the database: a record also holds its raw input, cleaning log and
# tags, which the copy check does not need to transfer and parse.
_TEXT_OF = {"sqlite": "json_extract(data, '$.text')", "postgresql": "CAST(data AS json) ->> 'text'"}


def record_texts(conn: Connection, record_ids: Sequence[str]) -> dict[str, str]:
    """The bodies of these stored records, by id ("" for a record without one; absent ids are left out)."""
    out: dict[str, str] = {}
    extract = _TEXT_OF.get(conn.dialect.name)
    column = literal_column(extract) if extract else schema.records.c.data
    for chunk in chunks(list(record_ids)):
        for rid, body in conn.execute(select(schema.records.c.id, column).where(schema.records.c.id.in_(chunk))):
            out[rid] = (body or "") if extract else json.loads(body).get("text", "")
    return out


def record_story(conn: Connection, record_id: str) -> str | None:
    row = conn.execute(select(schema.records.c.story_id).where(schema.records.c.id == record_id)).first()
    return row[0] if row else None


def load_record(conn: Connection, record_id: str) -> Record | None:
    """A stored record, marked as holding its stored text (``store.base.mark_as_stored``)."""
    row = conn.execute(select(schema.records.c.data).where(schema.records.c.id == record_id)).first()
    return mark_as_stored(Record.from_json(row[0])) if row else None


def _remove(conn: Connection, record_ids: Sequence[str]) -> None:
    docs = list(conn.execute(select(t.dedupe_docs.c.doc).where(t.dedupe_docs.c.record_id.in_(record_ids))).scalars())
    if docs:
        conn.execute(delete(t.dedupe_bands).where(t.dedupe_bands.c.doc.in_(docs)))
        conn.execute(delete(t.dedupe_docs).where(t.dedupe_docs.c.doc.in_(docs)))


def index_records(conn: Connection, records: Sequence[Record], writes: PendingWrites | None = None) -> None:
    """Insert or refresh the index rows of these records (a dropped or empty record leaves the index)."""
    writes = writes or PendingWrites()
    gone = [r.id for r in records if r.status != "ok" or not r.text.strip()]
    if gone:
        _remove(conn, gone)
    live = [r for r in records if r.status == "ok" and r.text.strip()]
    if not live:
        return
    d = t.dedupe_docs.c
    known = {row.record_id: row for row in conn.execute(
        select(d.doc, d.record_id, d.body_hash, d.params).where(d.record_id.in_([r.id for r in live])))}
    fresh: list[tuple[Record, Fingerprint]] = []
    relinked: list[dict[str, Any]] = []  # rows whose body stays: only the cluster and similarity change
    for r in live:
        cluster = r.duplicates.cluster if r.duplicates else r.id
        sim = r.duplicates.similarity if r.duplicates else None
        old = known.get(r.id)
        if old is not None and old.params == PARAMS and text_as_stored(r):
            relinked.append({"d": old.doc, "c": cluster, "s": sim})  # a stored copy relinked: its body is indexed
            continue
        fp = record_fingerprint(r)  # held on the record since assign (or sent by a worker)
        if old is not None and old.body_hash == fp.body_hash and old.params == PARAMS:
            relinked.append({"d": old.doc, "c": cluster, "s": sim})
            continue
        if old is not None:
            _remove(conn, [r.id])
        fresh.append((r, fp))
    if relinked:
        conn.execute(update(t.dedupe_docs).where(d.doc == bindparam("d"))
                     .values(cluster_id=bindparam("c"), similarity=bindparam("s")), relinked)
    if fresh:
        from .copies import record_credit

        rows = [{"record_id": r.id, "cluster_id": r.duplicates.cluster if r.duplicates else r.id,
                 "body_hash": fp.body_hash, "chars": fp.chars, "shingles": len(fp.shingles),
                 "signature": fp.signature.astype("<u4").tobytes(), "params": PARAMS,
                 "credit": writes.credits[r.id] if r.id in writes.credits else record_credit(r),
                 "similarity": r.duplicates.similarity if r.duplicates else None} for r, fp in fresh]
        insert_rows(conn, t.dedupe_docs, rows)  # (RETURNING in parameter order ran one statement per row on SQLite)
        doc_of: dict[str, int] = {}
        for part in chunks([r.id for r, _ in fresh]):
            found = conn.execute(select(d.record_id, d.doc).where(d.record_id.in_(part)))
            doc_of.update((rid, doc) for rid, doc in found)
        docs = [doc_of[r.id] for r, _ in fresh]
        insert_tuples(conn, t.dedupe_bands, ("key", "doc"), [(k, doc) for (_, fp), doc in zip(fresh, docs, strict=True)
                                                             for k in sorted(set(fp.bands))])
    _refresh_clusters(conn, live)


def _refresh_clusters(conn: Connection, records: Sequence[Record]) -> None:
    now = now_iso()
    canonical: dict[str, str] = {}
    for r in records:
        if r.duplicates:
            canonical[r.duplicates.cluster] = r.duplicates.canonical
    if not canonical:
        return
    ids = list(canonical)
    d = t.dedupe_docs.c
    sizes = dict(conn.execute(select(d.cluster_id, func.count()).where(d.cluster_id.in_(ids))
                              .group_by(d.cluster_id)).all())
    conn.execute(delete(t.dedupe_clusters).where(t.dedupe_clusters.c.cluster_id.in_(ids)))
    insert_rows(conn, t.dedupe_clusters, [{"cluster_id": c, "canonical_id": canonical[c], "size": sizes.get(c, 0),
                                           "updated_at": now} for c in ids])


INDEXED = "indexed"  # key of a loaded story row: its ``term_entries`` as stored


def term_entries(row: dict[str, Any]) -> tuple[frozenset[str], tuple[str, str]]:
    """A story's entries in the term index: its terms (as stored, 64 characters at most) and its day range."""
    days = ((row["first_date"] or "")[:10] or t.FIRST_UNDATED, (row["last_date"] or "")[:10] or t.LAST_UNDATED)
    return frozenset(k[:64] for k in row["terms"]), days


def write_stories(conn: Connection, rows: dict[str, dict[str, Any]]) -> None:
    """Replace these stories' rows and bring their term index entries up to date.

    A story loaded from the store (``INDEXED`` set) changes only the entries that differ: a joining article adds
    a few of its terms to a story's 80, which were rewritten whole before (half the rows a record wrote). Other
    stories' entries are replaced: a record processed again starts its own story again under the same id.
    """
    if not rows:
        return
    ids = list(rows)
    c = t.story_terms.c
    conn.execute(delete(t.story_terms).where(c.story_id.in_([sid for sid in ids if INDEXED not in rows[sid]])))
    conn.execute(delete(t.stories).where(t.stories.c.story_id.in_(ids)))
    now = now_iso()
    insert_rows(conn, t.stories, [
        {"story_id": sid, "title": row["title"], "first_date": row["first_date"], "last_date": row["last_date"],
         "articles": len(row["articles"]), "outlets": json.dumps(sorted(row["outlets"]), ensure_ascii=False),
         "terms": json.dumps({"articles": sorted(row["articles"]), "terms": row["terms"]}, ensure_ascii=False),
         "updated_at": now}
        for sid, row in rows.items()
    ])
    added, removed, moved = [], [], []
    for sid, row in rows.items():
        terms, days = entries = term_entries(row)
        old_terms, old_days = row.get(INDEXED) or (frozenset(), days)
        if days != old_days:
            moved.append({"sid": sid, "first": days[0], "last": days[1]})
        removed += [{"sid": sid, "term": term} for term in old_terms - terms]
        added += [(term, sid, *days) for term in terms - old_terms]
        row[INDEXED] = entries  # written: a second call with the same rows changes nothing more
    if moved:
        conn.execute(update(t.story_terms).where(c.story_id == bindparam("sid"))
                     .values(first_day=bindparam("first"), last_day=bindparam("last")), moved)
    if removed:
        conn.execute(delete(t.story_terms).where(c.story_id == bindparam("sid"), c.term == bindparam("term")), removed)
    insert_tuples(conn, t.story_terms, ("term", "story_id", "first_day", "last_day"), added)


def write_hook(store: Store, conn: Connection, changed: list[Record]) -> None:
    """Store.write_hooks entry: index changed records and write the stories ``assign`` decided."""
    writes = _PENDING.pop(store, None)
    index_records(conn, changed, writes)
    if writes is not None:
        write_stories(conn, writes.stories)


def register() -> None:
    """Add the write hook to Store once (idempotent)."""
    if write_hook not in Store.write_hooks:
        Store.write_hooks.append(write_hook)


def copies_of(conn: Connection, record: Record) -> list[dict[str, Any]]:
    """The other members of a record's cluster: id, source, URL, date, canonical or not (canonical first)."""
    if record.duplicates is None:
        return []
    d, r = t.dedupe_docs.c, schema.records.c
    q = (select(r.id, r.source, r.url, r.published_at, r.canonical_id, d.similarity)
         .join(t.dedupe_docs, d.record_id == r.id)
         .where(d.cluster_id == record.duplicates.cluster, r.id != record.id).order_by(d.doc))
    rows = [{"id": row.id, "source": row.source, "url": row.url, "published_at": row.published_at,
             "is_canonical": row.canonical_id == row.id, "similarity": row.similarity} for row in conn.execute(q)]
    return sorted(rows, key=lambda x: not x["is_canonical"])
