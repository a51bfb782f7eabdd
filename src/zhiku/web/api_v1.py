"""The REST API under /api: every handler parses its parameters and calls zhiku.api (OpenAPI at /docs)."""

from __future__ import annotations

import csv
import io
import logging
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, HTTPException, Path, Query, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field, model_validator
from starlette.concurrency import run_in_threadpool

from .. import api
from ..errors import InputError, QueryError
from ..use.trends import SHORTEST
from . import reports
from .cache import search_page
from .security import bearer, token_matches

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/api", tags=["zhiku"])

RECORD_ID = r"^[A-Za-z0-9_-]{4,64}$"
MAX_PAGE = 100
MAX_PERIODS = 1000  # columns of one trend table


class ErrorDetail(BaseModel):
    status: int
    code: str
    reason: str


class ErrorResponse(BaseModel):
    error: ErrorDetail


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorResponse}, 404: {"model": ErrorResponse}, 413: {"model": ErrorResponse},
    422: {"model": ErrorResponse}, 503: {"model": ErrorResponse},
}
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    **ERRORS, 401: {"model": ErrorResponse}, 403: {"model": ErrorResponse}, 429: {"model": ErrorResponse},
}


def state(request: Request):
    return request.app.state.zhiku


class Filters(BaseModel):
    """Filters of listing and search (tag key or label; a label prefix such as 山东 matches 山东省)."""

    technology: str | None = Field(None, max_length=100)
    industry: str | None = Field(None, max_length=100)
    region: str | None = Field(None, max_length=100)
    organization: str | None = Field(None, max_length=100)
    source: str | None = Field(None, max_length=100)
    since: date | None = None
    until: date | None = None
    all_copies: bool = False

    def to_api(self) -> api.ArticleFilter:
        return api.ArticleFilter(technology=self.technology, industry=self.industry, region=self.region,
                                 organization=self.organization, source=self.source, since=_iso(self.since),
                                 until=_iso(self.until), canonical_only=not self.all_copies)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


FiltersQuery = Annotated[Filters, Query()]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"at most {MAX_PAGE}")]
Offset = Annotated[int, Query(ge=0, le=100_000)]
SearchText = Annotated[str, Query(max_length=200, description="terms; every term must occur")]


@router.get("/articles", responses=ERRORS, summary="List articles, newest first, with filters")
def list_articles(request: Request, filters: FiltersQuery, q: SearchText = "", limit: Limit = 20,
                  offset: Offset = 0) -> dict:
    return api.search_articles(state(request).store, q, filters.to_api(), limit=limit, offset=offset, facets=False)


@router.get("/articles/{record_id}", responses=ERRORS, summary="One article: the full record, its raw input and "
            "its cleaning log")
def get_article(request: Request, record_id: Annotated[str, Path(pattern=RECORD_ID)]) -> dict:
    st = state(request)
    record = api.get_record(st.store, record_id)
    if record is None:
        raise HTTPException(404, f"no article with id {record_id}")
    raw = st.store.get_raw(record.raw.sha256)
    raw_text = raw.decode(record.raw.encoding or "utf-8", errors="replace") if raw is not None else None
    return {
        "record": record.to_dict(),
        "raw": {**record.raw.model_dump(mode="json"), "size": len(raw) if raw is not None else None,
                "text": raw_text},
        "cleaning": [e.model_dump(mode="json") for e in record.cleaning],
        **api.article_context(st.store, record),
    }


@router.get("/search", responses=ERRORS, summary="Full-text search with snippets and facet counts")
def search(request: Request, filters: FiltersQuery, q: SearchText = "", limit: Limit = 20,
           offset: Offset = 0) -> dict:
    st = state(request)
    return search_page(st.store, st.facets, q, filters.to_api(), limit=limit, offset=offset)


