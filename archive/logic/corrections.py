"""Corrected versions of wire stories: a newer version (same guid) replaces the stored article's text,
metadata, extraction and near-duplicate group in one transaction, with a change-log row so the index
follows."""
from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete
from sqlalchemy.orm import Session

from archive.extract import Extraction
from archive.ingest.records import ArticleInput
from archive.logic.curated import without_rejected
from archive.logic.identity import resolve
from archive.logic.near_duplicates import assign_groups, leave_group
from archive.logic.writes import IngestResult, day, write_spans
from archive.models import Article, ArticleBand, ArticleDate, ArticleEntity, Change, Mention
from archive.models.change import UPSERT, lock_change_log

_REPLACED = ("title", "body", "url", "source", "author", "published_at", "language", "content_hash",
             "version", "version_created")


def store_corrections(session: Session, articles: Sequence[Article], records: Sequence[ArticleInput],
                      extractions: Sequence[Extraction]) -> list[IngestResult]:
    """Replace each article with its newer version (committed); its entities, mentions and dates are
    those of the new text. The id, guid and ingestion time stay."""
    if not articles:
        return []
    lock_change_log(session)
    extractions = without_rejected(session, list(extractions))
    ids = [article.id for article in articles]
    for model in (Mention, ArticleEntity, ArticleDate, ArticleBand):
        session.execute(delete(model).where(model.article_id.in_(ids)))
    for article, record in zip(articles, records, strict=True):
        leave_group(session, article)  # its old copies keep their group without it
        article.dup_group_id = None
        for field in _REPLACED:
            setattr(article, field, getattr(record, field))
    with session.no_autoflush:
        entities = resolve(session, extractions, [day(record) for record in records])
    session.flush()
    write_spans(session, list(articles), extractions, entities)
    assign_groups(session, articles)  # the group of its new text
    Change.record_many(session, ids, UPSERT)
    session.commit()
    return [IngestResult(article, created=False, updated=True) for article in articles]
