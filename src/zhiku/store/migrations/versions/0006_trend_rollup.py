"""Trend rollup: canonical records counted per day, per (tag kind, key, day), label and tag pair, kept by the
write hooks (``zhiku.use.rollup``), so trends, spikes, key counts and the technology × industry matrix read a few
thousand rows instead of every tag row. Filled from the search index and the tag rows of what is already stored.

Revision ID: 0006_trend_rollup
Revises: 0005_covering_indexes
"""

from alembic import op

revision = "0006_trend_rollup"
down_revision = "0005_covering_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from zhiku.use import rollup

    rollup.create_tables(op.get_bind())


def downgrade() -> None:
    from zhiku.use import rollup

    rollup.drop_tables(op.get_bind(), rollup.BASE_TABLES)
