"""The backup format: the whole archive as JSON Lines, and each line read back.

Each line is one article with its metadata and everything extracted from it,
so an import (logic/restore.py) needs no spaCy and gives back the same
entities, mentions and dates (and so the same searches). A line also carries the article's
near-duplicate fingerprint and, for a later copy, the content hash of its group's first article,
so an import needs no MinHash and no look-up to give back the same groups (an older export
without them is grouped as at ingest).
"""
from __future__ import annotations

import base64
import binascii
import json
from dataclasses import replace
from itertools import repeat
from typing import IO

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload, undefer

from archive.errors import ValidationError
from archive.extract import Extraction, FoundEntity, Span
from archive.extract.dates import DateMention
from archive.extract.places import Place
from archive.ingest.jsondepth import loads
from archive.ingest.similarity import SIGNATURE_BYTES
from archive.logic.near_duplicates import NearDuplicate
from archive.ingest.records import ArticleInput, parse_datetime, validate
from archive.models import Article, ArticleEntity
from archive.models.entity import ACTOR_KINDS, PLACE_KIND

BATCH = 200


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def article_record(article: Article) -> dict:
    entities = []
    # By first mention, then kind and key: two entities can start at one offset ('Standard & Poor' and
    # 'Standard & Poor's'), and the rows' order differs between databases and after a restore.
    for link in sorted(article.entity_links, key=lambda link: (link.first_start, link.entity.kind, link.entity.key)):
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
        "ingested_at": _iso(article.ingested_at), **_wire_identity(article), "entities": entities,
        "dates": [{"text": d.text, "value": d.value, "start": d.start, "end": d.end} for d in article.dates],
    }


def _wire_identity(article: Article) -> dict:
    """A wire story's guid and version, when it has them (read back by validate())."""
    identity = {"guid": article.guid, "version": article.version, "version_created": _iso(article.version_created)}
    return {key: value for key, value in identity.items() if value is not None}


def near_duplicate_fields(article: Article, first_hashes: dict[int, str]) -> dict:
    """The line's near-duplicate fields: the signature (base64) and, for a later copy, its first's hash."""
    fields = {}
    if article.dup_signature is not None:
        fields["dup_signature"] = base64.b64encode(article.dup_signature).decode("ascii")
    if article.dup_group_id in first_hashes:
        fields["near_duplicate_of"] = first_hashes[article.dup_group_id]
    return fields


def export_articles(session: Session, out: IO[str]) -> int:
    """Write every article as one JSON line, oldest first; returns the count."""
    ids = list(session.scalars(select(Article.id).order_by(Article.id)))
    for start in range(0, len(ids), BATCH):
        query = (select(Article).where(Article.id.in_(ids[start:start + BATCH])).order_by(Article.id)
                 .options(selectinload(Article.entity_links).joinedload(ArticleEntity.entity),
                          selectinload(Article.mentions), selectinload(Article.dates), undefer(Article.dup_signature)))
        articles = list(session.scalars(query))
        firsts = {article.dup_group_id for article in articles if article.dup_group_id is not None}
        first_hashes = dict(session.execute(select(Article.id, Article.content_hash).where(Article.id.in_(firsts))).all())
        for article in articles:
            line = {**article_record(article), **near_duplicate_fields(article, first_hashes)}
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
        session.expunge_all()
    return len(ids)


def read_record(line: str) -> tuple[ArticleInput, Extraction]:
    """One exported line -> the article and its extraction; ValidationError (or JSONDecodeError, TooDeep too)
    names what is wrong, so that a bad line fails alone rather than its whole batch."""
    record, extraction, _near = read_line(line)
    return record, extraction


def read_line(line: str) -> tuple[ArticleInput, Extraction, NearDuplicate]:
    """read_record, and what the line says of the article's near-duplicate group."""
    data = loads(line)  # depth-checked: a line of 100,000 brackets is bad JSON, not a RecursionError
    record = validate(data, max_chars=10**7)
    if not isinstance(data.get("entities", []), list) or not isinstance(data.get("dates", []), list):
        raise ValidationError("entities and dates must be lists")
    ingested_at = parse_datetime(data.get("ingested_at"), "ingested_at")
    return replace(record, ingested_at=ingested_at), _extraction(data), _near_duplicate(data)


def _near_duplicate(data: dict) -> NearDuplicate:
    encoded = _text(data, "dup_signature", 2 * SIGNATURE_BYTES, required=False)
    signature = None
    if encoded is not None:
        try:
            signature = base64.b64decode(encoded, validate=True)
        except binascii.Error:
            signature = b""
        if len(signature) != SIGNATURE_BYTES:
            raise ValidationError(f"dup_signature must be {SIGNATURE_BYTES} bytes in base64", "dup_signature")
    return NearDuplicate(signature, _text(data, "near_duplicate_of", 64, required=False))


def _extraction(data: dict) -> Extraction:
    actors, places = [], []
    for item in data.get("entities", []):
        found = _entity(_mapping(item, "entities"))
        (places if found.place else actors).append(found)
    dates = [DateMention(_text(d, "text", 10**4), _text(d, "value", 32), *_offsets(d))
             for d in map(_mapping, data.get("dates", []), repeat("dates"))]
    return Extraction(actors, places, dates)


def _entity(item: dict) -> FoundEntity:
    kind = item.get("kind")
    if kind not in (*ACTOR_KINDS, PLACE_KIND):
        raise ValidationError(f"entity kind must be one of {', '.join((*ACTOR_KINDS, PLACE_KIND))}", "entities")
    if not isinstance(item.get("mentions"), list) or not item["mentions"]:
        raise ValidationError("an entity needs a list of one or more mentions", "mentions")
    mentions = [Span(_text(m, "text", 10**4), *_offsets(m))
                for m in map(_mapping, item["mentions"], repeat("mentions"))]
    place = None
    if kind == PLACE_KIND:
        coordinates = [item.get("lat"), item.get("lon")]
        if any(value is not None and not isinstance(value, int | float) for value in coordinates):
            raise ValidationError("lat and lon must be numbers", "entities")
        place = Place(_text(item, "name", 300), _text(item, "place_kind", 16, required=False) or "other",
                      _text(item, "country_code", 2, required=False), *coordinates,
                      _text(item, "gazetteer_id", 64, required=False))
    return FoundEntity(kind, _text(item, "name", 300), _text(item, "key", 300), mentions, place)


def _mapping(value: object, field: str) -> dict:
    if not isinstance(value, dict):
        raise ValidationError(f"each of {field} must be a JSON object", field)
    return value


def _text(item: dict, field: str, limit: int, required: bool = True) -> str | None:
    value = item.get(field)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value or len(value) > limit:
        raise ValidationError(f"{field} must be text of 1 to {limit} characters", field)
    return value


def _offsets(item: dict) -> tuple[int, int]:
    start, end = item.get("start"), item.get("end")
    if type(start) is not int or type(end) is not int or not 0 <= start <= end:  # a bool is no offset
        raise ValidationError("start and end must be whole numbers, 0 <= start <= end", "start")
    return start, end
