"""flask --app wsgi archive export FILE.jsonl / import FILE.jsonl: back up and restore."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from archive import db, services
from archive.cli import archive_cli
from archive.logic.backup import export_articles, import_articles


@archive_cli.command("export")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def export_command(path: Path) -> None:
    """Write every article, with what was extracted from it, to a JSON Lines file."""
    session = db.new_session()
    try:
        with path.open("w", encoding="utf-8") as out:
            count = export_articles(session, out)
    finally:
        session.close()
    click.echo(f"exported {count} articles to {path}")


@archive_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_command(path: Path) -> None:
    """Load an export (no re-extraction); articles already present are skipped."""
    session = db.new_session()
    try:
        with path.open(encoding="utf-8") as lines:
            created, duplicates, failures = import_articles(session, services.index_store(), lines)
    finally:
        session.close()
    click.echo(f"imported {created}, skipped {duplicates} as duplicates, failed {len(failures)}")
    for failure in failures:
        click.echo(f"  failed: {failure}", file=sys.stderr)
    if failures:
        raise SystemExit(1)
