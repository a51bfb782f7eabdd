"""zhiku import: load a dump written by `zhiku export --format dump` (any backend to any backend)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from ..errors import InputError
from ..export.dump import load_dump
from ..store import open_store
from . import app
from .common import DB_OPTION, out, settings_from


@app.command("import")
def import_cmd(
    path: str = typer.Argument(..., help="Dump file, or '-' for stdin."),
    db: str = DB_OPTION,
) -> None:
    """Load a whole-database dump into the database (records, raw inputs; indexes rebuilt).

    Example:
        zhiku export --format dump --db zhiku.db --out all.jsonl
        zhiku import all.jsonl --db postgresql://localhost/zhiku
    """
    if path == "-":
        lines = sys.stdin
        counts = _load(db, lines, "-")
    else:
        p = Path(path)
        if not p.exists():
            raise InputError(path, "no such file")
        with p.open(encoding="utf-8") as fh:
            counts = _load(db, fh, path)
    out(json.dumps(counts))


def _load(db, lines, source):
    with open_store(settings_from(db).db_url) as store:
        return load_dump(store, lines, source)
