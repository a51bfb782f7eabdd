"""POST /api/crawl runs a source of the server's own sources file, with the token, against a loopback site."""

from __future__ import annotations

from tests.sites.news import site, sources_yaml
from tests.sites.server import FixtureServer

from .conftest import TOKEN, make_settings

FAST_CRAWL = {"rate": 200, "timeout": 5, "connect_timeout": 5, "retries": 0, "backoff": 0.01, "max_bytes": 200000}


def test_api_v1_crawl_runs_a_configured_source_with_the_token(web_db, tmp_path):
    from dataclasses import replace

    from fastapi.testclient import TestClient

    from zhiku.web.app import create_app

    server = FixtureServer()
    with server:
        pages, _ = site(server.base)
        server.pages.update(pages)
        sources = tmp_path / "sources.yaml"
        sources.write_text(sources_yaml(server.base), encoding="utf-8")
        settings = make_settings(web_db, sources_file=str(sources))
        settings = replace(settings, extra={**settings.extra, "crawl": FAST_CRAWL})
        with TestClient(create_app(settings)) as c:
            assert c.post("/api/crawl", json={"sources": ["one"]}).status_code == 401
            response = c.post("/api/crawl", json={"sources": ["one"]}, headers={"Authorization": f"Bearer {TOKEN}"})
            assert response.status_code == 202, response.text
            report = response.json()
            assert report["fetched"] >= 1 and len(report["new_ids"]) == 1, report
            article = c.get(f"/api/articles/{report['new_ids'][0]}").json()["record"]
            assert article["url"].startswith(server.base)
