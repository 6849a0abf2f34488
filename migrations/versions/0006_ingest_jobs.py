"""ingest_jobs and ingest_job_items: every bulk ingest is a recorded job; articles.author

Revision ID: 0006_ingest_jobs
Revises: 0005_sqlite_article_ids
Create Date: 2026-11-24
"""
import sqlalchemy as sa
from alembic import op

revision = "0006_ingest_jobs"
down_revision = "0005_sqlite_article_ids"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "ingest_jobs",
        sa.Column("id", BigId, nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("source", sa.String(length=2000), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ingest_jobs")),
    )
    op.create_index(op.f("ix_ingest_jobs_status"), "ingest_jobs", ["status"], unique=False)
    op.create_table(
        "ingest_job_items",
        sa.Column("id", BigId, nullable=False),
        sa.Column("job_id", BigId, nullable=False),
        sa.Column("origin", sa.String(length=2000), nullable=False),
        sa.Column("data", sa.JSON(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("article_id", BigId, nullable=True),
        sa.Column("claimed_by", sa.String(length=200), nullable=True),
        sa.Column("claimed_at", sa.DateTime(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["job_id"], ["ingest_jobs.id"],
                                name=op.f("fk_ingest_job_items_job_id_ingest_jobs"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ingest_job_items")),
    )
    op.create_index(op.f("ix_ingest_job_items_job_id"), "ingest_job_items", ["job_id"], unique=False)
    op.create_index("ix_ingest_job_items_status_id", "ingest_job_items", ["status", "id"], unique=False)
    with op.batch_alter_table("articles") as batch_op:
        batch_op.add_column(sa.Column("author", sa.String(length=300), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("articles") as batch_op:
        batch_op.drop_column("author")
    op.drop_index("ix_ingest_job_items_status_id", table_name="ingest_job_items")
    op.drop_index(op.f("ix_ingest_job_items_job_id"), table_name="ingest_job_items")
    op.drop_table("ingest_job_items")
    op.drop_index(op.f("ix_ingest_jobs_status"), table_name="ingest_jobs")
    op.drop_table("ingest_jobs")
