"""Shared helpers of the cleaning tests: the seeds as the collector reads them, cleaned by the stage."""

from __future__ import annotations

from functools import lru_cache

from tests.conftest import seed_path
from zhiku.clean.stage import CleanStage
from zhiku.collect.files import read_path
from zhiku.record import Record

FETCHED_AT = "2025-11-20T08:00:00+00:00"


@lru_cache(maxsize=8)
def raw_record(key: str) -> Record:
    (record,) = list(read_path(seed_path(key)))
    assert isinstance(record, Record)
    record.fetched_at = FETCHED_AT
    return record


@lru_cache(maxsize=8)
def cleaned(key: str) -> tuple[Record, ...]:
    out = CleanStage()(raw_record(key).copy_with())
    return tuple(out if isinstance(out, list) else [out])


def raw_body(key: str) -> str:
    """The text the stage cleans: for plain text files the collector's title line is part of it."""
    record = raw_record(key)
    if record.meta.get("title_from") == "first-line":
        return f"{record.title}\n{record.text}"
    return record.text
