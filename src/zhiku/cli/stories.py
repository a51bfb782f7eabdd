"""zhiku stories: multi-outlet stories, newest first; zhiku dedupe rebuild: re-assign copies and stories."""

from __future__ import annotations

import json

import typer
from rich.table import Table

from .. import api
from ..store import open_store
from . import app
from .common import DB_OPTION, console, out, settings_from

dedupe_app = typer.Typer(help="Copies and stories index.", no_args_is_help=True)
app.add_typer(dedupe_app, name="dedupe")


@app.command()
def stories(
    db: str = DB_OPTION,
    since: str = typer.Option(None, "--since", help="Only stories with an article on or after this date (YYYY-MM-DD)."),
    min_articles: int = typer.Option(2, "--min-articles", help="Only stories with at least this many articles."),
    limit: int = typer.Option(50, help="How many stories."),
    fmt: str = typer.Option("table", "--format", "-f", help="table or json."),
) -> None:
    """List stories: articles from several outlets about one event.

    Example:
        zhiku stories --since 2024-03-01 --format json
    """
    with open_store(settings_from(db).db_url) as store:
        items = api.story_list(store, since=since, min_articles=min_articles, limit=limit)["items"]
    if fmt == "json":
        for item in items:
            out(json.dumps(item, ensure_ascii=False))
        return
    if fmt != "table":
        raise typer.BadParameter("use table or json", param_hint="--format")
    table = Table("id", "标题", "篇数", "首发", "最新", "媒体")
    for s in items:
        table.add_row(s["id"][:12], s["title"] or "", str(s["articles"]), s["first_date"] or "", s["last_date"] or "",
                      "、".join(s["outlets"]))
    console.print(table)


@dedupe_app.command("rebuild")
def rebuild(
    db: str = DB_OPTION,
    batch_size: int = typer.Option(200, "--batch-size", help="Records per transaction."),
) -> None:
    """Rebuild the copies index, clusters and stories from the stored records (after changing thresholds).

    Example:
        zhiku dedupe rebuild --db zhiku.db
    """
    with open_store(settings_from(db).db_url) as store:
        stats = api.rebuild_duplicates(store, batch_size)
    out(json.dumps(stats, ensure_ascii=False))
