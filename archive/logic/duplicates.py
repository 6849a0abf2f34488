"""Duplicate checks: an article already stored with the same URL or body, and the first copies of a batch."""
from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from archive.ingest.records import ArticleInput
from archive.models import Article


def find_duplicate(session: Session, record: ArticleInput) -> Article | None:
    """An article already stored with the same URL or the same normalised body."""
    if record.url:
        existing = Article.by_url(session, record.url)
        if existing is not None:
            return existing
    return Article.by_hash(session, record.content_hash)



def find_duplicates(session: Session, records: Sequence[ArticleInput]) -> list[Article | None]:
    """find_duplicate of each record, in two queries for the batch rather than two per record."""
    urls = {record.url for record in records if record.url}
    by_url = {a.url: a for a in session.scalars(select(Article).where(Article.url.in_(urls)))} if urls else {}
    hashes = {record.content_hash for record in records}
    by_hash = {a.content_hash: a for a in session.scalars(select(Article).where(Article.content_hash.in_(hashes)))}
    return [(by_url.get(record.url) if record.url else None) or by_hash.get(record.content_hash)
            for record in records]



def new_records(records: Sequence[ArticleInput], duplicates: Sequence[Article | None]) -> list[int]:
    """Positions of the records to extract and store: not stored yet (`duplicates`, from
    find_duplicates) and the first of the batch with their body and with their URL."""
    seen: set[str] = set()
    firsts = []
    for position, (record, duplicate) in enumerate(zip(records, duplicates, strict=True)):
        if duplicate is not None or record.content_hash in seen or (record.url and record.url in seen):
            continue
        firsts.append(position)
        seen.add(record.content_hash)
        if record.url:
            seen.add(record.url)
    return firsts
