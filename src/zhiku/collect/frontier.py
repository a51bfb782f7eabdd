"""The crawl frontier, kept in the store: every URL seen, its state, validators and the record it became.

States: ``pending`` (found, not fetched yet), ``done`` (stored, or unchanged), ``failed`` (last attempt failed;
retried on later runs up to ``MAX_ATTEMPTS``), ``skipped`` (robots.txt or the source's patterns forbid it).
A URL is marked ``done`` only after its record is committed, and records are keyed by canonical URL, so a crawl
killed at any point resumes with no loss and no duplicate; one killed between the commit and the mark finds the
record on resuming (``Frontier.stored``) and does not fetch the page again.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Column, Integer, MetaData, String, Table, Text, func, insert, select, update

from ..store import Store
from ..store.schema import records

MAX_ATTEMPTS = 3

metadata = MetaData()
frontier = Table(
    "frontier", metadata,
    Column("url", Text, primary_key=True),
    Column("source", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("state", String(16), nullable=False),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("content_sha256", String(64)),
    Column("record_id", String(64)),
    Column("attempts", Integer, nullable=False, default=0),
    Column("error", Text),
    Column("discovered_at", String(40), nullable=False),
    Column("fetched_at", String(40)),
)
crawl_sources = Table(
    "crawl_sources", metadata,
    Column("name", Text, primary_key=True),
    Column("last_started", String(40)),
    Column("last_finished", String(40)),
)


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class Frontier:
    """URLs seen by the crawler, in the store's database (migration 0002_frontier)."""

    def __init__(self, store: Store):
        self.engine = store.engine

    def add(self, urls: Iterable[str], source: str, kind: str = "page") -> list[str]:
        """Record URLs as pending unless already known; return the ones that are new."""
        wanted = list(dict.fromkeys(urls))
        if not wanted:
            return []
        now = _now()
        with self.engine.begin() as conn:
            known: set[str] = set()
            for i in range(0, len(wanted), 500):
                chunk = wanted[i:i + 500]
                known |= set(conn.execute(select(frontier.c.url).where(frontier.c.url.in_(chunk))).scalars())
            new = [u for u in wanted if u not in known]
            if new:
                conn.execute(insert(frontier), [
                    {"url": u, "source": source, "kind": kind, "state": "pending", "attempts": 0,
                     "discovered_at": now} for u in new
                ])
        return new

    def get(self, url: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(frontier).where(frontier.c.url == url)).first()
        return dict(row._mapping) if row else None

    def stored(self, urls: Iterable[str]) -> dict[str, str]:
        """URL -> record id of the URLs whose record is in the store already (one per URL). A crawl killed between
        a page's commit and its ``done`` mark left it pending: its record says it was stored."""
        wanted = list(dict.fromkeys(urls))
        out: dict[str, str] = {}
        with self.engine.connect() as conn:
            for i in range(0, len(wanted), 500):
                chunk = wanted[i:i + 500]
                rows = conn.execute(select(records.c.url, func.min(records.c.id)).where(records.c.url.in_(chunk))
                                    .group_by(records.c.url))
                out.update({url: rid for url, rid in rows})
        return out

    def due(self, source: str, kind: str = "page", limit: int | None = None) -> list[str]:
        """URLs of a source still to fetch: pending, or failed fewer than MAX_ATTEMPTS times (oldest first)."""
        q = (select(frontier.c.url)
             .where(frontier.c.source == source, frontier.c.kind == kind)
             .where((frontier.c.state == "pending") |
                    ((frontier.c.state == "failed") & (frontier.c.attempts < MAX_ATTEMPTS)))
             .order_by(frontier.c.discovered_at, frontier.c.url))
        if limit:
            q = q.limit(limit)
        with self.engine.connect() as conn:
            return list(conn.execute(q).scalars())

    def mark(self, url: str, state: str, *, source: str = "", kind: str = "page", error: str | None = None,
             permanent: bool = False, **fields: Any) -> None:
        """Set a URL's state (adding it when unknown); a failure counts an attempt, a permanent one all of them."""
        now = _now()
        values: dict[str, Any] = {"state": state, "error": error, **fields}
        if state != "skipped":
            values["fetched_at"] = now
        with self.engine.begin() as conn:
            row = conn.execute(select(frontier.c.attempts).where(frontier.c.url == url)).first()
            failures = MAX_ATTEMPTS if permanent else (row[0] + 1 if row else 1)
            if row is None:
                conn.execute(insert(frontier).values(url=url, source=source or "", kind=kind, discovered_at=now,
                                                     attempts=failures if state == "failed" else 0, **values))
                return
            if state == "failed":
                values["attempts"] = failures
            elif state == "done":
                values["attempts"] = 0
            conn.execute(update(frontier).where(frontier.c.url == url).values(**values))

    def counts(self, source: str | None = None) -> dict[str, int]:
        q = select(frontier.c.state, func.count()).group_by(frontier.c.state)
        if source:
            q = q.where(frontier.c.source == source)
        with self.engine.connect() as conn:
            return {state: n for state, n in conn.execute(q)}

    def failures(self, source: str | None = None) -> list[tuple[str, str]]:
        q = select(frontier.c.url, frontier.c.error).where(frontier.c.state == "failed").order_by(frontier.c.url)
        if source:
            q = q.where(frontier.c.source == source)
        with self.engine.connect() as conn:
            return [(u, e or "") for u, e in conn.execute(q)]

    # --- sources ---------------------------------------------------------------------------------------------
    def source_started(self, name: str) -> None:
        self._source(name, last_started=_now())

    def source_finished(self, name: str) -> None:
        self._source(name, last_finished=_now())

    def last_finished(self, name: str) -> str | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(crawl_sources.c.last_finished).where(crawl_sources.c.name == name)).first()
        return row[0] if row else None

    def _source(self, name: str, **values: str) -> None:
        with self.engine.begin() as conn:
            found = conn.execute(select(crawl_sources.c.name).where(crawl_sources.c.name == name)).first()
            if found:
                conn.execute(update(crawl_sources).where(crawl_sources.c.name == name).values(**values))
            else:
                conn.execute(insert(crawl_sources).values(name=name, **values))
