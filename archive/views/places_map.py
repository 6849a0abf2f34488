"""The search page's map: the places of all matching articles as points on the place pages' world
map (server-drawn SVG, x = longitude, y = -latitude), their areas in proportion to their articles."""
from __future__ import annotations

import math
from dataclasses import dataclass

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from archive.extract.gazetteer import shipped_country_points
from archive.facets import FACETS
from archive.models import Entity
from archive.search import SearchResult
from archive.views.urls import facet_value_urls

PLACE_FACET = next(facet for facet in FACETS if facet.name == "place")
MAX_RADIUS = 9.0  # degrees: the place named most
MIN_RADIUS = 1.6  # degrees: a place of one article stays visible and can be clicked

_entities = Entity.__table__
_POINTS = select(_entities.c.id, _entities.c.name, _entities.c.lat, _entities.c.lon, _entities.c.country_code).where(
    _entities.c.id.in_(bindparam("ids", expanding=True)))


@dataclass
class MapPoint:
    name: str
    count: int
    x: float  # longitude
    y: float  # minus latitude (north up)
    r: float
    url: str  # the search narrowed to the place, as the place facet links it
    selected: bool


@dataclass
class PlacesMap:
    points: list[MapPoint]  # the biggest first, so that smaller points are drawn over them
    not_drawn: int  # places of the matching articles without a point: beyond the cap or without coordinates
    capped: bool  # more places than the map draws


def places_map(session: Session, result: SearchResult, limit: int) -> PlacesMap | None:
    """The map of the first `limit` of `result.places`; None when none of them has coordinates."""
    counts = dict(result.places[:limit])
    located = _located(session, list(counts)) if counts else []
    if not located:
        return None
    top = max(counts.values())
    urls = facet_value_urls(result.params, PLACE_FACET, [value for value, *_ in located])
    points = [MapPoint(name, counts[value], round(lon, 2), round(-lat, 2), radius(counts[value], top), urls[value],
                       value in result.params.place) for value, name, lat, lon in located]
    points.sort(key=lambda point: (-point.count, point.name))
    return PlacesMap(points, result.places_total - len(points), result.places_total > limit)


def _located(session: Session, values: list[str]) -> list[tuple[str, str, float, float]]:
    """(value, name, lat, lon) of the places with a point, in one query: their own, or else their
    country's centre (a region the gazetteer has no point for)."""
    found = []
    for entity_id, name, lat, lon, country in session.connection().execute(_POINTS, {"ids": [int(v) for v in values]}):
        if lat is None or lon is None:
            lat, lon = shipped_country_points().get(country or "", (None, None))
        if lat is not None and lon is not None:
            found.append((str(entity_id), name, lat, lon))
    return found


def radius(count: int, top: int) -> float:
    """Area in proportion to the count (the radius to its square root), at least MIN_RADIUS."""
    return round(max(MIN_RADIUS, MAX_RADIUS * math.sqrt(count / top)), 2)
