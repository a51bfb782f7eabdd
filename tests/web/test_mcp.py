"""`zhiku mcp` served over stdio and queried by a real MCP client session (the official SDK)."""

from __future__ import annotations

import asyncio
import json
import sys

import pytest

from . import corpus

mcp = pytest.importorskip("mcp", reason="mcp is not installed (zhiku[web])")


async def _session_calls(db: str) -> dict:
    from mcp import ClientSession
    from mcp.client.stdio import StdioServerParameters, stdio_client

    params = StdioServerParameters(command=sys.executable, args=["-m", "zhiku", "-q", "mcp", "--db", db])
    out: dict = {}
    async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
        await session.initialize()
        out["tools"] = sorted(t.name for t in (await session.list_tools()).tools)
        for name, args in (("search", {"query": "大模型", "region": "山东"}),
                           ("get_article", {"article_id": corpus.XSS_ID}),
                           ("trends", {"by": "region"}),
                           ("figures", {"subject": "算力"}),
                           ("stories", {}),
                           ("get_article", {"article_id": "ffffffffffff"})):
            result = await session.call_tool(name, args)
            text = "".join(getattr(c, "text", "") for c in result.content)
            is_error = getattr(result, "is_error", None)
            if is_error is None:  # mcp 1.x
                is_error = getattr(result, "isError", False)
            out.setdefault(name, []).append((bool(is_error), text))
    return out


def _payload(text: str) -> dict:
    return json.loads(text)


def test_mcp_client_session_reads_search_article_trends_figures_stories(corpus_db):
    calls = asyncio.run(asyncio.wait_for(_session_calls(str(corpus_db[0])), timeout=120))
    assert calls["tools"] == ["figures", "get_article", "search", "stories", "trends"]

    error, text = calls["search"][0]
    assert not error
    hits = _payload(text)
    expected = {r.id for r in corpus_db[1] if "大模型" in r.text and any(g.name == "山东省" for g in r.regions)}
    assert {h["id"] for h in hits["items"]} == expected

    error, text = calls["get_article"][0]
    assert not error and _payload(text)["record"]["id"] == corpus.XSS_ID

    error, text = calls["trends"][0]
    assert not error and {s["label"] for s in _payload(text)["series"]} >= {"山东省", "北京市"}

    error, text = calls["figures"][0]
    assert not error and len(_payload(text)["items"]) == sum(len(r.figures) for r in corpus_db[1])

    assert not calls["stories"][0][0]
    error, text = calls["get_article"][1]
    assert error and "no article" in text
