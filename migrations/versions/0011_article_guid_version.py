"""articles.guid, version, version_created: a wire story's own id and version

Revision ID: 0011_article_guid_version
Revises: 0010_entity_surnames
Create Date: 2026-12-06

Wire formats (NewsML-G2, ninjs, NITF, JSON Feed) name each story (guid / uri / id) and number its
versions: a newer version of a stored story updates it instead of being skipped as a duplicate.
"""
import sqlalchemy as sa
from alembic import op

revision = "0011_article_guid_version"
down_revision = "0010_entity_surnames"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch_op:
        batch_op.add_column(sa.Column("guid", sa.String(length=1000), nullable=True))
        batch_op.add_column(sa.Column("version", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("version_created", sa.DateTime(), nullable=True))
        batch_op.create_index(batch_op.f("ix_articles_guid"), ["guid"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("articles") as batch_op:
        batch_op.drop_index(batch_op.f("ix_articles_guid"))
        batch_op.drop_column("version_created")
        batch_op.drop_column("version")
        batch_op.drop_column("guid")
