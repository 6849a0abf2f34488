"""Bring the index in step with the database: apply the change log, or rebuild."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from archive.index.schema import COLUMN_FIELDS, document
from archive.index.store import IndexStore
from archive.models import Article, ArticleDate, ArticleEntity, Change, Entity

BATCH = 500  # articles loaded from the database at a time
COMMIT_CHANGES = 5000  # logged changes applied by one index writer


def load_documents(session: Session, ids: list[int]) -> dict[int, dict]:
    """Index documents of articles by id, built from three plain queries: no ORM objects, which
    were four fifths of a rebuild's main process (0.6 ms an article)."""
    articles, links, entities, dates = (Article.__table__, ArticleEntity.__table__, Entity.__table__,
                                        ArticleDate.__table__)
    by_article: dict[int, list] = defaultdict(list)
    for article_id, *link in session.execute(
            select(links.c.article_id, links.c.entity_id, entities.c.kind, entities.c.country_code)
            .join(entities, entities.c.id == links.c.entity_id).where(links.c.article_id.in_(ids))
            .order_by(links.c.article_id, links.c.first_start, links.c.entity_id)):
        by_article[article_id].append(tuple(link))
    values: dict[int, list[str]] = defaultdict(list)
    for article_id, value in session.execute(select(dates.c.article_id, dates.c.value)
                                             .where(dates.c.article_id.in_(ids))):
        values[article_id].append(value)
    columns = [articles.c[name] for name in ("id", "title", "body", "published_at", "updated_at",
                                             "ingested_at", *COLUMN_FIELDS)]
    columns.append(func.coalesce(articles.c.dup_group_id, articles.c.id).label("group_id"))  # Article.group_id
    rows = session.execute(select(*columns).where(articles.c.id.in_(ids)))
    return {row.id: document(row, by_article[row.id], values[row.id]) for row in rows}


def apply_changes(session: Session, store: IndexStore, whole_only: bool = False, per_writer: int | None = None,
                  procs: int = 1) -> int:
    """Apply every logged change the index has not seen, `per_writer` (COMMIT_CHANGES) to a writer;
    returns how many were applied. whole_only=True applies only whole writers and leaves the rest
    for a later call (the import's helper: a small segment costs as much per term as a full one,
    and Whoosh merged twenty small ones into one halfway through a large import). procs > 1: each
    writer spreads its documents over that many processes (a segment each), as a rebuild does.

    Idempotent: an upsert replaces the document by id and a delete of a missing
    document is a no-op, so re-applying after a crash is harmless.
    """
    # Skipping to applied_seq is safe: seq order is commit order (PostgreSQL: see lock_change_log).
    per_writer, applied = per_writer or COMMIT_CHANGES, 0
    with store.write_lock():
        while not whole_only or index_lag(session, store) >= per_writer:
            if not (changes := Change.since(session, store.applied_seq(), per_writer)):
                break
            _apply(session, store, changes, procs)
            store.set_applied_seq(changes[-1].seq)
            applied += len(changes)
    return applied


def _apply(session: Session, store: IndexStore, changes: list[Change], procs: int = 1) -> None:
    """One writer (one segment) for up to COMMIT_CHANGES changes: a segment's cost is mostly per
    distinct term, so 512 changes written as 500 + 12 paid for two. Each article once, as its
    latest row says: a writer does not see the documents it added itself, so an article changed
    twice would otherwise be added twice."""
    ids = sorted({change.article_id for change in changes})
    with store.writer(procs=procs) as writer:
        indexed = writer.searcher().reader()  # the committed index, as the writer started from it
        for start in range(0, len(ids), BATCH):
            chunk = ids[start:start + BATCH]
            documents = load_documents(session, chunk)
            for article_id in chunk:
                doc = documents.get(article_id)
                if ("id", str(article_id)) not in indexed:  # never indexed (new): nothing to replace or delete
                    if doc is not None:
                        writer.add_document(**doc)
                elif doc is None:
                    writer.delete_by_term("id", str(article_id))
                else:
                    writer.update_document(**doc)


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
                documents = load_documents(session, chunk)
                for article_id in chunk:
                    if article_id in documents:  # deleted since the ids were listed: the change log has it
                        writer.add_document(**documents[article_id])
                progress(len(chunk))
        store.set_applied_seq(last_seq)
    apply_changes(session, store)
    return len(all_ids)
