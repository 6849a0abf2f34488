"""A node back after a day down (issue 20): how long its index takes to apply the changes it
missed, and what readers see meanwhile.

Builds under var/bench/follower/ an archive of the first lines of an export (database and index),
keeps a copy of its index, imports the last `--changes` lines (one logged change each, as a busy
day of ingestion leaves them), then puts the old index back: the database is a day ahead of the
index. A real gunicorn then starts on that folder, and while its workers' followers apply the log,
readers search it. Printed: how long until `/healthz` says `index_lag` 0 (and changes/s), search
latency during the catch-up and after, the totals readers saw (each answer from one committed
index: totals only grow, a step per writer of COMMIT_CHANGES changes) and any error.

    python -m bench.follower [--export FILE] [--changes 50000] [--workers 2]

Without --export, the bench-search archive (var/bench/search-100000) is exported first.
"""
from __future__ import annotations

import argparse
import http.client
import json
import shutil
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from archive import ROOT, create_app, db, migrate, services
from archive.index.sync import COMMIT_CHANGES
from archive.logic.restore import import_articles
from archive.settings import database_url
from bench.reliability.server import Server, health
from bench.restore import timed_export
from bench.search.http import summarize

FOLDER = ROOT / "var" / "bench" / "follower"
ARCHIVE = ROOT / "var" / "bench" / "search-100000"
QUERIES = ["/api/v1/search?q=government&per_page=20", "/api/v1/search?q=*&per_page=20",
           "/api/v1/search?q=minister+said&per_page=20", "/api/v1/search?q=market&per_page=20"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--export", type=Path, help="an `archive export` file (default: export the bench archive)")
    parser.add_argument("--changes", type=int, default=50_000, help="changes the node missed (default 50,000)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers of the node")
    args = parser.parse_args()
    FOLDER.mkdir(parents=True, exist_ok=True)
    lines = _export_lines(args.export)
    if len(lines) <= args.changes:
        raise SystemExit(f"the export has {len(lines):,} lines: fewer than --changes {args.changes:,}")
    node = FOLDER / "node"
    _build_behind(node, lines[:-args.changes], lines[-args.changes:])
    _catch_up(node, args.changes, args.workers)


def _export_lines(path: Path | None) -> list[str]:
    if path is None:
        path = FOLDER / "export.jsonl"
        if not path.exists():
            app = create_app({"DATA_DIR": str(ARCHIVE), "DATABASE_URL": None, "INDEX_FOLLOW_INTERVAL": 0,
                              "JOB_WORKER": "external"})
            count, seconds = timed_export(app, path)
            print(f"exported {count:,} articles of {ARCHIVE} in {seconds:.0f} s", flush=True)
    with path.open(encoding="utf-8") as lines:
        return list(lines)


def _build_behind(node: Path, first: list[str], day: list[str]) -> None:
    """The node's folder: a database with every line, an index that has seen only `first`."""
    shutil.rmtree(node, ignore_errors=True)
    app = create_app({"DATA_DIR": str(node), "DATABASE_URL": None, "INDEX_FOLLOW_INTERVAL": 0,
                      "JOB_WORKER": "external"})
    migrate.upgrade(database_url(app.config))
    stale = node.parent / "index-before"
    with app.app_context():
        for label, lines in (("before the day", first), ("the day", day)):
            session, store = db.new_session(), services.index_store()
            started = time.perf_counter()
            summary = import_articles(session, store, lines)
            print(f"imported {label}: {summary.text()} in {time.perf_counter() - started:.0f} s", flush=True)
            session.close()
            store.close()
            if label == "before the day":
                shutil.rmtree(stale, ignore_errors=True)
                shutil.copytree(node / "index", stale)
    shutil.rmtree(node / "index")
    stale.rename(node / "index")


def _catch_up(node: Path, changes: int, workers: int) -> None:
    server = Server(node, workers)
    started = time.monotonic()
    server.start()
    try:
        first = server.wait(seconds=600)
        if first is None:
            raise SystemExit("the node did not answer /healthz:\n" + server.log_text()[-3000:])
        ready = time.monotonic() - started
        print(f"node answering after {ready:.1f} s with index_lag {first['index_lag']:,}", flush=True)
        seen: list[tuple[float, int, float, int]] = []  # (seconds since start, status, ms, total)
        stop = threading.Event()
        readers = [threading.Thread(target=_read, args=(server.base, QUERIES[n::2], started, seen, stop))
                   for n in range(2)]
        for reader in readers:
            reader.start()
        caught = _wait_in_step(server.base, started)
        time.sleep(10)  # readers go on against the caught-up index, for comparison
        stop.set()
        after = time.monotonic() - started
        for reader in readers:
            reader.join()
    finally:
        server.stop()
    _report(changes, ready, caught, after, seen)


def _read(base: str, paths: list[str], started: float, seen: list, stop: threading.Event) -> None:
    """Search in a loop, recording each answer's status, time and total (newest-first queries)."""
    parts = urlsplit(base)
    connection, turn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120), 0
    while not stop.is_set():
        path = paths[turn % len(paths)]
        turn += 1
        begun = time.perf_counter()
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            body, status = response.read(), response.status
        except (http.client.HTTPException, ConnectionError):
            connection.close()
            body, status = b"", 599
        ms = (time.perf_counter() - begun) * 1000
        newest = status == 200 and path.startswith("/api/v1/search?q=*")
        seen.append((time.monotonic() - started, status, ms, json.loads(body)["total"] if newest else -1))


def _wait_in_step(base: str, started: float) -> float | None:
    """Seconds since start until index_lag is 0, or None after 30 minutes."""
    deadline = time.monotonic() + 1800
    while time.monotonic() < deadline:
        doc = health(base)
        if doc and doc["index_lag"] == 0:
            return time.monotonic() - started
        time.sleep(0.25)
    return None


def _report(changes: int, ready: float, caught: float | None, after: float, seen: list) -> None:
    if caught is None:
        print("the index did not catch up within 30 minutes")
        return
    during = [ms for at, status, ms, _total in seen if at <= caught and status == 200]
    later = [ms for at, status, ms, _total in seen if at > caught and status == 200]
    errors = sum(status >= 400 for _at, status, _ms, _total in seen)
    totals = [total for _at, _status, _ms, total in seen if total >= 0]
    steps = sum(1 for one, two in zip(totals, totals[1:]) if two != one)
    shrank = sum(1 for one, two in zip(totals, totals[1:]) if two < one)
    print(f"caught up {changes:,} changes in {caught - ready:.1f} s after answering "
          f"({changes / max(caught - ready, 1e-9):,.0f} changes/s; {caught:.1f} s from start)")
    for label, times in (("during the catch-up", during), ("after it", later)):
        if times:
            figures = summarize(times)
            print(f"search {label}: p50 {figures['p50']:.1f} ms, p95 {figures['p95']:.1f}, p99 {figures['p99']:.1f} "
                  f"({figures['n']:,} requests)")
    if totals:
        print(f"readers saw the newest-first total go from {totals[0]:,} to {totals[-1]:,} in {steps} steps "
              f"(writers of {COMMIT_CHANGES:,} changes), {shrank} times smaller than before; {errors} errors")
    print(f"(searching went on {after - caught:.0f} s after the catch-up)")


if __name__ == "__main__":
    main()
