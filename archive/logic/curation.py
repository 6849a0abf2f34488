"""Entity curation by admins: merge two entities, rename one, mark a name as not an entity, undo.

Each edit is one transaction: the entity rows, links and mentions it changes, an
`entity_edits` row holding the rows as they were (what undo puts back), and a
change-log row per article whose index document changes. The index then
follows through the usual sync. Undo refuses when a later edit, not undone,
involves one of the same entities: undo that one first.
"""
from __future__ import annotations

import re

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from archive.errors import Conflict, NotFound, ValidationError
from archive.extract.names import fold
from archive.index import IndexStore
from archive.logic.curation_undo import undo_merge, undo_reject, undo_rename
from archive.logic.index_sync import sync_index
from archive.models import Article, ArticleEntity, Change, Entity, EntityAlias, EntityEdit, Mention, RejectedName
from archive.models.base import MAX_ID, utcnow
from archive.models.change import UPSERT, lock_change_log
from archive.models.curation import MERGE, REJECT, RENAME, entity_group, survivor, survivors

MAX_NAME = 300
_CONTROL = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")  # control characters, lone surrogates


def entity_or_404(session: Session, entity_id: int) -> Entity:
    entity = Entity.by_id(session, entity_id) if 0 < entity_id <= MAX_ID else None
    if entity is None:
        raise NotFound(f"no entity with id {entity_id}")
    return entity


def current_entity(session: Session, entity: Entity) -> Entity | None:
    """The entity to show for `entity`: its survivor if it was merged; None if marked as not an entity."""
    current = survivor(session, entity)
    return None if RejectedName.of_entity(session, current.id) else current


def find_entity(session: Session, value: str, group: str) -> Entity:
    """The current entity of `group` (actor or place) named by an id or a name (any case or punctuation)."""
    value = (value or "").strip()
    if not value:
        raise ValidationError("give the other entity's id or name", "into")
    if len(value) > MAX_NAME or _CONTROL.search(value):
        raise ValidationError(f"into must be an id or a name of at most {MAX_NAME} characters", "into")
    if value.isascii() and value.isdigit():
        return entity_or_404(session, int(value) if len(value) < 20 else 0)
    key = fold(value)
    query = select(Entity).where((Entity.key == key) | (Entity.name == value)
                                 | Entity.id.in_(EntityAlias.entity_ids(session, [key])))
    found = [e for e in survivors(session, list(session.scalars(query)))
             if entity_group(e.kind) == group and current_entity(session, e) is e]
    if not found:
        raise NotFound(f"no {group} named {value!r}", "into")
    if len(found) > 1:
        choices = ", ".join(f"{e.name} (#{e.id})" for e in found)
        raise ValidationError(f"{value!r} names several entities; give the id of one: {choices}", "into")
    return found[0]


def merge_entities(session: Session, store: IndexStore, entity: Entity, into: Entity, who: str) -> EntityEdit:
    """Merge `entity` into `into`: its links, mentions and aliases move; it disappears everywhere."""
    _begin(session, entity, into)
    _check_mergeable(session, entity, into)
    links = _links(session, entity.id)
    theirs = {row.article_id: row for row in _links(session, into.id, [row.article_id for row in links])}
    moved = [{"article_id": row.article_id, "entity_id": into.id, "mention_count": row.mention_count,
              "first_start": row.first_start} for row in links if row.article_id not in theirs]
    if moved:
        session.execute(insert(ArticleEntity), moved)
    for row in links:
        if (mine := theirs.get(row.article_id)) is not None:  # both in one article: one link, counts summed
            _set_link(session, row.article_id, into.id, mine.mention_count + row.mention_count,
                      min(mine.first_start, row.first_start))
    session.execute(delete(ArticleEntity).where(ArticleEntity.entity_id == entity.id))
    mention_ids = list(session.scalars(select(Mention.id).where(Mention.entity_id == entity.id)))
    session.execute(update(Mention).where(Mention.entity_id == entity.id).values(entity_id=into.id))
    aliases = _move_aliases(session, entity.id, into.id)
    # lookups by the old names: its name now, and those a rename replaced (its key finds it no more)
    added = [alias.id for alias in _add_aliases(session, into, [entity.name, *_former_names(session, entity)])]
    entity.merged_into_id = into.id
    data = {"links": [_link_json(row, theirs.get(row.article_id)) for row in links],
            "mentions": mention_ids, "aliases": aliases, "added_aliases": added}
    edit = EntityEdit(action=MERGE, entity_id=entity.id, other_entity_id=into.id, name_before=entity.name,
                      name_after=into.name, created_by=who, undo_data=data)
    return _commit(session, store, edit, [row.article_id for row in links])


