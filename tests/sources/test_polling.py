"""Polling followed sources against a real local site: conditional GET, jobs, backoff, leases, sitemaps."""
import threading
import time
from datetime import datetime, timedelta

from sqlalchemy import func, select

from archive import db, services
from archive.logic.jobs import JobRunner
from archive.logic.polling import LEASE, poll_due
from archive.logic.sources import add_source
from archive.models import Article, Job, JobItem, Source
from archive.models.source import PAUSED
from tests.sources.site import TEXTS

T0 = datetime(2030, 1, 1, 12, 0)


def run_job(session, job_id):
    JobRunner(session, services.index_store(), services.model_name(), services.max_article_chars()).run(job_id)
    return session.get(Job, job_id).counts(session)


def count(session, model):
    return session.scalar(select(func.count()).select_from(model))


def test_new_entries_are_ingested_once_and_an_unchanged_feed_costs_one_304(app, client, site):
    site.entries[:] = [("Energy talks", TEXTS[0]), ("Toyota forecast", TEXTS[1])]
    with app.app_context():
        session = db.new_session()
        source = add_source(session, f"{site.base}/feed.rss", "15m", name="Local Desk")
        [first] = poll_due(session, app.config, "w1", now=T0)
        assert first.outcome == "new"
        assert run_job(session, first.job_id)["created"] == 2

        assert poll_due(session, app.config, "w1", now=T0 + timedelta(minutes=10)) == []  # not due yet
        [second] = poll_due(session, app.config, "w1", now=T0 + timedelta(minutes=15))
        assert second.outcome == "unchanged" and second.job_id is None
        assert (count(session, Job), count(session, JobItem)) == (1, 2)
        assert site.seen["/feed.rss"] == 2 and site.seen["304 /feed.rss"] == 1

        site.entries.append(("Lisbon fire", TEXTS[2]))
        [third] = poll_due(session, app.config, "w1", now=T0 + timedelta(minutes=30))
        counts = run_job(session, third.job_id)
        assert (counts["created"], counts["duplicate"]) == (1, 2)
        assert count(session, Article) == 3
        session.refresh(source)
        assert source.last_polled_at == T0 + timedelta(minutes=30) and source.failures == 0
        session.close()
    found = client.get("/api/v1/search?q=Lisbon").get_json()["results"]
    assert [hit["source"] for hit in found] == ["Local Wire"]  # the feed's own title; the name is a default


def test_a_failing_source_backs_off_then_is_paused(app, site):
    with app.app_context():
        session = db.new_session()
        source = add_source(session, f"{site.base}/broken", "15m")
        [result] = poll_due(session, app.config, "w1", now=T0)
        session.refresh(source)
        assert result.outcome == "failed" and "500" in source.last_error
        assert source.failures == 1 and source.next_poll_at == T0 + timedelta(minutes=30)
        assert poll_due(session, app.config, "w1", now=T0 + timedelta(minutes=29)) == []
        poll_due(session, app.config, "w1", now=T0 + timedelta(minutes=30))
        session.refresh(source)
        assert source.failures == 2 and source.next_poll_at == T0 + timedelta(minutes=90)
        poll_due(session, app.config, "w1", now=T0 + timedelta(minutes=90))  # 3rd failure: the configured limit
        session.refresh(source)
        assert source.status == PAUSED and "3 failed polls in a row" in source.paused_reason
        assert source.next_poll_at == T0 + timedelta(minutes=150)  # 15m * 8 capped at one hour
        assert poll_due(session, app.config, "w1", now=T0 + timedelta(days=1)) == []
        assert site.seen["/broken"] == 3 and count(session, Job) == 0
        session.close()


def test_a_claimed_source_is_not_polled_by_another_poller(app, site):
    with app.app_context():
        session = db.new_session()
        source = add_source(session, f"{site.base}/feed.rss", "15m")
        assert Source.claim(session, source.id, "node-a", LEASE, T0)
        assert poll_due(session, app.config, "node-b", now=T0 + timedelta(minutes=1)) == []
        assert site.seen["/feed.rss"] == 0
        [result] = poll_due(session, app.config, "node-b", now=T0 + LEASE + timedelta(seconds=1))  # node-a died
        assert result.outcome == "nothing new" and site.seen["/feed.rss"] == 1
        session.close()


