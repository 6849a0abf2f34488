"""Rate limits shared by every gunicorn worker: one row per accepted call, counted in a sliding window.

spend() is the one limiter: the extract API's budget (RateHit.take) and the login attempts
(LoginFailure.attempt in models/user.py) both go through it."""
from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from sqlalchemy import DateTime, Executable, Index, Select, String, delete, func, select
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
        now = utcnow()
        since = now - window
        times = spend(session, bucket, [key], cls(bucket=bucket, key=key, at=now), limit,
                      lambda hit: select(cls.at).where(cls.bucket == bucket, cls.key == key, cls.at >= since,
                                                       cls.id != hit.id).order_by(cls.at),
                      forget=delete(cls).where(cls.at < since))  # forget what left every window
        if times is None:
            return None
        # A call is allowed again once all but limit - 1 of the earlier calls have left the window.
        frees_at = times[len(times) - limit] + window
        return max(1, math.ceil((frees_at - now).total_seconds()))


def spend(session: Session, bucket: str, keys: Sequence[str], call: Base, limit: int,
          earlier: Callable[[Base], Select], forget: Executable | None = None) -> list[datetime] | None:
    """Record `call` (a row with an `at`) and commit, unless `limit` calls that `earlier(call)` selects
    (their `at`, oldest first) are recorded already: then roll back and return their times.

    Atomic: callers of one bucket and key first take turns (PostgreSQL advisory locks; `forget`, a
    clean-up statement, runs inside them), and the row is inserted before counting, so on SQLite
    the write lock is held while counting: two callers cannot both take the last call."""
    take_turns(session, bucket, *keys)
    if forget is not None:
        session.execute(forget)
    session.add(call)
    session.flush()
    times = list(session.scalars(earlier(call)))
    if len(times) < limit:
        session.commit()
        return None
    session.rollback()
    return times


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
