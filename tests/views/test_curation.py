"""Entity curation through the API (admin token) and the admin pages (login and CSRF)."""
import re

import pytest

PASSWORD = "a long enough password"
TEXTS = [
    ("The Federal Reserve raised interest rates on Wednesday. Fed officials said inflation was still too high, "
     "and the Fed would act again if needed."),
    ("Markets in New York fell after the Fed signalled more increases. Traders said the Fed had surprised them, "
     "according to Goldman Sachs."),
]


@pytest.fixture
def ids(client, auth) -> dict[str, int]:
    """Entity ids by name, after storing two articles."""
    found = {}
    for body in TEXTS:
        article = client.post("/api/v1/articles", headers=auth, json={"body": body}).get_json()
        found.update({e["name"]: e["id"] for e in article["actors"] + article["places"]})
    return found


def actor_facet(client) -> dict[str, int]:
    data = client.get("/api/v1/search?facet_size=100").get_json()
    return {value["label"]: value["count"] for value in data["facets"]["actor"]["results"]}


def token_of(client, url) -> str:
    html = client.get(url).get_data(as_text=True)
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)


@pytest.fixture
def admin(app, client):
    app.test_cli_runner().invoke(args=["archive", "create-admin", "editor", "--password", PASSWORD])
    response = client.post("/admin/login", data={"username": "editor", "password": PASSWORD,
                                                 "csrf_token": token_of(client, "/admin/login")})
    assert response.status_code == 302
    return client


def test_the_api_needs_the_admin_token(client, ids):
    fed = ids["Fed"]
    for method, url, body in (("post", f"/api/v1/entities/{fed}/merge", {"into": ids["Federal Reserve"]}),
                              ("post", f"/api/v1/entities/{fed}/rename", {"name": "Fed"}),
                              ("post", f"/api/v1/entities/{fed}/reject", None),
                              ("get", "/api/v1/edits", None), ("post", "/api/v1/edits/1/undo", None)):
        for headers in ({}, {"Authorization": "Bearer wrong"}):
            response = getattr(client, method)(url, json=body, headers=headers)
            assert response.status_code == 401 and response.get_json()["error"]["code"] == "unauthorized"
    assert actor_facet(client)["Fed"] == 2


def test_bad_requests_get_json_errors(client, auth, ids):
    fed, reserve, new_york = ids["Fed"], ids["Federal Reserve"], ids["New York City"]
    cases = [
        (f"/api/v1/entities/{fed}/merge", {"into": fed}, 400, "into itself"),
        (f"/api/v1/entities/{fed}/merge", {"into": new_york}, 400, "into a place"),
        (f"/api/v1/entities/{new_york}/merge", {"into": fed}, 400, "place into a organization"),
        (f"/api/v1/entities/{fed}/merge", {"into": 999999}, 404, "no entity"),
        ("/api/v1/entities/999999/merge", {"into": fed}, 404, "no entity"),
        (f"/api/v1/entities/{fed}/merge", {}, 400, "into must be"),
        (f"/api/v1/entities/{fed}/merge", {"into": True}, 400, "into must be"),
        (f"/api/v1/entities/{fed}/merge", {"into": "Nobody Known"}, 404, "no actor named"),
        (f"/api/v1/entities/{fed}/merge", {"into": "x" * 301}, 400, "at most 300"),
        (f"/api/v1/entities/{fed}/rename", {"name": "  "}, 400, "non-empty"),
        (f"/api/v1/entities/{fed}/rename", {"name": "Fed\u0000"}, 400, "no control characters"),
        (f"/api/v1/entities/{fed}/rename", {"name": 5}, 400, "non-empty"),
        (f"/api/v1/entities/{fed}/rename", {}, 400, "non-empty"),
        (f"/api/v1/entities/{reserve}/rename", {"name": "Federal Reserve"}, 400, "already called"),
        ("/api/v1/entities/999999/reject", None, 404, "no entity"),
        ("/api/v1/edits/999999/undo", None, 404, "no edit"),
    ]
    for url, body, status, message in cases:
        response = client.post(url, json=body, headers=auth)
        assert response.status_code == status, (url, body, response.get_json())
        assert message in response.get_json()["error"]["message"], (url, body)
    assert client.get("/api/v1/edits", headers=auth).get_json() == {"results": []}


def test_merge_by_api_redirects_the_old_page_and_undo_restores_it(client, auth, ids):
    fed, reserve = ids["Fed"], ids["Federal Reserve"]
    before = actor_facet(client)
    response = client.post(f"/api/v1/entities/{fed}/merge", json={"into": "federal reserve"}, headers=auth)
    edit = response.get_json()
    assert response.status_code == 200 and edit["other_entity_id"] == reserve
    assert edit["created_by"] == "ARCHIVE_ADMIN_TOKEN" and edit["summary"].startswith("merged “Fed”")
    assert actor_facet(client)["Federal Reserve"] == 2 and "Fed" not in actor_facet(client)
    old = client.get(f"/actors/{fed}")
    assert old.status_code == 302 and old.headers["Location"].endswith(f"/actors/{reserve}")
    assert client.get(f"/?actor={fed}").status_code == 200
    assert client.post(f"/api/v1/entities/{fed}/merge", json={"into": reserve}, headers=auth).status_code == 409

    undone = client.post(f"/api/v1/edits/{edit['id']}/undo", headers=auth)
    assert undone.status_code == 200 and undone.get_json()["undone_by"] == "ARCHIVE_ADMIN_TOKEN"
    assert actor_facet(client) == before
    assert client.get(f"/actors/{fed}").status_code == 200
    assert client.post(f"/api/v1/edits/{edit['id']}/undo", headers=auth).status_code == 409


