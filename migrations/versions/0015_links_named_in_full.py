"""article_entities.named_in_full: whether the article names the entity itself, or only a surname
that the archive's choice joined to it

Revision ID: 0015_links_named_in_full
Revises: 0014_hosts
Create Date: 2026-12-07

A surname alone ('Reagan', 'President Reagan') is joined across the archive to the person who fits
it best, weighed by that person's articles and company. Counting the articles it got through such
joins fed the choice back into itself: in a Reuters archive one early join made 'Nancy Reagan' the
person of 347 articles that only say 'President Reagan'. The candidates' evidence now comes from
the links marked here. An added column with a constant default: no table rewrite, existing links
count as named in full.
"""
import sqlalchemy as sa
from alembic import op

revision = "0015_links_named_in_full"
down_revision = "0014_hosts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("article_entities", sa.Column("named_in_full", sa.Boolean(), nullable=False,
                                                server_default=sa.true()))


def downgrade() -> None:
    with op.batch_alter_table("article_entities") as batch_op:
        batch_op.drop_column("named_in_full")
