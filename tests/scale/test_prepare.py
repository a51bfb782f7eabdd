"""Workers derive what the store writer needs (fingerprint, story terms, search tokens); the writer uses those
values instead of recomputing them, only for the inputs they were made from, and stores exactly what it would
have stored from plain records."""

from __future__ import annotations

import json

import numpy as np
import pytest
from sqlalchemy import text

from zhiku import api
from zhiku.dedupe import minhash, stories
from zhiku.engine import run_shards, shards_from_paths, to_records
from zhiku.prepare import dialect_of
from zhiku.record import Keyword, Record
from zhiku.settings import Settings
from zhiku.store import open_store
from zhiku.use import query

from ..conftest import seed_text

NAMES = ("fingerprint", "story_terms")


def _corpus(path):
    """Articles recombined from the seeds' sentences, each third one reprinted by another outlet."""
    sentences = [s for k in ("000", "002", "004") for s in seed_text(k).split("总结: ")[1].split("\n")[0].split("。") if s]
    with path.open("w", encoding="utf-8") as fh:
        for i in range(12):
            body = "。".join(sentences[(i * 5 + j) % len(sentences)] for j in range(8)) + "。"
            day = f"2024-03-{10 + i % 3:02d}T00:00:00+08:00"
            for k, source in enumerate(("新华网", "人民网")[: 2 if i % 3 == 0 else 1]):
                fh.write(json.dumps({"title": f"第{i}篇", "text": body, "source": source, "published_at": day,
                                     "fetched_at": day, "url": f"https://news{k}.example.cn/{i}.html"},
                                    ensure_ascii=False) + "\n")
    return path


def _records(path, prepare, engine="local"):
    shards = list(shards_from_paths([path], shard_size=4))
    return list(to_records(run_shards(shards, Settings(), engine, workers=2, prepare=prepare)))


def _search_name(dialect):
    return "search_tsvector" if dialect == "postgresql" else "search_tokens"


def test_prepared_values_are_what_the_writer_computes(tmp_path):
    """Each record comes back with the values its JSON twin gives when computed from scratch in this process."""
    for dialect in ("sqlite", "postgresql"):
        recs = _records(_corpus(tmp_path / "c.jsonl"), dialect)
        assert len(recs) == 16
        for rec in recs:
            held = rec.derived_values
            assert set(held) == {*NAMES, _search_name(dialect)}
            twin = Record.from_json(rec.to_json())
            fp = minhash.fingerprint(twin.text)
            got = held["fingerprint"][1]
            assert (got.chars, got.body_hash, got.bands) == (fp.chars, fp.body_hash, fp.bands)
            assert np.array_equal(got.shingles, fp.shingles) and np.array_equal(got.signature, fp.signature)
            assert held["story_terms"][1] == stories.terms(twin) and len(held["story_terms"][1]) >= 3
            if dialect == "postgresql":
                assert held["search_tsvector"][1] == query.to_tsvector(twin.title, twin.text)
            else:
                title, body = held["search_tokens"][1]
                assert title == " ".join(query.index_tokens(twin.title)) and body.split()[:3] == query.index_tokens(
                    twin.text)[:3]


