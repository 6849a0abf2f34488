"""Admin users (password hashes only) and failed login attempts for rate limiting."""
from __future__ import annotations

from datetime import datetime, timedelta

from flask_login import UserMixin
from sqlalchemy import DateTime, String, func, or_, select
from sqlalchemy.orm import Mapped, Session, mapped_column
from werkzeug.security import check_password_hash, generate_password_hash

from archive.models.base import Base, BigId, utcnow

MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)


class User(UserMixin, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime)

    def set_password(self, password: str) -> None:
        # Werkzeug's default is scrypt with a random salt.
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

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
    def too_many(cls, session: Session, username: str, ip: str) -> bool:
        """Five failures for this user name or from this address within 15 minutes lock logins out."""
        since = utcnow() - FAILURE_WINDOW
        recent = select(func.count(cls.id)).where(cls.at >= since, or_(cls.username == username, cls.ip == ip))
        return (session.scalar(recent) or 0) >= MAX_FAILURES
