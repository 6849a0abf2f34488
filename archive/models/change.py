"""The change log: every article write adds a row in the same transaction.

The index applies these rows in sequence order, so it can always be brought
back in step with the database (see archive/index/sync.py). That needs sequence
order to be commit order: SQLite has one writer at a time anyway; on PostgreSQL
writers of the log take turns through a transaction-level advisory lock.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, String, func, insert, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from archive.models.base import Base, BigId, utcnow

UPSERT = "upsert"
DELETE = "delete"
CHANGE_LOG_LOCK = 0x6172636869766531  # advisory lock key of the change log ("archive1")


def lock_change_log(session: Session) -> None:
    """On PostgreSQL, wait until no other transaction is writing the change log, then hold
    the turn until this transaction ends; nothing to do on SQLite (one writer at a time).

    Idempotent within a transaction. Take it before writing the rows a change logs (as
    SQLite's write lock is), so writers never wait on each other's row locks in a cycle.
    """
    if session.get_bind().dialect.name != "postgresql":
        return
    transaction = session.get_transaction()
    if transaction is not None and session.info.get("change_log_locked") is transaction:
        return
    # A sequence value taken by A could otherwise commit after B's higher one, and an applier that
    # already applied B's would skip A's forever; holding this lock from before nextval to commit
    # makes sequence order commit order.
    session.execute(select(func.pg_advisory_xact_lock(CHANGE_LOG_LOCK)))
    session.info["change_log_locked"] = session.get_transaction()


class Change(Base):
    __tablename__ = "changes"

    seq: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    article_id: Mapped[int] = mapped_column(BigId, index=True)  # no FK: deletes are logged too
    op: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    @classmethod
    def record(cls, session: Session, article_id: int, op: str) -> None:
        """Log a change of this article in the session's transaction (committed with it)."""
        lock_change_log(session)
        session.add(cls(article_id=article_id, op=op))

    @classmethod
    def record_many(cls, session: Session, article_ids: list[int], op: str) -> None:
        """Log a change of each article, in order, in one bulk insert."""
        lock_change_log(session)
        if article_ids:
            session.execute(insert(cls), [{"article_id": article_id, "op": op} for article_id in article_ids])

    @classmethod
    def last_seq(cls, session: Session) -> int:
        return session.scalar(select(func.max(cls.seq))) or 0

    @classmethod
    def count_since(cls, session: Session, seq: int) -> int:
        """How many changes come after `seq` (a PostgreSQL sequence may leave gaps)."""
        return session.scalar(select(func.count()).select_from(cls).where(cls.seq > seq)) or 0

    @classmethod
    def since(cls, session: Session, seq: int, limit: int = 1000) -> list[Change]:
        return list(session.scalars(select(cls).where(cls.seq > seq).order_by(cls.seq).limit(limit)))
