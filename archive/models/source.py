"""Followed sources: feeds and sitemaps polled on an interval, each poll recorded as an ingest job.

A poller claims a due source with one UPDATE ... WHERE (due, lease expired): the database lets
exactly one of two racing pollers change the row (PostgreSQL re-checks the WHERE on the row it
waited for; SQLite has one writer), so no source is ever polled twice at once.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import DateTime, Integer, String, Text, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from archive.models.base import Base, BigId, utcnow

ACTIVE, PAUSED = "active", "paused"


class Source(Base):
    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    url: Mapped[str] = mapped_column(String(2000), unique=True)
    name: Mapped[str | None] = mapped_column(String(200))       # default `source` of its articles
    every: Mapped[int] = mapped_column(Integer)                  # seconds between polls
    status: Mapped[str] = mapped_column(String(12), default=ACTIVE)
    paused_reason: Mapped[str | None] = mapped_column(Text)
    next_poll_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    last_polled_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_result: Mapped[str | None] = mapped_column(Text)        # what the last poll did, for people
    last_error: Mapped[str | None] = mapped_column(Text)
    failures: Mapped[int] = mapped_column(Integer, default=0)    # consecutive failed polls
    etag: Mapped[str | None] = mapped_column(String(500))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    content_hash: Mapped[str | None] = mapped_column(String(64))  # unchanged body: nothing to do
    last_job_id: Mapped[int | None] = mapped_column(BigId)
    claimed_by: Mapped[str | None] = mapped_column(String(200))
    claimed_until: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    @property
    def job_owner(self) -> str:
        """The created_by of this source's poll jobs."""
        return f"source:{self.id}"

    @classmethod
    def due_ids(cls, session: Session, now: datetime, limit: int = 50) -> list[int]:
        query = (select(cls.id).where(cls.status == ACTIVE, cls.next_poll_at <= now, _free(now))
                 .order_by(cls.next_poll_at).limit(limit))
        return list(session.scalars(query))

    @classmethod
    def claim(cls, session: Session, source_id: int, worker: str, lease: timedelta, now: datetime,
              due_only: bool = True) -> bool:
        """Take the source for one poll (committed); False when another poller has it (or it is not due)."""
        where = [cls.id == source_id, _free(now)]
        if due_only:
            where += [cls.status == ACTIVE, cls.next_poll_at <= now]
        result = session.execute(update(cls).where(*where)
                                 .values(claimed_by=worker, claimed_until=now + lease)
                                 .execution_options(synchronize_session=False))
        session.commit()
        return result.rowcount == 1


def _free(now: datetime):
    return (Source.claimed_until.is_(None)) | (Source.claimed_until < now)
