"""Deleted articles kept for a while: the copy taken at delete, restore, and the purge of old copies.

A copy is the article as one backup-format line (logic/backup.py), so a restore stores it
again as an import does (no spaCy, the same entities, mentions and dates) under its old id,
so that links, bookmarks, exports and API clients holding that id reach it again; the index
learns of it through the change log like any other write.

Nothing hands the old id out meanwhile: SQLite's articles table is AUTOINCREMENT (migration
0005) and PostgreSQL's sequence only counts up, so the explicit id is below the next one and
later articles still get fresh ids. Should the id be taken anyway (a sequence reset by hand),
the restore takes a new id, and the caller says so.
"""
from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from archive.errors import NotFound
from archive.extract import Extraction
from archive.index import IndexStore
from archive.ingest.records import ArticleInput
from archive.logic.backup import article_record, read_record
from archive.logic.duplicates import find_duplicate
from archive.logic.index_sync import sync_index
from archive.logic.near_duplicates import lead_group
from archive.logic.writes import IngestResult, write_articles
from archive.models import Article, DeletedArticle
from archive.models.base import utcnow
from archive.models.change import lock_change_log


def keep_copy(article: Article, deleted_by: str) -> DeletedArticle:
    """The copy of `article` to keep (read before the delete: it needs the article's links)."""
    return DeletedArticle(article_id=article.id, title=article.title, deleted_by=deleted_by,
                          record=json.dumps(article_record(article), ensure_ascii=False))


def restore_deleted(session: Session, store: IndexStore, kept: DeletedArticle) -> IngestResult:
    """Store the kept article again under its old id (a new one if that is taken) and drop its copy,
    in one transaction; `created` is False when the same article is in the archive again already
    (ingested anew since), which it then names. NotFound when another request restored it first."""
    record, extraction = read_record(kept.record)
    kept_id, old_id = kept.id, kept.article_id
    for _attempt in range(3):
        try:
            result = _restore(session, record, extraction, kept_id, old_id)
            session.commit()
            break
        except IntegrityError:
            session.rollback()  # another writer stored the same article or entity meanwhile: look again
    else:
        raise RuntimeError("could not restore the article after three attempts")
    sync_index(session, store)
    return result


def _restore(session: Session, record: ArticleInput, extraction: Extraction, kept_id: int,
             old_id: int) -> IngestResult:
    lock_change_log(session)  # PostgreSQL: a concurrent restore of this copy has committed, or waits
    if not session.execute(delete(DeletedArticle).where(DeletedArticle.id == kept_id)).rowcount:
        session.rollback()
        raise NotFound(f"no deleted article with id {kept_id} (restored already, or kept no longer)")
    duplicate = find_duplicate(session, record)
    if duplicate is not None:
        return IngestResult(duplicate, False)
    taken = session.scalar(select(Article.id).where(Article.id == old_id)) is not None
    [article] = write_articles(session, [record], [extraction], by_surname=False,
                               ids=[None if taken else old_id])
    lead_group(session, article)  # older than its group's first: it was the first, and is again
    return IngestResult(article, True)


def purge_deleted(session: Session, keep_days: int) -> int:
    """Drop the copies older than `keep_days`; returns how many."""
    cutoff = utcnow() - timedelta(days=keep_days)
    count = session.execute(delete(DeletedArticle).where(DeletedArticle.deleted_at < cutoff)).rowcount
    session.commit()
    return count
