"""BulkIngest in one process (workers=1): a recorded job whose summary names each failure."""
from archive import db
from archive.ingest.items import RawItem
from archive.logic.bulk import BulkIngest, Summary
from archive.models import Job

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
