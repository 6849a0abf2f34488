"""Rate limits shared by every gunicorn worker: one row per accepted call, counted in a sliding window."""
from __future__ import annotations

import hashlib
import math
from datetime import datetime, timedelta

from sqlalchemy import DateTime, Index, String, delete, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from archive.models.base import Base, BigId, utcnow


class RateHit(Base):
    __tablename__ = "rate_hits"
    __table_args__ = (Index("ix_rate_hits_bucket_key_at", "bucket", "key", "at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    bucket: Mapped[str] = mapped_column(String(40))  # what is limited, e.g. "extract"
    key: Mapped[str] = mapped_column(String(64))  # who: the SHA-256 of the bearer token, never the token
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)

    @classmethod
    def take(cls, session: Session, bucket: str, key: str, limit: int, window: timedelta) -> int | None:
        """Spend one call of `key`'s budget and commit; None when within the limit, else the
        whole seconds until a call is allowed again (nothing is recorded then).

        The row is inserted before counting, so on SQLite the write lock is held while counting:
        two workers cannot both take the last call. PostgreSQL lets both count before either
        commits, so there callers of one bucket and key first take turns on an advisory lock.
        """
        if session.get_bind().dialect.name == "postgresql":
            session.execute(select(func.pg_advisory_xact_lock(_lock_key(bucket, key))))
        now = utcnow()
        since = now - window
        session.execute(delete(cls).where(cls.at < since))  # forget what left every window
        hit = cls(bucket=bucket, key=key, at=now)
        session.add(hit)
        session.flush()
        times = session.scalars(select(cls.at).where(cls.bucket == bucket, cls.key == key, cls.at >= since,
                                                     cls.id != hit.id).order_by(cls.at)).all()
        if len(times) < limit:
            session.commit()
            return None
        session.rollback()
        # A call is allowed again once all but limit - 1 of the earlier calls have left the window.
        frees_at = times[len(times) - limit] + window
        return max(1, math.ceil((frees_at - now).total_seconds()))


def take_turns(session: Session, bucket: str, *keys: str) -> None:
    """On PostgreSQL, wait for and hold until commit or rollback one advisory lock per key, taken in
    one order so that two callers never deadlock; SQLite needs none (one writer at a time)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for lock in sorted({_lock_key(bucket, key) for key in keys}):
        session.execute(select(func.pg_advisory_xact_lock(lock)))


def _lock_key(bucket: str, key: str) -> int:
    """A signed 64-bit advisory lock key for one bucket and key."""
    digest = hashlib.sha256(f"rate:{bucket}:{key}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)
