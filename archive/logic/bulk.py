"""Bulk ingestion (files, folders, uploads, URLs) as a recorded job, run here and now.

The job and its items are written first, then this process works through them
(other runners may help); the summary is read back from the job's items.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from archive import db, services
from archive.ingest.files import RawItem, expand, read_items
from archive.logic.jobs import JobRunner, create_job
from archive.logic.pool import ExtractionPool
from archive.models import Article, Job, JobItem
from archive.models.job import CREATED, DUPLICATE, FAILED

__all__ = ["CREATED", "DUPLICATE", "FAILED", "BulkIngest", "Outcome", "Summary"]


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
    job_id: int | None = None

    def count(self, status: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def failed(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if outcome.status == FAILED]

    def text(self) -> str:
        head = (f"ingested {self.count(CREATED)}, skipped {self.count(DUPLICATE)} as duplicates, "
                f"failed {self.count(FAILED)}")
        if self.job_id is not None:
            head = f"job {self.job_id}: {head}"
        lines = [head]
        lines += [f"  failed: {outcome.origin}: {outcome.reason}" for outcome in self.failed]
        return "\n".join(lines)

    @classmethod
    def of_job(cls, session: Session, job_id: int) -> Summary:
        rows = session.execute(select(JobItem, Article.title).outerjoin(Article, Article.id == JobItem.article_id)
                               .where(JobItem.job_id == job_id).order_by(JobItem.id))
        return cls([Outcome(item.origin, item.status, item.article_id, title, item.reason) for item, title in rows],
                   job_id)


class BulkIngest:
    """Records the items as a job of `kind`, then ingests them in batches (one NER batch each)."""

    def __init__(self, batch_size: int = 32, workers: int = 1, kind: str = "files", created_by: str | None = None):
        self.batch_size = max(1, batch_size)
        self.workers = workers
        self.kind, self.created_by = kind, created_by

    def run(self, paths: list[Path], progress: Callable = nullcontext,
            working: Callable[[int], object] | None = None) -> Summary:
        """Ingest files and folders; `progress` wraps the list of files while they are read
        (a click progress bar) and `working(total)` the items while they are ingested."""
        def items():
            with progress(expand(paths)) as files:
                for path in files:
                    yield from read_items(path)
        return self.run_items(items(), source=", ".join(str(p) for p in paths), working=working)

    def run_items(self, items: Iterable[RawItem], source: str = "", working=None) -> Summary:
        session = db.new_session()
        pool = ExtractionPool(services.model_name(), self.workers) if self.workers > 1 else None
        try:
            job = create_job(session, self.kind, source or self.kind, items, self.created_by)
            runner = JobRunner(session, services.index_store(), services.model_name(),
                               services.max_article_chars(), self.batch_size, extractor=pool)
            total = session.get(Job, job.id).counts(session)["pending"]
            with (working(total) if working else nullcontext()) as bar:
                runner.run(job.id, progress=bar.update if bar is not None else lambda n: None)
            return Summary.of_job(session, job.id)
        finally:
            session.close()
            if pool is not None:
                pool.close()
