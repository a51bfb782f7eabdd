"""Parallel engines give the same records, record for record: serial, local processes, a real Dask LocalCluster."""

from __future__ import annotations

import json

import pytest

from zhiku.engine import run_shards, shards_from_paths, to_records, write_parquet
from zhiku.errors import InputError
from zhiku.settings import Settings

from ..conftest import seed_text


def _corpus(path, n=24):
    sentences = [s for k in ("000", "002", "004") for s in seed_text(k).split("总结: ")[1].split("\n")[0].split("。") if s]
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            body = "。".join(sentences[(i * 5 + j) % len(sentences)] for j in range(8)) + "。"
            fh.write(json.dumps({"title": f"第{i}篇", "text": body, "source": "测试",
                                 "fetched_at": "2024-03-15T00:00:00+08:00"}, ensure_ascii=False) + "\n")
            if i == 7:
                fh.write("{this line is broken\n")
    return path


def _run(path, engine, **kw):
    shards = [s for s in shards_from_paths([path], shard_size=5)]
    out = []
    for item in to_records(run_shards(shards, Settings(), engine, **kw)):
        out.append(("refused", item.source, item.reason) if isinstance(item, InputError) else item.to_json())
    return out


def test_engine_local_equals_serial(tmp_path):
    path = _corpus(tmp_path / "c.jsonl")
    serial = _run(path, "serial")
    assert len(serial) >= 25 and ("refused", f"{path}:9", serial[8][2]) == serial[8]
    assert _run(path, "local", workers=2) == serial


def test_engine_dask_localcluster_equals_serial(tmp_path):
    pytest.importorskip("distributed", reason="dask[distributed] not installed (pip install 'zhiku[distributed]')")
    path = _corpus(tmp_path / "c.jsonl", n=12)
    assert _run(path, "dask", workers=2) == _run(path, "serial")


def test_engine_parquet_in_and_out(tmp_path):
    pa = pytest.importorskip("pyarrow", reason="pyarrow not installed (pip install 'zhiku[distributed]')")
    import pyarrow.parquet as pq

    rows = [json.loads(x) for x in _corpus(tmp_path / "c.jsonl", n=6).read_text(encoding="utf-8").split("\n")
            if x.startswith('{"')]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "in.parquet")
    recs = list(to_records(run_shards(shards_from_paths([tmp_path / "in.parquet"], 4), Settings(), "serial")))
    assert [r.title for r in recs] == [r["title"] for r in rows]
    assert [r.raw.line for r in recs] == list(range(1, 7))
    n = write_parquet(recs, tmp_path / "out.parquet")
    table = pq.read_table(tmp_path / "out.parquet")
    assert n == 6 and table.column("title").to_pylist() == [r["title"] for r in rows]
