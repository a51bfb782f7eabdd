"""Done means: the sample corpus ingested twice, plus reprinted files, gives one canonical record per article."""

from __future__ import annotations

import random

from zhiku import api
from zhiku.settings import Settings
from zhiku.store import open_store

from .corpus import seeds, variants

KINDS = ("chrome", "traditional", "first-half")


def test_ingest_sample_twice_plus_reprints_links_copies(tmp_path):
    # the whole pipeline runs here, so one backend and two seeds keep it quick; test_copies covers both stores
    store = open_store(f"sqlite:///{tmp_path / 'z.db'}")
    sample = [p for p in api.sample_corpus() if p.name[:3] in ("000", "002")]
    folder = tmp_path / "reprints"
    folder.mkdir()
    for key in ("000", "002"):
        for d in variants(key, seeds()[key], random.Random(4)):
            if d.kind in KINDS:
                (folder / f"{d.key}.txt").write_text(f"标题: {d.title}\n\n{d.text}\n", encoding="utf-8")
    settings = Settings(disabled_stages=("tag", "figures", "keywords", "summarize"))  # cleaning is what matters here
    first = api.ingest(sample, store, settings)
    reprints = api.ingest([folder], store, settings)
    again = api.ingest(sample, store, settings)
    assert first.ok and reprints.ok and again.ok
    assert len(reprints.new) == 2 * len(KINDS)
    assert not again.new and not again.updated  # a second ingest changes nothing
    records = [r for r in store.iter_records() if r.status == "ok"]
    originals = [r for r in records if "reprints" not in (r.raw.origin or "")]
    assert len(originals) == 2
    for key in ("000", "002"):
        orig = next(r for r in originals if f"/{key}_" in r.raw.origin)
        copies = [r for r in records if f"/{key}-" in (r.raw.origin or "")]
        assert len(copies) == len(KINDS)
        assert orig.duplicates.is_canonical, key  # the complete copy stored first
        for c in copies:
            assert c.duplicates.canonical == orig.id and not c.duplicates.is_canonical
            assert c.story == orig.story
    canonical = list(store.iter_records(canonical_only=True))
    assert len(canonical) == len(originals)  # one canonical record per article
    store.close()
