"""flask --app wsgi archive re-extract [--all | --since DATE | --ids 1,2,3]: bring stored articles
up to date with the current extraction rules (admins' merges, renames and rejects still win)."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import click
from flask import current_app

from archive import db, services
from archive.cli.group import archive_cli
from archive.logic.reextract import BATCH, STATE_FILE, Selection, article_ids, re_extract, resume_after


@archive_cli.command("re-extract")
@click.option("--all", "everything", is_flag=True, help="Every stored article.")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), help="Articles stored on or after this day.")
@click.option("--ids", help="Article ids, separated by commas or spaces.")
@click.option("--batch-size", default=BATCH, show_default=True, type=click.IntRange(1, 1000),
              help="Articles extracted and committed together.")
def re_extract_command(everything: bool, since, ids: str | None, batch_size: int) -> None:
    """Re-run extraction on stored articles, in batches through the change log (the index follows).

    A killed run resumes after the last finished batch when started again with the same choice."""
    selection = _selection(everything, since, ids)
    state = Path(current_app.config["DATA_DIR"]) / STATE_FILE
    session = db.new_session()
    try:
        after = resume_after(state, selection)
        if after:
            click.echo(f"resuming after article {after}", err=True)
        todo = article_ids(session, selection, after)
        with click.progressbar(length=len(todo), label="Re-extracting", file=sys.stderr, show_pos=True) as bar:
            done = re_extract(session, services.index_store(), todo, services.model_name(), state, selection,
                              batch_size, bar.update)
    finally:
        session.close()
    click.echo(f"re-extracted {done} articles")


def _selection(everything: bool, since, ids: str | None) -> Selection:
    if sum(bool(choice) for choice in (everything, since, ids)) != 1:
        raise click.UsageError("give exactly one of --all, --since DATE or --ids 1,2,3")
    if ids is not None:
        parts = [part for part in re.split(r"[,\s]+", ids) if part]
        if not parts or not all(part.isdigit() and len(part) < 19 for part in parts):
            raise click.BadParameter("article ids are whole numbers separated by commas", param_hint="--ids")
        return Selection(ids=tuple(sorted({int(part) for part in parts})))
    return Selection(all=everything, since=since.date().isoformat() if since else None)
