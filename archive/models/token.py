"""API tokens, stored as SHA-256 hashes only."""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from sqlalchemy import DateTime, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from archive.models.base import Base, BigId, utcnow


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class ApiToken(Base):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)

    @classmethod
    def issue(cls, session: Session, name: str) -> tuple[ApiToken, str]:
        """Create a token; the plain value is returned once and never stored."""
        plain = secrets.token_urlsafe(32)
        token = cls(name=name, token_hash=hash_token(plain))
        session.add(token)
        return token, plain

    @classmethod
    def by_plain(cls, session: Session, plain: str) -> ApiToken | None:
        return session.scalar(select(cls).where(cls.token_hash == hash_token(plain), cls.revoked_at.is_(None)))
