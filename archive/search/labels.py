"""Labels for facet values, and resolving actor/place filter values to entities."""
from __future__ import annotations

import calendar
from datetime import date
from functools import lru_cache

from sqlalchemy import bindparam, or_, select
from sqlalchemy.orm import Session

from archive.extract.names import fold
from archive.extract.places import country_name
from archive.facets import ENTITY_FACETS, FACETS, UNDATED, UNDATED_LABEL, Facet
from archive.models import Entity, EntityAlias
from archive.models.curation import survivors
from archive.search.parser import SearchParams, period_end, period_start

_BY_NAME = {facet.name: facet for facet in FACETS}
_entities = Entity.__table__
# Two columns, no ORM objects, and the statement built once.
_NAMES = select(_entities.c.id, _entities.c.name).where(_entities.c.id.in_(bindparam("ids", expanding=True)))


def resolve_entities(session: Session, values: tuple[str, ...], kinds: tuple[str, ...]) -> list[Entity]:
    """Filter values are entity ids or names (case- and punctuation-insensitive)."""
    if not values:
        return []
    ids = [int(v) for v in values if v.isdigit()]
    keys = [fold(v) for v in values if not v.isdigit()]
    # Names an entity had before a rename are aliases; a merged-away entity stands for its survivor.
    ids += EntityAlias.entity_ids(session, keys)
    names = [v for v in values if not v.isdigit()]
    # All-digit values are ids (parser.py): no name condition for them, which would scan every entity.
    by_name = [Entity.key.in_(keys), Entity.name.in_(names)] if names else []
    query = select(Entity).where(Entity.kind.in_(kinds), or_(Entity.id.in_(ids), *by_name))
    return survivors(session, list(session.scalars(query)))


def facet_labels(session: Session, params: SearchParams, facets: dict[str, dict]) -> dict[str, dict]:
    names = _entity_names(session, facets)
    shaped = {}
    for name, facet in facets.items():
        how = _BY_NAME[name]
        selected = _selection(how, params)
        results = [{"value": value, "label": _label(how, value, names), "count": count,
                    "selected": selected(value)}
                   for value, count in facet["results"]]
        shaped[name] = {"name": name, "results": results, "truncated": facet["truncated"]}
    return shaped


def _entity_names(session: Session, facets: dict[str, dict]) -> dict[str, str]:
    ids = {int(v) for facet in ENTITY_FACETS for v, _c in facets[facet.name]["results"]}
    if not ids:
        return {}
    return {str(entity_id): name for entity_id, name in session.connection().execute(_NAMES, {"ids": list(ids)}).all()}


def _label(facet: Facet, value: str, names: dict[str, str]) -> str:
    if facet.label == "entity":
        return names.get(value, value)
    if facet.undated and value == UNDATED:
        return UNDATED_LABEL
    if facet.label == "month":
        return month_label(value)
    if facet.label == "country":
        return country_name(value) or value
    return value


@lru_cache(maxsize=8192)  # calendar.month_name formats a date for every lookup
def month_label(value: str) -> str:
    """'2022-01' -> 'January 2022'; a bare year stays as it is."""
    if len(value) == 7 and value[4] == "-":
        return f"{calendar.month_name[int(value[5:])]} {value[:4]}"
    return value


def _selection(facet: Facet, params: SearchParams):
    """Whether a value of the facet is among those the search chose, as a function of the value (the
    request's parameters read once: a search labels some 600 months)."""
    if facet.kind != "period":
        chosen = getattr(params, facet.name)
        return lambda value: value in chosen
    undated = facet.undated and getattr(params, facet.name) == UNDATED
    low, high = (getattr(params, name) for name in facet.parameters)
    if not low and not high:
        return lambda value: undated and value == UNDATED
    return lambda value: undated if facet.undated and value == UNDATED else _within(value, low, high)


def _within(value: str, low: date | None, high: date | None) -> bool:
    if not low and not high:
        return False
    start, end = period_start(value, "value"), period_end(value, "value")
    return (low is None or start >= low) and (high is None or end <= high)
