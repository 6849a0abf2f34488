"""Ingest jobs: record a bulk ingest as a job of items, claim and process items, report, retry.

Any number of runners (a CLI ingest, `archive worker` processes on any machine,
the web process's background thread) share the queue: items are claimed in
small batches (FOR UPDATE SKIP LOCKED on PostgreSQL) with a lease, so a runner
that dies leaves its items to be claimed again when the lease runs out.
"""
from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable, Iterable
from datetime import timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from archive.errors import ValidationError
from archive.index import IndexStore
from archive.ingest.files import RawItem
from archive.ingest.records import ArticleInput, validate
from archive.logic.index_sync import sync_index
from archive.logic.ingest import ingest_articles
from archive.logic.writes import IngestResult
from archive.models import Job, JobItem
from archive.models.base import utcnow
from archive.models.job import CLAIMED, CREATED, DONE, DUPLICATE, FAILED, PENDING, QUEUED, RUNNING
from archive.observe import metrics

log = logging.getLogger(__name__)
LEASE = timedelta(minutes=5)  # a claimed batch not finished by then is claimed again
CHUNK = 500


def runner_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def create_job(session: Session, kind: str, source: str, items: Iterable[RawItem],
               created_by: str | None = None) -> Job:
    """Record a job and its items (committed). Unreadable items are recorded as failed at once."""
    job = Job(kind=kind, source=source[:2000], created_by=created_by, status=QUEUED)
    session.add(job)
    session.flush()
    batch: list[JobItem] = []
    for item in items:
        batch.append(JobItem(job_id=job.id, origin=item.origin[:2000], data=item.data, attempts=0,
                             status=PENDING if item.data is not None else FAILED,
                             reason=None if item.data is not None else (item.error or "unreadable")))
        if len(batch) >= CHUNK:
            session.add_all(batch)
            session.flush()
            session.expunge_all()
            session.add(job)
            batch = []
    session.add_all(batch)
    session.flush()
    _settle(session, job.id)
    session.commit()
    return job


def retry_failed(session: Session, job: Job) -> int:
    """Put the job's failed items back in the queue; returns how many."""
    result = session.execute(update(JobItem).where(JobItem.job_id == job.id, JobItem.status == FAILED)
                             .values(status=PENDING, reason=None, claimed_by=None, claimed_at=None))
    if result.rowcount:
        job.status, job.finished_at = QUEUED, None
    session.commit()
    return result.rowcount


def pending_count(session: Session, job_id: int | None = None) -> int:
    query = select(func.count()).select_from(JobItem).where(JobItem.status.in_((PENDING, CLAIMED)))
    if job_id is not None:
        query = query.where(JobItem.job_id == job_id)
    return session.scalar(query) or 0


def checked(items: list[JobItem], max_chars: int) -> list[ArticleInput | str]:
    """Each claimed item's validated record, or why it cannot be ingested: the one validation of an item."""
    outcomes: list[ArticleInput | str] = []
    for item in items:
        if item.data is None:
            outcomes.append(item.reason or "unreadable")
            continue
        try:
            outcomes.append(validate(item.data, max_chars))
        except ValidationError as exc:
            outcomes.append(exc.message)
    return outcomes


