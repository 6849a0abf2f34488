"""archive import: load an export (logic/backup.py) in batches, with no re-extraction.

Each batch of lines is stored in one transaction through the bulk path of normal
ingestion (articles, entities, mentions, dates and change-log rows in a few
inserts), then the index applies the change log, so an import is as consistent
as an ingest (`archive check` finds no drift) and one bad line fails alone. Near-duplicate
groups are taken from the lines (logic/near_duplicates.py keep_groups), not computed. A large
import is indexed by a helper process while it is stored.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import islice
from json import JSONDecodeError

from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from archive.errors import ArchiveError
from archive.extract import Extraction
from archive.index import IndexStore
from archive.index.helper import IndexHelper
from archive.index.sync import COMMIT_CHANGES
from archive.ingest.records import ArticleInput
from archive.logic.backup import read_line
from archive.logic.index_sync import sync_index
from archive.logic.near_duplicates import NearDuplicate
from archive.logic.writes import IngestResult, store_extracted
from archive.models import Article

IMPORT_BATCH = 2000  # lines stored in one transaction (500: 444 articles/s at 98,003, 2,000: 474)
# New articles after which a helper process indexes alongside (index/helper.py); a smaller import is
# indexed once at the end. Either way the index writes few, large segments (a segment's cost is
# mostly per distinct term: one of 5,000 articles costs far less than ten of 500).
HELPER_FROM = COMMIT_CHANGES
# SQLite page cache of the importing connection, in KiB (the default is 2 MB): the indexes an import
# inserts into at random (bands, mentions) outgrow 2 MB early, and at 100,000 articles a larger cache
# saved a tenth of storing's CPU and half its wall time.
SQLITE_CACHE_KIB = 256 * 1024


@dataclass
class ImportSummary:
    created: int = 0
    duplicates: int = 0
    failures: list[str] = field(default_factory=list)  # "line N: reason"
    indexed_aside: int = 0  # changes the helper process applied

    def text(self) -> str:
        return f"imported {self.created}, skipped {self.duplicates} as duplicates, failed {len(self.failures)}"

    def count(self, results: Iterable[IngestResult]) -> None:
        for result in results:
            if result.created:
                self.created += 1
            else:
                self.duplicates += 1


@dataclass
class _Line:
    number: int
    record: ArticleInput
    extraction: Extraction
    near: NearDuplicate


def import_articles(session: Session, store: IndexStore, lines: Iterable[str], batch_size: int = IMPORT_BATCH,
                    progress: Callable[[int], None] = lambda n: None, helper_from: int = HELPER_FROM) -> ImportSummary:
    """Import exported lines, `batch_size` at a time; articles already present are skipped.
    `progress(n)` is called with the number of lines read after each batch. Once `helper_from`
    articles are stored, a helper process indexes them while the rest are stored."""
    summary, helper = ImportSummary(), None
    # Into an empty archive the export's near-duplicate groups are the whole truth: an article it has
    # first or alone is matched against nothing (its earlier articles did not match it at its ingest).
    empty = session.scalar(select(Article.id).limit(1)) is None
    try:
        for chunk in _chunks(enumerate(lines, 1), batch_size):
            parsed = [line for number, text in chunk if text.strip() and (line := _parse(number, text, summary, empty))]
            if parsed:
                _store(session, parsed, summary)
            if helper is None and summary.created >= helper_from:
                helper = IndexHelper(session.get_bind(), store)
                helper.start()
            progress(len(chunk))
    finally:
        if helper is not None:
            summary.indexed_aside = helper.stop()
    sync_index(session, store)
    return summary


def _chunks(numbered: Iterator[tuple[int, str]], size: int) -> Iterator[list[tuple[int, str]]]:
    while chunk := list(islice(numbered, size)):
        yield chunk


def _parse(number: int, text: str, summary: ImportSummary, empty: bool = False) -> _Line | None:
    try:
        record, extraction, near = read_line(text)
        alone = empty and near.signature is not None and near.first_hash is None
        return _Line(number, record, extraction, replace(near, alone=alone))
    except (ArchiveError, JSONDecodeError) as exc:
        reason = exc.message if isinstance(exc, ArchiveError) else f"not valid JSON: {exc}"
        summary.failures.append(f"line {number}: {reason}")
        return None


def _store(session: Session, lines: list[_Line], summary: ImportSummary) -> None:
    """The batch in one transaction; if the database refuses it (a value it cannot hold),
    each line alone, so that only the line at fault fails."""
    _large_cache(session)
    try:
        summary.count(store_extracted(session, [line.record for line in lines], [line.extraction for line in lines],
                                      [line.near for line in lines]))
        return
    except DBAPIError:
        session.rollback()
    for line in lines:
        try:
            summary.count(store_extracted(session, [line.record], [line.extraction], [line.near]))
        except DBAPIError as exc:
            session.rollback()
            summary.failures.append(f"line {line.number}: the database refused it: {exc.orig!r}")


def _large_cache(session: Session) -> None:
    """On SQLite, a larger page cache for this connection (kept by it); set at every batch, since the
    session may take another connection from the pool after a commit."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}"))
