"""The ingest queue (logic/jobs.py) on a real database: jobs that finish at once, items left by a runner
that died, a runner serving every job, retries that fail again, reports and large jobs."""
from datetime import timedelta

from sqlalchemy import update

from archive.ingest.items import RawItem
from archive.logic.bulk import Summary
from archive.logic.jobs import CHUNK, LEASE, JobRunner, create_job, pending_count, report, retry_failed
from archive.models import Job, JobItem
from archive.models.base import utcnow
from archive.models.job import CLAIMED, CREATED, DONE, FAILED, PENDING, QUEUED

BODIES = ["Fire crews in Lisbon contained a blaze near the Tagus river.",
          "Snow shut the airport in Oslo for a second day."]


def runner(app, session, name="runner-a"):
    return JobRunner(session, app.extensions["archive.index"], app.config["SPACY_MODEL"],
                     app.config["MAX_ARTICLE_CHARS"], name=name)


def statuses(session, job_id):
    return [item.status for item in session.query(JobItem).filter_by(job_id=job_id).order_by(JobItem.id)]


def test_a_job_of_unreadable_items_only_is_done_as_soon_as_it_is_recorded(db_session):
    job = create_job(db_session, "upload", "two files", [RawItem("a.zip", None, "bad zip"), RawItem("b.xml", None)])
    shown = report(db_session, job)
    assert (shown["status"], shown["progress"], shown["counts"]["failed"]) == (DONE, 1.0, 2)
    assert [(f["origin"], f["reason"]) for f in shown["failures"]] == [("a.zip", "bad zip"), ("b.xml", "unreadable")]
    assert shown["finished_at"].endswith("Z") and pending_count(db_session, job.id) == 0


def test_items_claimed_by_a_runner_that_died_are_claimed_again_once_the_lease_runs_out(app, db_session, index):
    job = create_job(db_session, "files", "test",
                     [RawItem(f"row {n}", {"body": body}) for n, body in enumerate(BODIES)])
    dead = JobItem.claim(db_session, "dead-runner", 10, LEASE, job.id)
    assert len(dead) == 2 and runner(app, db_session).run(job.id) == 0  # leased: nobody else takes them
    db_session.execute(update(JobItem).values(claimed_at=utcnow() - LEASE - timedelta(seconds=1)))
    db_session.commit()
    assert runner(app, db_session).run(job.id) == 2
    items = db_session.query(JobItem).order_by(JobItem.id).all()
    assert [(i.status, i.claimed_by, i.attempts) for i in items] == [(CREATED, "runner-a", 2)] * 2
    assert report(db_session, job)["status"] == DONE and index.doc_count() == 2


def test_a_runner_without_a_job_id_works_through_every_jobs_items(app, db_session, index):
    jobs = [create_job(db_session, "files", f"job {n}", [RawItem("x", {"body": body})])
            for n, body in enumerate(BODIES)]
    assert runner(app, db_session).run() == 2
    assert [report(db_session, job)["status"] for job in jobs] == [DONE, DONE]
    assert runner(app, db_session).run() == 0  # nothing left: nothing done, nothing claimed


def test_a_retried_item_that_is_still_invalid_fails_again_with_its_reason(app, db_session):
    job = create_job(db_session, "files", "test", [RawItem("a", {"body": BODIES[0]}), RawItem("b", {"body": " "})])
    runner(app, db_session).run(job.id)
    [failure] = report(db_session, job)["failures"]
    assert failure["reason"] == "body is empty"
    assert retry_failed(db_session, job) == 1 and report(db_session, job)["status"] == QUEUED
    assert runner(app, db_session).run(job.id) == 1
    shown = report(db_session, job)
    assert statuses(db_session, job.id) == [CREATED, FAILED] and shown["failures"][0]["reason"] == "body is empty"
    assert (shown["status"], shown["counts"]["created"]) == (DONE, 1)


def test_report_lists_at_most_the_failures_asked_for_and_the_progress_so_far(db_session):
    items = [RawItem(f"bad {n}", None, f"broken {n}") for n in range(3)] + [RawItem("ok", {"body": BODIES[0]})]
    job = create_job(db_session, "files", "test", items)
    shown = report(db_session, job, failures=2)
    assert [f["origin"] for f in shown["failures"]] == ["bad 0", "bad 1"]
    assert (shown["status"], shown["progress"], shown["counts"]["total"]) == (QUEUED, 0.75, 4)


def test_a_job_larger_than_one_insert_chunk_records_every_item_in_order(db_session):
    items = [RawItem(f"line {n}", {"body": f"Article number {n}."}) for n in range(CHUNK + 3)]
    job = create_job(db_session, "files", "big", items)
    assert pending_count(db_session, job.id) == CHUNK + 3
    first, last = (db_session.query(JobItem).filter_by(job_id=job.id).order_by(order).first()
                   for order in (JobItem.id, JobItem.id.desc()))
    assert (first.origin, last.origin) == ("line 0", f"line {CHUNK + 2}")
    assert db_session.get(Job, job.id).status == QUEUED


def test_a_claimed_item_is_not_claimed_by_a_second_runner_within_its_lease(db_session):
    job = create_job(db_session, "files", "test", [RawItem("a", {"body": BODIES[0]})])
    assert len(JobItem.claim(db_session, "one", 5, LEASE, job.id)) == 1
    assert JobItem.claim(db_session, "two", 5, LEASE, job.id) == []
    assert statuses(db_session, job.id) == [CLAIMED] and pending_count(db_session, job.id) == 1


def test_the_summary_of_a_job_names_its_articles_and_its_failures(app, db_session):
    job = create_job(db_session, "files", "test", [RawItem("a", {"body": BODIES[0], "title": "Lisbon fire"}),
                                                   RawItem("b", {"body": BODIES[0]}), RawItem("c", None, "bad zip")])
    runner(app, db_session).run(job.id)
    summary = Summary.of_job(db_session, job.id)
    assert [(o.origin, o.status, o.title) for o in summary.outcomes] == [
        ("a", CREATED, "Lisbon fire"), ("b", "duplicate", "Lisbon fire"), ("c", FAILED, None)]
    assert summary.text() == f"job {job.id}: ingested 1, skipped 1 as duplicates, failed 1\n  failed: c: bad zip"
    assert Summary(summary.outcomes).text().startswith("ingested 1,")  # no job: no job number
    assert statuses(db_session, job.id)[2] == FAILED and PENDING not in statuses(db_session, job.id)
