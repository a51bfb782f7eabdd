"""Fixtures for collection tests: the fixture news site on 127.0.0.1 and a fast, strict fetch policy."""

from __future__ import annotations

import pytest

from tests.sites.news import MAX_BYTES, site
from tests.sites.server import FixtureServer
from zhiku.collect.fetch import FetchPolicy


@pytest.fixture
def news_site():
    server = FixtureServer()
    with server:
        pages, arts = site(server.base)
        server.pages.update(pages)
        server.articles = arts
        yield server


@pytest.fixture
def policy() -> FetchPolicy:
    # timeouts generous enough for a loaded machine; the slow-page tests shorten them (see fast_timeout)
    return FetchPolicy(timeout=5.0, connect_timeout=5.0, retries=1, backoff=0.01, max_bytes=MAX_BYTES,
                       max_redirects=3, rate=500.0, concurrency=4)


@pytest.fixture
def fast_timeout(policy) -> FetchPolicy:
    """The policy with a read timeout well below the slow page's delay."""
    from dataclasses import replace

    from tests.sites.news import SLOW_DELAY

    return replace(policy, timeout=SLOW_DELAY / 4)


@pytest.fixture
def sqlite_store(tmp_path):
    """A SQLite store only (crawling logic does not depend on the backend; the contract tests use both)."""
    from zhiku.store import open_store

    s = open_store(f"sqlite:///{tmp_path / 'crawl.db'}")
    yield s
    s.close()
