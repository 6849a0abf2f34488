"""Place resolution for extracted toponyms: pure functions, no database.

``resolve_place('Almaty')`` -> ``Place('Almaty', 'city', 'KZ', 43.25249, 76.9115, 'geonames:1526384')``.

Lookup order for a cleaned toponym (data: :mod:`archive.extract.gazetteer`):

1. upper-case country codes ('US', 'U.K.', 'UAE');
2. countries by any common English, ISO or historic name; continents and supranational
   regions ('Central Asia', 'Gulf');
3. demonyms and adjectives ('Kazakh', 'Americans', 'ex-Soviet', 'US-backed') -> ``None``;
4. first-level regions (ISO 3166-2 with English aliases) against cities (geonames): a
   national capital or a city of 1M+ beats a region of the same name; a city and a region
   of its own country sharing the name beat a bigger foreign region; ``context_countries``
   (ISO codes of the article's other countries) break ties;
5. 'City, Region' / 'City, Country', second-level subdivisions, US counties, then
   transliteration-tolerant matching ('Mangistau' ~ 'Mangghystaū oblysy');
6. else a capitalised string is ``Place(name, 'other', None, None, None, None)``;
   lower-case words and junk give ``None``.

Data is loaded on the first call (~1.5 s on one core) and every result is memoised.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from archive.extract import gazetteer as gz
from archive.extract.gazetteer import Entry, make_key

__all__ = ["Place", "clean_toponym", "country_name", "is_demonym", "is_well_known", "resolve_place"]

MAX_LENGTH = 60
_MISSING = object()  # "not found here, keep looking"; None means "not a place"
_BIG_CITY = 1_000_000
_NAMESAKE_CITY = 100_000  # smaller cities lose to their own country's region of the same name
_CONTEXT_FACTOR = 10  # a context-country city may be 10x smaller than the best and still win
_ALTERNATE_FACTOR = 50  # an alternate-name match must be 50x bigger than a primary-name one
_FOREIGN_CITY_FACTOR = 5  # a city beats a foreign region of the same name if 1/5 as populous
_DEMONYM_CITY = 20_000  # a city this big beats a suffix-rule demonym of the same spelling


@dataclass(frozen=True)
class Place:
    """A resolved toponym; kind 'other' (all else None) is a place-like name not in the gazetteer."""

    name: str                  # canonical English name: 'Kazakhstan', 'Almaty', 'Central Asia'
    kind: str                  # 'country' | 'region' | 'city' | 'other'
    country_code: str | None   # ISO 3166-1 alpha-2; None for continents/supranational regions
    lat: float | None
    lon: float | None
    gazetteer_id: str | None   # 'geonames:1526384', 'iso3166:KZ', 'iso3166-2:KZ-47'


# ---------------------------------------------------------------- public API

def resolve_place(name: str, context_countries: Iterable[str] = ()) -> Place | None:
    """Resolve a toponym as written in a text. None when the string is not a place at all
    (a demonym, an adjective, junk)."""
    cleaned = clean_toponym(name)
    if cleaned is None:
        return None
    return _resolve(cleaned, _context(context_countries))


@lru_cache(maxsize=65536)
def is_demonym(word: str) -> bool:
    """'Kazakh', 'Kazakhs', 'Armenian', 'Americans', 'ex-Soviet', 'Soviet', 'British' -> True."""
    cleaned = clean_toponym(word)
    if cleaned is None:
        return False
    base, data = gz.load_base(), _demonyms()
    key = make_key(cleaned)
    if key in base.country_keys or key in base.supra:
        return False
    if key in data.explicit or _is_compound_demonym(cleaned):
        return True
    return key in data.words and _namesake_city(key) is None  # suffix rules: not 'Nevers'


@lru_cache(maxsize=65536)
def is_well_known(name: str, cities: bool = True) -> bool:
    """A country, a continent or supranational region, or (``cities``) a national capital or a
    city of 1M+ people, named exactly ('Belgrade', 'SRI LANKA'): safe to tag without a model."""
    cleaned = clean_toponym(name)
    if cleaned is None or is_demonym(cleaned):
        return False
    base, key = gz.load_base(), make_key(cleaned)
    if key in base.country_keys or key in base.supra:
        return key not in gz.word_set("ambiguous_names")
    if not cities or key in gz.word_set("ambiguous_names"):
        return False
    place = _resolve(cleaned, frozenset())
    return bool(place and place.kind == "city" and any(
        c.gazetteer_id == place.gazetteer_id and (c.capital or c.population >= _BIG_CITY)
        for c in gz.load_geo().primary.get(key, ())))


@lru_cache(maxsize=4096)
def is_nation(gazetteer_id: str | None) -> bool:
    """A country within a country ('England', 'Scotland', 'Wales': ISO 3166-2 type Country): a nation
    whose teams and government its name stands for as a country's do."""
    if not gazetteer_id or not gazetteer_id.startswith("iso3166-2:"):
        return False
    import pycountry

    subdivision = pycountry.subdivisions.get(code=gazetteer_id.split(":", 1)[1])
    return subdivision is not None and subdivision.type == "Country"


