"""zhiku process: articles in, full records out as JSON Lines on stdout; no database."""

from __future__ import annotations

from pathlib import Path

import typer

from .. import api
from ..errors import InputError
from . import app
from .common import CONFIG_OPTION, console_err, out, settings_from


@app.command()
def process(
    paths: list[str] = typer.Argument(None, help="Files or folders; none or '-' reads stdin."),
    config: Path = CONFIG_OPTION,
) -> None:
    """Process articles (any supported format) and write one JSON record a line to stdout.

    Refused inputs are reported on stderr with file and line; the exit code is then 1.

    Example:
        zhiku process < article.txt > records.jsonl
    """
    settings = settings_from(None, config)
    failed = 0
    for item in api.process(paths or ["-"], settings):
        if isinstance(item, InputError):
            failed += 1
            console_err.print(f"refused {item.source}: {item.reason}")
        else:
            out(item.to_json())
    if failed:
        raise typer.Exit(1)
