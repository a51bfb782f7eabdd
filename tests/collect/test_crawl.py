"""The crawler end to end against the fixture site: what it fetches, skips, reports, stores and re-fetches."""

from __future__ import annotations

import time

import opencc
import pytest

from tests.sites.news import TROUBLE, rss, sources_yaml
from zhiku.collect.crawl import Crawler
from zhiku.collect.frontier import Frontier
from zhiku.collect.sources import parse_sources
from zhiku.collect.urls import canonicalize_url
from zhiku.pipeline import Pipeline

_T2S = opencc.OpenCC("t2s")


def _sources(site, *names):
    import yaml

    return parse_sources(yaml.safe_load(sources_yaml(site.base))).select(list(names))


def _crawl(store, site, policy, *names):
    with Crawler(store, policy=policy, pipeline=Pipeline([])) as crawler:
        return crawler.crawl(_sources(site, *names))


def _records(store):
    return {r.url: r for r in store.iter_records()}


def test_crawl_feed_stores_articles_in_every_encoding(store, news_site, policy):
    report = _crawl(store, news_site, policy, "feed")
    records = _records(store)
    for art in news_site.articles[:3]:
        rec = records[news_site.url(art.path)]
        assert "\ufffd" not in rec.text
        assert _T2S.convert(art.paragraphs[1][:20]) in _T2S.convert(rec.text)
        assert _T2S.convert(rec.title) == _T2S.convert(art.title)
    assert {records[news_site.url(a.path)].raw.encoding for a in news_site.articles[:3]} == {
        "utf-8", "gb18030", "big5hkscs"}
    assert len(report.new) == 3 and len(records) == 3


def test_crawl_reports_every_failure_with_url_and_reason(sqlite_store, news_site, policy):
    report = _crawl(sqlite_store, news_site, policy, "feed")
    problems = {**dict(report.failed), **dict(report.skipped)}
    for path, reason in TROUBLE.items():
        assert reason in problems[news_site.url(path)], (path, problems.get(news_site.url(path)))
    assert [u for u, _ in report.skipped] == [news_site.url("/private/secret.html")]
    assert news_site.hits["/private/secret.html"] == 0
    frontier = Frontier(sqlite_store)
    assert dict(frontier.failures())[news_site.url("/news/missing.html")] == "HTTP 404"


def test_crawl_reports_slow_page_as_timed_out(sqlite_store, news_site, fast_timeout):
    report = _crawl(sqlite_store, news_site, fast_timeout, "slow")
    assert [u for u, _ in report.failed] == [news_site.url("/news/slow.html")]
    assert "timed out" in report.failed[0][1] and not report.new


def test_crawl_rerun_fetches_only_what_changed(store, news_site, policy):
    _crawl(store, news_site, policy, "feed")
    first = dict(news_site.hits)
    again = _crawl(store, news_site, policy, "feed")
    assert news_site.not_modified["/feed.xml"] == 1
    assert not again.new and not again.fetched
    # a 404 is not asked again; a 500 is (a bounded number of times per run)
    assert news_site.hits["/news/missing.html"] == 1
    assert news_site.hits["/news/broken.html"] == 2 * (policy.retries + 1)
    assert [u for u, _ in again.failed] == [news_site.url("/news/broken.html")]
    for art in news_site.articles[:3]:
        assert news_site.hits[art.path] == first[art.path] == 1
    # a new item in the feed: the feed and that article are fetched, nothing else that succeeded before
    fresh = news_site.articles[3]
    news_site.pages["/feed.xml"].body = rss(news_site.base, [a.path for a in news_site.articles])
    news_site.pages["/feed.xml"].etag = '"feed-v2"'
    third = _crawl(store, news_site, policy, "feed")
    assert third.new and news_site.hits[fresh.path] == 1
    for art in news_site.articles[:3]:
        assert news_site.hits[art.path] == 1
    assert len(_records(store)) == 4


def test_crawl_listing_canonicalizes_tracking_links(sqlite_store, news_site, policy):
    report = _crawl(sqlite_store, news_site, policy, "list")
    urls = set(_records(sqlite_store))
    assert urls == {news_site.url(a.path) for a in news_site.articles}
    assert not report.failed and "/about.html" not in news_site.hits


def test_crawl_sitemap_obeys_exclude_and_single_url_revisits_conditionally(sqlite_store, news_site, policy):
    _crawl(sqlite_store, news_site, policy, "map")
    assert news_site.hits["/news/2024/ai-chips.html"] == 0
    _crawl(sqlite_store, news_site, policy, "one")
    rec = _records(sqlite_store)[news_site.url("/news/2024/ai-chips.html")]
    assert rec.url == canonicalize_url(news_site.url("/news/2024/ai-chips.html?wfr=spider&for=pc"))
    again = _crawl(sqlite_store, news_site, policy, "one")
    assert again.unchanged and not again.new and news_site.not_modified["/news/2024/ai-chips.html"] == 1
    assert len(_records(sqlite_store)) == 4


def test_crawl_same_article_under_two_urls_is_one_record(sqlite_store, news_site, policy):
    _crawl(sqlite_store, news_site, policy, "list")
    _crawl(sqlite_store, news_site, policy, "map")
    assert len(_records(sqlite_store)) == len(news_site.articles)


@pytest.mark.parametrize("bad, message", [
    ({"sources": [{"name": "x", "type": "feed"}]}, "needs 'url'"),
    ({"sources": [{"name": "x", "type": "listing", "url": "http://127.0.0.1/"}]}, "link_pattern"),
    ({"sources": [{"name": "x", "type": "ftp", "url": "http://127.0.0.1/"}]}, "not one of"),
    ({"sources": [{"name": "x", "url": "http://127.0.0.1/", "interval": "soon"}]}, "not a duration"),
    ({"sources": [{"name": "x", "url": "http://127.0.0.1/"}, {"name": "x", "url": "http://127.0.0.1/"}]}, "twice"),
])
def test_sources_file_errors_name_source_and_field(bad, message):
    from zhiku.errors import ConfigError

    with pytest.raises(ConfigError, match=message):
        parse_sources(bad, "sources.yaml")


def test_sources_example_file_is_valid():
    from importlib import resources

    from zhiku.collect.sources import load_sources

    path = resources.files("zhiku") / "data" / "sources.example.yaml"
    sources = load_sources(str(path))
    assert {s.kind for s in sources.sources} == {"feed", "sitemap", "listing", "url"}
    xinhua = sources.select(["xinhua-sitemap"])[0]
    assert xinhua.wants("https://www.news.cn/tech/2024/a.htm") and not xinhua.wants("https://www.news.cn/photo/1")


def test_crawl_watch_visits_a_source_again_only_when_its_interval_has_passed(sqlite_store, news_site, policy):
    rounds, checks = [], iter(range(3))
    with Crawler(sqlite_store, policy=policy, pipeline=Pipeline([])) as crawler:
        sources = _sources(news_site, "list")
        crawler.watch(sources, on_round=rounds.append, stop=lambda: next(checks, None) is None, tick=0.01)
        assert len(rounds) == 1 and len(rounds[0].new) == len(news_site.articles)
        assert news_site.hits["/list.html"] == 1
        assert not crawler.is_due(sources[0])
        assert crawler.is_due(sources[0], now=time.time() + 3601)
