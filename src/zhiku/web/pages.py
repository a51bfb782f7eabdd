"""The HTML pages (Chinese interface): Jinja2 templates with autoescape over the same zhiku.api calls as /api."""

from __future__ import annotations

import logging
from datetime import date, timedelta
from typing import Annotated
from urllib.parse import urlencode

import jinja2
from fastapi import APIRouter, Form, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool

from .. import api
from ..errors import ZhikuError
from . import highlight, reports
from .cache import search_page as cached_search

logger = logging.getLogger(__name__)

router = APIRouter(include_in_schema=False)

RAW_PAGE_CHARS = 200_000  # raw input shown on an article page; the API returns all of it
FILTER_NAMES = ("technology", "industry", "region", "organization", "source", "since", "until")
FACET_TITLES = {"technology": "AI技术", "industry": "行业", "region": "地区", "organization": "机构",
                "source": "来源", "month": "月份"}


def _environment() -> jinja2.Environment:
    from .app import TEMPLATES

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    env.globals["facet_titles"] = FACET_TITLES
    env.globals["kind_labels"] = highlight.KIND_LABELS
    env.globals["facet_href"] = facet_href
    env.filters["marked"] = marked
    env.filters["number"] = number
    return env


def number(value: float | None) -> str:
    """A figure's value for reading: digits grouped (6,500,000), a fraction kept (13.9), huge ones in e-notation."""
    if value is None:
        return ""
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.6g}"




def render(request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
    st = request.app.state.zhiku
    return templates.TemplateResponse(request, name, {"read_only": st.read_only, **context}, status_code=status)


def error_page(request: Request, status: int, reason: str) -> HTMLResponse:
    return render(request, "error.html", status=status, status_code=status, reason=reason)


def _params(request: Request) -> dict[str, str]:
    return {k: v for k, v in request.query_params.items() if k in (*FILTER_NAMES, "q") and v}


def url_with(params: dict[str, str], **changes: str | None) -> str:
    """/search with ``params`` changed (None removes a parameter); the page offset resets."""
    merged = {**params, **changes}
    return "/search?" + urlencode({k: v for k, v in merged.items() if v and k != "offset"})


def marked(text: str | None, spans) -> Markup:
    """``text`` escaped, with <mark> around the search matches (zhiku.use.search does the escaping)."""
    from ..use.search import mark_html

    return Markup(mark_html(text or "", [tuple(s) for s in spans or []]))


def facet_href(kind: str, key: str, label: str) -> str:
    """The search page filtered by this tag (people and policies have no filter: searched as text)."""
    if kind in api.FACET_KINDS:
        return "/search?" + urlencode({kind: key})
    return "/search?" + urlencode({"q": label})


def _filters(params: dict[str, str]) -> api.ArticleFilter:
    return api.ArticleFilter(**{k: params.get(k) or None for k in FILTER_NAMES})


templates = Jinja2Templates(env=_environment())


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    store = request.app.state.zhiku.store
    latest = api.search_articles(store, "", limit=12, facets=False)
    stories = api.story_list(store, min_articles=2, limit=8)  # stories told by several articles first
    if not stories["items"]:
        stories = api.story_list(store, limit=8)
    return render(request, "home.html", latest=latest, stories=stories)


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: Annotated[str, Query(max_length=200)] = "",
                offset: Annotated[int, Query(ge=0, le=100_000)] = 0) -> HTMLResponse:
    params = _params(request)
    for name in ("since", "until"):
        if params.get(name) and not _is_date(params[name]):
            raise HTTPException(400, f"{name}: not a date (YYYY-MM-DD)")
    if any(len(v) > 200 for v in params.values()):
        raise HTTPException(400, "a filter is longer than 200 characters")
    st = request.app.state.zhiku
    result = cached_search(st.store, st.facets, q, _filters(params), limit=20, offset=offset)
    labels = {(kind, f["key"]): f["label"] for kind, values in result["facets"].items() for f in values}
    active = [(k, params[k], labels.get((k, params[k]), params[k])) for k in FILTER_NAMES if params.get(k)]
    return render(request, "search.html", q=q, result=result, params=params, active=active, url_with=url_with,
                  offset=offset)


