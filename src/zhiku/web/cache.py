"""A small time-bounded cache of facet counts: the costly part of a search page, the same for every page of it.

Counts may lag a write by at most ``ttl`` seconds; entries are bounded so memory stays flat.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import astuple
from typing import Any

from .. import api
from ..store import Store


class FacetCache:
    """(query, filters) → facet counts, each kept ``ttl`` seconds; least recently used dropped beyond ``size``."""

    def __init__(self, ttl: float = 30.0, size: int = 512, clock=time.monotonic):
        self.ttl = ttl
        self.size = size
        self.clock = clock
        self._data: OrderedDict[tuple, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple) -> Any | None:
        with self._lock:
            hit = self._data.get(key)
            if hit is None or self.clock() - hit[0] > self.ttl:
                self._data.pop(key, None)
                return None
            self._data.move_to_end(key)
            return hit[1]

    def put(self, key: tuple, value: Any) -> None:
        with self._lock:
            self._data[key] = (self.clock(), value)
            self._data.move_to_end(key)
            while len(self._data) > self.size:
                self._data.popitem(last=False)


def search_page(store: Store, cache: FacetCache | None, query: str, filters: api.ArticleFilter, *,
                limit: int, offset: int) -> dict:
    """``api.search_articles`` with its facet counts served from ``cache`` when fresh."""
    result = api.search_articles(store, query, filters, limit=limit, offset=offset, facets=False)
    key = (query.strip(), astuple(filters))
    facets = cache.get(key) if cache is not None else None
    if facets is None:
        facets = api.facets_for(store, query, filters)
        if cache is not None:
            cache.put(key, facets)
    result["facets"], result["facets_counted"] = facets
    return result
