"""One page of hits read as plain rows: the columns a result shows, in two Core queries.

Loading 20 articles with their entity links through the ORM (identity map, relationship
loaders, instance state) took about a quarter of a faceted search at 100,000 articles.
A hit only reads a few columns, so it gets small read-only objects with the same names
(`id`, `title`, ..., `entities_of`), which serializers.py and the templates use as they
use an Article and its entities.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from archive.models import Article, ArticleEntity, Entity
from archive.models.entity import PLACE_KIND

_articles, _links, _entities = Article.__table__, ArticleEntity.__table__, Entity.__table__
_IDS = bindparam("ids", expanding=True)

_copies = _articles.alias("copies")
# How many other articles its near-duplicate group holds (logic/near_duplicates.similar_counts):
# the group's later copies name the group's first article, so count those naming its group.
_SIMILAR = (select(func.count()).select_from(_copies)
            .where(_copies.c.dup_group_id == func.coalesce(_articles.c.dup_group_id, _articles.c.id))
            .scalar_subquery())
# Built once: a statement made anew for each search cost more than running it.
_ARTICLES = select(_articles.c.id, _articles.c.title, _articles.c.url, _articles.c.source,
                   _articles.c.published_at, _articles.c.body, _articles.c.dup_group_id,
                   _SIMILAR).where(_articles.c.id.in_(_IDS))
# As Article.entity_links loads them (ordered by first_start): ties in entities_of keep this order.
_LINKS = (select(_links.c.article_id, _links.c.mention_count, _links.c.first_start, _entities.c.id,
                 _entities.c.name, _entities.c.kind, _entities.c.place_kind, _entities.c.country_code)
          .select_from(_links.outerjoin(_entities, _entities.c.id == _links.c.entity_id))
          .where(_links.c.article_id.in_(_IDS))
          .order_by(_links.c.first_start))


class EntityRow(NamedTuple):
    """What a hit shows of a linked entity (serializers.entity_brief, the entity_links macro)."""
    id: int
    name: str
    kind: str
    place_kind: str | None
    country_code: str | None

    @property
    def is_place(self) -> bool:
        return self.kind == PLACE_KIND


@dataclass(slots=True)
class ArticleRow:
    """The columns of an article that a hit shows, and its linked entities."""
    id: int
    title: str
    url: str | None
    source: str | None
    published_at: datetime | None
    body: str
    dup_group_id: int | None
    similar_count: int  # other articles of its near-duplicate group (0 when alone)
    # (mention_count, first_start, entity) in Article.entity_links order
    links: list[tuple[int, int, EntityRow]] = field(default_factory=list)

    @property
    def group_id(self) -> int:
        """Its near-duplicate group (as Article.group_id)."""
        return self.dup_group_id or self.id

    def entities_of(self, *kinds: str) -> list[EntityRow]:
        """Linked entities of the given kinds, most mentioned first (as Article.entities_of)."""
        links = [link for link in self.links if link[2].kind in kinds]
        links.sort(key=lambda link: (-link[0], link[1]))
        return [link[2] for link in links]


def load_articles(session: Session, ids: list[int]) -> dict[int, ArticleRow]:
    """The articles of `ids` that exist, by id (the caller keeps its own order)."""
    if not ids:
        return {}
    # Core on the session's connection: the ids come from the index, so only committed rows are
    # wanted and nothing needs flushing first.
    connection = session.connection()
    articles = {row[0]: ArticleRow(*row) for row in connection.execute(_ARTICLES, {"ids": ids}).all()}
    entities: dict[int, EntityRow] = {}  # one object per entity, however many hits link it
    for article_id, mentions, first_start, *entity in connection.execute(_LINKS, {"ids": list(articles)}).all():
        shown = entities.get(entity[0])
        if shown is None:
            shown = entities[entity[0]] = EntityRow(*entity)
        articles[article_id].links.append((mentions, first_start, shown))
    return articles
