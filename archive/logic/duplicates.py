"""Duplicate checks: an article already stored with the same story id (guid), URL or body, and the first
copies of a batch. A newer version of a stored story (same guid) is a correction, not a duplicate."""
from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from archive.ingest.records import ArticleInput
from archive.models import Article


def find_duplicate(session: Session, record: ArticleInput) -> Article | None:
    """An article already stored with the same guid, the same URL or the same normalised body."""
    if record.guid:
        existing = Article.by_guid(session, record.guid)
        if existing is not None:
            return existing
    if record.url:
        existing = Article.by_url(session, record.url)
        if existing is not None:
            return existing
    return Article.by_hash(session, record.content_hash)



def find_duplicates(session: Session, records: Sequence[ArticleInput]) -> list[Article | None]:
    """find_duplicate of each record, in three queries for the batch rather than three per record."""
    guids = {record.guid for record in records if record.guid}
    by_guid = {a.guid: a for a in session.scalars(select(Article).where(Article.guid.in_(guids)))} if guids else {}
    urls = {record.url for record in records if record.url}
    by_url = {a.url: a for a in session.scalars(select(Article).where(Article.url.in_(urls)))} if urls else {}
    hashes = {record.content_hash for record in records}
    by_hash = {a.content_hash: a for a in session.scalars(select(Article).where(Article.content_hash.in_(hashes)))}
    return [by_guid.get(record.guid) or (by_url.get(record.url) if record.url else None)
            or by_hash.get(record.content_hash) for record in records]


def held_by_another(session: Session, record: ArticleInput, article: Article) -> Article | None:
    """A stored article other than `article` that has the record's body or URL: a correction of
    `article` can't take them (each body and URL is stored once), so the record is its duplicate."""
    same = [Article.content_hash == record.content_hash] + ([Article.url == record.url] if record.url else [])
    return session.scalars(select(Article).where(or_(*same), Article.id != article.id).limit(1)).first()


def is_correction(record: ArticleInput, stored: Article) -> bool:
    """Whether `record` is a newer version of the stored story (the same guid). An equal or older
    version is a duplicate."""
    return bool(record.guid) and record.guid == stored.guid and is_newer(record, stored)


def is_newer(version: ArticleInput | Article, than: ArticleInput | Article) -> bool:
    """Whether one version of a story is newer than another: a higher version number, or, when either
    has none, a later version time; False when neither says."""
    if version.version is not None and than.version is not None:
        return version.version > than.version
    if version.version_created is not None and than.version_created is not None:
        return version.version_created > than.version_created
    return False



def new_records(records: Sequence[ArticleInput], duplicates: Sequence[Article | None]) -> list[int]:
    """Positions of the records to extract and store: not stored yet (`duplicates`, from
    find_duplicates) and the first of the batch with their body and with their URL; of several
    versions of one story (guid), the newest."""
    seen: set[str] = set()
    firsts: list[int] = []
    by_guid: dict[str, int] = {}  # guid -> its place in firsts
    for position, (record, duplicate) in enumerate(zip(records, duplicates, strict=True)):
        keys = [record.content_hash, *(key for key in (record.url,) if key)]
        if duplicate is not None:
            continue
        if record.guid in by_guid:
            if is_newer(record, records[firsts[by_guid[record.guid]]]):
                firsts[by_guid[record.guid]] = position
                seen.update(keys)
            continue
        if any(key in seen for key in keys):
            continue
        if record.guid:
            by_guid[record.guid] = len(firsts)
        firsts.append(position)
        seen.update(keys)
    return firsts
