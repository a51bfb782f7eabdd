"""zhiku reprocess: recompute records whose stage versions changed, from the stored raw inputs."""

from __future__ import annotations

import json

import typer

from ..engine import ENGINES
from ..reprocess import parse_since, reprocess
from ..store import open_store
from . import app
from .common import DB_OPTION, out, settings_from


@app.command("reprocess")
def reprocess_cmd(
    db: str = DB_OPTION,
    since_version: list[str] = typer.Option(None, "--since-version", help="STAGE=VERSION: redo records older."),
    engine: str = typer.Option("serial", help=f"Where to run: {', '.join(ENGINES)}."),
    workers: int = typer.Option(None, help="Worker processes."),
    scheduler: str = typer.Option(None, help="Dask scheduler address."),
) -> None:
    """Recompute stale records from raw inputs (all stages whose version changed, or those named).

    Example:
        zhiku reprocess --since-version tag=2 --engine local --workers 4
    """
    settings = settings_from(db)
    with open_store(settings.db_url) as store:
        todo, report = reprocess(store, settings, parse_since(since_version or []), engine, workers, scheduler)
    out(json.dumps({"records": todo.records, "stale": todo.stale, "raw_inputs": len(todo.raw_shas),
                    **report.as_dict()}, ensure_ascii=False))
    if report.refused:
        raise typer.Exit(1)
