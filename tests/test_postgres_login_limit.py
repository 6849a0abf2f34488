"""The login limit on PostgreSQL (issue 16, finding 5): a worker cannot count attempts while
another has recorded the last allowed one but not committed it yet.

PostgreSQL would let both count before either commits, so attempts for one user name (or
address) take turns on an advisory lock. Two real connections to the test's own database.
"""
from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from archive.models import LoginFailure
from archive.models.base import utcnow
from archive.models.rate import take_turns
from archive.models.user import MAX_FAILURES
from tests.databases import is_postgres, wait_for_advisory_lock_waiter

pytestmark = pytest.mark.skipif(not is_postgres(), reason="needs PostgreSQL (make test-postgres): SQLite has one "
                                "writer at a time, so two counts cannot interleave")


def test_a_second_attempt_counts_after_the_first_commits(app):
    new_session = app.extensions["archive.sessionmaker"]
    first, observer = new_session(), new_session()
    observer.add_all(LoginFailure(username="editor", ip="10.0.0.1", at=utcnow()) for _ in range(MAX_FAILURES - 1))
    observer.commit()
    # The first worker is inside attempt(): its turn taken, the last allowed attempt written, not committed yet.
    take_turns(first, "login", "user:editor", "ip:10.0.0.1")
    first.add(LoginFailure(username="editor", ip="10.0.0.1", at=utcnow()))
    first.flush()
    answers: list[LoginFailure | None] = []

    def second_worker() -> None:
        session = new_session()
        try:
            answers.append(LoginFailure.attempt(session, "editor", "10.0.0.2"))
        finally:
            session.close()

    thread = threading.Thread(target=second_worker)
    thread.start()
    try:
        wait_for_advisory_lock_waiter(observer)
        assert thread.is_alive() and not answers  # the second attempt waits instead of counting
        first.commit()
    finally:
        thread.join(timeout=60)
        first.close()
    assert not thread.is_alive() and answers == [None]  # refused: the limit is spent
    assert observer.scalar(select(func.count()).select_from(LoginFailure)) == MAX_FAILURES
    observer.close()
