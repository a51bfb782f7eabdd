"""End to end in Debian's headless chromium (Playwright, no downloaded browser) against uvicorn on 127.0.0.1."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from . import corpus
from .conftest import OUTPUT

CHROMIUM = Path(os.environ.get("ZHIKU_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing: apt-get install chromium"),
]


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (zhiku[dev])")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    p = context.new_page()
    p.errors = []
    p.on("pageerror", lambda exc: p.errors.append(str(exc)))
    p.on("console", lambda msg: p.errors.append(msg.text) if msg.type == "error" else None)
    p.set_default_timeout(15_000)
    yield p
    context.close()


def shot(page, name: str) -> None:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUTPUT / f"{name}.png"), full_page=True)


def test_browser_search_facet_article_highlight_and_trends(page, live_server):
    page.goto(live_server.url + "/")
    assert page.locator("#latest .item").count() > 0
    shot(page, "01-home")

    page.fill("#home-q", "大模型")
    page.press("#home-q", "Enter")
    page.wait_for_url("**/search?q=*")
    total = int(page.locator("#results .item").count())
    assert total > 1
    assert page.locator("#results mark").first.inner_text() == "大模型"
    shot(page, "02-search")

    page.locator('.facet[data-kind="region"] a.facet-link', has_text="山东省").first.click()
    page.wait_for_url("**region=370000*")
    assert page.locator("#active-filters").inner_text().count("山东省") == 1
    filtered = page.locator("#results .item").count()
    assert 0 < filtered < total
    shot(page, "03-region-facet")

    page.locator("#results .item a.title").first.click()
    page.wait_for_url("**/articles/*")
    tech = page.locator("#clean-text a.tag-technology mark")
    assert tech.count() > 0
    assert tech.first.is_visible()
    assert tech.first.evaluate("el => getComputedStyle(el).backgroundColor") not in ("rgba(0, 0, 0, 0)", "")
    page.click("#raw-toggle summary")
    assert page.locator("#raw-text").is_visible() and page.locator("#clean-plain").is_visible()
    shot(page, "04-article")

    page.goto(live_server.url + "/trends")
    page.wait_for_selector("body[data-charts-drawn]")
    canvas = page.locator("#chart-technology canvas")
    assert canvas.count() >= 1
    box = canvas.first.bounding_box()
    assert box["width"] > 100 and box["height"] > 100
    assert page.locator("#chart-heatmap canvas").count() >= 1
    assert page.locator("#chart-region canvas").count() >= 1
    shot(page, "05-trends")
    assert not [e for e in page.errors if "Content Security Policy" in e or "Uncaught" in e], page.errors


def test_browser_hostile_article_cannot_run_script(page, live_server):
    for path in (f"/articles/{corpus.XSS_ID}", "/search?q=%E5%A4%A7%E6%A8%A1%E5%9E%8B", "/"):
        page.goto(live_server.url + path)
        page.wait_for_load_state("load")
        assert page.evaluate("() => window.__xss === undefined"), path
        assert page.title() != "pwned"
    page.goto(live_server.url + f"/articles/{corpus.XSS_ID}")
    assert "<script>window.__xss" in page.locator("#article-title").inner_text()
    page.hover("text=恶意来源")
    page.locator("#clean-text a", has_text="点我").count()
    assert page.evaluate("() => window.__xss === undefined")
    shot(page, "06-xss-inert")


def test_browser_csp_blocks_injected_inline_script(page, live_server):
    # Even a script element that got into the page (a bug in escaping) would not run: the CSP forbids it.
    page.goto(live_server.url + "/")
    page.evaluate("""() => { const s = document.createElement('script');
                             s.textContent = 'window.__xss = 9'; document.body.appendChild(s); }""")
    assert page.evaluate("() => window.__xss === undefined")


def test_browser_figures_and_reports_pages(page, live_server):
    page.goto(live_server.url + "/figures?subject=%E7%AE%97%E5%8A%9B")
    assert page.locator("#figures-table tr").count() > 1
    shot(page, "07-figures")
    page.goto(live_server.url + "/reports")
    page.fill('input[name="since"]', "2024-01-01")
    page.fill('input[name="until"]', "2024-12-31")
    page.click("#report-form button")
    page.wait_for_selector("#report-made")
    assert page.locator("#report-list tr").count() > 1
    shot(page, "08-reports")
    href = page.locator("#report-made a").get_attribute("href")
    page.goto(live_server.url + href)
    assert "2024-01-01" in page.content()
    assert page.evaluate("() => window.__xss === undefined")
    shot(page, "09-report-view")


def test_browser_openapi_docs_render_from_vendored_assets(page, live_server):
    requested: list[str] = []
    page.on("request", lambda req: requested.append(req.url))
    page.goto(live_server.url + "/docs")
    page.wait_for_selector(".opblock")
    assert page.locator(".opblock").count() >= 10
    assert all(url.startswith(live_server.url) or url.startswith("data:") for url in requested), requested