class JobRunner:
    """Claims batches of items and ingests them (one NER batch per claimed batch).

    `extractor` is a process pool for bulk ingestion (see logic/pool.py); sync=False
    leaves the index to each node's follower (a worker process without an index)."""

    def __init__(self, session: Session, store: IndexStore, model: str, max_chars: int,
                 batch_size: int = 32, extractor=None, sync: bool = True, name: str | None = None):
        self.session, self.store, self.model, self.max_chars = session, store, model, max_chars
        self.batch_size = max(1, batch_size)
        self.extractor, self.sync = extractor, sync
        self.name = name or runner_name()

    def run(self, job_id: int | None = None, progress: Callable[[int], None] = lambda n: None) -> int:
        """Process claimable items (of one job, or of any) until none is left; returns how many."""
        done = 0
        while items := JobItem.claim(self.session, self.name, self.batch_size, LEASE, job_id):
            self.process(items)
            done += len(items)
            progress(len(items))
        if done and self.sync:
            sync_index(self.session, self.store)
        return done

    def process(self, items: list[JobItem], records: list[ArticleInput | str] | None = None) -> None:
        """Ingest claimed items and record what became of each (committed); `records` are the items'
        checked() outcomes when the caller has them already (each item is validated once)."""
        job_ids = {item.job_id for item in items}
        self._start(job_ids)
        valid: list[tuple[JobItem, ArticleInput]] = []
        for item, record in zip(items, checked(items, self.max_chars) if records is None else records, strict=True):
            if isinstance(record, str):
                self._fail(item, record)
            else:
                valid.append((item, record))
        self.session.commit()
        if valid:
            for (item, _record), outcome in zip(valid, self._ingest([r for _i, r in valid]), strict=True):
                if isinstance(outcome, IngestResult):
                    item.status = CREATED if outcome.created or outcome.updated else DUPLICATE
                    item.article_id, item.data, item.reason = outcome.article.id, None, None
                else:
                    self._fail(item, outcome)
        for job_id in job_ids:
            _settle(self.session, job_id)
        self.session.commit()

    def _ingest(self, records: list[ArticleInput]) -> list[IngestResult | str]:
        try:
            return list(ingest_articles(self.session, self.store, records, self.model,
                                        extractor=self.extractor, sync=False))
        except Exception:  # noqa: BLE001 - retried one by one to name the article that fails
            self.session.rollback()
        outcomes: list[IngestResult | str] = []
        for record in records:
            try:
                outcomes += ingest_articles(self.session, self.store, [record], self.model,
                                            extractor=self.extractor, sync=False)
            except Exception as exc:  # recorded as the item's reason, the job goes on
                self.session.rollback()
                log.exception("ingest failed")
                outcomes.append(f"{type(exc).__name__}: {exc}")
        return outcomes

    def _fail(self, item: JobItem, reason: str) -> None:
        item.status, item.reason = FAILED, reason[:2000]
        metrics.count_failed_ingests(1)

    def _start(self, job_ids: set[int]) -> None:
        self.session.execute(update(Job).where(Job.id.in_(job_ids), Job.status != RUNNING)
                             .values(status=RUNNING, started_at=func.coalesce(Job.started_at, utcnow()),
                                     finished_at=None))
        self.session.commit()


def _settle(session: Session, job_id: int) -> None:
    """Mark the job done when none of its items waits or is being worked on."""
    waiting = session.scalar(select(func.count()).select_from(JobItem)
                             .where(JobItem.job_id == job_id, JobItem.status.in_((PENDING, CLAIMED))))
    if not waiting:
        session.execute(update(Job).where(Job.id == job_id, Job.status != DONE)
                        .values(status=DONE, finished_at=utcnow()))


def report(session: Session, job: Job, failures: int = 100) -> dict:
    """What the API and the admin show about a job (read afresh: runners update it in bulk)."""
    session.refresh(job)
    counts = job.counts(session)
    finished = counts[CREATED] + counts[DUPLICATE] + counts[FAILED]
    return {
        "id": job.id, "kind": job.kind, "source": job.source, "status": job.status,
        "created_by": job.created_by, "created_at": _iso(job.created_at),
        "started_at": _iso(job.started_at), "finished_at": _iso(job.finished_at),
        "counts": counts, "progress": round(finished / counts["total"], 4) if counts["total"] else 1.0,
        "failures": [{"item": item.id, "origin": item.origin, "reason": item.reason}
                     for item in job.failures(session, failures)],
    }


def _iso(value) -> str | None:
    return value.isoformat() + "Z" if value else None
