"""zhiku show: one record as a card, JSON or Markdown, with its cleaning diff or tag evidence."""

from __future__ import annotations

import typer

from .. import api
from ..errors import InputError
from ..export.card import render_card
from ..export.tabular import to_markdown
from ..store import open_store
from . import app
from .common import DB_OPTION, out, settings_from
from .explain import render_diff, render_explain, render_links


@app.command()
def show(
    record_id: str = typer.Argument(..., help="Record id (a unique prefix is enough)."),
    db: str = DB_OPTION,
    fmt: str = typer.Option("card", "--format", "-f", help="card, json or markdown."),
    diff: bool = typer.Option(False, "--diff", help="Show raw input against clean text, with the cleaning log."),
    explain: bool = typer.Option(False, "--explain", help="Show each tag with its evidence sentence."),
) -> None:
    """Show one stored record.

    Example:
        zhiku show 3f2a --format card
    """
    with open_store(settings_from(db).db_url) as store:
        record = api.get_record(store, record_id)
        if record is None:
            raise InputError(record_id, "no record with this id")
        raw = store.get_raw(record.raw.sha256) if diff else None
        links = render_links(store, record)
    if diff:
        out(render_diff(record, raw))
        return
    if explain:
        out(render_explain(record))
        return
    if fmt == "json":
        out(record.to_json())
    elif fmt == "markdown":
        out(to_markdown(record))
    elif fmt == "card":
        out(render_card(record))
    else:
        raise typer.BadParameter("use card, json or markdown", param_hint="--format")
    if links and fmt != "json":
        out(links)