def country_name(code: str) -> str | None:
    """Canonical English name of an ISO 3166-1 alpha-2 (or alpha-3) code: 'KZ' -> 'Kazakhstan'."""
    base = gz.load_base()
    code = (code or "").strip().upper()
    entry = base.countries.get(base.alpha3.get(code, code))
    return entry.name if entry else None


@lru_cache(maxsize=65536)
def clean_toponym(text: str | None) -> str | None:
    """Strip 'the', possessive "'s", surrounding punctuation and extra whitespace; None for junk."""
    if not text:
        return None
    text = re.sub(r"\s+", " ", text.replace("’", "'")).strip()
    text = re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)
    text = re.sub(r"\s*'s?$", "", text)
    text = text.strip(" \"'“”«»()[]{}<>,;:!?*|/\\-–—")
    if text.endswith(".") and text.count(".") == 1:  # 'Almaty.' but keep 'U.S.'
        text = text[:-1]
    if not text or len(text) > MAX_LENGTH or not re.search(r"[^\W\d_]", text):
        return None
    return text


# ---------------------------------------------------------------- resolution

def _context(codes: Iterable[str]) -> frozenset[str]:
    if isinstance(codes, str):
        codes = [codes]
    return frozenset(c.strip().upper() for c in codes if c and c.strip())


@lru_cache(maxsize=65536)
def _resolve(cleaned: str, ctx: frozenset[str]) -> Place | None:
    base = gz.load_base()
    key = make_key(cleaned)
    if not key or key in gz.word_set("non_places"):
        return None
    if cleaned == cleaned.upper():  # 'US', 'U.K.', 'UAE'
        code = base.upper_codes.get(cleaned.replace(".", "").replace(" ", ""))
        if code:
            return _country_place(code)
    lower_only = cleaned == cleaned.lower()
    for step in (_lookup_exact, _lookup_qualified, _lookup_fallbacks):
        found = step(cleaned, key, ctx, lower_only)
        if found is not _MISSING:
            return found
    if lower_only or not cleaned[0].isupper():
        return None
    return Place(cleaned, "other", None, None, None, None)


def _lookup_exact(cleaned: str, key: str, ctx: frozenset[str], lower_only: bool) -> object:
    base = gz.load_base()
    stripped = _without_region_hint(key)  # 'Washington State' -> 'washington'
    hinted = stripped != key
    regions = base.regions.get(key, ()) or base.regions.get(stripped, ())
    country = base.country_keys.get(key)
    if country:  # 'Georgia' is the country, unless the article is about the US
        region = _best_region(regions, ctx)
        if region and region.country_code in ctx and country not in ctx:
            return _region_place(region)
        return _country_place(country)
    if key in base.supra:
        return _entry_place(base.supra[key])
    demonym = key in _demonyms().words or _is_compound_demonym(cleaned)
    if demonym and (lower_only or key in _demonyms().explicit):
        return None
    if lower_only:
        return _MISSING
    if demonym and _namesake_city(key) is None:  # suffix-rule forms: 'Nevers' is a city
        return None
    city, primary = _best_city(key, ctx)
    chosen = _choose(regions, city, primary, ctx, hinted or key in gz.word_set("region_first"))
    return _entry_place(chosen) if chosen else _MISSING


def _lookup_qualified(cleaned: str, key: str, ctx: frozenset[str], lower_only: bool) -> object:
    """'Springfield, Illinois', 'Springfield, IL', 'Paris, Texas', 'Aktau, Kazakhstan'."""
    if "," not in cleaned or lower_only:
        return _MISSING
    head, tail = cleaned.split(",", 1)
    tail = tail.split(",")[-1].strip()
    head_key = make_key(head)
    outer = _state_code_place(tail) or resolve_place(tail, ctx)
    if not head_key or outer is None or outer.kind not in ("country", "region"):
        return _MISSING
    state = _us_state(outer)
    geo = gz.load_geo()
    cities = [c for c in geo.primary.get(head_key, ()) + geo.alternate.get(head_key, ())
              if c.country_code == outer.country_code and state in (None, c.admin1)]
    if cities:
        return _entry_place(max(cities, key=_city_rank))
    regions = [r for r in gz.load_base().regions.get(head_key, ())
               if r.country_code == outer.country_code]
    return _region_place(regions[0]) if regions else _MISSING


