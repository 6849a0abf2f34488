"""Which stored entity each extracted name is, across the archive.

In order: the entity with the same key; the entity that has the name (or one of the found
organisation's other names: 'EU' of 'European Union') as an alias; for a person named by
a surname alone ('Blair', 'Mr Blair'), the archive's person with that surname who fits the
article best; else a new entity. The surname choice weighs each candidate by how often it
is named, how many of the article's other actors and places it appears with, and how near
in time its articles are; the best one is taken when its share of the evidence reaches
SURNAME_CONFIDENCE, and otherwise the surname stays an actor of its own. Every lookup is
one indexed query per batch of articles.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from archive.extract import Extraction, FoundEntity
from archive.extract.names import fold
from archive.logic.curated import redirect_merged
from archive.models import Article, ArticleEntity, Entity, EntityAlias
from archive.models.entity import ACTOR_KINDS

Identity = tuple[str, str]
Choice = tuple[int, Identity]  # (position of the article in the batch, identity of a surname in it)
# The best candidate's share of the evidence a surname needs to join a full name. With no
# context two equally named people split it 0.5/0.5 (stays apart); one shared actor or place
# against none gives 4:1 (0.8, joins). Measured on GUM (108 documents in one archive):
# cross-document identity B-cubed 0.872 for any value from 0.5 to 0.8, 0.870 with no surname
# joins at all; the BBC check (bench/extraction/bbc.py) leaves no surname variant among the
# 100 most frequent actors at 0.6. GUM has few surnames alone across documents: revisit on
# an archive with more.
SURNAME_CONFIDENCE = 0.6
YEAR_DAYS = 365.0
# A candidate's articles, latest day and company are read from its latest articles that name it in full,
# at most this many, so a surname's look-up costs about the same at a million articles as at a thousand
# (the whole history of a 'Blair' made ingesting into a 170,000-article archive four times slower than
# into an empty one). Its article count is capped there too.
RECENT_ARTICLES = 200
_CHUNK = 500  # keys in one IN (...) list


def identity(found: FoundEntity) -> Identity:
    """One actor across articles whichever of person/organisation the model said this time."""
    return ("actor" if found.kind in ACTOR_KINDS else found.kind), found.key[:300]


def group_of(entity: Entity) -> str:
    return "actor" if entity.kind in ACTOR_KINDS else entity.kind


@dataclass
class Resolved:
    """The entity of each identity, and for a surname alone the entity chosen per article."""
    entities: dict[Identity, Entity]
    chosen: dict[Choice, Entity]

    def entity(self, article: int, ident: Identity) -> Entity:
        return self.chosen.get((article, ident)) or self.entities[ident]


def resolve(session: Session, extractions: list[Extraction], days: list[date | None],
            exact: bool = False) -> Resolved:
    """Every entity the extractions name, found or created (added to the session, not flushed).

    exact=True (a restore): each name is the entity it was exported as, found by its key or created;
    no alias or surname joins, which could make two exported entities one."""
    wanted = {identity(found): found for extraction in extractions for found in _found(extraction)}
    known = _by_keys(session, {key for _group, key in wanted})
    if exact:
        created = {ident: new_entity(found) for ident, found in wanted.items() if ident not in known}
        session.add_all(created.values())
        return Resolved(redirect_merged(session, {**known, **created}), {})
    entities = {ident: known[ident] for ident in wanted if ident in known and not _is_surname(wanted[ident])}
    _by_aliases(session, wanted, entities)
    created = {ident: new_entity(found) for ident, found in wanted.items()
               if ident not in entities and not _is_surname(found)}
    entities.update(created)
    has_surnames = any(map(_is_surname, wanted.values()))
    chosen = _by_surnames(session, extractions, days, entities, created) if has_surnames else {}
    for article, extraction in enumerate(extractions):
        for ident in map(identity, _found(extraction)):
            if ident not in entities and (article, ident) not in chosen:
                # A surname no full name fits stays its own actor.
                entities[ident] = known.get(ident) or created.setdefault(ident, new_entity(wanted[ident]))
    session.add_all(created.values())
    _record_aliases(session, wanted, entities)
    return Resolved(redirect_merged(session, entities), redirect_merged(session, chosen))


def _found(extraction: Extraction) -> list[FoundEntity]:
    return extraction.actors + extraction.places


def _is_surname(found: FoundEntity) -> bool:
    return found.kind == "person" and " " not in found.key


def new_entity(found: FoundEntity) -> Entity:
    entity = Entity(kind=found.kind, name=found.name[:300], key=found.key[:300])
    if found.kind == "person" and " " in found.key:
        entity.surname = found.key.split()[-1][:100]
    if found.place is not None:
        entity.place_kind = found.place.kind
        entity.country_code = found.place.country_code
        entity.lat, entity.lon = found.place.lat, found.place.lon
        entity.gazetteer_id = found.place.gazetteer_id
    return entity


def _chunks(values: list) -> list[list]:
    return [values[first:first + _CHUNK] for first in range(0, len(values), _CHUNK)]


def _by_keys(session: Session, keys: set[str]) -> dict[Identity, Entity]:
    known: dict[Identity, Entity] = {}
    for chunk in _chunks(sorted(keys)):
        for entity in session.scalars(select(Entity).where(Entity.key.in_(chunk)).order_by(Entity.id)):
            known.setdefault((group_of(entity), entity.key), entity)
    return known


def _by_aliases(session: Session, wanted: dict[Identity, FoundEntity], entities: dict[Identity, Entity]) -> None:
    """Names not stored under their own key, found through an alias of theirs or of their other names."""
    names = {ident: [ident[1]] + [fold(alias)[:300] for alias in wanted[ident].aliases]
             for ident in wanted if ident not in entities and not _is_surname(wanted[ident])}
    keys = sorted({key for keys in names.values() for key in keys})
    if not keys:
        return
    by_key: dict[Identity, Entity] = {}
    for chunk in _chunks(keys):
        by_key.update(_by_keys(session, set(chunk)))
        query = select(EntityAlias.key, Entity).join(Entity, Entity.id == EntityAlias.entity_id) \
            .where(EntityAlias.key.in_(chunk)).order_by(Entity.id)
        for key, entity in session.execute(query):
            by_key.setdefault((group_of(entity), key), entity)
    for ident, keys in names.items():
        match = next((by_key[(ident[0], key)] for key in keys if (ident[0], key) in by_key), None)
        if match is not None:
            entities[ident] = match


def _record_aliases(session: Session, wanted: dict[Identity, FoundEntity], entities: dict[Identity, Entity]) -> None:
    """Remember an organisation's other names ('EU' for 'European Union') for later articles."""
    rows = {}
    for ident, entity in entities.items():
        found = wanted[ident]
        for name in [found.name, *found.aliases] if found.aliases else []:
            key = fold(name)[:300]
            if key and key != entity.key:
                rows[(id(entity), key)] = (entity, name[:300], key)
    if not rows:
        return
    session.flush()  # new entities get their ids
    keys = sorted({key for _entity, _name, key in rows.values()})
    have = set()
    for chunk in _chunks(keys):
        have |= set(session.execute(select(EntityAlias.entity_id, EntityAlias.key).where(EntityAlias.key.in_(chunk))))
    new = [{"entity_id": entity.id, "name": name, "key": key} for entity, name, key in rows.values()
           if (entity.id, key) not in have]
    if new:
        session.execute(insert(EntityAlias), new)


