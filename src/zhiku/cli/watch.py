"""zhiku watch: saved searches and spike alerts, delivered to webhooks or by e-mail."""

from __future__ import annotations

import json

import typer

from ..store import open_store
from ..use import watch as w
from . import app
from .common import DB_OPTION, out, settings_from

watch_app = typer.Typer(help="Watchlists: saved searches delivered on a schedule.", no_args_is_help=True)
app.add_typer(watch_app, name="watch")


@watch_app.command("add")
def add(
    name: str = typer.Argument(..., help="Name of the watchlist."),
    query: str = typer.Argument(..., help="Search query, or for --spikes a dimension (technology, region …)."),
    every: str = typer.Option("day", "--every", help="hour, day, week, month or 6h / 2d."),
    to: list[str] = typer.Option(None, "--to", help="Target: https://… | wecom+https://… | feishu+https://… | "
                                                    "dingtalk+https://… | mailto:ADDR?smtp=HOST:PORT; repeatable."),
    spikes: bool = typer.Option(False, "--spikes", help="Alert on spikes of the QUERY dimension instead."),
    briefing: bool = typer.Option(False, "--briefing", help="Send a briefing of each period; QUERY holds filters."),
    db: str = DB_OPTION,
) -> None:
    """Save a watchlist.

    Example:
        zhiku watch add 山东大模型 "大模型 region:山东" --every day --to wecom+https://qyapi.weixin.qq.com/…
    """
    kind = "spikes" if spikes else ("briefing" if briefing else "search")
    with open_store(settings_from(db).db_url) as store:
        watch = w.add_watch(store, name, query, every=every, targets=to or [], kind=kind)
    out(json.dumps(watch.as_dict(), ensure_ascii=False))


@watch_app.command("list")
def list_(db: str = DB_OPTION) -> None:
    """List watchlists.

    Example:
        zhiku watch list
    """
    with open_store(settings_from(db).db_url) as store:
        for watch in w.list_watches(store):
            out(json.dumps(watch.as_dict(), ensure_ascii=False))


@watch_app.command("remove")
def remove(name: str = typer.Argument(...), db: str = DB_OPTION) -> None:
    """Remove a watchlist.

    Example:
        zhiku watch remove 山东大模型
    """
    with open_store(settings_from(db).db_url) as store:
        if not w.remove_watch(store, name):
            raise typer.BadParameter(f"no watchlist named {name!r}", param_hint="NAME")


@watch_app.command("run")
def run(
    names: list[str] = typer.Argument(None, help="Only these watchlists."),
    force: bool = typer.Option(False, "--force", help="Run even when not due."),
    db: str = DB_OPTION,
) -> None:
    """Send every due watchlist what is new since its last run (nothing is sent twice).

    Example:
        zhiku watch run
    """
    with open_store(settings_from(db).db_url) as store:
        runs = w.run_watches(store, names=names or None, force=force)
    for r in runs:
        out(json.dumps(r.as_dict(), ensure_ascii=False))
    if any(r.failed for r in runs):
        raise typer.Exit(6)
