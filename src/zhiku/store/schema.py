"""Tables both backends share (SQLAlchemy Core). Changes go through Alembic migrations too."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Float,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

raw_inputs = Table(
    "raw_inputs",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("format", String(16), nullable=False),
    Column("encoding", String(32)),
    Column("origin", Text),
    Column("size", Integer, nullable=False),
    Column("content", LargeBinary, nullable=False),
    Column("first_seen", String(40), nullable=False),
)

records = Table(
    "records",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("url", Text),
    Column("source", Text),
    Column("title", Text),
    Column("published_at", String(40)),
    Column("fetched_at", String(40)),
    Column("raw_sha256", String(64), nullable=False),
    Column("status", String(16), nullable=False),
    Column("body_hash", String(64), nullable=False),
    Column("canonical_id", String(64)),
    Column("story_id", String(64)),
    Column("data_hash", String(64), nullable=False),
    Column("data", Text, nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("updated_at", String(40), nullable=False),
    Index("ix_records_url", "url"),
    Index("ix_records_raw", "raw_sha256"),
    Index("ix_records_body", "body_hash"),
    Index("ix_records_canonical", "canonical_id"),
    Index("ix_records_story", "story_id"),
    Index("ix_records_published", "published_at"),
)

# One row per tag of a record: technology, industry, region, organization, person, keyword, policy.
record_tags = Table(
    "record_tags",
    metadata,
    Column("record_id", String(64), primary_key=True),
    Column("kind", String(16), primary_key=True),
    Column("key", String(200), primary_key=True),
    Column("label", Text),
    Column("score", Float),
    Index("ix_tags_kind_key", "kind", "key"),
)

figures = Table(
    "figures",
    metadata,
    Column("record_id", String(64), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("subject", Text),
    Column("value", Float),
    Column("unit", String(40)),
    Column("raw", Text),
    Column("qualifier", String(40)),
    Column("year", Integer),
    Column("region", Text),
    Column("sentence", Integer),
    Index("ix_figures_subject", "subject"),
    Index("ix_figures_region_year", "region", "year"),
)

runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("command", Text, nullable=False),
    Column("started_at", String(40), nullable=False),
    Column("finished_at", String(40)),
    Column("stats", Text),
)