def rename_entity(session: Session, store: IndexStore, entity: Entity, name: str, who: str) -> EntityEdit:
    """Give `entity` a new display name; its old name stays an alias, so searching by it still works."""
    name = clean_name(name)
    _begin(session, entity)
    _check_current(session, entity)
    if name == entity.name:
        raise ValidationError(f"the entity is already called {name!r}", "name")
    aliases = [alias.id for alias in _add_aliases(session, entity, [entity.name, name])]
    edit = EntityEdit(action=RENAME, entity_id=entity.id, name_before=entity.name, name_after=name,
                      created_by=who, undo_data={"aliases": aliases})
    entity.name = name
    return _commit(session, store, edit, [])  # facet values are ids: no index document changes


def reject_entity(session: Session, store: IndexStore, entity: Entity, who: str) -> EntityEdit:
    """Mark `entity` as not an entity: its links and mentions go from every article, and ingest
    skips its name (and the names of entities merged into it) from now on."""
    _begin(session, entity)
    _check_current(session, entity)
    links = _links(session, entity.id)
    mentions = session.execute(select(Mention.id, Mention.article_id, Mention.text, Mention.start, Mention.end)
                               .where(Mention.entity_id == entity.id))
    data = {"links": [_link_json(row) for row in links],
            "mentions": [dict(row._mapping) for row in mentions]}
    session.execute(delete(Mention).where(Mention.entity_id == entity.id))
    session.execute(delete(ArticleEntity).where(ArticleEntity.entity_id == entity.id))
    rejected = _reject_names(session, entity)
    session.flush()
    data["rejected"] = [row.id for row in rejected]
    edit = EntityEdit(action=REJECT, entity_id=entity.id, name_before=entity.name, created_by=who, undo_data=data)
    return _commit(session, store, edit, [row.article_id for row in links])


def undo_edit(session: Session, store: IndexStore, edit: EntityEdit, who: str) -> EntityEdit:
    """Put back exactly what `edit` changed (articles deleted since stay deleted)."""
    _begin(session, edit)
    if edit.undone_at is not None:
        raise Conflict(f"edit #{edit.id} was already undone")
    later = EntityEdit.later_touching(session, edit)
    if later:
        ids = ", ".join(f"#{e.id} ({e.action})" for e in later)
        raise Conflict(f"later edits of the same entities depend on edit #{edit.id}; undo them first: {ids}")
    existing = _existing_articles(session, [link["article_id"] for link in edit.undo_data.get("links", [])])
    {MERGE: undo_merge, RENAME: undo_rename, REJECT: undo_reject}[edit.action](session, edit, existing)
    edit.undone_at, edit.undone_by = utcnow(), who
    return _commit(session, store, edit, sorted(existing))


def clean_name(name: object) -> str:
    """A display name: a non-empty string of at most MAX_NAME characters, runs of spaces collapsed."""
    if not isinstance(name, str) or not name.strip():
        raise ValidationError("name must be a non-empty string", "name")
    if len(name) > MAX_NAME:
        raise ValidationError(f"name is longer than {MAX_NAME} characters", "name")
    name = " ".join(name.split())
    if _CONTROL.search(name) or not fold(name):
        raise ValidationError("name must contain letters or digits and no control characters", "name")
    return name


def _begin(session: Session, *rows) -> None:
    """Take the change log's turn (PostgreSQL; SQLite has one writer anyway), then re-read the rows
    the checks look at, so an edit committed meanwhile by another worker is seen, not undone."""
    lock_change_log(session)
    for row in rows:
        session.refresh(row)


def _check_current(session: Session, entity: Entity) -> None:
    if entity.merged_into_id is not None:
        raise Conflict(f"entity #{entity.id} was merged into #{survivor(session, entity).id}; edit that one")
    if RejectedName.of_entity(session, entity.id):
        raise Conflict(f"entity #{entity.id} ({entity.name}) is marked as not an entity; undo that first")


