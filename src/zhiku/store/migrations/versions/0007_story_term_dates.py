"""Story term rows carry their story's date range, so a dated article meets only the stories within its window.

Before, the candidate query grouped every story that ever used one of the article's terms (a term such as 大模型
is in tens of thousands of stories at a million articles) and the window was checked afterwards in Python: the
cost grew with the whole store and the 30 best candidates could all lie outside the window. ``first_day`` and
``last_day`` (YYYY-MM-DD; undated stories get ``0000-00-00`` and ``9999-12-31``, in every window as before) are
filled from ``stories``; the index (term, last_day, first_day, story_id) answers the query from the index alone.

Revision ID: 0007_story_term_dates
Revises: 0003_dedupe
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_story_term_dates"
down_revision = "0003_dedupe"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from zhiku.dedupe.tables import FIRST_UNDATED, LAST_UNDATED

    op.add_column("story_terms", sa.Column("first_day", sa.String(10), nullable=False,
                                           server_default=FIRST_UNDATED))
    op.add_column("story_terms", sa.Column("last_day", sa.String(10), nullable=False, server_default=LAST_UNDATED))
    op.execute("UPDATE story_terms SET "
               f"first_day = COALESCE((SELECT SUBSTR(s.first_date, 1, 10) FROM stories s "
               f"WHERE s.story_id = story_terms.story_id), '{FIRST_UNDATED}'), "
               f"last_day = COALESCE((SELECT SUBSTR(s.last_date, 1, 10) FROM stories s "
               f"WHERE s.story_id = story_terms.story_id), '{LAST_UNDATED}')")
    op.create_index("ix_story_terms_window", "story_terms", ["term", "last_day", "first_day", "story_id"])


def downgrade() -> None:
    op.drop_index("ix_story_terms_window", "story_terms")
    with op.batch_alter_table("story_terms") as batch:
        batch.drop_column("last_day")
        batch.drop_column("first_day")
