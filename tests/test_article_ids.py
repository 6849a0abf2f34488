"""A deleted article's id is never given to a new article, and upgrading keeps every row."""
import sqlite3

import pytest

from archive import create_app, migrate
from archive.settings import database_url


def test_deleted_id_is_not_reused(client, auth):
    first = client.post("/api/v1/articles", headers=auth, json={"body": "Tram strike in Graz."}).get_json()["id"]
    second = client.post("/api/v1/articles", headers=auth, json={"body": "Bridge works in Linz."}).get_json()["id"]
    assert client.delete(f"/api/v1/articles/{second}", headers=auth).status_code == 204
    third = client.post("/api/v1/articles", headers=auth, json={"body": "Snow in Salzburg."}).get_json()["id"]
    assert third not in (first, second)
    assert client.delete(f"/api/v1/articles/{second}", headers=auth).status_code == 404
    assert client.get(f"/api/v1/articles/{third}").status_code == 200


def test_upgrade_to_autoincrement_keeps_rows(tmp_path):
    """Rows written at schema 0004 (by hand: today's code writes today's schema) survive the upgrade."""
    data = tmp_path / "data"
    data.mkdir()
    app = create_app({"DATA_DIR": str(data), "DATABASE_URL": None, "ADMIN_TOKEN": "t"})
    url = database_url(app.config)
    if not url.startswith("sqlite"):
        pytest.skip("the AUTOINCREMENT migration only changes SQLite")
    migrate.upgrade(url, "0004_postgresql_bigint_ids")
    with sqlite3.connect(data / "archive.db") as db:
        db.execute("insert into articles (id, title, body, language, content_hash, ingested_at, updated_at) "
                   "values (1, 'Macron in Lyon', 'President Emmanuel Macron visited Lyon on Monday.', 'en', "
                   "'h1', '2024-01-01', '2024-01-01')")
        db.execute("insert into entities (id, kind, name, key) values (1, 'person', 'Emmanuel Macron', 'emmanuel macron')")
        db.execute("insert into mentions (article_id, entity_id, text, start, \"end\") values (1, 1, 'Emmanuel Macron', 10, 25)")
        db.execute("insert into article_entities values (1, 1, 1, 10)")
        db.execute("insert into article_dates (article_id, text, value, start, \"end\") "
                   "values (1, 'Monday', '2024-01-01', 40, 46)")
    counts = "select (select count(*) from articles), (select count(*) from mentions), " \
             "(select count(*) from article_entities), (select count(*) from article_dates)"
    with sqlite3.connect(data / "archive.db") as db:
        before = db.execute(counts).fetchone()
    migrate.upgrade(url)
    with sqlite3.connect(data / "archive.db") as db:
        assert db.execute(counts).fetchone() == before == (1, 1, 1, 1)
        assert "AUTOINCREMENT" in db.execute("select sql from sqlite_master where name='articles'").fetchone()[0]
    article = app.test_client().get("/api/v1/articles/1").get_json()
    assert article["title"] == "Macron in Lyon" and article["actors"][0]["name"] == "Emmanuel Macron"
    app.extensions["archive.engine"].dispose()
