"""Admin deletes ask for confirmation (a page, no JavaScript) and keep the article for
ARCHIVE_DELETED_KEEP_DAYS, restorable from Deleted articles (issue 18, item 13)."""
import html
import re
from datetime import timedelta

from sqlalchemy import update

from archive import db
from archive.models import DeletedArticle
from archive.models.base import utcnow
from tests.conftest import SHARED, make_app
from tests.views.test_admin import log_in_admin, token_of

STORY = SHARED / "data" / "news" / "bbc" / "politics" / "187.txt"  # "Jowell confirms casino climbdown"


def add_story(client, auth) -> int:
    title, _, body = STORY.read_text(encoding="utf-8").partition("\n")
    response = client.post("/api/v1/articles", headers=auth, json={"title": title.strip(), "body": body.strip(),
                                                                   "published_at": "2005-02-01"})
    assert response.status_code == 201
    return response.get_json()["id"]


def actors_of(client, article_id: int) -> list[str]:
    return sorted(a["name"] for a in client.get(f"/api/v1/articles/{article_id}").get_json()["actors"])


def test_delete_asks_for_confirmation_then_keeps_the_article_to_restore(app, client, auth):
    admin = log_in_admin(app, client)
    article_id = add_story(admin, auth)
    actors = actors_of(admin, article_id)
    assert actors
    dashboard = admin.get("/admin").get_data(as_text=True)
    assert f'<a href="/admin/articles/{article_id}/delete" aria-label="Delete Jowell confirms casino climbdown">' \
           in dashboard  # a link to the confirmation, no one-click form
    assert f'action="/admin/articles/{article_id}/delete"' not in dashboard

    confirm = admin.get(f"/admin/articles/{article_id}/delete").get_data(as_text=True)
    assert "<h1>Delete “Jowell confirms casino climbdown”?</h1>" in confirm
    assert '<button type="submit">Delete</button>' in confirm and '<a href="/admin">Cancel</a>' in confirm
    assert "for 30 days it can be restored" in confirm
    assert admin.get(f"/api/v1/articles/{article_id}").status_code == 200  # looking deletes nothing

    response = admin.post(f"/admin/articles/{article_id}/delete",
                          data={"csrf_token": token_of(admin, f"/admin/articles/{article_id}/delete")})
    assert response.status_code == 302
    assert admin.get(f"/api/v1/articles/{article_id}").status_code == 404
    assert admin.get("/api/v1/search?q=casino").get_json()["total"] == 0
    assert "It can be restored from Deleted articles for 30 days" in admin.get("/admin").get_data(as_text=True)

    listing = admin.get("/admin/deleted").get_data(as_text=True)
    assert "Jowell confirms casino climbdown" in listing and f"was #{article_id}" in listing
    kept_id = re.search(r'action="/admin/deleted/(\d+)/restore"', listing).group(1)
    assert admin.post(f"/admin/deleted/{kept_id}/restore").status_code == 400  # no CSRF token
    restored = admin.post(f"/admin/deleted/{kept_id}/restore", data={"csrf_token": token_of(admin, "/admin/deleted")})
    assert restored.status_code == 302
    new_id = int(re.search(r"/articles/(\d+)$", restored.headers["Location"]).group(1))
    assert "Restored “Jowell confirms casino climbdown”." in html.unescape(
        admin.get(f"/articles/{new_id}").get_data(as_text=True))
    assert actors_of(admin, new_id) == actors  # as extracted before: nothing extracted again
    assert admin.get("/api/v1/search?q=casino").get_json()["total"] == 1
    assert "None" in admin.get("/admin/deleted").get_data(as_text=True)
    assert admin.post(f"/admin/deleted/{kept_id}/restore",
                      data={"csrf_token": token_of(admin, "/admin/deleted")}).status_code == 404


def test_copies_older_than_the_keep_days_are_purged(app, client, auth):
    admin = log_in_admin(app, client)
    article_id = add_story(admin, auth)
    admin.post(f"/admin/articles/{article_id}/delete", data={"csrf_token": token_of(admin, "/admin")})
    assert f"was #{article_id}" in admin.get("/admin/deleted").get_data(as_text=True)
    with app.app_context():
        session = db.session()
        session.execute(update(DeletedArticle).values(deleted_at=utcnow() - timedelta(days=31)))
        session.commit()
    assert f"was #{article_id}" not in admin.get("/admin/deleted").get_data(as_text=True)
    with app.app_context():
        assert db.session().query(DeletedArticle).count() == 0


def test_with_keep_days_0_and_through_the_api_nothing_is_kept(tmp_path, auth):
    app = make_app(tmp_path / "data", DELETED_KEEP_DAYS=0)
    admin = log_in_admin(app, app.test_client())
    first, second = add_story(admin, auth), admin.post("/api/v1/articles", headers=auth,
                                                       json={"body": "Flood warning for Basel."}).get_json()["id"]
    assert "this cannot be undone" in admin.get(f"/admin/articles/{first}/delete").get_data(as_text=True)
    admin.post(f"/admin/articles/{first}/delete", data={"csrf_token": token_of(admin, "/admin")})
    assert admin.delete(f"/api/v1/articles/{second}", headers=auth).status_code == 204
    assert admin.delete(f"/api/v1/articles/{second}", headers=auth).status_code == 404
    assert "<td colspan=\"4\">None</td>" in admin.get("/admin/deleted").get_data(as_text=True)
    assert admin.get("/admin/articles/999/delete").status_code == 404
