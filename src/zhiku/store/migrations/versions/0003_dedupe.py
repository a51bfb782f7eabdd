"""Dedupe tables: MinHash signatures, LSH bands, copy clusters, stories and their term index.

Revision ID: 0003_dedupe
Revises: 0001_initial
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_dedupe"
down_revision = "0001_initial"
branch_labels = ("dedupe",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dedupe_docs",
        sa.Column("doc", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("record_id", sa.String(64), nullable=False, unique=True),
        sa.Column("cluster_id", sa.String(64), nullable=False),
        sa.Column("body_hash", sa.String(64), nullable=False),
        sa.Column("chars", sa.Integer, nullable=False),
        sa.Column("shingles", sa.Integer, nullable=False),
        sa.Column("signature", sa.LargeBinary, nullable=False),
        sa.Column("params", sa.String(40), nullable=False),
        sa.Column("credit", sa.Text),
        sa.Column("similarity", sa.Float),
    )
    op.create_index("ix_dedupe_docs_cluster", "dedupe_docs", ["cluster_id"])
    op.create_index("ix_dedupe_docs_body", "dedupe_docs", ["body_hash"])
    op.create_table(
        "dedupe_bands",
        sa.Column("key", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("doc", sa.Integer, primary_key=True, autoincrement=False),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "dedupe_clusters",
        sa.Column("cluster_id", sa.String(64), primary_key=True),
        sa.Column("canonical_id", sa.String(64), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
    )
    op.create_table(
        "stories",
        sa.Column("story_id", sa.String(64), primary_key=True),
        sa.Column("title", sa.Text),
        sa.Column("first_date", sa.String(40)),
        sa.Column("last_date", sa.String(40)),
        sa.Column("articles", sa.Integer, nullable=False),
        sa.Column("outlets", sa.Text, nullable=False),
        sa.Column("terms", sa.Text, nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
    )
    op.create_index("ix_stories_last_date", "stories", ["last_date"])
    op.create_table(
        "story_terms",
        sa.Column("term", sa.String(64), primary_key=True),
        sa.Column("story_id", sa.String(64), primary_key=True),
    )
    op.create_index("ix_story_terms_story", "story_terms", ["story_id"])


def downgrade() -> None:
    for name in ("story_terms", "stories", "dedupe_clusters", "dedupe_bands", "dedupe_docs"):
        op.drop_table(name)