def test_writer_uses_prepared_values_and_stores_the_same(tmp_path, store_url, monkeypatch):
    """With every derivation counted in the writer's process, prepared records store without one; the store then
    holds what plain records (the writer deriving everything itself) give."""
    dialect = dialect_of(store_url)
    path = _corpus(tmp_path / "c.jsonl")
    prepared, plain = _records(path, dialect), _records(path, None)
    assert all(not r.derived_values for r in plain)
    calls: list[str] = []

    def counted(module, name):
        real = getattr(module, name)

        def wrapper(*args, **kwargs):
            calls.append(name)
            return real(*args, **kwargs)

        return wrapper

    with monkeypatch.context() as m:
        for module, name in ((minhash, "fingerprint"), (stories, "_terms"), (query, "index_tokens")):
            m.setattr(module, name, counted(module, name))
        with open_store(store_url) as store:
            api.put_batch(store, prepared)
            got = _state(store)
        assert calls == []
        with open_store(f"sqlite:///{tmp_path / 'count.db'}") as store:
            api.put_batch(store, [Record.from_json(plain[0].to_json())])
        assert {"fingerprint", "_terms", "index_tokens"} <= set(calls)
    other = store_url.replace("zhiku.db", "plain.db") if dialect == "sqlite" else None
    if other is None:  # PostgreSQL: the same schema, emptied
        with open_store(store_url) as store, store.engine.begin() as conn:
            for table in ("search_docs", "story_terms", "stories", "dedupe_bands", "dedupe_docs", "dedupe_clusters",
                          "record_tags", "figures", "records"):
                conn.exec_driver_sql(f"DELETE FROM {table}")
        other = store_url
    with open_store(other) as store:
        api.put_batch(store, plain)
        want = _state(store)
    assert got == want
    assert len({row[2] for row in want["records"]}) < len(want["records"])  # the reprints share a canonical
    assert want["search"] and want["story_terms"]


def _state(store):
    """What the write derived: records' links, dedupe docs and bands, story terms, the search index's text."""
    queries = {
        "records": "SELECT id, data_hash, canonical_id, story_id FROM records ORDER BY id",
        "docs": "SELECT record_id, cluster_id, body_hash, chars, shingles, signature FROM dedupe_docs ORDER BY record_id",
        "bands": "SELECT b.key, d.record_id FROM dedupe_bands b JOIN dedupe_docs d ON d.doc = b.doc ORDER BY 1, 2",
        "story_terms": "SELECT story_id, term, first_day, last_day FROM story_terms ORDER BY 1, 2",
        "search": ("SELECT d.record_id, f.title, f.body FROM search_docs d JOIN search_fts f ON f.rowid = d.rid "
                   "ORDER BY 1" if store.dialect == "sqlite" else
                   "SELECT record_id, tsv::text FROM search_docs ORDER BY 1"),
    }
    with store.engine.connect() as conn:
        return {name: [tuple(bytes(v) if isinstance(v, memoryview) else v for v in row)
                       for row in conn.execute(text(sql))] for name, sql in queries.items()}


def test_a_held_value_answers_only_for_its_inputs(tmp_path):
    """A record whose body or keywords change after a worker prepared it gets values of its new fields."""
    rec = _records(_corpus(tmp_path / "c.jsonl"), "sqlite")[1]
    old_fp, old_terms = minhash.record_fingerprint(rec), stories.terms(rec)
    assert minhash.record_fingerprint(rec) is old_fp  # held: not recomputed
    changed = rec.copy_with(text=rec.text + "另据报道，华为昇腾芯片出货量增长。")
    assert minhash.record_fingerprint(changed).body_hash == minhash.fingerprint(changed.text).body_hash
    assert minhash.record_fingerprint(changed).body_hash != old_fp.body_hash
    retagged = rec.copy_with(keywords=[Keyword(term="量子计算", score=0.9)])
    assert "量子计算" in stories.terms(retagged) and "量子计算" not in old_terms
    assert query.record_tokens(changed)[1].endswith("出货 货量 量增 增长")


def test_dask_workers_send_the_same_values(tmp_path):
    """A real Dask LocalCluster's workers prepare the same values as local worker processes."""
    pytest.importorskip("distributed", reason="dask[distributed] not installed (pip install 'zhiku[distributed]')")
    path = _corpus(tmp_path / "c.jsonl")
    local, dask = _records(path, "sqlite"), _records(path, "sqlite", "dask")
    assert [r.to_json() for r in dask] == [r.to_json() for r in local]
    for a, b in zip(local, dask, strict=True):
        held_a, held_b = a.derived_values, b.derived_values
        assert held_a.keys() == held_b.keys() == {*NAMES, "search_tokens"}
        assert held_a["story_terms"] == held_b["story_terms"] and held_a["search_tokens"] == held_b["search_tokens"]
        assert np.array_equal(held_a["fingerprint"][1].signature, held_b["fingerprint"][1].signature)
