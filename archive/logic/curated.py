"""What admins' entity curation changes at ingest: names marked "not an entity" are skipped,
and a name that belongs to a merged entity is stored under the entity it was merged into."""
from __future__ import annotations

from dataclasses import replace

from sqlalchemy.orm import Session

from archive.extract import Extraction, FoundEntity
from archive.extract.names import fold
from archive.models import RejectedName
from archive.models.curation import entity_group, survivor


def without_rejected(session: Session, extractions: list[Extraction]) -> list[Extraction]:
    """The extractions minus found entities whose key or normalised name an admin rejected."""
    rejected = RejectedName.all_keys(session)
    if not rejected:
        return extractions
    return [replace(extraction, actors=_kept(extraction.actors, rejected), places=_kept(extraction.places, rejected))
            for extraction in extractions]


def _kept(found: list[FoundEntity], rejected: set[tuple[str, str]]) -> list[FoundEntity]:
    return [entity for entity in found
            if not {(entity_group(entity.kind), entity.key[:300]), (entity_group(entity.kind), fold(entity.name)[:300])}
            & rejected]


def redirect_merged(session: Session, entities: dict) -> dict:
    """Replace, in a mapping to entities, every merged-away entity by its survivor."""
    return {identity: survivor(session, entity) if entity.merged_into_id is not None else entity
            for identity, entity in entities.items()}

