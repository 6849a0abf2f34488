"""The rows of `make bench-search` that say how the archive grows (issue 20): the database's size,
each worker's memory (resident and its own, unshared), `archive check`, an export of 100,000 rows
over HTTP, and the targets for the archive's size.

`python -m bench.search.table A.json B.json ...` prints the runs saved with `--json` side by side.
"""
from __future__ import annotations

import subprocess
import time
import urllib.request
from pathlib import Path

from archive import db, services
from archive.index.check import find_drift

EXPORT_ROWS = 100_000
MILLION = 500_000  # from this size on, the targets are issue 20's (a million articles on one node)


def targets(articles: int) -> dict[str, str]:
    """Each measure's target: issue 6's at 100,000 articles, issue 20's at a million."""
    if articles >= MILLION:
        return {"a": "p50 <= 25", "b": "p50 <= 30, p99 <= 150", "c": "", "d": "", "rps": ">= 80",
                "memory": "<= 1024 each", "reindex": ">= 1,000", "node": "<= 1,200"}
    return {"a": "p50 <= 20", "b": "p50 <= 25, p99 <= 100", "c": "p50 <= 20", "d": "p50 <= 20", "rps": ">= 150",
            "memory": "<= 400 each", "reindex": ">= 500", "node": ""}


def database_row(data: Path) -> tuple:
    files = [data / name for name in ("archive.db", "archive.db-wal")]
    size = sum(f.stat().st_size for f in files if f.exists()) / 2**20
    return ("database size (MB)", f"{size:,.0f}", "", "SQLite file and its write-ahead log")


def timed(app, work):
    """(work(session, index store)'s result, seconds) in a session of its own."""
    with app.app_context():
        session = db.new_session()
        start = time.perf_counter()
        try:
            return work(session, services.index_store()), time.perf_counter() - start
        finally:
            session.close()


def check_row(app) -> tuple:
    """`archive check`: the index against the database, every article."""
    report, seconds = timed(app, find_drift)
    return ("archive check (s)", f"{seconds:.1f}", "", report.text()[:80])


def export_row(base: str, rows: int = EXPORT_ROWS) -> tuple:
    """The first `rows` lines of the CSV export of every article, over HTTP, read as they stream."""
    start, seen = time.perf_counter(), -1  # the header
    with urllib.request.urlopen(base + "/api/v1/search.csv", timeout=600) as response:
        first_byte = None
        for _line in response:
            first_byte = first_byte or time.perf_counter() - start
            seen += 1
            if seen >= rows:
                break
    seconds = time.perf_counter() - start
    return (f"export of {seen:,} rows, CSV over HTTP (rows/s)", f"{seen / seconds:,.0f}", "",
            f"{seconds:.1f} s, first byte {first_byte or 0:.2f} s")


def worker_memory() -> str:
    """Resident and unique (private) MB of gunicorn's master and workers: what the workers share
    (the model's pages, memory-mapped index files) counts in the first, not in the second."""
    out = subprocess.run(["ps", "-eo", "pid,args"], capture_output=True, text=True, check=True).stdout
    pids = [int(line.split()[0]) for line in out.splitlines() if "gunicorn" in line and "wsgi:app" in line]
    sizes = sorted(_memory(pid) for pid in pids)
    return " / ".join(f"{rss:.0f} ({own:.0f})" for rss, own in sizes) + " RSS (unique) MB, master + workers"


def _memory(pid: int) -> tuple[float, float]:
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value = line.split(":", 1)
        fields[name] = int(value.split()[0])
    return fields["Rss"] / 1024, (fields["Private_Clean"] + fields["Private_Dirty"]) / 1024
