"""Migration 0004_search on a database that already holds records: the index is backfilled."""

from __future__ import annotations

from zhiku.store import open_store
from zhiku.store.base import Store
from zhiku.use import search as search_mod
from zhiku.use.search import search

from ..conftest import store_at_revision
from .corpus import corpus, norm


def test_migration_backfills_index_for_existing_records(store_url, monkeypatch):
    old = store_at_revision(store_url, "0001_initial")  # a database from before search existed
    recs = corpus()[:40]
    with monkeypatch.context() as m:
        # written before the other index tables existed; the search hook sees no index table and skips
        m.setattr(Store, "write_hooks", [search_mod._write_hook])
        old.put_records(recs)
    old.close()
    store = open_store(store_url)  # migrates to every head: 0004_search creates and fills the index
    try:
        expected = {r.id for r in recs if "医疗" in norm(r.title) + "\n" + norm(r.text)}
        assert expected
        assert {h.id for h in search(store, "医疗", limit=100).hits} == expected
    finally:
        store.close()
