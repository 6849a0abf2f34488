"""Ingest jobs through the CLI, the logic and a background runner: recorded, claimed, reported, retried."""
import json
import threading
from datetime import timedelta

from sqlalchemy import update

from archive import db, services
from archive.ingest.files import RawItem
from archive.logic.jobs import JobRunner, create_job, report
from archive.models import Job, JobItem
from archive.models.base import utcnow
from archive.models.job import CLAIMED, PENDING

TEXTS = [
    "Chancellor Olaf Scholz met President Emmanuel Macron in Berlin on Monday to discuss energy prices.",
    "Toyota raised its profit forecast in Tokyo as the yen weakened against the dollar.",
    "Fire crews in Lisbon contained a blaze that had threatened homes near the Tagus river.",
    "The World Health Organization warned in Geneva that measles cases rose sharply in Europe.",
]


def invoke(app, *args):
    return app.test_cli_runner().invoke(args=["archive", *args])


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    return path


def test_cli_ingest_is_a_recorded_job_with_reasons(app, client, tmp_path):
    source = write_jsonl(tmp_path / "in.jsonl", [{"body": TEXTS[0]}, {"body": ""}, {"body": TEXTS[0]},
                                                 {"body": TEXTS[1], "published_at": "not a date"}])
    result = invoke(app, "ingest", str(source), "--workers", "1")
    assert result.exit_code == 1, result.output
    assert "job 1: ingested 1, skipped 1 as duplicates, failed 2" in result.output
    listing = invoke(app, "jobs").output
    assert "done" in listing and "created 1, duplicate 1, failed 2" in listing
    shown = json.loads(invoke(app, "jobs", "1").output)
    assert shown["status"] == "done" and shown["created_by"] == "cli"
    assert shown["counts"] == {"pending": 0, "claimed": 0, "created": 1, "duplicate": 1, "failed": 2, "total": 4}
    assert [(f["origin"].rsplit("/", 1)[-1], f["reason"]) for f in shown["failures"]] == [
        ("in.jsonl:2", "body is empty"), ("in.jsonl:4", shown["failures"][1]["reason"])]
    assert "published_at" in shown["failures"][1]["reason"]


def test_queued_job_is_ingested_by_a_worker_process_command(app, client, tmp_path):
    source = write_jsonl(tmp_path / "in.jsonl", [{"body": text} for text in TEXTS])
    queued = invoke(app, "ingest", str(source), "--queue")
    assert "job 1: queued 4 articles" in queued.output
    assert client.get("/api/v1/search?q=Toyota").get_json()["total"] == 0
    worker = invoke(app, "worker", "--until-idle", "--index")
    assert worker.exit_code == 0 and "stopped after 4 items" in worker.output
    assert client.get("/api/v1/search?q=Toyota").get_json()["total"] == 1
    assert json.loads(invoke(app, "jobs", "1").output)["counts"]["created"] == 4


def test_a_worker_with_extraction_processes_pipelines_its_batches(app, client, tmp_path):
    source = write_jsonl(tmp_path / "in.jsonl", [{"body": f"{text} Report {n}."} for n in range(3) for text in TEXTS])
    invoke(app, "ingest", str(source), "--queue")
    worker = invoke(app, "worker", "--until-idle", "--index", "--processes", "2", "--batch-size", "8")
    assert worker.exit_code == 0 and "stopped after 12 items" in worker.output
    assert "waiting for jobs (2 extraction processes, pipelined)" in worker.output
    assert worker.output.count("ingested a batch of") == 2  # 8 + 4, each extracted by the two processes
    assert client.get("/api/v1/search?q=Toyota").get_json()["total"] == 3
    assert json.loads(invoke(app, "jobs", "1").output)["counts"]["created"] == 12


def test_retry_reruns_only_the_failed_items(app, client, tmp_path):
    app.config["MAX_ARTICLE_CHARS"] = 86
    source = write_jsonl(tmp_path / "in.jsonl", [{"body": text} for text in TEXTS])
    first = invoke(app, "ingest", str(source), "--workers", "1")
    assert "ingested 2, skipped 0 as duplicates, failed 2" in first.output
    assert "body is longer than 86 characters" in first.output
    app.config["MAX_ARTICLE_CHARS"] = 200_000  # the limit was raised: the failures can now go in
    retried = invoke(app, "retry", "1")
    assert "2 failed items queued again" in retried.output
    assert "created 4, duplicate 0, failed 0" in retried.output
    assert client.get("/api/v1/search?q=Scholz").get_json()["total"] == 1


def test_items_of_a_runner_that_died_are_claimed_again_after_the_lease(app):
    with app.app_context():
        session = db.new_session()
        job = create_job(session, "api", "test", [RawItem(f"a{n}", {"body": t}) for n, t in enumerate(TEXTS)])
        dead = JobItem.claim(session, "dead-runner", 2, timedelta(minutes=5), job.id)
        assert [item.status for item in dead] == [CLAIMED, CLAIMED]
        live = JobItem.claim(session, "live", 10, timedelta(minutes=5), job.id)
        assert len(live) == 2  # the dead runner's lease still holds
        session.execute(update(JobItem).where(JobItem.claimed_by == "dead-runner")
                        .values(claimed_at=utcnow() - timedelta(minutes=6)))
        session.commit()
        again = JobItem.claim(session, "live", 10, timedelta(minutes=5), job.id)
        assert sorted(item.origin for item in again) == ["a0", "a1"]
        assert {item.attempts for item in again} == {2}
        session.close()


def test_concurrent_claims_never_share_an_item(app):
    with app.app_context():
        session = db.new_session()
        job = create_job(session, "api", "test", [RawItem(f"a{n}", {"body": f"text {n}"}) for n in range(60)])
        session.close()
        claimed: dict[str, list[str]] = {}

        def claim_all(name):
            own = db.new_session()
            mine = claimed.setdefault(name, [])
            while batch := JobItem.claim(own, name, 3, timedelta(minutes=5), job.id):
                mine += [item.origin for item in batch]
            own.close()

        with app.app_context():
            threads = [threading.Thread(target=lambda n=n: _in_context(app, claim_all, f"r{n}")) for n in range(3)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        every = [origin for names in claimed.values() for origin in names]
        assert sorted(every) == sorted(f"a{n}" for n in range(60))  # each item once, none twice
        check = db.new_session()
        assert check.get(Job, job.id).counts(check)[PENDING] == 0
        check.close()


def _in_context(app, function, *args):
    with app.app_context():
        function(*args)


def test_runner_reports_progress_and_finishes_the_job(app):
    with app.app_context():
        session = db.new_session()
        job = create_job(session, "api", "test", [RawItem(f"a{n}", {"body": t}) for n, t in enumerate(TEXTS)]
                         + [RawItem("broken", None, "not valid JSON")])
        assert report(session, job)["status"] == "queued"
        seen: list[int] = []
        runner = JobRunner(session, services.index_store(), services.model_name(), 200_000, batch_size=2)
        assert runner.run(job.id, progress=seen.append) == 4
        assert seen == [2, 2]
        done = report(session, session.get(Job, job.id))
        assert done["status"] == "done" and done["progress"] == 1.0 and done["finished_at"]
        assert done["counts"]["created"] == 4 and done["failures"][0]["reason"] == "not valid JSON"
        session.close()
