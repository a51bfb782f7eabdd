"""The local engine reads its input as it goes: a bounded window of shards is in flight, not the whole input."""

from __future__ import annotations

import json

from zhiku.engine import Shard, run_shards
from zhiku.settings import Settings


def test_local_engine_keeps_a_bounded_window_of_shards():
    line = json.dumps({"title": "人工智能产业", "text": "人工智能产业加快发展。工业和信息化部表示将加大支持。"},
                      ensure_ascii=False)
    pulled = 0

    def shards():
        nonlocal pulled
        for i in range(40):
            pulled += 1
            yield Shard("lines", f"mem{i}", (line,), 1)

    results = run_shards(shards(), Settings(), "local", workers=1)
    first = next(results)
    assert first[0] is not None  # a processed record came back
    assert pulled <= 3, f"{pulled} shards read before the first result (window is 2 x workers)"
    assert sum(1 for _ in results) == 39 and pulled == 40


def test_process_paths_reads_as_it_goes_and_honours_the_size_limit(tmp_path, monkeypatch):
    """The parallel path refuses a file over ``max_input_bytes`` as a one-process run does, and pulls its shards
    while results come back instead of listing the whole input first."""
    from zhiku import engine
    from zhiku.engine import process_paths
    from zhiku.errors import InputError

    small, big = tmp_path / "a.txt", tmp_path / "b.txt"
    small.write_text("人工智能产业加快发展。工业和信息化部表示将加大支持。", encoding="utf-8")
    big.write_text("大模型" * 400, encoding="utf-8")
    settings = Settings().with_overrides(max_input_bytes=600)
    items = list(process_paths([small, big], settings, "local", workers=1))
    refused = [i for i in items if isinstance(i, InputError)]
    assert [i.source for i in refused] == [str(big)] and "byte limit" in refused[0].reason
    assert len(items) == 2

    line = json.dumps({"title": "人工智能产业", "text": "人工智能产业加快发展。"}, ensure_ascii=False)
    pulled = 0

    def shards(paths, shard_size):
        nonlocal pulled
        for i in range(20):
            pulled += 1
            yield Shard("lines", f"mem{i}", (line,), 1)

    monkeypatch.setattr(engine, "shards_from_paths", shards)
    results = process_paths(["ignored"], Settings(), "local", workers=1)
    next(results)
    assert pulled <= 3
    assert sum(1 for _ in results) == 19 and pulled == 20