def _lookup_fallbacks(cleaned: str, key: str, ctx: frozenset[str], lower_only: bool) -> object:
    """'X City', second-level subdivisions, US counties, transliteration variants."""
    if lower_only:
        return _MISSING
    if key.endswith(" city") and len(key) > 8:
        city, _ = _best_city(key[:-5], ctx)
        if city:
            return _entry_place(city)
    lower = _lower_level(key, ctx)
    if lower is not None:
        return lower
    matches = gz.fuzzy_index().get(gz.skeleton(key), ()) if len(key) >= 5 else ()
    countries = [e for e in matches if e.kind == "country"]
    if countries:
        return _country_place(countries[0].country_code)
    region = _best_region(matches, ctx)
    return _region_place(region) if region else _MISSING


def _lower_level(key: str, ctx: frozenset[str]) -> Place | None:
    """Second-level subdivisions ('Hampshire', 'Cavan') and US counties ('Cuyahoga County')."""
    index, points = gz.load_subregions()
    region = _best_region(index.get(key, ()) or index.get(_without_region_hint(key), ()), ctx)
    if region:
        lat, lon = points.get(region.gazetteer_id, (None, None))
        return Place(region.name, "region", region.country_code, lat, lon, region.gazetteer_id)
    counties = gz.us_counties().get(key) if key.endswith((" county", " parish")) else None
    if counties:  # the same county name in several states: the country is known, not the county
        name, _state, fips = counties[0]
        unique = len(counties) == 1
        return Place(name, "region", "US", None, None, f"fips:{fips}" if unique else None)
    return None


def _without_region_hint(key: str) -> str:
    """'mangystau region' -> 'mangystau'; other keys unchanged."""
    head, _, last = key.rpartition(" ")
    return head if head and last in gz.word_set("region_hint_words") else key


# ---------------------------------------------------------------- candidate ranking

def _best_region(regions: Iterable[Entry], ctx: frozenset[str]) -> Entry | None:
    """Regions in a context country first, then by estimated population."""
    regions = [r for r in regions if r.kind == "region"]
    return max(regions, key=lambda r: (r.country_code in ctx, r.population)) if regions else None


def _city_rank(city: Entry) -> tuple[bool, int]:
    return city.capital, city.population


def _best_city(key: str, ctx: frozenset[str]) -> tuple[Entry | None, bool]:
    """(city, matched by its primary name). A national capital beats other cities of the
    same name, then the most populous; alternate-name matches count only when much bigger;
    a city in a context country wins unless far less populous."""
    geo = gz.load_geo()
    primary = geo.primary.get(key, ())
    top = max((c.population for c in primary), default=0)
    pool = list(primary) + [c for c in geo.alternate.get(key, ())
                            if c.population >= _ALTERNATE_FACTOR * top]
    if not pool:
        return None, False
    best = max(pool, key=_city_rank)
    local = [c for c in pool if c.country_code in ctx]
    if local and best.country_code not in ctx:
        candidate = max(local, key=_city_rank)
        if candidate.population * _CONTEXT_FACTOR >= best.population * (5 if best.capital else 1):
            best = candidate
    return best, best in primary


def _namesake_city(key: str) -> Entry | None:
    """A city of 20k+ people whose geonames name has this key ('Nevers', 'Laon')."""
    city, primary = _best_city(key, frozenset())
    return city if primary and city.population >= _DEMONYM_CITY else None


def _choose(regions: Iterable[Entry], city: Entry | None, city_primary: bool,
            ctx: frozenset[str], prefer_region: bool) -> Entry | None:
    """Region or city of the same name. A city and a region of its own country that share
    the name ('Gaza', 'Kandahar', 'Atyrau') pool their weight against foreign regions."""
    regions = tuple(regions)
    region = _best_region(regions, ctx)
    if region is None or city is None:
        return region or city
    if ctx and (region.country_code in ctx) != (city.country_code in ctx):
        return region if region.country_code in ctx else city
    if not city_primary:  # 'Edo' (Tokyo's old name) is Edo State; 'New York' is the city
        local = city.country_code == region.country_code
        return city if local and (city.population >= _BIG_CITY or region.city_like) else region
    if city.capital or city.population >= _BIG_CITY:
        return city
    if prefer_region:
        return region
    namesake = next((r for r in regions if r.country_code == city.country_code), None)
    weight = city.population * _FOREIGN_CITY_FACTOR
    if namesake:
        weight = 2 * max(weight, namesake.population)
    if region is not namesake and region.population > weight:
        return region
    if namesake and city.population < _NAMESAKE_CITY and not namesake.city_like:
        return namesake
    return city