@router.get("/trends", responses=ERRORS, summary="Articles per period for the leading tags of one kind")
def trends(request: Request, by: Literal["technology", "industry", "region", "organization"] = "technology",
           period: Literal["day", "week", "month", "quarter", "year"] = "month",
           top: Annotated[int, Query(ge=1, le=30)] = 8,
           since: date | None = None, until: date | None = None) -> dict:
    if since and until:
        periods = abs((until - since).days) // SHORTEST[period]
        if periods > MAX_PERIODS:
            raise QueryError(f"{since}..{until} by {period} is {periods} periods; at most {MAX_PERIODS}: "
                             "use a longer period or a shorter range")
    return api.trend_counts(state(request).store, by=by, period=period, top=top, since=_iso(since),
                            until=_iso(until))


@router.get("/trends/cooccurrence", responses=ERRORS, summary="Co-occurrence matrix, e.g. technology × industry")
def cooccurrence(request: Request,
                 rows: Literal["technology", "industry", "region", "organization"] = "technology",
                 cols: Literal["technology", "industry", "region", "organization"] = "industry",
                 top: Annotated[int, Query(ge=1, le=30)] = 12) -> dict:
    return api.cooccurrence(state(request).store, rows=rows, cols=cols, top=top)


FIGURE_COLUMNS = ["subject", "value", "unit", "raw", "qualifier", "year", "region", "title", "source",
                  "published_at", "record_id", "sentence"]


@router.get("/figures", responses={**ERRORS, 200: {"content": {"application/json": {}, "text/csv": {
    "schema": {"type": "string"}}}}}, summary="Extracted figures; format=csv downloads them")
def figures(request: Request, subject: Annotated[str | None, Query(max_length=100)] = None,
            region: Annotated[str | None, Query(max_length=100)] = None,
            year: Annotated[int | None, Query(ge=1900, le=2100)] = None,
            unit: Annotated[str | None, Query(max_length=40)] = None,
            limit: Annotated[int, Query(ge=1, le=5000)] = 200, offset: Offset = 0,
            format: Literal["json", "csv"] = "json") -> Any:
    table = api.figure_table(state(request).store, subject=subject, region=region, year=year, unit=unit,
                             limit=limit, offset=offset)
    if format == "json":
        return table
    return Response(figures_csv(table["items"]), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="zhiku-figures.csv"'})


def figures_csv(rows: list[dict]) -> str:
    """CSV with a BOM so spreadsheet programs read the Chinese; cells that start a formula are quoted inert."""
    buf = io.StringIO()
    buf.write("\ufeff")
    writer = csv.DictWriter(buf, FIGURE_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _inert(v) for k, v in row.items()})
    return buf.getvalue()


