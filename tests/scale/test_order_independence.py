"""A record does not depend on what its worker process read before: the same articles processed in opposite
orders, each order in a fresh worker process, give the same records (the engines' "record for record" promise;
a keyword cache once answered a term with the word split of another article)."""

from __future__ import annotations

import json

import pytest

from zhiku.engine import run_shards, shards_from_paths, to_records
from zhiku.settings import Settings

from ..conftest import EVAL_DEV

SOHU = EVAL_DEV / "dup_zh_sohu2021_text2vec" / "dev.jsonl"
SOGOU = EVAL_DEV / "news_zh_sogoucs_sample" / "dev.jsonl"
FETCHED = "2024-03-15T00:00:00+08:00"  # given: a record read without one is stamped with the time it was read


def _articles(n_sohu: int = 732, n_sogou: int = 150) -> list[str]:
    """Real news texts as JSON lines: Sohu 2021 headlines and bodies, SogouCS articles."""
    lines = []
    for raw in SOHU.read_text(encoding="utf-8").splitlines()[:n_sohu]:
        item = json.loads(raw)
        for key in ("text_a", "text_b"):
            if len(item[key]) > 60:
                lines.append(json.dumps({"title": item["id"] + key[-2:], "text": item[key], "fetched_at": FETCHED},
                                        ensure_ascii=False))
    for raw in SOGOU.read_text(encoding="utf-8").splitlines()[:n_sogou]:
        item = json.loads(raw)
        lines.append(json.dumps({"title": item.get("title") or "", "text": item.get("content") or "",
                                 "fetched_at": FETCHED}, ensure_ascii=False))
    return lines


def _process(path) -> dict[str, str]:
    shards = list(shards_from_paths([path], shard_size=10_000))
    out = {}
    for rec in to_records(run_shards(shards, Settings(), "local", workers=1)):  # a fresh worker process
        data = json.loads(rec.to_json())
        data["raw"].pop("line", None)  # where the input lay differs by construction
        data["raw"].pop("origin", None)
        out[rec.id] = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return out


@pytest.mark.skipif(not (SOHU.exists() and SOGOU.exists()), reason="../shared/eval-dev news sets are absent")
def test_records_do_not_depend_on_the_order_a_worker_reads_them(tmp_path):
    lines = _articles()
    forward, backward = tmp_path / "forward.jsonl", tmp_path / "backward.jsonl"
    forward.write_text("\n".join(lines) + "\n", encoding="utf-8")
    backward.write_text("\n".join(reversed(lines)) + "\n", encoding="utf-8")
    a, b = _process(forward), _process(backward)
    assert len(a) >= 400 and a.keys() == b.keys()
    differ = sorted(rid for rid in a if a[rid] != b[rid])
    assert not differ, f"{len(differ)} records differ by reading order, e.g. {differ[0]}"
