"""zhiku ingest: files, folders or stdin into the store."""

from __future__ import annotations

import json
import os
from pathlib import Path

import typer

from .. import api
from ..store import open_store
from . import app
from .common import CONFIG_OPTION, DB_OPTION, console_err, out, progress, settings_from


@app.command()
def ingest(
    paths: list[str] = typer.Argument(..., help="Files, folders, '-' (stdin) or http(s) URLs."),
    db: str = DB_OPTION,
    config: Path = CONFIG_OPTION,
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
    workers: int = typer.Option(1, "--workers", "-w", min=0,
                                help="Worker processes for files and folders (0: one per core); this process "
                                     "writes the store. 1: everything in this process."),
) -> None:
    """Read articles, clean and analyze them, and store the records.

    Exit code 0 when every input landed, 1 when some were refused (the rest still landed).

    Example:
        zhiku ingest articles/ page.html feed.jsonl https://example.com/news/1.html
        zhiku ingest corpus/ --workers 0      # one worker process per core; this one writes the store
    """
    settings = settings_from(db, config)
    urls = [p for p in paths if p.lower().startswith(("http://", "https://"))]
    if urls:
        from .crawl import print_crawl_summary

        with open_store(settings.db_url) as store:
            fetched = api.ingest_urls(urls, store, settings)
        print_crawl_summary(fetched, as_json)
        paths = [p for p in paths if p not in urls]
        if not paths:
            if fetched.failed:
                raise typer.Exit(1)
            return
    with open_store(settings.db_url) as store, progress(None, "ingest") as bar:
        task = bar.add_task("ingest", total=None)
        report = api.ingest(paths, store, settings, on_item=lambda _item: bar.advance(task),
                            workers=workers or os.cpu_count() or 1)
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