def _inert(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


@router.get("/stories", responses=ERRORS, summary="Stories: articles of one event across outlets")
def stories(request: Request, since: date | None = None, limit: Limit = 20,
            min_articles: Annotated[int, Query(ge=1, le=1000)] = 1) -> dict:
    return api.story_list(state(request).store, since=_iso(since), min_articles=min_articles, limit=limit)


class ReportRequest(BaseModel):
    """A period (given in either order) and a format."""

    model_config = ConfigDict(extra="forbid")

    since: date = Field(..., description="first day of the period")
    until: date = Field(..., description="last day of the period")
    format: Literal["html", "md"] = "html"

    @model_validator(mode="after")
    def _ordered(self) -> ReportRequest:
        if self.until < self.since:
            self.since, self.until = self.until, self.since
        return self


@router.get("/reports", responses=ERRORS, summary="Briefings generated on this server")
def list_reports(request: Request) -> dict:
    st = state(request)
    return {"items": reports.list_reports(st.config.reports_path(st.settings))}


@router.post("/reports", responses=ERRORS, status_code=201, summary="Generate a briefing for a period")
async def generate_report(request: Request, body: ReportRequest) -> dict:
    st = state(request)
    return await run_in_threadpool(reports.generate, st.store, st.settings, st.config.reports_path(st.settings),
                                   body.since.isoformat(), body.until.isoformat(), body.format,
                                   st.config.report_charts)


@router.get("/reports/{name}", responses={**ERRORS, 200: {"content": {
    "text/html": {"schema": {"type": "string"}}, "text/markdown": {"schema": {"type": "string"}}}}},
    response_class=FileResponse, summary="Download (or view with inline=true) a briefing")
def download_report(request: Request, name: Annotated[str, Path(max_length=120)], inline: bool = False) -> Any:
    st = state(request)
    path = reports.resolve(st.config.reports_path(st.settings), name)
    media = "text/html; charset=utf-8" if path.suffix == ".html" else "text/markdown; charset=utf-8"
    disposition = "inline" if inline else "attachment"
    return FileResponse(path, media_type=media, headers={
        "Content-Disposition": f'{disposition}; filename="{path.name}"',
        # A report is a document, never an app: no script runs in it even if an article smuggled one in.
        "Content-Security-Policy": "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox",
    })


# --- writing: only with the token ---------------------------------------------------------


def require_token(request: Request, authorization: Annotated[str | None, Header()] = None,
                  x_zhiku_token: Annotated[str | None, Header()] = None) -> None:
    """Write access: the configured token, compared in constant time; failures are rate-limited per client."""
    st = state(request)
    if st.read_only:
        raise HTTPException(403, "this server is read-only: no API token is configured")
    client = request.client.host if request.client else "unknown"
    if st.limiter.blocked(client):
        raise HTTPException(429, "too many failed token attempts; try later",
                            headers={"Retry-After": str(st.limiter.retry_after(client))})
    given = bearer(authorization) or x_zhiku_token
    if not token_matches(given, st.settings.api_token):
        st.limiter.fail(client)
        logger.warning("write API: bad or missing token from %s", client)
        raise HTTPException(401, "missing or wrong API token", headers={"WWW-Authenticate": "Bearer"})


class ArticleIn(BaseModel):
    """One article as plain text, as HTML, or as a URL for the server to fetch (exactly one of them)."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, max_length=2_000_000)
    html: str | None = Field(None, max_length=4_000_000)
    url: str | None = Field(None, max_length=2000, pattern=r"^https?://")
    title: str | None = Field(None, max_length=500)

    @model_validator(mode="after")
    def _one(self) -> ArticleIn:
        given = [n for n in ("text", "html", "url") if getattr(self, n)]
        if len(given) != 1:
            raise ValueError("give exactly one of text, html or url")
        return self


@router.post("/articles", responses=WRITE_ERRORS, status_code=201, dependencies=[Depends(require_token)],
             summary="Add an article (text, HTML or URL); needs the API token")
async def add_article(request: Request, body: ArticleIn) -> JSONResponse:
    st = state(request)
    report = await run_in_threadpool(_ingest_one, st, body)
    if report.refused:
        raise InputError(report.refused[0][0], report.refused[0][1])
    ids = report.new + report.updated + report.unchanged
    return JSONResponse({"ids": ids, "report": report.as_dict()}, status_code=201 if report.new else 200)


def _ingest_one(st, body: ArticleIn):
    from .ssrf import fetch_guarded, parse_networks

    if body.url:
        fetched = fetch_guarded(body.url, max_bytes=st.settings.max_input_bytes,
                                allowed=parse_networks(st.config.allow_networks), timeout=st.config.fetch_timeout)
        return api.ingest_bytes(st.store, fetched.content, fetched.url, st.settings, url=fetched.url)
    if body.html:
        return api.ingest_bytes(st.store, body.html.encode("utf-8"), "api:html", st.settings)
    text = f"{body.title}\n\n{body.text}" if body.title else body.text
    return api.ingest_bytes(st.store, (text or "").encode("utf-8"), "api:text", st.settings)


class CrawlIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sources: list[Annotated[str, Field(min_length=1, max_length=200)]] | None = Field(
        None, max_length=100, description="names of sources in the server's sources file; all when omitted")


@router.post("/crawl", responses={**WRITE_ERRORS, 501: {"model": ErrorResponse}}, status_code=202,
             dependencies=[Depends(require_token)], summary="Run one source now; needs the API token")
async def crawl(request: Request, body: CrawlIn) -> dict:
    st = state(request)
    if not st.config.sources_file:
        raise HTTPException(501, "crawling is not configured on this server (no [web] sources_file)")
    report = await run_in_threadpool(api.crawl, st.store, st.config.sources_file, body.sources, st.settings)
    return {**report.as_dict(), "new_ids": list(report.new), "updated_ids": list(report.updated)}
