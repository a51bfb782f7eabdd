"""The store contract, on SQLite and PostgreSQL: put, get, re-put, raw input kept, batches."""

from __future__ import annotations

from zhiku import api
from zhiku.collect.files import read_path
from zhiku.record import Figure, Keyword, Tag
from zhiku.store import open_store

from ..conftest import seed_path


def _records(key: str):
    return [r for r in read_path(seed_path(key))]


def test_store_put_get_roundtrip(store):
    rec = _records("000")[0]
    put = store.put_records([rec])
    assert put.new == [rec.id]
    got = store.get(rec.id)
    assert got is not None
    assert got.to_json() == rec.to_json()
    assert store.get_raw(rec.raw.sha256) == seed_path("000").read_bytes()


def test_store_reput_same_record_is_unchanged(store):
    rec = _records("002")[0]
    store.put_records([rec])
    again = _records("002")[0]
    again.fetched_at = rec.fetched_at
    put = store.put_records([again])
    assert put.unchanged == [rec.id] and not put.new
    assert store.count() == 1


def test_store_update_replaces_tags(store):
    rec = _records("004")[0]
    rec.keywords = [Keyword(term="飞桨", score=0.5)]
    rec.ai_technologies = [Tag(id="deep-learning-framework", label="深度学习框架", score=1.0)]
    rec.figures = [Figure(raw="4000亿元", value=4e11, unit="CNY", subject="人工智能核心产业规模")]
    store.put_records([rec])
    rec2 = rec.copy_with(keywords=[Keyword(term="大模型", score=0.7)])
    put = store.put_records([rec2])
    assert put.updated == [rec.id]
    assert [k.term for k in store.get(rec.id).keywords] == ["大模型"]
    assert store.stats()["record_tags"] == 2  # one keyword + one technology
    assert store.stats()["figures"] == 1


def test_store_get_by_unique_prefix(store):
    rec = _records("000")[0]
    store.put_records([rec])
    assert store.get(rec.id[:8]).id == rec.id
    assert store.get("zzzzzzzz") is None


def test_store_iter_records_streams_all(store):
    recs = [r for k in ("000", "002", "004") for r in _records(k)]
    store.put_records(recs)
    assert sorted(r.id for r in store.iter_records(batch=1)) == sorted(r.id for r in recs)


def test_ingest_twice_creates_no_duplicate(store_url, seeds):
    with open_store(store_url) as store:
        first = api.ingest(list(seeds.values()), store)
        second = api.ingest(list(seeds.values()), store)
        assert len(first.new) >= 5 and not first.refused
        assert not second.new and len(second.unchanged) == len(first.new)
        assert store.count() == len(first.new)
