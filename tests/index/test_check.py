"""`archive check`: drift between the index and the database is found, reported and repaired."""
from datetime import timedelta

from whoosh import index as whoosh_index
from whoosh.fields import ID, TEXT, Schema

from archive import create_app, db
from archive.index import IndexStore
from archive.index.check import find_drift
from archive.ingest import validate
from archive.logic.ingest import ingest_article
from archive.models import Article
from tests.conftest import ADMIN_TOKEN


def ingest(app, *bodies, store=None):
    with app.app_context():
        session = db.new_session()
        store = store or app.extensions["archive.index"]
        ids = [ingest_article(session, store, validate({"body": b}), app.config["SPACY_MODEL"]).article.id
               for b in bodies]
        session.close()
    return ids


def check(app, *args):
    return app.test_cli_runner().invoke(args=["archive", "check", *args])


def test_clean_archive_has_no_drift(app):
    ingest(app, "Floods in Porto close the bridge.", "Strike in Turin stops the trams.")
    result = check(app)
    assert result.exit_code == 0 and "no drift" in result.output
    assert "2 articles, 2 index documents, index lag 0" in result.output


def test_missing_stale_and_orphaned_are_reported_then_repaired(app):
    missing, stale, _kept = ingest(app, "Floods in Porto close the bridge.", "Strike in Turin stops the trams.",
                                  "Snow in Oslo delays flights.")
    store = app.extensions["archive.index"]
    with app.app_context():
        session = db.new_session()
        session.get(Article, stale).title = "A new headline"  # changes title and updated_at
        session.commit()
        session.close()
    with store.write_lock(), store.writer() as writer:
        writer.delete_by_term("id", str(missing))
        writer.add_document(id="999", title="ghost", body="nobody stored this", updated="2020-01-01T00:00:00")
    result = check(app)
    assert result.exit_code == 1 and "drift found" in result.output
    assert f"missing: 1 ({missing})" in result.output
    assert f"stale: 1 ({stale})" in result.output
    assert "orphaned: 1 (999)" in result.output
    repaired = check(app, "--repair")
    assert repaired.exit_code == 0 and repaired.output.rstrip().endswith("no drift")
    assert check(app).exit_code == 0
    client = app.test_client()
    assert client.get("/api/v1/search?q=Porto").get_json()["total"] == 1
    assert client.get('/api/v1/search?q=title:headline').get_json()["total"] == 1
    assert client.get("/api/v1/search?q=ghost").get_json()["total"] == 0


def test_an_older_index_document_is_stale(app):
    (article_id,) = ingest(app, "Floods in Porto close the bridge.")
    with app.app_context():
        session = db.new_session()
        article = session.get(Article, article_id)
        article.updated_at = article.updated_at + timedelta(seconds=5)  # the row changed after indexing
        session.commit()
        report = find_drift(session, app.extensions["archive.index"])
        session.close()
    assert report.stale == [article_id] and not report.missing and not report.orphaned


def test_an_index_of_an_older_schema_is_rebuilt_from_the_change_log(app):
    ingest(app, "Floods in Porto close the bridge.", "Strike in Turin stops the trams.")
    store = app.extensions["archive.index"]
    store.close()
    # The index as an earlier release wrote it: no stored title, no `updated` field.
    whoosh_index.create_in(str(store.path), Schema(id=ID(stored=True, unique=True), title=TEXT, body=TEXT))
    health = app.test_client().get("/healthz").get_json()  # the first request catches up
    assert health["status"] == "ok" and health["indexed"] == 2 and health["index_lag"] == 0
    assert check(app).exit_code == 0


def test_first_request_applies_changes_a_killed_worker_left(app, tmp_path):
    ingest(app, "Floods in Porto close the bridge.")
    broken = tmp_path / "not-an-index"
    broken.write_text("a file where the index should be")
    ingest(app, "Strike in Turin stops the trams.", store=IndexStore(broken))  # stored, never indexed
    with app.app_context():
        session = db.new_session()
        assert find_drift(session, app.extensions["archive.index"]).lag == 1
        session.close()
    worker = create_app({"DATA_DIR": app.config["DATA_DIR"], "DATABASE_URL": app.config["DATABASE_URL"],
                         "ADMIN_TOKEN": ADMIN_TOKEN, "TESTING": True})
    health = worker.test_client().get("/healthz").get_json()
    assert health["index_lag"] == 0 and health["indexed"] == health["articles"] == 2
    worker.extensions["archive.index"].close()
    worker.extensions["archive.engine"].dispose()
