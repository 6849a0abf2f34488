"""users.session_version and users.revoked_at: logout, a new password and revoke-admin end sessions

Revision ID: 0009_user_sessions
Revises: 0008_near_duplicates
Create Date: 2026-12-06

Session cookies issued before this revision carry no version: their users log in once more.
"""
import sqlalchemy as sa
from alembic import op

revision = "0009_user_sessions"
down_revision = "0008_near_duplicates"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch_op:
        batch_op.add_column(sa.Column("session_version", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("revoked_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch_op:
        batch_op.drop_column("revoked_at")
        batch_op.drop_column("session_version")
