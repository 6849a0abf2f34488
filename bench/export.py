"""python -m bench.export: stream search exports of the 100,000-article archive, rows/s and memory.

The archive built by `make bench-search` (var/bench/search-100000) is only read: its
database (SQLite backup API, from a read-only connection) and its index are copied to a
temporary folder, which is migrated to the current schema and served by the real app.
Each export (CSV and JSON Lines of every article, and of one common query) is streamed
through Flask's test client piece by piece; rows are counted as they arrive, and the
process's resident memory is read at the start, after 10,000 rows and at the end, to
show that it does not grow with the number of rows. Then the backup (bench/restore.py): the copy
is exported with `archive export`, imported into an empty archive (articles/s), checked for
drift, and exported again to compare.
"""
from __future__ import annotations

import argparse
import csv
import io
import resource
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

from sqlalchemy import inspect, text

from archive import ROOT, create_app, db, migrate, services
from archive.index.sync import index_lag, rebuild
from archive.models import Base
from archive.settings import database_url
from bench import restore

CHECKPOINT = 10_000
PAGE_BYTES = resource.getpagesize()


def rss_mb() -> float:
    """Resident memory of this process now (not the peak), in MB."""
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * PAGE_BYTES / 2**20


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def copy_archive(source: Path, target: Path) -> None:
    """A private copy: the source folder is opened read-only and never written."""
    target.mkdir(parents=True)
    # With no write-ahead log beside it the file is the whole database: read it as immutable, which
    # creates no -shm or -wal file in the source folder.
    immutable = "&immutable=1" if not (source / "archive.db-wal").exists() else ""
    original = sqlite3.connect(f"file:{source / 'archive.db'}?mode=ro{immutable}", uri=True)
    copy = sqlite3.connect(target / "archive.db")
    original.backup(copy)
    original.close()
    copy.close()
    shutil.copytree(source / "index", target / "index")
    shutil.copy(source / "secret_key", target / "secret_key")


def align_schema(app) -> list[str]:
    """Add (empty) any column the models map but the copy lacks: an archive migrated before a
    migration was edited in place has its revision but not its columns. Only the copy changes."""
    added = []
    with app.app_context():
        engine = app.extensions["archive.engine"]
        present = {table: {c["name"] for c in inspect(engine).get_columns(table)}
                   for table in inspect(engine).get_table_names()}
        with engine.begin() as connection:
            for table in Base.metadata.sorted_tables:
                for column in table.columns:
                    if table.name in present and column.name not in present[table.name]:
                        kind = column.type.compile(engine.dialect)
                        connection.execute(text(f'ALTER TABLE {table.name} ADD COLUMN "{column.name}" {kind}'))
                        added.append(f"{table.name}.{column.name}")
    return added


def count_rows(piece: str, extension: str) -> int:
    """Rows in one piece of the body (pieces end at a row's end)."""
    if extension == "jsonl":
        return piece.count("\n")
    return sum(1 for _row in csv.reader(io.StringIO(piece)))


def stream(client, path: str, extension: str) -> dict:
    start_rss, start = rss_mb(), time.perf_counter()
    response = client.get(path, buffered=False)
    assert response.status_code == 200, (path, response.status_code)
    first_byte = None
    rows, size, at_checkpoint = 0, 0, None
    for chunk in response.response:
        if first_byte is None:
            first_byte = time.perf_counter() - start
        piece = chunk.decode("utf-8")
        size += len(chunk)
        rows += count_rows(piece, extension)
        if at_checkpoint is None and rows >= CHECKPOINT:
            at_checkpoint = rss_mb()
    response.close()
    seconds = time.perf_counter() - start
    rows -= extension == "csv"  # the header
    return {"rows": rows, "seconds": seconds, "first_byte": first_byte or seconds, "mb": size / 2**20,
            "rss_start": start_rss, "rss_10k": at_checkpoint, "rss_end": rss_mb()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=ROOT / "var" / "bench" / "search-100000",
                        help="a built archive (only read)")
    parser.add_argument("--query", default="government", help="the common query also exported")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "archive"
        started = time.perf_counter()
        copy_archive(args.data, copy)
        print(f"copied {args.data} in {time.perf_counter() - started:.0f} s", flush=True)
        # No background index following or job thread: the exports are all this process does.
        app = create_app({"DATA_DIR": str(copy), "DATABASE_URL": None, "INDEX_FOLLOW_INTERVAL": 0,
                          "JOB_WORKER": "external"})
        migrate.upgrade(database_url(app.config))
        for column in align_schema(app):
            print(f"note: the archive lacks {column}; added empty to the copy", flush=True)
        ensure_index(app)
        run(app, args.query)
        restore.run(app, Path(folder))


def ensure_index(app) -> None:
    """Rebuild the copy's index (no extraction) when it does not hold every article: one built with an
    older schema is recreated empty on open, and replaying the change log one article at a time is slow."""
    with app.app_context():
        session, store = db.new_session(), services.index_store()
        articles = session.execute(text("select count(*) from articles")).scalar()
        if store.doc_count() != articles or index_lag(session, store):
            started = time.perf_counter()
            print(f"the index holds {store.doc_count():,} of {articles:,} articles: rebuilding the copy's ...",
                  flush=True)
            rebuild(session, store)
            print(f"rebuilt in {time.perf_counter() - started:.0f} s", flush=True)
        session.close()


def run(app, query: str) -> None:
    client = app.test_client()
    with app.app_context():
        total = db.new_session().execute(text("select count(*) from articles")).scalar()
    stream(client, "/api/v1/search.csv?q=zebra+crossing", "csv")  # warm: searcher, columns, id column
    print(f"{total:,} articles; rss after warm-up {rss_mb():.0f} MB, peak so far {peak_mb():.0f} MB", flush=True)
    print(f"{'export':34} {'rows':>8} {'rows/s':>8} {'MB':>6} {'1st byte s':>10} "
          f"{'RSS start':>9} {'at 10k':>7} {'end':>7} {'peak':>7}")
    for label, path, extension in (("all articles, CSV", "/api/v1/search.csv", "csv"),
                                   ("all articles, JSON Lines", "/api/v1/search.jsonl", "jsonl"),
                                   (f"q={query}, CSV", f"/api/v1/search.csv?q={query}", "csv"),
                                   (f"q={query}, JSON Lines", f"/api/v1/search.jsonl?q={query}", "jsonl")):
        r = stream(client, path, extension)
        at_10k = f"{r['rss_10k']:.0f}" if r["rss_10k"] is not None else "-"
        print(f"{label:34} {r['rows']:>8,} {r['rows'] / r['seconds']:>8,.0f} {r['mb']:>6.0f} {r['first_byte']:>10.2f} "
              f"{r['rss_start']:>9.0f} {at_10k:>7} {r['rss_end']:>7.0f} {peak_mb():>7.0f}", flush=True)
    print("RSS in MB (resident now; peak = the process's highest so far)")


if __name__ == "__main__":
    main()
