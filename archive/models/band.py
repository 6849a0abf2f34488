"""LSH band hashes of article signatures: the shared lookup that finds near-duplicate candidates.

Kept in the database (not in a process's memory) so that every gunicorn worker and
every machine sees the same candidates at ingest.
"""
from __future__ import annotations

from sqlalchemy import BigInteger, ForeignKey, Index, SmallInteger
from sqlalchemy.orm import Mapped, mapped_column

from archive.models.base import Base, BigId


class ArticleBand(Base):
    """One band of an article's MinHash signature (archive/ingest/similarity.py)."""
    __tablename__ = "article_bands"
    __table_args__ = (Index("ix_article_bands_band_hash", "band", "band_hash"),)

    article_id: Mapped[int] = mapped_column(BigId, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    band: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    band_hash: Mapped[int] = mapped_column(BigInteger)
