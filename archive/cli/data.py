"""flask --app wsgi archive migrate / ingest / seed / reindex / sync / check / create-token: the data and its index."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from archive import db, migrate, services
from archive.cli.group import archive_cli
from archive.index.check import find_drift, repair
from archive.index.sync import apply_changes, index_lag, rebuild
from archive.ingest.files import expand, read_items, with_source
from archive.logic.bulk import INGEST_BATCH, BulkIngest
from archive.logic.jobs import create_job
from archive.models import ApiToken, Article
from archive.settings import ROOT, database_url


@archive_cli.command("migrate")
def migrate_command() -> None:
    """Apply the database migrations (create or upgrade the schema); rebuild an index of an older schema."""
    from flask import current_app

    migrate.upgrade(database_url(current_app.config))
    click.echo("database is at the latest schema")
    if services.index_store().outdated():
        click.echo("the search index was written by an older schema: rebuilding it from the database")
        _reindex()


@archive_cli.command("ingest")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--url", "urls", multiple=True, metavar="URL",
              help="A web page, a feed or a wire document to fetch (repeatable).")
@click.option("--source", "source_name", metavar="NAME",
              help="The source of articles that do not name their own (a .txt without a sidecar .json).")
@click.option("--queue", is_flag=True, help="Only record the job; `archive worker` processes ingest it.")
@click.option("--batch-size", default=INGEST_BATCH, show_default=True, help="Articles extracted and indexed together.")
@click.option("--workers", default=2, show_default=True, help="Extraction processes (spaCy uses one core each).")
def ingest_command(paths: tuple[Path, ...], urls: tuple[str, ...], source_name: str | None, queue: bool,
                   batch_size: int, workers: int) -> None:
    """Ingest files and folders (.txt with optional sidecar .json, .json, .jsonl, .html, feeds, wire formats, WARC)
    and web pages or feeds by URL, as one recorded job."""
    if not paths and not urls:
        raise click.UsageError("give files, folders or --url URL")
    kind = "files" if paths else "url"
    bulk = BulkIngest(batch_size=batch_size, workers=workers, kind=kind, created_by="cli")
    source = ", ".join([*map(str, paths), *urls])
    items = with_source(_sources(list(paths), list(urls)), source_name)
    if queue:
        session = db.new_session()
        try:
            job = create_job(session, kind, source, items, created_by="cli")
            click.echo(f"job {job.id}: queued {job.counts(session)['pending']} articles; run `archive worker`")
        finally:
            session.close()
        return
    summary = bulk.run_items(items, source=source, working=_working)
    click.echo(summary.text())
    if summary.failed:
        raise SystemExit(1)


def _sources(paths: list[Path], urls: list[str]):
    if paths:
        limits = services.unpack_limits()
        with _progress(expand(paths)) as files:
            for path in files:
                yield from read_items(path, limits)
    if urls:
        from flask import current_app

        from archive.ingest.fetch import read_url

        for url in urls:
            yield from read_url(url, current_app.config)


def _progress(files: list[Path]):
    return click.progressbar(files, label="Reading", file=sys.stderr,
                             show_pos=True, item_show_func=lambda p: p.name if p else "")


def _working(total: int):
    return click.progressbar(length=total, label="Ingesting", file=sys.stderr, show_pos=True, show_percent=True)


@archive_cli.command("seed")
def seed_command() -> None:
    """Load the sample articles in seeds/ (running it again creates nothing new)."""
    summary = BulkIngest(kind="seed", created_by="cli").run([ROOT / "seeds"], progress=_progress, working=_working)
    click.echo(summary.text())
    if summary.failed:
        raise SystemExit(1)


@archive_cli.command("reindex")
def reindex_command() -> None:
    """Rebuild the search index from the database (no re-extraction)."""
    _reindex()


def _reindex() -> None:
    session = db.new_session()
    try:
        total = session.query(Article).count()
        with click.progressbar(length=total, label="Reindexing", file=sys.stderr,
                               show_pos=True) as bar:
            count = rebuild(session, services.index_store(), progress=bar.update)
    finally:
        session.close()
    click.echo(f"reindexed {count} articles")


@archive_cli.command("sync")
def sync_command() -> None:
    """Apply logged changes the index has not seen yet."""
    session = db.new_session()
    try:
        applied = apply_changes(session, services.index_store())
        click.echo(f"applied {applied} changes; index lag is now {index_lag(session, services.index_store())}")
    finally:
        session.close()


@archive_cli.command("check")
@click.option("--repair", "fix", is_flag=True, help="Re-index missing and stale articles, delete orphans.")
def check_command(fix: bool) -> None:
    """Compare the index with the database; exit 1 on drift (0 once --repair has fixed it)."""
    session = db.new_session()
    try:
        report = find_drift(session, services.index_store())
        click.echo(report.text())
        if fix and not report.clean:
            report = repair(session, services.index_store(), report)
            click.echo("after repair: " + report.text())
    finally:
        session.close()
    if not report.clean:
        raise SystemExit(1)


@archive_cli.command("create-token")
@click.argument("name")
def create_token_command(name: str) -> None:
    """Create an admin API token and print it (it is stored hashed and shown only now)."""
    session = db.new_session()
    try:
        _token, plain = ApiToken.issue(session, name)
        session.commit()
    finally:
        session.close()
    click.echo(plain)
