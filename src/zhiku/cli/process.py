"""zhiku process: articles in, full records out (JSON Lines on stdout, Parquet, or a store)."""

from __future__ import annotations

from pathlib import Path

import typer

from .. import api
from ..engine import ENGINES, process_paths, write_parquet
from ..errors import InputError
from ..prepare import dialect_of
from . import app
from .common import CONFIG_OPTION, console_err, out, settings_from


@app.command()
def process(
    paths: list[str] = typer.Argument(None, help="Files or folders; none or '-' reads stdin."),
    config: Path = CONFIG_OPTION,
    engine: str = typer.Option("serial", help=f"Where to run: {', '.join(ENGINES)}."),
    workers: int = typer.Option(None, help="Worker processes (local engine, or a LocalCluster for dask)."),
    scheduler: str = typer.Option(None, help="Dask scheduler address (tcp://host:8786); none starts a LocalCluster."),
    shard_size: int = typer.Option(500, help="JSON Lines / Parquet rows per shard."),
    out_path: Path = typer.Option(None, "--out", "-o", help="Write to FILE (.jsonl or .parquet) instead of stdout."),
    db: str = typer.Option(None, "--db", help="Store records in this database instead of printing them."),
) -> None:
    """Process articles (any supported format) and write one JSON record a line to stdout.

    With --engine local or dask, sharded input (JSONL, Parquet, folders) is processed in parallel and
    the output is the same, record for record. Refused inputs go to stderr with file and line; exit code 1.

    Example:
        zhiku process < article.txt > records.jsonl
        zhiku process corpus/*.jsonl --engine dask --scheduler tcp://10.0.0.5:8786 --out records.parquet
    """
    settings = settings_from(db, config)
    inputs = paths or ["-"]
    if engine == "serial" or inputs == ["-"]:
        items = api.process(inputs, settings)
    else:
        prepare = dialect_of(settings.db_url) if db else None  # the workers derive what the store writer needs
        items = process_paths(inputs, settings, engine, workers, scheduler, shard_size, prepare)
    failed = 0

    def records():
        nonlocal failed
        for item in items:
            if isinstance(item, InputError):
                failed += 1
                console_err.print(f"refused {item.source}: {item.reason}")
            else:
                yield item

    if db:
        from ..store import open_store

        with open_store(settings.db_url) as store:
            report = api.store_items(store, records(), settings.batch_size)
        console_err.print(f"stored: new {len(report.new)}, updated {len(report.updated)}, "
                          f"unchanged {len(report.unchanged)}")
    elif out_path and out_path.suffix == ".parquet":
        n = write_parquet(records(), out_path)
        console_err.print(f"wrote {n} records to {out_path}")
    elif out_path:
        with out_path.open("w", encoding="utf-8") as fh:
            for rec in records():
                fh.write(rec.to_json() + "\n")
    else:
        for rec in records():
            out(rec.to_json())
    if failed:
        raise typer.Exit(1)
