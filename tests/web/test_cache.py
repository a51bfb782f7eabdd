"""The facet cache: fresh for its time to live, bounded in size."""

from __future__ import annotations

from zhiku.web.cache import FacetCache


def test_cache_facets_expire_after_ttl_and_stay_bounded():
    now = [0.0]
    cache = FacetCache(ttl=30, size=2, clock=lambda: now[0])
    cache.put(("a",), 1)
    cache.put(("b",), 2)
    assert cache.get(("a",)) == 1
    cache.put(("c",), 3)  # ("b",) is the least recently used
    assert cache.get(("b",)) is None and cache.get(("c",)) == 3
    now[0] = 31.0
    assert cache.get(("a",)) is None
