"""Restore brings a deleted article back under its old id, so links, bookmarks, exports and API
clients holding that id reach it again (issue 18, item 13); a new id only if the old one is taken."""
import html
import re

from sqlalchemy import text

from archive import db
from tests.conftest import SHARED
from tests.views.test_admin import log_in_admin, token_of
from tests.views.test_near_duplicates import article as near_duplicate

STORY = SHARED / "data" / "news" / "bbc" / "politics" / "187.txt"  # "Jowell confirms casino climbdown"


def add(client, auth, body: str, title: str | None = None, **fields) -> int:
    response = client.post("/api/v1/articles", headers=auth, json={"title": title, "body": body, **fields})
    assert response.status_code == 201, response.get_json()
    return response.get_json()["id"]


def add_story(client, auth) -> int:
    title, _, body = STORY.read_text(encoding="utf-8").partition("\n")
    return add(client, auth, body.strip(), title.strip(), published_at="2005-02-01")


def delete_and_restore(admin, article_id: int) -> tuple[int, str]:
    """Delete through the confirmation form, restore from Deleted articles; (the id it came back
    under, the flashed message)."""
    deleted = admin.post(f"/admin/articles/{article_id}/delete",
                         data={"csrf_token": token_of(admin, f"/admin/articles/{article_id}/delete")})
    assert deleted.status_code == 302
    assert admin.get(f"/api/v1/articles/{article_id}").status_code == 404
    listing = admin.get("/admin/deleted").get_data(as_text=True)
    kept_id = re.search(rf'was #{article_id}</span>.*?action="/admin/deleted/(\d+)/restore"', listing, re.S).group(1)
    restored = admin.post(f"/admin/deleted/{kept_id}/restore", data={"csrf_token": token_of(admin, "/admin/deleted")})
    assert restored.status_code == 302
    new_id = int(re.search(r"/articles/(\d+)$", restored.headers["Location"]).group(1))
    page = html.unescape(admin.get(f"/articles/{new_id}").get_data(as_text=True))
    return new_id, re.search(r"Restored[^<]*", page).group(0)


def check_output(app) -> str:
    result = app.test_cli_runner().invoke(args=["archive", "check"])
    assert result.exit_code == 0, result.output
    return result.output


def without_updated_at(data: dict) -> dict:
    return {key: value for key, value in data.items() if key != "updated_at"}


def test_restore_keeps_the_id_and_the_next_article_gets_a_new_one(app, client, auth):
    admin = log_in_admin(app, client)
    add(admin, auth, "Tram strike in Graz on Monday.")
    article_id = add_story(admin, auth)  # the highest id: a reused id would be this one
    before = admin.get(f"/api/v1/articles/{article_id}").get_json()
    assert before["actors"] and before["places"] and before["dates"]

    restored_id, message = delete_and_restore(admin, article_id)
    assert restored_id == article_id and message == "Restored “Jowell confirms casino climbdown”."
    assert admin.get(f"/articles/{article_id}").status_code == 200
    after = admin.get(f"/api/v1/articles/{article_id}").get_json()
    assert without_updated_at(after) == without_updated_at(before)  # title, body, entities, mentions, dates
    found = admin.get("/api/v1/search?q=casino").get_json()
    assert [hit["id"] for hit in found["results"]] == [article_id]
    assert "no drift" in check_output(app)

    newer = add(admin, auth, "Snow closes the passes near Salzburg.")
    assert newer > article_id
    assert admin.get(f"/api/v1/articles/{article_id}").get_json()["title"] == before["title"]
    assert "no drift" in check_output(app)


def test_the_id_of_an_article_deleted_meanwhile_is_not_reused_before_its_restore(app, client, auth):
    admin = log_in_admin(app, client)
    article_id = add_story(admin, auth)
    admin.post(f"/admin/articles/{article_id}/delete", data={"csrf_token": token_of(admin, "/admin")})
    newer = add(admin, auth, "Snow closes the passes near Salzburg.")  # while the story is deleted
    assert newer != article_id
    listing = admin.get("/admin/deleted").get_data(as_text=True)
    kept_id = re.search(r'action="/admin/deleted/(\d+)/restore"', listing).group(1)
    restored = admin.post(f"/admin/deleted/{kept_id}/restore", data={"csrf_token": token_of(admin, "/admin/deleted")})
    assert restored.headers["Location"].endswith(f"/articles/{article_id}")
    assert admin.get(f"/api/v1/articles/{newer}").get_json()["body"] == "Snow closes the passes near Salzburg."
    assert "no drift" in check_output(app)


def set_next_article_id(app, next_id: int) -> None:
    """Make the database hand out `next_id` next, as a sequence reset (a botched dump restore) would."""
    with app.app_context():
        session = db.session()
        if session.get_bind().dialect.name == "postgresql":
            session.execute(text("select setval(pg_get_serial_sequence('articles', 'id'), :next, false)"),
                            {"next": next_id})
        else:
            session.execute(text("update sqlite_sequence set seq = :last where name = 'articles'"),
                            {"last": next_id - 1})
        session.commit()


def test_restore_falls_back_to_a_new_id_when_the_old_one_is_taken(app, client, auth):
    admin = log_in_admin(app, client)
    article_id = add_story(admin, auth)
    admin.post(f"/admin/articles/{article_id}/delete", data={"csrf_token": token_of(admin, "/admin")})
    set_next_article_id(app, article_id)
    assert add(admin, auth, "Snow closes the passes near Salzburg.") == article_id  # the old id, taken

    listing = admin.get("/admin/deleted").get_data(as_text=True)
    kept_id = re.search(r'action="/admin/deleted/(\d+)/restore"', listing).group(1)
    restored = admin.post(f"/admin/deleted/{kept_id}/restore", data={"csrf_token": token_of(admin, "/admin/deleted")})
    new_id = int(re.search(r"/articles/(\d+)$", restored.headers["Location"]).group(1))
    assert new_id != article_id
    page = html.unescape(admin.get(f"/articles/{new_id}").get_data(as_text=True))
    assert (f"Restored “Jowell confirms casino climbdown” as #{new_id}: its old id #{article_id} "
            "now belongs to another article, so old links to it do not reach this one.") in page
    assert admin.get(f"/api/v1/articles/{new_id}").get_json()["title"] == "Jowell confirms casino climbdown"
    assert admin.get(f"/api/v1/articles/{article_id}").get_json()["body"] == "Snow closes the passes near Salzburg."
    assert "no drift" in check_output(app)


def test_a_restored_first_copy_leads_its_near_duplicate_group_again(app, client, auth):
    admin = log_in_admin(app, client)
    first = add(admin, auth, **near_duplicate("noranda_first"))
    copy = add(admin, auth, **near_duplicate("noranda_copy"))
    group = admin.get("/api/v1/search?q=miners").get_json()
    assert group["total"] == 2 and group["results"][0]["dup_group"] == first

    restored_id, _message = delete_and_restore(admin, first)
    assert restored_id == first
    found = admin.get("/api/v1/search?q=miners").get_json()
    assert found["total"] == 2 and len(found["results"]) == 1
    assert found["results"][0]["dup_group"] == first and found["results"][0]["similar_count"] == 1
    page = admin.get(f"/articles/{first}").get_data(as_text=True)
    assert 'id="similar"' in page and f'href="/articles/{copy}"' in page
    assert "no drift" in check_output(app)
