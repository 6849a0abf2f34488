"""URLs ingested as jobs: `archive ingest --url`, POST /api/v1/jobs {"urls"}, the admin's fetch form,
against a real HTTP server on 127.0.0.1 serving a real feed and a real page."""
import json

from tests.conftest import make_app
from tests.ingest.test_fetch import LOCAL, site  # noqa: F401 - the local HTTP server fixture
from tests.jobs.test_jobs_views import wait_for_job
from tests.views.test_admin import admin, token_of  # noqa: F401 - the logged-in admin fixture


def test_cli_ingests_a_feed_and_a_page_by_url_as_one_job(app, client, site):  # noqa: F811
    base, server = site
    app.config.update(LOCAL, FETCH_TIMEOUT=10)
    result = app.test_cli_runner().invoke(args=["archive", "ingest", "--workers", "1",
                                                "--url", f"{base}/feeds/business.rss", "--url", f"{base}/news/ink",
                                                "--url", f"{base}/logo.png"])
    assert result.exit_code == 1, result.output  # the image is not an article: reported, the rest stored
    assert "job 1: ingested 4, skipped 0 as duplicates, failed 1" in result.output
    assert "logo.png" in result.output
    assert {path for path, _agent in server.seen} == {"/feeds/business.rss", "/news/ink", "/logo.png"}
    report = json.loads(app.test_cli_runner().invoke(args=["archive", "jobs", "1"]).output)
    assert report["kind"] == "url" and report["source"].startswith(f"{base}/feeds/business.rss")
    assert client.get("/api/v1/search?per_page=10").get_json()["total"] == 4


def test_refused_urls_are_failed_items_not_errors(app, client):
    result = app.test_cli_runner().invoke(args=["archive", "ingest", "--url", "file:///etc/passwd",
                                                "--url", "http://127.0.0.1:9/"])
    assert result.exit_code == 1
    assert "ingested 0, skipped 0 as duplicates, failed 2" in result.output
    assert "http" in result.output and "private" in result.output.lower()


def test_api_job_of_urls_runs_in_the_background(tmp_path, site, auth):  # noqa: F811
    base, _server = site
    app = make_app(tmp_path / "data", JOB_WORKER="thread", **{**LOCAL, "FETCH_TIMEOUT": 10})
    client = app.test_client()
    response = client.post("/api/v1/jobs", json={"urls": [f"{base}/feeds/politics.atom"]}, headers=auth)
    assert response.status_code == 202
    done = wait_for_job(client, response.get_json()["id"], auth)
    assert done["kind"] == "url" and done["counts"]["created"] == 3 and done["counts"]["failed"] == 0
    app.extensions["archive.background"].close()


def test_admin_fetches_a_url_into_a_job(app, admin, site):  # noqa: F811
    base, _server = site
    app.config.update(LOCAL, FETCH_TIMEOUT=10)
    response = admin.post("/admin/fetch", data={"url": f"{base}/news/ink", "csrf_token": token_of(admin, "/admin/jobs")})
    assert response.status_code == 302 and response.headers["Location"].endswith("/admin/jobs/1")
    page = admin.get("/admin/jobs/1").get_data(as_text=True)
    assert "url" in page and f"{base}/news/ink" in page
    assert admin.post("/admin/fetch", data={"url": f"{base}/news/ink"}).status_code == 400  # no CSRF token
