"""One writer at a time per database, across processes: the lock a writer holds from reading the dedupe index to
committing what it decided.

A batch's copies and stories are decided from what the store holds, then written; a second writer that wrote
in between would be missed (each writer made its copy of an article the canonical one: two clusters) and a
story's term rows written from a stale reading (rows twice). PostgreSQL: a session advisory lock on a
connection of its own, keyed by the schema (a crashed writer's lock goes with its session). SQLite: an
exclusive ``flock`` on ``<database>.lock`` beside the file (released when the process ends); an in-memory
database has one process. Re-entrant within a process, so a writer's nested steps take it once.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Engine

from ..errors import StoreError

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: SQLite writers are serialized by SQLite alone
    fcntl = None  # type: ignore[assignment]

logger = logging.getLogger(__name__)

LOCK_CLASS = 0x7A686B  # "zhk": the first key of zhiku's advisory locks; the second is the schema's hash


class WriterLock:
    """The database's writer lock (see the module docstring); ``hold()`` is a re-entrant context manager."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self._local = threading.RLock()  # threads of one process, and the depth below
        self._depth = 0
        self._release: Any = None

    def path(self) -> Path | None:
        """The lock file of a SQLite database file (None for PostgreSQL or an in-memory database)."""
        if self.engine.dialect.name != "sqlite":
            return None
        database = self.engine.url.database or ""
        if database.startswith("file:"):  # a URI: file:PATH?mode=...
            database, _, query = database.removeprefix("file:").partition("?")
            if "mode=ro" in query or "mode=memory" in query:
                return None  # read-only (every write fails) or in memory (one process)
        if not database or database == ":memory:":
            return None
        path = Path(database).expanduser().resolve()
        return path.with_name(path.name + ".lock")

    @contextmanager
    def hold(self) -> Iterator[None]:
        with self._local:
            if self._depth == 0:
                self._release = self._acquire()
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
                if self._depth == 0:
                    release, self._release = self._release, None
                    release()

    def _acquire(self) -> Any:
        if self.engine.dialect.name == "postgresql":
            return self._advisory()
        path = self.path()
        if path is None or fcntl is None:
            return lambda: None
        try:
            handle = path.open("a+b")
        except OSError as exc:
            raise StoreError(f"{path}: cannot take the writer lock: {exc.strerror or exc}") from exc
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            logger.debug("waiting for the writer lock %s", path)
            fcntl.flock(handle, fcntl.LOCK_EX)

        def release() -> None:
            fcntl.flock(handle, fcntl.LOCK_UN)
            handle.close()

        return release

    def _advisory(self) -> Any:
        conn = self.engine.connect()
        key = {"cls": LOCK_CLASS}
        try:
            conn.execute(text("SELECT pg_advisory_lock(:cls, hashtext(current_schema()))"), key)
            conn.commit()  # the lock belongs to the session, not to this transaction
        except BaseException:
            conn.close()
            raise

        def release() -> None:
            try:
                conn.execute(text("SELECT pg_advisory_unlock(:cls, hashtext(current_schema()))"), key)
                conn.commit()
            except BaseException:
                conn.invalidate()  # never back to the pool still holding the lock: its session ends here
                raise
            finally:
                conn.close()

        return release
