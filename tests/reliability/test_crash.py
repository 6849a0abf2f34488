"""Crash safety: SIGKILL gunicorn (master and workers) in the middle of a bulk ingest.

After a restart on the same data folder, with no manual step: every article
that was acknowledged is stored and findable, no article is half-written, and
/healthz reports the index in step.
"""
from __future__ import annotations

import http.client
import threading
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection

from tests.databases import url_or_sqlite
from tests.reliability.server import Gunicorn, call

THREADS = 4
PER_THREAD = 60  # an upper bound: the server is killed long before
KILL_AFTER = 12  # acknowledged articles before the kill
BATCH = 5


def article(code: str) -> dict:
    return {"body": f"Dispatch {code}: ministers from Madrid and Rome met the mayor of Porto on Friday.",
            "published_at": "2024-05-10"}


class Ingest:
    """Client threads posting single articles and batches, recording what was acknowledged."""

    def __init__(self, base: str):
        self.base = base
        self.acknowledged: dict[str, int] = {}
        self.lock = threading.Lock()
        self.enough = threading.Event()

    def run(self, thread: int) -> None:
        for n in range(PER_THREAD):
            codes = [f"code{thread}x{n}x{i}" for i in range(BATCH if n % 3 == 2 else 1)]
            try:
                self._post(codes)
            except (OSError, http.client.HTTPException):  # the server is gone (maybe mid-answer): the point
                return

    def _post(self, codes: list[str]) -> None:
        if len(codes) == 1:
            status, body = call(self.base + "/api/v1/articles", article(codes[0]))
            created = {codes[0]: body["id"]} if status == 201 else {}
        else:
            status, body = call(self.base + "/api/v1/articles/batch", {"articles": [article(c) for c in codes]})
            assert status == 200, body
            created = {c: r["id"] for c, r in zip(codes, body["results"]) if r["status"] == "created"}
        with self.lock:
            self.acknowledged.update(created)
            if len(self.acknowledged) >= KILL_AFTER:
                self.enough.set()


def consistency_problems(url: str) -> dict[str, int]:
    """Counts of half-written rows; all must be zero. The database's own check passes first."""
    queries = {
        "article without a change-log row":
            "select count(*) from articles a where not exists (select 1 from changes c where c.article_id = a.id)",
        "mention of a missing article":
            "select count(*) from mentions m left join articles a on a.id = m.article_id where a.id is null",
        "entity link of a missing article":
            "select count(*) from article_entities l left join articles a on a.id = l.article_id where a.id is null",
        "date of a missing article":
            "select count(*) from article_dates d left join articles a on a.id = d.article_id where a.id is null",
        "mention without its entity link": "select count(*) from mentions m where not exists (select 1 from "
            "article_entities l where l.article_id = m.article_id and l.entity_id = m.entity_id)",
        "entity link whose mention count is wrong": "select count(*) from article_entities l where l.mention_count "
            "!= (select count(*) from mentions m where m.article_id = l.article_id and m.entity_id = l.entity_id)",
    }
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            storage_check = sqlite_check if connection.dialect.name == "sqlite" else postgres_check
            storage_check(connection)
            return {name: connection.execute(text(sql)).scalar_one() for name, sql in queries.items()}
    finally:
        engine.dispose()


def sqlite_check(connection: Connection) -> None:
    assert connection.exec_driver_sql("pragma integrity_check").scalar_one() == "ok"
    assert connection.exec_driver_sql("pragma foreign_key_check").fetchall() == []


def postgres_check(connection: Connection) -> None:
    """PostgreSQL's equivalent: amcheck verifies every B-tree index of ours against its table (as
    integrity_check does), and every foreign key is a validated one (enforced, as foreign_key_check checks)."""
    connection.exec_driver_sql("create extension if not exists amcheck")
    indexes = connection.exec_driver_sql(
        "select c.oid from pg_index i join pg_class c on c.oid = i.indexrelid join pg_am a on a.oid = c.relam "
        "join pg_namespace n on n.oid = c.relnamespace where a.amname = 'btree' and n.nspname = 'public'").scalars().all()
    assert len(indexes) >= 10
    for oid in indexes:
        connection.execute(text("select bt_index_parent_check(:oid, true)"), {"oid": oid})
    assert connection.exec_driver_sql("select count(*) from pg_constraint c join pg_namespace n on "
                                      "n.oid = c.connamespace where n.nspname = 'public' and c.contype = 'f' "
                                      "and not c.convalidated").scalar_one() == 0


def test_sigkill_during_bulk_ingest_loses_nothing(tmp_path):
    server = Gunicorn(tmp_path / "data", workers=3)
    assert server.flask("migrate").returncode == 0
    ingest = Ingest(server.start())
    try:
        with ThreadPoolExecutor(max_workers=THREADS) as pool:
            running = [pool.submit(ingest.run, t) for t in range(THREADS)]
            assert ingest.enough.wait(timeout=240), "no articles acknowledged"
            server.kill()  # master and workers at once, requests in flight
            for future in running:
                future.result()
        acknowledged = dict(ingest.acknowledged)
        assert len(acknowledged) >= KILL_AFTER
        server.start()  # same data folder, nothing repaired by hand
        health = server.wait_until(lambda h: h["index_lag"] == 0 and h["indexed"] == h["articles"])
        assert health["status"] == "ok" and health["articles"] >= len(acknowledged)
        for code, article_id in acknowledged.items():
            assert code in call(f"{server.base}/api/v1/articles/{article_id}")[1]["body"]
            hits = call(f"{server.base}/api/v1/search?q={code}")[1]["results"]
            assert [hit["id"] for hit in hits] == [article_id]
        problems = consistency_problems(url_or_sqlite(tmp_path / "data"))
        assert problems == dict.fromkeys(problems, 0)
        check = server.flask("check")
        assert check.returncode == 0 and "no drift" in check.stdout, check.stdout + check.stderr
    finally:
        server.stop()
    assert "Traceback" not in server.logs[-1].read_text()
