"""Reprocessing: when a stage's version changes, recompute only the records it affects, from raw inputs."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field

from sqlalchemy import text

from .engine import Shard, run_shards, to_records
from .errors import ConfigError, InputError
from .pipeline import Pipeline
from .settings import Settings
from .store import Store

logger = logging.getLogger(__name__)


def _version_key(version: str) -> tuple:
    parts = []
    for piece in version.replace("-", ".").split("."):
        parts.append((0, int(piece), "") if piece.isdigit() else (1, 0, piece))
    return tuple(parts)


def parse_since(specs: list[str]) -> dict[str, str]:
    """``["tag=2", "keywords=1.1"]`` → {"tag": "2", "keywords": "1.1"}."""
    out = {}
    for spec in specs:
        name, sep, version = spec.partition("=")
        if not sep or not name or not version:
            raise ConfigError(f"--since-version {spec!r}: expected STAGE=VERSION")
        out[name.strip()] = version.strip()
    return out


def is_stale(versions: dict[str, str], current: dict[str, str], since: dict[str, str] | None = None) -> bool:
    """Stale when a stage ran at an older version than ``since`` asks, or (no ``since``) at any other version."""
    if since:
        return any(
            name not in versions or _version_key(versions[name]) < _version_key(min_version)
            for name, min_version in since.items()
        )
    return any(versions.get(name) != version for name, version in current.items())


@dataclass
class ReprocessPlan:
    raw_shas: list[str] = field(default_factory=list)
    origins: dict[str, tuple[str | None, int | None]] = field(default_factory=dict)  # sha -> (origin, line)
    records: int = 0
    stale: int = 0


def plan(store: Store, pipeline: Pipeline, since: dict[str, str] | None = None, batch: int = 5000) -> ReprocessPlan:
    """Which raw inputs need another run: those with at least one stale record.

    Reads only each record's stage versions and raw origin, extracted by the database from the stored JSON
    (``json_extract`` on SQLite, ``->`` on PostgreSQL), in keyset-paged batches: no record is decoded here.
    """
    current = {s.name: s.version for s in pipeline.stages}
    unknown = set(since or {}) - set(current)
    if unknown:
        raise ConfigError(f"--since-version names stages not in the pipeline: {', '.join(sorted(unknown))}")
    result = ReprocessPlan()
    seen: set[str] = set()
    for sha, versions, origin, line in _version_rows(store, batch):
        result.records += 1
        if is_stale(json.loads(versions) if versions else {}, current, since):
            result.stale += 1
            if sha not in seen:
                seen.add(sha)
                result.raw_shas.append(sha)
                result.origins[sha] = (origin, int(line) if line is not None else None)
    return result


_VERSION_COLUMNS = {
    "sqlite": "json_extract(data, '$.versions'), json_extract(data, '$.raw.origin'), json_extract(data, '$.raw.line')",
    "postgresql": "data::json ->> 'versions', data::json -> 'raw' ->> 'origin', data::json -> 'raw' ->> 'line'",
}


def _version_rows(store: Store, batch: int) -> Iterator[tuple[str, str | None, str | None, str | int | None]]:
    """(raw sha256, versions as JSON text, raw origin, raw line) of every record, ordered by id."""
    columns = _VERSION_COLUMNS.get(store.dialect)
    if columns is None:  # another database: decode the records
        for rec in store.iter_records():
            yield rec.raw.sha256, json.dumps(rec.versions), rec.raw.origin, rec.raw.line
        return
    query = f"SELECT id, raw_sha256, {columns} FROM records WHERE id > :last ORDER BY id LIMIT {int(batch)}"
    last = ""
    while True:
        with store.engine.connect() as conn:
            rows = conn.execute(text(query), {"last": last}).all()
        if not rows:
            return
        for row in rows:
            yield row[1], row[2], row[3], row[4]
        last = rows[-1][0]


def raw_shards(store: Store, shas: list[str], shard_size: int = 50) -> Iterator[Shard]:
    """Shards of stored raw inputs, read back exactly as first ingested."""
    from sqlalchemy import select

    from .store import schema

    r = schema.records.c
    for i in range(0, len(shas), shard_size):
        chunk = shas[i : i + shard_size]
        with store.engine.connect() as conn:
            raws = dict(
                conn.execute(select(schema.raw_inputs.c.sha256, schema.raw_inputs.c.content)
                             .where(schema.raw_inputs.c.sha256.in_(chunk))).all()
            )
            meta = {}
            for sha, origin_url, fetched_at in conn.execute(
                select(r.raw_sha256, r.url, r.fetched_at).where(r.raw_sha256.in_(chunk))
            ):
                meta.setdefault(sha, (origin_url, fetched_at))
        payload = []
        for sha in chunk:
            if sha not in raws:
                logger.warning("raw input %s is missing; its records cannot be reprocessed", sha)
                continue
            url, fetched_at = meta.get(sha, (None, None))
            payload.append((f"raw:{sha[:12]}", bytes(raws[sha]), fetched_at, url))
        yield Shard("raw", "store", tuple(payload))


def reprocess(store: Store, settings: Settings, since: dict[str, str] | None = None, engine: str = "serial",
              workers: int | None = None, scheduler: str | None = None):
    """Recompute stale records from their raw inputs and store them; returns (plan, ingest report)."""
    from .api import store_items

    pipeline = Pipeline.from_settings(settings)
    todo = plan(store, pipeline, since)
    results = run_shards(raw_shards(store, todo.raw_shas), settings, engine, workers, scheduler, store.dialect)
    report = store_items(store, _restore_origin(to_records(results), todo.origins), settings.batch_size)
    return todo, report


def _restore_origin(items, origins: dict[str, tuple[str | None, int | None]]):
    """A record rebuilt from stored bytes keeps the path/URL and line it was first read from."""
    for item in items:
        if not isinstance(item, InputError) and item.raw.sha256 in origins:
            item.raw.origin, item.raw.line = origins[item.raw.sha256]
        yield item
