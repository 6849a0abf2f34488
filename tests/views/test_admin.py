"""Admin pages through the Flask test client: login, CSRF, ingest, upload, delete, tokens."""
import io
import re

import pytest

PASSWORD = "a long enough password"



def token_of(client, url="/admin/login") -> str:
    html = client.get(url).get_data(as_text=True)
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html) or re.search(
        r'value="([^"]+)"[^>]*name="csrf_token"', html)
    return match.group(1)


def log_in_admin(app, client):
    """`client`, logged in as a new admin user "editor"."""
    result = app.test_cli_runner().invoke(args=["archive", "create-admin", "editor", "--password", PASSWORD])
    assert "created admin user editor" in result.output
    response = client.post("/admin/login", data={"username": "editor", "password": PASSWORD,
                                                 "csrf_token": token_of(client)})
    assert response.status_code == 302 and response.headers["Location"].endswith("/admin")
    return client


@pytest.fixture
def admin(app, client):
    return log_in_admin(app, client)


def test_admin_pages_need_login(client):
    for url in ("/admin", ):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login" in response.headers["Location"]
    for url in ("/admin/ingest", "/admin/upload", "/admin/articles/1/delete", "/admin/tokens"):
        assert client.post(url).status_code in (302, 400)
        assert client.get("/healthz").get_json()["articles"] == 0


def test_login_without_csrf_token_is_refused(app, client):
    app.test_cli_runner().invoke(args=["archive", "create-admin", "editor", "--password", PASSWORD])
    response = client.post("/admin/login", data={"username": "editor", "password": PASSWORD})
    assert response.status_code == 400
    assert client.get("/admin").status_code == 302


def test_short_password_is_refused(app):
    result = app.test_cli_runner().invoke(args=["archive", "create-admin", "editor", "--password", "short"])
    assert result.exit_code != 0 and "at least 10 characters" in result.output


def test_wrong_password_then_rate_limit(app, client):
    app.test_cli_runner().invoke(args=["archive", "create-admin", "editor", "--password", PASSWORD])
    for _ in range(5):
        response = client.post("/admin/login", data={"username": "editor", "password": "nope nope nope",
                                                     "csrf_token": token_of(client)})
        assert response.status_code == 401 and "Wrong user name or password" in response.get_data(as_text=True)
    blocked = client.post("/admin/login", data={"username": "editor", "password": PASSWORD,
                                                "csrf_token": token_of(client)})
    assert blocked.status_code == 429 and "Too many failed attempts" in blocked.get_data(as_text=True)


def test_paste_ingest_shows_created_then_duplicate(admin):
    data = {"body": "Firefighters in Porto saved the old library on Sunday.", "title": "Library saved",
            "source": "Porto Daily", "published_at": "2024-05-12", "csrf_token": token_of(admin, "/admin")}
    first = admin.post("/admin/ingest", data=data).get_data(as_text=True)
    assert "<strong>created</strong>" in first and "Library saved" in first
    second = admin.post("/admin/ingest", data={**data, "csrf_token": token_of(admin, "/admin")})
    assert "<strong>duplicate</strong>" in second.get_data(as_text=True)
    assert admin.get("/api/v1/search?q=library").get_json()["total"] == 1


def test_paste_with_a_bad_date_fails_with_the_reason(admin):
    response = admin.post("/admin/ingest", data={"body": "Some text.", "published_at": "30000-01-01",
                                                 "csrf_token": token_of(admin, "/admin")})
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and "<strong>failed</strong>" in html and "published_at is not a valid" in html
    assert admin.get("/healthz").get_json()["articles"] == 0


def test_paste_without_csrf_is_refused(admin):
    response = admin.post("/admin/ingest", data={"body": "Some text."})
    assert response.status_code == 400
    assert admin.get("/healthz").get_json()["articles"] == 0


def upload(client, files):
    """Upload `files` through the admin form; returns the job report's URL it redirects to."""
    response = client.post("/admin/upload", data={"files": files, "csrf_token": token_of(client, "/admin")},
                           content_type="multipart/form-data")
    assert response.status_code == 302 and re.search(r"/admin/jobs/\d+$", response.headers["Location"])
    return response.headers["Location"]


def run_jobs(app):
    """Work through the queue as an `archive worker` would (the test apps have no job thread)."""
    result = app.test_cli_runner().invoke(args=["archive", "worker", "--until-idle", "--index"])
    assert result.exit_code == 0, result.output


def test_upload_queues_a_job_and_goes_to_its_report_which_refreshes_until_done(app, admin):
    files = [(io.BytesIO(b"Ship collision near Gdansk on Friday."), "one.txt"),
             (io.BytesIO(b'{"body": "Wind farm opens off Aberdeen."}\n{bad json\n'), "two.jsonl"),
             (io.BytesIO(b"\xff\xfe not text"), "three.txt"),
             (io.BytesIO(b"%PDF-1.4"), "four.pdf")]
    report = upload(admin, files)
    queued = admin.get(report).get_data(as_text=True)
    assert '<meta http-equiv="refresh" content="2">' in queued
    assert '<dd id="job-waiting">2</dd>' in queued and '<dd id="job-failed">3</dd>' in queued
    assert admin.get("/healthz").get_json()["articles"] == 0  # nothing was extracted during the request
    run_jobs(app)
    done = admin.get(report).get_data(as_text=True)
    assert 'http-equiv="refresh"' not in done and '<dd id="job-status">done</dd>' in done
    assert '<dd id="job-created">2</dd>' in done and '<dd id="job-waiting">0</dd>' in done
    assert "two.jsonl:2" in done and "not UTF-8" in done and "unsupported file type .pdf" in done
    assert admin.get("/api/v1/search?q=Aberdeen").get_json()["total"] == 1


def test_delete_removes_article_and_index_entry(admin, auth):
    article_id = admin.post("/api/v1/articles", headers=auth, json={"body": "Flood warning for Basel."}).get_json()["id"]
    refused = admin.post(f"/admin/articles/{article_id}/delete")
    assert refused.status_code == 400
    response = admin.post(f"/admin/articles/{article_id}/delete", data={"csrf_token": token_of(admin, "/admin")})
    assert response.status_code == 302
    assert admin.get(f"/api/v1/articles/{article_id}").status_code == 404
    assert admin.get("/api/v1/search?q=flood").get_json()["total"] == 0


def test_create_and_revoke_token(admin):
    html = admin.post("/admin/tokens", data={"name": "robot", "csrf_token": token_of(admin, "/admin")})
    plain = re.search(r'<code id="new-token">([^<]+)</code>', html.get_data(as_text=True)).group(1)
    headers = {"Authorization": f"Bearer {plain}"}
    assert admin.post("/api/v1/articles", headers=headers, json={"body": "Snow in Oslo."}).status_code == 201
    dashboard = admin.get("/admin").get_data(as_text=True)
    token_id = re.search(r'/admin/tokens/(\d+)/revoke', dashboard).group(1)
    admin.post(f"/admin/tokens/{token_id}/revoke", data={"csrf_token": token_of(admin, "/admin")})
    assert admin.post("/api/v1/articles", headers=headers, json={"body": "Rain in Oslo."}).status_code == 401


def test_logout(admin):
    admin.post("/admin/logout", data={"csrf_token": token_of(admin, "/admin")})
    assert admin.get("/admin").status_code == 302
