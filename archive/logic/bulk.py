"""Bulk ingestion from files: batches, progress, and a summary of what happened."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from archive import db, services
from archive.errors import ValidationError
from archive.ingest.files import RawItem, expand, read_items
from archive.ingest.records import ArticleInput, validate
from archive.logic.articles import ingest_articles


@dataclass
class Summary:
    ingested: int = 0
    duplicates: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)

    def text(self) -> str:
        lines = [f"ingested {self.ingested}, skipped {self.duplicates} as duplicates, "
                 f"failed {len(self.failed)}"]
        lines += [f"  failed: {origin}: {reason}" for origin, reason in self.failed]
        return "\n".join(lines)


class BulkIngest:
    """Reads files, validates each article, ingests in batches (one NER batch per batch)."""

    def __init__(self, batch_size: int = 32):
        self.batch_size = max(1, batch_size)
        self.summary = Summary()
        self._pending: list[tuple[str, ArticleInput]] = []

    def run(self, paths: list[Path], progress: Callable) -> Summary:
        self.session = db.new_session()
        try:
            with progress(expand(paths)) as files:
                for path in files:
                    for item in read_items(path):
                        self._add(item)
            self._flush()
        finally:
            self.session.close()
        return self.summary

    def _add(self, item: RawItem) -> None:
        if item.data is None:
            self.summary.failed.append((item.origin, item.error or "unreadable"))
            return
        try:
            self._pending.append((item.origin, validate(item.data, services.max_article_chars())))
        except ValidationError as exc:
            self.summary.failed.append((item.origin, exc.message))
        if len(self._pending) >= self.batch_size:
            self._flush()

    def _flush(self) -> None:
        batch, self._pending = self._pending, []
        if not batch:
            return
        try:
            self._count(ingest_articles(self.session, services.index_store(), [r for _o, r in batch],
                                        services.model_name()))
        except Exception:  # noqa: BLE001 - retry one by one to name the article that failed
            self.session.rollback()
            for origin, record in batch:
                self._one(origin, record)

    def _one(self, origin: str, record: ArticleInput) -> None:
        try:
            self._count(ingest_articles(self.session, services.index_store(), [record], services.model_name()))
        except Exception as exc:  # noqa: BLE001 - reported in the summary, the run goes on
            self.session.rollback()
            self.summary.failed.append((origin, f"{type(exc).__name__}: {exc}"))

    def _count(self, results) -> None:
        for result in results:
            if result.created:
                self.summary.ingested += 1
            else:
                self.summary.duplicates += 1
