"""Two writers ingesting copies of the same articles at the same time end as one writer would leave the store:
every article's copies in one cluster, every story's term index exactly its terms (no row twice, none stale).

Each writer decides copies and stories from what the store holds, then writes; without the store's writer
lock the other writer's copy could land between the two, and both writers made themselves the canonical copy
(two clusters for one article) or wrote a story's term rows from a stale reading (rows twice)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter

import pytest
from sqlalchemy import select

from zhiku.dedupe import tables as t
from zhiku.dedupe.index import term_entries
from zhiku.dedupe.stories import load_stories
from zhiku.store import open_store

from ..conftest import EVAL_DEV

SOGOU = EVAL_DEV / "news_zh_sogoucs_sample" / "dev.jsonl"
N = 40

WRITER = """
import sys
from zhiku import api
from zhiku.settings import Settings
from zhiku.store import open_store
with open_store(sys.argv[1]) as store:
    report = api.ingest([sys.argv[2]], store, Settings(batch_size=1))
print(len(report.new))
"""


def _copies(path, source: str) -> None:
    """One copy of each of the first N SogouCS articles with a body, as published by ``source``."""
    items = [json.loads(raw) for raw in SOGOU.read_text(encoding="utf-8").splitlines()]
    lines = []
    for k, item in enumerate([item for item in items if len(item.get("content") or "") > 200][:N]):
        lines.append(json.dumps({"url": f"https://{source}.example.cn/news/{k}.html", "source": source,
                                 "title": item.get("title") or f"新闻{k}", "text": item.get("content") or "",
                                 "published_at": "2024-03-15T08:00:00+08:00"}, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.skipif(not SOGOU.exists(), reason="../shared/eval-dev news set is absent")
def test_two_writers_at_once_leave_one_cluster_per_article_and_an_exact_story_index(store_url, tmp_path):
    with open_store(store_url):
        pass  # migrated once, before the writers race
    files = []
    for source in ("jia", "yi"):
        files.append(tmp_path / f"{source}.jsonl")
        _copies(files[-1], source)
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, store_url, str(f)], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE) for f in files]
    for w in writers:
        out, err = w.communicate(timeout=600)
        assert w.returncode == 0, err.decode()[-2000:]

    with open_store(store_url) as store:
        records = {r.url: r for r in store.iter_records()}
        assert len(records) == 2 * N
        by_url = {url: r for url, r in records.items()}
        split = []
        for k in range(N):
            a, b = by_url[f"https://jia.example.cn/news/{k}.html"], by_url[f"https://yi.example.cn/news/{k}.html"]
            if not (a.duplicates and b.duplicates and a.duplicates.canonical == b.duplicates.canonical):
                split.append(k)
        assert not split, f"copies of articles {split} were left in separate clusters"
        with store.engine.connect() as conn:
            rows = conn.execute(select(t.story_terms.c.story_id, t.story_terms.c.term,
                                       t.story_terms.c.first_day, t.story_terms.c.last_day)).all()
            story_ids = list(conn.execute(select(t.stories.c.story_id)).scalars())
            stories = load_stories(conn, story_ids)
    twice = [key for key, n in Counter((r.story_id, r.term) for r in rows).items() if n > 1]
    assert not twice, f"{len(twice)} story term rows written twice"
    expected = {(sid, term, *days) for sid, story in stories.items() for term in term_entries(story)[0]
                for days in [term_entries(story)[1]]}
    assert {tuple(r) for r in rows} == expected
    assert {r.story for r in records.values()} <= set(stories)
