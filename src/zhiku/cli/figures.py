"""zhiku figures: the extracted numeric claims, filtered, as a table, JSON or CSV; disagreements side by side."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from ..store import open_store
from ..use.figures import disagreements, figures_csv
from ..use.figures import figures as list_figures
from . import app
from .common import DB_OPTION, console, out, settings_from


@app.command("figures")
def figures(
    subject: str = typer.Option(None, "--subject", help="Subject contains this (算力 finds 智能算力规模)."),
    unit: str = typer.Option(None, "--unit", help="Exact unit (FLOPS, CNY, 家 …)."),
    region: str = typer.Option(None, "--region", help="Region contains this."),
    year: int = typer.Option(None, "--year", help="Year the figure is about."),
    conflicts: bool = typer.Option(False, "--conflicts", help="Only metrics reported with different values."),
    all_copies: bool = typer.Option(False, "--all-copies", help="Include duplicate copies."),
    limit: int = typer.Option(1000, "--limit", help="How many rows."),
    fmt: str = typer.Option("table", "--format", "-f", help="table, json or csv."),
    output: Path = typer.Option(None, "--out", "-o", help="Write to this file instead of stdout."),
    db: str = DB_OPTION,
) -> None:
    """List extracted figures.

    Example:
        zhiku figures --subject 算力 --region 贵州 --format csv --out compute.csv
    """
    if fmt not in ("table", "json", "csv"):
        raise typer.BadParameter("use table, json or csv", param_hint="--format")
    with open_store(settings_from(db).db_url) as store:
        if conflicts:
            groups = disagreements(store, subject=subject, region=region, year=year, canonical_only=not all_copies)
            rows = [r for g in groups for r in g.rows]
        else:
            groups = None
            rows = list_figures(store, subject=subject, unit=unit, region=region, year=year,
                                canonical_only=not all_copies, limit=limit)
    if fmt == "csv":
        text = figures_csv(rows)
    elif fmt == "json":
        text = json.dumps([g.as_dict() for g in groups] if groups is not None else [r.as_dict() for r in rows],
                          ensure_ascii=False)
    else:
        table = Table("指标", "数值", "单位", "地区", "年份", "来源", "标题")
        for r in rows:
            table.add_row(*[escape(str(v if v is not None else "")) for v in
                            (r.subject, r.stated, r.unit, r.region, r.year, r.source, r.title)])
        console.print(table)
        return
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        out(text)
