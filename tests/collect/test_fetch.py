"""The polite fetcher against a real loopback server: limits, robots.txt, retries, conditional requests."""

from __future__ import annotations

import pytest

from zhiku.collect.fetch import Fetcher, RobotsDeniedError
from zhiku.errors import FetchError


def _fail_reason(fetcher: Fetcher, url: str) -> str:
    with pytest.raises(FetchError) as info:
        fetcher.fetch(url)
    assert info.value.source.endswith(url.rsplit("/", 1)[1]) or url in info.value.source
    return info.value.reason


def test_fetch_article_sends_user_agent_and_validators(news_site, policy):
    path = news_site.articles[0].path
    with Fetcher(policy) as f:
        got = f.fetch(news_site.url(path))
        assert got.status == 200 and got.etag == '"a0-v1"' and "人工智能" in got.content.decode("utf-8")
        again = f.fetch(news_site.url(path), etag=got.etag, last_modified=got.last_modified)
    assert again.not_modified and not again.content
    assert news_site.not_modified[path] == 1
    assert any(ua.startswith("zhiku/") and "robots" in ua for ua in news_site.user_agents)


def test_fetch_robots_disallowed_path_is_never_requested(news_site, policy):
    with Fetcher(policy) as f, pytest.raises(RobotsDeniedError) as info:
        f.fetch(news_site.url("/private/secret.html"))
    assert "robots.txt" in info.value.reason
    assert news_site.hits["/private/secret.html"] == 0 and news_site.hits["/robots.txt"] == 1


@pytest.mark.parametrize("path, reason", [
    ("/news/missing.html", "HTTP 404"),
    ("/news/broken.html", "HTTP 500 (after 2 attempts)"),
    ("/news/loop.html", "more than 3 redirects"),
    ("/news/huge.html", "byte limit"),
    ("/news/bomb.html", "byte limit (decompressed)"),
    ("/news/logo.png", "content type image/png not accepted"),
])
def test_fetch_failures_name_url_and_reason(news_site, policy, path, reason):
    with Fetcher(policy) as f:
        got = _fail_reason(f, news_site.url(path))
    assert reason in got


def test_fetch_slow_response_times_out_after_bounded_retries(news_site, fast_timeout):
    with Fetcher(fast_timeout) as f:
        reason = _fail_reason(f, news_site.url("/news/slow.html"))
    assert reason.startswith("timed out") and f"after {fast_timeout.retries + 1} attempts" in reason


def test_fetch_retries_server_errors_a_bounded_number_of_times(news_site, policy):
    with Fetcher(policy) as f, pytest.raises(FetchError):
        f.fetch(news_site.url("/news/broken.html"))
    assert news_site.hits["/news/broken.html"] == policy.retries + 1
    assert news_site.hits["/news/missing.html"] == 0


def test_fetch_reports_header_charset(news_site, policy):
    big5 = next(a for a in news_site.articles if a.encoding == "big5")
    with Fetcher(policy) as f:
        got = f.fetch(news_site.url(big5.path))
    assert got.charset == "big5"


def test_fetch_per_host_concurrency_limit_holds_with_many_workers(policy):
    from concurrent.futures import ThreadPoolExecutor
    from dataclasses import replace

    from tests.sites.server import FixtureServer, Page

    pages = {f"/p/{i}.html": Page(b"<html><body><p>\xe6\xad\xa3\xe6\x96\x87</p></body></html>", delay=0.05)
             for i in range(8)}
    with FixtureServer(pages) as server, Fetcher(replace(policy, concurrency=1)) as f:
        with ThreadPoolExecutor(max_workers=6) as pool:
            results = list(pool.map(lambda p: f.fetch(server.url(p)).status, pages))
    assert results == [200] * 8
    assert server.max_in_flight == 1


def test_fetch_refuses_non_http_urls(policy):
    with Fetcher(policy) as f, pytest.raises(FetchError, match="not an http"):
        f.fetch("file:///etc/passwd")


def test_fetch_robots_crawl_delay_slows_that_host(policy):
    from tests.sites.server import FixtureServer, Page

    robots = b"User-agent: *\nCrawl-delay: 3\nDisallow: /admin\n"
    with FixtureServer({"/robots.txt": Page(robots, content_type="text/plain")}) as server, Fetcher(policy) as f:
        assert f.allowed(server.url("/news/1.html")) and not f.allowed(server.url("/admin/x"))
        assert f._gate(server.url("/")).interval == 3.0
        assert f._gate("http://127.0.0.2:1/").interval == 1 / policy.rate
