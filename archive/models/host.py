"""Hosts that followed sources fetch from: whose turn it is to send the next request, across processes
and nodes.

A poller takes a host's turn with one UPDATE ... WHERE (no request in flight, the delay since the last
one over), as sources are claimed: the database lets exactly one of two racing pollers change the row.
The turn is a lease (a poller that dies mid-request frees the host when it runs out); giving it back
sets when the next request may start.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import DateTime, String, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from archive.models.base import Base


class Host(Base):
    __tablename__ = "hosts"

    host: Mapped[str] = mapped_column(String(255), primary_key=True)     # lower-case host name, no port
    next_request_at: Mapped[datetime | None] = mapped_column(DateTime)    # the delay after the last request
    claimed_by: Mapped[str | None] = mapped_column(String(200))            # whose request is in flight
    claimed_until: Mapped[datetime | None] = mapped_column(DateTime)

    @classmethod
    def claim(cls, session: Session, host: str, token: str, lease: timedelta, now: datetime) -> bool:
        """Take the host's turn (committed); False while a request is in flight or the delay runs."""
        free = (cls.claimed_until.is_(None)) | (cls.claimed_until < now)
        ready = (cls.next_request_at.is_(None)) | (cls.next_request_at <= now)
        result = session.execute(update(cls).where(cls.host == host, free, ready)
                                 .values(claimed_by=token, claimed_until=now + lease)
                                 .execution_options(synchronize_session=False))
        session.commit()
        return result.rowcount == 1

    @classmethod
    def state(cls, session: Session, host: str, now: datetime) -> tuple[bool, datetime | None]:
        """(whether a request to the host is in flight, when the next may start: None for now); committed,
        so that no transaction stays open while the caller waits. Adds the host when it is new."""
        row = session.execute(select(cls.next_request_at, cls.claimed_until).where(cls.host == host)).first()
        session.commit()
        if row is None:
            cls._add(session, host)
            return False, None
        next_request_at, claimed_until = row
        return claimed_until is not None and claimed_until >= now, next_request_at

    @classmethod
    def release(cls, session: Session, host: str, token: str, next_request_at: datetime) -> None:
        """Give the turn back: the next request to the host may start at `next_request_at` (committed)."""
        session.execute(update(cls).where(cls.host == host, cls.claimed_by == token)
                        .values(claimed_by=None, claimed_until=None, next_request_at=next_request_at)
                        .execution_options(synchronize_session=False))
        session.commit()

    @classmethod
    def _add(cls, session: Session, host: str) -> None:
        session.add(cls(host=host))
        try:
            session.commit()
        except IntegrityError:  # another poller added it first
            session.rollback()
