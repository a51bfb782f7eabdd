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
