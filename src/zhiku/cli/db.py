"""zhiku db: schema migrations and statistics."""

from __future__ import annotations

import json

import typer

from .. import api
from ..store import open_store
from . import app
from .common import DB_OPTION, out, settings_from

db_app = typer.Typer(help="Database maintenance: migrate, stats, check, rebuild.", no_args_is_help=True)
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


@db_app.command("check")
def check(db: str = DB_OPTION) -> None:
    """Compare the kept trend counts (rollup tables) with a fresh recount; exit 1 when any row differs.

    Nothing is changed; `zhiku db rebuild` recomputes the tables.

    Example:
        zhiku db check --db postgresql://localhost/zhiku
    """
    with open_store(settings_from(db).db_url) as store:
        report = api.check_rollup(store)
    out(json.dumps(report, ensure_ascii=False, indent=2))
    if any(t["differing"] for t in report.values()):
        raise typer.Exit(1)


@db_app.command("rebuild")
def rebuild(db: str = DB_OPTION) -> None:
    """Recompute the kept trend counts (rollup tables) from the search index and the tag rows.

    Example:
        zhiku db rebuild
    """
    with open_store(settings_from(db).db_url) as store:
        out(json.dumps(api.rebuild_rollup(store), ensure_ascii=False))
