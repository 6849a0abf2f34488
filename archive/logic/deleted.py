"""Deleted articles kept for a while: the copy taken at delete, restore, and the purge of old copies.

A copy is the article as one backup-format line (logic/backup.py), so a restore stores it
again as an import does (no spaCy, the same entities, mentions and dates) under a new id,
and the index learns of it through the change log like any other write.
"""
from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import delete
from sqlalchemy.orm import Session

from archive.index import IndexStore
from archive.logic.backup import article_record, read_record
from archive.logic.index_sync import sync_index
from archive.logic.writes import IngestResult, store_extracted
from archive.models import Article, DeletedArticle
from archive.models.base import utcnow


def keep_copy(article: Article, deleted_by: str) -> DeletedArticle:
    """The copy of `article` to keep (read before the delete: it needs the article's links)."""
    return DeletedArticle(article_id=article.id, title=article.title, deleted_by=deleted_by,
                          record=json.dumps(article_record(article), ensure_ascii=False))


def restore_deleted(session: Session, store: IndexStore, kept: DeletedArticle) -> IngestResult:
    """Store the kept article again (a new id) and drop its copy; `created` is False when the same
    article is in the archive again already (ingested anew since), which it then names."""
    record, extraction = read_record(kept.record)
    [result] = store_extracted(session, [record], [extraction])
    session.delete(kept)
    session.commit()
    sync_index(session, store)
    return result


def purge_deleted(session: Session, keep_days: int) -> int:
    """Drop the copies older than `keep_days`; returns how many."""
    cutoff = utcnow() - timedelta(days=keep_days)
    count = session.execute(delete(DeletedArticle).where(DeletedArticle.deleted_at < cutoff)).rowcount
    session.commit()
    return count