def test_rename_and_reject_by_api_with_a_named_token(app, client, auth, ids):
    plain = app.test_cli_runner().invoke(args=["archive", "create-token", "curator"]).output.strip().split()[-1]
    named = {"Authorization": f"Bearer {plain}"}
    goldman = ids["Goldman Sachs"]
    renamed = client.post(f"/api/v1/entities/{goldman}/rename", json={"name": "Goldman Sachs Group"}, headers=named)
    assert renamed.status_code == 200 and "curator" in renamed.get_json()["created_by"]
    assert "<h1>Goldman Sachs Group</h1>" in client.get(f"/actors/{goldman}").get_data(as_text=True)
    assert client.get("/api/v1/search?actor=Goldman+Sachs").get_json()["total"] == 1

    rejected = client.post(f"/api/v1/entities/{ids['Fed']}/reject", headers=named).get_json()
    assert "Fed" not in actor_facet(client) and client.get(f"/actors/{ids['Fed']}").status_code == 404
    log = client.get("/api/v1/edits", headers=auth).get_json()["results"]
    assert [e["action"] for e in log] == ["reject", "rename"]  # newest first
    client.post(f"/api/v1/edits/{rejected['id']}/undo", headers=auth)
    assert actor_facet(client)["Fed"] == 2 and client.get(f"/actors/{ids['Fed']}").status_code == 200


def test_admin_pages_need_login_and_csrf(client, admin, ids):
    fed = ids["Fed"]
    anonymous = type(client)(client.application)
    for url in ("/admin/entities", f"/admin/entities/{fed}", "/admin/edits"):
        response = anonymous.get(url)
        assert response.status_code == 302 and "/admin/login" in response.headers["Location"]
    for url in (f"/admin/entities/{fed}/merge", f"/admin/entities/{fed}/rename", f"/admin/entities/{fed}/reject",
                "/admin/edits/1/undo"):
        assert anonymous.post(url, data={"into": "Federal Reserve", "name": "X"}).status_code in (302, 400)
        assert admin.post(url, data={"into": "Federal Reserve", "name": "X"}).status_code == 400  # no CSRF token
    assert actor_facet(client)["Fed"] == 2 and "Fed" in admin.get("/admin/entities?q=fe").get_data(as_text=True)


def test_merge_and_undo_through_the_admin_forms(admin, ids):
    fed, reserve = ids["Fed"], ids["Federal Reserve"]
    page = admin.get(f"/actors/{fed}").get_data(as_text=True)
    assert f'href="/admin/entities/{fed}"' in page  # admins get a way to curate from the entity page
    response = admin.post(f"/admin/entities/{fed}/merge", data={
        "into": "Federal Reserve", "csrf_token": token_of(admin, f"/admin/entities/{fed}")})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/admin/entities/{reserve}")
    assert actor_facet(admin)["Federal Reserve"] == 2
    assert "Merged into" in admin.get(f"/admin/entities/{fed}").get_data(as_text=True)

    log = admin.get("/admin/edits").get_data(as_text=True)
    assert "editor" in log and "merged “Fed”" in log
    edit_id = re.search(r'action="/admin/edits/(\d+)/undo"', log).group(1)
    undone = admin.post(f"/admin/edits/{edit_id}/undo", data={"csrf_token": token_of(admin, "/admin/edits")})
    assert undone.status_code == 302 and actor_facet(admin)["Fed"] == 2
    assert "undone" in admin.get("/admin/edits").get_data(as_text=True)


def test_rename_and_reject_through_the_admin_forms(admin, ids):
    goldman, fed = ids["Goldman Sachs"], ids["Fed"]
    admin.post(f"/admin/entities/{goldman}/rename", data={
        "name": "Goldman Sachs Group", "csrf_token": token_of(admin, f"/admin/entities/{goldman}")})
    assert actor_facet(admin)["Goldman Sachs Group"] == 1
    admin.post(f"/admin/entities/{fed}/reject", data={"csrf_token": token_of(admin, f"/admin/entities/{fed}")})
    assert "Fed" not in actor_facet(admin)
    refused = admin.post(f"/admin/entities/{fed}/rename", data={
        "name": "Fed", "csrf_token": token_of(admin, f"/admin/entities/{goldman}")})
    assert refused.status_code == 409 and "not an entity" in refused.get_data(as_text=True)
