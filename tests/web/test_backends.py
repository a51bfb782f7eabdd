"""The API answers the same on every store backend (SQLite, and PostgreSQL when it is reachable)."""

from __future__ import annotations

from . import corpus


def test_api_v1_search_facets_trends_and_pages_on_each_backend(store_url, tmp_path):
    from fastapi.testclient import TestClient

    from zhiku.settings import Settings
    from zhiku.store import open_store
    from zhiku.web.app import create_app

    with open_store(store_url) as store:
        records = corpus.build(store)
    settings = Settings(db=store_url, extra={"web": {"reports_dir": str(tmp_path / "reports"), "report_charts": False}})
    with TestClient(create_app(settings)) as c:
        body = c.get("/api/search", params={"q": "大模型", "region": "山东"}).json()
        expected = {r.id for r in records if "大模型" in r.text and any(g.name == "山东省" for g in r.regions)}
        assert {i["id"] for i in body["items"]} == expected
        assert {f["key"]: f["count"] for f in body["facets"]["region"]}["370000"] == len(expected)
        assert sum(f["count"] for f in body["facets"]["month"]) == len(expected)
        trends = c.get("/api/trends", params={"by": "technology"}).json()
        assert {s["key"] for s in trends["series"]} >= {"large-model"}
        assert c.get(f"/articles/{records[0].id}").status_code == 200
        assert c.get("/api/figures", params={"subject": "算力"}).json()["items"]
        made = c.post("/api/reports", json={"since": "2024-01-01", "until": "2024-12-31", "format": "md"})
        assert made.status_code == 201, made.text
