"""SQLite: article ids are never reused (AUTOINCREMENT)

Without it SQLite hands a deleted article's id to the next article, so a
second DELETE of the old id, or an old link, reaches a different article.
PostgreSQL sequences never reuse ids; nothing to do there.

Revision ID: 0005_sqlite_article_ids
Revises: 0004_postgresql_bigint_ids
Create Date: 2026-11-24
"""
from alembic import op

revision = "0005_sqlite_article_ids"
down_revision = "0004_postgresql_bigint_ids"
branch_labels = None
depends_on = None


def _recreate(autoincrement: bool) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    with op.batch_alter_table("articles", recreate="always",
                              table_kwargs={"sqlite_autoincrement": autoincrement}) as batch_op:
        batch_op.alter_column("id", existing_nullable=False)


def upgrade() -> None:
    _recreate(True)


def downgrade() -> None:
    _recreate(False)
