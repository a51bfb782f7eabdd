"""The figures table: filters, CSV export and disagreeing values kept side by side."""

from __future__ import annotations

import csv
import io

import pytest

from zhiku.record import Figure
from zhiku.use.figures import disagreements, figures, figures_csv

from .corpus import FIGURES, SOGOU, corpus, duplicate_of, with_figures

pytestmark = pytest.mark.skipif(
    not SOGOU.exists(), reason=f"{SOGOU} is absent (../shared/eval-dev not beside the checkout): the corpus needs it"
)


def test_figures_filter_subject_region_year_unit(store):
    recs = with_figures(corpus())
    store.put_records(recs)
    assert len(figures(store)) == len(FIGURES)
    compute = figures(store, subject="算力")
    assert sorted(r.subject for r in compute) == sorted(f[0] for f in FIGURES if "算力" in f[0])
    guizhou = figures(store, subject="算力", region="贵州")
    assert len(guizhou) == 2 and all("贵州" in r.region for r in guizhou)
    assert [r.value for r in figures(store, year=2024)] == [1.2e19]
    assert len(figures(store, unit="家")) == 2
    row = guizhou[0]
    assert row.title and row.record_id in {r.id for r in recs}


def test_figures_csv_export_roundtrip(store):
    store.put_records(with_figures(corpus()))
    rows = figures(store)
    parsed = list(csv.DictReader(io.StringIO(figures_csv(rows))))
    assert len(parsed) == len(FIGURES)
    assert {p["subject"] for p in parsed} == {f[0] for f in FIGURES}
    assert {float(p["value"]) for p in parsed} == {f[1] for f in FIGURES}


def test_figures_disagreements_side_by_side(store):
    recs = with_figures(corpus())
    orig, copy = duplicate_of(recs[0])  # a copy repeats 4500: copies are not a second source
    store.put_records([orig, copy, *recs[1:]])
    found = disagreements(store)
    assert len(found) == 1  # 贵州 and 贵州省 agree on 7e19; only AI企业数量 differs
    d = found[0]
    assert (d.subject, d.region, d.year, d.unit) == ("AI企业数量", "中国", 2023, "家")
    assert d.values == [3000.0, 4500.0]
    assert len({r.record_id for r in d.rows}) == 2
    assert all(r.title for r in d.rows)


def test_figures_disagreements_of_undated_claims_by_publication_year(store):
    """A claim that names no year holds when its article was published: two 2024 articles disagree, a 2023 one is
    another year's count, and two articles of no known date dispute nothing (三分球 10个 vs 50个 had been one)."""
    recs = corpus()[:5]
    values = (4500.0, 3000.0, 2000.0, 10.0, 50.0)
    published = ("2024-03-01", "2024-05-02", "2023-06-01", None, None)
    for rec, value, day in zip(recs, values, published, strict=True):
        subject = "AI企业数量" if value > 100 else "三分球"
        rec.figures = [Figure(subject=subject, value=value, unit="家", raw=f"{value:g}家", region="中国")]
        rec.published_at = day
    store.put_records(recs)
    [found] = disagreements(store)
    assert (found.subject, found.year, found.values) == ("AI企业数量", 2024, [3000.0, 4500.0])
    assert all(r.year is None for r in found.rows)  # each row still says what its article said


def test_figures_that_say_what_they_measure_come_first(store):
    """The 数据表 page opened on bare 10公里, 30次, 300多个 rows: subjectless figures now come last."""
    recs = with_figures(corpus())
    recs[-1].figures = [Figure(subject=None, value=30.0, unit="times", raw="30次", qualifier="近")]
    store.put_records(recs)
    rows = figures(store)
    assert rows[-1].subject is None and all(r.subject for r in rows[:-1])
    assert rows[-1].stated == "近30次" and rows[-1].as_dict()["stated"] == "近30次"
