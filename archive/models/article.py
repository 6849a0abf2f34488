"""Articles and what was extracted from them."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, LargeBinary, String, Text, select, true
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from archive.models.base import Base, BigId, utcnow
from archive.models.entity import Entity


class Article(Base):
    __tablename__ = "articles"
    # Never reuse a deleted article's id: an old link or a late DELETE must not reach a newer article.
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    body: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(String(2000), unique=True)
    source: Mapped[str | None] = mapped_column(String(200), index=True)
    author: Mapped[str | None] = mapped_column(String(300))
    language: Mapped[str] = mapped_column(String(16), default="en")
    published_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    ingested_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    # A wire story's own id (NewsML-G2 guid, ninjs uri...) and version: a newer version updates the article.
    guid: Mapped[str | None] = mapped_column(String(1000), index=True, unique=True)
    version: Mapped[int | None] = mapped_column(Integer)
    version_created: Mapped[datetime | None] = mapped_column(DateTime)
    # Near-duplicates (logic/near_duplicates.py): the id of the group's first article, None for that
    # first article and for an article alone; the MinHash signature, loaded only when asked for.
    dup_group_id: Mapped[int | None] = mapped_column(BigId, index=True)
    dup_signature: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)

    entity_links: Mapped[list[ArticleEntity]] = relationship(
        back_populates="article", cascade="all, delete-orphan", order_by="ArticleEntity.first_start")
    mentions: Mapped[list[Mention]] = relationship(
        back_populates="article", cascade="all, delete-orphan", order_by="Mention.start")
    dates: Mapped[list[ArticleDate]] = relationship(
        back_populates="article", cascade="all, delete-orphan", order_by="ArticleDate.start")

    @classmethod
    def by_id(cls, session: Session, article_id: int) -> Article | None:
        return session.get(cls, article_id)

    @classmethod
    def by_url(cls, session: Session, url: str) -> Article | None:
        return session.scalar(select(cls).where(cls.url == url))

    @classmethod
    def by_guid(cls, session: Session, guid: str) -> Article | None:
        return session.scalar(select(cls).where(cls.guid == guid))

    @classmethod
    def by_hash(cls, session: Session, content_hash: str) -> Article | None:
        return session.scalar(select(cls).where(cls.content_hash == content_hash))

    @property
    def group_id(self) -> int:
        """Its near-duplicate group: the group's first article's id (its own when it is the first or alone)."""
        return self.dup_group_id or self.id

    def entities_of(self, *kinds: str) -> list[Entity]:
        """Linked entities of the given kinds, most mentioned first."""
        links = [link for link in self.entity_links if link.entity.kind in kinds]
        links.sort(key=lambda link: (-link.mention_count, link.first_start))
        return [link.entity for link in links]

    def mentions_of(self, entity_id: int) -> list[Mention]:
        return [m for m in self.mentions if m.entity_id == entity_id]


class ArticleEntity(Base):
    """An entity that an article mentions, with how often."""
    __tablename__ = "article_entities"
    # A person's latest articles that name them in full, read as one index range (logic/identity.py).
    __table_args__ = (Index("ix_article_entities_entity_full_article", "entity_id", "named_in_full", "article_id"),)

    article_id: Mapped[int] = mapped_column(BigId, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    entity_id: Mapped[int] = mapped_column(BigId, ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True,
                                           index=True)
    mention_count: Mapped[int] = mapped_column(Integer)
    first_start: Mapped[int] = mapped_column(Integer)
    # False when the article names it only by a surname the archive's choice joined to it (logic/identity.py):
    # such links are not evidence for the next choice.
    named_in_full: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())

    article: Mapped[Article] = relationship(back_populates="entity_links")
    entity: Mapped[Entity] = relationship(lazy="joined")


class Mention(Base):
    """One occurrence of an entity in an article body, by character offsets."""
    __tablename__ = "mentions"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    article_id: Mapped[int] = mapped_column(BigId, ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    entity_id: Mapped[int] = mapped_column(BigId, ForeignKey("entities.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(String(500))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)

    article: Mapped[Article] = relationship(back_populates="mentions")
    entity: Mapped[Entity] = relationship()


class ArticleDate(Base):
    """A date the article text mentions, normalised to a TimeML value."""
    __tablename__ = "article_dates"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    article_id: Mapped[int] = mapped_column(BigId, ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(String(200))
    value: Mapped[str] = mapped_column(String(32), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)

    article: Mapped[Article] = relationship(back_populates="dates")
