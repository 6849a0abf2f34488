"""Bulk ingestion (files, folders, uploads): batches, progress, and what happened to each item."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from archive import db, services
from archive.errors import ValidationError
from archive.ingest.files import RawItem, expand, read_items
from archive.ingest.records import ArticleInput, validate
from archive.logic.articles import ingest_articles
from archive.logic.pool import ExtractionPool

CREATED, DUPLICATE, FAILED = "created", "duplicate", "failed"


@dataclass
class Outcome:
    origin: str
    status: str  # created | duplicate | failed
    article_id: int | None = None
    title: str | None = None
    reason: str | None = None


@dataclass
class Summary:
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def failed(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if outcome.status == FAILED]

    def text(self) -> str:
        head = (f"ingested {self.count(CREATED)}, skipped {self.count(DUPLICATE)} as duplicates, "
                f"failed {self.count(FAILED)}")
        lines = [head]
        lines += [f"  failed: {outcome.origin}: {outcome.reason}" for outcome in self.failed]
        return "\n".join(lines)


class BulkIngest:
    """Validates each article and ingests in batches (one NER batch per batch of articles)."""

    def __init__(self, batch_size: int = 32, workers: int = 1):
        self.batch_size = max(1, batch_size)
        self.summary = Summary()
        self._pending: list[tuple[str, ArticleInput]] = []
        self._pool = ExtractionPool(services.model_name(), workers) if workers > 1 else None

    def run(self, paths: list[Path], progress: Callable) -> Summary:
        """Ingest files and folders; `progress` wraps the list of files (a click progress bar)."""
        def items():
            with progress(expand(paths)) as files:
                for path in files:
                    yield from read_items(path)
        return self.run_items(items())

    def run_items(self, items: Iterable[RawItem]) -> Summary:
        self.session = db.new_session()
        try:
            for item in items:
                self._add(item)
            self._flush()
        finally:
            self.session.close()
            if self._pool is not None:
                self._pool.close()
        return self.summary

    def _add(self, item: RawItem) -> None:
        if item.data is None:
            self.summary.outcomes.append(Outcome(item.origin, FAILED, reason=item.error or "unreadable"))
            return
        try:
            self._pending.append((item.origin, validate(item.data, services.max_article_chars())))
        except ValidationError as exc:
            self.summary.outcomes.append(Outcome(item.origin, FAILED, reason=exc.message))
        if len(self._pending) >= self.batch_size:
            self._flush()

    def _flush(self) -> None:
        batch, self._pending = self._pending, []
        if not batch:
            return
        try:
            self._record(batch, self._ingest([record for _origin, record in batch]))
        except Exception:  # noqa: BLE001 - retry one by one to name the article that failed
            self.session.rollback()
            for origin, record in batch:
                self._one(origin, record)

    def _one(self, origin: str, record: ArticleInput) -> None:
        try:
            self._record([(origin, record)], self._ingest([record]))
        except Exception as exc:  # noqa: BLE001 - reported in the summary, the run goes on
            self.session.rollback()
            self.summary.outcomes.append(Outcome(origin, FAILED, reason=f"{type(exc).__name__}: {exc}"))

    def _ingest(self, records: list[ArticleInput]):
        return ingest_articles(self.session, services.index_store(), records, services.model_name(),
                               extractor=self._pool)

    def _record(self, batch: list[tuple[str, ArticleInput]], results) -> None:
        for (origin, _record), result in zip(batch, results, strict=True):
            status = CREATED if result.created else DUPLICATE
            self.summary.outcomes.append(Outcome(origin, status, result.article.id, result.article.title))
