"""Deeply nested JSON (issue 16, finding 4): 100,000 "[" or a title nested 50,000 objects deep is a
clear 400 on the API, a failed item in an upload or `archive ingest`; never a RecursionError."""
import io
import json

import pytest

from tests.views.test_admin import log_in_admin, run_jobs, token_of, upload

BRACKETS = "[" * 100_000
DEEP_TITLE = '{"body": "Flood warning for Basel.", "title": ' + '{"a": ' * 50_000 + '"x"' + "}" * 50_001
REASON = "nested 100000 levels deep, more than the limit of 64"


def stored(client) -> int:
    return client.get("/healthz").get_json()["articles"]


@pytest.mark.parametrize("path", ["/api/v1/articles", "/api/v1/articles/batch", "/api/v1/jobs", "/api/v1/extract"])
@pytest.mark.parametrize("body", [BRACKETS, DEEP_TITLE])
def test_the_api_answers_400_with_the_usual_error(client, auth, path, body):
    response = client.post(path, data=body, headers={**auth, "Content-Type": "application/json"})
    assert response.status_code == 400, response.get_data(as_text=True)[:300]
    error = response.get_json()["error"]
    assert error["status"] == 400 and error["code"] == "invalid"
    assert error["message"].startswith("the request body is nested") and "more than the limit of 64" in error["message"]
    assert stored(client) == 0


def test_an_upload_fails_each_deep_file_and_keeps_the_rest(app, client):
    admin = log_in_admin(app, client)
    files = [(io.BytesIO(BRACKETS.encode()), "deep.json"),
             (io.BytesIO((json.dumps({"body": "Ship collision near Gdansk on Friday."}) + "\n"
                          + DEEP_TITLE + "\n").encode()), "mixed.jsonl")]
    report = upload(admin, files)
    run_jobs(app)
    html = admin.get(report).get_data(as_text=True)
    assert '<dd id="job-failed">2</dd>' in html and '<dd id="job-created">1</dd>' in html
    assert f"not valid JSON: {REASON}" in html and "nested 50001 levels deep" in html
    assert stored(client) == 1


def test_cli_ingest_fails_the_item_without_a_traceback(app, client, tmp_path):
    (tmp_path / "deep.json").write_text(BRACKETS)
    (tmp_path / "story.txt").write_text("Wind farm opens off Aberdeen.")
    (tmp_path / "story.json").write_text('{"title": ' * 70_000)  # a sidecar
    result = app.test_cli_runner().invoke(args=["archive", "ingest", str(tmp_path)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "ingested 0, skipped 0 as duplicates, failed 2" in result.output
    assert f"deep.json: not valid JSON: {REASON}" in result.output
    assert "sidecar story.json is not valid JSON: nested 70000 levels deep" in result.output
    assert stored(client) == 0
