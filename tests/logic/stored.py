"""Articles stored from extractions written out by hand: real rows in a real database through the
real write path (logic/writes.py), without spaCy, for tests of what happens after extraction."""
from __future__ import annotations

from archive.extract import Extraction, FoundEntity, Span
from archive.extract.dates import DateMention
from archive.extract.names import fold
from archive.extract.places import Place
from archive.ingest import validate
from archive.logic.writes import store_all, store_extracted
from archive.models import Article


def found(body: str, kind: str, name: str, key: str | None = None, aliases: tuple[str, ...] = (),
          place: Place | None = None) -> FoundEntity:
    """`name` as found in `body`: a mention at each place it is written."""
    spans, start = [], body.find(name)
    assert start >= 0, f"{name!r} is not in {body!r}"
    while start >= 0:
        spans.append(Span(name, start, start + len(name)))
        start = body.find(name, start + len(name))
    if kind == "place" and place is None:
        place = Place(name, "city", None, None, None, None)
    return FoundEntity(kind, name, key or fold(name), spans, place, list(aliases))


def extraction(body: str, *names: tuple[str, ...], dates: tuple[tuple[str, str], ...] = ()) -> Extraction:
    """`names` are (kind, name) or (kind, name, key); `dates` (text, value) pairs, all found in `body`."""
    entities = [found(body, *name) for name in names]
    return Extraction([e for e in entities if e.kind != "place"], [e for e in entities if e.kind == "place"],
                      [DateMention(text, value, body.find(text), body.find(text) + len(text)) for text, value in dates])


def store(session, body: str, *names: tuple[str, ...], published_at: str | None = None, exact: bool = False,
          **fields) -> Article:
    """Store one article as ingest does (exact=False: surnames and aliases joined) or as an import
    does (exact=True); returns the stored (or already stored) article."""
    record = validate({"body": body, "published_at": published_at, **fields})
    found_names = extraction(body, *names)
    if exact:
        [result] = store_extracted(session, [record], [found_names])
    else:
        [result] = store_all(session, [record], [found_names])
    return result.article


def actor_names(session, article_id: int) -> set[str]:
    article = session.get(Article, article_id)
    session.refresh(article)
    return {entity.name for entity in article.entities_of("person", "organization")}
