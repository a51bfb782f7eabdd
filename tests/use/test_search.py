"""Search on SQLite and PostgreSQL: two-character words, phrases, OR, exclusion, filters, snippets, tags."""

from __future__ import annotations

import html

import pytest

from zhiku.errors import QueryError
from zhiku.record import Record
from zhiku.use import search as search_mod
from zhiku.use.search import rebuild_index, search

from .corpus import SOGOU, corpus, duplicate_of, norm

pytestmark = pytest.mark.skipif(
    not SOGOU.exists(), reason=f"{SOGOU} is absent (../shared/eval-dev not beside the checkout): the corpus needs it"
)


def _expected(recs: list[Record], *words: str, without: str | None = None) -> set[str]:
    out = set()
    for r in recs:
        body = norm(r.title) + "\n" + norm(r.text)
        if all(w in body for w in words) and not (without and without in body):
            out.add(r.id)
    return out


def _all_ids(store, query: str, **kw) -> set[str]:
    result = search(store, query, limit=1000, **kw)
    assert result.total == len(result.hits)
    return {h.id for h in result.hits}


@pytest.fixture
def loaded(store):
    recs = corpus()
    store.put_records(recs)
    return store, recs


def test_search_words_phrases_or_exclusion_match_substrings(loaded):
    store, recs = loaded
    for word in ["医疗", "大模型", "人工智能", "智算中心", "深度学习", "红十字会", "AI", "儿童"]:
        expected = _expected(recs, norm(word))
        assert expected, f"corpus holds no {word}"
        assert _all_ids(store, word) == expected, word
    assert _all_ids(store, "大模型 算力") == _expected(recs, "大模型", "算力")
    assert _all_ids(store, '"人工智能产业"') == _expected(recs, "人工智能产业")
    assert _all_ids(store, "飞桨 OR 红十字会") == _expected(recs, "飞桨") | _expected(recs, "红十字会")
    assert _all_ids(store, "儿童 -救助") == _expected(recs, "儿童", without="救助")


def test_search_filters_region_dates_tags_source(loaded):
    store, recs = loaded
    shandong = {r.id for r in recs if any(g.code.startswith("37") for g in r.regions)}
    assert any(g.code == "370100" for r in recs for g in r.regions)  # a 济南 record is in the corpus
    assert _all_ids(store, "", region="山东") == shandong
    in_range = {r.id for r in recs if "2024-03-01" <= r.published_at <= "2024-05-31"}
    got = _all_ids(store, "since:2024-03-01 until:2024-05-31")
    assert got == in_range
    both = _expected(recs, "人工智能") & shandong
    assert _all_ids(store, "人工智能 region:山东") == both
    tech = {r.id for r in recs if any(t.id == "large-model" for t in r.ai_technologies)}
    assert _all_ids(store, "", technology="大模型") == tech
    assert _all_ids(store, "tech:large-model") == tech
    med = {r.id for r in recs if any(t.id == "Q" for t in r.industries)}
    assert _all_ids(store, "", industry="卫生") == med
    org = {r.id for r in recs if any(o.name == "红十字会" for o in r.organizations)}
    assert _all_ids(store, "", organization="红十字会") == org
    assert _all_ids(store, "", source="搜狐公益") == {r.id for r in recs if r.source == "搜狐公益"}


def test_search_canonical_copies_only_by_default(loaded):
    store, recs = loaded
    target = next(r for r in recs if "飞桨" in r.text)
    orig, copy = duplicate_of(target)
    store.put_records([orig, copy])
    assert copy.id in _all_ids(store, "飞桨", canonical_only=False)
    ids = _all_ids(store, "飞桨")
    assert copy.id not in ids and orig.id in ids


