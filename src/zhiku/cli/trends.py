"""zhiku trends: article counts per period, co-occurrence, top movers and spikes."""

from __future__ import annotations

import csv
import io
import json

import typer
from rich.cells import cell_len
from rich.markup import escape
from rich.table import Table

from ..store import open_store
from ..use import trends as t
from . import app
from .common import DB_OPTION, console, out, settings_from


def _span(value: str | None, hint: str) -> tuple[str, str] | None:
    if not value:
        return None
    first, sep, last = value.partition(":")
    if not sep or not first or not last:
        raise typer.BadParameter("use FROM:TO, e.g. 2024-01-01:2024-03-31", param_hint=hint)
    return first, last


def _fits(header: list, rows: list[list], width: int) -> bool:
    """Whether a table of these cells fits ``width`` terminal cells (each column as wide as its widest cell, plus
    rich's padding and rule)."""
    columns = zip(header, *rows, strict=True)
    return sum(max(cell_len(str(c)) for c in col) + 3 for col in columns) + 1 <= width


@app.command("trends")
def trends(
    by: str = typer.Option("technology", "--by", help="technology, industry, region or organization."),
    period: str = typer.Option("month", "--period", help="day, week, month, quarter or year."),
    since: str = typer.Option(None, "--since", help="From this day (YYYY-MM-DD)."),
    until: str = typer.Option(None, "--until", help="Until this day (YYYY-MM-DD)."),
    top: int = typer.Option(10, "--top", help="How many keys."),
    matrix: str = typer.Option(None, "--matrix", help="Instead: co-occurrence of --by × this kind."),
    movers: bool = typer.Option(False, "--movers", help="Instead: top movers, last 30 days vs the 30 before."),
    before: str = typer.Option(None, "--before", help="With --movers: the earlier period, FROM:TO."),
    after: str = typer.Option(None, "--after", help="With --movers: the later period, FROM:TO."),
    spikes: bool = typer.Option(False, "--spikes", help="Instead: keys whose latest --period count spikes."),
    region: list[str] = typer.Option(None, "--region", help="Only records about this region."),
    technology: list[str] = typer.Option(None, "--tech", help="Only records about this technology."),
    fmt: str = typer.Option("table", "--format", "-f", help="table, json or csv."),
    db: str = DB_OPTION,
) -> None:
    """Trends over canonical records.

    Example:
        zhiku trends --by technology --period month --since 2024-01-01
        zhiku trends --by technology --matrix industry
        zhiku trends --by region --movers --before 2024-01-01:2024-03-31 --after 2024-04-01:2024-06-30
    """
    if fmt not in ("table", "json", "csv"):
        raise typer.BadParameter("use table, json or csv", param_hint="--format")
    filters = {"region": region, "technology": technology}
    with open_store(settings_from(db).db_url) as store:
        if matrix:
            m = t.cooccurrence(store, by, matrix, top=top, since=since, until=until, **filters)
            header = [f"{by}\\{matrix}", *m.col_labels]
            rows = [[lab, *r] for lab, r in zip(m.row_labels, m.counts, strict=True)]
            data = m.as_dict()
        elif movers:
            ms = t.movers(store, by, before=_span(before, "--before"), after=_span(after, "--after"), top=top,
                          **filters)
            header, rows = ["key", "label", "before", "after", "change"], [
                [m.key, m.label, m.before, m.after, m.change] for m in ms]
            data = [m.as_dict() for m in ms]
        elif spikes:
            ss = t.spikes(store, by, period=period, **filters)
            header, rows = ["key", "label", "period", "count", "baseline", "z"], [
                [s.key, s.label, s.period, s.count, s.baseline, s.z] for s in ss]
            data = [s.as_dict() for s in ss]
        else:
            tt = t.trends(store, by, period, since=since, until=until, top=top, **filters)
            header = ["key", "label", *tt.periods, "total"]
            rows = [[s.key, s.label, *s.counts, s.total] for s in tt.series]
            data = tt.as_dict()
            if fmt == "table" and not _fits(header, rows, console.width):
                # more periods than the terminal has room for: one row a period, one column a key
                header = [period, *(s.label for s in tt.series)]
                rows = [[p, *(s.counts[i] for s in tt.series)] for i, p in enumerate(tt.periods)]
                rows.append(["total", *(s.total for s in tt.series)])
    if fmt == "json":
        out(json.dumps(data, ensure_ascii=False))
    elif fmt == "csv":
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows([header, *rows])
        out(buf.getvalue())
    else:
        table = Table(*[escape(str(h)) for h in header])
        for r in rows:
            table.add_row(*[escape(str(v)) for v in r])
        console.print(table)
