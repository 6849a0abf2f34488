"""A country-level check on Reuters-21578: the countries of our places against <PLACES>.

Sample: the first documents (file order) with a body and a non-empty PLACES list; the body
alone is extracted, as ingest does. A place counts by its country (a city by the country it
is in; continents and other regions with no country are left out). Gold names are lower-case
with hyphens ('usa', 'west-germany'): mapped to ISO codes through our own resolver, with a
few historic names spelled out. The bare model's places are mapped with `pycountry.lookup`
on the entity text (what one would do without a gazetteer).
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date as Date
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from archive.extract.places import resolve_place
from bench.extraction.runner import Mention
from bench.extraction.scoring import Counts, Row, prf_rows

REUTERS_DIR = Path("/work/shared/data/reuters21578")
DEFAULT_SAMPLE = 1000
GOLD_NAMES = {
    "usa": "United States", "uk": "United Kingdom", "ussr": "Soviet Union", "uae": "United Arab Emirates",
    "west-germany": "Germany", "east-germany": "Germany", "trinidad-tobago": "Trinidad and Tobago",
    "yemen-arab-republic": "Yemen", "yemen-demo-republic": "Yemen", "kampuchea": "Cambodia",
    "netherlands-antilles": "Curacao", "us-virgin-islands": "U.S. Virgin Islands", "macao": "Macau",
    "vatican": "Vatican City", "western-samoa": "Samoa", "zaire": "Democratic Republic of the Congo",
}
_DOC = re.compile(r"<REUTERS.*?</REUTERS>", re.DOTALL)
_FIELD = {name: re.compile(rf"<{name}>(.*?)</{name}>", re.DOTALL) for name in ("DATE", "PLACES", "BODY")}
_D = re.compile(r"<D>(.*?)</D>")


@dataclass
class Document:
    text: str
    published: Date | None
    gold: set[str]  # ISO 3166-1 alpha-2 codes


def load(limit: int | None = None, root: Path = REUTERS_DIR) -> list[Document]:
    limit = limit or DEFAULT_SAMPLE
    docs = []
    for path in sorted(root.glob("reut2-*.sgm")):
        for raw in _DOC.findall(path.read_text(encoding="latin-1")):
            doc = _parse(raw)
            if doc is not None:
                docs.append(doc)
                if len(docs) >= limit:
                    return docs
    return docs


def _parse(raw: str) -> Document | None:
    fields = {name: pattern.search(raw) for name, pattern in _FIELD.items()}
    if not fields["BODY"] or not fields["PLACES"] or not _D.findall(fields["PLACES"].group(1)):
        return None
    body = html.unescape(fields["BODY"].group(1)).replace("\x03", "").strip()
    body = re.sub(r"\s*Reuter\s*$", "", body)
    codes = {gold_code(name) for name in _D.findall(fields["PLACES"].group(1))} - {None}
    return Document(body, _published(fields["DATE"]), codes)


def _published(match: re.Match | None) -> Date | None:
    try:
        return datetime.strptime(match.group(1).split()[0], "%d-%b-%Y").date() if match else None
    except ValueError:
        return None


@lru_cache(maxsize=512)
def gold_code(name: str) -> str | None:
    place = resolve_place(GOLD_NAMES.get(name) or name.replace("-", " ").title())
    return place.country_code if place else None


@lru_cache(maxsize=4096)
def _pycountry_code(text: str) -> str | None:
    import pycountry

    try:
        return pycountry.countries.lookup(text).alpha_2
    except LookupError:
        return None


def score(docs: list[Document], ours: list[list[Mention]], baseline: list[list[Mention]]) -> list[Row]:
    ours_counts, base_counts = Counts(), Counts()
    for doc, mine, theirs in zip(docs, ours, baseline):
        predicted = {m.place.country_code for m in mine if m.kind == "place" and m.place} - {None}
        ours_counts.add(len(predicted & doc.gold), len(predicted), len(doc.gold))
        naive = {_pycountry_code(m.text) for m in theirs if m.kind == "place"} - {None}
        base_counts.add(len(naive & doc.gold), len(naive), len(doc.gold))
    return prf_rows("reuters", "countries", ours_counts, base_counts)
