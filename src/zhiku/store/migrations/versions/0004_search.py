"""Search index over CJK bigrams (FTS5 on SQLite, tsvector + GIN on PostgreSQL) and watchlist tables.

Revision ID: 0004_search
Revises: 0001_initial
"""

from alembic import op

revision = "0004_search"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from zhiku.use import search as search_mod
    from zhiku.use import watch as watch_mod

    bind = op.get_bind()
    search_mod.create_index_tables(bind)
    watch_mod.metadata.create_all(bind)
    search_mod.backfill(bind)


def downgrade() -> None:
    from zhiku.use import search as search_mod
    from zhiku.use import watch as watch_mod

    bind = op.get_bind()
    watch_mod.metadata.drop_all(bind)
    search_mod.drop_index_tables(bind)
