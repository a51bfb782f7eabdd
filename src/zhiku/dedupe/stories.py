"""Stories: different articles about one event, grouped by shared actors, figures and key terms in a time window.

An article's story terms are the names other stages found (organizations, people, regions, event
actors, figures, keywords) when present, plus the content words of its title and lead (rjieba),
weighted by jieba's IDF so that words every AI article uses (人工智能, 发展) count little. A new
article joins the story whose terms cover most of its own weight, if that share reaches
``STORY_MIN`` with at least ``MIN_SHARED`` shared terms and the story's dates lie within
``WINDOW_DAYS`` of the article's; otherwise it starts a story of its own.
"""

from __future__ import annotations

import functools
import json
import logging
import re
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from ..record import Record, input_key, sha256_hex
from ..store.bulk import driver_one_of, placeholder
from . import tables as t
from .index import INDEXED, PendingWrites, term_entries

logger = logging.getLogger(__name__)

# Chosen on the Sohu dev pairs (bench/bench_dedupe.py --sohu): at 0.3, 52 % of same-event pairs and
# 4.5 % of unrelated pairs join; hand-written events (tests/dedupe/events.yaml) score ≥ 0.45 within an
# event and ≤ 0.2 across events that share vocabulary.
STORY_MIN = 0.3
MIN_SHARED = 2
WINDOW_DAYS = 7
TOP_TERMS = 24  # terms kept per article
STORY_TERMS = 80  # terms kept per story
ENTITY_BOOST = 1.5
CANDIDATES = 30  # stored stories compared with a new article, those sharing most terms first
LEAD_CHARS = 160

_WORD = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9.%]+$")
_NUMBER_UNIT = re.compile(r"\d+(?:\.\d+)?(?:万亿|亿|万|千|百)?(?:元|家|个|台|项|人|吨|亿次|千瓦|平方米|%)")


