"""Every JSON shape the API returns, in one place."""
from __future__ import annotations

from datetime import datetime

from archive.extract import Extraction, FoundEntity
from archive.logic.suggestions import Suggestion
from archive.models import Article, Entity, EntityEdit
from archive.models.entity import ACTOR_KINDS
from archive.search import SearchResult
from archive.search.rows import EntityRow


def iso(value: datetime | None) -> str | None:
    return value.isoformat() + "Z" if value else None


def entity_brief(entity: Entity | EntityRow) -> dict:
    data = {"id": entity.id, "name": entity.name, "kind": entity.kind}
    if entity.is_place:
        data.update(place_kind=entity.place_kind, country_code=entity.country_code)
    return data


def entity_json(entity: Entity, article_count: int | None = None) -> dict:
    data = entity_brief(entity)
    if entity.is_place:
        data.update(lat=entity.lat, lon=entity.lon, gazetteer_id=entity.gazetteer_id)
    if article_count is not None:
        data["article_count"] = article_count
    return data


def _mention(text: str, start: int, end: int) -> dict:
    return {"text": text, "start": start, "end": end}


def article_json(article: Article) -> dict:
    """The full article with extracted actors, places and dates; offsets index into `body`."""
    actors, places = [], []
    for link in sorted(article.entity_links, key=lambda link: link.first_start):
        data = entity_json(link.entity)
        data["mentions"] = [_mention(m.text, m.start, m.end) for m in article.mentions_of(link.entity_id)]
        (actors if link.entity.kind in ACTOR_KINDS else places).append(data)
    return {
        "id": article.id, "title": article.title, "url": article.url, "source": article.source, "author": article.author,
        "language": article.language, "published_at": iso(article.published_at),
        "ingested_at": iso(article.ingested_at), "updated_at": iso(article.updated_at),
        "body": article.body, "actors": actors, "places": places,
        "dates": [{"text": d.text, "value": d.value, "start": d.start, "end": d.end} for d in article.dates],
    }


def search_json(result: SearchResult) -> dict:
    params = result.params
    return {
        "total": result.total, "page": params.page, "per_page": params.per_page,
        "pages": result.pages, "sort": params.effective_sort, "groups": result.groups,
        "results": [{
            "id": hit.article.id, "title": hit.article.title, "url": hit.article.url,
            "source": hit.article.source, "published_at": iso(hit.article.published_at),
            "score": hit.score, "snippet": hit.snippet,
            "actors": [entity_brief(e) for e in hit.article.entities_of(*ACTOR_KINDS)],
            "places": [entity_brief(e) for e in hit.article.entities_of("place")],
            "similar_count": hit.similar_count, "dup_group": hit.dup_group,
        } for hit in result.hits],
        "facets": result.facets,
        "notice": result.notice,
    }


def _found_json(found: FoundEntity) -> dict:
    data = {"id": None, "name": found.name, "kind": found.kind}
    if found.place is not None:
        data.update(place_kind=found.place.kind, country_code=found.place.country_code,
                    lat=found.place.lat, lon=found.place.lon, gazetteer_id=found.place.gazetteer_id)
    data["mentions"] = [_mention(s.text, s.start, s.end) for s in found.mentions]
    return data


def extraction_json(extraction: Extraction) -> dict:
    return {
        "actors": [_found_json(e) for e in extraction.actors],
        "places": [_found_json(e) for e in extraction.places],
        "dates": [{"text": d.text, "value": d.value, "start": d.start, "end": d.end} for d in extraction.dates],
    }


def export_row(article: Article, body: bool = False) -> dict:
    """One article of a search export (CSV and JSON Lines): entities and dates as lists of strings."""
    places = [f"{e.name} ({e.country_code})" if e.country_code else e.name for e in article.entities_of("place")]
    row = {
        "id": article.id, "title": article.title, "url": article.url, "source": article.source,
        "author": article.author, "published_at": iso(article.published_at), "ingested_at": iso(article.ingested_at),
        "actors": [e.name for e in article.entities_of(*ACTOR_KINDS)], "places": places,
        "dates": list(dict.fromkeys(d.value for d in article.dates)),
    }
    if body:
        row["body"] = article.body
    return row


def edit_summary(edit: EntityEdit) -> str:
    """What an entity edit did, in words: 'merged “Fed” (#12) into “Federal Reserve” (#3)'."""
    if edit.action == "merge":
        return f"merged “{edit.name_before}” (#{edit.entity_id}) into “{edit.name_after}” (#{edit.other_entity_id})"
    if edit.action == "rename":
        return f"renamed “{edit.name_before}” (#{edit.entity_id}) to “{edit.name_after}”"
    return f"marked “{edit.name_before}” (#{edit.entity_id}) as not an entity"


def edit_json(edit: EntityEdit) -> dict:
    return {"id": edit.id, "action": edit.action, "entity_id": edit.entity_id,
            "other_entity_id": edit.other_entity_id, "name_before": edit.name_before,
            "name_after": edit.name_after, "summary": edit_summary(edit), "created_by": edit.created_by,
            "created_at": iso(edit.created_at), "undone_at": iso(edit.undone_at), "undone_by": edit.undone_by}


def suggestion_json(suggestion: Suggestion) -> dict:
    """A likely duplicate: merge `entity` into `into` (POST /entities/{entity.id}/merge)."""
    return {"reason": suggestion.reason, "entity": entity_json(suggestion.entity, suggestion.entity_articles),
            "into": entity_json(suggestion.into, suggestion.into_articles)}
