"""Ingest and delete articles: database first (one transaction), then the index.

The article row, its entities, mentions and dates and a change-log row are
written in one transaction; the index then applies the change log. If the
index step fails the article is still safe in the database and the next
sync (any later write, search or `archive sync`) applies it.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from archive.errors import NotFound, ValidationError
from archive.extract import Extraction, extract_many
from archive.index import IndexStore
from archive.index.sync import apply_changes, index_lag
from archive.ingest.records import ArticleInput, validate
from archive.logic.curated import without_rejected
from archive.logic.identity import Resolved, identity, resolve
from archive.logic.near_duplicates import assign_groups, leave_group
from archive.models import Article, ArticleDate, ArticleEntity, Change, Mention
from archive.models.base import utcnow
from archive.models.change import DELETE, UPSERT, lock_change_log
from archive.observe import metrics

log = logging.getLogger(__name__)
Extractor = Callable[[list[tuple[str, date | None]]], list[Extraction]]


@dataclass
class IngestResult:
    article: Article
    created: bool


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


def ingest_articles(session: Session, store: IndexStore, records: Sequence[ArticleInput],
                    model: str, extractor: Extractor | None = None, sync: bool = True) -> list[IngestResult]:
    """Store validated articles (extracting in one batch), skipping duplicates; then sync the index.

    `extractor` replaces the in-process extract_many (a process pool for bulk
    ingestion, or a saved cache for benchmarks); sync=False leaves the index to a
    later sync or rebuild (the change log keeps what it has to apply)."""
    duplicates = find_duplicates(session, records)
    results = [None if duplicate is None else IngestResult(duplicate, False) for duplicate in duplicates]
    first_copies = new_records(records, duplicates)
    items = [extraction_item(records[p]) for p in first_copies]
    with metrics.extraction_timer(len(items)):
        extractions = extractor(items) if extractor else extract_many(items, model)
    stored = _store_all(session, [records[p] for p in first_copies], extractions)
    results = _merge_results(session, records, results, first_copies, stored)
    metrics.count_ingest(results)
    if sync:
        sync_index(session, store)
    return results


def store_extracted(session: Session, records: Sequence[ArticleInput],
                    extractions: Sequence[Extraction]) -> list[IngestResult]:
    """Store articles whose extraction is already known (an import), skipping duplicates, in one
    transaction; the index is left to the caller's sync. Each entity is taken as the export names
    it: no surname matching, which would depend on what the batch happened to hold."""
    duplicates = find_duplicates(session, records)
    results = [None if duplicate is None else IngestResult(duplicate, False) for duplicate in duplicates]
    firsts = new_records(records, duplicates)
    stored = _store_all(session, [records[p] for p in firsts], [extractions[p] for p in firsts], by_surname=False)
    return _merge_results(session, records, results, firsts, stored)


def _merge_results(session: Session, records: Sequence[ArticleInput], results: list[IngestResult | None],
                   firsts: list[int], stored: list[IngestResult]) -> list[IngestResult]:
    """One result per record: the duplicates found before, the stored first copies, and the later copies."""
    for position, result in zip(firsts, stored, strict=True):
        results[position] = result
    for position, result in enumerate(results):
        if result is None:  # a later copy within the batch: its first copy is stored now
            results[position] = IngestResult(find_duplicate(session, records[position]), False)
    return results  # type: ignore[return-value]


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


def extraction_item(record: ArticleInput) -> tuple[str, date | None]:
    """What the extractor is given for a record: its body and publication day."""
    return record.body, _day(record)


def ingest_article(session: Session, store: IndexStore, record: ArticleInput, model: str) -> IngestResult:
    return ingest_articles(session, store, [record], model)[0]


def _day(record: ArticleInput):
    return record.published_at.date() if record.published_at else None


def _store_all(session: Session, records: list[ArticleInput], extractions: list[Extraction],
               by_surname: bool = True) -> list[IngestResult]:
    """Write a batch in one transaction (one fsync, not one per article); if another
    writer got in first with one of them, fall back to one transaction per article."""
    if len(records) > 1:
        try:
            articles = _write_all(session, records, extractions, by_surname)
            session.commit()
            return [IngestResult(article, True) for article in articles]
        except IntegrityError:
            session.rollback()
    return [_store(session, record, extraction, by_surname) for record, extraction in zip(records, extractions)]


def _store(session: Session, record: ArticleInput, extraction: Extraction, by_surname: bool = True) -> IngestResult:
    """Write one article in its own transaction; a concurrent duplicate wins cleanly."""
    for _attempt in range(3):
        try:
            [article] = _write_all(session, [record], [extraction], by_surname)
            session.commit()
            return IngestResult(article, True)
        except IntegrityError:
            # Another worker stored the same article or created the same entity meanwhile.
            session.rollback()
            duplicate = find_duplicate(session, record)
            if duplicate is not None:
                return IngestResult(duplicate, False)
    raise RuntimeError("could not store the article after three attempts")


def _write_all(session: Session, records: list[ArticleInput], extractions: list[Extraction],
               by_surname: bool = True) -> list[Article]:
    """Add the articles with their entities, mentions, dates and change-log rows (not committed)."""
    lock_change_log(session)  # PostgreSQL: one writer at a time, as on SQLite (no entity-insert deadlocks)
    extractions = without_rejected(session, extractions)  # names an admin marked "not an entity"
    with session.no_autoflush:
        entities = resolve(session, extractions, [_day(record) for record in records], exact=not by_surname)
        articles = [_article(record) for record in records]
        session.add_all(articles)
    session.flush()
    write_spans(session, articles, extractions, entities)
    assign_groups(session, articles)  # near-duplicate groups, in this transaction
    Change.record_many(session, [article.id for article in articles], UPSERT)
    return articles


def _article(record: ArticleInput) -> Article:
    return Article(title=record.title, body=record.body, url=record.url, source=record.source, author=record.author,
                   published_at=record.published_at, language=record.language, content_hash=record.content_hash,
                   ingested_at=record.ingested_at or utcnow())


def write_spans(session: Session, articles: list[Article], extractions: list[Extraction],
                 entities: Resolved) -> None:
    """The entity links, mentions and dates of flushed articles, in bulk inserts: no ORM object
    per row (the links as objects were a sixth of storing a batch)."""
    links, mentions, dates = [], [], []
    for position, (article, extraction) in enumerate(zip(articles, extractions, strict=True)):
        counts: dict[int, list[int]] = {}  # entity id -> [mention count, first start]
        for found in extraction.actors + extraction.places:
            entity_id = entities.entity(position, identity(found)).id
            # a person and an organisation of one name are one actor: one link
            counts.setdefault(entity_id, [0, found.mentions[0].start])[0] += len(found.mentions)
            mentions += [{"article_id": article.id, "entity_id": entity_id, "text": span.text[:500],
                          "start": span.start, "end": span.end} for span in found.mentions]
        links += [{"article_id": article.id, "entity_id": entity_id, "mention_count": count, "first_start": first}
                  for entity_id, (count, first) in counts.items()]
        dates += [{"article_id": article.id, "text": mention.text[:200], "value": mention.value,
                   "start": mention.start, "end": mention.end} for mention in extraction.dates]
    for model, rows in ((ArticleEntity, links), (Mention, mentions), (ArticleDate, dates)):
        if rows:
            session.execute(insert(model.__table__), rows)  # Core: no ORM work per row


def ingest_batch(session: Session, store: IndexStore, items: Sequence[object], max_chars: int,
                 model: str) -> list[IngestResult | ValidationError]:
    """Validate each item, then store the valid ones together; one outcome per item, in order."""
    outcomes: list[IngestResult | ValidationError | None] = []
    records: list[ArticleInput] = []
    for item in items:
        try:
            records.append(validate(item, max_chars))
            outcomes.append(None)
        except ValidationError as exc:
            outcomes.append(exc)
    metrics.count_failed_ingests(len(items) - len(records))
    stored = iter(ingest_articles(session, store, records, model) if records else [])
    return [outcome if outcome is not None else next(stored) for outcome in outcomes]


def delete_article(session: Session, store: IndexStore, article: Article) -> None:
    """Remove an article from the database and, through the change log, from the index."""
    article_id = article.id
    leave_group(session, article)  # its near-duplicates keep a valid group
    session.delete(article)
    Change.record(session, article_id, DELETE)
    try:
        session.commit()
    except StaleDataError:
        # Another request deleted it between our read and our write.
        session.rollback()
        raise NotFound(f"no article with id {article_id}") from None
    sync_index(session, store)


def sync_index(session: Session, store: IndexStore) -> int:
    """Apply pending changes; an index failure is logged, never lost (the log keeps it)."""
    try:
        return apply_changes(session, store)
    except Exception:
        log.exception("index sync failed; the change log keeps the pending changes")
        return 0


def catch_up(session: Session, store: IndexStore) -> int:
    """Apply changes committed but not yet indexed (say, by a process that was killed).

    Cheap when in step: one max(seq) query and reading the applied_seq file. Never
    raises: a failure is logged and the next write, search or `archive sync` retries.
    An index that was never built is left to `archive reindex` (much faster than
    replaying the whole log inside one request).
    """
    if not store.exists():
        return 0
    try:
        store.open()  # an index of an older schema is recreated here, raising the lag
        lag = index_lag(session, store)
    except Exception:
        log.exception("could not open the index or read its lag")
        session.rollback()
        return 0
    return sync_index(session, store) if lag else 0

