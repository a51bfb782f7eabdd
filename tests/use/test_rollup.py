"""The trend rollup stays equal to counting the tag rows, through inserts, rewrites, relinks and drops."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from sqlalchemy import text

from zhiku.record import Duplicates, Region, Tag
from zhiku.store import open_store
from zhiku.store.base import Store
from zhiku.use import rollup
from zhiku.use import search as search_mod
from zhiku.use.trends import cooccurrence, key_counts, labels_of, movers, spikes, trends

from ..conftest import store_at_revision
from .corpus import SOGOU, corpus, duplicate_of, tag

pytestmark = pytest.mark.skipif(
    not SOGOU.exists(), reason=f"{SOGOU} is absent (../shared/eval-dev not beside the checkout): the corpus needs it"
)


def _tables(store) -> dict[str, Counter]:
    with store.engine.connect() as conn:
        return {
            "days": Counter({d: n for d, n in conn.execute(text("SELECT day, n FROM trend_days")) if n}),
            "tags": Counter({(k, key, d): n for k, key, d, n in
                             conn.execute(text("SELECT kind, key, day, n FROM trend_tags")) if n}),
            "labels": Counter({(k, key, lab): n for k, key, lab, n in
                               conn.execute(text("SELECT kind, key, label, n FROM trend_labels")) if n}),
            "pairs": Counter({row[:4]: row[4] for row in
                              conn.execute(text("SELECT kind_a, key_a, kind_b, key_b, n FROM trend_pairs")) if row[4]}),
            "region_days": Counter({(g, d): n for g, d, n in
                                    conn.execute(text("SELECT region, day, n FROM trend_region_days")) if n}),
            "region_tags": Counter({row[:4]: row[4] for row in
                                    conn.execute(text("SELECT region, kind, key, day, n FROM trend_region_tags"))
                                    if row[4]}),
        }


def _recounted(store) -> dict[str, Counter]:
    """What a fresh fill from the search index and tag rows gives."""
    rollup.rebuild(store)
    return _tables(store)


def _counted(r) -> bool:
    return r.status == "ok" and (r.duplicates is None or r.duplicates.canonical in (None, r.id))


def _expected(recs) -> Counter:
    """(kind, key, day) counts computed here from the records (canonical ok copies only)."""
    out: Counter = Counter()
    for r in recs:
        if not _counted(r):
            continue
        day = (r.published_at or "")[:10]
        for t in r.ai_technologies:
            out[("technology", t.id, day)] += 1
        for g in r.regions:
            out[("region", g.code, day)] += 1
        for t in r.industries:
            out[("industry", t.id, day)] += 1
        for o in r.organizations:
            out[("organization", o.name, day)] += 1
    return out


def _answers(store) -> list:
    """Every trend query that reads the rollup, as plain data."""
    return [trends(store, "technology", "month").as_dict(), trends(store, "region", "week", top=50).as_dict(),
            trends(store, "organization", "day", since="2024-02-01", until="2024-06-30").as_dict(),
            key_counts(store, "region"), key_counts(store, "industry", since="2024-03-01"),
            [m.as_dict() for m in movers(store, "technology", before=("2024-01-01", "2024-03-31"),
                                         after=("2024-04-01", "2024-06-30"))],
            [s.as_dict() for s in spikes(store, "region", period="week", min_count=1, ratio=1.5, z_min=0.5)],
            cooccurrence(store, "technology", "industry").as_dict(),
            cooccurrence(store, "industry", "technology", top=2).as_dict(),
            # one region: the per-region tables
            trends(store, "technology", "month", region="山东").as_dict(),
            trends(store, "industry", "week", region="济南", since="2024-02-01").as_dict(),
            trends(store, "technology", "day", region="370000", until="2024-06-30").as_dict(),
            key_counts(store, "technology", region="浙江"), key_counts(store, "industry", region="北京"),
            [s.as_dict() for s in spikes(store, "technology", period="week", min_count=1, ratio=1.5, z_min=0.5,
                                         region="山东")]]


def test_rollup_follows_every_kind_of_write(store, monkeypatch):
    recs = corpus()
    store.put_records(recs)
    assert _tables(store)["tags"] == _expected(recs)

    # a syndicated copy arrives (not counted), then the copy becomes the canonical one
    orig, copy = duplicate_of(next(r for r in recs if r.regions and r.ai_technologies))
    store.put_records([orig, copy])
    current = {r.id: r for r in recs} | {orig.id: orig, copy.id: copy}
    assert _tables(store)["tags"] == _expected(current.values())
    cluster = orig.duplicates.cluster
    flipped = [orig.copy_with(duplicates=Duplicates(cluster=cluster, canonical=copy.id, is_canonical=False)),
               copy.copy_with(duplicates=Duplicates(cluster=cluster, canonical=copy.id, is_canonical=True))]
    store.put_records(flipped)
    current |= {r.id: r for r in flipped}

    # rewritten records: new date, new tags, one dropped, one undated, a label changed
    changed = [r.copy_with() for r in recs[3:9]]
    tag(changed[0], date(2024, 11, 5))
    changed[1].ai_technologies = [*changed[1].ai_technologies, Tag(id="robotics", label="机器人", score=0.5)]
    changed[2].status = "dropped"
    changed[3].published_at = None
    changed[4].regions = [Region(name="济南", code="370100", level="prefecture")]
    changed[5].ai_technologies, changed[5].organizations = [], []
    store.put_records(changed)
    current |= {r.id: r for r in changed}

    assert _tables(store)["tags"] == _expected(current.values())
    kept = _tables(store)
    assert kept == _recounted(store)
    assert kept["days"][""] == 1
    assert sum(kept["days"].values()) == sum(1 for r in current.values() if _counted(r))
    assert kept["labels"][("region", "370100", "济南")] == 1
    pairs = Counter()
    for r in current.values():
        if _counted(r):
            pairs.update(("technology", t.id, "industry", i.id) for t in r.ai_technologies for i in r.industries)
    assert kept["pairs"] == pairs and pairs

    assert spikes(store, "organization", min_count=10_000) == []  # nothing found: no labels to look up
    assert labels_of(store, "organization", []) == {}
    from_rollup = _answers(store)
    monkeypatch.setattr(rollup, "usable", lambda filters: False)  # the same questions, counted from tag rows
    monkeypatch.setattr(rollup, "region_usable", lambda filters: False)
    assert from_rollup == _answers(store)


def test_rollup_serves_one_region_but_not_other_tag_filters(store, monkeypatch):
    recs = corpus()
    store.put_records(recs)
    calls = []
    real = rollup.daily_counts
    monkeypatch.setattr(rollup, "daily_counts", lambda *a, **k: calls.append(k.get("region")) or real(*a, **k))
    shandong = trends(store, "technology", "month", region="山东")
    assert calls == ["370000"]  # 山东省 and the places under it (济南市 370100) are one node
    everywhere = trends(store, "technology", "month")
    assert calls == ["370000", None]
    assert sum(s.total for s in shandong.series) < sum(s.total for s in everywhere.series)
    trends(store, "technology", "month", region=["山东", "浙江"])  # two places: a record may be in both
    trends(store, "technology", "month", region="山东", industry="制造")
    trends(store, "organization", "month", region="山东")  # organizations are not kept per region
    assert calls == ["370000", None]


def test_region_rollup_counts_a_record_once_under_each_place_that_holds_it(store):
    from zhiku.record import Tag

    base = corpus()[0]
    both = base.copy_with(id="both", published_at="2024-05-02", regions=[
        Region(name="山东", code="370000", level="province"), Region(name="济南", code="370100", level="prefecture"),
        Region(name="历下区", code="370102", level="county")], ai_technologies=[Tag(id="robotics", label="机器人")],
        industries=[], organizations=[], duplicates=None)
    abroad = both.copy_with(id="abroad", regions=[Region(name="美国", code="US", level="country")])
    store.put_records([both, abroad])
    regional = _tables(store)
    assert regional["region_days"] == Counter({(node, "2024-05-02"): 1 for node in ("370000", "370100", "370102",
                                                                                     "US")})
    assert regional["region_tags"][("370000", "technology", "robotics", "2024-05-02")] == 1
    assert trends(store, "technology", "day", region="山东").as_dict()["series"][0]["counts"] == [1]
    assert key_counts(store, "technology", region="历下区") == [("robotics", "机器人", 1)]
    store.put_records([both.copy_with(status="dropped")])  # a dropped record leaves every place it counted in
    assert set(_tables(store)["region_days"]) == {("US", "2024-05-02")}


def test_migration_fills_rollup_for_existing_records(store_url, monkeypatch):
    old = store_at_revision(store_url, "0005_covering_indexes")  # a database from before the rollup existed
    recs = corpus()[:60]
    with monkeypatch.context() as m:
        m.setattr(Store, "write_hooks", [search_mod._write_hook])
        m.setattr(Store, "before_write_hooks", [])
        old.put_records(recs)
    old.close()
    store = open_store(store_url)  # 0006_trend_rollup and 0008_region_rollup create and fill the tables
    try:
        filled = _tables(store)
        assert filled["tags"] == _expected(recs)
        assert sum(filled["days"].values()) == len(recs)
        assert filled["region_days"] and filled == _recounted(store)
    finally:
        store.close()


def test_db_check_finds_a_drifted_count_and_db_rebuild_repairs_it(store_url):
    import json

    from typer.testing import CliRunner

    from zhiku.cli import app

    with open_store(store_url) as s:
        s.put_records(corpus()[:40])
        kept = _tables(s)
    runner = CliRunner()
    clean = runner.invoke(app, ["db", "check", "--db", store_url])
    assert clean.exit_code == 0, clean.output
    report = json.loads(clean.output)
    assert report["trend_tags"] == {"rows": len(kept["tags"]), "differing": 0}
    assert all(t["differing"] == 0 for t in report.values())

    (kind, key, day), n = next(iter(kept["tags"].items()))
    with open_store(store_url) as s, s.engine.begin() as conn:  # a count drifts, a row appears from nowhere
        conn.execute(text("UPDATE trend_tags SET n = n + 5 WHERE kind = :k AND key = :key AND day = :d"),
                     {"k": kind, "key": key, "d": day})
        conn.execute(text("INSERT INTO trend_days (day, n) VALUES ('1999-01-01', 3)"))
    drifted = runner.invoke(app, ["db", "check", "--db", store_url])
    assert drifted.exit_code == 1
    report = json.loads(drifted.output)
    assert report["trend_tags"]["differing"] == 1 and report["trend_days"]["differing"] == 1
    assert report["trend_labels"]["differing"] == report["trend_pairs"]["differing"] == 0
    with open_store(store_url) as s:
        assert _tables(s)["tags"][(kind, key, day)] == n + 5  # check changed nothing

    rebuilt = runner.invoke(app, ["db", "rebuild", "--db", store_url])
    assert rebuilt.exit_code == 0, rebuilt.output
    assert json.loads(rebuilt.output)["trend_tags"] == len(kept["tags"])
    with open_store(store_url) as s:
        assert _tables(s) == kept
    assert runner.invoke(app, ["db", "check", "--db", store_url]).exit_code == 0