def test_search_region_keys_from_the_rollup_and_copies_from_tag_rows(loaded):
    """Region names resolve from the rollup's label table (not every tag row); a region only a copy carries is
    still found when copies count."""
    from sqlalchemy import event

    from zhiku.record import Region

    store, recs = loaded
    orig, copy = duplicate_of(next(r for r in recs if "飞桨" in r.text))
    copy.regions = [Region(name="拉萨市", code="540100", level="prefecture")]
    store.put_records([orig, copy])
    statements: list[str] = []
    event.listen(store.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    shandong = {r.id for r in recs if any(g.code.startswith("37") for g in r.regions)}
    assert _all_ids(store, "", region="山东") == shandong
    lookups = [s for s in statements if "DISTINCT" in s]
    assert lookups and all("trend_labels" in s and "record_tags" not in s for s in lookups), lookups
    assert _all_ids(store, "", region="拉萨") == set()
    assert _all_ids(store, "", region="拉萨", canonical_only=False) == {copy.id}


def test_search_hits_snippets_tags_and_title_ranking(loaded):
    store, recs = loaded
    result = search(store, "算力", limit=5)
    assert result.hits
    for hit in result.hits:
        assert hit.highlights, hit.id
        for s, e in hit.highlights:
            assert hit.snippet[s:e] == "算力"
        assert "算力" in hit.tags.get("technology", [])
        assert "<mark>算力</mark>" in hit.snippet_html()
    assert result.as_dict()["hits"][0]["tags"]
    target = next(r for r in recs if r.title and "红十字会" in r.title)
    hits = search(store, "红十字会", limit=50).hits
    title_hits = [h for h in hits if "红十字会" in (h.title or "")]
    assert target.id in {h.id for h in title_hits}
    assert {h.id for h in hits[:3]} & {h.id for h in title_hits}
    for hit in title_hits:  # the title's matches are marked too, the rest of it escaped
        assert "<mark>红十字会</mark>" in hit.title_html()
        assert hit.title_html().replace("<mark>", "").replace("</mark>", "") == html.escape(hit.title)


def test_search_index_follows_updates_and_rebuild(store):
    rec = corpus()[0]
    store.put_records([rec])
    assert _all_ids(store, "飞桨") in (set(), {rec.id})
    changed = rec.copy_with(text=rec.text + "\n新增一段关于量子纠缠通信的文字。")
    store.put_records([changed])
    assert _all_ids(store, "量子纠缠") == {rec.id}
    dropped = changed.copy_with(status="dropped", drop_reason="spam")
    store.put_records([dropped])
    assert _all_ids(store, "量子纠缠") == set()
    store.put_records([changed.copy_with(text=changed.text + "。")])
    assert rebuild_index(store) == 1
    assert _all_ids(store, "量子纠缠") == {rec.id}


def test_search_malformed_is_query_error_and_operators_are_plain(loaded):
    store, recs = loaded
    for bad in ['"未闭合', "OR 医疗", "医疗 OR", "-医疗", "医", "医疗\x00", "since:2024-13-01", "region:", "-",
                "医疗 OR -教育", "x" * 1001]:
        with pytest.raises(QueryError):
            search(store, bad)
    for nasty in ['医疗" OR "1"="1', "医疗'; DROP TABLE records; --", "NEAR(医疗 教育)", "医疗* ^教育", "a:b:c",
                  "医疗 AND NOT 教育", "(医疗) {教育}", "'医疗' <-> '教育'", "医疗:* | !教育", "\\'医疗\\'"]:
        search(store, nasty)  # never an SQL error: the operators are plain punctuation
    assert _all_ids(store, "NEAR(医疗)") == _expected(recs, "near", "医疗")
    assert store.count() == len(recs)


def test_search_write_hook_registered():
    assert search_mod._write_hook in search_mod.Store.write_hooks


def test_search_match_select_counts_like_search(loaded):
    from sqlalchemy import func, select

    from zhiku.use.query import parse_query
    from zhiku.use.search import match_select

    store, recs = loaded
    for text in ("医疗", "region:北京", "儿童 -救助"):
        q = parse_query(text)
        with store.engine.connect() as conn:
            n = conn.execute(select(func.count()).select_from(match_select(conn, q).subquery())).scalar_one()
        assert n == search(store, q).total


def _pages(store, query: str, size: int, **kw) -> list:
    hits, offset = [], 0
    while True:
        page = search(store, query, limit=size, offset=offset, **kw)
        hits += page.hits
        if len(page.hits) < size:
            return hits
        offset += size


def test_search_rank_window_pages_every_match_once(loaded):
    """A query with more matches than the rank window: PostgreSQL ranks the newest ones, then lists the older
    matches newest first; every page together holds each match once, on both backends."""
    store, recs = loaded
    # 智算 + 计算中心 hold every bigram of 智算中心 (智算 算中 中心) but not the word: the loose query matches it
    decoy = corpus()[0].copy_with(title="智算集群", text="新建的智算集群接入省计算中心，服务本地企业。")
    decoy.id = "decoy-loose-only"
    store.put_records([decoy])
    for word, kw in (("人工智能", {}), ("医疗", {}), ("智算中心", {}), ("人工智能", {"region": "北京"})):
        expected = _all_ids(store, word, **kw)  # rank window far above the corpus: exact total and ranking
        assert expected and decoy.id not in expected
        hits = _pages(store, word, 4, rank_window=3, **kw)
        ids = [h.id for h in hits]
        assert len(ids) == len(set(ids)) and set(ids) == expected, word
        first = search(store, word, limit=4, rank_window=3, **kw)
        if store.dialect == "postgresql" and len(expected) > 3:
            older = hits[3:] if word != "智算中心" else hits[2:]  # the decoy takes a place in the window
            assert [h.published_at for h in older] == sorted((h.published_at for h in older), reverse=True)
            phrase = len(word) > 2
            assert first.total_exact is (not phrase), word
            assert first.total >= len(expected) if phrase else first.total == len(expected)
        else:
            assert first.total_exact and first.total == len(expected)


def test_search_loose_tsquery_keeps_every_exact_match():
    from zhiku.use.query import parse_query, to_tsquery

    q = parse_query('智算中心 "人工 智能" OR AI -大模型 -芯片')
    assert to_tsquery(q) == ("((('智算' <-> '算中' <-> '中心')) & (('人工' <-> '工智' <-> '智能') | ('ai'))) "
                             "& !(('大模' <-> '模型') | ('芯片'))")
    # phrases become ANDs; an excluded phrase is left out (excluding its tokens would drop exact matches)
    assert to_tsquery(q, loose=True) == ("((('智算' & '算中' & '中心')) & (('人工' & '工智' & '智能') | ('ai'))) "
                                         "& !(('芯片'))")


def test_search_postgres_matches_through_the_text_index(loaded):
    """On a small table the planner would read every tsvector in a sequential scan; searches use the index."""
    from sqlalchemy import func, select

    from zhiku.use.query import parse_query
    from zhiku.use.search import match_select

    store, recs = loaded
    if store.dialect != "postgresql":
        pytest.skip("PostgreSQL planner check")
    with store.engine.connect() as conn:
        stmt = select(func.count()).select_from(match_select(conn, parse_query("医疗")).subquery())
        compiled = stmt.compile(conn, compile_kwargs={"literal_binds": True})
        plan = "\n".join(conn.exec_driver_sql(f"EXPLAIN {compiled}").scalars())
    assert "ix_search_docs_tsv" in plan and "Seq Scan on search_docs" not in plan, plan


def test_search_facets_count_the_newest_window_of_a_large_match(loaded, monkeypatch):
    """Past the rank window the facet counts cover the newest matches only, and the result says how many."""
    from collections import Counter

    from zhiku import api

    store, recs = loaded
    by_id = {r.id: r for r in recs}
    for word, kw in (("人工智能", {}), ("医疗", {}), ("", {"region": "北京"})):
        whole = api.search_articles(store, word, api.ArticleFilter(**kw), limit=1000)
        assert whole["facets_counted"] is None and whole["total"] > 3
        assert sum(f["count"] for f in whole["facets"]["month"]) == whole["total"]
        monkeypatch.setattr(search_mod, "RANK_WINDOW", 3)
        part = api.search_articles(store, word, api.ArticleFilter(**kw), limit=1000)
        monkeypatch.undo()
        newest = sorted((by_id[i["id"]] for i in whole["items"]), key=lambda r: r.id)  # newest first, then by id
        newest = sorted(newest, key=lambda r: r.published_at, reverse=True)[:part["facets_counted"]]
        assert part["facets_counted"] == 3  # no loose-only matches in this corpus
        assert {f["key"]: f["count"] for f in part["facets"]["source"]} == Counter(r.source for r in newest if r.source)
        tech = Counter(t.id for r in newest for t in r.ai_technologies)
        assert {f["key"]: f["count"] for f in part["facets"]["technology"]} == tech
        assert part["total"] == whole["total"] and [i["id"] for i in part["items"]][:3]
