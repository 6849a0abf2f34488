"""BulkIngest in one process (workers=1): a recorded job whose summary names each failure."""
import threading

from sqlalchemy import func, select

from archive import db, services
from archive.ingest.items import RawItem
from archive.logic.bulk import BulkIngest, Summary
from archive.logic.jobs import LEASE, JobRunner
from archive.models import Job, JobItem

BODY = "Snow shuts the airport in Oslo for a day."


def test_run_items_records_a_job_and_summarises_each_item(app):
    items = [RawItem("a.jsonl:1", {"body": BODY}), RawItem("a.jsonl:2", {"body": BODY}),
             RawItem("a.jsonl:3", {"body": ""}), RawItem("b.json", None, "not valid JSON")]
    with app.app_context():
        summary = BulkIngest(workers=1, kind="files", created_by="test").run_items(items, source="a.jsonl")
        assert (summary.count("created"), summary.count("duplicate"), len(summary.failed)) == (1, 1, 2)
        lines = summary.text().splitlines()
        assert lines[0] == f"job {summary.job_id}: ingested 1, skipped 1 as duplicates, failed 2"
        assert lines[1].startswith("  failed: a.jsonl:3: ") and lines[2] == "  failed: b.json: not valid JSON"
        session = db.new_session()
        assert session.get(Job, summary.job_id).source == "a.jsonl"
        assert Summary.of_job(session, summary.job_id).text() == summary.text()
        session.close()


def test_summary_counts_the_items_another_runner_claimed_from_the_job(app):
    """A worker (or the web process's thread) may claim items of a CLI job: the summary waits for
    them, so that it says what the job's report says."""
    items = [RawItem(f"n{number}.txt", {"body": f"Snow shuts airport number {number} in Oslo."})
             for number in range(4)]
    ours_done, theirs = threading.Event(), []

    class Working:  # the CLI's progress bar: entered once the job is recorded
        def __init__(self, total):
            self.seen = 0

        def __enter__(self):
            session = db.new_session()
            job_id = session.scalar(select(func.max(Job.id)))
            claimed = JobItem.claim(session, "other-runner", 2, LEASE, job_id)
            theirs.append(threading.Thread(target=finish_later, args=(session, claimed)))
            theirs[0].start()
            return self

        def __exit__(self, *exc):
            return False

        def update(self, count):
            self.seen += count
            if self.seen == 2:
                ours_done.set()

    def finish_later(session, claimed):
        ours_done.wait(60)
        with app.app_context():
            JobRunner(session, services.index_store(), services.model_name(), 200_000).process(claimed)
        session.close()

    with app.app_context():
        summary = BulkIngest(workers=1).run_items(items, source="n", working=Working)
        theirs[0].join()
        session = db.new_session()
        counts = session.get(Job, summary.job_id).counts(session)
        session.close()
    assert counts["created"] == 4
    assert summary.count("created") == 4 and summary.text().endswith("ingested 4, skipped 0 as duplicates, failed 0")
