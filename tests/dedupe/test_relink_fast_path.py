"""A stored record relinked to a new canonical copy keeps its indexed text: the dedupe and search index rows are
updated in place, not rebuilt, and the store ends exactly as a full rebuild leaves it."""

from __future__ import annotations

from zhiku import api
from zhiku.dedupe import index as dedupe_index
from zhiku.record import RawInfo, Record
from zhiku.store import open_store
from zhiku.store.base import mark_as_stored, text_as_stored
from zhiku.use import query
from zhiku.use import search as search_module

from ..conftest import seed_text
from ..scale.test_prepare import _state


def _sentences() -> list[str]:
    return [s + "。" for k in ("000", "002", "004") for s in seed_text(k).split("总结: ")[1].split("\n")[0].split("。")
            if len(s) > 12]


def _record(i: int, body: str, source: str, day: str) -> Record:
    return Record(id=f"{source}-{i}", url=f"https://{source}.example.cn/{i}.html", source=source, title=f"第{i}篇报道",
                  published_at=day, fetched_at=day, text=body,
                  raw=RawInfo(format="jsonl", sha256=f"{source}{i}", encoding="utf-8", origin="test"))


def _batches() -> tuple[list[Record], list[Record]]:
    """Short reprints first; then the full articles they were cut from, which become the canonical copies."""
    sentences = _sentences()
    short, full = [], []
    for i in range(6):
        body = sentences[i * 4:i * 4 + 8]
        short.append(_record(i, "".join(body[:5]), "short", "2024-03-10T08:00:00+08:00"))
        full.append(_record(i, "".join(body), "full", "2024-03-10T09:00:00+08:00"))
    return short, full


def _run(url, monkeypatch, fast: bool):
    calls: list[str] = []
    real = query.index_tokens

    def counted(text, *args):
        calls.append(text)
        return real(text, *args)

    with monkeypatch.context() as m:
        m.setattr(query, "index_tokens", counted)
        if not fast:
            m.setattr(search_module, "text_as_stored", lambda r: False)
            m.setattr(dedupe_index, "text_as_stored", lambda r: False)
        short, full = _batches()
        with open_store(url) as store:
            api.put_batch(store, short)
            before = dict((r.id, r.duplicates.canonical) for r in store.iter_records())
            calls.clear()
            api.put_batch(store, full)
            after = {r.id: r.duplicates.canonical for r in store.iter_records()}
            state = _state(store)
            with store.engine.connect() as conn:
                state["doc_rows"] = [tuple(r) for r in conn.exec_driver_sql(
                    "SELECT record_id, canonical, published_at, fetched_at, source FROM search_docs ORDER BY 1")]
                state["clusters"] = [tuple(r) for r in conn.exec_driver_sql(
                    "SELECT record_id, cluster_id, similarity FROM dedupe_docs ORDER BY 1")]
            hits = [h.id for h in search_module.search(store, "人工智能", limit=50, canonical_only=False).hits]
    return before, after, state, sorted(hits), calls


def test_relinked_copies_keep_their_index_text_and_end_as_a_rebuild(tmp_path, store_url, monkeypatch):
    before, after, fast_state, fast_hits, fast_calls = _run(store_url, monkeypatch, fast=True)
    relinked = [rid for rid in before if before[rid] != after[rid]]
    assert len(relinked) >= 4 and all(after[rid].startswith("full-") for rid in relinked)
    other = store_url.replace("zhiku.db", "rebuild.db") if "sqlite" in store_url else None
    if other is None:  # PostgreSQL: the same schema, emptied
        with open_store(store_url) as store, store.engine.begin() as conn:
            for name in ("search_docs", "story_terms", "stories", "dedupe_bands", "dedupe_docs", "dedupe_clusters",
                         "record_tags", "figures", "records", "raw_inputs"):
                conn.exec_driver_sql(f"DELETE FROM {name}")
        other = store_url
    _, _, slow_state, slow_hits, slow_calls = _run(other, monkeypatch, fast=False)
    assert fast_state == slow_state and fast_hits == slow_hits and len(fast_hits) >= 8
    # the full articles are tokenized once (title and body); the relinked copies only on the rebuild path
    assert len(fast_calls) == 2 * 6 and len(slow_calls) == 2 * (6 + len(relinked))


def test_a_changed_text_is_not_as_stored():
    rec = _batches()[0][0]
    assert not text_as_stored(rec)
    mark_as_stored(rec)
    assert text_as_stored(rec)
    assert not text_as_stored(rec.copy_with(text=rec.text + "补充一句。"))
    assert not text_as_stored(rec.copy_with(title="另一个标题"))