def _is_date(value: str) -> bool:
    import re

    return bool(re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value))


@router.get("/articles/{record_id}", response_class=HTMLResponse)
def article_page(request: Request, record_id: Annotated[str, Path(pattern=r"^[A-Za-z0-9_-]{4,64}$")]) -> HTMLResponse:
    store = request.app.state.zhiku.store
    record = api.get_record(store, record_id)
    if record is None:
        raise HTTPException(404, f"没有这篇文章：{record_id}")
    raw = store.get_raw(record.raw.sha256)
    raw_text = raw.decode(record.raw.encoding or "utf-8", errors="replace") if raw is not None else None
    if raw_text is not None and len(raw_text) > RAW_PAGE_CHARS:
        more = f"\n…（原始输入共 {len(raw_text)} 字符，完整内容见 /api/articles/{record.id}）"
        raw_text = raw_text[:RAW_PAGE_CHARS] + more
    from ..text.sentences import split_sentences

    sentences = split_sentences(record.text)
    figures = [(f, sentences[f.sentence].text if f.sentence is not None and 0 <= f.sentence < len(sentences) else "")
               for f in record.figures or []]
    return render(request, "article.html", record=record, paragraphs=highlight.paragraphs(record),
                  raw_text=raw_text, figures=figures, context=api.article_context(store, record))


@router.get("/trends", response_class=HTMLResponse)
def trends_page(request: Request,
                period: Annotated[str, Query(pattern="^(day|week|month|quarter|year)$")] = "month") -> HTMLResponse:
    store = request.app.state.zhiku.store
    data = {
        "technology": api.trend_counts(store, "technology", period),
        "industry": api.trend_counts(store, "industry", period),
        "region": api.trend_counts(store, "region", period, top=15),
        "heatmap": api.cooccurrence(store, "technology", "industry"),
    }
    return render(request, "trends.html", data=data, period=period)


@router.get("/figures", response_class=HTMLResponse)
def figures_page(request: Request, subject: Annotated[str, Query(max_length=100)] = "",
                 region: Annotated[str, Query(max_length=100)] = "",
                 year: Annotated[str, Query(pattern=r"^(\d{4})?$")] = "",
                 unit: Annotated[str, Query(max_length=40)] = "") -> HTMLResponse:
    table = api.figure_table(request.app.state.zhiku.store, subject=subject or None, region=region or None,
                             year=int(year) if year else None, unit=unit or None, limit=500)
    params = {k: v for k, v in {"subject": subject, "region": region, "year": year, "unit": unit}.items() if v}
    csv_url = "/api/figures?" + urlencode({**params, "format": "csv", "limit": 5000})
    return render(request, "figures.html", table=table, params=params, csv_url=csv_url)


@router.get("/reports", response_class=HTMLResponse)
def reports_page(request: Request, made: Annotated[str, Query(max_length=120)] = "") -> HTMLResponse:
    st = request.app.state.zhiku
    today = date.today()
    return render(request, "reports.html", items=reports.list_reports(st.config.reports_path(st.settings)),
                  made=made if reports.NAME.match(made) else "", since=(today - timedelta(days=30)).isoformat(),
                  until=today.isoformat(), error=None)


@router.post("/reports", response_class=HTMLResponse)
async def reports_generate(request: Request, since: Annotated[str, Form(pattern=r"^\d{4}-\d{2}-\d{2}$")],
                           until: Annotated[str, Form(pattern=r"^\d{4}-\d{2}-\d{2}$")],
                           format: Annotated[str, Form(pattern="^(html|md)$")] = "html"):
    st = request.app.state.zhiku
    try:
        made = await run_in_threadpool(reports.generate, st.store, st.settings, st.config.reports_path(st.settings),
                                       since, until, format, st.config.report_charts)
    except (ZhikuError, HTTPException) as exc:
        reason = exc.detail if isinstance(exc, HTTPException) else str(exc)
        return render(request, "reports.html", status=400, items=reports.list_reports(
            st.config.reports_path(st.settings)), made="", since=since, until=until, error=reason)
    return RedirectResponse(f"/reports?{urlencode({'made': made['name']})}", status_code=303)
