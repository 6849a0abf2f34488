"""hosts: whose turn it is to fetch from a host (one request at a time per host, across processes)

Revision ID: 0014_hosts
Revises: 0013_sources
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "0014_hosts"
down_revision = "0013_sources"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hosts",
        sa.Column("host", sa.String(length=255), nullable=False),
        sa.Column("next_request_at", sa.DateTime(), nullable=True),
        sa.Column("claimed_by", sa.String(length=200), nullable=True),
        sa.Column("claimed_until", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("host", name=op.f("pk_hosts")),
    )


def downgrade() -> None:
    op.drop_table("hosts")
