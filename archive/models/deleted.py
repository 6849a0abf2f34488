"""Articles deleted from the admin, kept for a while (ARCHIVE_DELETED_KEEP_DAYS) so they can be restored.

Each row holds the article as one line of the backup format (logic/backup.py): its text,
metadata and everything extracted, so a restore needs no spaCy. The article itself is gone
from the articles table and the index; nothing else reads these rows.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from archive.models.base import Base, BigId, utcnow


class DeletedArticle(Base):
    __tablename__ = "deleted_articles"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    article_id: Mapped[int] = mapped_column(BigId)  # its id before the delete, which a restore gives back
    title: Mapped[str] = mapped_column(String(500))
    record: Mapped[str] = mapped_column(Text)  # one backup-format JSON line
    deleted_by: Mapped[str | None] = mapped_column(String(200))
    deleted_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