@dataclass
class _Candidate:
    entity: Entity
    articles: int = 0
    latest: date | None = None
    company: Counter = field(default_factory=Counter)  # identity of another entity -> articles shared


def _by_surnames(session: Session, extractions: list[Extraction], days: list[date | None],
                 entities: dict[Identity, Entity], created: dict[Identity, Entity]) -> dict[Choice, Entity]:
    """For each article's surname-only person, the full name that fits that article, if one does."""
    surnames = {identity(found)[1] for extraction in extractions for found in _found(extraction) if _is_surname(found)}
    candidates = _stored_candidates(session, surnames, entities)
    _add_batch_candidates(candidates, extractions, days, created)
    chosen = {}
    for article, (extraction, day) in enumerate(zip(extractions, days, strict=True)):
        context = {identity(found) for found in _found(extraction)}
        for found in filter(_is_surname, _found(extraction)):
            ident = identity(found)
            best = choose(candidates.get(ident[1], []), context - {ident}, day)
            if best is not None:
                chosen[(article, ident)] = best
    return chosen


def _stored_candidates(session: Session, surnames: set[str],
                       entities: dict[Identity, Entity]) -> dict[str, list[_Candidate]]:
    """The archive's people with these surnames, with their article counts, latest day and the
    entities they appear with (only those this batch names: one join on indexed columns)."""
    people = [entity for chunk in _chunks(sorted(surnames)) for entity in session.scalars(
        select(Entity).where(Entity.surname.in_(chunk), Entity.kind == "person", Entity.merged_into_id.is_(None)))]
    if not people:
        return {}
    by_id = {entity.id: _Candidate(entity) for entity in people}
    recent = _recent_articles(session, list(by_id))
    articles = sorted({article for ids in recent.values() for article in ids})
    published = {article: day for chunk in _chunks(articles) for article, day in session.execute(
        select(Article.id, Article.published_at).where(Article.id.in_(chunk)))}
    for entity_id, ids in recent.items():
        days = [published[article] for article in ids if published.get(article) is not None]
        by_id[entity_id].articles, by_id[entity_id].latest = len(ids), max(days).date() if days else None
    _add_company(session, by_id, {e.id: ident for ident, e in entities.items() if e.id is not None}, recent, articles)
    grouped: dict[str, list[_Candidate]] = {}
    for candidate in by_id.values():
        grouped.setdefault(candidate.entity.surname, []).append(candidate)
    return grouped


