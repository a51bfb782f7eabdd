"""zhiku demo: load the bundled sample corpus into a fresh database and print its cards."""

from __future__ import annotations

import typer

from .. import api
from ..export.card import render_card
from . import app
from .common import console_err, out


@app.command()
def demo(
    db: str = typer.Option("zhiku-demo.db", "--db", help="Database file to (re)create for the demo."),
) -> None:
    """Load the five sample articles into a fresh database and print each as a seed card.

    Example:
        zhiku demo --db demo.db
    """
    report, records = api.demo(db)
    for i, record in enumerate(records):
        out(("\n" if i else "") + f"# {record.id}\n" + render_card(record))
    summary = report.as_dict()
    console_err.print(f"\ndemo database {db}: {summary['new']} new records from {summary['inputs']} inputs, "
                      f"{len(summary['refused'])} refused")
    if report.refused:
        raise typer.Exit(1)
