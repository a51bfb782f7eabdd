"""The web app: ``create_app(settings)`` builds the FastAPI app (REST API under /api, HTML pages, /docs).

Everything here is a shell: handlers call zhiku.api and turn ZhikuError into one JSON error shape,
``{"error": {"status": 404, "code": "not-found", "reason": "…"}}``, on /api, or a Chinese error page.
Security headers (a strict Content-Security-Policy among them) go on every response, and request
bodies are capped before they are read.
"""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConfigError, FetchError, InputError, MissingExtra, QueryError, StoreError, ZhikuError
from ..settings import Settings
from ..store import Store, open_store
from .cache import FacetCache
from .security import CONTENT_SECURITY_POLICY, SECURITY_HEADERS, FailureLimiter

logger = logging.getLogger(__name__)

HERE = Path(__file__).parent
STATIC = HERE / "static"
TEMPLATES = HERE / "templates"

ERROR_STATUS: list[tuple[type[ZhikuError], int, str]] = [
    (FetchError, 422, "fetch-refused"),
    (InputError, 400, "bad-input"),
    (QueryError, 400, "bad-query"),
    (MissingExtra, 501, "not-installed"),
    (StoreError, 503, "store-unavailable"),
    (ConfigError, 500, "configuration"),
]
SERVER_REASONS = {"store-unavailable": "the database is unavailable (details in the server log)",
                  "configuration": "the server is misconfigured (details in the server log)"}
STATUS_CODES = {400: "bad-request", 401: "unauthorized", 403: "forbidden", 404: "not-found", 405: "method-not-allowed",
                409: "conflict", 413: "too-large", 415: "unsupported-media-type", 422: "invalid-request",
                429: "too-many-requests", 500: "internal-error", 501: "not-implemented", 503: "unavailable"}


@dataclass(frozen=True)
class WebConfig:
    """Settings of the web shell, read from the ``[web]`` table of zhiku.toml (Settings.extra["web"])."""

    max_body_bytes: int = 5 * 1024 * 1024
    allow_networks: tuple[str, ...] = ()  # networks URL ingestion may reach despite being private, e.g. "10.0.0.0/8"
    reports_dir: str | None = None
    auth_failures: int = 10  # failed token attempts allowed per client per minute
    fetch_timeout: float = 15.0
    sources_file: str | None = None  # the sources YAML that POST /api/crawl may run
    report_charts: bool = True  # draw charts into HTML briefings (matplotlib; a second or two each)
    facet_ttl: float = 30.0  # seconds facet counts of a search are reused (0 = always count afresh)
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_settings(cls, settings: Settings) -> WebConfig:
        raw = dict(settings.extra.get("web") or {})
        known = {k: raw.pop(k) for k in list(raw) if k in cls.__dataclass_fields__ and k != "extra"}
        if "allow_networks" in known:
            known["allow_networks"] = tuple(known["allow_networks"])
        return cls(**known, extra=raw)

    def reports_path(self, settings: Settings) -> Path:
        if self.reports_dir:
            return Path(self.reports_dir)
        url = settings.db_url
        if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
            return Path(url.split(":///", 1)[1]).expanduser().resolve().parent / "zhiku-reports"
        return Path("zhiku-reports").resolve()


class BodyLimit:
    """ASGI middleware: refuse bodies over ``limit`` bytes (declared or streamed) with 413, before reading them."""

    def __init__(self, app, limit: int):
        self.app = app
        self.limit = limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            return await _send_json(send, 413, f"request body is over the {self.limit}-byte limit")
        seen = 0
        responded = False

        async def limited_receive():
            # Over the limit mid-stream: answer 413 now and tell the app the client left.
            nonlocal seen, responded
            if responded:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    responded = True
                    await _send_json(send, 413, f"request body is over the {self.limit}-byte limit")
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message):
            if not responded:
                await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except Exception:
            if not responded:
                raise


