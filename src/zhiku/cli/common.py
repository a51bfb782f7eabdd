"""Shared CLI options and output helpers."""

from __future__ import annotations

import sys

import typer
from rich.console import Console

from ..settings import Settings, load_settings

console = Console(soft_wrap=True, highlight=False)
console_err = Console(stderr=True, soft_wrap=True, highlight=False)

DB_OPTION = typer.Option(
    None, "--db", envvar="ZHIKU_DB", help="Database: SQLite path or SQLAlchemy URL [default: ./zhiku.db]."
)
CONFIG_OPTION = typer.Option(None, "--config", help="Configuration file (TOML) [default: ./zhiku.toml].")


def settings_from(db: str | None = None, config=None, **flags) -> Settings:
    return load_settings(config=config, db=db, **flags)


def out(text: str) -> None:
    """Write to stdout exactly (no wrapping, no markup)."""
    sys.stdout.write(text)
    if not text.endswith("\n"):
        sys.stdout.write("\n")


def progress(total: int | None, description: str):
    """A progress bar on stderr, shown only on a terminal."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(TextColumn(description), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   console=console_err, transient=True, disable=not sys.stderr.isatty())
    return bar
