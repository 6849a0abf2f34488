"""Ingest jobs from the command line: `archive worker`, `archive jobs`, `archive retry`."""
from __future__ import annotations

import json
import signal
import threading

import click
from flask import current_app
from sqlalchemy import select

from archive import db, services
from archive.cli.group import archive_cli
from archive.logic.bulk import PipelinedRunner
from archive.logic.jobs import JobRunner, report, retry_failed
from archive.logic.polling import poll_due
from archive.logic.pool import ExtractionPool
from archive.models import Job


@archive_cli.command("worker")
@click.option("--batch-size", default=32, show_default=True, help="Items claimed and extracted together.")
@click.option("--poll", default=2.0, show_default=True, help="Seconds between looks at an empty queue.")
@click.option("--until-idle", is_flag=True, help="Exit once the queue is empty (instead of waiting for more).")
@click.option("--processes", default=1, show_default=True, help="Extraction processes in this worker.")
@click.option("--index/--no-index", "sync", default=False, show_default=True,
              help="Apply the change log to this machine's index after each batch (app nodes follow it anyway).")
@click.option("--sources/--no-sources", "polls", default=True, show_default=True,
              help="Poll due followed sources too (each claimed by one poller at a time).")
def worker_command(batch_size: int, poll: float, until_idle: bool, processes: int, sync: bool, polls: bool) -> None:
    """Ingest queued job items: run one on each machine that should share the extraction work."""
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    session = db.new_session()
    pool = ExtractionPool(services.model_name(), processes) if processes > 1 else None
    # With extraction processes, they extract the next batch while this process stores the current one.
    runner_class = PipelinedRunner if pool is not None else JobRunner
    runner = runner_class(session, services.index_store(), services.model_name(), services.max_article_chars(),
                          batch_size, extractor=pool, sync=sync)
    from archive.extract.nlp import load

    load(services.model_name())  # before claiming anything: a claimed batch should not wait on the model
    how = f" ({processes} extraction processes, pipelined)" if pool is not None else ""
    click.echo(f"worker {runner.name} waiting for jobs{how}", err=True)
    total = 0
    try:
        while not stop.is_set():
            if polls:
                poll_due(session, current_app.config, runner.name)  # due followed sources: their news queue jobs
            done = runner.run(progress=lambda n: click.echo(f"ingested a batch of {n}", err=True))
            total += done
            if not done and until_idle:
                break
            if not done:
                stop.wait(poll)
    finally:
        session.close()
        if pool is not None:
            pool.close()
    click.echo(f"worker {runner.name} stopped after {total} items")


@archive_cli.command("jobs")
@click.argument("job_id", required=False, type=int)
@click.option("--limit", default=20, show_default=True)
def jobs_command(job_id: int | None, limit: int) -> None:
    """List recent ingest jobs, or show one job's report as JSON."""
    session = db.new_session()
    try:
        if job_id is not None:
            job = session.get(Job, job_id)
            if job is None:
                raise click.ClickException(f"no job {job_id}")
            click.echo(json.dumps(report(session, job), indent=2))
            return
        for job in session.scalars(select(Job).order_by(Job.id.desc()).limit(limit)):
            counts = job.counts(session)
            click.echo(f"{job.id:>6}  {job.status:<8} {job.kind:<7} created {counts['created']}, "
                       f"duplicate {counts['duplicate']}, failed {counts['failed']}, "
                       f"waiting {counts['pending'] + counts['claimed']}  {job.source[:60]}")
    finally:
        session.close()


@archive_cli.command("retry")
@click.argument("job_id", type=int)
@click.option("--queue", is_flag=True, help="Only put the failed items back in the queue for `archive worker`.")
def retry_command(job_id: int, queue: bool) -> None:
    """Re-run only the failed items of a job."""
    session = db.new_session()
    try:
        job = session.get(Job, job_id)
        if job is None:
            raise click.ClickException(f"no job {job_id}")
        count = retry_failed(session, job)
        click.echo(f"job {job_id}: {count} failed items queued again")
        if count and not queue:
            JobRunner(session, services.index_store(), services.model_name(), services.max_article_chars()).run(job_id)
            counts = job.counts(session)
            click.echo(f"job {job_id}: created {counts['created']}, duplicate {counts['duplicate']}, "
                       f"failed {counts['failed']}")
    finally:
        session.close()
