"""zhiku crawl: collect from the sources file (feeds, sitemaps, listing pages, single URLs) into the store."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from .. import api
from ..store import open_store
from . import app
from .common import CONFIG_OPTION, DB_OPTION, console_err, out, progress, settings_from

DEFAULT_SOURCES = Path("sources.yaml")


def print_crawl_summary(report, as_json: bool) -> None:
    """One summary line (fetched/new/unchanged/failed) and one line per failure or skip, with its reason."""
    summary = report.as_dict()
    if as_json:
        out(json.dumps(summary, ensure_ascii=False))
        return
    console_err.print(
        f"fetched {summary['fetched']}: new {summary['new']}, updated {summary['updated']}, "
        f"unchanged {summary['unchanged']}, skipped {len(summary['skipped'])}, failed {len(summary['failed'])}"
    )
    for url, reason in report.skipped:
        console_err.print(f"  skipped {url}: {reason}")
    for url, reason in report.failed:
        console_err.print(f"  failed {url}: {reason}")


@app.command()
def crawl(
    source: list[str] = typer.Option(None, "--source", "-s", help="Crawl only this source (repeatable)."),
    once: bool = typer.Option(True, "--once/--watch", help="Crawl once and exit, or keep crawling on schedule."),
    sources: Path = typer.Option(DEFAULT_SOURCES, "--sources", help="Sources file (YAML)."),
    db: str = DB_OPTION,
    config: Path = CONFIG_OPTION,
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
) -> None:
    """Fetch what is new from the sources, run the pipeline and store the records.

    Exit code 0 when nothing failed, 1 when some pages failed (each is listed with its reason).

    Example:
        zhiku crawl --sources sources.yaml --source miit-news --once
    """
    settings = settings_from(db, config)
    with open_store(settings.db_url) as store, progress(None, "crawl") as bar:
        task = bar.add_task("crawl", total=None)

        def on_event(kind: str, url: str, detail: str) -> None:
            if kind != "discovered":
                bar.advance(task)
            bar.update(task, description=f"{kind} {url[-60:]}")

        if once:
            report = api.crawl(store, sources, source or None, settings, on_event=on_event)
            print_crawl_summary(report, as_json)
            if report.failed:
                raise typer.Exit(1)
            return
        from ..collect.crawl import Crawler
        from ..collect.sources import load_sources

        chosen = load_sources(sources).select(source or None)
        with Crawler(store, settings, on_event=on_event) as crawler:
            crawler.watch(chosen, on_round=lambda report: print_crawl_summary(report, as_json))
