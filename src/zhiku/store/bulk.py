"""Bulk inserts through each database's fast path: COPY on PostgreSQL (psycopg), the driver's executemany on
SQLite (SQLAlchemy's own executemany processes every row's parameters: ~0.6 ms a stored record, whose rows
number ~170 with the dedupe, story and tag rows), SQLAlchemy's executemany elsewhere.

Rows are dicts of plain column values (str, int, float, bytes, None); every row of one call must carry the same
keys. Columns left out
take their server defaults on both paths (no Python-side defaults are used by the tables written here).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import TableClause, insert
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

COPY_MIN_ROWS = 20  # below this a plain executemany costs less than opening a COPY
CHUNK = 500  # ids per IN list / rows per statement on the paths that split their work


def chunks(items: Sequence, size: int = CHUNK) -> Iterator[Sequence]:
    """``items`` in consecutive slices of at most ``size``."""
    for i in range(0, len(items), size):
        yield items[i:i + size]


def insert_rows(conn: Connection, table: TableClause, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` into ``table`` within the connection's transaction."""
    if rows:
        columns = list(rows[0])
        insert_tuples(conn, table, columns, [tuple(row[c] for c in columns) for row in rows])


def insert_tuples(conn: Connection, table: TableClause, columns: Sequence[str], rows: Sequence[tuple]) -> None:
    """Insert ``rows`` (tuples of the ``columns``' values, in that order) into ``table``: for the row sets of
    tens of thousands a batch, which need no dict per row."""
    if not rows:
        return
    prep = conn.dialect.identifier_preparer
    target = f"{prep.format_table(table)} ({', '.join(prep.quote(c) for c in columns)})"
    if conn.dialect.name == "sqlite":  # the driver's executemany on tuples: no per-row parameter processing
        conn.exec_driver_sql(f"INSERT INTO {target} VALUES ({', '.join('?' * len(columns))})", list(rows))
        return
    if len(rows) < COPY_MIN_ROWS or conn.dialect.name != "postgresql" or conn.dialect.driver != "psycopg":
        conn.execute(insert(table), [dict(zip(columns, row, strict=True)) for row in rows])
        return
    sql = f"COPY {target} FROM STDIN"
    dbapi = conn.dialect.loaded_dbapi
    try:
        with conn.connection.driver_connection.cursor() as cur, cur.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)
    except dbapi.Error as exc:  # the same exception classes (IntegrityError, OperationalError) as conn.execute
        raise DBAPIError.instance(sql, None, exc, dbapi.Error) from exc


def driver_one_of(conn: Connection, column: str, values: Sequence[Any]) -> tuple[str, tuple]:
    """``column IN (…)`` (``column = ANY(%s)`` on PostgreSQL) as SQL text for ``exec_driver_sql``, with its
    parameters. For the small queries made once per stored record: building, keying and compiling the same
    statement through the expression layer cost ~0.35 ms a record, twice the query's own time on SQLite. On
    PostgreSQL one statement text serves any number of values, which psycopg prepares once (an IN list of a
    new length is a new statement to parse and plan)."""
    if conn.dialect.name == "postgresql":
        return f"{column} = ANY(%s)", (list(values),)
    return f"{column} IN ({', '.join([placeholder(conn)] * len(values))})", tuple(values)


def placeholder(conn: Connection) -> str:
    """The driver's positional parameter marker ("?" for sqlite3, "%s" for psycopg)."""
    return "?" if conn.dialect.paramstyle == "qmark" else "%s"
