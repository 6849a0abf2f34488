"""Entity lookups and profiles: prefix search, aliases, co-occurrence, counts."""
from __future__ import annotations

from collections import Counter

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased

from archive.extract.names import fold
from archive.models import ArticleEntity, Entity, EntityAlias, Mention


def lookup(session: Session, prefix: str, kinds: tuple[str, ...], limit: int = 20) -> list[tuple[Entity, int]]:
    """Entities with a word of their name starting with `prefix` (folded), most articles first."""
    count = func.count(ArticleEntity.article_id).label("articles")
    query = (select(Entity, count).join(ArticleEntity, ArticleEntity.entity_id == Entity.id)
             .where(Entity.kind.in_(kinds)).group_by(Entity.id)
             .order_by(count.desc(), Entity.name).limit(limit))
    if prefix:
        key = fold(prefix)
        # A prefix of any word of the name: "tok" finds "Kassym-Jomart Tokayev".
        name = func.lower(Entity.name)
        lower = prefix.lower()
        # Names an entity had before a rename, or of entities merged into it, find it too.
        aliased_ids = select(EntityAlias.entity_id).where(or_(EntityAlias.key.startswith(key, autoescape=True),
                                                              EntityAlias.key.contains(" " + key, autoescape=True)))
        query = query.where(or_(Entity.key.startswith(key, autoescape=True),
                                Entity.key.contains(" " + key, autoescape=True),
                                name.startswith(lower, autoescape=True),
                                name.contains(" " + lower, autoescape=True),
                                Entity.id.in_(aliased_ids)))
    return [(entity, articles) for entity, articles in session.execute(query)]


def aliases(session: Session, entity_id: int, limit: int = 15) -> list[tuple[str, int]]:
    """The ways texts wrote this entity's name, most frequent first; texts that differ only in their
    spaces ('Rui  Moreira', 'Rui\nMoreira') are one way, counted together."""
    query = (select(Mention.text, func.count(Mention.id)).where(Mention.entity_id == entity_id)
             .group_by(Mention.text))
    written: Counter[str] = Counter()
    for text, n in session.execute(query):
        written[" ".join(text.split())] += n
    return sorted(written.items(), key=lambda item: (-item[1], item[0]))[:limit]


def co_occurring(session: Session, entity_id: int, kinds: tuple[str, ...], limit: int = 10) -> list[tuple[Entity, int]]:
    """Entities of `kinds` mentioned in the same articles, with how many articles they share."""
    mine = aliased(ArticleEntity)
    theirs = aliased(ArticleEntity)
    shared = func.count(theirs.article_id).label("shared")
    query = (select(Entity, shared)
             .join(theirs, theirs.entity_id == Entity.id)
             .join(mine, (mine.article_id == theirs.article_id) & (mine.entity_id == entity_id))
             .where(Entity.id != entity_id, Entity.kind.in_(kinds))
             .group_by(Entity.id).order_by(shared.desc(), Entity.name).limit(limit))
    return [(entity, n) for entity, n in session.execute(query)]


def article_count(session: Session, entity_id: int) -> int:
    return session.scalar(select(func.count(ArticleEntity.article_id)).where(ArticleEntity.entity_id == entity_id)) or 0
