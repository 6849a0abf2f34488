"""Entity lookups that count articles."""
from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from archive.extract.names import fold
from archive.models import ArticleEntity, Entity


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
        query = query.where(or_(Entity.key.startswith(key, autoescape=True),
                                Entity.key.contains(" " + key, autoescape=True),
                                name.startswith(lower, autoescape=True),
                                name.contains(" " + lower, autoescape=True)))
    return [(entity, articles) for entity, articles in session.execute(query)]
