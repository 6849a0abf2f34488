"""Actors (people, organisations) and places, shared across articles."""
from __future__ import annotations

from sqlalchemy import Float, ForeignKey, String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from archive.models.base import Base, BigId

ACTOR_KINDS = ("person", "organization")
PLACE_KIND = "place"


class Entity(Base):
    __tablename__ = "entities"
    __table_args__ = (UniqueConstraint("kind", "key", name="uq_entities_kind_key"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), index=True)  # person | organization | place
    name: Mapped[str] = mapped_column(String(300))
    # Case- and punctuation-folded name (or gazetteer id for places): what makes two mentions one entity.
    key: Mapped[str] = mapped_column(String(300), index=True)
    place_kind: Mapped[str | None] = mapped_column(String(16))  # country | region | city | other
    country_code: Mapped[str | None] = mapped_column(String(2), index=True)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    gazetteer_id: Mapped[str | None] = mapped_column(String(64))
    # A person's last name, folded, when the key has more than one word: 'tony blair' -> 'blair'.
    surname: Mapped[str | None] = mapped_column(String(100), index=True)
    # Set when an admin merged this entity into another; the row stays so undo and old URLs work.
    merged_into_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("entities.id", ondelete="SET NULL"),
                                                       index=True)

    @property
    def is_place(self) -> bool:
        return self.kind == PLACE_KIND

    @classmethod
    def by_id(cls, session: Session, entity_id: int) -> Entity | None:
        return session.get(cls, entity_id)

    @classmethod
    def by_key(cls, session: Session, kinds: tuple[str, ...], key: str) -> Entity | None:
        """The entity of one of `kinds` with this key (the oldest, if both kinds have one)."""
        return session.scalar(select(cls).where(cls.kind.in_(kinds), cls.key == key).order_by(cls.id).limit(1))
