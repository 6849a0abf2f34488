"""Ingestion throughput of one queued job with 1 and with 2 `archive worker` processes.

Run beside a throwaway PostgreSQL (`make bench-workers`, through scripts/with-postgres.sh):
each round gets a fresh database, queues the same BBC articles with `archive ingest --queue`,
starts the workers (each loads spaCy before claiming), and times the job from its first claim
to its last item. Without ARCHIVE_TEST_DATABASE_URL it runs on a SQLite file.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from archive import ROOT
from archive.models import Job
from bench.search.corpus import bbc

BIN = Path(sys.executable).parent


def fresh_database(folder: Path) -> str:
    server = os.environ.get("ARCHIVE_TEST_DATABASE_URL")
    if not server:
        return f"sqlite:///{folder / 'archive.db'}"
    name = f"bench_workers_{uuid.uuid4().hex[:12]}"
    engine = create_engine(server, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with engine.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    return make_url(server).set(database=name).render_as_string(hide_password=False)


def cli(env: dict, *args: str) -> str:
    return subprocess.run([BIN / "flask", "--app", "wsgi", "archive", *args], cwd=ROOT, env=env,
                          check=True, capture_output=True, text=True).stdout


def round_(articles: list[dict], workers: int, batch_size: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-workers-") as tmp:
        folder = Path(tmp)
        url = fresh_database(folder)
        env = {**os.environ, "ARCHIVE_DATA_DIR": str(folder), "ARCHIVE_DATABASE_URL": url}
        source = folder / "articles.jsonl"
        source.write_text("".join(json.dumps(a) + "\n" for a in articles))
        cli(env, "migrate")
        cli(env, "ingest", str(source), "--queue")
        processes = [subprocess.Popen([BIN / "flask", "--app", "wsgi", "archive", "worker", "--until-idle",
                                       "--batch-size", str(batch_size)], cwd=ROOT, env=env,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                     for _ in range(workers)]
        for process in processes:
            if process.wait() != 0:
                raise SystemExit(f"a worker exited with {process.returncode}")
        engine = create_engine(url, poolclass=NullPool)
        with engine.connect() as connection:
            job = connection.execute(select(Job.started_at, Job.finished_at)).one()
            created = connection.scalar(text("select count(*) from articles"))
            claimers = connection.scalar(text("select count(distinct claimed_by) from ingest_job_items"))
        seconds = (job.finished_at - job.started_at).total_seconds()
        words = sum(len(a["body"].split()) for a in articles)
        return {"workers": workers, "articles": created, "seconds": seconds, "claimers": claimers,
                "articles_per_s": created / seconds, "words_per_s": words / seconds}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args()
    articles = bbc()[:args.articles]
    database = "PostgreSQL" if os.environ.get("ARCHIVE_TEST_DATABASE_URL") else "SQLite"
    print(f"{len(articles)} BBC articles, {sum(len(a['body'].split()) for a in articles):,} words, "
          f"{database}, batch size {args.batch_size}")
    results = [round_(articles, workers, args.batch_size) for workers in (1, 2)]
    print(f"{'workers':>8} {'articles':>9} {'seconds':>8} {'articles/s':>11} {'words/s':>9} {'claimed by':>11}")
    for r in results:
        print(f"{r['workers']:>8} {r['articles']:>9} {r['seconds']:>8.1f} {r['articles_per_s']:>11.1f} "
              f"{r['words_per_s']:>9,.0f} {r['claimers']:>11}")
    print(f"2 workers / 1 worker: {results[1]['articles_per_s'] / results[0]['articles_per_s']:.2f}x")


if __name__ == "__main__":
    main()
