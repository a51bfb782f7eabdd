"""zhiku ingest: files, folders or stdin into the store."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from .. import api
from ..store import open_store
from . import app
from .common import CONFIG_OPTION, DB_OPTION, console_err, out, progress, settings_from


@app.command()
def ingest(
    paths: list[str] = typer.Argument(..., help="Files or folders (recursive); '-' reads stdin."),
    db: str = DB_OPTION,
    config: Path = CONFIG_OPTION,
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
) -> None:
    """Read articles, clean and analyze them, and store the records.

    Exit code 0 when every input landed, 1 when some were refused (the rest still landed).

    Example:
        zhiku ingest articles/ page.html feed.jsonl
    """
    settings = settings_from(db, config)
    with open_store(settings.db_url) as store, progress(None, "ingest") as bar:
        task = bar.add_task("ingest", total=None)
        report = api.ingest(paths, store, settings, on_item=lambda _item: bar.advance(task))
    summary = report.as_dict()
    if as_json:
        out(json.dumps(summary, ensure_ascii=False))
    else:
        console_err.print(
            f"inputs {summary['inputs']}: new {summary['new']}, updated {summary['updated']}, "
            f"unchanged {summary['unchanged']}, dropped {len(summary['dropped'])}, refused {len(summary['refused'])}"
        )
        for item in report.refused:
            console_err.print(f"  refused {item[0]}: {item[1]}")
        for rid, reason in report.dropped:
            console_err.print(f"  dropped {rid}: {reason}")
    if report.refused:
        raise typer.Exit(1)
