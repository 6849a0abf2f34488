"""Ingest jobs: every bulk ingest (CLI, upload, URL, feed, API) is recorded with one row per item.

Workers claim pending items in small batches. On PostgreSQL the claim is
`SELECT ... FOR UPDATE SKIP LOCKED`, so any number of worker processes on any
number of machines share a job without a broker; on SQLite the database's
single writer lock makes the same UPDATE safe for the one worker it allows.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, String, Text, func, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from archive.models.base import Base, BigId, utcnow

QUEUED, RUNNING, DONE = "queued", "running", "done"
PENDING, CLAIMED, CREATED, DUPLICATE, FAILED = "pending", "claimed", "created", "duplicate", "failed"
FINISHED = (CREATED, DUPLICATE, FAILED)


class Job(Base):
    __tablename__ = "ingest_jobs"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))            # files | upload | url | feed | api
    source: Mapped[str] = mapped_column(String(2000))        # what was asked for, for people to read
    created_by: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(12), default=QUEUED, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)

    items: Mapped[list[JobItem]] = relationship(back_populates="job", cascade="all, delete-orphan",
                                                order_by="JobItem.id", lazy="raise")

    def counts(self, session: Session) -> dict[str, int]:
        """Items by status: pending, claimed, created, duplicate, failed (and total)."""
        rows = session.execute(select(JobItem.status, func.count()).where(JobItem.job_id == self.id)
                               .group_by(JobItem.status))
        counts = dict.fromkeys((PENDING, CLAIMED, *FINISHED), 0)
        counts.update({status: count for status, count in rows})
        counts["total"] = sum(counts.values())
        return counts

    def failures(self, session: Session, limit: int | None = None) -> list[JobItem]:
        query = (select(JobItem).where(JobItem.job_id == self.id, JobItem.status == FAILED)
                 .order_by(JobItem.id).limit(limit))
        return list(session.scalars(query))


class JobItem(Base):
    """One article to ingest: its raw mapping (or why it could not be read) and what became of it."""
    __tablename__ = "ingest_job_items"
    __table_args__ = (Index("ix_ingest_job_items_status_id", "status", "id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    job_id: Mapped[int] = mapped_column(BigId, ForeignKey("ingest_jobs.id", ondelete="CASCADE"), index=True)
    origin: Mapped[str] = mapped_column(String(2000))        # file path, path:line, URL, feed entry
    data: Mapped[dict | None] = mapped_column(JSON)          # the raw article mapping
    status: Mapped[str] = mapped_column(String(12), default=PENDING)
    reason: Mapped[str | None] = mapped_column(Text)         # why it failed
    article_id: Mapped[int | None] = mapped_column(BigId)    # the article created or found
    claimed_by: Mapped[str | None] = mapped_column(String(200))
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)

    job: Mapped[Job] = relationship(back_populates="items")

    @classmethod
    def claim(cls, session: Session, worker: str, limit: int, lease: timedelta,
              job_id: int | None = None) -> list[JobItem]:
        """Take up to `limit` pending items (or items whose claim's lease ran out: their worker
        died) and commit the claim, oldest first."""
        now = utcnow()
        stale = now - lease
        waiting = (cls.status == PENDING) | ((cls.status == CLAIMED) & (cls.claimed_at < stale))
        query = select(cls.id).where(waiting).order_by(cls.id).limit(limit)
        if job_id is not None:
            query = query.where(cls.job_id == job_id)
        if session.get_bind().dialect.name == "postgresql":
            query = query.with_for_update(skip_locked=True)
        ids = list(session.scalars(query))
        if ids:
            session.execute(update(cls).where(cls.id.in_(ids), waiting)
                            .values(status=CLAIMED, claimed_by=worker, claimed_at=now,
                                    attempts=cls.attempts + 1))
        session.commit()
        if not ids:
            return []
        claimed = select(cls).where(cls.id.in_(ids), cls.claimed_by == worker, cls.status == CLAIMED)
        return list(session.scalars(claimed.order_by(cls.id).execution_options(populate_existing=True)))
