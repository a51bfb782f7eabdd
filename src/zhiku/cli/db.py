"""zhiku db: schema migrations and statistics."""

from __future__ import annotations

import json

import typer

from ..store import open_store
from . import app
from .common import DB_OPTION, out, settings_from

db_app = typer.Typer(help="Database maintenance: migrate, stats.", no_args_is_help=True)
app.add_typer(db_app, name="db")


@db_app.command("migrate")
def migrate(db: str = DB_OPTION) -> None:
    """Bring the database schema to the newest revision.

    Example:
        zhiku db migrate --db postgresql://localhost/zhiku
    """
    with open_store(settings_from(db).db_url, migrate=False) as store:
        out(json.dumps({"revisions": store.migrate()}))


@db_app.command("stats")
def stats(db: str = DB_OPTION) -> None:
    """Row counts per table and the schema revision.

    Example:
        zhiku db stats
    """
    with open_store(settings_from(db).db_url) as store:
        out(json.dumps(store.stats(), ensure_ascii=False, indent=2))
