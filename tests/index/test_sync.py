"""The index follows the database through the change log, and can always catch up."""
from archive import db
from archive.index.sync import apply_changes, index_lag
from archive.ingest import validate
from archive.logic.articles import ingest_article
from archive.models import Change


def test_a_failed_index_write_is_applied_later(app, client, auth):
    store = app.extensions["archive.index"]
    # Break the index folder for real: a file where the folder should be.
    store.close()
    store.path.parent.mkdir(parents=True, exist_ok=True)
    store.path.write_text("not an index")
    response = client.post("/api/v1/articles", json={"body": "Storm closes the port of Rotterdam."}, headers=auth)
    assert response.status_code == 201  # the database holds the article
    with app.app_context():
        session = db.new_session()
        assert index_lag(session, store) == 1
        session.close()
    store.path.unlink()
    # The next search applies the pending change first.
    assert client.get("/api/v1/search?q=Rotterdam").get_json()["total"] == 1
    assert client.get("/healthz").get_json()["index_lag"] == 0


def test_applying_twice_is_harmless(app):
    with app.app_context():
        session, store = db.new_session(), app.extensions["archive.index"]
        record = validate({"body": "Rail strike in Milan halts trains."})
        ingest_article(session, store, record, app.config["SPACY_MODEL"])
        store.set_applied_seq(0)  # as if the process died before recording progress
        assert index_lag(session, store) == 1
        assert apply_changes(session, store) == 1
        assert store.doc_count() == 1 and index_lag(session, store) == 0
        assert Change.last_seq(session) == 1
        session.close()
