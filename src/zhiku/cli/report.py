"""zhiku report: a briefing for a period as a self-contained HTML, Markdown or PDF file."""

from __future__ import annotations

from pathlib import Path

import typer

from ..store import open_store
from ..use.briefing import report as build_report
from . import app
from .common import DB_OPTION, console_err, settings_from


@app.command("report")
def report(
    since: str = typer.Option(..., "--from", help="First day (YYYY-MM-DD)."),
    until: str = typer.Option(..., "--to", help="Last day (YYYY-MM-DD)."),
    output: Path = typer.Option(Path("brief.html"), "--out", "-o", help="File to write: .html, .md or .pdf."),
    top: int = typer.Option(10, "--top", help="How many top stories."),
    region: list[str] = typer.Option(None, "--region", help="Only records about this region."),
    db: str = DB_OPTION,
) -> None:
    """Write a briefing: top stories with outlets, summaries and events, key figures and charts.

    Example:
        zhiku report --from 2024-03-01 --to 2024-03-31 --out brief.html
    """
    with open_store(settings_from(db).db_url) as store:
        path = build_report(store, since, until, output, top=top, region=region)
    console_err.print(f"wrote {path}", highlight=False)
