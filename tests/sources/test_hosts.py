"""One request at a time per host, across processes: the hosts table gives pollers turns.

Two real processes, each with its own app and database session (the SQLite file, or one PostgreSQL
database under `make test-postgres`), poll sources of one local host at the same time; the host
sees their requests one after another, each at least ARCHIVE_SOURCE_HOST_DELAY after the last.
"""
from __future__ import annotations

import multiprocessing
from datetime import datetime, timedelta

from archive import create_app, db
from archive.logic.polling import poll_due
from archive.logic.sources import add_source
from archive.models import Host, Source
from archive.models.base import utcnow
from tests.sources.site import LOCAL, TEXTS

DELAY = 0.2
FEEDS = 6


def _poll(data_dir: str, database_url: str | None, name: str, start, results) -> None:
    """A poller process: its own app, engine and session; polls every due source it can claim."""
    app = create_app({"DATA_DIR": data_dir, "DATABASE_URL": database_url, "TESTING": True, "JOB_WORKER": "external",
                      "INDEX_FOLLOW_INTERVAL": 0, "PRELOAD_MODEL": False, **LOCAL, "SOURCE_HOST_DELAY": DELAY})
    with app.app_context():
        session = db.new_session()
        start.wait()
        results.put([(result.source_id, result.outcome) for result in poll_due(session, app.config, name)])
        session.close()
    app.extensions["archive.engine"].dispose()


def test_two_processes_polling_one_host_take_turns_with_the_delay_between(app, site, tmp_path):
    site.feeds[:] = [[(f"Story {n}", TEXTS[n % len(TEXTS)])] for n in range(FEEDS)]
    site.server.hold = 0.1  # each request stays open a while: two sent at once would overlap
    with app.app_context():
        session = db.new_session()
        for number in range(FEEDS):
            add_source(session, f"{site.base}/feed{number}.rss", "15m")
        session.close()
    context = multiprocessing.get_context("spawn")
    start, results = context.Barrier(2), context.Queue()
    pollers = [context.Process(target=_poll, args=(app.config["DATA_DIR"], app.config["DATABASE_URL"], f"p{n}",
                                                   start, results)) for n in range(2)]
    for poller in pollers:
        poller.start()
    polled = [results.get(timeout=120) for _ in pollers]
    for poller in pollers:
        poller.join(30)
        assert poller.exitcode == 0
    assert all(polled), "each process polled some of the sources"
    assert sorted(outcome for each in polled for _, outcome in each) == ["new"] * FEEDS
    spans = sorted(site.spans)
    assert len(spans) == FEEDS
    gaps = [began - ended for (_, ended), (began, _) in zip(spans, spans[1:], strict=False)]
    assert min(gaps) >= DELAY, f"requests to one host overlapped or came too close: gaps {gaps}"


def test_a_poll_waits_for_a_busy_host_only_so_long_then_is_put_off(app, site):
    site.entries[:] = [("Energy talks", TEXTS[0])]
    app.config["SOURCE_HOST_WAIT"] = 0.3
    with app.app_context():
        session = db.new_session()
        source = add_source(session, f"{site.base}/feed.rss", "15m")
        due_at = source.next_poll_at
        Host.state(session, "127.0.0.1", utcnow())  # another node's request is in flight, for a minute
        assert Host.claim(session, "127.0.0.1", "node-b", timedelta(minutes=1), utcnow())

        [result] = poll_due(session, app.config, "node-a")
        assert result.outcome == "put off" and result.message.startswith("put off: 127.0.0.1 was busy")
        session.refresh(source)
        assert site.seen["/feed.rss"] == 0 and source.failures == 0 and source.last_error is None
        assert source.next_poll_at == due_at and source.claimed_by is None  # due again for the next round

        Host.release(session, "127.0.0.1", "node-b", datetime(2000, 1, 1))
        [result] = poll_due(session, app.config, "node-a")
        assert result.outcome == "new" and site.seen["/feed.rss"] == 1
        assert session.get(Source, source.id).claimed_by is None
        session.close()
