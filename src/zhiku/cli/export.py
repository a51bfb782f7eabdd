"""zhiku export: every stored record as JSON Lines, CSV or seed cards."""

from __future__ import annotations

import sys
from contextlib import nullcontext
from pathlib import Path

import typer

from ..export.card import render_card
from ..export.dump import write_dump
from ..export.tabular import write_csv
from ..store import open_store
from . import app
from .common import DB_OPTION, console_err, settings_from


@app.command()
def export(
    db: str = DB_OPTION,
    fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl, csv, card, or dump (for zhiku import)."),
    out_path: Path = typer.Option(None, "--out", "-o", help="Output file [default: stdout]."),
    canonical_only: bool = typer.Option(False, "--canonical-only", help="Leave out copies of an article."),
) -> None:
    """Export stored records (copies of an article included unless --canonical-only).

    Example:
        zhiku export --format card --out cards.txt
    """
    if fmt not in ("jsonl", "csv", "card", "dump"):
        raise typer.BadParameter("use jsonl, csv, card or dump", param_hint="--format")
    target = out_path.open("w", encoding="utf-8", newline="") if out_path else nullcontext(sys.stdout)
    n = 0
    with open_store(settings_from(db).db_url) as store, target as fh:
        records = store.iter_records(canonical_only=canonical_only)
        if fmt == "dump":
            n = write_dump(store, fh)
        elif fmt == "csv":
            n = write_csv(records, fh)
        else:
            for i, r in enumerate(records):
                if fmt == "jsonl":
                    fh.write(r.to_json() + "\n")
                else:
                    fh.write(("\n\n" if i else "") + render_card(r) + "\n")
                n += 1
    console_err.print(f"exported {n} {'lines' if fmt == 'dump' else 'records'}")
