"""The change log on PostgreSQL: sequence order is commit order, so the index never skips a change.

A PostgreSQL sequence hands out numbers at insert time, not at commit: a transaction
holding seq 5 could commit after one holding seq 6, and an applier that had already
applied 6 would never apply 5. Writers of the log take turns on an advisory lock,
so the second writer waits for the first to commit before it takes a number.
Two real connections to the test's own PostgreSQL database; SQLite needs no such
test (it lets one transaction write at a time, so its numbers commit in order).
"""
from __future__ import annotations

import threading

import pytest
from sqlalchemy import text

from archive.index.sync import apply_changes, index_lag
from archive.models import Article, Change
from archive.models.change import DELETE
from tests.databases import is_postgres, wait_for_advisory_lock_waiter

pytestmark = pytest.mark.skipif(not is_postgres(), reason="needs PostgreSQL (make test-postgres): SQLite has one "
                                "writer at a time, so its change-log numbers cannot commit out of order")


def post(client, auth, body: str) -> int:
    response = client.post("/api/v1/articles", json={"body": body}, headers=auth)
    assert response.status_code == 201
    return response.get_json()["id"]


def delete_and_log(session, article_id: int) -> int:
    """Delete an article and log it, in the session's open transaction; returns its change's seq."""
    session.delete(session.get(Article, article_id))
    Change.record(session, article_id, DELETE)
    session.flush()
    return session.scalar(text("select max(seq) from changes"))


def test_a_later_writer_waits_so_no_change_is_skipped(app, client, auth):
    first = post(client, auth, "Floods in Porto close the Dom Luis bridge.")
    second = post(client, auth, "A strike in Turin stops the trams on Monday.")
    store, new_session = app.extensions["archive.index"], app.extensions["archive.sessionmaker"]
    assert store.doc_count() == 2
    writer_a, observer, applier = new_session(), new_session(), new_session()
    seq_a = delete_and_log(writer_a, first)  # A holds its number, not committed yet

    seq_b: list[int] = []

    def writer_b() -> None:
        session = new_session()
        try:
            seq_b.append(delete_and_log(session, second))
            session.commit()
        finally:
            session.close()

    thread = threading.Thread(target=writer_b)
    thread.start()
    try:
        wait_for_advisory_lock_waiter(observer)
        assert thread.is_alive() and not seq_b  # B waits for A before taking a number
        assert apply_changes(applier, store) == 0  # nothing committed yet: nothing to skip past
        applier.rollback()
        writer_a.commit()
    finally:
        thread.join(timeout=60)
        for session in (writer_a, observer):
            session.close()
    assert not thread.is_alive() and seq_b[0] > seq_a
    assert apply_changes(applier, store) == 2
    assert store.doc_count() == 0 and index_lag(applier, store) == 0
    applier.close()


def test_each_transaction_holds_the_lock_from_its_first_change_until_it_ends(app):
    session = app.extensions["archive.sessionmaker"]()
    held = text("select count(*) from pg_locks where locktype = 'advisory' and granted and pid = pg_backend_pid()")
    try:
        for article_id in (1, 2, 3):
            Change.record(session, article_id, DELETE)
        assert session.scalar(held) == 1
        session.commit()
        assert session.scalar(held) == 0
        Change.record(session, 4, DELETE)  # a new transaction of the same session takes it again
        assert session.scalar(held) == 1
        session.rollback()
        assert session.scalar(held) == 0 and len(Change.since(session, 0)) == 3
    finally:
        session.close()
