"""A worker process that dies mid-shard (killed, out of memory) is a clear error naming the shard, on both engines."""

from __future__ import annotations

import json
import os
import signal

import pytest

from zhiku import engine
from zhiku.engine import run_shards, shards_from_paths
from zhiku.errors import EngineError
from zhiku.settings import Settings

from ..conftest import seed_text

real_process_shard = engine.process_shard


def die_on_poison(shard, settings, prepare=None):
    """The real shard processing, except that a shard holding the word 毒丸 kills its own worker process."""
    if any("毒丸" in line for line in shard.payload):
        os.kill(os.getpid(), signal.SIGKILL)
    return real_process_shard(shard, settings, prepare)


def _corpus(path, n=12, poison=7):
    body = seed_text("000").split("总结: ")[1].split("\n")[0]
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            text = body + ("毒丸" if i == poison else "")
            fh.write(json.dumps({"title": f"第{i}篇", "text": text}, ensure_ascii=False) + "\n")
    return path


@pytest.mark.parametrize("kind", ["local", "dask"])
def test_engine_lost_worker_names_the_shard(tmp_path, monkeypatch, kind):
    if kind == "dask":
        pytest.importorskip("distributed", reason="dask[distributed] not installed (pip install 'zhiku[distributed]')")
        import dask

        monkeypatch.setitem(dask.config.config, "distributed", dask.config.merge(
            dask.config.config.get("distributed", {}), {"scheduler": {"allowed-failures": 0}}))
    path = _corpus(tmp_path / "c.jsonl")
    monkeypatch.setattr(engine, "process_shard", die_on_poison)
    shards = list(shards_from_paths([path], shard_size=4))
    got = []
    with pytest.raises(EngineError) as err:
        for result in run_shards(shards, Settings(), kind, workers=2):
            got.append(result)
    message = str(err.value)
    # the pool dies as a whole: the first shard may or may not have come back before the poisoned one killed it
    assert len(got) in (0, 4) and [json.loads(r[0])["title"] for r in got] == [f"第{i}篇" for i in range(len(got))]
    stopped = f"{path} lines {len(got) + 1}-{len(got) + 4}"
    assert message.startswith(f"processing stopped at {stopped}: a worker process died"), message
    assert "run the command again" in message and err.value.exit_code == 6
