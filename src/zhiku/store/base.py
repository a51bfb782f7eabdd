"""The Store: records, their raw inputs and derived tables behind one small interface.

``open_store(url)`` returns a Store on any SQLAlchemy URL (``sqlite:///zhiku.db`` by default,
``postgresql+psycopg://…`` at scale). Writes are batched: one transaction per batch, never per row.
Re-putting a record with the same id and the same content changes nothing.
"""

from __future__ import annotations

import json
import logging
import random
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, delete, event, func, insert, inspect, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError

from ..errors import StoreError
from ..record import Record, dumps, input_key, normalize_for_hash, sha256_hex
from . import schema
from .bulk import insert_rows
from .writer_lock import WriterLock

logger = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass
class PutResult:
    new: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def merge(self, other: PutResult) -> None:
        self.new += other.new
        self.updated += other.updated
        self.unchanged += other.unchanged


def tag_rows(record: Record) -> list[dict[str, Any]]:
    """Flatten a record's tags into (kind, key, label, score) rows for counting and filtering."""
    rows: dict[tuple[str, str], dict[str, Any]] = {}

    def add(kind: str, key: str | None, label: str | None, score: float | None) -> None:
        if not key:
            return
        key = key[:200]
        rows.setdefault((kind, key), {"record_id": record.id, "kind": kind, "key": key,
                                      "label": label or key, "score": float(score or 0.0)})

    for t in record.ai_technologies or []:
        add("technology", t.id, t.label, t.score)
    for t in record.industries or []:
        add("industry", t.id, t.label, t.score)
    for r in record.regions or []:
        add("region", r.code or r.name, r.name, r.score)
    for o in record.organizations or []:
        add("organization", o.name, o.name, o.score)
    for p in record.people or []:
        add("person", p.name, p.name, None)
    for k in record.keywords or []:
        add("keyword", k.term, k.term, k.score)
    for pol in record.policies or []:
        add("policy", pol.id or pol.name, pol.name, None)
    return list(rows.values())


def figure_rows(record: Record) -> list[dict[str, Any]]:
    return [
        {"record_id": record.id, "idx": i, "subject": f.subject, "value": f.value, "unit": f.unit,
         "raw": f.raw, "qualifier": f.qualifier, "year": f.year, "region": f.region, "sentence": f.sentence}
        for i, f in enumerate(record.figures or [])
    ]


STORED_TEXT = "stored_text"


def mark_as_stored(record: Record) -> Record:
    """Note that ``record`` holds the title and body of its stored version (it was just read from the records
    table): the index rows written with that version hold for it while those fields stay as read."""
    return record.attach_derived({STORED_TEXT: (input_key(record.title, record.text), True)})


def text_as_stored(record: Record) -> bool:
    """Whether the record still holds the title and body it was read with (``mark_as_stored``); a record that
    changed either, or was never read from the store, answers False."""
    return record.derived(STORED_TEXT, input_key(record.title, record.text), lambda: False)


def content_hash(record: Record, data: dict[str, Any] | None = None) -> str:
    """Hash of the record's content, leaving out when it was fetched: re-reading the same input is no change.

    ``data``: the record's ``to_dict()`` when the caller has it already (left unchanged)."""
    data = dict(record.to_dict() if data is None else data)
    data.pop("fetched_at", None)
    return sha256_hex(json.dumps(data, ensure_ascii=False, sort_keys=True))


# Tables whose statistics steer the plans of search, trends and dedupe lookups.
STATISTICS_TABLES = ("records", "record_tags", "figures", "search_docs", "dedupe_docs", "dedupe_bands", "story_terms")