def test_two_pollers_racing_fetch_a_source_once(app, site):
    site.entries[:] = [("Energy talks", TEXTS[0])]
    with app.app_context():
        session = db.new_session()
        add_source(session, f"{site.base}/feed.rss", "15m")
        session.close()
    start, results = threading.Barrier(2), []

    def poller(name):
        with app.app_context():
            own = db.new_session()
            start.wait()
            results.extend(poll_due(own, app.config, name, now=T0))
            own.close()

    threads = [threading.Thread(target=poller, args=(f"w{n}",)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 1 and site.seen["/feed.rss"] == 1
    with app.app_context():
        session = db.new_session()
        assert count(session, Job) == 1
        session.close()


def test_news_sitemap_pages_newer_than_the_last_poll_robots_txt_honoured(app, site):
    site.pages[:] = [("/news/0", "2029-12-31T10:00:00Z"), ("/private/1", "2029-12-31T11:00:00Z")]
    with app.app_context():
        session = db.new_session()
        add_source(session, f"{site.base}/news-sitemap.xml", "15m")
        [first] = poll_due(session, app.config, "w1", now=T0)
        counts = run_job(session, first.job_id)
        assert (counts["created"], counts["failed"]) == (1, 1)
        [refused] = session.get(Job, first.job_id).failures(session)
        assert "robots.txt" in refused.reason and site.seen["/private/1"] == 0
        article = session.scalar(select(Article))
        assert article.title == "Story 0" and article.url == f"{site.base}/news/0"

        site.pages.append(("/news/2", "2030-01-01T12:05:00Z"))  # published after the first poll
        [second] = poll_due(session, app.config, "w1", now=T0 + timedelta(minutes=15))
        assert run_job(session, second.job_id)["created"] == 1
        assert site.seen["/news/0"] == 1 and site.seen["/news/2"] == 1
        assert site.seen["/robots.txt"] == 2  # once per poll that fetched pages
        session.close()


def test_a_sitemap_index_is_followed(app, site):
    site.pages[:] = [("/news/3", "2029-12-31T10:00:00Z")]
    with app.app_context():
        session = db.new_session()
        add_source(session, f"{site.base}/sitemap-index.xml", "1h")
        [result] = poll_due(session, app.config, "w1", now=T0)
        assert run_job(session, result.job_id)["created"] == 1
        assert site.seen["/news-sitemap.xml"] == 1

        site.pages.append(("/news/4", "2030-01-01T12:30:00Z"))  # the index stays the same; its sitemap changes
        [second] = poll_due(session, app.config, "w1", now=T0 + timedelta(hours=1))
        assert run_job(session, second.job_id)["created"] == 1
        assert site.seen["/news-sitemap.xml"] == 2 and site.seen["/news/3"] == 1 and site.seen["/news/4"] == 1
        session.close()


def test_archive_worker_polls_due_sources(app, client, site):
    site.entries[:] = [("Energy talks", TEXTS[0]), ("Lisbon fire", TEXTS[2])]
    runner = app.test_cli_runner()
    runner.invoke(args=["archive", "source", "add", f"{site.base}/feed.rss"])
    idle = runner.invoke(args=["archive", "worker", "--until-idle", "--no-sources"])
    assert idle.exit_code == 0 and site.seen["/feed.rss"] == 0
    worked = runner.invoke(args=["archive", "worker", "--until-idle", "--index"])
    assert worked.exit_code == 0, worked.output
    assert site.seen["/feed.rss"] == 1 and "stopped after 2 items" in worked.output
    assert client.get("/api/v1/search?q=Lisbon").get_json()["total"] == 1


def test_the_web_process_job_thread_polls_due_sources(tmp_path, site, auth):
    from tests.conftest import make_app
    from tests.sources.site import LOCAL

    site.entries[:] = [("Toyota forecast", TEXTS[1])]
    threaded = make_app(tmp_path / "threaded", **LOCAL, JOB_WORKER="thread", INDEX_FOLLOW_INTERVAL=0.2)
    web = threaded.test_client()
    assert web.post("/api/v1/sources", json={"url": f"{site.base}/feed.rss"}, headers=auth).status_code == 201
    deadline = time.monotonic() + 90  # the thread's first batch loads spaCy
    while web.get("/api/v1/search?q=Toyota").get_json()["total"] == 0:
        assert time.monotonic() < deadline, "the due source was not polled and ingested"
        time.sleep(0.2)
    shown = web.get("/api/v1/sources/1", headers=auth).get_json()
    assert shown["articles_24h"] == 1 and shown["last_polled_at"] and site.seen["/feed.rss"] == 1
    threaded.extensions["archive.index"].close()
    threaded.extensions["archive.engine"].dispose()


def test_a_round_with_a_budget_starts_no_poll_once_it_is_spent(app, site):
    """The web job thread polls with a budget, so that jobs queued meanwhile are not held up for long."""
    site.feeds[:] = [[("Energy talks", TEXTS[0])], [("Toyota forecast", TEXTS[1])]]
    site.server.hold = 0.3  # the first poll alone outlasts the budget
    with app.app_context():
        session = db.new_session()
        for number in range(2):
            add_source(session, f"{site.base}/feed{number}.rss", "15m")
        [first] = poll_due(session, app.config, "w1", now=T0, budget=0.1)
        assert first.outcome == "new" and len(site.spans) == 1
        [second] = poll_due(session, app.config, "w1", now=T0, budget=0.1)  # the next round polls the rest
        assert second.outcome == "new" and second.source_id != first.source_id
        session.close()
