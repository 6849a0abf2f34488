"""flask --app wsgi archive export FILE.jsonl / import FILE.jsonl: back up and restore."""
from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from archive import db, services
from archive.cli.group import archive_cli
from archive.logic.backup import export_articles
from archive.logic.restore import IMPORT_BATCH, import_articles


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
@click.option("--batch-size", default=IMPORT_BATCH, show_default=True, type=click.IntRange(min=1),
              help="Articles stored in one transaction and indexed together.")
def import_command(path: Path, batch_size: int) -> None:
    """Load an export (no re-extraction); articles already present are skipped."""
    session = db.new_session()
    started = time.perf_counter()
    try:
        with path.open(encoding="utf-8") as lines:
            total = sum(1 for _line in lines)
            lines.seek(0)
            with click.progressbar(length=total, label="Importing", file=sys.stderr, show_pos=True) as bar:
                summary = import_articles(session, services.index_store(), lines, batch_size, bar.update)
    finally:
        session.close()
    seconds = time.perf_counter() - started
    click.echo(f"{summary.text()} in {seconds:.1f} s ({summary.created / seconds:.0f} articles/s)")
    for failure in summary.failures:
        click.echo(f"  failed: {failure}", file=sys.stderr)
    if summary.failures:
        raise SystemExit(1)
