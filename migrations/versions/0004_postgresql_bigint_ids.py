"""64-bit ids on PostgreSQL, as SQLite's INTEGER already is (no change on SQLite)

The API accepts ids up to 2**63 - 1; a 32-bit integer column on PostgreSQL made
larger ones a database error instead of a 404, and would run out of ids first.

Revision ID: 0004_postgresql_bigint_ids
Revises: 0003_extract_rate_limit
Create Date: 2026-11-26
"""
import sqlalchemy as sa
from alembic import op

revision = '0004_postgresql_bigint_ids'
down_revision = '0003_extract_rate_limit'
branch_labels = None
depends_on = None

ID_COLUMNS = {
    'articles': ['id'],
    'entities': ['id'],
    'article_entities': ['article_id', 'entity_id'],
    'mentions': ['id', 'article_id', 'entity_id'],
    'article_dates': ['id', 'article_id'],
    'changes': ['seq', 'article_id'],
    'api_tokens': ['id'],
    'users': ['id'],
    'login_failures': ['id'],
    'rate_hits': ['id'],
}


def _retype(old: sa.types.TypeEngine, new: sa.types.TypeEngine, sequence_type: str) -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return  # SQLite's INTEGER is 64-bit already (and must stay INTEGER to remain the rowid)
    for table, columns in ID_COLUMNS.items():
        for column in columns:
            op.alter_column(table, column, type_=new, existing_type=old, existing_nullable=False)
            sequence = op.get_bind().scalar(sa.text('select pg_get_serial_sequence(:t, :c)'),
                                            {'t': table, 'c': column})
            if sequence:
                op.execute(f'ALTER SEQUENCE {sequence} AS {sequence_type}')


def upgrade() -> None:
    _retype(sa.Integer(), sa.BigInteger(), 'bigint')


def downgrade() -> None:
    _retype(sa.BigInteger(), sa.Integer(), 'integer')
