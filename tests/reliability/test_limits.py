"""Hostile input at the API: clear 400s (or 404s), nothing stored, never a 500.

Complements tests/views/test_api.py and tests/ingest/test_records.py (body size,
invalid UTF-8, year 30000, per_page and page depth are covered there).
"""
import pytest

from tests.conftest import make_app


def stored(client) -> int:
    return client.get("/healthz").get_json()["articles"]


@pytest.mark.parametrize("article, field", [
    ({"body": "Text.", "title": "Bad\x00title"}, "title"),
    ({"body": "Text.", "source": "Wire\x07"}, "source"),
    ({"body": "Text.", "url": "http://example.org/a\x00b"}, "url"),
    ({"body": "Text.", "url": "http://[::1"}, "url"),
    ({"body": "Text.", "url": "http://example.org:port/"}, "url"),
    ({"body": "Text.", "url": "javascript:alert(1)"}, "url"),
    ({"body": "Text.", "url": "example.org/news"}, "url"),
    ({"body": "Lone \ud800 surrogate."}, "body"),
    ({"body": "Bell \x07 inside."}, "body"),
    ({"body": "\ufeff "}, "body"),
    ({"body": "Text.", "published_at": "0000-01-01"}, "published_at"),
    ({"body": "Text.", "published_at": "0001-01-01T00:00:00+01:00"}, "published_at"),
    ({"body": "Text.", "published_at": "9999-12-31T23:00:00-05:00"}, "published_at"),
    ({"body": "Text.", "language": "en\n"}, "language"),
    ({"body": "Text.", "title": "x" * 501}, "title"),
])
def test_bad_articles_are_refused_with_the_field(client, auth, article, field):
    response = client.post("/api/v1/articles", json=article, headers=auth)
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["field"] == field and error["message"]
    assert stored(client) == 0


def test_article_length_limit_is_a_clear_400(tmp_path, auth):
    app = make_app(tmp_path / "data", MAX_ARTICLE_CHARS=50)
    client = app.test_client()
    response = client.post("/api/v1/articles", json={"body": "word " * 20}, headers=auth)
    assert response.status_code == 400
    assert response.get_json()["error"]["message"] == "body is longer than 50 characters"
    assert stored(client) == 0
    app.extensions["archive.index"].close()
    app.extensions["archive.engine"].dispose()


def test_batch_reports_each_article(client, auth):
    articles = [{"body": "Floods in Porto close the old bridge."}, {"body": ""},
                {"body": "Floods in Porto close the old bridge."}, ["not", "an", "object"]]
    response = client.post("/api/v1/articles/batch", json={"articles": articles}, headers=auth)
    assert response.status_code == 200
    results = response.get_json()["results"]
    assert [r["status"] for r in results] == ["created", "failed", "duplicate", "failed"]
    assert results[0]["id"] == results[2]["id"]
    assert results[1]["error"] == {"status": 400, "code": "invalid", "message": "body is empty", "field": "body"}
    assert results[3]["error"]["message"] == "an article must be a JSON object"
    assert client.get("/api/v1/search?q=Porto").get_json()["total"] == 1


@pytest.mark.parametrize("payload", [{"articles": [{"body": f"Article {n}."} for n in range(101)]},
                                     {"articles": []}, {"articles": "many"}, {}])
def test_bad_batches_store_nothing(client, auth, payload):
    response = client.post("/api/v1/articles/batch", json=payload, headers=auth)
    assert response.status_code == 400
    assert response.get_json()["error"]["field"] == "articles"
    assert stored(client) == 0


def test_batch_needs_a_token(client):
    assert client.post("/api/v1/articles/batch", json={"articles": [{"body": "x"}]}).status_code == 401


@pytest.mark.parametrize("url, status", [
    ("/api/v1/articles/99999999999999999999999", 404),
    ("/api/v1/search?actor=99999999999999999999999", 400),
    ("/api/v1/search?place=%C2%B2", 400),
    ("/api/v1/search?q=one&q=two", 400),
    ("/api/v1/search?page=%2B5", 400),
    ("/api/v1/search?published_from=%202022", 400),
    ("/api/v1/search?" + "&".join(["actor=x"] * 21), 400),
    ("/api/v1/actors?q=" + "a" + "%20" * 250, 400),
])
def test_absurd_lookups_are_4xx_not_500(client, url, status):
    response = client.get(url)
    assert response.status_code == status
    assert response.get_json()["error"]["message"]


def test_huge_id_delete_is_a_404(client, auth):
    assert client.delete("/api/v1/articles/99999999999999999999999", headers=auth).status_code == 404


def test_empty_search_values_mean_unset(client):
    data = client.get("/api/v1/search?q=&page=&per_page=&sort=&published_from=").get_json()
    assert data["page"] == 1 and data["per_page"] == 20 and data["sort"] == "newest"
