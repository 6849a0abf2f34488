"""Jobs in the JSON API and the admin pages: queued, run by the web process's thread, reported, retried."""
import time

import pytest

from tests.conftest import make_app
from tests.views.test_admin import admin, run_jobs, token_of  # noqa: F401 - the logged-in admin fixture

ARTICLES = [
    {"body": "Prime Minister Fumio Kishida visited Kyiv on Tuesday and met President Volodymyr Zelenskiy."},
    {"body": "Shell agreed to sell its Nigerian onshore oil business to a group of local companies."},
    {"body": ""},
    "not an object",
]


def wait_for_job(client, job_id, auth, deadline=90.0):
    """Poll the job until it is done (the first batch loads spaCy in the worker thread)."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        job = client.get(f"/api/v1/jobs/{job_id}", headers=auth).get_json()
        if job["status"] == "done":
            return job
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} not done after {deadline} s: {job}")


@pytest.fixture
def threaded(tmp_path):
    app = make_app(tmp_path / "data", JOB_WORKER="thread")
    yield app
    app.extensions["archive.background"].close()
    app.extensions["archive.index"].close()


def test_api_job_is_run_in_the_background_and_reported(threaded, auth):
    client = threaded.test_client()
    response = client.post("/api/v1/jobs", json={"articles": ARTICLES}, headers=auth)
    assert response.status_code == 202
    job = response.get_json()
    assert job["status"] == "queued" and job["counts"]["total"] == 4
    assert response.headers["Location"].endswith(f"/api/v1/jobs/{job['id']}")
    done = wait_for_job(client, job["id"], auth)
    assert done["counts"] == {"pending": 0, "claimed": 0, "created": 2, "duplicate": 0, "failed": 2, "total": 4}
    assert done["created_by"] == "ARCHIVE_ADMIN_TOKEN"
    assert [f["reason"] for f in done["failures"]] == ["body is empty", "an article must be a JSON object"]
    assert client.get("/api/v1/search?q=Kishida").get_json()["total"] == 1
    listed = client.get("/api/v1/jobs", headers=auth).get_json()["jobs"]
    assert [j["id"] for j in listed] == [job["id"]]
    retried = client.post(f"/api/v1/jobs/{job['id']}/retry", headers=auth)
    assert retried.status_code == 202 and retried.get_json()["retried"] == 2
    again = wait_for_job(client, job["id"], auth)
    assert again["counts"]["failed"] == 2 and again["counts"]["created"] == 2  # still bad: failed again


def test_jobs_api_needs_a_token_and_good_input(client, auth):
    assert client.get("/api/v1/jobs/1").status_code == 401
    assert client.post("/api/v1/jobs", json={"articles": ARTICLES}).status_code == 401
    assert client.get("/api/v1/jobs/1", headers=auth).status_code == 404
    assert client.get(f"/api/v1/jobs/{2**70}", headers=auth).status_code == 404
    for body in ({}, {"articles": "x"}, {"urls": [1]}, {"articles": []}):
        response = client.post("/api/v1/jobs", json=body, headers=auth)
        assert response.status_code == 400 and response.get_json()["error"]["message"]
    broken = client.post("/api/v1/jobs", data="{oops", headers={**auth, "Content-Type": "application/json"})
    assert broken.status_code == 400
    assert client.get("/api/v1/jobs?limit=0", headers=auth).status_code == 400


def test_admin_sees_jobs_and_retries_failures(app, admin):  # noqa: F811 - the fixture
    upload = {"files": [(__import__("io").BytesIO(b'{"body": ""}\n{"body": "Rain flooded Jakarta."}\n'), "a.jsonl")],
              "csrf_token": token_of(admin, "/admin")}
    page = admin.post("/admin/upload", data=upload, content_type="multipart/form-data")
    assert page.status_code == 302 and page.headers["Location"].endswith("/admin/jobs/1")
    run_jobs(app)
    listing = admin.get("/admin/jobs").get_data(as_text=True)
    assert "#1" in listing and "upload" in listing and "a.jsonl" in listing
    report = admin.get("/admin/jobs/1").get_data(as_text=True)
    assert "a.jsonl:1" in report and "body is empty" in report and "Retry the failed ones" in report
    assert admin.post("/admin/jobs/1/retry").status_code == 400  # no CSRF token
    retry = admin.post("/admin/jobs/1/retry", data={"csrf_token": token_of(admin, "/admin/jobs/1")})
    assert retry.status_code == 302
    assert "Queued 1 failed item again" in admin.get("/admin/jobs/1").get_data(as_text=True)
    assert admin.get("/admin/jobs/99").status_code == 404


def test_admin_job_pages_need_login(client):
    for url in ("/admin/jobs", "/admin/jobs/1"):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login" in response.headers["Location"]
    assert client.post("/admin/fetch", data={"url": "http://example.com/"}).status_code in (302, 400)
