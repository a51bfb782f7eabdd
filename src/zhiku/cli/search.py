"""zhiku search: Chinese full-text search with filters, as a table or JSON."""

from __future__ import annotations

import json

import typer
from rich.markup import escape
from rich.table import Table

from ..store import open_store
from ..use.search import search as run_search
from . import app
from .common import DB_OPTION, console, out, settings_from


def _mark(text: str, spans: list[tuple[int, int]]) -> str:
    parts, pos = [], 0
    for s, e in spans:
        parts.append(escape(text[pos:s]) + "[bold red]" + escape(text[s:e]) + "[/bold red]")
        pos = e
    return "".join(parts) + escape(text[pos:])


@app.command("search")
def search(
    query: str = typer.Argument("", help="Words, \"phrases\", OR, -exclusions, filters such as region:山东."),
    technology: list[str] = typer.Option(None, "--tech", help="AI technology (id or label); repeatable."),
    industry: list[str] = typer.Option(None, "--industry", help="Industry label or code; repeatable."),
    region: list[str] = typer.Option(None, "--region", help="Region name or code (covers places under it)."),
    organization: list[str] = typer.Option(None, "--org", help="Organization name (contains)."),
    source: list[str] = typer.Option(None, "--source", help="Outlet (contains)."),
    since: str = typer.Option(None, "--since", help="Published on or after (YYYY-MM-DD)."),
    until: str = typer.Option(None, "--until", help="Published on or before (YYYY-MM-DD)."),
    all_copies: bool = typer.Option(False, "--all-copies", help="Include duplicate copies, not only canonical ones."),
    limit: int = typer.Option(20, "--limit", "-n", help="How many hits."),
    offset: int = typer.Option(0, "--offset", help="Skip this many hits."),
    fmt: str = typer.Option("table", "--format", "-f", help="table, json or jsonl."),
    db: str = DB_OPTION,
) -> None:
    """Search stored records (canonical copies only unless --all-copies).

    Example:
        zhiku search "大模型 医疗" --region 山东 --since 2024-01-01 --format json
    """
    if fmt not in ("table", "json", "jsonl"):
        raise typer.BadParameter("use table, json or jsonl", param_hint="--format")
    with open_store(settings_from(db).db_url) as store:
        result = run_search(store, query, technology=technology, industry=industry, region=region,
                            organization=organization, source=source, since=since, until=until,
                            canonical_only=not all_copies, limit=limit, offset=offset)
    if fmt == "json":
        out(json.dumps(result.as_dict(), ensure_ascii=False))
        return
    if fmt == "jsonl":
        for hit in result.hits:
            out(json.dumps(hit.as_dict(), ensure_ascii=False))
        return
    shown = f"（显示 {offset + 1}–{offset + len(result.hits)}）" if result.hits else ""
    console.print(f"{'' if result.total_exact else '约 '}{result.total} 条结果{shown}")
    table = Table(expand=True)  # the title and excerpt take what the fixed-width columns leave
    table.add_column("id", no_wrap=True, min_width=12)
    table.add_column("标题 / 摘录", ratio=5)
    table.add_column("来源", ratio=1, min_width=10, overflow="fold")
    table.add_column("日期", no_wrap=True, min_width=10)
    table.add_column("标签", ratio=2, overflow="fold")
    for h in result.hits:
        tags = "、".join(lab for kind in ("technology", "industry", "region") for lab in h.tags.get(kind, [])[:2])
        table.add_row(h.id[:12], _mark(h.title or "", h.title_highlights) + "\n" + _mark(h.snippet, h.highlights),
                      escape(h.source or ""), escape(h.published_at or ""), escape(tags))
    console.print(table)
