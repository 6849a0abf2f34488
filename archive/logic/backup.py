"""Export the whole archive to JSON Lines and import it back, losslessly.

Each line is one article with its metadata and everything extracted from it,
so an import needs no spaCy and gives back the same entities, mentions and
dates (and so the same searches).
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from archive.errors import ArchiveError
from archive.extract import Extraction, FoundEntity, Span
from archive.extract.dates import DateMention
from archive.extract.places import Place
from archive.index import IndexStore
from archive.ingest.records import parse_datetime, validate
from archive.logic.articles import ingest_extracted
from archive.models import Article, ArticleEntity
from archive.models.base import utcnow

BATCH = 200


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def article_record(article: Article) -> dict:
    entities = []
    for link in sorted(article.entity_links, key=lambda link: link.first_start):
        entity = link.entity
        entities.append({
            "kind": entity.kind, "name": entity.name, "key": entity.key, "place_kind": entity.place_kind,
            "country_code": entity.country_code, "lat": entity.lat, "lon": entity.lon,
            "gazetteer_id": entity.gazetteer_id,
            "mentions": [{"text": m.text, "start": m.start, "end": m.end} for m in article.mentions_of(entity.id)],
        })
    return {
        "title": article.title, "body": article.body, "url": article.url, "source": article.source, "author": article.author,
        "language": article.language, "published_at": _iso(article.published_at),
        "ingested_at": _iso(article.ingested_at), "entities": entities,
        "dates": [{"text": d.text, "value": d.value, "start": d.start, "end": d.end} for d in article.dates],
    }


def export_articles(session: Session, out: IO[str]) -> int:
    """Write every article as one JSON line, oldest first; returns the count."""
    ids = list(session.scalars(select(Article.id).order_by(Article.id)))
    for start in range(0, len(ids), BATCH):
        query = (select(Article).where(Article.id.in_(ids[start:start + BATCH])).order_by(Article.id)
                 .options(selectinload(Article.entity_links).joinedload(ArticleEntity.entity),
                          selectinload(Article.mentions), selectinload(Article.dates)))
        for article in session.scalars(query):
            out.write(json.dumps(article_record(article), ensure_ascii=False) + "\n")
        session.expunge_all()
    return len(ids)


def _extraction(data: dict) -> Extraction:
    actors, places = [], []
    for item in data.get("entities", []):
        mentions = [Span(m["text"], m["start"], m["end"]) for m in item["mentions"]]
        place = None
        if item["kind"] == "place":
            place = Place(item["name"], item.get("place_kind") or "other", item.get("country_code"),
                          item.get("lat"), item.get("lon"), item.get("gazetteer_id"))
        found = FoundEntity(item["kind"], item["name"], item["key"], mentions, place)
        (places if place else actors).append(found)
    dates = [DateMention(d["text"], d["value"], d["start"], d["end"]) for d in data.get("dates", [])]
    return Extraction(actors, places, dates)


def import_articles(session: Session, store: IndexStore, lines: Iterator[str]) -> tuple[int, int, list[str]]:
    """Import exported lines; returns (created, duplicates, failures as 'line N: reason')."""
    created, duplicates, failures = 0, 0, []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            record = validate(data, max_chars=10**7)
            result = ingest_extracted(session, store, record, _extraction(data))
        except (ArchiveError, ValueError, KeyError, TypeError) as exc:
            session.rollback()
            failures.append(f"line {number}: {getattr(exc, 'message', None) or exc!r}")
            continue
        if result.created:
            result.article.ingested_at = parse_datetime(data.get("ingested_at"), "ingested_at") or utcnow()
            session.commit()
            created += 1
        else:
            duplicates += 1
    return created, duplicates, failures
