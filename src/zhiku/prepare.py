"""What the store writer derives from each record, computed beside the pipeline on the workers.

Writing a record computes pure functions of its fields: the dedupe fingerprint of its body (shingles,
MinHash, LSH bands), its story terms, and its search-index tokens (or PostgreSQL tsvector). A store has one
writer, so with many workers (``zhiku process --engine local|dask --db``, ``zhiku reprocess``) that work caps
the whole run. ``prepare`` computes them on the worker through the same ``Record.derived`` calls the writer
makes; the values travel with the record's JSON (``engine.process_shard``) and are attached to the record
the writer parses (``engine.to_records``). Each value is held under a digest of exactly the inputs it was
computed from, so the writer uses it only for those inputs and recomputes otherwise.
"""

from __future__ import annotations

from typing import Any

from .record import Record

Derived = dict[str, tuple[bytes, Any]]


def prepare(record: Record, dialect: str = "sqlite") -> Derived | None:
    """Compute what a store of this ``dialect`` ("sqlite" or "postgresql") derives from ``record`` when writing
    it; return the values to send with it (None for a dropped record: only its row is written)."""
    from .dedupe.minhash import record_fingerprint
    from .dedupe.stories import terms
    from .use.query import record_tokens, record_tsvector

    if record.status != "ok":
        return None
    if record.text.strip():  # dedupe links only records with a body
        record_fingerprint(record)
        terms(record)
    if dialect == "postgresql":
        record_tsvector(record)
    else:
        record_tokens(record)
    return record.derived_values


def dialect_of(url: str) -> str:
    """The store dialect a database URL names ("postgresql" or "sqlite")."""
    return "postgresql" if url.split(":", 1)[0].split("+", 1)[0] in ("postgresql", "postgres") else "sqlite"
