"""rate_hits: calls counted for the /api/v1/extract rate limit

Revision ID: 0003_extract_rate_limit
Revises: 0002
Create Date: 2026-11-25
"""
import sqlalchemy as sa
from alembic import op

revision = '0003_extract_rate_limit'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('rate_hits',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('bucket', sa.String(length=40), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rate_hits'))
    )
    with op.batch_alter_table('rate_hits', schema=None) as batch_op:
        batch_op.create_index('ix_rate_hits_bucket_key_at', ['bucket', 'key', 'at'], unique=False)
        batch_op.create_index(batch_op.f('ix_rate_hits_at'), ['at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('rate_hits', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rate_hits_at'))
        batch_op.drop_index('ix_rate_hits_bucket_key_at')

    op.drop_table('rate_hits')
