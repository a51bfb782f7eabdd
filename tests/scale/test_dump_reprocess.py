"""Whole-database export/import between backends, and reprocessing from stored raw inputs."""

from __future__ import annotations

import io

from zhiku import api
from zhiku.export.dump import load_dump, write_dump
from zhiku.pipeline import Pipeline
from zhiku.reprocess import is_stale, parse_since, plan, reprocess
from zhiku.settings import Settings
from zhiku.store import open_store

from ..conftest import SAMPLE


def _dump(store) -> str:
    buf = io.StringIO()
    write_dump(store, buf)
    return buf.getvalue()


def test_dump_roundtrip_between_backends_is_lossless(tmp_path, store_url):
    with open_store(f"sqlite:///{tmp_path / 'a.db'}") as a:
        api.ingest([SAMPLE], a)
        first = _dump(a)
    with open_store(store_url) as b:
        counts = load_dump(b, io.StringIO(first))
        assert counts["new"] == counts["records"] >= 5
        second = _dump(b)
    with open_store(f"sqlite:///{tmp_path / 'c.db'}") as c:
        load_dump(c, io.StringIO(second))
        third = _dump(c)
    assert first == second == third


def test_reprocess_only_stale_records(store_url):
    with open_store(store_url) as store:
        api.ingest([SAMPLE], store)
        pipe = Pipeline.from_settings(Settings())
        fresh = plan(store, pipe, batch=2)  # pages of two rows: the keyset paging is crossed
        assert fresh.stale == 0 and fresh.records == len(list(store.iter_records())) >= 5
        # pretend one record was made by an older pipeline
        rec = next(store.iter_records())
        rec.versions = {name: "0" for name in rec.versions} or {"old-stage": "0"}
        store.put_records([rec])
        todo = plan(store, pipe, batch=2)
        assert todo.stale == (1 if pipe.stages else 0)
        assert todo.raw_shas == [rec.raw.sha256]
        assert todo.origins == {rec.raw.sha256: (rec.raw.origin, rec.raw.line)} and rec.raw.origin
        assert plan(store, pipe, since={"tag": "0"}).stale == 0  # asked for tag >= 0: nothing older
        assert plan(store, pipe, since={"tag": "1"}).raw_shas == [rec.raw.sha256]
        # every record made from that raw input (a page may hold several articles) is rebuilt
        siblings = [r for r in store.iter_records() if r.raw.sha256 == rec.raw.sha256]
        _, report = reprocess(store, Settings())
        assert len(report.updated) == (1 if pipe.stages else 0)
        assert len(report.updated) + len(report.unchanged) == (len(siblings) if pipe.stages else 0)
        assert plan(store, pipe).stale == 0


def test_reprocess_since_version_semantics():
    since = parse_since(["tag=2.0", "keywords=1.10"])
    assert is_stale({"tag": "1.9", "keywords": "1.10"}, {}, since)
    assert not is_stale({"tag": "2.0", "keywords": "1.10"}, {}, since)
    assert is_stale({"tag": "2.0", "keywords": "1.9"}, {}, since)  # 1.9 < 1.10: versions compare numerically
    assert not is_stale({"tag": "2.0", "keywords": "1.10"}, {"tag": "3"}, since)  # since decides, not current
    assert is_stale({"tag": "2.0"}, {}, since)
    assert is_stale({"tag": "1"}, {"tag": "2"}) and not is_stale({"tag": "2"}, {"tag": "2"})


def test_reprocess_on_workers_stores_what_serial_reprocess_stores(tmp_path, store_url):
    """Stale records rebuilt by local worker processes (which also derive the writer's values) end as the serial
    reprocess leaves them."""
    from .test_prepare import _corpus, _state

    corpus = _corpus(tmp_path / "c.jsonl")
    states = []
    for url, engine in ((store_url, "local"), (f"sqlite:///{tmp_path / 'serial.db'}", "serial")):
        with open_store(url) as store:
            api.ingest([corpus], store)
            old = [r.copy_with(versions={name: "0" for name in r.versions}) for r in store.iter_records()]
            store.put_records(old)  # as if an older pipeline had made them
            todo, report = reprocess(store, Settings(), engine=engine, workers=2)
            assert todo.stale == len(old) == 16 and len(report.updated) == 16
            states.append(_state(store))
    if "sqlite" not in store_url:  # the search text is a tsvector there
        for state in states:
            state.pop("search")
    assert states[0] == states[1]
