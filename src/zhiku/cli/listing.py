"""zhiku list: the stored records, newest first."""

from __future__ import annotations

import json

import typer
from rich.table import Table

from ..store import open_store
from . import app
from .common import DB_OPTION, console, out, settings_from


@app.command("list")
def list_records(
    db: str = DB_OPTION,
    limit: int = typer.Option(50, help="How many records."),
    offset: int = typer.Option(0, help="Skip this many first."),
    fmt: str = typer.Option("table", "--format", "-f", help="table or json."),
) -> None:
    """List stored records (id, title, source, date).

    Example:
        zhiku list --format json --limit 10
    """
    with open_store(settings_from(db).db_url) as store:
        rows = store.list_summaries(limit=limit, offset=offset)
    if fmt == "json":
        out(json.dumps(rows, ensure_ascii=False))
        return
    if fmt != "table":
        raise typer.BadParameter("use table or json", param_hint="--format")
    table = Table("id", "标题", "来源", "日期", "状态")
    for r in rows:
        table.add_row(r["id"][:12], r["title"] or "", r["source"] or "", r["published_at"] or "", r["status"])
    console.print(table)
