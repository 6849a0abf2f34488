"""Ingest articles: database first (one transaction), then the index.

The article row, its entities, mentions and dates and a change-log row are
written in one transaction (logic/writes.py); the index then applies the change
log. If the index step fails the article is still safe in the database and the
next sync (any later write, search or `archive sync`) applies it.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from sqlalchemy.orm import Session

from archive.errors import ValidationError
from archive.extract import Extraction, extract_many
from archive.index import IndexStore
from archive.ingest.records import ArticleInput, validate
from archive.logic.corrections import store_corrections
from archive.logic.duplicates import find_duplicates, held_by_another, is_correction, is_newer, new_records
from archive.logic.index_sync import sync_index
from archive.logic.writes import IngestResult, day, merge_results, store_all
from archive.observe import metrics

Extractor = Callable[[list[tuple[str, date | None]]], list[Extraction]]


def ingest_articles(session: Session, store: IndexStore, records: Sequence[ArticleInput],
                    model: str, extractor: Extractor | None = None, sync: bool = True) -> list[IngestResult]:
    """Store validated articles (extracting in one batch), skipping duplicates and updating the stories
    they are newer versions of (logic/corrections.py); then sync the index.

    `extractor` replaces the in-process extract_many (a process pool for bulk
    ingestion, or a saved cache for benchmarks); sync=False leaves the index to a
    later sync or rebuild (the change log keeps what it has to apply)."""
    duplicates = find_duplicates(session, records)
    corrected = _corrections(records, duplicates)
    results = [None if duplicate is None or p in corrected else IngestResult(duplicate, False)
               for p, duplicate in enumerate(duplicates)]
    first_copies = new_records(records, duplicates)
    items = [extraction_item(records[p]) for p in first_copies + corrected]
    with metrics.extraction_timer(len(items)):
        extractions = extractor(items) if extractor else extract_many(items, model)
    stored = store_all(session, [records[p] for p in first_copies], extractions[:len(first_copies)])
    extracted = dict(zip(corrected, extractions[len(first_copies):], strict=True))
    for position in list(corrected):  # after store_all: a new article of this batch may hold the text
        other = held_by_another(session, records[position], duplicates[position])
        if other is not None:
            results[position] = IngestResult(other, False)
            corrected.remove(position)
    updated = store_corrections(session, [duplicates[p] for p in corrected], [records[p] for p in corrected],
                                [extracted[p] for p in corrected])
    for position, result in zip(corrected, updated, strict=True):
        results[position] = result
    results = merge_results(session, records, results, first_copies, stored)
    metrics.count_ingest(results)
    if sync:
        sync_index(session, store)
    return results



def _corrections(records: Sequence[ArticleInput], duplicates: Sequence) -> list[int]:
    """Positions of the records that are newer versions of stored stories (the newest of the batch for each)."""
    newest: dict[int, int] = {}  # stored article id -> position
    for position, (record, stored) in enumerate(zip(records, duplicates, strict=True)):
        if stored is not None and is_correction(record, stored):
            if stored.id not in newest or is_newer(record, records[newest[stored.id]]):
                newest[stored.id] = position
    return list(newest.values())



def ingest_article(session: Session, store: IndexStore, record: ArticleInput, model: str) -> IngestResult:
    return ingest_articles(session, store, [record], model)[0]



def extraction_item(record: ArticleInput) -> tuple[str, date | None]:
    """What the extractor is given for a record: its body and publication day."""
    return record.body, day(record)



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
