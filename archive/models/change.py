"""The change log: every article write adds a row in the same transaction.

The index applies these rows in sequence order, so it can always be brought
back in step with the database (see archive/index/sync.py).
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from archive.models.base import Base, utcnow

UPSERT = "upsert"
DELETE = "delete"


class Change(Base):
    __tablename__ = "changes"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[int] = mapped_column(Integer, index=True)  # no FK: deletes are logged too
    op: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    @classmethod
    def record(cls, session: Session, article_id: int, op: str) -> None:
        session.add(cls(article_id=article_id, op=op))

    @classmethod
    def last_seq(cls, session: Session) -> int:
        return session.scalar(select(func.max(cls.seq))) or 0

    @classmethod
    def since(cls, session: Session, seq: int, limit: int = 1000) -> list[Change]:
        return list(session.scalars(select(cls).where(cls.seq > seq).order_by(cls.seq).limit(limit)))
