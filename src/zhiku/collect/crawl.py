"""The crawler: discover article URLs from sources, fetch them politely, run the pipeline, store, remember.

Data flow for one source: index pages (feed, sitemap, listing; fetched conditionally) → new URLs into the
frontier → due URLs fetched in a small thread pool → bytes read as records (``collect.files.read_bytes``, or
``collect.pdf`` for PDFs) → pipeline → store (one commit per page) → frontier marked ``done``.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import UTC, datetime

from ..errors import FetchError, InputError, ParseError
from ..record import sha256_hex
from ..settings import Settings
from ..store import Store
from .feeds import parse_feed
from .fetch import Fetched, Fetcher, FetchPolicy, RobotsDeniedError
from .frontier import Frontier
from .sitemaps import listing_links, parse_sitemap
from .sources import Source
from .urls import canonicalize_url

logger = logging.getLogger(__name__)

# Failures that asking again will not fix: not retried on later runs (timeouts, 5xx and 429 are).
_PERMANENT = re.compile(r"^HTTP 4(?!08|29)\d\d|content type|byte limit|redirects|not an http|no article|empty input|"
                        r"binary data|not a readable")

Event = Callable[[str, str, str], None]  # (kind, url, detail): "fetched", "new", "unchanged", "failed", ...


@dataclass
class CrawlReport:
    """What a crawl did: pages fetched, records new/updated, pages unchanged, skipped and failed with reasons."""

    fetched: int = 0
    new: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    dropped: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    def as_dict(self) -> dict:
        return {
            "fetched": self.fetched, "new": len(self.new), "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "skipped": [{"url": u, "reason": r} for u, r in self.skipped],
            "failed": [{"url": u, "reason": r} for u, r in self.failed],
            "dropped": [{"id": i, "reason": r} for i, r in self.dropped],
        }


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def policy_from_settings(settings: Settings, overrides: dict | None = None) -> FetchPolicy:
    """A FetchPolicy from the ``[crawl]`` table of zhiku.toml (settings.extra) and explicit overrides."""
    from dataclasses import fields

    conf = dict((settings.extra or {}).get("crawl") or {})
    conf.update(overrides or {})
    names = {f.name for f in fields(FetchPolicy)}
    values = {k: v for k, v in conf.items() if k in names}
    if "accept_types" in values:
        values["accept_types"] = tuple(values["accept_types"])
    return FetchPolicy(**values)


class Crawler:
    """Crawls sources into a store; one instance per run (it owns a Fetcher)."""

    def __init__(self, store: Store, settings: Settings | None = None, policy: FetchPolicy | None = None,
                 on_event: Event | None = None, workers: int = 4, pipeline=None):
        from ..pipeline import Pipeline

        self.store = store
        self.settings = settings or Settings()
        self.fetcher = Fetcher(policy or policy_from_settings(self.settings))
        self.frontier = Frontier(store)
        self.pipeline = pipeline if pipeline is not None else Pipeline.from_settings(self.settings)
        self.on_event = on_event or (lambda kind, url, detail: None)
        self.workers = workers
        self._dropped: list[tuple[str, str]] = []

    def close(self) -> None:
        self.fetcher.close()

    def __enter__(self) -> Crawler:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- one run -------------------------------------------------------------------------------------------
    def crawl(self, sources: list[Source], report: CrawlReport | None = None) -> CrawlReport:
        """Crawl each source once: discover, fetch what is due, store; return the report."""
        report = report or CrawlReport()
        for source in sources:
            self.crawl_source(source, report)
        return report

    def crawl_source(self, source: Source, report: CrawlReport) -> None:
        self.frontier.source_started(source.name)
        if source.rate:
            for url in source.urls:
                self.fetcher.set_rate(url, source.rate)
        if source.kind == "url":
            # single pages: each run asks again, conditionally, for exactly these URLs
            due = list(dict.fromkeys(canonicalize_url(u) or u for u in source.urls))
            self.frontier.add(due, source.name)
        else:
            for url in source.urls:
                self._discover(source, url, report, depth=0)
            due = self.frontier.due(source.name)
        self._fetch_pages(source, due, report)
        self.frontier.source_finished(source.name)

    def _discover(self, source: Source, url: str, report: CrawlReport, depth: int) -> None:
        """Fetch an index page (conditionally) and add the article URLs it lists to the frontier."""
        row = self.frontier.get(url) or {}
        try:
            got = self.fetcher.fetch(url, row.get("etag"), row.get("last_modified"))
        except RobotsDeniedError as exc:
            self._skip(source, url, exc.reason, report, kind="index")
            return
        except FetchError as exc:
            self._fail(source, url, exc.reason, report, kind="index")
            return
        if got.not_modified:
            report.unchanged.append(url)
            self.on_event("unchanged", url, "index not modified")
            self.frontier.mark(url, "done", source=source.name, kind="index", etag=got.etag,
                               last_modified=got.last_modified)
            return
        report.fetched += 1
        try:
            links = self._links(source, got, report, depth)
        except ParseError as exc:
            self._fail(source, url, exc.reason, report, kind="index")
            return
        wanted: list[str] = []
        for link in links:
            canonical = canonicalize_url(link) or link
            if source.wants(canonical):
                wanted.append(canonical)
        new = self.frontier.add(wanted[: source.max_items], source.name)
        self.on_event("discovered", url, f"{len(links)} links, {len(new)} new")
        self.frontier.mark(url, "done", source=source.name, kind="index", etag=got.etag,
                           last_modified=got.last_modified, content_sha256=sha256_hex(got.content))

    def _links(self, source: Source, got: Fetched, report: CrawlReport, depth: int) -> list[str]:
        if source.kind == "feed":
            return [e.url for e in parse_feed(got.content, got.url)]
        if source.kind == "sitemap":
            pages, children = parse_sitemap(got.content, got.url, self.fetcher.policy.max_bytes)
            if depth < 2:
                for child in children:
                    self._discover(source, child, report, depth + 1)
            return pages
        from .extract import decode_page

        html, _ = decode_page(got.content, source.encoding or got.charset)
        return listing_links(html, got.url, source.link_pattern)

    # --- pages ---------------------------------------------------------------------------------------------
    def _fetch_pages(self, source: Source, urls: list[str], report: CrawlReport) -> None:
        if not urls:
            return
        rows = {u: (self.frontier.get(u) or {}) for u in urls}
        # stored by a run that stopped before marking them done: not fetched again
        stored = self.frontier.stored([u for u in urls if rows[u].get("state") != "done"])
        for url, record_id in stored.items():
            report.unchanged.append(url)
            self.on_event("unchanged", url, "stored before the last run stopped")
            self.frontier.mark(url, "done", source=source.name, record_id=record_id)
        urls = [u for u in urls if u not in stored]

        def work(url: str) -> tuple[str, Fetched | FetchError]:
            row = rows[url]
            try:
                return url, self.fetcher.fetch(url, row.get("etag"), row.get("last_modified"))
            except FetchError as exc:
                return url, exc

        # chunks bound the bodies held in memory while the pipeline works through them
        chunk = 8 * max(1, self.workers)
        with ThreadPoolExecutor(max_workers=max(1, self.workers)) as pool:
            for start in range(0, len(urls), chunk):
                futures = [pool.submit(work, u) for u in urls[start:start + chunk]]
                for fut in as_completed(futures):
                    url, got = fut.result()
                    self._handle(source, url, rows[url], got, report)

    def _handle(self, source: Source, url: str, row: dict, got: Fetched | FetchError, report: CrawlReport) -> None:
        if isinstance(got, RobotsDeniedError):
            self._skip(source, url, got.reason, report)
            return
        if isinstance(got, FetchError):
            self._fail(source, url, got.reason, report)
            return
        if got.not_modified:
            report.unchanged.append(url)
            self.on_event("unchanged", url, "not modified")
            self.frontier.mark(url, "done", source=source.name, etag=got.etag, last_modified=got.last_modified)
            return
        report.fetched += 1
        sha = sha256_hex(got.content)
        if row.get("state") == "done" and row.get("content_sha256") == sha:
            report.unchanged.append(url)
            self.on_event("unchanged", url, "same content")
            self.frontier.mark(url, "done", source=source.name, etag=got.etag, last_modified=got.last_modified)
            return
        try:
            record_ids = self._store(source, got)
        except InputError as exc:
            self._fail(source, url, exc.reason, report)
            return
        new, updated, unchanged = record_ids
        report.dropped += self._dropped
        self._dropped = []
        report.new += new
        report.updated += updated
        report.unchanged += [url] if unchanged and not (new or updated) else []
        self.on_event("new" if new else ("updated" if updated else "unchanged"), url, "")
        ids = new + updated + unchanged
        self.frontier.mark(url, "done", source=source.name, etag=got.etag, last_modified=got.last_modified,
                           content_sha256=sha, record_id=ids[0] if ids else None)

    def _store(self, source: Source, got: Fetched) -> tuple[list[str], list[str], list[str]]:
        """Read, process and store one fetched page; return (new, updated, unchanged) record ids."""
        from .. import api

        items = api.process_items(self._read(source, got), self.pipeline)
        stored = api.store_items(self.store, items)
        if stored.refused and not (stored.new or stored.updated or stored.unchanged):
            source_name, reason = stored.refused[0]
            raise ParseError(source_name, reason)
        self._dropped += stored.dropped
        return stored.new, stored.updated, stored.unchanged

    def _read(self, source: Source, got: Fetched) -> Iterator:
        from .files import read_bytes

        fetched_at = _now()
        url = canonicalize_url(got.url) or got.url
        if got.content_type in ("application/pdf",) or got.content[:5] == b"%PDF-":
            from .pdf import read_pdf_bytes

            items = read_pdf_bytes(got.content, origin=url, fetched_at=fetched_at, url=url)
        else:
            items = read_bytes(got.content, origin=url, fetched_at=fetched_at, url=url,
                               encoding=source.encoding or got.charset)
        for item in items:
            if not isinstance(item, InputError) and not item.source and source.outlet:
                item.source = source.outlet
            yield item

    def _skip(self, source: Source, url: str, reason: str, report: CrawlReport, kind: str = "page") -> None:
        report.skipped.append((url, reason))
        self.on_event("skipped", url, reason)
        self.frontier.mark(url, "skipped", source=source.name, kind=kind, error=reason)

    def _fail(self, source: Source, url: str, reason: str, report: CrawlReport, kind: str = "page") -> None:
        logger.info("failed %s: %s", url, reason)
        report.failed.append((url, reason))
        self.on_event("failed", url, reason)
        self.frontier.mark(url, "failed", source=source.name, kind=kind, error=reason,
                           permanent=bool(_PERMANENT.search(reason)))

    # --- schedule ------------------------------------------------------------------------------------------
    def is_due(self, source: Source, now: float | None = None) -> bool:
        last = self.frontier.last_finished(source.name)
        if not last:
            return True
        done = datetime.fromisoformat(last).timestamp()
        return (now or time.time()) >= done + source.interval

    def watch(self, sources: list[Source], on_round: Callable[[CrawlReport], None] | None = None,
              stop: Callable[[], bool] | None = None, tick: float = 5.0) -> None:
        """Crawl each source whenever its interval has passed, until ``stop()`` says so (or Ctrl-C)."""
        while not (stop and stop()):
            due = [s for s in sources if self.is_due(s)]
            if due:
                report = self.crawl(due)
                if on_round:
                    on_round(report)
            time.sleep(tick)
