"""The extract rate limit on PostgreSQL: two workers cannot both take the last call.

On SQLite the inserted hit holds the write lock while counting; PostgreSQL would let
both count before either commits, so callers of one token take turns on an advisory
lock. Two real connections to the test's own PostgreSQL database.
"""
from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from archive.models import RateHit
from archive.models.base import utcnow
from archive.models.rate import _lock_key
from tests.databases import is_postgres, wait_for_advisory_lock_waiter

pytestmark = pytest.mark.skipif(not is_postgres(), reason="needs PostgreSQL (make test-postgres): SQLite has one "
                                "writer at a time, so two counts cannot interleave")


def test_a_second_caller_counts_after_the_first_commits(app):
    new_session = app.extensions["archive.sessionmaker"]
    first, observer = new_session(), new_session()
    # The first worker is inside take(): its turn taken, its hit written, not committed yet.
    first.execute(select(func.pg_advisory_xact_lock(_lock_key("extract", "token"))))
    first.add(RateHit(bucket="extract", key="token", at=utcnow()))
    first.flush()
    answers: list[int | None] = []

    def second_worker() -> None:
        session = new_session()
        try:
            answers.append(RateHit.take(session, "extract", "token", limit=1, window=timedelta(minutes=1)))
        finally:
            session.close()

    thread = threading.Thread(target=second_worker)
    thread.start()
    try:
        wait_for_advisory_lock_waiter(observer)
        assert thread.is_alive() and not answers  # the second caller waits instead of counting
        first.commit()
    finally:
        thread.join(timeout=60)
        first.close()
    assert not thread.is_alive() and answers[0] is not None and 1 <= answers[0] <= 60  # refused: limit spent
    assert observer.scalar(select(func.count()).select_from(RateHit)) == 1
    observer.close()
