"""``zhiku mcp``: the read operations (search, article, trends, figures, stories) as an MCP server over stdio.

Built with the official ``mcp`` SDK; every tool calls zhiku.api on the store named by the settings,
so an analyst's assistant sees exactly what the web API shows. Nothing here writes.
"""

from __future__ import annotations

import functools
import logging
from typing import Any

from .. import api
from ..errors import InputError, MissingExtra, ZhikuError
from ..settings import Settings
from ..store import Store, open_store

logger = logging.getLogger(__name__)

INSTRUCTIONS = ("zhiku (智库) holds Chinese AI-industry news as clean, deduplicated, tagged records. "
                "Search with Chinese terms (e.g. 大模型 医疗), then read an article by id.")


def build_server(settings: Settings, store: Store | None = None):
    """An MCP server whose tools read the store at ``settings.db``."""
    try:
        from mcp.server.mcpserver import MCPServer as Server
        from mcp.server.mcpserver.exceptions import ToolError
    except ImportError:
        try:
            from mcp.server.fastmcp import FastMCP as Server  # mcp 1.x
            from mcp.server.fastmcp.exceptions import ToolError
        except ImportError as exc:
            raise MissingExtra("web", "mcp") from exc

    def tool(fn):
        """Register ``fn`` as a tool; a ZhikuError reaches the client as a tool error with its reason."""

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            try:
                return fn(*args, **kwargs)
            except ZhikuError as exc:
                raise ToolError(str(exc)) from exc

        return server.tool()(wrapper)

    holder: dict[str, Store] = {}

    def db() -> Store:
        if "store" not in holder:
            holder["store"] = store or open_store(settings.db_url)
        return holder["store"]

    server = Server(name="zhiku", instructions=INSTRUCTIONS)

    @tool
    def search(query: str = "", technology: str | None = None, industry: str | None = None,
               region: str | None = None, organization: str | None = None, source: str | None = None,
               since: str | None = None, until: str | None = None, limit: int = 10) -> dict[str, Any]:
        """Search articles (Chinese full text plus filters); returns hits with snippets and facet counts."""
        filters = api.ArticleFilter(technology=technology, industry=industry, region=region,
                                    organization=organization, source=source, since=since, until=until)
        return api.search_articles(db(), query, filters, limit=max(1, min(limit, 50)))

    @tool
    def get_article(article_id: str) -> dict[str, Any]:
        """One article by id: the full record (clean text, tags with evidence, figures, summary, events)."""
        record = api.get_record(db(), article_id)
        if record is None:
            raise InputError(article_id, "no article with this id")
        return {"record": record.to_dict(), **api.article_context(db(), record)}

    @tool
    def trends(by: str = "technology", period: str = "month", top: int = 8) -> dict[str, Any]:
        """Articles per period (day, week, month, quarter, year) for the leading technologies, industries, regions or
        organizations."""
        return api.trend_counts(db(), by=by, period=period, top=max(1, min(top, 30)))

    @tool
    def figures(subject: str | None = None, region: str | None = None, year: int | None = None,
                unit: str | None = None, limit: int = 50) -> dict[str, Any]:
        """Extracted figures (numeric claims) with their article, filtered by subject, region, year, unit."""
        return api.figure_table(db(), subject=subject, region=region, year=year, unit=unit,
                                limit=max(1, min(limit, 500)))

    @tool
    def stories(since: str | None = None, min_articles: int = 1, limit: int = 20) -> dict[str, Any]:
        """Stories (one event reported by several articles), newest first."""
        return api.story_list(db(), since=since, min_articles=max(1, min_articles), limit=max(1, min(limit, 100)))

    return server


def serve_stdio(settings: Settings) -> None:
    """Run the MCP server on stdin/stdout until the client closes it."""
    build_server(settings).run("stdio")