# ---------------------------------------------------------------- demonyms

@dataclass(frozen=True)
class _DemonymData:
    words: frozenset[str]      # keys: 'kazakh', 'kazakhs', 'americans', 'sri lankan', ...
    explicit: frozenset[str]   # the shipped list and its plurals (no suffix-rule forms)
    prefixes: frozenset[str]   # 'ex', 'pro', 'anti', 'sino', ...
    suffixes: frozenset[str]   # 'backed', 'led', 'speaking', ...


def _demonym_forms(key: str) -> set[str]:
    """Suffix-rule demonyms of a place name ('kazakhstan' -> 'kazakh', 'kazakhstani', ...);
    over-generation is harmless: the forms are only checked against words in a text."""
    *head, last = key.split()
    forms = {last + "n", last + "an", last + "ian", last + "i", last + "ese", last + "er"}
    if last.endswith(("a", "e", "o", "y", "s")):
        stem = last[:-1]
        forms |= {stem + "an", stem + "ian", stem + "ese", stem + "ish", stem + "n"}
    if last.endswith("stan"):
        forms |= {last[:-4], last[:-5], last + "i"}
    if last.endswith("land"):
        forms |= {last[:-4] + "ish", last[:-3] + "ish", last + "ic"}
    if last in ("east", "west", "north", "south"):
        forms.add(last + "ern")
    return {" ".join([*head, form]) for form in forms}


@lru_cache(maxsize=1)
def _demonyms() -> _DemonymData:
    """Shipped demonyms plus suffix-rule forms of country, US state and supranational names,
    with plurals; never a key that is itself a place name ('Oman', 'Wales', 'Bahamas')."""
    base, data = gz.load_base(), gz.shipped_data()
    names = [e.name for e in base.countries.values()] + [e.name for e in base.supra.values()]
    names += list(base.country_keys) + list(base.region_alias_keys)
    names += [e.name for e in base.regions_by_id.values() if e.country_code == "US"]
    explicit = _with_plurals({make_key(word) for word in data["demonyms"]})
    forms = set().union(*(_demonym_forms(make_key(name)) for name in names))
    places = set(base.country_keys) | set(base.regions) | set(base.supra)
    return _DemonymData(frozenset((explicit | _with_plurals(forms)) - places), frozenset(explicit - places),
                        frozenset(data["demonym_prefixes"]), frozenset(data["adjective_suffixes"]))


def _with_plurals(forms: set[str]) -> set[str]:
    plurals = {f + "s" for f in forms if not f.endswith(("s", "sh", "ch", "ese", "x", "z"))}
    return forms | plurals | {f[:-3] + "men" for f in forms if f.endswith("man")}


def _is_compound_demonym(cleaned: str) -> bool:
    """'ex-Soviet', 'Sino-Russian', 'Russian-speaking', 'US-backed' (adjectives, not places)."""
    parts = [make_key(p) for p in re.split(r"[-–]", cleaned)]
    if len(parts) < 2 or not all(parts):
        return False
    data = _demonyms()
    if parts[-1] in data.suffixes:
        return True
    while parts and parts[0] in data.prefixes:
        parts = parts[1:]
    return bool(parts) and all(p in data.words for p in parts)


# ---------------------------------------------------------------- Place construction

def _entry_place(entry: Entry) -> Place:
    if entry.kind == "region" and entry.gazetteer_id.startswith("iso3166-2:"):
        return _region_place(entry)
    return Place(entry.name, entry.kind, entry.country_code, entry.lat, entry.lon, entry.gazetteer_id)


def _country_place(code: str) -> Place:
    entry = gz.load_base().countries[code]
    lat, lon = gz.load_geo().country_points.get(code, (None, None))
    return Place(entry.name, "country", code, lat, lon, entry.gazetteer_id)


def _region_place(entry: Entry) -> Place:
    lat, lon = gz.load_geo().region_points.get(entry.gazetteer_id, (None, None))
    return Place(entry.name, "region", entry.country_code, lat, lon, entry.gazetteer_id)


def _state_code_place(text: str) -> Place | None:
    """Two-letter US state codes after a comma: 'Springfield, IL'."""
    text = text.replace(".", "").strip()
    if len(text) != 2 or not text.isupper():
        return None
    entry = gz.load_base().regions_by_id.get(f"iso3166-2:US-{text}")
    return _region_place(entry) if entry else None


def _us_state(place: Place) -> str | None:
    prefix = "iso3166-2:US-"
    gid = place.gazetteer_id or ""
    return gid[len(prefix):] if place.kind == "region" and gid.startswith(prefix) else None
