"""Delete an article: from the database (one transaction), then, through the change log, from the index."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from archive.errors import NotFound
from archive.index import IndexStore
from archive.logic.deleted import keep_copy
from archive.logic.index_sync import sync_index
from archive.logic.near_duplicates import leave_group
from archive.models import Article, Change
from archive.models.change import DELETE, lock_change_log


def delete_article(session: Session, store: IndexStore, article: Article, kept_by: str | None = None) -> None:
    """Remove an article from the database and, through the change log, from the index; with
    `kept_by` (who deletes it), a copy is kept in the same transaction so that it can be restored."""
    article_id = article.id
    copy = keep_copy(article, kept_by) if kept_by is not None else None
    # Another request may have deleted it since we read it: the ORM would only warn that it deleted
    # no row. Look again once we have the change log's turn (PostgreSQL: its delete has committed).
    lock_change_log(session)
    if session.scalar(select(Article.id).where(Article.id == article_id)) is None:
        session.rollback()
        raise NotFound(f"no article with id {article_id}")
    leave_group(session, article)  # its near-duplicates keep a valid group
    session.delete(article)
    Change.record(session, article_id, DELETE)
    if copy is not None:
        session.add(copy)
    try:
        session.commit()
    except StaleDataError:
        # Another request deleted it between our read and our write.
        session.rollback()
        raise NotFound(f"no article with id {article_id}") from None
    sync_index(session, store)
