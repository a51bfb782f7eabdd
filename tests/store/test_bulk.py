"""store.bulk.insert_rows: COPY on PostgreSQL, executemany on SQLite — same rows, same errors."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from zhiku.store import open_store, schema
from zhiku.store.bulk import COPY_MIN_ROWS, driver_one_of, insert_rows, insert_tuples, placeholder


def _rows(n: int, start: int = 0) -> list[dict]:
    return [{"record_id": f"r{i:04d}", "kind": "keyword", "key": f"大模型{i}", "label": "含'引号\\与\t制表",
             "score": i / 7} for i in range(start, start + n)]


def test_bulk_insert_roundtrips_text_and_floats(store_url):
    rows = _rows(COPY_MIN_ROWS * 3)  # enough rows for the COPY path on PostgreSQL
    with open_store(store_url) as store:
        with store.engine.begin() as conn:
            insert_rows(conn, schema.record_tags, rows)
        with store.engine.connect() as conn:
            got = [dict(r._mapping) for r in conn.execute(select(schema.record_tags)
                                                          .order_by(schema.record_tags.c.record_id))]
    assert got == rows


def test_bulk_insert_duplicate_key_is_an_integrity_error_and_lands_nothing(store_url):
    with open_store(store_url) as store:
        with store.engine.begin() as conn:
            insert_rows(conn, schema.record_tags, _rows(5))
        dup = _rows(COPY_MIN_ROWS * 2, start=3)  # overlaps r0003, r0004
        with pytest.raises(IntegrityError), store.engine.begin() as conn:
            insert_rows(conn, schema.record_tags, dup)
        with store.engine.connect() as conn:
            count = len(conn.execute(select(schema.record_tags.c.record_id)).all())
    assert count == 5


def test_bulk_insert_roundtrips_bytes_integers_and_nulls(store_url):
    rows = [{"sha256": f"{i:064x}", "format": "html", "encoding": None if i % 2 else "gb18030",
             "origin": f"来源/{i}.html", "size": i * 3, "content": bytes([i % 256, 0, 255]) * i,
             "first_seen": "2026-12-06T00:00:00Z"} for i in range(COPY_MIN_ROWS + 5)]
    with open_store(store_url) as store:
        with store.engine.begin() as conn:
            insert_rows(conn, schema.raw_inputs, rows)
        with store.engine.connect() as conn:
            got = [dict(r._mapping) for r in conn.execute(select(schema.raw_inputs).order_by(schema.raw_inputs.c.sha256))]
    assert [{**g, "content": bytes(g["content"])} for g in got] == rows


def test_driver_one_of_matches_the_listed_values_only(store_url):
    """The driver-SQL membership test finds exactly the listed keys (quotes, Chinese, one or many values) on both
    backends, with the same text for any number of values on PostgreSQL."""
    rows = _rows(12)
    rows[3]["key"] = "含'引号"
    with open_store(store_url) as store:
        with store.engine.begin() as conn:
            insert_rows(conn, schema.record_tags, rows)
        with store.engine.connect() as conn:
            for wanted in (["含'引号"], ["大模型1", "大模型10", "大模型99", "含'引号"], [r["key"] for r in rows]):
                where, params = driver_one_of(conn, "key", wanted)
                mark = placeholder(conn)
                got = conn.exec_driver_sql(f"SELECT key FROM record_tags WHERE {where} AND kind = {mark} ORDER BY key",
                                           (*params, "keyword")).scalars().all()
                assert got == sorted(k for k in wanted if k in {r["key"] for r in rows})
                if store.dialect == "postgresql":
                    assert where == "key = ANY(%s)"


def test_insert_tuples_takes_columns_in_any_order(store_url):
    """Rows as tuples in the order of the named columns, on COPY (PostgreSQL) and the small-batch path alike."""
    rows = _rows(COPY_MIN_ROWS * 2 + 3)
    columns = ("score", "label", "key", "kind", "record_id")  # not the table's order
    with open_store(store_url) as store:
        with store.engine.begin() as conn:
            insert_tuples(conn, schema.record_tags, columns, [tuple(r[c] for c in columns) for r in rows[:3]])
            insert_tuples(conn, schema.record_tags, columns, [tuple(r[c] for c in columns) for r in rows[3:]])
            insert_tuples(conn, schema.record_tags, columns, [])
        with store.engine.connect() as conn:
            got = [dict(r._mapping) for r in conn.execute(select(schema.record_tags)
                                                          .order_by(schema.record_tags.c.record_id))]
    assert got == rows
