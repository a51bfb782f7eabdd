"""Storage behind a small interface: SQLite by default, PostgreSQL by URL (SQLAlchemy Core + Alembic)."""

from .base import PutResult, Store, open_store

__all__ = ["PutResult", "Store", "open_store"]
