"""Shared fixtures: the seeds, a fresh store per test (SQLite, and PostgreSQL when reachable)."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

from zhiku.store import open_store

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "src" / "zhiku" / "data" / "sample"
SHARED = ROOT.parent / "shared"
EVAL_DEV = SHARED / "eval-dev"

SEED_FILES = {
    "000": "000_d00c9e7fcb0ba4b0.txt",
    "001": "001_b09a97c819d41823.txt",
    "002": "002_4f5da3572a7cc08b.txt",
    "003": "003_5feb37f4a6dc81fe.txt",
    "004": "004_b4f0360d4d71538e.txt",
}

PG_URL = os.environ.get("ZHIKU_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def seed_path(key: str) -> Path:
    return SAMPLE / SEED_FILES[key]


def seed_text(key: str) -> str:
    return seed_path(key).read_text(encoding="utf-8")


@pytest.fixture
def seeds() -> dict[str, Path]:
    return {k: seed_path(k) for k in SEED_FILES}


def _pg_available() -> str | None:
    """None when PostgreSQL answers, else the reason it is skipped."""
    if os.environ.get("ZHIKU_TEST_PG") == "0":
        return "ZHIKU_TEST_PG=0"
    try:
        import psycopg
    except ImportError:
        return "psycopg not installed (pip install 'zhiku[postgres]')"
    try:
        dsn = PG_URL.replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(dsn, connect_timeout=3):
            return None
    except Exception as exc:  # noqa: BLE001 - any failure means "not reachable"
        return f"PostgreSQL not reachable at {PG_URL}: {exc.__class__.__name__}"


_PG_SKIP = _pg_available()


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request, tmp_path):
    """A URL of an empty database: a SQLite file, or a fresh schema in PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'zhiku.db'}"
        return
    if _PG_SKIP:
        pytest.skip(_PG_SKIP)
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    dsn = PG_URL.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    sep = "&" if "?" in PG_URL else "?"
    yield f"{PG_URL}{sep}options=-csearch_path%3D{schema}"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture
def store(store_url):
    s = open_store(store_url)
    yield s
    s.close()


def store_at_revision(url: str, revision: str):
    """A store whose schema stops at an older migration ``revision`` (to test what a later migration does)."""
    from alembic import command
    from alembic.config import Config

    from zhiku.store.base import MIGRATIONS

    old = open_store(url, migrate=False)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with old.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    return old
