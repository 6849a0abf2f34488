"""Bulk ingestion (files, folders, uploads, URLs) as a recorded job, run here and now.

The job and its items are written first, then this process works through them
(other runners may help); the summary is read back from the job's items. With
extraction processes the work is pipelined: they extract the next claimed batch
while this process stores and indexes the current one (PipelinedRunner).
"""
from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable, Iterable
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from archive import db, services
from archive.extract import Extraction
from archive.ingest.files import RawItem, expand, read_items
from archive.ingest.records import ArticleInput
from archive.logic.duplicates import find_duplicates, new_records
from archive.logic.index_sync import sync_index
from archive.logic.ingest import extraction_item
from archive.logic.jobs import LEASE, JobRunner, checked, create_job, pending_count
from archive.logic.pool import MIN_PARALLEL, ExtractionPool, Item, Pending
from archive.models import Article, Job, JobItem
from archive.models.job import CREATED, DUPLICATE, FAILED

__all__ = ["CREATED", "DUPLICATE", "FAILED", "BulkIngest", "Outcome", "PipelinedRunner", "Summary"]
log = logging.getLogger(__name__)
WAIT_FOR_OTHERS = 0.5  # seconds between looks at items another runner is working on
INGEST_BATCH = 64  # `archive ingest --batch-size`: articles claimed, extracted and stored together


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
        # populate_existing: items this session holds may have been finished by other runners since.
        rows = session.execute(select(JobItem, Article.title).outerjoin(Article, Article.id == JobItem.article_id)
                               .where(JobItem.job_id == job_id).order_by(JobItem.id)
                               .execution_options(populate_existing=True))
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
            limits = services.unpack_limits()
            with progress(expand(paths)) as files:
                for path in files:
                    yield from read_items(path, limits)
        return self.run_items(items(), source=", ".join(str(p) for p in paths), working=working)

    def run_items(self, items: Iterable[RawItem], source: str = "", working=None) -> Summary:
        session = db.new_session()
        pool = ExtractionPool(services.model_name(), self.workers) if self.workers > 1 else None
        try:
            job = create_job(session, self.kind, source or self.kind, items, self.created_by)
            runner_class = PipelinedRunner if pool is not None else JobRunner
            runner = runner_class(session, services.index_store(), services.model_name(),
                                  services.max_article_chars(), self.batch_size, extractor=pool)
            total = session.get(Job, job.id).counts(session)["pending"]
            with (working(total) if working else nullcontext()) as bar:
                _run_to_the_end(session, runner, job.id, bar.update if bar is not None else lambda n: None)
            return Summary.of_job(session, job.id)
        finally:
            session.close()
            if pool is not None:
                pool.close()


def _run_to_the_end(session: Session, runner: JobRunner, job_id: int, progress: Callable[[int], None]) -> None:
    """Work through the job's items, then wait for the items other runners (`archive worker`, the web
    process's thread) claimed from it: the summary must count every item, as the job's report does.
    Items whose runner died are claimed here again once their lease runs out."""
    runner.run(job_id, progress=progress)
    while pending_count(session, job_id):
        session.commit()  # end the read transaction, so that the next count sees the other runners' work
        time.sleep(WAIT_FOR_OTHERS)
        runner.run(job_id, progress=progress)


class PipelinedRunner(JobRunner):
    """A JobRunner whose pool extracts the next claimed batches while this process stores
    (and indexes) the current one: the workers never wait for the database or the index."""

    index_every = 16  # batches stored between index syncs (1,024 articles as `archive ingest` claims them)
    depth = 2  # batches claimed and handed to the workers ahead of the one being stored

    def run(self, job_id: int | None = None, progress: Callable[[int], None] = lambda n: None) -> int:
        pool, done, unindexed = self.extractor, 0, 0
        ahead: deque[tuple[list[JobItem], list[ArticleInput | str], _Ahead]] = deque()

        def fill() -> bool:
            """Claim up to `depth` batches ahead; False once nothing is left to claim."""
            while len(ahead) < self.depth:
                if (batch := self._claim_ahead(pool, job_id)) is None:
                    return False
                ahead.append(batch)
            return True

        more = fill()
        try:
            while ahead:
                items, records, self.extractor = ahead.popleft()
                more = more and fill()
                self.process(items, records)
                done += len(items)
                unindexed += 1
                # Index as we go, while the workers extract what is ahead; a few batches at a time,
                # since each sync writes a segment whose cost is mostly per term. Near the end
                # (nothing more to claim, or a short batch claimed: the last one claimable), after
                # every batch, so that only the last is left to index once the workers are done.
                ending = not more or any(len(batch) < self.batch_size for batch, _records, _extractor in ahead)
                if self.sync and (ending or unindexed >= self.index_every):
                    sync_index(self.session, self.store)
                    unindexed = 0
                progress(len(items))
        finally:
            self.extractor = pool
        return done

    def _claim_ahead(self, pool: ExtractionPool,
                     job_id: int | None) -> tuple[list[JobItem], list[ArticleInput | str], _Ahead] | None:
        items = JobItem.claim(self.session, self.name, self.batch_size, LEASE, job_id)
        if not items:
            return None
        records = checked(items, self.max_chars)
        wanted = _to_extract(self.session, [record for record in records if not isinstance(record, str)])
        if len(wanted) < MIN_PARALLEL:  # extracted in this process when asked: cheaper than the workers
            return items, records, _Ahead(pool, [], Pending([]))
        try:
            pending = pool.start(wanted)
        except Exception:  # a broken pool: process() extracts on demand and reports per article
            log.exception("could not start the extraction")
            wanted, pending = [], Pending([])
        return items, records, _Ahead(pool, wanted, pending)


def _to_extract(session: Session, records: list[ArticleInput]) -> list[Item]:
    """What ingest_articles will ask to extract: the valid records it would store (new_records)."""
    if not records:
        return []
    duplicates = find_duplicates(session, records)
    session.commit()  # end the read transaction: the workers may take a while
    return [extraction_item(records[position]) for position in new_records(records, duplicates)]


class _Ahead:
    """The extractor of one claimed batch: returns what the workers extracted in advance,
    and extracts anything else (or everything, if the advance work failed) on demand."""

    def __init__(self, pool: ExtractionPool, items: list[Item], pending: Pending):
        self.pool, self.items, self.pending = pool, items, pending
        self._ready: dict[Item, Extraction] | None = None

    def __call__(self, items: list[Item]) -> list[Extraction]:
        ready = self._results()
        missing = [item for item in items if item not in ready]
        extracted = iter(self.pool(missing) if missing else ())
        return [ready[item] if item in ready else next(extracted) for item in items]

    def _results(self) -> dict[Item, Extraction]:
        if self._ready is None:
            try:
                self._ready = dict(zip(self.items, self.pending.result(), strict=True))
            except Exception:  # extracted again on demand, where a failure is reported per article
                log.exception("extraction in advance failed")
                self._ready = {}
        return self._ready
