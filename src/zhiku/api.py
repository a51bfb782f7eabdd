"""The library API that every shell (CLI, web app, MCP server) calls; no shell holds logic of its own."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .collect.files import Item, iter_paths, now_iso, read_bytes, read_path
from .dedupe import assign as assign_duplicates
from .errors import InputError
from .pipeline import Pipeline, processing_failed
from .record import Record
from .settings import Settings
from .store import PutResult, Store, open_store

logger = logging.getLogger(__name__)


@dataclass
class IngestReport:
    """What one ingest did: ids new, updated and unchanged; inputs refused with their reason."""

    new: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)
    dropped: list[tuple[str, str]] = field(default_factory=list)
    inputs: int = 0

    @property
    def ok(self) -> bool:
        return not self.refused

    def add(self, put: PutResult) -> None:
        self.new += put.new
        self.updated += put.updated
        self.unchanged += put.unchanged

    def as_dict(self) -> dict:
        return {
            "inputs": self.inputs,
            "new": len(self.new),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "dropped": [{"id": i, "reason": r} for i, r in self.dropped],
            "refused": [{"input": s, "reason": r} for s, r in self.refused],
        }


def read_inputs(paths: Iterable[str | Path], settings: Settings | None = None) -> Iterator[Item]:
    """Every record (or refusal) in these files, folders or "-" (stdin)."""
    settings = settings or Settings()
    for path in iter_paths(paths):
        if isinstance(path, InputError):
            yield path
            continue
        yield from read_path(path, max_bytes=settings.max_input_bytes)


def process_items(items: Iterable[Item], pipeline: Pipeline) -> Iterator[Item]:
    """Run the pipeline over records; refusals pass through untouched, in order."""
    for item, result in pipeline.run_items(items):
        if result is None:
            yield item
        elif isinstance(result, Exception):  # a stage bug must not sink the batch: report it on the input
            yield processing_failed(item, result)
        else:
            yield from result


def process(paths: Iterable[str | Path], settings: Settings | None = None,
            pipeline: Pipeline | None = None) -> Iterator[Item]:
    """Records for ``zhiku process``: read, run every stage, no database."""
    settings = settings or Settings()
    pipeline = pipeline or Pipeline.from_settings(settings)
    return process_items(read_inputs(paths, settings), pipeline)


def process_bytes(data: bytes, origin: str, settings: Settings | None = None, url: str | None = None) -> list[Item]:
    """Process one input given as bytes (the web API and the crawler use this)."""
    settings = settings or Settings()
    pipeline = Pipeline.from_settings(settings)
    return list(process_items(read_bytes(data, origin, url=url), pipeline))


STATS_REFRESH_MIN = 1000  # records written by one call after which the planner statistics are refreshed


def store_items(store: Store, items: Iterable[Item], batch_size: int = 200,
                on_item: Callable[[Item], None] | None = None) -> IngestReport:
    """Write processed records to the store, one transaction per batch; refusals are reported."""
    report = IngestReport()
    batch: list[Record] = []
    for item in items:
        report.inputs += 1
        if on_item:
            on_item(item)
        if isinstance(item, InputError):
            report.refused.append((item.source, item.reason))
            continue
        if item.status == "dropped":
            report.dropped.append((item.id, item.drop_reason or ""))
        batch.append(item)
        if len(batch) >= batch_size:
            report.add(put_batch(store, batch))
            batch = []
    if batch:
        report.add(put_batch(store, batch))
    if len(report.new) + len(report.updated) >= STATS_REFRESH_MIN:
        store.refresh_statistics()
    return report


def put_batch(store: Store, batch: list[Record]) -> PutResult:
    """Link each record to its copies and story (dedupe reads the stored index), then write the batch.

    Stored records whose canonical copy changed are rewritten in the same transaction. The store's writer lock
    is held from the reading to the commit, so a second writer's batch lands before or after, never between.
    """
    with store.writing():
        relinked = assign_duplicates(store, batch)
        return store.put_records([*batch, *relinked])


def ingest(paths: Iterable[str | Path], store: Store, settings: Settings | None = None,
           on_item: Callable[[Item], None] | None = None, workers: int = 1) -> IngestReport:
    """Read, process and store; each batch is one transaction, so an interrupted run loses no batch.

    ``workers`` > 1 processes files and folders on that many local processes, which also derive what the store
    writer needs (``zhiku.prepare``): this process only writes, and the store ends the same (stdin is read here)."""
    settings = settings or Settings()
    started = now_iso()
    paths = list(paths)
    if workers > 1 and "-" not in map(str, paths):
        from .engine import process_paths

        items: Iterable[Item] = process_paths(paths, settings, "local", workers, prepare=store.dialect)
    else:
        items = process(paths, settings)
    report = store_items(store, items, settings.batch_size, on_item)
    store.log_run("ingest", started, report.as_dict())
    return report


def get_record(store: Store, record_id: str) -> Record | None:
    return store.get(record_id)


def sample_corpus() -> list[Path]:
    """The bundled sample corpus: the five seed documents."""
    folder = resources.files("zhiku") / "data" / "sample"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".txt"))


def demo(db: str, settings: Settings | None = None) -> tuple[IngestReport, list[Record]]:
    """Load the sample corpus into a fresh database at ``db`` and return its records."""
    settings = (settings or Settings()).with_overrides(db=db)
    path = db.split(":///", 1)[1] if db.startswith("sqlite:///") else (db if "://" not in db else None)
    if path:
        for suffix in ("", "-wal", "-shm"):
            Path(path + suffix).unlink(missing_ok=True)
    with open_store(settings.db_url) as store:
        report = ingest(sample_corpus(), store, settings)
        records = [r for r in store.iter_records() if r.status == "ok"]
    records.sort(key=lambda r: (r.raw.origin or "", r.raw.part or 0))
    return report, records


# --- reading for the shells (web pages, REST API, MCP) ---------------------------------------
# Thin adapters over zhiku.use (search, trends, figures) and zhiku.dedupe (stories) that give every
# shell the same plain-dict answers, plus the facet counts a search page needs.

FACET_KINDS = ("technology", "industry", "region", "organization")


@dataclass
class ArticleFilter:
    """Filters shared by listing and search (see zhiku.use.filtering for how each one matches)."""

    technology: str | None = None
    industry: str | None = None
    region: str | None = None
    organization: str | None = None
    source: str | None = None
    since: str | None = None
    until: str | None = None
    canonical_only: bool = True

    def as_kwargs(self) -> dict:
        return {k: getattr(self, k) for k in (*FACET_KINDS, "source", "since", "until", "canonical_only")}


def search_articles(store: Store, query: str = "", filters: ArticleFilter | None = None, *,
                    limit: int = 20, offset: int = 0, facets: bool = True) -> dict:
    """Records matching ``query`` and ``filters`` (best first) with snippets, tags and, optionally, facet counts."""
    from .use import search as use_search

    filters = filters or ArticleFilter()
    result = use_search.search(store, query, **filters.as_kwargs(), limit=limit, offset=offset)
    items = []
    for hit in result.hits:
        items.append({
            "id": hit.id, "title": hit.title, "source": hit.source, "published_at": hit.published_at,
            "url": hit.url, "score": hit.score, "snippet": hit.snippet, "highlights": [list(h) for h in hit.highlights],
            "title_highlights": [list(h) for h in hit.title_highlights], "summary": hit.summary,
            "technologies": hit.tags.get("technology", [])[:5], "industries": hit.tags.get("industry", [])[:5],
            "regions": hit.tags.get("region", [])[:5], "organizations": hit.tags.get("organization", [])[:5],
        })
    facet_counts, counted = search_facets_counted(store, result.query) if facets else ({}, None)
    return {"query": query, "total": result.total, "total_exact": result.total_exact, "limit": limit,
            "offset": offset, "items": items, "facets": facet_counts, "facets_counted": counted}


def facets_for(store: Store, query: str = "", filters: ArticleFilter | None = None
               ) -> tuple[dict[str, list[dict]], int | None]:
    """Facet counts of what ``query`` and ``filters`` match, and how many records they cover
    (see ``search_facets_counted``)."""
    from .use.query import parse_query
    from .use.search import make_filters

    filters = filters or ArticleFilter()
    return search_facets_counted(store, parse_query(query, make_filters(**filters.as_kwargs())))


def search_facets_counted(store: Store, q, per_kind: int = 20) -> tuple[dict[str, list[dict]], int | None]:
    """Counts of matching records per tag (technology, industry, region, organization), outlet and month, and
    how many records they cover: None when every match, else the newest N matches (N = the search rank window,
    10,000) because more match."""
    from sqlalchemy.exc import SQLAlchemyError

    from .errors import StoreError

    try:
        return _search_facets(store, q, per_kind)
    except SQLAlchemyError as exc:
        logger.exception("facet counts failed for %r", getattr(q, "text", q))
        raise StoreError(f"facet counts on {store.safe_url}: {exc.__class__.__name__}") from exc


def _search_facets(store: Store, q, per_kind: int) -> tuple[dict[str, list[dict]], int | None]:
    from collections import Counter

    from sqlalchemy import select

    from .store import schema
    from .store.bulk import chunks
    from .use.search import facet_rows

    t = schema.record_tags.c
    out: dict[str, list[dict]] = {k: [] for k in FACET_KINDS}
    with store.engine.connect() as conn:
        rows, every = facet_rows(conn, q)
        counts: Counter = Counter()
        labels: dict[tuple[str, str], str] = {}
        # by record id (kind written so no index on it is chosen: SQLite would walk every tag of the kind)
        for part in chunks([r.record_id for r in rows]):
            for kind, key, label in conn.execute(select(t.kind, t.key, t.label).where(
                    t.record_id.in_(part), t.kind.op("||")("").in_(FACET_KINDS))):
                counts[kind, key] += 1
                if label is not None:
                    labels[kind, key] = min(label, labels.get((kind, key), label))
    for (kind, key), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][1])):
        if len(out[kind]) < per_kind:
            out[kind].append({"key": key, "label": labels.get((kind, key)), "count": n})
    sources = Counter(r.source for r in rows if r.source)
    months = Counter(r.published_at[:7] for r in rows if r.published_at)
    counted = None if every else len(rows)
    out["source"] = [{"key": k, "label": k, "count": n}
                     for k, n in sorted(sources.items(), key=lambda kv: (-kv[1], kv[0]))[:per_kind]]
    out["month"] = [{"key": k, "label": k, "count": n} for k, n in sorted(months.items(), reverse=True)[:24]]
    return out, counted


def trend_counts(store: Store, by: str = "technology", period: str = "month", top: int = 8, **filters) -> dict:
    """Articles per period for the ``top`` leading tags of one kind (zhiku.use.trends)."""
    from .use.trends import trends

    return trends(store, by=by, period=period, top=top, **filters).as_dict()


def cooccurrence(store: Store, rows: str = "technology", cols: str = "industry", top: int = 12, **filters) -> dict:
    """A ``rows`` × ``cols`` co-occurrence matrix of the leading tags (zhiku.use.trends)."""
    from .use.trends import cooccurrence as matrix

    return matrix(store, rows=rows, cols=cols, top=top, **filters).as_dict()


def figure_table(store: Store, *, subject: str | None = None, region: str | None = None, year: int | None = None,
                 unit: str | None = None, limit: int = 200, offset: int = 0) -> dict:
    """Extracted figures with their article (zhiku.use.figures); ``more`` says whether a next page exists."""
    from .use.figures import figures

    rows = figures(store, subject=subject or None, unit=unit or None, region=region or None, year=year,
                   limit=limit + 1, offset=offset)
    return {"limit": limit, "offset": offset, "more": len(rows) > limit, "items": [r.as_dict() for r in rows[:limit]]}


def story_list(store: Store, *, since: str | None = None, min_articles: int = 1, limit: int = 20) -> dict:
    """Stories, newest first, each with its articles (zhiku.dedupe.stories)."""
    from sqlalchemy import select

    from .dedupe.stories import story_rows
    from .store import schema

    r = schema.records.c
    with store.engine.connect() as conn:
        items = story_rows(conn, since=since, min_articles=min_articles, limit=limit)
        for item in items:
            item["members"] = [dict(m._mapping) for m in conn.execute(
                select(r.id, r.title, r.source, r.published_at).where(r.story_id == item["id"], r.status == "ok")
                .order_by(r.published_at, r.id).limit(50))]
    return {"limit": limit, "items": items}


def rebuild_duplicates(store: Store, batch_size: int = 200) -> dict[str, int]:
    """Re-assign copies and stories of every stored record (after a dedupe threshold changed)."""
    from .dedupe.copies import rebuild

    return rebuild(store, batch_size)


def check_rollup(store: Store) -> dict[str, dict[str, int]]:
    """Compare the kept trend counts with a recount, changing nothing: {table: {rows, differing}}."""
    from .use import rollup

    return rollup.check(store)


def rebuild_rollup(store: Store) -> dict[str, int]:
    """Recompute the kept trend counts from the search index and tag rows: {table: rows}."""
    from .use import rollup

    return rollup.rebuild(store)


def article_context(store: Store, record: Record) -> dict:
    """What an article page shows beside the text: its copies and the other articles of its story."""
    from sqlalchemy import select

    from .store import schema

    r = schema.records.c
    copies: list[dict] = []
    story: list[dict] = []
    with store.engine.connect() as conn:
        if record.duplicates:
            copies = [dict(m._mapping) for m in conn.execute(
                select(r.id, r.title, r.source, r.url, r.published_at, r.canonical_id)
                .where(r.canonical_id == record.duplicates.canonical, r.id != record.id).order_by(r.published_at))]
        if record.story:
            story = [dict(m._mapping) for m in conn.execute(
                select(r.id, r.title, r.source, r.published_at)
                .where(r.story_id == record.story, r.id != record.id).order_by(r.published_at).limit(50))]
    return {"copies": copies, "story": story}


def ingest_bytes(store: Store, data: bytes, origin: str, settings: Settings | None = None,
                 url: str | None = None) -> IngestReport:
    """Process one input given as bytes (an upload, a fetched page) and store it; one transaction."""
    settings = settings or Settings()
    started = now_iso()
    report = store_items(store, process_bytes(data, origin, settings, url=url), settings.batch_size)
    store.log_run("ingest", started, report.as_dict())
    return report


def briefing(store: Store, since: str, until: str, fmt: str = "html", settings: Settings | None = None,
             charts: bool = True) -> str:
    """A briefing of the period [since, until] as self-contained HTML or Markdown (zhiku.use.briefing)."""
    from .use.briefing import build_briefing, render_html, render_markdown

    b = build_briefing(store, since, until, charts=charts and fmt == "html")
    return render_html(b) if fmt == "html" else render_markdown(b)


def crawl(store: Store, sources_file: str | Path, names: list[str] | None = None, settings: Settings | None = None,
          on_event: Callable[[str, str, str], None] | None = None, policy=None):
    """Crawl the named sources (all when None) of a sources YAML file once; return the CrawlReport."""
    from .collect.crawl import Crawler
    from .collect.sources import load_sources

    settings = settings or Settings()
    sources = load_sources(sources_file).select(names)
    started = now_iso()
    with Crawler(store, settings, policy=policy, on_event=on_event) as crawler:
        report = crawler.crawl(sources)
    store.log_run("crawl", started, report.as_dict())
    return report


def ingest_urls(urls: Iterable[str], store: Store, settings: Settings | None = None,
                on_event: Callable[[str, str, str], None] | None = None, policy=None):
    """Fetch single pages (politely, robots.txt obeyed), process and store them; return the CrawlReport."""
    from .collect.crawl import Crawler
    from .collect.sources import Source

    settings = settings or Settings()
    urls = list(urls)
    started = now_iso()
    with Crawler(store, settings, policy=policy, on_event=on_event) as crawler:
        report = crawler.crawl([Source(name="ingest", kind="url", urls=tuple(urls), interval=0)])
    store.log_run("ingest", started, report.as_dict())
    return report
