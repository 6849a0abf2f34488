"""Following sources at scale: local feeds polled by `archive worker` processes.

`make bench-sources` (beside a throwaway PostgreSQL, through scripts/with-postgres.sh; SQLite without
ARCHIVE_TEST_DATABASE_URL): the local site of the tests (tests/sources/site.py) serves --feeds RSS
feeds of --entries BBC entries each (with ETags, answering 304 when unchanged); the sources are added,
--workers workers poll and ingest them. Prints progress every 10 s as it goes, then entries/s for the first polls, the requests of a poll with nothing new (target:
one conditional request per source, a 304), and how long a new entry takes to be searchable
(target: within the polling interval plus 5 s).
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, func, select, update
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from archive import ROOT, create_app
from archive.logic.sources import add_source
from archive.models import Article, JobItem, Source
from archive.models.job import FAILED, FINISHED
from bench.search.corpus import bbc
from bench.workers import fresh_database
from tests.sources.site import Site

BIN = Path(sys.executable).parent
PROGRESS = 10.0  # seconds between progress lines


def feeds(count: int, per_feed: int) -> list[list[tuple[str, str]]]:
    """`count` feeds of `per_feed` (title, body) BBC entries; each body is made unique by its place."""
    texts = bbc()
    return [[(texts[(f * per_feed + n) % len(texts)]["title"],
              f"{texts[(f * per_feed + n) % len(texts)]['body']} (Feed {f}, item {n}.)") for n in range(per_feed)]
            for f in range(count)]


def requests(site: Site) -> tuple[int, int]:
    """All requests the site has answered so far, and how many of them were 304."""
    not_modified = sum(n for path, n in site.seen.items() if path.startswith("304 "))
    return sum(site.seen.values()) - not_modified, not_modified


class Run:
    """The running benchmark: the site, the database, the workers (their stderr in a log file)."""

    def __init__(self, args, site: Site, folder: Path, url: str):
        self.args, self.site, self.folder, self.url = args, site, folder, url
        self.engine = create_engine(url, poolclass=NullPool)
        self.logs = folder / "workers.log"
        self.workers: list[subprocess.Popen] = []

    def start_workers(self, env: dict) -> None:
        with self.logs.open("w") as log:
            self.workers = [subprocess.Popen([BIN / "flask", "--app", "wsgi", "archive", "worker"], cwd=ROOT, env=env,
                                             stdout=subprocess.DEVNULL, stderr=log) for _ in range(self.args.workers)]
        # Each loads spaCy before it claims anything: the timing starts with the first poll.
        self.wait(lambda: self.logs.read_text().count("waiting for jobs") >= len(self.workers), 600, "workers ready")

    def wait(self, check, limit: float, what: str, progress=None) -> float:
        """Seconds until check() is true; SystemExit past `limit` or when a worker stops.
        `progress()` (a line) is printed every PROGRESS seconds meanwhile."""
        started = shown = time.monotonic()
        while not check():
            now = time.monotonic()
            if now - started > limit or any(worker.poll() is not None for worker in self.workers):
                tail = "\n".join(self.logs.read_text().splitlines()[-20:]) if self.logs.exists() else ""
                raise SystemExit(f"{what}: gave up after {now - started:.0f} s\n{tail}")
            if progress and now - shown >= PROGRESS:
                print(f"  {now - started:6.0f} s  {progress()}", flush=True)
                shown = now
            time.sleep(0.2)
        return time.monotonic() - started

    def stored(self) -> int:
        with self.engine.connect() as connection:
            return connection.scalar(select(func.count()).select_from(Article))

    def finished(self) -> int:
        """Entries the workers are done with: stored, duplicate or failed."""
        with self.engine.connect() as connection:
            return connection.scalar(select(func.count()).select_from(JobItem).where(JobItem.status.in_(FINISHED)))

    def failures(self) -> Counter:
        with self.engine.connect() as connection:
            return Counter(connection.scalars(select(JobItem.reason).where(JobItem.status == FAILED)))

    def close(self) -> None:
        for worker in self.workers:
            worker.terminate()
            worker.wait()
        self.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--entries", type=int, default=100, help="Entries per feed")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--every", type=int, default=60, help="Polling interval, seconds")
    args = parser.parse_args()
    site = Site(feeds(args.feeds, args.entries))
    with tempfile.TemporaryDirectory(prefix="bench-sources-") as tmp:
        folder = Path(tmp)
        url = fresh_database(folder)
        env = {**os.environ, "ARCHIVE_DATA_DIR": str(folder), "ARCHIVE_DATABASE_URL": url,
               "ARCHIVE_FETCH_ALLOW_PRIVATE": "true", "ARCHIVE_SOURCE_HOST_DELAY": "0"}
        subprocess.run([BIN / "flask", "--app", "wsgi", "archive", "migrate"], cwd=ROOT, env=env, check=True,
                       capture_output=True)
        run = Run(args, site, folder, url)
        try:
            with Session(run.engine) as session:
                for number in range(args.feeds):
                    add_source(session, f"{site.base}/feed{number}.rss", "1m")
                session.execute(update(Source).values(every=args.every, next_poll_at=datetime(2999, 1, 1)))
                session.commit()
            run.start_workers(env)
            print(f"{args.workers} workers ready; polling {args.feeds} feeds of {args.entries} entries", flush=True)
            first_polls(run)
            unchanged_poll(run)
            time_to_searchable(run)
        finally:
            run.close()
            site.close()


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def first_polls(run: Run) -> None:
    """Every source due at once: all entries are new."""
    total = run.args.feeds * run.args.entries
    with run.engine.begin() as connection:
        connection.execute(update(Source).values(next_poll_at=_now()))
    started = time.monotonic()

    def progress() -> str:
        count, done = run.stored(), run.finished()
        return (f"{count} of {total} entries stored ({done - count} duplicate or failed), "
                f"{count / (time.monotonic() - started):.1f} entries/s")

    # Done when every entry is: an entry that fails (say, the extractor raising) must not stall the run.
    seconds = run.wait(lambda: run.finished() >= total, 3600, "first polls", progress)
    stored = run.stored()
    print(f"{run.args.feeds} feeds x {run.args.entries} entries, {run.args.workers} workers: {stored} of {total} "
          f"entries stored in {seconds:.1f} s = {stored / seconds:.1f} entries/s ({requests(run.site)[0]} requests)",
          flush=True)
    for reason, count in run.failures().most_common():
        print(f"  {count} failed: {reason}", flush=True)


def unchanged_poll(run: Run) -> None:
    """Every source due again with nothing new: the target is one conditional request (a 304) each."""
    # The sources' own polls (every --every seconds) go on meanwhile: let those in flight end first,
    # so that the requests counted are those of this one poll of each source.
    with run.engine.begin() as connection:
        connection.execute(update(Source).values(next_poll_at=datetime(2999, 1, 1)))

    def claimed() -> int:
        with run.engine.connect() as connection:
            return connection.scalar(select(func.count()).select_from(Source).where(Source.claimed_by.is_not(None)))

    run.wait(lambda: not claimed(), 120, "polls in flight")
    before, polled_at = requests(run.site), _now()
    with run.engine.begin() as connection:
        connection.execute(update(Source).values(next_poll_at=polled_at))

    def left() -> int:
        with run.engine.connect() as connection:
            return connection.scalar(select(func.count()).select_from(Source).where(Source.last_polled_at < polled_at))

    run.wait(lambda: not left(), 120, "the poll with nothing new", lambda: f"{left()} sources not polled yet")
    after = requests(run.site)
    sent, not_modified = after[0] - before[0], after[1] - before[1]
    print(f"a poll with nothing new: {sent / run.args.feeds:.2f} requests per source, "
          f"{not_modified} of {sent} answered 304 (target: 1 conditional request per source)", flush=True)


def time_to_searchable(run: Run) -> None:
    """A new entry in one feed: seconds until a search finds it (the index caught up first, as a
    web node following the change log would have)."""
    app = create_app({"DATA_DIR": str(run.folder), "DATABASE_URL": run.url, "INDEX_FOLLOW_INTERVAL": 0,
                      "JOB_WORKER": "external", "PRELOAD_MODEL": False})
    client = app.test_client()
    started = time.monotonic()
    client.get("/api/v1/search?q=anything")
    print(f"(the index caught up with the database in {time.monotonic() - started:.1f} s)", flush=True)
    run.site.feeds[0].append(("Benchmark marker", "Quarzelbench flooded the valley of Oxford on Tuesday, "
                              "officials in London said."))
    every, added_at = run.args.every, _now()
    seconds = run.wait(lambda: client.get("/api/v1/search?q=Quarzelbench").get_json()["total"] > 0, every + 60,
                       "the new entry", lambda: "not searchable yet")
    with run.engine.connect() as connection:
        polled_at = connection.scalar(select(Source.last_polled_at).where(Source.url.endswith("/feed0.rss")))
    after_poll = seconds - (polled_at - added_at).total_seconds()
    print(f"a new entry was searchable after {seconds:.1f} s: its feed was polled {seconds - after_poll:.1f} s "
          f"after it appeared, and it was searchable {after_poll:.1f} s after that poll started "
          f"(target: within the {every} s interval + 5 s, so at most {every + after_poll:.1f} s)", flush=True)
    app.extensions["archive.index"].close()
    app.extensions["archive.engine"].dispose()


if __name__ == "__main__":
    main()
