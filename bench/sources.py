"""Following sources at scale: local feeds polled by `archive worker` processes.

`make bench-sources` (beside a throwaway PostgreSQL, through scripts/with-postgres.sh; SQLite without
ARCHIVE_TEST_DATABASE_URL): a server on 127.0.0.1 serves --feeds RSS feeds of --entries BBC entries
each (with ETags, answering 304 when unchanged); the sources are added, --workers workers poll and
ingest them. Prints entries/s for the first polls, the requests of a poll with nothing new (target:
one conditional request per source, a 304), and how long a new entry takes to be searchable
(target: within the polling interval plus 5 s).
"""
from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from email.utils import format_datetime
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

from sqlalchemy import create_engine, func, select, update
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from archive import ROOT, create_app
from archive.logic.sources import add_source
from archive.models import Article, Source
from bench.search.corpus import bbc
from bench.workers import fresh_database

BIN = Path(sys.executable).parent


class Feeds(BaseHTTPRequestHandler):
    def do_GET(self):
        number = int(self.path.strip("/").split(".")[0].removeprefix("feed"))
        body = self.server.feed(number)
        etag = '"' + hashlib.sha256(body).hexdigest()[:20] + '"'
        with self.server.lock:
            self.server.seen["requests"] += 1
        if self.headers.get("If-None-Match") == etag:
            with self.server.lock:
                self.server.seen["304"] += 1
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass


class Server(ThreadingHTTPServer):
    def __init__(self, entries: list[list[dict]]):
        super().__init__(("127.0.0.1", 0), Feeds)
        self.entries, self.lock, self.seen = entries, threading.Lock(), Counter()
        self.base = f"http://127.0.0.1:{self.server_address[1]}"

    def feed(self, number: int) -> bytes:
        items = "".join(f"<item><title>{escape(e['title'])}</title><guid>f{number}-{n}</guid>"
                        f"<link>{self.base}/story/{number}/{n}</link><description>{escape(e['body'])}</description>"
                        f"<pubDate>{format_datetime(e['date'])}</pubDate></item>"
                        for n, e in enumerate(self.entries[number]))
        return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {number}</title>'
                f"<link>{self.base}/</link>{items}</channel></rss>").encode()


def entries(feeds: int, per_feed: int) -> list[list[dict]]:
    texts, start = bbc(), datetime(2024, 1, 1, tzinfo=UTC)
    return [[{"title": texts[(f * per_feed + n) % len(texts)]["title"],
              "body": f"{texts[(f * per_feed + n) % len(texts)]['body']} (Feed {f}, item {n}.)",
              "date": start + timedelta(minutes=f * per_feed + n)} for n in range(per_feed)]
            for f in range(feeds)]


def wait(check, limit: float, step: float = 0.2) -> float:
    """Seconds until check() is true (SystemExit past `limit`)."""
    started = time.monotonic()
    while not check():
        if time.monotonic() - started > limit:
            raise SystemExit(f"gave up after {limit} s")
        time.sleep(step)
    return time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--entries", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--every", type=int, default=60, help="Polling interval, seconds")
    args = parser.parse_args()
    server = Server(entries(args.feeds, args.entries))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with tempfile.TemporaryDirectory(prefix="bench-sources-") as tmp:
        folder = Path(tmp)
        url = fresh_database(folder)
        env = {**os.environ, "ARCHIVE_DATA_DIR": str(folder), "ARCHIVE_DATABASE_URL": url,
               "ARCHIVE_FETCH_ALLOW_PRIVATE": "true", "ARCHIVE_SOURCE_HOST_DELAY": "0"}
        subprocess.run([BIN / "flask", "--app", "wsgi", "archive", "migrate"], cwd=ROOT, env=env, check=True,
                       capture_output=True)
        engine = create_engine(url, poolclass=NullPool)
        with Session(engine) as session:
            for number in range(args.feeds):
                add_source(session, f"{server.base}/feed{number}.rss", "1m")
            session.execute(update(Source).values(every=args.every, next_poll_at=datetime(2999, 1, 1)))
            session.commit()
        workers = [subprocess.Popen([BIN / "flask", "--app", "wsgi", "archive", "worker"], cwd=ROOT,
                                    env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
                   for _ in range(args.workers)]
        try:
            for worker in workers:  # each has loaded spaCy: the timing starts with the first poll
                while "waiting for jobs" not in (line := worker.stderr.readline()):
                    if not line:
                        raise SystemExit("a worker stopped before it was ready")
            with engine.begin() as connection:
                connection.execute(update(Source).values(next_poll_at=datetime.now(UTC).replace(tzinfo=None)))
            report(args, server, engine, folder, url)
        finally:
            for worker in workers:
                worker.terminate()
                worker.wait()
            server.shutdown()


def report(args, server: Server, engine, folder: Path, url: str) -> None:
    total = args.feeds * args.entries

    def stored() -> int:
        with engine.connect() as connection:
            return connection.scalar(select(func.count()).select_from(Article))

    seconds = wait(lambda: stored() >= total, 3600, 1.0)
    print(f"{args.feeds} feeds x {args.entries} entries, {args.workers} workers: {total} entries in "
          f"{seconds:.1f} s = {total / seconds:.1f} entries/s ({server.seen['requests']} requests)")

    before, polled_at = Counter(server.seen), datetime.now(UTC).replace(tzinfo=None)
    with engine.begin() as connection:
        connection.execute(update(Source).values(next_poll_at=polled_at))

    def all_polled() -> bool:
        with engine.connect() as connection:
            return not connection.scalar(select(func.count()).select_from(Source)
                                         .where(Source.last_polled_at < polled_at))

    wait(all_polled, 120)
    requests, not_modified = server.seen["requests"] - before["requests"], server.seen["304"] - before["304"]
    print(f"a poll with nothing new: {requests / args.feeds:.2f} requests per source, "
          f"{not_modified} of {requests} answered 304 (target: 1 conditional request per source)")

    server.entries[0].append({"title": "Benchmark marker", "body": "Quarzelbench flooded the valley of "
                              "Oxford on Tuesday, officials in London said.", "date": datetime.now(UTC)})
    app = create_app({"DATA_DIR": str(folder), "DATABASE_URL": url, "INDEX_FOLLOW_INTERVAL": 0,
                      "JOB_WORKER": "external", "PRELOAD_MODEL": False})
    client = app.test_client()
    seconds = wait(lambda: client.get("/api/v1/search?q=Quarzelbench").get_json()["total"] > 0,
                   args.every + 60)
    print(f"a new entry was searchable after {seconds:.1f} s (target: within the {args.every} s interval + 5 s)")


if __name__ == "__main__":
    main()
