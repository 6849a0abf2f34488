"""Managing followed sources: the commands, the JSON API (admin) and the admin page."""
from sqlalchemy import update

from archive import db
from archive.models import Source
from tests.sources.site import TEXTS
from tests.views.test_admin import admin, token_of  # noqa: F401 - the logged-in admin fixture


def invoke(app, *args):
    return app.test_cli_runner().invoke(args=["archive", "source", *args])


def test_source_commands(app, client, site):
    site.entries[:] = [("Energy talks", TEXTS[0])]
    added = invoke(app, "add", f"{site.base}/feed.rss", "--every", "2h", "--name", "Local Desk")
    assert added.exit_code == 0 and "source 1: following" in added.output and "every 7200 s" in added.output
    again = invoke(app, "add", f"{site.base}/feed.rss")
    assert again.exit_code == 1 and "is followed already" in again.output
    assert "every must be an interval" in invoke(app, "add", f"{site.base}/x", "--every", "5s").output
    assert "only http and https" in invoke(app, "add", "ftp://example.org/feed").output

    polled = invoke(app, "poll", "1")
    assert polled.exit_code == 0, polled.output
    assert "source 1: 1 entries queued as job 1: created 1, duplicate 0, failed 0" in polled.output
    assert "not modified since the last poll" in invoke(app, "poll", "1").output  # poll now, due or not
    assert "no source is due" in invoke(app, "poll").output
    assert client.get("/api/v1/search?q=Macron").get_json()["total"] == 1

    listing = invoke(app, "list").output
    assert "active" in listing and "1 new in 24 h" in listing and "/feed.rss" in listing
    assert "source 1: paused" in invoke(app, "pause", "1").output
    assert "paused by an admin" in invoke(app, "list").output
    assert "source 1: active" in invoke(app, "resume", "1").output
    assert "source 1: removed" in invoke(app, "remove", "1").output
    assert invoke(app, "list").output == ""
    assert "no source 1" in invoke(app, "poll", "1").output
    assert client.get("/api/v1/search?q=Macron").get_json()["total"] == 1  # its articles stay


def test_source_api(app, client, auth, site):
    url = f"{site.base}/broken"
    assert client.get("/api/v1/sources").status_code == 401
    created = client.post("/api/v1/sources", json={"url": url, "every": "30m"}, headers=auth)
    assert created.status_code == 201 and created.headers["Location"].endswith("/api/v1/sources/1")
    body = created.get_json()
    assert (body["url"], body["every"], body["status"], body["failures"]) == (url, 1800, "active", 0)
    conflict = client.post("/api/v1/sources", json={"url": url}, headers=auth)
    assert conflict.status_code == 409 and "followed already" in conflict.get_json()["error"]["message"]
    for bad in ({}, {"url": "ftp://x/y"}, {"url": url + "2", "every": "1s"}, {"url": 5},
                {"url": "http://a/b", "name": "n" * 201}):
        refused = client.post("/api/v1/sources", json=bad, headers=auth)
        assert refused.status_code == 400 and refused.get_json()["error"]["message"], bad

    invoke(app, "poll", "1")  # fails: the site answers 500
    shown = client.get("/api/v1/sources/1", headers=auth).get_json()
    assert shown["failures"] == 1 and "500" in shown["last_error"]
    changed = client.patch("/api/v1/sources/1", json={"paused": True, "name": "Desk", "every": "1h"}, headers=auth)
    assert changed.status_code == 200
    assert {k: changed.get_json()[k] for k in ("status", "name", "every")} == {"status": "paused", "name": "Desk",
                                                                               "every": 3600}
    assert client.patch("/api/v1/sources/1", json={"paused": "yes"}, headers=auth).status_code == 400
    assert [s["id"] for s in client.get("/api/v1/sources", headers=auth).get_json()["sources"]] == [1]
    assert client.delete("/api/v1/sources/1", headers=auth).status_code == 204
    for method in ("get", "patch", "delete"):
        missing = getattr(client, method)(f"/api/v1/sources/{2**70}", json={}, headers=auth)
        assert missing.status_code == 404 and missing.get_json()["error"]["code"]


def test_sources_are_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert set(paths["/sources"]) == {"get", "post"}
    assert set(paths["/sources/{source_id}"]) == {"get", "patch", "delete"}


def test_admin_page_adds_pauses_and_removes(app, admin, site):  # noqa: F811 - the fixture
    assert "No followed sources yet" in admin.get("/admin/sources").get_data(as_text=True)
    form = {"url": f"{site.base}/feed.rss", "every": "15m", "name": "", "csrf_token": token_of(admin, "/admin/sources")}
    assert admin.post("/admin/sources", data={**form, "csrf_token": ""}).status_code == 400
    bad = admin.post("/admin/sources", data={**form, "every": "soon"})
    assert bad.status_code == 400 and "every must be an interval" in bad.get_data(as_text=True)
    assert admin.post("/admin/sources", data=form).status_code == 302
    with app.app_context():
        session = db.new_session()
        session.execute(update(Source).values(last_error="boom", failures=2, last_result="boom"))
        session.commit()
        session.close()
    page = admin.get("/admin/sources").get_data(as_text=True)
    assert "/feed.rss" in page and "2 in a row: boom" in page and "Pause" in page
    token = token_of(admin, "/admin/sources")
    assert admin.post("/admin/sources/1/pause", data={"csrf_token": token}).status_code == 302
    assert "paused by an admin" in admin.get("/admin/sources").get_data(as_text=True)
    assert admin.post("/admin/sources/1/remove", data={"csrf_token": token}).status_code == 302
    assert "No followed sources yet" in admin.get("/admin/sources").get_data(as_text=True)
    assert admin.post("/admin/sources/9/remove", data={"csrf_token": token}).status_code == 404


def test_admin_sources_page_needs_login(client):
    response = client.get("/admin/sources")
    assert response.status_code == 302 and "/admin/login" in response.headers["Location"]