@functools.lru_cache(maxsize=1)
def generic_terms() -> frozenset[str]:
    """Words too general to separate events (data/dedupe/story_generic_terms.txt)."""
    from importlib import resources

    text = resources.files("zhiku").joinpath("data/dedupe/story_generic_terms.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


@functools.lru_cache(maxsize=1)
def _idf() -> tuple[dict[str, float], float]:
    """jieba's IDF table (the one the keyword stage reads) and its median, the weight of an unknown word."""
    from ..analyze.keyword_lexicon import background_idf

    idf = background_idf()
    values = sorted(idf.values())
    return idf, values[len(values) // 2] if values else 0.0


def _weight(term: str) -> float:
    idf, median = _idf()
    return idf.get(term, median)


def _content_words(text: str) -> Iterable[str]:
    import rjieba

    for w in rjieba.cut(text):
        w = w.strip()
        if len(w) >= 2 and _WORD.match(w) and not w.isdigit() and w not in generic_terms():
            yield w


def _simplified(text: str) -> str:
    from .minhash import _t2s

    return _t2s().convert(text or "")


def _simplified_all(texts: list[str]) -> list[str]:
    """``_simplified`` of each text in one conversion (OpenCC's phrases never span a line break)."""
    if not texts or any("\n" in t for t in texts):
        return [_simplified(t) for t in texts]
    return _simplified("\n".join(texts)).split("\n")


def terms(record: Record) -> dict[str, float]:
    """The weighted terms that say which event an article reports (top ``TOP_TERMS``); computed once per set of
    inputs (a worker may have sent them: ``zhiku.prepare``)."""
    named = [(o.name, ENTITY_BOOST) for o in record.organizations or []]
    named += [(p.name, ENTITY_BOOST) for p in record.people or []]
    named += [(g.name, 1.0) for g in record.regions or []]
    named += [(a, ENTITY_BOOST) for e in record.events or [] for a in e.actors]
    named += [(f.raw, ENTITY_BOOST) for f in record.figures or []]
    named += [(k.term, 1.0) for k in (record.keywords or [])[:10]]
    named = [(name.strip(), boost) for name, boost in named if name]
    head = f"{record.title or ''}\n{(record.text or '')[:LEAD_CHARS]}"
    key = input_key(head, *(f"{boost!r}:{name}" for name, boost in named))
    return record.derived("story_terms", key, lambda: _terms(named, head))


def _terms(named: list[tuple[str, float]], head: str) -> dict[str, float]:
    """The top terms of these (name, boost) pairs and of the content words of ``head`` (title and lead)."""
    out: dict[str, float] = {}

    def add(term: str, boost: float = 1.0) -> None:
        term = term[:64]
        if len(term) < 2 or term in generic_terms():
            return
        out[term] = max(out.get(term, 0.0), _weight(term) * boost)

    for term, (_, boost) in zip(_simplified_all([name for name, _ in named]), named, strict=True):
        add(term, boost)
    head = _simplified(head)
    for w in _content_words(head):
        add(w.strip())
    for m in _NUMBER_UNIT.finditer(head):
        add(m.group(0).strip(), ENTITY_BOOST)
    top = sorted(out.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_TERMS]
    return dict(top)


def coverage(article: dict[str, float], story: dict[str, float]) -> tuple[float, int]:
    """Share of the article's term weight found in the story, and how many terms they share."""
    total = sum(article.values())
    if not total:
        return 0.0, 0
    shared = [k for k in article if k in story]
    return sum(article[k] for k in shared) / total, len(shared)


def same_story(a: dict[str, float], b: dict[str, float]) -> tuple[bool, float]:
    """Pair test (for scoring pairs): would one article join a story made of the other?"""
    ca, na = coverage(a, b)
    cb, _ = coverage(b, a)
    score = max(ca, cb)
    return score >= STORY_MIN and na >= MIN_SHARED, score


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _in_window(day: date | None, row: dict[str, Any]) -> bool:
    if day is None:
        return True
    first, last = _day(row.get("first_date")), _day(row.get("last_date"))
    if first and day < first - timedelta(days=WINDOW_DAYS):
        return False
    return not (last and day > last + timedelta(days=WINDOW_DAYS))


def story_id_for(record_id: str) -> str:
    return sha256_hex(f"story:{record_id}")[:16]


def load_story(conn: Connection, story_id: str) -> dict[str, Any] | None:
    return load_stories(conn, [story_id]).get(story_id)


def load_stories(conn: Connection, story_ids: list[str]) -> dict[str, dict[str, Any]]:
    """The stored stories among these ids, by id (driver SQL: run for most stored records)."""
    if not story_ids:
        return {}
    where, params = driver_one_of(conn, "story_id", story_ids)
    rows = conn.exec_driver_sql(f"SELECT story_id, title, first_date, last_date, terms, outlets FROM stories "
                                f"WHERE {where}", params)
    return {row.story_id: _from_row(row) for row in rows}


def _from_row(row: Any) -> dict[str, Any]:
    extra = json.loads(row.terms)
    story = {"title": row.title, "first_date": row.first_date, "last_date": row.last_date,
             "articles": set(extra["articles"]), "outlets": set(json.loads(row.outlets)), "terms": extra["terms"]}
    story[INDEXED] = term_entries(story)  # what story_terms holds for it: write_stories writes the difference
    return story


class StoryMatcher:
    """Finds or starts the story of each new article; changes are kept in ``writes.stories``."""

    def __init__(self, writes: PendingWrites):
        self.writes = writes
        self.pending_terms: dict[str, set[str]] = {}  # term -> stories changed in this batch

    def _story(self, conn: Connection, story_id: str) -> dict[str, Any] | None:
        if story_id not in self.writes.stories:
            row = load_story(conn, story_id)
            if row is None:
                return None
            self.writes.stories[story_id] = row
        return self.writes.stories[story_id]

    def _candidates(self, conn: Connection, keys: list[str], day: date | None) -> set[str]:
        """Stored stories sharing most terms with the article (within its window when it has a date; driver SQL:
        run for every stored record)."""
        where, params = driver_one_of(conn, "term", keys)
        if day is not None:  # the index (term, last_day, first_day) reads only stories that reach the window
            mark = placeholder(conn)
            where += f" AND last_day >= {mark} AND first_day <= {mark}"
            params += ((day - timedelta(days=WINDOW_DAYS)).isoformat(), (day + timedelta(days=WINDOW_DAYS)).isoformat())
        found = set(conn.exec_driver_sql(
            f"SELECT story_id FROM story_terms WHERE {where} GROUP BY story_id HAVING count(*) >= {int(MIN_SHARED)} "
            f"ORDER BY count(*) DESC, story_id LIMIT {int(CANDIDATES)}", params).scalars())
        found.update(sid for k in keys for sid in self.pending_terms.get(k, ()))
        return found

    def match(self, conn: Connection, record: Record) -> str:
        """The story this article belongs to (an existing one, or a new one it starts)."""
        art = terms(record)
        day = _day(record.published_at)
        best, best_score = None, 0.0
        if art:
            candidates = sorted(self._candidates(conn, list(art), day))
            self.writes.stories.update(load_stories(conn, [s for s in candidates if s not in self.writes.stories]))
            for sid in candidates:
                row = self.writes.stories.get(sid)
                if row is None or not _in_window(day, row):
                    continue
                score, shared = coverage(art, row["terms"])
                if score >= STORY_MIN and shared >= MIN_SHARED and score > best_score:
                    best, best_score = sid, score
        if best is None:
            best = story_id_for(record.id)
            self.writes.stories[best] = {"title": record.display_title, "first_date": None, "last_date": None,
                                         "articles": set(), "outlets": set(), "terms": {}}
        self._add(best, record, art)
        return best

    def add_outlet(self, conn: Connection, story_id: str, record: Record) -> None:
        """A copy joined a story's article: count its outlet and date."""
        row = self._story(conn, story_id)
        if row is not None:
            self._dates(row, record)
            if record.source:
                row["outlets"].add(record.source)

    def _dates(self, row: dict[str, Any], record: Record) -> None:
        day = (record.published_at or "")[:10] or None
        if day and _day(day):
            row["first_date"] = min(filter(None, [row["first_date"], day]))
            row["last_date"] = max(filter(None, [row["last_date"], day]))

    def _add(self, sid: str, record: Record, art: dict[str, float]) -> None:
        row = self.writes.stories[sid]
        row["articles"].add(record.id)
        if record.source:
            row["outlets"].add(record.source)
        self._dates(row, record)
        merged = dict(row["terms"])
        for k, w in art.items():
            merged[k] = max(merged.get(k, 0.0), w)
        row["terms"] = dict(sorted(merged.items(), key=lambda kv: (-kv[1], kv[0]))[:STORY_TERMS])
        for term in row["terms"]:
            self.pending_terms.setdefault(term, set()).add(sid)
        if not row.get("title"):
            row["title"] = record.title


def story_rows(conn: Connection, since: str | None = None, min_articles: int = 1,
               limit: int = 100) -> list[dict[str, Any]]:
    """Stories, newest first: id, title, first/last date, article count, outlets."""
    c = t.stories.c
    q = select(c.story_id, c.title, c.first_date, c.last_date, c.articles, c.outlets).where(c.articles >= min_articles)
    if since:
        q = q.where(c.last_date >= since)
    q = q.order_by(c.last_date.desc(), c.articles.desc(), c.story_id).limit(limit)
    return [{"id": r.story_id, "title": r.title, "first_date": r.first_date, "last_date": r.last_date,
             "articles": r.articles, "outlets": json.loads(r.outlets)} for r in conn.execute(q)]
