"""Admin users (password hashes only) and failed login attempts for rate limiting."""
from __future__ import annotations

import re
from datetime import datetime, timedelta

from flask_login import UserMixin
from sqlalchemy import DateTime, Integer, String, or_, select
from sqlalchemy.orm import Mapped, Session, mapped_column
from werkzeug.security import check_password_hash, generate_password_hash

from archive.models.base import Base, BigId, utcnow
from archive.models.rate import spend

MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)
_SESSION_ID = re.compile(r"(?P<id>[0-9]{1,18}):(?P<version>[0-9]{1,9})")


class User(UserMixin, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Part of every session's user id: raising it ends all of this user's sessions.
    session_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)

    def set_password(self, password: str) -> None:
        """Set a new password (Werkzeug's scrypt, random salt); it ends every existing session and
        gives a revoked user access again."""
        self.password_hash = generate_password_hash(password)
        self.revoked_at = None
        self.end_sessions()

    def check_password(self, password: str) -> bool:
        return self.revoked_at is None and check_password_hash(self.password_hash, password)

    def end_sessions(self) -> None:
        """Make every session cookie issued to this user so far invalid (the caller commits)."""
        self.session_version = (self.session_version or 0) + 1

    def revoke(self) -> None:
        """No more logins and no more sessions until create-admin sets a new password."""
        self.revoked_at = self.revoked_at or utcnow()
        self.end_sessions()

    def get_id(self) -> str:
        """Flask-Login keeps this in the session cookie: the id and the session version."""
        return f"{self.id}:{self.session_version}"

    @classmethod
    def by_session_id(cls, session: Session, session_id: str) -> User | None:
        """The user of a session cookie's id, unless that session has been ended since."""
        match = _SESSION_ID.fullmatch(session_id)
        if match is None:
            return None
        user = session.get(cls, int(match["id"]))
        if user is None or user.revoked_at is not None or user.session_version != int(match["version"]):
            return None
        return user

    @classmethod
    def by_username(cls, session: Session, username: str) -> User | None:
        return session.scalar(select(cls).where(cls.username == username))


class LoginFailure(Base):
    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    username: Mapped[str] = mapped_column(String(80), index=True)
    ip: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)

    @classmethod
    def attempt(cls, session: Session, username: str, ip: str) -> LoginFailure | None:
        """Count a login attempt as a failure before its password is checked, and commit; None, with
        nothing recorded, when five are counted for this user name or from this address within
        15 minutes. The caller deletes the returned row when the password is right.

        Counting before the slow hash, atomically, keeps concurrent attempts within the limit: the
        row is inserted before counting, so on SQLite the write lock is held while counting, and on
        PostgreSQL attempts for one user name or address first take turns on advisory locks.
        """
        attempt = cls(username=username, ip=ip, at=utcnow())
        refused = spend(session, "login", [f"user:{username}", f"ip:{ip}"], attempt, MAX_FAILURES,
                        lambda row: select(cls.at).where(cls.at >= row.at - FAILURE_WINDOW, cls.id != row.id,
                                                         or_(cls.username == username, cls.ip == ip)))
        return None if refused is not None else attempt
