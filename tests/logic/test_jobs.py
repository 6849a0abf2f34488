"""Claimed job items are validated once (checked) and what became of each is recorded."""
from datetime import timedelta

from archive import db
from archive.ingest.items import RawItem
from archive.ingest.records import ArticleInput
from archive.logic.jobs import JobRunner, checked, create_job, pending_count, report, retry_failed
from archive.models import JobItem
from archive.models.job import CREATED, DONE, DUPLICATE, FAILED, PENDING, QUEUED

BODY = "Fire crews in Lisbon contained a blaze that had threatened homes near the Tagus river."


def claim_all(rows):
    session = db.new_session()
    job = create_job(session, "files", "test", [RawItem(f"row {n}", data) for n, data in enumerate(rows)])
    items = JobItem.claim(session, "test", 10, timedelta(minutes=5), job.id)
    return session, job, items


def test_checked_gives_a_record_or_the_reason_for_each_item(app):
    with app.app_context():
        session, _job, items = claim_all([{"body": BODY}, {"body": ""}, {"body": BODY, "published_at": "soon"}])
        outcomes = checked(items, app.config["MAX_ARTICLE_CHARS"])
        assert isinstance(outcomes[0], ArticleInput) and outcomes[0].body == BODY
        assert isinstance(outcomes[1], str) and "body" in outcomes[1]
        assert isinstance(outcomes[2], str) and "published_at" in outcomes[2]
        session.close()


def test_process_stores_the_records_it_is_given_without_validating_again(app):
    """The pipelined runner passes its checked() outcomes: process() takes them as they are, so an
    outcome the caller already turned into a reason is recorded as that reason."""
    with app.app_context():
        session, job, items = claim_all([{"body": BODY}, {"body": BODY}, {"body": "Valid, but refused."}])
        records = checked(items, app.config["MAX_ARTICLE_CHARS"])
        records[2] = "refused by the caller"
        runner = JobRunner(session, app.extensions["archive.index"], app.config["SPACY_MODEL"],
                           app.config["MAX_ARTICLE_CHARS"])
        runner.process(items, records)
        statuses = [(item.status, item.reason) for item in session.query(JobItem).order_by(JobItem.id)]
        assert statuses == [(CREATED, None), (DUPLICATE, None), (FAILED, "refused by the caller")]
        session.close()


def test_process_validates_when_given_nothing(app):
    with app.app_context():
        session, _job, items = claim_all([{"body": BODY}, {"body": ""}])
        runner = JobRunner(session, app.extensions["archive.index"], app.config["SPACY_MODEL"],
                           app.config["MAX_ARTICLE_CHARS"])
        runner.process(items)
        statuses = [item.status for item in session.query(JobItem).order_by(JobItem.id)]
        assert statuses == [CREATED, FAILED]
        session.close()


def test_unreadable_items_fail_at_once_and_a_retry_queues_the_failed_again(app):
    with app.app_context():
        session = db.new_session()
        job = create_job(session, "files", "x" * 3000, [RawItem("a", {"body": BODY}), RawItem("b", None, "bad zip")])
        assert len(job.source) == 2000 and pending_count(session, job.id) == 1
        runner = JobRunner(session, app.extensions["archive.index"], app.config["SPACY_MODEL"],
                           app.config["MAX_ARTICLE_CHARS"])
        assert runner.run(job.id) == 1
        shown = report(session, job)
        assert shown["status"] == DONE and shown["progress"] == 1.0
        assert shown["failures"] == [{"item": shown["failures"][0]["item"], "origin": "b", "reason": "bad zip"}]
        assert retry_failed(session, job) == 1
        assert (job.status, job.finished_at) == (QUEUED, None) and pending_count(session, job.id) == 1
        assert [item.status for item in session.query(JobItem).order_by(JobItem.id)] == [CREATED, PENDING]
        assert retry_failed(session, job) == 0
        session.close()
