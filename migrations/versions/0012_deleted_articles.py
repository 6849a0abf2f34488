"""deleted_articles: articles deleted from the admin, kept for ARCHIVE_DELETED_KEEP_DAYS to be restored

Revision ID: 0012_deleted_articles
Revises: 0011_article_guid_version
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "0012_deleted_articles"
down_revision = "0011_article_guid_version"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "deleted_articles",
        sa.Column("id", BigId, nullable=False),
        sa.Column("article_id", BigId, nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("record", sa.Text(), nullable=False),
        sa.Column("deleted_by", sa.String(length=200), nullable=True),
        sa.Column("deleted_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deleted_articles")),
    )
    op.create_index(op.f("ix_deleted_articles_deleted_at"), "deleted_articles", ["deleted_at"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_deleted_articles_deleted_at"), table_name="deleted_articles")
    op.drop_table("deleted_articles")