class Store:
    """A zhiku database. Use ``open_store``; close it (or use ``with``) when done."""

    # Hooks other modules register to keep their own tables in step with records
    # (search index, dedupe index, trend rollup): called inside the write transaction.
    write_hooks: list = []
    # Called with the stored records about to be replaced, before their tag rows are deleted.
    before_write_hooks: list = []

    def __init__(self, engine: Engine):
        self.engine = engine
        self.dialect = engine.dialect.name
        self._writer_lock = WriterLock(engine)

    def writing(self) -> AbstractContextManager[None]:
        """Hold the database's writer lock (``store.writer_lock``): one zhiku writer at a time, across processes,
        from reading the dedupe index to committing the batch; re-entrant."""
        return self._writer_lock.hold()

    # --- lifecycle ------------------------------------------------------------------------
    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    def migrate(self) -> list[str]:
        """Bring the schema to the newest revision (every head); return the revisions now applied."""
        from alembic import command
        from alembic.config import Config
        from alembic.runtime.migration import MigrationContext

        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        try:
            with self.engine.begin() as conn:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "heads")
            with self.engine.connect() as conn:
                return sorted(MigrationContext.configure(conn).get_current_heads())
        except SQLAlchemyError as exc:
            raise StoreError(f"migration failed on {self.safe_url}: {exc.__class__.__name__}: {exc}") from exc

    @property
    def safe_url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    # --- writing ----------------------------------------------------------------------------
    def put_records(self, records: Sequence[Record]) -> PutResult:
        """Store records and their raw inputs in one transaction (retried when the file is busy)."""
        if not records:
            return PutResult()
        with self.writing():
            return self._retry(lambda conn: self._put(conn, records))

    def _retry(self, fn, attempts: int = 8):
        delay = 0.05
        for attempt in range(attempts):
            try:
                with self.engine.begin() as conn:
                    return fn(conn)
            except (OperationalError, IntegrityError) as exc:
                if _transient(exc) and attempt < attempts - 1:
                    logger.debug("write conflict on %s, retrying: %s", self.safe_url, exc.orig.__class__.__name__)
                    time.sleep(delay * random.uniform(0.5, 1.5))  # jitter: two writers do not retry in step
                    delay = min(delay * 2, 2.0)
                    continue
                if isinstance(exc, IntegrityError):
                    raise StoreError(f"{self.safe_url}: {exc.__class__.__name__}: {exc}") from exc
                raise StoreError(f"{self.safe_url}: {exc.orig or exc}") from exc
            except SQLAlchemyError as exc:
                raise StoreError(f"{self.safe_url}: {exc.__class__.__name__}: {exc}") from exc
        raise StoreError(f"{self.safe_url}: database stayed busy")

    def _put(self, conn: Connection, records: Sequence[Record]) -> PutResult:
        result = PutResult()
        now = _now()
        by_id: dict[str, Record] = {}
        for r in records:
            by_id[r.id] = r  # the last copy of an id in a batch wins
        ids = list(by_id)
        existing = dict(
            conn.execute(select(schema.records.c.id, schema.records.c.data_hash).where(schema.records.c.id.in_(ids)))
            .all()
        )
        shas = {r.raw.sha256: r for r in by_id.values() if r.raw_bytes is not None}
        have_raw = set(
            conn.execute(select(schema.raw_inputs.c.sha256).where(schema.raw_inputs.c.sha256.in_(list(shas)))).scalars()
        )
        raw_rows = [
            {"sha256": sha, "format": r.raw.format, "encoding": r.raw.encoding, "origin": r.raw.origin,
             "size": len(r.raw_bytes or b""), "content": r.raw_bytes, "first_seen": now}
            for sha, r in shas.items()
            if sha not in have_raw
        ]
        if raw_rows:
            insert_rows(conn, schema.raw_inputs, raw_rows)
        inserts: list[dict[str, Any]] = []
        changed: list[Record] = []
        for rid, r in by_id.items():
            fields = r.to_dict()
            data, data_hash = dumps(fields), content_hash(r, fields)
            row = {
                "id": rid, "url": r.url, "source": r.source, "title": r.title, "published_at": r.published_at,
                "fetched_at": r.fetched_at, "raw_sha256": r.raw.sha256, "status": r.status,
                "body_hash": sha256_hex(normalize_for_hash(r.text)),
                "canonical_id": r.duplicates.canonical if r.duplicates else None,
                "story_id": r.story, "data_hash": data_hash, "data": data, "updated_at": now,
            }
            if rid not in existing:
                inserts.append({**row, "created_at": now})
                result.new.append(rid)
                changed.append(r)
            elif existing[rid] != data_hash:
                conn.execute(update(schema.records).where(schema.records.c.id == rid).values(**row))
                result.updated.append(rid)
                changed.append(r)
            else:
                result.unchanged.append(rid)
        if inserts:
            insert_rows(conn, schema.records, inserts)
        if changed:
            replaced = [r for r in changed if r.id in existing]
            for hook in self.before_write_hooks:
                hook(self, conn, replaced)
            changed_ids = [r.id for r in changed]
            conn.execute(delete(schema.record_tags).where(schema.record_tags.c.record_id.in_(changed_ids)))
            conn.execute(delete(schema.figures).where(schema.figures.c.record_id.in_(changed_ids)))
            tags = [row for r in changed for row in tag_rows(r)]
            if tags:
                insert_rows(conn, schema.record_tags, tags)
            figs = [row for r in changed for row in figure_rows(r)]
            if figs:
                insert_rows(conn, schema.figures, figs)
            for hook in self.write_hooks:
                hook(self, conn, changed)
        return result

    def refresh_statistics(self) -> None:
        """Let the query planner see the tables as they are now (after a large ingest): ANALYZE of zhiku's
        tables on PostgreSQL (needed where autovacuum is off or has not run yet: without it a search scans
        every document), a sampled ANALYZE on SQLite."""
        with self.engine.begin() as conn:
            if self.dialect == "postgresql":
                present = set(inspect(conn).get_table_names())
                for name in STATISTICS_TABLES:
                    if name in present:
                        conn.exec_driver_sql(f"ANALYZE {conn.dialect.identifier_preparer.quote(name)}")
            else:  # sampled ANALYZE: bounded cost on a large file
                conn.exec_driver_sql("PRAGMA analysis_limit = 1000")
                conn.exec_driver_sql("ANALYZE")

    def put_raw(self, rows: Sequence[dict[str, Any]]) -> int:
        """Insert raw inputs (dicts of the raw_inputs columns) that are not stored yet; return how many."""
        if not rows:
            return 0

        def write(conn: Connection) -> int:
            shas = [r["sha256"] for r in rows]
            have = set(conn.execute(select(schema.raw_inputs.c.sha256)
                                    .where(schema.raw_inputs.c.sha256.in_(shas))).scalars())
            fresh = {r["sha256"]: r for r in rows if r["sha256"] not in have}
            if fresh:
                insert_rows(conn, schema.raw_inputs, list(fresh.values()))
            return len(fresh)

        return self._retry(write)

    def iter_raw(self, batch: int = 200) -> Iterator[dict[str, Any]]:
        """Every raw input as a dict of its columns, streamed by sha256."""
        last = ""
        while True:
            with self.engine.connect() as conn:
                rows = conn.execute(select(schema.raw_inputs).where(schema.raw_inputs.c.sha256 > last)
                                    .order_by(schema.raw_inputs.c.sha256).limit(batch)).all()
            if not rows:
                return
            for row in rows:
                d = dict(row._mapping)
                d["content"] = bytes(d["content"])
                yield d
            last = rows[-1][0]

    def log_run(self, command: str, started_at: str, stats: dict[str, Any]) -> None:
        with self.engine.begin() as conn:
            conn.execute(insert(schema.runs).values(command=command, started_at=started_at,
                                                   finished_at=_now(), stats=json.dumps(stats, ensure_ascii=False)))

    # --- reading ----------------------------------------------------------------------------
    def get(self, record_id: str) -> Record | None:
        """The record with this id, or with an id starting with it when that prefix is unique."""
        with self.engine.connect() as conn:
            row = conn.execute(select(schema.records.c.data).where(schema.records.c.id == record_id)).first()
            if row is None and len(record_id) >= 4:
                rows = conn.execute(
                    select(schema.records.c.data).where(schema.records.c.id.like(f"{record_id}%")).limit(2)
                ).all()
                row = rows[0] if len(rows) == 1 else None
        return Record.from_json(row[0]) if row else None

    def get_raw(self, sha256: str) -> bytes | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(schema.raw_inputs.c.content).where(schema.raw_inputs.c.sha256 == sha256)).first()
        return bytes(row[0]) if row else None

    def iter_records(self, *, canonical_only: bool = False, ids: Iterable[str] | None = None,
                     batch: int = 500) -> Iterator[Record]:
        """Every record (ordered by id), streamed in batches so memory stays flat."""
        last = ""
        wanted = list(ids) if ids is not None else None
        while True:
            q = select(schema.records.c.id, schema.records.c.data).where(schema.records.c.id > last)
            if canonical_only:
                c = schema.records.c
                q = q.where(c.canonical_id.is_(None) | (c.canonical_id == c.id))
            if wanted is not None:
                q = q.where(schema.records.c.id.in_(wanted))
            q = q.order_by(schema.records.c.id).limit(batch)
            with self.engine.connect() as conn:
                rows = conn.execute(q).all()
            if not rows:
                return
            for _rid, data in rows:
                yield Record.from_json(data)
            last = rows[-1][0]

    def list_summaries(self, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Newest first: id, title, source, published_at, url, status."""
        c = schema.records.c
        q = (select(c.id, c.title, c.source, c.published_at, c.url, c.status, c.created_at)
             .order_by(c.created_at.desc(), c.id).limit(limit).offset(offset))
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(q)]

    def count(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(schema.records)).scalar_one()

    def stats(self) -> dict[str, Any]:
        """Row counts per table and the schema revision."""
        out: dict[str, Any] = {"url": self.safe_url}
        with self.engine.connect() as conn:
            for name in ("records", "raw_inputs", "record_tags", "figures", "runs"):
                out[name] = conn.execute(select(func.count()).select_from(schema.metadata.tables[name])).scalar_one()
            from alembic.runtime.migration import MigrationContext

            out["revisions"] = sorted(MigrationContext.configure(conn).get_current_heads())
        return out


# PostgreSQL states a concurrent writer causes: serialization failure, deadlock, and a unique key that the other
# transaction inserted after this one looked (derived tables are replaced read-then-write).
_TRANSIENT_STATES = {"40001", "40P01", "23505"}


def _transient(exc: OperationalError | IntegrityError) -> bool:
    """Whether another writer caused ``exc``, so that running the transaction again succeeds."""
    text = str(exc.orig or exc).lower()
    if isinstance(exc, OperationalError) and ("locked" in text or "busy" in text):
        return True
    return getattr(exc.orig, "sqlstate", None) in _TRANSIENT_STATES


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def open_store(url: str, migrate: bool = True) -> Store:
    """Open (and by default migrate) the store at a SQLAlchemy URL or SQLite path."""
    from ..settings import normalize_db_url

    url = normalize_db_url(url)
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    try:
        if url.startswith("sqlite"):
            path = url.split(":///", 1)[1] if ":///" in url else ""
            if path and path != ":memory:" and not path.startswith("file:"):
                parent = Path(path).expanduser().resolve().parent
                if not parent.exists():
                    raise StoreError(f"{url}: folder {parent} does not exist")
            engine = create_engine(url, connect_args={"timeout": 30})
            event.listen(engine, "connect", _sqlite_pragmas)
        else:
            engine = create_engine(url, pool_pre_ping=True)
    except ImportError as exc:
        from ..errors import MissingExtra

        raise MissingExtra("postgres", "psycopg") from exc
    except SQLAlchemyError as exc:
        raise StoreError(f"{url}: {exc}") from exc
    from ..dedupe import index as _dedupe_index
    from ..use import rollup as _rollup  # noqa: F401 - registers the trend-rollup write hooks
    from ..use import search as _search  # noqa: F401 - registers the search-index write hook

    _dedupe_index.register()  # keeps the copies index in step with every write

    store = Store(engine)
    if migrate:
        store.migrate()
    return store