class SecurityHeaders:
    """ASGI middleware: security headers on every response; a route may set its own CSP first."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                names = {k.lower() for k, _ in headers}
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", CONTENT_SECURITY_POLICY.encode()))
                for name, value in SECURITY_HEADERS.items():
                    if name.lower().encode() not in names:
                        headers.append((name.lower().encode(), value.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def _send_json(send, status: int, reason: str) -> None:
    import json

    body = json.dumps(error_body(status, reason), ensure_ascii=False).encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


def error_body(status: int, reason: str, code: str | None = None) -> dict:
    """The one error shape of the API."""
    return {"error": {"status": status, "code": code or STATUS_CODES.get(status, "error"), "reason": reason}}


def classify(exc: ZhikuError) -> tuple[int, str]:
    for kind, status, code in ERROR_STATUS:
        if isinstance(exc, kind):
            return status, code
    return 500, "internal-error"


class WebState:
    """What handlers share: settings, the store, the web config and the failure limiter."""

    def __init__(self, settings: Settings, store: Store | None = None):
        self.settings = settings
        self.config = WebConfig.from_settings(settings)
        self._store = store
        self.owns_store = store is None
        self.limiter = FailureLimiter(limit=self.config.auth_failures, window=60.0)
        self.facets = FacetCache(ttl=self.config.facet_ttl) if self.config.facet_ttl > 0 else None

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = open_store(self.settings.db_url)
        return self._store

    def close(self) -> None:
        if self._store is not None and self.owns_store:
            self._store.close()
            self._store = None

    @property
    def read_only(self) -> bool:
        return not self.settings.api_token


def create_app(settings: Settings | None = None, *, store: Store | None = None):
    """The zhiku web app over the store named by ``settings.db`` (or an open ``store``)."""
    from fastapi import FastAPI, Request
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import HTMLResponse, JSONResponse
    from fastapi.staticfiles import StaticFiles
    from starlette.exceptions import HTTPException as StarletteHTTPException

    from . import api_v1, pages

    settings = settings or Settings()
    state = WebState(settings, store)

    @asynccontextmanager
    async def lifespan(app):
        yield
        state.close()

    app = FastAPI(
        title="zhiku 智库 API",
        version="1",
        description="Clean, deduplicated, tagged records of China's AI-industry news. Read-only unless an API token "
                    "is configured; write endpoints take `Authorization: Bearer <token>`.",
        docs_url=None, redoc_url=None, lifespan=lifespan,
    )
    app.state.zhiku = state
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api_v1.router)
    app.include_router(pages.router)

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api") or request.url.path.startswith("/openapi")

    def render_error(request: Request, status: int, reason: str, code: str | None = None, headers=None):
        if wants_json(request):
            return JSONResponse(error_body(status, reason, code), status_code=status, headers=headers)
        return pages.error_page(request, status, reason)

    @app.exception_handler(ZhikuError)
    async def zhiku_error(request: Request, exc: ZhikuError):
        status, code = classify(exc)
        reason = exc.reason if isinstance(exc, InputError) and status == 422 else str(exc)
        if status >= 500 and not isinstance(exc, MissingExtra):
            # Details (database URL, paths) stay in the server log; the client learns only what failed.
            logger.error("%s %s failed: %s", request.method, request.url.path, exc)
            reason = SERVER_REASONS.get(code, "internal error (logged on the server)")
        return render_error(request, status, reason, code)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        reason = exc.detail if isinstance(exc.detail, str) else STATUS_CODES.get(exc.status_code, "error")
        return render_error(request, exc.status_code, reason, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError):
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ()) if p != 'body')}: {e.get('msg', '')}" for e in exc.errors()
        )
        return render_error(request, 422, problems or "invalid request", "invalid-request")

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        logger.exception("%s %s failed", request.method, request.url.path)
        return render_error(request, 500, "internal error (logged on the server)", "internal-error")

    @app.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    async def docs() -> HTMLResponse:
        return HTMLResponse((TEMPLATES / "docs.html").read_text(encoding="utf-8"))

    app.add_middleware(BodyLimit, limit=state.config.max_body_bytes)
    app.add_middleware(SecurityHeaders)  # outermost: the 413 of BodyLimit gets the headers too
    return app
