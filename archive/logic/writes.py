"""Writing articles: the article rows, their entities, mentions, dates and change-log rows in one transaction.

The index is not touched here: it applies the change log later (logic/index_sync.py).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from archive.extract import Extraction
from archive.ingest.records import ArticleInput
from archive.logic.curated import without_rejected
from archive.logic.duplicates import find_duplicate, find_duplicates, new_records
from archive.logic.identity import Resolved, identity, resolve
from archive.logic.near_duplicates import NearDuplicate, assign_groups, keep_groups
from archive.models import Article, ArticleDate, ArticleEntity, Change, Mention
from archive.models.base import insert_rows, utcnow
from archive.models.change import UPSERT, lock_change_log


@dataclass
class IngestResult:
    article: Article
    created: bool
    updated: bool = False  # a newer version of a stored story replaced its text (logic/corrections.py)



def store_extracted(session: Session, records: Sequence[ArticleInput], extractions: Sequence[Extraction],
                    near: Sequence[NearDuplicate] | None = None) -> list[IngestResult]:
    """Store articles whose extraction is already known (an import), skipping duplicates, in one
    transaction; the index is left to the caller's sync. Each entity is taken as the export names
    it: no surname matching, which would depend on what the batch happened to hold. `near`: the
    near-duplicate groups the export gives (logic/near_duplicates.py keep_groups)."""
    duplicates = find_duplicates(session, records)
    results = [None if duplicate is None else IngestResult(duplicate, False) for duplicate in duplicates]
    firsts = new_records(records, duplicates)
    stored = store_all(session, [records[p] for p in firsts], [extractions[p] for p in firsts], by_surname=False,
                       near=None if near is None else [near[p] for p in firsts])
    return merge_results(session, records, results, firsts, stored)



def merge_results(session: Session, records: Sequence[ArticleInput], results: list[IngestResult | None],
                   firsts: list[int], stored: list[IngestResult]) -> list[IngestResult]:
    """One result per record: the duplicates found before, the stored first copies, and the later copies."""
    for position, result in zip(firsts, stored, strict=True):
        results[position] = result
    for position, result in enumerate(results):
        if result is None:  # a later copy within the batch: its first copy is stored now
            results[position] = IngestResult(find_duplicate(session, records[position]), False)
    return results  # type: ignore[return-value]



def store_all(session: Session, records: list[ArticleInput], extractions: list[Extraction],
               by_surname: bool = True, near: list[NearDuplicate] | None = None) -> list[IngestResult]:
    """Write a batch in one transaction (one fsync, not one per article); if another
    writer got in first with one of them, fall back to one transaction per article."""
    if len(records) > 1:
        try:
            articles = write_articles(session, records, extractions, by_surname, near=near)
            session.commit()
            return [IngestResult(article, True) for article in articles]
        except IntegrityError:
            session.rollback()
    return [_store(session, record, extraction, by_surname, None if near is None else near[position])
            for position, (record, extraction) in enumerate(zip(records, extractions))]



def _store(session: Session, record: ArticleInput, extraction: Extraction, by_surname: bool = True,
           near: NearDuplicate | None = None) -> IngestResult:
    """Write one article in its own transaction; a concurrent duplicate wins cleanly."""
    for _attempt in range(3):
        try:
            [article] = write_articles(session, [record], [extraction], by_surname,
                                       near=None if near is None else [near])
            session.commit()
            return IngestResult(article, True)
        except IntegrityError:
            # Another worker stored the same article or created the same entity meanwhile.
            session.rollback()
            duplicate = find_duplicate(session, record)
            if duplicate is not None:
                return IngestResult(duplicate, False)
    raise RuntimeError("could not store the article after three attempts")



def write_articles(session: Session, records: list[ArticleInput], extractions: list[Extraction],
                   by_surname: bool = True, ids: Sequence[int | None] | None = None,
                   near: list[NearDuplicate] | None = None) -> list[Article]:
    """Add the articles with their entities, mentions, dates and change-log rows (not committed).
    `ids` gives an article its id (a restore brings a deleted one back under its old id); None, the
    database's next. `near` carries an import's near-duplicate signatures and groups."""
    lock_change_log(session)  # PostgreSQL: one writer at a time, as on SQLite (no entity-insert deadlocks)
    extractions = without_rejected(session, extractions)  # names an admin marked "not an entity"
    with session.no_autoflush:
        entities = resolve(session, extractions, [day(record) for record in records], exact=not by_surname)
        articles = [_article(record, article_id)
                    for record, article_id in zip(records, ids or [None] * len(records), strict=True)]
        for article, found in zip(articles, near or ()):
            article.dup_signature = found.signature  # in the insert, not an update after it
        session.add_all(articles)
    session.flush()
    write_spans(session, articles, extractions, entities)
    if near is None:
        assign_groups(session, articles)  # near-duplicate groups, in this transaction
    else:
        keep_groups(session, articles, near)
    Change.record_many(session, [article.id for article in articles], UPSERT)
    return articles



def _article(record: ArticleInput, article_id: int | None = None) -> Article:
    return Article(id=article_id, title=record.title, body=record.body, url=record.url, source=record.source,
                   author=record.author, published_at=record.published_at, language=record.language,
                   content_hash=record.content_hash, ingested_at=record.ingested_at or utcnow(), guid=record.guid,
                   version=record.version, version_created=record.version_created)



def day(record: ArticleInput) -> date | None:
    """A record's publication day (what extraction resolves relative dates against)."""
    return record.published_at.date() if record.published_at else None



def write_spans(session: Session, articles: list[Article], extractions: list[Extraction],
                 entities: Resolved) -> None:
    """The entity links, mentions and dates of flushed articles, in bulk inserts: no ORM object
    per row (the links as objects were a sixth of storing a batch)."""
    links, mentions, dates = [], [], []
    for position, (article, extraction) in enumerate(zip(articles, extractions, strict=True)):
        counts: dict[int, list] = {}  # entity id -> [mention count, first start, named in full]
        for found in extraction.actors + extraction.places:
            entity_id = entities.entity(position, identity(found)).id
            # a person and an organisation of one name are one actor: one link
            link = counts.setdefault(entity_id, [0, found.mentions[0].start, False])
            link[0] += len(found.mentions)
            link[2] = link[2] or (position, identity(found)) not in entities.chosen
            mentions += [{"article_id": article.id, "entity_id": entity_id, "text": span.text[:500],
                          "start": span.start, "end": span.end} for span in found.mentions]
        links += [{"article_id": article.id, "entity_id": entity_id, "mention_count": count, "first_start": first,
                   "named_in_full": full} for entity_id, (count, first, full) in counts.items()]
        dates += [{"article_id": article.id, "text": mention.text[:200], "value": mention.value,
                   "start": mention.start, "end": mention.end} for mention in extraction.dates]
    for model, rows in ((ArticleEntity, links), (Mention, mentions), (ArticleDate, dates)):
        insert_rows(session, model.__table__, rows)  # no ORM (nor Core) work per row