def _check_mergeable(session: Session, entity: Entity, into: Entity) -> None:
    if entity.id == into.id:
        raise ValidationError("an entity cannot be merged into itself", "into")
    if entity_group(entity.kind) != entity_group(into.kind):
        raise ValidationError(f"cannot merge a {entity.kind} into a {into.kind}: actors merge only with "
                              "actors, places only with places", "into")
    _check_current(session, entity)
    _check_current(session, into)


def _links(session: Session, entity_id: int, article_ids: list[int] | None = None) -> list:
    query = select(ArticleEntity.article_id, ArticleEntity.mention_count, ArticleEntity.first_start).where(
        ArticleEntity.entity_id == entity_id).order_by(ArticleEntity.article_id)
    if article_ids is not None:
        query = query.where(ArticleEntity.article_id.in_(article_ids))
    return list(session.execute(query))


def _set_link(session: Session, article_id: int, entity_id: int, mention_count: int, first_start: int) -> None:
    session.execute(update(ArticleEntity).where(ArticleEntity.article_id == article_id,
                                                ArticleEntity.entity_id == entity_id)
                    .values(mention_count=mention_count, first_start=first_start))


def _link_json(row, survivor_row=None) -> dict:
    data = {"article_id": row.article_id, "mention_count": row.mention_count, "first_start": row.first_start}
    if survivor_row is not None:
        data["survivor"] = {"mention_count": survivor_row.mention_count, "first_start": survivor_row.first_start}
    return data


def _move_aliases(session: Session, source_id: int, target_id: int) -> list[dict]:
    """Move the aliases of one entity to another (dropping those it already has); returns them as they were."""
    rows = list(session.scalars(select(EntityAlias).where(EntityAlias.entity_id == source_id)))
    kept = set(session.scalars(select(EntityAlias.key).where(EntityAlias.entity_id == target_id)))
    for alias in rows:
        if alias.key in kept:
            session.delete(alias)
        else:
            alias.entity_id = target_id
    return [{"id": a.id, "name": a.name, "key": a.key} for a in rows]


def _add_aliases(session: Session, entity: Entity, names: list[str]) -> list[EntityAlias]:
    """Aliases for the names whose key is neither the entity's key nor already an alias of it."""
    have = set(session.scalars(select(EntityAlias.key).where(EntityAlias.entity_id == entity.id))) | {entity.key}
    added = []
    for name in names:
        key = fold(name)[:MAX_NAME]
        if key and key not in have:
            have.add(key)
            added.append(EntityAlias(entity_id=entity.id, name=name[:MAX_NAME], key=key))
    session.add_all(added)
    session.flush()
    return added


def _former_names(session: Session, entity: Entity) -> list[str]:
    """The names renames (not undone) took from `entity`, oldest first."""
    query = select(EntityEdit.name_before).where(EntityEdit.entity_id == entity.id, EntityEdit.action == RENAME,
                                                 EntityEdit.undone_at.is_(None)).order_by(EntityEdit.id)
    return list(session.scalars(query))


def _reject_names(session: Session, entity: Entity) -> list[RejectedName]:
    """Reject the entity's key and those of every entity merged into it (ingest would map them to it)."""
    group, taken = entity_group(entity.kind), RejectedName.all_keys(session)
    rows, todo = [], [entity]
    while todo:
        current = todo.pop()
        if (group, current.key) not in taken:
            taken.add((group, current.key))
            rows.append(RejectedName(kind_group=group, key=current.key, name=current.name, entity_id=current.id))
        todo.extend(session.scalars(select(Entity).where(Entity.merged_into_id == current.id)))
    session.add_all(rows)
    return rows


def _existing_articles(session: Session, article_ids: list[int]) -> set[int]:
    found: set[int] = set()
    for first in range(0, len(article_ids), 500):
        found.update(session.scalars(select(Article.id).where(Article.id.in_(article_ids[first:first + 500]))))
    return found


def _commit(session: Session, store: IndexStore, edit: EntityEdit, article_ids: list[int]) -> EntityEdit:
    """Log the edit and a change per article, commit, and bring the index in step."""
    session.add(edit)
    for article_id in sorted(set(article_ids)):
        Change.record(session, article_id, UPSERT)
    session.commit()
    session.expire_all()  # bulk statements bypassed the identity map; the sync must read fresh rows
    sync_index(session, store)
    return edit
