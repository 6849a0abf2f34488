"""The backup lines of `make bench-export`: `archive export` of the archive, `archive import` of that
file into an empty archive (articles/s), `archive check` of the restored one, and a second export
compared line by line with the first (same articles, entities, mentions and dates)."""
from __future__ import annotations

import resource
import time
from itertools import zip_longest
from pathlib import Path

from archive import create_app, db, migrate, services
from archive.index.check import find_drift
from archive.logic.backup import export_articles
from archive.logic.restore import import_articles
from archive.settings import database_url


def timed_export(app, path: Path) -> tuple[int, float]:
    started = time.perf_counter()
    with app.app_context(), path.open("w", encoding="utf-8") as out:
        session = db.new_session()
        count = export_articles(session, out)
        session.close()
    return count, time.perf_counter() - started


def cpu_seconds() -> tuple[float, float]:
    """CPU time (user + system) of this process and of its finished children (the index helper)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def first_difference(first: Path, second: Path) -> int | None:
    """The number of the first line that differs, None when the files are the same."""
    with first.open(encoding="utf-8") as one, second.open(encoding="utf-8") as other:
        for number, (line, again) in enumerate(zip_longest(one, other), 1):
            if line != again:
                return number
    return None


def run(app, folder: Path) -> None:
    """Print the export, import, check and round-trip lines; `folder` holds the files and the restored archive."""
    exported = folder / "export.jsonl"
    count, seconds = timed_export(app, exported)
    print(f"archive export: {count:,} articles in {seconds:.1f} s, {count / seconds:,.0f} articles/s, "
          f"{exported.stat().st_size / 2**20:.0f} MB", flush=True)
    target = create_app({"DATA_DIR": str(folder / "restored"), "DATABASE_URL": None, "INDEX_FOLLOW_INTERVAL": 0,
                         "JOB_WORKER": "external"})
    migrate.upgrade(database_url(target.config))
    with target.app_context(), exported.open(encoding="utf-8") as lines:
        session, store = db.new_session(), services.index_store()
        started, (own, children) = time.perf_counter(), cpu_seconds()
        summary = import_articles(session, store, lines)
        seconds = time.perf_counter() - started
        own, children = (now - before for now, before in zip(cpu_seconds(), (own, children), strict=True))
        # CPU seconds too: on a busy machine they show what the import costs, whatever the wall clock says.
        # The CPU-based rate: the two processes' CPU seconds over two cores, what an otherwise idle
        # two-core machine would give (the helper's index writer uses both once storing is done).
        print(f"archive import into an empty archive: {summary.text()} in {seconds:.1f} s, "
              f"{summary.created / seconds:,.0f} articles/s (CPU: {own:.1f} s storing, {children:.1f} s in the "
              f"index helper; {summary.created / max((own + children) / 2, own, 1e-9):,.0f} articles/s "
              f"on two free cores)", flush=True)
        report = find_drift(session, store)
        print("archive check of the restored archive: " + report.text().replace("\n", "; ") +
              f"; {len(store.searcher().reader().leaf_readers())} index segments", flush=True)
        session.close()
    _, seconds = timed_export(target, folder / "again.jsonl")
    difference = first_difference(exported, folder / "again.jsonl")
    print("export of the restored archive: " + ("the same as the first" if difference is None
                                                 else f"differs from line {difference}"), flush=True)
    store.close()
