"""entity curation (merge, rename, not-an-entity) with an undoable edit log

Revision ID: 0007_entity_curation
Revises: 0006_ingest_jobs
Create Date: 2026-11-24
"""
import sqlalchemy as sa
from alembic import op

revision = "0007_entity_curation"
down_revision = "0006_ingest_jobs"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "entity_edits",
        sa.Column("id", BigId, nullable=False),
        sa.Column("action", sa.String(length=12), nullable=False),
        sa.Column("entity_id", BigId, nullable=False),
        sa.Column("other_entity_id", BigId, nullable=True),
        sa.Column("name_before", sa.String(length=300), nullable=True),
        sa.Column("name_after", sa.String(length=300), nullable=True),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("undone_at", sa.DateTime(), nullable=True),
        sa.Column("undone_by", sa.String(length=200), nullable=True),
        sa.Column("undo_data", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entity_edits")),
    )
    op.create_index(op.f("ix_entity_edits_entity_id"), "entity_edits", ["entity_id"], unique=False)
    op.create_index(op.f("ix_entity_edits_other_entity_id"), "entity_edits", ["other_entity_id"], unique=False)
    op.create_table(
        "rejected_names",
        sa.Column("id", BigId, nullable=False),
        sa.Column("kind_group", sa.String(length=16), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("entity_id", BigId, nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["entity_id"], ["entities.id"],
                                name=op.f("fk_rejected_names_entity_id_entities"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rejected_names")),
        sa.UniqueConstraint("kind_group", "key", name="uq_rejected_names_kind_group_key"),
    )
    op.create_index(op.f("ix_rejected_names_entity_id"), "rejected_names", ["entity_id"], unique=False)
    op.create_table(
        "entity_aliases",
        sa.Column("id", BigId, nullable=False),
        sa.Column("entity_id", BigId, nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(["entity_id"], ["entities.id"],
                                name=op.f("fk_entity_aliases_entity_id_entities"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entity_aliases")),
        sa.UniqueConstraint("entity_id", "key", name="uq_entity_aliases_entity_id_key"),
    )
    op.create_index(op.f("ix_entity_aliases_entity_id"), "entity_aliases", ["entity_id"], unique=False)
    op.create_index(op.f("ix_entity_aliases_key"), "entity_aliases", ["key"], unique=False)
    with op.batch_alter_table("entities") as batch_op:
        batch_op.add_column(sa.Column("merged_into_id", BigId, nullable=True))
        batch_op.create_index(batch_op.f("ix_entities_merged_into_id"), ["merged_into_id"], unique=False)
        batch_op.create_foreign_key(batch_op.f("fk_entities_merged_into_id_entities"), "entities",
                                    ["merged_into_id"], ["id"], ondelete="SET NULL")


def downgrade() -> None:
    with op.batch_alter_table("entities") as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_entities_merged_into_id_entities"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_entities_merged_into_id"))
        batch_op.drop_column("merged_into_id")
    op.drop_index(op.f("ix_entity_aliases_key"), table_name="entity_aliases")
    op.drop_index(op.f("ix_entity_aliases_entity_id"), table_name="entity_aliases")
    op.drop_table("entity_aliases")
    op.drop_index(op.f("ix_rejected_names_entity_id"), table_name="rejected_names")
    op.drop_table("rejected_names")
    op.drop_index(op.f("ix_entity_edits_other_entity_id"), table_name="entity_edits")
    op.drop_index(op.f("ix_entity_edits_entity_id"), table_name="entity_edits")
    op.drop_table("entity_edits")
