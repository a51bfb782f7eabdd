"""REST API over a real SQLite corpus through FastAPI's test client: results, error shape, headers, limits."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from zhiku.store import open_store, schema

from . import corpus
from .conftest import TOKEN


def assert_error(response, status: int) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "code", "reason"}
    assert body["error"]["status"] == status and body["error"]["reason"]
    return body["error"]


def test_api_v1_articles_lists_canonical_records_with_pagination(client, corpus_db):
    page = client.get("/api/articles", params={"limit": 2}).json()
    assert page["total"] == len(corpus_db[1])
    assert len(page["items"]) == 2
    rest = client.get("/api/articles", params={"limit": 100, "offset": 2}).json()
    ids = [i["id"] for i in page["items"]] + [i["id"] for i in rest["items"]]
    assert sorted(ids) == sorted(r.id for r in corpus_db[1])


@pytest.mark.parametrize("params", [{"limit": 101}, {"limit": 0}, {"offset": -1}, {"since": "yesterday"}])
def test_api_v1_articles_refuses_out_of_range_paging_with_one_error_shape(client, params):
    assert_error(client.get("/api/articles", params=params), 422)


def test_api_v1_article_returns_record_raw_input_and_cleaning_log(client, corpus_db):
    record = corpus_db[1][0]
    body = client.get(f"/api/articles/{record.id}").json()
    assert body["record"]["id"] == record.id
    assert body["record"]["text"] == record.text
    assert body["record"]["ai_technologies"][0]["evidence"]
    assert body["raw"]["sha256"] == record.raw.sha256
    assert body["raw"]["size"] == len(record.raw_bytes)
    assert record.title in body["raw"]["text"]
    assert body["cleaning"] == [e.model_dump(mode="json") for e in record.cleaning]


@pytest.mark.parametrize("path", ["/api/articles/ffffffffffff", "/api/nothing-here", "/api/reports/brief-2024_2024-1.md"])
def test_api_v1_unknown_paths_give_404_in_the_error_shape(client, path):
    assert_error(client.get(path), 404)


def test_api_v1_search_counts_facets_as_an_independent_count_does(client, web_db):
    body = client.get("/api/search", params={"q": "大模型"}).json()
    assert body["total"] >= 2 and body["total_exact"] is True
    assert all("大模型" in (i["snippet"] + (i["title"] or "")) for i in body["items"])
    region_facets = {f["key"]: f["count"] for f in body["facets"]["region"]}
    with open_store(str(web_db)) as store:
        hits = {r.id for r in store.iter_records() if "大模型" in r.text or "大模型" in (r.title or "")}
        t = schema.record_tags.c
        with store.engine.connect() as conn:
            expected = dict(conn.execute(select(t.key, func.count()).where(t.kind == "region", t.record_id.in_(hits))
                                         .group_by(t.key)).all())
    assert region_facets == expected
    assert body["facets_counted"] is None


def test_pages_search_says_when_facets_count_only_the_newest_matches(client, monkeypatch):
    from zhiku.use import search as search_mod

    assert "facets-counted" not in client.get("/search", params={"q": "大模型"}).text
    monkeypatch.setattr(search_mod, "RANK_WINDOW", 1)
    html = client.get("/search", params={"q": "人工智能"}).text  # another query: facets are cached 30 s
    assert '<p class="muted" id="facets-counted">按最新 1 篇统计</p>' in html
    body = client.get("/api/search", params={"q": "算力"}).json()
    assert body["facets_counted"] == 1 and sum(f["count"] for f in body["facets"]["month"]) == 1


def test_api_v1_search_region_filter_keeps_only_tagged_records(client, corpus_db):
    body = client.get("/api/search", params={"q": "大模型", "region": "山东"}).json()
    expected = {r.id for r in corpus_db[1] if "大模型" in r.text and any(g.name == "山东省" for g in r.regions)}
    assert {i["id"] for i in body["items"]} == expected
    assert expected


@pytest.mark.parametrize("q", ['"大模型', "大模型 OR", "\x00", "a" * 300])
def test_api_v1_search_malformed_query_is_a_json_error_not_sql(client, q):
    response = client.get("/api/search", params={"q": q})
    if response.status_code == 200:
        assert "items" in response.json()
    else:
        err = assert_error(response, response.status_code)
        assert response.status_code in (400, 422)
        assert "sqlite" not in err["reason"].lower() and "syntax error" not in err["reason"].lower()


def test_api_v1_trends_and_heatmap_match_tag_counts(client, corpus_db):
    body = client.get("/api/trends", params={"by": "technology", "period": "month"}).json()
    totals = {s["key"]: sum(s["counts"]) for s in body["series"]}
    expected = {}
    for r in corpus_db[1]:
        for t in r.ai_technologies:
            expected[t.id] = expected.get(t.id, 0) + 1
    assert totals == {k: v for k, v in expected.items() if k in totals}
    assert set(totals) == set(expected)
    heat = client.get("/api/trends/cooccurrence", params={"rows": "technology", "cols": "industry"}).json()
    i, j = heat["row_keys"].index("large-model"), heat["col_keys"].index("Q")
    both = sum(1 for r in corpus_db[1] if any(t.id == "large-model" for t in r.ai_technologies)
               and any(t.id == "Q" for t in r.industries))
    assert heat["counts"][i][j] == both


def test_api_v1_figures_csv_download_has_every_row(client, corpus_db):
    response = client.get("/api/figures", params={"format": "csv", "subject": "算力"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    lines = response.text.lstrip("\ufeff").strip().splitlines()
    assert lines[0].startswith("subject,value,unit")
    assert len(lines) - 1 == sum(len(r.figures) for r in corpus_db[1])


def test_api_v1_stories_lists_stories(client):
    body = client.get("/api/stories").json()
    assert "items" in body


def test_api_v1_every_response_carries_security_headers(client, corpus_db):
    for path in ("/", "/api/articles", f"/articles/{corpus_db[1][0].id}", "/api/articles/zzzzzz", "/trends"):
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("style-src")[0]
        assert "object-src 'none'" in csp and "frame-ancestors 'none'" in csp
        assert headers["x-content-type-options"] == "nosniff"


def test_api_v1_openapi_schema_documents_the_endpoints(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/articles", "/api/articles/{record_id}", "/api/search", "/api/trends", "/api/figures",
                 "/api/stories", "/api/reports", "/api/crawl"):
        assert path in paths
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/static/swagger-ui/swagger-ui-bundle.js" in docs.text
    assert "cdn" not in docs.text.lower()


# --- writing --------------------------------------------------------------------------------------


def test_api_v1_write_is_refused_when_no_token_is_configured(web_db):
    from fastapi.testclient import TestClient

    from zhiku.web.app import create_app

    from .conftest import make_settings

    with TestClient(create_app(make_settings(web_db, token=None))) as c:
        err = assert_error(c.post("/api/articles", json={"text": "大模型" * 50}), 403)
        assert "read-only" in err["reason"]


def test_api_v1_post_article_text_with_token_stores_it(client, web_db):
    text = "人工智能大模型赋能制造业。" * 20
    response = client.post("/api/articles", json={"text": text, "title": "测试文章"},
                           headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 201, response.text
    new_id = response.json()["ids"][0]
    assert client.get(f"/api/articles/{new_id}").json()["record"]["title"] == "测试文章"


@pytest.mark.parametrize("body", [{}, {"text": "a", "url": "http://example.com/"}, {"url": "ftp://example.com/"}])
def test_api_v1_post_article_needs_exactly_one_input(client, body):
    assert_error(client.post("/api/articles", json=body, headers={"Authorization": f"Bearer {TOKEN}"}), 422)


def test_api_v1_wrong_token_is_401_then_rate_limited_and_never_echoed(client, caplog):
    wrong = "wrong-token-value-123"
    for _ in range(10):
        err = assert_error(client.post("/api/articles", json={"text": "x"}, headers={"Authorization": f"Bearer {wrong}"}),
                           401)
        assert wrong not in err["reason"] and TOKEN not in err["reason"]
    response = client.post("/api/articles", json={"text": "x"}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert_error(response, 429)
    assert int(response.headers["retry-after"]) >= 1
    assert TOKEN not in caplog.text and wrong not in caplog.text


def test_api_v1_token_comparison_is_constant_time(monkeypatch):
    import hmac

    from zhiku.web import security

    calls = []
    real = hmac.compare_digest
    monkeypatch.setattr(security.hmac, "compare_digest", lambda a, b: calls.append((a, b)) or real(a, b))
    assert security.token_matches("abc", "abc") and not security.token_matches("abd", "abc")
    assert len(calls) == 2
    assert not security.token_matches("", None) and not security.token_matches(None, "abc")


def test_api_v1_request_body_over_the_limit_is_413(web_db):
    from fastapi.testclient import TestClient

    from zhiku.web.app import create_app

    from .conftest import make_settings

    with TestClient(create_app(make_settings(web_db, max_body_bytes=1000))) as c:
        response = c.post("/api/articles", json={"text": "大" * 2000}, headers={"Authorization": f"Bearer {TOKEN}"})
        assert_error(response, 413)
        assert "content-security-policy" in response.headers


def test_api_v1_crawl_without_a_sources_file_is_501(client):
    assert_error(client.post("/api/crawl", json={}, headers={"Authorization": f"Bearer {TOKEN}"}), 501)
    assert_error(client.post("/api/crawl", json={}), 401)


# --- pages ---------------------------------------------------------------------------------------


def test_pages_escape_hostile_article_everywhere(client):
    pages = [client.get("/"), client.get("/search", params={"q": "大模型"}),
             client.get(f"/articles/{corpus.XSS_ID}"), client.get("/search", params={"region": "370000"})]
    for page in pages:
        assert page.status_code == 200
        html = page.text
        assert "<script>window.__xss" not in html
        assert '<img src="x"' not in html and "<b onmouseover" not in html
        assert 'href="javascript:' not in html
    assert "&lt;script&gt;window.__xss" in pages[2].text


def test_pages_article_highlights_each_tag_at_its_evidence(client, corpus_db):
    record = next(r for r in corpus_db[1] if r.ai_technologies and r.regions and r.id != corpus.XSS_ID)
    html = client.get(f"/articles/{record.id}").text
    assert 'class="tag tag-technology"' in html and 'class="tag tag-region"' in html
    assert "<mark>大模型</mark>" in html
    assert 'href="/search?technology=large-model"' in html


def test_pages_search_facet_links_filter(client):
    html = client.get("/search", params={"q": "大模型"}).text
    assert "region=370000" in html
    filtered = client.get("/search", params={"q": "大模型", "region": "370000"}).text
    assert 'id="active-filters"' in filtered


def test_pages_error_page_is_html_and_escaped(client):
    response = client.get("/articles/<script>")
    assert response.status_code in (404, 422)
    assert "<script>" not in response.text.split("<main>")[1]


def test_api_v1_store_failure_reason_hides_the_database_url(tmp_path):
    from fastapi.testclient import TestClient

    from zhiku.web.app import create_app

    from .conftest import make_settings

    secret_db = tmp_path / "secret-name-42.db"
    secret_db.write_bytes(b"this is not a database" * 100)
    with TestClient(create_app(make_settings(secret_db))) as c:
        err = assert_error(c.get("/api/articles"), 503)
    assert "secret-name-42" not in err["reason"] and err["code"] == "store-unavailable"


def test_api_v1_chunked_body_over_the_limit_is_413_without_content_length(web_db):
    from fastapi.testclient import TestClient

    from zhiku.web.app import create_app

    from .conftest import make_settings

    def chunks():
        for _ in range(10):
            yield b'{"text": "' + "大".encode() * 200 + b'"}'

    with TestClient(create_app(make_settings(web_db, max_body_bytes=1000))) as c:
        response = c.post("/api/articles", content=chunks(), headers={"Authorization": f"Bearer {TOKEN}",
                                                                       "Content-Type": "application/json"})
        assert "content-length" not in response.request.headers
        assert_error(response, 413)


def test_api_v1_trends_refuses_an_unbounded_number_of_periods(client):
    err = assert_error(client.get("/api/trends", params={"period": "day", "since": "1900-01-01",
                                                         "until": "2900-01-01"}), 400)
    assert err["code"] == "bad-query" and "periods" in err["reason"]
    assert client.get("/api/trends", params={"period": "month", "since": "2024-01-01",
                                             "until": "2024-12-31"}).status_code == 200
    # five centuries by year are 1,000 periods at most: allowed, where by day they were not
    body = client.get("/api/trends", params={"period": "year", "since": "1900-01-01", "until": "2899-12-31"}).json()
    assert len(body["periods"]) == 1000 and body["periods"][0] == "1900"


def test_api_v1_and_page_trends_by_quarter(client):
    body = client.get("/api/trends", params={"by": "technology", "period": "quarter"}).json()
    assert body["period"] == "quarter" and body["periods"]
    assert all(len(p) == 7 and p[4:6] == "-Q" for p in body["periods"])
    page = client.get("/trends", params={"period": "quarter"})
    assert page.status_code == 200 and '<option value="quarter" selected>' in page.text


def test_pages_article_links_only_http_urls(web_db):
    from fastapi.testclient import TestClient

    from zhiku.store import open_store
    from zhiku.web.app import create_app

    from .conftest import make_settings

    with open_store(str(web_db)) as store:
        evil = corpus.hostile().copy_with(id="0000xss0000beef2", url="javascript:window.__xss=5")
        store.put_records([evil])
    with TestClient(create_app(make_settings(web_db))) as c:
        html = c.get("/articles/0000xss0000beef2").text
    assert "javascript:window.__xss=5" not in html.split('id="raw-toggle"')[0]


def test_pages_home_story_lines_have_no_empty_fields(client, monkeypatch):
    """A story of undated articles from no named outlet had read "2 篇 · " with nothing after the dot; the icon is
    inline (no favicon 404)."""
    from zhiku.web import pages

    story = {"id": "s1", "title": "某故事", "articles": 2, "outlets": [], "first_date": None, "last_date": None,
             "members": []}
    monkeypatch.setattr(pages.api, "story_list", lambda *a, **k: {"items": [story]})
    html = client.get("/").text
    assert "某故事" in html and re.search(r"2 篇</div>", html)
    assert re.search(r"篇 · \s*(?:<|·)", html) is None
    assert 'rel="icon" href="data:image/svg+xml' in html


def test_pages_figure_values_read_as_numbers():
    """The 数值 column had printed 650万英镑 as 6.5e+06."""
    from zhiku.web.pages import number

    assert [number(v) for v in (6.5e6, 13.9, 4500.0, 1.2e19, None)] == ["6,500,000", "13.9", "4,500", "1.2e+19", ""]
