"""Crawl frontier: every URL seen with its state and validators, and when each source was last crawled.

Revision ID: 0002_frontier
Revises: 0001_initial
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_frontier"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "frontier",
        sa.Column("url", sa.Text, primary_key=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("content_sha256", sa.String(64)),
        sa.Column("record_id", sa.String(64)),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("error", sa.Text),
        sa.Column("discovered_at", sa.String(40), nullable=False),
        sa.Column("fetched_at", sa.String(40)),
    )
    op.create_index("ix_frontier_source_state", "frontier", ["source", "state"])
    op.create_table(
        "crawl_sources",
        sa.Column("name", sa.Text, primary_key=True),
        sa.Column("last_started", sa.String(40)),
        sa.Column("last_finished", sa.String(40)),
    )


def downgrade() -> None:
    op.drop_index("ix_frontier_source_state", table_name="frontier")
    op.drop_table("crawl_sources")
    op.drop_table("frontier")
