"""Entity curation: the undoable edit log, names that are not entities, and lookup aliases."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from archive.models.base import Base, BigId, utcnow
from archive.models.entity import ACTOR_KINDS, Entity

MERGE, RENAME, REJECT = "merge", "rename", "reject"
MAX_MERGE_CHAIN = 100  # a merged entity's survivor may itself have been merged; never loop forever


def entity_group(kind: str) -> str:
    """Persons and organisations are one group (actors); places another. Edits stay within a group."""
    return "actor" if kind in ACTOR_KINDS else kind


class EntityEdit(Base):
    """One merge, rename or not-an-entity decision, with what undoing it needs."""
    __tablename__ = "entity_edits"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    action: Mapped[str] = mapped_column(String(12))  # merge | rename | reject
    # No foreign keys: the log outlives what it talks about. merge: entity_id went into other_entity_id.
    entity_id: Mapped[int] = mapped_column(BigId, index=True)
    other_entity_id: Mapped[int | None] = mapped_column(BigId, index=True)
    name_before: Mapped[str | None] = mapped_column(String(300))
    name_after: Mapped[str | None] = mapped_column(String(300))
    created_by: Mapped[str] = mapped_column(String(200))  # the admin user's name or the API token's name
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    undone_at: Mapped[datetime | None] = mapped_column(DateTime)
    undone_by: Mapped[str | None] = mapped_column(String(200))
    undo_data: Mapped[dict] = mapped_column(JSON, default=dict)  # rows as they were, for undo

    @property
    def entity_ids(self) -> set[int]:
        return {self.entity_id} | ({self.other_entity_id} if self.other_entity_id else set())

    @classmethod
    def by_id(cls, session: Session, edit_id: int) -> EntityEdit | None:
        return session.get(cls, edit_id)

    @classmethod
    def latest(cls, session: Session, limit: int = 100) -> list[EntityEdit]:
        return list(session.scalars(select(cls).order_by(cls.id.desc()).limit(limit)))

    @classmethod
    def later_touching(cls, session: Session, edit: EntityEdit) -> list[EntityEdit]:
        """Edits made after `edit`, not undone, that involve one of its entities."""
        ids = list(edit.entity_ids)
        query = select(cls).where(cls.id > edit.id, cls.undone_at.is_(None),
                                  cls.entity_id.in_(ids) | cls.other_entity_id.in_(ids)).order_by(cls.id)
        return list(session.scalars(query))


class RejectedName(Base):
    """A name that is not an entity ("he" as a person): ingest skips it."""
    __tablename__ = "rejected_names"
    __table_args__ = (UniqueConstraint("kind_group", "key", name="uq_rejected_names_kind_group_key"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    kind_group: Mapped[str] = mapped_column(String(16))  # actor | place
    key: Mapped[str] = mapped_column(String(300))  # the entity key (folded name, or gazetteer id of a place)
    name: Mapped[str] = mapped_column(String(300))
    entity_id: Mapped[int | None] = mapped_column(
        BigId, ForeignKey("entities.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    @classmethod
    def all_keys(cls, session: Session) -> set[tuple[str, str]]:
        """(group, key) of every rejected name; the table is small (people write it by hand)."""
        return {(group, key) for group, key in session.execute(select(cls.kind_group, cls.key))}

    @classmethod
    def of_entity(cls, session: Session, entity_id: int) -> RejectedName | None:
        return session.scalar(select(cls).where(cls.entity_id == entity_id).limit(1))


class EntityAlias(Base):
    """Another name an entity is found by in searches (a name it had before a rename)."""
    __tablename__ = "entity_aliases"
    __table_args__ = (UniqueConstraint("entity_id", "key", name="uq_entity_aliases_entity_id_key"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    entity_id: Mapped[int] = mapped_column(BigId, ForeignKey("entities.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    key: Mapped[str] = mapped_column(String(300), index=True)

    @classmethod
    def entity_ids(cls, session: Session, keys: list[str]) -> list[int]:
        if not keys:
            return []
        return list(session.scalars(select(cls.entity_id).where(cls.key.in_(keys))))


def survivor(session: Session, entity: Entity) -> Entity:
    """The entity that `entity` was merged into (following merges of merges), or itself."""
    for _ in range(MAX_MERGE_CHAIN):
        if entity.merged_into_id is None:
            return entity
        entity = session.get(Entity, entity.merged_into_id)
    return entity


def survivors(session: Session, entities: list[Entity]) -> list[Entity]:
    """Each entity's survivor, once each, in the order first met."""
    seen: dict[int, Entity] = {}
    for entity in entities:
        current = survivor(session, entity)
        seen.setdefault(current.id, current)
    return list(seen.values())
