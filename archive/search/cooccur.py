"""Entities mentioned in the same articles as one entity, counted from the facet arrays."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session
from whoosh import query as wq

from archive.index import IndexStore
from archive.models import Entity
from archive.search import facets as facet_counting
from archive.search import postings


def co_mentioned(session: Session, store: IndexStore, entity: Entity, field: str,
                 size: int = 10) -> list[tuple[Entity, int]]:
    """(entity, shared articles) for the `field` ('actor' or 'place') values of the entity's articles.

    The same numpy counting as the facets: a SQL self-join over the links took
    hundreds of milliseconds for a frequent entity at 100,000 articles.
    """
    searcher = store.searcher()
    own = "place" if entity.kind == "place" else "actor"
    mask = postings.matches(searcher, wq.Term(own, str(entity.id)))
    spec = next(spec for spec in facet_counting.FACETS if spec.name == field)
    pairs, _more = facet_counting.count(facet_counting.cache_for(searcher), spec, mask, size + 1)
    counts = {int(value): n for value, n in pairs if value != str(entity.id)}
    rows = {e.id: e for e in session.scalars(select(Entity).where(Entity.id.in_(counts)))}
    return [(rows[i], n) for i, n in counts.items() if i in rows][:size]
