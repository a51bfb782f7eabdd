"""Initial tables: raw inputs, records, tags, figures, runs.

Revision ID: 0001_initial
Revises:
"""

from alembic import op

from zhiku.store import schema

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None

_TABLES = ("raw_inputs", "records", "record_tags", "figures", "runs")


def upgrade() -> None:
    bind = op.get_bind()
    schema.metadata.create_all(bind, tables=[schema.metadata.tables[t] for t in _TABLES])


def downgrade() -> None:
    bind = op.get_bind()
    schema.metadata.drop_all(bind, tables=[schema.metadata.tables[t] for t in _TABLES])
