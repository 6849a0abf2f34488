"""Undo of each kind of entity edit, from the rows its `undo_data` kept (see logic/curation.py).

Each function only changes rows, in the caller's transaction; links and mentions of
articles deleted since the edit are not put back.
"""
from __future__ import annotations

from sqlalchemy import delete, insert, update
from sqlalchemy.orm import Session

from archive.models import ArticleEntity, Entity, EntityAlias, EntityEdit, Mention, RejectedName


def undo_merge(session: Session, edit: EntityEdit, existing: set[int]) -> None:
    """Give the merged-away entity back its links, mentions and aliases; the survivor's links as they were."""
    data, loser, into = edit.undo_data, edit.entity_id, edit.other_entity_id
    for link in data["links"]:
        if link["article_id"] not in existing:
            continue
        where = (ArticleEntity.article_id == link["article_id"], ArticleEntity.entity_id == into)
        before = link.get("survivor")
        if before is None:
            session.execute(delete(ArticleEntity).where(*where))
        else:
            session.execute(update(ArticleEntity).where(*where).values(**before))
    _insert_links(session, loser, data["links"], existing)
    if data["mentions"]:
        session.execute(update(Mention).where(Mention.id.in_(data["mentions"]), Mention.entity_id == into)
                        .values(entity_id=loser))
    ids = [alias["id"] for alias in data["aliases"]] + data["added_aliases"]
    if ids:
        session.execute(delete(EntityAlias).where(EntityAlias.id.in_(ids)))
    if data["aliases"]:
        session.execute(insert(EntityAlias), [{**alias, "entity_id": loser} for alias in data["aliases"]])
    session.get(Entity, loser).merged_into_id = None


def undo_rename(session: Session, edit: EntityEdit, _existing: set[int]) -> None:
    session.get(Entity, edit.entity_id).name = edit.name_before
    if edit.undo_data["aliases"]:
        session.execute(delete(EntityAlias).where(EntityAlias.id.in_(edit.undo_data["aliases"])))


def undo_reject(session: Session, edit: EntityEdit, existing: set[int]) -> None:
    """Forget the rejected names and put back the entity's links and mentions."""
    data = edit.undo_data
    if data["rejected"]:
        session.execute(delete(RejectedName).where(RejectedName.id.in_(data["rejected"])))
    _insert_links(session, edit.entity_id, data["links"], existing)
    mentions = [{**m, "entity_id": edit.entity_id} for m in data["mentions"] if m["article_id"] in existing]
    if mentions:
        session.execute(insert(Mention), mentions)


def _insert_links(session: Session, entity_id: int, links: list[dict], existing: set[int]) -> None:
    rows = [{"article_id": link["article_id"], "entity_id": entity_id, "mention_count": link["mention_count"],
             "first_start": link["first_start"]} for link in links if link["article_id"] in existing]
    if rows:
        session.execute(insert(ArticleEntity), rows)
