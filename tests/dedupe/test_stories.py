"""Stories: articles reporting one event share a story; events with shared vocabulary stay apart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from zhiku import api
from zhiku.dedupe.stories import same_story, story_rows, terms
from zhiku.record import Organization, RawInfo, Record, record_id, sha256_hex

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SOHU = ROOT.parent / "shared" / "eval-dev" / "dup_zh_sohu2021_text2vec" / "dev.jsonl"
FLOORS = json.loads((ROOT / "eval" / "floors.json").read_text(encoding="utf-8"))


def _articles() -> list[tuple[str, Record]]:
    events = yaml.safe_load((HERE / "events.yaml").read_text(encoding="utf-8"))["events"]
    out = []
    for event, items in events.items():
        for a in items:
            raw = RawInfo(format="text", sha256=sha256_hex(a["text"]), origin=f"{event}:{a['source']}")
            out.append((event, Record(id=record_id(None, a["text"]), title=a["title"], text=a["text"], raw=raw,
                                      source=a["source"], published_at=a["date"])))
    return out


def test_stories_group_one_event_and_split_events_with_shared_vocabulary(store):
    articles = _articles()
    api.store_items(store, [r for _, r in articles], batch_size=3)
    stored = {r.id: r for r in store.iter_records()}
    by_event: dict[str, set[str]] = {}
    for event, r in articles:
        by_event.setdefault(event, set()).add(stored[r.id].story)
    for event, story_ids in by_event.items():
        assert len(story_ids) == 1, (event, story_ids)
    assert len({next(iter(s)) for s in by_event.values()}) == len(by_event)
    with store.engine.connect() as conn:
        rows = {row["id"]: row for row in story_rows(conn)}
    hz = rows[next(iter(by_event["hz-alliance"]))]
    assert hz["articles"] == 4
    assert set(hz["outlets"]) == {"潮新闻", "浙江日报", "钱江晚报", "第一财经"}
    assert (hz["first_date"], hz["last_date"]) == ("2024-03-14", "2024-03-16")
    assert "杭州" in hz["title"]


def test_stories_window_keeps_a_later_event_apart(store):
    articles = [r for event, r in _articles() if event == "sh-compute"]
    late = articles[2].copy_with(id="late-sh", published_at="2024-09-30")
    api.store_items(store, [articles[0], articles[1], late])
    stored = {r.id: r.story for r in store.iter_records()}
    assert stored[articles[0].id] == stored[articles[1].id]
    assert stored["late-sh"] != stored[articles[0].id]


def test_stories_terms_use_other_stages_entities_when_present():
    _, r = _articles()[0]
    bare = terms(r)
    tagged = terms(r.copy_with(organizations=[Organization(name="杭州市人工智能产业联盟")]))
    assert "杭州市人工智能产业联盟" in tagged and "杭州市人工智能产业联盟" not in bare


@pytest.mark.skipif(not SOHU.exists(), reason="../shared/eval-dev/dup_zh_sohu2021_text2vec is absent")
def test_stories_sohu_pairs_floor():
    rows = [json.loads(line) for line in SOHU.read_text(encoding="utf-8").splitlines()][::3]

    def rec(text: str) -> Record:
        return Record(id="x", text=text, raw=RawInfo(format="text", sha256="x"))

    joined = {0: [], 5: []}
    for row in rows:
        if row["gold_score"] in joined:
            ok, _ = same_story(terms(rec(row["text_a"])), terms(rec(row["text_b"])))
            joined[row["gold_score"]].append(ok)
    same_event = sum(joined[5]) / len(joined[5])
    unrelated = sum(joined[0]) / len(joined[0])
    print(f"sohu slice: same-event pairs joined {same_event:.3f}, unrelated joined {unrelated:.3f}")
    assert same_event >= FLOORS["story_sohu_same_event_joined"]
    assert 1 - unrelated >= FLOORS["story_sohu_unrelated_kept_apart"]


def test_stories_a_dated_article_meets_its_window_before_older_stories_sharing_more_terms(store):
    """Many older stories share every title/lead term of a new article; the one story in its window still wins.

    Before the candidate query was bounded by the window, the 30 stories sharing most terms were all old ones,
    filtered out afterwards, and the article started a story of its own.
    """
    import random

    first, later = [r for event, r in _articles() if event == "hz-alliance"][:2]
    rng = random.Random(5)
    words = "星辰 河流 山谷 草原 海岸 城堡 钟表 织布 瓷器 茶园 灯塔 渔船 稻田 果园 木匠 铁匠 画师 琴师 诗社 书院".split()
    lead = later.text[:200]
    old = []
    for i in range(35):  # a month apart: each its own story, none within a week of the new article
        filler = "".join(rng.choice(words) + ("，" if rng.random() < 0.8 else "。") for _ in range(400))
        text = f"{lead}\n{filler}"
        raw = RawInfo(format="text", sha256=sha256_hex(text), origin=f"old:{i}")
        old.append(Record(id=f"old{i:03d}", title=later.title, text=text, raw=raw, source=f"旧闻{i}",
                          published_at=f"{2021 + i // 12}-{1 + i % 12:02d}-10"))
    api.store_items(store, old, batch_size=50)
    api.store_items(store, [first])
    api.store_items(store, [later])
    stored = {r.id: r for r in store.iter_records()}
    assert len({stored[r.id].duplicates.cluster for r in old}) == 35  # no copies among them
    assert len({stored[r.id].story for r in old}) == 35
    assert stored[later.id].story == stored[first.id].story


def test_stories_migration_0007_fills_term_days_from_stored_stories(store_url):
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import text

    from zhiku.store import open_store
    from zhiku.store.base import MIGRATIONS

    def term_days(s) -> list[tuple]:
        with s.engine.connect() as conn:
            return sorted(tuple(r) for r in conn.execute(text(
                "SELECT term, story_id, first_day, last_day FROM story_terms")))

    with open_store(store_url) as s:
        api.store_items(s, [r for _, r in _articles()])
        undated = _articles()[0][1].copy_with(id="undated", published_at=None, title="无日期的稿件：人工智能研讨会",
                                              text="某市召开人工智能研讨会，与会专家讨论大模型发展路径。" * 3)
        api.store_items(s, [undated])
        kept = term_days(s)
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        with s.engine.begin() as conn:  # back to a database from before 0007
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0003_dedupe")
    assert {row[2] for row in kept} >= {"2024-03-14", "0000-00-00"} and "9999-12-31" in {row[3] for row in kept}
    with open_store(store_url, migrate=False) as s:
        from sqlalchemy import inspect

        assert {c["name"] for c in inspect(s.engine).get_columns("story_terms")} == {"term", "story_id"}
    with open_store(store_url) as s:  # migrates again: the days come back from the stories table
        assert term_days(s) == kept


def _term_index(store) -> dict[str, set[tuple[str, str, str]]]:
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT story_id, term, first_day, last_day FROM story_terms").all()
    out: dict[str, set[tuple[str, str, str]]] = {}
    for sid, term, first, last in rows:
        out.setdefault(sid, set()).add((term, first, last))
    return out


def test_stories_term_index_follows_joins_written_as_differences(store):
    """Articles join stored stories one batch at a time (days widen, terms come and go from the 80 kept): the term
    index always equals what each story holds, and a join inserts only the story's new terms."""
    from sqlalchemy import event

    from zhiku.dedupe.index import term_entries
    from zhiku.dedupe.stories import load_story

    articles = sorted(_articles(), key=lambda a: (a[0], a[1].published_at or ""))
    inserted: list[int] = []

    def count_inserts(conn, cursor, statement, parameters, context, executemany):
        if statement.startswith("INSERT INTO story_terms") or statement.startswith("COPY story_terms"):
            inserted.append(len(parameters) if executemany else 1)

    event.listen(store.engine, "before_cursor_execute", count_inserts)
    joined = 0
    for _, r in articles:
        inserted.clear()
        with store.engine.connect() as conn:
            before = {sid: load_story(conn, sid) for sid in _term_index(store)}
        api.store_items(store, [r])
        story = store.get(r.id).story
        index = _term_index(store)
        with store.engine.connect() as conn:
            for sid, entries in index.items():
                terms, (first, last) = term_entries(load_story(conn, sid))
                assert entries == {(term, first, last) for term in terms}, sid
        if story in before and store.engine.dialect.name == "sqlite":  # (COPY rows are not counted per row)
            joined += 1
            with store.engine.connect() as conn:
                new_terms = term_entries(load_story(conn, story))[0] - term_entries(before[story])[0]
            assert sum(inserted) == len(new_terms) < len(index[story])
    assert joined >= 3 or store.engine.dialect.name != "sqlite"


def test_story_terms_convert_names_in_one_call_as_one_by_one():
    from zhiku.dedupe.stories import _simplified, _simplified_all

    names = ["國務院", "國家發展和改革委員會", "臺灣積體電路製造", "鄭州", "人工智慧", "ChatGPT", "乾隆", "髮型", "發展"]
    assert _simplified_all(names) == [_simplified(n) for n in names]
    assert _simplified_all(names)[1] == "国家发展和改革委员会"
    assert _simplified_all(["兩岸\n關係", "產業"]) == ["两岸\n关系", "产业"]  # a line break inside: one by one
