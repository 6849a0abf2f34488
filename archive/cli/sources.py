"""Followed sources from the command line: `archive source add|list|pause|resume|remove|poll`."""
from __future__ import annotations

from contextlib import closing

import click
from flask import current_app
from sqlalchemy import select

from archive import db, services
from archive.cli.group import archive_cli
from archive.errors import ArchiveError
from archive.logic.jobs import JobRunner, runner_name
from archive.logic.polling import poll_due, poll_now
from archive.logic.sources import DEFAULT_EVERY, add_source, change_source, remove_source, source_json
from archive.models import Job, Source


@archive_cli.group("source")
def source_cli() -> None:
    """Follow feeds and sitemaps: each is polled on its interval and what is new is ingested."""


@source_cli.command("add")
@click.argument("url")
@click.option("--every", default=DEFAULT_EVERY, show_default=True, help="Polling interval: 90s, 15m, 2h, 1d.")
@click.option("--name", default=None, help="The `source` of its articles when they name none.")
def add_command(url: str, every: str, name: str | None) -> None:
    """Follow a feed (RSS, Atom, JSON Feed), a news sitemap or a sitemap."""
    with _session() as session:
        try:
            source = add_source(session, url, every, name)
        except ArchiveError as exc:
            raise click.ClickException(exc.message) from None
        click.echo(f"source {source.id}: following {source.url} every {source.every} s")


@source_cli.command("list")
def list_command() -> None:
    """Each source: status, interval, last poll, articles in 24 h, errors."""
    with _session() as session:
        for source in session.scalars(select(Source).order_by(Source.id)):
            shown = source_json(session, source)
            problem = f"  error ({shown['failures']}x): {shown['last_error']}" if shown["last_error"] else ""
            reason = f"  ({shown['paused_reason']})" if shown["paused_reason"] else ""
            click.echo(f"{source.id:>5}  {source.status:<6} every {source.every:>6} s  "
                       f"last poll {shown['last_polled_at'] or 'never'}  {shown['articles_24h']} new in 24 h  "
                       f"{source.url}{reason}{problem}")


@source_cli.command("pause")
@click.argument("source_id", type=int)
def pause_command(source_id: int) -> None:
    """Stop polling a source (until resumed)."""
    with _session() as session:
        change_source(session, _source(session, source_id), paused=True)
        click.echo(f"source {source_id}: paused")


@source_cli.command("resume")
@click.argument("source_id", type=int)
def resume_command(source_id: int) -> None:
    """Poll a paused source again (at once, its failures forgotten)."""
    with _session() as session:
        change_source(session, _source(session, source_id), paused=False)
        click.echo(f"source {source_id}: active")


@source_cli.command("remove")
@click.argument("source_id", type=int)
def remove_command(source_id: int) -> None:
    """Stop following a source; the articles it brought in stay."""
    with _session() as session:
        remove_source(session, _source(session, source_id))
        click.echo(f"source {source_id}: removed")


@source_cli.command("poll")
@click.argument("source_id", type=int, required=False)
def poll_command(source_id: int | None) -> None:
    """Poll one source now (due or not), or every due source, ingest what came in and print it."""
    with _session() as session:
        config, name = current_app.config, runner_name()
        if source_id is not None:
            _source(session, source_id)
            results = [poll_now(session, source_id, config, name)]
        else:
            results = poll_due(session, config, name)
        if not results:
            click.echo("no source is due")
        runner = JobRunner(session, services.index_store(), services.model_name(), services.max_article_chars())
        for result in results:
            line = f"source {result.source_id}: {result.message}"
            if result.job_id is not None:
                runner.run(result.job_id)
                counts = session.get(Job, result.job_id).counts(session)
                line += (f": created {counts['created']}, duplicate {counts['duplicate']}, "
                         f"failed {counts['failed']}")
            click.echo(line)


def _session() -> closing:
    return closing(db.new_session())


def _source(session, source_id: int) -> Source:
    source = session.get(Source, source_id) if source_id < 2**63 else None
    if source is None:
        raise click.ClickException(f"no source {source_id}")
    return source
