"""Dedupe's own tables (migration 0003_dedupe; story term days 0007): signatures, LSH bands, clusters, stories."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Float, Index, Integer, LargeBinary, MetaData, String, Table, Text

metadata = MetaData()

# One row per indexed record: its normalized-body hash, MinHash signature and cluster.
dedupe_docs = Table(
    "dedupe_docs",
    metadata,
    Column("doc", Integer, primary_key=True, autoincrement=True),
    Column("record_id", String(64), nullable=False, unique=True),
    Column("cluster_id", String(64), nullable=False),
    Column("body_hash", String(64), nullable=False),
    Column("chars", Integer, nullable=False),
    Column("shingles", Integer, nullable=False),
    Column("signature", LargeBinary, nullable=False),
    Column("params", String(40), nullable=False),
    Column("credit", Text),
    Column("similarity", Float),
    Index("ix_dedupe_docs_cluster", "cluster_id"),
    Index("ix_dedupe_docs_body", "body_hash"),
)

# The LSH index: one row per (band key, doc); band number is mixed into the key.
dedupe_bands = Table(
    "dedupe_bands",
    metadata,
    Column("key", BigInteger, primary_key=True, autoincrement=False),
    Column("doc", Integer, primary_key=True, autoincrement=False),
    sqlite_with_rowid=False,
)

dedupe_clusters = Table(
    "dedupe_clusters",
    metadata,
    Column("cluster_id", String(64), primary_key=True),
    Column("canonical_id", String(64), nullable=False),
    Column("size", Integer, nullable=False),
    Column("updated_at", String(40), nullable=False),
)

stories = Table(
    "stories",
    metadata,
    Column("story_id", String(64), primary_key=True),
    Column("title", Text),
    Column("first_date", String(40)),
    Column("last_date", String(40)),
    Column("articles", Integer, nullable=False),
    Column("outlets", Text, nullable=False),  # JSON list
    Column("terms", Text, nullable=False),  # JSON {term: weight}
    Column("updated_at", String(40), nullable=False),
    Index("ix_stories_last_date", "last_date"),
)

FIRST_UNDATED, LAST_UNDATED = "0000-00-00", "9999-12-31"  # the day range of a story without dates: every window

# Inverted index of story terms, so a new article meets only stories that share a term with it and whose days
# (copied from ``stories``, migration 0007) reach its window.
story_terms = Table(
    "story_terms",
    metadata,
    Column("term", String(64), primary_key=True),
    Column("story_id", String(64), primary_key=True),
    Column("first_day", String(10), nullable=False, server_default=FIRST_UNDATED),
    Column("last_day", String(10), nullable=False, server_default=LAST_UNDATED),
    Index("ix_story_terms_story", "story_id"),
    Index("ix_story_terms_window", "term", "last_day", "first_day", "story_id"),
)
