"""entities.surname: the last word of a person's full name, indexed, for surname lookups

Revision ID: 0010_entity_surnames
Revises: 0009_user_sessions
Create Date: 2026-12-06

A surname alone ('Blair', 'Mr Blair') is matched to the archive's people with that surname
through this index instead of a scan of every key (`key LIKE '% blair'`). Existing people
get theirs here.
"""
import sqlalchemy as sa
from alembic import op

revision = "0010_entity_surnames"
down_revision = "0009_user_sessions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("entities") as batch_op:
        batch_op.add_column(sa.Column("surname", sa.String(length=100), nullable=True))
        batch_op.create_index(batch_op.f("ix_entities_surname"), ["surname"], unique=False)
    entities = sa.table("entities", sa.column("id", sa.BigInteger), sa.column("kind", sa.String),
                        sa.column("key", sa.String), sa.column("surname", sa.String))
    connection = op.get_bind()
    rows = connection.execute(sa.select(entities.c.id, entities.c.key).where(entities.c.kind == "person")).all()
    updates = [{"entity_id": row.id, "value": row.key.split()[-1][:100]} for row in rows if " " in row.key]
    if updates:
        connection.execute(entities.update().where(entities.c.id == sa.bindparam("entity_id"))
                           .values(surname=sa.bindparam("value")), updates)


def downgrade() -> None:
    with op.batch_alter_table("entities") as batch_op:
        batch_op.drop_index(batch_op.f("ix_entities_surname"))
        batch_op.drop_column("surname")
