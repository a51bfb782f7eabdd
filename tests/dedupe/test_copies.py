"""Copies: exact and near copies of the sample articles join one cluster with one canonical record."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from zhiku import api
from zhiku.dedupe.copies import credited_outlet, is_copy
from zhiku.dedupe.minhash import fingerprint, normalize, permutations

from .corpus import UNRELATED, Doc, build, pair_scores, seeds, variants

FLOORS = json.loads((Path(__file__).resolve().parents[2] / "eval" / "floors.json").read_text(encoding="utf-8"))


def _ingest(store, docs: list[Doc], batch_size: int = 200):
    return api.store_items(store, (d.record() for d in docs), batch_size=batch_size)


def _clusters(store) -> dict[str, str]:
    return {r.raw.origin: r.duplicates.cluster for r in store.iter_records()}


def test_minhash_signature_equals_datasketch_legacy():
    from datasketch import MinHash

    fp = fingerprint(seeds()["000"].text)
    m = MinHash(num_perm=128, seed=1, hashfunc=int, scheme="legacy")
    assert np.array_equal(m.permutations, np.array(permutations()))
    m.update_batch([int(h) for h in fp.shingles])
    assert np.array_equal(m.hashvalues.astype(np.uint32), fp.signature)


@pytest.mark.parametrize("kind", ["traditional", "punctuation", "new-title", "exact"])
def test_minhash_normalize_ignores_script_and_punctuation(kind):
    import random

    docs = {d.kind: d for d in variants("000", seeds()["000"], random.Random(1))}
    assert normalize(docs[kind].text) == normalize(docs["original"].text)


@pytest.mark.parametrize("kind", ["first-half", "paragraphs-dropped", "chrome", "first-half+chrome",
                                  "traditional+dropped"])
def test_copies_reprint_is_copy_of_original(kind):
    import random

    for key, record in seeds().items():
        docs = {d.kind: d for d in variants(key, record, random.Random(3))}
        ok, sim = is_copy(fingerprint(docs[kind].text), fingerprint(docs["original"].text))
        assert ok, (key, kind, sim)


def test_copies_same_topic_articles_are_not_copies():
    texts = [r.text for r in seeds().values()] + [d.text for d in UNRELATED]
    fps = [fingerprint(t) for t in texts]
    for i in range(len(fps)):
        for j in range(i + 1, len(fps)):
            ok, sim = is_copy(fps[i], fps[j])
            assert not ok, (i, j, sim)


def test_copies_corpus_ingested_twice_one_canonical_per_article(store):
    docs = build()
    first = _ingest(store, docs, batch_size=7)  # small batches: copies meet both in the batch and in the index
    second = _ingest(store, docs)
    assert len(first.new) == len(docs)
    assert len(second.unchanged) == len(docs) and not second.new and not second.updated
    precision, recall, tp, fp, fn = pair_scores(_clusters(store), docs)
    print(f"dedupe pairs: precision {precision:.3f} recall {recall:.3f} (tp {tp}, fp {fp}, fn {fn})")
    assert precision >= FLOORS["dedupe_pair_precision"]
    assert recall >= FLOORS["dedupe_pair_recall"]
    by_group: dict[str, list] = {}
    group_of = {d.key: d.group for d in docs}
    for r in store.iter_records():
        by_group.setdefault(group_of[r.raw.origin], []).append(r)
    assert len(by_group) == 5 + len(UNRELATED)
    for group, members in by_group.items():
        canon = [r for r in members if r.duplicates.is_canonical]
        assert len(canon) == 1, group
        assert {r.duplicates.canonical for r in members} == {canon[0].id}
        assert len({r.duplicates.cluster for r in members}) == 1
        assert len({r.story for r in members}) == 1
        if not group.startswith("u-"):
            # the complete copy from the outlet the reprints credit (经济日报) is the original
            assert canon[0].raw.origin == f"{group}-orig", group
        # copies keep their own source
        assert {r.source for r in members} == {d.source for d in docs if d.group == group}
    assert sum(1 for _ in store.iter_records(canonical_only=True)) == 5 + len(UNRELATED)


def test_copies_new_original_becomes_canonical_and_old_canonical_is_updated(store):
    import random

    docs = {d.kind: d for d in variants("002", seeds()["002"], random.Random(5))}
    _ingest(store, [docs["first-half+chrome"], docs["traditional"]])
    before = {r.raw.origin: r for r in store.iter_records()}
    assert before["002-half-chrome"].duplicates.is_canonical is False  # the complete copy wins
    _ingest(store, [docs["original"]])
    after = {r.raw.origin: r for r in store.iter_records()}
    orig = after["002-orig"]
    assert orig.duplicates.is_canonical
    for key in ("002-half-chrome", "002-trad"):
        assert after[key].duplicates.canonical == orig.id
        assert not after[key].duplicates.is_canonical
        assert after[key].duplicates.cluster == orig.duplicates.cluster


def test_copies_credited_outlet_read_from_chrome():
    assert credited_outlet("首页\n来源：经济日报  责任编辑：王小明\n正文") == "经济日报"
    assert credited_outlet("正文内容。\n（来源：人民日报）") == "人民日报"
    assert credited_outlet(seeds()["000"].text) is None


def test_copies_a_page_that_credits_its_origin_is_no_origin():
    """来源：经济日报 on a reprint's page (a byline the clean stage now reads, with its date) had made the dated reprint
    the canonical copy over 经济日报's own, undated article; a page that credits another outlet comes after one that
    credits none."""
    from zhiku.dedupe.copies import choose_canonical, record_credit
    from zhiku.dedupe.index import Member
    from zhiku.record import RawInfo, Record

    own = Member("own", 1000, None, "经济日报", None, 1)
    reprint = Member("reprint", 1000, "经济日报", "经济日报", "2024-03-15", 2)
    assert choose_canonical([reprint, own]).record_id == "own"
    other = Member("other", 1000, None, "潮新闻", None, 1)
    crediting = Member("crediting", 1000, "经济日报", "潮新闻", "2024-03-15", 2)
    assert choose_canonical([crediting, other]).record_id == "other"
    page = Record(id="p", text="正文。", raw=RawInfo(format="text", sha256="0" * 64), meta={"sources": ["经济日报"]})
    assert record_credit(page) == "经济日报"


def test_copies_a_copy_joining_a_stored_cluster_reads_no_stored_member(store, monkeypatch):
    """A later copy that leaves the canonical as it was touches no stored member (a cluster of thousands was
    read and compared whole for every copy that joined it); one that changes the canonical rewrites them all."""
    import random

    from zhiku.dedupe import index

    docs = {d.kind: d for d in variants("000", seeds()["000"], random.Random(3))}
    _ingest(store, [docs["original"], docs["paragraphs-dropped"], docs["first-half"]])
    loads: list[str] = []
    real = index.load_record
    monkeypatch.setattr(index, "load_record", lambda conn, rid: loads.append(rid) or real(conn, rid))
    report = _ingest(store, [docs["punctuation"]])  # a whole copy, published later: the original stays canonical
    assert report.new and not report.updated and loads == []
    records = {r.raw.origin: r for r in store.iter_records()}
    canonical = records["000-orig"].id
    assert {r.duplicates.canonical for r in records.values()} == {canonical}
    assert len({r.duplicates.cluster for r in records.values()}) == 1
    # an earlier complete copy takes over: every stored member is read and rewritten to point at it
    early = Doc("000-early", "000", "exact", docs["original"].title, docs["original"].text, "人民网", "2024-03-01")
    report = _ingest(store, [early])
    assert sorted(report.updated) == sorted(r.id for r in records.values())
    assert {r.duplicates.canonical for r in store.iter_records()} == {early.record().id}


def test_minhash_shingles_are_the_sorted_distinct_hashes():
    from zhiku.dedupe.minhash import shingle_hashes

    for record in seeds().values():
        norm = normalize(record.text)
        sh = shingle_hashes(norm)
        assert sh.dtype == np.uint32 and len(sh) > 100
        assert np.all(np.diff(sh.astype(np.int64)) > 0)  # strictly increasing: sorted and distinct
        doubled = shingle_hashes(norm + norm)  # the same shingles again, and a few across the seam
        assert set(sh.tolist()) <= set(doubled.tolist()) and len(sh) < len(doubled) < len(sh) + 5
