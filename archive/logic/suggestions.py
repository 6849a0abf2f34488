"""Likely duplicate entities for an admin to merge (issue 15): what extraction could not join.

Four kinds of pair, each proposing to merge the first entity into the second:
- surname: a person named by a surname alone and the archive's only person with a full
  name ending with it ('Blair' -> 'Tony Blair');
- acronym: an acronym and the organisation whose initials spell it ('IMF' -> 'International
  Monetary Fund'), or two forms of data/short_forms.json;
- inside: an actor's name is the start or end of another actor's of the same kind
  ('Jowell' is covered by surname; 'Lloyds' -> 'Lloyds TSB');
- same place: two places of the same name (different gazetteer entries).
Only current entities (not merged away, not marked "not an entity") of articles still
stored are proposed, never a pair whose merge an admin undid, most articles first.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from archive.extract.names import fold, initials, is_acronym, short_forms
from archive.models import ArticleEntity, Entity, EntityEdit, RejectedName
from archive.models.curation import MERGE
from archive.models.entity import ACTOR_KINDS, PLACE_KIND

SURNAME, ACRONYM, INSIDE, SAME_PLACE = "surname", "acronym", "inside", "same place"
MAX_SUGGESTIONS = 200
MIN_ACRONYM = 3  # letters: two-letter ones ('IP', 'AU') stand for too many names


@dataclass(frozen=True)
class Suggestion:
    reason: str  # surname | acronym | inside | same place
    entity: Entity  # to merge away
    into: Entity
    entity_articles: int
    into_articles: int


def merge_suggestions(session: Session, limit: int = MAX_SUGGESTIONS) -> list[Suggestion]:
    """The likely duplicates, the pairs with most articles first."""
    counts = _article_counts(session)
    entities = [e for e in _current(session) if e.id in counts]
    pairs: dict[tuple[int, int], tuple[str, Entity, Entity]] = {}
    for finder in (_surnames, _acronyms, _inside, _same_places):
        for reason, entity, into in finder(entities, counts):
            if (entity.id, into.id) not in pairs and (into.id, entity.id) not in pairs:
                pairs[(entity.id, into.id)] = (reason, entity, into)
    undone = _undone_merges(session)
    found = [Suggestion(reason, entity, into, counts[entity.id], counts[into.id])
             for (a, b), (reason, entity, into) in pairs.items() if (a, b) not in undone and (b, a) not in undone]
    found.sort(key=lambda s: (-(s.entity_articles + s.into_articles), s.into.name, s.entity.name))
    return found[:limit]


def _article_counts(session: Session) -> dict[int, int]:
    query = select(ArticleEntity.entity_id, func.count()).group_by(ArticleEntity.entity_id)
    return dict(session.execute(query).all())


def _current(session: Session) -> list[Entity]:
    rejected = select(RejectedName.entity_id).where(RejectedName.entity_id.is_not(None))
    return list(session.scalars(select(Entity).where(Entity.merged_into_id.is_(None), Entity.id.not_in(rejected))
                                .order_by(Entity.id)))


def _undone_merges(session: Session) -> set[tuple[int, int]]:
    query = select(EntityEdit.entity_id, EntityEdit.other_entity_id).where(
        EntityEdit.action == MERGE, EntityEdit.undone_at.is_not(None))
    return {(a, b) for a, b in session.execute(query)}


def _surnames(entities: list[Entity], counts: dict[int, int]):
    people = [e for e in entities if e.kind == "person"]
    by_surname = defaultdict(list)
    for person in people:
        if person.surname:
            by_surname[person.surname].append(person)
    for person in people:
        full = by_surname.get(person.key, []) if " " not in person.key else []
        if len(full) == 1:
            yield SURNAME, person, full[0]


def _acronyms(entities: list[Entity], counts: dict[int, int]):
    actors = [e for e in entities if e.kind in ACTOR_KINDS]
    by_initials, by_key = defaultdict(list), {e.key: e for e in actors}
    for actor in actors:
        words = actor.name.split()
        if len(words) > 1 and actor.kind == "organization":  # 'CBS' is no 'Carlos Baez Silva'
            by_initials[initials(words).upper()].append(actor)
    known = short_forms()
    for actor in actors:
        long_form = known.get(actor.key)
        target = by_key.get(fold(long_form)) if long_form else None
        if target is not None and target is not actor:
            yield ACRONYM, actor, target
        elif is_acronym(actor.name) and len(actor.name.replace(".", "")) >= MIN_ACRONYM:
            expansions = by_initials.get(actor.name.replace(".", "").upper(), [])
            if len(expansions) == 1:
                yield ACRONYM, actor, expansions[0]


def _inside(entities: list[Entity], counts: dict[int, int]):
    """A name that is the first or last words of exactly one longer name of the same kind: any
    part of a person's name ('Rafa' / 'Rafa Benitez'); an organisation's only when the longer
    name is named at least as often (else it is a part of it: 'BBC News' / 'BBC News Online')."""
    actors = [e for e in entities if e.kind in ACTOR_KINDS]
    by_part = defaultdict(list)
    for actor in actors:
        words = actor.key.split()
        if "," in actor.name:  # a list the model read as one name ('Dell, Samsung')
            continue
        for size in range(1, len(words)):
            by_part[(actor.kind, " ".join(words[:size]))].append(actor)
            by_part[(actor.kind, " ".join(words[-size:]))].append(actor)
    for actor in actors:
        longer = list({e.id: e for e in by_part.get((actor.kind, actor.key), [])}.values())
        if len(longer) != 1 or len(actor.key) <= 2:
            continue
        if actor.kind == "person" or counts[actor.id] <= counts[longer[0].id]:
            yield INSIDE, actor, longer[0]


def _same_places(entities: list[Entity], counts: dict[int, int]):
    """Places of the same name: the one in fewer articles into the other."""
    by_name = defaultdict(list)
    for place in (e for e in entities if e.kind == PLACE_KIND):
        by_name[fold(place.name)].append(place)
    for places in by_name.values():
        if len(places) > 1:
            places.sort(key=lambda p: (-counts[p.id], p.id))
            for place in places[1:]:
                yield SAME_PLACE, place, places[0]
