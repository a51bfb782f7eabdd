"""Trend counts, co-occurrence, movers and spikes, checked against counts computed here."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from zhiku.record import Organization, RawInfo, Record, sha256_hex
from zhiku.use.trends import cooccurrence, key_counts, movers, period_of, spikes, trends

from .corpus import corpus, duplicate_of


def test_trends_monthly_counts_match_independent_counts(store):
    recs = corpus()
    orig, copy = duplicate_of(next(r for r in recs if r.regions))
    recs = [r for r in recs if r.id != orig.id] + [orig, copy]
    store.put_records(recs)
    table = trends(store, by="region", period="month", top=50)
    expected: Counter = Counter()
    for r in recs:
        if r.duplicates and not r.duplicates.is_canonical:
            continue  # copies are not counted
        for g in r.regions:
            expected[(g.code, r.published_at[:7])] += 1
    got = Counter({(s.key, p): n for s in table.series for p, n in zip(table.periods, s.counts, strict=True) if n})
    assert got == expected
    assert table.totals == [sum(1 for r in recs if r.published_at[:7] == p and r.id != copy.id) for p in table.periods]
    weekly = trends(store, by="region", period="week", top=50)
    assert sum(sum(s.counts) for s in weekly.series) == sum(expected.values())
    assert period_of("2024-03-14", "week") == "2024-W11"


def test_trends_by_quarter_and_year_sum_the_months(store):
    """A five-year beat is read by quarter or year: each holds exactly the counts of its months."""
    store.put_records(corpus())
    monthly = trends(store, by="region", period="month", top=50)
    by_month = {s.key: dict(zip(monthly.periods, s.counts, strict=True)) for s in monthly.series}
    for period, label_of in (("quarter", lambda m: f"{m[:4]}-Q{(int(m[5:]) - 1) // 3 + 1}"), ("year", lambda m: m[:4])):
        table = trends(store, by="region", period=period, top=50)
        assert table.periods == sorted({label_of(m) for m in monthly.periods})
        for s in table.series:
            expected = Counter()
            for month, n in by_month[s.key].items():
                expected[label_of(month)] += n
            assert dict(zip(table.periods, s.counts, strict=True)) == {p: expected[p] for p in table.periods}
    assert [period_of(d, "quarter") for d in ("2024-01-01", "2024-03-31", "2024-04-01", "2024-12-31")] == [
        "2024-Q1", "2024-Q1", "2024-Q2", "2024-Q4"]
    assert period_of("2024-12-31", "year") == "2024"


def test_trends_cooccurrence_and_key_counts(store):
    recs = corpus()
    store.put_records(recs)
    m = cooccurrence(store, "technology", "industry")
    for i, tk in enumerate(m.row_keys):
        for j, ik in enumerate(m.col_keys):
            want = sum(1 for r in recs if any(t.id == tk for t in r.ai_technologies)
                       and any(t.id == ik for t in r.industries))
            assert m.counts[i][j] == want
    assert m.counts and any(any(row) for row in m.counts)
    regions = {k: n for k, _, n in key_counts(store, "region")}
    assert regions == dict(Counter(g.code for r in recs for g in r.regions))


def _org_records(name: str, per_week: list[int], start: date) -> list[Record]:
    out = []
    for w, n in enumerate(per_week):
        for i in range(n):
            text = f"{name}第{w}周发布第{i}条消息，涉及人工智能应用。"
            out.append(Record(id=sha256_hex(text)[:16], title=f"{name}动态", text=text, source="测试报",
                              published_at=(start + timedelta(weeks=w, days=i % 5)).isoformat(),
                              raw=RawInfo(format="text", sha256=sha256_hex(text)),
                              organizations=[Organization(name=name)]))
    return out


def test_trends_spikes_flag_jump_against_own_baseline(store):
    start = date(2024, 1, 1)  # a Monday
    steady = _org_records("稳定公司", [3, 3, 3, 3, 3, 3, 3, 3, 3], start)
    jumpy = _org_records("突增公司", [1, 0, 1, 1, 0, 1, 1, 0, 9], start)
    store.put_records(steady + jumpy)
    found = spikes(store, by="organization", period="week", window=8)
    assert [s.key for s in found] == ["突增公司"]
    assert found[0].count == 9 and found[0].period == "2024-W09"
    assert abs(found[0].baseline - 5 / 8) < 1e-6
    ms = movers(store, by="organization", before=("2024-01-01", "2024-02-25"), after=("2024-02-26", "2024-03-03"))
    assert ms[0].key == "稳定公司" and ms[0].before == 24 and ms[0].after == 3
    jump = next(m for m in ms if m.key == "突增公司")
    assert (jump.before, jump.after) == (5, 9)
