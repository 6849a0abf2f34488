"""Bring the index in step with the database: apply the change log, or rebuild."""
from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from archive.index.schema import article_document
from archive.index.store import IndexStore
from archive.models import Article, ArticleEntity, Change

BATCH = 500


def load_articles(session: Session, ids: list[int]) -> list[Article]:
    """Articles by id with what their index documents need, loaded eagerly."""
    query = (select(Article).where(Article.id.in_(ids))
             .options(selectinload(Article.entity_links).joinedload(ArticleEntity.entity),
                      selectinload(Article.dates)))
    return list(session.scalars(query))


def apply_changes(session: Session, store: IndexStore) -> int:
    """Apply every logged change the index has not seen; returns how many were applied.

    Idempotent: an upsert replaces the document by id and a delete of a missing
    document is a no-op, so re-applying after a crash is harmless.
    """
    # Skipping to applied_seq is safe: seq order is commit order (PostgreSQL: see lock_change_log).
    applied = 0
    with store.write_lock():
        while changes := Change.since(session, store.applied_seq(), BATCH):
            _apply_batch(session, store, changes)
            store.set_applied_seq(changes[-1].seq)
            applied += len(changes)
    return applied


def _apply_batch(session: Session, store: IndexStore, changes: list[Change]) -> None:
    ids = sorted({change.article_id for change in changes})
    articles = {article.id: article for article in load_articles(session, ids)}
    with store.writer() as writer:
        for article_id in ids:
            article = articles.get(article_id)
            if article is None:
                writer.delete_by_term("id", str(article_id))
            else:
                writer.update_document(**article_document(article))


def index_lag(session: Session, store: IndexStore) -> int:
    """How many logged changes the index has not applied yet."""
    return Change.count_since(session, store.applied_seq())


def rebuild(session: Session, store: IndexStore, progress: Callable[[int], None] = lambda n: None,
            procs: int = 2) -> int:
    """Replace the whole index with documents built from the database (no re-extraction);
    procs=1 inside a threaded server process (Whoosh's parallel writer forks)."""
    with store.write_lock():
        last_seq = Change.last_seq(session)
        all_ids = list(session.scalars(select(Article.id).order_by(Article.id)))
        with store.writer(clear=True, procs=procs) as writer:
            for start in range(0, len(all_ids), BATCH):
                chunk = all_ids[start:start + BATCH]
                for article in load_articles(session, chunk):
                    writer.add_document(**article_document(article))
                progress(len(chunk))
                session.expunge_all()
        store.set_applied_seq(last_seq)
    apply_changes(session, store)
    return len(all_ids)
