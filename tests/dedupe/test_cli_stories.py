"""zhiku stories, zhiku dedupe rebuild and the copies/story lines of zhiku show."""

from __future__ import annotations

import json
import random

from typer.testing import CliRunner

from zhiku import api
from zhiku.cli import app
from zhiku.store import open_store

from .corpus import seeds, variants
from .test_stories import _articles


def _load(db: str) -> dict[str, str]:
    """Seed 004 and three reprints, plus the hand-written events; origin -> record id."""
    docs = [d for d in variants("004", seeds()["004"], random.Random(2))
            if d.kind in ("original", "chrome", "traditional", "first-half")]
    with open_store(db) as store:
        api.store_items(store, [d.record() for d in docs] + [r for _, r in _articles()])
        return {r.raw.origin: r.id for r in store.iter_records()}


def test_cli_show_names_copies_and_story(tmp_path):
    db = f"sqlite:///{tmp_path / 'z.db'}"
    ids = _load(db)
    result = CliRunner().invoke(app, ["show", ids["004-trad"], "--db", db])
    assert result.exit_code == 0, result.output
    assert f"本篇转载自 {ids['004-orig']}" in result.output
    for key in ("004-orig", "004-chrome", "004-half"):
        assert ids[key] in result.output
    assert "[首发]" in result.output and "香港某报" not in result.output.split("副本")[1].split("\n", 2)[1]
    assert "故事:" in result.output and "媒体：" in result.output
    # the lines a Chinese card ends with are Chinese too (they had said "3 other copies; this record is the copy of")
    links = result.output.split("副本:")[1]
    assert not any(word in links for word in ("other cop", "this record", "articles", "outlets"))


def test_cli_stories_lists_multi_outlet_stories_since(tmp_path):
    db = f"sqlite:///{tmp_path / 'z.db'}"
    _load(db)
    result = CliRunner().invoke(app, ["stories", "--db", db, "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert sorted(r["articles"] for r in rows) == [2, 2, 3, 4]
    later = CliRunner().invoke(app, ["stories", "--db", db, "--format", "json", "--since", "2024-04-05"])
    titles = [json.loads(line)["title"] for line in later.output.splitlines()]
    assert len(titles) == 2 and any("合肥" in t for t in titles) and any("深圳" in t for t in titles)


def _partition(links: dict) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for rid, (_, story) in links.items():
        groups.setdefault(story, set()).add(rid)
    return {frozenset(g) for g in groups.values()}


def test_cli_dedupe_rebuild_restores_the_same_links(tmp_path):
    db = f"sqlite:///{tmp_path / 'z.db'}"
    _load(db)
    with open_store(db) as store:
        before = {r.id: (r.duplicates, r.story) for r in store.iter_records()}
    stories_before = _partition(before)
    result = CliRunner().invoke(app, ["dedupe", "rebuild", "--db", db])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {"records": len(before), "clusters": len(before) - 3, "stories": 5}
    with open_store(db) as store:
        after = {r.id: (r.duplicates, r.story) for r in store.iter_records()}
        assert {k: v[0] for k, v in after.items()} == {k: v[0] for k, v in before.items()}
        assert _partition(after) == stories_before  # story ids may differ: the first article is picked anew
        copies = [r for r in store.iter_records() if not r.duplicates.is_canonical]
        assert len(copies) == 3
