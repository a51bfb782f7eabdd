"""Briefings: generated for a period, listed, viewed inert and downloaded; no path reaches another file."""

from __future__ import annotations

import pytest

from .test_api import assert_error


def test_reports_generate_list_and_download(client):
    made = client.post("/api/reports", json={"since": "2024-01-01", "until": "2024-12-31", "format": "html"})
    assert made.status_code == 201, made.text
    name = made.json()["name"]
    assert name in [r["name"] for r in client.get("/api/reports").json()["items"]]
    download = client.get(f"/api/reports/{name}")
    assert download.status_code == 200 and "attachment" in download.headers["content-disposition"]
    assert "智库简报" in download.text or "<html" in download.text.lower()
    view = client.get(f"/api/reports/{name}", params={"inline": "true"})
    assert "sandbox" in view.headers["content-security-policy"]
    assert "<script>window.__xss" not in view.text
    assert "&lt;script&gt;window.__xss" in view.text  # the hostile article is in the briefing, escaped


def test_reports_html_embeds_its_charts(web_db):
    from fastapi.testclient import TestClient

    from zhiku.web.app import create_app

    from .conftest import make_settings

    with TestClient(create_app(make_settings(web_db, report_charts=True))) as c:
        made = c.post("/api/reports", json={"since": "2024-01-01", "until": "2024-12-31"}).json()
        html = c.get(f"/api/reports/{made['name']}").text
    assert "data:image/png;base64," in html
    assert "<script>window.__xss" not in html


def test_reports_page_generates_from_the_form(client):
    response = client.post("/reports", data={"since": "2024-01-01", "until": "2024-12-31", "format": "md"})
    assert response.status_code == 200 and 'id="report-made"' in response.text


@pytest.mark.parametrize("name", ["../zhiku.db", "..%2Fzhiku.db", "%2e%2e%2fzhiku.db", "..%5Czhiku.db",
                                  "%2Fetc%2Fpasswd", "brief-2024_2024-1.html%00.db", "brief-2024-01-01_2024-12-31-1.db",
                                  "....//zhiku.db"])
def test_reports_download_refuses_any_path_outside_the_folder(client, web_db, name):
    response = client.get(f"/api/reports/{name}")
    assert response.status_code == 404, response.text
    assert b"SQLite format" not in response.content


def test_reports_download_refuses_a_symlink_out_of_the_folder(client, web_db):
    folder = web_db.parent / "reports"
    folder.mkdir(exist_ok=True)
    (folder / "brief-2024-01-01_2024-12-31-9.html").symlink_to(web_db)
    assert_error(client.get("/api/reports/brief-2024-01-01_2024-12-31-9.html"), 404)


def test_reports_period_given_backwards_is_put_in_order(client):
    made = client.post("/api/reports", json={"since": "2024-05-01", "until": "2024-01-01", "format": "md"})
    assert made.status_code == 201, made.text
    assert made.json()["name"].startswith("brief-2024-01-01_2024-05-01-")


def test_reports_bad_dates_are_422(client):
    assert_error(client.post("/api/reports", json={"since": "2024-13-01", "until": "2024-01-01"}), 422)