def _recent_articles(session: Session, entity_ids: list[int]) -> dict[int, list[int]]:
    """Each entity's RECENT_ARTICLES latest articles that name it in full: a candidate's evidence, read
    from a bounded number of rows however often the archive names it (one range of the index on
    entity, named_in_full, article: a window over all of a person's links took 1.2 s per 1,000 articles
    at 815,000), and never from the articles that earlier choices gave it (they would feed a choice
    back into itself: one early join made 'Nancy Reagan' the person of every 'President Reagan')."""
    recent = {}
    for entity_id in entity_ids:
        ids = list(session.scalars(select(ArticleEntity.article_id).where(
            ArticleEntity.entity_id == entity_id, ArticleEntity.named_in_full.is_(True))
            .order_by(ArticleEntity.article_id.desc()).limit(RECENT_ARTICLES)))
        if ids:
            recent[entity_id] = ids
    return recent


def _add_company(session: Session, by_id: dict[int, _Candidate], context_ids: dict[int, Identity],
                 recent: dict[int, list[int]], articles: list[int]) -> None:
    """Which of the batch's entities each candidate appears with, in its recent articles."""
    if not context_ids:
        return
    # The batch's entities among those articles' entities. '+ 0' keeps SQLite from reading the filter's
    # side first through the entity_id index, walking each of the batch's entities' articles ('United
    # States': a third of the archive); from the recent articles it reads each one's links by primary key.
    present: dict[int, list[int]] = {}
    for chunk in _chunks(articles):
        query = select(ArticleEntity.article_id, ArticleEntity.entity_id).where(
            ArticleEntity.article_id.in_(chunk), (ArticleEntity.entity_id + 0).in_(list(context_ids)))
        for article, other in session.execute(query):
            present.setdefault(article, []).append(other)
    for candidate_id, ids in recent.items():
        for article in ids:
            for other_id in present.get(article, ()):
                if other_id != candidate_id:
                    by_id[candidate_id].company[context_ids[other_id]] += 1


def _add_batch_candidates(candidates: dict[str, list[_Candidate]], extractions: list[Extraction],
                          days: list[date | None], created: dict[Identity, Entity]) -> None:
    """People first named in full in this very batch are candidates too."""
    by_entity: dict[int, _Candidate] = {}
    for extraction, day in zip(extractions, days, strict=True):
        context = {identity(found) for found in _found(extraction)}
        for found in _found(extraction):
            entity = created.get(identity(found))
            if entity is None or entity.surname is None:
                continue
            candidate = by_entity.get(id(entity))
            if candidate is None:
                candidate = by_entity[id(entity)] = _Candidate(entity)
                candidates.setdefault(entity.surname, []).append(candidate)
            candidate.articles += 1
            candidate.latest = max(filter(None, [candidate.latest, day]), default=None)
            candidate.company.update(context - {identity(found)})


def choose(candidates: list[_Candidate], context: set[Identity], day: date | None) -> Entity | None:
    """The candidate holding at least SURNAME_CONFIDENCE of the evidence, if any."""
    weights = [_weight(candidate, context, day) for candidate in candidates]
    if not weights or not sum(weights):
        return None
    best = max(range(len(weights)), key=weights.__getitem__)
    return candidates[best].entity if weights[best] / sum(weights) >= SURNAME_CONFIDENCE else None


def _weight(candidate: _Candidate, context: set[Identity], day: date | None) -> float:
    """Evidence for one candidate: log(articles + 2) x (1 + shared context)^2 x nearness in time
    (the logarithm, so that a famous name does not swallow every namesake without context)."""
    shared = sum(1 for ident in context if candidate.company[ident])
    nearness = 1.0
    if day and candidate.latest:
        nearness = 1.0 / (1.0 + abs((day - candidate.latest).days) / YEAR_DAYS)
    return math.log1p(candidate.articles + 1) * (1 + shared) ** 2 * nearness
