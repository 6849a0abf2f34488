"""near-duplicate groups of syndicated copies

Revision ID: 0008_near_duplicates
Revises: 0007_entity_curation
Create Date: 2026-11-24
"""
import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0008_near_duplicates"
down_revision = "0007_entity_curation"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
