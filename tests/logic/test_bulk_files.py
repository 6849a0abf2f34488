"""BulkIngest.run over files and folders (logic/bulk.py), in one process: every supported file below a
folder is read, hidden and sidecar files are not items, each outcome is summarised, progress is reported."""
import json
from contextlib import contextmanager

from archive import db
from archive.logic.bulk import BulkIngest
from archive.models import Job

BODIES = ["Fire crews in Lisbon contained a blaze near the Tagus river.",
          "Snow shut the airport in Oslo for a second day."]


def test_a_folder_is_read_file_by_file_and_every_item_summarised(app, tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.jsonl").write_text("".join(json.dumps({"body": body}) + "\n" for body in BODIES))
    (folder / "sub" / "story.txt").write_text(BODIES[0])  # a copy of a.jsonl's first article
    (folder / "sub" / "story.json").write_text(json.dumps({"title": "Sidecar title"}))
    (folder / "broken.json").write_text("{not json")
    (folder / ".hidden.jsonl").write_text(json.dumps({"body": "Never read."}) + "\n")
    (folder / "notes.docx").write_text("not a supported type")
    seen, worked = [], []

    @contextmanager
    def progress(files):
        seen.extend(path.name for path in files)
        yield files

    @contextmanager
    def working(total):
        class Bar:
            def update(self, n):
                worked.append(n)
        worked.append(f"total {total}")
        yield Bar()

    with app.app_context():
        summary = BulkIngest(workers=1, created_by="tester").run([folder], progress=progress, working=working)
        assert seen == ["a.jsonl", "broken.json", "story.txt"]
        assert [(o.origin.replace(str(folder), ""), o.status) for o in summary.outcomes] == [
            ("/a.jsonl:1", "created"), ("/a.jsonl:2", "created"), ("/broken.json", "failed"),
            ("/sub/story.txt", "duplicate")]
        assert worked[0] == "total 3" and sum(worked[1:]) == 3  # the failed file was never pending
        session = db.new_session()
        job = session.get(Job, summary.job_id)
        assert (job.kind, job.source, job.created_by, job.status) == ("files", str(folder), "tester", "done")
        session.close()
    assert app.extensions["archive.index"].doc_count() == 2


def test_a_missing_file_is_a_failed_item_with_the_reason(app, tmp_path):
    with app.app_context():
        summary = BulkIngest(workers=1).run([tmp_path / "gone.jsonl"])
    [outcome] = summary.outcomes
    assert outcome.status == "failed" and outcome.reason.startswith("cannot read file: ")
    assert summary.text().startswith(f"job {summary.job_id}: ingested 0, skipped 0 as duplicates, failed 1")
