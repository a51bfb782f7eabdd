"""Covering indexes for counting at scale: tag rows by (kind, key) with their record and label, and the
search index's per-record filter columns, so trends, co-occurrence, spikes and filtered searches read
indexes only (measured on 200,000 articles: trends 1.3 s -> 0.55 s, filtered search 1.0 s -> 0.36 s).

Revision ID: 0005_covering_indexes
Revises: 0004_search
"""

from alembic import op

revision = "0005_covering_indexes"
down_revision = "0004_search"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE INDEX IF NOT EXISTS ix_tags_kind_key_record ON record_tags (kind, key, record_id, label)")
    op.execute("CREATE INDEX IF NOT EXISTS ix_search_docs_record_filters "
               "ON search_docs (record_id, canonical, published_at, source)")


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_search_docs_record_filters")
    op.execute("DROP INDEX IF EXISTS ix_tags_kind_key_record")
