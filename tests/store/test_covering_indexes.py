"""Migration 0005: the covering indexes exist on both backends and the trend query reads them."""

from __future__ import annotations

from sqlalchemy import inspect

from zhiku import api
from zhiku.store import open_store
from zhiku.use.query import Filters
from zhiku.use.trends import daily_counts


def test_covering_indexes_created_and_trends_use_them(store_url, seeds):
    with open_store(store_url) as store:
        assert len(api.ingest(list(seeds.values()), store).new) >= 5
        insp = inspect(store.engine)
        tag_indexes = {ix["name"]: ix["column_names"] for ix in insp.get_indexes("record_tags")}
        doc_indexes = {ix["name"]: ix["column_names"] for ix in insp.get_indexes("search_docs")}
        assert tag_indexes["ix_tags_kind_key_record"] == ["kind", "key", "record_id", "label"]
        assert doc_indexes["ix_search_docs_record_filters"] == ["record_id", "canonical", "published_at", "source"]
        counts = daily_counts(store, "technology", Filters())
        assert counts and all(n > 0 for n in counts.values())
        if store.dialect == "sqlite":
            with store.engine.connect() as conn:
                plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql(
                    "EXPLAIN QUERY PLAN SELECT record_id, key FROM record_tags WHERE kind = 'technology'"))
            assert "COVERING INDEX" in plan, plan


def test_refresh_statistics_lets_the_planner_see_the_tables(store_url, seeds):
    with open_store(store_url) as store:
        api.ingest(list(seeds.values()), store)
        store.refresh_statistics()
        with store.engine.connect() as conn:
            if store.dialect == "postgresql":
                analyzed = conn.exec_driver_sql(
                    "SELECT relname FROM pg_stat_user_tables WHERE schemaname = current_schema() "
                    "AND last_analyze IS NOT NULL").scalars().all()
                assert {"records", "record_tags", "search_docs", "dedupe_bands"} <= set(analyzed)
            else:
                tables = conn.exec_driver_sql("SELECT DISTINCT tbl FROM sqlite_stat1").scalars().all()
                assert {"records", "record_tags", "search_docs", "dedupe_bands"} <= set(tables)


def test_ingest_of_many_records_refreshes_statistics(store_url, seeds, monkeypatch):
    monkeypatch.setattr(api, "STATS_REFRESH_MIN", 3)  # the seeds stand in for a 1,000-record ingest
    with open_store(store_url) as store:
        assert len(api.ingest(list(seeds.values()), store).new) >= 3
        with store.engine.connect() as conn:
            if store.dialect == "postgresql":
                analyzed = conn.exec_driver_sql(
                    "SELECT relname FROM pg_stat_user_tables WHERE schemaname = current_schema() "
                    "AND last_analyze IS NOT NULL").scalars().all()
            else:
                analyzed = conn.exec_driver_sql("SELECT DISTINCT tbl FROM sqlite_stat1").scalars().all()
    assert "search_docs" in set(analyzed)
