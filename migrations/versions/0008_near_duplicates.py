"""near-duplicate groups of syndicated copies: articles.dup_group_id, dup_signature; article_bands

Revision ID: 0008_near_duplicates
Revises: 0007_entity_curation
Create Date: 2026-11-24

Articles stored before this revision have no signature: they are never candidates,
and later copies of them start groups of their own.
"""
import sqlalchemy as sa
from alembic import op

revision = "0008_near_duplicates"
down_revision = "0007_entity_curation"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch_op:
        batch_op.add_column(sa.Column("dup_group_id", BigId, nullable=True))
        batch_op.add_column(sa.Column("dup_signature", sa.LargeBinary(), nullable=True))
        batch_op.create_index(batch_op.f("ix_articles_dup_group_id"), ["dup_group_id"], unique=False)
    op.create_table(
        "article_bands",
        sa.Column("article_id", BigId, nullable=False),
        sa.Column("band", sa.SmallInteger(), nullable=False),
        sa.Column("band_hash", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"],
                                name=op.f("fk_article_bands_article_id_articles"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("article_id", "band", name=op.f("pk_article_bands")),
    )
    op.create_index("ix_article_bands_band_hash", "article_bands", ["band", "band_hash"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_article_bands_band_hash", table_name="article_bands")
    op.drop_table("article_bands")
    with op.batch_alter_table("articles") as batch_op:
        batch_op.drop_index(batch_op.f("ix_articles_dup_group_id"))
        batch_op.drop_column("dup_signature")
        batch_op.drop_column("dup_group_id")
